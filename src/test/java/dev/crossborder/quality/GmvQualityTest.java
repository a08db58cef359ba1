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
import static dev.crossborder.model.ReasonCode.UNKNOWN_PLATFORM;
import static dev.crossborder.quality.QualityFixtures.RUN_DATE;
import static dev.crossborder.quality.QualityFixtures.assertFlagged;
import static dev.crossborder.quality.QualityFixtures.assertRecordHolds;
import static dev.crossborder.quality.QualityFixtures.clean;
import static dev.crossborder.quality.QualityFixtures.codes;
import static dev.crossborder.quality.QualityFixtures.contract;
import static dev.crossborder.quality.QualityFixtures.from;
import static dev.crossborder.quality.QualityFixtures.gmvRow;
import static dev.crossborder.quality.QualityFixtures.landingFrame;
import static dev.crossborder.quality.QualityFixtures.pathOf;
import static dev.crossborder.quality.QualityFixtures.quarantined;
import static dev.crossborder.quality.QualityFixtures.recordValues;
import static dev.crossborder.quality.QualityFixtures.rowsOf;
import static dev.crossborder.quality.QualityFixtures.single;
import static dev.crossborder.quality.QualityFixtures.writeLines;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crossborder.ingest.LandingReader;
import dev.crossborder.ingest.ReferenceData;
import dev.crossborder.model.LandingDataset;
import dev.crossborder.quality.QualityFixtures.Case;
import dev.crossborder.quality.QualityFixtures.Flagged;
import dev.crossborder.quality.QualityFixtures.LandingRow;
import dev.crossborder.testing.SparkTestBase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gmv quality rules (DESIGN.md §3-§4): one landing row per reason code, each with the codes worked out by
 * hand from the rules, then the reconciliation of the whole fixture through {@link CheckedRows}. Keys are
 * (platform_id, country_code, month) and no two cases share one, except the duplicate cases.
 */
class GmvQualityTest extends SparkTestBase {
  private static final LandingDataset GMV = LandingDataset.GMV;
  private static final ReferenceData REFERENCE = QualityFixtures.reference();

  // Clean rows: known codes, rates for their month, months inside [2000-01, run month].
  private static final Case USD_ROW =
      clean(gmvRow("gmv/clean_usd.csv", "temu", "US", "2024-01", "1500.00", "USD", "120", "estimate"));
  private static final Case EUR_ROW_WITHOUT_OPTIONALS =
      clean(gmvRow("gmv/clean_eur.csv", "shein", "DE", "2024-01", "800.50", "EUR", null, null));
  private static final Case ZERO_ORDERS =
      clean(gmvRow("gmv/zero_orders.csv", "amazon", "KR", "2024-02", "300", "USD", "0", ""));
  private static final Case PADDED =
      clean(gmvRow("gmv/padded.csv", " temu ", " CN ", " 2024-02 ", " 99.5 ", " USD ", "  ", "   "));
  private static final Case RUN_MONTH =
      clean(gmvRow("gmv/run_month.csv", "temu", "US", "2026-11", "10.00", "USD", "1", null));
  private static final Case FIRST_MONTH =
      clean(gmvRow("gmv/first_month.csv", "temu", "US", "2000-01", "10.00", "USD", "1", null));

