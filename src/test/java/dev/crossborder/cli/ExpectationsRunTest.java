package dev.crossborder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossborder.testing.Folders;
import dev.crossborder.testing.SameOutputs;
import dev.crossborder.testing.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expectations of each action on a hand-built landing (the tiny one, plus shipments made to pass or fail them), run
 * through the command line. Every expected count below is worked out by hand from the rows written here.
 *
 * <p>Shipments (all from CN to US, fully hosted, in January 2024): T1 temu 20.00 USD x3 0.4 kg (tiny's); E1 temu
 * 2500.00 USD 0.5 kg; E2 amazon 30.00 USD 45 kg; E3 temu 10.00 USD, no weight; E4 platform wish_x 50 kg (unknown
 * platform: quarantined by a built-in rule, so no expectation looks at it). Evaluated: T1, E1, E2, E3 = 4 rows.
 * <ul>
 *   <li>temu_us_value_cap (warn): temu to the US at most US$2,000: E1 fails, 1 of 4;
 *   <li>fully_hosted_max_30kg (quarantine): weight_kg <= 30: E2 (45 kg) and E3 (no weight: NULL fails), 2 of 4;
 *   <li>small_values (fail, max_ratio 0.5): declared_value > 15: E3 fails, 1 of 4 = 0.25, within 0.5;
 *   <li>gmv_has_orders (warn, gmv): orders IS NOT NULL: of tiny's 8 GMV rows 2 break built-in rules (month
 *       2024-13, a line that is not JSON); of the 6 evaluated, temu US 2024-01 and amazon US 2023-01 have none: 2.
 * </ul>
 * Shipments read 5 = clean 2 (T1, E1) + quarantined 3 (E4 UNKNOWN_PLATFORM; E2, E3 by the expectation).
 */
