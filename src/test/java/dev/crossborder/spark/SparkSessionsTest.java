package dev.crossborder.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JVM option the generated code of the shipments pass needs reaches every JVM the job runs in. */
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
}
