package dev.crossborder.cli;

import dev.crossborder.model.JobException;
import dev.crossborder.spark.DeltaLake;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The job's command line, started by {@link Main} once it has checked the JVM: parses the command line, runs the
 * subcommand and maps failures to the exit codes of DESIGN.md §7 (0 ok, 2 usage/input/reference, 3 data quality,
 * 1 anything else), one line each.
 */
@Command(
    name = "crossborder-analytics",
    mixinStandardHelpOptions = true,
    versionProvider = CrossborderAnalytics.Version.class,
    description = "Cross-border e-commerce analytics: validates GMV and shipment records, computes growth,"
        + " market share and de minimis metrics, and publishes Delta or Parquet tables.",
    subcommands = {RunCommand.class, ReportCommand.class, SqlCommand.class, DescribeCommand.class, GenerateCommand.class,
        CommandLine.HelpCommand.class})
public final class CrossborderAnalytics {

  /**
   * Runs the command line and exits with its exit code (through {@link Main}, which checks the JVM first). On
   * Databricks, whose JAR tasks must not call System.exit (the task's JVM is the cluster's driver), a failure is
   * thrown instead and success just returns.
   */
  public static void main(String[] args) {
    int exitCode = execute(args);
    if (!DeltaLake.onDatabricks()) {
      System.exit(exitCode);
    }
    failedTask(exitCode).ifPresent(failure -> {
      throw failure;
    });
  }

  /** What a task that may not exit (Databricks) throws for {@code exitCode}: nothing for 0. */
  static Optional<IllegalStateException> failedTask(int exitCode) {
    return exitCode == 0 ? Optional.empty()
        : Optional.of(new IllegalStateException("crossborder-analytics ended with exit code " + exitCode
            + " (the line above says why)"));
  }

  /** Runs the command line and returns the exit code (tests call this instead of {@link #main}). */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** As {@link #execute(String...)}, printing to the given writers. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new CrossborderAnalytics());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(CrossborderAnalytics::onFailure);
    commandLine.setParameterExceptionHandler(CrossborderAnalytics::onBadArguments);
    return commandLine.execute(args);
  }

  private static int onBadArguments(CommandLine.ParameterException e, String[] args) {
    PrintWriter err = e.getCommandLine().getErr();
    // Some of picocli's messages (mutually exclusive options) start with "Error: " already.
    err.println("Error: " + e.getMessage().replaceFirst("^Error: ", "") + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName()
        + " --help')");
    err.flush();
    return JobException.EXIT_INPUT;
  }

  private static int onFailure(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    boolean verbose = parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--verbose");
    JobException jobException = findJobException(e);
    if (verbose) {
      e.printStackTrace(err);
    }
    if (jobException != null) {
      err.println("Error: " + jobException.getMessage());
      err.flush();
      return jobException.exitCode();
    }
    err.println("Error: " + JobException.rootCauseMessage(e)
        + (verbose ? "" : " (rerun with --verbose for the stack trace)"));
    err.flush();
    return 1;
  }

  static JobException findJobException(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JobException jobException) {
        return jobException;
      }
    }
    return null;
  }

  /** Version from the jar manifest, when there is one. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = CrossborderAnalytics.class.getPackage().getImplementationVersion();
      return new String[] {"crossborder-analytics " + (version == null ? "(development build)" : version)};
    }
  }
}
