package dev.crossborder.model;

/** Period grains of the gold tables, with the number of months a period spans. */
public enum Grain {
  MONTH("month", 1),
  QUARTER("quarter", 3),
  YEAR("year", 12);

  private final String code;
  private final int months;

  Grain(String code, int months) {
    this.code = code;
    this.months = months;
  }

  /** The value stored in {@code period_grain}. */
  public String code() {
    return code;
  }

  /** Months in one period: the step back to the previous period. */
  public int months() {
    return months;
  }
}
