package dev.crossborder.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.conform.ShipmentCube;
import dev.crossborder.ingest.LandingReader;
import dev.crossborder.ingest.ReferenceData;
import dev.crossborder.ingest.ReferenceLoader;
import dev.crossborder.model.LandingDataset;
import dev.crossborder.quality.CheckedRows;
import dev.crossborder.shipmentpass.ShipmentPass;
import dev.crossborder.testing.SparkTestBase;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenFallback;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.SortExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.aggregate.HashAggregateExec;
import org.apache.spark.sql.execution.aggregate.SortAggregateExec;
import org.apache.spark.sql.execution.columnar.InMemoryTableScanExec;
import org.apache.spark.sql.execution.exchange.ShuffleExchangeExec;
import org.apache.spark.sql.execution.joins.BroadcastHashJoinExec;
import org.apache.spark.sql.execution.joins.ShuffledHashJoinExec;
import org.apache.spark.sql.execution.joins.SortMergeJoinExec;
import org.apache.spark.sql.execution.window.WindowExec;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Performance by design, read off the physical plans of the shipments path on the sample (csv + jsonl): the
 * files are scanned once, the clean rows are folded into groups before they move, only the rows of repeated
 * shipment_ids are compared, every reference join is a broadcast, no UDF blocks code generation, and the cube
 * reads the persisted entries, not the files.
 */
class ShipmentPlanTest extends SparkTestBase {

  /**
   * The operators of {@code frame}'s physical plan (the initial adaptive plan: exchanges and sorts included),
   * without those that built a cached relation: a cached frame is read, not recomputed.
   */
  private static List<SparkPlan> operators(Dataset<Row> frame) {
    List<SparkPlan> operators = new ArrayList<>();
    collect(frame.queryExecution().executedPlan(), operators);
    return operators;
  }

  private static void collect(SparkPlan plan, List<SparkPlan> operators) {
    if (plan instanceof AdaptiveSparkPlanExec adaptive) {
      collect(adaptive.executedPlan(), operators);
      return;
    }
    operators.add(plan);
    CollectionConverters.asJava(plan.children()).forEach(child -> collect(child, operators));
  }

  /** The expressions of {@code operators} that Spark evaluates without generated code. */
  private static List<String> interpretedExpressions(List<SparkPlan> operators) {
    List<String> interpreted = new ArrayList<>();
    for (SparkPlan operator : operators) {
      CollectionConverters.asJava(operator.expressions()).forEach(e -> collectInterpreted(e, interpreted));
    }
    return interpreted;
  }

  private static void collectInterpreted(Expression expression, List<String> interpreted) {
    if (expression instanceof CodegenFallback) {
      interpreted.add(expression.prettyName());
    }
    CollectionConverters.asJava(expression.children()).forEach(child -> collectInterpreted(child, interpreted));
  }

  private static long count(List<SparkPlan> operators, Class<?> type) {
    return operators.stream().filter(type::isInstance).count();
  }

  private static long scansOf(List<SparkPlan> operators, String format) {
    return operators.stream().filter(o -> o.simpleString(0).startsWith("FileScan " + format)).count();
  }

