package dev.crossborder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.testing.SampleRun;
import dev.crossborder.testing.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sql} over the shared sample run's output: the README's headline figures come back from a query, in
 * each output format, from Delta and from Parquet tables; bad queries and folders are one-line exit-2 errors.
 */
class SqlCommandTest extends SparkTestBase {
  @TempDir
  static Path tmp;

  private static String output;

  /** TikTok Shop's worldwide GMV in 2025 (published estimate ~US$100 bn, DESIGN.md section 8). */
  private static final String TIKTOK_2025 = "SELECT platform_id, round(gmv_usd / 1e9, 1) AS gmv_usd_bn, rank"
      + " FROM market_share"
      + " WHERE platform_id = 'tiktok_shop' AND period_grain = 'year' AND period_label = '2025'"
      + " AND geo_level = 'global'";

  @BeforeAll
  static void sampleRun() {
    SampleRun run = SampleRun.get();
    assertEquals(0, run.exitCode(), run.err());
    output = run.output().toString();
  }

  @Test
  void aQueryPrintsTheHeadlineFigureAsAnAlignedTable() {
    MainTest.Outcome outcome = MainTest.run("sql", "--output", output, TIKTOK_2025);
    assertEquals(0, outcome.exitCode(), outcome.err());
    // datasets/README.md: TikTok Shop ~100 bn in 2025, 4th worldwide in the sample's tracked platforms.
    assertEquals(List.of(
        "platform_id | gmv_usd_bn | rank",
        "------------+------------+-----",
        "tiktok_shop |      100.0 |    4",
        "(1 row)"), outcome.out().lines().toList());
  }

  @Test
  void theUsDeMinimisCagrComesBackAsCsvFromAQueryFile() throws IOException {
    Path query = Files.writeString(tmp.resolve("cagr.sql"), "SELECT first_year, last_year, first_value, last_value,"
        + " round(cagr, 4) AS cagr\nFROM growth_summary\nWHERE metric = 'de_minimis_parcels' AND geo_code = 'US'"
        + " AND last_year = 2024;\n");
    MainTest.Outcome outcome = MainTest.run("sql", "--output", output, "--format", "csv", "--file", query.toString());
    assertEquals(0, outcome.exitCode(), outcome.err());
    // US CBP: 139 M (FY2015) -> 1.36 B (FY2024): (1.36e9 / 1.39e8)^(1/9) - 1 = 0.28838...
    assertEquals(List.of("first_year,last_year,first_value,last_value,cagr", "2015,2024,139000000.00,1360000000.00,0.2884"),
        outcome.out().lines().toList());
  }

  @Test
  void jsonGivesOneObjectPerRowWithMissingValuesAsNull() {
    MainTest.Outcome outcome = MainTest.run("sql", "--output", output, "--format", "json",
        "SELECT 'tiktok_shop' AS platform_id, CAST(NULL AS DOUBLE) AS yoy_growth, 4 AS rank");
    assertEquals(0, outcome.exitCode(), outcome.err());
    assertEquals("{\"platform_id\":\"tiktok_shop\",\"yoy_growth\":null,\"rank\":4}", outcome.out().strip());
  }

  @Test
  void everyPublishedTableIsAViewByItsCatalogName() {
    MainTest.Outcome outcome = MainTest.run("sql", "--output", output, "--format", "csv",
        "SELECT (SELECT count(*) FROM silver_gmv_monthly) > 0 AS gmv, (SELECT count(*) FROM silver_shipment_cube) > 0"
            + " AS cube, (SELECT count(*) FROM quarantine) AS quarantined, (SELECT count(*) FROM runs) AS runs,"
            + " (SELECT count(*) FROM kpi_anomalies) > 0 AS anomalies");
    assertEquals(0, outcome.exitCode(), outcome.err());
    // The sample's quarantine: 18 shipment rows and 10 GMV rows (README, datasets/README.md); one run.
    assertEquals("true,true,28,1,true", outcome.out().lines().toList().get(1));
  }

