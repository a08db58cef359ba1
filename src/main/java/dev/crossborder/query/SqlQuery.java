package dev.crossborder.query;

import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import dev.crossborder.model.JobException;
import dev.crossborder.model.SqlText;
import dev.crossborder.model.TableSpec;
import dev.crossborder.publish.CatalogTables;
import dev.crossborder.shims.SparkShims;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code sql} command's work: one read-only query over the published tables (views by their catalog names,
 * {@link TableSpec#catalogName()}, opened by {@link QuerySession}), its first rows rendered as text.
 */
public final class SqlQuery {
  private SqlQuery() {}

  /** How the result is printed. */
  public enum Format { TABLE, CSV, JSON }

  /** The rows printed, and whether the query had more than the limit. */
  public record Result(String text, int rows, boolean truncated) {}

  /**
   * Makes {@code database} the session's current database, so that its tables answer to their names; exit 2
   * when the catalog does not outlive the session or has no such database.
   */
  public static void useDatabase(SparkSession spark, String database) {
    CatalogTables.requirePersistentCatalog(spark, database);
    if (!spark.catalog().databaseExists(database)) {
      throw JobException.input("The catalog has no database " + database + "; publish into it first with run"
          + " --database " + database + " (locally, with the same --metastore)");
    }
    spark.sql("USE " + CatalogTables.identifier(database));
  }

  /**
   * Runs {@code query} (one statement; a trailing semicolon is allowed) and renders at most {@code limit} rows
   * (0: all). A query Spark rejects, or one that would write or change anything, is exit 2 with Spark's message
   * cut to its first line.
   */
  public static Result run(SparkSession spark, String query, Format format, int limit) {
    String statement = withoutSemicolons(query);
    if (statement.isEmpty()) {
      throw JobException.input("The query is empty; give one SQL statement, e.g. \"SELECT * FROM market_share\"");
    }
    try {
      requireReadOnly(spark, statement);
      Dataset<Row> result = spark.sql(statement);
      // One row past the limit tells whether there were more. The limit goes on top of the rows rendered as text, so
      // that an ORDER BY under it is planned as a top-N in one stage rather than a sampled, shuffled sort.
      int fetched = limit > 0 ? limit + 1 : 0;
      List<String> lines = format == Format.JSON ? jsonLines(result, fetched) : null;
      List<List<String>> cells = format == Format.JSON ? null : cells(result, fetched);
      int count = format == Format.JSON ? lines.size() : cells.size();
      boolean truncated = limit > 0 && count > limit;
      int rows = truncated ? limit : count;
      String text = switch (format) {
        case JSON -> lines.subList(0, rows).stream().map(line -> line + "\n").reduce("", String::concat);
        case CSV -> ResultText.csv(Arrays.asList(result.columns()), cells.subList(0, rows));
        case TABLE -> ResultText.table(Arrays.asList(result.columns()), rightAligned(result), cells.subList(0, rows));
      };
      return new Result(text, rows, truncated);
    } catch (JobException e) {
      throw e;
    } catch (Exception e) { // Spark's AnalysisException is a checked exception that Scala throws undeclared
      SparkThrowable userError = userError(e);
      if (userError != null) {
        throw failed((Throwable) userError);
      }
      throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    }
  }

  /** Whether {@code statement} lists the tables (SHOW TABLES, SHOW VIEWS); false for one that does not parse. */
  static boolean listsTables(SparkSession spark, String statement) {
    try {
      String kind = spark.sessionState().sqlParser().parsePlan(withoutSemicolons(statement)).getClass().getSimpleName();
      return kind.startsWith("ShowTables") || kind.startsWith("ShowViews");
    } catch (ParseException e) {
      return false;
    }
  }

  private static String withoutSemicolons(String query) {
    String statement = query.strip();
    while (statement.endsWith(";")) {
      statement = statement.substring(0, statement.length() - 1).strip();
    }
    return statement;
  }

  /** Refuses a statement that writes or changes something; DESCRIBE and SHOW statements are read-only. */
  private static void requireReadOnly(SparkSession spark, String statement) {
    LogicalPlan plan;
    try {
      plan = spark.sessionState().sqlParser().parsePlan(statement);
    } catch (ParseException e) {
      throw failed(e);
    }
    String kind = plan.getClass().getSimpleName();
    boolean reads = kind.startsWith("Describe") || kind.startsWith("Show") || kind.startsWith("Explain");
    if (!reads && (plan instanceof Command || kind.startsWith("InsertInto") || plan.isStreaming())) {
      throw JobException.input("The query would change something (" + kind + "): sql runs read-only statements"
          + " (SELECT, WITH, DESCRIBE, SHOW, EXPLAIN) over the published tables");
    }
  }

  /** At most {@code limit} (0: all) of {@code rows}. */
  private static <T> Dataset<T> first(Dataset<T> rows, int limit) {
    return limit > 0 ? rows.limit(limit) : rows;
  }

  /**
   * The first {@code limit} rows' values (0: all) as Spark SQL prints them (CAST AS STRING; nested values as JSON),
   * null when missing.
   */
  private static List<List<String>> cells(Dataset<Row> result, int limit) {
    List<Column> asText = new ArrayList<>();
    for (StructField field : result.schema().fields()) {
      Column value = result.col(SqlText.identifier(field.name()));
      asText.add((isNested(field.dataType()) ? to_json(value) : value.cast("string")).as(field.name()));
    }
    List<List<String>> cells = new ArrayList<>();
    for (Row row : first(result.select(asText.toArray(Column[]::new)), limit).collectAsList()) {
      List<String> line = new ArrayList<>();
      for (int i = 0; i < row.length(); i++) {
        line.add(row.isNullAt(i) ? null : row.getString(i));
      }
      cells.add(line);
    }
    return cells;
  }

  /**
   * One JSON object for each of the first {@code limit} rows (0: all), missing values as null (not left out, so every
   * line has every key).
   */
  private static List<String> jsonLines(Dataset<Row> result, int limit) {
    Column[] fields = Arrays.stream(result.columns()).map(name -> result.col(SqlText.identifier(name))).toArray(Column[]::new);
    return first(result.select(to_json(struct(fields), Map.of("ignoreNullFields", "false"))), limit)
        .as(Encoders.STRING()).collectAsList();
  }

  private static List<Boolean> rightAligned(Dataset<Row> result) {
    return Arrays.stream(result.schema().fields()).map(f -> f.dataType() instanceof NumericType).toList();
  }

  private static boolean isNested(DataType type) {
    return type instanceof StructType || type instanceof ArrayType || type instanceof MapType;
  }

  /** The Spark error in {@code e}'s causes that a user's query caused (not an internal error), or null. */
  private static SparkThrowable userError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SparkThrowable sparkError && SparkShims.errorCondition(sparkError) != null
          && !sparkError.isInternalError()) {
        return sparkError;
      }
    }
    return null;
  }

  private static JobException failed(Throwable sparkError) {
    return JobException.input("The query failed: " + JobException.firstLine(sparkError.getMessage()), sparkError);
  }
}