  @Test
  void theFilesAreScannedOnceTheCleanRowsFoldedBeforeAnyShuffleAndOnlyRepeatedShipmentIdsCompared() {
    ReferenceData reference = ReferenceLoader.load(spark, "datasets/sample");
    LandingDataset shipments = LandingDataset.SHIPMENTS;
    Dataset<Row> raw = LandingReader.read(spark, "datasets/sample/shipments",
        new LandingReader.Contract(shipments.folder(), shipments.columns(), shipments.requiredColumns()));
    // Each frame the check caches, with its operators as they were handed over.
    List<Dataset<Row>> cached = new ArrayList<>();
    List<List<SparkPlan>> plans = new ArrayList<>();
    UnaryOperator<Dataset<Row>> cache = frame -> {
      plans.add(operators(frame));
      assertFalse(frame.queryExecution().executedPlan().treeString().contains("UDF"));
      Dataset<Row> persisted = frame.persist();
      cached.add(persisted);
      return persisted;
    };
    try {
      // Runs the count of each shipment_id hash (a job of its own) and hands over the frames to cache.
      Dataset<Row> flagged = ShipmentPass.flag(spark, raw, reference, LocalDate.of(2026, 11, 25), 2, cache);
      assertEquals(2, plans.size(), "the sample has copies: the rows, then the compared copies");

      // The rows: each format scanned once, every reference join a broadcast, the clean rows folded by file and
      // cube keys in a hash aggregate before its one shuffle (no sort), the other rows kept as they are.
      List<SparkPlan> rows = plans.get(0);
      assertEquals(1, scansOf(rows, "csv"));
      assertEquals(1, scansOf(rows, "json"));
      assertEquals(0, count(rows, SortMergeJoinExec.class) + count(rows, ShuffledHashJoinExec.class));
      // destination, origin, FX, origin-specific rule, '*' rule, rule currency FX, the policy scenarios' rates
      // (the sample has scenarios), repeated key hashes
      assertEquals(8, count(rows, BroadcastHashJoinExec.class));
      List<SparkPlan> folds = rows.stream().filter(ShuffleExchangeExec.class::isInstance).toList();
      assertEquals(1, folds.size());
      String foldPartitioning = ((ShuffleExchangeExec) folds.get(0)).outputPartitioning().toString();
      assertTrue(foldPartitioning.startsWith("hashpartitioning(reasons#"), foldPartitioning);
      // Every expression compiles: one that cannot (a lambda, say) takes its operator out of the stage's
      // generated code, and every row is then copied into and out of that operator.
      assertEquals(List.of(), interpretedExpressions(rows));
      // partial (before the shuffle) and final
      assertEquals(2, count(rows, HashAggregateExec.class));
      assertEquals(0, count(rows, SortAggregateExec.class) + count(rows, SortExec.class));
      List<SparkPlan> belowTheShuffle = new ArrayList<>();
      collect(folds.get(0), belowTheShuffle);
      assertTrue(belowTheShuffle.stream().anyMatch(HashAggregateExec.class::isInstance),
          "the rows are folded before they are shuffled");

      // The copies: read from the cached rows, the one shuffle (by shipment_id), one window and one sort.
      List<SparkPlan> copies = plans.get(1);
      assertEquals(0, count(copies, FileSourceScanExec.class));
      assertEquals(1, count(copies, InMemoryTableScanExec.class));
      List<SparkPlan> shuffles = copies.stream().filter(ShuffleExchangeExec.class::isInstance).toList();
      assertEquals(1, shuffles.size());
      String partitioning = ((ShuffleExchangeExec) shuffles.get(0)).outputPartitioning().toString();
      assertTrue(partitioning.startsWith("hashpartitioning(shipment_id#"), partitioning);
      assertEquals(1, count(copies, WindowExec.class));
      assertEquals(1, count(copies, SortExec.class));

      // What every later step reads: the two cached frames (the stored one twice: its folded entries and its
      // rows kept apart), no file, no shuffle.
      List<SparkPlan> result = operators(flagged);
      assertEquals(3, count(result, InMemoryTableScanExec.class));
      assertEquals(0, count(result, FileSourceScanExec.class) + count(result, ShuffleExchangeExec.class));
    } finally {
      cached.forEach(Dataset::unpersist);
    }

    CheckedRows checked = CheckedRows.check(shipments.folder(), raw,
        (r, frames) -> ShipmentPass.flag(spark, r, reference, LocalDate.of(2026, 11, 25), 2, frames));
    try {
      List<SparkPlan> cube = operators(ShipmentCube.compute(checked.clean()));
      // The cube reads the persisted entries; the files are not read again.
      assertTrue(count(cube, InMemoryTableScanExec.class) > 0);
      assertEquals(0, count(cube, FileSourceScanExec.class));
    } finally {
      checked.release();
    }
  }
}
