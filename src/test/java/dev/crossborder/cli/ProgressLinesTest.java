package dev.crossborder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.testing.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress on stderr while a run works: the steps by name ({@code RunCommandTest} runs with --quiet). */
class ProgressLinesTest extends SparkTestBase {
  @TempDir
  Path tmp;

  @Test
  void aRunNamesItsStepsOnStderr() {
    Path landing = tmp.resolve("landing");
    MainTest.Outcome generated = MainTest.run("generate", "--output", landing.toString(), "--rows", "3000",
        "--seed", "5");
    assertEquals(0, generated.exitCode(), generated.err());
    Path output = tmp.resolve("out");

    // Plain lines (stderr is not a terminal here) start after 10 s by default; this run may end sooner.
    MainTest.Outcome withProgress = MainTest.run("run", "--input", landing.toString(), "--output", output.toString(),
        "--run-id", "same", "--plain-progress-after", "0");
    assertEquals(0, withProgress.exitCode(), withProgress.err());
    List<String> progress = progressLines(withProgress.err());
    for (String step : List.of("reading the reference files", "checking gmv (", "checking shipments (",
        "writing the quarantine", "writing the silver tables", "computing and writing the gold tables",
        "writing the run report")) {
      assertTrue(progress.stream().anyMatch(line -> line.contains("] " + step)), step + " in " + progress);
    }
    assertTrue(progress.stream().anyMatch(line -> line.matches(".*: [\\d,]+/[\\d,]+ tasks.*")),
        "task counts: " + progress);
  }

  /** The lines a run prints while it works ("[m:ss] step ..."); the summary has none. */
  static List<String> progressLines(String err) {
    return err.lines().filter(line -> line.matches("\\[\\d+:\\d\\d\\] .*")).toList();
  }
}
