package dev.crossborder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.testing.SparkTestBase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes and one-line messages, never a stack trace. */
class MainTest extends SparkTestBase {

  record Outcome(int exitCode, String out, String err) {}

  static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CrossborderAnalytics.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Outcome(code, out.toString(), err.toString());
  }

  private static void assertOneLineError(Outcome outcome, int exitCode, String fragment) {
    assertEquals(exitCode, outcome.exitCode(), outcome.err());
    String err = outcome.err().strip();
    assertEquals(1, err.lines().count(), "one line, got: " + err);
    assertTrue(err.startsWith("Error: "), err);
    assertTrue(err.contains(fragment), err);
    assertFalse(err.contains("\tat "), err);
  }

  @Test
  void runHelpListsEveryOptionWithItsDefault() {
    Outcome outcome = run("run", "--help");
    assertEquals(0, outcome.exitCode());
    for (String option : new String[] {"--input", "--output", "--format", "--max-quarantine-ratio",
        "--policy-window-months", "--run-id", "--verbose"}) {
      assertTrue(outcome.out().contains(option), option + " missing from:\n" + outcome.out());
    }
    assertTrue(outcome.out().contains("default: delta"), outcome.out());
    assertTrue(outcome.out().contains("default: 0.05"), outcome.out());
    assertTrue(outcome.out().contains("default: 3"), outcome.out());
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    assertOneLineError(run("run", "--input", "x", "--output", "y", "--colour", "blue"), 2, "Unknown option");
  }

  @Test
  void aMissingRequiredOptionIsAUsageError() {
    assertOneLineError(run("run", "--output", "y"), 2, "--input");
  }

  @Test
  void anUnknownFormatIsAUsageError() {
    assertOneLineError(run("run", "--input", "x", "--output", "y", "--format", "csv"), 2, "use delta or parquet");
  }

  @Test
  void aMissingInputFolderSaysWhatToDoAndWritesNothing(@TempDir Path tmp) {
    Path output = tmp.resolve("out");
    assertOneLineError(run("run", "--input", tmp.resolve("nowhere").toString(), "--output", output.toString()), 2,
        "is not a folder");
    assertFalse(Files.exists(output));
  }

  @Test
  void anOutputInsideTheInputIsRefused(@TempDir Path tmp) throws Exception {
    Files.createDirectories(tmp.resolve("in"));
    assertOneLineError(run("run", "--input", tmp.resolve("in").toString(), "--output",
        tmp.resolve("in/out").toString()), 2, "lies inside --input");
  }

  @Test
  void aForeignNonEmptyOutputFolderIsRefused(@TempDir Path tmp) throws Exception {
    Files.createDirectories(tmp.resolve("in"));
    Files.createDirectories(tmp.resolve("out"));
    Files.writeString(tmp.resolve("out/precious.txt"), "keep me");
    assertOneLineError(run("run", "--input", tmp.resolve("in").toString(), "--output",
        tmp.resolve("out").toString()), 2, "not empty");
    assertEquals("keep me", Files.readString(tmp.resolve("out/precious.txt")));
  }

  @Test
  void describePrintsTheDictionaryOfEveryTableOrOne() {
    Outcome all = run("describe");
    assertEquals(0, all.exitCode(), all.err());
    for (String table : new String[] {"gold/gmv_growth", "gold/market_share", "gold/shipment_volumes",
        "gold/policy_impact", "gold/policy_scenarios", "gold/benchmark_comparison", "gold/growth_summary",
        "gold/kpi_anomalies", "silver/shipment_cube", "silver/policy_scenario_cube", "quarantine", "runs/history"}) {
      assertTrue(all.out().contains("### `" + table + "`"), table);
    }
    Outcome one = run("describe", "--table", "market_share");
    assertTrue(one.out().contains("| `share_change_pp` | double |"), one.out());
    assertFalse(one.out().contains("gmv_growth"), one.out());
    assertOneLineError(run("describe", "--table", "nope"), 2, "No table 'nope'");
  }
}
