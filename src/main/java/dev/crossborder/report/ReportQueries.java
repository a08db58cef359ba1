package dev.crossborder.report;

import static dev.crossborder.model.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import dev.crossborder.metrics.BenchmarkComparison;
import dev.crossborder.model.FulfillmentModel;
import dev.crossborder.model.GeoLevel;
import dev.crossborder.model.Grain;
import dev.crossborder.model.OutputTables;
import dev.crossborder.model.YoyStatus;
import dev.crossborder.publish.Headlines;
import dev.crossborder.publish.Headlines.RankedPlatform;
import dev.crossborder.report.ReportData.Categories;
import dev.crossborder.report.ReportData.Cell;
import dev.crossborder.report.ReportData.PolicyEvent;
import dev.crossborder.report.ReportData.Point;
import dev.crossborder.report.ReportData.Timeline;
import java.math.BigDecimal;
import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Selects from the published tables the few rows each chart and headline table needs (yearly and quarterly
 * worldwide or regional rows, monthly sums for two jurisdictions) and brings only those to the driver.
 */
final class ReportQueries {
  private ReportQueries() {}

  /** Platform group whose growth the benchmark chart follows (platforms.csv, DESIGN.md §3). */
  static final String BIG_FOUR = "china_big4";

  /** Jurisdictions on the de minimis chart: the two largest low-value parcel markets. */
  static final List<String> DE_MINIMIS_JURISDICTIONS = List.of("US", "EU");

  /** Destination country of the parcels-by-year headline table. */
  static final String PARCELS_TABLE_COUNTRY = Headlines.PARCELS_COUNTRY;

  /** The report's data: the charts' rows from {@code tables}, the headline tables from {@code figures}. */
  static ReportData collect(ReportTables tables, Headlines.Figures figures) {
    Dataset<Row> gmvGrowth = tables.rows(OutputTables.GMV_GROWTH);
    Dataset<Row> marketShare = tables.rows(OutputTables.MARKET_SHARE);
    List<RankedPlatform> ranking = figures.ranking();
    List<String> platforms = platformOrder(ranking, gmvGrowth);
    Row latestShareYear = worldYears(marketShare).agg(max(col(PERIOD_START))).first();
    Date shareYear = latestShareYear.isNullAt(0) ? null : latestShareYear.getDate(0);
    return new ReportData(
        runId(gmvGrowth),
        tables.formatText(),
        gmvByQuarter(gmvGrowth, platforms),
        shareYear == null ? null : shareYear.toLocalDate().getYear(),
        shareYear == null ? Categories.EMPTY : shareByGeography(marketShare, shareYear, platforms),
        yoyByYear(gmvGrowth, platforms),
        bigFourAgainstBenchmarks(tables.rows(OutputTables.BENCHMARK_COMPARISON)),
        deMinimisByMonth(tables.rows(OutputTables.SHIPMENT_CUBE)),
        policyEvents(tables.rows(OutputTables.POLICY_IMPACT)),
        fulfilmentByYear(tables.rows(OutputTables.FULFILLMENT_MIX)),
        ranking,
        figures.groups(),
        figures.parcels(),
        figures.deMinimisCagrs(),
        figures.scenarios(),
        scenarioChangesByPlatform(tables.rows(OutputTables.POLICY_SCENARIOS), platforms),
        latestRules(tables.rows(OutputTables.RUNS)));
  }

  /** The rules of the latest run (the runs table's last row): built-in reason codes, then expectations. */
  private static List<ReportData.RuleRow> latestRules(Dataset<Row> runs) {
    List<Row> latest = runs.orderBy(col("finished_at").desc()).limit(1)
        .select(org.apache.spark.sql.functions.explode(col("rules")).as("r"))
        .select("r.dataset", "r.rule", "r.kind", "r.action", "r.rows_evaluated", "r.rows_failing").collectAsList();
    return latest.stream().map(r -> new ReportData.RuleRow(r.getString(0), r.getString(1), r.getString(2),
        r.getString(3), r.getLong(4), r.getLong(5))).toList();
  }

  /** The chart's category of a scenario's row: scenario id and jurisdiction. */
  static String scenarioCategory(String scenarioId, String jurisdiction) {
    return scenarioId + " (" + jurisdiction + ")";
  }

