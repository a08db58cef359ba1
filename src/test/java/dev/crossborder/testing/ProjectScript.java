package dev.crossborder.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A project script (scripts/*.sh) run from a test as a user runs it, from the project folder, its output kept in a
 * log file: every JVM it starts gets the test JVM's short-run JIT settings (pom.xml), and the scripts' own Spark
 * (assembled from Maven jars) whatever Spark the developer has installed.
 */
public final class ProjectScript {
  private ProjectScript() {}

  /** How the script ended: its exit code and everything it printed (stdout and stderr together). */
  public record Outcome(int exitCode, String output) {}

  /** A started script: wait for it with {@link #finish}. */
  public record Started(Process process, List<String> command, Path log, Duration timeout, long startNanos) {}

  /** Starts {@code command} with {@code environment} added, its output to {@code log}. */
  public static Started start(Path log, Duration timeout, Map<String, String> environment, String... command)
      throws IOException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().remove("SPARK_HOME");
    builder.environment().put("JAVA_TOOL_OPTIONS", System.getProperty("test.jvm.jit", ""));
    builder.environment().putAll(environment);
    return new Started(builder.start(), List.of(command), log, timeout, System.nanoTime());
  }

  /** Waits for the script (ending it and its children after its timeout) and prints what it did. */
  public static Outcome finish(Started started) throws IOException, InterruptedException {
    Process process = started.process();
    String shown = String.join(" ", started.command());
    if (!process.waitFor(started.timeout().toSeconds(), TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
      throw new AssertionError(shown + " did not finish within " + started.timeout() + "; output:\n"
          + Files.readString(started.log()));
    }
    String output = Files.readString(started.log());
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started.startNanos());
    System.out.println("$ " + shown + " (exit " + process.exitValue() + ", " + seconds + " s)\n" + output);
    return new Outcome(process.exitValue(), output);
  }

  /** Runs {@code command} to its end; see {@link #start} and {@link #finish}. */
  public static Outcome run(Path log, Duration timeout, Map<String, String> environment, String... command)
      throws IOException, InterruptedException {
    return finish(start(log, timeout, environment, command));
  }
}
