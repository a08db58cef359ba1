package dev.crossborder.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import dev.crossborder.model.Columns;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Where a dataset's rows went: read = clean + quarantined, with the count of each reason code (a row with
 * two reasons counts under both).
 */
public record QualityCounts(String dataset, long rowsRead, long rowsClean, long rowsQuarantined,
    Map<String, Long> reasons) {

  public double quarantinedRatio() {
    return rowsRead == 0 ? 0 : (double) rowsQuarantined / rowsRead;
  }

  /**
   * Counts {@code flagged} (rows with {@code reasons}) against {@code rowsRead}, counted on the raw input,
   * and fails when a row was lost or made up on the way.
   */
  public static QualityCounts reconcile(String dataset, long rowsRead, Dataset<Row> flagged) {
    long clean = flagged.filter(RowFlags.isClean()).count();
    long quarantined = flagged.filter(RowFlags.isClean().unary_$bang()).count();
    Map<String, Long> reasons = new TreeMap<>();
    for (Row row : flagged.select(explode(col(Columns.REASONS)).as("reason")).groupBy("reason").count()
        .collectAsList()) {
      reasons.put(row.getString(0), row.getLong(1));
    }
    if (rowsRead != clean + quarantined) {
      throw new IllegalStateException("Reconciliation failed for " + dataset + ": read " + rowsRead + " rows but "
          + clean + " clean + " + quarantined + " quarantined");
    }
    return new QualityCounts(dataset, rowsRead, clean, quarantined, Collections.unmodifiableMap(reasons));
  }
}