  /**
   * Per scenario and jurisdiction, the parcels whose de minimis status the scenario changes (losing plus gaining
   * the exemption: a scenario that ends a relief only removes it, one that keeps it only grants it), by platform,
   * all models and origins.
   */
  private static Categories scenarioChangesByPlatform(Dataset<Row> policyScenarios, List<String> platforms) {
    List<Row> rows = policyScenarios
        .filter(col(PLATFORM_ID).notEqual(ALL).and(col(FULFILLMENT_MODEL).equalTo(ALL))
            .and(col(ORIGIN_COUNTRY).equalTo(ALL)))
        .select(SCENARIO_ID, JURISDICTION, PLATFORM_ID, PARCELS_LOSING_EXEMPTION, PARCELS_GAINING_EXEMPTION)
        .orderBy(SCENARIO_ID, JURISDICTION)
        .collectAsList();
    List<String> categories = rows.stream().map(r -> scenarioCategory(r.getString(0), r.getString(1))).distinct()
        .toList();
    List<Cell> cells = rows.stream().map(r -> new Cell(scenarioCategory(r.getString(0), r.getString(1)),
        r.getString(2), (double) (r.getLong(3) + r.getLong(4)))).toList();
    List<String> series = new ArrayList<>(platforms);
    rows.stream().map(r -> r.getString(2)).filter(p -> !series.contains(p)).distinct().sorted().forEach(series::add);
    return Categories.of(cells, categories, series);
  }

  private static String runId(Dataset<Row> gmvGrowth) {
    List<Row> first = gmvGrowth.select(RUN_ID).limit(1).collectAsList();
    return first.isEmpty() ? "unknown" : first.get(0).getString(0);
  }

  private static Dataset<Row> worldYears(Dataset<Row> table) {
    return table.filter(col(PERIOD_GRAIN).equalTo(Grain.YEAR.code()).and(col(GEO_LEVEL).equalTo(GeoLevel.GLOBAL.code())));
  }

  /** Platforms by their latest worldwide rank, then any others (no GMV in the latest year) by id. */
  private static List<String> platformOrder(List<RankedPlatform> ranking, Dataset<Row> gmvGrowth) {
    Set<String> order = new LinkedHashSet<>();
    ranking.forEach(r -> order.add(r.platformId()));
    gmvGrowth.filter(col(GEO_LEVEL).equalTo(GeoLevel.GLOBAL.code())).select(PLATFORM_ID).distinct()
        .orderBy(PLATFORM_ID).collectAsList().forEach(r -> order.add(r.getString(0)));
    return List.copyOf(order);
  }

  private static Timeline gmvByQuarter(Dataset<Row> gmvGrowth, List<String> platforms) {
    List<Point> points = gmvGrowth
        .filter(col(PERIOD_GRAIN).equalTo(Grain.QUARTER.code()).and(col(GEO_LEVEL).equalTo(GeoLevel.GLOBAL.code())))
        .select(PLATFORM_ID, PERIOD_START, GMV_USD)
        .collectAsList().stream()
        .map(r -> new Point(r.getString(0), r.getDate(1).toLocalDate(), r.getDecimal(2).doubleValue()))
        .toList();
    return Timeline.of(points, Grain.QUARTER.months(), platforms,
        d -> d.getYear() + "-Q" + ((d.getMonthValue() - 1) / 3 + 1));
  }

  /** Shares of the latest year worldwide and in every region, WORLD first. */
  private static Categories shareByGeography(Dataset<Row> marketShare, Date year, List<String> platforms) {
    List<Row> rows = marketShare
        .filter(col(PERIOD_GRAIN).equalTo(Grain.YEAR.code()).and(col(PERIOD_START).equalTo(year))
            .and(col(GEO_LEVEL).isin(GeoLevel.GLOBAL.code(), GeoLevel.REGION.code())))
        .select(GEO_LEVEL, GEO_CODE, PLATFORM_ID, SHARE)
        .orderBy(col(GEO_LEVEL).equalTo(GeoLevel.GLOBAL.code()).desc(), col(GEO_CODE))
        .collectAsList();
    List<String> geographies = rows.stream().map(r -> r.getString(1)).distinct().toList();
    List<Cell> cells = rows.stream().map(r -> new Cell(r.getString(1), r.getString(2), r.getDouble(3))).toList();
    return Categories.of(cells, geographies, platforms);
  }

  /** Worldwide YoY growth per platform and year, where it is defined (status OK). */
  private static Categories yoyByYear(Dataset<Row> gmvGrowth, List<String> platforms) {
    List<Row> rows = worldYears(gmvGrowth)
        .filter(col(YOY_STATUS).equalTo(YoyStatus.OK.name()))
        .select(PERIOD_LABEL, PLATFORM_ID, YOY_GROWTH)
        .orderBy(PERIOD_LABEL)
        .collectAsList();
    List<String> years = rows.stream().map(r -> r.getString(0)).distinct().toList();
    List<Cell> cells = rows.stream().map(r -> new Cell(r.getString(0), r.getString(1), r.getDouble(2))).toList();
    return Categories.of(cells, years, platforms);
  }

