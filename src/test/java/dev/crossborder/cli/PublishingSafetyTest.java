package dev.crossborder.cli;

import static dev.crossborder.model.Columns.RUN_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.model.OutputTables;
import dev.crossborder.model.TableSpec;
import dev.crossborder.publish.OutputLock;
import dev.crossborder.testing.ChildJvm;
import dev.crossborder.testing.SparkTestBase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash, a rerun or a second run never loses or corrupts a table: runs are killed with SIGKILL while they
 * publish (a separate JVM paused by the test-only hook before a given table), then every table must read at
 * one consistent version, and a rerun must succeed with the same rows as an undisturbed run.
 */
class PublishingSafetyTest extends SparkTestBase {
  private static final String TINY = "src/test/resources/landing/tiny";

  /** Tables whose rows a run replaces (the runs table keeps history instead). */
  private static List<TableSpec> replacedTables() {
    return OutputTables.ALL.stream().filter(t -> t != OutputTables.RUNS).toList();
  }

  private static int runInProcess(String output, String format, String runId) {
    MainTest.Outcome outcome = MainTest.run("run", "--input", TINY, "--output", output, "--format", format,
        "--max-quarantine-ratio", "0.5", "--run-id", runId);
    assertEquals(0, outcome.exitCode(), outcome.err());
    return outcome.exitCode();
  }

  /**
   * Every replaced table's rows without run_id, sorted, and the run ids found in it: from one collect per table
   * (the tables are tiny; a Spark job per question asked of them was most of this test's time).
   */
  private static Map<String, List<String>> snapshot(String output, String format, Map<String, List<String>> runIds) {
    Map<String, List<String>> tables = new TreeMap<>();
    for (TableSpec spec : replacedTables()) {
      Dataset<Row> table = spark.read().format(format).load(output + "/" + spec.relativePath());
      int runIdField = table.schema().fieldIndex(RUN_ID);
      List<Row> rows = table.collectAsList();
      tables.put(spec.name(), rows.stream().map(row -> withoutField(row, runIdField)).sorted().toList());
      runIds.put(spec.name(), rows.stream().map(row -> row.getString(runIdField)).distinct().sorted().toList());
    }
    return tables;
  }

  private static String withoutField(Row row, int field) {
    return IntStream.range(0, row.size()).filter(i -> i != field).mapToObj(i -> String.valueOf(row.get(i)))
        .collect(Collectors.joining(",", "[", "]"));
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

  private static void assertConsistent(Map<String, List<String>> expected, String output, String format,
      String killedRun, String previousRun) {
    Map<String, List<String>> runIds = new TreeMap<>();
    Map<String, List<String>> actual = snapshot(output, format, runIds);
    assertEquals(expected, actual, "every table holds the full rows of one run");
    runIds.forEach((table, ids) -> {
      assertTrue(ids.size() <= 1, table + " mixes runs " + ids); // none: a table the tiny input leaves empty
      ids.forEach(id -> assertTrue(id.equals(killedRun) || id.equals(previousRun), table + " written by " + id));
    });
  }

  @Test
  void deltaTablesSurviveKillsAtSeveralPointsAndARerunRestoresTheSameRows(@TempDir Path tmp) throws Exception {
    String output = tmp.resolve("out").toString();
    runInProcess(output, "delta", "baseline");
    Map<String, List<String>> baseline = snapshot(output, "delta", new TreeMap<>());

    for (String table : List.of("gmv_monthly", "market_share")) {
      killWhilePublishing(output, "delta", table);
      assertTrue(Files.exists(tmp.resolve("out").resolve(OutputLock.LOCK_FILE)), "the killed run left its lock");
      assertConsistent(baseline, output, "delta", "killed-before-" + table, "baseline");
    }

    // The dead run's lock is stale (its process is gone), so the rerun takes the folder over.
    runInProcess(output, "delta", "rerun");
    Map<String, List<String>> runIds = new TreeMap<>();
    assertEquals(baseline, snapshot(output, "delta", runIds), "a rerun on the same input gives the same rows");
    runIds.values().forEach(ids -> assertTrue(ids.isEmpty() || ids.equals(List.of("rerun")), ids.toString()));
    assertFalse(Files.exists(tmp.resolve("out").resolve(OutputLock.LOCK_FILE)), "lock released");
    assertEquals(2, spark.read().format("delta").load(output + "/runs/history").count(),
        "only completed runs have a runs row");
  }

  @Test
  void parquetTablesAreSwappedWholeAndStagingLeftByAKillIsCleanedUp(@TempDir Path tmp) throws Exception {
    String output = tmp.resolve("out").toString();
    runInProcess(output, "parquet", "baseline");
    Map<String, List<String>> baseline = snapshot(output, "parquet", new TreeMap<>());

    killWhilePublishing(output, "parquet", "gmv_growth");
    assertConsistent(baseline, output, "parquet", "killed-before-gmv_growth", "baseline");

    runInProcess(output, "parquet", "rerun");
    assertEquals(baseline, snapshot(output, "parquet", new TreeMap<>()));
    assertFalse(Files.exists(tmp.resolve("out/_staging")), "no staging folder left for a later run to trip on");
  }

  @Test
  void aSecondRunOnALockedOutputStopsNamingTheRunThatHoldsIt(@TempDir Path tmp) throws Exception {
    Path output = tmp.resolve("out");
    Files.createDirectories(output);
    Files.writeString(output.resolve(".crossborder-analytics"), "marker");
    String host = java.net.InetAddress.getLocalHost().getHostName();
    // Held by this very JVM, which is alive: not stale.
    Files.writeString(output.resolve(OutputLock.LOCK_FILE), "run_id=other-run\npid=" + ProcessHandle.current().pid()
        + "\nhost=" + host + "\nstarted_at=2026-11-25T10:00:00Z\n");
    MainTest.Outcome outcome = MainTest.run("run", "--input", TINY, "--output", output.toString(),
        "--max-quarantine-ratio", "0.5");
    assertEquals(2, outcome.exitCode(), outcome.err());
    assertTrue(outcome.err().contains("in use by run other-run"), outcome.err());
    assertEquals(1, outcome.err().strip().lines().count(), outcome.err());
    assertFalse(Files.exists(output.resolve("gold")), "nothing published");
  }
}
