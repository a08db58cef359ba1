package dev.crossborder.report;

import static dev.crossborder.report.SvgChart.escape;

import dev.crossborder.publish.Headlines.Cagr;
import dev.crossborder.publish.Headlines.GroupBenchmark;
import dev.crossborder.publish.Headlines.RankedPlatform;
import dev.crossborder.publish.Headlines.ScenarioOutcome;
import dev.crossborder.publish.Headlines.YearParcels;
import dev.crossborder.report.ReportData.Categories;
import dev.crossborder.report.ReportData.PolicyEvent;
import dev.crossborder.report.ReportData.Timeline;
import dev.crossborder.report.ReportData.Values;
import dev.crossborder.report.SvgChart.Axes;
import dev.crossborder.report.SvgChart.Event;
import dev.crossborder.report.SvgChart.Series;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;

/**
 * Renders {@link ReportData} as one self-contained HTML page: headline tables, then seven charts as inline SVG,
 * each in a figure with its title, axis titles with units, legend and caption. The page loads nothing: its
 * Content-Security-Policy refuses every fetch but inline styles and data: images, so a stray reference shows
 * up as a refused load instead of a silent one.
 */
final class HtmlReport {
  private HtmlReport() {}

  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

  /** Colours of series in order (Tableau 10 and two more); platforms keep theirs across every chart. */
  static final List<String> PALETTE = List.of("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
      "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#499894", "#d37295");

  private static final DoubleUnaryOperator USD_TO_BN = usd -> usd / 1e9;
  private static final DoubleUnaryOperator RATIO_TO_PERCENT = ratio -> ratio * 100;
  private static final DoubleUnaryOperator PARCELS_TO_MILLIONS = parcels -> parcels / 1e6;

  private static final String STYLE = """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#222;
        margin:24px auto;max-width:1000px;padding:0 16px;line-height:1.4}
      h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 8px;border-bottom:2px solid #222}
      h3{font-size:16px;margin:0 0 6px}.meta{color:#555;margin:0}
      table{border-collapse:collapse;font-size:13px;margin:4px 0 20px;font-variant-numeric:tabular-nums}
      caption{text-align:left;font-weight:600;padding:4px 0}
      th,td{padding:3px 10px;border-bottom:1px solid #ddd;text-align:right}th{background:#f3f3f3}
      td{white-space:nowrap}th.text,td.text{text-align:left}.cagr{font-size:13px;margin:0 0 6px}
      td.prose{white-space:normal;min-width:16em}
      figure{margin:28px 0;padding-top:10px;border-top:1px solid #ccc}
      figcaption{font-size:13px;color:#444;max-width:900px;margin-top:4px}
      .no-data{color:#a00;font-style:italic}
      svg.chart{display:block;max-width:100%;height:auto;font-size:12px}
      svg .grid{stroke:#e6e6e6}svg .axis,svg .tick{stroke:#888}svg .zero{stroke:#444}
      svg .tick-label{fill:#444}svg .axis-label{fill:#222;font-weight:600}svg .legend-label{fill:#222}
      svg .event-label{fill:#222;font-size:11px;paint-order:stroke;stroke:#fff;stroke-width:3px}
      """;

