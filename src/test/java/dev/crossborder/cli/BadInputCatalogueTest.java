package dev.crossborder.cli;

import static dev.crossborder.model.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossborder.testing.SparkTestBase;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A catalogue of bad inputs, each run through the real command line on a copy of
 * src/test/resources/landing/tiny with one thing broken. An input the job cannot read ends with exit 2, one
 * "Error: " line naming the problem (and the file) and nothing written (DESIGN.md §4, §7); a bad row ends in
 * the quarantine with its reason code and the counts still reconcile. The row-level cases share one run,
 * whose gmv and shipments folders carry every bad row at once (a job run costs ~20 s); the exit-2 cases fail
 * before any Spark work on the landing data and get a run each.
 */
class BadInputCatalogueTest extends SparkTestBase {
  private static final Path TINY = Path.of("src/test/resources/landing/tiny");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String GMV_HEADER = "platform_id,country_code,month,gmv,currency,orders,source";
  private static final String SHIPMENT_HEADER = "shipment_id,ship_date,platform_id,origin_country,"
      + "destination_country,fulfillment_model,declared_value,currency,parcel_count,weight_kg";
  private static final StructType GMV_PARQUET_SCHEMA = new StructType()
      .add(PLATFORM_ID, DataTypes.StringType)
      .add(COUNTRY_CODE, DataTypes.StringType)
      .add(MONTH, DataTypes.StringType)
      .add(GMV, DataTypes.createDecimalType(20, 2))
      .add(CURRENCY, DataTypes.StringType)
      .add(ORDERS, DataTypes.LongType);

  // ---------------------------------------------------------------------------------------------------------
  // Exit 2: the input cannot be read or must not be written to. One run each; they stop before Spark reads
  // the landing data, so they are cheap.
  // ---------------------------------------------------------------------------------------------------------

  @Test
  void missingInputFolder(@TempDir Path tmp) {
    // Case: --input names a folder that does not exist.
    Path output = tmp.resolve("out");
    MainTest.Outcome outcome = runJob(tmp.resolve("nowhere"), output);
    assertInputError(outcome, output, "nowhere", "not a folder");
  }

