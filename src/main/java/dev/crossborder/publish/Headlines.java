package dev.crossborder.publish;

import static dev.crossborder.model.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

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

  /** US de minimis parcels per complete year, for the summary. */
  public static List<String> usDeMinimis(Dataset<Row> shipmentVolumes) {
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
    return lines;
  }
}
