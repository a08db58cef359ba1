package dev.crossborder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.publish.OutputFolder;
import dev.crossborder.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that fails in Spark's tasks (here a gold table's folder taken by a file, as a full or broken disk would
 * fail them) ends on the console with the job's one line, naming the log that holds Spark's own lines, in a JVM
 * of its own as a user starts it: no task-failure stack traces on the console.
 */
class UnexpectedFailureTest {
  @TempDir
  Path tmp;

  @Test
  void tasksThatFailEndInOneLineNamingSparksLogInTheRunsFolder() throws IOException {
    Path output = tmp.resolve("out");
    Files.createDirectories(output.resolve("gold"));
    Files.writeString(output.resolve(OutputFolder.MARKER), "an output of an earlier run\n");
    Files.writeString(output.resolve("gold/market_share"), "a file where the table's folder goes\n");

    ChildJvm.Outcome failed = ChildJvm.run(300, "dev.crossborder.cli.Main", "run", "--input",
        "src/test/resources/landing/tiny", "--output", output.toString(), "--max-quarantine-ratio", "0.5",
        "--run-id", "broken", "--quiet");

    assertEquals(1, failed.exitCode(), failed.err());
    Path log = output.resolve("runs/broken.log");
    assertEquals(List.of("Error: ParentNotDirectoryException: Parent path is not a directory: file:"
        + output.resolve("gold/market_share") + " (Spark's log: " + log + "; rerun with --verbose for the stack trace)"),
        failed.err().lines().filter(line -> !line.isBlank()).toList(), "stderr is the one line");
    String sparksLines = Files.readString(log);
    assertTrue(sparksLines.contains(" ERROR "), sparksLines);
    assertTrue(sparksLines.contains("\tat "), "the stack traces are in the log: " + sparksLines);
    assertFalse(Files.exists(output.resolve("gold/market_share/_delta_log")), "no table published there");
  }
}
