package dev.crossborder.spark;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.crossborder.model.JobException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the job's SparkSession: Delta configured (unless a platform did), UTC everywhere, INT64 timestamps, ANSI
 * SQL on every Spark line. Laptop defaults only in local mode, executor options only where the platform takes
 * them, and a session that runs already (a platform's) is joined, not reconfigured. The master comes from
 * spark-submit (or {@code -Dspark.master}); only when none is given does the job run in {@code local[*]}.
 */
public final class SparkSessions {
  private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);

  private SparkSessions() {}

  public static final String LOCAL_MASTER = "local[*]";

  /** Settings every session of this job needs, whatever the master and the Spark line (runtime SQL settings). */
  public static Map<String, String> requiredSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spark.sql.session.timeZone", "UTC");
    // INT96 timestamps are deprecated and misread by several BI engines (DESIGN.md section 5).
    settings.put("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    // ANSI SQL semantics, Spark 4's default but not 3.5's, on every line alike: a cast or a sum that overflows fails
    // instead of wrapping or turning null (parsing that may fail uses try_cast explicitly).
    settings.put("spark.sql.ansi.enabled", "true");
    return settings;
  }

  /** Delta's settings for a session that has none yet (the tests' own session). */
  public static Map<String, String> deltaSettings() {
    return DeltaLake.settingsToAdd(Map.of(), false, true);
  }

  /** Defaults for a laptop; a user's --conf or spark-defaults.conf wins over each of them. */
  static Map<String, String> localDefaults(int cores) {
    Map<String, String> settings = new LinkedHashMap<>();
    // 200 shuffle partitions is tuned for clusters; on a laptop it mostly schedules empty tasks.
    settings.put("spark.sql.shuffle.partitions", String.valueOf(Math.max(2, cores)));
    settings.put("spark.sql.adaptive.enabled", "true");
    settings.put("spark.databricks.delta.snapshotPartitions", String.valueOf(Math.max(2, cores)));
    // No listener beyond loopback on a laptop: the UI is off and the driver binds to 127.0.0.1.
    settings.put("spark.ui.enabled", "false");
    settings.put("spark.driver.bindAddress", "127.0.0.1");
    settings.put("spark.driver.host", "127.0.0.1");
    settings.put("spark.ui.showConsoleProgress", "false");
    return settings;
  }

  /**
   * The JVM option that lets HotSpot compile methods over 8,000 bytes of bytecode. Spark fuses the whole pass
   * over the shipment files (parsing, reference joins, rules, the fold into cube groups) into one generated
   * method larger than that, which HotSpot otherwise leaves to its interpreter: with the option the pass took
   * 40 s instead of 94 s at 10 million rows.
   */
  static final String COMPILE_HUGE_METHODS = "-XX:-DontCompileHugeMethods";

  private static final String EXECUTOR_DEFAULT_JAVA_OPTIONS = "spark.executor.defaultJavaOptions";
  private static final String EXECUTOR_EXTRA_JAVA_OPTIONS = "spark.executor.extraJavaOptions";

  /**
   * The executor JVM options of a cluster session before it starts: {@link #COMPILE_HUGE_METHODS} appended to the
   * application's own (extraJavaOptions, where Spark expects an application's options), unless the platform's
   * defaults or the user's options already decide that flag.
   */
  static Map<String, String> executorJvmOptions(Map<String, String> configured) {
    String flag = "DontCompileHugeMethods";
    String defaults = configured.getOrDefault(EXECUTOR_DEFAULT_JAVA_OPTIONS, "");
    String extra = configured.getOrDefault(EXECUTOR_EXTRA_JAVA_OPTIONS, "");
    if (defaults.contains(flag) || extra.contains(flag)) {
      return Map.of();
    }
    return Map.of(EXECUTOR_EXTRA_JAVA_OPTIONS, (extra + " " + COMPILE_HUGE_METHODS).strip());
  }

  /**
   * The warning for a running cluster session ({@code running}: its settings) whose executors start without
   * {@link #COMPILE_HUGE_METHODS}: a platform that drops JVM options, a session started before the job, or a user
   * who turned it off. Empty when they have it.
   */
  static Optional<String> executorSpeedWarning(Map<String, String> running) {
    String options = running.getOrDefault(EXECUTOR_DEFAULT_JAVA_OPTIONS, "") + " "
        + running.getOrDefault(EXECUTOR_EXTRA_JAVA_OPTIONS, "");
    if (options.contains(COMPILE_HUGE_METHODS)) {
      return Optional.empty();
    }
    return Optional.of("The executors run without " + COMPILE_HUGE_METHODS + ", so the pass over the shipments takes"
        + " about twice as long: add it to " + EXECUTOR_EXTRA_JAVA_OPTIONS + " where the platform allows it");
  }

  /** The session for a job run; the caller stops it. */
  public static SparkSession forJob(String appName) {
    return forJob(appName, null);
  }

  /**
   * Settings that keep a Hive metastore (embedded Derby) and its warehouse in {@code folder}, so that tables
   * registered by one local run are there for the next JVM: {@code --database} in local mode.
   */
  static Map<String, String> localMetastore(Path folder) {
    Path absolute = folder.toAbsolutePath().normalize();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spark.sql.catalogImplementation", "hive");
    settings.put("spark.sql.warehouse.dir", absolute.resolve("warehouse").toUri().toString());
    settings.put("spark.hadoop.javax.jdo.option.ConnectionURL",
        "jdbc:derby:;databaseName=" + metastoreDatabase(folder) + ";create=true");
    return settings;
  }

  /**
   * Whether a session of {@link #forJob(String, Path)} keeps its catalog in the local metastore folder it is given:
   * a local run with no catalog of its own configured (a cluster's metastore settings are left as they are).
   */
  public static boolean usesLocalMetastore() {
    return usesLocalMetastore(new SparkConf(true));
  }

  private static boolean usesLocalMetastore(SparkConf conf) {
    return isLocal(conf) && !conf.contains("spark.sql.catalogImplementation");
  }

  private static boolean isLocal(SparkConf conf) {
    return !conf.contains("spark.master") || conf.get("spark.master").startsWith("local");
  }

  /** The embedded Derby database of a local metastore folder (see {@link #localMetastore}). */
  public static Path metastoreDatabase(Path folder) {
    return folder.toAbsolutePath().normalize().resolve("metastore_db");
  }

  /**
   * The session for a job run, with the local Hive metastore in {@code localMetastore} when that is not null and
   * the run is local with no catalog of its own configured (a cluster's metastore settings are left as they are);
   * the caller stops it. Exit 2 when Hive support is asked for and its classes are not on the classpath.
   */
  public static SparkSession forJob(String appName, Path localMetastore) {
    // For the tasks that run in this JVM (local mode); executors on a cluster start without it.
    GeneratedCodeCompilation.keepC1FromInliningIntoGeneratedStages();
    SparkConf conf = new SparkConf(true); // picks up spark.* system properties set by spark-submit
    boolean local = isLocal(conf);
    if (localMetastore != null && usesLocalMetastore(conf)) {
      localMetastore(localMetastore).forEach(conf::set);
    }
    if (!conf.contains("spark.master")) {
      conf.setMaster(LOCAL_MASTER);
    }
    // Derby's log beside its database (here or in a cluster's settings), not in the folder the job started from.
    if (System.getProperty("derby.stream.error.file") == null) {
      derbyLogBesideDatabase(conf.get("spark.hadoop.javax.jdo.option.ConnectionURL", ""))
          .ifPresent(SparkSessions::logDerbyTo);
    }
    Optional<SparkSession> running = runningSession();
    if (running.isPresent()) {
      return joined(running.get());
    }
    if (local) {
      localDefaults(Runtime.getRuntime().availableProcessors()).forEach((k, v) -> setIfAbsent(conf, k, v));
      if (!compilesHugeMethods()) {
        LOG.warn("This JVM leaves Spark's largest generated methods to the interpreter: the pass over the"
            + " shipments takes more than twice as long. Start java with {} (scripts/java17-spark.args has it)",
            COMPILE_HUGE_METHODS);
      }
    } else {
      executorJvmOptions(settingsOf(conf)).forEach(conf::set);
    }
    DeltaLake.settingsToAdd(settingsOf(conf), DeltaLake.onDatabricks(), DeltaLake.onClasspath()).forEach(conf::set);
    requiredSettings().forEach(conf::set);
    conf.setAppName(conf.get("spark.app.name", appName));
    SparkSession spark;
    try {
      spark = SparkSession.builder().config(conf).getOrCreate();
    } catch (IllegalArgumentException e) {
      if ("hive".equals(conf.get("spark.sql.catalogImplementation", "")) && !hiveOnClasspath()) {
        throw JobException.input("The Hive catalog was asked for (spark.sql.catalogImplementation=hive) but Spark's"
            + " Hive classes are not on the classpath: add the line's spark-hive jar (clusters usually ship it)", e);
      }
      throw e;
    }
    if (!local) {
      executorSpeedWarning(settingsOf(spark.sparkContext().getConf())).ifPresent(LOG::warn);
    }
    return spark;
  }

  /** The session already running in this JVM (a platform's, a notebook's, the tests'), as getOrCreate finds it. */
  private static Optional<SparkSession> runningSession() {
    Optional<SparkSession> active = Optional.ofNullable(SparkSession.getActiveSession().getOrElse(() -> null));
    return active.isPresent() ? active : Optional.ofNullable(SparkSession.getDefaultSession().getOrElse(() -> null));
  }

  /**
   * The job in a session that was running before it, whose static settings (master, listeners, executor options,
   * SQL extensions) are its starter's: only the required runtime settings are set, one by one, and a refused one
   * stops the job with the setting to put in the cluster's configuration.
   */
  private static SparkSession joined(SparkSession running) {
    requiredSettings().forEach((key, value) -> {
      try {
        running.conf().set(key, value);
      } catch (RuntimeException e) {
        throw JobException.input("The Spark session refused " + key + "=" + value + ", which the job needs on every"
            + " line: set it in the cluster's Spark configuration (" + JobException.rootCauseMessage(e) + ")", e);
      }
    });
    return running;
  }

  private static Map<String, String> settingsOf(SparkConf conf) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (scala.Tuple2<String, String> setting : conf.getAll()) {
      settings.put(setting._1(), setting._2());
    }
    return settings;
  }

  private static void logDerbyTo(String log) {
    try {
      Files.createDirectories(Path.of(log).getParent()); // Derby opens its log before it creates the database
    } catch (IOException e) {
      return; // Derby then logs where it starts, which the Hive client reports itself
    }
    System.setProperty("derby.stream.error.file", log);
  }

  /** derby.log beside the database of an embedded Derby connection URL; empty for other URLs. */
  static Optional<String> derbyLogBesideDatabase(String connectionUrl) {
    Matcher database = Pattern.compile("^jdbc:derby:.*;databaseName=([^;]+)")
        .matcher(connectionUrl);
    if (!database.find()) {
      return Optional.empty();
    }
    Path folder = Path.of(database.group(1)).toAbsolutePath().getParent();
    return Optional.of(folder.resolve("derby.log").toString());
  }

  private static boolean hiveOnClasspath() {
    try {
      Class.forName("org.apache.spark.sql.hive.HiveSessionStateBuilder");
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** Whether this JVM compiles huge methods (HotSpot's DontCompileHugeMethods off); true when it cannot tell. */
  static boolean compilesHugeMethods() {
    try {
      HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      return hotSpot == null || "false".equals(hotSpot.getVMOption("DontCompileHugeMethods").getValue());
    } catch (IllegalArgumentException notHotSpot) {
      return true;
    }
  }

  private static void setIfAbsent(SparkConf conf, String key, String value) {
    if (!conf.contains(key)) {
      conf.set(key, value);
    }
  }
}
