package dev.crossborder.cli;

import dev.crossborder.config.JobConfig;
import dev.crossborder.config.JobOptions;
import dev.crossborder.config.OutputFormat;
import dev.crossborder.model.AnomalyThresholds;
import dev.crossborder.model.JobException;
import dev.crossborder.pipeline.Pipeline;
import dev.crossborder.publish.CatalogTables;
import dev.crossborder.publish.OutputFolder;
import dev.crossborder.publish.RunReport;
import dev.crossborder.publish.RunResult;
import dev.crossborder.publish.TableWriter.WrittenTable;
import dev.crossborder.quality.QualityCounts;
import dev.crossborder.report.Report;
import dev.crossborder.spark.DeltaLake;
import dev.crossborder.spark.Progress;
import dev.crossborder.spark.SparkLog;
import dev.crossborder.spark.SparkSessions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code run}: one batch run over a landing folder, publishing the tables and printing a summary. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Validate the landing files under --input, compute the metrics and publish the tables under"
        + " --output. The Spark master comes from spark-submit; without one the job runs in local[*].",
    footer = {"", "Exit codes: 0 ok, 2 usage/input/reference error, 3 data-quality threshold exceeded, 1 other."})
final class RunCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = JobOptions.INPUT, required = true, paramLabel = "DIR",
      description = "Landing folder with reference/, gmv/ and shipments/ (local path or Hadoop URI such as s3a://).")
  String input;

  @Option(names = JobOptions.OUTPUT, required = true, paramLabel = "DIR",
      description = "Output folder for gold/, silver/, quarantine and runs/ (local path or Hadoop URI); must be"
          + " new, empty, or written by this tool before.")
  String output;

  @Option(names = JobOptions.FORMAT, defaultValue = JobOptions.FORMAT_DEFAULT, paramLabel = "delta|parquet",
      converter = FormatConverter.class,
      description = "Table format (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(names = JobOptions.MAX_QUARANTINE_RATIO, defaultValue = JobOptions.MAX_QUARANTINE_RATIO_DEFAULT,
      paramLabel = "RATIO",
      description = "Fail with exit code 3, before any gold table is replaced, when a dataset's quarantined share"
          + " of rows exceeds this (default: ${DEFAULT-VALUE}).")
  double maxQuarantineRatio;

  @Option(names = JobOptions.POLICY_WINDOW_MONTHS, defaultValue = JobOptions.POLICY_WINDOW_MONTHS_DEFAULT,
      paramLabel = "N",
      description = "Whole months compared before and after each de minimis rule change (default: ${DEFAULT-VALUE}).")
  int policyWindowMonths;

  @Option(names = JobOptions.ANOMALY_SHARE_PP, defaultValue = JobOptions.ANOMALY_SHARE_PP_DEFAULT, paramLabel = "PP",
      description = "Flag in kpi_anomalies a platform whose yearly market share moves by at least this many"
          + " percentage points (default: ${DEFAULT-VALUE}).")
  double anomalySharePp;

  @Option(names = JobOptions.ANOMALY_YOY_MARGIN_PP, defaultValue = JobOptions.ANOMALY_YOY_MARGIN_PP_DEFAULT,
      paramLabel = "PP",
      description = "Flag in kpi_anomalies a quarter whose YoY growth lies more than this many percentage points"
          + " outside the range of the series' 4 previous quarters (default: ${DEFAULT-VALUE}).")
  double anomalyYoyMarginPp;

  @Option(names = JobOptions.RUN_ID, paramLabel = "ID",
      description = "Id stamped on every row and the run report (default: UTC start time plus a random suffix).")
  String runId;

  @Option(names = JobOptions.INCREMENTAL,
      description = "Read only landing files that are new or changed since the last run into --output (by size"
          + " and modification time), replace the months they touch and recompute the gold tables. Falls back to a"
          + " full rebuild, saying why, when the output has no record of processed files or the reference files"
          + " or --format changed.")
  boolean incremental;

  @Option(names = JobOptions.SCENARIOS, paramLabel = "FILE",
      description = "Policy scenarios to lay over the parcels (CSV, see docs/data-dictionary.md); default:"
          + " reference/policy_scenarios.csv of the input when present.")
  String scenarios;

  @Option(names = JobOptions.EXPECTATIONS, paramLabel = "FILE",
      description = "Expectations to check the rows against (CSV: name, dataset, condition, action warn|quarantine|"
          + "fail, max_ratio, description; see README.md); default: reference/expectations.csv of the input when"
          + " present.")
  String expectations;

  @Option(names = JobOptions.REPORT,
      description = "After a successful run, also write the HTML report (as the report command does) to "
          + Report.DEFAULT_FILE + " in the output folder.")
  boolean writeReport;

  @Option(names = JobOptions.DATABASE, paramLabel = "NAME",
      description = "After publishing, register every table in this catalog database (created when missing) as an"
          + " external table over its location: gold tables by name (NAME.market_share), silver_gmv_monthly,"
          + " silver_shipment_cube, quarantine, runs. A name held by a table at another location stops the run"
          + " (exit 2) before anything is written. Locally the catalog is a Hive metastore under --metastore; on a"
          + " cluster, the cluster's own.")
  String database;

  @Option(names = JobOptions.METASTORE, paramLabel = "DIR",
      description = "Local runs with --database: folder of the embedded Hive metastore and its warehouse (default: $"
          + JobOptions.METASTORE_ENV + ", else " + JobOptions.METASTORE_DEFAULT + ").")
  String metastore;

  @Option(names = JobOptions.VERBOSE, description = "Print stack traces of errors, and Spark's own log lines on the"
      + " console; without it they go to runs/RUN_ID.log in the output folder, named in the error line of a failure.")
  boolean verbose;

  @Option(names = JobOptions.QUIET, description = "Print no progress on stderr while the job works (by default a"
      + " live line on a terminal, otherwise a plain line at each step and every 10 s once the run has lasted 10 s).")
  boolean quiet;

  /** Tests see the plain progress lines of a run that lasts a few seconds; users have no need to. */
  @Option(names = "--plain-progress-after", hidden = true, paramLabel = "SECONDS")
  long plainProgressAfterSeconds = Progress.PLAIN_INTERVAL_SECONDS;

  @Override
  public Integer call() {
    Instant now = Instant.now();
    JobConfig config = new JobConfig(input, output, format, maxQuarantineRatio, policyWindowMonths,
        new AnomalyThresholds(anomalySharePp, anomalyYoyMarginPp), runId == null ? JobConfig.newRunId(now) : runId, LocalDate.ofInstant(now, ZoneOffset.UTC), incremental,
        scenarios, expectations);
    if (verbose) {
      return runJob(config);
    }
    SparkLog sparkLog = SparkLog.divert(SparkLog.temporaryFile(config.runId()));
    String logName = config.runId() + ".log";
    try {
      int exitCode = runJob(config);
      sparkLog.finish(localRunsFolder(output), logName, false);
      return exitCode;
    } catch (RuntimeException e) {
      // The job's own errors (bad input, quality, refusals) explain themselves; anything else points to Spark's log.
      boolean unexpected = CrossborderAnalytics.findJobException(e) == null;
      Optional<Path> log = sparkLog.finish(localRunsFolder(output), logName, unexpected);
      if (unexpected && log.isPresent()) {
        throw new JobException(1, JobException.rootCauseMessage(e) + " (Spark's log: " + log.get()
            + "; rerun with --verbose for the stack trace)", e);
      }
      throw e;
    } finally {
      // An Error (out of memory, say) passes the catch: the console still comes back, the log is kept.
      sparkLog.finish(localRunsFolder(output), logName, true);
    }
  }

  /**
   * Where Spark's log of the run is kept: the output's runs/ folder, when the output is on this machine's file
   * system and the run claimed it (it carries the marker); a run refused before that writes nothing there.
   */
  static Optional<Path> localRunsFolder(String output) {
    if (output.contains("://") && !output.startsWith("file:")) {
      return Optional.empty();
    }
    Path folder = Path.of(output.replaceFirst("^file:(//)?", ""));
    return Files.exists(folder.resolve(OutputFolder.MARKER)) ? Optional.of(folder.resolve("runs")) : Optional.empty();
  }

  private int runJob(JobConfig config) {
    if (config.format() == OutputFormat.DELTA) {
      DeltaLake.require("run writes Delta tables", "use " + JobOptions.FORMAT + " parquet");
    }
    // A session that was already running (an embedding application, a test JVM) is not ours to stop.
    boolean sessionWasRunning = SparkSession.getDefaultSession().isDefined();
    SparkSession spark = SparkSessions.forJob("crossborder-analytics",
        database == null ? null : Path.of(JobOptions.metastoreFolder(metastore)));
    try {
      if (database != null) {
        CatalogTables.check(spark, database, output); // before anything is written
      }
      RunResult result;
      try (Progress progress = quiet ? null
          : Progress.start(spark, spec.commandLine().getErr(), System.console() != null,
              Duration.ofSeconds(plainProgressAfterSeconds))) {
        result = Pipeline.run(spark, config, writeReport);
      }
      printSummary(spec.commandLine().getOut(), result);
      if (database != null) {
        register(spark);
      }
      if (writeReport) {
        // In the run's own session, from the frames it published: cheaper than the report command.
        spec.commandLine().getOut().println("Report: " + Report.defaultPath(output));
        spec.commandLine().getOut().flush();
      }
      return 0;
    } finally {
      if (!sessionWasRunning) {
        spark.stop();
      }
    }
  }

  private void register(SparkSession spark) {
    List<String> names;
    try {
      names = CatalogTables.register(spark, database, output, format);
    } catch (RuntimeException e) {
      int exitCode = e instanceof JobException jobException ? jobException.exitCode() : 1;
      throw new JobException(exitCode, "The run published its tables, but registering them in --database "
          + database + " failed: " + (e instanceof JobException ? e.getMessage() : JobException.rootCauseMessage(e))
          + "; rerun with --incremental to register them", e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "Catalog: %d tables registered in database %s (%s.market_share, ...); query them with"
        + " sql --database %s%n", names.size(), database, database, database);
    out.flush();
  }

  static void printSummary(PrintWriter out, RunResult result) {
    out.printf(Locale.ROOT, "Run %s %s in %.1f s (%s)%n", result.runId(), result.status(),
        Duration.between(result.startedAt(), result.finishedAt()).toMillis() / 1000.0, result.format());
    result.refresh().forEach(line -> out.println("  " + line));
    for (QualityCounts counts : result.datasets()) {
      out.printf(Locale.ROOT, "  %-10s read %,d  clean %,d  quarantined %,d %s%n", counts.dataset(),
          counts.rowsRead(), counts.rowsClean(), counts.rowsQuarantined(),
          counts.reasons().isEmpty() ? "" : counts.reasons().toString());
    }
    if (result.datasets().stream().anyMatch(counts -> !counts.expectations().isEmpty())) {
      out.println("Rules (rows failing of rows evaluated):");
      ruleLines(result.datasets()).forEach(out::println);
    }
    out.println("Tables:");
    tableLines(result.tables()).forEach(out::println);
    result.headlines().forEach(out::println);
    out.println("Run report: " + RunReport.pathOf(result.output(), result.runId()));
    out.flush();
  }

  /**
   * One line per rule of each dataset (built-in reason codes that quarantined rows, then the expectations): dataset,
   * kind, name, action, rows failing of rows evaluated; in columns.
   */
  static List<String> ruleLines(List<QualityCounts> datasets) {
    List<String[]> cells = new java.util.ArrayList<>();
    for (QualityCounts counts : datasets) {
      for (QualityCounts.RuleCount rule : counts.rules()) {
        cells.add(new String[] {counts.dataset(), rule.kind(), rule.rule(), rule.action(),
            String.format(Locale.ROOT, "%,d", rule.rowsFailing()), String.format(Locale.ROOT, "%,d", rule.rowsEvaluated())});
      }
    }
    int[] widths = new int[6];
    for (String[] row : cells) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    return cells.stream().map(row -> String.format(Locale.ROOT, "  %-" + widths[0] + "s %-" + widths[1] + "s %-"
        + widths[2] + "s %-" + widths[3] + "s %" + widths[4] + "s of %" + widths[5] + "s", (Object[]) row)).toList();
  }

  /** One line per table (name, rows, path), in columns as wide as the longest name and row count. */
  static List<String> tableLines(List<WrittenTable> tables) {
    int nameWidth = tables.stream().mapToInt(table -> table.name().length()).max().orElse(0);
    int rowsWidth = tables.stream().mapToInt(table -> String.format(Locale.ROOT, "%,d", table.rows()).length())
        .max().orElse(0);
    return tables.stream().map(table -> String.format(Locale.ROOT, "  %-" + nameWidth + "s %," + rowsWidth
        + "d rows  %s", table.name(), table.rows(), table.path())).toList();
  }

  /** Accepts delta or parquet in any case. */
  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      try {
        return OutputFormat.valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a format; use delta or parquet");
      }
    }
  }
}
