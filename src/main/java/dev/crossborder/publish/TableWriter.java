package dev.crossborder.publish;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import dev.crossborder.config.OutputFormat;
import dev.crossborder.model.Columns;
import dev.crossborder.model.TableSpec;
import dev.crossborder.model.TableSpec.ColumnSpec;
import dev.crossborder.shims.SparkShims;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.CreateTableWriter;
import org.apache.spark.sql.DataFrameWriterV2;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;

/**
 * Publishes one table: stamps run_id, enforces the contract's column order and types, attaches the column
 * comments, and replaces the table atomically (one Delta commit, or a staged Parquet folder swapped in).
 */
public final class TableWriter {
  private static final String ROWS = "rows";
  /** Tables {@link #writeAll} writes at once: enough to keep a laptop's cores busy between commits. */
  static final int CONCURRENT_WRITES = 4;

  /** Beside each Parquet table: its dictionary entry (table comment, grain, columns). */
  public static final String DESCRIPTION_SIDECAR = "_description.md";

  private final SparkSession spark;
  private final String outputRoot;
  private final OutputFormat format;
  private final String runId;

  /** What a write produced, for the run report. */
  public record WrittenTable(String name, String path, long rows, Long deltaVersion) {}

  /** Runs before every commit: the output lock's check that this run still holds the folder. */
  private final Runnable beforeCommit;
  private final DeltaCommits deltaCommits;

  public TableWriter(SparkSession spark, String outputRoot, OutputFormat format, String runId) {
    this(spark, outputRoot, format, runId, () -> {});
  }

  /** A writer that calls {@code beforeCommit} before each table it commits (it throws to stop the run). */
  public TableWriter(SparkSession spark, String outputRoot, OutputFormat format, String runId, Runnable beforeCommit) {
    this.spark = spark;
    this.outputRoot = outputRoot.endsWith("/") ? outputRoot.substring(0, outputRoot.length() - 1) : outputRoot;
    this.format = format;
    this.runId = runId;
    this.beforeCommit = beforeCommit;
    this.deltaCommits = format == OutputFormat.DELTA
        ? DeltaCommits.read(spark.sparkContext().hadoopConfiguration(), this.outputRoot) : null;
  }

  /** Records the Delta versions this run committed, for the next run (see {@link DeltaCommits}). */
  public void recordDeltaVersions() {
    if (deltaCommits != null) {
      deltaCommits.write();
    }
  }

  public String pathOf(TableSpec spec) {
    return outputRoot + "/" + spec.relativePath();
  }

  /**
   * A table to publish: {@code data} holds every column of {@code spec} but run_id. With a {@code replaceWhere}
   * condition only the rows matching it are replaced (see {@link #replaceWhere}); without one, the whole table.
   */
  public record Pending(TableSpec spec, Dataset<Row> data, String replaceWhere) {
    public Pending(TableSpec spec, Dataset<Row> data) {
      this(spec, data, null);
    }
  }

  /** {@code data} holds every column of {@code spec} but run_id. */
  public WrittenTable write(TableSpec spec, Dataset<Row> data) {
    WrittenTable written = publish(spec, data);
    removeRunStaging();
    return written;
  }

