package dev.crossborder.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.crossborder.model.Columns;
import dev.crossborder.model.TableSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Compares frames the way Spark's own QueryTest does: schema first, then rows ignoring order, doubles to 9
 * significant digits, decimals by value; a failure lists the missing and unexpected rows.
 */
public final class FrameAssert {
  private FrameAssert() {}

  /** The frame has exactly the spec's columns (run_id aside), in order, with the spec's types. */
  public static void assertSchema(TableSpec spec, Dataset<Row> actual) {
    List<String> expected = spec.columns().stream().filter(c -> !c.name().equals(Columns.RUN_ID))
        .map(c -> c.name() + ":" + c.type().simpleString()).toList();
    List<String> got = Arrays.stream(actual.schema().fields())
        .map(f -> f.name() + ":" + f.dataType().simpleString()).toList();
    assertEquals(expected, got, "schema of " + spec.name());
  }

  /** The frame, reduced to {@code columns}, holds exactly {@code expected} rows (in any order). */
  public static void assertRows(Dataset<Row> actual, List<String> columns, List<Object[]> expected) {
    Column[] select = columns.stream().map(functions::col).toArray(Column[]::new);
    List<String> got = actual.select(select).collectAsList().stream().map(FrameAssert::normalise).sorted().toList();
    List<String> want = expected.stream().map(FrameAssert::normalise).sorted().toList();
    if (!got.equals(want)) {
      List<String> missing = new ArrayList<>(want);
      got.forEach(missing::remove);
      List<String> unexpected = new ArrayList<>(got);
      want.forEach(unexpected::remove);
      fail("Rows differ on " + columns + "\n  missing:    " + missing + "\n  unexpected: " + unexpected);
    }
  }

  /** One row by key from a frame, failing unless exactly one matches. */
  public static Row single(Dataset<Row> frame, Column filter) {
    List<Row> rows = frame.filter(filter).collectAsList();
    assertEquals(1, rows.size(), "rows matching " + filter);
    return rows.get(0);
  }

  public static Object[] row(Object... values) {
    return values;
  }

  private static String normalise(Row row) {
    Object[] values = new Object[row.size()];
    for (int i = 0; i < row.size(); i++) {
      values[i] = row.get(i);
    }
    return normalise(values);
  }

  private static String normalise(Object[] values) {
    return Arrays.stream(values).map(FrameAssert::normaliseValue).collect(Collectors.joining(" | ", "[", "]"));
  }

  private static String normaliseValue(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Math.abs(d) < 1e-12 ? "0" : String.format(Locale.ROOT, "%.9g", d);
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return String.valueOf(((Number) value).longValue());
    }
    return value.toString();
  }
}
