package dev.crossborder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.testing.HeadlessChromium;
import dev.crossborder.testing.HeadlessChromium.Rendering;
import dev.crossborder.testing.SampleRun;
import dev.crossborder.testing.SparkTestBase;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report end to end: the JVM's one {@code run --report} on datasets/sample ({@link SampleRun}, as
 * scripts/run-local.sh runs it), the report checked against the sample's published figures (datasets/README.md)
 * and rendered in headless Chromium; the {@code report} command on a Parquet copy of the output and on folders
 * it must refuse.
 */
class ReportCommandTest extends SparkTestBase {
  @TempDir
  static Path tmp;

  private static Path output;
  private static String summary;
  private static Document page;

  /** Plot edges of every chart (SvgChart): the zero line of an all-positive chart lies at the plot's bottom. */
  private static final double PLOT_BOTTOM = 348.0;

  @BeforeAll
  static void runTheSampleAndReport() throws IOException {
    SampleRun run = SampleRun.get();
    assertEquals(0, run.exitCode(), run.err());
    output = run.output();
    summary = run.out();
    page = Jsoup.parse(output.resolve("report.html").toFile(), "UTF-8");
  }

  private static void assertOneLineError(MainTest.Outcome outcome, String fragment) {
    assertEquals(2, outcome.exitCode(), outcome.err());
    String err = outcome.err().strip();
    assertEquals(1, err.lines().count(), "one line, got: " + err);
    assertTrue(err.startsWith("Error: ") && err.contains(fragment), err);
  }

  @Test
  void theReportLandsBesideTheTablesAndItsPathIsPrinted() {
    List<String> lines = summary.strip().lines().toList();
    assertEquals("Report: " + output.resolve("report.html"), lines.get(lines.size() - 1), "after the run's summary");
    assertFalse(Files.exists(output.resolve(".report.html.crc")), "no checksum file beside it");
    assertEquals(SampleRun.RUN_ID, page.selectFirst("header code").text());
    assertTrue(page.selectFirst("header").text().contains("Delta tables"), page.selectFirst("header").text());
  }

  @Test
  void theHeadlineTablesShowThePublishedFigures() {
    Map<String, List<String>> ranking = new HashMap<>();
    page.select("#ranking tbody tr").forEach(tr -> ranking.put(tr.child(1).text(), tr.select("td").eachText()));
    // TikTok Shop 37.5 bn (2024) -> 100 bn (2025): 100 / 37.5 - 1 = +166.7 %; TEMU 55 -> 75 bn: +36.4 %.
    assertEquals(List.of("100.00", "+166.7 %"), ranking.get("tiktok_shop").subList(2, 4));
    assertEquals(List.of("75.00", "+36.4 %"), ranking.get("temu").subList(2, 4));
    assertEquals("4", ranking.get("tiktok_shop").get(0), "ahead of eBay, datasets/README.md");
    Map<String, String> usDeMinimis = new HashMap<>();
    page.select("#parcels tbody tr").forEach(tr -> usDeMinimis.put(tr.child(0).text(), tr.child(3).text()));
    assertEquals("139,000,000", usDeMinimis.get("2015")); // US CBP FY2015
    assertEquals("1,360,000,000", usDeMinimis.get("2024")); // US CBP FY2024
    // The run's console summary comes from the same headline rows.
    assertTrue(Pattern.compile("(?m)^ +4  tiktok_shop +US\\$ +100\\.00 bn  YoY \\+166\\.7 %").matcher(summary).find(),
        summary);
  }

