package dev.crossborder.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.ingest.ReferenceData.ScenarioRule;
import dev.crossborder.model.JobException;
import dev.crossborder.testing.Folders;
import dev.crossborder.testing.SparkTestBase;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy scenarios file: read from reference/policy_scenarios.csv or --scenarios, optional columns left out,
 * and every bad row refused with the file, its line and the problem before any data is read. Reference data: the
 * sample's (its rates cover 2015-01 to 2025-12).
 */
class PolicyScenarioLoaderTest extends SparkTestBase {
  private static final String HEADER = "scenario_id,description,jurisdiction,origin_scope,threshold,currency,"
      + "duty_per_parcel,duty_rate,applies_from,applies_to\n";

  @TempDir
  Path tmp;

  @Test
  void scenariosAreReadFromTheReferenceFolderWithTheirDutiesAndWindows() throws IOException {
    Path input = inputWith(HEADER
        + "eu_end,\"EU relief ends, EUR 3\",EU,*,0,EUR,3,0.05,2024-01-01,2025-01-01\n"
        + "us_keep,US keeps 800,US,*,800,USD,,,2025-05-02,2026-01-01\n"
        + "us_keep,US keeps 800,US,CN,100,USD,,,2025-05-02,2026-01-01\n");
    ReferenceData reference = ReferenceLoader.load(spark, input.toString());
    assertEquals(List.of("eu_end", "us_keep"), reference.scenarioIds());
    assertEquals(new ScenarioRule("eu_end", "EU relief ends, EUR 3", "EU", "*", new BigDecimal("0"), "EUR",
        new BigDecimal("3"), new BigDecimal("0.05"), LocalDate.of(2024, 1, 1), LocalDate.of(2025, 1, 1)),
        reference.scenarioRules().get(0));
    // Duties left empty are none.
    assertEquals(BigDecimal.ZERO, reference.scenarioRules("us_keep").get(1).dutyPerParcel());
    assertEquals(BigDecimal.ZERO, reference.scenarioRules("us_keep").get(1).dutyRate());
  }

  @Test
  void theDutyColumnsMayBeLeftOutAndWithoutAFileThereAreNoScenarios() throws IOException {
    Path input = inputWith("scenario_id,description,jurisdiction,origin_scope,threshold,currency,applies_from,"
        + "applies_to\nuk_end,UK relief ends,GB,*,0,GBP,2025-01-01,2026-01-01\n");
    assertEquals(BigDecimal.ZERO, ReferenceLoader.load(spark, input.toString()).scenarioRules().get(0).dutyRate());

    Files.delete(input.resolve("reference/policy_scenarios.csv"));
    assertEquals(List.of(), ReferenceLoader.load(spark, input.toString()).scenarioRules());
  }

  @Test
  void theScenariosOptionNamesAFileOutsideTheInput() throws IOException {
    Path input = inputWith(HEADER + "eu_end,EU relief ends,EU,*,0,EUR,3,,2024-01-01,2025-01-01\n");
    Path elsewhere = tmp.resolve("what-if.csv");
    Files.writeString(elsewhere, HEADER + "uk_end,UK relief ends,GB,*,0,GBP,,,2025-01-01,2026-01-01\n");
    assertEquals(List.of("uk_end"), ReferenceLoader.load(spark, input.toString(), elsewhere.toString()).scenarioIds());

    Path missing = tmp.resolve("nowhere.csv");
    assertEquals("--scenarios " + missing + " does not exist; give a CSV file of policy scenarios (see"
        + " docs/data-dictionary.md)", refused(input, missing.toString()));
    Files.writeString(elsewhere, HEADER + "uk_end,UK relief ends,GB,*,0,GBP,,,2026-01-01,2025-01-01\n");
    assertEquals(elsewhere + " line 2: applies_to 2025-01-01 is not after applies_from 2026-01-01 (applies_to is"
        + " exclusive: the first ship date the scenario no longer covers)", refused(input, elsewhere.toString()));
  }

