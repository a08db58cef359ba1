package dev.crossborder.publish;

import dev.crossborder.config.OutputFormat;
import dev.crossborder.model.JobException;
import dev.crossborder.model.OutputTables;
import dev.crossborder.model.SqlText;
import dev.crossborder.model.TableSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTableType;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import scala.Option;

/**
 * The published tables by name in the session's catalog ({@code run --database NAME}, DESIGN.md §7): each table
 * of {@link OutputTables#ALL} as an external table over its location, named by {@link TableSpec#catalogName()}.
 * Idempotent: a rerun, a refresh or a change of format leaves one table per name over the right location. A
 * name held by a table at another location is never touched: {@link #check} refuses it before the run writes.
 */
public final class CatalogTables {
  private CatalogTables() {}

  /** Where a catalog table points and what it is stored as, as the catalog says. */
  record Registered(String location, String provider) {}

  /**
   * Exit 2 unless the session's catalog outlives the run ({@code spark.sql.catalogImplementation=hive}, or a
   * catalog plugin named in {@code database} as {@code catalog.schema}): an in-memory catalog would lose the
   * names with the session.
   */
  public static void requirePersistentCatalog(SparkSession spark, String database) {
    boolean hive = "hive".equals(spark.conf().get("spark.sql.catalogImplementation", "in-memory"));
    boolean plugin = database.contains(".")
        && spark.conf().getOption("spark.sql.catalog." + database.substring(0, database.indexOf('.'))).isDefined();
    if (!hive && !plugin) {
      throw JobException.input("--database " + database + " needs a catalog that outlives the run, and this Spark"
          + " session's catalog is in memory: locally the job keeps a Hive metastore under --metastore (run it"
          + " without spark.sql.catalogImplementation set); on a cluster set spark.sql.catalogImplementation=hive"
          + " and hive.metastore.uris (or the Glue or Unity Catalog settings), see README, Query the tables");
    }
  }

  /**
   * Before anything is written: exit 2 when the catalog does not outlive the run, or naming the first table of
   * {@code database} that holds one of our names at another location than {@code output}'s (nothing is created,
   * dropped or written).
   */
  public static void check(SparkSession spark, String database, String output) {
    requirePersistentCatalog(spark, database);
    refuseNamesHeldElsewhere(spark, database, output);
  }

  /**
   * Registers every table published under {@code output} in {@code database} (created when missing) and
   * returns the qualified names; exit 2 as {@link #check} says.
   */
  public static List<String> register(SparkSession spark, String database, String output, OutputFormat format) {
    requirePersistentCatalog(spark, database);
    return registerTables(spark, database, output, format);
  }

  static void refuseNamesHeldElsewhere(SparkSession spark, String database, String output) {
    for (TableSpec spec : OutputTables.ALL) {
      String location = locationOf(spark, output, spec);
      registered(spark, database, spec).filter(found -> !sameLocation(found.location(), location)).ifPresent(found -> {
        throw JobException.input("Refusing --database " + database + ": table " + qualifiedName(database, spec)
            + " already exists over " + found.location() + ", not over this output's " + location
            + "; drop it there or choose another --database");
      });
    }
  }

  /**
   * The registration in any catalog. A table already registered over the same location is kept when it is Delta
   * (its schema and comments live in its log) and recreated otherwise, so that a Parquet table's schema, comments
   * and partitions are the latest run's and a change of format changes its provider.
   */
  static List<String> registerTables(SparkSession spark, String database, String output, OutputFormat format) {
    refuseNamesHeldElsewhere(spark, database, output);
    spark.sql("CREATE DATABASE IF NOT EXISTS " + identifier(database));
    List<String> names = new ArrayList<>();
    String provider = format.name().toLowerCase(Locale.ROOT);
    for (TableSpec spec : OutputTables.ALL) {
      String location = locationOf(spark, output, spec);
      String name = qualifiedName(database, spec);
      Optional<Registered> found = registered(spark, database, spec);
      if (found.isPresent() && found.get().provider().equals(provider) && format == OutputFormat.DELTA) {
        names.add(name);
        continue;
      }
      if (found.isPresent()) {
        // External (it has a location): dropping it removes the name, never the files. From the session catalog
        // without opening the table, which after a change of format is not what the entry says.
        if (database.contains(".")) {
          spark.sql("DROP TABLE " + name);
        } else {
          spark.sessionState().catalog().dropTable(sessionName(database, spec), true, false);
        }
      }
      spark.sql(format == OutputFormat.DELTA
          ? "CREATE TABLE " + name + " USING delta LOCATION " + SqlText.literal(location)
          : parquetDdl(name, spec, location));
      if (format == OutputFormat.PARQUET && !spec.partitionColumns().isEmpty()) {
        spark.sql("ALTER TABLE " + name + " RECOVER PARTITIONS");
      }
      names.add(name);
    }
    return names;
  }

