package dev.crossborder.conform;

import static dev.crossborder.model.Columns.*;
import static dev.crossborder.quality.QualityFixtures.RUN_DATE;
import static dev.crossborder.quality.QualityFixtures.landingFrame;
import static dev.crossborder.testing.FrameAssert.assertRows;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crossborder.ingest.ReferenceData;
import dev.crossborder.model.LandingDataset;
import dev.crossborder.model.OutputTables;
import dev.crossborder.quality.GmvQuality;
import dev.crossborder.quality.QualityFixtures;
import dev.crossborder.quality.QualityFixtures.LandingRow;
import dev.crossborder.quality.RowFlags;
import dev.crossborder.testing.FrameAssert;
import dev.crossborder.testing.ReferenceFixtures;
import dev.crossborder.testing.SparkTestBase;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/**
 * GMV in USD (DESIGN.md §5): gmv_local x the month's rate, exact, rounded half up to the cent once per record.
 * XTS (the ISO code for tests) has contrived rates that put a product a hair from half a cent, which a product
 * cut to 7 decimals (Spark's DECIMAL(38,7) for types too wide to multiply exactly) rounds to exactly half a
 * cent, then up. Expected values worked by hand.
 */
class GmvConformTest extends SparkTestBase {
  private static final ReferenceData REFERENCE = ReferenceFixtures.withRates(QualityFixtures.reference(),
      ReferenceFixtures.rate("XTS", "2025-01", "0.000714285714"),
      ReferenceFixtures.rate("XTS", "2025-02", "0.002500000001"));

  private static LandingRow gmv(String platform, String country, String month, String amount, String currency) {
    return new LandingRow("gmv/" + platform + "_" + country + ".csv",
        Arrays.asList(platform, country, month, amount, currency, "1", null));
  }

  @Test
  void gmvUsdIsTheExactProductRoundedHalfUpToTheCentOnce() {
    Dataset<Row> flagged = GmvQuality.flag(spark, landingFrame(spark, LandingDataset.GMV, List.of(
        // 7 XTS x 0.000714285714 = 0.004999999998 USD: 0.00, not 0.01.
        gmv("temu", "US", "2025-01", "7", "XTS"),
        // 2 XTS x 0.002500000001 = 0.005000000002 USD: 0.01.
        gmv("shein", "US", "2025-02", "2", "XTS"),
        // 800.50 EUR x 1.08 = 864.54 USD exactly.
        gmv("amazon", "DE", "2025-01", "800.50", "EUR"))), REFERENCE, RUN_DATE);
    Dataset<Row> clean = flagged.filter(RowFlags.isClean());
    Dataset<Row> gmvMonthly = GmvConform.toGmvMonthly(clean);

    FrameAssert.assertSchema(OutputTables.GMV_MONTHLY, gmvMonthly);
    assertRows(gmvMonthly, List.of(PLATFORM_ID, GMV_LOCAL, USD_PER_UNIT, GMV_USD), List.of(
        new Object[] {"temu", new BigDecimal("7"), new BigDecimal("0.000714285714"), new BigDecimal("0.00")},
        new Object[] {"shein", new BigDecimal("2"), new BigDecimal("0.002500000001"), new BigDecimal("0.01")},
        new Object[] {"amazon", new BigDecimal("800.50"), new BigDecimal("1.08"), new BigDecimal("864.54")}));
    // The exact product: an amount (22,6) times a rate (15,12) is DECIMAL(38,18), nothing cut.
    assertEquals(DataTypes.createDecimalType(38, 18),
        clean.select(col(GMV_LOCAL).multiply(col(USD_PER_UNIT))).schema().fields()[0].dataType());
  }
}