  // One row per reason code.
  private static final Case EMPTY_PLATFORM = quarantined(
      gmvRow("gmv/empty_platform.csv", "", "US", "2024-03", "10.00", "USD", "1", null), MISSING_REQUIRED);
  private static final Case SPACES_ONLY_CURRENCY = quarantined(
      gmvRow("gmv/spaces_currency.csv", "shein", "US", "2024-03", "10.00", "   ", "1", null), MISSING_REQUIRED);
  // Month 13 matches yyyy-MM but is no calendar month; without a month there is no rate to look up.
  private static final Case MONTH_13 = quarantined(
      gmvRow("gmv/month_13.csv", "temu", "DE", "2024-13", "10.00", "EUR", "1", null), BAD_DATE);
  private static final Case GMV_NOT_A_NUMBER = quarantined(
      gmvRow("gmv/gmv_not_a_number.csv", "temu", "KR", "2024-03", "12,5x", "USD", "1", null), BAD_NUMBER);
  private static final Case ORDERS_NOT_A_NUMBER = quarantined(
      gmvRow("gmv/orders_not_a_number.csv", "amazon", "US", "2024-03", "10.00", "USD", "ten", null), BAD_NUMBER);
  private static final Case NEGATIVE_GMV = quarantined(
      gmvRow("gmv/negative_gmv.csv", "shein", "KR", "2024-03", "-5.00", "USD", "1", null), NEGATIVE_VALUE);
  private static final Case NEGATIVE_ORDERS = quarantined(
      gmvRow("gmv/negative_orders.csv", "amazon", "DE", "2024-03", "10.00", "EUR", "-1", null), NEGATIVE_VALUE);
  private static final Case UNKNOWN_PLATFORM_ID = quarantined(
      gmvRow("gmv/unknown_platform.csv", "wish", "US", "2024-04", "10.00", "USD", "1", null), UNKNOWN_PLATFORM);
  private static final Case UNKNOWN_COUNTRY_CODE = quarantined(
      gmvRow("gmv/unknown_country.csv", "temu", "XX", "2024-04", "10.00", "USD", "1", null), UNKNOWN_COUNTRY);
  // A currency with no rate at all is unknown; FX_RATE_MISSING is only for a known currency.
  private static final Case UNKNOWN_CURRENCY_CODE = quarantined(
      gmvRow("gmv/unknown_currency.csv", "shein", "CN", "2024-04", "10.00", "XYZ", "1", null), UNKNOWN_CURRENCY);
  private static final Case UNKNOWN_PLATFORM_AND_COUNTRY = quarantined(
      gmvRow("gmv/unknown_platform_and_country.csv", "wish", "XX", "2024-04", "10.00", "USD", "1", null),
      UNKNOWN_PLATFORM, UNKNOWN_COUNTRY);
  // EUR has rates up to 2024-05 only; USD has one for 2024-06, so the month itself is covered.
  private static final Case EUR_WITHOUT_RATE = quarantined(
      gmvRow("gmv/eur_without_rate.csv", "amazon", "DE", "2024-06", "10.00", "EUR", "1", null), FX_RATE_MISSING);
  // Months outside [2000-01, run month] have no USD rate either: both codes apply.
  private static final Case AFTER_RUN_MONTH = quarantined(
      gmvRow("gmv/after_run_month.csv", "temu", "US", "2026-12", "10.00", "USD", "1", null),
      FX_RATE_MISSING, DATE_OUT_OF_RANGE);
  private static final Case BEFORE_2000 = quarantined(
      gmvRow("gmv/before_2000.csv", "temu", "US", "1999-12", "10.00", "USD", "1", null),
      FX_RATE_MISSING, DATE_OUT_OF_RANGE);

  // Duplicates: copies of one key.
  private static final LandingRow COPY_IN_ONE_FILE =
      gmvRow("gmv/copy_in_one_file.csv", "shein", "US", "2024-05", "42.00", "USD", "4", "copy");
  private static final LandingRow COPY_IN_FILE_A =
      gmvRow("gmv/copy_a.csv", "amazon", "US", "2024-05", "77.00", "USD", "7", "report");
  private static final LandingRow COPY_IN_FILE_B =
      gmvRow("gmv/copy_b.csv", "amazon", "US", "2024-05", "77.00", "USD", "7", "report");
  private static final LandingRow CONFLICT_10 =
      gmvRow("gmv/conflict_10.csv", "temu", "KR", "2024-05", "10.00", "USD", "1", null);
  private static final LandingRow CONFLICT_11 =
      gmvRow("gmv/conflict_11.csv", "temu", "KR", "2024-05", "11.00", "USD", "1", null);
  // Three copies, two of them identical: the odd one out still leaves no copy to keep.
  private static final LandingRow THREE_COPIES_20 =
      gmvRow("gmv/three_copies.csv", "shein", "KR", "2024-05", "20.00", "USD", "2", null);
  private static final LandingRow THREE_COPIES_21 =
      gmvRow("gmv/three_copies.csv", "shein", "KR", "2024-05", "21.00", "USD", "2", null);

  private static final List<Case> SINGLE_ROW_CASES = List.of(
      USD_ROW, EUR_ROW_WITHOUT_OPTIONALS, ZERO_ORDERS, PADDED, RUN_MONTH, FIRST_MONTH,
      EMPTY_PLATFORM, SPACES_ONLY_CURRENCY, MONTH_13, GMV_NOT_A_NUMBER, ORDERS_NOT_A_NUMBER, NEGATIVE_GMV,
      NEGATIVE_ORDERS, UNKNOWN_PLATFORM_ID, UNKNOWN_COUNTRY_CODE, UNKNOWN_CURRENCY_CODE,
      UNKNOWN_PLATFORM_AND_COUNTRY, EUR_WITHOUT_RATE, AFTER_RUN_MONTH, BEFORE_2000);

