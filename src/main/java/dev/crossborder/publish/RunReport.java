package dev.crossborder.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossborder.pipeline.RunResult;
import dev.crossborder.publish.TableWriter.WrittenTable;
import dev.crossborder.quality.QualityCounts;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Writes {@code runs/<run_id>.json}: the run report for humans and schedulers. */
public final class RunReport {
  private RunReport() {}

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public static String pathOf(String outputRoot, String runId) {
    return (outputRoot.endsWith("/") ? outputRoot : outputRoot + "/") + "runs/" + runId + ".json";
  }

  public static String write(Configuration hadoopConf, RunResult result) {
    String location = pathOf(result.output(), result.runId());
    Path path = new Path(location);
    try {
      FileSystem fs = path.getFileSystem(hadoopConf);
      fs.setWriteChecksum(false); // no .crc beside a file meant for people
      fs.mkdirs(path.getParent());
      try (OutputStream out = fs.create(path, true)) {
        JSON.writeValue(out, toJson(result));
      }
      return location;
    } catch (IOException e) {
      throw new IllegalStateException("Writing the run report " + location + " failed: " + e.getMessage(), e);
    }
  }

  static ObjectNode toJson(RunResult result) {
    ObjectNode root = JSON.createObjectNode();
    root.put("run_id", result.runId());
    root.put("status", result.status().name());
    root.put("started_at", result.startedAt().toString());
    root.put("finished_at", result.finishedAt().toString());
    root.put("duration_seconds", Duration.between(result.startedAt(), result.finishedAt()).toMillis() / 1000.0);
    root.put("input", result.input());
    root.put("output", result.output());
    root.put("format", result.format());
    ObjectNode datasets = root.putObject("datasets");
    for (QualityCounts counts : result.datasets()) {
      ObjectNode node = datasets.putObject(counts.dataset());
      node.put("rows_read", counts.rowsRead());
      node.put("rows_clean", counts.rowsClean());
      node.put("rows_quarantined", counts.rowsQuarantined());
      ObjectNode reasons = node.putObject("quarantine_reasons");
      counts.reasons().forEach(reasons::put);
    }
    ArrayNode tables = root.putArray("tables");
    for (WrittenTable table : result.tables()) {
      ObjectNode node = tables.addObject();
      node.put("table", table.name());
      node.put("path", table.path());
      node.put("rows", table.rows());
      if (table.deltaVersion() != null) {
        node.put("delta_version", table.deltaVersion());
      }
    }
    ArrayNode headlines = root.putArray("headlines");
    result.headlines().forEach(headlines::add);
    return root;
  }
}
