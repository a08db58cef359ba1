package dev.crossborder.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.model.Expectation;
import dev.crossborder.model.JobException;
import dev.crossborder.model.LandingDataset;
import dev.crossborder.pipeline.ExpectationColumns;
import dev.crossborder.testing.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The expectations file is checked before any data is read: each bad expectation stops the run with exit 2 and one
 * message naming the file, the line and the problem.
 */
class ExpectationLoaderTest extends SparkTestBase {
  private static final String HEADER = "name,dataset,condition,action,max_ratio,description\n";

  @TempDir
  Path input;

  private List<Expectation> load(String lines) throws IOException {
    Files.createDirectories(input.resolve("reference"));
    Files.writeString(input.resolve("reference/expectations.csv"), HEADER + lines);
    return ExpectationLoader.load(spark, input.toString(), null, ExpectationColumns.schemas());
  }

  private void assertRefused(String lines, String... fragments) {
    JobException e = assertThrows(JobException.class, () -> load(lines));
    assertEquals(2, e.exitCode());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' missing from: " + e.getMessage());
    }
  }

  @Test
  void goodExpectationsAreReadWithTheirActionsAndRatios() throws IOException {
    List<Expectation> expectations = load(String.join("\n",
        "temu_us_value_cap,shipments,\"NOT (platform_id = 'temu' AND destination_country = 'US')"
            + " OR declared_value_usd <= 2000\",warn,,US$2k",
        "heavy,SHIPMENTS,\"weight_kg <= 30 AND is_de_minimis IN (true, false)\",Quarantine,,",
        "few_usd,gmv,currency <> 'USD' OR gmv_usd < 1e9,fail,0.01,", ""));
    assertEquals(List.of("temu_us_value_cap", "heavy", "few_usd"), expectations.stream().map(Expectation::name).toList());
    assertEquals(List.of(Expectation.Action.WARN, Expectation.Action.QUARANTINE, Expectation.Action.FAIL),
        expectations.stream().map(Expectation::action).toList());
    assertEquals(LandingDataset.GMV, expectations.get(2).dataset());
    assertEquals(0.01, expectations.get(2).maxRatio());
    assertEquals("reference/expectations.csv line 3", expectations.get(1).at());
  }

  @Test
  void noFileMeansNoExpectations() {
    assertEquals(List.of(), ExpectationLoader.load(spark, input.toString(), null, ExpectationColumns.schemas()));
  }

  @Test
  void anUnknownColumnIsNamedWithTheColumnsThatExist() {
    assertRefused("a,shipments,declared_value_eur < 100,warn,,\n", "reference/expectations.csv line 2",
        "unknown column", "declared_value_eur", "declared_value_usd");
  }

  @Test
  void aConditionMustBeABoolean() {
    assertRefused("ok,shipments,weight_kg <= 30,warn,,\nb,shipments,declared_value * 2,warn,,\n", "line 3",
        "not a boolean", "decimal");
  }

  @Test
  void unknownActionsAndDatasetsAreRefused() {
    assertRefused("a,shipments,weight_kg <= 30,drop,,\n", "line 2", "unknown action 'drop'");
    assertRefused("a,parcels,weight_kg <= 30,warn,,\n", "line 2", "unknown dataset 'parcels'");
  }

  @Test
  void aNameIsGivenOnce() {
    assertRefused("a,shipments,weight_kg <= 30,warn,,\na,gmv,gmv_usd > 0,warn,,\n", "line 3", "duplicate name 'a'",
        "line 2");
  }

  @Test
  void aConditionJudgesOneRowByItselfTheSameWayEveryTime() {
    assertRefused("r,shipments,rand() < 0.5,warn,,\n", "line 2", "not deterministic");
    assertRefused("s,shipments,sum(declared_value) > 0,warn,,\n", "line 2", "aggregate");
    assertRefused("w,shipments,row_number() OVER (ORDER BY ship_date) = 1,warn,,\n", "line 2", "window");
    assertRefused("q,shipments,(SELECT 1) = 1,warn,,\n", "line 2", "subquery");
  }

  @Test
  void aConditionThatDoesNotParseIsRefused() {
    assertRefused("p,shipments,declared_value >,warn,,\n", "line 2", "does not parse");
  }

  @Test
  void maxRatioIsARatioForFailOnly() {
    assertRefused("a,shipments,weight_kg <= 30,warn,0.1,\n", "line 2", "max_ratio is for action fail only");
    assertRefused("a,shipments,weight_kg <= 30,fail,1.5,\n", "line 2", "max_ratio '1.5'");
  }

  @Test
  void anExpectationsFileGivenApartMustExist() {
    JobException e = assertThrows(JobException.class, () -> ExpectationLoader.load(spark, input.toString(),
        input.resolve("nowhere.csv").toString(), ExpectationColumns.schemas()));
    assertTrue(e.getMessage().startsWith("--expectations " + input.resolve("nowhere.csv") + " does not exist"),
        e.getMessage());
  }
}
