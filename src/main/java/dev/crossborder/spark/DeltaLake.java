package dev.crossborder.spark;

import dev.crossborder.model.JobException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the job's Delta Lake comes from, and the session settings it needs. The -with-delta jar carries Delta; the
 * -platform-delta jar uses a platform's own (EMR, Glue, Dataproc, Fabric, Databricks), whose settings are the
 * platform's to make: what a platform (or the user) has already set is kept, and only what is missing is added.
 */
public final class DeltaLake {
  private DeltaLake() {}

  public static final String EXTENSIONS = "spark.sql.extensions";
  public static final String SESSION_CATALOG = "spark.sql.catalog.spark_catalog";
  public static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";
  public static final String DELTA_CATALOG = "org.apache.spark.sql.delta.catalog.DeltaCatalog";
  /** Set by Databricks on every cluster it runs (its runtime has Delta built in, under its own classes). */
  static final String DATABRICKS_RUNTIME_ENV = "DATABRICKS_RUNTIME_VERSION";

  /**
   * The Delta settings to add to {@code configured} (the session's settings so far): Delta's SQL extension joins
   * any extensions already listed, and Delta's catalog becomes the session catalog unless one is set. Nothing on
   * Databricks, whose runtime configures its own Delta, nor when Delta's classes are not on the classpath.
   */
  static Map<String, String> settingsToAdd(Map<String, String> configured, boolean onDatabricks,
      boolean deltaOnClasspath) {
    Map<String, String> settings = new LinkedHashMap<>();
    if (onDatabricks || !deltaOnClasspath) {
      return settings;
    }
    String extensions = configured.getOrDefault(EXTENSIONS, "").strip();
    boolean listed = Arrays.stream(extensions.split(",")).map(String::strip).anyMatch(DELTA_EXTENSION::equals);
    if (extensions.isEmpty()) {
      settings.put(EXTENSIONS, DELTA_EXTENSION);
    } else if (!listed) {
      settings.put(EXTENSIONS, extensions + "," + DELTA_EXTENSION);
    }
    if (configured.getOrDefault(SESSION_CATALOG, "").isBlank()) {
      settings.put(SESSION_CATALOG, DELTA_CATALOG);
    }
    return settings;
  }

  /** Whether this JVM runs on Databricks. */
  public static boolean onDatabricks() {
    return System.getenv(DATABRICKS_RUNTIME_ENV) != null;
  }

  /** Whether Delta Lake's classes are on the classpath: in the -with-delta jar, or a platform's. */
  public static boolean onClasspath() {
    try {
      Class.forName("io.delta.tables.DeltaTable", false, DeltaLake.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * Exit 2 with what to do when Delta tables are to be written or read ({@code need}, e.g. "run writes Delta
   * tables") and no Delta is on the classpath; {@code alternative} is one more way out, or empty.
   */
  public static void require(String need, String alternative) {
    if (!onClasspath()) {
      throw JobException.input("Delta Lake is not on the classpath but " + need + ": the -platform-delta jar uses"
          + " the platform's own Delta, so enable Delta on the cluster (docs/platforms.md) or submit the -with-delta"
          + " jar" + (alternative.isEmpty() ? "" : ", or " + alternative));
    }
  }
}
