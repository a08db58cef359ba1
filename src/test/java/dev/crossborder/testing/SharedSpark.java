package dev.crossborder.testing;

import dev.crossborder.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of the test JVM: local[2], UI off, 2 shuffle partitions, Delta configured once.
 * Starting a session per test class would cost seconds each; it is stopped when the JVM exits.
 */
public final class SharedSpark {
  private SharedSpark() {}

  private static SparkSession session;

  public static synchronized SparkSession session() {
    if (session == null) {
      SparkSession.Builder builder = SparkSession.builder()
          .master("local[2]")
          .appName("crossborder-analytics-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.default.parallelism", "2")
          .config("spark.databricks.delta.snapshotPartitions", "2")
          .config("spark.ui.showConsoleProgress", "false");
      SparkSessions.deltaSettings().forEach(builder::config);
      SparkSessions.requiredSettings().forEach(builder::config);
      session = builder.getOrCreate();
    }
    return session;
  }
}
