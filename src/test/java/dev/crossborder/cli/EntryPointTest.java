package dev.crossborder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The entry point refuses a JVM the job cannot run in with one line that says what to use instead. */
class EntryPointTest {
  private static Properties built(String line, String scala) {
    Properties build = new Properties();
    build.setProperty("spark.line", line);
    build.setProperty("scala.binary.version", scala);
    build.setProperty("jar", "crossborder-analytics-spark" + line + "_" + scala);
    return build;
  }

  @Test
  void aJavaOlderThan17IsNamedWithTheJavaItNeeds() {
    assertEquals("crossborder-analytics needs Java 17 or later; this JVM is Java 11. Run it on a runtime with Java 17"
        + " or 21 (docs/platforms.md lists them)", Main.whyNotHere("11", built("3.5", "2.12"), "3.5.3", "2.12.18"));
    assertEquals(8, Main.javaFeature("1.8"));
    assertEquals(21, Main.javaFeature("21"));
  }

  @Test
  void anotherSparkLineOrScalaNamesTheJarToUse() {
    assertEquals("crossborder-analytics-spark4.2_2.13 is built for Spark 4.2, but this cluster runs Spark 3.5.6: use"
        + " the jar of the Spark 3.5 line (docs/platforms.md)",
        Main.whyNotHere("17", built("4.2", "2.13"), "3.5.6", "2.12.18"));
    // Spark 3.5 comes in Scala 2.13 builds too; the jars here are Scala 2.12 for that line.
    assertEquals("crossborder-analytics-spark3.5_2.12 is built for Scala 2.12, but this cluster's Spark runs on Scala"
        + " 2.13.8: use the jar for Scala 2.13 (docs/platforms.md)",
        Main.whyNotHere("17", built("3.5", "2.12"), "3.5.1", "2.13.8"));
  }

  @Test
  void theRightLineOrAnUnknownOneRuns() {
    assertNull(Main.whyNotHere("21", built("4.1", "2.13"), "4.1.3", "2.13.17"));
    assertNull(Main.whyNotHere("17", built("4.1", "2.13"), null, null), "a classpath that does not tell");
    assertNull(Main.whyNotHere("17", new Properties(), "4.2.0", "2.13.18"), "classes without build facts (an IDE)");
  }

  @Test
  void aTaskThatMayNotExitFailsByThrowingWithTheExitCode() {
    assertEquals(java.util.Optional.empty(), CrossborderAnalytics.failedTask(0));
    assertEquals("crossborder-analytics ended with exit code 3 (the line above says why)",
        CrossborderAnalytics.failedTask(3).orElseThrow().getMessage());
  }
}
