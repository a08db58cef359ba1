package dev.crossborder.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.model.OutputTables;
import dev.crossborder.testing.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output folder whose runs table was written before it had its rules column (an earlier version of the job) is
 * still read by sql and the report: the rules of those runs are unknown (null), not a reason to refuse the folder.
 */
class RunsOfEarlierVersionsTest extends SparkTestBase {

  @Test
  void aRunsTableWithoutRulesReadsWithRulesUnknown(@TempDir Path output) throws Exception {
    Files.writeString(output.resolve(OutputFolder.MARKER), "an output of an earlier run\n");
    Dataset<Row> earlier = spark.sql("SELECT 'r1' AS run_id, 'SUCCEEDED' AS status,"
        + " current_timestamp() AS started_at, current_timestamp() AS finished_at, 'in' AS input, 'out' AS output,"
        + " 'delta' AS format, CAST(array() AS " + OutputTables.DATASET_COUNTS.sql() + ") AS datasets,"
        + " CAST(array() AS " + OutputTables.TABLES_WRITTEN.sql() + ") AS tables");
    // The columns as the runs table had them, rules aside.
    List<String> columns = OutputTables.RUNS.columnNames().stream().filter(c -> !c.equals("rules")).toList();
    assertEquals(List.of(earlier.columns()), columns, "the fixture has every other column of the runs table");
    earlier.write().format("delta").save(output.resolve(OutputTables.RUNS.relativePath()).toString());

    PublishedTables.Found runs = PublishedTables.open(spark, output.toString(), "query", List.of(OutputTables.RUNS))
        .get(OutputTables.RUNS);
    assertTrue(List.of(runs.rows().columns()).contains("rules"), List.of(runs.rows().columns()).toString());
    assertEquals(1L, runs.rows().filter("rules IS NULL AND run_id = 'r1'").count());
  }
}
