package dev.crossborder.quality;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a dataset's rows went: read = clean + quarantined, with the count of each reason code (a row with
 * two reasons counts under both).
 */
public record QualityCounts(String dataset, long rowsRead, long rowsClean, long rowsQuarantined,
    Map<String, Long> reasons) {

  public QualityCounts {
    reasons = Collections.unmodifiableMap(new TreeMap<>(reasons));
  }

  public double quarantinedRatio() {
    return rowsRead == 0 ? 0 : (double) rowsQuarantined / rowsRead;
  }
}
