package dev.crossborder.bench;

import static dev.crossborder.model.Columns.*;

import dev.crossborder.model.Columns;
import dev.crossborder.model.OutputTables;
import dev.crossborder.model.TableSpec;
import dev.crossborder.spark.SparkSessions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Compares the tables of two output folders of the job, say of two builds on the same input and
 * {@code --run-id}, to see which rows a change moves (issue 15: exact money, at 1 M and 10 M rows). Every
 * published table but {@code runs} (timings, folders) is compared on all its columns but run_id, by
 * {@code exceptAll} both ways, so copies count; the differing rows are then paired by the table's key and
 * printed as key, then each column that differs with its old and new value (a key on one side only is printed
 * whole). Delta or Parquet, told by the {@code _delta_log} folder; a table missing from both is skipped.
 * Prints {@code TABLE-DIFF equal=true|false} last and exits 1 when any table differs.
 *
 * <p>{@code TableDiff --old DIR --new DIR [--show N]} (N differing keys printed per table, default 50), on the
 * classpath the bench mains run on (scripts/bench.sh: target/classes, target/test-classes and the test scope).
 */
public final class TableDiff {
  private TableDiff() {}

  /** Grain columns of each table, which pair an old row with its new one (DESIGN.md §5). */
  static final Map<String, List<String>> KEYS = Map.ofEntries(
      Map.entry(OutputTables.GMV_MONTHLY.name(), List.of(PLATFORM_ID, COUNTRY_CODE, MONTH_START)),
      Map.entry(OutputTables.SHIPMENT_CUBE.name(), List.of(MONTH_START, PLATFORM_ID, ORIGIN_COUNTRY,
          DESTINATION_COUNTRY, FULFILLMENT_MODEL)),
      Map.entry(OutputTables.GMV_GROWTH.name(), periodGeoPlatform()),
      Map.entry(OutputTables.MARKET_SHARE.name(), periodGeoPlatform()),
      Map.entry(OutputTables.SHIPMENT_VOLUMES.name(), periodGeoPlatformModel()),
      Map.entry(OutputTables.FULFILLMENT_MIX.name(), periodGeoPlatformModel()),
      Map.entry(OutputTables.POLICY_SCENARIO_CUBE.name(), List.of(MONTH_START, SCENARIO_ID, JURISDICTION, PLATFORM_ID,
          ORIGIN_COUNTRY, FULFILLMENT_MODEL)),
      Map.entry(OutputTables.POLICY_IMPACT.name(), List.of(JURISDICTION, ORIGIN_SCOPE, EFFECTIVE_DATE, PLATFORM_ID)),
      Map.entry(OutputTables.POLICY_SCENARIOS.name(), List.of(SCENARIO_ID, JURISDICTION, PLATFORM_ID,
          FULFILLMENT_MODEL, ORIGIN_COUNTRY)),
      Map.entry(OutputTables.BENCHMARK_COMPARISON.name(),
          List.of(YEAR, ENTITY_TYPE, ENTITY_ID, SEGMENT_ID, BENCHMARK_KIND)),
      Map.entry(OutputTables.GROWTH_SUMMARY.name(), List.of(METRIC, GEO_LEVEL, GEO_CODE, PLATFORM_ID, LAST_YEAR)),
      Map.entry(OutputTables.KPI_ANOMALIES.name(), concat(periodGeoPlatform(), RULE, METRIC)),
      Map.entry(OutputTables.QUARANTINE.name(), List.of(DATASET, SOURCE_FILE, RECORD)));

  private static List<String> periodGeoPlatform() {
    return List.of(PERIOD_GRAIN, PERIOD_START, GEO_LEVEL, GEO_CODE, PLATFORM_ID);
  }

  private static List<String> periodGeoPlatformModel() {
    return concat(periodGeoPlatform(), FULFILLMENT_MODEL);
  }

  private static List<String> concat(List<String> first, String... more) {
    List<String> all = new ArrayList<>(first);
    all.addAll(Arrays.asList(more));
    return List.copyOf(all);
  }

  /** At most this many differing rows per side are brought to the driver to be paired. */
  private static final int COLLECTED = 100_000;

  public static void main(String[] args) throws Exception {
    BenchOptions options = new BenchOptions(args);
    String oldRoot = options.get("old");
    String newRoot = options.get("new");
    int show = Integer.parseInt(options.get("show", "50"));
    SparkSession spark = SparkSessions.forJob("crossborder-table-diff");
    boolean equal = true;
    for (TableSpec table : OutputTables.ALL) {
      if (!table.equals(OutputTables.RUNS)) {
        equal &= compare(spark, table, oldRoot, newRoot, show);
      }
    }
    System.out.println("TABLE-DIFF equal=" + equal);
    spark.stop();
    System.exit(equal ? 0 : 1);
  }

