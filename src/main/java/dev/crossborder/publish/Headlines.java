package dev.crossborder.publish;

import static dev.crossborder.model.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import dev.crossborder.metrics.BenchmarkComparison;
import dev.crossborder.metrics.GrowthSummary;
import dev.crossborder.model.GeoLevel;
import dev.crossborder.model.Grain;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The headline figures, read from the gold tables (a handful of rows): as records for the HTML report and as
 * lines for the closing summary of a run.
 */
public final class Headlines {
  private Headlines() {}

  /** One platform in the worldwide ranking of a year; {@code yoyGrowth} is null unless the status is OK. */
  public record RankedPlatform(int year, int rank, String platformId, BigDecimal gmvUsd, Double yoyGrowth,
      String yoyStatus, double share) {}

  /** A platform group's worldwide growth against one benchmark segment in one year. */
  public record GroupBenchmark(int year, String group, Double yoyGrowth, String yoyStatus, String segmentId,
      double benchmarkGrowth, String benchmarkKind, Double outperformancePp) {}

  /** Parcels to one destination in one year. */
  public record YearParcels(String year, long parcels, long crossBorderParcels, long deMinimisParcels) {}

  /** Compound annual growth of a series between two complete years. */
  public record Cagr(int firstYear, int lastYear, double cagr) {}

  /** What one policy scenario would have done to the parcels it covers in one jurisdiction (all platforms). */
  public record ScenarioOutcome(String scenarioId, String description, String jurisdiction, long parcelsInScope,
      long parcelsLosing, long parcelsGaining, BigDecimal estimatedDutyUsd) {}

  /** Destination country of the parcel headlines (the largest de minimis market until 2025). */
  public static final String PARCELS_COUNTRY = "US";

  /**
   * Every headline figure of a run, read once from its gold frames: the summary prints {@link #lines()}, the
   * HTML report draws its headline tables from the same records.
   */
  public record Figures(List<RankedPlatform> ranking, List<GroupBenchmark> groups, List<YearParcels> parcels,
      List<Cagr> deMinimisCagrs, List<ScenarioOutcome> scenarios) {
    /**
     * The closing summary's lines: the worldwide ranking, the groups against benchmarks, US parcels, one line per
     * policy scenario and jurisdiction.
     */
    public List<String> lines() {
      List<String> lines = new ArrayList<>(worldwideLatestYear(ranking));
      lines.addAll(groupsAgainstBenchmarks(groups));
      lines.addAll(parcelsAndCagrs(parcels, deMinimisCagrs));
      lines.addAll(scenarioLines(scenarios));
      return lines;
    }
  }

  /** The headline figures from the gold tables (or frames) they come from. */
  public static Figures of(Dataset<Row> gmvGrowth, Dataset<Row> marketShare, Dataset<Row> benchmarkComparison,
      Dataset<Row> shipmentVolumes, Dataset<Row> growthSummary, Dataset<Row> policyScenarios) {
    return new Figures(worldwideRanking(gmvGrowth, marketShare), groupBenchmarksLatestYear(benchmarkComparison),
        parcelsByYear(shipmentVolumes, PARCELS_COUNTRY), deMinimisCagrs(growthSummary, PARCELS_COUNTRY, 2),
        scenarioOutcomes(policyScenarios));
  }

  /** Per scenario and jurisdiction, over every platform, model and origin, by scenario id. */
  public static List<ScenarioOutcome> scenarioOutcomes(Dataset<Row> policyScenarios) {
    return policyScenarios
        .filter(col(PLATFORM_ID).equalTo(ALL).and(col(FULFILLMENT_MODEL).equalTo(ALL))
            .and(col(ORIGIN_COUNTRY).equalTo(ALL)))
        .select(SCENARIO_ID, DESCRIPTION, JURISDICTION, PARCELS_IN_SCOPE, PARCELS_LOSING_EXEMPTION,
            PARCELS_GAINING_EXEMPTION, ESTIMATED_DUTY_USD)
        .orderBy(col(SCENARIO_ID), col(JURISDICTION))
        .collectAsList().stream()
        .map(row -> new ScenarioOutcome(row.getString(0), row.getString(1), row.getString(2), row.getLong(3),
            row.getLong(4), row.getLong(5), row.getDecimal(6)))
        .toList();
  }

