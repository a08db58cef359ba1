package dev.crossborder.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossborder.model.OutputTables;
import dev.crossborder.publish.TableWriter.WrittenTable;
import dev.crossborder.quality.QualityCounts;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Publishes what a run did: {@code runs/<run_id>.json} for humans and schedulers, then the run's row in the
 * runs table, written last so that its presence marks the run complete.
 */
public final class RunReport {
  private RunReport() {}

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public static String pathOf(String outputRoot, String runId) {
    return (outputRoot.endsWith("/") ? outputRoot : outputRoot + "/") + "runs/" + runId + ".json";
  }

  public static void publish(SparkSession spark, TableWriter writer, RunResult result) {
    write(spark.sparkContext().hadoopConfiguration(), result);
    writer.append(OutputTables.RUNS, runRow(spark, result));
  }

  /** The run as one row of the runs table, run_id aside. */
  static Dataset<Row> runRow(SparkSession spark, RunResult result) {
    List<Row> datasets = result.datasets().stream().map(d -> RowFactory.create(d.dataset(), d.rowsRead(),
        d.rowsClean(), d.rowsQuarantined(), d.reasons())).toList();
    List<Row> tables = result.tables().stream().map(t -> RowFactory.create(t.name(), t.path(), t.rows(),
        t.deltaVersion())).toList();
    List<Row> rules = result.datasets().stream().flatMap(d -> d.rules().stream().map(r -> RowFactory.create(
        d.dataset(), r.rule(), r.kind(), r.action(), r.rowsEvaluated(), r.rowsFailing()))).toList();
    StructType schema = new StructType()
        .add("status", DataTypes.StringType)
        .add("started_at", DataTypes.TimestampType)
        .add("finished_at", DataTypes.TimestampType)
        .add("input", DataTypes.StringType)
        .add("output", DataTypes.StringType)
        .add("format", DataTypes.StringType)
        .add("datasets", OutputTables.DATASET_COUNTS)
        .add("tables", OutputTables.TABLES_WRITTEN)
        .add("rules", OutputTables.RULE_COUNTS);
    Row row = RowFactory.create(result.status().name(), Timestamp.from(result.startedAt()),
        Timestamp.from(result.finishedAt()), result.input(), result.output(), result.format(),
        datasets, tables, rules);
    return spark.createDataFrame(List.of(row), schema);
  }

  public static String write(Configuration hadoopConf, RunResult result) {
    String location = pathOf(result.output(), result.runId());
    Path path = new Path(location);
    try {
      // One object, written whole (a scheduler polling for it never reads half of it).
      WholeFile.replace(hadoopConf, path, JSON.writeValueAsBytes(toJson(result)));
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
      ArrayNode rules = node.putArray("rules");
      for (QualityCounts.RuleCount rule : counts.rules()) {
        ObjectNode entry = rules.addObject();
        entry.put("rule", rule.rule());
        entry.put("kind", rule.kind());
        entry.put("action", rule.action());
        entry.put("rows_evaluated", rule.rowsEvaluated());
        entry.put("rows_failing", rule.rowsFailing());
      }
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
    ArrayNode refresh = root.putArray("refresh");
    result.refresh().forEach(refresh::add);
    ArrayNode headlines = root.putArray("headlines");
    result.headlines().forEach(headlines::add);
    return root;
  }
}
