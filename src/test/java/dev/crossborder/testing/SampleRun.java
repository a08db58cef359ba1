package dev.crossborder.testing;

import dev.crossborder.cli.CrossborderAnalytics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One {@code run --report} of the whole job on datasets/sample per test JVM, as scripts/run-local.sh runs it,
 * shared by the test classes that only read its output (a run of the sample costs tens of seconds). Tests must
 * not write into {@link #output()}; those that need to change an output copy it first.
 */
public final class SampleRun {
  public static final String RUN_ID = "sample-test";

  private static SampleRun run;

  private final Path output;
  private final int exitCode;
  private final String out;
  private final String err;

  private SampleRun(Path output, int exitCode, String out, String err) {
    this.output = output;
    this.exitCode = exitCode;
    this.out = out;
    this.err = err;
  }

  /** The run, started by the first caller of the JVM; later callers get its outcome. */
  public static synchronized SampleRun get() {
    if (run == null) {
      SharedSpark.session(); // the job finds the tests' session and uses it
      Path folder = createTempFolder();
      Path output = folder.resolve("out");
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      // Plain progress lines from the start (ProgressLinesTest reads them): stderr is not a terminal here.
      int code = CrossborderAnalytics.execute(new PrintWriter(out, true), new PrintWriter(err, true), "run", "--input",
          "datasets/sample", "--output", output.toString(), "--run-id", RUN_ID, "--report",
          "--plain-progress-after", "0");
      run = new SampleRun(output, code, out.toString(), err.toString());
    }
    return run;
  }

  public Path output() {
    return output;
  }

  /**
   * A copy of the output as a {@code --format parquet} run lays it out, at {@code target}: the Delta tables were
   * each written once, so their data files without the logs are plain Parquet tables (partition folders, sidecar
   * files starting with '_'). The report file is left out.
   */
  public Path parquetCopy(Path target) throws IOException {
    try (Stream<Path> files = Files.walk(output)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path relative = output.relativize(file);
        if (relative.toString().contains("_delta_log") || relative.toString().equals("report.html")) {
          continue;
        }
        Files.createDirectories(target.resolve(relative).getParent());
        Files.copy(file, target.resolve(relative));
      }
    }
    return target;
  }

  public int exitCode() {
    return exitCode;
  }

  /** What the run printed on stdout (its summary, then the report's path). */
  public String out() {
    return out;
  }

  /** What the run printed on stderr: its progress lines (plain, from the first second). */
  public String err() {
    return err;
  }

  private static Path createTempFolder() {
    try {
      Path folder = Files.createTempDirectory("crossborder-sample-run");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(folder)));
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // best effort at JVM exit: the folder is under the system's temporary directory
    }
  }
}
