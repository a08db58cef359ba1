package dev.crossborder.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.crossborder.config.JobConfig;
import dev.crossborder.config.JobOptions;
import dev.crossborder.conform.GmvConform;
import dev.crossborder.conform.PolicyScenarios;
import dev.crossborder.conform.ShipmentCube;
import dev.crossborder.ingest.ExpectationLoader;
import dev.crossborder.ingest.LandingFiles;
import dev.crossborder.ingest.LandingFiles.LandingFile;
import dev.crossborder.ingest.ReferenceFingerprint;
import dev.crossborder.model.MonthRange;
import dev.crossborder.model.TableSpec;
import dev.crossborder.publish.LandingState;
import dev.crossborder.publish.LandingState.ProcessedFile;
import dev.crossborder.quality.LandingMonths;
import dev.crossborder.shipmentpass.ShipmentPass;
import dev.crossborder.spark.Progress;
import dev.crossborder.spark.SessionSettings;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.StructType;
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
import dev.crossborder.metrics.PolicyScenarioOutcomes;
import dev.crossborder.metrics.ShipmentVolumes;
import dev.crossborder.metrics.ShipmentsByPeriod;
import dev.crossborder.model.Columns;
import dev.crossborder.model.Expectation;
import dev.crossborder.model.JobException;
import dev.crossborder.model.LandingDataset;
import dev.crossborder.model.OutputTables;
import dev.crossborder.model.SqlText;
import dev.crossborder.publish.Headlines;
import dev.crossborder.publish.OutputFolder;
import dev.crossborder.publish.OutputLock;
import dev.crossborder.publish.RunReport;
import dev.crossborder.publish.RunResult;
import dev.crossborder.publish.TableWriter;
import dev.crossborder.publish.TableWriter.Pending;
import dev.crossborder.publish.TableWriter.WrittenTable;
import dev.crossborder.quality.CheckedRows;
import dev.crossborder.quality.GmvQuality;
import dev.crossborder.quality.QualityCounts;
import dev.crossborder.quality.RowFlags;
import dev.crossborder.report.Report;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * One run of the job: read and validate, conform, compute, publish (DESIGN.md §2). Nothing is written until
 * every input and reference check has passed; gold tables are replaced only after the quality gate. Each
 * landing dataset is scanned once (and its key columns once more, alone, for the duplicate check): its checked
 * entries are persisted (for shipments, the clean rows folded into cube groups: {@link ShipmentPass#cubeTally})
 * and the quarantine and silver tables are computed from those; the gold tables from the silver tables as
 * published.
 *
 * <p>A full rebuild reads every landing file and replaces every table. An incremental refresh
 * ({@code --incremental}) reads only new and changed files (and the unchanged files sharing their months, see
 * {@link RefreshPlan}), replaces those months of the silver tables and those files' quarantine rows. Both then
 * recompute every gold table from the silver ones and record the files processed in {@link LandingState}.
 */
public final class Pipeline {
  private Pipeline() {}

  private static final List<LandingDataset> DATASETS = List.of(LandingDataset.GMV, LandingDataset.SHIPMENTS);
  /**
   * Landing bytes per partition of the duplicate check's shuffles by shipment_id (its count of key hashes, and
   * its rows when too many keys repeat to broadcast them). A generated shipment row is about 15 bytes in
   * compressed Parquet and 149 once parsed and shuffled (measured at 10 million rows): 8 MB of Parquet make a
   * sort of about 80 MB per task, which fits in memory; CSV, with fewer rows per byte, gives smaller ones.
   */
  static final long LANDING_BYTES_PER_PARTITION = 8L << 20;
  /** More partitions than this only add scheduling cost (at 8 MB each, 80 GB of landing files). */
  static final long MAX_SHUFFLE_PARTITIONS = 10_000;

  /**
   * Partitions of the duplicate check's shuffle for {@code landingBytes} of files read: one per
   * {@link #LANDING_BYTES_PER_PARTITION}, at least {@code parallelism}. Too few and each task sorts more rows
   * than fit in memory, spilling them to disk again and again (10 million rows in 2 partitions spilled 20 GB);
   * one per core is right only for small inputs.
   */
  static int shufflePartitions(long landingBytes, int parallelism) {
    long byBytes = (landingBytes + LANDING_BYTES_PER_PARTITION - 1) / LANDING_BYTES_PER_PARTITION;
    return (int) Math.max(parallelism, Math.min(byBytes, MAX_SHUFFLE_PARTITIONS));
  }

  /**
   * Up to this many landing bytes the duplicate check of the shipments runs in one pass (every row shuffled by
   * shipment_id; see {@link RowFlags#withDuplicateReasons}): the size of one partition per core, which sorts
   * in memory. Above it, counting id hashes first saves more than its own actions cost.
   */
  static final long ONE_PASS_LANDING_BYTES = 2 * LANDING_BYTES_PER_PARTITION;

  /** The duplicate check's {@code maxBroadcastKeys} for {@code landingBytes} of shipment files: 0 = one pass. */
  static long maxBroadcastKeys(long landingBytes) {
    return landingBytes <= ONE_PASS_LANDING_BYTES ? 0 : RowFlags.MAX_BROADCAST_KEYS;
  }

  public static RunResult run(SparkSession spark, JobConfig config) {
    return run(spark, config, false);
  }

  /**
   * The run, then, when {@code writeReport}, the HTML report at {@link Report#defaultPath} of the output,
   * drawn from the frames the run published while they are still cached (a refresh with nothing to refresh
   * reads the tables). A report that fails leaves the run as it is: exit 2 or 1 saying so.
   */
  public static RunResult run(SparkSession spark, JobConfig config, boolean writeReport) {
    Instant startedAt = Instant.now();
    Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
    Progress.step("reading the reference files and listing the landing files");
    LandingFiles.requireFolder(hadoopConf, config.input(), JobOptions.INPUT);
    OutputFolder.check(hadoopConf, config.input(), config.output());
    OutputFolder.requireSafePublishing(hadoopConf, config.output(), config.format());
    ReferenceData reference = ReferenceLoader.load(spark, config.input(), config.scenarios());
    List<Expectation> expectations = ExpectationLoader.load(spark, config.input(), config.expectations(),
        ExpectationColumns.schemas());
    String referenceFingerprint = ReferenceFingerprint.of(hadoopConf, config.input(), config.scenarios(),
        config.expectations());
    Map<LandingDataset, List<LandingFile>> listed = new EnumMap<>(LandingDataset.class);
    for (LandingDataset dataset : DATASETS) {
      listed.put(dataset, LandingFiles.list(hadoopConf, folderOf(config, dataset), dataset.folder()));
    }
    Run run = new Run(spark, config, reference, expectations, referenceFingerprint, listed, startedAt, writeReport);
    long landingBytes = listed.values().stream().flatMap(List::stream).mapToLong(LandingFile::length).sum();
    // A small input makes small plans everywhere.
    return landingBytes <= ONE_PASS_LANDING_BYTES
        ? withSmallPlanSettings(spark, () -> rebuildOrRefresh(run, config, referenceFingerprint))
        : rebuildOrRefresh(run, config, referenceFingerprint);
  }

  private static RunResult rebuildOrRefresh(Run run, JobConfig config, String referenceFingerprint) {
    Configuration hadoopConf = run.hadoopConf;
    if (config.incremental()) {
      String whyFull = whyNotIncremental(LandingState.read(hadoopConf, config.output()), config, referenceFingerprint,
          hadoopConf);
      if (whyFull == null) {
        OutputFolder.claim(hadoopConf, config.input(), config.output());
        try (OutputLock lock = OutputLock.acquire(hadoopConf, config.output(), config.runId())) {
          OutputFolder.removeStaleStaging(hadoopConf, config.output());
          // Read again under the lock: the state is only stable while no other run can write it.
          Optional<LandingState> state = LandingState.read(hadoopConf, config.output());
          whyFull = whyNotIncremental(state, config, referenceFingerprint, hadoopConf);
          if (whyFull == null) {
            return run.refresh(state.orElseThrow(), lock);
          }
        }
      }
      return run.rebuild(List.of("full rebuild: " + whyFull));
    }
    return run.rebuild(List.of("full rebuild"));
  }

  /**
   * Session settings for plans over small tables: no adaptive execution (its re-planning at every stage, each
   * stage a job of its own, costs more than it saves), no automatic broadcast of a join side (each broadcast
   * is a job of its own too; a join of two small tables sorts as fast) and one shuffle partition (a global sort
   * over more partitions first samples its rows to find their ranges, a job of its own; and one task per stage
   * is enough for a small table, while the tables written side by side keep the cores busy). Broadcasts and
   * partition counts the code asks for stay (the duplicate check's). The sample run: 175 Spark jobs with none of
   * them, 102 without adaptive execution, 83 without broadcasts too, 74 with one shuffle partition as well.
   */
  static final Map<String, String> SMALL_PLAN_SETTINGS = Map.of(
      "spark.sql.adaptive.enabled", "false",
      "spark.sql.autoBroadcastJoinThreshold", "-1",
      "spark.sql.shuffle.partitions", "1");

  /**
   * {@code work} with {@link #SMALL_PLAN_SETTINGS} in the session, its own settings restored after: for plans
   * over small tables only (runtime SQL settings; the run is the session's only user while it lasts).
   */
  static <T> T withSmallPlanSettings(SparkSession spark, Supplier<T> work) {
    return SessionSettings.during(spark, SMALL_PLAN_SETTINGS, work);
  }

  /** Why the output cannot be refreshed incrementally, or null when it can (each reason a full rebuild). */
  static String whyNotIncremental(Optional<LandingState> state, JobConfig config, String referenceFingerprint,
      Configuration hadoopConf) {
    if (state.isEmpty()) {
      return "the output has no record of processed landing files yet (" + LandingState.RELATIVE_PATH + ")";
    }
    if (!state.get().format().equals(formatName(config))) {
      return "the output was written as " + state.get().format() + ", this run writes " + formatName(config);
    }
    if (!state.get().referenceFingerprint().equals(referenceFingerprint)) {
      return "the reference files changed since run " + state.get().runId()
          + " (FX rates, countries or rules shape every row)";
    }
    for (TableSpec silver : List.of(OutputTables.GMV_MONTHLY, OutputTables.SHIPMENT_CUBE,
        OutputTables.POLICY_SCENARIO_CUBE)) {
      if (!exists(hadoopConf, config.output(), silver)) {
        return "the output has no " + silver.relativePath() + " yet (written by an earlier version of the job)";
      }
    }
    return null;
  }

  private static boolean exists(Configuration hadoopConf, String output, TableSpec table) {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(output, table.relativePath());
    try {
      return path.getFileSystem(hadoopConf).exists(path);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Cannot look for " + path + ": " + e.getMessage(), e);
    }
  }

  /** The state of one run: what it was given and what it cached, released when it ends however it ends. */
  private static final class Run {
    private final SparkSession spark;
    private final JobConfig config;
    private final ReferenceData reference;
    private final List<Expectation> expectations;
    private final String referenceFingerprint;
    private final Map<LandingDataset, List<LandingFile>> listed;
    private final Instant startedAt;
    private final boolean writeReport;
    private final Configuration hadoopConf;
    private final List<Persisted> persisted = new ArrayList<>();

    Run(SparkSession spark, JobConfig config, ReferenceData reference, List<Expectation> expectations,
        String referenceFingerprint, Map<LandingDataset, List<LandingFile>> listed, Instant startedAt,
        boolean writeReport) {
      this.spark = spark;
      this.config = config;
      this.reference = reference;
      this.expectations = expectations;
      this.referenceFingerprint = referenceFingerprint;
      this.listed = listed;
      this.startedAt = startedAt;
      this.writeReport = writeReport;
      this.hadoopConf = spark.sparkContext().hadoopConfiguration();
    }

    /** Every file read, every table replaced. The checks run before the output is claimed or locked. */
    RunResult rebuild(List<String> refresh) {
      try {
        Map<LandingDataset, CheckedRows> checked = new EnumMap<>(LandingDataset.class);
        for (LandingDataset dataset : DATASETS) {
          checked.put(dataset, check(dataset, listed.get(dataset)));
        }
        OutputFolder.claim(hadoopConf, config.input(), config.output());
        try (OutputLock lock = OutputLock.acquire(hadoopConf, config.output(), config.runId())) {
          OutputFolder.removeStaleStaging(hadoopConf, config.output());
          TableWriter writer = writer(lock);
          List<WrittenTable> written = new ArrayList<>();
          List<QualityCounts> datasets = countsOf(checked);
          Progress.step("writing the quarantine");
          written.add(writer.write(OutputTables.QUARANTINE, quarantineRows(checked)));
          failIfTooMuchQuarantined(writer, datasets, written, refresh);

          Progress.step("writing the silver tables (gmv_monthly, shipment_cube, policy_scenario_cube)");
          Dataset<Row> shipmentEntries = checked.get(LandingDataset.SHIPMENTS).clean();
          written.addAll(writer.writeAll(List.of(
              new Pending(OutputTables.GMV_MONTHLY, GmvConform.toGmvMonthly(checked.get(LandingDataset.GMV).clean())),
              new Pending(OutputTables.SHIPMENT_CUBE, ShipmentCube.compute(shipmentEntries)),
              new Pending(OutputTables.POLICY_SCENARIO_CUBE, PolicyScenarios.compute(shipmentEntries, reference)))));
          List<ProcessedFile> processed = new ArrayList<>();
          for (LandingDataset dataset : DATASETS) {
            processed.addAll(processedFiles(dataset, listed.get(dataset),
                checked.get(dataset).monthsByFile(config.runDate()), List.of()));
          }
          return publishGold(writer, datasets, written, processed, refresh);
        }
      } finally {
        release();
      }
    }

    /** Only what changed since {@code state}: see {@link RefreshPlan}. Runs under the output {@code lock}. */
    RunResult refresh(LandingState state, OutputLock lock) {
      try {
        Map<LandingDataset, RefreshPlan> plans = new EnumMap<>(LandingDataset.class);
        List<String> refresh = new ArrayList<>(List.of("incremental refresh since run " + state.runId()));
        for (LandingDataset dataset : DATASETS) {
          List<ProcessedFile> before = state.filesOf(dataset.folder());
          List<LandingFile> newOrChanged = RefreshPlan.newOrChanged(listed.get(dataset), before);
          Map<String, MonthRange> months = newOrChanged.isEmpty() ? Map.of()
              : LandingMonths.ofRawRows(dataset, read(dataset, newOrChanged), config.runDate());
          RefreshPlan plan = RefreshPlan.plan(dataset, listed.get(dataset), before, months);
          plans.put(dataset, plan);
          refresh.add(plan.describe());
        }
        TableWriter writer = writer(lock);
        if (plans.values().stream().allMatch(RefreshPlan::isEmpty)) {
          refresh.add("nothing to refresh: no landing file is new, changed or removed; tables left as they were");
          RunResult unchanged = result(RunResult.Status.SUCCEEDED, List.of(), List.of(), List.of(), refresh);
          RunReport.publish(spark, writer, unchanged);
          writer.recordDeltaVersions();
          if (writeReport) {
            reportAfterRun(() -> Report.write(spark, config.output(), null));
          }
          return unchanged;
        }

        Map<LandingDataset, CheckedRows> checked = new EnumMap<>(LandingDataset.class);
        for (LandingDataset dataset : DATASETS) {
          if (!plans.get(dataset).toRead().isEmpty()) {
            checked.put(dataset, check(dataset, plans.get(dataset).toRead()));
          }
        }
        List<QualityCounts> datasets = countsOf(checked);
        List<WrittenTable> written = new ArrayList<>();
        String quarantineCondition = plans.values().stream().filter(p -> !p.isEmpty())
            .map(p -> "(" + Columns.DATASET + " = " + SqlText.literal(p.dataset().folder()) + " AND " + Columns.SOURCE_FILE
                + " IN (" + p.sourceFilesToReplace().stream().map(SqlText::literal).collect(Collectors.joining(", "))
                + "))")
            .collect(Collectors.joining(" OR "));
        Progress.step("writing the quarantine");
        written.add(writer.replaceWhere(OutputTables.QUARANTINE, quarantineRows(checked), quarantineCondition));
        failIfTooMuchQuarantined(writer, datasets, written, refresh);

        // The months replaced in the two silver tables, side by side as a rebuild writes them.
        List<Pending> silver = new ArrayList<>();
        RefreshPlan gmvPlan = plans.get(LandingDataset.GMV);
        if (!gmvPlan.monthsToReplace().isEmpty()) {
          Dataset<Row> fresh = checked.containsKey(LandingDataset.GMV)
              ? GmvConform.toGmvMonthly(checked.get(LandingDataset.GMV).clean()) : emptyOf(OutputTables.GMV_MONTHLY);
          silver.add(new Pending(OutputTables.GMV_MONTHLY, fresh, monthCondition(gmvPlan)));
        }
        RefreshPlan shipmentPlan = plans.get(LandingDataset.SHIPMENTS);
        if (!shipmentPlan.monthsToReplace().isEmpty()) {
          boolean read = checked.containsKey(LandingDataset.SHIPMENTS);
          Dataset<Row> entries = read ? checked.get(LandingDataset.SHIPMENTS).clean() : null;
          silver.add(new Pending(OutputTables.SHIPMENT_CUBE,
              read ? ShipmentCube.compute(entries) : emptyOf(OutputTables.SHIPMENT_CUBE), monthCondition(shipmentPlan)));
          silver.add(new Pending(OutputTables.POLICY_SCENARIO_CUBE,
              read ? PolicyScenarios.compute(entries, reference) : emptyOf(OutputTables.POLICY_SCENARIO_CUBE),
              monthCondition(shipmentPlan)));
        }
        Progress.step("writing the silver tables' months");
        written.addAll(writer.writeAll(silver));

        List<ProcessedFile> processed = new ArrayList<>();
        for (LandingDataset dataset : DATASETS) {
          RefreshPlan plan = plans.get(dataset);
          Map<String, MonthRange> months =
              checked.containsKey(dataset) ? checked.get(dataset).monthsByFile(config.runDate()) : Map.of();
          processed.addAll(processedFiles(dataset, plan.toRead(), months, state.filesOf(dataset.folder()).stream()
              .filter(f -> plan.toRead().stream().noneMatch(r -> r.path().equals(f.path())))
              .filter(f -> plan.removed().stream().noneMatch(r -> r.path().equals(f.path())))
              .toList()));
        }
        return publishGold(writer, datasets, written, processed, refresh);
      } finally {
        release();
      }
    }

    /**
     * Gold from the silver tables as published (written side by side), the landing state, then the run report
     * (its history row last). Read back, not carried over from the quality pass: a rebuild and a refresh compute
     * gold from the same rows, and every gold plan starts at a scan of a small table instead of carrying every
     * quality rule, which Spark analysed and optimised again for each metric step (most of a small run's time).
     */
    private RunResult publishGold(TableWriter writer, List<QualityCounts> datasets, List<WrittenTable> written,
        List<ProcessedFile> processed, List<String> refresh) {
      // The silver tables are small at any input size (a cube of groups, GMV by month).
      return withSmallPlanSettings(spark, () -> publishGoldPlans(writer, datasets, written, processed, refresh));
    }

    private RunResult publishGoldPlans(TableWriter writer, List<QualityCounts> datasets, List<WrittenTable> written,
        List<ProcessedFile> processed, List<String> refresh) {
      Progress.step("computing and writing the gold tables");
      Dataset<Row> gmvMonthly = persist(writer.read(OutputTables.GMV_MONTHLY).drop(Columns.RUN_ID));
      Dataset<Row> cube = persist(writer.read(OutputTables.SHIPMENT_CUBE).drop(Columns.RUN_ID));
      Dataset<Row> gmvByPeriod = persist(GmvByPeriod.compute(gmvMonthly));
      Dataset<Row> gmvGrowth = persist(GmvGrowth.compute(gmvByPeriod));
      Dataset<Row> marketShare = persist(MarketShare.compute(gmvByPeriod));
      Dataset<Row> shipmentsByPeriod = persist(ShipmentsByPeriod.compute(cube));
      Dataset<Row> shipmentVolumes = persist(ShipmentVolumes.compute(shipmentsByPeriod));
      Dataset<Row> benchmarks = persist(BenchmarkComparison.compute(gmvGrowth, gmvMonthly,
          reference.platformsFrame(spark), reference.benchmarksFrame(spark)));
      Dataset<Row> growthSummary = persist(GrowthSummary.compute(gmvByPeriod, shipmentsByPeriod));
      // Cached too when the report follows, which reads them again.
      Dataset<Row> fulfillmentMix = persistIf(writeReport, FulfillmentMix.compute(shipmentsByPeriod));
      Dataset<Row> policyImpact = persistIf(writeReport,
          PolicyImpact.compute(cube, reference.policyEventsFrame(spark), config.policyWindowMonths()));
      Dataset<Row> policyScenarios = persist(PolicyScenarioOutcomes.compute(
          writer.read(OutputTables.POLICY_SCENARIO_CUBE).drop(Columns.RUN_ID), reference.scenarioWindowsFrame(spark)));
      written.addAll(writer.writeAll(List.of(
          new Pending(OutputTables.GMV_GROWTH, gmvGrowth),
          new Pending(OutputTables.MARKET_SHARE, marketShare),
          new Pending(OutputTables.SHIPMENT_VOLUMES, shipmentVolumes),
          new Pending(OutputTables.FULFILLMENT_MIX, fulfillmentMix),
          new Pending(OutputTables.POLICY_IMPACT, policyImpact),
          new Pending(OutputTables.POLICY_SCENARIOS, policyScenarios),
          new Pending(OutputTables.BENCHMARK_COMPARISON, benchmarks),
          new Pending(OutputTables.GROWTH_SUMMARY, growthSummary),
          new Pending(OutputTables.KPI_ANOMALIES, KpiAnomalies.compute(marketShare, gmvGrowth, config.anomalies())))));

      new LandingState(config.runId(), formatName(config), referenceFingerprint, processed)
          .write(hadoopConf, config.output());
      Headlines.Figures figures = Headlines.of(gmvGrowth, marketShare, benchmarks, shipmentVolumes, growthSummary,
          policyScenarios);
      RunResult succeeded = result(RunResult.Status.SUCCEEDED, datasets, written, figures.lines(), refresh);
      Progress.step("writing the run report");
      RunReport.publish(spark, writer, succeeded);
      writer.recordDeltaVersions();
      if (writeReport) {
        Progress.step("writing the HTML report");
        reportAfterRun(() -> Report.write(spark, config.output(), Map.of(
            OutputTables.GMV_GROWTH, writer.asPublished(OutputTables.GMV_GROWTH, gmvGrowth),
            OutputTables.MARKET_SHARE, writer.asPublished(OutputTables.MARKET_SHARE, marketShare),
            OutputTables.BENCHMARK_COMPARISON, writer.asPublished(OutputTables.BENCHMARK_COMPARISON, benchmarks),
            OutputTables.SHIPMENT_VOLUMES, writer.asPublished(OutputTables.SHIPMENT_VOLUMES, shipmentVolumes),
            OutputTables.FULFILLMENT_MIX, writer.asPublished(OutputTables.FULFILLMENT_MIX, fulfillmentMix),
            OutputTables.POLICY_IMPACT, writer.asPublished(OutputTables.POLICY_IMPACT, policyImpact),
            OutputTables.POLICY_SCENARIOS, writer.asPublished(OutputTables.POLICY_SCENARIOS, policyScenarios),
            OutputTables.GROWTH_SUMMARY, writer.asPublished(OutputTables.GROWTH_SUMMARY, growthSummary),
            OutputTables.SHIPMENT_CUBE, writer.asPublished(OutputTables.SHIPMENT_CUBE, cube),
            OutputTables.RUNS, writer.read(OutputTables.RUNS)), config.format(),
            figures));
      }
      return succeeded;
    }

    private CheckedRows check(LandingDataset dataset, List<LandingFile> files) {
      long landingBytes = files.stream().mapToLong(LandingFile::length).sum();
      Progress.step(String.format(Locale.ROOT, "checking %s (%,d file%s, %,d bytes): rules, duplicates, counts",
          dataset.folder(), files.size(), files.size() == 1 ? "" : "s", landingBytes));
      CheckedRows checked;
      try {
        List<Expectation> ofDataset = expectations.stream().filter(e -> e.dataset() == dataset).toList();
        Map<String, Column> columns = ExpectationColumns.columns(dataset);
        checked = CheckedRows.check(dataset.folder(), read(dataset, files), ofDataset, (raw, cache) -> switch (dataset) {
          case GMV -> GmvQuality.flag(spark, raw, reference, config.runDate(), ofDataset, columns, cache);
          case SHIPMENTS -> ShipmentPass.flag(spark, raw, reference, config.runDate(),
              shufflePartitions(landingBytes, spark.sparkContext().defaultParallelism()),
              maxBroadcastKeys(landingBytes), ofDataset, columns, cache);
        });
      } catch (JobException e) {
        throw e; // already says what is wrong, and where
      } catch (Exception e) { // Spark's tasks throw I/O errors undeclared, as Scala does
        // A file that cannot be read to its end is bad input, named, before anything is written (exit 2).
        RuntimeException unchecked = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        String file = LandingFiles.unreadableFile(e)
            .or(() -> LandingFiles.firstUndecompressable(hadoopConf, files, e)).orElseThrow(() -> unchecked);
        throw JobException.input("Cannot read " + dataset.folder() + " file " + file + " to its end ("
            + JobException.rootCauseMessage(e) + "): a truncated or corrupt file? replace or remove it", e);
      }
      persisted.add(checked::release);
      return checked;
    }

    private Dataset<Row> read(LandingDataset dataset, List<LandingFile> files) {
      return LandingReader.read(spark, files, folderOf(config, dataset), LandingReader.Contract.of(dataset));
    }

    /** The run's writer, which checks before each commit that the run still holds {@code lock}. */
    private TableWriter writer(OutputLock lock) {
      return new TableWriter(spark, config.output(), config.format(), config.runId(), lock::checkHeld);
    }

    private Dataset<Row> persist(Dataset<Row> frame) {
      Dataset<Row> cached = frame.persist(StorageLevel.MEMORY_AND_DISK());
      persisted.add(cached::unpersist);
      return cached;
    }

    private Dataset<Row> persistIf(boolean condition, Dataset<Row> frame) {
      return condition ? persist(frame) : frame;
    }

    /** The report of a run whose tables are published: its failure does not undo the run, and says so. */
    private void reportAfterRun(Supplier<String> report) {
      try {
        report.get();
      } catch (RuntimeException e) {
        int exitCode = e instanceof JobException jobException ? jobException.exitCode() : 1;
        throw new JobException(exitCode, "The run succeeded and published its tables, but the report failed: "
            + (e instanceof JobException ? e.getMessage() : JobException.rootCauseMessage(e))
            + "; retry with the report command", e);
      }
    }

    private void release() {
      persisted.forEach(Persisted::release);
      persisted.clear();
    }

    /** No rows, with the columns of {@code spec} but run_id: what a dataset with no file left contributes. */
    private Dataset<Row> emptyOf(TableSpec spec) {
      StructType schema = new StructType();
      for (TableSpec.ColumnSpec column : spec.columns()) {
        if (!column.name().equals(Columns.RUN_ID)) {
          schema = schema.add(column.name(), column.type());
        }
      }
      return spark.createDataFrame(List.of(), schema);
    }

    /** Quarantine rows of the checked datasets, run_id aside. */
    private Dataset<Row> quarantineRows(Map<LandingDataset, CheckedRows> checked) {
      return checked.entrySet().stream()
          .map(e -> e.getValue().quarantined().select(
              lit(e.getKey().folder()).as(Columns.DATASET),
              col(Columns.SOURCE_FILE),
              col(Columns.RECORD),
              col(Columns.REASONS)))
          .reduce(Dataset::unionByName)
          .orElseGet(() -> emptyOf(OutputTables.QUARANTINE));
    }

    /** The quality gate: exit 3 before any gold table is replaced, with the quarantine and run report written. */
    private void failIfTooMuchQuarantined(TableWriter writer, List<QualityCounts> datasets,
        List<WrittenTable> written, List<String> refresh) {
      for (QualityCounts counts : datasets) {
        if (counts.quarantinedRatio() > config.maxQuarantineRatio()) {
          throw failedQuality(writer, datasets, written, refresh, String.format(Locale.ROOT,
              "%s: %d of %d rows quarantined (%.2f %%) exceeds --max-quarantine-ratio %s; gold tables were left"
                  + " as they were. See the quarantine table and %s",
              counts.dataset(), counts.rowsQuarantined(), counts.rowsRead(), counts.quarantinedRatio() * 100,
              config.maxQuarantineRatio(), RunReport.pathOf(config.output(), config.runId())));
        }
        for (QualityCounts.ExpectationCount expectation : counts.expectations()) {
          if (expectation.failsTheRun()) {
            throw failedQuality(writer, datasets, written, refresh, String.format(Locale.ROOT,
                "%s: expectation %s failed on %d of %d rows evaluated (%.2f %%), above its max_ratio %s; gold tables"
                    + " were left as they were. See %s",
                counts.dataset(), expectation.expectation().name(), expectation.rowsFailing(),
                expectation.rowsEvaluated(), expectation.failingRatio() * 100, expectation.expectation().maxRatio(),
                RunReport.pathOf(config.output(), config.runId())));
          }
        }
      }
    }

    /** Publishes the run as FAILED_QUALITY and returns the exit-3 failure that says {@code why}. */
    private JobException failedQuality(TableWriter writer, List<QualityCounts> datasets, List<WrittenTable> written,
        List<String> refresh, String why) {
      RunReport.publish(spark, writer, result(RunResult.Status.FAILED_QUALITY, datasets, written, List.of(), refresh));
      writer.recordDeltaVersions();
      return JobException.quality(why);
    }

    private RunResult result(RunResult.Status status, List<QualityCounts> datasets, List<WrittenTable> written,
        List<String> headlines, List<String> refresh) {
      return new RunResult(config.runId(), status, startedAt, Instant.now(), config.input(), config.output(),
          formatName(config), datasets, List.copyOf(written), headlines, List.copyOf(refresh));
    }
  }

  private static List<QualityCounts> countsOf(Map<LandingDataset, CheckedRows> checked) {
    return checked.values().stream().map(CheckedRows::counts).toList();
  }

  /** The state entries of {@code read} files (with the months just seen) followed by {@code kept} ones. */
  private static List<ProcessedFile> processedFiles(LandingDataset dataset, List<LandingFile> read,
      Map<String, MonthRange> months, List<ProcessedFile> kept) {
    List<ProcessedFile> files = new ArrayList<>();
    for (LandingFile file : read) {
      files.add(ProcessedFile.of(dataset.folder(), file.path(), file.sourceFile(), file.length(),
          file.modificationTime(), Optional.ofNullable(months.get(file.sourceFile()))));
    }
    files.addAll(kept);
    return files;
  }

  /**
   * Spark SQL selecting the plan's months of a table keyed by month_start. Not BETWEEN: Spark 4 rewrites it
   * into a With expression that Delta's replaceWhere check fails to resolve (INTERNAL_ERROR).
   */
  private static String monthCondition(RefreshPlan plan) {
    return plan.monthsToReplace().stream()
        .map(m -> "(" + Columns.MONTH_START + " >= DATE'" + m.first() + "' AND " + Columns.MONTH_START
            + " <= DATE'" + m.last() + "')")
        .collect(Collectors.joining(" OR "));
  }

  private static String folderOf(JobConfig config, LandingDataset dataset) {
    return (config.input().endsWith("/") ? config.input() : config.input() + "/") + dataset.folder();
  }

  private static String formatName(JobConfig config) {
    return config.format().name().toLowerCase(Locale.ROOT);
  }

  /** Something cached for this run, released when the run ends however it ends. */
  private interface Persisted {
    void release();
  }
}