  /**
   * Writes {@code tables} as {@link #write} does, up to {@link #CONCURRENT_WRITES} at a time, and returns what
   * was written in their order. Each table is still replaced by one commit (or swap) of its own; running them
   * side by side overlaps what one write spends outside Spark jobs (planning, the Delta commit and log reads:
   * about half the time of a small table's write) with another's jobs. Returns only once no write runs any
   * more; when one fails, those not started are dropped and the first failure is thrown.
   */
  public List<WrittenTable> writeAll(List<Pending> tables) {
    List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(CONCURRENT_WRITES, tables.size())),
        runnable -> {
          Thread thread = new Thread(runnable, "table-writer");
          thread.setDaemon(true);
          threads.add(thread);
          return thread;
        });
    List<Future<WrittenTable>> futures = new ArrayList<>();
    List<WrittenTable> written = new ArrayList<>();
    RuntimeException failure = null;
    try {
      for (Pending table : tables) {
        futures.add(pool.submit(() -> table.replaceWhere() == null ? publish(table.spec(), table.data())
            : replaceRows(table.spec(), table.data(), table.replaceWhere())));
      }
      for (int i = 0; i < futures.size() && failure == null; i++) {
        try {
          written.add(futures.get(i).get());
        } catch (ExecutionException e) {
          // Spark's own exceptions are checked ones thrown from Scala: those are wrapped, naming the table.
          failure = e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(
              "Publishing " + tables.get(i).spec().name() + " failed: " + e.getCause().getMessage(), e.getCause());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = new IllegalStateException("Interrupted while publishing tables", e);
    } finally {
      // A write in progress is never abandoned (the caller releases the output lock after this returns); those
      // not started are dropped once one failed.
      futures.forEach(f -> f.cancel(false));
      pool.shutdown();
      awaitWithoutInterrupt(pool, threads);
    }
    try {
      removeRunStaging();
    } catch (RuntimeException e) {
      if (failure == null) {
        throw e;
      }
      failure.addSuppressed(e);
    }
    if (failure != null) {
      throw failure;
    }
    return written;
  }

  /** Waits for the pool to end, then for its threads to exit (a terminated pool's last thread may still run). */
  private static void awaitWithoutInterrupt(ExecutorService pool, List<Thread> threads) {
    boolean interrupted = false;
    while (!pool.isTerminated()) {
      try {
        pool.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    for (Thread thread : List.copyOf(threads)) {
      while (thread.isAlive()) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private WrittenTable publish(TableSpec spec, Dataset<Row> data) {
    Dataset<Row> table = asPublished(spec, data);
    String path = pathOf(spec);
    CrashTestHook.pauseBefore(spec.name());
    beforeCommit.run();
    if (format == OutputFormat.DELTA) {
      // CREATE OR REPLACE TABLE AS SELECT: one commit carrying the data, the schema with column comments,
      // the table comment and the run id, so readers see the old version or the new one, never a mix.
      newDeltaTable(spec, table, path).createOrReplace();
      return lastDeltaCommit(spec, path);
    }
    // Parquet rows are counted while they are written, instead of reading the table back.
    Observation written = new Observation(spec.name());
    writeParquetSwapped(table.observe(written, count(lit(1)).as(ROWS)), spec, path);
    return new WrittenTable(spec.name(), path, rowsOf(written), null);
  }

  /**
   * Replaces the rows of an existing table that match {@code condition} (Spark SQL over the table's columns)
   * with {@code data} (every column of {@code spec} but run_id; every row must match the condition), leaving
   * the other rows as they are, run_id included. Delta: one {@code replaceWhere} commit, which also checks
   * that the new rows match. Parquet: the kept rows and the new ones are written to staging and swapped in.
   * The rows reported are the rows this run wrote.
   */
  public WrittenTable replaceWhere(TableSpec spec, Dataset<Row> data, String condition) {
    WrittenTable written = replaceRows(spec, data, condition);
    removeRunStaging();
    return written;
  }

  private WrittenTable replaceRows(TableSpec spec, Dataset<Row> data, String condition) {
    Dataset<Row> fresh = conformed(spec, data.withColumn(Columns.RUN_ID, lit(runId)));
    String path = pathOf(spec);
    CrashTestHook.pauseBefore(spec.name());
    beforeCommit.run();
    if (format == OutputFormat.DELTA) {
      fresh.write().format("delta").mode(SaveMode.Overwrite)
          .option("replaceWhere", condition)
          .option("userMetadata", "run_id=" + runId)
          .save(path);
      return lastDeltaCommit(spec, path);
    }
    Observation written = new Observation(spec.name());
    // Kept rows are already in the contract's types; a cast would fail on nullability alone (Parquet reads
    // every array as holding nulls), so they are only put in column order.
    Dataset<Row> kept = spark.read().parquet(path)
        .filter(coalesce(expr(condition), lit(false)).unary_$bang())
        .select(spec.columnNames().stream().map(c -> col(c)).toArray(Column[]::new));
    writeParquetSwapped(fresh.observe(written, count(lit(1)).as(ROWS)).unionByName(kept), spec, path);
    return new WrittenTable(spec.name(), path, rowsOf(written), null);
  }

  /** Rows written and version of this run's latest commit to the table (see {@link DeltaCommits}). */
  private WrittenTable lastDeltaCommit(TableSpec spec, String path) {
    DeltaCommits.Commit commit = deltaCommits.committed(spec, path, runId);
    return new WrittenTable(spec.name(), path, commit.rows(), commit.version());
  }

  /** Reads a published table back (gold is computed from the silver tables as published). */
  public Dataset<Row> read(TableSpec spec) {
    return PublishedTables.load(spark, format, spec, pathOf(spec));
  }

  private static long rowsOf(Observation observation) {
    try {
      return ((Number) observation.getAsJava().get(ROWS)).longValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while counting written rows", e);
    }
  }

  /**
   * A partitioned table without rows has no partition, so Spark writes no data file into it, and no reader (Spark,
   * DuckDB, a BI engine) finds a schema there. Such a table gets one empty file in one empty partition instead, laid
   * out as every partition is (the data columns in the file, the partition column in the folder's name), so that
   * it reads as an empty table of the contract's columns and types. The partitioned tables here are all partitioned
   * by month_start, a date: the empty partition is {@link #EMPTY_PARTITION_DATE}.
   */
  private void keepSchemaOfEmptyTable(Dataset<Row> table, TableSpec spec, Path folder) throws IOException {
    FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
    for (var files = fs.listFiles(folder, true); files.hasNext(); ) {
      if (files.next().getPath().getName().endsWith(".parquet")) {
        return;
      }
    }
    Path partition = folder;
    for (String column : spec.partitionColumns()) {
      partition = new Path(partition, column + "=" + EMPTY_PARTITION_DATE);
    }
    Path empty = new Path(folder, "_empty");
    spark.createDataFrame(List.of(), table.schema()).drop(spec.partitionColumns().toArray(String[]::new))
        .coalesce(1).write().parquet(empty.toString());
    fs.mkdirs(partition);
    for (FileStatus file : fs.listStatus(empty, p -> p.getName().endsWith(".parquet"))) {
      if (!fs.rename(file.getPath(), new Path(partition, file.getPath().getName()))) {
        throw new IOException("could not move " + file.getPath() + " into " + partition);
      }
    }
    fs.delete(empty, true);
  }

  /** The partition value of a partitioned table without rows (see {@link #keepSchemaOfEmptyTable}). */
  static final String EMPTY_PARTITION_DATE = "1970-01-01";

  /**
   * Appends {@code data} (every column of {@code spec} but run_id) as one commit: for tables that keep
   * history, such as the runs table.
   */
  public void append(TableSpec spec, Dataset<Row> data) {
    Dataset<Row> table = conformed(spec, data.withColumn(Columns.RUN_ID, lit(runId)));
    String path = pathOf(spec);
    beforeCommit.run();
    if (format == OutputFormat.DELTA) {
      try {
        if (DeltaTable.isDeltaTable(spark, path)) {
          // A column added since the table was created (the runs table's rules) joins the table's schema.
          deltaTable(table, path).option("mergeSchema", "true").append();
        } else {
          newDeltaTable(spec, table, path).create();
        }
      } catch (NoSuchTableException | TableAlreadyExistsException e) {
        throw new IllegalStateException("Appending to " + path + " raced with another writer: " + e.getMessage(), e);
      }
    } else {
      table.coalesce(1).write().mode(SaveMode.Append).parquet(path);
      // Rewritten on every append, so the description follows the table definition of the latest run.
      try {
        writeDescription(spec, new Path(path), true);
      } catch (IOException e) {
        throw new IllegalStateException("Describing " + path + " failed: " + e.getMessage(), e);
      }
    }
  }

  /** Writes to the Delta table at {@code path}, each commit tagged with this run. */
  private DataFrameWriterV2<Row> deltaTable(Dataset<Row> table, String path) {
    return table.writeTo("delta.`" + qualified(path).replace("`", "``") + "`").option("userMetadata", "run_id=" + runId);
  }

  /**
   * Writes that create (or replace) the Delta table at {@code path} with the table's comment and partitioning. Typed
   * as {@link CreateTableWriter}, which every Spark line returns from {@code using} (Spark 4 returns a subtype).
   */
  private CreateTableWriter<Row> newDeltaTable(TableSpec spec, Dataset<Row> table, String path) {
    List<Column> partitions = spec.partitionColumns().stream().map(c -> col(c)).toList();
    CreateTableWriter<Row> writer = deltaTable(table, path).using("delta").tableProperty("comment", spec.comment());
    return partitions.isEmpty() ? writer : SparkShims.partitionedBy(writer, partitions);
  }

  /** Delta takes a path as a table name only when it is absolute, so relative output paths are qualified. */
  private String qualified(String path) {
    Path hadoopPath = new Path(path);
    try {
      return hadoopPath.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(hadoopPath).toString();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot resolve " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@code data} (every column of {@code spec} but run_id) as this writer publishes it: with its run_id, in the
   * contract's column order and types. No write: for readers in the same run that need the published rows.
   */
  public Dataset<Row> asPublished(TableSpec spec, Dataset<Row> data) {
    return conformed(spec, data.withColumn(Columns.RUN_ID, lit(runId)));
  }

  /** Selects the contract columns in order, cast to the contract type, each with its comment. */
  static Dataset<Row> conformed(TableSpec spec, Dataset<Row> data) {
    List<Column> columns = new ArrayList<>();
    for (ColumnSpec column : spec.columns()) {
      Metadata comment = new MetadataBuilder().putString("comment", column.comment()).build();
      columns.add(col(column.name()).cast(column.type()).as(column.name(), comment));
    }
    return data.select(columns.toArray(Column[]::new));
  }

  /**
   * Parquet keeps column comments in its Spark schema footer but has no table comment: a sidecar does (readers
   * skip names starting with '_').
   */
  private void writeDescription(TableSpec spec, Path folder, boolean overwrite) throws IOException {
    Path description = new Path(folder, DESCRIPTION_SIDECAR);
    FileSystem fs = description.getFileSystem(spark.sparkContext().hadoopConfiguration());
    try (java.io.OutputStream out = fs.create(description, overwrite)) {
      out.write(DataDictionary.markdown(spec).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /**
   * Parquet has no transaction log, so the table is written beside the live one and swapped in by renames:
   * a reader sees the old folder or the new one, never a half-written one.
   */
  private void writeParquetSwapped(Dataset<Row> table, TableSpec spec, String path) {
    String staging = outputRoot + "/" + OutputFolder.STAGING + "/" + runId + "/" + spec.layer() + "_" + spec.name();
    table.write().mode(SaveMode.ErrorIfExists).partitionBy(spec.partitionColumns().toArray(String[]::new))
        .parquet(staging);
    try {
      if (!spec.partitionColumns().isEmpty()) {
        keepSchemaOfEmptyTable(table, spec, new Path(staging));
      }
      writeDescription(spec, new Path(staging), false);
      Path target = new Path(path);
      FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Path retired = new Path(staging + "-retired");
      fs.mkdirs(target.getParent());
      boolean hadOld = fs.exists(target);
      if (hadOld && !fs.rename(target, retired)) {
        throw new IOException("could not move the previous " + path + " aside");
      }
      if (!fs.rename(new Path(staging), target)) {
        throw new IOException("could not move the new table into " + path);
      }
      if (hadOld) {
        fs.delete(retired, true);
      }
    } catch (IOException e) {
      throw new IllegalStateException("Publishing " + path + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Removes this run's staging folder, and the staging root when nothing else is in it. Only between writes:
   * tables written side by side ({@link #writeAll}) stage in the same run folder.
   */
  private void removeRunStaging() {
    if (format != OutputFormat.PARQUET) {
      return;
    }
    Path stagingRoot = new Path(outputRoot + "/" + OutputFolder.STAGING);
    try {
      FileSystem fs = stagingRoot.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.delete(new Path(stagingRoot, runId), true);
      if (fs.exists(stagingRoot) && fs.listStatus(stagingRoot).length == 0) {
        fs.delete(stagingRoot, false);
      }
    } catch (IOException e) {
      throw new IllegalStateException("Removing the staging folder " + stagingRoot + " failed: " + e.getMessage(), e);
    }
  }
}
