package dev.crossborder.metrics;

import static dev.crossborder.model.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.crossborder.model.Grain;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Gold {@code gmv_growth}: GMV per series point with year-on-year and period-on-period growth. */
public final class GmvGrowth {
  private GmvGrowth() {}

  private static final String PRIOR_YEAR_MONTHS = "_prior_year_months";
  private static final String PRIOR_PERIOD_MONTHS = "_prior_period_months";
  private static final String POP_STATUS = "_pop_status";

  /** From {@link GmvByPeriod#compute}; columns in contract order, run_id aside. */
  public static Dataset<Row> compute(Dataset<Row> gmvByPeriod) {
    Dataset<Row> priorYear = Series.shiftedForward(gmvByPeriod, GmvByPeriod.KEY, lit(Grain.YEAR.months()),
        col(GMV_USD).as(GMV_USD_PRIOR_YEAR), col(MONTHS_COVERED).as(PRIOR_YEAR_MONTHS));
    Dataset<Row> priorPeriod = Series.shiftedForward(gmvByPeriod, GmvByPeriod.KEY, Periods.monthsPerPeriod(col(PERIOD_GRAIN)),
        col(GMV_USD).as(GMV_USD_PRIOR_PERIOD), col(MONTHS_COVERED).as(PRIOR_PERIOD_MONTHS));
    return gmvByPeriod
        .transform(series -> Series.withEarlier(series, priorYear, GmvByPeriod.KEY))
        .transform(series -> Series.withEarlier(series, priorPeriod, GmvByPeriod.KEY))
        // A series' coverage is its months with data: growth compares like with like.
        .withColumn(YOY_STATUS,
            Growth.status(col(GMV_USD_PRIOR_YEAR), col(MONTHS_COVERED).equalTo(col(PRIOR_YEAR_MONTHS))))
        .withColumn(POP_STATUS,
            Growth.status(col(GMV_USD_PRIOR_PERIOD), col(MONTHS_COVERED).equalTo(col(PRIOR_PERIOD_MONTHS))))
        .select(
            col(PERIOD_GRAIN),
            col(PERIOD_START),
            col(PERIOD_LABEL),
            col(GEO_LEVEL),
            col(GEO_CODE),
            col(PLATFORM_ID),
            col(GMV_USD),
            col(ORDERS),
            col(MONTHS_COVERED),
            col(GMV_USD_PRIOR_YEAR),
            Growth.rate(col(YOY_STATUS), col(GMV_USD), col(GMV_USD_PRIOR_YEAR)).as(YOY_GROWTH),
            col(YOY_STATUS),
            col(GMV_USD_PRIOR_PERIOD),
            Growth.rate(col(POP_STATUS), col(GMV_USD), col(GMV_USD_PRIOR_PERIOD)).as(POP_GROWTH));
  }
}
