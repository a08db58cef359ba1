package dev.crossborder.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.crossborder.config.JobConfig;
import dev.crossborder.config.JobOptions;
import dev.crossborder.conform.GmvConform;
import dev.crossborder.conform.ShipmentCube;
import dev.crossborder.ingest.LandingFiles;
import dev.crossborder.ingest.LandingReader;
import dev.crossborder.ingest.ReferenceData;
import dev.crossborder.ingest.ReferenceLoader;
import dev.crossborder.metrics.BenchmarkComparison;
import dev.crossborder.metrics.FulfillmentMix;
import dev.crossborder.metrics.GmvByPeriod;
import dev.crossborder.metrics.GmvGrowth;
import dev.crossborder.metrics.GrowthSummary;
import dev.crossborder.metrics.KpiAnomalies;
import dev.crossborder.metrics.MarketShare;
import dev.crossborder.metrics.PolicyImpact;
import dev.crossborder.metrics.ShipmentVolumes;
import dev.crossborder.metrics.ShipmentsByPeriod;
import dev.crossborder.model.Columns;
import dev.crossborder.model.JobException;
import dev.crossborder.model.LandingDataset;
import dev.crossborder.model.OutputTables;
import dev.crossborder.publish.Headlines;
import dev.crossborder.publish.OutputFolder;
import dev.crossborder.publish.OutputLock;
import dev.crossborder.publish.RunReport;
import dev.crossborder.publish.TableWriter;
import dev.crossborder.publish.TableWriter.WrittenTable;
import dev.crossborder.quality.CheckedRows;
import dev.crossborder.quality.GmvQuality;
import dev.crossborder.quality.QualityCounts;
import dev.crossborder.quality.ShipmentQuality;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * One run of the job: read and validate, conform, compute, publish (DESIGN.md §2). Nothing is written until
 * every input and reference check has passed; gold tables are replaced only after the quality gate. Each
 * landing dataset is scanned once: its checked rows are persisted and everything downstream reads those.
 */
public final class Pipeline {
  private Pipeline() {}

  public static RunResult run(SparkSession spark, JobConfig config) {
    Instant startedAt = Instant.now();
    Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
    LandingFiles.requireFolder(hadoopConf, config.input(), JobOptions.INPUT);
    OutputFolder.check(hadoopConf, config.input(), config.output());
    ReferenceData reference = ReferenceLoader.load(spark, config.input());

    CheckedRows gmv = CheckedRows.check(LandingDataset.GMV.folder(), read(spark, config, LandingDataset.GMV),
        raw -> GmvQuality.flag(spark, raw, reference, config.runDate()));
    List<Persisted> persisted = new ArrayList<>();
    try {
      CheckedRows shipments = CheckedRows.check(LandingDataset.SHIPMENTS.folder(),
          read(spark, config, LandingDataset.SHIPMENTS),
          raw -> ShipmentCube.narrowed(ShipmentQuality.flag(spark, raw, reference, config.runDate())));
      persisted.add(shipments::release);
      List<QualityCounts> datasets = List.of(gmv.counts(), shipments.counts());

      OutputFolder.claim(hadoopConf, config.input(), config.output());
      try (OutputLock lock = OutputLock.acquire(hadoopConf, config.output(), config.runId())) {
        OutputFolder.removeStaleStaging(hadoopConf, config.output());
        return publish(spark, config, reference, gmv, shipments, datasets, persisted, startedAt);
      }
    } finally {
      persisted.forEach(Persisted::release);
      gmv.release();
    }
  }

