package dev.crossborder.config;

import dev.crossborder.model.AnomalyThresholds;
import dev.crossborder.model.JobException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.UUID;

/**
 * Everything one run needs to know, validated once.
 *
 * @param input landing folder (local path or Hadoop URI)
 * @param output output folder (local path or Hadoop URI)
 * @param format table format of the published output
 * @param maxQuarantineRatio a dataset whose quarantined share exceeds this fails the run (exit 3)
 * @param policyWindowMonths whole months compared before and after a de minimis rule change
 * @param anomalies thresholds of the KPI anomaly rules
 * @param runId id stamped on every published row
 * @param runDate the run's date (UTC): dates after it are out of range
 * @param incremental read only the landing files that are new or changed since the output's last run
 * @param scenarios the policy scenarios file ({@code --scenarios}), or null for reference/policy_scenarios.csv of
 *     the input when present
 * @param expectations the expectations file ({@code --expectations}), or null for reference/expectations.csv of the
 *     input when present
 */
public record JobConfig(
    String input,
    String output,
    OutputFormat format,
    double maxQuarantineRatio,
    int policyWindowMonths,
    AnomalyThresholds anomalies,
    String runId,
    LocalDate runDate,
    boolean incremental,
    String scenarios,
    String expectations) {

  /** A run with the input's own policy scenarios, if any. */
  public JobConfig(String input, String output, OutputFormat format, double maxQuarantineRatio,
      int policyWindowMonths, AnomalyThresholds anomalies, String runId, LocalDate runDate, boolean incremental) {
    this(input, output, format, maxQuarantineRatio, policyWindowMonths, anomalies, runId, runDate, incremental, null,
        null);
  }

  /** The anomaly thresholds of the option defaults. */
  public static final AnomalyThresholds DEFAULT_ANOMALIES = new AnomalyThresholds(
      Double.parseDouble(JobOptions.ANOMALY_SHARE_PP_DEFAULT), Double.parseDouble(JobOptions.ANOMALY_YOY_MARGIN_PP_DEFAULT));

  private static final DateTimeFormatter RUN_ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  public JobConfig {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(anomalies, "anomalies");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(runDate, "runDate");
    if (input.isBlank()) {
      throw JobException.input("Missing " + JobOptions.INPUT + ": give the landing folder, e.g. --input datasets/sample");
    }
    if (output.isBlank()) {
      throw JobException.input("Missing " + JobOptions.OUTPUT + ": give the output folder, e.g. --output output");
    }
    if (!(maxQuarantineRatio >= 0 && maxQuarantineRatio <= 1)) {
      throw JobException.input(JobOptions.MAX_QUARANTINE_RATIO + " must be between 0 and 1, got " + maxQuarantineRatio);
    }
    if (policyWindowMonths < 1 || policyWindowMonths > 24) {
      throw JobException.input(
          JobOptions.POLICY_WINDOW_MONTHS + " must be between 1 and 24, got " + policyWindowMonths);
    }
    if (!(anomalies.sharePp() > 0) || !(anomalies.yoyMarginPp() > 0)) {
      throw JobException.input(JobOptions.ANOMALY_SHARE_PP + " and " + JobOptions.ANOMALY_YOY_MARGIN_PP
          + " must be positive numbers of percentage points");
    }
    if (!runId.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw JobException.input(JobOptions.RUN_ID + " may hold only letters, digits, '_', '.' and '-' (at most 64)");
    }
  }

  /** A run id that sorts by start time and stays unique across concurrent starts. */
  public static String newRunId(Instant startedAt) {
    return RUN_ID_TIME.format(startedAt) + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
