package dev.crossborder.metrics;

import static dev.crossborder.model.Columns.*;
import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import dev.crossborder.model.GeoLevel;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Building blocks shared by the gold metrics: expanding monthly rows to every grain and geography level,
 * and finding a series point's earlier period by date (gap-safe), never by position.
 */
public final class Series {
  private Series() {}

  private static final String GEO = "_geo";

  /**
   * Each monthly row once per grain (with its {@code period_start}) and per geography level ({@code
   * geo_level}, {@code geo_code}: the country, its region, WORLD); the caller then aggregates once.
   */
  public static Dataset<Row> expandedToGrainsAndGeographies(Dataset<Row> monthly, Column country, Column region) {
    Column geographies = array(
        geo(GeoLevel.COUNTRY, country),
        geo(GeoLevel.REGION, region),
        geo(GeoLevel.GLOBAL, lit(GeoLevel.WORLD)));
    return monthly
        .withColumn(PERIOD_GRAIN, explode(Periods.allGrains()))
        .withColumn(PERIOD_START, Periods.periodStart(col(PERIOD_GRAIN), col(MONTH_START)))
        .withColumn(GEO, explode(geographies))
        .withColumn(GEO_LEVEL, col(GEO + "." + GEO_LEVEL))
        .withColumn(GEO_CODE, col(GEO + "." + GEO_CODE))
        .drop(GEO);
  }

  private static Column geo(GeoLevel level, Column code) {
    return struct(lit(level.code()).as(GEO_LEVEL), code.as(GEO_CODE));
  }

  /**
   * The rows of {@code series} re-keyed to the period {@code monthsLater} months after their own, carrying
   * {@code values}: a left join on {@code key} then finds each row's earlier period by date.
   */
  public static Dataset<Row> shiftedForward(Dataset<Row> series, List<String> key, Column monthsLater,
      Column... values) {
    List<Column> columns = new ArrayList<>();
    for (String name : key) {
      columns.add(name.equals(PERIOD_START) ? add_months(col(PERIOD_START), monthsLater).as(PERIOD_START) : col(name));
    }
    columns.addAll(List.of(values));
    return series.select(columns.toArray(Column[]::new));
  }

  /** Left join of {@code series} with an earlier-period frame from {@link #shiftedForward}. */
  public static Dataset<Row> withEarlier(Dataset<Row> series, Dataset<Row> earlier, List<String> key) {
    return series.join(earlier, key.toArray(String[]::new), "left");
  }
}
