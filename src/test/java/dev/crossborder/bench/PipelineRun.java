package dev.crossborder.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossborder.cli.CrossborderAnalytics;
import dev.crossborder.config.JobOptions;
import dev.crossborder.model.LandingDataset;
import dev.crossborder.publish.RunReport;
import dev.crossborder.spark.SparkSessions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Benchmark (b), the full pipeline: the real {@code run} command through {@link Main#execute}, default (Delta)
 * format. The session is built first, as {@code run} would build it, so that its start is reported apart from
 * the work; {@code run} then finds and reuses it, so the job counter registered on it sees every Spark job of
 * the run. Rows processed are the shipment rows the run report says were read (0 when the run read no
 * shipment file, as a refresh with nothing new). With {@code --report true} the run also writes the HTML report
 * ({@code run --report}, as scripts/run-local.sh runs it); with {@code --incremental true} it refreshes an
 * output that an earlier run wrote ({@code run --incremental}), and the result line says whether it did
 * ({@code refresh=incremental}), found nothing to do ({@code nothing}) or rebuilt everything ({@code full}).
 *
 * <p>{@code PipelineRun --landing DIR --output DIR --run-id ID --max-quarantine-ratio R [--report true]
 * [--incremental true] [--scenarios FILE] [--expectations FILE]}
 */
public final class PipelineRun {
  private PipelineRun() {}

  public static void main(String[] args) throws Exception {
    Measurement measurement = Measurement.of("pipeline");
    BenchOptions options = new BenchOptions(args);
    String output = options.get("output");
    String runId = options.get("run-id");
    List<String> command = new ArrayList<>(List.of("run",
        JobOptions.INPUT, options.get("landing"),
        JobOptions.OUTPUT, output,
        JobOptions.RUN_ID, runId,
        JobOptions.MAX_QUARANTINE_RATIO, options.get("max-quarantine-ratio")));
    if (Boolean.parseBoolean(options.get("report", "false"))) {
      command.add(JobOptions.REPORT);
    }
    if (Boolean.parseBoolean(options.get("incremental", "false"))) {
      command.add(JobOptions.INCREMENTAL);
    }
    String scenarios = options.get("scenarios", "");
    if (!scenarios.isEmpty()) {
      command.addAll(List.of(JobOptions.SCENARIOS, scenarios));
    }
    String expectations = options.get("expectations", "");
    if (!expectations.isEmpty()) {
      command.addAll(List.of(JobOptions.EXPECTATIONS, expectations));
    }
    DeltaCommits commits = DeltaCommits.before(output);
    SparkSession spark = SparkSessions.forJob("crossborder-analytics");
    SparkJobCounter jobs = SparkJobCounter.register(spark);
    measurement.ready();

    int exitCode = CrossborderAnalytics.execute(command.toArray(String[]::new));
    if (exitCode != 0) {
      System.err.println("The pipeline failed with exit code " + exitCode);
      spark.stop();
      System.exit(exitCode);
    }
    org.apache.hadoop.fs.Path reportPath = new org.apache.hadoop.fs.Path(RunReport.pathOf(output, runId));
    JsonNode report;
    try (java.io.InputStream in = reportPath.getFileSystem(spark.sparkContext().hadoopConfiguration())
        .open(reportPath)) {
      report = new ObjectMapper().readTree(in);
    }
    long rows = report.path("datasets").path(LandingDataset.SHIPMENTS.folder()).path("rows_read").asLong(0);
    String refresh = refreshKind(report);

    Map<String, Object> requests = S3Requests.of(spark.sparkContext().hadoopConfiguration(), output);
    measurement.done(rows, () -> {
      Map<String, Object> counts = new LinkedHashMap<>(jobs.fields());
      counts.put("delta_commits", commits.made());
      counts.put("refresh", refresh);
      counts.putAll(requests);
      return counts;
    });
    jobs.breakdown().forEach(System.out::println);
    spark.stop();
  }

  /**
   * What the run did, from the run report's refresh lines: {@code full} (a rebuild, asked for or fallen back
   * to), {@code incremental} or {@code nothing} (a refresh that found no file new, changed or removed), so that
   * bench.sh can tell a refresh from a silent rebuild.
   */
  static String refreshKind(JsonNode report) {
    List<String> lines = new ArrayList<>();
    report.path("refresh").forEach(line -> lines.add(line.asText()));
    if (lines.stream().anyMatch(line -> line.startsWith("nothing to refresh"))) {
      return "nothing";
    }
    return lines.stream().anyMatch(line -> line.startsWith("incremental refresh")) ? "incremental" : "full";
  }
}
