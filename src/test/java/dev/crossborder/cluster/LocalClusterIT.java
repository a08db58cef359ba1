package dev.crossborder.cluster;

import static dev.crossborder.model.Columns.RUN_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.cli.Main;
import dev.crossborder.cluster.Listeners.Listener;
import dev.crossborder.model.OutputTables;
import dev.crossborder.model.TableSpec;
import dev.crossborder.testing.SameRows;
import dev.crossborder.testing.SharedSpark;
import dev.crossborder.testing.CatalogReader;
import dev.crossborder.testing.ChildJvm;
import dev.crossborder.testing.Folders;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The job on a real Spark standalone cluster (scripts/cluster.sh, scripts/submit.sh, separate JVMs) gives the same
 * silver, gold and quarantine rows as a local[*] run (run alongside the submission) and registers them by name in
 * the cluster's metastore, where another JVM reads them; the cluster listens on loopback only, keeps its secret out
 * of command lines, and leaves no process or work/ folder behind.
 */
class LocalClusterIT {
  /** Its own cluster state, so a cluster the developer runs from target/cluster is left alone. */
  private static final Path STATE = Path.of("target", "cluster-it", "state");
  private static final Path CLUSTER_OUTPUT = Path.of("target", "cluster-it", "cluster-output");
  private static final Path LOCAL_OUTPUT = Path.of("target", "cluster-it", "local-output");
  private static final Path SCRIPT_LOGS = Path.of("target", "cluster-it", "logs");
  /** The cluster's metastore (CROSSBORDER_METASTORE), where the submitted run registers its tables. */
  private static final Path METASTORE = Path.of("target", "cluster-it", "metastore");
  private static final String DATABASE = "crossborder";
  private static final String INPUT = "datasets/sample";

  // Only to end a process that hangs; a loaded 2-core machine can take ten minutes for the job alone.
  private static final Duration DAEMON_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(40);

