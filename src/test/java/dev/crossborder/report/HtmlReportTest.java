package dev.crossborder.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.publish.Headlines.Cagr;
import dev.crossborder.publish.Headlines.GroupBenchmark;
import dev.crossborder.publish.Headlines.RankedPlatform;
import dev.crossborder.publish.Headlines.ScenarioOutcome;
import dev.crossborder.publish.Headlines.YearParcels;
import dev.crossborder.report.ReportData.Categories;
import dev.crossborder.report.ReportData.Cell;
import dev.crossborder.report.ReportData.PolicyEvent;
import dev.crossborder.report.ReportData.Point;
import dev.crossborder.report.ReportData.Timeline;
import dev.crossborder.report.SvgChart.Event;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The page around the charts: structure, units, headline tables, event labels and escaping, from inline data. */
class HtmlReportTest {

  private static PolicyEvent event(String jurisdiction, String origin, String date, String before, String after) {
    return new PolicyEvent(jurisdiction, origin, LocalDate.parse(date), new BigDecimal(before), new BigDecimal(after),
        jurisdiction.equals("EU") ? "EUR" : "USD", 3, 100L, 0L, -0.5, 12.5);
  }

  /** Two platforms over two years, parcels to the US and the EU over four months. */
  static ReportData smallReport() {
    Timeline gmv = Timeline.of(List.of(
            new Point("amazon", LocalDate.of(2024, 1, 1), 150e9), new Point("amazon", LocalDate.of(2024, 4, 1), 160e9),
            new Point("temu", LocalDate.of(2024, 1, 1), 12e9), new Point("temu", LocalDate.of(2024, 4, 1), 14e9)),
        3, List.of("amazon", "temu"), d -> d.getYear() + "-Q" + ((d.getMonthValue() - 1) / 3 + 1));
    Categories shares = Categories.of(List.of(new Cell("WORLD", "amazon", 0.9), new Cell("WORLD", "temu", 0.1),
        new Cell("europe", "amazon", 0.8), new Cell("europe", "temu", 0.2)), List.of("WORLD", "europe"),
        List.of("amazon", "temu"));
    Categories yoy = Categories.of(List.of(new Cell("2025", "amazon", 0.067), new Cell("2025", "temu", 0.364)),
        List.of("2025"), List.of("amazon", "temu"));
    Categories benchmarks = Categories.of(List.of(new Cell("2025 (forecast)", "china_big4 (group)", 0.512),
        new Cell("2025 (forecast)", "global_ecommerce", 0.08)), List.of("2025 (forecast)"),
        List.of("china_big4 (group)", "global_ecommerce"));
    Timeline parcels = Timeline.of(List.of(
            new Point("US", LocalDate.of(2025, 7, 1), 57e6), new Point("US", LocalDate.of(2025, 8, 1), 52e6),
            new Point("US", LocalDate.of(2025, 9, 1), 0), new Point("EU", LocalDate.of(2025, 7, 1), 500e6),
            new Point("EU", LocalDate.of(2025, 10, 1), 537e6)),
        1, List.of("US", "EU"), d -> d.toString().substring(0, 7));
    Categories mix = Categories.of(List.of(new Cell("2025", "fully_hosted", 0.41), new Cell("2025", "marketplace", 0.59)),
        List.of("2025"), List.of("fully_hosted", "semi_hosted", "marketplace"));
    return new ReportData("run-7", "Delta", gmv, 2025, shares, yoy, benchmarks, parcels,
        List.of(event("US", "*", "2025-08-29", "800", "0"), event("VN", "*", "2025-02-18", "1000000", "0")),
        mix,
        List.of(new RankedPlatform(2025, 1, "amazon", new BigDecimal("800000000000.00"), 0.067, "OK", 0.9),
            new RankedPlatform(2025, 2, "temu", new BigDecimal("75000000000.00"), null, "COVERAGE_MISMATCH", 0.1)),
        List.of(new GroupBenchmark(2025, "china_big4", 0.512, "OK", "global_ecommerce", 0.08, "forecast", 43.2)),
        List.of(new YearParcels("2024", 1_575_982_054L, 1_379_693_788L, 1_360_000_000L)),
        List.of(new Cagr(2015, 2024, 0.288)),
        List.of(new ScenarioOutcome("eu_3eur_2024", "EU relief ended, EUR 3", "EU", 4_645_553_687L, 4_600_000_000L,
            0L, new BigDecimal("15049189888.98"))),
        Categories.of(List.of(new Cell("eu_3eur_2024 (EU)", "temu", 2.5e9), new Cell("eu_3eur_2024 (EU)", "amazon",
            0.1e9)), List.of("eu_3eur_2024 (EU)"), List.of("amazon", "temu")),
        List.of(new ReportData.RuleRow("shipments", "BAD_DATE", "built-in", "quarantine", 1_000, 2),
            new ReportData.RuleRow("shipments", "temu_us_value_cap", "expectation", "warn", 998, 5)));
  }

