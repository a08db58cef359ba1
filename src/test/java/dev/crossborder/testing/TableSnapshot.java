package dev.crossborder.testing;

import static dev.crossborder.model.Columns.RUN_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.model.OutputTables;
import dev.crossborder.model.TableSpec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Every replaced table of an output folder (all but the runs history), as sorted rows without run_id, with the run
 * ids found in each: what the crash tests compare after a kill (the tables are tiny; one collect per table).
 */
public record TableSnapshot(Map<String, List<String>> rows, Map<String, List<String>> runIds) {

  public static TableSnapshot of(SparkSession spark, String output, String format) {
    Map<String, List<String>> tables = new TreeMap<>();
    Map<String, List<String>> runIds = new TreeMap<>();
    for (TableSpec spec : OutputTables.ALL) {
      if (spec == OutputTables.RUNS) {
        continue;
      }
      Dataset<Row> table = spark.read().format(format).load(output + "/" + spec.relativePath());
      int runIdField = table.schema().fieldIndex(RUN_ID);
      List<Row> collected = table.collectAsList();
      tables.put(spec.name(), collected.stream().map(row -> withoutField(row, runIdField)).sorted().toList());
      runIds.put(spec.name(), collected.stream().map(row -> row.getString(runIdField)).distinct().sorted().toList());
    }
    return new TableSnapshot(tables, runIds);
  }

  private static String withoutField(Row row, int field) {
    return IntStream.range(0, row.size()).filter(i -> i != field).mapToObj(i -> String.valueOf(row.get(i)))
        .collect(Collectors.joining(",", "[", "]"));
  }

  /**
   * Every table holds the full rows of {@code before}, the snapshot taken before a run that was killed, and in each
   * table either the rows {@code before} had (with their run ids) or the killed run's alone ({@code before} may be an
   * incremental refresh's output, whose tables keep the months an earlier run wrote).
   */
  public void assertWholeRunsOf(TableSnapshot before, String killedRun) {
    assertEquals(before.rows(), rows, "every table holds the full rows of one run");
    runIds.forEach((table, ids) -> assertTrue(ids.equals(before.runIds().get(table)) || ids.equals(List.of(killedRun)),
        table + " written by " + ids + ", before the kill by " + before.runIds().get(table)));
  }

  /** Every table holds the full rows of {@code expected}, each written by one run: {@code killedRun} or {@code previousRun}. */
  public void assertWholeRunsOf(TableSnapshot expected, String killedRun, String previousRun) {
    assertEquals(expected.rows(), rows, "every table holds the full rows of one run");
    runIds.forEach((table, ids) -> {
      assertTrue(ids.size() <= 1, table + " mixes runs " + ids); // none: a table the input leaves empty
      ids.forEach(id -> assertTrue(id.equals(killedRun) || id.equals(previousRun), table + " written by " + id));
    });
  }
}
