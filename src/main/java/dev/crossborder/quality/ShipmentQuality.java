package dev.crossborder.quality;

import static dev.crossborder.model.Columns.*;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

import dev.crossborder.conform.DeMinimis;
import dev.crossborder.conform.ShipmentCube;
import dev.crossborder.ingest.ReferenceData;
import dev.crossborder.model.FulfillmentModel;
import dev.crossborder.model.LandingDataset;
import dev.crossborder.model.ReasonCode;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Quality rules of the shipments dataset: parses the text columns, looks codes up in the reference data
 * (broadcast) and flags every row with the reasons it fails (DESIGN.md §4). Row-level work only, but for the
 * duplicate check (see {@link RowFlags#withDuplicateReasons}): a count of shipment_id hashes, then one window
 * over the rows of repeated ids, the only rows shuffled.
 */
public final class ShipmentQuality {
  private ShipmentQuality() {}

  /** Parsed values beside their text; the final select of the conform stage names them. */
  public static final String SHIP_DAY = "_ship_day";
  public static final String VALUE = "_declared_value";
  public static final String PARCEL_COUNT_PARSED = "_parcel_count";
  public static final String WEIGHT = "_weight_kg";
  public static final String ORIGIN_REGION = "_origin_region";
  /** A row stands for at most this many identical parcels; more is taken as a unit or typing error. */
  static final long MAX_PARCELS_PER_ROW = 1_000_000_000L;

  /** Parsed values that tell whether two copies of a shipment_id are the same record. */
  static final List<String> COPY_CONTENT = List.of(SHIPMENT_ID, SHIP_DAY, PLATFORM_ID, ORIGIN_COUNTRY,
      DESTINATION_COUNTRY, FULFILLMENT_MODEL, VALUE, CURRENCY, PARCEL_COUNT_PARSED, WEIGHT);

  /**
   * {@link #flag(SparkSession, Dataset, ReferenceData, LocalDate, int, UnaryOperator)} with as many shuffle
   * partitions as the session's default parallelism, caching nothing: for small inputs read once.
   */
  public static Dataset<Row> flag(SparkSession spark, Dataset<Row> raw, ReferenceData reference, LocalDate runDate) {
    return flag(spark, raw, reference, runDate, spark.sparkContext().defaultParallelism(), FrameCache.NONE);
  }

  /**
   * The shipment rows with their reasons (empty: clean) as entries of {@link ShipmentCube#tally}: the clean
   * rows folded into groups by file and cube keys, every other row an entry of its own with its
   * {@code record}. The row-level rules and the narrowing to what the cube and the quarantine need
   * ({@link ShipmentCube#inputs}) run before the duplicate check moves any row (see
   * {@link RowFlags#withDuplicateReasons}), so the copies it shuffles carry only these columns, the copy
   * content and the text values as read; {@code partitions} bounds that shuffle and {@code cache} keeps the
   * frames the entries are read from.
   */
  public static Dataset<Row> flag(SparkSession spark, Dataset<Row> raw, ReferenceData reference, LocalDate runDate,
      int partitions, UnaryOperator<Dataset<Row>> cache) {
    return flag(spark, raw, reference, runDate, partitions, RowFlags.MAX_BROADCAST_KEYS, cache);
  }

  static Dataset<Row> flag(SparkSession spark, Dataset<Row> raw, ReferenceData reference, LocalDate runDate,
      int partitions, long maxBroadcastKeys, UnaryOperator<Dataset<Row>> cache) {
    List<Column> narrowed = new ArrayList<>(List.of(ShipmentCube.inputs()));
    for (String name : List.of(SHIPMENT_ID, VALUE, CURRENCY, WEIGHT, CORRUPT_RECORD)) {
      narrowed.add(col(name));
    }
    narrowed.addAll(RowFlags.rawValues(LandingDataset.SHIPMENTS.columns()));
    return RowFlags.withDuplicateReasons(raw,
        rows -> rowLevel(spark, rows, reference, runDate).select(narrowed.toArray(Column[]::new)),
        LandingDataset.SHIPMENTS.keyColumns(), COPY_CONTENT, List.of(SHIPMENT_ID, VALUE, CURRENCY, WEIGHT),
        ShipmentCube.tally(), partitions, maxBroadcastKeys, cache);
  }

  /** Every row with its parsed values, reference lookups, de minimis rule and row-level reasons. */
  public static Dataset<Row> rowLevel(SparkSession spark, Dataset<Row> raw, ReferenceData reference,
      LocalDate runDate) {
    LandingDataset shipments = LandingDataset.SHIPMENTS;
    return raw
        .transform(rows -> RowFlags.withRawValues(rows, shipments.columns()))
        .transform(rows -> RowFlags.withTrimmedText(rows, shipments.columns()))
        .transform(ShipmentQuality::withParsedValues)
        .transform(rows -> withReferenceLookups(rows, spark, reference))
        .transform(rows -> DeMinimis.withApplicableRule(rows, spark, reference))
        .transform(rows -> RowFlags.withReasons(rows, rules(reference, runDate)));
  }

  static Dataset<Row> withParsedValues(Dataset<Row> rows) {
    Column wellFormedDate = col(SHIP_DATE).rlike("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
    return rows
        // A cast, not to_date with a pattern: on this exact form they agree (2025-02-30 is null for both), and the
        // cast's own parser is several times cheaper than a java.time formatter.
        .withColumn(SHIP_DAY, when(wellFormedDate, col(SHIP_DATE).try_cast(DataTypes.DateType)))
        .withColumn(MONTH_START, trunc(col(SHIP_DAY), "month"))
        .withColumn(VALUE, col(DECLARED_VALUE).try_cast(GmvQuality.LOCAL_AMOUNT))
        // Optional: an absent parcel_count means one parcel (DESIGN.md §3).
        .withColumn(PARCEL_COUNT_PARSED,
            when(col(PARCEL_COUNT).isNull(), lit(1L)).otherwise(col(PARCEL_COUNT).try_cast(DataTypes.LongType)))
        .withColumn(WEIGHT, col(WEIGHT_KG).try_cast(DataTypes.createDecimalType(18, 6)));
  }

  /**
   * Destination region and customs jurisdiction, origin region (null: unknown country) and the ship month's
   * FX rate (null: missing), by broadcast joins on the small reference frames.
   */
  static Dataset<Row> withReferenceLookups(Dataset<Row> rows, SparkSession spark, ReferenceData reference) {
    Dataset<Row> countries = reference.countriesFrame(spark);
    Dataset<Row> destinations = countries.select(col(COUNTRY_CODE).as("_destination_code"),
        col(REGION).as(DESTINATION_REGION), col(CUSTOMS_JURISDICTION).as(DESTINATION_JURISDICTION));
    Dataset<Row> origins = countries.select(col(COUNTRY_CODE).as("_origin_code"), col(REGION).as(ORIGIN_REGION));
    Dataset<Row> rates = reference.fxRatesFrame(spark)
        .select(col(CURRENCY).as("_rate_currency"), col(MONTH_START).as("_rate_month"), col(USD_PER_UNIT));
    return rows
        .join(broadcast(destinations), col(DESTINATION_COUNTRY).equalTo(col("_destination_code")), "left")
        .join(broadcast(origins), col(ORIGIN_COUNTRY).equalTo(col("_origin_code")), "left")
        .join(broadcast(rates),
            col(CURRENCY).equalTo(col("_rate_currency")).and(col(MONTH_START).equalTo(col("_rate_month"))), "left")
        .drop("_destination_code", "_origin_code", "_rate_currency", "_rate_month");
  }

  /** The row-level rules, in reason order; DUPLICATE and CONFLICTING_DUPLICATE follow, across rows. */
  static List<Rule> rules(ReferenceData reference, LocalDate runDate) {
    Column knownCurrency = col(CURRENCY).isin(reference.currencies().toArray());
    return List.of(
        new Rule(ReasonCode.MALFORMED_RECORD, col(CORRUPT_RECORD).isNotNull()),
        new Rule(ReasonCode.MISSING_REQUIRED, RowFlags.anyMissing(LandingDataset.SHIPMENTS.requiredColumns())),
        new Rule(ReasonCode.BAD_DATE, RowFlags.unparsed(SHIP_DATE, SHIP_DAY)),
        new Rule(ReasonCode.BAD_NUMBER, RowFlags.unparsed(DECLARED_VALUE, VALUE)
            .or(RowFlags.unparsed(PARCEL_COUNT, PARCEL_COUNT_PARSED))
            .or(RowFlags.unparsed(WEIGHT_KG, WEIGHT))
            .or(abs(col(VALUE)).geq(lit(GmvQuality.ABSURD_AMOUNT)))
            // parcel_count >= 1 and weight_kg > 0: zero breaks the rule without being negative
            .or(col(PARCEL_COUNT_PARSED).equalTo(0))
            .or(col(PARCEL_COUNT_PARSED).gt(MAX_PARCELS_PER_ROW))
            .or(col(WEIGHT).equalTo(0))),
        new Rule(ReasonCode.NEGATIVE_VALUE,
            col(VALUE).lt(0).or(col(PARCEL_COUNT_PARSED).lt(0)).or(col(WEIGHT).lt(0))),
        new Rule(ReasonCode.UNKNOWN_PLATFORM, col(PLATFORM_ID).isNotNull()
            .and(col(PLATFORM_ID).isin(reference.platformIds().toArray()).unary_$bang())),
        new Rule(ReasonCode.UNKNOWN_COUNTRY,
            col(ORIGIN_COUNTRY).isNotNull().and(col(ORIGIN_REGION).isNull())
                .or(col(DESTINATION_COUNTRY).isNotNull().and(col(DESTINATION_REGION).isNull()))),
        new Rule(ReasonCode.UNKNOWN_CURRENCY, col(CURRENCY).isNotNull().and(knownCurrency.unary_$bang())),
        new Rule(ReasonCode.FX_RATE_MISSING,
            knownCurrency.and(col(MONTH_START).isNotNull()).and(col(USD_PER_UNIT).isNull())
                .or(DeMinimis.ruleRateMissing())),
        new Rule(ReasonCode.UNKNOWN_FULFILLMENT_MODEL, col(FULFILLMENT_MODEL).isNotNull()
            .and(col(FULFILLMENT_MODEL).isin(FulfillmentModel.codes().toArray()).unary_$bang())),
        new Rule(ReasonCode.DATE_OUT_OF_RANGE, col(SHIP_DAY).lt(lit(Date.valueOf(GmvQuality.EARLIEST_DATE)))
            .or(col(SHIP_DAY).gt(lit(Date.valueOf(runDate))))));
  }
}
