package dev.crossborder.metrics;

import static dev.crossborder.model.Columns.*;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.year;

import dev.crossborder.model.AnomalyThresholds;
import dev.crossborder.model.Grain;
import dev.crossborder.model.YoyStatus;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Gold {@code kpi_anomalies}: KPIs that move unusually against their own history.
 * <ul>
 *   <li>{@code SHARE_SHIFT}: a platform's yearly market share moved by at least {@code sharePp} percentage
 *       points against the year before (expected range: last year's share +- the threshold).
 *   <li>{@code YOY_OUTLIER}: a quarter's YoY growth lies more than {@code yoyMarginPp} points outside the
 *       range of the same series' YoY in its 4 previous quarters (at least 3 of them known). The trailing
 *       window is a range of months, not of rows, so a missing quarter never pulls an older one in.
 * </ul>
 * Values and ranges are in percent (share) or percentage points of growth (YoY).
 */
public final class KpiAnomalies {
  private KpiAnomalies() {}

  public static final String SHARE_SHIFT = "SHARE_SHIFT";
  public static final String YOY_OUTLIER = "YOY_OUTLIER";

  private static final String MONTH_INDEX = "_month_index";
  private static final String TRAILING_LOW = "_trailing_low";
  private static final String TRAILING_HIGH = "_trailing_high";
  private static final String TRAILING_COUNT = "_trailing_count";

  /** From gold market_share and gmv_growth; contract order, run_id aside. */
  public static Dataset<Row> compute(Dataset<Row> marketShare, Dataset<Row> gmvGrowth, AnomalyThresholds thresholds) {
    return shareShifts(marketShare, thresholds.sharePp()).unionByName(yoyOutliers(gmvGrowth, thresholds.yoyMarginPp()));
  }

  static Dataset<Row> shareShifts(Dataset<Row> marketShare, double sharePp) {
    Column priorPercent = col(SHARE_PRIOR_YEAR).multiply(100);
    return marketShare
        .filter(col(PERIOD_GRAIN).equalTo(Grain.YEAR.code()).and(abs(col(SHARE_CHANGE_PP)).geq(sharePp)))
        .select(grainColumns(lit(SHARE_SHIFT), lit(SHARE),
            col(SHARE).multiply(100), priorPercent.minus(sharePp), priorPercent.plus(sharePp)));
  }

  static Dataset<Row> yoyOutliers(Dataset<Row> gmvGrowth, double marginPp) {
    WindowSpec previousFourQuarters = Window.partitionBy(col(GEO_LEVEL), col(GEO_CODE), col(PLATFORM_ID))
        .orderBy(col(MONTH_INDEX)).rangeBetween(-4L * Grain.QUARTER.months(), -Grain.QUARTER.months());
    Column yoyPercent = col(YOY_GROWTH).multiply(100);
    Column low = col(TRAILING_LOW).minus(marginPp);
    Column high = col(TRAILING_HIGH).plus(marginPp);
    return gmvGrowth
        .filter(col(PERIOD_GRAIN).equalTo(Grain.QUARTER.code()).and(col(YOY_STATUS).equalTo(YoyStatus.OK.name())))
        .withColumn(MONTH_INDEX, year(col(PERIOD_START)).multiply(12).plus(month(col(PERIOD_START))))
        .withColumn(TRAILING_LOW, min(yoyPercent).over(previousFourQuarters))
        .withColumn(TRAILING_HIGH, max(yoyPercent).over(previousFourQuarters))
        .withColumn(TRAILING_COUNT, count(yoyPercent).over(previousFourQuarters))
        .filter(col(TRAILING_COUNT).geq(3).and(yoyPercent.lt(low).or(yoyPercent.gt(high))))
        .select(grainColumns(lit(YOY_OUTLIER), lit(YOY_GROWTH), yoyPercent, low, high));
  }

  private static Column[] grainColumns(Column rule, Column metric, Column value, Column low, Column high) {
    return new Column[] {
        col(PERIOD_GRAIN), col(PERIOD_START), col(PERIOD_LABEL), col(GEO_LEVEL), col(GEO_CODE), col(PLATFORM_ID),
        rule.as(RULE), metric.as(METRIC), value.as(VALUE), low.as(EXPECTED_LOW), high.as(EXPECTED_HIGH)};
  }
}
