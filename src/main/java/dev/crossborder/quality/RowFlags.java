package dev.crossborder.quality;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import dev.crossborder.model.Columns;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/** Evaluates quality rules as row-level flags: a {@code reasons} array per row, empty for a clean row. */
public final class RowFlags {
  private RowFlags() {}

  /** True on every copy of a key after the first, when all copies carry the same values. */
  public static final String IS_EXTRA_IDENTICAL_COPY = "_is_extra_identical_copy";
  private static final String COPY_CONTENT = "_copy_content";

  /** True on every copy of a key whose copies carry different values. */
  public static final String HAS_CONFLICTING_COPY = "_has_conflicting_copy";

  /**
   * Marks duplicates by key. Copies are compared on {@code content} (the normalised values), so a file
   * listing the same record twice is a DUPLICATE however it spells the numbers, and two different records
   * under one key are a CONFLICTING_DUPLICATE. One window over the key: the single shuffle over raw keys.
   */
  public static Dataset<Row> withDuplicateFlags(Dataset<Row> rows, List<String> keyColumns, Column content) {
    Column[] key = keyColumns.stream().map(c -> col(c)).toArray(Column[]::new);
    WindowSpec byKey = Window.partitionBy(key);
    Column keyPresent = keyColumns.stream().map(c -> col(c).isNotNull()).reduce(Column::and).orElseThrow();
    Column copyContent = col(COPY_CONTENT);
    // Content, min and max are each computed once; the row number shares the key's partitioning.
    return rows
        .withColumn(COPY_CONTENT, to_json(struct(content)))
        .withColumn(HAS_CONFLICTING_COPY,
            keyPresent.and(min(copyContent).over(byKey).notEqual(max(copyContent).over(byKey))))
        .withColumn(IS_EXTRA_IDENTICAL_COPY, keyPresent.and(col(HAS_CONFLICTING_COPY).unary_$bang())
            .and(row_number().over(byKey.orderBy(col(Columns.SOURCE_FILE), copyContent)).gt(1)))
        .drop(COPY_CONTENT);
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
    return rows.withColumn(Columns.REASONS, array_compact(array(codes)));
  }

  public static Column isClean() {
    return size(col(Columns.REASONS)).equalTo(0);
  }

  /** The quarantine record: the raw line when the reader could not split it, else the row's text values. */
  public static Column rawRecord(List<String> textColumns) {
    Column[] values = textColumns.stream().map(c -> col(c)).toArray(Column[]::new);
    return coalesce(col(Columns.CORRUPT_RECORD), to_json(struct(values)));
  }
}
