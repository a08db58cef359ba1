package dev.crossborder.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.model.OutputTables;
import dev.crossborder.model.TableSpec;
import dev.crossborder.shims.DeltaLogFiles;
import dev.crossborder.testing.SameRows;
import dev.crossborder.testing.SampleRun;
import dev.crossborder.testing.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Delta tables that {@code sql} and the report read as the Parquet files their log lists (Delta Kernel, no Spark
 * job): every table of a run reads so with the same rows and schema as through Delta, the latest version after many
 * overwrites and a checkpoint, with null and escaped partition values; tables whose files do not read as plain
 * Parquet (deletion vectors, column mapping) are left to Delta.
 */
class DeltaLogFilesTest extends SparkTestBase {
  @TempDir
  static Path tmp;

  private static final Configuration HADOOP = spark.sparkContext().hadoopConfiguration();

  @Test
  void everyTableOfASampleRunReadsFromItsLogAsThroughDelta() {
    SampleRun run = SampleRun.get();
    assertEquals(0, run.exitCode(), run.err());
    List<String> partitioned = new ArrayList<>();
    for (TableSpec spec : OutputTables.ALL) {
      Path table = run.output().resolve(spec.relativePath());
      if (!Files.isDirectory(table)) {
        continue;
      }
      DeltaLogFiles.Latest files = DeltaLogFiles.latest(HADOOP, table.toString()).orElseThrow(
          () -> new AssertionError(spec.relativePath() + " is left to Delta"));
      if (!files.partitionColumns().isEmpty()) {
        partitioned.add(spec.relativePath());
      }
      Dataset<Row> direct = DeltaTableFiles.rows(spark, files).orElseThrow(
          () -> new AssertionError(spec.relativePath() + ": a file lies outside its partition folder"));
      assertEquals("", SameRows.differences(spark.read().format("delta").load(table.toString()), direct),
          spec.relativePath());
    }
    assertFalse(partitioned.isEmpty(), "no partitioned table was read");
  }

  @Test
  void theLatestOfManyVersionsPastACheckpointWithNullAndEscapedPartitionValues() {
    String table = tmp.resolve("versions").toString();
    // Delta writes a checkpoint every 10 commits: version 11 is read from the checkpoint of 10 and one commit.
    for (int version = 0; version <= 11; version++) {
      spark.sql("SELECT id, CASE id % 3 WHEN 0 THEN NULL WHEN 1 THEN 'a b/c=d' ELSE 'x' END AS part,"
              + " id * " + version + " AS value FROM range(" + (version + 3) + ")")
          .write().format("delta").mode("overwrite").partitionBy("part").save(table);
    }
    assertTrue(Files.exists(tmp.resolve("versions/_delta_log/00000000000000000010.checkpoint.parquet")));
    DeltaLogFiles.Latest files = DeltaLogFiles.latest(HADOOP, table).orElseThrow();
    assertEquals(11, files.version());
    assertEquals(List.of("part"), files.partitionColumns());
    Dataset<Row> direct = DeltaTableFiles.rows(spark, files).orElseThrow();
    assertEquals(14, direct.count());
    assertEquals("", SameRows.differences(spark.read().format("delta").load(table), direct));
    // By hand: the 14 rows of version 11 hold ids 0..13, values 11 * id; ids 0, 3, ..., 12 in the null partition.
    assertEquals(5, direct.where("part IS NULL").count());
    assertEquals(5, direct.where("part = 'a b/c=d'").count());
    assertEquals(11L * (13 * 14 / 2), direct.selectExpr("sum(value)").first().getLong(0));
  }

  @Test
  void aTableWithDeletionVectorsInUseOrColumnMappingIsLeftToDelta() {
    String withVectors = tmp.resolve("vectors").toString();
    spark.sql("CREATE TABLE delta.`" + withVectors + "` USING DELTA TBLPROPERTIES ('delta.enableDeletionVectors' = 'true')"
        + " AS SELECT id FROM range(10)");
    assertTrue(DeltaLogFiles.latest(HADOOP, withVectors).isPresent(), "no file carries a deletion vector yet");
    spark.sql("DELETE FROM delta.`" + withVectors + "` WHERE id = 3");
    assertEquals(Optional.empty(), DeltaLogFiles.latest(HADOOP, withVectors));

    String mapped = tmp.resolve("mapped").toString();
    spark.sql("CREATE TABLE delta.`" + mapped + "` USING DELTA TBLPROPERTIES ('delta.columnMapping.mode' = 'name')"
        + " AS SELECT id FROM range(10)");
    assertEquals(Optional.empty(), DeltaLogFiles.latest(HADOOP, mapped));
  }
}
