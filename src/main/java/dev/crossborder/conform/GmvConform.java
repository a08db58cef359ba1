package dev.crossborder.conform;

import static dev.crossborder.model.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.round;

import dev.crossborder.model.OutputTables;
import dev.crossborder.model.ParsedColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Turns clean GMV rows into the silver {@code gmv_monthly} table: typed, in USD, with region. */
public final class GmvConform {
  private GmvConform() {}

  /**
   * USD at the month's average rate, rounded half up to the cent once per record, so every aggregate above
   * is an exact sum of cents. The product of gmv_local (DECIMAL(22,6)) and the rate (DECIMAL(15,12)) is
   * DECIMAL(38,18), exact (see {@code ReferenceData.RATE_TYPE}): {@code round} is the only rounding.
   */
  public static Column gmvUsd() {
    return round(col(GMV_LOCAL).multiply(col(USD_PER_UNIT)), 2).cast(OutputTables.MONEY);
  }

  /**
   * Clean flagged rows (see {@code GmvQuality.flag}) to the gmv_monthly columns, run_id aside; the amount and
   * the rate cast from the job's narrower working types to their published ones.
   */
  public static Dataset<Row> toGmvMonthly(Dataset<Row> cleanRows) {
    return cleanRows.select(
        col(PLATFORM_ID),
        col(COUNTRY_CODE),
        col(REGION),
        col(MONTH_START),
        col(GMV_LOCAL).cast(OutputTables.LOCAL_AMOUNT).as(GMV_LOCAL),
        col(CURRENCY),
        col(USD_PER_UNIT).cast(OutputTables.RATE).as(USD_PER_UNIT),
        gmvUsd().as(GMV_USD),
        col(ParsedColumns.ORDERS).as(ORDERS),
        col(SOURCE_FILE));
  }
}