  @Test
  void everyChartIsAFigureWithTitleAxesWithUnitsLegendMarksAndCaption() {
    Document page = Jsoup.parse(HtmlReport.render(smallReport()));
    List<Element> figures = page.select("figure");
    assertEquals(List.of("gmv-by-platform", "market-share", "yoy-by-platform", "big-four-vs-benchmarks", "de-minimis",
        "fulfilment-mix", "scenarios-by-platform"), figures.stream().map(Element::id).toList());
    for (Element figure : figures) {
      assertFalse(figure.select("h3").text().isBlank(), figure.id());
      assertNotNull(figure.selectFirst("svg.chart"), figure.id());
      assertEquals(2, figure.select("text.axis-label").size(), figure.id());
      assertFalse(figure.select("g.legend text").isEmpty(), figure.id());
      assertFalse(figure.select(".mark").isEmpty(), figure.id());
      assertFalse(figure.select("figcaption").text().isBlank(), figure.id());
    }
    assertEquals("GMV (US$ bn)", page.select("#gmv-by-platform text.axis-label.y").text());
    assertEquals("Share of tracked GMV (%)", page.select("#market-share text.axis-label.y").text());
    assertEquals("De minimis parcels (m)", page.select("#de-minimis text.axis-label.y").text());
    // 160e9 USD is drawn in billions, 52e6 parcels in millions.
    assertTrue(page.select("#gmv-by-platform circle.mark title").eachText().contains("amazon, 2024-Q2: US$ 160.00 bn"));
    assertTrue(page.select("#de-minimis title").eachText().contains("US all origins: 800 \u2192 0 USD (2025-08-29)"));
    assertTrue(page.select("#market-share rect.mark title").eachText().contains("temu, europe: 20.0 %"));
    // 2.5e9 parcels are drawn in millions.
    assertTrue(page.select("#scenarios-by-platform rect.mark title").eachText()
        .contains("temu, eu_3eur_2024 (EU): 2,500.0 m parcels"));
  }

