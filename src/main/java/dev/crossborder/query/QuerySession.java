package dev.crossborder.query;

import dev.crossborder.model.JobException;
import dev.crossborder.model.OutputTables;
import dev.crossborder.model.TableSpec;
import dev.crossborder.publish.PublishedTables;
import dev.crossborder.shims.SparkShims;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.SparkSession;

/**
 * A sitting of the {@code sql} command: one Spark session answering statement after statement over the tables of an
 * output folder or a catalog database. A table of an output folder is opened (a view by its catalog name) when a
 * statement first names it, not before: opening a Delta table reads its log, and a question names one or two tables
 * of the fourteen.
 */
public final class QuerySession {
  private final SparkSession spark;
  /** The output folder, or null for a catalog database (whose tables answer to their names already). */
  private final String output;
  /** The output folder's tables, by catalog name, until a statement opens them. */
  private final Map<String, PublishedTables.Location> unopened = new LinkedHashMap<>();
  private final List<String> names = new ArrayList<>();

  private QuerySession(SparkSession spark, String output) {
    this.spark = spark;
    this.output = output;
  }

  /** Over the tables published under {@code output}; exit 2 when it is not a run's output folder or has none. */
  public static QuerySession overOutput(SparkSession spark, String output) {
    QuerySession session = new QuerySession(spark, output);
    // Views left by an earlier sitting in this Spark session (an embedding application) may be another folder's.
    OutputTables.ALL.forEach(spec -> spark.catalog().dropTempView(spec.catalogName()));
    Map<TableSpec, PublishedTables.Location> present =
        PublishedTables.present(spark, output, "query", OutputTables.ALL);
    if (present.isEmpty()) {
      throw PublishedTables.refused("query", output, "it holds no published table yet; run the job first");
    }
    present.forEach((spec, location) -> {
      session.unopened.put(spec.catalogName().toLowerCase(Locale.ROOT), location);
      session.names.add(spec.catalogName());
    });
    return session;
  }

  /** Over the tables of catalog database {@code database}; exit 2 when there is no such database. */
  public static QuerySession overDatabase(SparkSession spark, String database) {
    SqlQuery.useDatabase(spark, database);
    QuerySession session = new QuerySession(spark, null);
    try {
      for (var table : spark.catalog().listTables(database).collectAsList()) {
        session.names.add(table.name());
      }
    } catch (org.apache.spark.sql.AnalysisException e) {
      throw JobException.input("Cannot list the tables of database " + database + ": " + e.getMessage(), e);
    }
    return session;
  }

  /** The names a statement can use, in the contract's order (or the catalog's). */
  public List<String> tableNames() {
    return List.copyOf(names);
  }

  /**
   * Answers one statement as {@link SqlQuery#run} does, first opening the tables it names that are not open yet
   * (all of them for a statement that lists tables, such as SHOW TABLES).
   */
  public SqlQuery.Result answer(String statement, SqlQuery.Format format, int limit) {
    if (output != null && SqlQuery.listsTables(spark, statement)) {
      List.copyOf(unopened.keySet()).forEach(this::open);
    }
    while (true) {
      try {
        return SqlQuery.run(spark, statement, format, limit);
      } catch (JobException e) {
        Optional<String> missing = missingTable(e).filter(unopened::containsKey);
        if (missing.isEmpty()) {
          throw e;
        }
        open(missing.get());
      }
    }
  }

  private void open(String name) {
    PublishedTables.Location location = unopened.remove(name);
    PublishedTables.open(spark, output, "query", location).rows().createOrReplaceTempView(location.spec().catalogName());
  }

  /** The one-part table name a failed statement did not find, lower case, if that is why it failed. */
  static Optional<String> missingTable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SparkThrowable error && "TABLE_OR_VIEW_NOT_FOUND".equals(SparkShims.errorCondition(error))
          && error.getMessageParameters() != null) {
        String relation = error.getMessageParameters().get("relationName");
        if (relation != null && relation.matches("`[^`.]+`")) {
          return Optional.of(relation.substring(1, relation.length() - 1).toLowerCase(Locale.ROOT));
        }
      }
    }
    return Optional.empty();
  }
}
