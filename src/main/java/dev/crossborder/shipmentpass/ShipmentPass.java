package dev.crossborder.shipmentpass;

import static dev.crossborder.model.Columns.*;
import static org.apache.spark.sql.functions.col;

import dev.crossborder.conform.DeMinimis;
import dev.crossborder.conform.PolicyScenarios;
import dev.crossborder.conform.ShipmentCube;
import dev.crossborder.ingest.ReferenceData;
import dev.crossborder.model.Expectation;
import dev.crossborder.model.LandingDataset;
import dev.crossborder.model.Measure;
import dev.crossborder.model.ParsedColumns;
import dev.crossborder.quality.ExpectationFlags;
import dev.crossborder.quality.FrameCache;
import dev.crossborder.quality.RowFlags;
import dev.crossborder.quality.ShipmentQuality;
import dev.crossborder.quality.Tally;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The one pass over the shipments (DESIGN.md §2): the quality stage's parsing, lookups and row-level rules
 * ({@link ShipmentQuality}), the conform stage's de minimis rule and cube values ({@link DeMinimis},
 * {@link ShipmentCube}) and the fold of the clean rows into cube groups ({@link Tally}), fused into one scan of
 * the files so that Spark runs them as one generated stage. The two stages are column builders that know
 * nothing of each other; this class is where they meet. Only the duplicate check moves rows (see
 * {@link RowFlags#withDuplicateReasons}): a count of shipment_id hashes, then the rows of repeated ids alone.
 */
public final class ShipmentPass {
  private ShipmentPass() {}

  /**
   * {@link #flag(SparkSession, Dataset, ReferenceData, LocalDate, int, UnaryOperator)} with as many shuffle
   * partitions as the session's default parallelism, caching nothing: for small inputs read once.
   */
  public static Dataset<Row> flag(SparkSession spark, Dataset<Row> raw, ReferenceData reference, LocalDate runDate) {
    return flag(spark, raw, reference, runDate, spark.sparkContext().defaultParallelism(), FrameCache.NONE);
  }

  /**
   * The shipment rows with their reasons (empty: clean) as entries of {@link #cubeTally}: the clean rows folded
   * into groups by file and cube keys, every other row an entry of its own with its {@code record}. The
   * row-level rules and the narrowing to what the cube and the quarantine need ({@link ShipmentCube#inputs})
   * run before the duplicate check moves any row, so the copies it shuffles carry only these columns, the copy
   * content and the text values as read; {@code partitions} bounds that shuffle and {@code cache} keeps the
   * frames the entries are read from.
   */
  public static Dataset<Row> flag(SparkSession spark, Dataset<Row> raw, ReferenceData reference, LocalDate runDate,
      int partitions, UnaryOperator<Dataset<Row>> cache) {
    return flag(spark, raw, reference, runDate, partitions, RowFlags.MAX_BROADCAST_KEYS, cache);
  }

  /** As above, with the most repeated keys whose hashes are broadcast (0 forces the shuffle of every row). */
  public static Dataset<Row> flag(SparkSession spark, Dataset<Row> raw, ReferenceData reference, LocalDate runDate,
      int partitions, long maxBroadcastKeys, UnaryOperator<Dataset<Row>> cache) {
    return flag(spark, raw, reference, runDate, partitions, maxBroadcastKeys, List.of(), Map.of(), cache);
  }

  /**
   * As above, with the flags of {@code expectations} ({@link ExpectationFlags}) over {@code expectationColumns} (the
   * typed, conformed columns a condition may use, as columns of {@link #rowLevel}'s frame), evaluated in the same
   * pass and added up in the fold. The fold's measures (see {@link #cubeTally}) add up the flags too.
   */
  public static Dataset<Row> flag(SparkSession spark, Dataset<Row> raw, ReferenceData reference, LocalDate runDate,
      int partitions, long maxBroadcastKeys, List<Expectation> expectations, Map<String, Column> expectationColumns,
      UnaryOperator<Dataset<Row>> cache) {
    List<Column> narrowed = new ArrayList<>(List.of(ShipmentCube.inputs(RowFlags.isClean())));
    narrowed.addAll(ExpectationFlags.flagColumns(expectations));
    narrowed.addAll(PolicyScenarios.inputs(RowFlags.isClean(), reference));
    List<String> comparedOnly = List.of(SHIPMENT_ID, ParsedColumns.VALUE, CURRENCY, ParsedColumns.WEIGHT);
    for (String name : comparedOnly) {
      narrowed.add(col(name));
    }
    narrowed.add(col(CORRUPT_RECORD));
    narrowed.addAll(RowFlags.rawValues(LandingDataset.SHIPMENTS.columns(), LandingDataset.SHIPMENTS.typedColumns()));
    return RowFlags.withDuplicateReasons(raw,
        rows -> rowLevel(spark, rows, reference, runDate)
            .transform(checked -> ExpectationFlags.withFlags(checked, expectations, expectationColumns))
            .select(narrowed.toArray(Column[]::new))
            .transform(narrow -> PolicyScenarios.withDutyParts(narrow, reference)),
        LandingDataset.SHIPMENTS.keyColumns(), ShipmentQuality.COPY_CONTENT, comparedOnly,
        cubeTally(reference, expectations), partitions, maxBroadcastKeys, cache);
  }

  /**
   * Every row with its parsed values, reference lookups, de minimis rule, the policy scenarios' rates and its
   * row-level reasons.
   */
  public static Dataset<Row> rowLevel(SparkSession spark, Dataset<Row> raw, ReferenceData reference,
      LocalDate runDate) {
    return raw
        .transform(ShipmentQuality::withCheckedText)
        .transform(rows -> ShipmentQuality.withReferenceLookups(rows, spark, reference))
        .transform(rows -> DeMinimis.withApplicableRule(rows, spark, reference))
        .transform(ShipmentCube::withParcelValue)
        .transform(rows -> PolicyScenarios.withScenarioRates(rows, spark, reference))
        .transform(rows -> RowFlags.withReasons(rows,
            ShipmentQuality.rules(reference, runDate, DeMinimis.ruleRateMissing())));
  }

  /**
   * How the checked shipment rows are kept (see {@link Tally}): the final ones folded by file and cube keys
   * (every entry keeps its file, so the months each file holds can still be told), with the sums the cube
   * adds up, the days of the month they were shipped on, and the sums of each policy scenario
   * ({@link PolicyScenarios#measures}) and the flags of the expectations. A quarantined entry keeps its reasons
   * and record; the cube never reads its measures.
   */
  static Tally cubeTally(ReferenceData reference, List<Expectation> expectations) {
    List<String> keys = new ArrayList<>(List.of(REASONS, RECORD, SOURCE_FILE));
    keys.addAll(ShipmentCube.GROUP_KEYS);
    List<Measure> measures = new ArrayList<>(ShipmentCube.measures());
    measures.addAll(PolicyScenarios.measures(reference));
    measures.addAll(ExpectationFlags.measures(expectations));
    return Tally.byKeys(keys, measures);
  }
}
