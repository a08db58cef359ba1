package dev.crossborder.conform;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.crossborder.model.Measure;
import java.math.BigDecimal;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * Exact USD sums of the fold as whole cents in two longs. A DECIMAL(38,2) sum costs every row the fold sees a
 * read and a write of its buffer through a {@code BigInteger} (Spark keeps decimals of more than 18 digits as
 * bytes), in scope of the sum or not; a long costs an add. An amount of c cents is carried as {@code high} =
 * c div 10^9 and {@code low} = c mod 10^9, each added up as a long: a group's low sum stays exact up to
 * 9 x 10^9 rows, its high sum up to 9 x 10^27 cents, far beyond DECIMAL(20,2) money (DESIGN.md §5), where the
 * cube's cast to money stops the run as before. The cents are put back together as a DECIMAL(38,2) once per
 * group ({@link #sum}) or per entry ({@link #amount}).
 */
public final class UsdCents {
  private UsdCents() {}

  /** A low part's range: high x UNIT + low cents. */
  static final long UNIT = 1_000_000_000L;
  private static final DecimalType WHOLE_CENTS = DataTypes.createDecimalType(38, 0);
  private static final DecimalType AMOUNT = DataTypes.createDecimalType(38, 2);
  /** Below this many USD a parcel's cents fit a long, with room for the products below. */
  private static final BigDecimal LONG_CENTS_BELOW_USD = new BigDecimal("1E16");

  /** The column of an amount's high part, on a row or an entry. */
  public static String high(String amount) {
    return amount + "_cents_high";
  }

  /** The column of an amount's low part, on a row or an entry. */
  public static String low(String amount) {
    return amount + "_cents_low";
  }

  /**
   * The cents of {@code perParcelUsd} (a decimal of 2 decimals) as a long where they fit one with room for
   * {@link #ofParcels}'s products (below 10^16 USD either way, as every real amount is), else null. A column of a
   * projection of its own: {@link #ofParcels} reads it several times, and a decimal product per read would
   * cost what the longs save.
   */
  public static Column longCents(Column perParcelUsd) {
    // Either sign: a quarantined row's value (a negative one, say) is worked out too, and must not overflow.
    return when(functions.abs(perParcelUsd).lt(lit(LONG_CENTS_BELOW_USD)),
        perParcelUsd.multiply(lit(100)).cast(DataTypes.LongType));
  }

  /**
   * {high, low} of {@code perParcelUsd} (a decimal of 2 decimals; null gives nulls; a negative amount, a
   * quarantined row's, is split with its sign, as Spark's div and mod do), whose
   * {@link #longCents} are {@code longCents}, times {@code parcels} (a long, at most 10^9 by the row rules). The
   * parcel's cents c are split first, c = c1 x 10^9 + c0, so that every product fits a long: c x parcels = c1 x
   * parcels x 10^9 + c0 x parcels, c0 x parcels below 10^18. A parcel of 10^16 USD or more (declared values go
   * up to 10^16 units, rates up to 1000 USD per unit) is split by decimal arithmetic, exact as well. A row worth
   * more than 9 x 10^25 USD overflows the high part and stops the run (ANSI arithmetic), as the cube's cast of
   * its sum to money, DECIMAL(20,2), stopped it before.
   */
  public static Column[] ofParcels(Column perParcelUsd, Column longCents, Column parcels) {
    Column fitsLong = longCents.isNotNull();
    Column cents = perParcelUsd.multiply(lit(100));
    Column highOfParcel = when(fitsLong, div(longCents, lit(UNIT))).otherwise(div(cents, lit(UNIT)));
    Column lowOfParcel = when(fitsLong, longCents.mod(lit(UNIT)))
        .otherwise(cents.mod(lit(UNIT)).cast(DataTypes.LongType));
    Column lowTimesParcels = lowOfParcel.multiply(parcels);
    return new Column[] {
        highOfParcel.multiply(parcels).plus(div(lowTimesParcels, lit(UNIT))),
        lowTimesParcels.mod(lit(UNIT))};
  }

  /**
   * {@link #ofParcels} with the {@link #longCents} worked out in the same projection, so its decimal product once
   * per read: for amounts that few rows have (a scenario's duty, only where a parcel loses the exemption).
   */
  public static Column[] ofParcels(Column perParcelUsd, Column parcels) {
    return ofParcels(perParcelUsd, longCents(perParcelUsd), parcels);
  }

  /** The amount of {@code high} and {@code low} parts, DECIMAL(38,2) (null when they are). */
  public static Column amount(Column high, Column low) {
    return high.cast(WHOLE_CENTS).multiply(lit(UNIT)).plus(low).multiply(lit(new BigDecimal("0.01")))
        .cast(AMOUNT);
  }

  /** The aggregate: the amount of the summed parts, DECIMAL(38,2) (null when no row has one). */
  public static Column sum(Column high, Column low) {
    return amount(functions.sum(high), functions.sum(low));
  }

  /**
   * The measure {@code name} of rows with the parts {@code high} and {@code low}: a row's amount, a group's the
   * amount of the summed parts ({@link #sum}), so that the groups' amounts are DECIMAL(38,2) as a decimal sum's
   * would be, at the cost of two long additions a row.
   */
  public static Measure measure(String name, Column high, Column low) {
    return new Measure(name, amount(high, low), sum(high, low));
  }

  /** Integral division (Spark's {@code div}): a long, of longs or of a decimal. */
  private static Column div(Column dividend, Column divisor) {
    return call_function("div", dividend, divisor);
  }
}