  @Test
  void thePageLoadsNothingAndSaysSoInItsContentSecurityPolicy() {
    String html = HtmlReport.render(smallReport());
    Document page = Jsoup.parse(html);
    assertEquals("default-src 'none'; style-src 'unsafe-inline'; img-src data:",
        page.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content"));
    assertTrue(page.select("script, link, img, iframe, object, embed").isEmpty());
    assertFalse(html.contains("http:") || html.contains("https:") || html.contains("url("), "no reference out");
  }

  @Test
  void theHeadlineTablesShowRankingGroupsParcelsAndPolicyWindows() {
    Document page = Jsoup.parse(HtmlReport.render(smallReport()));
    assertEquals(List.of("1", "amazon", "800.00", "+6.7 %", "90.0 %"),
        page.select("#ranking tbody tr").get(0).select("td").eachText());
    assertEquals("n/a (COVERAGE_MISMATCH)", page.select("#ranking tbody tr").get(1).select("td").get(3).text());
    assertEquals(List.of("china_big4", "+51.2 %", "global_ecommerce", "+8.0 %", "forecast", "+43.2"),
        page.select("#groups tbody tr").get(0).select("td").eachText());
    // 1,360,000,000 of 1,379,693,788 cross-border parcels = 98.57 %.
    assertEquals(List.of("2024", "1,575,982,054", "1,379,693,788", "1,360,000,000", "98.6 %"),
        page.select("#parcels tbody tr").get(0).select("td").eachText());
    assertTrue(page.select("p.cagr").text().contains("2015\u20132024: +28.8 % a year"));
    assertEquals(List.of("VN", "all", "2025-02-18", "1,000,000 \u2192 0 USD", "3", "100", "0", "-50.0 %", "+12.5"),
        page.select("#policy tbody tr").get(1).select("td").eachText());
    // US$ 15,049,189,888.98 is 15.05 bn.
    assertEquals(List.of("eu_3eur_2024", "EU", "EU relief ended, EUR 3", "4,645,553,687", "4,600,000,000", "0",
        "15.05"), page.select("#scenarios tbody tr").get(0).select("td").eachText());
  }

  @Test
  void aPlatformKeepsItsColourOnEveryChart() {
    Document page = Jsoup.parse(HtmlReport.render(smallReport()));
    String temu = page.selectFirst("#gmv-by-platform path.mark[data-series=temu]").attr("stroke");
    assertEquals(HtmlReport.PALETTE.get(1), temu, "second in the ranking, second colour");
    for (Element bar : page.select("#market-share rect.mark, #yoy-by-platform rect.mark")) {
      if (bar.selectFirst("title").text().startsWith("temu,")) {
        assertEquals(temu, bar.attr("fill"));
      }
    }
  }

  @Test
  void everyRuleOfTheRunIsOneRowWithItsShareFailing() {
    Document page = Jsoup.parse(HtmlReport.render(smallReport()));
    List<String> rows = page.select("#rules tbody tr").stream().map(Element::text).toList();
    // 2 of 1,000 = 0.200 %; 5 of 998 = 0.501 %.
    assertEquals(List.of("shipments BAD_DATE built-in quarantine 1,000 2 0.200",
        "shipments temu_us_value_cap expectation warn 998 5 0.501"), rows);
  }

  @Test
  void aChartWithoutDataSaysSoInsteadOfDrawingEmptyAxes() {
    ReportData data = smallReport();
    ReportData noParcels = new ReportData(data.runId(), data.tableFormat(), data.gmvByQuarter(), data.shareYear(),
        data.shareByGeography(), data.yoyByYear(), data.bigFourAgainstBenchmarks(), Timeline.EMPTY,
        data.policyEvents(), Categories.EMPTY, data.ranking(), data.groupBenchmarks(), List.of(), List.of(),
        List.of(), Categories.EMPTY, List.of());
    Document page = Jsoup.parse(HtmlReport.render(noParcels));
    assertNull(page.selectFirst("#de-minimis svg"));
    assertEquals("No data for this chart in the tables.", page.selectFirst("#de-minimis .no-data").text());
    assertNull(page.selectFirst("#fulfilment-mix svg"));
    assertNull(page.selectFirst("#parcels"), "no table without rows");
    assertNull(page.selectFirst("#scenarios"), "no scenarios table without scenarios");
    assertNull(page.selectFirst("#rules"), "no rules table without rules");
    assertEquals("No data for this chart in the tables.", page.selectFirst("#scenarios-by-platform .no-data").text());
  }

  @Test
  void ruleChangesOfOneDayAreOneMarkerAndTheAnyOriginRuleSpeaksForAllOrigins() {
    List<Event> markers = HtmlReport.eventMarkers(List.of(
        event("US", "*", "2016-03-10", "200", "800"), event("US", "CN", "2016-03-10", "200", "800"),
        event("US", "HK", "2016-03-10", "200", "800"),
        event("US", "CN", "2025-05-02", "800", "0"), event("US", "HK", "2025-05-02", "800", "0"),
        event("US", "*", "2026-07-01", "800", "0"), event("EU", "*", "2026-07-01", "150", "0")));
    assertEquals(List.of(
        new Event(LocalDate.of(2016, 3, 10), "US all origins: 200 \u2192 800 USD (2016-03-10)"),
        new Event(LocalDate.of(2025, 5, 2), "US CN/HK origins: 800 \u2192 0 USD (2025-05-02)"),
        new Event(LocalDate.of(2026, 7, 1), "US all origins: 800 \u2192 0 USD; EU all origins: 150 \u2192 0 EUR (2026-07-01)")),
        markers);
  }

  @Test
  void dataTextIsEscapedEverywhere() {
    ReportData data = smallReport();
    ReportData hostile = new ReportData("<b>run</b>", data.tableFormat(), data.gmvByQuarter(), data.shareYear(),
        data.shareByGeography(), data.yoyByYear(), data.bigFourAgainstBenchmarks(), data.deMinimisByMonth(),
        List.of(new PolicyEvent("US", "<img src=x>", LocalDate.of(2025, 8, 29), BigDecimal.TEN, BigDecimal.ZERO,
            "USD\"", 3, null, null, null, null)),
        data.fulfilmentByYear(),
        List.of(new RankedPlatform(2025, 1, "<script>alert(1)</script>", BigDecimal.ONE, null, "OK", 1.0)),
        data.groupBenchmarks(), data.usParcels(), data.usDeMinimisCagrs(),
        List.of(new ScenarioOutcome("s1", "<i>ends</i>", "EU", 1, 1, 0, BigDecimal.ONE)), Categories.EMPTY,
        List.of(new ReportData.RuleRow("shipments", "<u>rule</u>", "expectation", "warn", 1, 1)));
    Document page = Jsoup.parse(HtmlReport.render(hostile));
    assertTrue(page.select("script, img, b, i, u").isEmpty(), "no markup from data");
    assertEquals("<b>run</b>", page.selectFirst("header code").text());
    assertEquals("<script>alert(1)</script>", page.select("#ranking td").get(1).text());
    assertEquals(List.of("n/a", "n/a", "n/a", "n/a"),
        page.select("#policy tbody td").eachText().subList(5, 9), "windows the data does not cover");
  }
}
