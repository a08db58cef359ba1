package dev.crossborder.publish;

import dev.crossborder.publish.TableWriter.WrittenTable;
import dev.crossborder.quality.QualityCounts;
import java.time.Instant;
import java.util.List;

/**
 * What a run did: its id and status, where rows went per dataset, the tables written, and the headline
 * figures for the closing summary; {@code refresh} says how the run chose what to read (full rebuild or
 * incremental refresh, and why).
 */
public record RunResult(
    String runId,
    Status status,
    Instant startedAt,
    Instant finishedAt,
    String input,
    String output,
    String format,
    List<QualityCounts> datasets,
    List<WrittenTable> tables,
    List<String> headlines,
    List<String> refresh) {

  /** How a run ended; the run report is written for both. */
  public enum Status {
    SUCCEEDED,
    FAILED_QUALITY
  }
}
