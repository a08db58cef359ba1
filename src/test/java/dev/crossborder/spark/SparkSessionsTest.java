package dev.crossborder.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The JVM option the generated code of the shipments pass needs reaches every JVM the job runs in; a local
 * metastore keeps to its folder.
 */
class SparkSessionsTest {

  @Test
  void theJvmsStartedByTheBuildAndTheScriptsCompileHugeMethods() throws Exception {
    // Surefire, Failsafe, run-local.sh, submit.sh and bench.sh all start java with this argument file.
    List<String> arguments = Files.readAllLines(Path.of("scripts/java17-spark.args"));
    assertTrue(arguments.contains(SparkSessions.COMPILE_HUGE_METHODS), arguments.toString());
    assertTrue(SparkSessions.compilesHugeMethods(), "this test JVM was started without the option");
  }

  @Test
  void executorsOfAClusterGetTheOptionBesideTheUsersOwnUnlessTheFlagIsDecidedAlready() {
    String extra = "spark.executor.extraJavaOptions";
    assertEquals(Map.of(extra, SparkSessions.COMPILE_HUGE_METHODS), SparkSessions.executorJvmOptions(Map.of()));
    assertEquals(Map.of(extra, "-XX:+UseG1GC " + SparkSessions.COMPILE_HUGE_METHODS),
        SparkSessions.executorJvmOptions(Map.of(extra, "-XX:+UseG1GC")));
    // A platform's defaults or a user who turned it on (or off) on purpose decide it.
    assertEquals(Map.of(), SparkSessions.executorJvmOptions(
        Map.of("spark.executor.defaultJavaOptions", "-XX:+UseG1GC -XX:-DontCompileHugeMethods")));
    assertEquals(Map.of(), SparkSessions.executorJvmOptions(Map.of(extra, "-XX:+DontCompileHugeMethods")));
  }

  @Test
  void aClusterWhoseExecutorsLackTheOptionGetsOneWarningLineSayingWhatItCosts() {
    Optional<String> warning = SparkSessions.executorSpeedWarning(Map.of("spark.executor.extraJavaOptions", "-Xss4m"));
    assertTrue(warning.isPresent());
    assertEquals(1, warning.get().lines().count());
    assertTrue(warning.get().contains("twice as long") && warning.get().contains(SparkSessions.COMPILE_HUGE_METHODS),
        warning.get());
    assertEquals(Optional.empty(), SparkSessions.executorSpeedWarning(
        Map.of("spark.executor.defaultJavaOptions", SparkSessions.COMPILE_HUGE_METHODS)));
  }

  @Test
  void everyLineRunsWithAnsiSemanticsUtcAndInt64Timestamps() {
    Map<String, String> required = SparkSessions.requiredSettings();
    assertEquals("true", required.get("spark.sql.ansi.enabled"), "Spark 3.5 defaults to false, 4.x to true");
    assertEquals("UTC", required.get("spark.sql.session.timeZone"));
    assertEquals("TIMESTAMP_MICROS", required.get("spark.sql.parquet.outputTimestampType"));
  }

  @Test
  void aLocalMetastoreKeepsItsDatabaseWarehouseAndDerbyLogInOneFolder() {
    Path folder = Path.of("/data/ms");
    assertEquals(Map.of("spark.sql.catalogImplementation", "hive",
        "spark.sql.warehouse.dir", "file:///data/ms/warehouse",
        "spark.hadoop.javax.jdo.option.ConnectionURL", "jdbc:derby:;databaseName=/data/ms/metastore_db;create=true"),
        SparkSessions.localMetastore(folder));
    // The same for a cluster whose settings name an embedded Derby metastore (scripts/cluster.sh).
    assertEquals(Optional.of("/data/ms/derby.log"),
        SparkSessions.derbyLogBesideDatabase("jdbc:derby:;databaseName=/data/ms/metastore_db;create=true"));
    assertEquals(Optional.empty(), SparkSessions.derbyLogBesideDatabase("jdbc:mysql://metastore:3306/hive"));
  }
}
