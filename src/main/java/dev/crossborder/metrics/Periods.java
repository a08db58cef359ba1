package dev.crossborder.metrics;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.quarter;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import dev.crossborder.model.Grain;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/** Column functions for period grains: start, label and the step back to the previous period. */
public final class Periods {
  private Periods() {}

  /** The grain codes as a literal array, to explode one monthly row into its month, quarter and year. */
  public static Column allGrains() {
    return functions.array(Arrays.stream(Grain.values()).map(g -> lit(g.code())).toArray(Column[]::new));
  }

  /** First day of the period of {@code grain} that contains {@code monthStart}. */
  public static Column periodStart(Column grain, Column monthStart) {
    return when(grain.equalTo(Grain.MONTH.code()), monthStart)
        .when(grain.equalTo(Grain.QUARTER.code()), trunc(monthStart, "quarter"))
        .otherwise(trunc(monthStart, "year"));
  }

  /** 2025-07, 2025-Q3 or 2025. */
  public static Column periodLabel(Column grain, Column periodStart) {
    return when(grain.equalTo(Grain.MONTH.code()), date_format(periodStart, "yyyy-MM"))
        .when(grain.equalTo(Grain.QUARTER.code()),
            concat(year(periodStart).cast("string"), lit("-Q"), quarter(periodStart).cast("string")))
        .otherwise(year(periodStart).cast("string"));
  }

  /** Months from one period to the next of the same grain. */
  public static Column monthsPerPeriod(Column grain) {
    return when(grain.equalTo(Grain.MONTH.code()), lit(Grain.MONTH.months()))
        .when(grain.equalTo(Grain.QUARTER.code()), lit(Grain.QUARTER.months()))
        .otherwise(lit(Grain.YEAR.months()));
  }
}