  /** CREATE TABLE of a Parquet table: the contract's columns, types and comments, partitions, table comment. */
  static String parquetDdl(String name, TableSpec spec, String location) {
    List<String> columns = spec.columns().stream()
        .map(c -> SqlText.identifier(c.name()) + " " + c.type().sql() + " COMMENT " + SqlText.literal(c.comment()))
        .toList();
    String partitions = spec.partitionColumns().isEmpty() ? ""
        : " PARTITIONED BY (" + String.join(", ", spec.partitionColumns().stream().map(SqlText::identifier).toList())
            + ")";
    return "CREATE TABLE " + name + " (" + String.join(", ", columns) + ") USING parquet" + partitions
        + " COMMENT " + SqlText.literal(spec.comment()) + " LOCATION " + SqlText.literal(location);
  }

  /**
   * The table holding {@code spec}'s name in {@code database}, if any: its location and provider. For the session
   * catalog (Hive metastore) from the catalog's own entry, without opening the table: after a change of format
   * the location no longer holds what the entry says (a Delta entry over a Parquet folder cannot be opened).
   */
  static Optional<Registered> registered(SparkSession spark, String database, TableSpec spec) {
    if (!database.contains(".")) {
      SessionCatalog catalog = spark.sessionState().catalog();
      TableIdentifier name = sessionName(database, spec);
      if (!catalog.databaseExists(database) || !catalog.tableExists(name)) {
        return Optional.empty();
      }
      CatalogTable entry;
      try {
        entry = catalog.getTableMetadata(name);
      } catch (Exception goneSinceTheLookUp) { // Scala's undeclared NoSuchNamespace- or NoSuchTableException
        return Optional.empty();
      }
      String location = entry.tableType().equals(CatalogTableType.VIEW()) || entry.location() == null
          ? NO_LOCATION : entry.location().toString();
      return Optional.of(new Registered(location, entry.provider().getOrElse(() -> "").toLowerCase(Locale.ROOT)));
    }
    if (!spark.catalog().databaseExists(database) || !spark.catalog().tableExists(database, spec.catalogName())) {
      return Optional.empty();
    }
    String location = NO_LOCATION;
    String provider = "";
    for (Row row : spark.sql("DESCRIBE TABLE EXTENDED " + qualifiedName(database, spec)).collectAsList()) {
      String key = row.isNullAt(0) ? "" : row.getString(0).strip();
      if (key.equals("Location")) {
        location = row.getString(1);
      } else if (key.equals("Provider")) {
        provider = row.getString(1).toLowerCase(Locale.ROOT);
      }
    }
    return Optional.of(new Registered(location, provider));
  }

  private static TableIdentifier sessionName(String database, TableSpec spec) {
    return new TableIdentifier(spec.catalogName(), Option.apply(database));
  }

  private static final String NO_LOCATION = "(no location: a managed table or a view)";

  /** Where {@code spec} is published under {@code output}, qualified (file:/..., s3a://...). */
  static String locationOf(SparkSession spark, String output, TableSpec spec) {
    Path path = new Path((output.endsWith("/") ? output : output + "/") + spec.relativePath());
    try {
      return path.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(path).toString();
    } catch (IOException e) {
      throw JobException.input("Cannot resolve --output " + output + ": " + e.getMessage(), e);
    }
  }

  /** Locations as catalogs print them (file:/x, file:///x, with or without a trailing slash) compared. */
  static boolean sameLocation(String a, String b) {
    return normalized(a).equals(normalized(b));
  }

  private static String normalized(String location) {
    String text = location.replaceFirst("^file:///", "file:/");
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  public static String qualifiedName(String database, TableSpec spec) {
    return identifier(database) + "." + SqlText.identifier(spec.catalogName());
  }

  /** A database name, quoted part by part ({@code catalog.schema} stays two parts). */
  public static String identifier(String database) {
    return String.join(".", java.util.Arrays.stream(database.split("\\.")).map(SqlText::identifier).toList());
  }
}
