package dev.crossborder.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Exact multiset comparison of two small frames (published tables of a test run), as {@code exceptAll} both ways
 * and equal counts would check it, from one collect per side: the four actions that takes in Spark were most of
 * the time of the tests that compare whole outputs table by table.
 */
public final class SameRows {
  private SameRows() {}

  private static final int EXAMPLES = 3;

  /** Empty when both frames hold the same rows as often; otherwise what differs, with a few example rows. */
  public static String differences(Dataset<Row> expected, Dataset<Row> actual) {
    if (!expected.schema().equals(actual.schema())) {
      return "schema " + actual.schema().simpleString() + " instead of " + expected.schema().simpleString();
    }
    Map<Row, Integer> surplus = new HashMap<>(); // > 0: only in actual, < 0: only in expected
    List<Row> expectedRows = expected.collectAsList();
    List<Row> actualRows = actual.collectAsList();
    expectedRows.forEach(row -> surplus.merge(row, -1, Integer::sum));
    actualRows.forEach(row -> surplus.merge(row, 1, Integer::sum));
    List<Row> missing = new ArrayList<>();
    List<Row> extra = new ArrayList<>();
    long missingCount = 0;
    long extraCount = 0;
    for (Map.Entry<Row, Integer> entry : surplus.entrySet()) {
      int times = entry.getValue();
      if (times < 0) {
        missingCount -= times;
        if (missing.size() < EXAMPLES) {
          missing.add(entry.getKey());
        }
      } else if (times > 0) {
        extraCount += times;
        if (extra.size() < EXAMPLES) {
          extra.add(entry.getKey());
        }
      }
    }
    if (missingCount == 0 && extraCount == 0) {
      return "";
    }
    return expectedRows.size() + " rows expected, " + actualRows.size() + " found; " + missingCount
        + " missing (e.g. " + missing + "), " + extraCount + " extra (e.g. " + extra + ")";
  }
}
