package dev.crossborder.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Draws the report's charts as inline SVG: lines over time (with dated event markers), stacked bars and
 * grouped bars, each with axes, tick labels, axis titles and a legend. Pure: values in, markup out, every
 * text escaped. Values are in the unit the axis shows (US$ bn, %, parcels m), so ticks are round numbers.
 */
final class SvgChart {
  private SvgChart() {}

  static final int WIDTH = 960;
  static final int HEIGHT = 400;
  static final double PLOT_LEFT = 72;
  static final double PLOT_RIGHT = WIDTH - 240;
  static final double PLOT_TOP = 20;
  /** Bottom of the plot when the x labels fit upright; rotated labels need more room below. */
  static final double PLOT_BOTTOM = HEIGHT - 52;
  static final double PLOT_BOTTOM_ROTATED_LABELS = HEIGHT - 96;
  private static final double LEGEND_X = PLOT_RIGHT + 24;
  private static final double LEGEND_ROW = 18;
  /** Rough width of one character of the 12 px tick labels, to tell whether category labels fit upright. */
  private static final double CHAR_WIDTH = 6.8;
  private static final int MAX_TICK_INTERVALS = 8;
  /** Lines with more points than this get no point markers (they would blur into the line). */
  private static final int MAX_MARKED_POINTS = 40;

  /** A named series, one value per x position; null is no value (a gap, never a zero). */
  record Series(String name, String color, List<Double> values) {}

  /** A dated event drawn as a dashed vertical line with its label. */
  record Event(LocalDate date, String label) {}

  /** Axis titles with their units, and how one value reads in a mark's tooltip. */
  record Axes(String xLabel, String yLabel, DoubleFunction<String> valueText) {}

  /** A y scale from {@code low} (at the plot's bottom) to {@code high}, with its tick values. */
  record Scale(double low, double high, List<Double> ticks, double top, double bottom) {
    double y(double value) {
      return bottom - (value - low) / (high - low) * (bottom - top);
    }
  }