  @Test
  void jobOnTheClusterGivesTheRowsOfALocalRunAndLeavesNothingBehind() throws Exception {
    Folders.delete(CLUSTER_OUTPUT);
    Folders.delete(LOCAL_OUTPUT);
    Folders.delete(METASTORE);
    // Leftovers of an interrupted earlier run are stopped by their pid files, not reused.
    runScript("stop-leftovers", DAEMON_TIMEOUT, "scripts/cluster.sh", "stop");

    // The local[*] run it is compared with runs alongside, in this JVM: on 2 cores the driver-side pauses of
    // each run leave room for the other, and the test takes about the longer of the two instead of the sum.
    CompletableFuture<Integer> localRun = CompletableFuture.supplyAsync(() -> {
      long localStart = System.nanoTime();
      int exitCode = Main.execute("run", "--input", INPUT, "--output", LOCAL_OUTPUT.toString());
      System.out.println("local[*] run: " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - localStart) + " s");
      return exitCode;
    });
    Set<Long> clusterPids = new TreeSet<>();
    try {
      ScriptRun start = runScript("start", DAEMON_TIMEOUT, "scripts/cluster.sh", "start");
      assertEquals(0, start.exitCode(), start.output());
      long masterPid = readPid("master.pid");
      long workerPid = readPid("worker.pid");
      clusterPids.addAll(List.of(masterPid, workerPid));
      String masterUrl = Files.readString(STATE.resolve("master-url")).strip();
      assertTrue(start.output().contains("Master URL: " + masterUrl), start.output());

      assertEveryListenerOnLoopbackAndNoRestServer(masterPid, workerPid, masterUrl);
      assertSecretOnlyInAPrivateFile(masterPid, workerPid);

      ScriptRun submit = runScript("submit", JOB_TIMEOUT,
          "scripts/submit.sh", "--", "run", "--input", INPUT, "--output", CLUSTER_OUTPUT.toString(), "--database",
          DATABASE);
      assertEquals(0, submit.exitCode(), submit.output());
      assertTrue(submit.output().contains("SUCCEEDED"), submit.output());
      assertTrue(submit.output().contains("Catalog: 14 tables registered in database " + DATABASE), submit.output());
      String workerLog = Files.readString(STATE.resolve("logs/worker.log"));
      assertTrue(workerLog.contains("Asked to launch executor"), "the job ran on the cluster's executors");

      // Executors are the Worker's children; stop must not leave any of them either.
      ProcessHandle.of(workerPid).ifPresent(worker -> worker.descendants().forEach(p -> clusterPids.add(p.pid())));
    } finally {
      ScriptRun stop = runScript("stop", DAEMON_TIMEOUT, "scripts/cluster.sh", "stop");
      assertEquals(0, stop.exitCode(), stop.output());
    }
    List<Long> alive = clusterPids.stream()
        .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).toList();
    assertEquals(List.of(), alive, "cluster processes still alive after stop");
    assertFalse(Files.exists(STATE.resolve("work")), "the Worker's work/ folder is removed");
    assertFalse(Files.exists(STATE.resolve("spark-defaults.conf")), "the cluster secret is removed");

    assertEquals(0, localRun.get(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "local[*] run");
    assertSameRows(SharedSpark.session());
    assertReadByNameFromTheClustersMetastore(SharedSpark.session());
  }

  /**
   * Another JVM, a plain Spark session on the cluster's metastore as a BI engine would open it, lists the tables
   * the submitted run registered and reads each by name: the rows the cluster published.
   */
  private static void assertReadByNameFromTheClustersMetastore(SparkSession spark) {
    ChildJvm.Outcome read = ChildJvm.run(DAEMON_TIMEOUT.toSeconds(), CatalogReader.class.getName(),
        METASTORE.toString(), DATABASE);
    assertEquals(0, read.exitCode(), read.err());
    CatalogReader.Listing listing = CatalogReader.Listing.parse(read.out());
    assertEquals(OutputTables.ALL.stream().map(TableSpec::catalogName).sorted().toList(),
        listing.tables().stream().sorted().toList(), "one table per name");
    for (TableSpec spec : OutputTables.ALL) {
      Dataset<Row> published = spark.read().format("delta").load(CLUSTER_OUTPUT.resolve(spec.relativePath()).toString());
      assertEquals(CatalogReader.asJson(published).collectAsList().stream().sorted().toList(),
          listing.sortedRows(spec.catalogName()), spec.catalogName() + " read by name");
    }
  }

  /**
   * Every listener of the Master and the Worker is on 127.0.0.1, and each has exactly two (RPC and web UI): in
   * particular no REST submission server, which would listen on 6066 and accept unauthenticated submissions.
   */
  private static void assertEveryListenerOnLoopbackAndNoRestServer(long masterPid, long workerPid, String masterUrl)
      throws IOException {
    assertTrue(Listeners.ssAvailable() || Listeners.procAvailable(), "needs ss or /proc/net/tcp to see listeners");
    Set<Long> pids = Set.of(masterPid, workerPid);
    Set<Listener> listeners = Listeners.ssAvailable() ? Listeners.fromSs(pids) : Listeners.fromProc(pids);
    if (Listeners.ssAvailable() && Listeners.procAvailable()) {
      assertEquals(listeners, Listeners.fromProc(pids), "ss and /proc disagree"); // keeps the fallback honest
    }
    System.out.println("Cluster listeners: " + listeners);

    List<Listener> exposed = listeners.stream().filter(listener -> !listener.onLoopback()).toList();
    assertEquals(List.of(), exposed, "listeners beyond loopback");
    assertFalse(listeners.stream().anyMatch(listener -> listener.port() == 6066), "REST server on 6066: " + listeners);

    Set<Integer> masterPorts = portsOf(listeners, masterPid);
    int masterUiPort = URI.create(Files.readString(STATE.resolve("master-ui-url")).strip()).getPort();
    assertEquals(Set.of(URI.create(masterUrl).getPort(), masterUiPort), masterPorts, "Master: RPC and web UI only");
    Set<Integer> workerPorts = portsOf(listeners, workerPid);
    int workerUiPort = URI.create(Files.readString(STATE.resolve("worker-ui-url")).strip()).getPort();
    assertEquals(2, workerPorts.size(), "Worker: RPC and web UI only: " + workerPorts);
    assertTrue(workerPorts.contains(workerUiPort), "Worker UI on " + workerUiPort + ": " + workerPorts);
  }

  private static Set<Integer> portsOf(Set<Listener> listeners, long pid) {
    return listeners.stream().filter(listener -> listener.pid() == pid).map(Listener::port)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The secret sits in a mode-600 file the daemons read, never on a command line that `ps` shows. */
  private static void assertSecretOnlyInAPrivateFile(long masterPid, long workerPid) throws IOException {
    Path conf = STATE.resolve("spark-defaults.conf");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(conf)));
    String secret = Files.readAllLines(conf).stream()
        .filter(line -> line.startsWith("spark.authenticate.secret"))
        .map(line -> line.substring("spark.authenticate.secret".length()).strip())
        .findFirst().orElseThrow();
    assertTrue(secret.length() >= 32, "a generated secret");
    for (long pid : List.of(masterPid, workerPid)) {
      String commandLine = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
      assertTrue(commandLine.contains("--properties-file"), commandLine);
      assertFalse(commandLine.contains(secret), "the secret is on the command line of pid " + pid);
    }
  }

  /** Each silver and gold table and the quarantine: same schema, same count, same rows both ways (run ids aside). */
  private static void assertSameRows(SparkSession spark) {
    List<TableSpec> compared = OutputTables.ALL.stream().filter(spec -> spec != OutputTables.RUNS).toList();
    assertEquals(tableFolders(LOCAL_OUTPUT), tableFolders(CLUSTER_OUTPUT), "the same tables were written");
    List<String> differences = new ArrayList<>();
    for (TableSpec spec : compared) {
      Dataset<Row> local = readTable(spark, LOCAL_OUTPUT, spec);
      assertFalse(local.isEmpty(), spec.relativePath() + " has rows to compare");
      String difference = SameRows.differences(local, readTable(spark, CLUSTER_OUTPUT, spec));
      if (!difference.isEmpty()) {
        differences.add(spec.relativePath() + " on the cluster against local[*]: " + difference);
      }
    }
    assertEquals(List.of(), differences);
  }

  private static Dataset<Row> readTable(SparkSession spark, Path output, TableSpec spec) {
    return spark.read().format("delta").load(output.resolve(spec.relativePath()).toString()).drop(RUN_ID);
  }

  private static Set<String> tableFolders(Path output) {
    Set<String> folders = new TreeSet<>();
    for (String layer : List.of("gold", "silver")) {
      try (Stream<Path> tables = Files.list(output.resolve(layer))) {
        tables.filter(Files::isDirectory).forEach(table -> folders.add(layer + "/" + table.getFileName()));
      } catch (IOException e) {
        throw new AssertionError("cannot list " + output.resolve(layer), e);
      }
    }
    return folders;
  }

  private record ScriptRun(int exitCode, String output) {}

  /** Runs a project script from the project root on the test's own cluster state; its output goes to a log file. */
  private static ScriptRun runScript(String name, Duration timeout, String... command) throws Exception {
    Files.createDirectories(SCRIPT_LOGS);
    Path log = SCRIPT_LOGS.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> environment = builder.environment();
    environment.put("CLUSTER_STATE_DIR", STATE.toString());
    environment.put("CROSSBORDER_METASTORE", METASTORE.toAbsolutePath().toString());
    environment.remove("SPARK_HOME"); // the assembled jars, whatever Spark the developer has installed
    // Every JVM the scripts start (daemons, driver, executors) with the test JVM's JIT settings (pom.xml).
    environment.put("JAVA_TOOL_OPTIONS", System.getProperty("test.jvm.jit", ""));
    long started = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
      throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + "; output:\n"
          + Files.readString(log));
    }
    String output = Files.readString(log);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    System.out.println("$ " + String.join(" ", command) + " (exit " + process.exitValue() + ", " + seconds + " s)\n"
        + output);
    return new ScriptRun(process.exitValue(), output);
  }

  private static long readPid(String pidFile) throws IOException {
    return Long.parseLong(Files.readString(STATE.resolve(pidFile)).strip());
  }
}
