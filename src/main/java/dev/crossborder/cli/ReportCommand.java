package dev.crossborder.cli;

import dev.crossborder.config.JobOptions;
import dev.crossborder.report.Report;
import dev.crossborder.spark.SparkSessions;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code report}: one self-contained HTML page of charts and headline tables from a run's published tables. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Write an HTML report (charts and headline tables; no scripts, fonts or network) from the tables"
        + " a run published under --output, Delta or Parquet.",
    footer = {"", "Exit codes: 0 ok, 2 usage error or not an output folder of a run, 1 other."})
final class ReportCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = JobOptions.OUTPUT, required = true, paramLabel = "DIR",
      description = "Output folder of a run (local path or Hadoop URI).")
  String output;

  @Option(names = JobOptions.REPORT_TO, paramLabel = "FILE",
      description = "Where to write the report (default: " + Report.DEFAULT_FILE + " in the output folder).")
  String to;

  @Option(names = JobOptions.VERBOSE, description = "Print stack traces of errors.")
  boolean verbose;

  @Override
  public Integer call() {
    // A session that was already running (an embedding application, a test JVM) is not ours to stop.
    boolean sessionWasRunning = SparkSession.getDefaultSession().isDefined();
    SparkSession spark = SparkSessions.forJob("crossborder-analytics-report");
    try {
      String path = Report.write(spark, output, to);
      spec.commandLine().getOut().println("Report: " + path);
      spec.commandLine().getOut().flush();
      return 0;
    } finally {
      if (!sessionWasRunning) {
        spark.stop();
      }
    }
  }
}