class ExpectationsRunTest extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SHIPMENTS_A = "shipment_id,ship_date,platform_id,origin_country,destination_country,"
      + "fulfillment_model,declared_value,currency,parcel_count,weight_kg\n"
      + "T1,2024-01-15,temu,CN,US,fully_hosted,20.00,USD,3,0.4\n"
      + "E1,2024-01-16,temu,CN,US,fully_hosted,2500.00,USD,1,0.5\n"
      + "E2,2024-01-17,amazon,CN,US,fully_hosted,30.00,USD,1,45\n";
  private static final String SHIPMENTS_B = "shipment_id,ship_date,platform_id,origin_country,destination_country,"
      + "fulfillment_model,declared_value,currency,parcel_count,weight_kg\n"
      + "E3,2024-01-18,temu,CN,US,fully_hosted,10.00,USD,1,\n"
      + "E4,2024-01-19,wish_x,CN,US,fully_hosted,12.00,USD,1,50\n";
  private static final String EXPECTATIONS = "name,dataset,condition,action,max_ratio,description\n"
      + "temu_us_value_cap,shipments,\"NOT (platform_id = 'temu' AND destination_country = 'US')"
      + " OR declared_value_usd <= 2000\",warn,,A TEMU parcel to the US above US$2k is suspicious\n"
      + "fully_hosted_max_30kg,shipments,weight_kg <= 30,quarantine,,Over 30 kg is a unit error\n"
      + "small_values,shipments,declared_value > 15,fail,0.5,\n"
      + "gmv_has_orders,gmv,orders IS NOT NULL,warn,,\n";

  @TempDir
  static Path tmp;

  private static Path landing;
  private static MainTest.Outcome rebuild;
  private static Path rebuilt;

  @BeforeAll
  static void runTheLandingWithExpectations() throws IOException {
    landing = landing(tmp.resolve("landing"));
    rebuilt = tmp.resolve("rebuilt");
    rebuild = run(landing, rebuilt, "rebuild");
  }

  private static Path landing(Path folder) throws IOException {
    Folders.copy(Path.of("src/test/resources/landing/tiny"), folder);
    Files.writeString(folder.resolve("shipments/shipments.csv"), SHIPMENTS_A);
    Files.writeString(folder.resolve("shipments/shipments_b.csv"), SHIPMENTS_B);
    Files.writeString(folder.resolve("reference/expectations.csv"), EXPECTATIONS);
    return folder;
  }

  private static MainTest.Outcome run(Path input, Path output, String runId, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("run", "--input", input.toString(), "--output",
        output.toString(), "--max-quarantine-ratio", "0.9", "--run-id", runId, "--quiet"));
    args.addAll(List.of(more));
    return MainTest.run(args.toArray(String[]::new));
  }

  private static JsonNode datasetReport(Path output, String runId, String dataset) throws IOException {
    return JSON.readTree(output.resolve("runs/" + runId + ".json").toFile()).path("datasets").path(dataset);
  }

  /** rule -> [action, evaluated, failing] of the expectations in a dataset's report. */
  private static Map<String, List<String>> expectationCounts(JsonNode dataset) {
    Map<String, List<String>> counts = new TreeMap<>();
    for (JsonNode rule : dataset.path("rules")) {
      if (rule.path("kind").asText().equals("expectation")) {
        counts.put(rule.path("rule").asText(), List.of(rule.path("action").asText(),
            rule.path("rows_evaluated").asText(), rule.path("rows_failing").asText()));
      }
    }
    return counts;
  }

  @Test
  void eachActionCountsMovesOrKeepsItsRows() throws IOException {
    assertEquals(0, rebuild.exitCode(), rebuild.err());
    JsonNode shipments = datasetReport(rebuilt, "rebuild", "shipments");
    assertEquals(List.of(5L, 2L, 3L), List.of(shipments.path("rows_read").asLong(),
        shipments.path("rows_clean").asLong(), shipments.path("rows_quarantined").asLong()));
    assertEquals(Map.of(
        "temu_us_value_cap", List.of("warn", "4", "1"),
        "fully_hosted_max_30kg", List.of("quarantine", "4", "2"),
        "small_values", List.of("fail", "4", "1")), expectationCounts(shipments));
    assertEquals(Map.of("gmv_has_orders", List.of("warn", "6", "2")),
        expectationCounts(datasetReport(rebuilt, "rebuild", "gmv")));
    // The built-in rules in the same shape: UNKNOWN_PLATFORM quarantined E4, evaluated on every row read.
    boolean builtIn = false;
    for (JsonNode rule : shipments.path("rules")) {
      builtIn |= rule.path("rule").asText().equals("UNKNOWN_PLATFORM") && rule.path("kind").asText().equals("built-in")
          && rule.path("rows_evaluated").asLong() == 5 && rule.path("rows_failing").asLong() == 1;
    }
    assertTrue(builtIn, shipments.toString());

    Map<String, String> reasons = new TreeMap<>();
    for (Row row : spark.read().format("delta").load(rebuilt.resolve("quarantine").toString())
        .filter("dataset = 'shipments'").selectExpr("get_json_object(record, '$.shipment_id')", "array_join(reasons, '+')").collectAsList()) {
      reasons.put(row.getString(0), row.getString(1));
    }
    assertEquals(Map.of("E2", "EXPECTATION:fully_hosted_max_30kg", "E3", "EXPECTATION:fully_hosted_max_30kg",
        "E4", "UNKNOWN_PLATFORM"), reasons);
    // The clean rows T1 (3 parcels) and E1 (1): a warned row stays in the figures.
    assertEquals(4L, spark.read().format("delta").load(rebuilt.resolve("silver/shipment_cube").toString())
        .selectExpr("sum(parcels)").first().getLong(0));

    assertTrue(rebuild.out().contains("Rules (rows failing of rows evaluated):"), rebuild.out());
    assertTrue(rebuild.out().lines().anyMatch(line -> line.matches(
        "\\s+shipments\\s+expectation\\s+fully_hosted_max_30kg\\s+quarantine\\s+2 of 4")), rebuild.out());
    assertEquals(1L, spark.read().format("delta").load(rebuilt.resolve("runs/history").toString())
        .selectExpr("size(filter(rules, r -> r.rule = 'temu_us_value_cap' AND r.rows_failing = 1))").first()
        .getInt(0));
  }

  @Test
  void aFailExpectationPastItsRatioFailsTheRunBeforeAnyGoldTable() throws IOException {
    Path input = tmp.resolve("landing-fail");
    Folders.copy(landing, input);
    Files.writeString(input.resolve("reference/expectations.csv"), EXPECTATIONS
        + "no_temu,shipments,platform_id <> 'temu',fail,,\n");
    Path output = tmp.resolve("failed");
    MainTest.Outcome failed = run(input, output, "failed");
    assertEquals(3, failed.exitCode(), failed.err());
    // T1, E1 and E3 are temu's: 3 of the 4 evaluated, above the default max_ratio 0.
    assertTrue(failed.err().strip().startsWith("Error: shipments: expectation no_temu failed on 3 of 4 rows"
        + " evaluated (75.00 %)"), failed.err());
    assertFalse(Files.exists(output.resolve("gold")), "no gold table written");
  }

  @Test
  void aRefreshWithExpectationsEqualsTheRebuild() throws IOException {
    // The rebuild's landing folder itself (source_file names the folder): first without shipments_b.csv, which
    // then comes back as the refresh's new file.
    Path later = landing.resolve("shipments/shipments_b.csv");
    Path aside = Files.move(later, tmp.resolve("shipments_b.csv"));
    Path output = tmp.resolve("refreshed");
    try {
      assertEquals(0, run(landing, output, "first").exitCode());
    } finally {
      Files.move(aside, later);
    }
    MainTest.Outcome refresh = run(landing, output, "second", "--incremental");
    assertEquals(0, refresh.exitCode(), refresh.err());
    assertTrue(refresh.out().contains("incremental refresh since run first"), refresh.out());
    // The tiny landing gives some tables no rows (no policy scenarios, too few years for growth).
    assertEquals(List.of(), SameOutputs.compare(spark, rebuilt.toString(), output.toString(), false).differences());
  }

  @Test
  void aBadExpectationStopsTheRunBeforeAnythingIsRead() throws IOException {
    Path input = tmp.resolve("landing-bad");
    Folders.copy(landing, input);
    Files.writeString(input.resolve("reference/expectations.csv"), "name,dataset,condition,action\n"
        + "ok,shipments,weight_kg <= 30,warn\nbad,gmv,gmv_eur > 0,warn\n");
    Path output = tmp.resolve("never");
    MainTest.Outcome refused = run(input, output, "refused");
    assertEquals(2, refused.exitCode(), refused.err());
    assertEquals(1, refused.err().strip().lines().count(), refused.err());
    assertTrue(refused.err().startsWith("Error: reference/expectations.csv line 3: condition of bad names unknown"
        + " column"), refused.err());
    assertFalse(Files.exists(output), "nothing written");
  }
}
