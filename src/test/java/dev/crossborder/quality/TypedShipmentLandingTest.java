package dev.crossborder.quality;

import static dev.crossborder.model.ReasonCode.BAD_DATE;
import static dev.crossborder.model.ReasonCode.BAD_NUMBER;
import static dev.crossborder.model.ReasonCode.DATE_OUT_OF_RANGE;
import static dev.crossborder.model.ReasonCode.MISSING_REQUIRED;
import static dev.crossborder.model.ReasonCode.NEGATIVE_VALUE;
import static dev.crossborder.quality.QualityFixtures.RUN_DATE;
import static dev.crossborder.quality.QualityFixtures.codes;
import static dev.crossborder.quality.QualityFixtures.recordValues;
import static dev.crossborder.quality.QualityFixtures.writeLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.ingest.LandingReader;
import dev.crossborder.ingest.ReferenceData;
import dev.crossborder.model.Columns;
import dev.crossborder.model.JobException;
import dev.crossborder.model.LandingDataset;
import dev.crossborder.model.ParsedColumns;
import dev.crossborder.quality.QualityFixtures.Flagged;
import dev.crossborder.shipmentpass.ShipmentPass;
import dev.crossborder.testing.SparkTestBase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shipments landed as typed Parquet (ship_date DATE, declared_value DECIMAL(18,2), parcel_count INT, weight_kg
 * DOUBLE), as an export that keeps its types writes them: read as they are, they pass and fail the rules of
 * DESIGN.md §4 exactly as the same values landed as text, each row's reasons worked out by hand, and a
 * quarantined row's record prints its typed values.
 */
class TypedShipmentLandingTest extends SparkTestBase {
  private static final LandingDataset SHIPMENTS = LandingDataset.SHIPMENTS;
  private static final ReferenceData REFERENCE = QualityFixtures.reference();

  private static final StructType TYPED = schemaOf(Map.of("ship_date", DataTypes.DateType,
      "declared_value", DataTypes.createDecimalType(18, 2), "parcel_count", DataTypes.IntegerType,
      "weight_kg", DataTypes.DoubleType));

  /** The shipments contract's columns in order, text but where {@code types} gives another type. */
  private static StructType schemaOf(Map<String, DataType> types) {
    StructType schema = new StructType();
    for (String column : SHIPMENTS.columns()) {
      schema = schema.add(column, types.getOrDefault(column, DataTypes.StringType));
    }
    return schema;
  }

  /** A shipment as typed values, its text as a text file would spell them, and its reasons by hand. */
  private record Shipment(Object[] typed, String[] text, List<String> reasons) {}

  private static Shipment shipment(String id, String date, String platform, String origin, String destination,
      String model, String value, String currency, Integer parcels, Double weight, String weightText,
      List<String> reasons) {
    Object[] typed = {id, date == null ? null : Date.valueOf(date), platform, origin, destination, model,
        value == null ? null : new BigDecimal(value), currency, parcels, weight};
    String[] text = {id, date, platform, origin, destination, model, value, currency,
        parcels == null ? null : parcels.toString(), weightText};
    return new Shipment(typed, text, reasons);
  }

  private static final List<Shipment> SHIPMENTS_LANDED = List.of(
      shipment("S-T-CLEAN", "2025-01-15", "temu", "CN", "US", "fully_hosted", "20.00", "USD", 3, 0.4, "0.4",
          List.of()),
      // No parcel count: one parcel (DESIGN.md §3); no weight: none.
      shipment("S-T-ABSENT", "2025-03-10", "amazon", "US", "US", "local_seller", "45.00", "USD", null, null, null,
          List.of()),
      // 5.0E-7 kg is 0.0000005 by its shortest decimal form, which rounds half up to 0.000001 kg, more than zero:
      // clean. Its binary expansion (4.99999999999999977e-7) would round down to 0, a BAD_NUMBER.
      shipment("S-T-TINY", "2025-01-16", "temu", "CN", "US", "fully_hosted", "10.00", "USD", 1, 5.0E-7, "5.0E-7",
          List.of()),
      shipment("S-T-NEGATIVE", "2025-01-18", "temu", "CN", "US", "fully_hosted", "-5.00", "USD", 1, 0.2, "0.2",
          codes(NEGATIVE_VALUE)),
      shipment("S-T-ZERO", "2025-01-17", "shein", "CN", "US", "fully_hosted", "10.00", "USD", 0, 0.2, "0.2",
          codes(BAD_NUMBER)),
      // No ship date: a required value is missing. Without a date there is no rate month to miss.
      shipment("S-T-NO-DATE", null, "temu", "CN", "US", "fully_hosted", "10.00", "USD", 1, 0.2, "0.2",
          codes(MISSING_REQUIRED)),
      shipment("S-T-FUTURE", "2026-11-26", "temu", "CN", "US", "fully_hosted", "10.00", "USD", 1, 0.2, "0.2",
          codes(DATE_OUT_OF_RANGE)),
      // A NaN weight and one beyond DECIMAL(18,6) are no weights.
      shipment("S-T-NAN", "2025-01-19", "temu", "CN", "US", "fully_hosted", "10.00", "USD", 1, Double.NaN, "NaN",
          codes(BAD_NUMBER)),
      shipment("S-T-HUGE", "2025-01-19", "temu", "CN", "US", "fully_hosted", "10.00", "USD", 1, 1.0E20, "1.0E20",
          codes(BAD_NUMBER)));