  @Test
  void emptyGmvFolder(@TempDir Path tmp) throws IOException {
    // Case: gmv/ exists but holds no file at all.
    Path input = copyTiny(tmp);
    deleteTree(input.resolve("gmv"));
    Files.createDirectories(input.resolve("gmv"));
    Path output = tmp.resolve("out");
    assertInputError(runJob(input, output), output, "gmv", "no .csv");
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void headerOnlyGmvFile(@TempDir Path tmp) throws IOException {
    // Case: the only gmv file has its header and not a single row: no data at all is an input error.
    Path input = copyTiny(tmp);
    deleteTree(input.resolve("gmv"));
    write(input.resolve("gmv/gmv_header_only.csv"), GMV_HEADER + "\n");
    Path output = tmp.resolve("out");
    assertInputError(runJob(input, output), output, "gmv", "rows");
  }

  @Test
  void semicolonDelimitedCsv(@TempDir Path tmp) throws IOException {
    // Case: a CSV written with ';' as delimiter: its header is one unknown column, so the required columns are
    // missing and the file is named.
    Path input = copyTiny(tmp);
    write(input.resolve("gmv/csv/gmv_semicolon.csv"), GMV_HEADER.replace(',', ';') + "\n"
        + "temu;US;2023-02;100;USD;10;x\n");
    Path output = tmp.resolve("out");
    assertInputError(runJob(input, output), output, "gmv_semicolon.csv", "platform_id");
  }

  @Test
  void missingRequiredColumn(@TempDir Path tmp) throws IOException {
    // Case: a gmv CSV without the required currency column: exit 2 naming the file and the column.
    Path input = copyTiny(tmp);
    write(input.resolve("gmv/csv/gmv_no_currency.csv"), "platform_id,country_code,month,gmv,orders,source\n"
        + "temu,US,2023-02,100,10,x\n");
    Path output = tmp.resolve("out");
    assertInputError(runJob(input, output), output, "gmv_no_currency.csv", "currency");
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void truncatedParquetFile(@TempDir Path tmp) throws IOException {
    // Case: a Parquet file cut off half way (no footer): exit 2 naming the file, on one line.
    Path input = copyTiny(tmp);
    Path whole = writeParquet(tmp.resolve("parquet-src"), List.of(
        RowFactory.create("temu", "US", "2023-02", new BigDecimal("100.00"), "USD", 10L)));
    byte[] bytes = Files.readAllBytes(whole);
    Path truncated = input.resolve("gmv/parquet/gmv_truncated.parquet");
    Files.createDirectories(truncated.getParent());
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
    Path output = tmp.resolve("out");
    assertInputError(runJob(input, output), output, "gmv_truncated.parquet");
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void truncatedGzipFile(@TempDir Path tmp) throws IOException {
    // Case: a gzipped JSON lines file cut off before its end (a download that stopped), which Spark's tasks read:
    // exit 2 naming the file. (A CSV file is read whole on the driver first: that read names it too.)
    Path input = copyTiny(tmp);
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      lines.append(String.format(java.util.Locale.ROOT, "{\"shipment_id\":\"G%d\",\"ship_date\":\"2024-01-15\","
          + "\"platform_id\":\"temu\",\"origin_country\":\"CN\",\"destination_country\":\"US\","
          + "\"fulfillment_model\":\"fully_hosted\",\"declared_value\":\"%d.00\",\"currency\":\"USD\"}%n", i, i + 1));
    }
    java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(zipped)) {
      out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
    }
    byte[] bytes = zipped.toByteArray();
    Files.write(input.resolve("shipments/shipments_cut.jsonl.gz"), Arrays.copyOf(bytes, bytes.length * 2 / 3));
    Path output = tmp.resolve("out");
    assertInputError(runJob(input, output), output, "shipments_cut.jsonl.gz", "truncated or corrupt");
  }

  @Test
  void overlappingDeMinimisRules(@TempDir Path tmp) throws IOException {
    // Case: two '*' rules of jurisdiction US valid on the same days: exit 2 naming the file and the line.
    Path input = copyTiny(tmp);
    append(input.resolve("reference/de_minimis_rules.csv"), "US,*,0,USD,2025-01-01,,overlapping rule\n");
    Path output = tmp.resolve("out");
    assertInputError(runJob(input, output), output, "reference/de_minimis_rules.csv", "line 3");
  }

  @Test
  void policyScenarioWindowWithoutRates(@TempDir Path tmp) throws IOException {
    // Case: a scenario laid over months the FX table does not cover: exit 2 before any data is read.
    Path input = copyTiny(tmp);
    write(input.resolve("reference/policy_scenarios.csv"), "scenario_id,description,jurisdiction,origin_scope,"
        + "threshold,currency,duty_per_parcel,duty_rate,applies_from,applies_to\n"
        + "us_2030,US in 2030,US,*,0,USD,,,2030-01-01,2030-02-01\n");
    Path output = tmp.resolve("out");
    assertInputError(runJob(input, output), output, "reference/policy_scenarios.csv line 2",
        "has no USD rate for 2030-01");
  }

  @Test
  void scenariosOptionNamingNoFile(@TempDir Path tmp) throws IOException {
    // Case: --scenarios names a file that is not there.
    Path input = copyTiny(tmp);
    Path output = tmp.resolve("out");
    assertInputError(MainTest.run("run", "--input", input.toString(), "--output", output.toString(), "--scenarios",
        tmp.resolve("what-if.csv").toString()), output, "--scenarios", "what-if.csv does not exist");
  }

  @Test
  void duplicateCodeInReferenceFile(@TempDir Path tmp) throws IOException {
    // Case: platforms.csv lists temu twice: exit 2 naming the file, the line and the code.
    Path input = copyTiny(tmp);
    append(input.resolve("reference/platforms.csv"), "temu,Temu again,PDD Holdings,china_big4,CN\n");
    Path output = tmp.resolve("out");
    assertInputError(runJob(input, output), output, "reference/platforms.csv", "line 4", "temu");
  }

  @Test
  void ruleValidToBeforeValidFrom(@TempDir Path tmp) throws IOException {
    // Case: a de minimis rule that ends before it starts.
    Path input = copyTiny(tmp);
    write(input.resolve("reference/de_minimis_rules.csv"),
        "jurisdiction,origin_scope,threshold,currency,valid_from,valid_to,source\n"
            + "US,*,800,USD,2016-03-10,2015-01-01,19 USC 1321\n");
    Path output = tmp.resolve("out");
    assertInputError(runJob(input, output), output, "reference/de_minimis_rules.csv", "line 2", "valid_to");
  }

  @Test
  void fxRateOfAThousandUsdOrMore(@TempDir Path tmp) throws IOException {
    // Case: a rate of 1000 USD per unit: rates are DECIMAL(15,12) so that an amount times a rate is exact.
    Path input = copyTiny(tmp);
    append(input.resolve("reference/fx_rates.csv"), "EUR,2030-01,1000\n");
    Path output = tmp.resolve("out");
    assertInputError(runJob(input, output), output, "reference/fx_rates.csv", "line 10", "usd_per_unit", "1000");
  }

  @Test
  void fxRateWithMoreThan12Decimals(@TempDir Path tmp) throws IOException {
    // Case: a rate with 13 decimals would be rounded to the rate type's 12 before any conversion.
    Path input = copyTiny(tmp);
    append(input.resolve("reference/fx_rates.csv"), "EUR,2030-01,1.0800000000001\n");
    Path output = tmp.resolve("out");
    assertInputError(runJob(input, output), output, "reference/fx_rates.csv", "line 10", "usd_per_unit",
        "1.0800000000001", "12 decimals");
  }

  @Test
  void thresholdOf10To16OrMore(@TempDir Path tmp) throws IOException {
    // Case: a threshold of 10^16: thresholds are DECIMAL(22,6), like amounts, so that threshold x rate is exact.
    Path input = copyTiny(tmp);
    append(input.resolve("reference/de_minimis_rules.csv"), "US,*,10000000000000000,USD,2025-08-29,,absurd\n");
    Path output = tmp.resolve("out");
    assertInputError(runJob(input, output), output, "reference/de_minimis_rules.csv", "line 3", "threshold",
        "10000000000000000");
  }

  @Test
  void thresholdWithMoreThan6Decimals(@TempDir Path tmp) throws IOException {
    // Case: a threshold with 7 decimals does not fit the threshold type.
    Path input = copyTiny(tmp);
    append(input.resolve("reference/de_minimis_rules.csv"), "US,*,0.0000001,USD,2025-08-29,,too fine\n");
    Path output = tmp.resolve("out");
    assertInputError(runJob(input, output), output, "reference/de_minimis_rules.csv", "line 3", "threshold",
        "0.0000001", "6 decimals");
  }

  @Test
  void unknownExtensionInGmvFolder(@TempDir Path tmp) throws IOException {
    // Case: a notes.txt among the gmv files: exit 2 naming it rather than guessing its format or skipping it.
    Path input = copyTiny(tmp);
    write(input.resolve("gmv/notes.txt"), "loaded from the Q3 deck\n");
    Path output = tmp.resolve("out");
    assertInputError(runJob(input, output), output, "notes.txt");
  }

  @Test
  void outputEqualToInput(@TempDir Path tmp) throws IOException {
    // Case: --output is the --input folder itself: refused, and the input is left as it was.
    Path input = copyTiny(tmp);
    assertInputError(runJob(input, input), tmp.resolve("never-created"), "--input");
    assertFalse(Files.exists(input.resolve(".crossborder-analytics")), "no marker written into the input");
    assertFalse(Files.exists(input.resolve("gold")), "no gold written into the input");
    assertFalse(Files.exists(input.resolve("quarantine")), "no quarantine written into the input");
  }

  @Test
  void outputInsideInput(@TempDir Path tmp) throws IOException {
    // Case: --output lies inside --input.
    Path input = copyTiny(tmp);
    Path output = input.resolve("analytics");
    assertInputError(runJob(input, output), output, "--input");
    assertFalse(Files.exists(output), "nothing created inside the input");
  }

  @Test
  void foreignNonEmptyOutputFolder(@TempDir Path tmp) throws IOException {
    // Case: --output is a non-empty folder this tool did not create: refused, its files untouched.
    Path input = copyTiny(tmp);
    Path output = tmp.resolve("out");
    write(output.resolve("precious.txt"), "keep me");
    write(output.resolve("gold/report.csv"), "a,b\n1,2\n");
    MainTest.Outcome outcome = runJob(input, output);
    assertOneLineError(outcome, "not empty");
    assertEquals("keep me", Files.readString(output.resolve("precious.txt")));
    assertEquals("a,b\n1,2\n", Files.readString(output.resolve("gold/report.csv")));
    try (Stream<Path> files = Files.list(output)) {
      assertEquals(List.of("gold", "precious.txt"), files.map(p -> p.getFileName().toString()).sorted().toList(),
          "nothing added to the foreign folder");
    }
    try (Stream<Path> files = Files.list(output.resolve("gold"))) {
      assertEquals(1, files.count(), "nothing added under its gold/");
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Exit 0 with bad rows quarantined: one shared run whose landing folder carries every row-level case. Its
  // --output is given as a file:// URI, which is one more case (a second full run would double the cost).
  // ---------------------------------------------------------------------------------------------------------

  @TempDir
  static Path shared;

  private static MainTest.Outcome quarantineRun;
  private static Path quarantineOutput;
  private static String setupFailure;
  private static List<QuarantinedRow> quarantine;
  private static List<GmvRow> silverGmv;
  private static JsonNode report;
  private static CubeParcels cube;

  /** One quarantine row as read back from the table. */
  record QuarantinedRow(String dataset, String sourceFile, String record, List<String> reasons) {}

  /** One clean GMV row of silver/gmv_monthly. */
  record GmvRow(String platformId, String countryCode, String month, BigDecimal gmvLocal, String sourceFile) {}

  /** Shipment cube parcels per month (clean shipments only), as yyyy-MM -> parcels. */
  record CubeParcels(Map<String, Long> parcelsByMonth) {}

  @BeforeAll
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  static void runOnLandingFullOfBadRows() {
    try {
      Path input = copyTiny(shared);
      // A rate for the far-future month, so the future shipment fails on its date alone.
      append(input.resolve("reference/fx_rates.csv"), "USD,2099-01,1\n");
      writeBadGmv(input.resolve("gmv"));
      writeBadShipments(input.resolve("shipments"));
      quarantineOutput = shared.resolve("out");
      quarantineRun = MainTest.run("run", "--input", input.toString(),
          "--output", quarantineOutput.toUri().toString(), "--max-quarantine-ratio", "0.9", "--run-id", "catalogue");
      if (quarantineRun.exitCode() != 0) {
        return;
      }
      String out = quarantineOutput.toString();
      quarantine = spark.read().format("delta").load(out + "/quarantine").collectAsList().stream()
          .map(r -> new QuarantinedRow(r.getAs(DATASET), r.getAs(SOURCE_FILE), r.getAs(RECORD),
              List.copyOf(r.<String>getList(r.fieldIndex(REASONS)))))
          .toList();
      silverGmv = spark.read().format("delta").load(out + "/silver/gmv_monthly").collectAsList().stream()
          .map(r -> new GmvRow(r.getAs(PLATFORM_ID), r.getAs(COUNTRY_CODE),
              r.getAs(MONTH_START).toString().substring(0, 7), r.getAs(GMV_LOCAL), r.getAs(SOURCE_FILE)))
          .toList();
      Map<String, Long> parcels = new TreeMap<>();
      for (Row r : spark.read().format("delta").load(out + "/silver/shipment_cube")
          .groupBy(col(MONTH_START)).sum(PARCELS).collectAsList()) {
        parcels.put(r.get(0).toString().substring(0, 7), r.getLong(1));
      }
      cube = new CubeParcels(parcels);
      report = JSON.readTree(quarantineOutput.resolve("runs/catalogue.json").toFile());
    } catch (Exception | AssertionError e) {
      setupFailure = e.toString();
    }
  }

  /** gmv/: the tiny files plus one file per format or encoding case and one file of bad rows. */
  private static void writeBadGmv(Path gmv) throws IOException {
    // Each bad row has its own key and a source text naming its case, to find it in the quarantine.
    write(gmv.resolve("bad/gmv_bad_rows.csv"), GMV_HEADER + "\n"
        + "temu,US,2024-02,abc,USD,1,case_text_in_gmv\n"
        + "amazon,US,2024-02,1e20,USD,1,case_huge_gmv\n"
        + "temu,CN,2024-02,-5,USD,1,case_negative_gmv\n"
        + "wish,US,2024-01,10,USD,1,case_unknown_platform\n"
        + "temu,FR,2024-01,10,EUR,1,case_unknown_country\n"
        + "amazon,DE,2024-02,10,XYZ,1,case_unknown_currency\n"
        + "amazon,CN,2023-03,10,USD,1,case_fx_month_missing\n"
        + "amazon,CN,Jan-2024,10,USD,1,case_month_text\n");
    write(gmv.resolve("extra/gmv_extra_column.csv"), GMV_HEADER + ",analyst_note\n"
        + "temu,DE,2023-02,50,EUR,2,x,ignore me\n");
    write(gmv.resolve("crlf/gmv_crlf.csv"), GMV_HEADER + "\r\n"
        + "amazon,US,2023-02,60,USD,6,x\r\n"
        + "amazon,CN,2023-02,61,USD,6,x\r\n");
    writeBytes(gmv.resolve("bom/gmv_bom.csv"), concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
        (GMV_HEADER + "\ntemu,US,2023-02,70,USD,7,x\n").getBytes(StandardCharsets.UTF_8)));
    write(gmv.resolve("quoted/gmv_quoted.csv"), GMV_HEADER + "\n"
        + "\"amazon\",\"DE\",2023-02,80,EUR,8,\"report, p. 12; table 3\"\n");
    write(gmv.resolve("newline/gmv_newline.csv"), GMV_HEADER + "\n"
        + "temu,DE,2024-02,30,EUR,3,\"first line\nsecond line\"\n");
    writeGzip(gmv.resolve("gz/gmv_gzip.csv.gz"), GMV_HEADER + "\ntemu,CN,2023-01,90,USD,9,x\n");
    Path mixed = writeParquet(shared.resolve("parquet-mixed"), List.of(
        RowFactory.create("amazon", "CN", "2024-01", new BigDecimal("100.00"), "USD", 10L),
        RowFactory.create("temu", "CN", "2024-01", new BigDecimal("110.00"), "USD", 11L)));
    Path empty = writeParquet(shared.resolve("parquet-empty"), List.of());
    Files.createDirectories(gmv.resolve("parquet"));
    Files.copy(mixed, gmv.resolve("parquet/gmv_mixed.parquet"));
    Files.copy(empty, gmv.resolve("parquet/gmv_empty.parquet"));
  }

  /** shipments/: the tiny file plus bad rows, a non-UTF-8 file, duplicates across two files and CRLF rows. */
  private static void writeBadShipments(Path shipments) throws IOException {
    write(shipments.resolve("bad/shipments_bad_rows.csv"), SHIPMENT_HEADER + "\n"
        + "B_PARCELS,2024-01-15,temu,CN,US,fully_hosted,20.00,USD,abc,0.4\n"
        + "B_DATE_TEXT,15/01/2024,temu,CN,US,fully_hosted,20.00,USD,1,0.4\n"
        + "B_DATE_IMPOSSIBLE,2025-02-30,temu,CN,US,fully_hosted,20.00,USD,1,0.4\n"
        + "B_NEGATIVE,2024-01-15,temu,CN,US,fully_hosted,-5.00,USD,1,0.4\n"
        + "B_HUGE,2024-01-15,temu,CN,US,fully_hosted,1e20,USD,1,0.4\n"
        + "B_PLATFORM,2024-01-15,wish,CN,US,fully_hosted,20.00,USD,1,0.4\n"
        + "B_COUNTRY,2024-01-15,temu,CN,ZZ,fully_hosted,20.00,USD,1,0.4\n"
        + "B_CURRENCY,2024-01-15,temu,CN,US,fully_hosted,20.00,XYZ,1,0.4\n"
        + "B_FX,2024-03-15,temu,CN,US,fully_hosted,20.00,USD,1,0.4\n"
        + "B_FUTURE,2099-01-15,temu,CN,US,fully_hosted,20.00,USD,1,0.4\n"
        + "B_MODEL,2024-01-15,temu,CN,US,drone,20.00,USD,1,0.4\n"
        + "B_MISSING,2024-01-15,,CN,US,fully_hosted,20.00,USD,1,0.4\n");
    // 'tem' + 0xE9 (e acute in ISO-8859-1): not valid UTF-8.
    writeBytes(shipments.resolve("latin1/shipments_latin1.csv"), concat(
        (SHIPMENT_HEADER + "\nS_LATIN,2024-01-15,tem").getBytes(StandardCharsets.US_ASCII),
        new byte[] {(byte) 0xE9},
        ",CN,US,fully_hosted,20.00,USD,1,0.4\n".getBytes(StandardCharsets.US_ASCII)));
    write(shipments.resolve("dup/shipments_dup_a.csv"), SHIPMENT_HEADER + "\n"
        + "D1,2024-01-20,temu,CN,US,fully_hosted,15.00,USD,2,0.3\n"
        + "C1,2024-01-21,temu,CN,US,fully_hosted,10.00,USD,1,0.3\n");
    write(shipments.resolve("dup/shipments_dup_b.csv"), SHIPMENT_HEADER + "\n"
        + "D1,2024-01-20,temu,CN,US,fully_hosted,15.00,USD,2,0.3\n"
        + "C1,2024-01-21,temu,CN,US,fully_hosted,12.00,USD,1,0.3\n");
    write(shipments.resolve("crlf/shipments_crlf.csv"), SHIPMENT_HEADER + "\r\n"
        + "R1,2024-02-01,amazon,US,US,local_seller,30.00,USD,4,1.0\r\n"
        + "R2,2024-02-02,amazon,US,US,local_seller,30.00,USD,5,1.0\r\n"
        + "R3,2024-02-03,amazon,US,US,local_seller,30.00,USD,6,1.0\r\n");
    write(shipments.resolve("clean/shipments_clean.csv"), SHIPMENT_HEADER + "\n"
        + "M1,2023-01-10,temu,CN,DE,fully_hosted,12.00,EUR,1,0.2\n"
        + "M2,2023-01-11,temu,CN,DE,semi_hosted,12.00,EUR,1,0.2\n"
        + "M3,2023-02-10,amazon,CN,US,marketplace,40.00,USD,1,\n"
        + "M4,2023-02-11,amazon,DE,DE,overseas_hosted,25.00,EUR,1,0.5\n");
  }

  // Physical data rows written above (tiny included), for the reconciliation checks.
  private static final long SHIPMENTS_READ = 1 + 12 + 1 + 4 + 3 + 4;
  private static final long SHIPMENTS_CLEAN = 1 /* tiny T1 */ + 1 /* D1 kept */ + 3 /* CRLF */ + 4 /* clean */;
  private static final long SHIPMENTS_QUARANTINED = 12 + 1 /* latin1 */ + 1 /* D1 copy */ + 2 /* C1 both */;
  /** gmv records written above (tiny included); the embedded-newline file holds one, on two lines. */
  private static final long GMV_READ = 8 /* tiny */ + 8 /* bad rows */ + 1 /* extra column */ + 2 /* CRLF */
      + 1 /* BOM */ + 1 /* quoted */ + 1 /* newline */ + 1 /* gzip */ + 2 /* Parquet */ + 0 /* empty Parquet */;

  @Test
  void outputAsFileUri() {
    // Case: --output given as a file:// URI works like the plain path: everything lands in that folder.
    requireQuarantineRun();
    assertTrue(quarantineOutput.toUri().toString().startsWith("file:/"), quarantineOutput.toUri().toString());
    assertTrue(Files.exists(quarantineOutput.resolve(".crossborder-analytics")), "marker under the URI's folder");
    assertTrue(Files.exists(quarantineOutput.resolve("runs/catalogue.json")), "run report under the URI's folder");
    assertTrue(Files.exists(quarantineOutput.resolve("gold/gmv_growth/_delta_log")), "gold under the URI's folder");
    assertTrue(Files.exists(quarantineOutput.resolve("quarantine/_delta_log")), "quarantine under the URI's folder");
    assertEquals("SUCCEEDED", report.path("status").asText(), report.toString());
  }

  @Test
  void extraUnknownColumnIsIgnored() {
    // Case: a gmv CSV with an extra analyst_note column: the run succeeds and the row is clean.
    requireQuarantineRun();
    assertEquals(List.of("50"), gmvAmountsFrom("gmv_extra_column.csv"));
    assertEquals(List.of(), quarantinedFrom("gmv_extra_column.csv"));
  }

  @Test
  void textInGmvIsBadNumber() {
    // Case: wrong type, gmv = "abc".
    requireQuarantineRun();
    assertEquals(List.of("BAD_NUMBER"), gmvReasons("case_text_in_gmv"));
  }

  @Test
  void textInParcelCountIsBadNumber() {
    // Case: wrong type, parcel_count = "abc".
    requireQuarantineRun();
    assertEquals(List.of("BAD_NUMBER"), shipmentReasons("B_PARCELS"));
  }

  @Test
  void unparseableDateIsBadDate() {
    // Case: unparseable dates, ship_date 15/01/2024 and gmv month Jan-2024.
    requireQuarantineRun();
    assertEquals(List.of("BAD_DATE"), shipmentReasons("B_DATE_TEXT"));
    assertEquals(List.of("BAD_DATE"), gmvReasons("case_month_text"));
  }

  @Test
  void impossibleDateIsBadDate() {
    // Case: impossible calendar date 2025-02-30.
    requireQuarantineRun();
    assertEquals(List.of("BAD_DATE"), shipmentReasons("B_DATE_IMPOSSIBLE"));
  }

  @Test
  void negativeValueIsNegativeValue() {
    // Case: negative gmv (-5) and negative declared_value (-5.00).
    requireQuarantineRun();
    assertEquals(List.of("NEGATIVE_VALUE"), gmvReasons("case_negative_gmv"));
    assertEquals(List.of("NEGATIVE_VALUE"), shipmentReasons("B_NEGATIVE"));
  }

  @Test
  void absurdlyLargeValueIsBadNumber() {
    // Case: 1e20 as gmv and as declared_value.
    requireQuarantineRun();
    assertEquals(List.of("BAD_NUMBER"), gmvReasons("case_huge_gmv"));
    assertEquals(List.of("BAD_NUMBER"), shipmentReasons("B_HUGE"));
  }

  @Test
  void unknownPlatformIsUnknownPlatform() {
    // Case: platform 'wish' is not in reference/platforms.csv.
    requireQuarantineRun();
    assertEquals(List.of("UNKNOWN_PLATFORM"), gmvReasons("case_unknown_platform"));
    assertEquals(List.of("UNKNOWN_PLATFORM"), shipmentReasons("B_PLATFORM"));
  }

  @Test
  void unknownCountryIsUnknownCountry() {
    // Case: country FR (gmv) and destination ZZ (shipment) are not in reference/countries.csv.
    requireQuarantineRun();
    assertEquals(List.of("UNKNOWN_COUNTRY"), gmvReasons("case_unknown_country"));
    assertEquals(List.of("UNKNOWN_COUNTRY"), shipmentReasons("B_COUNTRY"));
  }

  @Test
  void unknownCurrencyIsUnknownCurrency() {
    // Case: currency XYZ has no rate at all in reference/fx_rates.csv.
    requireQuarantineRun();
    assertEquals(List.of("UNKNOWN_CURRENCY"), gmvReasons("case_unknown_currency"));
    assertEquals(List.of("UNKNOWN_CURRENCY"), shipmentReasons("B_CURRENCY"));
  }

  @Test
  void missingFxMonthIsFxRateMissing() {
    // Case: USD is known but has no rate for 2023-03 (gmv) or 2024-03 (shipment).
    requireQuarantineRun();
    assertEquals(List.of("FX_RATE_MISSING"), gmvReasons("case_fx_month_missing"));
    assertEquals(List.of("FX_RATE_MISSING"), shipmentReasons("B_FX"));
  }

  @Test
  void unknownFulfillmentModelAndMissingFieldAreQuarantined() {
    // Case: fulfillment_model 'drone'; an empty required platform_id.
    requireQuarantineRun();
    assertEquals(List.of("UNKNOWN_FULFILLMENT_MODEL"), shipmentReasons("B_MODEL"));
    assertEquals(List.of("MISSING_REQUIRED"), shipmentReasons("B_MISSING"));
  }

  @Test
  void futureShipmentIsDateOutOfRange() {
    // Case: a shipment dated 2099-01-15, after the run date (its month has a rate, so only the date fails).
    requireQuarantineRun();
    assertEquals(List.of("DATE_OUT_OF_RANGE"), shipmentReasons("B_FUTURE"));
  }

  @Test
  void identicalCopyInAnotherFileIsDuplicate() {
    // Case: D1 appears identically in two files: the first copy is kept, the other is a DUPLICATE.
    requireQuarantineRun();
    List<QuarantinedRow> copies = shipmentRows("D1");
    assertEquals(1, copies.size(), copies.toString());
    assertEquals(List.of("DUPLICATE"), copies.get(0).reasons());
    assertTrue(copies.get(0).sourceFile().endsWith("shipments_dup_b.csv"), copies.get(0).sourceFile());
  }

  @Test
  void differentCopyInAnotherFileIsConflictingDuplicate() {
    // Case: C1 appears in two files with different declared values: both copies quarantined, none chosen.
    requireQuarantineRun();
    List<QuarantinedRow> copies = shipmentRows("C1");
    assertEquals(2, copies.size(), copies.toString());
    for (QuarantinedRow copy : copies) {
      assertEquals(List.of("CONFLICTING_DUPLICATE"), copy.reasons(), copy.toString());
    }
    assertEquals(List.of("shipments_dup_a.csv", "shipments_dup_b.csv"),
        copies.stream().map(c -> fileName(c.sourceFile())).sorted().toList());
  }

  @Test
  void crlfLineEndingsReadClean() {
    // Case: CRLF line endings in a gmv and a shipments CSV: every row clean, values intact.
    requireQuarantineRun();
    assertEquals(List.of("60", "61"), gmvAmountsFrom("gmv_crlf.csv"));
    assertEquals(List.of(), quarantinedFrom("gmv_crlf.csv"));
    assertEquals(List.of(), quarantinedFrom("shipments_crlf.csv"));
    // R1..R3 are the only clean shipments of 2024-02: 4 + 5 + 6 parcels (parcel_count is the next-to-last field).
    assertEquals(15L, cube.parcelsByMonth().get("2024-02"), cube.toString());
  }

  @Test
  void utf8BomHeaderIsRecognised() {
    // Case: a gmv CSV starting with a UTF-8 byte order mark: header recognised, row clean.
    requireQuarantineRun();
    assertEquals(List.of("70"), gmvAmountsFrom("gmv_bom.csv"));
    assertEquals(List.of(), quarantinedFrom("gmv_bom.csv"));
  }

  @Test
  void quotedFieldWithEmbeddedDelimiterIsClean() {
    // Case: quoted fields, one carrying ',' and ';' inside the quotes.
    requireQuarantineRun();
    assertEquals(List.of("80"), gmvAmountsFrom("gmv_quoted.csv"));
    assertEquals(List.of(), quarantinedFrom("gmv_quoted.csv"));
  }

  @Test
  void quotedFieldWithEmbeddedNewlineIsOneCleanRow() {
    // Case: a quoted source field spanning two lines. CSV records are read whole: the row (temu DE 2024-02,
    // gmv 30) is clean, counted once, and no part of it is quarantined.
    requireQuarantineRun();
    List<GmvRow> clean = silverGmv.stream().filter(r -> r.sourceFile().endsWith("gmv_newline.csv")).toList();
    assertEquals(1, clean.size(), clean.toString());
    assertEquals("temu DE 2024-02", clean.get(0).platformId() + " " + clean.get(0).countryCode() + " "
        + clean.get(0).month());
    assertEquals(List.of("30"), gmvAmountsFrom("gmv_newline.csv"));
    assertEquals(List.of(), quarantinedFrom("gmv_newline.csv"));
    assertEquals(GMV_READ, report.path("datasets").path("gmv").path("rows_read").asLong(),
        report.path("datasets").toString());
    assertReconciled("gmv");
  }

  @Test
  void nonUtf8BytesAreQuarantinedNotACrash() {
    // Case: a platform_id with a Latin-1 byte (0xE9): the run completes and the row is an unknown platform.
    requireQuarantineRun();
    List<QuarantinedRow> rows = quarantinedFrom("shipments_latin1.csv");
    assertEquals(1, rows.size(), rows.toString());
    assertEquals(List.of("UNKNOWN_PLATFORM"), rows.get(0).reasons(), rows.toString());
  }

  @Test
  void gzipCompressedCsvIsReadLikePlainCsv() {
    // Case: gmv_gzip.csv.gz, decompressed by its extension.
    requireQuarantineRun();
    assertEquals(List.of("90"), gmvAmountsFrom("gmv_gzip.csv.gz"));
    assertEquals(List.of(), quarantinedFrom("gmv_gzip.csv.gz"));
  }

  @Test
  void folderMixingCsvJsonlAndParquetCountsEveryRow() {
    // Case: gmv/ holds CSV, JSON lines and Parquet (written by Spark here) side by side: every row counted.
    requireQuarantineRun();
    assertEquals(List.of("100", "110"), gmvAmountsFrom("gmv_mixed.parquet"));
    assertEquals(2, silverGmv.stream().filter(r -> r.sourceFile().endsWith("gmv.jsonl")).count(),
        "the two good JSON lines of tiny");
    assertEquals(4, silverGmv.stream().filter(r -> r.sourceFile().endsWith("/csv/gmv.csv")).count(),
        "the four good CSV rows of tiny");
    JsonNode gmv = report.path("datasets").path("gmv");
    assertEquals(GMV_READ, gmv.path("rows_read").asLong(), gmv.toString());
  }

  @Test
  void zeroRowParquetFileIsIgnored() {
    // Case: a Parquet file with the right schema and no rows: no error, nothing from it anywhere.
    requireQuarantineRun();
    assertEquals(List.of(), gmvAmountsFrom("gmv_empty.parquet"));
    assertEquals(List.of(), quarantinedFrom("gmv_empty.parquet"));
  }

  @Test
  void notJsonLineIsMalformedRecord() {
    // Case (from tiny): a JSON-lines file with a line that is not JSON keeps it as MALFORMED_RECORD.
    requireQuarantineRun();
    List<QuarantinedRow> rows = quarantine.stream()
        .filter(q -> q.sourceFile().endsWith("gmv.jsonl") && q.record().equals("not json")).toList();
    assertEquals(1, rows.size(), quarantinedFrom("gmv.jsonl").toString());
    assertTrue(rows.get(0).reasons().contains("MALFORMED_RECORD"), rows.toString());
  }

  @Test
  void everyRowReadIsCleanOrQuarantined() {
    // Case: reconciliation over the whole run: rows_read = rows_clean + rows_quarantined per dataset, and the
    // counts match what the tables hold.
    requireQuarantineRun();
    assertReconciled("gmv");
    assertReconciled("shipments");
    JsonNode shipments = report.path("datasets").path("shipments");
    assertEquals(SHIPMENTS_READ, shipments.path("rows_read").asLong(), shipments.toString());
    assertEquals(SHIPMENTS_CLEAN, shipments.path("rows_clean").asLong(), shipments.toString());
    assertEquals(SHIPMENTS_QUARANTINED, shipments.path("rows_quarantined").asLong(), shipments.toString());
    assertEquals(report.path("datasets").path("gmv").path("rows_clean").asLong(), silverGmv.size(),
        "silver/gmv_monthly holds every clean gmv row");
    // Clean parcels: T1 3 + D1 2 + R1..R3 15 + M1..M4 4.
    assertEquals(24L, cube.parcelsByMonth().values().stream().mapToLong(Long::longValue).sum(), cube.toString());
  }

  // ---------------------------------------------------------------------------------------------------------
  // Helpers
  // ---------------------------------------------------------------------------------------------------------

  private static MainTest.Outcome runJob(Path input, Path output) {
    return MainTest.run("run", "--input", input.toString(), "--output", output.toString(),
        "--max-quarantine-ratio", "0.9", "--run-id", "bad-input");
  }

  /** Exit 2, one "Error: " line holding every fragment, no stack trace. */
  private static void assertOneLineError(MainTest.Outcome outcome, String... fragments) {
    String err = outcome.err().strip();
    assertEquals(2, outcome.exitCode(), "exit code; stderr was:\n" + outcome.err());
    assertFalse(outcome.err().contains("\tat ") || outcome.out().contains("\tat "), "stack trace printed:\n" + err);
    assertEquals(1, err.lines().count(), "one line, got:\n" + err);
    assertTrue(err.startsWith("Error: "), err);
    for (String fragment : fragments) {
      assertTrue(err.contains(fragment), "'" + fragment + "' missing from: " + err);
    }
  }

  /** As {@link #assertOneLineError}, and nothing written under {@code output}. */
  private static void assertInputError(MainTest.Outcome outcome, Path output, String... fragments) {
    assertOneLineError(outcome, fragments);
    assertTrue(!Files.exists(output) || !Files.exists(output.resolve("gold")),
        "nothing written under " + output);
    assertFalse(Files.exists(output.resolve("quarantine")), "no quarantine written under " + output);
  }

  private static void requireQuarantineRun() {
    assertNotNull(quarantineRun, "setup failed: " + setupFailure);
    assertEquals(0, quarantineRun.exitCode(), "the run with bad rows must succeed; stderr:\n" + quarantineRun.err());
    if (setupFailure != null) {
      fail("reading the run's tables failed: " + setupFailure);
    }
  }

  private static void assertReconciled(String dataset) {
    JsonNode counts = report.path("datasets").path(dataset);
    assertTrue(counts.has("rows_read"), report.toString());
    assertEquals(counts.path("rows_read").asLong(),
        counts.path("rows_clean").asLong() + counts.path("rows_quarantined").asLong(), counts.toString());
    assertEquals(counts.path("rows_quarantined").asLong(),
        quarantine.stream().filter(q -> q.dataset().equals(dataset)).count(), "quarantine rows of " + dataset);
  }

  /** Reasons of the one quarantined gmv row whose source text is {@code caseTag}. */
  private static List<String> gmvReasons(String caseTag) {
    List<QuarantinedRow> rows = quarantine.stream()
        .filter(q -> q.dataset().equals("gmv") && q.record().contains("\"source\":\"" + caseTag + "\"")).toList();
    assertEquals(1, rows.size(), caseTag + " should be quarantined once: " + rows);
    return rows.get(0).reasons();
  }

  private static List<QuarantinedRow> shipmentRows(String shipmentId) {
    return quarantine.stream().filter(q -> q.dataset().equals("shipments")
        && q.record().contains("\"shipment_id\":\"" + shipmentId + "\"")).toList();
  }

  /** Reasons of the one quarantined shipment {@code shipmentId}. */
  private static List<String> shipmentReasons(String shipmentId) {
    List<QuarantinedRow> rows = shipmentRows(shipmentId);
    assertEquals(1, rows.size(), shipmentId + " should be quarantined once: " + rows);
    return rows.get(0).reasons();
  }

  private static List<QuarantinedRow> quarantinedFrom(String fileName) {
    return quarantine.stream().filter(q -> fileName(q.sourceFile()).equals(fileName)).toList();
  }

  /** gmv_local of the clean rows from {@code fileName}, ascending, as plain text without trailing zeros. */
  private static List<String> gmvAmountsFrom(String fileName) {
    return silverGmv.stream().filter(r -> fileName(r.sourceFile()).equals(fileName))
        .map(r -> r.gmvLocal().stripTrailingZeros()).sorted().map(BigDecimal::toPlainString).toList();
  }

  private static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static Path copyTiny(Path tmp) throws IOException {
    Path target = tmp.resolve("landing");
    try (Stream<Path> files = Files.walk(TINY)) {
      for (Path source : files.toList()) {
        Path dest = target.resolve(TINY.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(source, dest, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return target;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void write(Path file, String content) throws IOException {
    writeBytes(file, content.getBytes(StandardCharsets.UTF_8));
  }

  private static void writeBytes(Path file, byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, content);
  }

  private static void append(Path file, String lines) throws IOException {
    String existing = Files.readString(file);
    write(file, (existing.endsWith("\n") ? existing : existing + "\n") + lines);
  }

  private static void writeGzip(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }

  /** Writes {@code rows} as one Parquet file with Spark and returns that file (outside any landing folder). */
  private static Path writeParquet(Path folder, List<Row> rows) throws IOException {
    spark.createDataFrame(new ArrayList<>(rows), GMV_PARQUET_SCHEMA).coalesce(1).write().parquet(folder.toString());
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> parts = files.filter(p -> p.getFileName().toString().startsWith("part-")
          && p.getFileName().toString().endsWith(".parquet")).toList();
      assertEquals(1, parts.size(), "one Parquet part file in " + folder);
      return parts.get(0);
    }
  }
}
