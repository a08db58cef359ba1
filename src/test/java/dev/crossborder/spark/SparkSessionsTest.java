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
  void executorsOfAClusterGetTheOptionUnlessTheClusterSetsItsOwnDefaults() {
    assertEquals(SparkSessions.COMPILE_HUGE_METHODS,
        SparkSessions.clusterDefaults().get("spark.executor.defaultJavaOptions"));
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
