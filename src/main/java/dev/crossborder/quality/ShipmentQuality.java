package dev.crossborder.quality;

import static dev.crossborder.model.Columns.*;
import static dev.crossborder.shims.SparkShims.tryCast;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.broadcast;
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
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

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
        .transform(rows -> RowFlags.withRawValues(rows, columns))
        .transform(rows -> RowFlags.withTrimmedText(rows, columns))
        .transform(ShipmentQuality::withParsedValues);
  }

  /** The parsed values ({@link ParsedColumns}) beside the trimmed text; no rule is applied yet. */
  public static Dataset<Row> withParsedValues(Dataset<Row> rows) {
    Column wellFormedDate = col(SHIP_DATE).rlike("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
    return rows
        // A cast, not to_date with a pattern: on this exact form they agree (2025-02-30 is null for both), and the
        // cast's own parser is several times cheaper than a java.time formatter.
        .withColumn(ParsedColumns.SHIP_DAY, when(wellFormedDate, tryCast(col(SHIP_DATE), DataTypes.DateType)))
        .withColumn(MONTH_START, trunc(col(ParsedColumns.SHIP_DAY), "month"))
        .withColumn(ParsedColumns.VALUE, tryCast(col(DECLARED_VALUE), GmvQuality.LOCAL_AMOUNT))
        // Optional: an absent parcel_count means one parcel (DESIGN.md §3).
        .withColumn(ParsedColumns.PARCEL_COUNT,
            when(col(PARCEL_COUNT).isNull(), lit(1L)).otherwise(tryCast(col(PARCEL_COUNT), DataTypes.LongType)))
        .withColumn(ParsedColumns.WEIGHT, tryCast(col(WEIGHT_KG), DataTypes.createDecimalType(18, 6)));
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
        new Rule(ReasonCode.MISSING_REQUIRED, RowFlags.anyMissing(LandingDataset.SHIPMENTS.requiredColumns())),
        new Rule(ReasonCode.BAD_DATE, RowFlags.unparsed(SHIP_DATE, ParsedColumns.SHIP_DAY)),
        new Rule(ReasonCode.BAD_NUMBER, RowFlags.unparsed(DECLARED_VALUE, ParsedColumns.VALUE)
            .or(RowFlags.unparsed(PARCEL_COUNT, ParsedColumns.PARCEL_COUNT))
            .or(RowFlags.unparsed(WEIGHT_KG, ParsedColumns.WEIGHT))
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
