package dev.crossborder.conform;

import static dev.crossborder.model.Columns.*;
import static org.apache.spark.sql.functions.bit_count;
import static org.apache.spark.sql.functions.bit_or;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.crossborder.model.OutputTables;
import dev.crossborder.quality.RowFlags;
import dev.crossborder.quality.ShipmentQuality;
import dev.crossborder.quality.Tally;
import dev.crossborder.quality.Tally.Measure;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
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
  /** On a tally entry: the days of the month its rows were shipped on, bit d for day d. */
  public static final String SHIP_DAYS = "_ship_days";

  /**
   * What the cube and the quarantine need from a shipment row after the row-level rules (the raw record is
   * carried apart, see {@link ShipmentQuality#flag}): its reasons, its file, its cube keys, and, for a row that
   * passed the row-level rules, its cross-border and de minimis flags and the USD value of all its parcels
   * (rounded half up to the cent per parcel, as GMV is per record). A row later found to be a duplicate keeps
   * these values but is not clean, so the cube never sees it. {@link #tally} folds them.
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
   * How the checked shipment rows are kept (see {@link Tally}): the final ones folded by file and cube keys
   * (every entry keeps its file, so the months each file holds can still be told), with the sums the cube
   * adds up and the days of the month they were shipped on (bit d set for day d: an OR of such sets, then a
   * count of its bits, counts distinct days). A quarantined entry keeps its reasons and record; the cube never
   * reads its measures.
   */
  public static Tally tally() {
    Column parcels = col(ShipmentQuality.PARCEL_COUNT_PARSED);
    return Tally.byKeys(
        List.of(REASONS, RECORD, SOURCE_FILE, MONTH_START, PLATFORM_ID, ORIGIN_COUNTRY, DESTINATION_COUNTRY,
            DESTINATION_REGION, DESTINATION_JURISDICTION, FULFILLMENT_MODEL),
        List.of(
            Measure.sum(PARCELS, parcels),
            Measure.sum(CROSS_BORDER_PARCELS, when(col(IS_CROSS_BORDER), parcels).otherwise(lit(0L))),
            Measure.sum(DE_MINIMIS_PARCELS, when(col(IS_DE_MINIMIS), parcels).otherwise(lit(0L))),
            Measure.sum(DECLARED_VALUE_USD, col(ROW_VALUE_USD)),
            Measure.sum(DE_MINIMIS_VALUE_USD, when(col(IS_DE_MINIMIS), col(ROW_VALUE_USD)).otherwise(lit(0))),
            new Measure(SHIP_DAYS,
                call_function("shiftleft", lit(1L), dayofmonth(col(ShipmentQuality.SHIP_DAY))),
                functions::bit_or)));
  }

  /**
   * The cube from the clean entries of {@link ShipmentQuality#flag} (see {@link #tally}): their sums added up
   * by cube keys; {@code days_covered}, the number of days of the month with any clean shipment, is the count
   * of days set in any entry of the month, joined on (small) by month.
   */
  public static Dataset<Row> compute(Dataset<Row> cleanEntries) {
    Dataset<Row> coverage = cleanEntries.groupBy(col(MONTH_START))
        .agg(bit_count(bit_or(col(SHIP_DAYS))).cast(DataTypes.IntegerType).as(DAYS_COVERED));
    return cleanEntries
        .groupBy(col(MONTH_START), col(PLATFORM_ID), col(ORIGIN_COUNTRY), col(DESTINATION_COUNTRY),
            col(DESTINATION_REGION), col(DESTINATION_JURISDICTION), col(FULFILLMENT_MODEL))
        .agg(
            sum(col(PARCELS)).as(PARCELS),
            sum(col(CROSS_BORDER_PARCELS)).as(CROSS_BORDER_PARCELS),
            sum(col(DE_MINIMIS_PARCELS)).as(DE_MINIMIS_PARCELS),
            sum(col(DECLARED_VALUE_USD)).cast(OutputTables.MONEY).as(DECLARED_VALUE_USD),
            sum(col(DE_MINIMIS_VALUE_USD)).cast(OutputTables.MONEY).as(DE_MINIMIS_VALUE_USD))
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
