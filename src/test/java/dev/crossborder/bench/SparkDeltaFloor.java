package dev.crossborder.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;

import dev.crossborder.ingest.LandingFiles;
import dev.crossborder.ingest.LandingFiles.Format;
import dev.crossborder.ingest.LandingFiles.LandingFile;
import dev.crossborder.ingest.LandingReader;
import dev.crossborder.model.Columns;
import dev.crossborder.model.LandingDataset;
import dev.crossborder.spark.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Benchmark floor for small inputs, Spark + Delta: in a session built like the job's, the job's reader reads
 * every landing file once (each reference CSV, the GMV and the shipment files, as text columns), and 12 small
 * Delta tables derived from what was read are written into a fresh folder, one commit each, 4 at a time as
 * the job's {@code TableWriter.writeAll} writes its tables. On a small input the job's time is mostly this
 * fixed cost (session, planning, Delta commits), not rows, so no Spark + Delta job with the job's outputs can
 * take less: the pipeline's wall time over this one's is what its own work and structure cost.
 *
 * <p>The tables: each reference file as read (5 on the sample); the GMV rows as read, by month and by platform
 * and country; the shipments counted by file, month, platform, origin, destination and fulfilment model, and
 * that by month, by platform and destination, and by file. The GMV rows and the shipment counts are
 * checkpointed in memory once read, so the tables derived from them never read a file again.
 *
 * <p>{@code SparkDeltaFloor --landing DIR --output DIR} (the output folder must not exist or be empty)
 */
public final class SparkDeltaFloor {
  private SparkDeltaFloor() {}

  /** As {@code TableWriter.CONCURRENT_WRITES}. */
  static final int CONCURRENT_WRITES = 4;

  private static final String ROWS = "rows";
  private static final String MONTH = "month";

  public static void main(String[] args) throws Exception {
    Measurement measurement = Measurement.of("delta_floor");
    BenchOptions options = new BenchOptions(args);
    String landing = options.get("landing");
    Path output = Path.of(options.get("output")).toAbsolutePath();
    if (Files.isDirectory(output)) {
      try (var entries = Files.list(output)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException(output + " is not empty: the floor writes into a fresh folder");
        }
      }
    }
    DeltaCommits commits = DeltaCommits.before(output.toString());
    SparkSession spark = SparkSessions.forJob("crossborder-bench-delta-floor");
    SparkJobCounter jobs = SparkJobCounter.register(spark);
    measurement.ready();
    long start = System.nanoTime();

    Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
    Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
    for (LandingFile file : LandingFiles.list(hadoopConf, landing + "/reference", "reference")) {
      if (file.format() != Format.CSV) {
        continue; // the job reads only CSV reference files
      }
      String name = new org.apache.hadoop.fs.Path(file.path()).getName().replaceFirst("\\.csv$", "");
      List<String> header = LandingFiles.csvHeader(hadoopConf, file.path());
      tables.put("reference_" + name, LandingReader.readCsvFile(spark, file.path(),
          new LandingReader.Contract("reference/" + name, header, List.of())));
    }

    // Checkpointed (eagerly, in memory): every table below reads these blocks, never the files. A cache could
    // be dropped and recomputed from the files without a word; a lost checkpoint block fails instead.
    Dataset<Row> gmv = read(spark, landing, LandingDataset.GMV).localCheckpoint();
    tables.put("gmv", gmv);
    tables.put("gmv_by_month", gmv.groupBy(Columns.MONTH).agg(count(lit(1)).as(ROWS)));
    tables.put("gmv_by_platform", gmv.groupBy(Columns.PLATFORM_ID, Columns.COUNTRY_CODE).agg(count(lit(1)).as(ROWS)));

    // Shipments may be large: only their counts per file and cube-like keys are kept, as the job keeps a cube.
    Observation shipmentsRead = new Observation("shipments_read");
    Dataset<Row> shipmentGroups = read(spark, landing, LandingDataset.SHIPMENTS)
        .observe(shipmentsRead, count(lit(1)).as(ROWS))
        .groupBy(col(Columns.SOURCE_FILE), substring(col(Columns.SHIP_DATE), 1, 7).as(MONTH),
            col(Columns.PLATFORM_ID), col(Columns.ORIGIN_COUNTRY), col(Columns.DESTINATION_COUNTRY),
            col(Columns.FULFILLMENT_MODEL))
        .agg(count(lit(1)).as(ROWS))
        .localCheckpoint();
    long rows = ((Number) shipmentsRead.getAsJava().get(ROWS)).longValue();
    tables.put("shipment_groups", shipmentGroups);
    tables.put("shipments_by_month", shipmentGroups.groupBy(MONTH).agg(sum(ROWS).as(ROWS)));
    tables.put("shipments_by_platform", shipmentGroups.groupBy(Columns.PLATFORM_ID, Columns.DESTINATION_COUNTRY)
        .agg(sum(ROWS).as(ROWS)));
    tables.put("shipments_by_file", shipmentGroups.groupBy(Columns.SOURCE_FILE).agg(sum(ROWS).as(ROWS)));

    System.out.printf(Locale.ROOT, "delta floor: files read in %.2f s%n", (System.nanoTime() - start) / 1e9);
    writeAll(tables, output);
    System.out.printf(Locale.ROOT, "delta floor: %d Delta tables written under %s, %.2f s in all%n", tables.size(),
        output, (System.nanoTime() - start) / 1e9);

    measurement.done(rows, () -> {
      Map<String, Object> counts = new LinkedHashMap<>(jobs.fields());
      counts.put("delta_commits", commits.made());
      counts.put("tables", tables.size());
      return counts;
    });
    jobs.breakdown().forEach(System.out::println);
    spark.stop();
  }

  private static Dataset<Row> read(SparkSession spark, String landing, LandingDataset dataset) {
    return LandingReader.read(spark, landing + "/" + dataset.folder(),
        new LandingReader.Contract(dataset.folder(), dataset.columns(), dataset.requiredColumns()));
  }

  /** Each table into a new Delta table under {@code output} (one commit), {@value #CONCURRENT_WRITES} at a time. */
  private static void writeAll(Map<String, Dataset<Row>> tables, Path output) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_WRITES);
    try {
      List<Future<?>> writes = new ArrayList<>();
      tables.forEach((name, table) -> writes.add(pool.submit(() ->
          table.write().format("delta").save(output.resolve(name).toString()))));
      for (Future<?> write : writes) {
        write.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