  private static final List<LandingRow> ALL_ROWS = Stream.concat(rowsOf(SINGLE_ROW_CASES).stream(), Stream.of(
      COPY_IN_ONE_FILE, COPY_IN_ONE_FILE, COPY_IN_FILE_A, COPY_IN_FILE_B, CONFLICT_10, CONFLICT_11,
      THREE_COPIES_20, THREE_COPIES_20, THREE_COPIES_21)).toList();

  private static List<Flagged> flagged;

  @BeforeAll
  static void flagTheFixture() {
    flagged = QualityFixtures.flagged(GmvQuality.flag(spark, landing(ALL_ROWS), REFERENCE, RUN_DATE));
  }

  private static Dataset<Row> landing(List<LandingRow> rows) {
    return landingFrame(spark, GMV, rows);
  }

  private static void assertCase(Case expected) {
    assertFlagged(GMV, flagged, expected);
  }

  @Test
  void rowsWithKnownCodesRatesAndMonthsInRangeStayClean() {
    assertCase(USD_ROW);
    assertCase(EUR_ROW_WITHOUT_OPTIONALS);
    assertCase(ZERO_ORDERS);
  }

  @Test
  void theRunMonthAndJanuary2000AreTheEdgesOfTheAllowedRange() {
    assertCase(RUN_MONTH);
    assertCase(FIRST_MONTH);
  }

  @Test
  void paddedValuesAreTrimmedAndBlankOptionalFieldsAreAbsent() {
    assertCase(PADDED);
  }

  @Test
  void anEmptyKeyFieldIsMissingRequired() {
    assertCase(EMPTY_PLATFORM);
  }

  @Test
  void aFieldOfOnlySpacesIsMissingRequiredAndItsRecordKeepsTheSpaces() {
    assertCase(SPACES_ONLY_CURRENCY);
  }

  @Test
  void month13IsBadDate() {
    assertCase(MONTH_13);
  }

  @Test
  void gmvOrOrdersThatDoNotParseAreBadNumber() {
    assertCase(GMV_NOT_A_NUMBER);
    assertCase(ORDERS_NOT_A_NUMBER);
  }

  @Test
  void negativeGmvOrOrdersAreNegativeValue() {
    assertCase(NEGATIVE_GMV);
    assertCase(NEGATIVE_ORDERS);
  }

  @Test
  void aPlatformNotInTheReferenceIsUnknownPlatform() {
    assertCase(UNKNOWN_PLATFORM_ID);
  }

  @Test
  void aCountryNotInTheReferenceIsUnknownCountry() {
    assertCase(UNKNOWN_COUNTRY_CODE);
  }

  @Test
  void aCurrencyWithNoRateAtAllIsUnknownCurrency() {
    assertCase(UNKNOWN_CURRENCY_CODE);
  }

  @Test
  void aRowFailingTwoRulesCarriesBothCodesInRuleOrder() {
    assertCase(UNKNOWN_PLATFORM_AND_COUNTRY);
  }

  @Test
  void aKnownCurrencyWithoutARateForTheMonthIsFxRateMissing() {
    assertCase(EUR_WITHOUT_RATE);
  }

  @Test
  void aMonthAfterTheRunMonthIsOutOfRange() {
    assertCase(AFTER_RUN_MONTH);
  }

  @Test
  void aMonthBefore2000IsOutOfRange() {
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
    assertRecordHolds(GMV, COPY_IN_ONE_FILE, copies.get(1).record());
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
    assertRecordHolds(GMV, COPY_IN_FILE_A, extra.record());
  }

  @Test
  void twoCopiesOfAKeyWithDifferentValuesAreBothConflictingDuplicates() {
    assertCase(quarantined(CONFLICT_10, CONFLICTING_DUPLICATE));
    assertCase(quarantined(CONFLICT_11, CONFLICTING_DUPLICATE));
  }

