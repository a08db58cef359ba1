package dev.crossborder.metrics;

import static dev.crossborder.model.Columns.*;
import static dev.crossborder.testing.CubeFixtures.cell;
import static dev.crossborder.testing.FrameAssert.assertRows;
import static dev.crossborder.testing.FrameAssert.assertSchema;
import static dev.crossborder.testing.FrameAssert.row;
import static org.apache.spark.sql.functions.col;

import dev.crossborder.model.OutputTables;
import dev.crossborder.testing.CubeFixtures;
import dev.crossborder.testing.ReferenceFixtures;
import dev.crossborder.testing.SparkTestBase;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two-month windows around the US suspensions of 2025 (DESIGN.md §8), on a hand-made cube. */
class PolicyImpactTest extends SparkTestBase {
  private static Dataset<Row> impact;

  private static final List<String> COLUMNS = List.of(PLATFORM_ID, CROSS_BORDER_PARCELS_BEFORE,
      CROSS_BORDER_PARCELS_AFTER, CROSS_BORDER_CHANGE, DE_MINIMIS_PARCELS_BEFORE, DE_MINIMIS_PARCELS_AFTER,
      LOCAL_SHARE_BEFORE, LOCAL_SHARE_AFTER, LOCAL_SHARE_CHANGE_PP);

  @BeforeAll
  static void compute() {
    Dataset<Row> cube = CubeFixtures.cube(spark,
        cell("2025-06", "temu", "CN", "US", "fully_hosted", 100, 100, 90, "1000.00"),
        cell("2025-06", "amazon", "US", "US", "local_seller", 50, 0, 0, "500.00"),
        cell("2025-06", "temu", "CN", "DE", "fully_hosted", 500, 500, 500, "5000.00"), // other jurisdiction
        cell("2025-07", "temu", "CN", "US", "fully_hosted", 80, 80, 70, "800.00"),
        cell("2025-07", "amazon", "US", "US", "local_seller", 50, 0, 0, "500.00"),
        cell("2025-08", "temu", "CN", "US", "fully_hosted", 1000, 1000, 1000, "9999.00"), // event month: left out
        cell("2025-09", "temu", "CN", "US", "fully_hosted", 30, 30, 0, "300.00"),
        cell("2025-09", "temu", "US", "US", "overseas_hosted", 60, 0, 0, "600.00"),
        cell("2025-09", "amazon", "US", "US", "local_seller", 60, 0, 0, "600.00"),
        cell("2025-10", "temu", "CN", "US", "fully_hosted", 20, 20, 0, "200.00"),
        cell("2025-10", "temu", "US", "US", "overseas_hosted", 70, 0, 0, "700.00"),
        cell("2025-10", "amazon", "US", "US", "local_seller", 70, 0, 0, "700.00"));
    impact = PolicyImpact.compute(cube, ReferenceFixtures.deMinimisReference().policyEventsFrame(spark), 2).cache();
  }

  @Test
  void hasTheContractSchema() {
    assertSchema(OutputTables.POLICY_IMPACT, impact);
  }

  @Test
  void allOriginSuspensionComparesJuneJulyWithSeptemberOctober() {
    // ALL before: cross 100 + 80 = 180, de minimis 90 + 70 = 160, local 50 + 50 of 280 parcels.
    // ALL after: cross 30 + 20 = 50, de minimis 0, local 60 + 60 + 70 + 70 = 260 of 310 parcels.
    double before = 100.0 / 280;
    double after = 260.0 / 310;
    assertRows(impact.filter(col(EFFECTIVE_DATE).equalTo(java.sql.Date.valueOf("2025-08-29"))
            .and(col(ORIGIN_SCOPE).equalTo("*"))), COLUMNS, List.of(
        row(ALL, 180L, 50L, 50.0 / 180 - 1, 160L, 0L, before, after, (after - before) * 100),
        // temu: no local parcels before; 130 of 180 after.
        row("temu", 180L, 50L, 50.0 / 180 - 1, 160L, 0L, 0.0, 130.0 / 180, 13000.0 / 180),
        // amazon: no cross-border parcels at all, so no change ratio; always local.
        row("amazon", 0L, 0L, null, 0L, 0L, 1.0, 1.0, 0.0)));
  }

  @Test
  void aWindowSideWithoutDataIsNullNotZero() {
    // CN-origin suspension 2025-05-02: before = March-April, absent from the cube; after = June-July.
    assertRows(impact.filter(col(ORIGIN_SCOPE).equalTo("CN").and(col(PLATFORM_ID).equalTo(ALL))), COLUMNS,
        List.<Object[]>of(row(ALL, null, 180L, null, null, 160L, null, 100.0 / 280, null)));
  }
}