  @Test
  void theChartsDrawThePublishedFiguresToScale() {
    // eBay reported ~18.75 bn in every quarter of 2024: four points at one height.
    List<Element> ebay2024 = page.select("#gmv-by-platform circle.mark").stream()
        .filter(c -> c.selectFirst("title").text().startsWith("ebay, 2024-")).toList();
    assertEquals(4, ebay2024.size());
    ebay2024.forEach(c -> assertEquals("US$ 18.75 bn", c.selectFirst("title").text().split(": ")[1]));
    assertEquals(1, ebay2024.stream().map(c -> c.attr("cy")).distinct().count());

    // Bars from zero are as tall as their values: TEMU's 2025 growth over TikTok Shop's is
    // (75 / 55 - 1) / (100 / 37.5 - 1) = 0.36364 / 1.66667 = 0.21818.
    assertEquals(0.21818, barHeight("#yoy-by-platform", "temu, 2025: ") / barHeight("#yoy-by-platform", "tiktok_shop, 2025: "),
        0.0005);
    assertNotNull(bar("#yoy-by-platform", "shopee, 2024: +28.0 %"), "Sea Ltd reported +28 %");

    // US rules (reference/de_minimis_rules.csv): $200 -> $800 on 2016-03-10, CN/HK suspended 2025-05-02, all
    // origins 2025-08-29; the EU change of 2026-07-01 lies after the data and is not drawn.
    List<String> events = page.select("#de-minimis text.event-label").eachText();
    assertEquals(3, events.size(), events.toString());
    assertTrue(events.get(0).endsWith("200 \u2192 800 USD (2016-03-10)"), events.get(0));
    assertTrue(events.get(1).contains("CN/HK origins") && events.get(1).endsWith("(2025-05-02)"), events.get(1));
    assertTrue(events.get(2).contains("all origins: 800 \u2192 0") && events.get(2).endsWith("(2025-08-29)"), events.get(2));
    // No exemption for any origin from 2025-08-29: US de minimis parcels are zero from September to December.
    List<Double> usHeights = pathYs(page.selectFirst("#de-minimis path.mark[data-series=US]").attr("d"));
    assertEquals(List.of(PLOT_BOTTOM, PLOT_BOTTOM, PLOT_BOTTOM, PLOT_BOTTOM), usHeights.subList(usHeights.size() - 4, usHeights.size()));
    assertTrue(usHeights.get(usHeights.size() - 5) < PLOT_BOTTOM, "August 2025 still had parcels before the 29th");
  }