  @Test
  void whenOneOfThreeCopiesDiffersNoCopyIsKept() {
    List<Flagged> copies = from(flagged, THREE_COPIES_20.sourceFile());
    assertEquals(3, copies.size(), "copies: " + copies);
    for (Flagged copy : copies) {
      assertEquals(codes(CONFLICTING_DUPLICATE), copy.reasons(), "copy " + copy.record());
    }
    List<Object> gmvValues = copies.stream().map(c -> recordValues(c.record()).get("gmv")).sorted().toList();
    assertEquals(List.of("20.00", "20.00", "21.00"), gmvValues);
  }

  @Test
  void everyRowIsReadOnceAndEndsCleanOrQuarantinedWithCountsPerReason() {
    CheckedRows checked = CheckedRows.check(GMV.folder(), landing(ALL_ROWS),
        (raw, cache) -> GmvQuality.flag(spark, raw, REFERENCE, RUN_DATE, cache));
    try {
      QualityCounts counts = checked.counts();
      assertEquals(29, ALL_ROWS.size(), "fixture size");
      assertEquals(29, counts.rowsRead());
      // 6 clean single rows + the kept copy of each identical pair.
      assertEquals(8, counts.rowsClean());
      // 14 bad single rows + 2 extra identical copies + 2 + 3 conflicting copies.
      assertEquals(21, counts.rowsQuarantined());
      assertEquals(counts.rowsRead(), counts.rowsClean() + counts.rowsQuarantined());
      assertEquals(Map.ofEntries(
          Map.entry("MISSING_REQUIRED", 2L),
          Map.entry("BAD_DATE", 1L),
          Map.entry("BAD_NUMBER", 2L),
          Map.entry("NEGATIVE_VALUE", 2L),
          Map.entry("UNKNOWN_PLATFORM", 2L),
          Map.entry("UNKNOWN_COUNTRY", 2L),
          Map.entry("UNKNOWN_CURRENCY", 1L),
          Map.entry("FX_RATE_MISSING", 3L),
          Map.entry("DATE_OUT_OF_RANGE", 2L),
          Map.entry("DUPLICATE", 2L),
          Map.entry("CONFLICTING_DUPLICATE", 5L)), counts.reasons());
      assertEquals(8, checked.clean().count());
      assertEquals(21, checked.quarantined().count());
    } finally {
      checked.release();
    }
  }

  @Test
  void linesTheReaderCannotSplitAreMalformedAndKeepTheirRawText(@TempDir Path input) {
    Path folder = input.resolve("gmv");
    String shortLine = "shein,US,2024-01,250.00,USD,12";
    Path csv = writeLines(folder.resolve("gmv.csv"),
        "platform_id,country_code,month,gmv,currency,orders,source",
        "temu,US,2024-01,1500.00,USD,120,estimate",
        shortLine);
    String notJson = "{platform_id: temu, this is not json";
    Path jsonl = writeLines(folder.resolve("gmv.jsonl"),
        "{\"platform_id\":\"amazon\",\"country_code\":\"DE\",\"month\":\"2024-01\",\"gmv\":\"900.00\","
            + "\"currency\":\"EUR\",\"orders\":\"40\",\"source\":\"report\"}",
        notJson);

    Dataset<Row> raw = LandingReader.read(spark, folder.toString(), contract(GMV));
    CheckedRows checked = CheckedRows.check(GMV.folder(), raw,
        (rows, cache) -> GmvQuality.flag(spark, rows, REFERENCE, RUN_DATE, cache));
    try {
      List<Flagged> rows = QualityFixtures.flagged(checked.entries());
      List<Flagged> fromCsv = rows.stream().filter(r -> pathOf(r.sourceFile()).equals(csv)).toList();
      List<Flagged> fromJsonl = rows.stream().filter(r -> pathOf(r.sourceFile()).equals(jsonl)).toList();
      assertEquals(2, fromCsv.size(), "rows from " + csv + ": " + rows);
      assertEquals(2, fromJsonl.size(), "rows from " + jsonl + ": " + rows);

      // The missing column is the optional source: nothing but the split fails.
      Flagged badCsv = quarantinedOnly(fromCsv);
      assertEquals(codes(MALFORMED_RECORD), badCsv.reasons());
      assertEquals(shortLine, badCsv.record());

      // Nothing could be read from the line, so its required fields are missing as well.
      Flagged badJson = quarantinedOnly(fromJsonl);
      assertEquals(codes(MALFORMED_RECORD, MISSING_REQUIRED), badJson.reasons());
      assertEquals(notJson, badJson.record());

      QualityCounts counts = checked.counts();
      assertEquals(4, counts.rowsRead());
      assertEquals(2, counts.rowsClean());
      assertEquals(2, counts.rowsQuarantined());
      assertEquals(Map.of("MALFORMED_RECORD", 2L, "MISSING_REQUIRED", 1L), counts.reasons());
    } finally {
      checked.release();
    }
  }

