package dev.crossborder.objectstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.cli.CrossborderAnalytics;
import dev.crossborder.model.OutputTables;
import dev.crossborder.publish.OutputLock;
import dev.crossborder.testing.ChildJvm;
import dev.crossborder.testing.S3Server;
import dev.crossborder.testing.SameOutputs;
import dev.crossborder.testing.SampleRun;
import dev.crossborder.testing.SparkTestBase;
import dev.crossborder.testing.TableSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.statistics.IOStatistics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job with its input and output on an S3 API server (s3proxy on 127.0.0.1, started for this class), through
 * S3A, as on Amazon S3 or an S3-compatible store: the sample's tables equal a local run's, {@code sql} and
 * {@code report} read them there, a refresh equals a rebuild, the lock keeps a second run out and a dead run's lock is
 * taken over once its lease ran out, a run killed inside its commits (the quarantine's, a silver and a gold table's)
 * leaves whole tables, and what goes wrong with the store ends in one line.
 */
class ObjectStoreRunTest extends SparkTestBase {
  private static final String BUCKET = "crossborder-runs";
  private static final String TINY = "src/test/resources/landing/tiny";
  private static final long CHILD_TIMEOUT_SECONDS = 300;

  private static Path serverFolder;
  private static S3Server server;

  @BeforeAll
  static void startServer() throws Exception {
    serverFolder = Files.createTempDirectory("s3-run-test");
    server = S3Server.start(serverFolder);
    server.createBucket(BUCKET);
    // The shared session reaches this bucket on this server; other buckets and tests are untouched.
    server.configure(spark.sparkContext().hadoopConfiguration(), BUCKET);
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  private static String s3(String key) {
    return "s3a://" + BUCKET + "/" + key;
  }

  private record Outcome(int exitCode, String out, String err) {
    List<String> errorLines() {
      return err.lines().filter(line -> !line.isBlank()).toList();
    }
  }

  private static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CrossborderAnalytics.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Outcome(code, out.toString(), err.toString());
  }

  private static Outcome runTiny(String input, String output, String runId) {
    return run("run", "--input", input, "--output", output, "--run-id", runId, "--max-quarantine-ratio", "0.5",
        "--quiet");
  }

  private static FileSystem bucket() throws IOException {
    return FileSystem.get(URI.create("s3a://" + BUCKET + "/"), spark.sparkContext().hadoopConfiguration());
  }

  @Test
  void theSampleOnS3GivesTheLocalRunsTablesWhichSqlAndTheReportReadThere() throws Exception {
    long copiesBefore = counter(org.apache.hadoop.fs.statistics.IOStatisticsSupport.retrieveIOStatistics(bucket()), "object_copy_requests");
    String output = s3("sample");
    // The sample's own policy scenarios, given from the store: the tables are the same as with the reference file.
    String scenarios = s3("config/policy_scenarios.csv");
    bucket().copyFromLocalFile(new org.apache.hadoop.fs.Path(
        Path.of("datasets/sample/reference/policy_scenarios.csv").toAbsolutePath().toUri()),
        new org.apache.hadoop.fs.Path(scenarios));
    Outcome published = run("run", "--input", "datasets/sample", "--output", output, "--run-id", "s3-sample",
        "--scenarios", scenarios, "--quiet");
    assertEquals(0, published.exitCode(), published.err());
    assertTrue(published.out().contains("Run report: " + output + "/runs/s3-sample.json"), published.out());

    SameOutputs.Comparison comparison = SameOutputs.compare(spark, SampleRun.get().output().toString(), output, true);
    assertEquals(List.of(), comparison.differences());
    System.out.println("The sample on S3 against a local run: " + comparison.totalRows() + " rows compared");
    assertEquals(0, counter(org.apache.hadoop.fs.statistics.IOStatisticsSupport.retrieveIOStatistics(bucket()), "object_copy_requests") - copiesBefore,
        "a Delta run makes no COPY (nothing is renamed)");

    Outcome query = run("sql", "--output", output, "--format", "csv",
        "SELECT count(*) AS n FROM market_share WHERE period_grain = 'year'");
    assertEquals(0, query.exitCode(), query.err());
    long localYears = spark.read().format("delta").load(SampleRun.get().output().resolve("gold/market_share").toString())
        .filter("period_grain = 'year'").count();
    assertEquals(List.of("n", String.valueOf(localYears)), query.out().lines().toList());

    Outcome report = run("report", "--output", output);
    assertEquals(0, report.exitCode(), report.err());
    assertTrue(bucket().getFileStatus(new org.apache.hadoop.fs.Path(output, "report.html")).getLen() > 10_000,
        "report.html written into the bucket");
  }

