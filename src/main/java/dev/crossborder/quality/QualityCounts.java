package dev.crossborder.quality;

import dev.crossborder.model.Expectation;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a dataset's rows went: read = clean + quarantined, with the count of each reason code (a row with
 * two reasons counts under both), and what each of its expectations found.
 */
public record QualityCounts(String dataset, long rowsRead, long rowsClean, long rowsQuarantined,
    Map<String, Long> reasons, List<ExpectationCount> expectations) {

  /** An expectation's rows: evaluated (those that passed every row-level rule) and failing its condition. */
  public record ExpectationCount(Expectation expectation, long rowsEvaluated, long rowsFailing) {
    public double failingRatio() {
      return rowsEvaluated == 0 ? 0 : (double) rowsFailing / rowsEvaluated;
    }

    /** Whether a {@code fail} expectation failed more rows than its max_ratio allows. */
    public boolean failsTheRun() {
      return expectation.action() == Expectation.Action.FAIL && rowsFailing > 0
          && failingRatio() > expectation.maxRatio();
    }
  }

  /**
   * One rule of a run in the shape every rule is reported in: a built-in reason code or an expectation, its action
   * (built-in rules quarantine), rows it was evaluated on and rows that failed it.
   */
  public record RuleCount(String rule, String kind, String action, long rowsEvaluated, long rowsFailing) {}

  public QualityCounts {
    reasons = Collections.unmodifiableMap(new TreeMap<>(reasons));
    expectations = List.copyOf(expectations);
  }

  public QualityCounts(String dataset, long rowsRead, long rowsClean, long rowsQuarantined,
      Map<String, Long> reasons) {
    this(dataset, rowsRead, rowsClean, rowsQuarantined, reasons, List.of());
  }

  public double quarantinedRatio() {
    return rowsRead == 0 ? 0 : (double) rowsQuarantined / rowsRead;
  }

  /**
   * Every rule of the dataset: the built-in reason codes that quarantined rows (evaluated on every row read), then
   * the expectations in the file's order, whether or not any row failed them.
   */
  public List<RuleCount> rules() {
    List<RuleCount> rules = new java.util.ArrayList<>();
    reasons.forEach((code, rows) -> {
      if (!code.startsWith(Expectation.REASON_PREFIX)) {
        rules.add(new RuleCount(code, "built-in", Expectation.Action.QUARANTINE.word(), rowsRead, rows));
      }
    });
    for (ExpectationCount count : expectations) {
      rules.add(new RuleCount(count.expectation().name(), "expectation", count.expectation().action().word(),
          count.rowsEvaluated(), count.rowsFailing()));
    }
    return rules;
  }
}
