package dev.crossborder.model;

/** Values and names written into Spark SQL text (conditions, DDL), quoted so that any content stays one token. */
public final class SqlText {
  private SqlText() {}

  /** A Spark SQL string literal (backslash escapes are on by default). */
  public static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** A quoted identifier: a database, table or column name. */
  public static String identifier(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
