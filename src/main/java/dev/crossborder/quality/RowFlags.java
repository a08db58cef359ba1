package dev.crossborder.quality;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import dev.crossborder.model.Columns;
import dev.crossborder.model.ReasonCode;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/** Evaluates quality rules as row-level flags: a {@code reasons} array per row, empty for a clean row. */
public final class RowFlags {
  private RowFlags() {}

  /** The text values as read, until {@link #withRecordOfQuarantined}. */
  public static final String RAW_VALUES = "_raw_values";

  /**
   * Appends DUPLICATE and CONFLICTING_DUPLICATE to {@code reasons} (which holds the row-level reasons):
   * copies of a key are compared on {@code contentColumns} (the parsed values), so a file listing the same
   * record twice is a DUPLICATE however it spells the numbers (every copy after the first, by source file),
   * and two different records under one key are a CONFLICTING_DUPLICATE (every copy). Rows are repartitioned
   * by the key into {@code partitions} parts, the single shuffle over raw rows; one window with one ordering
   * computes both flags, so the rows are sorted once.
   */
  public static Dataset<Row> withDuplicateReasons(Dataset<Row> rows, List<String> keyColumns,
      List<String> contentColumns, int partitions) {
    Column[] key = keyColumns.stream().map(c -> col(c)).toArray(Column[]::new);
    // A struct compares field by field (nulls included) exactly, with no text rendering of the values.
    Column content = struct(contentColumns.stream().map(c -> col(c)).toArray(Column[]::new));
    WindowSpec copiesInOrder = Window.partitionBy(key).orderBy(col(Columns.SOURCE_FILE), content);
    WindowSpec allCopies = copiesInOrder.rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
    Column keyPresent = keyColumns.stream().map(c -> col(c).isNotNull()).reduce(Column::and).orElseThrow();
    Column conflicting = keyPresent.and(min(content).over(allCopies).notEqual(max(content).over(allCopies)));
    Column extraIdenticalCopy = keyPresent.and(not(conflicting)).and(row_number().over(copiesInOrder).gt(1));
    Column duplicateReasons = compacted(
        when(extraIdenticalCopy, lit(ReasonCode.DUPLICATE.name())),
        when(conflicting, lit(ReasonCode.CONFLICTING_DUPLICATE.name())));
    return rows
        .repartition(partitions, key)
        .withColumn(Columns.REASONS,
            when(extraIdenticalCopy.or(conflicting), concat(col(Columns.REASONS), duplicateReasons))
                .otherwise(col(Columns.REASONS)));
  }

  /** Text columns trimmed, with empty text as null (a blank field is a missing field). */
  public static Dataset<Row> withTrimmedText(Dataset<Row> rows, List<String> textColumns) {
    Dataset<Row> trimmed = rows;
    for (String name : textColumns) {
      Column value = trim(col(name));
      trimmed = trimmed.withColumn(name, when(value.equalTo(""), lit(null)).otherwise(value));
    }
    return trimmed;
  }

  /** True when any of {@code columns} is null. */
  public static Column anyMissing(List<String> columns) {
    return columns.stream().map(c -> col(c).isNull()).reduce(Column::or).orElseThrow();
  }

  /** True when the text is there but its parsed value is not: it did not parse. */
  public static Column unparsed(String text, String parsed) {
    return col(text).isNotNull().and(col(parsed).isNull());
  }

  /** Adds {@code reasons}: the codes of every rule the row fails, in rule order. */
  public static Dataset<Row> withReasons(Dataset<Row> rows, List<Rule> rules) {
    Column[] codes = rules.stream()
        .map(r -> when(coalesce(r.failsWhen(), lit(false)), lit(r.code().name())))
        .toArray(Column[]::new);
    Column failsAny = rules.stream().map(r -> coalesce(r.failsWhen(), lit(false))).reduce(Column::or).orElseThrow();
    return rows.withColumn(Columns.REASONS, when(failsAny, compacted(codes)).otherwise(NO_REASONS));
  }

  /**
   * An empty array of codes typed like {@link #compacted}'s (elements never null, as the output tables
   * declare): the first zero elements of a split of a literal, a constant expression.
   */
  private static final Column NO_REASONS = slice(split(lit(""), ","), 1, 0);

  /**
   * The non-null codes of {@code codes}, in order. Spark evaluates array_compact (a lambda filter) and array
   * concat row by row without generated code (13 % of the CPU samples when every row went through them): the
   * callers above only reach this for the rows that fail something, and give the others a constant.
   */
  private static Column compacted(Column... codes) {
    return array_compact(array(codes));
  }

  public static Column isClean() {
    return size(col(Columns.REASONS)).equalTo(0);
  }

  /** The row's text values as read: a struct is cheap to carry; JSON is rendered only when needed. */
  public static Column rawValues(List<String> textColumns) {
    return struct(textColumns.stream().map(c -> col(c)).toArray(Column[]::new));
  }

  /**
   * Adds {@code record} to quarantined rows (null on clean ones) and drops what it is made from: the raw line
   * when the reader could not split it, else the row's text values (see {@link #rawValues}) as JSON.
   */
  public static Dataset<Row> withRecordOfQuarantined(Dataset<Row> rows) {
    Column record = coalesce(col(Columns.CORRUPT_RECORD), to_json(col(RAW_VALUES)));
    return rows
        .withColumn(Columns.RECORD, when(isClean().unary_$bang(), record))
        .drop(RAW_VALUES, Columns.CORRUPT_RECORD);
  }
}
