package dev.crossborder.generate;

import static dev.crossborder.model.Columns.*;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.ingest.ReferenceData;
import dev.crossborder.ingest.ReferenceLoader;
import dev.crossborder.model.JobException;
import dev.crossborder.testing.SparkTestBase;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Generated shipments: deterministic whatever the partitioning, the exact row count, the sample's shape. */
class ShipmentRowsTest extends SparkTestBase {
  private static final String SAMPLE = "datasets/sample";
  private static final long CALIBRATION_ROWS = 100_000;

  private static ReferenceData reference;
  /** Good rows only, generated once for the calibration checks. */
  private static Dataset<Row> calibration;

  @BeforeAll
  static void generateOnce() {
    reference = ReferenceLoader.load(spark, SAMPLE);
    calibration = ShipmentRows.build(spark, config(CALIBRATION_ROWS, 7, FileFormat.PARQUET, 0), reference, 2)
        .persist(StorageLevel.MEMORY_ONLY());
  }

  @AfterAll
  static void release() {
    calibration.unpersist();
  }

  private static GenerateConfig config(long rows, long seed, FileFormat format, double badRatio) {
    return new GenerateConfig("unused", rows, seed, format, badRatio, SAMPLE);
  }

  @Test
  void theSameSeedGivesTheSameRowsWithOneOrEightPartitionsAndAnotherSeedOtherRows() {
    // An odd count and bad rows of every kind, so the pair logic and each planted fault are compared too.
    GenerateConfig csv = config(2_001, 42, FileFormat.CSV, 0.3);
    Dataset<Row> onePartition = ShipmentRows.build(spark, csv, reference, 1);
    Dataset<Row> eightPartitions = ShipmentRows.build(spark, csv, reference, 8);
    assertEquals(1, onePartition.rdd().getNumPartitions());
    assertEquals(8, eightPartitions.rdd().getNumPartitions());
    Row one = checksum(onePartition);
    assertEquals(2_001, one.getLong(0));
    assertEquals(one, checksum(eightPartitions), "same multiset of rows");

    Row otherSeed = checksum(ShipmentRows.build(spark, config(2_001, 43, FileFormat.CSV, 0.3), reference, 8));
    assertEquals(one.getLong(0), otherSeed.getLong(0));
    assertNotEquals(one.get(1), otherSeed.get(1), "another seed, other rows");
    assertNotEquals(one.get(2), otherSeed.get(2), "another seed, other shipment ids and dates");
  }

  /**
   * Row count and two order-independent sums of row hashes (all columns; shipment ids): equal multisets of
   * rows give equal sums whatever the partitioning, different rows differ but for a 1 in 2^64 chance.
   */
  private static Row checksum(Dataset<Row> rows) {
    Column[] all = Arrays.stream(rows.columns()).map(functions::col).toArray(Column[]::new);
    return rows.agg(count(lit(1)), sum(xxhash64(all).cast("decimal(38,0)")),
        sum(xxhash64(col(SHIPMENT_ID)).cast("decimal(38,0)"))).first();
  }

  @Test
  void exactlyTheRequestedRowsWithUniqueShipmentIds() {
    for (long rows : new long[] {1, 1_001}) {
      Row counts = ShipmentRows.build(spark, config(rows, 1, FileFormat.PARQUET, 0), reference, 3)
          .agg(count(lit(1)), countDistinct(col(SHIPMENT_ID))).first();
      assertEquals(rows, counts.getLong(0), "rows for --rows " + rows);
      assertEquals(rows, counts.getLong(1), "distinct shipment ids for --rows " + rows);
    }
  }

  @Test
  void monthsGetWholePairsOfRowsAndTheYearsGrowAsInTheSample() {
    long[] ends = ShipmentRows.monthEnds(1_000_001);
    assertEquals(132, ends.length);
    assertEquals(1_000_001, ends[131]);
    for (int m = 0; m < 131; m++) {
      assertEquals(0, ends[m] % 2, "a pair of rows never spans two months");
      assertTrue(ends[m] <= ends[m + 1]);
    }
    // datasets/README.md world parcels: 2025 = 8,906,895,504 of 31,295,397,725 (2015..2025) = 0.284607.
    long rows2025 = ends[131] - ends[119];
    assertEquals(284_607, rows2025, 2);
    assertArrayEquals(new long[] {0, 0}, new long[] {ShipmentRows.monthEnds(1)[0], ShipmentRows.monthEnds(2)[0]});
  }

  @Test
  void rowCountsWithSuffixes() {
    assertEquals(200_000, GenerateConfig.parseRows("200000"));
    assertEquals(250_000, GenerateConfig.parseRows("250k"));
    assertEquals(10_000_000, GenerateConfig.parseRows("10M"));
    assertEquals(1_500_000, GenerateConfig.parseRows("1.5m"));
    assertEquals(1_000_000_000, GenerateConfig.parseRows("1B"));
    assertEquals(1_000_000, GenerateConfig.parseRows("1_000_000"));
    for (String bad : new String[] {"", "M", "-5", "1.5", "10X", "1e6", "ten"}) {
      assertThrows(JobException.class, () -> GenerateConfig.parseRows(bad), bad);
    }
  }