  /**
   * Lines over time: one x position per period start (evenly spaced in calendar time), a path per series
   * broken at gaps, and events inside the time range as labelled dashed lines.
   */
  static String lines(String title, Axes axes, List<LocalDate> periods, List<String> periodLabels,
      List<Series> series, List<Event> events) {
    Scale scale = scale(valuesOf(series), PLOT_TOP, PLOT_BOTTOM);
    long first = periods.get(0).toEpochDay();
    long last = periods.get(periods.size() - 1).toEpochDay();
    DateAxis x = new DateAxis(first, last);
    StringBuilder svg = open(title, series.size());
    yAxis(svg, scale, axes.yLabel());
    xAxisFrame(svg, PLOT_BOTTOM, axes.xLabel());
    int firstYear = periods.get(0).getYear() + (periods.get(0).getDayOfYear() == 1 ? 0 : 1);
    int lastYear = periods.get(periods.size() - 1).getYear();
    int yearStep = lastYear - firstYear >= 12 ? 2 : 1;
    svg.append("<g class=\"x-ticks\">");
    for (int year = firstYear; year <= lastYear; year += yearStep) {
      double tx = x.at(LocalDate.of(year, 1, 1).toEpochDay());
      svg.append(line(tx, PLOT_BOTTOM, tx, PLOT_BOTTOM + 5, "tick"))
          .append(text(tx, PLOT_BOTTOM + 20, "middle", "tick-label", String.valueOf(year)));
    }
    svg.append("</g>");

    svg.append("<g class=\"marks\">");
    for (Series s : series) {
      StringBuilder path = new StringBuilder();
      StringBuilder points = new StringBuilder();
      boolean markEveryPoint = periods.size() <= MAX_MARKED_POINTS;
      for (int i = 0; i < periods.size(); i++) {
        Double value = s.values().get(i);
        if (value == null) {
          continue;
        }
        double px = x.at(periods.get(i).toEpochDay());
        double py = scale.y(value);
        boolean afterGap = i == 0 || s.values().get(i - 1) == null;
        boolean beforeGap = i == periods.size() - 1 || s.values().get(i + 1) == null;
        path.append(afterGap ? (path.length() == 0 ? "M" : " M") : " L").append(num(px)).append(' ').append(num(py));
        if (markEveryPoint || (afterGap && beforeGap)) {
          points.append("<circle class=\"mark point\" cx=\"").append(num(px)).append("\" cy=\"").append(num(py))
              .append("\" r=\"3\" fill=\"").append(escape(s.color())).append("\">")
              .append(tooltip(s.name() + ", " + periodLabels.get(i) + ": " + axes.valueText().apply(value)))
              .append("</circle>");
        }
      }
      if (path.length() > 0) {
        svg.append("<path class=\"mark line\" data-series=\"").append(escape(s.name())).append("\" d=\"")
            .append(path).append("\" fill=\"none\" stroke=\"").append(escape(s.color()))
            .append("\" stroke-width=\"2\" stroke-linejoin=\"round\">").append(tooltip(s.name())).append("</path>");
      }
      svg.append(points);
    }
    svg.append("</g>");

    svg.append("<g class=\"events\">");
    for (Event event : events) {
      long day = event.date().toEpochDay();
      if (day < first || day > last) {
        continue;
      }
      double ex = x.at(day);
      svg.append("<line class=\"event\" x1=\"").append(num(ex)).append("\" y1=\"").append(num(PLOT_TOP))
          .append("\" x2=\"").append(num(ex)).append("\" y2=\"").append(num(PLOT_BOTTOM))
          .append("\" stroke=\"#444\" stroke-width=\"1\" stroke-dasharray=\"4 3\">")
          .append(tooltip(event.label())).append("</line>");
      // Read upwards, ending at the top of the plot, just left of its line: labels of close events stay apart.
      double lx = ex - 4;
      double ly = PLOT_TOP + 4;
      svg.append("<text class=\"event-label\" x=\"").append(num(lx)).append("\" y=\"").append(num(ly))
          .append("\" text-anchor=\"end\" transform=\"rotate(-90 ").append(num(lx)).append(' ').append(num(ly))
          .append(")\">").append(escape(event.label())).append("</text>");
    }
    svg.append("</g>");
    legend(svg, series, true);
    return svg.append("</svg>").toString();
  }

  /**
   * Stacked bars of shares in percent: one bar per category, its segments in series order from the bottom;
   * the y axis runs from 0 to 100 %.
   */
  static String stackedBars(String title, Axes axes, List<String> categories, List<Series> series) {
    double bottom = plotBottom(categories);
    Scale scale = new Scale(0, 100, List.of(0.0, 20.0, 40.0, 60.0, 80.0, 100.0), PLOT_TOP, bottom);
    StringBuilder svg = open(title, series.size());
    yAxis(svg, scale, axes.yLabel());
    double band = categoryAxis(svg, categories, bottom, axes.xLabel());
    double barWidth = band * 0.6;
    svg.append("<g class=\"marks\">");
    for (int c = 0; c < categories.size(); c++) {
      double x = PLOT_LEFT + c * band + (band - barWidth) / 2;
      double stacked = 0;
      for (Series s : series) {
        Double value = s.values().get(c);
        if (value == null || value <= 0) {
          continue;
        }
        double top = scale.y(stacked + value);
        double height = scale.y(stacked) - top;
        stacked += value;
        svg.append(rect(x, top, barWidth, height, s.color(),
            s.name() + ", " + categories.get(c) + ": " + axes.valueText().apply(value)));
      }
    }
    svg.append("</g>");
    legend(svg, series, false);
    return svg.append("</svg>").toString();
  }

