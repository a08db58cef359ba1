package dev.crossborder.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.cluster.Listeners.Listener;
import dev.crossborder.model.OutputTables;
import dev.crossborder.model.TableSpec;
import dev.crossborder.testing.CatalogReader;
import dev.crossborder.testing.ChildJvm;
import dev.crossborder.testing.Folders;
import dev.crossborder.testing.ProjectScript;
import dev.crossborder.testing.SameOutputs;
import dev.crossborder.testing.SampleRun;
import dev.crossborder.testing.SharedSpark;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The job on a real Spark standalone cluster (scripts/cluster.sh, scripts/submit.sh, separate JVMs), on the default
 * Spark line and on 3.5 (Scala 2.12, where closures and encoders cross JVMs compiled apart), gives the same silver,
 * gold and quarantine rows as the default line's local[*] run of the sample (SampleRun, alongside the submission) and
 * registers them by name in the cluster's metastore, where another JVM reads them; the cluster listens on loopback
 * only, keeps its secret out of command lines, and leaves no process or work/ folder behind.
 */
class LocalClusterIT {
  private static final Path ROOT = Path.of("target", "cluster-it");
  private static final String DATABASE = "crossborder";
  private static final String INPUT = "datasets/sample";

  // Only to end a process that hangs; a loaded 2-core machine can take ten minutes for the job alone.
  private static final Duration DAEMON_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(40);

  /** One line's cluster: its own state (a cluster the developer runs from target/cluster is left alone). */
  private record Cluster(String line) {
    Path folder() {
      return ROOT.resolve("spark-" + line);
    }

    Path state() {
      return folder().resolve("state");
    }

    Path output() {
      return folder().resolve("cluster-output");
    }

    /** The cluster's metastore (CROSSBORDER_METASTORE), where the submitted run registers its tables. */
    Path metastore() {
      return folder().resolve("metastore");
    }

    ProjectScript.Outcome script(String name, Duration timeout, String... command) throws Exception {
      return ProjectScript.run(folder().resolve("logs").resolve(name + ".log"), timeout,
          Map.of("CLUSTER_STATE_DIR", state().toString(),
              "CROSSBORDER_METASTORE", metastore().toAbsolutePath().toString()), command);
    }

    long readPid(String pidFile) throws IOException {
      return Long.parseLong(Files.readString(state().resolve(pidFile)).strip());
    }
  }

  @ParameterizedTest(name = "Spark {0}")
  @ValueSource(strings = {"4.2", "3.5"})
  void jobOnTheClusterGivesTheRowsOfALocalRunAndLeavesNothingBehind(String line) throws Exception {
    Cluster cluster = new Cluster(line);
    Folders.delete(cluster.output());
    Folders.delete(cluster.metastore());
    // Leftovers of an interrupted earlier run are stopped by their pid files, not reused.
    cluster.script("stop-leftovers", DAEMON_TIMEOUT, "scripts/cluster.sh", "stop");

    // The local[*] run it is compared with runs alongside, in this JVM (once for every test of the JVM): on 2 cores
    // the driver-side pauses of each run leave room for the other.
    CompletableFuture<SampleRun> localRun = CompletableFuture.supplyAsync(SampleRun::get);
    Set<Long> clusterPids = new TreeSet<>();
    try {
      ProjectScript.Outcome start = cluster.script("start", DAEMON_TIMEOUT, "scripts/cluster.sh", "start", "--spark",
          line);
      assertEquals(0, start.exitCode(), start.output());
      long masterPid = cluster.readPid("master.pid");
      long workerPid = cluster.readPid("worker.pid");
      clusterPids.addAll(List.of(masterPid, workerPid));
      String masterUrl = Files.readString(cluster.state().resolve("master-url")).strip();
      assertTrue(start.output().contains("The local Spark " + line + " cluster is running"), start.output());
      assertTrue(start.output().contains("Master URL: " + masterUrl), start.output());

      assertEveryListenerOnLoopbackAndNoRestServer(cluster, masterPid, workerPid, masterUrl);
      assertSecretOnlyInAPrivateFile(cluster, masterPid, workerPid);

      ProjectScript.Outcome submit = cluster.script("submit", JOB_TIMEOUT, "scripts/submit.sh", "--", "run",
          "--input", INPUT, "--output", cluster.output().toString(), "--database", DATABASE);
      assertEquals(0, submit.exitCode(), submit.output());
      assertTrue(submit.output().contains("SUCCEEDED"), submit.output());
      assertTrue(submit.output().contains("Catalog: 14 tables registered in database " + DATABASE), submit.output());
      String workerLog = Files.readString(cluster.state().resolve("logs/worker.log"));
      assertTrue(workerLog.contains("Asked to launch executor"), "the job ran on the cluster's executors");
      // The cluster runs the line's Spark; a jar of another line would have stopped at its entry point (exit 2).
      assertTrue(workerLog.contains("Running Spark version " + line + "."), "a Spark " + line + " cluster");

      // Executors are the Worker's children; stop must not leave any of them either.
      ProcessHandle.of(workerPid).ifPresent(worker -> worker.descendants().forEach(p -> clusterPids.add(p.pid())));
    } finally {
      ProjectScript.Outcome stop = cluster.script("stop", DAEMON_TIMEOUT, "scripts/cluster.sh", "stop");
      assertEquals(0, stop.exitCode(), stop.output());
    }
    List<Long> alive = clusterPids.stream()
        .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).toList();
    assertEquals(List.of(), alive, "cluster processes still alive after stop");
    assertFalse(Files.exists(cluster.state().resolve("work")), "the Worker's work/ folder is removed");
    assertFalse(Files.exists(cluster.state().resolve("spark-defaults.conf")), "the cluster secret is removed");