  @Test
  void platformAndDestinationSharesAreTheSamples() {
    // datasets/sample parcels (good rows, by parcel_count): shein 24.17 %, aliexpress 22.45 %, amazon 20.01 %,
    // temu 14.56 %; destination US 23.98 %, DE 16.32 %.
    double[] shares = shares(col(PLATFORM_ID).equalTo("shein"), col(PLATFORM_ID).equalTo("aliexpress"),
        col(PLATFORM_ID).equalTo("amazon"), col(PLATFORM_ID).equalTo("temu"),
        col(DESTINATION_COUNTRY).equalTo("US"), col(DESTINATION_COUNTRY).equalTo("DE"),
        col(PLATFORM_ID).equalTo("temu").and(col(SHIP_DATE).lt("2022-09-01")));
    assertEquals(0.2417, shares[0], 0.02);
    assertEquals(0.2245, shares[1], 0.02);
    assertEquals(0.2001, shares[2], 0.02);
    assertEquals(0.1456, shares[3], 0.02);
    assertEquals(0.2398, shares[4], 0.03);
    assertEquals(0.1632, shares[5], 0.02);
    assertEquals(0.0, shares[6], "no temu parcel before its launch");
  }

  @Test
  void volumeGrowsSeventeenFoldFrom2015To2025() {
    // datasets/README.md world parcels: 8,906,895,504 / 508,418,521 = 17.52.
    Row years = calibration.agg(
        sum(when(col(SHIP_DATE).startsWith("2015"), 1).otherwise(0)),
        sum(when(col(SHIP_DATE).startsWith("2025"), 1).otherwise(0)),
        min(col(SHIP_DATE))).first();
    assertEquals(17.52, (double) years.getLong(1) / years.getLong(0), 0.3);
    assertTrue(years.getString(2).compareTo("2015-01-01") >= 0);
  }

  @Test
  void declaredValuesAreMostlySmallWithALongTail() {
    Dataset<Row> rates = reference.fxRatesFrame(spark);
    Dataset<Row> withUsd = calibration
        .withColumn("_month", trunc(to_date(col(SHIP_DATE)), "month"))
        .join(rates, calibration.col(CURRENCY).equalTo(rates.col(CURRENCY)).and(col("_month").equalTo(col(MONTH_START))),
            "left")
        .withColumn("_usd", col(DECLARED_VALUE).cast("double").multiply(col(USD_PER_UNIT).cast("double")));
    Row stats = withUsd.agg(count(col("_usd")), avg(when(col("_usd").lt(800), 1.0).otherwise(0.0)),
        min(col(DECLARED_VALUE).cast("double")), min(col(WEIGHT_KG).cast("double"))).first();
    assertEquals(CALIBRATION_ROWS, stats.getLong(0), "every row has a rate for its currency and month");
    // 0.99 x P(z < ln(800/22)/0.9) + 0.01 x P(z < ln(800/1500)/0.6) = 0.9914; the sample: 0.9917.
    assertEquals(0.9914, stats.getDouble(1), 0.004);
    assertTrue(stats.getDouble(2) > 0, "declared values positive");
    assertTrue(stats.getDouble(3) > 0, "weights positive");
    assertEquals(0.92, shares(col(PARCEL_COUNT).equalTo("1"))[0], 0.01);
  }

  @Test
  void chinesePlatformsShipFromChinaAndUsDirectMailFallsAfterTheDeMinimisSuspension() {
    Column chineseCrossBorder = col(PLATFORM_ID).isin("temu", "shein", "aliexpress", "tiktok_shop")
        .and(col(ORIGIN_COUNTRY).notEqual(col(DESTINATION_COUNTRY)));
    Column us = col(DESTINATION_COUNTRY).equalTo("US");
    Column directMail = col(FULFILLMENT_MODEL).equalTo("fully_hosted");
    Column before = us.and(col(SHIP_DATE).between("2025-01-01", "2025-04-30"));
    Column after = us.and(col(SHIP_DATE).between("2025-09-01", "2025-12-31"));
    Row counts = calibration.agg(countWhere(chineseCrossBorder),
        countWhere(chineseCrossBorder.and(col(ORIGIN_COUNTRY).equalTo("CN"))),
        countWhere(before), countWhere(before.and(directMail)),
        countWhere(after), countWhere(after.and(directMail))).first();
    assertEquals(0.95, (double) counts.getLong(1) / counts.getLong(0), 0.01);

    // Two cuts of US de minimis (CN/HK 2025-05-02, all origins 2025-08-29): direct mail keeps 0.55^2 = 0.30.
    double shareBefore = (double) counts.getLong(3) / counts.getLong(2);
    double shareAfter = (double) counts.getLong(5) / counts.getLong(4);
    assertTrue(shareBefore > 0.25, "direct mail before: " + shareBefore);
    assertEquals(0.3025, shareAfter / shareBefore, 0.1);
  }

  private static Column countWhere(Column condition) {
    return sum(when(condition, 1L).otherwise(0L));
  }

  /** The share of calibration rows meeting each condition, in one pass. */
  private static double[] shares(Column... conditions) {
    Row row = calibration.agg(avg(when(conditions[0], 1.0).otherwise(0.0)), Arrays.stream(conditions).skip(1)
        .map(c -> avg(when(c, 1.0).otherwise(0.0))).toArray(Column[]::new)).first();
    return java.util.stream.IntStream.range(0, conditions.length).mapToDouble(row::getDouble).toArray();
  }
}
