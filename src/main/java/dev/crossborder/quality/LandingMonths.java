package dev.crossborder.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import dev.crossborder.model.Columns;
import dev.crossborder.model.LandingDataset;
import dev.crossborder.model.MonthRange;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Which months each landing file holds (by the dataset's own date rule; rows without a valid date hold none):
 * an incremental refresh replaces whole months, so it must know every file that has rows in them.
 */
public final class LandingMonths {
  private LandingMonths() {}

  /** Raw landing rows of {@code dataset} (as {@code LandingReader} gives them) to the months of each file. */
  public static Map<String, MonthRange> ofRawRows(LandingDataset dataset, Dataset<Row> raw, LocalDate runDate) {
    Dataset<Row> trimmed = RowFlags.withTrimmedText(raw, dataset.columns());
    Dataset<Row> parsed = switch (dataset) {
      case GMV -> GmvQuality.withParsedValues(trimmed);
      case SHIPMENTS -> ShipmentQuality.withParsedValues(trimmed);
    };
    return byFile(parsed, runDate);
  }

  /**
   * {@code rows} holding {@code source_file} and {@code month_start} to each file's first and last month
   * among the months a row may be kept for (from {@link GmvQuality#EARLIEST_DATE} to the run date: a row
   * dated 2099 must not make its file span every month); files with no such row are left out. One row per
   * file reaches the driver.
   */
  public static Map<String, MonthRange> byFile(Dataset<Row> rows, LocalDate runDate) {
    Map<String, MonthRange> months = new TreeMap<>();
    Column month = col(Columns.MONTH_START);
    for (Row row : rows
        .filter(month.geq(lit(Date.valueOf(GmvQuality.EARLIEST_DATE))).and(month.leq(lit(Date.valueOf(runDate)))))
        .groupBy(col(Columns.SOURCE_FILE))
        .agg(min(col(Columns.MONTH_START)), max(col(Columns.MONTH_START)))
        .collectAsList()) {
      if (!row.isNullAt(1)) {
        months.put(row.getString(0),
            new MonthRange(((Date) row.get(1)).toLocalDate(), ((Date) row.get(2)).toLocalDate()));
      }
    }
    return months;
  }

  /**
   * The same ranges from the months seen per file (every month a row of the file has, any date): each file's
   * first and last month within the months a row may be kept for; files with none are left out.
   */
  public static Map<String, MonthRange> ranges(Map<String, ? extends Collection<LocalDate>> monthsSeen,
      LocalDate runDate) {
    Map<String, MonthRange> ranges = new TreeMap<>();
    monthsSeen.forEach((file, months) -> {
      List<LocalDate> kept = months.stream()
          .filter(m -> !m.isBefore(GmvQuality.EARLIEST_DATE) && !m.isAfter(runDate)).sorted().toList();
      if (!kept.isEmpty()) {
        ranges.put(file, new MonthRange(kept.get(0), kept.get(kept.size() - 1)));
      }
    });
    return ranges;
  }
}
