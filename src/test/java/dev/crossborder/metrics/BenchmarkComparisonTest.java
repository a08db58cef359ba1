package dev.crossborder.metrics;

import static dev.crossborder.model.Columns.*;
import static dev.crossborder.testing.FrameAssert.assertRows;
import static dev.crossborder.testing.FrameAssert.assertSchema;
import static dev.crossborder.testing.FrameAssert.row;
import static dev.crossborder.testing.GmvFixtures.month;

import dev.crossborder.ingest.ReferenceData;
import dev.crossborder.ingest.ReferenceData.Benchmark;
import dev.crossborder.model.OutputTables;
import dev.crossborder.testing.GmvFixtures;
import dev.crossborder.testing.SparkTestBase;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BenchmarkComparisonTest extends SparkTestBase {
  private static Dataset<Row> comparison;

  private static final List<String> COLUMNS = List.of(YEAR, ENTITY_TYPE, ENTITY_ID, YOY_GROWTH, YOY_STATUS,
      SEGMENT_ID, BENCHMARK_GROWTH, OUTPERFORMANCE_PP);

  /** Every month of 2024 and 2025 at a flat monthly amount per platform-year (delta: first half of 2025 only). */
  @BeforeAll
  static void compute() {
    List<GmvFixtures.Month> months = new ArrayList<>();
    for (int m = 1; m <= 12; m++) {
      String m24 = String.format("2024-%02d", m);
      String m25 = String.format("2025-%02d", m);
      months.add(month("alpha", "US", "north_america", m24, "10.00"));
      months.add(month("alpha", "US", "north_america", m25, "15.00"));
      months.add(month("beta", "US", "north_america", m24, "5.00"));
      months.add(month("beta", "US", "north_america", m25, "5.00"));
      months.add(month("gamma", "US", "north_america", m24, "100.00"));
      months.add(month("gamma", "US", "north_america", m25, "110.00"));
      months.add(month("delta", "US", "north_america", m24, "1.00"));
      if (m <= 6) {
        months.add(month("delta", "US", "north_america", m25, "1.00"));
      }
    }
    Dataset<Row> gmvMonthly = GmvFixtures.gmvMonthly(spark, months.toArray(GmvFixtures.Month[]::new));
    Dataset<Row> platforms = spark.createDataFrame(List.of(
            RowFactory.create("alpha", "china_big4"), RowFactory.create("beta", "china_big4"),
            RowFactory.create("gamma", "global_incumbent"), RowFactory.create("delta", "regional")),
        new StructType().add(PLATFORM_ID, DataTypes.StringType).add(PLATFORM_GROUP, DataTypes.StringType));
    ReferenceData reference = new ReferenceData(List.of(), List.of(), List.of(), List.of(), List.of(
        new Benchmark("global_ecommerce", 2025, new BigDecimal("0.08"), "forecast", "CICC"),
        new Benchmark("china_big4_outbound", 2025, new BigDecimal("0.25"), "forecast", "CICC")));
    Dataset<Row> growth = GmvGrowth.compute(GmvByPeriod.compute(gmvMonthly));
    comparison = BenchmarkComparison.compute(growth, gmvMonthly, platforms, reference.benchmarksFrame(spark)).cache();
  }

  @Test
  void hasTheContractSchema() {
    assertSchema(OutputTables.BENCHMARK_COMPARISON, comparison);
  }

  @Test
  void platformsAndGroupsAgainstEveryBenchmarkOfTheYear() {
    double big4 = 240.0 / 180 - 1; // (15 + 5) x 12 over (10 + 5) x 12
    assertRows(comparison, COLUMNS, List.of(
        row(2025, "platform", "alpha", 0.5, "OK", "global_ecommerce", 0.08, 42.0),
        row(2025, "platform", "alpha", 0.5, "OK", "china_big4_outbound", 0.25, 25.0),
        row(2025, "platform", "beta", 0.0, "OK", "global_ecommerce", 0.08, -8.0),
        row(2025, "platform", "beta", 0.0, "OK", "china_big4_outbound", 0.25, -25.0),
        row(2025, "platform", "gamma", 0.1, "OK", "global_ecommerce", 0.08, 2.0),
        row(2025, "platform", "gamma", 0.1, "OK", "china_big4_outbound", 0.25, -15.0),
        row(2025, "platform", "delta", null, "COVERAGE_MISMATCH", "global_ecommerce", 0.08, null),
        row(2025, "platform", "delta", null, "COVERAGE_MISMATCH", "china_big4_outbound", 0.25, null),
        row(2025, "group", "china_big4", big4, "OK", "global_ecommerce", 0.08, (big4 - 0.08) * 100),
        row(2025, "group", "china_big4", big4, "OK", "china_big4_outbound", 0.25, (big4 - 0.25) * 100),
        row(2025, "group", "global_incumbent", 0.1, "OK", "global_ecommerce", 0.08, 2.0),
        row(2025, "group", "global_incumbent", 0.1, "OK", "china_big4_outbound", 0.25, -15.0),
        // delta covers 6 months of 2025 against 12 of 2024: a gap is not a decline.
        row(2025, "group", "regional", null, "COVERAGE_MISMATCH", "global_ecommerce", 0.08, null),
        row(2025, "group", "regional", null, "COVERAGE_MISMATCH", "china_big4_outbound", 0.25, null)));
  }
}
