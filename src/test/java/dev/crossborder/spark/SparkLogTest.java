package dev.crossborder.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark's log lines of a run go to a file and the console comes back as it was. */
class SparkLogTest {
  @TempDir
  Path tmp;

  /**
   * The test configuration, as the JVM started with it: a Hive session started earlier in the same JVM (the
   * catalog tests) reconfigures log4j with Hive's own properties.
   */
  @BeforeEach
  void testLoggingConfiguration() throws URISyntaxException {
    Configurator.reconfigure(SparkLogTest.class.getResource("/log4j2-test.properties").toURI());
  }

  @Test
  void sparksLinesGoToTheFileWhichIsKeptInTheRunsFolderAndTheConsoleComesBack() throws IOException {
    List<String> consolesBefore = rootConsoles();
    assertFalse(consolesBefore.isEmpty(), "the test configuration logs to the console");

    SparkLog log = SparkLog.divert(tmp.resolve("run.log"));
    assertEquals(List.of(), rootConsoles(), "no console for Spark's lines while the run works");
    LogManager.getLogger("org.apache.spark.executor.Executor").error("Exception in task 0.0 in stage 1.0");
    LogManager.getLogger("dev.crossborder.ingest.LandingReader").warn("Skipping empty file a.csv");
    Optional<Path> kept = log.finish(Optional.of(tmp.resolve("out/runs")), "r1.log", false);

    assertEquals(Optional.of(tmp.resolve("out/runs/r1.log")), kept);
    String text = Files.readString(kept.orElseThrow());
    assertTrue(text.contains("ERROR Executor: Exception in task 0.0 in stage 1.0"), text);
    assertTrue(text.contains("WARN LandingReader: Skipping empty file a.csv"), "the job's own lines too: " + text);
    assertFalse(Files.exists(tmp.resolve("run.log")), "moved, not copied");
    assertEquals(consolesBefore, rootConsoles());
    assertFalse(config().getLoggers().containsKey("dev.crossborder"), "the job's console logger is gone again");
  }

  @Test
  void aRunThatLoggedNothingLeavesNoFile() {
    SparkLog log = SparkLog.divert(tmp.resolve("quiet.log"));
    assertEquals(Optional.empty(), log.finish(Optional.of(tmp.resolve("runs")), "r2.log", true));
    assertFalse(Files.exists(tmp.resolve("quiet.log")));
    assertFalse(Files.exists(tmp.resolve("runs/r2.log")));
  }

  @Test
  void withoutAFolderToKeepItInTheLogStaysOnlyWhenAsked() {
    SparkLog failed = SparkLog.divert(tmp.resolve("failed.log"));
    LogManager.getLogger("org.apache.spark.scheduler.TaskSetManager").warn("Lost task 0.0");
    assertEquals(Optional.of(tmp.resolve("failed.log")), failed.finish(Optional.empty(), "r3.log", true));

    SparkLog refused = SparkLog.divert(tmp.resolve("refused.log"));
    LogManager.getLogger("org.apache.spark.SparkContext").warn("something");
    assertEquals(Optional.empty(), refused.finish(Optional.empty(), "r4.log", false));
    assertFalse(Files.exists(tmp.resolve("refused.log")));
  }

  private static Configuration config() {
    return ((LoggerContext) LogManager.getContext(false)).getConfiguration();
  }

  private static List<String> rootConsoles() {
    return config().getRootLogger().getAppenders().values().stream().filter(a -> a instanceof ConsoleAppender)
        .map(Appender::getName).sorted().toList();
  }
}
