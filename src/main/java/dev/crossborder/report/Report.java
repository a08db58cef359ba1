package dev.crossborder.report;

import dev.crossborder.model.JobException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
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
    ReportData data = ReportQueries.collect(ReportTables.open(spark, output));
    writeFile(hadoopConf, path, HtmlReport.render(data));
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