  @Test
  void aLiveRunsLockKeepsASecondRunOut() throws Exception {
    String output = s3("locked");
    try (OutputStream marker = bucket().create(new org.apache.hadoop.fs.Path(output, ".crossborder-analytics"), true)) {
      marker.write("an output folder of crossborder-analytics\n".getBytes(StandardCharsets.UTF_8));
    }
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    try (OutputLock live = OutputLock.acquire(hadoop, output, "live-run", Duration.ofMinutes(5),
        java.time.Clock.systemUTC())) {
      Outcome refused = runTiny(TINY, output, "second");
      assertEquals(2, refused.exitCode(), refused.err());
      assertEquals(1, refused.errorLines().size(), refused.err());
      assertTrue(refused.err().startsWith("Error: Output folder " + output + " is in use by run live-run"),
          refused.err());
    }

  }

  private static String newestLock(org.apache.hadoop.fs.Path locks) throws IOException {
    org.apache.hadoop.fs.Path newest = Stream.of(bucket().listStatus(locks)).map(s -> s.getPath())
        .max((a, b) -> a.getName().compareTo(b.getName())).orElseThrow();
    try (InputStream in = bucket().open(newest)) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /**
   * One landing on S3, one story: runs killed inside their commits (the quarantine's, a silver and a gold table's)
   * leave whole tables of an incremental refresh's output; the next run, finding the lock of a run that died on
   * another node, takes it over once its lease has run out and completes a full rebuild, which the refresh's
   * tables equal. (Told in one test: each run on the store costs most of a minute.)
   */
  @Test
  void killedRunsLeaveWholeTablesADeadRunsLockIsTakenOverAndTheRebuildEqualsTheRefresh() throws Exception {
    // The tiny landing on S3 without one GMV file, which comes later as the new file of the refresh.
    String landing = s3("landing");
    bucket().copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(Path.of(TINY).toAbsolutePath().toUri()),
        new org.apache.hadoop.fs.Path(landing));
    org.apache.hadoop.fs.Path later = new org.apache.hadoop.fs.Path(landing, "gmv/jsonl/gmv.jsonl");
    byte[] laterBytes;
    try (InputStream in = bucket().open(later)) {
      laterBytes = in.readAllBytes();
    }
    bucket().delete(later, false);

    String output = s3("refreshed");
    assertEquals(0, runTiny(landing, output, "first").exitCode());
    try (OutputStream out = bucket().create(later, true)) {
      out.write(laterBytes);
    }
    Outcome refresh = run("run", "--input", landing, "--output", output, "--incremental", "--run-id", "second",
        "--max-quarantine-ratio", "0.5", "--quiet");
    assertEquals(0, refresh.exitCode(), refresh.err());
    assertTrue(refresh.out().contains("incremental refresh since run first")
        && refresh.out().contains("gmv: 1 new, 0 changed, 0 removed file(s)"), refresh.out());
    TableSnapshot refreshed = TableSnapshot.of(spark, output, "delta");

    // Kills before a table's write are PublishingSafetyTest's (the same code on the local disk); on the store, the
    // kills that matter land between a table's data files and its commit. The first commit of a run, a silver and
    // a gold one: tables the tiny landing gives rows (an empty partitioned Delta table has no data file to watch).
    // Each killed run is a full rebuild of the same landing: whichever run a table holds, its rows are the same.
    int insideCommits = 0;
    for (String table : List.of("quarantine", "silver/gmv_monthly", "gold/market_share")) {
      boolean inside = killInsideCommit(landing, output, table);
      insideCommits += inside ? 1 : 0;
      TableSnapshot.of(spark, output, "delta").assertWholeRunsOf(refreshed, killedRunId(table));
    }
    System.out.println("Kills inside a commit (data files written, log not yet): " + insideCommits + " of 3");
    assertTrue(insideCommits >= 2, "kills landed between a table's data files and its commit");

    // Then a run on another node died holding the lock: nobody renews its lease, which ran out a minute ago.
    org.apache.hadoop.fs.Path locks = new org.apache.hadoop.fs.Path(output, OutputLock.LOCK_FOLDER);
    long newest = Stream.of(bucket().listStatus(locks)).mapToLong(status -> Long.parseLong(status.getPath().getName()))
        .max().orElse(0);
    String dead = "run_id=died-elsewhere\ntoken=t\nhost=another-node\npid=4242\nstarted_at=2026-12-06T09:00:00Z\n"
        + "expires_at=" + java.time.Instant.now().minusSeconds(60) + "\nstate=held\n";
    try (OutputStream out = bucket().create(new org.apache.hadoop.fs.Path(locks, String.format("%020d", newest + 1)),
        false)) {
      out.write(dead.getBytes(StandardCharsets.ISO_8859_1));
    }
    Outcome next = runTiny(landing, output, "after-the-lease");
    assertEquals(0, next.exitCode(), next.err());
    assertTrue(newestLock(locks).contains("run_id=after-the-lease") && newestLock(locks).contains("state=released"),
        newestLock(locks));
    assertEquals(refreshed.rows(), TableSnapshot.of(spark, output, "delta").rows(),
        "the refresh's tables (run_id aside) against the full rebuild of the same landing after the kills");
  }

