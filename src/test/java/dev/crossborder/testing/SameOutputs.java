package dev.crossborder.testing;

import static dev.crossborder.model.Columns.RUN_ID;

import dev.crossborder.model.OutputTables;
import dev.crossborder.model.TableSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Two Delta outputs of the job compared table by table: the same silver and gold tables, and in each of them and
 * in the quarantine the same schema and the same rows as often (run ids aside; the runs table differs by nature).
 */
public final class SameOutputs {
  private SameOutputs() {}

  /** What the comparison found: the rows compared per table, and what differs (empty when nothing does). */
  public record Comparison(Map<String, Long> rowsCompared, List<String> differences) {
    public long totalRows() {
      return rowsCompared.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** {@code actual}'s tables against {@code expected}'s; a table without rows in {@code expected} is a difference. */
  public static Comparison compare(SparkSession spark, Path expected, Path actual) {
    return compare(spark, expected.toString(), actual.toString(), true);
  }

  /**
   * {@code actual}'s tables against {@code expected}'s, both output folders as Hadoop paths (a local folder or an
   * object store's {@code s3a://bucket/prefix}); with {@code everyTableHasRows}, a table without rows in
   * {@code expected} is a difference (a comparison of empty tables proves little).
   */
  public static Comparison compare(SparkSession spark, String expected, String actual, boolean everyTableHasRows) {
    List<String> differences = new ArrayList<>();
    Set<String> expectedFolders = tableFolders(spark, expected);
    Set<String> actualFolders = tableFolders(spark, actual);
    if (!expectedFolders.equals(actualFolders)) {
      differences.add("tables " + actualFolders + " instead of " + expectedFolders);
    }
    Map<String, Long> rows = new LinkedHashMap<>();
    for (TableSpec spec : OutputTables.ALL) {
      if (spec == OutputTables.RUNS) {
        continue;
      }
      Dataset<Row> expectedRows = read(spark, expected, spec);
      long count = expectedRows.count();
      if (count == 0 && everyTableHasRows) {
        differences.add(spec.relativePath() + " has no rows to compare");
      }
      String difference = SameRows.differences(expectedRows, read(spark, actual, spec));
      if (!difference.isEmpty()) {
        differences.add(spec.relativePath() + ": " + difference);
      }
      rows.put(spec.relativePath(), count);
    }
    return new Comparison(rows, differences);
  }

  private static Dataset<Row> read(SparkSession spark, String output, TableSpec spec) {
    return spark.read().format("delta").load(output + "/" + spec.relativePath()).drop(RUN_ID);
  }

  private static Set<String> tableFolders(SparkSession spark, String output) {
    Set<String> folders = new TreeSet<>();
    for (String layer : List.of("gold", "silver")) {
      org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(output, layer);
      try {
        for (FileStatus table : folder.getFileSystem(spark.sparkContext().hadoopConfiguration()).listStatus(folder)) {
          if (table.isDirectory()) {
            folders.add(layer + "/" + table.getPath().getName());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + folder, e);
      }
    }
    return folders;
  }
}