  static String render(ReportData data) {
    Map<String, String> platformColors = platformColors(data);
    StringBuilder html = new StringBuilder(64 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CONTENT_SECURITY_POLICY)
        .append("\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Cross-border e-commerce report</title>\n<style>\n").append(STYLE).append("</style>\n")
        .append("</head>\n<body>\n<header>\n<h1>Cross-border e-commerce: GMV, market share and de minimis parcels</h1>\n")
        .append("<p class=\"meta\">Run <code>").append(escape(data.runId())).append("</code> &middot; ")
        .append(escape(data.tableFormat())).append(" tables").append(coverage(data)).append("</p>\n</header>\n<main>\n");

    html.append("<section id=\"headlines\">\n<h2>Headline figures</h2>\n");
    ranking(html, data.ranking());
    groupBenchmarks(html, data.groupBenchmarks());
    usParcels(html, data.usParcels(), data.usDeMinimisCagrs());
    policyEvents(html, data.policyEvents());
    scenarios(html, data.scenarios());
    rules(html, data.rules());
    html.append("</section>\n<section id=\"charts\">\n<h2>Charts</h2>\n");

    String gmvTitle = "GMV by platform, worldwide, per quarter";
    figure(html, "gmv-by-platform", gmvTitle,
        data.gmvByQuarter().isEmpty() ? null : SvgChart.lines(gmvTitle,
            new Axes("Quarter", "GMV (US$ bn)", v -> "US$ " + fixed(v, 2) + " bn"),
            data.gmvByQuarter().periods(), data.gmvByQuarter().labels(),
            series(data.gmvByQuarter().series(), USD_TO_BN, platformColors), List.of()),
        "Gross merchandise value in US$ billions per calendar quarter, summed over every tracked country at each"
            + " month's average exchange rate (gold/gmv_growth, WORLD). A quarter that a platform's data covers"
            + " only in part (a launch, a gap) shows the months it has; a quarter without data breaks the line.");

    String shareTitle = "Market share of tracked GMV, " + (data.shareYear() == null ? "latest year" : data.shareYear())
        + ", worldwide and per region";
    figure(html, "market-share", shareTitle,
        data.shareByGeography().isEmpty() ? null : SvgChart.stackedBars(shareTitle,
            new Axes("Market (WORLD, then regions)", "Share of tracked GMV (%)", v -> fixed(v, 1) + " %"),
            data.shareByGeography().categories(),
            series(data.shareByGeography().series(), RATIO_TO_PERCENT, platformColors)),
        "Each platform's share of the GMV of all tracked platforms in the market in that year"
            + " (gold/market_share); the shares of a market add up to 100 %. Platforms outside the data are not"
            + " part of the market.");

    String yoyTitle = "GMV growth year on year, worldwide, by platform";
    figure(html, "yoy-by-platform", yoyTitle,
        data.yoyByYear().isEmpty() ? null : SvgChart.groupedBars(yoyTitle,
            new Axes("Year", "GMV growth year on year (%)", v -> signed(v) + " %"),
            data.yoyByYear().categories(), series(data.yoyByYear().series(), RATIO_TO_PERCENT, platformColors)),
        "Worldwide GMV against the year before (gold/gmv_growth). A platform-year is left out when the year"
            + " before is missing or covers other months (yoy_status other than OK), as in a launch year.");

    String bigFourTitle = "Big Four Chinese platforms against the market benchmarks";
    figure(html, "big-four-vs-benchmarks", bigFourTitle,
        data.bigFourAgainstBenchmarks().isEmpty() ? null : SvgChart.groupedBars(bigFourTitle,
            new Axes("Year", "Growth year on year (%)", v -> signed(v) + " %"),
            data.bigFourAgainstBenchmarks().categories(),
            series(data.bigFourAgainstBenchmarks().series(), RATIO_TO_PERCENT, benchmarkColors(data))),
        "Worldwide GMV growth of the platform group " + ReportQueries.BIG_FOUR + " (TEMU, SHEIN, AliExpress and"
            + " TikTok Shop in the bundled reference data) beside the growth of each benchmark segment of"
            + " reference/market_benchmarks.csv (gold/benchmark_comparison). Years marked forecast compare"
            + " with forecasts.");

    String deMinimisTitle = "De minimis parcels to the " + String.join(" and the ", ReportQueries.DE_MINIMIS_JURISDICTIONS)
        + ", per month";
    List<PolicyEvent> chartedEvents = data.policyEvents().stream()
        .filter(e -> ReportQueries.DE_MINIMIS_JURISDICTIONS.contains(e.jurisdiction())).toList();
    figure(html, "de-minimis", deMinimisTitle,
        data.deMinimisByMonth().isEmpty() ? null : SvgChart.lines(deMinimisTitle,
            new Axes("Month", "De minimis parcels (m)", v -> fixed(v, 1) + " m parcels"),
            data.deMinimisByMonth().periods(), data.deMinimisByMonth().labels(),
            series(data.deMinimisByMonth().series(), PARCELS_TO_MILLIONS, fixedColors(data.deMinimisByMonth())),
            eventMarkers(chartedEvents)),
        "Cross-border parcels per month that rode the destination's de minimis exemption, in millions, all"
            + " platforms and origins (silver/shipment_cube). Dashed lines mark the threshold changes of"
            + " reference/de_minimis_rules.csv inside the data's time range (gold/policy_impact); the table"
            + " above compares the months before and after each.");

    String mixTitle = "Fulfilment mix of parcels, worldwide, per year";
    figure(html, "fulfilment-mix", mixTitle,
        data.fulfilmentByYear().isEmpty() ? null : SvgChart.stackedBars(mixTitle,
            new Axes("Year", "Share of parcels (%)", v -> fixed(v, 1) + " %"),
            data.fulfilmentByYear().categories(),
            series(data.fulfilmentByYear().series(), RATIO_TO_PERCENT, fixedColors(data.fulfilmentByYear()))),
        "Share of each fulfilment model in all parcels of the year, all platforms and destinations"
            + " (gold/fulfillment_mix, WORLD): from fully hosted direct mail to semi-hosted, overseas-hosted"
            + " (local warehouse) and local-seller fulfilment.");

    String scenarioTitle = "Parcels whose de minimis status each policy scenario changes, by platform";
    figure(html, "scenarios-by-platform", scenarioTitle,
        data.scenarioChangesByPlatform().isEmpty() ? null : SvgChart.groupedBars(scenarioTitle,
            new Axes("Scenario (jurisdiction)", "Parcels losing or gaining the exemption (m)",
                v -> fixed(v, 1) + " m parcels"),
            data.scenarioChangesByPlatform().categories(),
            series(data.scenarioChangesByPlatform().series(), PARCELS_TO_MILLIONS, platformColors)),
        "For each scenario of the policy scenarios file, the clean cross-border parcels of its window whose"
            + " exemption it would change, in millions, by platform (gold/policy_scenarios, all fulfilment models"
            + " and origins): a scenario that ends a relief takes it from parcels, one that keeps a relief gives it"
            + " to parcels the real rules left without. The table above splits them and estimates the duty.");

    html.append("</section>\n</main>\n<footer><p class=\"meta\">Written by crossborder-analytics <code>report</code>"
        + " from the tables above; the page loads no scripts, fonts or other files.</p></footer>\n</body>\n</html>\n");
    return html.toString();
  }

