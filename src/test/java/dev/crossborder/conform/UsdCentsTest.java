package dev.crossborder.conform;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.crossborder.testing.SparkTestBase;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** USD amounts as whole cents in two longs: every figure below is worked by hand from the parcels. */
class UsdCentsTest extends SparkTestBase {

  private static final StructType PARCELS = new StructType()
      .add("group", DataTypes.StringType)
      .add("per_parcel_usd", DataTypes.createDecimalType(23, 2))
      .add("parcels", DataTypes.LongType);

  /** The rows with their parts and the amount of the parts. */
  private static Dataset<Row> withParts(Object[]... rows) {
    List<Row> data = new ArrayList<>();
    Arrays.stream(rows).forEach(values -> data.add(RowFactory.create(values)));
    Column[] parts = UsdCents.ofParcels(col("per_parcel_usd"), col("parcels"));
    return spark.createDataFrame(data, PARCELS)
        .withColumn("high", parts[0])
        .withColumn("low", parts[1])
        .withColumn("amount", UsdCents.amount(col("high"), col("low")));
  }

  private static Row only(Dataset<Row> frame) {
    List<Row> rows = frame.collectAsList();
    assertEquals(1, rows.size());
    return rows.get(0);
  }

  /** One row of {@code parcels} parcels of {@code perParcelUsd}: its parts and their amount. */
  private static void assertParts(String perParcelUsd, long parcels, long high, long low, String amount) {
    Row row = only(withParts(new Object[] {"a", new BigDecimal(perParcelUsd), parcels}));
    assertEquals(high, row.getLong(3), "high");
    assertEquals(low, row.getLong(4), "low");
    assertEquals(new BigDecimal(amount), row.getDecimal(5));
  }

  @Test
  void aRowsValueIsSplitIntoBillionsOfCentsAndTheRest() {
    // 12.34 x 3 = 37.02 USD = 3,702 cents: no billion.
    assertParts("12.34", 3L, 0L, 3_702L, "37.02");
    // 123,456,789.01 x 1,000 = 123,456,789,010.00 USD = 12,345,678,901,000 cents = 12,345 billion + 678,901,000.
    assertParts("123456789.01", 1_000L, 12_345L, 678_901_000L, "123456789010.00");
    // 10^9 parcels (the most a row may have) of 9,999,999.99 USD: 999,999,999 cents x 10^9 =
    // 999,999,999 billion cents and 0, i.e. 9,999,999,990,000,000.00 USD.
    assertParts("9999999.99", 1_000_000_000L, 999_999_999L, 0L, "9999999990000000.00");
  }

  @Test
  void aParcelWorthMoreCentsThanALongHoldsIsSplitExactlyToo() {
    // 20,000,000,000,000,000.05 USD a parcel is 2 x 10^18 + 5 cents (a long holds 9.2 x 10^18); x 7 parcels =
    // 1.4 x 10^19 + 35 cents: 14,000,000,000 billion and 35, i.e. 140,000,000,000,000,000.35 USD.
    assertParts("20000000000000000.05", 7L, 14_000_000_000L, 35L, "140000000000000000.35");
  }

  @Test
  void aNegativeAmountBeyondALongIsSplitToo() {
    // A quarantined row's value is worked out as well (a negative declared value is BAD_NUMBER): -20,000,000,000,
    // 000,000,000.05 USD x 7 = -(1.4 x 10^19 + 35) cents, split with the sign of the whole (Spark's div and mod).
    assertParts("-20000000000000000.05", 7L, -14_000_000_000L, -35L, "-140000000000000000.35");
    // -9,999,999,999,999,999,999 cents: more than a long holds, so no long arithmetic for it either.
    assertParts("-99999999999999999.99", 1L, -9_999_999_999L, -999_999_999L, "-99999999999999999.99");
  }

  @Test
  void sumsCarryTheRestsIntoBillionsAndAGroupOfNoValueSumsToNull() {
    Dataset<Row> rows = withParts(
        // 3 x 999,999,999 cents: rests 2,999,999,997 = 29,999,999.97 USD.
        new Object[] {"rests", new BigDecimal("9999999.99"), 1L},
        new Object[] {"rests", new BigDecimal("9999999.99"), 1L},
        new Object[] {"rests", new BigDecimal("9999999.99"), 1L},
        // 0.01 x 5 + 123,456,789.01 x 1,000 = 0.05 + 123,456,789,010.00 = 123,456,789,010.05 USD.
        new Object[] {"mixed", new BigDecimal("0.01"), 5L},
        new Object[] {"mixed", new BigDecimal("123456789.01"), 1_000L},
        // No value (a row that did not pass the rules): nothing to add up.
        new Object[] {"none", null, 4L});
    List<Row> sums = rows.groupBy(col("group")).agg(UsdCents.sum(col("high"), col("low")).as("sum"))
        .orderBy("group").collectAsList();
    assertEquals("mixed", sums.get(0).getString(0));
    assertEquals(new BigDecimal("123456789010.05"), sums.get(0).getDecimal(1));
    assertEquals("none", sums.get(1).getString(0));
    assertNull(sums.get(1).get(1));
    assertEquals("rests", sums.get(2).getString(0));
    assertEquals(new BigDecimal("29999999.97"), sums.get(2).getDecimal(1));
    assertEquals(DataTypes.createDecimalType(38, 2),
        rows.groupBy(col("group")).agg(UsdCents.sum(col("high"), col("low"))).schema().fields()[1].dataType());
  }
}
