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

import dev.crossborder.model.Measure;
import dev.crossborder.model.OutputTables;
import dev.crossborder.model.ParsedColumns;
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
  /** The USD value of all the row's parcels, in the parts of {@link UsdCents}: these columns. */
  public static final String ROW_VALUE_USD = "_row_value_usd";
  public static final String ROW_VALUE_HIGH = UsdCents.high(ROW_VALUE_USD);
  public static final String ROW_VALUE_LOW = UsdCents.low(ROW_VALUE_USD);
  /** On a tally entry: the days of the month its rows were shipped on, bit d for day d. */
  public static final String SHIP_DAYS = "_ship_days";

  /**
   * What the cube and the quarantine need from a shipment row after the row-level rules: its reasons, its file,
   * its cube keys, and, for a row that {@code passes} them, its cross-border and de minimis flags and the USD
   * value of all its parcels (rounded half up to the cent per parcel, as GMV is per record). A row later found
   * to be a duplicate keeps these values but is not clean, so the cube never sees it. The one pass over the
   * shipments folds them into entries of {@link #measures()}.
   */
  public static Column[] inputs(Column passes) {
    // Only rows that pass are valued: a bad row's numbers may not even fit the types.
    // Nothing is rounded but the cent (DESIGN.md §5): value (22,6) x rate (15,12) is DECIMAL(38,18), exact (see
    // ReferenceData.RATE_TYPE); rounded to the cent, DECIMAL(23,2); times parcel_count in whole cents (UsdCents).
    Column[] rowValue = UsdCents.ofParcels(when(passes, col(PARCEL_VALUE_USD)), when(passes, col(PARCEL_CENTS)),
        col(ParsedColumns.PARCEL_COUNT));
    return new Column[] {
        col(REASONS),
        col(SOURCE_FILE),
        col(ParsedColumns.SHIP_DAY),
        col(MONTH_START),
        col(PLATFORM_ID),
        col(ORIGIN_COUNTRY),
        col(DESTINATION_COUNTRY),
        col(DESTINATION_REGION),
        col(DESTINATION_JURISDICTION),
        col(FULFILLMENT_MODEL),
        col(ParsedColumns.PARCEL_COUNT),
        when(passes, DeMinimis.isCrossBorder()).as(IS_CROSS_BORDER),
        when(passes, DeMinimis.isDeMinimis()).as(IS_DE_MINIMIS),
        rowValue[0].as(ROW_VALUE_HIGH),
        rowValue[1].as(ROW_VALUE_LOW)};
  }

  /**
   * On a row of {@link #withParcelValue}: the USD value of one parcel (value x rate, exact, DECIMAL(38,18),
   * rounded half up to the cent), and its cents as a long where they fit.
   */
  public static final String PARCEL_VALUE_USD = "_parcel_value_usd";
  private static final String PARCEL_CENTS = "_parcel_cents";

  /**
   * {@code rows} (with their parsed value and rate) with {@link #PARCEL_VALUE_USD} and its
   * {@link UsdCents#longCents}, each a projection of its own: {@link #inputs}, the scenarios' duty and the
   * expectations read them, several times, and the decimal product is worked out once.
   */
  public static Dataset<Row> withParcelValue(Dataset<Row> rows) {
    return rows.withColumn(PARCEL_VALUE_USD, round(DeMinimis.valueUsd(), 2))
        .withColumn(PARCEL_CENTS, UsdCents.longCents(col(PARCEL_VALUE_USD)));
  }

  /** The cube's keys: {@link #compute} adds up the entries of each combination. */
  public static final List<String> GROUP_KEYS = List.of(MONTH_START, PLATFORM_ID, ORIGIN_COUNTRY,
      DESTINATION_COUNTRY, DESTINATION_REGION, DESTINATION_JURISDICTION, FULFILLMENT_MODEL);

  /**
   * What one row of {@link #inputs} contributes to a group and how a group's rows merge: parcels, cross-border
   * and de minimis parcels and the USD sums, each added up, and {@link #SHIP_DAYS}. An entry's USD sums are
   * DECIMAL(38,2) amounts, added up as {@link UsdCents} parts.
   */
  public static List<Measure> measures() {
    Column parcels = col(ParsedColumns.PARCEL_COUNT);
    return List.of(
        Measure.sum(PARCELS, parcels),
        Measure.sum(CROSS_BORDER_PARCELS, when(col(IS_CROSS_BORDER), parcels).otherwise(lit(0L))),
        Measure.sum(DE_MINIMIS_PARCELS, when(col(IS_DE_MINIMIS), parcels).otherwise(lit(0L))),
        UsdCents.measure(DECLARED_VALUE_USD, col(ROW_VALUE_HIGH), col(ROW_VALUE_LOW)),
        valueWhere(DE_MINIMIS_VALUE_USD, col(IS_DE_MINIMIS)),
        Measure.bitOr(SHIP_DAYS, shipDay()));
  }

  /**
   * The sum {@code name} of the USD value of the rows where {@code condition} holds, 0 where it does not (and
   * null, as {@code sum} gives, for a group of no row with a value).
   */
  static Measure valueWhere(String name, Column condition) {
    return UsdCents.measure(name, when(condition, col(ROW_VALUE_HIGH)).otherwise(lit(0L)),
        when(condition, col(ROW_VALUE_LOW)).otherwise(lit(0L)));
  }

  /**
   * The ship day of a row as a set of days of its month (bit d for day d), merged by {@code bit_or}: an OR of
   * such sets, then a count of its bits, counts distinct days ({@link #SHIP_DAYS} of an entry).
   */
  private static Column shipDay() {
    return call_function("shiftleft", lit(1L), dayofmonth(col(ParsedColumns.SHIP_DAY)));
  }

  /**
   * The cube from the clean entries of the pass over the shipments (groups of {@link #inputs} with their
   * {@link #measures()}): their sums added up
   * by cube keys; {@code days_covered}, the number of days of the month with any clean shipment, is the count
   * of days set in any entry of the month, joined on (small) by month.
   */
  public static Dataset<Row> compute(Dataset<Row> cleanEntries) {
    Dataset<Row> coverage = cleanEntries.groupBy(col(MONTH_START))
        .agg(bit_count(bit_or(col(SHIP_DAYS))).cast(DataTypes.IntegerType).as(DAYS_COVERED));
    return cleanEntries
        .groupBy(GROUP_KEYS.stream().map(functions::col).toArray(Column[]::new))
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