    SampleRun local = localRun.get(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(0, local.exitCode(), "local[*] run: " + local.err());
    SameOutputs.Comparison comparison = SameOutputs.compare(SharedSpark.session(), local.output(), cluster.output());
    System.out.println("Spark " + line + " cluster against local[*]: " + comparison.totalRows() + " rows compared");
    assertEquals(List.of(), comparison.differences());
    assertReadByNameFromTheClustersMetastore(SharedSpark.session(), cluster);
  }

  /**
   * Another JVM, a plain Spark session on the cluster's metastore as a BI engine would open it, lists the tables
   * the submitted run registered and reads each by name: the rows the cluster published.
   */
  private static void assertReadByNameFromTheClustersMetastore(SparkSession spark, Cluster cluster) {
    ChildJvm.Outcome read = ChildJvm.run(DAEMON_TIMEOUT.toSeconds(), CatalogReader.class.getName(),
        cluster.metastore().toString(), DATABASE);
    assertEquals(0, read.exitCode(), read.err());
    CatalogReader.Listing listing = CatalogReader.Listing.parse(read.out());
    assertEquals(OutputTables.ALL.stream().map(TableSpec::catalogName).sorted().toList(),
        listing.tables().stream().sorted().toList(), "one table per name");
    for (TableSpec spec : OutputTables.ALL) {
      Dataset<Row> published = spark.read().format("delta").load(cluster.output().resolve(spec.relativePath()).toString());
      assertEquals(CatalogReader.asJson(published).collectAsList().stream().sorted().toList(),
          listing.sortedRows(spec.catalogName()), spec.catalogName() + " read by name");
    }
    // What a BI tool shows of a Delta table registered by name: the column comments, where it is, what it is.
    TableSpec.ColumnSpec share = OutputTables.MARKET_SHARE.column("share").orElseThrow();
    assertEquals("double\t" + share.comment(), listing.described("market_share", "share"));
    String location = listing.described("market_share", "Location");
    assertTrue(location.contains(cluster.output().toAbsolutePath().resolve("gold/market_share").toString()), location);
    String provider = listing.described("market_share", "Provider");
    assertTrue(provider.contains("delta"), provider);
  }

  /**
   * Every listener of the Master and the Worker is on 127.0.0.1, and each has exactly two (RPC and web UI): in
   * particular no REST submission server, which would listen on 6066 and accept unauthenticated submissions.
   */
  private static void assertEveryListenerOnLoopbackAndNoRestServer(Cluster cluster, long masterPid, long workerPid,
      String masterUrl) throws IOException {
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
    int masterUiPort = URI.create(Files.readString(cluster.state().resolve("master-ui-url")).strip()).getPort();
    assertEquals(Set.of(URI.create(masterUrl).getPort(), masterUiPort), masterPorts, "Master: RPC and web UI only");
    Set<Integer> workerPorts = portsOf(listeners, workerPid);
    int workerUiPort = URI.create(Files.readString(cluster.state().resolve("worker-ui-url")).strip()).getPort();
    assertEquals(2, workerPorts.size(), "Worker: RPC and web UI only: " + workerPorts);
    assertTrue(workerPorts.contains(workerUiPort), "Worker UI on " + workerUiPort + ": " + workerPorts);
  }

  private static Set<Integer> portsOf(Set<Listener> listeners, long pid) {
    return listeners.stream().filter(listener -> listener.pid() == pid).map(Listener::port)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The secret sits in a mode-600 file the daemons read, never on a command line that `ps` shows. */
  private static void assertSecretOnlyInAPrivateFile(Cluster cluster, long masterPid, long workerPid)
      throws IOException {
    Path conf = cluster.state().resolve("spark-defaults.conf");
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
}
