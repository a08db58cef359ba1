package dev.crossborder.metrics;

import static dev.crossborder.model.Columns.*;
import static dev.crossborder.testing.FrameAssert.assertRows;
import static dev.crossborder.testing.FrameAssert.assertSchema;
import static dev.crossborder.testing.FrameAssert.row;
import static dev.crossborder.testing.GmvFixtures.usd;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crossborder.model.OutputTables;
import dev.crossborder.testing.SparkTestBase;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GmvGrowthTest extends SparkTestBase {
  private static Dataset<Row> growth;

  private static final List<String> YOY_COLUMNS = List.of(
      PERIOD_LABEL, GMV_USD, MONTHS_COVERED, GMV_USD_PRIOR_YEAR, YOY_GROWTH, YOY_STATUS);
  private static final List<String> POP_COLUMNS = List.of(PERIOD_LABEL, GMV_USD, GMV_USD_PRIOR_PERIOD, POP_GROWTH);

  @BeforeAll
  static void compute() {
    growth = GmvGrowth.compute(GmvByPeriod.compute(GmvMetricsFixture.gmvMonthly(spark))).cache();
  }

  private static Column series(String grain, String geoLevel, String geoCode, String platform) {
    return col(PERIOD_GRAIN).equalTo(grain).and(col(GEO_LEVEL).equalTo(geoLevel))
        .and(col(GEO_CODE).equalTo(geoCode)).and(col(PLATFORM_ID).equalTo(platform));
  }

  @Test
  void hasTheContractSchema() {
    assertSchema(OutputTables.GMV_GROWTH, growth);
  }

  @Test
  void monthlyYoyJoinsTheSameMonthOneYearEarlierWithEveryStatus() {
    assertRows(growth.filter(series("month", "country", "US", "alpha")
            .and(col(PERIOD_START).geq(java.sql.Date.valueOf("2024-01-01")))), YOY_COLUMNS,
        List.of(
            row("2024-01", usd("150"), 1, usd("100"), 0.5, "OK"),            // 150 / 100 - 1
            row("2024-02", usd("220"), 1, null, null, "NO_PRIOR_PERIOD"),     // 2023-02 is a gap
            row("2024-03", usd("330"), 1, usd("300"), 0.1, "OK"),            // 330 / 300 - 1
            row("2024-04", usd("50"), 1, usd("0"), null, "PRIOR_ZERO"),       // 2023-04 was 0.00
            row("2024-05", usd("10"), 1, null, null, "NO_PRIOR_PERIOD")));
  }

  @Test
  void quarterAndYearWithFewerMonthsCoveredAYearEarlierAreCoverageMismatch() {
    assertRows(growth.filter(series("quarter", "country", "US", "alpha")), YOY_COLUMNS,
        List.of(
            row("2023-Q1", usd("400"), 2, null, null, "NO_PRIOR_PERIOD"),     // 100 + 300, Feb missing
            row("2023-Q2", usd("0"), 1, null, null, "NO_PRIOR_PERIOD"),
            row("2024-Q1", usd("700"), 3, usd("400"), null, "COVERAGE_MISMATCH"), // 150 + 220 + 330
            row("2024-Q2", usd("60"), 2, usd("0"), null, "COVERAGE_MISMATCH")));  // 50 + 10 vs 0 over 1 month
    assertRows(growth.filter(series("year", "country", "US", "alpha")), YOY_COLUMNS,
        List.of(
            row("2023", usd("400"), 3, null, null, "NO_PRIOR_PERIOD"),
            row("2024", usd("760"), 5, usd("400"), null, "COVERAGE_MISMATCH")));
  }

  @Test
  void periodOnPeriodGrowthSkipsNothingAcrossAGap() {
    // LAG over rows would compare 2023-03 with 2023-01 (300 / 100 - 1 = 2); the previous month is missing.
    assertRows(growth.filter(series("month", "country", "US", "alpha")), POP_COLUMNS,
        List.of(
            row("2023-01", usd("100"), null, null),
            row("2023-03", usd("300"), null, null),
            row("2023-04", usd("0"), usd("300"), -1.0),          // 0 / 300 - 1
            row("2024-01", usd("150"), null, null),              // 2023-12 absent
            row("2024-02", usd("220"), usd("150"), 220.0 / 150 - 1),
            row("2024-03", usd("330"), usd("220"), 0.5),
            row("2024-04", usd("50"), usd("330"), 50.0 / 330 - 1),
            row("2024-05", usd("10"), usd("50"), -0.8)));
  }

  @Test
  void regionAndWorldSumTheirCountries() {
    // alpha north_america 2024-01 = US 150 + CA 25 = 175; 2023-01 = 100 + 50 = 150 -> 175 / 150 - 1
    Row region = growth.filter(series("month", "region", "north_america", "alpha")
        .and(col(PERIOD_LABEL).equalTo("2024-01"))).first();
    assertEquals(0, usd("175").compareTo(region.getAs(GMV_USD)));
    assertEquals(175.0 / 150 - 1, region.<Double>getAs(YOY_GROWTH), 1e-12);
    assertRows(growth.filter(series("year", "global", "WORLD", "beta")), YOY_COLUMNS,
        List.of(
            row("2023", usd("100"), 1, null, null, "NO_PRIOR_PERIOD"),
            row("2024", usd("150"), 1, usd("100"), 0.5, "OK")));
  }
}