  private static List<Flagged> typed;
  private static List<Flagged> text;

  @BeforeAll
  static void flagBothLandings(@TempDir Path input) {
    Path typedFolder = input.resolve("typed/shipments");
    List<Row> rows = SHIPMENTS_LANDED.stream().map(s -> RowFactory.create(s.typed())).toList();
    // One file per shipment, so that each clean row is an entry of its own in the fold.
    spark.createDataFrame(rows, TYPED).repartition(rows.size()).write().parquet(typedFolder.toString());
    typed = QualityFixtures.flagged(flag(typedFolder));

    Path textFolder = input.resolve("text/shipments");
    for (Shipment s : SHIPMENTS_LANDED) {
      writeLines(textFolder.resolve(s.text()[0] + ".csv"), String.join(",", SHIPMENTS.columns()),
          Arrays.stream(s.text()).map(v -> v == null ? "" : v).collect(Collectors.joining(",")));
    }
    text = QualityFixtures.flagged(flag(textFolder));
  }

  private static Dataset<Row> flag(Path folder) {
    Dataset<Row> raw = LandingReader.read(spark, folder.toString(), LandingReader.Contract.of(SHIPMENTS));
    return ShipmentPass.flag(spark, raw, REFERENCE, RUN_DATE);
  }

  @Test
  void theReaderKeepsTypedValuesAsTheyAreBesideANullText(@TempDir Path input) {
    Path folder = input.resolve("shipments");
    spark.createDataFrame(List.of(RowFactory.create(SHIPMENTS_LANDED.get(0).typed())), TYPED)
        .write().parquet(folder.toString());
    Dataset<Row> raw = LandingReader.read(spark, folder.toString(), LandingReader.Contract.of(SHIPMENTS));
    assertEquals(DataTypes.DateType, raw.schema().apply(ParsedColumns.typedValue("ship_date")).dataType());
    assertEquals(DataTypes.DoubleType, raw.schema().apply(ParsedColumns.typedValue("weight_kg")).dataType());
    Row row = raw.first();
    assertEquals(null, row.<String>getAs("ship_date"));
    assertEquals(Date.valueOf("2025-01-15"), row.getAs(ParsedColumns.typedValue("ship_date")));
    assertEquals(3, (int) row.<Integer>getAs(ParsedColumns.typedValue("parcel_count")));
    // Text columns of the contract stay text.
    assertEquals("temu", row.getAs("platform_id"));
  }

  @Test
  void eachTypedRowGetsTheReasonsWorkedOutByHand() {
    Map<String, List<String>> byShipment = quarantinedReasons(typed);
    for (Shipment s : SHIPMENTS_LANDED) {
      String id = (String) s.typed()[0];
      assertEquals(s.reasons(), byShipment.getOrDefault(id, List.of()), id);
    }
  }

  @Test
  void typedAndTextLandingsOfTheSameValuesAreFlaggedAlike() {
    assertEquals(quarantinedReasons(text), quarantinedReasons(typed));
    assertEquals(recordsById(text), recordsById(typed));
    assertEquals(cleanEntries(text), cleanEntries(typed));
    assertEquals(3, cleanEntries(typed).size(), "the three clean shipments");
  }

  @Test
  void aQuarantinedRecordPrintsTheTypedValues() {
    Map<String, Object> record = recordValues(recordsById(typed).get("S-T-NEGATIVE"));
    assertEquals("2025-01-18", record.get("ship_date"));
    assertEquals("-5.00", record.get("declared_value"));
    assertEquals("1", record.get("parcel_count"));
    assertEquals("0.2", record.get("weight_kg"));
    assertEquals("NaN", recordValues(recordsById(typed).get("S-T-NAN")).get("weight_kg"));
    assertEquals(null, recordValues(recordsById(typed).get("S-T-NO-DATE")).get("ship_date"));
  }

  @Test
  void theCleanRowsAddUpTheirParcelsAndValues() {
    long parcels = 0;
    BigDecimal usd = BigDecimal.ZERO;
    for (Row entry : cleanRows(typed)) {
      parcels += entry.<Long>getAs(Columns.PARCELS);
      usd = usd.add(entry.getAs(Columns.DECLARED_VALUE_USD));
    }
    // 3 + 1 (absent count) + 1 parcels; 20.00 x 3 + 45.00 x 1 + 10.00 x 1 USD (USD at rate 1).
    assertEquals(5, parcels);
    assertEquals(0, new BigDecimal("115.00").compareTo(usd), usd.toPlainString());
  }

