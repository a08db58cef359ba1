package dev.crossborder.quality;

import static dev.crossborder.model.Columns.*;
import static dev.crossborder.shims.SparkShims.tryCast;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

import dev.crossborder.ingest.ReferenceData;
import dev.crossborder.model.FulfillmentModel;
import dev.crossborder.model.LandingDataset;
import dev.crossborder.model.ParsedColumns;
import dev.crossborder.model.ReasonCode;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;

/**
 * Quality rules of the shipments dataset as column builders: parses the text columns, looks codes up in the
 * reference data (broadcast) and states the row-level rules (DESIGN.md §4). It knows nothing of the conform
 * stage; the one pass over the shipments ({@code shipmentpass.ShipmentPass}) puts the two together, with the
 * duplicate check of {@link RowFlags#withDuplicateReasons}.
 */
public final class ShipmentQuality {
  private ShipmentQuality() {}

  /** A row stands for at most this many identical parcels; more is taken as a unit or typing error. */
  static final long MAX_PARCELS_PER_ROW = 1_000_000_000L;

  /** Parsed values that tell whether two copies of a shipment_id are the same record. */
  public static final List<String> COPY_CONTENT = List.of(SHIPMENT_ID, ParsedColumns.SHIP_DAY, PLATFORM_ID,
      ORIGIN_COUNTRY, DESTINATION_COUNTRY, FULFILLMENT_MODEL, ParsedColumns.VALUE, CURRENCY,
      ParsedColumns.PARCEL_COUNT, ParsedColumns.WEIGHT);

  /** The text values as read, trimmed, with the parsed values beside them ({@link ParsedColumns}). */
  public static Dataset<Row> withCheckedText(Dataset<Row> raw) {
    List<String> columns = LandingDataset.SHIPMENTS.columns();
    return raw
        .transform(ShipmentQuality::withTypedValues)
        .transform(rows -> RowFlags.withRawValues(rows, columns, TYPED))
        .transform(rows -> RowFlags.withTrimmedText(rows, columns))
        .transform(ShipmentQuality::withParsedValues);
  }

  private static final List<String> TYPED = LandingDataset.SHIPMENTS.typedColumns();
  private static final DecimalType WEIGHT = DataTypes.createDecimalType(18, 6);

