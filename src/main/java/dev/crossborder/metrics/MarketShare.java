package dev.crossborder.metrics;

import static dev.crossborder.model.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.crossborder.model.Grain;
import dev.crossborder.model.OutputTables;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * Gold {@code market_share}: a market is one geography in one period; its GMV is that of all tracked
 * platforms there, so the shares of a market sum to 1.
 */
public final class MarketShare {
  private MarketShare() {}

  /** From {@link GmvByPeriod#compute}; columns in contract order, run_id aside. */
  public static Dataset<Row> compute(Dataset<Row> gmvByPeriod) {
    WindowSpec market = Window.partitionBy(col(PERIOD_GRAIN), col(PERIOD_START), col(GEO_LEVEL), col(GEO_CODE));
    Column marketGmv = col(MARKET_GMV_USD);
    Dataset<Row> shares = gmvByPeriod
        .withColumn(MARKET_GMV_USD, sum(col(GMV_USD)).over(market).cast(OutputTables.MONEY))
        .withColumn(SHARE, when(marketGmv.gt(0),
            col(GMV_USD).cast(DataTypes.DoubleType).divide(marketGmv.cast(DataTypes.DoubleType))))
        .withColumn(RANK, row_number().over(market.orderBy(col(GMV_USD).desc(), col(PLATFORM_ID).asc())))
        .withColumn(PLATFORMS_IN_MARKET, count(lit(1)).over(market).cast(DataTypes.IntegerType));
    Dataset<Row> priorYear = Series.shiftedForward(shares, GmvByPeriod.KEY, lit(Grain.YEAR.months()),
        col(SHARE).as(SHARE_PRIOR_YEAR), col(RANK).as(RANK_PRIOR_YEAR));
    return shares
        .transform(series -> Series.withEarlier(series, priorYear, GmvByPeriod.KEY))
        .select(
            col(PERIOD_GRAIN),
            col(PERIOD_START),
            col(PERIOD_LABEL),
            col(GEO_LEVEL),
            col(GEO_CODE),
            col(PLATFORM_ID),
            col(GMV_USD),
            col(MARKET_GMV_USD),
            col(SHARE),
            col(RANK).cast(DataTypes.IntegerType).as(RANK),
            col(SHARE_PRIOR_YEAR),
            col(SHARE).minus(col(SHARE_PRIOR_YEAR)).multiply(100).as(SHARE_CHANGE_PP),
            col(RANK_PRIOR_YEAR).cast(DataTypes.IntegerType).as(RANK_PRIOR_YEAR),
            col(PLATFORMS_IN_MARKET));
  }
}