  @Test
  void aTimestampShipDateIsReadAsItsTextAndIsBadDate(@TempDir Path input) {
    Path folder = input.resolve("shipments");
    StructType schema = schemaOf(Map.of("ship_date", DataTypes.TimestampNTZType));
    Row row = RowFactory.create("S-T-TIME", java.time.LocalDateTime.of(2025, 1, 15, 0, 0), "temu", "CN", "US",
        "fully_hosted", "20.00", "USD", null, null);
    spark.createDataFrame(List.of(row), schema).write().parquet(folder.toString());
    List<Flagged> flagged = QualityFixtures.flagged(flag(folder));
    assertEquals(1, flagged.size());
    assertEquals(codes(BAD_DATE), flagged.get(0).reasons());
    assertEquals("2025-01-15 00:00:00", recordValues(flagged.get(0).record()).get("ship_date"));
  }

  @Test
  void aTypedParquetFileAndATextFileLandTogether(@TempDir Path input) {
    Path folder = input.resolve("shipments");
    spark.createDataFrame(List.of(RowFactory.create(SHIPMENTS_LANDED.get(0).typed())), TYPED)
        .write().parquet(folder.resolve("typed").toString());
    writeLines(folder.resolve("text.csv"), String.join(",", SHIPMENTS.columns()),
        "S-T-CSV,2025-02-03,shein,CN,DE,semi_hosted,35.00,EUR,1,0.7",
        "S-T-CSV-BAD,2025-02-30,shein,CN,DE,semi_hosted,35.00,EUR,1,0.7");
    List<Flagged> flagged = QualityFixtures.flagged(flag(folder));
    assertEquals(Map.of("S-T-CSV-BAD", codes(BAD_DATE)), quarantinedReasons(flagged));
    assertEquals(2L, flagged.stream().filter(f -> f.reasons().isEmpty())
        .mapToLong(f -> f.row().<Long>getAs(Tally.ROWS)).sum());
  }

  @Test
  void parquetFilesGivingAColumnTwoTypesStopTheReadWithAClearError(@TempDir Path input) {
    Path folder = input.resolve("shipments");
    spark.createDataFrame(List.of(RowFactory.create(SHIPMENTS_LANDED.get(0).typed())), TYPED)
        .write().parquet(folder.resolve("typed").toString());
    spark.createDataFrame(List.of(RowFactory.create((Object[]) SHIPMENTS_LANDED.get(0).text())),
            schemaOf(Map.of()))
        .write().parquet(folder.resolve("text").toString());
    JobException error = assertThrows(JobException.class,
        () -> LandingReader.read(spark, folder.toString(), LandingReader.Contract.of(SHIPMENTS)));
    assertEquals(2, error.exitCode());
    assertTrue(error.getMessage().startsWith("Cannot read shipments: its Parquet files give column ship_date two"
        + " types ("), error.getMessage());
    assertTrue(error.getMessage().contains("DATE in ") && error.getMessage().contains("STRING in "),
        error.getMessage());
    assertEquals(1, error.getMessage().lines().count(), error.getMessage());
    assertTrue(error.getMessage().endsWith("write every file with the same type per column, all text or all typed"),
        error.getMessage());
  }

  private static Map<String, List<String>> quarantinedReasons(List<Flagged> rows) {
    Map<String, List<String>> reasons = new TreeMap<>();
    rows.stream().filter(f -> !f.reasons().isEmpty())
        .forEach(f -> reasons.put((String) recordValues(f.record()).get("shipment_id"), f.reasons()));
    return reasons;
  }

  private static Map<String, String> recordsById(List<Flagged> rows) {
    Map<String, String> records = new TreeMap<>();
    rows.stream().filter(f -> !f.reasons().isEmpty())
        .forEach(f -> records.put((String) recordValues(f.record()).get("shipment_id"), f.record()));
    return records;
  }

  /** The clean entries, each printed without its file (the landings' files differ), in order. */
  private static List<String> cleanEntries(List<Flagged> rows) {
    List<String> entries = new ArrayList<>();
    for (Row row : cleanRows(rows)) {
      List<String> fields = new ArrayList<>();
      for (String name : row.schema().fieldNames()) {
        if (!name.equals(Columns.SOURCE_FILE)) {
          fields.add(name + "=" + row.getAs(name));
        }
      }
      entries.add(String.join(", ", fields));
    }
    entries.sort(null);
    return entries;
  }

  private static List<Row> cleanRows(List<Flagged> rows) {
    return rows.stream().filter(f -> f.reasons().isEmpty()).map(Flagged::row).toList();
  }
}
