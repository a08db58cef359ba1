package dev.crossborder.metrics;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.crossborder.model.YoyStatus;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/** Growth between a period and an earlier one, and the status that says when it is not computed. */
public final class Growth {
  private Growth() {}

  /**
   * NO_PRIOR_PERIOD when there is no earlier row, COVERAGE_MISMATCH when the two periods are not covered
   * alike (a gap is never a zero), PRIOR_ZERO when the earlier value is 0, else OK.
   */
  public static Column status(Column prior, Column coverageMatches) {
    return when(prior.isNull(), lit(YoyStatus.NO_PRIOR_PERIOD.name()))
        .when(coverageMatches.unary_$bang(), lit(YoyStatus.COVERAGE_MISMATCH.name()))
        .when(prior.equalTo(0), lit(YoyStatus.PRIOR_ZERO.name()))
        .otherwise(lit(YoyStatus.OK.name()));
  }

  /** {@code current / prior - 1} where {@code status} is OK, else null. */
  public static Column rate(Column status, Column current, Column prior) {
    return when(status.equalTo(YoyStatus.OK.name()),
        current.cast(DataTypes.DoubleType).divide(prior.cast(DataTypes.DoubleType)).minus(1));
  }
}