  private static ProcessBuilder childRun(String input, String output, String runId) {
    ProcessBuilder builder = ChildJvm.builder(server.jvmOptions(BUCKET), "dev.crossborder.cli.Main", List.of("run",
        "--input", input, "--output", output, "--max-quarantine-ratio", "0.5", "--run-id", runId, "--quiet"));
    builder.environment().putAll(server.environment());
    return builder;
  }

  /**
   * A run in its own JVM killed with SIGKILL as soon as the server holds new data files of {@code table} (the
   * table's write job ended) while its Delta log has no commit for them yet: between the two halves of a commit.
   * True when the kill landed there (the log had not moved when the process was gone).
   */
  private static boolean killInsideCommit(String input, String output, String table) throws Exception {
    Path tableFolder = server.bucketFolder(BUCKET).resolve(URI.create(output).getPath().substring(1)).resolve(table);
    long commitsBefore = commits(tableFolder);
    long dataFilesBefore = dataFiles(tableFolder);
    Path err = Files.createTempFile("killed-in-commit", ".err");
    Process process = childRun(input, output, killedRunId(table)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(err.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_TIMEOUT_SECONDS);
    try {
      while (dataFiles(tableFolder) == dataFilesBefore && process.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
    } finally {
      process.destroyForcibly();
      assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    }
    assertTrue(dataFiles(tableFolder) > dataFilesBefore, "the run wrote data files of " + table + " before its end;"
        + " its stderr: " + Files.readString(err));
    Files.delete(err);
    return commits(tableFolder) == commitsBefore;
  }

  private static String killedRunId(String table) {
    return "killed-in-" + table.replace('/', '-');
  }

  private static long commits(Path tableFolder) throws IOException {
    return countFiles(tableFolder.resolve("_delta_log"), name -> name.matches("\\d{20}\\.json"));
  }

  private static long dataFiles(Path tableFolder) throws IOException {
    return countFiles(tableFolder, name -> name.endsWith(".parquet"));
  }

  private static long countFiles(Path folder, java.util.function.Predicate<String> name) throws IOException {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).filter(f -> name.test(f.getFileName().toString())).count();
    }
  }

