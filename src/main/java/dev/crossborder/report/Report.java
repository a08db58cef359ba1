package dev.crossborder.report;

import dev.crossborder.config.OutputFormat;
import dev.crossborder.model.JobException;
import dev.crossborder.model.OutputTables;
import dev.crossborder.model.TableSpec;
import dev.crossborder.publish.Headlines;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code report} step: reads the tables a run published under an output folder, draws the report and
 * writes it as one HTML file, by default {@code report.html} beside the tables.
 */
public final class Report {
  private Report() {}

  /** File name of the report in the output folder when no other target is given. */
  public static final String DEFAULT_FILE = "report.html";

  /** Where the report of {@code output} lands by default. */
  public static String defaultPath(String output) {
    return (output.endsWith("/") ? output : output + "/") + DEFAULT_FILE;
  }

  /** Writes the report of {@code output} to {@code target} (null: the default path) and returns where. */
  public static String write(SparkSession spark, String output, String target) {
    Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
    String path = target == null ? defaultPath(output) : target;
    requireFileTarget(hadoopConf, path); // before the tables are read, not after
    ReportTables tables = ReportTables.open(spark, output);
    ReportData data = ReportQueries.collect(tables, Headlines.of(tables.rows(OutputTables.GMV_GROWTH),
        tables.rows(OutputTables.MARKET_SHARE), tables.rows(OutputTables.BENCHMARK_COMPARISON),
        tables.rows(OutputTables.SHIPMENT_VOLUMES), tables.rows(OutputTables.GROWTH_SUMMARY),
        tables.rows(OutputTables.POLICY_SCENARIOS)));
    writeFile(hadoopConf, path, HtmlReport.render(data));
    return path;
  }

  /**
   * Writes the report of a run that has just published {@code published} (the frames as published, see
   * {@code TableWriter.asPublished}) to the default path and returns it: in the run's own session, from the
   * frames it still holds, instead of reading every table back (a Delta read costs a snapshot and a file
   * listing job per query, most of a small report's time).
   */
  public static String write(SparkSession spark, String output, Map<TableSpec, Dataset<Row>> published,
      OutputFormat format, Headlines.Figures figures) {
    Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
    String path = defaultPath(output);
    requireFileTarget(hadoopConf, path);
    writeFile(hadoopConf, path, HtmlReport.render(ReportQueries.collect(ReportTables.of(published, format), figures)));
    return path;
  }

  private static void requireFileTarget(Configuration hadoopConf, String location) {
    Path path = new Path(location);
    try {
      FileSystem fs = path.getFileSystem(hadoopConf);
      if (fs.exists(path) && fs.getFileStatus(path).isDirectory()) {
        throw JobException.input("Cannot write the report to " + location + ": it is a folder; give a file name"
            + " such as " + defaultPath(location));
      }
    } catch (IOException e) {
      throw JobException.input("Cannot write the report to " + location + ": " + e.getMessage(), e);
    }
  }

  private static void writeFile(Configuration hadoopConf, String location, String html) {
    Path path = new Path(location);
    // A private instance: switching checksums off (no .crc file beside the report) must not change the
    // cached FileSystem that Spark writes the tables with.
    try (FileSystem fs = FileSystem.newInstance(path.toUri(), hadoopConf)) {
      fs.setWriteChecksum(false);
      try (OutputStream out = fs.create(path, true)) {
        out.write(html.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw JobException.input("Cannot write the report to " + location + ": " + e.getMessage(), e);
    }
  }
}
