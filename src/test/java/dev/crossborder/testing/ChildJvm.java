package dev.crossborder.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A separate JVM started from a test, as a user or another engine would start one: the test classpath, the JVM
 * flags of scripts/java17-spark.args and the test JVM's short-run JIT settings (pom.xml), Spark on loopback.
 */
public final class ChildJvm {
  private ChildJvm() {}

  private static final List<String> SHORT_RUN_JIT =
      List.of(System.getProperty("test.jvm.jit", "").split(" ")).stream().filter(s -> !s.isBlank()).toList();

  /** What a finished child JVM left: its exit code, stdout and stderr. */
  public record Outcome(int exitCode, String out, String err) {}

  /** The command line that starts {@code mainClass} with {@code args}. */
  public static List<String> command(String mainClass, List<String> args) {
    return command(List.of(), mainClass, args);
  }

  /** The command line that starts {@code mainClass} with {@code args} in a JVM with {@code jvmOptions} too. */
  public static List<String> command(List<String> jvmOptions, String mainClass, List<String> args) {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "@scripts/java17-spark.args", "-Dlog4j2.configurationFile=scripts/log4j2-local.properties"));
    command.addAll(SHORT_RUN_JIT); // this JVM lives for seconds too
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classpath, mainClass));
    command.addAll(args);
    return command;
  }

  /** A ProcessBuilder for {@link #command}, with Spark's listeners on loopback. */
  public static ProcessBuilder builder(String mainClass, List<String> args) {
    return builder(List.of(), mainClass, args);
  }

  /** A ProcessBuilder for {@link #command(List, String, List)}, with Spark's listeners on loopback. */
  public static ProcessBuilder builder(List<String> jvmOptions, String mainClass, List<String> args) {
    ProcessBuilder builder = new ProcessBuilder(command(jvmOptions, mainClass, args));
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return builder;
  }

  /** Runs {@code mainClass} to its end (at most {@code timeoutSeconds}) and returns what it left. */
  public static Outcome run(long timeoutSeconds, String mainClass, String... args) {
    return run(builder(mainClass, List.of(args)), timeoutSeconds);
  }

  /** Runs the process {@code builder} describes to its end (at most {@code timeoutSeconds}), with Spark on loopback. */
  public static Outcome run(ProcessBuilder builder, long timeoutSeconds) {
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    String shown = String.join(" ", builder.command());
    try {
      Path out = Files.createTempFile("child-jvm", ".out");
      Path err = Files.createTempFile("child-jvm", ".err");
      try {
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
          throw new AssertionError(shown + " did not end within " + timeoutSeconds + " s; its stderr: "
              + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
