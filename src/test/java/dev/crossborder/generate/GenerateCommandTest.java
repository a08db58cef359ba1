package dev.crossborder.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.cli.CrossborderAnalytics;
import dev.crossborder.ingest.LandingReader;
import dev.crossborder.ingest.ReferenceData;
import dev.crossborder.ingest.ReferenceLoader;
import dev.crossborder.model.LandingDataset;
import dev.crossborder.model.ReasonCode;
import dev.crossborder.quality.CheckedRows;
import dev.crossborder.quality.QualityCounts;
import dev.crossborder.shipmentpass.ShipmentPass;
import dev.crossborder.testing.SparkTestBase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate} as a user calls it: a landing folder the job's own reader and quality rules accept. */
class GenerateCommandTest extends SparkTestBase {
  private static final Path SAMPLE = Path.of("datasets/sample");
  private static final Pattern SUMMARY =
      Pattern.compile("Generated ([0-9,]+) shipment rows \\(([0-9,]+) planted bad\\) in ([0-9,]+) (csv|parquet|typed parquet) files");

  record Outcome(int exitCode, String out, String err) {}

  private static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CrossborderAnalytics.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Outcome(code, out.toString(), err.toString());
  }

  /** The shipments of a landing folder through the job's reader and quality rules, as `run` checks them. */
  private static QualityCounts checkShipments(Path landing) {
    ReferenceData reference = ReferenceLoader.load(spark, landing.toString());
    LandingDataset shipments = LandingDataset.SHIPMENTS;
    CheckedRows checked = CheckedRows.check(shipments.folder(),
        LandingReader.read(spark, landing.resolve(shipments.folder()).toString(), LandingReader.Contract.of(shipments)),
        (raw, cache) -> ShipmentPass.flag(spark, raw, reference, LocalDate.of(2026, 1, 1), 2, cache));
    checked.release();
    return checked.counts();
  }

  private static long number(String digits) {
    return Long.parseLong(digits.replace(",", ""));
  }

  @Test
  void csvWithBadRowsQuarantinesThemUnderEveryReasonCodeAndReconciles(@TempDir Path tmp) throws IOException {
    Path landing = tmp.resolve("landing");
    Outcome outcome = run("generate", "--output", landing.toString(), "--rows", "4k", "--format", "csv",
        "--bad-ratio", "0.25", "--seed", "11");
    assertEquals(0, outcome.exitCode(), outcome.err());
    Matcher summary = SUMMARY.matcher(outcome.out());
    assertTrue(summary.find(), outcome.out());
    assertEquals(4_000, number(summary.group(1)));
    long plantedBad = number(summary.group(2));
    // 0.25 of 4,000 rows, give or take the binomial noise of 1,000 bad pairs.
    assertEquals(1_000, plantedBad, 120);

    QualityCounts counts = checkShipments(landing);
    assertEquals(4_000, counts.rowsRead(), "one line per row, even for a malformed one");
    assertEquals(counts.rowsRead(), counts.rowsClean() + counts.rowsQuarantined());
    assertEquals(plantedBad, counts.rowsQuarantined(), "every planted row and nothing else is quarantined");
    for (ReasonCode code : ReasonCode.values()) {
      assertTrue(counts.reasons().getOrDefault(code.name(), 0L) > 0, code + " missing from " + counts.reasons());
    }
    // One month per folder, bad rows included (but dates that are not a valid day of 2015-2025).
    var misfiled = spark.read().option("header", "true").csv(landing.resolve("shipments").toString())
        .filter("ship_date rlike '^20(1[5-9]|2[0-5])-[0-9]{2}-(0[1-9]|[12][0-9]|3[01])$'")
        .filter("substring(ship_date, 1, 7) <> cast(ship_month as string)");
    assertEquals(0, misfiled.count(), () -> misfiled.limit(5).collectAsList().toString());
  }

  @Test
  void parquetWithoutBadRowsIsALandingFolderWithEveryRowClean(@TempDir Path tmp) throws IOException {
    Path landing = tmp.resolve("landing");
    String codegenBefore = codegenSetting();
    Outcome outcome = run("generate", "--output", landing.toString(), "--rows", "3000");
    assertEquals(0, outcome.exitCode(), outcome.err());
    assertEquals(codegenBefore, codegenSetting(),
        "the session's codegen setting is restored after the write");
    Matcher summary = SUMMARY.matcher(outcome.out());
    assertTrue(summary.find(), outcome.out());
    assertEquals("0", summary.group(2));
    assertEquals("parquet", summary.group(4));

    QualityCounts counts = checkShipments(landing);
    assertEquals(3_000, counts.rowsRead());
    assertEquals(0, counts.rowsQuarantined(), counts.reasons().toString());

    // Layout: reference/ and gmv/ as in the template, one folder per month of shipments.
    for (String file : LandingGenerator.REFERENCE_FILES) {
      assertEquals(-1, Files.mismatch(SAMPLE.resolve("reference").resolve(file), landing.resolve("reference").resolve(file)),
          file + " copied as it is");
    }
    assertEquals(-1, Files.mismatch(SAMPLE.resolve("gmv/jsonl/gmv-2025.jsonl"), landing.resolve("gmv/jsonl/gmv-2025.jsonl")));
    List<Path> dataFiles;
    try (Stream<Path> files = Files.walk(landing.resolve("shipments"))) {
      dataFiles = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList();
    }
    assertEquals(number(summary.group(3)), dataFiles.size());
    for (Path file : dataFiles) {
      assertTrue(file.getParent().getFileName().toString().matches("ship_month=20(1[5-9]|2[0-5])-(0[1-9]|1[0-2])"),
          file.toString());
    }
    // A month's file holds that month's rows only, all contract columns as text and no partition column.
    Path march = dataFiles.stream().filter(f -> f.getParent().getFileName().toString().equals("ship_month=2024-03"))
        .findFirst().orElseThrow();
    var rows = spark.read().parquet(march.toString());
    assertEquals(LandingDataset.SHIPMENTS.columns(), Arrays.asList(rows.columns()));
    for (StructField field : rows.schema().fields()) {
      assertEquals(DataTypes.StringType, field.dataType(), field.name());
    }
    assertEquals(rows.count(), rows.filter(rows.col("ship_date").startsWith("2024-03-")).count());
  }

  @Test
  void typedParquetCarriesDatesAndNumbersTypedAndQuarantinesEveryPlantedRow(@TempDir Path tmp) {
    Path landing = tmp.resolve("landing");
    Outcome outcome = run("generate", "--output", landing.toString(), "--rows", "4k", "--typed",
        "--bad-ratio", "0.25", "--seed", "11");
    assertEquals(0, outcome.exitCode(), outcome.err());
    Matcher summary = SUMMARY.matcher(outcome.out());
    assertTrue(summary.find(), outcome.out());
    assertEquals("typed parquet", summary.group(4));
    long plantedBad = number(summary.group(2));
    assertEquals(1_000, plantedBad, 120);

    var rows = spark.read().parquet(landing.resolve("shipments").toString());
    assertEquals(DataTypes.DateType, rows.schema().apply("ship_date").dataType());
    assertEquals(DataTypes.createDecimalType(18, 2), rows.schema().apply("declared_value").dataType());
    assertEquals(DataTypes.IntegerType, rows.schema().apply("parcel_count").dataType());
    assertEquals(DataTypes.createDecimalType(12, 3), rows.schema().apply("weight_kg").dataType());
    assertEquals(DataTypes.StringType, rows.schema().apply("shipment_id").dataType());

    QualityCounts counts = checkShipments(landing);
    assertEquals(4_000, counts.rowsRead());
    assertEquals(plantedBad, counts.rowsQuarantined(), "every planted row and nothing else is quarantined");
    for (ReasonCode code : ReasonCode.values()) {
      boolean typedCanHoldIt = code != ReasonCode.BAD_DATE && code != ReasonCode.MALFORMED_RECORD;
      assertEquals(typedCanHoldIt, counts.reasons().getOrDefault(code.name(), 0L) > 0,
          code + " in " + counts.reasons());
    }
  }

  private static String codegenSetting() {
    String key = LandingGenerator.WHOLE_STAGE_CODEGEN;
    return spark.conf().contains(key) ? spark.conf().get(key) : "unset";
  }

  private static void assertOneLineError(Outcome outcome, String fragment) {
    assertEquals(2, outcome.exitCode(), outcome.err());
    String err = outcome.err().strip();
    assertEquals(1, err.lines().count(), "one line, got: " + err);
    assertTrue(err.startsWith("Error: "), err);
    assertTrue(err.contains(fragment), err);
    assertFalse(err.contains("\tat "), err);
  }

  @Test
  void badOptionsAreOneLineErrorsWithExitCode2(@TempDir Path tmp) throws IOException {
    String fresh = tmp.resolve("fresh").toString();
    assertOneLineError(run("generate", "--rows", "10"), "--output");
    assertOneLineError(run("generate", "--output", fresh), "--rows");
    assertOneLineError(run("generate", "--output", fresh, "--rows", "ten"), "whole number of rows");
    assertOneLineError(run("generate", "--output", fresh, "--rows", "1.5"), "whole number of rows");
    assertOneLineError(run("generate", "--output", fresh, "--rows", "0"), "--rows must be between 1");
    assertOneLineError(run("generate", "--output", fresh, "--rows", "10", "--bad-ratio", "1"), "--bad-ratio");
    assertOneLineError(run("generate", "--output", fresh, "--rows", "10", "--bad-ratio", "-0.1"), "--bad-ratio");
    assertOneLineError(run("generate", "--output", fresh, "--rows", "10", "--format", "json"), "parquet or csv");
    assertOneLineError(run("generate", "--output", fresh, "--rows", "10", "--format", "csv", "--typed"),
        "--typed writes typed Parquet columns; it needs --format parquet");
    assertOneLineError(run("generate", "--output", fresh, "--rows", "10", "--template", tmp.resolve("nowhere").toString()),
        "--template");

    Path notEmpty = Files.createDirectories(tmp.resolve("not-empty"));
    Files.writeString(notEmpty.resolve("keep.txt"), "mine");
    assertOneLineError(run("generate", "--output", notEmpty.toString(), "--rows", "10"), "not empty");
    assertEquals("mine", Files.readString(notEmpty.resolve("keep.txt")));
    assertOneLineError(run("generate", "--output", notEmpty.resolve("keep.txt").toString(), "--rows", "10"), "is a file");
    assertFalse(Files.exists(tmp.resolve("fresh")), "nothing written by a refused call");
  }

  @Test
  void helpSaysMalformedRecordsNeedCsv() {
    Outcome outcome = run("generate", "--help");
    assertEquals(0, outcome.exitCode());
    String help = outcome.out().replaceAll("\\s+", " ");
    assertTrue(help.contains("MALFORMED_RECORD with --format csv only"), help);
    for (String option : new String[] {"--output", "--rows", "--seed", "--format", "--typed", "--bad-ratio", "--template"}) {
      assertTrue(help.contains(option), option);
    }
  }
}
