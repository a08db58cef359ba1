package dev.crossborder.pipeline;

import static dev.crossborder.model.Columns.*;
import static dev.crossborder.testing.FrameAssert.single;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossborder.model.OutputTables;
import dev.crossborder.model.TableSpec;
import dev.crossborder.testing.SampleRun;
import dev.crossborder.testing.SparkTestBase;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole job on datasets/sample (the JVM's one {@link SampleRun}), checked against the figures datasets/README.md documents: published
 * GMV facts (DESIGN.md §8), the deliberate gaps and the deliberately bad rows.
 */
class SampleRunTest extends SparkTestBase {
  private static Path output;
  private static JsonNode runReport;
  private static Dataset<Row> growth;
  private static Dataset<Row> shares;

  @BeforeAll
  static void runOnTheSample() throws IOException {
    SampleRun run = SampleRun.get();
    assertEquals(0, run.exitCode(), run.err() + run.out());
    output = run.output();
    runReport = new ObjectMapper().readTree(output.resolve("runs/" + SampleRun.RUN_ID + ".json").toFile());
    growth = spark.read().format("delta").load(output.resolve("gold/gmv_growth").toString()).cache();
    shares = spark.read().format("delta").load(output.resolve("gold/market_share").toString()).cache();
  }

  /** A dataset's quality counts as the run recorded them in runs/RUN_ID.json. */
  private static JsonNode counts(String dataset) {
    return runReport.get("datasets").get(dataset);
  }

  private static Map<String, Long> reasons(JsonNode counts) {
    Map<String, Long> reasons = new TreeMap<>();
    counts.get("quarantine_reasons").fields().forEachRemaining(e -> reasons.put(e.getKey(), e.getValue().asLong()));
    return reasons;
  }

  private static Column worldYear(String platform, String year) {
    return col(PERIOD_GRAIN).equalTo("year").and(col(GEO_LEVEL).equalTo("global"))
        .and(col(PLATFORM_ID).equalTo(platform)).and(col(PERIOD_LABEL).equalTo(year));
  }

  @Test
  void publishedYearlyGmvComesBackWithinCurrencyRounding() {
    // DESIGN.md section 8, as calibrated in datasets/README.md (US$): within one dollar of the figure.
    Map<String, String> published = Map.of(
        "temu 2023", "18000000000", "temu 2024", "55000000000", "temu 2025", "75000000000",
        "shein 2023", "45000000000", "tiktok_shop 2024", "37500000000", "tiktok_shop 2025", "100000000000",
        "amazon 2023", "700000000000", "shopee 2024", "100000000000", "ebay 2024", "75000000000",
        "mercado_libre 2024", "51500000000");
    published.forEach((platformYear, usd) -> {
      String[] key = platformYear.split(" ");
      BigDecimal gmv = single(growth, worldYear(key[0], key[1])).getAs(GMV_USD);
      assertTrue(gmv.subtract(new BigDecimal(usd)).abs().compareTo(BigDecimal.ONE) <= 0, platformYear + ": " + gmv);
    });
  }

  @Test
  void shopeeGrew28PercentIn2024AndTemusFirstFullYearIsNotComparedWithFourMonths() {
    Row shopee = single(growth, worldYear("shopee", "2024"));
    assertEquals("OK", shopee.getAs(YOY_STATUS));
    assertEquals(0.28, shopee.<Double>getAs(YOY_GROWTH), 1e-9); // 100 / 78.125 - 1, Sea Ltd reported
    Row temu = single(growth, worldYear("temu", "2023"));
    assertEquals("COVERAGE_MISMATCH", temu.getAs(YOY_STATUS)); // 2022 covers Sep-Dec only
    assertEquals(4, single(growth, worldYear("temu", "2022")).<Integer>getAs(MONTHS_COVERED));
  }

  @Test
  void theMissingWalmartMexicoMonthIsAGapNotAZero() {
    Column walmartMexico = col(PERIOD_GRAIN).equalTo("year").and(col(GEO_CODE).equalTo("MX"))
        .and(col(PLATFORM_ID).equalTo("walmart"));
    assertEquals(11, single(growth, walmartMexico.and(col(PERIOD_LABEL).equalTo("2024"))).<Integer>getAs(MONTHS_COVERED));
    assertEquals("COVERAGE_MISMATCH", single(growth, walmartMexico.and(col(PERIOD_LABEL).equalTo("2024"))).getAs(YOY_STATUS));
    assertEquals("COVERAGE_MISMATCH", single(growth, walmartMexico.and(col(PERIOD_LABEL).equalTo("2025"))).getAs(YOY_STATUS));
    assertEquals(0, growth.filter(walmartMexico.and(col(PERIOD_GRAIN).equalTo("month"))
        .and(col(PERIOD_LABEL).equalTo("2024-06"))).count());
  }

  @Test
  void amazonsWorldShareIn2023IsItsGmvOverAllTrackedPlatforms() {
    // datasets/README.md: amazon 700 of 1,152.225 bn tracked in 2023; rank 1 of 11 platforms.
    Row amazon = single(shares, worldYear("amazon", "2023"));
    assertEquals(700.0 / 1152.225, amazon.<Double>getAs(SHARE), 1e-9);
    assertEquals(1, amazon.<Integer>getAs(RANK));
    assertEquals(11, amazon.<Integer>getAs(PLATFORMS_IN_MARKET));
    Row tiktok = single(shares, worldYear("tiktok_shop", "2025"));
    assertEquals(4, tiktok.<Integer>getAs(RANK)); // ahead of eBay's reported ~78 bn, see datasets/README.md
  }

  @Test
  void everyBadGmvRowIsQuarantinedWithItsReasonAndNothingIsLost() {
    JsonNode gmv = counts("gmv");
    assertEquals(5484, gmv.get("rows_read").asLong());
    assertEquals(5474, gmv.get("rows_clean").asLong());
    assertEquals(10, gmv.get("rows_quarantined").asLong());
    assertEquals(Map.of("UNKNOWN_COUNTRY", 1L, "UNKNOWN_CURRENCY", 1L, "BAD_NUMBER", 1L, "BAD_DATE", 1L,
        "MISSING_REQUIRED", 1L, "DUPLICATE", 1L, "CONFLICTING_DUPLICATE", 2L, "UNKNOWN_PLATFORM", 1L,
        "NEGATIVE_VALUE", 1L), reasons(gmv));
    Dataset<Row> quarantine = spark.read().format("delta").load(output.resolve("quarantine").toString());
    Row badNumber = single(quarantine, col(DATASET).equalTo("gmv").and(col(RECORD).contains("12,5x")));
    assertTrue(badNumber.<String>getAs(SOURCE_FILE).endsWith("gmv-2024.csv"));
    assertEquals(SampleRun.RUN_ID, badNumber.getAs(RUN_ID));
  }

  private static Dataset<Row> gold(String table) {
    return spark.read().format("delta").load(output.resolve("gold/" + table).toString());
  }

  @Test
  void usDeMinimisParcelsPerYearAreThePublishedFigures() {
    // US CBP (DESIGN.md section 8) for 2015 and 2022-2024; 2016-2021 synthetic, as datasets/README.md lists.
    Map<String, Long> expected = Map.ofEntries(
        Map.entry("2015", 139_000_000L), Map.entry("2016", 174_570_000L), Map.entry("2017", 219_241_000L),
        Map.entry("2018", 275_344_000L), Map.entry("2019", 345_804_000L), Map.entry("2020", 434_293_000L),
        Map.entry("2021", 545_427_000L), Map.entry("2022", 685_000_000L), Map.entry("2023", 1_050_000_000L),
        Map.entry("2024", 1_360_000_000L));
    Dataset<Row> usYears = gold("shipment_volumes").filter(col(PERIOD_GRAIN).equalTo("year")
        .and(col(GEO_CODE).equalTo("US")).and(col(PLATFORM_ID).equalTo(ALL)).and(col(FULFILLMENT_MODEL).equalTo(ALL)));
    expected.forEach((year, parcels) ->
        assertEquals(parcels, single(usYears, col(PERIOD_LABEL).equalTo(year)).<Long>getAs(DE_MINIMIS_PARCELS), year));
    Row y2024 = single(usYears, col(PERIOD_LABEL).equalTo("2024"));
    assertEquals("OK", y2024.getAs(YOY_STATUS)); // every day of 2023 and 2024 has data
  }

  @Test
  void theAllOriginSuspensionEndsDeMinimisAndRaisesTheLocalShare() {
    Row us = single(gold("policy_impact"), col(JURISDICTION).equalTo("US").and(col(ORIGIN_SCOPE).equalTo("*"))
        .and(col(EFFECTIVE_DATE).equalTo(java.sql.Date.valueOf("2025-08-29"))).and(col(PLATFORM_ID).equalTo(ALL)));
    assertTrue(us.<Long>getAs(DE_MINIMIS_PARCELS_BEFORE) > 0);
    assertEquals(0L, us.<Long>getAs(DE_MINIMIS_PARCELS_AFTER));
    assertTrue(us.<Double>getAs(LOCAL_SHARE_AFTER) > us.<Double>getAs(LOCAL_SHARE_BEFORE));
    assertEquals(3, us.<Integer>getAs(WINDOW_MONTHS));
  }

  @Test
  void fulfilmentSharesOfEveryMarketSumToOne() {
    long bad = gold("fulfillment_mix").groupBy(PERIOD_GRAIN, PERIOD_START, GEO_LEVEL, GEO_CODE, PLATFORM_ID)
        .agg(org.apache.spark.sql.functions.sum(PARCEL_SHARE).as("total"))
        .filter(org.apache.spark.sql.functions.abs(col("total").minus(1)).gt(1e-9))
        .count();
    assertEquals(0, bad);
  }

  @Test
  void everyBadShipmentRowIsQuarantinedAndNothingIsLost() {
    JsonNode shipments = counts("shipments");
    assertEquals(28_145, shipments.get("rows_read").asLong());
    assertEquals(28_127, shipments.get("rows_clean").asLong());
    assertEquals(18, shipments.get("rows_quarantined").asLong());
    Dataset<Row> quarantine = spark.read().format("delta").load(output.resolve("quarantine").toString());
    assertEquals(18, quarantine.filter(col(DATASET).equalTo("shipments")).count());
    Row future = single(quarantine, col(RECORD).contains("S20990101-9007"));
    // 2099 also has no FX rate: every code that applies is listed.
    assertTrue(future.getList(future.fieldIndex(REASONS)).contains("DATE_OUT_OF_RANGE"), future.toString());
  }

  /** datasets/README.md, "Expected: what the expectations find": counted there from the landing files. */
  @Test
  void theSamplesExpectationsHoldButTheOneThatFlagsThePlantedEdgeRow() {
    Map<String, String> found = new TreeMap<>();
    for (String dataset : new String[] {"gmv", "shipments"}) {
      for (JsonNode rule : counts(dataset).path("rules")) {
        if (rule.path("kind").asText().equals("expectation")) {
          found.put(rule.path("rule").asText(), dataset + " " + rule.path("action").asText() + " "
              + rule.path("rows_failing").asLong() + " of " + rule.path("rows_evaluated").asLong());
        }
      }
    }
    assertEquals(Map.of(
        "fully_hosted_at_most_30_kg", "shipments warn 0 of 28130",
        "declared_below_10000_usd", "shipments warn 0 of 28130",
        "gmv_below_100_bn_usd_a_month", "gmv warn 0 of 5477",
        "us_parcel_at_the_800_edge", "shipments warn 1 of 28130"), found);
  }

  @Test
  void theBigFourBeatTheCiccForecastFor2025() {
    // datasets/README.md targets: china_big4 180.5 bn (2024) -> 273.0 bn (2025); CICC Big Four forecast +25 %.
    Row big4 = single(gold("benchmark_comparison"), col(ENTITY_ID).equalTo("china_big4").and(col(YEAR).equalTo(2025))
        .and(col(SEGMENT_ID).equalTo("china_big4_outbound")));
    double yoy = 273.0 / 180.5 - 1;
    assertEquals(yoy, big4.<Double>getAs(YOY_GROWTH), 1e-9);
    assertEquals(0.25, big4.<Double>getAs(BENCHMARK_GROWTH), 1e-12);
    assertEquals((yoy - 0.25) * 100, big4.<Double>getAs(OUTPERFORMANCE_PP), 1e-7);
  }

  @Test
  void usDeMinimisParcelsGrewAboutTwentyNinePercentAYearFrom2015To2024() {
    Row us = single(gold("growth_summary"), col(METRIC).equalTo("de_minimis_parcels").and(col(GEO_CODE).equalTo("US"))
        .and(col(LAST_YEAR).equalTo(2024)));
    assertEquals(2015, us.<Integer>getAs(FIRST_YEAR));
    // US CBP: 139 M (FY2015) -> 1.36 B (FY2024): (1.36e9 / 1.39e8)^(1/9) - 1 = +28.84 %
    assertEquals(Math.pow(1_360_000_000.0 / 139_000_000.0, 1.0 / 9) - 1, us.<Double>getAs(CAGR), 1e-12);
  }

  @Test
  void theEuThreeEuroScenarioOver2024CostsTheEusLowValueParcelsThreeEuroEach() throws IOException {
    // European Commission: 4.6 billion low-value parcels into the EU in 2024, all de minimis in the sample. With
    // the relief gone each pays EUR 3: EUR 13.8 billion, in USD at each parcel's month rate, so 13.8 billion
    // times a rate between the lowest and the highest 2024 EUR rate of reference/fx_rates.csv.
    Row eu = single(gold("policy_scenarios"), col(SCENARIO_ID).equalTo("eu_3eur_2024").and(col(PLATFORM_ID)
        .equalTo(ALL)).and(col(FULFILLMENT_MODEL).equalTo(ALL)).and(col(ORIGIN_COUNTRY).equalTo(ALL)));
    assertEquals(4_600_000_000L, eu.<Long>getAs(PARCELS_LOSING_EXEMPTION));
    assertEquals(4_600_000_000L, eu.<Long>getAs(DE_MINIMIS_PARCELS_ACTUAL));
    assertEquals(0L, eu.<Long>getAs(DE_MINIMIS_PARCELS_SCENARIO));
    double usdPerEuro = eu.<BigDecimal>getAs(ESTIMATED_DUTY_USD).doubleValue() / (3 * 4.6e9);
    double[] eur2024 = Files.readAllLines(Path.of("datasets/sample/reference/fx_rates.csv")).stream()
        .filter(line -> line.startsWith("EUR,2024-")).mapToDouble(line -> Double.parseDouble(line.split(",")[2]))
        .sorted().toArray();
    assertTrue(usdPerEuro >= eur2024[0] && usdPerEuro <= eur2024[eur2024.length - 1], "USD per EUR " + usdPerEuro);

    // Keeping the US$800 exemption for every origin after 2025-05-02 only grants it.
    Row us = single(gold("policy_scenarios"), col(SCENARIO_ID).equalTo("us_800_kept_2025").and(col(PLATFORM_ID)
        .equalTo(ALL)).and(col(FULFILLMENT_MODEL).equalTo(ALL)).and(col(ORIGIN_COUNTRY).equalTo(ALL)));
    assertEquals(0L, us.<Long>getAs(PARCELS_LOSING_EXEMPTION));
    assertTrue(us.<Long>getAs(PARCELS_GAINING_EXEMPTION) > 0);
  }

  @Test
  void theDocumentedShareShiftOfTikTokShopInVietnamIsFlagged() {
    // datasets/README.md: TikTok Shop's published jump to ~100 bn in 2025 lifts its share in its SEA markets.
    Row shift = single(gold("kpi_anomalies"), col(RULE).equalTo("SHARE_SHIFT").and(col(GEO_CODE).equalTo("VN"))
        .and(col(PLATFORM_ID).equalTo("tiktok_shop")).and(col(PERIOD_LABEL).equalTo("2025")));
    assertTrue(shift.<Double>getAs(VALUE) > shift.<Double>getAs(EXPECTED_HIGH));
  }

  @Test
  void everyPublishedDeltaTableCarriesItsTableAndColumnComments() {
    for (TableSpec spec : OutputTables.ALL) {
      String path = output.resolve(spec.relativePath()).toString();
      Row detail = spark.sql("DESCRIBE DETAIL delta.`" + path + "`").first();
      assertEquals(spec.comment(), detail.getAs("description"), spec.name());
      for (StructField field : spark.read().format("delta").load(path).schema().fields()) {
        assertEquals(spec.column(field.name()).orElseThrow().comment(), field.getComment().getOrElse(() -> null),
            spec.name() + "." + field.name());
      }
    }
  }

  @Test
  void theRunReportRecordsCountsAndTables() throws Exception {
    String report = Files.readString(output.resolve("runs/" + SampleRun.RUN_ID + ".json"));
    assertTrue(report.contains("\"rows_read\" : 5484"), report);
    assertTrue(report.contains("\"table\" : \"gmv_growth\""), report);
    assertTrue(report.contains("\"status\" : \"SUCCEEDED\""), report);
  }
}
