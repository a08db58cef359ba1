package dev.crossborder.metrics;

import static dev.crossborder.model.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import dev.crossborder.model.Grain;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Gold {@code fulfillment_mix}: each fulfilment model's share of a market's parcels and declared value,
 * where a market is a period x destination geography x platform (or ALL platforms).
 */
public final class FulfillmentMix {
  private FulfillmentMix() {}

  /** From {@link ShipmentsByPeriod#compute}; columns in contract order, run_id aside. */
  public static Dataset<Row> compute(Dataset<Row> shipmentsByPeriod) {
    WindowSpec market = Window.partitionBy(col(PERIOD_GRAIN), col(PERIOD_START), col(GEO_LEVEL), col(GEO_CODE),
        col(PLATFORM_ID));
    Dataset<Row> mix = shipmentsByPeriod
        .filter(col(FULFILLMENT_MODEL).notEqual(ALL))
        .withColumn(PARCEL_SHARE, ShipmentVolumes.ratio(col(PARCELS), sum(col(PARCELS)).over(market)))
        .withColumn(VALUE_SHARE,
            ShipmentVolumes.ratio(col(DECLARED_VALUE_USD), sum(col(DECLARED_VALUE_USD)).over(market)));
    Dataset<Row> priorYear = Series.shiftedForward(mix, ShipmentsByPeriod.KEY, lit(Grain.YEAR.months()),
        col(PARCEL_SHARE).as(PARCEL_SHARE_PRIOR_YEAR));
    return mix
        .transform(series -> Series.withEarlier(series, priorYear, ShipmentsByPeriod.KEY))
        .select(
            col(PERIOD_GRAIN),
            col(PERIOD_START),
            col(PERIOD_LABEL),
            col(GEO_LEVEL),
            col(GEO_CODE),
            col(PLATFORM_ID),
            col(FULFILLMENT_MODEL),
            col(PARCELS),
            col(PARCEL_SHARE),
            col(VALUE_SHARE),
            col(PARCEL_SHARE_PRIOR_YEAR),
            col(PARCEL_SHARE).minus(col(PARCEL_SHARE_PRIOR_YEAR)).multiply(100).as(PARCEL_SHARE_CHANGE_PP));
  }
}