  @Test
  void whatGoesWrongWithTheStoreEndsInOneLineAndPublishesNothing(@TempDir Path tmp) throws Exception {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    // Nothing listens on this port: the store cannot be reached.
    S3Server.connectionSettings("unreachable-store", "http://127.0.0.1:" + freePort()).forEach(hadoop::set);
    hadoop.set("fs.s3a.bucket.unreachable-store.access.key", "any");
    hadoop.set("fs.s3a.bucket.unreachable-store.secret.key", "any");
    // The right server, a secret it does not know.
    server.s3aSettings("wrong-secret").forEach(hadoop::set);
    hadoop.set("fs.s3a.bucket.wrong-secret.secret.key", "not-the-secret");
    server.createBucket("wrong-secret");
    // The right server and credentials, a bucket it does not have.
    server.s3aSettings("no-such-bucket").forEach(hadoop::set);

    assertOneLine(runTiny(TINY, "s3a://unreachable-store/out", "r"), 2,
        "Error: Cannot prepare --output s3a://unreachable-store/out: cannot reach the store");
    assertOneLine(runTiny("s3a://wrong-secret/landing", tmp.resolve("out1").toString(), "r"), 2,
        "Error: Cannot read --input s3a://wrong-secret/landing: access denied");
    assertOneLine(runTiny(TINY, "s3a://no-such-bucket/out", "r"), 2,
        "Error: Cannot prepare --output s3a://no-such-bucket/out: the bucket does not exist");
    assertOneLine(runTiny(s3("no-landing-here"), tmp.resolve("out2").toString(), "r"), 2,
        "Error: --input " + s3("no-landing-here") + " is not a folder");
    assertFalse(Files.exists(tmp.resolve("out1")) || Files.exists(tmp.resolve("out2")), "nothing written");
    assertFalse(bucket().exists(new org.apache.hadoop.fs.Path(s3("no-landing-here"))), "nothing written");
  }

  @Test
  void aStoreThatFailsMidRunEndsTheRunWithExit1AndOneLine(@TempDir Path tmp) throws Exception {
    // A server of its own, stopped while the run waits before its gold tables.
    try (S3Server failing = S3Server.start(Files.createDirectories(tmp.resolve("failing")))) {
      failing.createBucket("failing-store");
      ProcessBuilder builder = ChildJvm.builder(failing.jvmOptions("failing-store"), "dev.crossborder.cli.Main",
          List.of("run", "--input", TINY, "--output", "s3a://failing-store/out", "--max-quarantine-ratio", "0.5",
              "--quiet"));
      builder.environment().putAll(failing.environment());
      builder.environment().put("CROSSBORDER_PAUSE_BEFORE_TABLE", "gmv_growth");
      builder.environment().put("CROSSBORDER_PAUSE_SECONDS", "3");
      Path err = tmp.resolve("err.txt");
      Process process = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_TIMEOUT_SECONDS);
      while (!(Files.exists(err) && Files.readString(err).contains("CRASH-TEST-PAUSE before gmv_growth"))
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      failing.close();
      assertTrue(process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS), "the run ended");
      List<String> lines = Files.readAllLines(err).stream()
          .filter(line -> !line.isBlank() && !line.startsWith("CRASH-TEST-PAUSE")).toList();
      assertEquals(1, process.exitValue(), String.join("\n", lines));
      assertEquals(1, lines.size(), String.join("\n", lines));
      assertTrue(lines.get(0).startsWith("Error: ") && !lines.get(0).contains("\tat "), lines.get(0));
    }
  }

  private static void assertOneLine(Outcome outcome, int exitCode, String start) {
    assertEquals(exitCode, outcome.exitCode(), outcome.err());
    assertEquals(1, outcome.errorLines().size(), outcome.err());
    assertTrue(outcome.errorLines().get(0).startsWith(start), outcome.errorLines().get(0));
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static long counter(IOStatistics statistics, String name) {
    return Optional.ofNullable(statistics).map(s -> s.counters().get(name)).orElse(0L);
  }
}
