package dev.crossborder.report;

import dev.crossborder.publish.Headlines.Cagr;
import dev.crossborder.publish.Headlines.GroupBenchmark;
import dev.crossborder.publish.Headlines.RankedPlatform;
import dev.crossborder.publish.Headlines.ScenarioOutcome;
import dev.crossborder.publish.Headlines.YearParcels;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything the report shows, as a few hundred values on the driver: chart series in the tables' own units
 * (USD, ratios, parcels) and the headline rows. Built by {@link ReportQueries}, drawn by {@link HtmlReport}.
 */
record ReportData(
    String runId,
    String tableFormat,
    Timeline gmvByQuarter,
    Integer shareYear,
    Categories shareByGeography,
    Categories yoyByYear,
    Categories bigFourAgainstBenchmarks,
    Timeline deMinimisByMonth,
    List<PolicyEvent> policyEvents,
    Categories fulfilmentByYear,
    List<RankedPlatform> ranking,
    List<GroupBenchmark> groupBenchmarks,
    List<YearParcels> usParcels,
    List<Cagr> usDeMinimisCagrs,
    List<ScenarioOutcome> scenarios,
    Categories scenarioChangesByPlatform,
    List<RuleRow> rules) {

  /** One rule of the latest run: a built-in reason code or an expectation, with its rows (the runs table's rules). */
  record RuleRow(String dataset, String rule, String kind, String action, long rowsEvaluated, long rowsFailing) {}

  /** A named row of values, aligned with the periods or categories it belongs to; null is no value. */
  record Values(String name, List<Double> values) {}

  /** One value of a series at a period start. */
  record Point(String series, LocalDate period, double value) {}

  /** One value of a series in a category. */
  record Cell(String category, String series, double value) {}

  /** Series over consecutive periods: every step from the first period to the last, gaps as null. */
  record Timeline(List<LocalDate> periods, List<String> labels, List<Values> series) {
    static final Timeline EMPTY = new Timeline(List.of(), List.of(), List.of());

    /**
     * Lays the points out over every period from the earliest to the latest, {@code stepMonths} apart, so that
     * a missing period shows as a gap instead of joining its neighbours; series in {@code seriesOrder}, those
     * without points left out.
     */
    static Timeline of(List<Point> points, int stepMonths, List<String> seriesOrder,
        Function<LocalDate, String> label) {
      if (points.isEmpty()) {
        return EMPTY;
      }
      LocalDate first = points.stream().map(Point::period).min(LocalDate::compareTo).orElseThrow();
      LocalDate last = points.stream().map(Point::period).max(LocalDate::compareTo).orElseThrow();
      List<LocalDate> periods = new ArrayList<>();
      for (LocalDate p = first; !p.isAfter(last); p = p.plusMonths(stepMonths)) {
        periods.add(p);
      }
      Map<String, Map<LocalDate, Double>> bySeries = new HashMap<>();
      points.forEach(p -> bySeries.computeIfAbsent(p.series(), s -> new HashMap<>()).put(p.period(), p.value()));
      List<Values> series = new ArrayList<>();
      for (String name : seriesOrder) {
        Map<LocalDate, Double> values = bySeries.get(name);
        if (values != null) {
          series.add(new Values(name, periods.stream().map(values::get).toList()));
        }
      }
      return new Timeline(List.copyOf(periods), periods.stream().map(label).toList(), List.copyOf(series));
    }

    boolean isEmpty() {
      return series.isEmpty();
    }
  }

  /** Series over categories (years, geographies), in the given orders. */
  record Categories(List<String> categories, List<Values> series) {
    static final Categories EMPTY = new Categories(List.of(), List.of());

    /** Series in {@code seriesOrder} over {@code categoryOrder}; series without any cell left out. */
    static Categories of(List<Cell> cells, List<String> categoryOrder, List<String> seriesOrder) {
      Map<String, Map<String, Double>> bySeries = new HashMap<>();
      cells.forEach(c -> bySeries.computeIfAbsent(c.series(), s -> new HashMap<>()).put(c.category(), c.value()));
      List<Values> series = new ArrayList<>();
      for (String name : seriesOrder) {
        Map<String, Double> values = bySeries.get(name);
        if (values != null) {
          series.add(new Values(name, categoryOrder.stream().map(values::get).toList()));
        }
      }
      return series.isEmpty() ? EMPTY : new Categories(List.copyOf(categoryOrder), List.copyOf(series));
    }

    boolean isEmpty() {
      return series.isEmpty();
    }
  }

  /**
   * A de minimis threshold change with its policy window (gold policy_impact, all platforms); counts and
   * changes are null when the shipments data does not cover a side of the window.
   */
  record PolicyEvent(String jurisdiction, String originScope, LocalDate effectiveDate, BigDecimal thresholdBefore,
      BigDecimal thresholdAfter, String currency, int windowMonths, Long deMinimisBefore, Long deMinimisAfter,
      Double crossBorderChange, Double localShareChangePp) {}
}
