package dev.crossborder.cli;

import dev.crossborder.config.JobOptions;
import dev.crossborder.model.JobException;
import dev.crossborder.query.QuerySession;
import dev.crossborder.query.SqlQuery;
import dev.crossborder.spark.SparkSessions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sql}: read-only SQL over the tables a run published, printed for people or scripts: one query, or a shell
 * that answers statement after statement in one session.
 */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {"Run read-only SQL queries over the tables a run published, from its --output folder (Delta or"
        + " Parquet) or from the catalog --database it registered them in, each by its table name: the gold tables"
        + " by name (market_share, gmv_growth, ...), silver_gmv_monthly, silver_shipment_cube, quarantine, runs.",
        "With a QUERY (or --file): that one query. Without (or with --shell): a shell in one Spark session, each"
            + " table opened when a statement first names it; statements end with ';' and may span lines; \\tables"
            + " lists the tables, \\timing shows each statement's time, \\q leaves. On a terminal it keeps a history"
            + " (~/.crossborder_sql_history); otherwise it reads the statements from standard input.",
        "Example: sql --output output \"SELECT platform_id, gmv_usd FROM gmv_growth WHERE period_label = '2025'"
            + " AND geo_level = 'global'\""},
    footer = {"", "Exit codes: 0 ok, 2 bad query (in a shell reading standard input: any statement failed), usage"
        + " error or not an output folder of a run, 1 other."})
final class SqlCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  /** The query: on the command line or in a file, one of the two. */
  static final class Source {
    @Parameters(arity = "1", paramLabel = "QUERY", description = "The SQL statement (quote it for the shell).")
    String text;

    @Option(names = JobOptions.SQL_FILE, required = true, paramLabel = "FILE",
        description = "Read the SQL statement from this file instead.")
    Path file;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Source source;

  @Option(names = JobOptions.SQL_SHELL, description = "Read statements one after another (the default without a"
      + " QUERY): from the terminal, with history, or from standard input.")
  boolean shell;

  @Option(names = JobOptions.SQL_TIMING, description = "Print each statement's time on stderr.")
  boolean timing;

  /** Where the tables are: a run's output folder, or a catalog database a run registered them in. */
  static final class Tables {
    @Option(names = JobOptions.OUTPUT, required = true, paramLabel = "DIR",
        description = "Output folder of a run (local path or Hadoop URI); no catalog needed.")
    String output;

    @Option(names = JobOptions.DATABASE, required = true, paramLabel = "NAME",
        description = "Catalog database a run registered its tables in (run --database NAME).")
    String database;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Tables tables;

  @Option(names = JobOptions.METASTORE, paramLabel = "DIR",
      description = "Local runs with --database: folder of the embedded Hive metastore (default: $"
          + JobOptions.METASTORE_ENV + ", else " + JobOptions.METASTORE_DEFAULT + ").")
  String metastore;

  @Option(names = JobOptions.SQL_FORMAT, defaultValue = JobOptions.SQL_FORMAT_DEFAULT, paramLabel = "table|csv|json",
      converter = FormatConverter.class,
      description = "table: aligned text (default); csv: a header line and RFC 4180 rows; json: one object per line.")
  SqlQuery.Format format;

  @Option(names = JobOptions.SQL_LIMIT, defaultValue = JobOptions.SQL_LIMIT_DEFAULT, paramLabel = "N",
      description = "Print at most N rows, saying so on stderr when there were more; 0 prints all"
          + " (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = JobOptions.VERBOSE, description = "Print stack traces of errors.")
  boolean verbose;

  @Override
  public Integer call() {
    if (limit < 0) {
      throw JobException.input(JobOptions.SQL_LIMIT + " must be 0 (all rows) or more, not " + limit);
    }
    if (shell && source != null) {
      throw JobException.input(JobOptions.SQL_SHELL + " reads its statements itself: give it no QUERY nor "
          + JobOptions.SQL_FILE);
    }
    String query = source == null ? null : source.file == null ? source.text : readQuery(source.file);
    if (tables.database != null && SparkSessions.usesLocalMetastore()) {
      // Opening a local metastore that is not there would create an empty one, and then find no database in it.
      Path folder = Path.of(JobOptions.metastoreFolder(metastore));
      if (!Files.isDirectory(SparkSessions.metastoreDatabase(folder))) {
        throw JobException.input("No metastore in " + folder + ": publish into it first with run --database "
            + tables.database + " (locally, with the same " + JobOptions.METASTORE + " or $"
            + JobOptions.METASTORE_ENV + ")");
      }
    }
    // A session that was already running (an embedding application, a test JVM) is not ours to stop.
    boolean sessionWasRunning = SparkSession.getDefaultSession().isDefined();
    SparkSession spark = SparkSessions.forJob("crossborder-analytics-sql",
        tables.database == null ? null : Path.of(JobOptions.metastoreFolder(metastore)));
    try {
      QuerySession session = tables.database == null ? QuerySession.overOutput(spark, tables.output)
          : QuerySession.overDatabase(spark, tables.database);
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (query == null) {
        return new SqlShell(session, format, limit, timing, out, err, () -> spark.sparkContext().cancelAllJobs())
            .run(System.in);
      }
      long start = System.nanoTime();
      print(session.answer(query, format, limit), format, limit, out, err);
      if (timing) {
        printTime(err, start);
      }
      return 0;
    } finally {
      if (!sessionWasRunning) {
        spark.stop();
      }
    }
  }

  /** A result as the command prints it: the rows, their count under a table, a note on stderr when cut short. */
  static void print(SqlQuery.Result result, SqlQuery.Format format, int limit, PrintWriter out, PrintWriter err) {
    out.print(result.text());
    if (format == SqlQuery.Format.TABLE) {
      out.printf(Locale.ROOT, "(%d row%s)%n", result.rows(), result.rows() == 1 ? "" : "s");
    }
    out.flush();
    if (result.truncated()) {
      err.printf(Locale.ROOT, "Only the first %d rows are printed; %s 0 prints all of them.%n", limit,
          JobOptions.SQL_LIMIT);
      err.flush();
    }
  }

  /** "Time: 0.412 s" on stderr: the time since {@code startNanos}. */
  static void printTime(PrintWriter err, long startNanos) {
    err.printf(Locale.ROOT, "Time: %.3f s%n", (System.nanoTime() - startNanos) / 1e9);
    err.flush();
  }

  private static String readQuery(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw JobException.input("Cannot read the query from " + file + ": " + e.getMessage(), e);
    }
  }

  /** Accepts table, csv or json in any case. */
  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<SqlQuery.Format> {
    @Override
    public SqlQuery.Format convert(String value) {
      try {
        return SqlQuery.Format.valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a format; use table, csv or json");
      }
    }
  }
}
