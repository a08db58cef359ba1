package dev.crossborder.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.report.SvgChart.Axes;
import dev.crossborder.report.SvgChart.Event;
import dev.crossborder.report.SvgChart.Scale;
import dev.crossborder.report.SvgChart.Series;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

/**
 * Chart geometry by hand: the plot spans x 72..720 and y 20..348 (upright labels) of a 960 x 400 canvas, so
 * every expected coordinate below is worked out from those edges and the scale's round ends.
 */
class SvgChartTest {
  private static final Axes PERCENT = new Axes("Year", "Growth (%)", v -> v + " %");

  private static Document parse(String svg) {
    return Jsoup.parse("<!DOCTYPE html><html><body>" + svg + "</body></html>");
  }

  private static double attr(Element element, String name) {
    return Double.parseDouble(element.attr(name));
  }

  @Test
  void scalesEndOnRoundNumbersThatIncludeZero() {
    // 0..250 in steps of 25 would be 10 intervals, more than 8: steps of 50.
    Scale gmv = SvgChart.scale(List.of(12.0, 250.0), 20, 348);
    assertEquals(List.of(0.0, 50.0, 100.0, 150.0, 200.0, 250.0), gmv.ticks());
    // -1.4..270.5: a tenth of the range is 27.19, rounded up to 50; -50..300 is 7 intervals.
    Scale yoy = SvgChart.scale(List.of(-1.4, 270.5), 20, 348);
    assertEquals(-50.0, yoy.low());
    assertEquals(300.0, yoy.high());
    assertEquals(8, yoy.ticks().size());
    // All values positive and far from zero: the axis still starts at zero.
    assertEquals(0.0, SvgChart.scale(List.of(700.0, 800.0), 20, 348).low());
    // A tenth of 0.3 is 0.03, rounded up to 0.05; ticks carry no binary noise (0.15, not 0.15000000000000002).
    assertEquals(List.of(0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3), SvgChart.scale(List.of(0.3), 20, 348).ticks());
  }

  @Test
  void groupedBarsRiseFromZeroAndNegativeValuesHangBelowIt() {
    String svg = SvgChart.groupedBars("Growth", PERCENT, List.of("2024", "2025"), List.of(
        new Series("alpha", "#111111", List.of(10.0, 20.0)),
        new Series("beta", "#222222", Arrays.asList(null, -5.0))));
    Elements bars = parse(svg).select("rect.mark");
    assertEquals(3, bars.size(), "the missing beta 2024 leaves its slot empty");
    // -5..20 in steps of 5; y(v) = 348 - (v + 5) / 25 * 328, so y(0) = 282.4, y(10) = 151.2, y(20) = 20, y(-5) = 348.
    // Band 648 / 2 = 324, group 259.2 (80 %), bar 129.6; the group starts 32.4 into its band.
    Element alpha2024 = bars.get(0);
    assertEquals(104.4, attr(alpha2024, "x"), 0.05);
    assertEquals(151.2, attr(alpha2024, "y"), 0.05);
    assertEquals(129.6, attr(alpha2024, "width"), 0.05);
    assertEquals(131.2, attr(alpha2024, "height"), 0.05);
    Element alpha2025 = bars.get(1);
    assertEquals(20.0, attr(alpha2025, "y"), 0.05);
    assertEquals(262.4, attr(alpha2025, "height"), 0.05);
    Element beta2025 = bars.get(2);
    assertEquals(72 + 324 + 32.4 + 129.6, attr(beta2025, "x"), 0.05);
    assertEquals(282.4, attr(beta2025, "y"), 0.05, "a negative bar starts at zero");
    assertEquals(65.6, attr(beta2025, "height"), 0.05);
    assertEquals("beta, 2025: -5.0 %", beta2025.selectFirst("title").text());
    assertEquals("#222222", beta2025.attr("fill"));
  }