  /** Everything that writes, under the output lock: quarantine, the quality gate, silver, gold, run report. */
  private static RunResult publish(SparkSession spark, JobConfig config, ReferenceData reference, CheckedRows gmv,
      CheckedRows shipments, List<QualityCounts> datasets, List<Persisted> persisted, Instant startedAt) {
    TableWriter writer = new TableWriter(spark, config.output(), config.format(), config.runId());
    List<WrittenTable> written = new ArrayList<>();
    written.add(writer.write(OutputTables.QUARANTINE,
        quarantineRows(gmv, LandingDataset.GMV).unionByName(quarantineRows(shipments, LandingDataset.SHIPMENTS))));
    failIfTooMuchQuarantined(spark, writer, config, startedAt, datasets, written);

    // Used three times: by its table, the period sums and the group benchmarks.
    Dataset<Row> gmvMonthly = persist(GmvConform.toGmvMonthly(gmv.clean()), persisted);
    Dataset<Row> cube = persist(ShipmentCube.compute(shipments.clean()), persisted);
    written.add(writer.write(OutputTables.GMV_MONTHLY, gmvMonthly));
    written.add(writer.write(OutputTables.SHIPMENT_CUBE, cube));

    Dataset<Row> gmvByPeriod = persist(GmvByPeriod.compute(gmvMonthly), persisted);
    Dataset<Row> gmvGrowth = persist(GmvGrowth.compute(gmvByPeriod), persisted);
    Dataset<Row> marketShare = persist(MarketShare.compute(gmvByPeriod), persisted);
    Dataset<Row> shipmentsByPeriod = persist(ShipmentsByPeriod.compute(cube), persisted);
    Dataset<Row> shipmentVolumes = persist(ShipmentVolumes.compute(shipmentsByPeriod), persisted);
    written.add(writer.write(OutputTables.GMV_GROWTH, gmvGrowth));
    written.add(writer.write(OutputTables.MARKET_SHARE, marketShare));
    written.add(writer.write(OutputTables.SHIPMENT_VOLUMES, shipmentVolumes));
    written.add(writer.write(OutputTables.FULFILLMENT_MIX, FulfillmentMix.compute(shipmentsByPeriod)));
    written.add(writer.write(OutputTables.POLICY_IMPACT,
        PolicyImpact.compute(cube, reference.policyEventsFrame(spark), config.policyWindowMonths())));
    Dataset<Row> benchmarks = persist(BenchmarkComparison.compute(gmvGrowth, gmvMonthly,
        reference.platformsFrame(spark), reference.benchmarksFrame(spark)), persisted);
    Dataset<Row> growthSummary = persist(GrowthSummary.compute(gmvByPeriod, shipmentsByPeriod), persisted);
    written.add(writer.write(OutputTables.BENCHMARK_COMPARISON, benchmarks));
    written.add(writer.write(OutputTables.GROWTH_SUMMARY, growthSummary));
    written.add(writer.write(OutputTables.KPI_ANOMALIES,
        KpiAnomalies.compute(marketShare, gmvGrowth, config.anomalies())));

    List<String> headlines = new ArrayList<>(Headlines.worldwideLatestYear(gmvGrowth, marketShare));
    headlines.addAll(Headlines.groupsAgainstBenchmarks(benchmarks));
    headlines.addAll(Headlines.usDeMinimis(shipmentVolumes, growthSummary));
    RunResult succeeded = result(config, startedAt, RunResult.Status.SUCCEEDED, datasets, written, headlines);
    RunReport.publish(spark, writer, succeeded);
    return succeeded;
  }

  /** Something cached for this run, released when the run ends however it ends. */
  private interface Persisted {
    void release();
  }

  private static Dataset<Row> persist(Dataset<Row> frame, List<Persisted> persisted) {
    Dataset<Row> cached = frame.persist(StorageLevel.MEMORY_AND_DISK());
    persisted.add(cached::unpersist);
    return cached;
  }

  private static Dataset<Row> read(SparkSession spark, JobConfig config, LandingDataset dataset) {
    String folder = (config.input().endsWith("/") ? config.input() : config.input() + "/") + dataset.folder();
    return LandingReader.read(spark, folder,
        new LandingReader.Contract(dataset.folder(), dataset.columns(), dataset.requiredColumns()));
  }

  /** Quarantine rows of one dataset, run_id aside. */
  private static Dataset<Row> quarantineRows(CheckedRows checked, LandingDataset dataset) {
    return checked.quarantined().select(
        lit(dataset.folder()).as(Columns.DATASET),
        col(Columns.SOURCE_FILE),
        col(Columns.RECORD),
        col(Columns.REASONS));
  }

  /** The quality gate: exit 3 before any gold table is replaced, with the quarantine and run report written. */
  private static void failIfTooMuchQuarantined(SparkSession spark, TableWriter writer, JobConfig config,
      Instant startedAt, List<QualityCounts> datasets, List<WrittenTable> written) {
    for (QualityCounts counts : datasets) {
      if (counts.quarantinedRatio() > config.maxQuarantineRatio()) {
        RunReport.publish(spark, writer, result(config, startedAt, RunResult.Status.FAILED_QUALITY, datasets,
            written, List.of()));
        throw JobException.quality(String.format(Locale.ROOT,
            "%s: %d of %d rows quarantined (%.2f %%) exceeds --max-quarantine-ratio %s; gold tables were left"
                + " as they were. See the quarantine table and %s",
            counts.dataset(), counts.rowsQuarantined(), counts.rowsRead(), counts.quarantinedRatio() * 100,
            config.maxQuarantineRatio(), RunReport.pathOf(config.output(), config.runId())));
      }
    }
  }

  private static RunResult result(JobConfig config, Instant startedAt, RunResult.Status status,
      List<QualityCounts> datasets, List<WrittenTable> written, List<String> headlines) {
    return new RunResult(config.runId(), status, startedAt, Instant.now(), config.input(), config.output(),
        config.format().name().toLowerCase(Locale.ROOT), datasets, List.copyOf(written), headlines);
  }
}
