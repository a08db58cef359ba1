package dev.crossborder.publish;

import static org.apache.spark.sql.functions.lit;

import dev.crossborder.config.OutputFormat;
import dev.crossborder.model.JobException;
import dev.crossborder.model.OutputTables;
import dev.crossborder.model.StoreFailure;
import dev.crossborder.model.TableSpec;
import dev.crossborder.shims.DeltaLogFiles;
import dev.crossborder.spark.DeltaLake;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The tables a run published under an output folder, for readers of that folder (the report, the {@code sql}
 * command): the folder must carry this tool's marker; each table found is read as Delta when it has a
 * {@code _delta_log}, else as Parquet (a run with {@code --format parquet}).
 */
public final class PublishedTables {
  private PublishedTables() {}

  private static final String DELTA_LOG = "_delta_log";
  /** The runs table's column of rule counts, added after the table's first version. */
  private static final String RUN_RULES = "rules";

  /** One table found under the output folder: how it is stored and its rows. */
  public record Found(TableSpec spec, OutputFormat format, String location, Dataset<Row> rows) {}

  /**
   * The tables of {@code wanted} present under {@code output}, in their order, opened but not read (those
   * missing are left out: the caller says whether it needs them). Exit 2, with {@code purpose} ("report on", "query")
   * in the message, when the folder is not a run's output folder or a table there cannot be opened or lacks contract
   * columns.
   */
  public static Map<TableSpec, Found> open(SparkSession spark, String output, String purpose,
      List<TableSpec> wanted) {
    Map<TableSpec, Found> found = new LinkedHashMap<>();
    present(spark, output, purpose, wanted).forEach((spec, location) ->
        found.put(spec, open(spark, output, purpose, location)));
    return found;
  }

  /** Where a table present under an output folder is, and how it is stored; not opened yet. */
  public record Location(TableSpec spec, OutputFormat format, String path) {}

  /**
   * The tables of {@code wanted} present under {@code output}, in their order, without opening them (opening a Delta
   * table reads its log: a query opens only those it names). Exit 2 as {@link #open(SparkSession, String, String,
   * List)}.
   */
  public static Map<TableSpec, Location> present(SparkSession spark, String output, String purpose,
      List<TableSpec> wanted) {
    Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
    String root = output.endsWith("/") ? output.substring(0, output.length() - 1) : output;
    Map<TableSpec, Location> present = new LinkedHashMap<>();
    try {
      Path folder = new Path(root);
      FileSystem fs = folder.getFileSystem(hadoopConf);
      if (!fs.isDirectory(folder)) {
        throw refused(purpose, output, (fs.exists(folder) ? "it is a file" : "the folder does not exist")
            + "; give the --output folder of a run");
      }
      if (!fs.exists(new Path(folder, OutputFolder.MARKER))) {
        throw refused(purpose, output, "it is not a crossborder-analytics output folder (no "
            + OutputFolder.MARKER + " marker); give the --output folder of a run");
      }
      for (TableSpec spec : wanted) {
        Path table = fs.makeQualified(new Path(folder, spec.relativePath()));
        if (fs.isDirectory(table)) {
          OutputFormat format =
              fs.isDirectory(new Path(table, DELTA_LOG)) ? OutputFormat.DELTA : OutputFormat.PARQUET;
          present.put(spec, new Location(spec, format, table.toString()));
        }
      }
    } catch (IOException e) {
      throw refused(purpose, output, StoreFailure.describe(e));
    }
    return present;
  }

  /** Opens a table {@link #present} found; exit 2 when it cannot be read or lacks contract columns. */
  public static Found open(SparkSession spark, String output, String purpose, Location location) {
    return new Found(location.spec(), location.format(), location.path(),
        read(spark, location.format(), location.path(), location.spec(), purpose, output));
  }

  private static Dataset<Row> read(SparkSession spark, OutputFormat format, String path, TableSpec spec,
      String purpose, String output) {
    if (format == OutputFormat.DELTA) {
      DeltaLake.require(purpose + " the Delta table " + spec.relativePath() + " of --output " + output, "");
    }
    Dataset<Row> read;
    try {
      read = format == OutputFormat.DELTA ? deltaAsParquet(spark, path).orElseGet(() -> load(spark, format, spec, path))
          : load(spark, format, spec, path);
    } catch (RuntimeException e) {
      throw refused(purpose, output,
          "table " + spec.relativePath() + " cannot be read: " + JobException.rootCauseMessage(e));
    }
    // The runs of versions before the rules column have none: their rules are unknown, not a reason to refuse.
    Dataset<Row> rows = spec.equals(OutputTables.RUNS) && !List.of(read.columns()).contains(RUN_RULES)
        ? read.withColumn(RUN_RULES, lit(null).cast(OutputTables.RULE_COUNTS)) : read;
    List<String> missing = spec.columnNames().stream().filter(c -> !List.of(rows.columns()).contains(c)).toList();
    if (!missing.isEmpty()) {
      throw refused(purpose, output, "table " + spec.relativePath() + " lacks columns " + missing
          + " (written by another version?); rerun the job");
    }
    return rows;
  }

  /**
   * The rows of the table of {@code spec} at {@code path}, stored in {@code format}. The runs table is appended to
   * run by run, so its Parquet files may be of versions with fewer columns: their schemas are merged.
   */
  static Dataset<Row> load(SparkSession spark, OutputFormat format, TableSpec spec, String path) {
    return format == OutputFormat.DELTA ? spark.read().format("delta").load(path)
        : spark.read().option("mergeSchema", spec.equals(OutputTables.RUNS)).parquet(path);
  }

  /**
   * The latest version of the Delta table at {@code path} read as the Parquet files its log lists (Delta Kernel reads
   * the log without Spark jobs: about 4 s less for a fresh JVM's first table); empty when the table must be read
   * through Delta: a feature that changes how its files read, a line without Kernel (Spark 3.5), or a platform's
   * Delta without it.
   */
  private static Optional<Dataset<Row>> deltaAsParquet(SparkSession spark, String path) {
    try {
      return DeltaLogFiles.latest(spark.sparkContext().hadoopConfiguration(), path)
          .flatMap(listed -> DeltaTableFiles.rows(spark, listed));
    } catch (RuntimeException | NoClassDefFoundError e) {
      // Delta reads every table Kernel does not (a catalog-managed one, say), and says why one cannot be read.
      return Optional.empty();
    }
  }

  /** Exit 2: "Cannot {purpose} --output {output}: {why}". */
  public static JobException refused(String purpose, String output, String why) {
    return JobException.input("Cannot " + purpose + " --output " + output + ": " + why);
  }
}
