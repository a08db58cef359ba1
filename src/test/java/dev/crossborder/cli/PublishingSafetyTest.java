package dev.crossborder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.publish.OutputLock;
import dev.crossborder.testing.ChildJvm;
import dev.crossborder.testing.SparkTestBase;
import dev.crossborder.testing.TableSnapshot;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash, a rerun or a second run never loses or corrupts a table: runs are killed with SIGKILL while they
 * publish (a separate JVM paused by the test-only hook before a given table), then every table must read at
 * one consistent version, and a rerun must succeed with the same rows as an undisturbed run.
 */
class PublishingSafetyTest extends SparkTestBase {
  private static final String TINY = "src/test/resources/landing/tiny";

  private static int runInProcess(String output, String format, String runId) {
    MainTest.Outcome outcome = MainTest.run("run", "--input", TINY, "--output", output, "--format", format,
        "--max-quarantine-ratio", "0.5", "--run-id", runId);
    assertEquals(0, outcome.exitCode(), outcome.err());
    return outcome.exitCode();
  }

  /** Starts the job in its own JVM, waits until it pauses before {@code table}, and kills it with SIGKILL. */
  private static void killWhilePublishing(String output, String format, String table) throws Exception {
    ProcessBuilder builder = ChildJvm.builder("dev.crossborder.cli.Main", List.of("run", "--input", TINY, "--output",
        output, "--format", format, "--max-quarantine-ratio", "0.5", "--run-id", "killed-before-" + table))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("CROSSBORDER_PAUSE_BEFORE_TABLE", table);
    Process process = builder.start();
    CompletableFuture<Boolean> paused = CompletableFuture.supplyAsync(() -> {
      try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
          StandardCharsets.UTF_8))) {
        for (String line = err.readLine(); line != null; line = err.readLine()) {
          if (line.contains("CRASH-TEST-PAUSE before " + table)) {
            return true;
          }
        }
        return false;
      } catch (Exception e) {
        return false;
      }
    });
    try {
      assertTrue(paused.get(180, TimeUnit.SECONDS), "the job reached the pause before " + table);
    } finally {
      process.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
      assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    }
  }

  private static void assertConsistent(TableSnapshot expected, String output, String format, String killedRun,
      String previousRun) {
    TableSnapshot.of(spark, output, format).assertWholeRunsOf(expected, killedRun, previousRun);
  }

  /** What the newest object of the output's lock says (see OutputLock). */
  static String newestLock(Path output) throws java.io.IOException {
    try (java.util.stream.Stream<Path> objects = Files.list(output.resolve(OutputLock.LOCK_FOLDER))) {
      Path newest = objects.filter(p -> p.getFileName().toString().matches("\\d{20}")).max(Path::compareTo)
          .orElseThrow();
      return Files.readString(newest);
    }
  }

  @Test
  void deltaTablesSurviveKillsAtSeveralPointsAndARerunRestoresTheSameRows(@TempDir Path tmp) throws Exception {
    String output = tmp.resolve("out").toString();
    runInProcess(output, "delta", "baseline");
    TableSnapshot baseline = TableSnapshot.of(spark, output, "delta");

    for (String table : List.of("gmv_monthly", "market_share")) {
      killWhilePublishing(output, "delta", table);
      assertTrue(newestLock(tmp.resolve("out")).contains("run_id=killed-before-" + table + "\n")
          && newestLock(tmp.resolve("out")).contains("state=held"), "the killed run left its lock");
      assertConsistent(baseline, output, "delta", "killed-before-" + table, "baseline");
    }

    // The dead run's lock is stale (its process is gone), so the rerun takes the folder over.
    runInProcess(output, "delta", "rerun");
    TableSnapshot rerun = TableSnapshot.of(spark, output, "delta");
    assertEquals(baseline.rows(), rerun.rows(), "a rerun on the same input gives the same rows");
    rerun.runIds().values().forEach(ids -> assertTrue(ids.isEmpty() || ids.equals(List.of("rerun")), ids.toString()));
    assertTrue(newestLock(tmp.resolve("out")).contains("state=released"), "lock released");
    assertEquals(2, spark.read().format("delta").load(output + "/runs/history").count(),
        "only completed runs have a runs row");
  }

  @Test
  void parquetTablesAreSwappedWholeAndStagingLeftByAKillIsCleanedUp(@TempDir Path tmp) throws Exception {
    String output = tmp.resolve("out").toString();
    runInProcess(output, "parquet", "baseline");
    TableSnapshot baseline = TableSnapshot.of(spark, output, "parquet");

    killWhilePublishing(output, "parquet", "gmv_growth");
    assertConsistent(baseline, output, "parquet", "killed-before-gmv_growth", "baseline");

    runInProcess(output, "parquet", "rerun");
    assertEquals(baseline.rows(), TableSnapshot.of(spark, output, "parquet").rows());
    assertFalse(Files.exists(tmp.resolve("out/_staging")), "no staging folder left for a later run to trip on");
  }

  @Test
  void aSecondRunOnALockedOutputStopsNamingTheRunThatHoldsIt(@TempDir Path tmp) throws Exception {
    Path output = tmp.resolve("out");
    Files.createDirectories(output);
    Files.writeString(output.resolve(".crossborder-analytics"), "marker");
    String host = java.net.InetAddress.getLocalHost().getHostName();
    // Held by this very JVM, which is alive: not stale.
    Files.createDirectories(output.resolve(OutputLock.LOCK_FOLDER));
    Files.writeString(output.resolve(OutputLock.LOCK_FOLDER).resolve("00000000000000000001"), "run_id=other-run\npid=" + ProcessHandle.current().pid()
        + "\nhost=" + host + "\nstarted_at=2026-11-25T10:00:00Z\n");
    MainTest.Outcome outcome = MainTest.run("run", "--input", TINY, "--output", output.toString(),
        "--max-quarantine-ratio", "0.5");
    assertEquals(2, outcome.exitCode(), outcome.err());
    assertTrue(outcome.err().contains("in use by run other-run"), outcome.err());
    assertEquals(1, outcome.err().strip().lines().count(), outcome.err());
    assertFalse(Files.exists(output.resolve("gold")), "nothing published");
  }
}
