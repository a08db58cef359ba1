package dev.crossborder.metrics;

import static dev.crossborder.model.Columns.*;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.year;

import dev.crossborder.model.GeoLevel;
import dev.crossborder.model.Grain;
import dev.crossborder.model.OutputTables;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Gold {@code benchmark_comparison}: the worldwide yearly GMV growth of each platform and each platform
 * group against every market benchmark of the same year, in percentage points.
 */
public final class BenchmarkComparison {
  private BenchmarkComparison() {}

  public static final String PLATFORM = "platform";
  public static final String GROUP = "group";

  private static final List<String> GROUP_KEY = List.of(PLATFORM_GROUP, PERIOD_START);
  private static final String PRIOR_GMV = "_prior_gmv";
  private static final String PRIOR_MONTHS = "_prior_months";

  /**
   * @param gmvGrowth gold gmv_growth (its year x WORLD rows give the platforms' growth)
   * @param gmvMonthly silver gmv_monthly (summed per group with the same coverage rule)
   * @param platforms platform_id, platform_group
   * @param benchmarks segment_id, year, yoy_growth, kind
   */
  public static Dataset<Row> compute(Dataset<Row> gmvGrowth, Dataset<Row> gmvMonthly, Dataset<Row> platforms,
      Dataset<Row> benchmarks) {
    Dataset<Row> platformGrowth = gmvGrowth
        .filter(col(PERIOD_GRAIN).equalTo(Grain.YEAR.code()).and(col(GEO_LEVEL).equalTo(GeoLevel.GLOBAL.code())))
        .select(year(col(PERIOD_START)).as(YEAR), lit(PLATFORM).as(ENTITY_TYPE), col(PLATFORM_ID).as(ENTITY_ID),
            col(YOY_GROWTH), col(YOY_STATUS));
    Dataset<Row> growth = platformGrowth.unionByName(groupGrowth(gmvMonthly, platforms));
    Dataset<Row> segments = benchmarks.select(col(YEAR), col(SEGMENT_ID), col(YOY_GROWTH).as(BENCHMARK_GROWTH),
        col(KIND).as(BENCHMARK_KIND));
    return growth
        .join(broadcast(segments), new String[] {YEAR}, "inner")
        .select(
            col(YEAR),
            col(ENTITY_TYPE),
            col(ENTITY_ID),
            col(YOY_GROWTH),
            col(YOY_STATUS),
            col(SEGMENT_ID),
            col(BENCHMARK_GROWTH),
            col(BENCHMARK_KIND),
            col(YOY_GROWTH).minus(col(BENCHMARK_GROWTH)).multiply(100).as(OUTPERFORMANCE_PP));
  }

  /** Yearly worldwide GMV of each platform group, with YoY under the same coverage rule as a platform's. */
  static Dataset<Row> groupGrowth(Dataset<Row> gmvMonthly, Dataset<Row> platforms) {
    Dataset<Row> yearly = gmvMonthly
        .join(broadcast(platforms), new String[] {PLATFORM_ID}, "inner")
        .withColumn(PERIOD_START, Periods.periodStart(lit(Grain.YEAR.code()), col(MONTH_START)))
        .groupBy(col(PLATFORM_GROUP), col(PERIOD_START))
        .agg(sum(GMV_USD).cast(OutputTables.MONEY).as(GMV_USD),
            count_distinct(col(MONTH_START)).cast(DataTypes.IntegerType).as(MONTHS_COVERED));
    Dataset<Row> prior = Series.shiftedForward(yearly, GROUP_KEY, lit(Grain.YEAR.months()),
        col(GMV_USD).as(PRIOR_GMV), col(MONTHS_COVERED).as(PRIOR_MONTHS));
    Column status = Growth.status(col(PRIOR_GMV), col(MONTHS_COVERED).equalTo(col(PRIOR_MONTHS)));
    return Series.withEarlier(yearly, prior, GROUP_KEY)
        .withColumn(YOY_STATUS, status)
        .select(year(col(PERIOD_START)).as(YEAR), lit(GROUP).as(ENTITY_TYPE), col(PLATFORM_GROUP).as(ENTITY_ID),
            Growth.rate(col(YOY_STATUS), col(GMV_USD), col(PRIOR_GMV)).as(YOY_GROWTH), col(YOY_STATUS));
  }
}
