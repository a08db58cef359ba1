package dev.crossborder.report;

import dev.crossborder.config.OutputFormat;
import dev.crossborder.model.JobException;
import dev.crossborder.model.OutputTables;
import dev.crossborder.model.TableSpec;
import dev.crossborder.publish.OutputFolder;
import java.io.IOException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The published tables of one output folder, as the report reads them: the folder must carry this tool's
 * marker and every table the report needs; each table is read as Delta when it has a {@code _delta_log},
 * else as Parquet (a run with {@code --format parquet}).
 */
final class ReportTables {
  /** The tables the report reads. */
  static final List<TableSpec> NEEDED = List.of(OutputTables.GMV_GROWTH, OutputTables.MARKET_SHARE,
      OutputTables.BENCHMARK_COMPARISON, OutputTables.SHIPMENT_VOLUMES, OutputTables.FULFILLMENT_MIX,
      OutputTables.POLICY_IMPACT, OutputTables.GROWTH_SUMMARY, OutputTables.SHIPMENT_CUBE);

  private static final String DELTA_LOG = "_delta_log";

  private final Map<TableSpec, Dataset<Row>> tables;
  private final Set<OutputFormat> formats;

  private ReportTables(Map<TableSpec, Dataset<Row>> tables, Set<OutputFormat> formats) {
    this.tables = tables;
    this.formats = formats;
  }

  /** Checks the folder and opens every needed table; exit 2 with what to do when the folder cannot be used. */
  static ReportTables open(SparkSession spark, String output) {
    Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
    String root = output.endsWith("/") ? output.substring(0, output.length() - 1) : output;
    Map<TableSpec, Dataset<Row>> tables = new LinkedHashMap<>();
    Set<OutputFormat> formats = EnumSet.noneOf(OutputFormat.class);
    try {
      Path folder = new Path(root);
      FileSystem fs = folder.getFileSystem(hadoopConf);
      if (!fs.isDirectory(folder)) {
        throw refused(output, (fs.exists(folder) ? "it is a file" : "the folder does not exist")
            + "; give the --output folder of a run");
      }
      if (!fs.exists(new Path(folder, OutputFolder.MARKER))) {
        throw refused(output, "it is not a crossborder-analytics output folder (no " + OutputFolder.MARKER
            + " marker); give the --output folder of a run");
      }
      for (TableSpec spec : NEEDED) {
        Path table = new Path(folder, spec.relativePath());
        if (!fs.isDirectory(table)) {
          throw refused(output, "table " + spec.relativePath() + " is missing; run the job with --output "
              + output + " first (a run stopped by the quality gate publishes no gold tables)");
        }
        OutputFormat format = fs.isDirectory(new Path(table, DELTA_LOG)) ? OutputFormat.DELTA : OutputFormat.PARQUET;
        formats.add(format);
        tables.put(spec, read(spark, format, table.toString(), spec, output));
      }
    } catch (IOException e) {
      throw refused(output, e.getMessage());
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

  private static Dataset<Row> read(SparkSession spark, OutputFormat format, String path, TableSpec spec,
      String output) {
    Dataset<Row> rows;
    try {
      rows = format == OutputFormat.DELTA ? spark.read().format("delta").load(path) : spark.read().parquet(path);
    } catch (RuntimeException e) {
      throw refused(output, "table " + spec.relativePath() + " cannot be read: " + JobException.rootCauseMessage(e));
    }
    List<String> missing = spec.columnNames().stream().filter(c -> !List.of(rows.columns()).contains(c)).toList();
    if (!missing.isEmpty()) {
      throw refused(output, "table " + spec.relativePath() + " lacks columns " + missing
          + " (written by another version?); rerun the job");
    }
    return rows;
  }

  private static JobException refused(String output, String why) {
    return JobException.input("Cannot report on --output " + output + ": " + why);
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
