package dev.crossborder.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.crossborder.config.JobConfig;
import dev.crossborder.config.JobOptions;
import dev.crossborder.conform.GmvConform;
import dev.crossborder.ingest.LandingFiles;
import dev.crossborder.ingest.LandingReader;
import dev.crossborder.ingest.ReferenceData;
import dev.crossborder.ingest.ReferenceLoader;
import dev.crossborder.metrics.GmvByPeriod;
import dev.crossborder.metrics.GmvGrowth;
import dev.crossborder.metrics.MarketShare;
import dev.crossborder.model.Columns;
import dev.crossborder.model.JobException;
import dev.crossborder.model.LandingDataset;
import dev.crossborder.model.OutputTables;
import dev.crossborder.publish.Headlines;
import dev.crossborder.publish.OutputFolder;
import dev.crossborder.publish.RunReport;
import dev.crossborder.publish.TableWriter;
import dev.crossborder.publish.TableWriter.WrittenTable;
import dev.crossborder.quality.GmvQuality;
import dev.crossborder.quality.QualityCounts;
import dev.crossborder.quality.RowFlags;
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
 * every input and reference check has passed; gold tables are replaced only after the quality gate.
 */
public final class Pipeline {
  private Pipeline() {}

  public static RunResult run(SparkSession spark, JobConfig config) {
    Instant startedAt = Instant.now();
    Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
    LandingFiles.requireFolder(hadoopConf, config.input(), JobOptions.INPUT);
    OutputFolder.check(hadoopConf, config.input(), config.output());

    ReferenceData reference = ReferenceLoader.load(spark, config.input());
    LandingDataset gmv = LandingDataset.GMV;
    Dataset<Row> gmvRaw = LandingReader.read(spark, landingFolder(config, gmv), contractOf(gmv));
    long gmvRowsRead = gmvRaw.count();
    if (gmvRowsRead == 0) {
      throw JobException.input("Cannot read gmv: the files under " + landingFolder(config, gmv)
          + " hold no rows (only headers); put GMV records there");
    }
    Dataset<Row> gmvFlagged = GmvQuality.flag(spark, gmvRaw, reference, config.runDate())
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      QualityCounts gmvCounts = QualityCounts.reconcile(gmv.folder(), gmvRowsRead, gmvFlagged);

      OutputFolder.claim(hadoopConf, config.input(), config.output());
      TableWriter writer = new TableWriter(spark, config.output(), config.format(), config.runId());
      List<WrittenTable> written = new ArrayList<>();
      written.add(writer.write(OutputTables.QUARANTINE, quarantineRows(gmvFlagged, gmv)));

      List<QualityCounts> datasets = List.of(gmvCounts);
      for (QualityCounts counts : datasets) {
        if (counts.quarantinedRatio() > config.maxQuarantineRatio()) {
          RunResult failed = result(config, startedAt, RunResult.Status.FAILED_QUALITY, datasets, written, List.of());
          RunReport.write(hadoopConf, failed);
          throw JobException.quality(String.format(Locale.ROOT,
              "%s: %d of %d rows quarantined (%.2f %%) exceeds --max-quarantine-ratio %s; gold tables were left"
                  + " as they were. See the quarantine table and %s",
              counts.dataset(), counts.rowsQuarantined(), counts.rowsRead(), counts.quarantinedRatio() * 100,
              config.maxQuarantineRatio(), RunReport.pathOf(config.output(), config.runId())));
        }
      }

      Dataset<Row> gmvMonthly = GmvConform.toGmvMonthly(gmvFlagged.filter(RowFlags.isClean()));
      Dataset<Row> gmvByPeriod = GmvByPeriod.compute(gmvMonthly).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        Dataset<Row> gmvGrowth = GmvGrowth.compute(gmvByPeriod).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> marketShare = MarketShare.compute(gmvByPeriod).persist(StorageLevel.MEMORY_AND_DISK());
        written.add(writer.write(OutputTables.GMV_MONTHLY, gmvMonthly));
        written.add(writer.write(OutputTables.GMV_GROWTH, gmvGrowth));
        written.add(writer.write(OutputTables.MARKET_SHARE, marketShare));
        List<String> headlines = Headlines.worldwideLatestYear(gmvGrowth, marketShare);
        gmvGrowth.unpersist();
        marketShare.unpersist();
        RunResult succeeded = result(config, startedAt, RunResult.Status.SUCCEEDED, datasets, written, headlines);
        RunReport.write(hadoopConf, succeeded);
        return succeeded;
      } finally {
        gmvByPeriod.unpersist();
      }
    } finally {
      gmvFlagged.unpersist();
    }
  }

  private static String landingFolder(JobConfig config, LandingDataset dataset) {
    return (config.input().endsWith("/") ? config.input() : config.input() + "/") + dataset.folder();
  }

  private static LandingReader.Contract contractOf(LandingDataset dataset) {
    return new LandingReader.Contract(dataset.folder(), dataset.columns(), dataset.requiredColumns());
  }

  /** Quarantine rows of one dataset, run_id aside. */
  private static Dataset<Row> quarantineRows(Dataset<Row> flagged, LandingDataset dataset) {
    return flagged.filter(RowFlags.isClean().unary_$bang()).select(
        lit(dataset.folder()).as(Columns.DATASET),
        col(Columns.SOURCE_FILE),
        col(Columns.RECORD),
        col(Columns.REASONS));
  }

  private static RunResult result(JobConfig config, Instant startedAt, RunResult.Status status,
      List<QualityCounts> datasets, List<WrittenTable> written, List<String> headlines) {
    return new RunResult(config.runId(), status, startedAt, Instant.now(), config.input(), config.output(),
        config.format().name().toLowerCase(Locale.ROOT), datasets, List.copyOf(written), headlines);
  }
}
