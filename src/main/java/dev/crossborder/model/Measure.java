package dev.crossborder.model;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * A value that groups of rows are merged into (the entries of the fold over the shipments, say): what one row
 * contributes, {@code ofRow}, which is also the value of a group of that row alone, and the aggregate that
 * merges a group's rows, {@code merged}. The two differ where the aggregate adds up something cheaper than the
 * value itself (USD amounts as whole cents in longs, see conform's {@code UsdCents}).
 */
public record Measure(String name, Column ofRow, Column merged) {
  /** A measure added up by {@code sum}. */
  public static Measure sum(String name, Column ofRow) {
    return new Measure(name, ofRow, functions.sum(ofRow));
  }

  /** A measure of bit sets, merged by {@code bit_or}. */
  public static Measure bitOr(String name, Column ofRow) {
    return new Measure(name, ofRow, functions.bit_or(ofRow));
  }
}
