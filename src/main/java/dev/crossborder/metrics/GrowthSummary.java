package dev.crossborder.metrics;

import static dev.crossborder.model.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import dev.crossborder.model.Grain;
import dev.crossborder.model.OutputTables;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Gold {@code growth_summary}: compound annual growth of each yearly series from its first complete year to
 * every later complete year. GMV series are platform x geography (a year is complete with 12 months of data);
 * parcel series are parcels and de minimis parcels by destination, all platforms (complete: every day).
 */
public final class GrowthSummary {
  private GrowthSummary() {}

  public static final String METRIC_GMV = "gmv_usd";
  public static final String METRIC_PARCELS = "parcels";
  public static final String METRIC_DE_MINIMIS_PARCELS = "de_minimis_parcels";

  /** OK, or why no CAGR: the first value is 0 (growth from nothing has no rate). */
  public static final String STATUS_OK = "OK";
  public static final String STATUS_FIRST_VALUE_ZERO = "FIRST_VALUE_ZERO";

  private static final List<String> SERIES = List.of(METRIC, GEO_LEVEL, GEO_CODE, PLATFORM_ID);
  private static final String COMPLETE = "_complete";

  /** From {@link GmvByPeriod#compute} and {@link ShipmentsByPeriod#compute}; contract order, run_id aside. */
  public static Dataset<Row> compute(Dataset<Row> gmvByPeriod, Dataset<Row> shipmentsByPeriod) {
    Column isYear = col(PERIOD_GRAIN).equalTo(Grain.YEAR.code());
    Dataset<Row> gmv = gmvByPeriod.filter(isYear)
        .select(lit(METRIC_GMV).as(METRIC), col(GEO_LEVEL), col(GEO_CODE), col(PLATFORM_ID),
            year(col(PERIOD_START)).as(YEAR), col(GMV_USD).cast(OutputTables.MONEY).as(VALUE),
            col(MONTHS_COVERED).equalTo(Grain.YEAR.months()).as(COMPLETE));
    Dataset<Row> allShipments = shipmentsByPeriod
        .filter(isYear.and(col(PLATFORM_ID).equalTo(ALL)).and(col(FULFILLMENT_MODEL).equalTo(ALL)));
    Dataset<Row> parcels = parcelSeries(allShipments, METRIC_PARCELS, PARCELS)
        .unionByName(parcelSeries(allShipments, METRIC_DE_MINIMIS_PARCELS, DE_MINIMIS_PARCELS));
    return compound(gmv.unionByName(parcels).filter(col(COMPLETE)));
  }

  private static Dataset<Row> parcelSeries(Dataset<Row> yearly, String metric, String column) {
    return yearly.select(lit(metric).as(METRIC), col(GEO_LEVEL), col(GEO_CODE), col(PLATFORM_ID),
        year(col(PERIOD_START)).as(YEAR), col(column).cast(OutputTables.MONEY).as(VALUE),
        col(ShipmentsByPeriod.PERIOD_COMPLETE).as(COMPLETE));
  }

  /** Complete years (metric, geo, platform, year, value) to one row per series and later complete year. */
  static Dataset<Row> compound(Dataset<Row> completeYears) {
    Dataset<Row> firsts = completeYears
        .groupBy(SERIES.stream().map(c -> col(c)).toArray(Column[]::new))
        .agg(min(col(YEAR)).as(FIRST_YEAR), min_by(col(VALUE), col(YEAR)).as(FIRST_VALUE));
    Column years = col(YEAR).minus(col(FIRST_YEAR));
    Column firstPositive = col(FIRST_VALUE).gt(0);
    Column ratio = col(VALUE).cast(DataTypes.DoubleType).divide(col(FIRST_VALUE).cast(DataTypes.DoubleType));
    return completeYears
        .join(firsts, SERIES.toArray(String[]::new), "inner")
        .filter(col(YEAR).gt(col(FIRST_YEAR)))
        .select(
            col(METRIC),
            col(GEO_LEVEL),
            col(GEO_CODE),
            col(PLATFORM_ID),
            col(YEAR).as(LAST_YEAR),
            col(FIRST_YEAR),
            col(FIRST_VALUE),
            col(VALUE).as(LAST_VALUE),
            years.cast(DataTypes.IntegerType).as(YEARS),
            when(firstPositive, pow(ratio, lit(1.0).divide(years)).minus(1)).as(CAGR),
            when(firstPositive, lit(STATUS_OK)).otherwise(lit(STATUS_FIRST_VALUE_ZERO)).as(CAGR_STATUS));
  }
}
