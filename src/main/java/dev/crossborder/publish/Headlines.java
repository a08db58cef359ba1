package dev.crossborder.publish;

import static dev.crossborder.model.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import dev.crossborder.metrics.BenchmarkComparison;
import dev.crossborder.metrics.GrowthSummary;
import dev.crossborder.model.GeoLevel;
import dev.crossborder.model.Grain;
import java.math.BigDecimal;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The few figures the closing summary shows, read from the gold tables (a handful of rows). */
public final class Headlines {
  private Headlines() {}

  /** Per platform, worldwide, in the latest year: GMV, YoY growth, share and rank. */
  public static List<String> worldwideLatestYear(Dataset<Row> gmvGrowth, Dataset<Row> marketShare) {
    Dataset<Row> worldYears = gmvGrowth
        .filter(col(PERIOD_GRAIN).equalTo(Grain.YEAR.code()).and(col(GEO_LEVEL).equalTo(GeoLevel.GLOBAL.code())));
    Row latest = worldYears.agg(max(col(PERIOD_START))).first();
    if (latest.isNullAt(0)) {
      return List.of();
    }
    Date year = latest.getDate(0);
    List<Row> rows = worldYears.filter(col(PERIOD_START).equalTo(year))
        .join(marketShare.select(PERIOD_GRAIN, PERIOD_START, GEO_LEVEL, GEO_CODE, PLATFORM_ID, SHARE, RANK),
            new String[] {PERIOD_GRAIN, PERIOD_START, GEO_LEVEL, GEO_CODE, PLATFORM_ID}, "inner")
        .select(PLATFORM_ID, GMV_USD, MONTHS_COVERED, YOY_GROWTH, YOY_STATUS, SHARE, RANK)
        .orderBy(col(RANK))
        .collectAsList();
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "Worldwide %s (rank, platform, GMV, YoY, share):",
        year.toLocalDate().getYear()));
    for (Row row : rows) {
      BigDecimal gmv = row.getAs(GMV_USD);
      Double yoy = row.getAs(YOY_GROWTH);
      lines.add(String.format(Locale.ROOT, "  %2d  %-14s US$ %8.2f bn  YoY %-18s share %5.1f %%",
          row.<Integer>getAs(RANK), row.<String>getAs(PLATFORM_ID), gmv.doubleValue() / 1e9,
          yoy == null ? row.<String>getAs(YOY_STATUS) : String.format(Locale.ROOT, "%+.1f %%", yoy * 100),
          row.<Double>getAs(SHARE) * 100));
    }
    return lines;
  }

  /** Each platform group's worldwide growth against every benchmark, in the latest benchmarked year. */
  public static List<String> groupsAgainstBenchmarks(Dataset<Row> benchmarkComparison) {
    Dataset<Row> groups = benchmarkComparison.filter(col(ENTITY_TYPE).equalTo(BenchmarkComparison.GROUP));
    Row latest = groups.agg(max(col(YEAR))).first();
    if (latest.isNullAt(0)) {
      return List.of();
    }
    int year = latest.getInt(0);
    List<String> lines = new ArrayList<>();
    lines.add("Groups against benchmarks, " + year + " (group YoY vs segment: outperformance):");
    for (Row row : groups.filter(col(YEAR).equalTo(year)).orderBy(col(ENTITY_ID), col(SEGMENT_ID)).collectAsList()) {
      Double yoy = row.getAs(YOY_GROWTH);
      Double outperformance = row.getAs(OUTPERFORMANCE_PP);
      lines.add(String.format(Locale.ROOT, "  %-17s %-18s vs %-26s %+6.1f %% (%s): %s",
          row.<String>getAs(ENTITY_ID), yoy == null ? row.<String>getAs(YOY_STATUS) : percent(yoy),
          row.<String>getAs(SEGMENT_ID), row.<Double>getAs(BENCHMARK_GROWTH) * 100, row.<String>getAs(BENCHMARK_KIND),
          outperformance == null ? "n/a" : String.format(Locale.ROOT, "%+.1f pp", outperformance)));
    }
    return lines;
  }

  /** US parcels per complete year and the de minimis CAGR up to the latest one. */
  public static List<String> usDeMinimis(Dataset<Row> shipmentVolumes, Dataset<Row> growthSummary) {
    List<Row> rows = shipmentVolumes
        .filter(col(PERIOD_GRAIN).equalTo(Grain.YEAR.code()).and(col(GEO_CODE).equalTo("US"))
            .and(col(PLATFORM_ID).equalTo(ALL)).and(col(FULFILLMENT_MODEL).equalTo(ALL)))
        .select(PERIOD_LABEL, PARCELS, CROSS_BORDER_PARCELS, DE_MINIMIS_PARCELS)
        .orderBy(col(PERIOD_LABEL))
        .collectAsList();
    if (rows.isEmpty()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    lines.add("US parcels by year (parcels, cross-border, de minimis):");
    for (Row row : rows) {
      lines.add(String.format(Locale.ROOT, "  %s  %,15d  %,15d  %,15d", row.getString(0), row.getLong(1),
          row.getLong(2), row.getLong(3)));
    }
    List<Row> cagr = growthSummary
        .filter(col(METRIC).equalTo(GrowthSummary.METRIC_DE_MINIMIS_PARCELS).and(col(GEO_CODE).equalTo("US"))
            .and(col(CAGR).isNotNull()))
        .orderBy(col(LAST_YEAR).desc())
        .limit(2)
        .collectAsList();
    for (Row row : cagr) {
      lines.add(String.format(Locale.ROOT, "  US de minimis parcels CAGR %d-%d: %s a year",
          row.<Integer>getAs(FIRST_YEAR), row.<Integer>getAs(LAST_YEAR), percent(row.<Double>getAs(CAGR))));
    }
    return lines;
  }

  private static String percent(double ratio) {
    return String.format(Locale.ROOT, "%+.1f %%", ratio * 100);
  }
}
