package dev.crossborder.quality;

import static dev.crossborder.model.Columns.CORRUPT_RECORD;
import static dev.crossborder.model.Columns.REASONS;
import static dev.crossborder.model.Columns.RECORD;
import static dev.crossborder.model.Columns.SOURCE_FILE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossborder.ingest.LandingReader;
import dev.crossborder.ingest.ReferenceData;
import dev.crossborder.ingest.ReferenceData.Country;
import dev.crossborder.ingest.ReferenceData.DeMinimisRule;
import dev.crossborder.ingest.ReferenceData.FxRate;
import dev.crossborder.ingest.ReferenceData.Platform;
import dev.crossborder.model.LandingDataset;
import dev.crossborder.model.ReasonCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Landing rows, a small reference and the checks on quarantine records shared by the gmv and shipment quality
 * tests. Every row carries its own {@code source_file}, so a test finds its row by the file it came from.
 */
public final class QualityFixtures {
  private QualityFixtures() {}

  /** The day the job runs: 2026-11 is the last month a gmv row may have, 2026-11-25 the last ship date. */
  public static final LocalDate RUN_DATE = LocalDate.of(2026, 11, 25);

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One landing row: the contract values as they arrive (null: absent), in contract order, and its file. */
  public record LandingRow(String sourceFile, List<String> values) {}

  /** A landing row and the reason codes the rules of DESIGN.md §4 give it (empty: clean). */
  record Case(LandingRow row, List<String> reasons) {}

  /** A row after the quality rules, with the full flagged row for the columns a test may need. */
  record Flagged(String sourceFile, List<String> reasons, String record, Row row) {}

  static LandingRow gmvRow(String file, String platformId, String countryCode, String month, String gmv,
      String currency, String orders, String source) {
    return new LandingRow(file, Arrays.asList(platformId, countryCode, month, gmv, currency, orders, source));
  }

  public static LandingRow shipmentRow(String file, String shipmentId, String shipDate, String platformId,
      String originCountry, String destinationCountry, String fulfillmentModel, String declaredValue,
      String currency, String parcelCount, String weightKg) {
    return new LandingRow(file, Arrays.asList(shipmentId, shipDate, platformId, originCountry, destinationCountry,
        fulfillmentModel, declaredValue, currency, parcelCount, weightKg));
  }

  static Case clean(LandingRow row) {
    return new Case(row, List.of());
  }

  static Case quarantined(LandingRow row, ReasonCode... reasons) {
    return new Case(row, codes(reasons));
  }

  static List<String> codes(ReasonCode... reasons) {
    return Arrays.stream(reasons).map(ReasonCode::name).toList();
  }

  /**
   * The frame {@link LandingReader} would hand over: the dataset's contract columns as text, then
   * {@code source_file}, then {@code _corrupt_record} (null: every fixture row was split fine).
   */
  public static Dataset<Row> landingFrame(SparkSession spark, LandingDataset dataset, List<LandingRow> rows) {
    StructType schema = new StructType();
    for (String column : dataset.columns()) {
      schema = schema.add(column, DataTypes.StringType, true);
    }
    schema = schema.add(SOURCE_FILE, DataTypes.StringType, true).add(CORRUPT_RECORD, DataTypes.StringType, true);
    List<Row> landing = new ArrayList<>();
    for (LandingRow row : rows) {
      assertEquals(dataset.columns().size(), row.values().size(), "fixture row of " + row.sourceFile());
      List<Object> values = new ArrayList<>(row.values());
      values.add(row.sourceFile());
      values.add(null);
      landing.add(RowFactory.create(values.toArray()));
    }
    return spark.createDataFrame(landing, schema);
  }

  static List<LandingRow> rowsOf(List<Case> cases) {
    return cases.stream().map(Case::row).toList();
  }

  static LandingReader.Contract contract(LandingDataset dataset) {
    return LandingReader.Contract.of(dataset);
  }

