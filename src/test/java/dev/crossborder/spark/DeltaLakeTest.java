package dev.crossborder.spark;

import static dev.crossborder.spark.DeltaLake.DELTA_CATALOG;
import static dev.crossborder.spark.DeltaLake.DELTA_EXTENSION;
import static dev.crossborder.spark.DeltaLake.EXTENSIONS;
import static dev.crossborder.spark.DeltaLake.SESSION_CATALOG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A platform's own Delta settings are kept; only what is missing is added, and nothing where Delta is not ours. */
class DeltaLakeTest {

  @Test
  void aPlainSparkSessionGetsDeltasExtensionAndCatalog() {
    assertEquals(Map.of(EXTENSIONS, DELTA_EXTENSION, SESSION_CATALOG, DELTA_CATALOG),
        DeltaLake.settingsToAdd(Map.of(), false, true));
  }

  @Test
  void aPlatformThatConfiguredDeltaKeepsItsSettings() {
    // EMR, Glue and Dataproc write these two into spark-defaults.conf when Delta is enabled.
    Map<String, String> platform = Map.of(EXTENSIONS, "org.example.Audit, " + DELTA_EXTENSION,
        SESSION_CATALOG, DELTA_CATALOG);
    assertEquals(Map.of(), DeltaLake.settingsToAdd(platform, false, true));
  }

  @Test
  void otherExtensionsStayAndDeltasJoinThem() {
    Map<String, String> iceberg = Map.of(EXTENSIONS,
        "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
    assertEquals(Map.of(EXTENSIONS, "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions,"
        + DELTA_EXTENSION, SESSION_CATALOG, DELTA_CATALOG), DeltaLake.settingsToAdd(iceberg, false, true));
    // A session catalog set by the platform (Glue's, Unity's) is the platform's choice.
    assertEquals(Map.of(EXTENSIONS, DELTA_EXTENSION),
        DeltaLake.settingsToAdd(Map.of(SESSION_CATALOG, "com.example.PlatformCatalog"), false, true));
  }

  @Test
  void databricksAndAClasspathWithoutDeltaGetNothing() {
    assertEquals(Map.of(), DeltaLake.settingsToAdd(Map.of(), true, true), "Databricks configures its own Delta");
    assertEquals(Map.of(), DeltaLake.settingsToAdd(Map.of(), false, false),
        "an extension that is not on the classpath would fail the session");
  }

  @Test
  void theTestClasspathHasDelta() {
    assertTrue(DeltaLake.onClasspath());
  }
}
