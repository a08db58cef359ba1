package dev.crossborder.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossborder.cli.Main;
import dev.crossborder.config.JobOptions;
import dev.crossborder.model.LandingDataset;
import dev.crossborder.publish.RunReport;
import dev.crossborder.spark.SparkSessions;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Benchmark (b), the full pipeline: the real {@code run} command through {@link Main#execute}, default (Delta)
 * format, into a fresh output folder. The session is built first, as {@code run} would build it, so that its
 * start is reported apart from the work; {@code run} then finds and reuses it, so the job counter registered
 * on it sees every Spark job of the run. Rows processed are the shipment rows the run report says were read.
 *
 * <p>{@code PipelineRun --landing DIR --output DIR --run-id ID --max-quarantine-ratio R}
 */
public final class PipelineRun {
  private PipelineRun() {}

  public static void main(String[] args) throws Exception {
    Measurement measurement = Measurement.of("pipeline");
    BenchOptions options = new BenchOptions(args);
    String output = options.get("output");
    String runId = options.get("run-id");
    DeltaCommits commits = DeltaCommits.before(output);
    SparkSession spark = SparkSessions.forJob("crossborder-analytics");
    SparkJobCounter jobs = SparkJobCounter.register(spark);
    measurement.ready();

    int exitCode = Main.execute("run",
        JobOptions.INPUT, options.get("landing"),
        JobOptions.OUTPUT, output,
        JobOptions.RUN_ID, runId,
        JobOptions.MAX_QUARANTINE_RATIO, options.get("max-quarantine-ratio"));
    if (exitCode != 0) {
      System.err.println("The pipeline failed with exit code " + exitCode);
      spark.stop();
      System.exit(exitCode);
    }
    JsonNode report = new ObjectMapper().readTree(new File(RunReport.pathOf(output, runId)));
    long rows = report.path("datasets").path(LandingDataset.SHIPMENTS.folder()).path("rows_read").asLong(-1);

    measurement.done(rows, () -> {
      Map<String, Object> counts = new LinkedHashMap<>(jobs.fields());
      counts.put("delta_commits", commits.made());
      return counts;
    });
    jobs.breakdown().forEach(System.out::println);
    spark.stop();
  }
}
