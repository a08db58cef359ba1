package dev.crossborder.metrics;

import static dev.crossborder.model.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;

import dev.crossborder.model.Grain;
import dev.crossborder.model.OutputTables;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/** Gold {@code shipment_volumes}: parcels, de minimis parcels and values with parcel YoY growth. */
public final class ShipmentVolumes {
  private ShipmentVolumes() {}

  private static final String PRIOR_COMPLETE = "_prior_complete";

  /** From {@link ShipmentsByPeriod#compute}; columns in contract order, run_id aside. */
  public static Dataset<Row> compute(Dataset<Row> shipmentsByPeriod) {
    Dataset<Row> priorYear = Series.shiftedForward(shipmentsByPeriod, ShipmentsByPeriod.KEY,
        lit(Grain.YEAR.months()), col(PARCELS).as(PARCELS_PRIOR_YEAR),
        col(ShipmentsByPeriod.PERIOD_COMPLETE).as(PRIOR_COMPLETE));
    // Shipments have no per-series coverage: both periods must be complete days-wise to compare.
    Column bothComplete = col(ShipmentsByPeriod.PERIOD_COMPLETE).and(col(PRIOR_COMPLETE));
    return shipmentsByPeriod
        .transform(series -> Series.withEarlier(series, priorYear, ShipmentsByPeriod.KEY))
        .withColumn(YOY_STATUS, Growth.status(col(PARCELS_PRIOR_YEAR), bothComplete))
        .select(
            col(PERIOD_GRAIN),
            col(PERIOD_START),
            col(PERIOD_LABEL),
            col(GEO_LEVEL),
            col(GEO_CODE),
            col(PLATFORM_ID),
            col(FULFILLMENT_MODEL),
            col(PARCELS),
            col(CROSS_BORDER_PARCELS),
            col(DE_MINIMIS_PARCELS),
            ratio(col(DE_MINIMIS_PARCELS), col(CROSS_BORDER_PARCELS)).as(DE_MINIMIS_SHARE),
            col(DECLARED_VALUE_USD),
            col(DE_MINIMIS_VALUE_USD),
            when(col(PARCELS).gt(0), round(col(DECLARED_VALUE_USD).divide(col(PARCELS)), 2))
                .cast(OutputTables.MONEY).as(AVG_DECLARED_VALUE_USD),
            col(PARCELS_PRIOR_YEAR),
            Growth.rate(col(YOY_STATUS), col(PARCELS), col(PARCELS_PRIOR_YEAR)).as(PARCELS_YOY_GROWTH),
            col(YOY_STATUS));
  }

  /** numerator / denominator as a double, null when the denominator is 0. */
  static Column ratio(Column numerator, Column denominator) {
    return when(denominator.gt(0),
        numerator.cast(DataTypes.DoubleType).divide(denominator.cast(DataTypes.DoubleType)));
  }
}
