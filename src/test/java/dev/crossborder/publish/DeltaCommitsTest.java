package dev.crossborder.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crossborder.config.OutputFormat;
import dev.crossborder.model.Columns;
import dev.crossborder.model.TableSpec;
import dev.crossborder.model.TableSpec.ColumnSpec;
import dev.crossborder.publish.TableWriter.WrittenTable;
import dev.crossborder.testing.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each Delta commit's version and rows, as runs report them, from the commit's own file: the next version after the
 * one the last run recorded, past the commits of a run killed before it recorded them, and from the log's listing
 * when the record is gone.
 */
class DeltaCommitsTest extends SparkTestBase {
  private static final TableSpec SPEC = new TableSpec("gold", "numbers", "one row per n", "numbers", List.of(
      new ColumnSpec("n", DataTypes.LongType, "a number"),
      new ColumnSpec(Columns.RUN_ID, DataTypes.StringType, "the run")));

  @TempDir
  Path output;

  private WrittenTable write(String runId, long rows) {
    TableWriter writer = new TableWriter(spark, output.toString(), OutputFormat.DELTA, runId);
    WrittenTable written = writer.write(SPEC, spark.range(rows).toDF("n"));
    writer.recordDeltaVersions();
    return written;
  }

  @Test
  void eachRunFindsItsOwnCommitAfterTheLastRecordedOne() throws Exception {
    assertEquals(0L, write("r1", 3).deltaVersion());
    assertEquals(3L, write("r1", 3).rows());
    WrittenTable second = write("r2", 5);
    assertEquals(2L, second.deltaVersion());
    assertEquals(5L, second.rows());
    assertEquals("{\n  \"gold/numbers\" : 2\n}", Files.readString(output.resolve(DeltaCommits.RELATIVE_PATH)));

    // A run killed after its commit, before it recorded it: the next run's commit comes after that one.
    spark.range(7).toDF("n").withColumn(Columns.RUN_ID, org.apache.spark.sql.functions.lit("killed")).write()
        .format("delta").mode(SaveMode.Overwrite).option("userMetadata", "run_id=killed")
        .save(output.resolve("gold/numbers").toString());
    WrittenTable afterTheKill = write("r3", 4);
    assertEquals(4L, afterTheKill.deltaVersion());
    assertEquals(4L, afterTheKill.rows());

    // No record at all (an output of an earlier version of the job): the log is listed.
    Files.delete(output.resolve(DeltaCommits.RELATIVE_PATH));
    assertEquals(5L, write("r4", 6).deltaVersion());
  }
}
