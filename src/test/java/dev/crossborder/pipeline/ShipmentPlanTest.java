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
import dev.crossborder.quality.ShipmentQuality;
import dev.crossborder.testing.SparkTestBase;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Performance by design, read off the physical plan of the shipments path on the sample (csv + jsonl): the
 * landing files are scanned once per format, duplicate detection is the only shuffle over raw rows, every
 * reference join is a broadcast, and no UDF blocks code generation.
 */
class ShipmentPlanTest extends SparkTestBase {

  private static int count(String plan, String regex) {
    Matcher m = Pattern.compile(regex).matcher(plan);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** The plan without the subtrees that only describe how a cached relation was built. */
  private static String outsideCachedRelations(String plan) {
    StringBuilder kept = new StringBuilder();
    int cachedIndent = -1;
    for (String line : plan.split("\n")) {
      int indent = line.length() - line.replaceFirst("^[ :+|-]*", "").length(); // depth of the node name
      if (line.isBlank() || (cachedIndent >= 0 && indent > cachedIndent)) {
        continue;
      }
      cachedIndent = line.contains("InMemoryRelation") ? indent : -1;
      kept.append(line).append('\n');
    }
    return kept.toString();
  }

  @Test
  void rawShipmentsAreScannedOnceAndShuffledOnlyByShipmentId() {
    ReferenceData reference = ReferenceLoader.load(spark, "datasets/sample");
    LandingDataset shipments = LandingDataset.SHIPMENTS;
    Dataset<Row> raw = LandingReader.read(spark, "datasets/sample/shipments",
        new LandingReader.Contract(shipments.folder(), shipments.columns(), shipments.requiredColumns()));
    Dataset<Row> flagged = ShipmentQuality.flag(spark, raw, reference, LocalDate.of(2026, 11, 25));
    // The initial adaptive plan: exchanges included, before any stage has run.
    String plan = flagged.queryExecution().executedPlan().treeString();

    assertEquals(1, count(plan, "FileScan csv"), plan);
    assertEquals(1, count(plan, "FileScan json"), plan);
    assertEquals(1, count(plan, "Exchange hashpartitioning"), plan);
    assertTrue(plan.contains("Exchange hashpartitioning(shipment_id"), plan);
    assertEquals(0, count(plan, "SortMergeJoin|ShuffledHashJoin|CartesianProduct"), plan);
    // destination, origin, FX, origin-specific rule, '*' rule, rule currency FX
    assertEquals(6, count(plan, "BroadcastHashJoin"), plan);
    // One window computes min/max over the key and the row number, so the shuffled rows are sorted once.
    assertEquals(1, count(plan, "Window \\["), plan);
    assertEquals(1, count(plan, "Sort \\["), plan);
    // The raw record is rendered as JSON after the shuffle, and only for quarantined rows.
    String record = "coalesce(_corrupt_record";
    assertTrue(plan.contains(record), plan);
    assertTrue(plan.lastIndexOf(record) < plan.indexOf("Exchange hashpartitioning"), plan); // above it
    assertFalse(plan.contains("UDF"), plan);

    CheckedRows checked = CheckedRows.check(shipments.folder(), raw,
        r -> ShipmentQuality.flag(spark, r, reference, LocalDate.of(2026, 11, 25)));
    try {
      String cubePlan = ShipmentCube.compute(checked.clean()).queryExecution().executedPlan().treeString();
      // The cube reads the persisted checked rows; the files are not read again.
      assertTrue(cubePlan.contains("InMemoryTableScan"), cubePlan);
      assertEquals(0, count(outsideCachedRelations(cubePlan), "FileScan"), cubePlan);
    } finally {
      checked.release();
    }
  }
}
