package dev.crossborder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.testing.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress on stderr while a run works: the steps by name, none with --quiet, the summary on stdout unchanged. */
class ProgressLinesTest extends SparkTestBase {
  @TempDir
  Path tmp;

  @Test
  void aRunNamesItsStepsOnStderrAndQuietSilencesThem() {
    Path landing = tmp.resolve("landing");
    MainTest.Outcome generated = MainTest.run("generate", "--output", landing.toString(), "--rows", "3000",
        "--seed", "5");
    assertEquals(0, generated.exitCode(), generated.err());
    Path output = tmp.resolve("out");

    MainTest.Outcome withProgress = MainTest.run("run", "--input", landing.toString(), "--output", output.toString(),
        "--run-id", "same");
    assertEquals(0, withProgress.exitCode(), withProgress.err());
    List<String> progress = withProgress.err().lines().filter(line -> line.matches("\\[\\d+:\\d\\d\\] .*")).toList();
    for (String step : List.of("reading the reference files", "checking gmv (", "checking shipments (",
        "writing the quarantine", "writing the silver tables", "computing and writing the gold tables",
        "writing the run report")) {
      assertTrue(progress.stream().anyMatch(line -> line.contains("] " + step)), step + " in " + progress);
    }
    assertTrue(progress.stream().anyMatch(line -> line.matches(".*: [\\d,]+/[\\d,]+ tasks.*")),
        "task counts: " + progress);

    MainTest.Outcome quiet = MainTest.run("run", "--input", landing.toString(), "--output", output.toString(),
        "--run-id", "same", "--quiet");
    assertEquals(0, quiet.exitCode(), quiet.err());
    assertEquals(List.of(), quiet.err().lines().filter(line -> line.matches("\\[\\d+:\\d\\d\\] .*")).toList());
    assertEquals(withoutTimings(withProgress.out()), withoutTimings(quiet.out()), "the summary is unchanged");
  }

  private static String withoutTimings(String summary) {
    return summary.replaceAll("in \\d+\\.\\d s", "in N s");
  }
}
