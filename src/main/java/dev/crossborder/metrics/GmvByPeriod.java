package dev.crossborder.metrics;

import static dev.crossborder.model.Columns.*;
import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import dev.crossborder.model.GeoLevel;
import dev.crossborder.model.OutputTables;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * GMV summed per grain x period x geography x platform from silver {@code gmv_monthly}: the base that both
 * {@code gmv_growth} and {@code market_share} are computed from.
 */
public final class GmvByPeriod {
  private GmvByPeriod() {}

  /** Identifies one series point: grain, period, geography and platform. */
  public static final List<String> KEY = List.of(PERIOD_GRAIN, PERIOD_START, GEO_LEVEL, GEO_CODE, PLATFORM_ID);

  /**
   * Columns: period_grain, period_start, period_label, geo_level, geo_code, platform_id, gmv_usd, orders,
   * months_covered. Each monthly row is expanded to its 3 grains x 3 geography levels, then one aggregation.
   */
  public static Dataset<Row> compute(Dataset<Row> gmvMonthly) {
    Column geographies = array(
        geo(GeoLevel.COUNTRY, col(COUNTRY_CODE)),
        geo(GeoLevel.REGION, col(REGION)),
        geo(GeoLevel.GLOBAL, lit(GeoLevel.WORLD)));
    return gmvMonthly
        .withColumn(PERIOD_GRAIN, explode(Periods.allGrains()))
        .withColumn("_geo", explode(geographies))
        .withColumn(PERIOD_START, Periods.periodStart(col(PERIOD_GRAIN), col(MONTH_START)))
        .groupBy(col(PERIOD_GRAIN), col(PERIOD_START), col("_geo." + GEO_LEVEL).as(GEO_LEVEL),
            col("_geo." + GEO_CODE).as(GEO_CODE), col(PLATFORM_ID))
        .agg(
            sum(GMV_USD).cast(OutputTables.MONEY).as(GMV_USD),
            sum(ORDERS).cast(DataTypes.LongType).as(ORDERS),
            count_distinct(col(MONTH_START)).cast(DataTypes.IntegerType).as(MONTHS_COVERED))
        .select(
            col(PERIOD_GRAIN),
            col(PERIOD_START),
            Periods.periodLabel(col(PERIOD_GRAIN), col(PERIOD_START)).as(PERIOD_LABEL),
            col(GEO_LEVEL),
            col(GEO_CODE),
            col(PLATFORM_ID),
            col(GMV_USD),
            col(ORDERS),
            col(MONTHS_COVERED));
  }

  private static Column geo(GeoLevel level, Column code) {
    return struct(lit(level.code()).as(GEO_LEVEL), code.as(GEO_CODE));
  }

  /**
   * The rows of {@code series} re-keyed to the period {@code monthsLater} months after their own, so that a
   * left join on {@link #KEY} finds each row's earlier period by date, never by position (gap-safe).
   */
  public static Dataset<Row> shiftedForward(Dataset<Row> series, Column monthsLater, Column... values) {
    Column[] columns = new Column[KEY.size() + values.length];
    int i = 0;
    for (String key : KEY) {
      columns[i++] = key.equals(PERIOD_START) ? add_months(col(PERIOD_START), monthsLater).as(PERIOD_START) : col(key);
    }
    for (Column value : values) {
      columns[i++] = value;
    }
    return series.select(columns);
  }

  /** Left join of {@code series} with an earlier-period frame from {@link #shiftedForward}. */
  public static Dataset<Row> withEarlier(Dataset<Row> series, Dataset<Row> earlier) {
    return series.join(earlier, KEY.toArray(String[]::new), "left");
  }
}