  @Test
  void aParquetOutputAnswersTheSame() throws IOException {
    Path parquet = SampleRun.get().parquetCopy(tmp.resolve("parquet-out"));
    MainTest.Outcome fromParquet = MainTest.run("sql", "--output", parquet.toString(), TIKTOK_2025);
    assertEquals(0, fromParquet.exitCode(), fromParquet.err());
    assertEquals(MainTest.run("sql", "--output", output, TIKTOK_2025).out(), fromParquet.out());
  }

  @Test
  void theLimitCutsTheRowsAndSaysSoOnStderr() {
    MainTest.Outcome outcome = MainTest.run("sql", "--output", output, "--limit", "2", "--format", "csv",
        "SELECT platform_id FROM market_share ORDER BY platform_id");
    assertEquals(0, outcome.exitCode(), outcome.err());
    // The first two rows of the order: both of the alphabetically first platform, as Delta's own reader finds it.
    org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> marketShare =
        spark.read().format("delta").load(output + "/gold/market_share");
    String first = marketShare.selectExpr("min(platform_id)").first().getString(0);
    String last = marketShare.selectExpr("max(platform_id)").first().getString(0);
    assertEquals(List.of("platform_id", first, first), outcome.out().lines().toList());
    assertTrue(outcome.err().contains("Only the first 2 rows are printed; --limit 0 prints all"), outcome.err());

    MainTest.Outcome json = MainTest.run("sql", "--output", output, "--limit", "1", "--format", "json",
        "SELECT platform_id FROM market_share ORDER BY platform_id DESC");
    assertEquals(0, json.exitCode(), json.err());
    assertEquals(List.of("{\"platform_id\":\"" + last + "\"}"), json.out().lines().toList());
  }

  @Test
  void aBadQueryIsOneLineExitTwoWithSparksReason() {
    MainTest.Outcome outcome = MainTest.run("sql", "--output", output, "SELECT * FROM no_such_table");
    assertEquals(2, outcome.exitCode());
    assertEquals(1, outcome.err().strip().lines().count(), outcome.err());
    assertTrue(outcome.err().startsWith("Error: The query failed: [TABLE_OR_VIEW_NOT_FOUND]"), outcome.err());

    MainTest.Outcome syntax = MainTest.run("sql", "--output", output, "SELEC 1");
    assertEquals(2, syntax.exitCode());
    assertEquals(1, syntax.err().strip().lines().count(), syntax.err());
    assertTrue(syntax.err().contains("PARSE_SYNTAX_ERROR"), syntax.err());
  }

  @Test
  void statementsThatWouldChangeTheTablesAreRefused() {
    for (String statement : List.of("DROP VIEW market_share", "INSERT INTO runs SELECT * FROM runs",
        "DELETE FROM quarantine", "CREATE TABLE x AS SELECT 1")) {
      MainTest.Outcome outcome = MainTest.run("sql", "--output", output, statement);
      assertEquals(2, outcome.exitCode(), statement + ": " + outcome.err());
      assertTrue(outcome.err().contains("sql runs read-only statements"), statement + ": " + outcome.err());
    }
    assertEquals("1", MainTest.run("sql", "--output", output, "--format", "csv", "SELECT count(*) FROM runs")
        .out().lines().toList().get(1), "the run history is still there");
  }

  @Test
  void aFolderThatIsNoRunOutputIsRefused() throws IOException {
    Path foreign = Files.createDirectories(tmp.resolve("foreign"));
    MainTest.Outcome outcome = MainTest.run("sql", "--output", foreign.toString(), "SELECT 1");
    assertEquals(2, outcome.exitCode());
    assertTrue(outcome.err().startsWith("Error: Cannot query --output " + foreign + ": it is not a"
        + " crossborder-analytics output folder"), outcome.err());
  }

  @Test
  void aDatabaseInAMetastoreThatIsNotThereIsRefusedWithoutCreatingOne() {
    Path nowhere = tmp.resolve("no-metastore");
    MainTest.Outcome outcome = MainTest.run("sql", "--database", "crossborder", "--metastore", nowhere.toString(),
        "SELECT 1");
    assertEquals(2, outcome.exitCode());
    assertEquals("Error: No metastore in " + nowhere + ": publish into it first with run --database crossborder"
        + " (locally, with the same --metastore or $CROSSBORDER_METASTORE)", outcome.err().strip());
    assertTrue(!Files.exists(nowhere), "no empty metastore left behind");
  }
}
