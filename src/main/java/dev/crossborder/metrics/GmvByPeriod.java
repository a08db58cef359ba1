package dev.crossborder.metrics;

import static dev.crossborder.model.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.sum;

import dev.crossborder.model.OutputTables;
import java.util.List;
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
    return Series.expandedToGrainsAndGeographies(gmvMonthly, col(COUNTRY_CODE), col(REGION))
        .groupBy(col(PERIOD_GRAIN), col(PERIOD_START), col(GEO_LEVEL), col(GEO_CODE), col(PLATFORM_ID))
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
}
