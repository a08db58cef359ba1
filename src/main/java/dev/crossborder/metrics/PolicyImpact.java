package dev.crossborder.metrics;

import static dev.crossborder.model.Columns.*;
import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

import dev.crossborder.model.Grain;
import dev.crossborder.model.OriginScope;
import dev.crossborder.model.OutputTables;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Gold {@code policy_impact}: for each de minimis threshold change, parcels to that jurisdiction in the
 * {@code window_months} whole months before the event month against the same count after it (the event
 * month itself left out), per platform and for ALL. Cross-border and de minimis parcels count the origins
 * the rule covers; the local share is over all parcels to the jurisdiction. A side of the window that the
 * shipment data does not cover completely is null, not a partial sum.
 */
public final class PolicyImpact {
  private PolicyImpact() {}

  private static final String EVENT_MONTH = "_event_month";
  private static final String BEFORE = "_before";
  private static final String LOCAL_PARCELS = "_local_parcels";
  private static final String IN_SCOPE = "_in_scope";

  /** From the silver cube and {@code ReferenceData.policyEventsFrame}; columns in contract order, run_id aside. */
  public static Dataset<Row> compute(Dataset<Row> cube, Dataset<Row> events, int windowMonths) {
    Dataset<Row> windows = events.withColumn(EVENT_MONTH, trunc(col(EFFECTIVE_DATE), "month"));
    Column inWindow = col(MONTH_START).geq(add_months(col(EVENT_MONTH), -windowMonths))
        .and(col(MONTH_START).leq(add_months(col(EVENT_MONTH), windowMonths)))
        .and(col(MONTH_START).notEqual(col(EVENT_MONTH)));

    Dataset<Row> monthly = cube
        .withColumn(PLATFORM_ID, explode(array(col(PLATFORM_ID), lit(ALL))))
        .groupBy(col(DESTINATION_JURISDICTION).as(JURISDICTION), col(MONTH_START), col(PLATFORM_ID),
            col(ORIGIN_COUNTRY))
        .agg(
            sum(PARCELS).as(PARCELS),
            sum(CROSS_BORDER_PARCELS).as(CROSS_BORDER_PARCELS),
            sum(DE_MINIMIS_PARCELS).as(DE_MINIMIS_PARCELS),
            sum(when(col(ORIGIN_COUNTRY).equalTo(col(DESTINATION_COUNTRY)), col(PARCELS)).otherwise(lit(0L)))
                .as(LOCAL_PARCELS));

    Column before = col(BEFORE);
    Column after = before.unary_$bang();
    Column inScope = col(IN_SCOPE);
    Dataset<Row> sums = monthly
        .join(broadcast(windows), new String[] {JURISDICTION}, "inner")
        .filter(inWindow)
        .withColumn(BEFORE, col(MONTH_START).lt(col(EVENT_MONTH)))
        .withColumn(IN_SCOPE, col(ORIGIN_SCOPE).equalTo(OriginScope.ANY)
            .or(col(ORIGIN_SCOPE).equalTo(col(ORIGIN_COUNTRY))))
        .groupBy(col(JURISDICTION), col(ORIGIN_SCOPE), col(EFFECTIVE_DATE), col(PLATFORM_ID))
        .agg(
            sumWhen(before.and(inScope), CROSS_BORDER_PARCELS).as(CROSS_BORDER_PARCELS_BEFORE),
            sumWhen(after.and(inScope), CROSS_BORDER_PARCELS).as(CROSS_BORDER_PARCELS_AFTER),
            sumWhen(before.and(inScope), DE_MINIMIS_PARCELS).as(DE_MINIMIS_PARCELS_BEFORE),
            sumWhen(after.and(inScope), DE_MINIMIS_PARCELS).as(DE_MINIMIS_PARCELS_AFTER),
            ShipmentVolumes.ratio(sumWhen(before, LOCAL_PARCELS), sumWhen(before, PARCELS)).as(LOCAL_SHARE_BEFORE),
            ShipmentVolumes.ratio(sumWhen(after, LOCAL_PARCELS), sumWhen(after, PARCELS)).as(LOCAL_SHARE_AFTER));

    Dataset<Row> coverage = completeMonthsPerSide(cube, windows, inWindow, windowMonths);
    Column beforeCovered = col("_before_covered");
    Column afterCovered = col("_after_covered");
    return windows
        .join(sums, new String[] {JURISDICTION, ORIGIN_SCOPE, EFFECTIVE_DATE}, "inner")
        .join(broadcast(coverage), new String[] {JURISDICTION, ORIGIN_SCOPE, EFFECTIVE_DATE}, "left")
        .select(
            col(JURISDICTION),
            col(ORIGIN_SCOPE),
            col(EFFECTIVE_DATE),
            col(PLATFORM_ID),
            // From the reference's working type (DECIMAL(22,6)) to the published one.
            col(THRESHOLD_BEFORE).cast(OutputTables.LOCAL_AMOUNT).as(THRESHOLD_BEFORE),
            col(THRESHOLD_AFTER).cast(OutputTables.LOCAL_AMOUNT).as(THRESHOLD_AFTER),
            col(THRESHOLD_CURRENCY),
            lit(windowMonths).as(WINDOW_MONTHS),
            when(beforeCovered, col(CROSS_BORDER_PARCELS_BEFORE)).as(CROSS_BORDER_PARCELS_BEFORE),
            when(afterCovered, col(CROSS_BORDER_PARCELS_AFTER)).as(CROSS_BORDER_PARCELS_AFTER),
            when(beforeCovered.and(afterCovered), ShipmentVolumes.ratio(col(CROSS_BORDER_PARCELS_AFTER),
                col(CROSS_BORDER_PARCELS_BEFORE)).minus(1)).as(CROSS_BORDER_CHANGE),
            when(beforeCovered, col(DE_MINIMIS_PARCELS_BEFORE)).as(DE_MINIMIS_PARCELS_BEFORE),
            when(afterCovered, col(DE_MINIMIS_PARCELS_AFTER)).as(DE_MINIMIS_PARCELS_AFTER),
            when(beforeCovered, col(LOCAL_SHARE_BEFORE)).as(LOCAL_SHARE_BEFORE),
            when(afterCovered, col(LOCAL_SHARE_AFTER)).as(LOCAL_SHARE_AFTER),
            when(beforeCovered.and(afterCovered), col(LOCAL_SHARE_AFTER).minus(col(LOCAL_SHARE_BEFORE)).multiply(100))
                .as(LOCAL_SHARE_CHANGE_PP));
  }

  private static Column sumWhen(Column condition, String column) {
    return sum(when(condition, col(column)).otherwise(lit(0L))).cast(DataTypes.LongType);
  }

  /** Per event: whether every month of each side of its window has shipment data on every day. */
  private static Dataset<Row> completeMonthsPerSide(Dataset<Row> cube, Dataset<Row> windows, Column inWindow,
      int windowMonths) {
    // The same day-coverage rule as every shipment period, at month grain.
    Dataset<Row> completeMonths = ShipmentsByPeriod.completePeriods(cube)
        .filter(col(PERIOD_GRAIN).equalTo(Grain.MONTH.code()).and(col(ShipmentsByPeriod.PERIOD_COMPLETE)))
        .select(col(PERIOD_START).as(MONTH_START));
    Column isBefore = col(MONTH_START).lt(col(EVENT_MONTH));
    return windows.crossJoin(completeMonths)
        .filter(inWindow)
        .groupBy(col(JURISDICTION), col(ORIGIN_SCOPE), col(EFFECTIVE_DATE))
        .agg(
            count(when(isBefore, lit(1))).equalTo(windowMonths).as("_before_covered"),
            count(when(isBefore.unary_$bang(), lit(1))).equalTo(windowMonths).as("_after_covered"));
  }
}
