package dev.crossborder.conform;

import static dev.crossborder.model.Columns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crossborder.ingest.ReferenceData;
import dev.crossborder.ingest.ReferenceData.ScenarioRule;
import dev.crossborder.metrics.PolicyScenarioOutcomes;
import dev.crossborder.model.LandingDataset;
import dev.crossborder.quality.CheckedRows;
import dev.crossborder.shipmentpass.ShipmentPass;
import dev.crossborder.testing.ReferenceFixtures;
import dev.crossborder.testing.SparkTestBase;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Policy scenarios laid over hand-made parcels in the one pass over the shipments, then the silver and gold
 * tables, every figure worked by hand. Reference: the real US and EU rules of DESIGN.md §8, USD at 1 and EUR at
 * 1.10 USD in every month ({@link ReferenceFixtures#deMinimisReference}); KR has no rule.
 */
class PolicyScenariosTest extends SparkTestBase {
  private static final LocalDate RUN_DATE = LocalDate.of(2026, 1, 1);

  /** The EU relief ended with EUR 3 (USD 3.30) plus 5 % a parcel, over 2024. */
  private static final ScenarioRule EU_END = rule("eu_end", "EU", "*", "0", "EUR", "3", "0.05", "2024-01-01",
      "2025-01-01");
  /** The US keeps 800 from 2025-05-02, but only 100 for CN origins (the origin row beats '*'). */
  private static final ScenarioRule US_KEEP = rule("us_keep", "US", "*", "800", "USD", "0", "0", "2025-05-02",
      "2026-01-01");
  private static final ScenarioRule US_KEEP_CN = rule("us_keep", "US", "CN", "100", "USD", "0", "0", "2025-05-02",
      "2026-01-01");
  /** Korea with an EUR 100 threshold: USD 110.00 at 1.10. */
  private static final ScenarioRule KR_EUR = rule("kr_eur", "KR", "*", "100", "EUR", "0", "0", "2024-01-01",
      "2025-01-01");
  /** A window without any parcel. */
  private static final ScenarioRule EU_2016 = rule("eu_2016", "EU", "*", "0", "EUR", "3", "0", "2016-01-01",
      "2016-02-01");

  private static CheckedRows checked;
  private static Map<String, String> silver;
  private static Map<String, String> gold;

  @BeforeAll
  static void layTheScenariosOverTheParcels() {
    ReferenceData base = ReferenceFixtures.deMinimisReference();
    ReferenceData reference = new ReferenceData(base.platforms(), base.countries(), base.fxRates(),
        base.deMinimisRules(), base.benchmarks(), List.of(EU_END, US_KEEP, US_KEEP_CN, KR_EUR, EU_2016));
    Dataset<Row> raw = ReferenceFixtures.rawShipments(spark,
        // EU, 2024: 100 USD x 2 parcels is under EUR 150 (165 USD), loses it; duty per parcel 3.30 + 5.00.
        parcel("p1", "2024-03-05", "temu", "CN", "DE", "100.00", "USD", "2"),
        // 150 EUR = 165.00 USD, exactly at the real threshold, loses it; duty 3.30 + 8.25 (5 % of 165.00).
        parcel("p2", "2024-03-05", "temu", "CN", "FR", "150.00", "EUR", "1"),
        // 170 USD is over the real threshold: in scope, nothing to lose.
        parcel("p3", "2024-03-05", "amazon", "CN", "DE", "170.00", "USD", "1"),
        // applies_to is exclusive; a local parcel crosses no border; a bad value is quarantined.
        parcel("p4", "2025-01-01", "temu", "CN", "DE", "10.00", "USD", "1"),
        parcel("p5", "2024-06-01", "temu", "DE", "DE", "10.00", "USD", "1"),
        parcel("p6", "2024-03-05", "temu", "CN", "DE", "ten", "USD", "1"),
        // US after 2025-05-02: CN origins have no exemption in reality; the scenario gives them 100.
        parcel("u1", "2025-06-10", "temu", "CN", "US", "50.00", "USD", "1"),
        parcel("u2", "2025-06-10", "temu", "CN", "US", "150.00", "USD", "1"),
        // Other origins keep 800 until 2025-08-29 in reality, and in the scenario all year.
        parcel("u3", "2025-06-10", "amazon", "DE", "US", "150.00", "USD", "1"),
        parcel("u4", "2025-09-01", "amazon", "DE", "US", "799.99", "USD", "1"),
        // Korea: no real rule. EUR 100 at 1.10 is 110.00 USD exactly: at the threshold is in, a cent over is out.
        parcel("k1", "2024-03-05", "temu", "CN", "KR", "110.00", "USD", "1"),
        parcel("k2", "2024-03-05", "temu", "CN", "KR", "110.01", "USD", "1"));
    checked = CheckedRows.check(LandingDataset.SHIPMENTS.folder(), raw,
        (rows, cache) -> ShipmentPass.flag(spark, rows, reference, RUN_DATE, 2, cache));
    Dataset<Row> silverRows = PolicyScenarios.compute(checked.clean(), reference);
    silver = byKey(silverRows, MONTH_START, SCENARIO_ID, JURISDICTION, PLATFORM_ID, ORIGIN_COUNTRY, FULFILLMENT_MODEL);
    gold = byKey(PolicyScenarioOutcomes.compute(silverRows, reference.scenarioWindowsFrame(spark)), SCENARIO_ID,
        JURISDICTION, PLATFORM_ID, FULFILLMENT_MODEL, ORIGIN_COUNTRY);
  }

  @AfterAll
  static void release() {
    checked.release();
  }

  @Test
  void aReliefEndedTakesTheExemptionFromEveryParcelThatHadItAndChargesItsDuty() {
    // p1 (2 parcels, 200.00) and p2 (165.00) lose it; duty 2 x (3.30 + 5.00) + (3.30 + 8.25) = 28.15.
    assertEquals("in 4 | actual 3 365.00 | scenario 0 0.00 | lose 3 365.00 | gain 0 0.00 | duty 28.15 | shares 0.75 0.0",
        gold.get("eu_end|EU|ALL|ALL|ALL"));
    assertEquals("in 3 | actual 3 365.00 | scenario 0 0.00 | lose 3 365.00 | gain 0 0.00 | duty 28.15 | shares 1.0 0.0",
        gold.get("eu_end|EU|temu|ALL|ALL"));
    assertEquals("in 1 | actual 0 0.00 | scenario 0 0.00 | lose 0 0.00 | gain 0 0.00 | duty 0.00 | shares 0.0 0.0",
        gold.get("eu_end|EU|amazon|fully_hosted|CN"));
    // The silver table keeps months and destinations' jurisdiction: one March group per platform.
    assertEquals("in 3 | actual 3 365.00 | scenario 0 0.00 | lose 3 365.00 | gain 0 0.00 | duty 28.15",
        silver.get("2024-03-01|eu_end|EU|temu|CN|fully_hosted"));
  }

  @Test
  void anOriginRowBeatsTheAnyOriginRowOfItsScenario() {
    // u1 gains under CN's 100; u2 (150) would under '*' (800) but not under CN's row; u3 has it both ways; u4 gains.
    assertEquals("in 2 | actual 0 0.00 | scenario 1 50.00 | lose 0 0.00 | gain 1 50.00 | duty 0.00 | shares 0.0 0.5",
        gold.get("us_keep|US|ALL|ALL|CN"));
    assertEquals("in 2 | actual 1 150.00 | scenario 2 949.99 | lose 0 0.00 | gain 1 799.99 | duty 0.00 | shares 0.0 0.5",
        gold.get("us_keep|US|ALL|ALL|DE"));
    assertEquals("in 4 | actual 1 150.00 | scenario 3 999.99 | lose 0 0.00 | gain 2 849.99 | duty 0.00 | shares 0.0 0.5",
        gold.get("us_keep|US|ALL|ALL|ALL"));
  }

  @Test
  void aValueExactlyAtAThresholdInAnotherCurrencyIsUnderIt() {
    assertEquals("in 2 | actual 0 0.00 | scenario 1 110.00 | lose 0 0.00 | gain 1 110.00 | duty 0.00 | shares 0.0 0.5",
        gold.get("kr_eur|KR|ALL|ALL|ALL"));
  }

  @Test
  void aWindowWithoutParcelsIsOneRowOfZeros() {
    assertEquals("in 0 | actual 0 0.00 | scenario 0 0.00 | lose 0 0.00 | gain 0 0.00 | duty 0.00 | shares null null",
        gold.get("eu_2016|EU|ALL|ALL|ALL"));
    assertEquals(List.of("eu_2016|EU|ALL|ALL|ALL"),
        gold.keySet().stream().filter(key -> key.startsWith("eu_2016")).toList());
    assertEquals(List.of(), silver.keySet().stream().filter(key -> key.contains("eu_2016")).toList());
  }

  @Test
  void theSilverTableHoldsOnlyGroupsWithParcelsInScope() {
    // p4 (2025) and p5 (local) are in no scenario, p6 is quarantined: 6 groups, one per month, scenario,
    // platform and origin here.
    assertEquals(List.of(
        "2024-03-01|eu_end|EU|amazon|CN|fully_hosted", "2024-03-01|eu_end|EU|temu|CN|fully_hosted",
        "2024-03-01|kr_eur|KR|temu|CN|fully_hosted", "2025-06-01|us_keep|US|amazon|DE|fully_hosted",
        "2025-06-01|us_keep|US|temu|CN|fully_hosted", "2025-09-01|us_keep|US|amazon|DE|fully_hosted"),
        List.copyOf(silver.keySet()));
  }

  private static String[] parcel(String id, String date, String platform, String origin, String destination,
      String value, String currency, String parcels) {
    return new String[] {id, date, platform, origin, destination, "fully_hosted", value, currency, parcels, "0.5"};
  }

  private static ScenarioRule rule(String id, String jurisdiction, String origin, String threshold, String currency,
      String dutyPerParcel, String dutyRate, String from, String to) {
    return new ScenarioRule(id, "scenario " + id, jurisdiction, origin, new BigDecimal(threshold), currency,
        new BigDecimal(dutyPerParcel), new BigDecimal(dutyRate), LocalDate.parse(from), LocalDate.parse(to));
  }

  /** Rows by their key columns joined with '|', each as its sums (and shares, when the frame has them). */
  private static Map<String, String> byKey(Dataset<Row> frame, String... keys) {
    Map<String, String> rows = new TreeMap<>();
    boolean shares = List.of(frame.columns()).contains(LOSING_SHARE);
    for (Row row : frame.collectAsList()) {
      StringBuilder key = new StringBuilder();
      for (String column : keys) {
        key.append(key.length() == 0 ? "" : "|").append(String.valueOf(row.<Object>getAs(column)));
      }
      String value = String.format("in %d | actual %d %s | scenario %d %s | lose %d %s | gain %d %s | duty %s",
          row.<Long>getAs(PARCELS_IN_SCOPE), row.<Long>getAs(DE_MINIMIS_PARCELS_ACTUAL),
          row.getAs(DE_MINIMIS_VALUE_USD_ACTUAL), row.<Long>getAs(DE_MINIMIS_PARCELS_SCENARIO),
          row.getAs(DE_MINIMIS_VALUE_USD_SCENARIO), row.<Long>getAs(PARCELS_LOSING_EXEMPTION),
          row.getAs(VALUE_USD_LOSING_EXEMPTION), row.<Long>getAs(PARCELS_GAINING_EXEMPTION),
          row.getAs(VALUE_USD_GAINING_EXEMPTION), row.getAs(ESTIMATED_DUTY_USD));
      if (shares) {
        value += " | shares " + row.getAs(LOSING_SHARE) + " " + row.getAs(GAINING_SHARE);
      }
      rows.put(key.toString(), value);
    }
    return rows;
  }
}
