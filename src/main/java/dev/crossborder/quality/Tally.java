package dev.crossborder.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import dev.crossborder.model.Measure;
import dev.crossborder.spark.SessionSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * How a dataset's flagged rows are kept once the row-level rules have run (see
 * {@link RowFlags#withDuplicateReasons}). A row that passed them and has no copy to compare is final. A tally
 * {@link #byKeys by keys} folds the final rows, in the same pass that flags them, into one entry per group of
 * equal keys holding the sums of their measures: what is cached is then about the size of the output, not of
 * the input (100 million shipment rows no longer fit a laptop's memory; their monthly groups do). Every other
 * row (quarantined, or with copies still to compare) stays an entry of its own, its measures those of a group
 * of one. {@link #EACH_ROW} keeps every row as it is. Every entry carries {@link #ROWS}, the landing rows it
 * stands for, so that counts of entries are counts of rows.
 */
public final class Tally {
  /** The landing rows an entry stands for: 1 for a row kept as it is. */
  public static final String ROWS = "_rows";

  /** On a stored frame: the row itself when it is kept one by one, null on a folded entry. */
  private static final String KEPT_ROW = "_kept_row";
  /** In {@link #KEPT_ROW}: tells apart rows that are equal in every column (a line landed twice). */
  private static final String ROW_ID = "_row_id";
  /** On a frame stored by {@link #EACH_ROW}: whether the row is kept one by one. */
  private static final String KEPT = "_kept";

  /** Every row kept as it is, with {@link #ROWS} = 1: for small datasets whose every row is read later. */
  public static final Tally EACH_ROW = new Tally(null, List.of());

  /** Null for {@link #EACH_ROW}. */
  private final List<String> keys;
  private final List<Measure> measures;

  private Tally(List<String> keys, List<Measure> measures) {
    this.keys = keys;
    this.measures = measures;
  }

  /**
   * Final rows folded by {@code keys} (the columns every entry keeps: folded rows share them) into entries
   * with the merged {@code measures} and {@link #ROWS}; the entries' columns are the keys then the measures.
   */
  public static Tally byKeys(List<String> keys, List<Measure> measures) {
    return new Tally(List.copyOf(keys), List.copyOf(measures));
  }

  /**
   * {@code rows} stored through {@code cache} in one pass: the rows where {@code keepRow} holds as they are
   * (see {@link #keptRows}), the others folded (see {@link #folded}). A tally by keys runs one aggregate, so
   * the pass has one shuffle, of the partial groups and of the kept rows, into {@code partitions} parts when
   * the plan is built here, that is when {@code cache} persists it (adaptive execution leaves a persisted plan's
   * partitions as they are: 172 tasks at 100 million rows). Every kept row is a group of its own whose key is
   * the whole row, so the tasks that merge the groups hold the kept rows in their hash maps: in the session's
   * few shuffle partitions (one per core) those grew with the input (1.8 GB in 2 tasks for the 1.4 million entries of 100 million rows).
   */
  Dataset<Row> store(Dataset<Row> rows, Column keepRow, int partitions, UnaryOperator<Dataset<Row>> cache) {
    if (keys == null) {
      return cache.apply(rows.withColumn(KEPT, keepRow));
    }
    List<Column> rowColumns = new ArrayList<>();
    for (String name : rows.columns()) {
      rowColumns.add(col(name));
    }
    rowColumns.add(monotonically_increasing_id().as(ROW_ID));
    List<Column> groups = new ArrayList<>(keys.stream().map(functions::col).toList());
    groups.add(when(keepRow, struct(rowColumns.toArray(Column[]::new))).as(KEPT_ROW));
    List<Column> merged = new ArrayList<>();
    for (Measure measure : measures) {
      merged.add(measure.merged().as(measure.name()));
    }
    merged.add(functions.count(lit(1)).as(ROWS));
    Dataset<Row> folding = rows.groupBy(groups.toArray(Column[]::new))
        .agg(merged.get(0), merged.subList(1, merged.size()).toArray(Column[]::new));
    return SessionSettings.during(rows.sparkSession(),
        Map.of("spark.sql.shuffle.partitions", String.valueOf(partitions)), () -> cache.apply(folding));
  }

  /** The rows of a {@link #store stored} frame that were kept one by one, with the columns they were given. */
  Dataset<Row> keptRows(Dataset<Row> stored) {
    if (keys == null) {
      return stored.filter(col(KEPT)).drop(KEPT);
    }
    StructType row = (StructType) stored.schema().apply(KEPT_ROW).dataType();
    Column[] columns = Arrays.stream(row.fieldNames())
        .filter(name -> !name.equals(ROW_ID))
        .map(name -> col(KEPT_ROW).getField(name).as(name))
        .toArray(Column[]::new);
    return stored.filter(col(KEPT_ROW).isNotNull()).select(columns);
  }

  /** The folded entries of a {@link #store stored} frame (for {@link #EACH_ROW}, the rows not kept apart). */
  Dataset<Row> folded(Dataset<Row> stored) {
    if (keys == null) {
      return stored.filter(not(col(KEPT))).drop(KEPT).withColumn(ROWS, lit(1L));
    }
    return stored.filter(col(KEPT_ROW).isNull()).drop(KEPT_ROW);
  }

  /**
   * {@code rows} (kept ones, their reasons possibly completed since) as entries of one row each, typed like
   * the folded entries of {@code stored}, so the two can be unioned.
   */
  Dataset<Row> entriesOf(Dataset<Row> rows, Dataset<Row> stored) {
    if (keys == null) {
      return rows.withColumn(ROWS, lit(1L));
    }
    StructType entry = stored.schema();
    List<Column> columns = new ArrayList<>(keys.stream().map(functions::col).toList());
    for (Measure measure : measures) {
      columns.add(measure.ofRow().cast(entry.apply(measure.name()).dataType()).as(measure.name()));
    }
    columns.add(lit(1L).as(ROWS));
    return rows.select(columns.toArray(Column[]::new));
  }

  /**
   * All of {@code rows} as entries, the final ones (where {@code keepRow} is false) folded, in {@code partitions}
   * parts (see {@link #store}); cached.
   */
  Dataset<Row> entries(Dataset<Row> rows, Column keepRow, int partitions, UnaryOperator<Dataset<Row>> cache) {
    if (keys == null) {
      return cache.apply(rows.withColumn(ROWS, lit(1L)));
    }
    Dataset<Row> stored = store(rows, keepRow, partitions, cache);
    return folded(stored).unionByName(entriesOf(keptRows(stored), stored));
  }
}
