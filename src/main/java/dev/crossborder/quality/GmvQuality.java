package dev.crossborder.quality;

import static dev.crossborder.model.Columns.*;
import static dev.crossborder.shims.SparkShims.tryCast;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.crossborder.ingest.ReferenceData;
import dev.crossborder.model.Expectation;
import dev.crossborder.model.LandingDataset;
import dev.crossborder.model.ParsedColumns;
import dev.crossborder.model.ReasonCode;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * Quality rules of the GMV dataset: parses the text columns, looks codes up in the reference data and flags
 * every row with the reasons it fails (DESIGN.md §4).
 */
public final class GmvQuality {
  private GmvQuality() {}

  /**
   * Local-currency amounts (gmv, declared_value) in the job: below 10^16 with 6 decimals, so that rounding
   * happens once, in USD. Times a rate ({@link ReferenceData#RATE_TYPE}, DECIMAL(15,12)) that is
   * DECIMAL(22 + 15 + 1, 6 + 12) = DECIMAL(38,18): Spark's widest decimal, so Spark never has to cut the scale
   * of the product (above 38 digits it does: DECIMAL(24,6) x DECIMAL(24,12) would be DECIMAL(38,7), rounded at
   * the 7th decimal before the cent) and a USD value is exact until its one rounding. 10^16 units of the
   * weakest currencies (IRR, VND) is still billions of USD, more than a platform sells in a country in a month.
   * The published gmv_local stays decimal(24,6) ({@code OutputTables.LOCAL_AMOUNT}).
   */
  public static final DecimalType LOCAL_AMOUNT = DataTypes.createDecimalType(22, 6);
  /**
   * From here an amount is taken as a unit error (BAD_NUMBER): the first that {@link #LOCAL_AMOUNT} cannot hold,
   * so its cast fails already; the rule states the bound where the reasons are.
   */
  static final BigDecimal ABSURD_AMOUNT = new BigDecimal("1e16");
  /** The earliest month any analysis here goes back to. */
  public static final LocalDate EARLIEST_DATE = LocalDate.of(2000, 1, 1);

  /** Flags every GMV row with its reasons (empty: clean), caching nothing: for rows read once. */
  public static Dataset<Row> flag(SparkSession spark, Dataset<Row> raw, ReferenceData reference, LocalDate runDate) {
    return flag(spark, raw, reference, runDate, FrameCache.NONE);
  }

  /**
   * Flags every GMV row with its reasons (empty: clean); quarantined rows get their {@code record}.
   * {@code cache} keeps the frames the rows are read from (see {@link RowFlags#withDuplicateReasons}).
   */
  public static Dataset<Row> flag(SparkSession spark, Dataset<Row> raw, ReferenceData reference, LocalDate runDate,
      UnaryOperator<Dataset<Row>> cache) {
    return flag(spark, raw, reference, runDate, List.of(), Map.of(), cache);
  }

  /**
   * As {@link #flag(SparkSession, Dataset, ReferenceData, LocalDate, UnaryOperator)}, with the flags of
   * {@code expectations} over {@code expectationColumns} (see {@link ExpectationFlags#withFlags}).
   */
  public static Dataset<Row> flag(SparkSession spark, Dataset<Row> raw, ReferenceData reference, LocalDate runDate,
      List<Expectation> expectations, Map<String, Column> expectationColumns, UnaryOperator<Dataset<Row>> cache) {
    LandingDataset gmv = LandingDataset.GMV;
    return RowFlags.withDuplicateReasons(raw,
        rows -> rows
            .transform(r -> RowFlags.withRawValues(r, gmv.columns()))
            .transform(r -> RowFlags.withTrimmedText(r, gmv.columns()))
            .transform(GmvQuality::withParsedValues)
            .transform(r -> withReferenceLookups(r, spark, reference))
            .transform(r -> RowFlags.withReasons(r, rules(reference, runDate)))
            .transform(r -> ExpectationFlags.withFlags(r, expectations, expectationColumns)),
        gmv.keyColumns(),
        List.of(PLATFORM_ID, COUNTRY_CODE, MONTH_START, GMV_LOCAL, CURRENCY, ParsedColumns.ORDERS, SOURCE),
        // One pass (no hash count first): GMV has a row per platform, country and month, never many.
        List.of(), Tally.EACH_ROW, spark.sparkContext().defaultParallelism(), 0, cache);
  }