  /**
   * Per year, the Big Four group's worldwide growth beside every benchmark of that year; a year whose
   * benchmarks include a forecast is labelled so.
   */
  private static Categories bigFourAgainstBenchmarks(Dataset<Row> benchmarkComparison) {
    List<Row> rows = benchmarkComparison
        .filter(col(ENTITY_TYPE).equalTo(BenchmarkComparison.GROUP).and(col(ENTITY_ID).equalTo(BIG_FOUR)))
        .select(YEAR, YOY_GROWTH, SEGMENT_ID, BENCHMARK_GROWTH, BENCHMARK_KIND)
        .orderBy(YEAR, SEGMENT_ID)
        .collectAsList();
    Set<Integer> forecastYears = new LinkedHashSet<>();
    rows.stream().filter(r -> "forecast".equals(r.getString(4))).forEach(r -> forecastYears.add(r.getInt(0)));
    List<String> years = new ArrayList<>();
    List<Cell> cells = new ArrayList<>();
    Set<String> segments = new LinkedHashSet<>();
    String bigFour = bigFourSeriesName();
    for (Row r : rows) {
      String year = r.getInt(0) + (forecastYears.contains(r.getInt(0)) ? " (forecast)" : "");
      if (!years.contains(year)) {
        years.add(year);
        if (!r.isNullAt(1)) {
          cells.add(new Cell(year, bigFour, r.getDouble(1)));
        }
      }
      segments.add(r.getString(2));
      cells.add(new Cell(year, r.getString(2), r.getDouble(3)));
    }
    List<String> series = new ArrayList<>();
    series.add(bigFour);
    series.addAll(segments);
    return Categories.of(cells, years, series);
  }

  static String bigFourSeriesName() {
    return BIG_FOUR + " (group)";
  }

  /** De minimis parcels per month to each charted jurisdiction, from the silver cube. */
  private static Timeline deMinimisByMonth(Dataset<Row> cube) {
    List<Point> points = cube
        .filter(col(DESTINATION_JURISDICTION).isin(DE_MINIMIS_JURISDICTIONS.toArray()))
        .groupBy(DESTINATION_JURISDICTION, MONTH_START)
        .agg(sum(DE_MINIMIS_PARCELS).as(DE_MINIMIS_PARCELS))
        .collectAsList().stream()
        .map(r -> new Point(r.getString(0), r.getDate(1).toLocalDate(), r.getLong(2)))
        .toList();
    return Timeline.of(points, Grain.MONTH.months(), DE_MINIMIS_JURISDICTIONS, d -> d.toString().substring(0, 7));
  }

  private static List<PolicyEvent> policyEvents(Dataset<Row> policyImpact) {
    return policyImpact.filter(col(PLATFORM_ID).equalTo(ALL))
        .select(JURISDICTION, ORIGIN_SCOPE, EFFECTIVE_DATE, THRESHOLD_BEFORE, THRESHOLD_AFTER, THRESHOLD_CURRENCY,
            WINDOW_MONTHS, DE_MINIMIS_PARCELS_BEFORE, DE_MINIMIS_PARCELS_AFTER, CROSS_BORDER_CHANGE,
            LOCAL_SHARE_CHANGE_PP)
        .orderBy(EFFECTIVE_DATE, JURISDICTION, ORIGIN_SCOPE)
        .collectAsList().stream()
        .map(r -> new PolicyEvent(r.getString(0), r.getString(1), r.getDate(2).toLocalDate(),
            r.<BigDecimal>getAs(3), r.<BigDecimal>getAs(4), r.getString(5), r.getInt(6),
            r.isNullAt(7) ? null : r.getLong(7), r.isNullAt(8) ? null : r.getLong(8),
            r.isNullAt(9) ? null : r.getDouble(9), r.isNullAt(10) ? null : r.getDouble(10)))
        .toList();
  }

  /** Worldwide parcel shares of each fulfilment model per year, all platforms. */
  private static Categories fulfilmentByYear(Dataset<Row> fulfillmentMix) {
    List<Row> rows = worldYears(fulfillmentMix)
        .filter(col(PLATFORM_ID).equalTo(ALL))
        .select(PERIOD_LABEL, FULFILLMENT_MODEL, PARCEL_SHARE)
        .orderBy(PERIOD_LABEL)
        .collectAsList();
    List<String> years = rows.stream().map(r -> r.getString(0)).distinct().toList();
    List<Cell> cells = rows.stream().map(r -> new Cell(r.getString(0), r.getString(1), r.getDouble(2))).toList();
    return Categories.of(cells, years, FulfillmentModel.codes());
  }
}