  @Test
  void everyBadRowIsRefusedNamingItsLineAndProblem() throws IOException {
    String good = "eu_end,EU relief ends,EU,*,0,EUR,3,,2024-01-01,2025-01-01\n";
    assertBadRow(good + "us_keep,US,XX,*,800,USD,,,2025-05-02,2026-01-01\n",
        "reference/policy_scenarios.csv line 3: unknown jurisdiction 'XX' (a customs_jurisdiction of countries.csv)");
    assertBadRow(good + "us_keep,US,US,ZZ,800,USD,,,2025-05-02,2026-01-01\n",
        "reference/policy_scenarios.csv line 3: unknown origin_scope 'ZZ' (* or a country of countries.csv)");
    assertBadRow(good + "us_keep,US,US,*,800,XYZ,,,2025-05-02,2026-01-01\n",
        "reference/policy_scenarios.csv line 3: unknown currency 'XYZ' (a currency of fx_rates.csv)");
    assertBadRow(good + "eu_end,EU relief ends,EU,*,0,EUR,3,,2024-12-01,2025-03-01\n",
        "reference/policy_scenarios.csv line 3: overlaps line 2 (scenario eu_end, jurisdiction EU and origin_scope *"
            + " on the same ship dates); end one window where the next begins");
    // The sample's rates end with 2025-12: a window into 2026 cannot be converted.
    assertBadRow(good + "eu_2026,EU 2026,EU,*,0,EUR,3,,2025-07-01,2026-02-01\n",
        "reference/policy_scenarios.csv line 3: fx_rates.csv has no EUR rate for 2026-01, a month of the window"
            + " 2025-07-01 to 2026-02-01; add the rate or narrow the window");
    assertBadRow(good + "eu_end,Another text,EU,CN,0,EUR,3,,2024-01-01,2025-01-01\n",
        "reference/policy_scenarios.csv line 3: scenario eu_end has another description on line 2; give every row"
            + " of a scenario the same description");
    assertBadRow("EU End,EU,EU,*,0,EUR,3,,2024-01-01,2025-01-01\n",
        "reference/policy_scenarios.csv line 2: scenario_id 'EU End' is not a lower-case id like eu_3eur_2025");
    assertBadRow("eu_end,EU,EU,*,-1,EUR,3,,2024-01-01,2025-01-01\n",
        "reference/policy_scenarios.csv line 2: threshold '-1' must be >= 0");
    assertBadRow("eu_end,EU,EU,*,0,EUR,3,12,2024-01-01,2025-01-01\n",
        "reference/policy_scenarios.csv line 2: duty_rate '12' does not fit DECIMAL(7,6): it must be below 10 with at"
            + " most 6 decimals, so that conversions to USD stay exact");
    assertBadRow("eu_end,EU,EU,*,0,EUR,3,,2024-02-30,2025-01-01\n",
        "reference/policy_scenarios.csv line 2: applies_from '2024-02-30' is not a valid date yyyy-MM-dd");
  }

  private void assertBadRow(String rows, String expected) throws IOException {
    Path input = inputWith(HEADER + rows);
    JobException refused = assertThrows(JobException.class, () -> ReferenceLoader.load(spark, input.toString()));
    assertEquals(JobException.EXIT_INPUT, refused.exitCode());
    assertEquals(expected, refused.getMessage());
  }

  private static String refused(Path input, String scenarios) {
    JobException refused = assertThrows(JobException.class,
        () -> ReferenceLoader.load(spark, input.toString(), scenarios));
    assertEquals(JobException.EXIT_INPUT, refused.exitCode());
    assertTrue(refused.getMessage().lines().count() == 1, refused.getMessage());
    return refused.getMessage();
  }

  /** An input folder with the sample's reference files and {@code scenarios} as its policy scenarios. */
  private Path inputWith(String scenarios) throws IOException {
    Path input = Files.createTempDirectory(tmp, "input");
    Folders.copy(Path.of("datasets/sample/reference"), input.resolve("reference"));
    Files.writeString(input.resolve("reference/policy_scenarios.csv"), scenarios);
    return input;
  }
}
