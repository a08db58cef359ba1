package dev.crossborder.conform;

import static dev.crossborder.model.Columns.*;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.crossborder.ingest.ReferenceData;
import dev.crossborder.model.OriginScope;
import dev.crossborder.model.ParsedColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * De minimis eligibility (DESIGN.md §3): the rule of the destination's customs jurisdiction valid on the
 * ship date, an origin-specific rule beating the '*' rule; eligible when that threshold is above 0 and the
 * declared value, converted at the ship month's rates, does not exceed it. No rule: not eligible.
 */
public final class DeMinimis {
  private DeMinimis() {}

  /** Threshold and currency of the applicable rule, and the rule currency's rate in the ship month. */
  public static final String RULE_THRESHOLD = "_rule_threshold";
  public static final String RULE_CURRENCY = "_rule_currency";
  public static final String RULE_USD_PER_UNIT = "_rule_usd_per_unit";

  /**
   * Adds the applicable rule's threshold, currency and USD rate (all null without a rule). Three broadcast
   * joins on small frames: origin-specific rules, '*' rules, and the rates of the rule currency.
   */
  public static Dataset<Row> withApplicableRule(Dataset<Row> rows, SparkSession spark, ReferenceData reference) {
    Dataset<Row> rules = reference.deMinimisRulesFrame(spark);
    Column anyOrigin = col(ORIGIN_SCOPE).equalTo(OriginScope.ANY);
    Dataset<Row> specific = rules.filter(anyOrigin.unary_$bang()).select(
        col(JURISDICTION).as("_s_jurisdiction"), col(ORIGIN_SCOPE).as("_s_origin"),
        col(VALID_FROM).as("_s_from"), col(VALID_TO).as("_s_to"),
        col(THRESHOLD).as("_s_threshold"), col(CURRENCY).as("_s_currency"));
    Dataset<Row> generic = rules.filter(anyOrigin).select(
        col(JURISDICTION).as("_g_jurisdiction"),
        col(VALID_FROM).as("_g_from"), col(VALID_TO).as("_g_to"),
        col(THRESHOLD).as("_g_threshold"), col(CURRENCY).as("_g_currency"));
    Dataset<Row> rates = reference.fxRatesFrame(spark).select(
        col(CURRENCY).as("_r_currency"), col(MONTH_START).as("_r_month"), col(USD_PER_UNIT).as(RULE_USD_PER_UNIT));
    Column shipDay = col(ParsedColumns.SHIP_DAY);
    Column specificMatch = col(DESTINATION_JURISDICTION).equalTo(col("_s_jurisdiction"))
        .and(col(ORIGIN_COUNTRY).equalTo(col("_s_origin")))
        .and(validOn(shipDay, col("_s_from"), col("_s_to")));
    Column genericMatch = col(DESTINATION_JURISDICTION).equalTo(col("_g_jurisdiction"))
        .and(validOn(shipDay, col("_g_from"), col("_g_to")));
    Column hasSpecific = col("_s_threshold").isNotNull();
    return rows
        .join(broadcast(specific), specificMatch, "left")
        .join(broadcast(generic), genericMatch, "left")
        .withColumn(RULE_THRESHOLD, when(hasSpecific, col("_s_threshold")).otherwise(col("_g_threshold")))
        .withColumn(RULE_CURRENCY, when(hasSpecific, col("_s_currency")).otherwise(col("_g_currency")))
        .join(broadcast(rates), col(RULE_CURRENCY).equalTo(col("_r_currency"))
            .and(col(MONTH_START).equalTo(col("_r_month"))), "left")
        .drop("_s_jurisdiction", "_s_origin", "_s_from", "_s_to", "_s_threshold", "_s_currency",
            "_g_jurisdiction", "_g_from", "_g_to", "_g_threshold", "_g_currency", "_r_currency", "_r_month");
  }

  private static Column validOn(Column day, Column from, Column toExclusive) {
    return day.geq(from).and(toExclusive.isNull().or(day.lt(toExclusive)));
  }

  /**
   * Eligibility cannot be decided: a cross-border parcel under a positive threshold whose currency has no
   * rate in the ship month. (A local parcel, or a threshold of 0, needs no conversion.)
   */
  public static Column ruleRateMissing() {
    return isCrossBorder().and(col(RULE_THRESHOLD).gt(0)).and(col(RULE_USD_PER_UNIT).isNull());
  }

  /**
   * The USD value of one parcel, exact: value (DECIMAL(22,6)) x the ship month's rate (DECIMAL(15,12)) is
   * DECIMAL(38,18), nothing cut. What every threshold is compared with, real or a scenario's.
   */
  public static Column valueUsd() {
    return col(ParsedColumns.VALUE).multiply(col(USD_PER_UNIT));
  }

  public static Column isCrossBorder() {
    return col(ORIGIN_COUNTRY).notEqual(col(DESTINATION_COUNTRY));
  }

  /**
   * value x parcel rate <= threshold x rule rate: both sides in USD, unrounded, which is the comparison in
   * the rule's currency multiplied by a positive rate, so a USD parcel at exactly a USD threshold is eligible.
   * Both products are DECIMAL(38,18) (an amount of DECIMAL(22,6) times a rate of DECIMAL(15,12), see
   * {@link ReferenceData#RATE_TYPE}): exact, and of one type, so the comparison casts neither.
   */
  public static Column isDeMinimis() {
    Column valueUsd = valueUsd();
    Column thresholdUsd = col(RULE_THRESHOLD).multiply(col(RULE_USD_PER_UNIT));
    // No rule (null threshold) means not eligible, never unknown.
    return coalesce(isCrossBorder().and(col(RULE_THRESHOLD).gt(0)).and(valueUsd.leq(thresholdUsd)), lit(false));
  }
}