  @Test
  void recordsAcrossLinesAreReadWholeAndAQuoteLeftOpenIsMalformed(@TempDir Path input) {
    Path folder = input.resolve("gmv");
    Path notes = writeLines(folder.resolve("notes.csv"),
        "platform_id,country_code,month,gmv,currency,orders,source",
        "temu,US,2024-01,1500.00,USD,120,\"estimate,\nsee note 3\"",
        "amazon,DE,2024-01,900.00,EUR,40,report");
    // The quote of shein's source is never closed: the temu line after it is read into that field.
    String openRecord = "shein,US,2024-02,250.00,USD,12,\"open note\ntemu,CN,2024-02,300.00,USD,13,swallowed";
    Path open = writeLines(folder.resolve("open.csv"),
        "platform_id,country_code,month,gmv,currency,orders,source",
        openRecord);

    Dataset<Row> raw = LandingReader.read(spark, folder.toString(), contract(GMV));
    CheckedRows checked = CheckedRows.check(GMV.folder(), raw,
        (rows, cache) -> GmvQuality.flag(spark, rows, REFERENCE, RUN_DATE, cache));
    try {
      List<Flagged> rows = QualityFixtures.flagged(checked.entries());
      List<Flagged> fromNotes = rows.stream().filter(r -> pathOf(r.sourceFile()).equals(notes)).toList();
      assertEquals(2, fromNotes.size(), "one row per record, not per line: " + rows);
      fromNotes.forEach(r -> assertEquals(List.of(), r.reasons(), r.toString()));

      List<Flagged> fromOpen = rows.stream().filter(r -> pathOf(r.sourceFile()).equals(open)).toList();
      assertEquals(1, fromOpen.size(), "the open record runs to the end of the file: " + rows);
      Flagged bad = fromOpen.get(0);
      assertEquals(codes(MALFORMED_RECORD), bad.reasons());
      assertEquals(openRecord, bad.record());

      QualityCounts counts = checked.counts();
      assertEquals(3, counts.rowsRead());
      assertEquals(2, counts.rowsClean());
      assertEquals(1, counts.rowsQuarantined());
      assertEquals(Map.of("MALFORMED_RECORD", 1L), counts.reasons());
    } finally {
      checked.release();
    }
  }

  /** Of the two rows of one file, the good one is clean and the other is returned. */
  private static Flagged quarantinedOnly(List<Flagged> rowsOfOneFile) {
    List<Flagged> bad = rowsOfOneFile.stream().filter(r -> !r.reasons().isEmpty()).toList();
    assertEquals(1, bad.size(), "quarantined rows: " + rowsOfOneFile);
    return bad.get(0);
  }

  @Test
  void fractionalOrdersAreBadNumber() {
    // orders is a long >= 0 (DESIGN.md §3): 3.5 orders is no count, and must not be truncated to 3.
    Case fractional = quarantined(
        gmvRow("gmv/fractional_orders.csv", "temu", "US", "2024-02", "10.00", "USD", "3.5", null), BAD_NUMBER);
    assertFlagged(GMV, QualityFixtures.flagged(
        GmvQuality.flag(spark, landing(List.of(fractional.row())), REFERENCE, RUN_DATE)), fractional);
  }

  @Test
  void anAmountOf10To16OrMoreIsBadNumberAndOneJustBelowIsClean() {
    // gmv_local is DECIMAL(22,6), so that an amount times a rate is exact (GmvQuality.LOCAL_AMOUNT): 10^16 does
    // not fit and is taken as a unit error; the largest amount that fits is clean.
    Case tooLarge = quarantined(
        gmvRow("gmv/ten_to_16.csv", "temu", "US", "2024-02", "10000000000000000", "USD", "1", null), BAD_NUMBER);
    Case largest = clean(
        gmvRow("gmv/just_below.csv", "temu", "CN", "2024-02", "9999999999999999.999999", "USD", "1", null));
    List<Flagged> rows = QualityFixtures.flagged(
        GmvQuality.flag(spark, landing(List.of(tooLarge.row(), largest.row())), REFERENCE, RUN_DATE));
    assertFlagged(GMV, rows, tooLarge);
    assertFlagged(GMV, rows, largest);
  }
}