  /**
   * Grouped bars: per category one bar per series side by side, drawn from zero (down for negative values);
   * a missing value leaves its slot empty.
   */
  static String groupedBars(String title, Axes axes, List<String> categories, List<Series> series) {
    double bottom = plotBottom(categories);
    Scale scale = scale(valuesOf(series), PLOT_TOP, bottom);
    StringBuilder svg = open(title, series.size());
    yAxis(svg, scale, axes.yLabel());
    double band = categoryAxis(svg, categories, bottom, axes.xLabel());
    double groupWidth = band * 0.8;
    double barWidth = groupWidth / Math.max(1, series.size());
    double zero = scale.y(0);
    svg.append(line(PLOT_LEFT, zero, PLOT_RIGHT, zero, "zero"));
    svg.append("<g class=\"marks\">");
    for (int c = 0; c < categories.size(); c++) {
      for (int s = 0; s < series.size(); s++) {
        Double value = series.get(s).values().get(c);
        if (value == null) {
          continue;
        }
        double x = PLOT_LEFT + c * band + (band - groupWidth) / 2 + s * barWidth;
        double end = scale.y(value);
        svg.append(rect(x, Math.min(zero, end), barWidth, Math.abs(zero - end), series.get(s).color(),
            series.get(s).name() + ", " + categories.get(c) + ": " + axes.valueText().apply(value)));
      }
    }
    svg.append("</g>");
    legend(svg, series, false);
    return svg.append("</svg>").toString();
  }

  /**
   * A y scale over the values with round ticks (steps of 1, 2, 2.5 or 5 times a power of ten, at most
   * {@link #MAX_TICK_INTERVALS} of them, the finest that fits); it always includes zero, so bars and lines are
   * read against a true baseline.
   */
  static Scale scale(List<Double> values, double top, double bottom) {
    double min = 0;
    double max = 0;
    for (double v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (max == min) {
      max = min + 1;
    }
    double step = niceStep((max - min) / 10);
    while (Math.ceil(max / step) - Math.floor(min / step) > MAX_TICK_INTERVALS) {
      step = niceStep(step * 1.01);
    }
    double low = Math.floor(min / step) * step;
    double high = Math.ceil(max / step) * step;
    List<Double> ticks = new ArrayList<>();
    for (int i = 0; low + i * step <= high + step / 1e6; i++) {
      ticks.add(round(low + i * step, step));
    }
    return new Scale(low, high, ticks, top, bottom);
  }

  /** The smallest step of 1, 2, 2.5, 5 or 10 times a power of ten that is at least {@code rough}. */
  static double niceStep(double rough) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
    double normalized = rough / magnitude;
    double nice = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 2.5 ? 2.5 : normalized <= 5 ? 5 : 10;
    return nice * magnitude;
  }

  /** Removes the binary noise of {@code low + i * step} (0.30000000000000004 becomes 0.3). */
  private static double round(double value, double step) {
    int decimals = Math.max(0, 1 - (int) Math.floor(Math.log10(step)));
    return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
  }

  /** Where dates fall on the x axis: linear in calendar days from the first period to the last. */
  private record DateAxis(long first, long last) {
    double at(long epochDay) {
      if (last == first) {
        return (PLOT_LEFT + PLOT_RIGHT) / 2;
      }
      return PLOT_LEFT + (double) (epochDay - first) / (last - first) * (PLOT_RIGHT - PLOT_LEFT);
    }
  }

  private static List<Double> valuesOf(List<Series> series) {
    List<Double> values = new ArrayList<>();
    for (Series s : series) {
      for (Double v : s.values()) {
        if (v != null) {
          values.add(v);
        }
      }
    }
    return values;
  }

  private static boolean labelsFitUpright(List<String> categories) {
    double band = (PLOT_RIGHT - PLOT_LEFT) / Math.max(1, categories.size());
    return categories.stream().mapToDouble(c -> c.length() * CHAR_WIDTH).max().orElse(0) <= band - 6;
  }

  private static double plotBottom(List<String> categories) {
    return labelsFitUpright(categories) ? PLOT_BOTTOM : PLOT_BOTTOM_ROTATED_LABELS;
  }

  /** The SVG element; taller than {@link #HEIGHT} only when the legend needs the room. */
  private static StringBuilder open(String title, int legendEntries) {
    int height = (int) Math.max(HEIGHT, Math.ceil(PLOT_TOP + legendEntries * LEGEND_ROW + 8));
    return new StringBuilder()
        .append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
        .append("\" role=\"img\" aria-label=\"").append(escape(title)).append("\">")
        .append("<title>").append(escape(title)).append("</title>");
  }

