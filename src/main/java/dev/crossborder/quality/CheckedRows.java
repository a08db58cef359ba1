package dev.crossborder.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import dev.crossborder.model.Columns;
import dev.crossborder.model.Expectation;
import dev.crossborder.model.JobException;
import dev.crossborder.model.MonthRange;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;

/**
 * A dataset after its quality rules: its entries with their {@code reasons} (each a landing row, or a group of
 * clean rows folded by the dataset's {@link Tally}; {@link Tally#ROWS} tells how many rows an entry stands
 * for), read from frames persisted so the landing files are scanned once for all their columns (the duplicate
 * check reads the keys once more, alone), and the reconciled counts. Rows read are counted by an observation on
 * the raw scan itself, independently of the clean and quarantined counts, so the reconciliation can catch a
 * lost row.
 */
public record CheckedRows(Dataset<Row> entries, QualityCounts counts, Map<String, Set<LocalDate>> monthsSeen,
    FrameCache cache) {

  private static final String ROWS = "rows";

  /**
   * Applies {@code flag} (rules, then any row-level projection, persisting what it reads more than once with
   * the cache it is given) to {@code raw} and reconciles. Fails with exit 2 when the dataset has no rows at all.
   */
  public static CheckedRows check(String dataset, Dataset<Row> raw,
      BiFunction<Dataset<Row>, UnaryOperator<Dataset<Row>>, Dataset<Row>> flag) {
    return check(dataset, raw, List.of(), flag);
  }

  /**
   * As {@link #check(String, Dataset, BiFunction)}, for entries that carry the flags of {@code expectations}
   * ({@link ExpectationFlags}), which are counted in the same action.
   */
  public static CheckedRows check(String dataset, Dataset<Row> raw, List<Expectation> expectations,
      BiFunction<Dataset<Row>, UnaryOperator<Dataset<Row>>, Dataset<Row>> flag) {
    Observation read = new Observation(dataset + "_read");
    FrameCache cache = new FrameCache();
    Dataset<Row> entries = flag.apply(raw.observe(read, count(lit(1)).as(ROWS)), cache);
    // The first action on the raw scan reports the observation: the duplicate check's count of key hashes.
    // One action for every count: the rows of each distinct list of reasons (the empty one: clean), added up
    // here. There is one list per combination of reasons that occurs, bounded by the codes, not by the rows.
    // Each action on the entries costs a plan and its jobs, seconds on a small input.
    long clean = 0;
    long quarantined = 0;
    Map<String, Long> reasons = new TreeMap<>();
    Map<String, Set<LocalDate>> monthsSeen = new TreeMap<>();
    // By file and month as well: the months each file holds (for --incremental) come with the same action.
    // A file holds few months, so the rows are still bounded by files x months x lists of reasons.
    List<Column> sums = new ArrayList<>(List.of(sum(col(Tally.ROWS))));
    ExpectationFlags.flagColumns(expectations).forEach(flagColumn -> sums.add(sum(flagColumn)));
    long[] expectationRows = new long[sums.size() - 1];
    for (Row row : entries.groupBy(col(Columns.REASONS), col(Columns.SOURCE_FILE), col(Columns.MONTH_START))
        .agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new)).collectAsList()) {
      List<String> codes = row.getList(0);
      long rows = row.getLong(3);
      for (int i = 0; i < expectationRows.length; i++) {
        expectationRows[i] += row.isNullAt(4 + i) ? 0 : row.getLong(4 + i);
      }
      if (codes.isEmpty()) {
        clean += rows;
      } else {
        quarantined += rows;
        codes.forEach(code -> reasons.merge(code, rows, Long::sum));
      }
      if (!row.isNullAt(2)) {
        monthsSeen.computeIfAbsent(row.getString(1), f -> new TreeSet<>()).add(((Date) row.get(2)).toLocalDate());
      }
    }
    Long observedRows = observed(read);
    if (observedRows == null && clean + quarantined > 0) {
      throw new IllegalStateException("Spark reported no row count for " + read.name());
    }
    // No metric at all means the scan produced no partition, hence no row (e.g. header-only files).
    long rowsRead = observedRows == null ? 0 : observedRows;
    if (rowsRead == 0) {
      cache.release();
      throw JobException.input("Cannot read " + dataset + ": its files hold no rows (only headers); put "
          + dataset + " records under --input/" + dataset);
    }
    if (rowsRead != clean + quarantined) {
      throw new IllegalStateException("Reconciliation failed for " + dataset + ": read " + rowsRead
          + " rows but " + clean + " clean + " + quarantined + " quarantined");
    }
    List<QualityCounts.ExpectationCount> expectationCounts = new ArrayList<>();
    for (int i = 0; i < expectations.size(); i++) {
      // expectationRows: the rows evaluated, then each expectation's failing rows (ExpectationFlags.flagColumns)
      expectationCounts.add(new QualityCounts.ExpectationCount(expectations.get(i), expectationRows[0],
          expectationRows[1 + i]));
    }
    return new CheckedRows(entries, new QualityCounts(dataset, rowsRead, clean, quarantined, reasons,
        expectationCounts), monthsSeen, cache);
  }

  public Dataset<Row> clean() {
    return entries.filter(RowFlags.isClean());
  }

  public Dataset<Row> quarantined() {
    return entries.filter(RowFlags.isClean().unary_$bang());
  }

  /** The months each file read holds, keyed by {@code source_file}; see {@link LandingMonths#byFile}. */
  public Map<String, MonthRange> monthsByFile(LocalDate runDate) {
    return LandingMonths.ranges(monthsSeen, runDate);
  }

  public void release() {
    cache.release();
  }

  /** The observed row count, or null when Spark reported none. */
  private static Long observed(Observation observation) {
    try {
      Object rows = observation.getAsJava().get(ROWS);
      return rows == null ? null : ((Number) rows).longValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while counting rows read", e);
    }
  }
}