  /**
   * The parsed values ({@link ParsedColumns}) beside the trimmed text; no rule is applied yet. A value the files
   * carry typed ({@link ParsedColumns#typedValue}) is taken as it is where its type holds it exactly: a DATE as
   * the ship date, an integer as the parcel count, a DECIMAL, an integer or a DOUBLE as an amount or a weight (a
   * DOUBLE by its shortest decimal form, as the text of it would be read, not by its binary expansion). A value of
   * any other type (a TIMESTAMP, a FLOAT, a BOOLEAN...) is read from its text, as the same value in a text file
   * would be, so it passes or fails the same rules.
   */
  public static Dataset<Row> withParsedValues(Dataset<Row> raw) {
    Dataset<Row> rows = withTypedValues(raw);
    return rows
        // A cast, not to_date with a pattern: on this exact form they agree (2025-02-30 is null for both), and the
        // cast's own parser is several times cheaper than a java.time formatter.
        .withColumn(ParsedColumns.SHIP_DAY, parsed(rows, SHIP_DATE, DateType.class::isInstance, DataTypes.DateType,
            text -> when(text.rlike("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), tryCast(text, DataTypes.DateType))))
        .withColumn(MONTH_START, trunc(col(ParsedColumns.SHIP_DAY), "month"))
        .withColumn(ParsedColumns.VALUE, parsed(rows, DECLARED_VALUE, ShipmentQuality::isExactNumber,
            GmvQuality.LOCAL_AMOUNT, text -> tryCast(text, GmvQuality.LOCAL_AMOUNT)))
        // Optional: an absent parcel_count means one parcel (DESIGN.md §3).
        .withColumn(ParsedColumns.PARCEL_COUNT, when(present(PARCEL_COUNT).unary_$bang(), lit(1L))
            .otherwise(parsed(rows, PARCEL_COUNT, ShipmentQuality::isInteger, DataTypes.LongType,
                text -> tryCast(text, DataTypes.LongType))))
        .withColumn(ParsedColumns.WEIGHT, parsed(rows, WEIGHT_KG, ShipmentQuality::isExactNumber, WEIGHT,
            text -> tryCast(text, WEIGHT)));
  }

  /** {@code rows} with a null text column for each typed column it lacks (a frame not read by LandingReader). */
  private static Dataset<Row> withTypedValues(Dataset<Row> rows) {
    List<String> names = List.of(rows.columns());
    Dataset<Row> complete = rows;
    for (String column : TYPED) {
      if (!names.contains(ParsedColumns.typedValue(column))) {
        complete = complete.withColumn(ParsedColumns.typedValue(column), lit(null).cast(DataTypes.StringType));
      }
    }
    return complete;
  }

  /** Numbers that become an amount or a weight as they are: the rounding to the contract's scale is the text's. */
  private static boolean isExactNumber(DataType type) {
    return type instanceof DecimalType || isInteger(type) || type instanceof DoubleType;
  }

  private static boolean isInteger(DataType type) {
    return type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType
        || type instanceof LongType;
  }

  /**
   * The value of {@code column} parsed to {@code target}: {@code parse} of its text, or its typed value where the
   * files carry one ({@link ParsedColumns#typedValue}), cast where {@code direct} takes its type, else printed as
   * text and parsed. A typed value the cast cannot hold (an amount beyond the decimal, a NaN) is null, so the
   * rules find it unparsed, as they do its text.
   */
  private static Column parsed(Dataset<Row> rows, String column, Predicate<DataType> direct, DataType target,
      UnaryOperator<Column> parse) {
    DataType typedType = rows.schema().apply(ParsedColumns.typedValue(column)).dataType();
    Column text = col(column);
    Column typed = col(ParsedColumns.typedValue(column));
    if (typedType.equals(DataTypes.StringType)) {
      return parse.apply(text); // no typed values: the reader keeps only other types apart
    }
    if (direct.test(typedType)) {
      return coalesce(typedType.equals(target) ? typed : tryCast(typed, target), parse.apply(text));
    }
    return parse.apply(coalesce(text, typed.cast(DataTypes.StringType)));
  }

  /** True when {@code column} has a value, as text or (a typed column) typed. */
  static Column present(String column) {
    Column text = col(column).isNotNull();
    return TYPED.contains(column) ? text.or(col(ParsedColumns.typedValue(column)).isNotNull()) : text;
  }

  /** True when {@code column} has a value whose {@code parsed} form is null: it did not parse. */
  private static Column unparsed(String column, String parsed) {
    return present(column).and(col(parsed).isNull());
  }

  /**
   * Destination region and customs jurisdiction, origin region (null: unknown country) and the ship month's
   * FX rate (null: missing), by broadcast joins on the small reference frames.
   */
  public static Dataset<Row> withReferenceLookups(Dataset<Row> rows, SparkSession spark, ReferenceData reference) {
    Dataset<Row> countries = reference.countriesFrame(spark);
    Dataset<Row> destinations = countries.select(col(COUNTRY_CODE).as("_destination_code"),
        col(REGION).as(DESTINATION_REGION), col(CUSTOMS_JURISDICTION).as(DESTINATION_JURISDICTION));
    Dataset<Row> origins = countries.select(col(COUNTRY_CODE).as("_origin_code"),
        col(REGION).as(ParsedColumns.ORIGIN_REGION));
    Dataset<Row> rates = reference.fxRatesFrame(spark)
        .select(col(CURRENCY).as("_rate_currency"), col(MONTH_START).as("_rate_month"), col(USD_PER_UNIT));
    return rows
        .join(broadcast(destinations), col(DESTINATION_COUNTRY).equalTo(col("_destination_code")), "left")
        .join(broadcast(origins), col(ORIGIN_COUNTRY).equalTo(col("_origin_code")), "left")
        .join(broadcast(rates),
            col(CURRENCY).equalTo(col("_rate_currency")).and(col(MONTH_START).equalTo(col("_rate_month"))), "left")
        .drop("_destination_code", "_origin_code", "_rate_currency", "_rate_month");
  }

  /**
   * The row-level rules, in reason order; DUPLICATE and CONFLICTING_DUPLICATE follow, across rows.
   * {@code otherRateMissing} holds where a later stage needs a rate the FX table lacks (the de minimis rule's
   * currency in the ship month): FX_RATE_MISSING too, passed in so that these rules know nothing of that stage.
   */
  public static List<Rule> rules(ReferenceData reference, LocalDate runDate, Column otherRateMissing) {
    Column knownCurrency = col(CURRENCY).isin(reference.currencies().toArray());
    return List.of(
        new Rule(ReasonCode.MALFORMED_RECORD, col(CORRUPT_RECORD).isNotNull()),
        new Rule(ReasonCode.MISSING_REQUIRED, LandingDataset.SHIPMENTS.requiredColumns().stream()
            .map(column -> present(column).unary_$bang()).reduce(Column::or).orElseThrow()),
        new Rule(ReasonCode.BAD_DATE, unparsed(SHIP_DATE, ParsedColumns.SHIP_DAY)),
        new Rule(ReasonCode.BAD_NUMBER, unparsed(DECLARED_VALUE, ParsedColumns.VALUE)
            .or(unparsed(PARCEL_COUNT, ParsedColumns.PARCEL_COUNT))
            .or(unparsed(WEIGHT_KG, ParsedColumns.WEIGHT))
            .or(abs(col(ParsedColumns.VALUE)).geq(lit(GmvQuality.ABSURD_AMOUNT)))
            // parcel_count >= 1 and weight_kg > 0: zero breaks the rule without being negative
            .or(col(ParsedColumns.PARCEL_COUNT).equalTo(0))
            .or(col(ParsedColumns.PARCEL_COUNT).gt(MAX_PARCELS_PER_ROW))
            .or(col(ParsedColumns.WEIGHT).equalTo(0))),
        new Rule(ReasonCode.NEGATIVE_VALUE,
            col(ParsedColumns.VALUE).lt(0)
                .or(col(ParsedColumns.PARCEL_COUNT).lt(0))
                .or(col(ParsedColumns.WEIGHT).lt(0))),
        new Rule(ReasonCode.UNKNOWN_PLATFORM, col(PLATFORM_ID).isNotNull()
            .and(col(PLATFORM_ID).isin(reference.platformIds().toArray()).unary_$bang())),
        new Rule(ReasonCode.UNKNOWN_COUNTRY,
            col(ORIGIN_COUNTRY).isNotNull().and(col(ParsedColumns.ORIGIN_REGION).isNull())
                .or(col(DESTINATION_COUNTRY).isNotNull().and(col(DESTINATION_REGION).isNull()))),
        new Rule(ReasonCode.UNKNOWN_CURRENCY, col(CURRENCY).isNotNull().and(knownCurrency.unary_$bang())),
        new Rule(ReasonCode.FX_RATE_MISSING,
            knownCurrency.and(col(MONTH_START).isNotNull()).and(col(USD_PER_UNIT).isNull())
                .or(otherRateMissing)),
        new Rule(ReasonCode.UNKNOWN_FULFILLMENT_MODEL, col(FULFILLMENT_MODEL).isNotNull()
            .and(col(FULFILLMENT_MODEL).isin(FulfillmentModel.codes().toArray()).unary_$bang())),
        new Rule(ReasonCode.DATE_OUT_OF_RANGE,
            col(ParsedColumns.SHIP_DAY).lt(lit(Date.valueOf(GmvQuality.EARLIEST_DATE)))
            .or(col(ParsedColumns.SHIP_DAY).gt(lit(Date.valueOf(runDate))))));
  }
}
