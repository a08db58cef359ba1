package dev.crossborder.conform;

import static dev.crossborder.model.Columns.*;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.crossborder.model.OutputTables;
import dev.crossborder.quality.RowFlags;
import dev.crossborder.quality.ShipmentQuality;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The monthly shipment cube (silver {@code shipment_cube}): month x platform x origin x destination x
 * fulfilment model with parcel and USD sums. Every shipment metric is computed from it, never from raw rows.
 */
public final class ShipmentCube {
  private ShipmentCube() {}

  /** Row-level values the cube sums: flags, parcels, and the USD value of all the row's parcels. */
  public static final String IS_CROSS_BORDER = "_is_cross_border";
  public static final String IS_DE_MINIMIS = "_is_de_minimis";
  public static final String ROW_VALUE_USD = "_row_value_usd";

  /**
   * What the cube and the quarantine need from a shipment row after the row-level rules (the raw record is
   * carried apart, see {@link ShipmentQuality#flag}): its reasons, its file, its cube keys, and, for a row that
   * passed the row-level rules, its cross-border and de minimis flags and the USD value of all its parcels
   * (rounded half up to the cent per parcel, as GMV is per record). A row later found to be a duplicate keeps
   * these values but is not clean, so the cube never sees it. Every row keeps its file, so the months each
   * file holds can be told from these rows (few distinct values per cached batch: the cache's dictionary
   * encoding keeps that cheap).
   */
  public static Column[] inputs() {
    // Only rows that pass are valued: a bad row's numbers may not even fit the types.
    Column passes = RowFlags.isClean();
    Column parcelValueUsd = round(col(ShipmentQuality.VALUE).multiply(col(USD_PER_UNIT)), 2);
    return new Column[] {
        col(REASONS),
        col(SOURCE_FILE),
        col(ShipmentQuality.SHIP_DAY),
        col(MONTH_START),
        col(PLATFORM_ID),
        col(ORIGIN_COUNTRY),
        col(DESTINATION_COUNTRY),
        col(DESTINATION_REGION),
        col(DESTINATION_JURISDICTION),
        col(FULFILLMENT_MODEL),
        col(ShipmentQuality.PARCEL_COUNT_PARSED),
        when(passes, DeMinimis.isCrossBorder()).as(IS_CROSS_BORDER),
        when(passes, DeMinimis.isDeMinimis()).as(IS_DE_MINIMIS),
        when(passes, parcelValueUsd.multiply(col(ShipmentQuality.PARCEL_COUNT_PARSED))).as(ROW_VALUE_USD)};
  }

  /**
   * The cube from the clean rows of {@link ShipmentQuality#flag}; {@code days_covered} is the number of days of
   * the month with any clean shipment, computed on the same rows and joined on (small) by month.
   */
  public static Dataset<Row> compute(Dataset<Row> cleanRows) {
    Column parcels = col(ShipmentQuality.PARCEL_COUNT_PARSED);
    Dataset<Row> coverage = cleanRows.groupBy(col(MONTH_START))
        .agg(count_distinct(col(ShipmentQuality.SHIP_DAY)).cast(DataTypes.IntegerType).as(DAYS_COVERED));
    return cleanRows
        .groupBy(col(MONTH_START), col(PLATFORM_ID), col(ORIGIN_COUNTRY), col(DESTINATION_COUNTRY),
            col(DESTINATION_REGION), col(DESTINATION_JURISDICTION), col(FULFILLMENT_MODEL))
        .agg(
            sum(parcels).as(PARCELS),
            sum(when(col(IS_CROSS_BORDER), parcels).otherwise(lit(0L))).as(CROSS_BORDER_PARCELS),
            sum(when(col(IS_DE_MINIMIS), parcels).otherwise(lit(0L))).as(DE_MINIMIS_PARCELS),
            sum(col(ROW_VALUE_USD)).cast(OutputTables.MONEY).as(DECLARED_VALUE_USD),
            sum(when(col(IS_DE_MINIMIS), col(ROW_VALUE_USD)).otherwise(lit(0))).cast(OutputTables.MONEY)
                .as(DE_MINIMIS_VALUE_USD))
        .join(broadcast(coverage), new String[] {MONTH_START}, "inner")
        .select(
            col(MONTH_START),
            col(PLATFORM_ID),
            col(ORIGIN_COUNTRY),
            col(DESTINATION_COUNTRY),
            col(DESTINATION_REGION),
            col(DESTINATION_JURISDICTION),
            col(FULFILLMENT_MODEL),
            col(PARCELS),
            col(CROSS_BORDER_PARCELS),
            col(DE_MINIMIS_PARCELS),
            col(DECLARED_VALUE_USD),
            col(DE_MINIMIS_VALUE_USD),
            col(DAYS_COVERED));
  }
}
