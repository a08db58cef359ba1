package dev.crossborder.metrics;

import static dev.crossborder.model.Columns.*;
import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import dev.crossborder.model.OutputTables;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Shipment sums per grain x period x destination geography x platform x fulfilment model, with ALL rows for
 * platform and model, from the silver cube: the base of {@code shipment_volumes} and {@code fulfillment_mix}.
 */
public final class ShipmentsByPeriod {
  private ShipmentsByPeriod() {}

  public static final List<String> KEY =
      List.of(PERIOD_GRAIN, PERIOD_START, GEO_LEVEL, GEO_CODE, PLATFORM_ID, FULFILLMENT_MODEL);

  /** True when the shipment data covers every day of the period (DESIGN.md §5). */
  public static final String PERIOD_COMPLETE = "_period_complete";

  /**
   * Columns: the {@link #KEY}, period_label, parcels, cross_border_parcels, de_minimis_parcels,
   * declared_value_usd, de_minimis_value_usd and {@link #PERIOD_COMPLETE}.
   */
  public static Dataset<Row> compute(Dataset<Row> cube) {
    Column parcels = col(PARCELS);
    return Series.expandedToGrainsAndGeographies(cube, col(DESTINATION_COUNTRY), col(DESTINATION_REGION))
        .withColumn(PLATFORM_ID, explode(array(col(PLATFORM_ID), lit(ALL))))
        .withColumn(FULFILLMENT_MODEL, explode(array(col(FULFILLMENT_MODEL), lit(ALL))))
        .groupBy(KEY.stream().map(c -> col(c)).toArray(Column[]::new))
        .agg(
            sum(parcels).cast(DataTypes.LongType).as(PARCELS),
            sum(CROSS_BORDER_PARCELS).cast(DataTypes.LongType).as(CROSS_BORDER_PARCELS),
            sum(DE_MINIMIS_PARCELS).cast(DataTypes.LongType).as(DE_MINIMIS_PARCELS),
            sum(DECLARED_VALUE_USD).cast(OutputTables.MONEY).as(DECLARED_VALUE_USD),
            sum(DE_MINIMIS_VALUE_USD).cast(OutputTables.MONEY).as(DE_MINIMIS_VALUE_USD))
        .join(broadcast(completePeriods(cube)), new String[] {PERIOD_GRAIN, PERIOD_START}, "left")
        .withColumn(PERIOD_LABEL, Periods.periodLabel(col(PERIOD_GRAIN), col(PERIOD_START)))
        .na().fill(false, new String[] {PERIOD_COMPLETE});
  }

  /** Per grain and period: whether the days with data add up to every day of the period. */
  static Dataset<Row> completePeriods(Dataset<Row> cube) {
    Column daysInPeriod = datediff(add_months(col(PERIOD_START), Periods.monthsPerPeriod(col(PERIOD_GRAIN))),
        col(PERIOD_START));
    return cube.select(col(MONTH_START), col(DAYS_COVERED)).distinct()
        .withColumn(PERIOD_GRAIN, explode(Periods.allGrains()))
        .withColumn(PERIOD_START, Periods.periodStart(col(PERIOD_GRAIN), col(MONTH_START)))
        .groupBy(col(PERIOD_GRAIN), col(PERIOD_START))
        .agg(sum(DAYS_COVERED).as(DAYS_COVERED))
        .select(col(PERIOD_GRAIN), col(PERIOD_START), col(DAYS_COVERED).equalTo(daysInPeriod).as(PERIOD_COMPLETE));
  }
}
