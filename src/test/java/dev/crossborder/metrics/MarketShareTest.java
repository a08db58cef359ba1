package dev.crossborder.metrics;

import static dev.crossborder.model.Columns.*;
import static dev.crossborder.testing.FrameAssert.assertRows;
import static dev.crossborder.testing.FrameAssert.assertSchema;
import static dev.crossborder.testing.FrameAssert.row;
import static dev.crossborder.testing.GmvFixtures.usd;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crossborder.model.OutputTables;
import dev.crossborder.testing.SparkTestBase;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MarketShareTest extends SparkTestBase {
  private static Dataset<Row> shares;

  private static final List<String> COLUMNS = List.of(PLATFORM_ID, GMV_USD, MARKET_GMV_USD, SHARE, RANK,
      SHARE_PRIOR_YEAR, SHARE_CHANGE_PP, RANK_PRIOR_YEAR, PLATFORMS_IN_MARKET);

  @BeforeAll
  static void compute() {
    shares = MarketShare.compute(GmvByPeriod.compute(GmvMetricsFixture.gmvMonthly(spark))).cache();
  }

  private static Column market(String grain, String label, String geoLevel, String geoCode) {
    return col(PERIOD_GRAIN).equalTo(grain).and(col(PERIOD_LABEL).equalTo(label))
        .and(col(GEO_LEVEL).equalTo(geoLevel)).and(col(GEO_CODE).equalTo(geoCode));
  }

  @Test
  void hasTheContractSchema() {
    assertSchema(OutputTables.MARKET_SHARE, shares);
  }

  @Test
  void worldSharesRanksAndTheirChangeAgainstTheYearBefore() {
    // 2024-01 WORLD: alpha 150 + 25 = 175, beta 150, market 325; 2023-01: alpha 150, beta 100, market 250.
    double alpha = 175.0 / 325;
    double beta = 150.0 / 325;
    assertRows(shares.filter(market("month", "2024-01", "global", "WORLD")), COLUMNS, List.of(
        row("alpha", usd("175"), usd("325"), alpha, 1, 0.6, (alpha - 0.6) * 100, 1, 2),
        row("beta", usd("150"), usd("325"), beta, 2, 0.4, (beta - 0.4) * 100, 2, 2)));
  }

  @Test
  void aTieInGmvIsRankedByPlatformId() {
    assertRows(shares.filter(market("month", "2024-01", "country", "US")), COLUMNS, List.of(
        row("alpha", usd("150"), usd("300"), 0.5, 1, 0.5, 0.0, 1, 2),
        row("beta", usd("150"), usd("300"), 0.5, 2, 0.5, 0.0, 2, 2)));
  }

  @Test
  void aMarketWithoutAYearEarlierHasNoPriorShare() {
    assertRows(shares.filter(market("month", "2024-02", "country", "US")), COLUMNS, List.<Object[]>of(
        row("alpha", usd("220"), usd("220"), 1.0, 1, null, null, null, 1)));
  }

  @Test
  void aMarketWorthZeroHasNoShareRatherThanADivisionByZero() {
    assertRows(shares.filter(market("month", "2023-04", "country", "US")), COLUMNS, List.<Object[]>of(
        row("alpha", usd("0"), usd("0"), null, 1, null, null, null, 1)));
  }

  @Test
  void sharesOfEveryMarketSumToOne() {
    long badMarkets = shares.filter(col(MARKET_GMV_USD).gt(0))
        .groupBy(PERIOD_GRAIN, PERIOD_START, GEO_LEVEL, GEO_CODE)
        .agg(sum(SHARE).as("total"))
        .filter(abs(col("total").minus(1)).gt(1e-9))
        .count();
    assertEquals(0, badMarkets);
  }
}