  private static String coverage(ReportData data) {
    StringBuilder text = new StringBuilder();
    Timeline gmv = data.gmvByQuarter();
    if (!gmv.isEmpty()) {
      text.append(" &middot; GMV ").append(escape(gmv.labels().get(0))).append(" to ")
          .append(escape(gmv.labels().get(gmv.labels().size() - 1)));
    }
    Timeline parcels = data.deMinimisByMonth();
    if (!parcels.isEmpty()) {
      text.append(" &middot; parcels ").append(escape(parcels.labels().get(0))).append(" to ")
          .append(escape(parcels.labels().get(parcels.labels().size() - 1)));
    }
    return text.toString();
  }

  private static void figure(StringBuilder html, String id, String title, String svg, String caption) {
    html.append("<figure id=\"").append(id).append("\">\n<h3>").append(escape(title)).append("</h3>\n")
        .append(svg == null ? "<p class=\"no-data\">No data for this chart in the tables.</p>" : svg)
        .append("\n<figcaption>").append(escape(caption)).append("</figcaption>\n</figure>\n");
  }

  private static List<Series> series(List<Values> values, DoubleUnaryOperator unit, Map<String, String> colors) {
    return values.stream().map(v -> new Series(v.name(), colors.getOrDefault(v.name(), "#555"),
        v.values().stream().map(x -> x == null ? null : unit.applyAsDouble(x)).toList())).toList();
  }

  /** Platforms in ranking order take the palette in turn, so a platform has one colour on every chart. */
  private static Map<String, String> platformColors(ReportData data) {
    Map<String, String> colors = new LinkedHashMap<>();
    List<String> platforms = new ArrayList<>();
    data.ranking().forEach(r -> platforms.add(r.platformId()));
    for (List<Values> series : List.of(data.gmvByQuarter().series(), data.shareByGeography().series(),
        data.yoyByYear().series())) {
      series.forEach(s -> {
        if (!platforms.contains(s.name())) {
          platforms.add(s.name());
        }
      });
    }
    for (int i = 0; i < platforms.size(); i++) {
      colors.put(platforms.get(i), PALETTE.get(i % PALETTE.size()));
    }
    return colors;
  }