  /**
   * Platforms temu, shein, amazon; countries US, CN, DE (EU) and KR; USD rates for 2000-01, 2024-01..06,
   * 2025-01..03 and the run month 2026-11; EUR rates for 2024-01..05 and 2025-01..02 only, so EUR in 2024-06
   * or 2025-03 is a known currency without a rate. De minimis: the US rules (US$200, US$800, CN-origin
   * suspension on 2025-05-02, all origins on 2025-08-29) and one EU rule in EUR; none for KR.
   */
  public static ReferenceData reference() {
    List<Platform> platforms = List.of(
        new Platform("temu", "Temu", "PDD Holdings", "china_big4", "CN"),
        new Platform("shein", "SHEIN", "Roadget Business", "china_big4", "SG"),
        new Platform("amazon", "Amazon", "Amazon.com", "global_incumbent", "US"));
    List<Country> countries = List.of(
        new Country("US", "United States", "north_america", "US"),
        new Country("CN", "China", "asia_pacific", "CN"),
        new Country("DE", "Germany", "europe", "EU"),
        new Country("KR", "South Korea", "asia_pacific", "KR"));
    List<FxRate> rates = new ArrayList<>();
    for (String month : List.of("2000-01", "2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06",
        "2025-01", "2025-02", "2025-03", "2026-11")) {
      rates.add(new FxRate("USD", YearMonth.parse(month), BigDecimal.ONE));
    }
    for (String month : List.of("2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2025-01", "2025-02")) {
      rates.add(new FxRate("EUR", YearMonth.parse(month), new BigDecimal("1.08")));
    }
    List<DeMinimisRule> rules = List.of(
        usdRule("*", "200", "2000-01-01", "2016-03-10"),
        usdRule("*", "800", "2016-03-10", "2025-08-29"),
        usdRule("CN", "0", "2025-05-02", null),
        usdRule("*", "0", "2025-08-29", null),
        new DeMinimisRule("EU", "*", new BigDecimal("150"), "EUR", LocalDate.parse("2000-01-01"),
            LocalDate.parse("2026-07-01"), "EU duty relief"));
    return new ReferenceData(platforms, countries, List.copyOf(rates), rules, List.of());
  }

  private static DeMinimisRule usdRule(String originScope, String threshold, String from, String to) {
    return new DeMinimisRule("US", originScope, new BigDecimal(threshold), "USD", LocalDate.parse(from),
        to == null ? null : LocalDate.parse(to), "19 USC 1321");
  }

  /** Every row of a flagged frame, with its file, reasons and quarantine record. */
  static List<Flagged> flagged(Dataset<Row> flaggedRows) {
    return flaggedRows.collectAsList().stream().map(row -> new Flagged(
        row.getAs(SOURCE_FILE),
        row.getList(row.fieldIndex(REASONS)).stream().map(String.class::cast).toList(),
        row.getAs(RECORD),
        row)).toList();
  }

  /** The rows that came from {@code sourceFile}. */
  static List<Flagged> from(List<Flagged> rows, String sourceFile) {
    return rows.stream().filter(f -> sourceFile.equals(f.sourceFile())).toList();
  }

  /** The one row that came from {@code sourceFile}. */
  static Flagged single(List<Flagged> rows, String sourceFile) {
    List<Flagged> matching = from(rows, sourceFile);
    assertEquals(1, matching.size(), "rows from " + sourceFile + ": " + matching);
    return matching.get(0);
  }

  /**
   * The row of {@code expected} carries exactly the expected reasons, in rule order; a quarantined one keeps
   * its source file and, as its record, the JSON of its text values as they arrived.
   */
  static void assertFlagged(LandingDataset dataset, List<Flagged> rows, Case expected) {
    Flagged actual = single(rows, expected.row().sourceFile());
    assertEquals(expected.reasons(), actual.reasons(), "reasons of " + expected.row());
    if (!expected.reasons().isEmpty()) {
      assertEquals(expected.row().sourceFile(), actual.sourceFile());
      assertRecordHolds(dataset, expected.row(), actual.record());
    }
  }

  /**
   * The record is the JSON of the row's contract values exactly as they arrived (spaces and all); an absent
   * value may be written as null or left out, and nothing else may be in it.
   */
  static void assertRecordHolds(LandingDataset dataset, LandingRow row, String record) {
    Map<String, Object> values = recordValues(record);
    for (int i = 0; i < dataset.columns().size(); i++) {
      String column = dataset.columns().get(i);
      assertEquals(row.values().get(i), values.get(column), column + " in record " + record);
    }
    Set<String> unexpected = new HashSet<>(values.keySet());
    dataset.columns().forEach(unexpected::remove);
    assertTrue(unexpected.isEmpty(), "record " + record + " holds more than the contract columns: " + unexpected);
  }

  static Map<String, Object> recordValues(String record) {
    if (record == null) {
      fail("a quarantined row has no record");
    }
    try {
      return JSON.readValue(record, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new AssertionError("record is not the JSON of the row's values: " + record, e);
    }
  }

  /** The local file a {@code source_file} value (a file URI, as Spark reports it) points at. */
  static Path pathOf(String sourceFile) {
    return Path.of(URI.create(sourceFile));
  }

  /** Writes a landing file, one line each, creating its folder. */
  static Path writeLines(Path file, String... lines) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8).toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
