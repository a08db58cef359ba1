package dev.crossborder.model;

import java.util.Locale;

/**
 * A rule an analyst states about the data (a row of the expectations file): a Spark SQL condition that a good row of
 * {@code dataset} satisfies, over its typed, conformed columns (listed in the README), and what happens to a
 * row that does not. A condition that is NULL for a row counts as failing. Only rows that pass every row-level
 * built-in rule are evaluated.
 *
 * @param maxRatio for {@link Action#FAIL}: the share of evaluated rows that may fail before the run does (0: none)
 * @param at where it was stated, for messages: "reference/expectations.csv line 3"
 */
public record Expectation(String name, LandingDataset dataset, String condition, Action action, double maxRatio,
    String description, String at) {

  /** The reason a row moved to the quarantine by expectation {@code name} carries. */
  public static final String REASON_PREFIX = "EXPECTATION:";

  /** What happens to a row that fails the condition. */
  public enum Action {
    /** The row stays and is counted. */
    WARN,
    /** The row goes to the quarantine with reason {@code EXPECTATION:<name>}. */
    QUARANTINE,
    /** Counted as a warning; past {@code max_ratio} of the evaluated rows, the run fails with exit 3. */
    FAIL;

    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public String reason() {
    return REASON_PREFIX + name;
  }
}