  /** The Big Four in a strong red, the benchmarks in calmer colours. */
  private static Map<String, String> benchmarkColors(ReportData data) {
    List<String> calm = List.of("#4e79a7", "#76b7b2", "#9c755f", "#bab0ac", "#59a14f", "#b07aa1");
    Map<String, String> colors = new LinkedHashMap<>();
    int next = 0;
    for (Values s : data.bigFourAgainstBenchmarks().series()) {
      colors.put(s.name(), s.name().equals(ReportQueries.bigFourSeriesName()) ? "#e15759" : calm.get(next++ % calm.size()));
    }
    return colors;
  }

  private static Map<String, String> fixedColors(Timeline timeline) {
    return colorsInOrder(timeline.series());
  }

  private static Map<String, String> fixedColors(Categories categories) {
    return colorsInOrder(categories.series());
  }

  private static Map<String, String> colorsInOrder(List<Values> series) {
    Map<String, String> colors = new LinkedHashMap<>();
    for (int i = 0; i < series.size(); i++) {
      colors.put(series.get(i).name(), PALETTE.get(i % PALETTE.size()));
    }
    return colors;
  }

  /**
   * One marker per date: rule changes of the same jurisdiction, thresholds and day are one change for several
   * origins ("all origins" when the * rule changed), and changes on the same day share a line.
   */
  static List<Event> eventMarkers(List<PolicyEvent> events) {
    Map<String, List<PolicyEvent>> sameChange = new LinkedHashMap<>();
    for (PolicyEvent e : events) {
      String key = e.effectiveDate() + "|" + e.jurisdiction() + "|" + threshold(e.thresholdBefore()) + "|"
          + threshold(e.thresholdAfter()) + "|" + e.currency();
      sameChange.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
    }
    Map<LocalDate, List<String>> byDate = new TreeMap<>();
    for (List<PolicyEvent> change : sameChange.values()) {
      PolicyEvent first = change.get(0);
      byDate.computeIfAbsent(first.effectiveDate(), d -> new ArrayList<>()).add(first.jurisdiction() + " "
          + origins(change) + ": " + threshold(first.thresholdBefore()) + " \u2192 " + threshold(first.thresholdAfter())
          + " " + first.currency());
    }
    List<Event> markers = new ArrayList<>();
    byDate.forEach((date, labels) -> markers.add(new Event(date, String.join("; ", labels) + " (" + date + ")")));
    return markers;
  }

  private static String origins(List<PolicyEvent> change) {
    if (change.stream().anyMatch(e -> e.originScope().equals("*"))) {
      return "all origins";
    }
    List<String> scopes = change.stream().map(PolicyEvent::originScope).sorted().toList();
    return String.join("/", scopes) + (scopes.size() == 1 ? " origin" : " origins");
  }

  private static void ranking(StringBuilder html, List<RankedPlatform> ranking) {
    if (ranking.isEmpty()) {
      return;
    }
    html.append("<table id=\"ranking\">\n<caption>Worldwide ranking, ").append(ranking.get(0).year())
        .append(" (gold/gmv_growth, gold/market_share)</caption>\n<thead><tr><th>Rank</th><th class=\"text\">Platform</th>"
            + "<th>GMV (US$ bn)</th><th>YoY growth</th><th>Share of tracked GMV</th></tr></thead>\n<tbody>\n");
    for (RankedPlatform p : ranking) {
      html.append("<tr><td>").append(p.rank()).append("</td><td class=\"text\">").append(escape(p.platformId()))
          .append("</td><td>").append(fixed(p.gmvUsd().doubleValue() / 1e9, 2)).append("</td><td>")
          .append(p.yoyGrowth() == null ? "n/a (" + escape(p.yoyStatus()) + ")" : signed(p.yoyGrowth() * 100) + " %")
          .append("</td><td>").append(fixed(p.share() * 100, 1)).append(" %</td></tr>\n");
    }
    html.append("</tbody>\n</table>\n");
  }

