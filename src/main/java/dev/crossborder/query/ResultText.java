package dev.crossborder.query;

import java.util.ArrayList;
import java.util.List;

/**
 * A query result as text: an aligned table for people (numbers right-aligned, NULL for missing values) or CSV
 * (RFC 4180 quoting, an empty field for missing values) for scripts. Pure functions over the result's cells,
 * already rendered as Spark SQL renders values.
 */
public final class ResultText {
  private ResultText() {}

  /** Printed for a missing value in the aligned table. */
  static final String NULL = "NULL";

  /** The aligned table: header, a rule, one line per row (cells null when missing); no trailing spaces. */
  public static String table(List<String> columns, List<Boolean> rightAligned, List<List<String>> rows) {
    int[] widths = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      widths[i] = columns.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], shown(row.get(i)).length());
      }
    }
    StringBuilder text = new StringBuilder();
    line(text, columns, widths, i -> false);
    List<String> rule = new ArrayList<>();
    for (int width : widths) {
      rule.add("-".repeat(width));
    }
    text.append(String.join("-+-", rule)).append('\n');
    for (List<String> row : rows) {
      line(text, row.stream().map(ResultText::shown).toList(), widths, rightAligned::get);
    }
    return text.toString();
  }

  private interface Alignment {
    boolean right(int column);
  }

  private static void line(StringBuilder text, List<String> cells, int[] widths, Alignment alignment) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append(" | ");
      }
      String padding = " ".repeat(widths[i] - cells.get(i).length());
      line.append(alignment.right(i) ? padding + cells.get(i) : cells.get(i) + padding);
    }
    text.append(line.toString().stripTrailing()).append('\n');
  }

  private static String shown(String cell) {
    return cell == null ? NULL : cell;
  }

  /** CSV with a header line; fields quoted only when they hold a comma, a quote or a line break. */
  public static String csv(List<String> columns, List<List<String>> rows) {
    StringBuilder text = new StringBuilder();
    text.append(String.join(",", columns.stream().map(ResultText::csvField).toList())).append('\n');
    for (List<String> row : rows) {
      text.append(String.join(",", row.stream().map(ResultText::csvField).toList())).append('\n');
    }
    return text.toString();
  }

  static String csvField(String value) {
    if (value == null) {
      return "";
    }
    boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
    return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }
}