  static Dataset<Row> withParsedValues(Dataset<Row> rows) {
    Column wellFormedMonth = col(MONTH).rlike("^[0-9]{4}-[0-9]{2}$");
    return rows
        // As ShipmentQuality parses ship dates: a cast of the exact form yyyy-MM-dd.
        .withColumn(MONTH_START, when(wellFormedMonth, tryCast(concat(col(MONTH), lit("-01")), DataTypes.DateType)))
        .withColumn(GMV_LOCAL, tryCast(col(GMV), LOCAL_AMOUNT))
        .withColumn(ParsedColumns.ORDERS, tryCast(col(ORDERS), DataTypes.LongType));
  }

  /** Region (null for an unknown country) and the month's FX rate (null when missing), by broadcast joins. */
  static Dataset<Row> withReferenceLookups(Dataset<Row> rows, SparkSession spark, ReferenceData reference) {
    Dataset<Row> regions = reference.countriesFrame(spark).select(col(COUNTRY_CODE), col(REGION));
    Dataset<Row> rates = reference.fxRatesFrame(spark);
    return rows
        .join(broadcast(regions), rows.col(COUNTRY_CODE).equalTo(regions.col(COUNTRY_CODE)), "left")
        .drop(regions.col(COUNTRY_CODE))
        .join(broadcast(rates),
            rows.col(CURRENCY).equalTo(rates.col(CURRENCY)).and(rows.col(MONTH_START).equalTo(rates.col(MONTH_START))),
            "left")
        .drop(rates.col(CURRENCY))
        .drop(rates.col(MONTH_START));
  }

  /** The row-level rules, in reason order; DUPLICATE and CONFLICTING_DUPLICATE follow, across rows. */
  static List<Rule> rules(ReferenceData reference, LocalDate runDate) {
    Column knownCurrency = col(CURRENCY).isin(reference.currencies().toArray());
    Column lastAllowedMonth = lit(Date.valueOf(runDate.withDayOfMonth(1)));
    return List.of(
        new Rule(ReasonCode.MALFORMED_RECORD, col(CORRUPT_RECORD).isNotNull()),
        new Rule(ReasonCode.MISSING_REQUIRED, RowFlags.anyMissing(LandingDataset.GMV.requiredColumns())),
        new Rule(ReasonCode.BAD_DATE, RowFlags.unparsed(MONTH, MONTH_START)),
        new Rule(ReasonCode.BAD_NUMBER, RowFlags.unparsed(GMV, GMV_LOCAL)
            .or(RowFlags.unparsed(ORDERS, ParsedColumns.ORDERS))
            .or(abs(col(GMV_LOCAL)).geq(lit(ABSURD_AMOUNT)))),
        new Rule(ReasonCode.NEGATIVE_VALUE, col(GMV_LOCAL).lt(0).or(col(ParsedColumns.ORDERS).lt(0))),
        new Rule(ReasonCode.UNKNOWN_PLATFORM, col(PLATFORM_ID).isNotNull()
            .and(col(PLATFORM_ID).isin(reference.platformIds().toArray()).unary_$bang())),
        new Rule(ReasonCode.UNKNOWN_COUNTRY, col(COUNTRY_CODE).isNotNull().and(col(REGION).isNull())),
        new Rule(ReasonCode.UNKNOWN_CURRENCY, col(CURRENCY).isNotNull().and(knownCurrency.unary_$bang())),
        new Rule(ReasonCode.FX_RATE_MISSING,
            knownCurrency.and(col(MONTH_START).isNotNull()).and(col(USD_PER_UNIT).isNull())),
        new Rule(ReasonCode.DATE_OUT_OF_RANGE,
            col(MONTH_START).lt(lit(Date.valueOf(EARLIEST_DATE))).or(col(MONTH_START).gt(lastAllowedMonth))));
  }
}