  /** Per platform, worldwide, in the latest year with GMV: rank, GMV, YoY growth and share, by rank. */
  public static List<RankedPlatform> worldwideRanking(Dataset<Row> gmvGrowth, Dataset<Row> marketShare) {
    Dataset<Row> worldYears = gmvGrowth
        .filter(col(PERIOD_GRAIN).equalTo(Grain.YEAR.code()).and(col(GEO_LEVEL).equalTo(GeoLevel.GLOBAL.code())));
    Row latest = worldYears.agg(max(col(PERIOD_START))).first();
    if (latest.isNullAt(0)) {
      return List.of();
    }
    java.sql.Date year = latest.getDate(0);
    List<Row> rows = worldYears.filter(col(PERIOD_START).equalTo(year))
        .join(marketShare.select(PERIOD_GRAIN, PERIOD_START, GEO_LEVEL, GEO_CODE, PLATFORM_ID, SHARE, RANK),
            new String[] {PERIOD_GRAIN, PERIOD_START, GEO_LEVEL, GEO_CODE, PLATFORM_ID}, "inner")
        .select(PLATFORM_ID, GMV_USD, YOY_GROWTH, YOY_STATUS, SHARE, RANK)
        .orderBy(col(RANK))
        .collectAsList();
    int calendarYear = year.toLocalDate().getYear();
    return rows.stream().map(row -> new RankedPlatform(calendarYear, row.<Integer>getAs(RANK),
        row.<String>getAs(PLATFORM_ID), row.<BigDecimal>getAs(GMV_USD), row.<Double>getAs(YOY_GROWTH),
        row.<String>getAs(YOY_STATUS), row.<Double>getAs(SHARE))).toList();
  }

  /** Each platform group against every benchmark, in the latest benchmarked year, by group and segment. */
  public static List<GroupBenchmark> groupBenchmarksLatestYear(Dataset<Row> benchmarkComparison) {
    Dataset<Row> groups = benchmarkComparison.filter(col(ENTITY_TYPE).equalTo(BenchmarkComparison.GROUP));
    Row latest = groups.agg(max(col(YEAR))).first();
    if (latest.isNullAt(0)) {
      return List.of();
    }
    return groups.filter(col(YEAR).equalTo(latest.getInt(0))).orderBy(col(ENTITY_ID), col(SEGMENT_ID))
        .collectAsList().stream()
        .map(row -> new GroupBenchmark(row.<Integer>getAs(YEAR), row.<String>getAs(ENTITY_ID),
            row.<Double>getAs(YOY_GROWTH), row.<String>getAs(YOY_STATUS), row.<String>getAs(SEGMENT_ID),
            row.<Double>getAs(BENCHMARK_GROWTH), row.<String>getAs(BENCHMARK_KIND),
            row.<Double>getAs(OUTPERFORMANCE_PP)))
        .toList();
  }

  /** Parcels to one destination country (all platforms and models) per year, oldest first. */
  public static List<YearParcels> parcelsByYear(Dataset<Row> shipmentVolumes, String country) {
    return shipmentVolumes
        .filter(col(PERIOD_GRAIN).equalTo(Grain.YEAR.code()).and(col(GEO_LEVEL).equalTo(GeoLevel.COUNTRY.code()))
            .and(col(GEO_CODE).equalTo(country)).and(col(PLATFORM_ID).equalTo(ALL))
            .and(col(FULFILLMENT_MODEL).equalTo(ALL)))
        .select(PERIOD_LABEL, PARCELS, CROSS_BORDER_PARCELS, DE_MINIMIS_PARCELS)
        .orderBy(col(PERIOD_LABEL))
        .collectAsList().stream()
        .map(row -> new YearParcels(row.getString(0), row.getLong(1), row.getLong(2), row.getLong(3)))
        .toList();
  }

