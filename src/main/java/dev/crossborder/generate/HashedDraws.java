package dev.crossborder.generate;

import static org.apache.spark.sql.functions.cos;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.shiftrightunsigned;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * Random draws as column expressions: each is a pure function of (seed, key, draw), hashed with xxhash64, so
 * a row's values do not depend on the partition it lands in. ({@code rand(seed)} is seeded per partition:
 * its values change with the partition count.)
 */
final class HashedDraws {
  /** What a draw is for. Append only: the ordinal is hashed, so reordering would change every generated row. */
  enum Draw {
    DAY,
    PLATFORM,
    DESTINATION,
    FULFILMENT,
    FULFILMENT_SHIFT,
    SHIFT_TARGET,
    ORIGIN,
    CURRENCY,
    FORMAL_ENTRY,
    VALUE_RADIUS,
    VALUE_ANGLE,
    PARCELS,
    PARCELS_TAIL,
    WEIGHT_RADIUS,
    WEIGHT_ANGLE,
    PAIR_IS_BAD,
    PAIR_BAD_KIND,
    BAD_DETAIL
  }

  private static final double TWO_POW_MINUS_53 = 1.0 / (1L << 53);
  /** Normal draws are cut at 4.5 standard deviations: no absurd value from a one-in-a-million tail. */
  private static final double NORMAL_LIMIT = 4.5;

  private final long seed;

  HashedDraws(long seed) {
    this.seed = seed;
  }

  /** Uniform in [0, 1): the top 53 bits of xxhash64(seed, key, draw) as a double's mantissa. */
  Column uniform(Column key, Draw draw) {
    Column bits = shiftrightunsigned(xxhash64(lit(seed), key, lit(draw.ordinal())), 11);
    return bits.cast(DataTypes.DoubleType).multiply(TWO_POW_MINUS_53);
  }

  /** Standard normal by Box-Muller from two independent uniforms in [0, 1), cut at +-4.5. */
  static Column normal(Column radiusUniform, Column angleUniform) {
    // 1 - u lies in (0, 1], so the logarithm is finite.
    Column radius = sqrt(log(lit(1.0).minus(radiusUniform)).multiply(-2.0));
    Column z = radius.multiply(cos(angleUniform.multiply(2 * Math.PI)));
    return greatest(lit(-NORMAL_LIMIT), least(lit(NORMAL_LIMIT), z));
  }

  /** Slots of a pick table: weights are resolved to 0.01 %, finer than any calibrated share. */
  static final int SLOTS = 10_000;

  /**
   * An inverse-CDF table of the weights: {@link #SLOTS} indexes (0-based) into {@code keys}, each key in as
   * many slots as its share of the total (largest remainder, so the slots add up exactly).
   */
  static int[] table(Map<String, Double> weights, List<String> keys) {
    List<String> weighted = List.copyOf(weights.keySet());
    long[] slots = largestRemainder(SLOTS, weights.values().stream().mapToDouble(Double::doubleValue).toArray());
    int[] table = new int[SLOTS];
    int next = 0;
    for (int k = 0; k < weighted.size(); k++) {
      for (long s = 0; s < slots[k]; s++) {
        table[next++] = keys.indexOf(weighted.get(k));
      }
    }
    return table;
  }

  /**
   * One of the keys, each with probability proportional to its weight, chosen by the uniform {@code u}: two
   * array lookups in literal tables (a CASE branch per key made the generated code too long to be JIT-compiled).
   */
  static Column pick(Column u, Map<String, Double> weights) {
    List<String> keys = List.copyOf(weights.keySet());
    return element_at(lit(keys.toArray(String[]::new)), element_at(lit(table(weights, keys)), slot(u)).plus(1));
  }

  /** As {@link #pick(Column, Map)}, with the weights of row {@code row} (1-based) of {@code weightsByRow}. */
  static Column pick(Column u, Column row, List<Map<String, Double>> weightsByRow) {
    List<String> keys = weightsByRow.stream().flatMap(w -> w.keySet().stream()).distinct().toList();
    int[][] tables = weightsByRow.stream().map(w -> table(w, keys)).toArray(int[][]::new);
    Column index = element_at(element_at(lit(tables), row), slot(u));
    return element_at(lit(keys.toArray(String[]::new)), index.plus(1));
  }

  private static Column slot(Column u) {
    return floor(u.multiply(SLOTS)).cast(DataTypes.IntegerType).plus(1);
  }

  /** Splits {@code total} by {@code weights} into whole parts that add up to it exactly; ties go to the lower index. */
  static long[] largestRemainder(long total, double[] weights) {
    double sum = Arrays.stream(weights).sum();
    if (!(sum > 0)) {
      throw new IllegalArgumentException("no weights to split by");
    }
    long[] parts = new long[weights.length];
    double[] remainders = new double[weights.length];
    long assigned = 0;
    for (int i = 0; i < weights.length; i++) {
      double exact = total * (weights[i] / sum);
      parts[i] = (long) Math.floor(exact);
      remainders[i] = exact - parts[i];
      assigned += parts[i];
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < weights.length; i++) {
      order.add(i);
    }
    order.sort(Comparator.<Integer>comparingDouble(i -> -remainders[i]).thenComparing(i -> i));
    for (long left = total - assigned, k = 0; k < left; k++) {
      parts[order.get((int) (k % weights.length))]++;
    }
    return parts;
  }
}