  @Test
  void stackedBarsPileSharesFromTheBottomOfAHundredPercentAxis() {
    String svg = SvgChart.stackedBars("Share", PERCENT, List.of("WORLD"), List.of(
        new Series("big", "#111111", List.of(75.0)),
        new Series("none", "#222222", List.of(0.0)),
        new Series("small", "#333333", List.of(25.0))));
    Elements bars = parse(svg).select("rect.mark");
    assertEquals(2, bars.size(), "a zero share draws nothing");
    // y(v) = 348 - v / 100 * 328: 75 % spans 348 down to 102, the next 25 % from 102 to 20.
    assertEquals(102.0, attr(bars.get(0), "y"), 0.05);
    assertEquals(246.0, attr(bars.get(0), "height"), 0.05);
    assertEquals(20.0, attr(bars.get(1), "y"), 0.05);
    assertEquals(82.0, attr(bars.get(1), "height"), 0.05);
    // One band of 648: the bar is 60 % of it, centred.
    assertEquals(72 + 648 * 0.2, attr(bars.get(0), "x"), 0.05);
    assertEquals(648 * 0.6, attr(bars.get(0), "width"), 0.05);
  }

  @Test
  void linesBreakAtGapsAndPlaceDatesInCalendarTime() {
    List<LocalDate> quarters = List.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 4, 1),
        LocalDate.of(2024, 7, 1), LocalDate.of(2024, 10, 1));
    String svg = SvgChart.lines("GMV", new Axes("Quarter", "GMV (US$ bn)", v -> "US$ " + v + " bn"), quarters,
        List.of("2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"),
        List.of(new Series("alpha", "#111111", Arrays.asList(10.0, 20.0, null, 40.0))),
        List.of(new Event(LocalDate.of(2024, 4, 1), "rule <change>"), new Event(LocalDate.of(2023, 6, 1), "before")));
    Document doc = parse(svg);
    // 2024-01-01..2024-10-01 is 274 days over 648 px; 2024-04-01 is day 91 (leap February).
    // Scale 0..40 in steps of 5: y(v) = 348 - v / 40 * 328.
    double aprilX = 72 + 91 / 274.0 * 648;
    String d = doc.selectFirst("path.mark").attr("d");
    assertEquals(String.format(java.util.Locale.ROOT, "M72.0 266.0 L%.1f 184.0 M720.0 20.0", aprilX), d);
    assertEquals(3, doc.select("circle.mark").size(), "a point for every value, with its tooltip");
    assertEquals("alpha, 2024-Q4: US$ 40.0 bn", doc.select("circle.mark").get(2).selectFirst("title").text());
    Elements events = doc.select("line.event");
    assertEquals(1, events.size(), "an event before the first period is not drawn");
    assertEquals(aprilX, attr(events.get(0), "x1"), 0.05);
    assertEquals("rule <change>", doc.selectFirst("text.event-label").text());
    assertFalse(svg.contains("<change>"), "label text is escaped");
    assertEquals("2024", doc.selectFirst("g.x-ticks text").text());
  }

  @Test
  void everyChartNamesItsAxesAndSeriesAndEscapesThem() {
    String svg = SvgChart.groupedBars("A & B", new Axes("Year <x>", "Growth (%)", v -> v + " %"),
        List.of("2025"), List.of(new Series("<script>", "#111111", List.of(1.0))));
    Document doc = parse(svg);
    assertEquals("A & B", doc.selectFirst("svg > title").text());
    List<String> axisLabels = doc.select("text.axis-label").eachText();
    assertTrue(axisLabels.contains("Year <x>") && axisLabels.contains("Growth (%)"), axisLabels.toString());
    assertEquals(List.of("<script>"), doc.select("text.legend-label").eachText());
    assertTrue(doc.select("script").isEmpty(), "a series name never becomes markup");
  }

  @Test
  void longCategoryLabelsAreTurnedAndTheLegendMakesRoomForManySeries() {
    List<String> regions = List.of("WORLD", "asia_pacific", "europe", "latin_america", "middle_east_africa",
        "north_america", "somewhere_else_entirely");
    List<Series> many = java.util.stream.IntStream.range(0, 25)
        .mapToObj(i -> new Series("s" + i, "#111111", regions.stream().map(r -> 4.0).toList())).toList();
    Document doc = parse(SvgChart.stackedBars("Share", PERCENT, regions, many));
    assertTrue(doc.selectFirst("g.x-ticks text").attr("transform").startsWith("rotate(-35"));
    // 25 legend rows of 18 px below the top at 20: 20 + 450 + 8 = 478 px tall.
    assertEquals("478", doc.selectFirst("svg").attr("height"));
  }
}
