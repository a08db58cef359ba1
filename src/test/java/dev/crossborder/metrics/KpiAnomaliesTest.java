package dev.crossborder.metrics;

import static dev.crossborder.model.Columns.*;
import static dev.crossborder.testing.FrameAssert.assertRows;
import static dev.crossborder.testing.FrameAssert.assertSchema;
import static dev.crossborder.testing.FrameAssert.row;
import static dev.crossborder.testing.GmvFixtures.month;

import dev.crossborder.model.AnomalyThresholds;
import dev.crossborder.model.OutputTables;
import dev.crossborder.testing.GmvFixtures;
import dev.crossborder.testing.SparkTestBase;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class KpiAnomaliesTest extends SparkTestBase {
  private static final List<String> COLUMNS = List.of(RULE, PERIOD_LABEL, GEO_CODE, PLATFORM_ID, METRIC, VALUE,
      EXPECTED_LOW, EXPECTED_HIGH);
  private static final AnomalyThresholds THRESHOLDS = new AnomalyThresholds(10, 50);

  @Test
  void aShareMovingTenPointsOrMoreInAYearIsFlaggedWithLastYearsShareAsTheExpectation() {
    Dataset<Row> shares = MarketShare.compute(GmvByPeriod.compute(GmvFixtures.gmvMonthly(spark,
        month("alpha", "US", "north_america", "2023-01", "80.00"),
        month("beta", "US", "north_america", "2023-01", "20.00"),
        month("alpha", "US", "north_america", "2024-01", "50.00"),
        month("beta", "US", "north_america", "2024-01", "50.00"))));
    Dataset<Row> anomalies = KpiAnomalies.compute(shares, emptyQuarters(), THRESHOLDS);
    assertSchema(OutputTables.KPI_ANOMALIES, anomalies);
    // 80 % -> 50 % and 20 % -> 50 %: both moved 30 points; expected last year's share +- 10.
    assertRows(anomalies, COLUMNS, List.of(
        row("SHARE_SHIFT", "2024", "US", "alpha", "share", 50.0, 70.0, 90.0),
        row("SHARE_SHIFT", "2024", "US", "beta", "share", 50.0, 10.0, 30.0),
        row("SHARE_SHIFT", "2024", "north_america", "alpha", "share", 50.0, 70.0, 90.0),
        row("SHARE_SHIFT", "2024", "north_america", "beta", "share", 50.0, 10.0, 30.0),
        row("SHARE_SHIFT", "2024", "WORLD", "alpha", "share", 50.0, 70.0, 90.0),
        row("SHARE_SHIFT", "2024", "WORLD", "beta", "share", 50.0, 10.0, 30.0)));
  }

  @Test
  void aQuarterFarOutsideItsTrailingRangeIsFlaggedAndAGapNeverWidensTheWindow() {
    Dataset<Row> growth = quarters(
        // steady: 10-12 % for four quarters, then 95 % (range 8..12 +- 50 = -42..62), then back to 20 %
        q("steady", "2023-01-01", 0.10), q("steady", "2023-04-01", 0.12), q("steady", "2023-07-01", 0.08),
        q("steady", "2023-10-01", 0.11), q("steady", "2024-01-01", 0.95), q("steady", "2024-04-01", 0.20),
        // gappy: 2023-Q2 missing, so 2024-Q2's window (2023-Q2..2024-Q1) holds 3 known quarters at 10 %
        q("gappy", "2023-01-01", 0.10), q("gappy", "2023-07-01", 0.10), q("gappy", "2023-10-01", 0.10),
        q("gappy", "2024-01-01", 0.10), q("gappy", "2024-04-01", 0.70),
        // sparse: only 2 earlier quarters known: too little history to judge
        q("sparse", "2023-07-01", 0.10), q("sparse", "2023-10-01", 0.10), q("sparse", "2024-01-01", 0.90));
    assertRows(KpiAnomalies.compute(emptyShares(), growth, THRESHOLDS), COLUMNS, List.of(
        row("YOY_OUTLIER", "2024-Q1", "US", "steady", "yoy_growth", 95.0, -42.0, 62.0),
        row("YOY_OUTLIER", "2024-Q2", "US", "gappy", "yoy_growth", 70.0, -40.0, 60.0)));
  }

  private static Object[] q(String platform, String quarterStart, double yoy) {
    return new Object[] {platform, quarterStart, yoy};
  }

  private static Dataset<Row> quarters(Object[]... points) {
    StructType schema = new StructType().add(PERIOD_GRAIN, DataTypes.StringType).add(PERIOD_START, DataTypes.DateType)
        .add(PERIOD_LABEL, DataTypes.StringType).add(GEO_LEVEL, DataTypes.StringType).add(GEO_CODE, DataTypes.StringType)
        .add(PLATFORM_ID, DataTypes.StringType).add(YOY_GROWTH, DataTypes.DoubleType).add(YOY_STATUS, DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (Object[] p : points) {
      Date start = Date.valueOf((String) p[1]);
      String label = start.toLocalDate().getYear() + "-Q" + ((start.toLocalDate().getMonthValue() - 1) / 3 + 1);
      rows.add(RowFactory.create("quarter", start, label, "country", "US", p[0], p[2], "OK"));
    }
    return spark.createDataFrame(rows, schema);
  }

  private static Dataset<Row> emptyQuarters() {
    return quarters();
  }

  private static Dataset<Row> emptyShares() {
    return MarketShare.compute(GmvByPeriod.compute(GmvFixtures.gmvMonthly(spark)));
  }
}
