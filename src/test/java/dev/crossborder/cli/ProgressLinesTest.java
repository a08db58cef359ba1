package dev.crossborder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.testing.SampleRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Progress on stderr while a run works: the steps by name, in the shared sample run (SampleRun, which asks for plain
 * lines from the start; RunCommandTest runs with --quiet).
 */
class ProgressLinesTest {

  @Test
  void aRunNamesItsStepsOnStderr() {
    SampleRun run = SampleRun.get();
    assertEquals(0, run.exitCode(), run.err());
    List<String> progress = progressLines(run.err());
    for (String step : List.of("reading the reference files", "checking gmv (", "checking shipments (",
        "writing the quarantine", "writing the silver tables", "computing and writing the gold tables",
        "writing the run report")) {
      assertTrue(progress.stream().anyMatch(line -> line.contains("] " + step)), step + " in " + progress);
    }
    assertTrue(progress.stream().anyMatch(line -> line.matches(".*: [\\d,]+/[\\d,]+ tasks.*")),
        "task counts: " + progress);
  }

  @Test
  void aStepIsNamedAgainOnlyAfterAWholeInterval() {
    List<String> progress = progressLines(SampleRun.get().err());
    for (int i = 1; i < progress.size(); i++) {
      String previous = progress.get(i - 1);
      String line = progress.get(i);
      if (step(previous).equals(step(line))) {
        assertTrue(seconds(line) - seconds(previous) >= dev.crossborder.spark.Progress.PLAIN_INTERVAL_SECONDS,
            "a step repeated before its interval: " + previous + " / " + line);
      }
    }
  }

  private static String step(String line) {
    return line.substring(line.indexOf("] ") + 2).replaceFirst("(: [\\d,]+/[\\d,]+ tasks)?(, [\\d,]+ rows? read)?$", "");
  }

  private static long seconds(String line) {
    String[] time = line.substring(1, line.indexOf(']')).split(":");
    return Long.parseLong(time[0]) * 60 + Long.parseLong(time[1]);
  }

  /** The lines a run prints while it works ("[m:ss] step ..."); the summary has none. */
  static List<String> progressLines(String err) {
    return err.lines().filter(line -> line.matches("\\[\\d+:\\d\\d\\] .*")).toList();
  }
}
