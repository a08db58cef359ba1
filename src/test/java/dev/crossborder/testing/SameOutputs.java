package dev.crossborder.testing;

import static dev.crossborder.model.Columns.RUN_ID;

import dev.crossborder.model.OutputTables;
import dev.crossborder.model.TableSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
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
    List<String> differences = new ArrayList<>();
    Set<String> expectedFolders = tableFolders(expected);
    Set<String> actualFolders = tableFolders(actual);
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
      if (count == 0) {
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

  private static Dataset<Row> read(SparkSession spark, Path output, TableSpec spec) {
    return spark.read().format("delta").load(output.resolve(spec.relativePath()).toString()).drop(RUN_ID);
  }

  private static Set<String> tableFolders(Path output) {
    Set<String> folders = new TreeSet<>();
    for (String layer : List.of("gold", "silver")) {
      try (Stream<Path> tables = Files.list(output.resolve(layer))) {
        tables.filter(Files::isDirectory).forEach(table -> folders.add(layer + "/" + table.getFileName()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + output.resolve(layer), e);
      }
    }
    return folders;
  }
}
