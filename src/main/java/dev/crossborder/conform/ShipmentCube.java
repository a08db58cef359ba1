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
import dev.crossborder.model.ParsedColumns;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
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
   * shipments folds them into entries whose sums are {@link #partialSums()}.
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

  /** On a row of {@link #withParcelValue}: its {@link #parcelValueUsd}, and its cents as a long where they fit. */
  private static final String PARCEL_VALUE_USD = "_parcel_value_usd";
  private static final String PARCEL_CENTS = "_parcel_cents";

  /**
   * {@code rows} (with their parsed value and rate) with the USD value of one parcel and its
   * {@link UsdCents#longCents}, each a projection of its own: {@link #inputs} reads them several times.
   */
  public static Dataset<Row> withParcelValue(Dataset<Row> rows) {
    return rows.withColumn(PARCEL_VALUE_USD, parcelValueUsd())
        .withColumn(PARCEL_CENTS, UsdCents.longCents(col(PARCEL_VALUE_USD)));
  }

  /** The USD value of one parcel of the row: value x rate, exact (DECIMAL(38,18)), rounded half up to the cent. */
  public static Column parcelValueUsd() {
    return round(col(ParsedColumns.VALUE).multiply(col(USD_PER_UNIT)), 2);
  }

  /** The cube's keys: {@link #compute} adds up the entries of each combination. */
  public static final List<String> GROUP_KEYS = List.of(MONTH_START, PLATFORM_ID, ORIGIN_COUNTRY,
      DESTINATION_COUNTRY, DESTINATION_REGION, DESTINATION_JURISDICTION, FULFILLMENT_MODEL);

  /**
   * What one row of {@link #inputs} contributes to a group, by name, each added up by {@code sum}: parcels,
   * cross-border and de minimis parcels, the USD sums (each as its two {@link UsdCents} parts).
   * {@link #SHIP_DAYS} is apart, merged by {@link #shipDay}.
   */
  public static Map<String, Column> partialSums() {
    Column parcels = col(ParsedColumns.PARCEL_COUNT);
    Map<String, Column> sums = new LinkedHashMap<>();
    sums.put(PARCELS, parcels);
    sums.put(CROSS_BORDER_PARCELS, when(col(IS_CROSS_BORDER), parcels).otherwise(lit(0L)));
    sums.put(DE_MINIMIS_PARCELS, when(col(IS_DE_MINIMIS), parcels).otherwise(lit(0L)));
    putValueSum(sums, DECLARED_VALUE_USD, part -> part);
    putValueSum(sums, DE_MINIMIS_VALUE_USD, part -> when(col(IS_DE_MINIMIS), part).otherwise(lit(0L)));
    return sums;
  }

  /**
   * Puts the sum {@code name} of the row's USD value as {@code ofPart} makes each of its {@link UsdCents} parts
   * (the value where a condition holds, say).
   */
  static void putValueSum(Map<String, Column> sums, String name, UnaryOperator<Column> ofPart) {
    sums.put(UsdCents.high(name), ofPart.apply(col(ROW_VALUE_HIGH)));
    sums.put(UsdCents.low(name), ofPart.apply(col(ROW_VALUE_LOW)));
  }

  /** The summed amount {@code name} of entries with {@link #putValueSum}'s parts. */
  static Column valueSum(String name) {
    return UsdCents.sum(col(UsdCents.high(name)), col(UsdCents.low(name)));
  }

  /**
   * The ship day of a row as a set of days of its month (bit d for day d), merged by {@code bit_or}: an OR of
   * such sets, then a count of its bits, counts distinct days ({@link #SHIP_DAYS} of an entry).
   */
  public static Column shipDay() {
    return call_function("shiftleft", lit(1L), dayofmonth(col(ParsedColumns.SHIP_DAY)));
  }

  /**
   * The cube from the clean entries of the pass over the shipments (groups of {@link #inputs} with their
   * {@link #partialSums()} and {@link #SHIP_DAYS}): their sums added up
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
            valueSum(DECLARED_VALUE_USD).cast(OutputTables.MONEY).as(DECLARED_VALUE_USD),
            valueSum(DE_MINIMIS_VALUE_USD).cast(OutputTables.MONEY).as(DE_MINIMIS_VALUE_USD))
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
