package dev.crossborder.quality;

import static dev.crossborder.model.ReasonCode.BAD_DATE;
import static dev.crossborder.model.ReasonCode.BAD_NUMBER;
import static dev.crossborder.model.ReasonCode.CONFLICTING_DUPLICATE;
import static dev.crossborder.model.ReasonCode.DATE_OUT_OF_RANGE;
import static dev.crossborder.model.ReasonCode.DUPLICATE;
import static dev.crossborder.model.ReasonCode.FX_RATE_MISSING;
import static dev.crossborder.model.ReasonCode.MALFORMED_RECORD;
import static dev.crossborder.model.ReasonCode.MISSING_REQUIRED;
import static dev.crossborder.model.ReasonCode.NEGATIVE_VALUE;
import static dev.crossborder.model.ReasonCode.UNKNOWN_COUNTRY;
import static dev.crossborder.model.ReasonCode.UNKNOWN_CURRENCY;
import static dev.crossborder.model.ReasonCode.UNKNOWN_FULFILLMENT_MODEL;
import static dev.crossborder.model.ReasonCode.UNKNOWN_PLATFORM;
import static dev.crossborder.quality.QualityFixtures.RUN_DATE;
import static dev.crossborder.quality.QualityFixtures.assertFlagged;
import static dev.crossborder.quality.QualityFixtures.assertRecordHolds;
import static dev.crossborder.quality.QualityFixtures.clean;
import static dev.crossborder.quality.QualityFixtures.codes;
import static dev.crossborder.quality.QualityFixtures.contract;
import static dev.crossborder.quality.QualityFixtures.from;
import static dev.crossborder.quality.QualityFixtures.landingFrame;
import static dev.crossborder.quality.QualityFixtures.pathOf;
import static dev.crossborder.quality.QualityFixtures.quarantined;
import static dev.crossborder.quality.QualityFixtures.rowsOf;
import static dev.crossborder.quality.QualityFixtures.shipmentRow;
import static dev.crossborder.quality.QualityFixtures.single;
import static dev.crossborder.quality.QualityFixtures.writeLines;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crossborder.ingest.LandingReader;
import dev.crossborder.ingest.ReferenceData;
import dev.crossborder.model.Columns;
import dev.crossborder.model.LandingDataset;
import dev.crossborder.quality.QualityFixtures.Case;
import dev.crossborder.quality.QualityFixtures.Flagged;
import dev.crossborder.quality.QualityFixtures.LandingRow;
import dev.crossborder.shipmentpass.ShipmentPass;
import dev.crossborder.testing.SparkTestBase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipment quality rules (DESIGN.md §3-§4): one landing row per reason code, each with the codes worked
 * out by hand from the rules, then the reconciliation through {@link CheckedRows} with the pipeline's own
 * wiring ({@link ShipmentPass#flag}: row-level rules, narrowing, duplicates). Every case has its own
 * shipment_id, except the duplicates.
 */
class ShipmentQualityTest extends SparkTestBase {
  private static final LandingDataset SHIPMENTS = LandingDataset.SHIPMENTS;
  private static final ReferenceData REFERENCE = QualityFixtures.reference();

  // Clean rows: known codes, rates for the parcel's and the de minimis rule's currency in the ship month.
  private static final Case CN_TO_US = clean(shipmentRow("shipments/cn_to_us.csv",
      "S-CN-US", "2025-01-15", "temu", "CN", "US", "fully_hosted", "20.00", "USD", "3", "0.4"));
  private static final Case CN_TO_DE_IN_EUR = clean(shipmentRow("shipments/cn_to_de.csv",
      "S-CN-DE", "2025-02-03", "shein", "CN", "DE", "semi_hosted", "35.00", "EUR", "1", "0.7"));
  private static final Case NO_PARCEL_COUNT = clean(shipmentRow("shipments/no_parcel_count.csv",
      "S-NO-PARCELS", "2025-03-10", "amazon", "US", "US", "local_seller", "45.00", "USD", null, null));
  private static final Case SPACES_ONLY_PARCEL_COUNT = clean(shipmentRow("shipments/spaces_parcel_count.csv",
      "S-BLANK-PARCELS", "2025-03-11", "amazon", "US", "US", "local_seller", "45.00", "USD", "   ", "   "));
  private static final Case PADDED = clean(shipmentRow("shipments/padded.csv",
      " S-PAD ", " 2025-01-20 ", " temu ", " CN ", " KR ", " semi_hosted ", " 12.00 ", " USD ", " 2 ", " 0.3 "));
  private static final Case ON_THE_RUN_DATE = clean(shipmentRow("shipments/run_date.csv",
      "S-RUN-DAY", "2026-11-25", "temu", "CN", "US", "fully_hosted", "10.00", "USD", "1", "0.2"));
  private static final Case ON_1_JANUARY_2000 = clean(shipmentRow("shipments/first_day.csv",
      "S-2000", "2000-01-01", "amazon", "CN", "US", "fully_hosted", "10.00", "USD", "1", "0.2"));

  // One row per reason code.
  private static final Case EMPTY_SHIPMENT_ID = quarantined(shipmentRow("shipments/empty_id.csv",
      "", "2025-01-16", "temu", "CN", "US", "fully_hosted", "10.00", "USD", "1", "0.2"), MISSING_REQUIRED);
  // Without a destination there is no jurisdiction, so no de minimis rule and no rule rate to miss.
  private static final Case SPACES_ONLY_DESTINATION = quarantined(shipmentRow("shipments/spaces_destination.csv",
      "S-BLANK-DEST", "2025-01-16", "temu", "CN", "   ", "fully_hosted", "10.00", "USD", "1", "0.2"),
      MISSING_REQUIRED);
  private static final Case FEBRUARY_30 = quarantined(shipmentRow("shipments/february_30.csv",
      "S-FEB-30", "2025-02-30", "temu", "CN", "US", "fully_hosted", "10.00", "USD", "1", "0.2"), BAD_DATE);
  private static final Case VALUE_NOT_A_NUMBER = quarantined(shipmentRow("shipments/value_not_a_number.csv",
      "S-BAD-VALUE", "2025-01-17", "shein", "CN", "US", "fully_hosted", "12,5x", "USD", "1", "0.2"), BAD_NUMBER);
  // parcel_count >= 1 and weight_kg > 0: zero is not negative, but breaks the rule.
  private static final Case ZERO_PARCELS = quarantined(shipmentRow("shipments/zero_parcels.csv",
      "S-ZERO-PARCELS", "2025-01-17", "shein", "CN", "US", "fully_hosted", "10.00", "USD", "0", "0.2"), BAD_NUMBER);
  private static final Case ZERO_WEIGHT = quarantined(shipmentRow("shipments/zero_weight.csv",
      "S-ZERO-WEIGHT", "2025-01-17", "shein", "CN", "US", "fully_hosted", "10.00", "USD", "1", "0"), BAD_NUMBER);
  private static final Case NEGATIVE_DECLARED_VALUE = quarantined(shipmentRow("shipments/negative_value.csv",
      "S-NEG-VALUE", "2025-01-18", "temu", "CN", "US", "fully_hosted", "-5.00", "USD", "1", "0.2"), NEGATIVE_VALUE);
  private static final Case NEGATIVE_WEIGHT = quarantined(shipmentRow("shipments/negative_weight.csv",
      "S-NEG-WEIGHT", "2025-01-18", "temu", "CN", "US", "fully_hosted", "10.00", "USD", "1", "-0.4"), NEGATIVE_VALUE);
  private static final Case UNKNOWN_PLATFORM_ID = quarantined(shipmentRow("shipments/unknown_platform.csv",
      "S-WISH", "2025-01-19", "wish", "CN", "US", "fully_hosted", "10.00", "USD", "1", "0.2"), UNKNOWN_PLATFORM);
  private static final Case UNKNOWN_ORIGIN = quarantined(shipmentRow("shipments/unknown_origin.csv",
      "S-FROM-XX", "2025-01-19", "temu", "XX", "US", "fully_hosted", "10.00", "USD", "1", "0.2"), UNKNOWN_COUNTRY);
  private static final Case UNKNOWN_DESTINATION = quarantined(shipmentRow("shipments/unknown_destination.csv",
      "S-TO-ZZ", "2025-01-19", "temu", "CN", "ZZ", "fully_hosted", "10.00", "USD", "1", "0.2"), UNKNOWN_COUNTRY);
  private static final Case UNKNOWN_CURRENCY_CODE = quarantined(shipmentRow("shipments/unknown_currency.csv",
      "S-XYZ", "2025-01-19", "temu", "CN", "US", "fully_hosted", "10.00", "XYZ", "1", "0.2"), UNKNOWN_CURRENCY);
  // EUR has no rate for 2025-03; the US rule is in USD, which has one.
  private static final Case EUR_WITHOUT_RATE = quarantined(shipmentRow("shipments/eur_without_rate.csv",
      "S-EUR-MARCH", "2025-03-05", "shein", "CN", "US", "fully_hosted", "30.00", "EUR", "1", "0.2"),
      FX_RATE_MISSING);
  // A USD parcel into the EU: its own rate exists, but the EU rule's EUR threshold cannot be converted.
  private static final Case RULE_CURRENCY_WITHOUT_RATE = quarantined(shipmentRow("shipments/rule_rate_missing.csv",
      "S-CN-DE-MARCH", "2025-03-05", "temu", "CN", "DE", "fully_hosted", "10.00", "USD", "1", "0.2"),
      FX_RATE_MISSING);
  private static final Case UNKNOWN_MODEL = quarantined(shipmentRow("shipments/unknown_model.csv",
      "S-DROP-SHIP", "2025-01-19", "temu", "CN", "US", "drop_ship", "10.00", "USD", "1", "0.2"),
      UNKNOWN_FULFILLMENT_MODEL);
  private static final Case THREE_UNKNOWN_CODES = quarantined(shipmentRow("shipments/three_unknown_codes.csv",
      "S-UNKNOWN-3", "2025-01-19", "wish", "XX", "US", "drop_ship", "10.00", "USD", "1", "0.2"),
      UNKNOWN_PLATFORM, UNKNOWN_COUNTRY, UNKNOWN_FULFILLMENT_MODEL);
  // The run month has rates (USD, and the US rule is in USD), so only the date rule fires.
  private static final Case DAY_AFTER_THE_RUN_DATE = quarantined(shipmentRow("shipments/after_run_date.csv",
      "S-FUTURE", "2026-11-26", "temu", "CN", "US", "fully_hosted", "10.00", "USD", "1", "0.2"), DATE_OUT_OF_RANGE);
  // 1999-12 has no USD rate: both codes apply.
  private static final Case BEFORE_2000 = quarantined(shipmentRow("shipments/before_2000.csv",
      "S-1999", "1999-12-31", "amazon", "CN", "US", "fully_hosted", "10.00", "USD", "1", "0.2"),
      FX_RATE_MISSING, DATE_OUT_OF_RANGE);

  // Duplicates: copies of one shipment_id.
  private static final LandingRow COPY_IN_ONE_FILE = shipmentRow("shipments/copy_in_one_file.csv",
      "S-COPY", "2025-01-21", "temu", "CN", "US", "fully_hosted", "15.00", "USD", "2", "0.5");
  private static final LandingRow COPY_IN_FILE_A = shipmentRow("shipments/copy_a.csv",
      "S-COPY-AB", "2025-02-10", "shein", "CN", "US", "fully_hosted", "18.00", "USD", "1", "0.3");
  private static final LandingRow COPY_IN_FILE_B = shipmentRow("shipments/copy_b.csv",
      "S-COPY-AB", "2025-02-10", "shein", "CN", "US", "fully_hosted", "18.00", "USD", "1", "0.3");
  private static final LandingRow CONFLICT_15 = shipmentRow("shipments/conflict_a.csv",
      "S-CONFLICT", "2025-02-11", "temu", "CN", "US", "fully_hosted", "15.00", "USD", "1", "0.3");
  private static final LandingRow CONFLICT_16 = shipmentRow("shipments/conflict_b.csv",
      "S-CONFLICT", "2025-02-11", "temu", "CN", "US", "fully_hosted", "16.00", "USD", "1", "0.3");

  private static final List<Case> CLEAN_CASES = List.of(
      CN_TO_US, CN_TO_DE_IN_EUR, NO_PARCEL_COUNT, SPACES_ONLY_PARCEL_COUNT, PADDED, ON_THE_RUN_DATE,
      ON_1_JANUARY_2000);
  private static final List<Case> QUARANTINED_CASES = List.of(
      EMPTY_SHIPMENT_ID, SPACES_ONLY_DESTINATION, FEBRUARY_30, VALUE_NOT_A_NUMBER, ZERO_PARCELS, ZERO_WEIGHT,
      NEGATIVE_DECLARED_VALUE, NEGATIVE_WEIGHT, UNKNOWN_PLATFORM_ID, UNKNOWN_ORIGIN, UNKNOWN_DESTINATION,
      UNKNOWN_CURRENCY_CODE, EUR_WITHOUT_RATE, RULE_CURRENCY_WITHOUT_RATE, UNKNOWN_MODEL, THREE_UNKNOWN_CODES,
      DAY_AFTER_THE_RUN_DATE, BEFORE_2000);

  private static final List<LandingRow> ALL_ROWS = Stream.of(
      rowsOf(CLEAN_CASES).stream(),
      rowsOf(QUARANTINED_CASES).stream(),
      Stream.of(COPY_IN_ONE_FILE, COPY_IN_ONE_FILE, COPY_IN_FILE_A, COPY_IN_FILE_B, CONFLICT_15, CONFLICT_16))
      .flatMap(s -> s).toList();

  private static List<Flagged> flagged;

  @BeforeAll
  static void flagTheFixture() {
    flagged = QualityFixtures.flagged(ShipmentPass.flag(spark, landing(ALL_ROWS), REFERENCE, RUN_DATE));
  }

  private static Dataset<Row> landing(List<LandingRow> rows) {
    return landingFrame(spark, SHIPMENTS, rows);
  }

  /** The pipeline's flag step for shipments (Pipeline.run): rules, then the narrowing to cube and quarantine. */
  private static BiFunction<Dataset<Row>, UnaryOperator<Dataset<Row>>, Dataset<Row>> pipelineFlag() {
    return (raw, cache) -> ShipmentPass.flag(spark, raw, REFERENCE, RUN_DATE, 2, cache);
  }

  private static void assertCase(Case expected) {
    assertFlagged(SHIPMENTS, flagged, expected);
  }

  private static long parcelsOf(Case shipment) {
    Row row = single(flagged, shipment.row().sourceFile()).row();
    // Each clean case is alone in its file, so its entry is its row folded alone.
    assertEquals(1L, row.<Long>getAs(Tally.ROWS));
    return row.<Long>getAs(Columns.PARCELS);
  }

  @Test
  void shipmentsWithKnownCodesAndRatesStayClean() {
    assertCase(CN_TO_US);
    assertCase(CN_TO_DE_IN_EUR);
  }

  @Test
  void anAbsentOrBlankParcelCountMeansOneParcelAndIsClean() {
    assertCase(NO_PARCEL_COUNT);
    assertCase(SPACES_ONLY_PARCEL_COUNT);
    assertEquals(1L, parcelsOf(NO_PARCEL_COUNT));
    assertEquals(1L, parcelsOf(SPACES_ONLY_PARCEL_COUNT));
    assertEquals(3L, parcelsOf(CN_TO_US));
  }

  @Test
  void paddedValuesAreTrimmedBeforeTheRules() {
    assertCase(PADDED);
    assertEquals(2L, parcelsOf(PADDED));
  }

  @Test
  void theRunDateAndJanuary1st2000AreTheEdgesOfTheAllowedRange() {
    assertCase(ON_THE_RUN_DATE);
    assertCase(ON_1_JANUARY_2000);
  }

  @Test
  void anEmptyShipmentIdIsMissingRequired() {
    assertCase(EMPTY_SHIPMENT_ID);
  }

  @Test
  void aFieldOfOnlySpacesIsMissingRequiredAndItsRecordKeepsTheSpaces() {
    assertCase(SPACES_ONLY_DESTINATION);
  }

  @Test
  void february30IsBadDate() {
    assertCase(FEBRUARY_30);
  }

  @Test
  void aDeclaredValueThatDoesNotParseIsBadNumber() {
    assertCase(VALUE_NOT_A_NUMBER);
  }

  @Test
  void zeroParcelsOrZeroWeightAreBadNumber() {
    assertCase(ZERO_PARCELS);
    assertCase(ZERO_WEIGHT);
  }

  @Test
  void aNegativeDeclaredValueOrWeightIsNegativeValue() {
    assertCase(NEGATIVE_DECLARED_VALUE);
    assertCase(NEGATIVE_WEIGHT);
  }

  @Test
  void aPlatformNotInTheReferenceIsUnknownPlatform() {
    assertCase(UNKNOWN_PLATFORM_ID);
  }

  @Test
  void anUnknownOriginIsUnknownCountry() {
    assertCase(UNKNOWN_ORIGIN);
  }

  @Test
  void anUnknownDestinationIsUnknownCountry() {
    assertCase(UNKNOWN_DESTINATION);
  }

  @Test
  void aCurrencyWithNoRateAtAllIsUnknownCurrency() {
    assertCase(UNKNOWN_CURRENCY_CODE);
  }

  @Test
  void aKnownCurrencyWithoutARateForTheShipMonthIsFxRateMissing() {
    assertCase(EUR_WITHOUT_RATE);
  }

  @Test
  void aDeMinimisRuleWhoseCurrencyHasNoRateForTheShipMonthIsFxRateMissing() {
    assertCase(RULE_CURRENCY_WITHOUT_RATE);
  }

  @Test
  void aModelOutsideTheFiveKnownOnesIsUnknownFulfillmentModel() {
    assertCase(UNKNOWN_MODEL);
  }

  @Test
  void aRowFailingThreeRulesCarriesAllThreeCodesInRuleOrder() {
    assertCase(THREE_UNKNOWN_CODES);
  }

  @Test
  void aShipDateAfterTheRunDateIsOutOfRange() {
    assertCase(DAY_AFTER_THE_RUN_DATE);
  }

  @Test
  void aShipDateBefore2000IsOutOfRange() {
    assertCase(BEFORE_2000);
  }

  @Test
  void anIdenticalCopyInTheSameFileIsQuarantinedOnceAndTheOtherKept() {
    List<Flagged> copies = new ArrayList<>(from(flagged, COPY_IN_ONE_FILE.sourceFile()));
    assertEquals(2, copies.size(), "copies: " + copies);
    copies.sort(Comparator.comparing(f -> f.reasons().size()));
    assertEquals(List.of(), copies.get(0).reasons(), "the kept copy");
    assertEquals(codes(DUPLICATE), copies.get(1).reasons(), "the extra copy");
    assertEquals(COPY_IN_ONE_FILE.sourceFile(), copies.get(1).sourceFile());
    assertRecordHolds(SHIPMENTS, COPY_IN_ONE_FILE, copies.get(1).record());
  }

  @Test
  void anIdenticalCopyInAnotherFileIsQuarantinedOnceAndTheOtherKept() {
    Flagged inA = single(flagged, COPY_IN_FILE_A.sourceFile());
    Flagged inB = single(flagged, COPY_IN_FILE_B.sourceFile());
    // Which file's copy is kept is not part of the contract; exactly one of them is.
    List<List<String>> reasons = Stream.of(inA, inB).map(Flagged::reasons)
        .sorted(Comparator.comparing(List::size)).toList();
    assertEquals(List.of(List.of(), codes(DUPLICATE)), reasons);
    Flagged extra = inA.reasons().isEmpty() ? inB : inA;
    assertRecordHolds(SHIPMENTS, COPY_IN_FILE_A, extra.record());
  }

  @Test
  void twoCopiesOfAShipmentIdWithDifferentValuesAreBothConflictingDuplicates() {
    assertCase(quarantined(CONFLICT_15, CONFLICTING_DUPLICATE));
    assertCase(quarantined(CONFLICT_16, CONFLICTING_DUPLICATE));
  }

  @Test
  void shufflingEveryRowByKeyFlagsTheRowsAsShufflingOnlyTheRepeatedKeysDoes() {
    // No hash broadcast (limit 0): the path taken when too many shipment_ids repeat.
    List<Flagged> everyRowShuffled = QualityFixtures.flagged(
        ShipmentPass.flag(spark, landing(ALL_ROWS), REFERENCE, RUN_DATE, 2, 0, FrameCache.NONE));
    assertEquals(rowsAsText(flagged), rowsAsText(everyRowShuffled));
    assertEquals(4, flagged.stream().filter(f -> f.reasons().contains(DUPLICATE.name())
        || f.reasons().contains(CONFLICTING_DUPLICATE.name())).count(), "2 extra copies + 2 conflicting copies");
  }

  private static List<String> rowsAsText(List<Flagged> rows) {
    return rows.stream().map(f -> f.row().toString()).sorted().toList();
  }

  @Test
  void everyRowIsReadOnceAndEndsCleanOrQuarantinedWithCountsPerReason() {
    CheckedRows checked = CheckedRows.check(SHIPMENTS.folder(), landing(ALL_ROWS), pipelineFlag());
    try {
      QualityCounts counts = checked.counts();
      assertEquals(31, ALL_ROWS.size(), "fixture size");
      assertEquals(31, counts.rowsRead());
      // 7 clean single rows + the kept copy of each identical pair.
      assertEquals(9, counts.rowsClean());
      // 18 bad single rows + 2 extra identical copies + 2 conflicting copies.
      assertEquals(22, counts.rowsQuarantined());
      assertEquals(counts.rowsRead(), counts.rowsClean() + counts.rowsQuarantined());
      assertEquals(Map.ofEntries(
          Map.entry("MISSING_REQUIRED", 2L),
          Map.entry("BAD_DATE", 1L),
          Map.entry("BAD_NUMBER", 3L),
          Map.entry("NEGATIVE_VALUE", 2L),
          Map.entry("UNKNOWN_PLATFORM", 2L),
          Map.entry("UNKNOWN_COUNTRY", 3L),
          Map.entry("UNKNOWN_CURRENCY", 1L),
          Map.entry("FX_RATE_MISSING", 3L),
          Map.entry("UNKNOWN_FULFILLMENT_MODEL", 2L),
          Map.entry("DATE_OUT_OF_RANGE", 2L),
          Map.entry("DUPLICATE", 2L),
          Map.entry("CONFLICTING_DUPLICATE", 2L)), counts.reasons());

      // After the narrowing the quarantine still has each bad row's codes, file and record.
      List<Flagged> quarantine = QualityFixtures.flagged(checked.quarantined());
      assertEquals(22, quarantine.size());
      for (Case bad : QUARANTINED_CASES) {
        assertFlagged(SHIPMENTS, quarantine, bad);
      }
    } finally {
      checked.release();
    }
  }

  @Test
  void linesTheReaderCannotSplitAreMalformedAndKeepTheirRawText(@TempDir Path input) {
    Path folder = input.resolve("shipments");
    String shortLine = "S-F2,2025-01-16,temu,CN,US,fully_hosted,20.00,USD,3";
    Path csv = writeLines(folder.resolve("shipments.csv"),
        "shipment_id,ship_date,platform_id,origin_country,destination_country,fulfillment_model,declared_value,"
            + "currency,parcel_count,weight_kg",
        "S-F1,2025-01-15,temu,CN,US,fully_hosted,20.00,USD,3,0.4",
        shortLine);
    String notJson = "not json at all {";
    Path jsonl = writeLines(folder.resolve("shipments.jsonl"),
        "{\"shipment_id\":\"S-F3\",\"ship_date\":\"2025-02-03\",\"platform_id\":\"shein\","
            + "\"origin_country\":\"CN\",\"destination_country\":\"DE\",\"fulfillment_model\":\"semi_hosted\","
            + "\"declared_value\":\"35.00\",\"currency\":\"EUR\"}",
        notJson);

    Dataset<Row> raw = LandingReader.read(spark, folder.toString(), contract(SHIPMENTS));
    CheckedRows checked = CheckedRows.check(SHIPMENTS.folder(), raw, pipelineFlag());
    try {
      List<Flagged> quarantine = QualityFixtures.flagged(checked.quarantined());
      assertEquals(2, quarantine.size(), "quarantine: " + quarantine);

      // The missing column is the optional weight_kg: nothing but the split fails.
      Flagged badCsv = onlyOne(quarantine.stream().filter(r -> shortLine.equals(r.record())).toList());
      assertEquals(codes(MALFORMED_RECORD), badCsv.reasons());
      assertEquals(csv, pathOf(badCsv.sourceFile()));

      // Nothing could be read from the line, so its required fields are missing as well.
      Flagged badJson = onlyOne(quarantine.stream().filter(r -> notJson.equals(r.record())).toList());
      assertEquals(codes(MALFORMED_RECORD, MISSING_REQUIRED), badJson.reasons());
      assertEquals(jsonl, pathOf(badJson.sourceFile()));

      QualityCounts counts = checked.counts();
      assertEquals(4, counts.rowsRead());
      assertEquals(2, counts.rowsClean());
      assertEquals(2, counts.rowsQuarantined());
      assertEquals(Map.of("MALFORMED_RECORD", 2L, "MISSING_REQUIRED", 1L), counts.reasons());
    } finally {
      checked.release();
    }
  }

  private static Flagged onlyOne(List<Flagged> rows) {
    assertEquals(1, rows.size(), "matching rows: " + rows);
    return rows.get(0);
  }

  @Test
  void aFractionalParcelCountIsBadNumber() {
    // parcel_count is an int >= 1 (DESIGN.md §3): 2.5 parcels is no count, and must not be truncated to 2.
    Case fractional = quarantined(shipmentRow("shipments/fractional_parcels.csv",
        "S-HALF", "2025-01-22", "temu", "CN", "US", "fully_hosted", "10.00", "USD", "2.5", "0.2"), BAD_NUMBER);
    assertFlagged(SHIPMENTS, flagOnly(fractional.row()), fractional);
  }

  @Test
  void aLocalParcelDoesNotNeedTheRateOfTheDeMinimisRuleCurrency() {
    // De minimis eligibility is decided for cross-border parcels only (DESIGN.md §3): a DE->DE parcel in USD
    // needs the USD rate of its month, which exists, and never the EUR rate of the EU rule (none for 2025-03).
    Case local = clean(shipmentRow("shipments/local_de.csv",
        "S-LOCAL-DE", "2025-03-06", "amazon", "DE", "DE", "local_seller", "10.00", "USD", "1", "0.2"));
    assertFlagged(SHIPMENTS, flagOnly(local.row()), local);
  }

  @Test
  void aDeclaredValueOf10To16OrMoreIsBadNumberAndOneJustBelowIsClean() {
    // declared_value is DECIMAL(22,6), so that a value times a rate is exact (GmvQuality.LOCAL_AMOUNT): 10^16
    // does not fit and is taken as a unit error; the largest value that fits is clean.
    Case tooLarge = quarantined(shipmentRow("shipments/ten_to_16.csv",
        "S-TEN-TO-16", "2025-01-22", "temu", "CN", "US", "fully_hosted", "10000000000000000", "USD", "1", "0.2"),
        BAD_NUMBER);
    Case largest = clean(shipmentRow("shipments/just_below.csv",
        "S-JUST-BELOW", "2025-01-22", "temu", "CN", "US", "fully_hosted", "9999999999999999.999999", "USD", "1",
        "0.2"));
    List<Flagged> rows = QualityFixtures.flagged(
        ShipmentPass.flag(spark, landing(List.of(tooLarge.row(), largest.row())), REFERENCE, RUN_DATE));
    assertFlagged(SHIPMENTS, rows, tooLarge);
    assertFlagged(SHIPMENTS, rows, largest);
  }

  private static List<Flagged> flagOnly(LandingRow row) {
    return QualityFixtures.flagged(ShipmentPass.flag(spark, landing(List.of(row)), REFERENCE, RUN_DATE));
  }
}
