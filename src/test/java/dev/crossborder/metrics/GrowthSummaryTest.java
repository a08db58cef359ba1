package dev.crossborder.metrics;

import static dev.crossborder.model.Columns.*;
import static dev.crossborder.testing.CubeFixtures.cell;
import static dev.crossborder.testing.FrameAssert.assertRows;
import static dev.crossborder.testing.FrameAssert.assertSchema;
import static dev.crossborder.testing.FrameAssert.row;
import static dev.crossborder.testing.GmvFixtures.month;
import static dev.crossborder.testing.GmvFixtures.usd;
import static org.apache.spark.sql.functions.col;

import dev.crossborder.model.OutputTables;
import dev.crossborder.testing.CubeFixtures;
import dev.crossborder.testing.GmvFixtures;
import dev.crossborder.testing.SparkTestBase;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GrowthSummaryTest extends SparkTestBase {
  private static Dataset<Row> summary;

  private static final List<String> COLUMNS = List.of(METRIC, PLATFORM_ID, LAST_YEAR, FIRST_YEAR, FIRST_VALUE,
      LAST_VALUE, YEARS, CAGR, CAGR_STATUS);

  @BeforeAll
  static void compute() {
    List<GmvFixtures.Month> months = new ArrayList<>();
    List<CubeFixtures.Cell> cells = new ArrayList<>();
    for (int m = 1; m <= 12; m++) {
      if (m <= 6) {
        months.add(month("alpha", "US", "north_america", String.format("2021-%02d", m), "10.00")); // incomplete
      }
      months.add(month("alpha", "US", "north_america", String.format("2022-%02d", m), "100.00"));
      months.add(month("alpha", "US", "north_america", String.format("2023-%02d", m), "110.00"));
      months.add(month("alpha", "US", "north_america", String.format("2024-%02d", m), "121.00"));
      months.add(month("beta", "US", "north_america", String.format("2022-%02d", m), "0.00"));
      months.add(month("beta", "US", "north_america", String.format("2023-%02d", m), "50.00"));
      cells.add(cell(String.format("2022-%02d", m), "temu", "CN", "US", "fully_hosted", 100, 100, 50, "1000.00"));
      cells.add(cell(String.format("2023-%02d", m), "temu", "CN", "US", "fully_hosted", 150, 150, 0, "1500.00"));
    }
    Dataset<Row> gmvByPeriod = GmvByPeriod.compute(GmvFixtures.gmvMonthly(spark, months.toArray(GmvFixtures.Month[]::new)));
    Dataset<Row> shipments = ShipmentsByPeriod.compute(CubeFixtures.cube(spark, cells.toArray(CubeFixtures.Cell[]::new)));
    summary = GrowthSummary.compute(gmvByPeriod, shipments).filter(col(GEO_CODE).equalTo("US")).cache();
  }

  @Test
  void hasTheContractSchema() {
    assertSchema(OutputTables.GROWTH_SUMMARY, summary);
  }

  @Test
  void cagrRunsFromTheFirstCompleteYearToEveryLaterOne() {
    // 2021 has 6 months only, so alpha's series starts in 2022: 1,200 -> 1,320 -> 1,452 is +10 % a year.
    assertRows(summary.filter(col(METRIC).equalTo("gmv_usd").and(col(PLATFORM_ID).equalTo("alpha"))), COLUMNS,
        List.of(
            row("gmv_usd", "alpha", 2023, 2022, usd("1200"), usd("1320"), 1, 0.1, "OK"),
            row("gmv_usd", "alpha", 2024, 2022, usd("1200"), usd("1452"), 2, 0.1, "OK")));
  }

  @Test
  void aZeroFirstValueGivesAStatusNotAnInfinity() {
    assertRows(summary.filter(col(PLATFORM_ID).equalTo("beta")), COLUMNS, List.<Object[]>of(
        row("gmv_usd", "beta", 2023, 2022, usd("0"), usd("600"), 1, null, "FIRST_VALUE_ZERO")));
  }

  @Test
  void parcelSeriesAreByDestinationForAllPlatforms() {
    // 100 parcels a month in 2022, 150 in 2023; de minimis 50 a month, then none after an abolition.
    assertRows(summary.filter(col(METRIC).isin("parcels", "de_minimis_parcels")), COLUMNS, List.of(
        row("parcels", "ALL", 2023, 2022, usd("1200"), usd("1800"), 1, 0.5, "OK"),
        row("de_minimis_parcels", "ALL", 2023, 2022, usd("600"), usd("0"), 1, -1.0, "OK")));
  }
}