  @Test
  void everyTableFitsA1400PixelWideWindow() throws Exception {
    Path chromium = HeadlessChromium.require();
    // The report's policy allows no script; a copy without it measures the same layout in the browser.
    String measuring = "<script>document.body.dataset.pageWidth = document.documentElement.scrollWidth;"
        + "document.body.dataset.windowWidth = window.innerWidth;"
        + "document.querySelectorAll('table').forEach(t => t.dataset.right = Math.ceil(t.getBoundingClientRect().right));"
        + "</script></body>";
    String report = Files.readString(output.resolve("report.html"));
    Path copy = tmp.resolve("report-measured.html");
    Files.writeString(copy, report.replaceFirst("<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "")
        .replace("</body>", measuring));
    Document dom = Jsoup.parse(HeadlessChromium.render(chromium, copy, tmp.resolve("chromium-1400"), 1400, 900).dom());
    int window = Integer.parseInt(dom.body().attr("data-window-width"));
    assertEquals(1400, window, "the window's width as the page sees it");
    List<Element> tables = dom.select("table");
    assertTrue(tables.size() >= 4 && dom.selectFirst("table#scenarios") != null, "the report's tables");
    for (Element table : tables) {
      assertTrue(Integer.parseInt(table.attr("data-right")) <= window, "table " + table.id() + " ends at "
          + table.attr("data-right") + " px, past the window's " + window);
    }
    assertTrue(Integer.parseInt(dom.body().attr("data-page-width")) <= window, "the page scrolls sideways");
  }

  @Test
  void chromiumDrawsEveryChartAndNothingFailsToLoad() throws Exception {
    Path chromium = HeadlessChromium.require();
    // The control: a page that does try to load an image must show up in the log, or the check below proves nothing.
    Path control = tmp.resolve("control.html");
    Files.writeString(control, "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\""
        + "default-src 'none'; style-src 'unsafe-inline'; img-src data:\"></head><body>"
        + "<img src=\"https://example.invalid/pixel.png\"></body></html>");
    Rendering refused = HeadlessChromium.render(chromium, control, tmp.resolve("chromium-control"), 400, 300);
    assertFalse(refused.loadProblems().isEmpty(), "the log scan missed a refused load:\n" + String.join("\n", refused.log()));

    Rendering rendering = HeadlessChromium.render(chromium, output.resolve("report.html"), tmp.resolve("chromium"),
        1280, 6000);
    Path kept = Path.of("target", "report-test");
    Files.createDirectories(kept);
    Files.copy(rendering.screenshot(), kept.resolve("report.png"), StandardCopyOption.REPLACE_EXISTING);
    assertEquals(List.of(), rendering.loadProblems(), "refused or failed loads");

    Document dom = Jsoup.parse(rendering.dom());
    List<Element> figures = dom.select("figure");
    assertEquals(7, figures.size());
    for (Element figure : figures) {
      Element svg = figure.selectFirst("svg");
      assertNotNull(svg, figure.id() + " has no chart");
      int drawn = 0;
      for (Element mark : svg.select(".mark")) {
        drawn += switch (mark.tagName()) {
          case "rect" -> Double.parseDouble(mark.attr("width")) > 0 && Double.parseDouble(mark.attr("height")) > 0 ? 1 : 0;
          case "path" -> pathYs(mark.attr("d")).size() >= 2 ? 1 : 0;
          case "circle" -> Double.parseDouble(mark.attr("r")) > 0 ? 1 : 0;
          default -> 0;
        };
      }
      assertTrue(drawn > 0, figure.id() + " drew no marks");
      assertEquals(2, figure.select("text.axis-label").size(), figure.id());
      assertFalse(figure.select("g.legend text").isEmpty(), figure.id() + " has no legend");
      assertFalse(figure.select("figcaption").text().isBlank(), figure.id() + " has no caption");
    }
    for (Element element : dom.getAllElements()) {
      element.attributes().forEach(a -> assertFalse(a.getValue().matches("(?is).*(https?:|url\\().*"),
          "external reference: " + element.tagName() + " " + a));
    }

    // The screenshot shows the charts: their series colours cover real areas of it.
    BufferedImage image = ImageIO.read(rendering.screenshot().toFile());
    assertEquals(1280, image.getWidth());
    Map<Integer, Integer> pixels = new HashMap<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        pixels.merge(image.getRGB(x, y) & 0xffffff, 1, Integer::sum);
      }
    }
    List<String> faint = new ArrayList<>();
    for (Element mark : dom.select("rect.mark")) {
      int rgb = Integer.parseInt(mark.attr("fill").substring(1), 16);
      if (pixels.getOrDefault(rgb, 0) < 100) {
        faint.add(mark.attr("fill"));
      }
    }
    assertEquals(List.of(), faint.stream().distinct().toList(), "bar colours hardly on screen");
  }

  @Test
  void aParquetOutputGivesTheSameReport() throws IOException {
    Path parquet = SampleRun.get().parquetCopy(tmp.resolve("parquet-out"));
    MainTest.Outcome outcome = MainTest.run("report", "--output", parquet.toString(), "--to",
        tmp.resolve("parquet.html").toString());
    assertEquals(0, outcome.exitCode(), outcome.err());
    assertEquals("Report: " + tmp.resolve("parquet.html"), outcome.out().strip());
    Document fromParquet = Jsoup.parse(tmp.resolve("parquet.html").toFile(), "UTF-8");
    assertTrue(fromParquet.selectFirst("header").text().contains("Parquet tables"));
    assertEquals(page.selectFirst("main").outerHtml(), fromParquet.selectFirst("main").outerHtml());
  }

  @Test
  void aFolderThatIsNotARunsOutputIsRefusedInOneLine() throws IOException {
    assertOneLineError(MainTest.run("report", "--output", tmp.resolve("nowhere").toString()), "does not exist");
    Path foreign = Files.createDirectories(tmp.resolve("foreign"));
    Files.writeString(foreign.resolve("notes.txt"), "not ours");
    assertOneLineError(MainTest.run("report", "--output", foreign.toString()),
        "not a crossborder-analytics output folder (no .crossborder-analytics marker)");
    Path failedRun = Files.createDirectories(tmp.resolve("failed-run"));
    Files.writeString(failedRun.resolve(".crossborder-analytics"), "marker");
    assertOneLineError(MainTest.run("report", "--output", failedRun.toString()), "table gold/gmv_growth is missing");
    assertOneLineError(MainTest.run("report", "--output", output.toString(), "--to", tmp.toString()), "it is a folder");
    assertOneLineError(MainTest.run("report"), "--output");
  }

  private static Element bar(String figure, String titleStart) {
    return page.select(figure + " rect.mark").stream()
        .filter(r -> r.selectFirst("title").text().startsWith(titleStart)).findFirst().orElse(null);
  }

  private static double barHeight(String figure, String titleStart) {
    Element bar = bar(figure, titleStart);
    assertNotNull(bar, titleStart);
    return Double.parseDouble(bar.attr("height"));
  }

  private static final Pattern POINT = Pattern.compile("[ML](-?[0-9.]+) (-?[0-9.]+)");

  /** The y coordinates of a path's points, in order. */
  private static List<Double> pathYs(String d) {
    List<Double> ys = new ArrayList<>();
    Matcher matcher = POINT.matcher(d);
    while (matcher.find()) {
      ys.add(Double.parseDouble(matcher.group(2)));
    }
    return ys;
  }
}
