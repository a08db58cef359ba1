package dev.crossborder.shipmentpass;

import static dev.crossborder.model.Columns.*;
import static dev.crossborder.quality.QualityFixtures.RUN_DATE;
import static dev.crossborder.quality.QualityFixtures.landingFrame;
import static dev.crossborder.quality.QualityFixtures.shipmentRow;
import static dev.crossborder.testing.FrameAssert.assertRows;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crossborder.conform.ShipmentCube;
import dev.crossborder.conform.UsdCents;
import dev.crossborder.ingest.ReferenceData;
import dev.crossborder.model.LandingDataset;
import dev.crossborder.model.OutputTables;
import dev.crossborder.quality.CheckedRows;
import dev.crossborder.quality.QualityFixtures;
import dev.crossborder.quality.QualityFixtures.LandingRow;
import dev.crossborder.quality.RowFlags;
import dev.crossborder.quality.Tally;
import dev.crossborder.model.ParsedColumns;
import dev.crossborder.testing.FrameAssert;
import dev.crossborder.testing.ReferenceFixtures;
import dev.crossborder.testing.SparkTestBase;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/**
 * The clean shipment rows are folded into entries (by file and cube keys) before they are cached
 * ({@link ShipmentPass#cubeTally}); the cube adds the entries up. Expected figures are worked out by hand from the
 * rows below and the fixture reference (USD at 1, EUR at 1.08 in 2025-01 and 2025-02; the US '*' threshold is
 * 800 USD, the EU one 150 EUR), with values rounded half up to the cent per parcel.
 */
class ShipmentPassFoldTest extends SparkTestBase {
  private static final LandingDataset SHIPMENTS = LandingDataset.SHIPMENTS;
  private static final ReferenceData REFERENCE = QualityFixtures.reference();

  private static LandingRow temuToUs(String file, String id, String day, String value, String currency,
      String parcels) {
    return shipmentRow(file, id, day, "temu", "CN", "US", "fully_hosted", value, currency, parcels, "0.3");
  }

  private static final List<LandingRow> ROWS = List.of(
      // a.csv: 3 x 20.00 = 60.00, eligible; 900.00 is above 800, not eligible.
      temuToUs("shipments/a.csv", "S-A1", "2025-01-05", "20.00", "USD", "3"),
      temuToUs("shipments/a.csv", "S-A2", "2025-01-05", "900.00", "USD", "1"),
      // The same record in a.csv and b.csv: one copy kept (2 x 10.00 = 20.00, eligible), one DUPLICATE.
      temuToUs("shipments/a.csv", "S-DUP", "2025-01-31", "10.00", "USD", "2"),
      temuToUs("shipments/b.csv", "S-DUP", "2025-01-31", "10.00", "USD", "2"),
      // Two different records under one id: both CONFLICTING_DUPLICATE, neither counted.
      temuToUs("shipments/a.csv", "S-CONFLICT", "2025-01-06", "15.00", "USD", "1"),
      temuToUs("shipments/b.csv", "S-CONFLICT", "2025-01-06", "16.00", "USD", "1"),
      // Quarantined (BAD_NUMBER): its day 20 is not a covered day.
      temuToUs("shipments/a.csv", "S-BAD", "2025-01-20", "12,5x", "USD", "1"),
      // b.csv: 0.335 rounds to 0.34 per parcel, so 3 parcels are 1.02 (not 1.005 rounded to 1.01); day 5 again.
      temuToUs("shipments/b.csv", "S-B1", "2025-01-05", "0.335", "USD", "3"),
      // 10.00 EUR x 1.08 = 10.80, eligible.
      temuToUs("shipments/b.csv", "S-B2", "2025-01-12", "10.00", "EUR", "1"),
      // Domestic: counted, never cross-border nor de minimis.
      shipmentRow("shipments/c.csv", "S-C1", "2025-01-07", "amazon", "US", "US", "local_seller", "45.00", "USD",
          "1", "1.0"),
      // Into the EU: 35.00 EUR x 1.08 = 37.80 against 150 EUR x 1.08 = 162.00, eligible.
      shipmentRow("shipments/d.csv", "S-D1", "2025-02-03", "shein", "CN", "DE", "semi_hosted", "35.00", "EUR",
          "1", "0.7"));

