package dev.crossborder.metrics;

import static dev.crossborder.testing.GmvFixtures.month;

import dev.crossborder.testing.GmvFixtures;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The GMV series the metric tests share (USD). Hand-checked features:
 * <ul>
 *   <li>alpha US has no 2023-02: a gap in the middle of the series (2023-Q1 covers 2 months, 2024-Q1 3);
 *   <li>alpha US 2023-04 is 0.00: 2024-04's YoY is PRIOR_ZERO;
 *   <li>alpha US 2024-05 has no 2023-05: NO_PRIOR_PERIOD;
 *   <li>alpha and beta tie at 150.00 in US 2024-01: rank by platform_id.
 * </ul>
 */
final class GmvMetricsFixture {
  private GmvMetricsFixture() {}

  static Dataset<Row> gmvMonthly(SparkSession spark) {
    return GmvFixtures.gmvMonthly(spark,
        month("alpha", "US", "north_america", "2023-01", "100.00"),
        month("alpha", "US", "north_america", "2023-03", "300.00"),
        month("alpha", "US", "north_america", "2023-04", "0.00"),
        month("alpha", "US", "north_america", "2024-01", "150.00"),
        month("alpha", "US", "north_america", "2024-02", "220.00"),
        month("alpha", "US", "north_america", "2024-03", "330.00"),
        month("alpha", "US", "north_america", "2024-04", "50.00"),
        month("alpha", "US", "north_america", "2024-05", "10.00"),
        month("alpha", "CA", "north_america", "2023-01", "50.00"),
        month("alpha", "CA", "north_america", "2024-01", "25.00"),
        month("beta", "US", "north_america", "2023-01", "100.00"),
        month("beta", "US", "north_america", "2024-01", "150.00"));
  }
}