  private static void groupBenchmarks(StringBuilder html, List<GroupBenchmark> rows) {
    if (rows.isEmpty()) {
      return;
    }
    html.append("<table id=\"groups\">\n<caption>Platform groups against the benchmarks, ").append(rows.get(0).year())
        .append(" (gold/benchmark_comparison)</caption>\n<thead><tr><th class=\"text\">Group</th><th>Group YoY</th>"
            + "<th class=\"text\">Benchmark segment</th><th>Benchmark</th><th class=\"text\">Kind</th>"
            + "<th>Outperformance (pp)</th></tr></thead>\n<tbody>\n");
    for (GroupBenchmark r : rows) {
      html.append("<tr><td class=\"text\">").append(escape(r.group())).append("</td><td>")
          .append(r.yoyGrowth() == null ? "n/a (" + escape(r.yoyStatus()) + ")" : signed(r.yoyGrowth() * 100) + " %")
          .append("</td><td class=\"text\">").append(escape(r.segmentId())).append("</td><td>")
          .append(signed(r.benchmarkGrowth() * 100)).append(" %</td><td class=\"text\">").append(escape(r.benchmarkKind()))
          .append("</td><td>").append(r.outperformancePp() == null ? "n/a" : signed(r.outperformancePp()))
          .append("</td></tr>\n");
    }
    html.append("</tbody>\n</table>\n");
  }

  private static void usParcels(StringBuilder html, List<YearParcels> years, List<Cagr> cagrs) {
    if (years.isEmpty()) {
      return;
    }
    String country = escape(ReportQueries.PARCELS_TABLE_COUNTRY);
    html.append("<table id=\"parcels\">\n<caption>Parcels to the ").append(country)
        .append(" by year (gold/shipment_volumes)</caption>\n<thead><tr><th class=\"text\">Year</th><th>Parcels</th>"
            + "<th>Cross-border</th><th>De minimis</th><th>De minimis share of cross-border</th></tr></thead>\n<tbody>\n");
    for (YearParcels y : years) {
      html.append("<tr><td class=\"text\">").append(escape(y.year())).append("</td><td>").append(count(y.parcels()))
          .append("</td><td>").append(count(y.crossBorderParcels())).append("</td><td>").append(count(y.deMinimisParcels()))
          .append("</td><td>").append(y.crossBorderParcels() == 0 ? "n/a"
              : fixed(100.0 * y.deMinimisParcels() / y.crossBorderParcels(), 1) + " %")
          .append("</td></tr>\n");
    }
    html.append("</tbody>\n</table>\n");
    for (Cagr c : cagrs) {
      html.append("<p class=\"cagr\">").append(country).append(" de minimis parcels ").append(c.firstYear())
          .append("&ndash;").append(c.lastYear()).append(": ").append(signed(c.cagr() * 100))
          .append(" % a year (compound, gold/growth_summary)</p>\n");
    }
  }

  private static void policyEvents(StringBuilder html, List<PolicyEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    html.append("<table id=\"policy\">\n<caption>De minimis threshold changes: parcels from the covered origins in")
        .append(" the whole months before against after (gold/policy_impact, all platforms)</caption>\n")
        .append("<thead><tr><th class=\"text\">Jurisdiction</th><th class=\"text\">Origins</th>"
            + "<th class=\"text\">Effective</th><th class=\"text\">Threshold</th><th>Months each side</th>"
            + "<th>De minimis before</th><th>De minimis after</th><th>Cross-border change</th>"
            + "<th>Local share change (pp)</th></tr></thead>\n<tbody>\n");
    for (PolicyEvent e : events) {
      html.append("<tr><td class=\"text\">").append(escape(e.jurisdiction())).append("</td><td class=\"text\">")
          .append(escape(e.originScope().equals("*") ? "all" : e.originScope())).append("</td><td class=\"text\">")
          .append(e.effectiveDate()).append("</td><td class=\"text\">")
          .append(escape(threshold(e.thresholdBefore()) + " \u2192 " + threshold(e.thresholdAfter()) + " " + e.currency()))
          .append("</td><td>").append(e.windowMonths()).append("</td><td>")
          .append(e.deMinimisBefore() == null ? "n/a" : count(e.deMinimisBefore())).append("</td><td>")
          .append(e.deMinimisAfter() == null ? "n/a" : count(e.deMinimisAfter())).append("</td><td>")
          .append(e.crossBorderChange() == null ? "n/a" : signed(e.crossBorderChange() * 100) + " %").append("</td><td>")
          .append(e.localShareChangePp() == null ? "n/a" : signed(e.localShareChangePp())).append("</td></tr>\n");
    }
    html.append("</tbody>\n</table>\n");
  }

