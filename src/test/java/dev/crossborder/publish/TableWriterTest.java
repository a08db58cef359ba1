package dev.crossborder.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.config.OutputFormat;
import dev.crossborder.model.Columns;
import dev.crossborder.model.JobException;
import dev.crossborder.model.TableSpec;
import dev.crossborder.model.TableSpec.ColumnSpec;
import dev.crossborder.publish.TableWriter.Pending;
import dev.crossborder.publish.TableWriter.WrittenTable;
import dev.crossborder.testing.SparkTestBase;
import io.delta.tables.DeltaTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link TableWriter#writeAll}: tables written side by side, each whole (or the rows matching its condition),
 * reported in the order given.
 */
class TableWriterTest extends SparkTestBase {
  private static TableSpec spec(int i) {
    return new TableSpec("gold", "table_" + i, "one row per n", "table " + i, List.of(
        new ColumnSpec("n", DataTypes.LongType, "a number"),
        new ColumnSpec(Columns.RUN_ID, DataTypes.StringType, "the run")));
  }

  /** Table i holds the numbers 0 to 10 i + 9: its row count tells it apart from every other table. */
  private static Dataset<Row> rowsOf(int i) {
    return spark.range(10L * i + 10).toDF("n");
  }

  private static boolean published(OutputFormat format, Path output, int i) {
    Path table = output.resolve("gold/table_" + i);
    return format == OutputFormat.DELTA ? DeltaTable.isDeltaTable(spark, table.toString()) : Files.exists(table);
  }

  private static long rowsIn(TableWriter writer, TableSpec spec) {
    return writer.read(spec).filter(col(Columns.RUN_ID).equalTo("r1")).count();
  }

  @ParameterizedTest
  @EnumSource(OutputFormat.class)
  void writesEveryTableWholeAndReportsThemInTheOrderGiven(OutputFormat format, @TempDir Path tmp) {
    TableWriter writer = new TableWriter(spark, tmp.toString(), format, "r1");
    List<Pending> tables = IntStream.range(0, 5).mapToObj(i -> new Pending(spec(i), rowsOf(i))).toList();

    List<WrittenTable> written = writer.writeAll(tables);

    assertEquals(List.of("table_0", "table_1", "table_2", "table_3", "table_4"),
        written.stream().map(WrittenTable::name).toList());
    for (int i = 0; i < 5; i++) {
      assertEquals(10L * i + 10, written.get(i).rows(), "rows reported for table_" + i);
      assertEquals(10L * i + 10, rowsIn(writer, spec(i)), "rows read back from table_" + i);
    }
    assertFalse(Files.exists(tmp.resolve(OutputFolder.STAGING)), "no staging folder left");
  }

  @ParameterizedTest
  @EnumSource(OutputFormat.class)
  void aPendingTableWithAConditionReplacesOnlyTheRowsMatchingIt(OutputFormat format, @TempDir Path tmp) {
    TableWriter first = new TableWriter(spark, tmp.toString(), format, "r1");
    first.writeAll(List.of(new Pending(spec(1), rowsOf(1)), new Pending(spec(2), rowsOf(2))));
    TableWriter second = new TableWriter(spark, tmp.toString(), format, "r2");

    // table_1 (0..19): 10..19 replaced by 100 rows 10..109; table_2 (0..29) replaced whole by 0..9.
    List<WrittenTable> written = second.writeAll(List.of(
        new Pending(spec(1), spark.range(10, 110).toDF("n"), "n >= 10"),
        new Pending(spec(2), rowsOf(0))));

    assertEquals(List.of(100L, 10L), written.stream().map(WrittenTable::rows).toList(), "rows this run wrote");
    Dataset<Row> table1 = second.read(spec(1));
    assertEquals(10, table1.filter("run_id = 'r1' AND n < 10").count(), "rows outside the condition kept");
    assertEquals(100, table1.filter("run_id = 'r2' AND n >= 10").count(), "rows matching it replaced");
    assertEquals(110, table1.count());
    assertEquals(10, second.read(spec(2)).filter("run_id = 'r2'").count());
    assertEquals(10, second.read(spec(2)).count());
    assertFalse(Files.exists(tmp.resolve(OutputFolder.STAGING)), "no staging folder left");
  }

  @ParameterizedTest
  @EnumSource(OutputFormat.class)
  void aFailedWriteIsThrownOnceEveryWriteHasEndedAndNoTableIsHalfWritten(OutputFormat format,
      @TempDir Path tmp) {
    TableWriter writer = new TableWriter(spark, tmp.toString(), format, "r1");
    List<Pending> tables = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Dataset<Row> rows = rowsOf(i);
      if (i == 1) {
        rows = rows.withColumn("n", when(col("n").equalTo(7), raise_error(lit("row 7 is bad"))).otherwise(col("n")));
      }
      tables.add(new Pending(spec(i), rows));
    }

    RuntimeException failure = assertThrows(RuntimeException.class, () -> writer.writeAll(tables));

    assertTrue(JobException.rootCauseMessage(failure).contains("row 7 is bad"), failure.toString());
    assertTrue(Thread.getAllStackTraces().keySet().stream()
        .noneMatch(t -> t.getName().equals("table-writer") && t.isAlive()), "every write had ended on return");
    assertFalse(published(format, tmp, 1), "the failed table was not published");
    for (int i : List.of(0, 2, 3, 4)) {
      // Written whole or not started: a write is never cut off half way.
      if (published(format, tmp, i)) {
        assertEquals(10L * i + 10, rowsIn(writer, spec(i)), "table_" + i);
      }
    }
    assertFalse(Files.exists(tmp.resolve(OutputFolder.STAGING)), "no staging folder left");
  }
}