  private static final List<String> CUBE_COLUMNS = List.of(MONTH_START, PLATFORM_ID, ORIGIN_COUNTRY,
      DESTINATION_COUNTRY, DESTINATION_REGION, DESTINATION_JURISDICTION, FULFILLMENT_MODEL, PARCELS,
      CROSS_BORDER_PARCELS, DE_MINIMIS_PARCELS, DECLARED_VALUE_USD, DE_MINIMIS_VALUE_USD, DAYS_COVERED);

  /**
   * temu CN to US in 2025-01: parcels 3 + 1 + 2 + 3 + 1 = 10, all cross-border; eligible 3 + 2 + 3 + 1 = 9;
   * value 60.00 + 900.00 + 20.00 + 1.02 + 10.80 = 991.82, of which eligible 991.82 - 900.00 = 91.82.
   * 2025-01 has clean shipments on days 5, 7, 12 and 31: 4 days covered.
   */
  private static final List<Object[]> EXPECTED_CUBE = List.of(
      new Object[] {date("2025-01-01"), "temu", "CN", "US", "north_america", "US", "fully_hosted",
          10L, 10L, 9L, money("991.82"), money("91.82"), 4},
      new Object[] {date("2025-01-01"), "amazon", "US", "US", "north_america", "US", "local_seller",
          1L, 0L, 0L, money("45.00"), money("0.00"), 4},
      new Object[] {date("2025-02-01"), "shein", "CN", "DE", "europe", "EU", "semi_hosted",
          1L, 1L, 1L, money("37.80"), money("37.80"), 1});

  private static java.sql.Date date(String day) {
    return java.sql.Date.valueOf(day);
  }

  private static BigDecimal money(String value) {
    return new BigDecimal(value);
  }

  private static CheckedRows check(long maxBroadcastKeys) {
    return CheckedRows.check(SHIPMENTS.folder(), landingFrame(spark, SHIPMENTS, ROWS),
        (raw, cache) -> ShipmentPass.flag(spark, raw, REFERENCE, RUN_DATE, 2, maxBroadcastKeys, cache));
  }

  @Test
  void theCubeOfTheFoldedEntriesAddsUpTheCleanRowsByHand() {
    CheckedRows checked = check(RowFlags.MAX_BROADCAST_KEYS);
    try {
      assertEquals(11, checked.counts().rowsRead());
      assertEquals(7, checked.counts().rowsClean());
      assertEquals(Map.of("BAD_NUMBER", 1L, "DUPLICATE", 1L, "CONFLICTING_DUPLICATE", 2L),
          checked.counts().reasons());
      Dataset<Row> cube = ShipmentCube.compute(checked.clean());
      FrameAssert.assertSchema(OutputTables.SHIPMENT_CUBE, cube);
      assertRows(cube, CUBE_COLUMNS, EXPECTED_CUBE);

      // S-A1 and S-A2 (a.csv, same keys, no copy) are one entry standing for 2 rows; the kept copy of S-DUP
      // (the first by file: a.csv's), compared before it could be counted, is an entry of its own.
      assertRows(checked.entries().filter(size(col(REASONS)).equalTo(0).and(col(SOURCE_FILE).endsWith("a.csv"))),
          List.of(Tally.ROWS, PARCELS, DECLARED_VALUE_USD),
          List.of(new Object[] {2L, 4L, new BigDecimal("960.00")}, new Object[] {1L, 2L, new BigDecimal("20.00")}));
    } finally {
      checked.release();
    }
  }