  /** Every rule of the latest run in one table: the built-in ones that quarantined rows, then the expectations. */
  private static void rules(StringBuilder html, List<ReportData.RuleRow> rules) {
    if (rules.isEmpty()) {
      return;
    }
    html.append("<table id=\"rules\">\n<caption>Quality rules of the latest run: rows failing each rule of those it")
        .append(" judged (runs table)</caption>\n")
        .append("<thead><tr><th class=\"text\">Dataset</th><th class=\"text\">Rule</th><th class=\"text\">Kind</th>"
            + "<th class=\"text\">Action</th><th>Rows evaluated</th><th>Rows failing</th><th>Failing (%)</th></tr>"
            + "</thead>\n<tbody>\n");
    for (ReportData.RuleRow rule : rules) {
      html.append("<tr><td class=\"text\">").append(escape(rule.dataset())).append("</td><td class=\"text\">")
          .append(escape(rule.rule())).append("</td><td class=\"text\">").append(escape(rule.kind()))
          .append("</td><td class=\"text\">").append(escape(rule.action())).append("</td><td>")
          .append(count(rule.rowsEvaluated())).append("</td><td>").append(count(rule.rowsFailing())).append("</td><td>")
          .append(rule.rowsEvaluated() == 0 ? "" : fixed(100.0 * rule.rowsFailing() / rule.rowsEvaluated(), 3))
          .append("</td></tr>\n");
    }
    html.append("</tbody>\n</table>\n");
  }

  private static void scenarios(StringBuilder html, List<ScenarioOutcome> outcomes) {
    if (outcomes.isEmpty()) {
      return;
    }
    html.append("<table id=\"scenarios\">\n<caption>Policy scenarios laid over the historical parcels")
        .append(" (gold/policy_scenarios, all platforms)</caption>\n")
        .append("<thead><tr><th class=\"text\">Scenario</th><th class=\"text\">Jurisdiction</th>"
            + "<th class=\"text\">Description</th><th>Parcels in scope</th><th>Losing the exemption</th>"
            + "<th>Gaining it</th><th>Estimated duty (US$ bn)</th></tr></thead>\n<tbody>\n");
    for (ScenarioOutcome o : outcomes) {
      html.append("<tr><td class=\"text\">").append(escape(o.scenarioId())).append("</td><td class=\"text\">")
          // The description is prose: it wraps, so that the table stays within the page's width.
          .append(escape(o.jurisdiction())).append("</td><td class=\"text prose\">").append(escape(o.description()))
          .append("</td><td>").append(count(o.parcelsInScope())).append("</td><td>").append(count(o.parcelsLosing()))
          .append("</td><td>").append(count(o.parcelsGaining())).append("</td><td>")
          .append(fixed(o.estimatedDutyUsd().doubleValue() / 1e9, 2)).append("</td></tr>\n");
    }
    html.append("</tbody>\n</table>\n");
  }

  /** A threshold as the rules state it: 800, 1,000,000, 0.5 (no trailing zeros). */
  static String threshold(BigDecimal value) {
    if (value == null) {
      return "none";
    }
    DecimalFormat format = new DecimalFormat("#,##0.######", DecimalFormatSymbols.getInstance(Locale.ROOT));
    return format.format(value);
  }

  private static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  static String fixed(double value, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }

  /** One decimal with its sign: +28.0, -1.4. */
  static String signed(double value) {
    return String.format(Locale.ROOT, "%+,.1f", value);
  }
}