  private static boolean compare(SparkSession spark, TableSpec table, String oldRoot, String newRoot, int show)
      throws Exception {
    String path = table.relativePath();
    Dataset<Row> oldRows = read(spark, oldRoot, table);
    Dataset<Row> newRows = read(spark, newRoot, table);
    if (oldRows == null && newRows == null) {
      System.out.printf("SKIPPED %s: in neither folder%n", path);
      return true;
    }
    if (oldRows == null || newRows == null) {
      System.out.printf("DIFFERENT %s: only in the %s folder%n", path, oldRows == null ? "new" : "old");
      return false;
    }
    Dataset<Row> onlyOld = oldRows.exceptAll(newRows).cache();
    Dataset<Row> onlyNew = newRows.exceptAll(oldRows).cache();
    try {
      long oldOnly = onlyOld.count();
      long newOnly = onlyNew.count();
      boolean same = oldOnly == 0 && newOnly == 0;
      System.out.printf(Locale.ROOT, "%s %s: old %,d rows, new %,d rows, %,d only in old, %,d only in new%n",
          same ? "SAME" : "DIFFERENT", path, oldRows.count(), newRows.count(), oldOnly, newOnly);
      if (!same) {
        printPairs(table, onlyOld.limit(COLLECTED).collectAsList(), onlyNew.limit(COLLECTED).collectAsList(), show);
      }
      return same;
    } finally {
      onlyOld.unpersist();
      onlyNew.unpersist();
    }
  }

  /** The table's contract columns but run_id, or null when the folder has no such table. */
  private static Dataset<Row> read(SparkSession spark, String root, TableSpec table) throws Exception {
    Path path = new Path(root, table.relativePath());
    FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (!fs.exists(path)) {
      return null;
    }
    boolean delta = fs.exists(new Path(path, "_delta_log"));
    Dataset<Row> rows = delta ? spark.read().format("delta").load(path.toString())
        : spark.read().parquet(path.toString());
    return rows.select(table.columnNames().stream().filter(c -> !c.equals(Columns.RUN_ID))
        .map(functions::col).toArray(Column[]::new));
  }

  /** Differing rows paired by key, in key order: key, then each differing column as old -> new. */
  private static void printPairs(TableSpec table, List<Row> onlyOld, List<Row> onlyNew, int show) {
    List<String> keys = KEYS.getOrDefault(table.name(), List.of());
    Map<String, List<Row>[]> byKey = new TreeMap<>();
    for (int side = 0; side < 2; side++) {
      for (Row row : side == 0 ? onlyOld : onlyNew) {
        @SuppressWarnings("unchecked")
        List<Row>[] pair = byKey.computeIfAbsent(keyOf(row, keys),
            k -> new List[] {new ArrayList<>(), new ArrayList<>()});
        pair[side].add(row);
      }
    }
    int shown = 0;
    for (Map.Entry<String, List<Row>[]> entry : byKey.entrySet()) {
      if (shown++ == show) {
        System.out.printf("  ... %,d more keys%n", byKey.size() - show);
        break;
      }
      List<Row> olds = entry.getValue()[0];
      List<Row> news = entry.getValue()[1];
      if (olds.size() == 1 && news.size() == 1) {
        System.out.println("  " + entry.getKey() + ": " + changes(olds.get(0), news.get(0), keys));
      } else {
        olds.forEach(row -> System.out.println("  " + entry.getKey() + ": only in old " + values(row, keys)));
        news.forEach(row -> System.out.println("  " + entry.getKey() + ": only in new " + values(row, keys)));
      }
    }
  }

  private static String keyOf(Row row, List<String> keys) {
    List<String> parts = new ArrayList<>();
    for (String key : keys) {
      parts.add(key + "=" + text(row.getAs(key)));
    }
    return String.join(" ", parts);
  }

  private static String changes(Row oldRow, Row newRow, List<String> keys) {
    List<String> changed = new ArrayList<>();
    for (String column : oldRow.schema().fieldNames()) {
      String before = text(oldRow.getAs(column));
      String after = text(newRow.getAs(column));
      if (!keys.contains(column) && !before.equals(after)) {
        changed.add(column + " " + before + " -> " + after);
      }
    }
    // Equal as text but not as values (a double's last bits, a decimal's scale): say so rather than print nothing.
    return changed.isEmpty() ? "differs only beyond the printed digits" : String.join(", ", changed);
  }

  private static Map<String, String> values(Row row, List<String> keys) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String column : row.schema().fieldNames()) {
      if (!keys.contains(column)) {
        values.put(column, text(row.getAs(column)));
      }
    }
    return values;
  }

  private static String text(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    return String.valueOf(value);
  }
}
