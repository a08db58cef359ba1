package dev.crossborder.lines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.testing.ChildJvm;
import dev.crossborder.testing.Folders;
import dev.crossborder.testing.ProjectScript;
import dev.crossborder.testing.SameOutputs;
import dev.crossborder.testing.SampleRun;
import dev.crossborder.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The job on the Spark lines other than the default gives the default line's tables, run as a user runs it:
 * {@code scripts/run-local.sh --spark LINE} builds the line's jars through its Maven profile (the first time) and runs
 * the sample in local mode on them. Every table (quarantine, silver, gold; run ids aside) and the printed summary
 * equal those of the default line's sample run (SampleRun, in this JVM). On 4.0 and 4.1 that is the -with-delta jar;
 * on 3.5 the -platform-delta jar, with the line's Delta on the classpath and in the session settings as a platform
 * puts it there (the 3.5 line's -with-delta jar runs the sample on a standalone cluster in LocalClusterIT, against
 * the same default-line run). A jar given a Spark it was not built for stops with one line that names the jar to use.
 */
class SparkLinesIT {
  private static final List<String> OTHER_LINES = List.of("3.5", "4.0", "4.1");
  private static final Path OUTPUTS = Path.of("target", "lines-it").toAbsolutePath();
  /** Only to end a run that hangs: a first build of a line downloads its Spark and Delta. */
  private static final Duration TIMEOUT = Duration.ofMinutes(30);
  /** Runs at a time: on 2 cores, one run's driver-side pauses leave room for another's tasks. */
  private static final int RUNS_AT_ONCE = 2;

  private record LineRun(String name, List<String> options) {
    Path output() {
      return OUTPUTS.resolve(name);
    }
  }

  @Test
  void everyOtherLineGivesTheDefaultLinesTablesAndSummary() throws Exception {
    Folders.delete(OUTPUTS);
    // The lines' builds one after another (Maven shares one local repository), each as a user's first run does it.
    for (String line : OTHER_LINES) {
      ProjectScript.Outcome build = ProjectScript.run(OUTPUTS.resolve("build-" + line + ".log"), TIMEOUT, Map.of(),
          "scripts/run-local.sh", "--spark", line, "--help");
      assertEquals(0, build.exitCode(), build.output());
    }
    List<LineRun> runs = List.of(
        new LineRun("spark-3.5-platform-delta", List.of("--spark", "3.5", "--platform-delta")),
        new LineRun("spark-4.0", List.of("--spark", "4.0")),
        new LineRun("spark-4.1", List.of("--spark", "4.1")));

    ExecutorService pool = Executors.newFixedThreadPool(RUNS_AT_ONCE);
    Map<LineRun, Future<ProjectScript.Outcome>> outcomes = new LinkedHashMap<>();
    try {
      for (LineRun run : runs) {
        List<String> command = new ArrayList<>(List.of("scripts/run-local.sh"));
        command.addAll(run.options());
        command.addAll(List.of("--output", run.output().toString(), "--quiet"));
        outcomes.put(run, pool.submit(() -> ProjectScript.run(OUTPUTS.resolve(run.name() + ".log"), TIMEOUT, Map.of(),
            command.toArray(String[]::new))));
      }
      SampleRun defaultLine = SampleRun.get(); // alongside, in this JVM
      assertEquals(0, defaultLine.exitCode(), defaultLine.err());
      String expectedSummary = summary(defaultLine.out(), defaultLine.output());

      List<String> differences = new ArrayList<>();
      for (Map.Entry<LineRun, Future<ProjectScript.Outcome>> entry : outcomes.entrySet()) {
        LineRun run = entry.getKey();
        ProjectScript.Outcome outcome = entry.getValue().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(0, outcome.exitCode(), run.name() + ":\n" + outcome.output());
        assertEquals(expectedSummary, summary(outcome.output(), run.output()), run.name() + ": the printed summary");
        SameOutputs.Comparison comparison =
            SameOutputs.compare(SharedSpark.session(), defaultLine.output(), run.output());
        comparison.differences().forEach(difference -> differences.add(run.name() + " " + difference));
        System.out.println(run.name() + " against Spark 4.2: " + comparison.rowsCompared().size() + " tables, "
            + comparison.totalRows() + " rows compared " + comparison.rowsCompared());
      }
      assertEquals(List.of(), differences);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aJarGivenAnotherSparkLineStopsWithOneLineNamingTheJarToUse() throws Exception {
    // The Spark 3.5 jar on the default line's classpath (Spark 4.2, Scala 2.13), as on a cluster of the wrong line.
    Path jar = Path.of("target", "spark-3.5", "crossborder-analytics-spark3.5_2.12-with-delta.jar");
    ProjectScript.Outcome build = ProjectScript.run(OUTPUTS.resolve("build-3.5-for-mismatch.log"), TIMEOUT, Map.of(),
        "scripts/run-local.sh", "--spark", "3.5", "--help");
    assertEquals(0, build.exitCode(), build.output());
    String classpath = jar + ":" + Files.readString(Path.of("target", "local-run.classpath")).strip();
    ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
        "@scripts/java17-spark.args", "-cp", classpath, "dev.crossborder.cli.Main", "run", "--input",
        "datasets/sample", "--output", OUTPUTS.resolve("never-written").toString());
    ChildJvm.Outcome outcome = ChildJvm.run(builder, 300);
    assertEquals(2, outcome.exitCode(), outcome.err());
    assertEquals("Error: crossborder-analytics-spark3.5_2.12 is built for Spark 3.5, but this cluster runs Spark 4.2.0:"
        + " use the jar of the Spark 4.2 line (docs/platforms.md)", outcome.err().strip());
    assertTrue(!Files.exists(OUTPUTS.resolve("never-written")), "nothing written");
  }

  /**
   * The part of a run's printed summary that is the same on every line: from the line after "Run ... SUCCEEDED in
   * N s" to the line before "Run report:", with the output folder written as OUTPUT.
   */
  static String summary(String printed, Path output) {
    List<String> lines = printed.lines().toList();
    int start = 0;
    while (start < lines.size() && !(lines.get(start).startsWith("Run ") && lines.get(start).contains(" SUCCEEDED in "))) {
      start++;
    }
    int end = start;
    while (end < lines.size() && !lines.get(end).startsWith("Run report:")) {
      end++;
    }
    assertTrue(start < end && end < lines.size(), "a run summary in:\n" + printed);
    return String.join("\n", lines.subList(start + 1, end)).replace(output.toString(), "OUTPUT");
  }
}
