package dev.crossborder.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the job's SparkSession: Delta configured, UTC everywhere, INT64 timestamps. The master comes from
 * spark-submit (or {@code -Dspark.master}); only when none is given does the job run in {@code local[*]}.
 */
public final class SparkSessions {
  private SparkSessions() {}

  public static final String LOCAL_MASTER = "local[*]";

  /** Settings every session of this job needs, whatever the master. */
  public static Map<String, String> requiredSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    settings.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    settings.put("spark.sql.session.timeZone", "UTC");
    // INT96 timestamps are deprecated and misread by several BI engines (DESIGN.md section 5).
    settings.put("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    return settings;
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

  /** The session for a job run; the caller stops it. */
  public static SparkSession forJob(String appName) {
    SparkConf conf = new SparkConf(true); // picks up spark.* system properties set by spark-submit
    boolean local = !conf.contains("spark.master") || conf.get("spark.master").startsWith("local");
    if (!conf.contains("spark.master")) {
      conf.setMaster(LOCAL_MASTER);
    }
    if (local) {
      localDefaults(Runtime.getRuntime().availableProcessors()).forEach((k, v) -> setIfAbsent(conf, k, v));
    }
    requiredSettings().forEach(conf::set);
    conf.setAppName(conf.get("spark.app.name", appName));
    return SparkSession.builder().config(conf).getOrCreate();
  }

  private static void setIfAbsent(SparkConf conf, String key, String value) {
    if (!conf.contains(key)) {
      conf.set(key, value);
    }
  }
}