  @Test
  void shufflingEveryRowByShipmentIdGivesTheSameCube() {
    // No hash broadcast (limit 0): every row compared, then only the clean ones folded.
    CheckedRows checked = check(0);
    try {
      assertEquals(7, checked.counts().rowsClean());
      assertRows(ShipmentCube.compute(checked.clean()), CUBE_COLUMNS, EXPECTED_CUBE);
    } finally {
      checked.release();
    }
  }

  /**
   * DESIGN.md §5: USD per parcel = declared value x the month's rate, exact, rounded half up to the cent once,
   * then times the row's parcels. XTS (the ISO code for tests) has contrived rates that put the product a hair
   * from half a cent, which a product cut to 7 decimals (Spark's DECIMAL(38,7) for types too wide to multiply
   * exactly) rounds to exactly half a cent, then up. Worked by hand:
   * <ul>
   *   <li>2025-01, XTS at 0.000714285714: 7 XTS = 0.004999999998 USD, 0.00 per parcel; x 1000 parcels = 0.00.
   *   <li>2025-02, XTS at 0.002500000001: 2 XTS = 0.005000000002 USD, 0.01 per parcel; x 3 parcels = 0.03.
   * </ul>
   */
  @Test
  void perParcelUsdIsTheExactProductRoundedOnceToTheCentThenTimesTheParcels() {
    ReferenceData reference = ReferenceFixtures.withRates(REFERENCE,
        ReferenceFixtures.rate("XTS", "2025-01", "0.000714285714"),
        ReferenceFixtures.rate("XTS", "2025-02", "0.002500000001"));
    List<LandingRow> rows = List.of(
        temuToUs("shipments/x1.csv", "S-X-UNDER", "2025-01-10", "7", "XTS", "1000"),
        temuToUs("shipments/x2.csv", "S-X-OVER", "2025-02-10", "2", "XTS", "3"));
    Dataset<Row> landing = landingFrame(spark, SHIPMENTS, rows);

    Dataset<Row> rowLevel = ShipmentPass.rowLevel(spark, landing, reference, RUN_DATE);
    List<Column> inputs = new ArrayList<>(List.of(ShipmentCube.inputs(RowFlags.isClean())));
    inputs.add(col(SHIPMENT_ID));
    inputs.add(UsdCents.amount(col(ShipmentCube.ROW_VALUE_HIGH), col(ShipmentCube.ROW_VALUE_LOW))
        .as(ShipmentCube.ROW_VALUE_USD));
    assertRows(rowLevel.select(inputs.toArray(Column[]::new)), List.of(SHIPMENT_ID, ShipmentCube.ROW_VALUE_USD),
        List.of(new Object[] {"S-X-UNDER", money("0.00")}, new Object[] {"S-X-OVER", money("0.03")}));
    // The exact product: a declared value (22,6) times a rate (15,12) is DECIMAL(38,18), nothing cut.
    assertEquals(DataTypes.createDecimalType(38, 18),
        rowLevel.select(col(ParsedColumns.VALUE).multiply(col(USD_PER_UNIT))).schema().fields()[0].dataType());

    CheckedRows checked = CheckedRows.check(SHIPMENTS.folder(), landing,
        (raw, cache) -> ShipmentPass.flag(spark, raw, reference, RUN_DATE, 2, RowFlags.MAX_BROADCAST_KEYS, cache));
    try {
      assertEquals(2, checked.counts().rowsClean());
      Dataset<Row> cube = ShipmentCube.compute(checked.clean());
      FrameAssert.assertSchema(OutputTables.SHIPMENT_CUBE, cube);
      assertRows(cube, List.of(MONTH_START, PARCELS, DE_MINIMIS_PARCELS, DECLARED_VALUE_USD, DE_MINIMIS_VALUE_USD),
          List.of(new Object[] {date("2025-01-01"), 1000L, 1000L, money("0.00"), money("0.00")},
              new Object[] {date("2025-02-01"), 3L, 3L, money("0.03"), money("0.03")}));
    } finally {
      checked.release();
    }
  }
}
