package dev.crossborder.report;

import dev.crossborder.config.OutputFormat;
import dev.crossborder.model.OutputTables;
import dev.crossborder.model.TableSpec;
import dev.crossborder.publish.PublishedTables;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The published tables of one output folder, as the report reads them ({@link PublishedTables}): every table
 * the report needs must be there.
 */
final class ReportTables {
  /** The tables the report reads. */
  static final List<TableSpec> NEEDED = List.of(OutputTables.GMV_GROWTH, OutputTables.MARKET_SHARE,
      OutputTables.BENCHMARK_COMPARISON, OutputTables.SHIPMENT_VOLUMES, OutputTables.FULFILLMENT_MIX,
      OutputTables.POLICY_IMPACT, OutputTables.GROWTH_SUMMARY, OutputTables.SHIPMENT_CUBE,
      OutputTables.POLICY_SCENARIOS, OutputTables.RUNS);

  private static final String PURPOSE = "report on";

  private final Map<TableSpec, Dataset<Row>> tables;
  private final Set<OutputFormat> formats;

  private ReportTables(Map<TableSpec, Dataset<Row>> tables, Set<OutputFormat> formats) {
    this.tables = tables;
    this.formats = formats;
  }

  /** Checks the folder and opens every needed table; exit 2 with what to do when the folder cannot be used. */
  static ReportTables open(SparkSession spark, String output) {
    Map<TableSpec, PublishedTables.Found> found = PublishedTables.open(spark, output, PURPOSE, NEEDED);
    Map<TableSpec, Dataset<Row>> tables = new LinkedHashMap<>();
    Set<OutputFormat> formats = EnumSet.noneOf(OutputFormat.class);
    for (TableSpec spec : NEEDED) {
      PublishedTables.Found table = found.get(spec);
      if (table == null) {
        throw PublishedTables.refused(PURPOSE, output, "table " + spec.relativePath() + " is missing; run the job"
            + " with --output " + output + " first (a run stopped by the quality gate publishes no gold tables)");
      }
      formats.add(table.format());
      tables.put(spec, table.rows());
    }
    return new ReportTables(tables, formats);
  }

  /**
   * The tables a run just published, as the frames it published (still cached in its session): the report of
   * {@code run --report} reads no table back. Every needed table must be there.
   */
  static ReportTables of(Map<TableSpec, Dataset<Row>> published, OutputFormat format) {
    for (TableSpec spec : NEEDED) {
      if (!published.containsKey(spec)) {
        throw new IllegalArgumentException("The report needs " + spec.relativePath() + ", which was not given");
      }
    }
    return new ReportTables(Map.copyOf(published), EnumSet.of(format));
  }

  Dataset<Row> rows(TableSpec spec) {
    Dataset<Row> rows = tables.get(spec);
    if (rows == null) {
      throw new IllegalArgumentException(spec.relativePath() + " is not among the tables the report reads");
    }
    return rows;
  }

  /** "Delta", "Parquet", or both when runs of either format left tables in the folder. */
  String formatText() {
    return String.join(" and ", formats.stream().map(f -> f == OutputFormat.DELTA ? "Delta" : "Parquet").toList());
  }
}
