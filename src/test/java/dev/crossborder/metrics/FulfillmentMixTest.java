package dev.crossborder.metrics;

import static dev.crossborder.model.Columns.*;
import static dev.crossborder.testing.CubeFixtures.cell;
import static dev.crossborder.testing.FrameAssert.assertRows;
import static dev.crossborder.testing.FrameAssert.assertSchema;
import static dev.crossborder.testing.FrameAssert.row;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crossborder.model.OutputTables;
import dev.crossborder.testing.CubeFixtures;
import dev.crossborder.testing.SparkTestBase;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FulfillmentMixTest extends SparkTestBase {
  private static Dataset<Row> mix;

  private static final List<String> COLUMNS = List.of(FULFILLMENT_MODEL, PARCELS, PARCEL_SHARE, VALUE_SHARE,
      PARCEL_SHARE_PRIOR_YEAR, PARCEL_SHARE_CHANGE_PP);

  @BeforeAll
  static void compute() {
    Dataset<Row> cube = CubeFixtures.cube(spark,
        cell("2023-01", "temu", "CN", "US", "fully_hosted", 80, 80, 80, "800.00"),
        cell("2023-01", "temu", "US", "US", "local_seller", 20, 0, 0, "400.00"),
        cell("2023-01", "amazon", "CN", "US", "marketplace", 100, 100, 100, "1000.00"),
        cell("2024-01", "temu", "CN", "US", "fully_hosted", 50, 50, 50, "500.00"),
        cell("2024-01", "temu", "US", "US", "overseas_hosted", 30, 0, 0, "600.00"),
        cell("2024-01", "temu", "US", "US", "local_seller", 20, 0, 0, "400.00"),
        cell("2024-01", "amazon", "CN", "US", "marketplace", 100, 100, 100, "1000.00"));
    mix = FulfillmentMix.compute(ShipmentsByPeriod.compute(cube)).cache();
  }

  private static Column market(String label, String platform) {
    return col(PERIOD_GRAIN).equalTo("month").and(col(PERIOD_LABEL).equalTo(label))
        .and(col(GEO_CODE).equalTo("US")).and(col(PLATFORM_ID).equalTo(platform));
  }

  @Test
  void hasTheContractSchema() {
    assertSchema(OutputTables.FULFILLMENT_MIX, mix);
  }

  @Test
  void onePlatformsMixAndItsShiftAwayFromDirectMail() {
    // temu 2024-01: 50 + 30 + 20 = 100 parcels, value 500 + 600 + 400 = 1500; 2023-01: 80 of 100 fully hosted.
    assertRows(mix.filter(market("2024-01", "temu")), COLUMNS, List.of(
        row("fully_hosted", 50L, 0.5, 500.0 / 1500, 0.8, -30.0),
        row("overseas_hosted", 30L, 0.3, 600.0 / 1500, null, null),
        row("local_seller", 20L, 0.2, 400.0 / 1500, 0.2, 0.0)));
  }

  @Test
  void allPlatformsTogether() {
    // ALL 2024-01: 200 parcels, value 2500; 2023-01: 200 parcels (fully 80, local 20, marketplace 100).
    assertRows(mix.filter(market("2024-01", ALL)), COLUMNS, List.of(
        row("fully_hosted", 50L, 0.25, 0.2, 0.4, -15.0),
        row("overseas_hosted", 30L, 0.15, 0.24, null, null),
        row("local_seller", 20L, 0.1, 0.16, 0.1, 0.0),
        row("marketplace", 100L, 0.5, 0.4, 0.5, 0.0)));
  }

  @Test
  void everyMarketsSharesSumToOne() {
    long bad = mix.groupBy(PERIOD_GRAIN, PERIOD_START, GEO_LEVEL, GEO_CODE, PLATFORM_ID)
        .agg(sum(PARCEL_SHARE).as("parcels"), sum(VALUE_SHARE).as("value"))
        .filter(abs(col("parcels").minus(1)).gt(1e-9).or(abs(col("value").minus(1)).gt(1e-9)))
        .count();
    assertEquals(0, bad);
  }
}