  private static void yAxis(StringBuilder svg, Scale scale, String label) {
    svg.append("<g class=\"y-ticks\">");
    for (double tick : scale.ticks()) {
      double y = scale.y(tick);
      svg.append(line(PLOT_LEFT, y, PLOT_RIGHT, y, "grid"))
          .append(text(PLOT_LEFT - 8, y + 4, "end", "tick-label", tickText(tick)));
    }
    svg.append("</g>");
    double middle = (scale.top() + scale.bottom()) / 2;
    svg.append("<text class=\"axis-label y\" x=\"18\" y=\"").append(num(middle))
        .append("\" text-anchor=\"middle\" transform=\"rotate(-90 18 ").append(num(middle)).append(")\">")
        .append(escape(label)).append("</text>");
  }

  private static void xAxisFrame(StringBuilder svg, double bottom, String label) {
    svg.append(line(PLOT_LEFT, bottom, PLOT_RIGHT, bottom, "axis"))
        .append(text((PLOT_LEFT + PLOT_RIGHT) / 2, HEIGHT - 10, "middle", "axis-label x", label));
  }

  /** Category labels at band centres (rotated when they do not fit upright); returns the band width. */
  private static double categoryAxis(StringBuilder svg, List<String> categories, double bottom, String label) {
    double band = (PLOT_RIGHT - PLOT_LEFT) / Math.max(1, categories.size());
    boolean upright = labelsFitUpright(categories);
    xAxisFrame(svg, bottom, label);
    svg.append("<g class=\"x-ticks\">");
    for (int c = 0; c < categories.size(); c++) {
      double x = PLOT_LEFT + (c + 0.5) * band;
      if (upright) {
        svg.append(text(x, bottom + 20, "middle", "tick-label", categories.get(c)));
      } else {
        double y = bottom + 14;
        svg.append("<text class=\"tick-label\" x=\"").append(num(x)).append("\" y=\"").append(num(y))
            .append("\" text-anchor=\"end\" transform=\"rotate(-35 ").append(num(x)).append(' ').append(num(y))
            .append(")\">").append(escape(categories.get(c))).append("</text>");
      }
    }
    svg.append("</g>");
    return band;
  }

  private static void legend(StringBuilder svg, List<Series> series, boolean lineSwatches) {
    svg.append("<g class=\"legend\">");
    for (int i = 0; i < series.size(); i++) {
      double y = PLOT_TOP + i * LEGEND_ROW;
      String color = escape(series.get(i).color());
      if (lineSwatches) {
        svg.append("<line class=\"swatch\" x1=\"").append(num(LEGEND_X)).append("\" y1=\"").append(num(y + 6))
            .append("\" x2=\"").append(num(LEGEND_X + 14)).append("\" y2=\"").append(num(y + 6))
            .append("\" stroke=\"").append(color).append("\" stroke-width=\"3\"/>");
      } else {
        svg.append("<rect class=\"swatch\" x=\"").append(num(LEGEND_X)).append("\" y=\"").append(num(y))
            .append("\" width=\"12\" height=\"12\" fill=\"").append(color).append("\"/>");
      }
      svg.append(text(LEGEND_X + 20, y + 10, "start", "legend-label", series.get(i).name()));
    }
    svg.append("</g>");
  }

  private static String rect(double x, double y, double width, double height, String color, String tooltip) {
    return "<rect class=\"mark bar\" x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(width)
        + "\" height=\"" + num(height) + "\" fill=\"" + escape(color) + "\">" + tooltip(tooltip) + "</rect>";
  }

  private static String line(double x1, double y1, double x2, double y2, String cssClass) {
    return "<line class=\"" + cssClass + "\" x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2)
        + "\" y2=\"" + num(y2) + "\"/>";
  }

  private static String text(double x, double y, String anchor, String cssClass, String content) {
    return "<text class=\"" + cssClass + "\" x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" + anchor
        + "\">" + escape(content) + "</text>";
  }

  private static String tooltip(String content) {
    return "<title>" + escape(content) + "</title>";
  }

  /** Tick values as written on the axis: no trailing zeros, no exponent. */
  static String tickText(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** Coordinates to a tenth of a pixel. */
  static String num(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /** Escapes text for HTML and SVG content and attribute values. */
  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