  /** De minimis parcel CAGRs to one destination country, at most {@code limit}, latest last year first. */
  public static List<Cagr> deMinimisCagrs(Dataset<Row> growthSummary, String country, int limit) {
    return growthSummary
        .filter(col(METRIC).equalTo(GrowthSummary.METRIC_DE_MINIMIS_PARCELS)
            .and(col(GEO_LEVEL).equalTo(GeoLevel.COUNTRY.code())).and(col(GEO_CODE).equalTo(country))
            .and(col(CAGR).isNotNull()))
        .orderBy(col(LAST_YEAR).desc())
        .limit(limit)
        .collectAsList().stream()
        .map(row -> new Cagr(row.<Integer>getAs(FIRST_YEAR), row.<Integer>getAs(LAST_YEAR), row.<Double>getAs(CAGR)))
        .toList();
  }

  /** Console lines of {@link #worldwideRanking}. */
  private static List<String> worldwideLatestYear(List<RankedPlatform> ranking) {
    if (ranking.isEmpty()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "Worldwide %s (rank, platform, GMV, YoY, share):", ranking.get(0).year()));
    for (RankedPlatform platform : ranking) {
      lines.add(String.format(Locale.ROOT, "  %2d  %-14s US$ %8.2f bn  YoY %-18s share %5.1f %%",
          platform.rank(), platform.platformId(), platform.gmvUsd().doubleValue() / 1e9,
          platform.yoyGrowth() == null ? platform.yoyStatus() : percent(platform.yoyGrowth()),
          platform.share() * 100));
    }
    return lines;
  }

  /** Console lines of {@link #groupBenchmarksLatestYear}. */
  private static List<String> groupsAgainstBenchmarks(List<GroupBenchmark> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    lines.add("Groups against benchmarks, " + rows.get(0).year() + " (group YoY vs segment: outperformance):");
    for (GroupBenchmark row : rows) {
      lines.add(String.format(Locale.ROOT, "  %-17s %-18s vs %-26s %+6.1f %% (%s): %s",
          row.group(), row.yoyGrowth() == null ? row.yoyStatus() : percent(row.yoyGrowth()), row.segmentId(),
          row.benchmarkGrowth() * 100, row.benchmarkKind(),
          row.outperformancePp() == null ? "n/a" : String.format(Locale.ROOT, "%+.1f pp", row.outperformancePp())));
    }
    return lines;
  }

  /** Console lines: US parcels per year and the de minimis CAGR up to the latest complete year. */
  private static List<String> parcelsAndCagrs(List<YearParcels> years, List<Cagr> cagrs) {
    if (years.isEmpty()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    lines.add("US parcels by year (parcels, cross-border, de minimis):");
    for (YearParcels year : years) {
      lines.add(String.format(Locale.ROOT, "  %s  %,15d  %,15d  %,15d", year.year(), year.parcels(),
          year.crossBorderParcels(), year.deMinimisParcels()));
    }
    for (Cagr cagr : cagrs) {
      lines.add(String.format(Locale.ROOT, "  US de minimis parcels CAGR %d-%d: %s a year",
          cagr.firstYear(), cagr.lastYear(), percent(cagr.cagr())));
    }
    return lines;
  }

  /** Console lines of {@link #scenarioOutcomes}. */
  private static List<String> scenarioLines(List<ScenarioOutcome> outcomes) {
    if (outcomes.isEmpty()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    lines.add("Policy scenarios (parcels in scope; losing the exemption; gaining it; estimated duty):");
    for (ScenarioOutcome outcome : outcomes) {
      lines.add(String.format(Locale.ROOT, "  %-26s %-2s %,15d; %,15d lose; %,15d gain; duty US$ %,.2f bn",
          outcome.scenarioId(), outcome.jurisdiction(), outcome.parcelsInScope(), outcome.parcelsLosing(),
          outcome.parcelsGaining(), outcome.estimatedDutyUsd().doubleValue() / 1e9));
    }
    return lines;
  }

  private static String percent(double ratio) {
    return String.format(Locale.ROOT, "%+.1f %%", ratio * 100);
  }
}
