package dev.crossborder.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The frames a dataset's check persists (see {@link RowFlags#withDuplicateReasons}), released together when
 * its checked rows are no longer needed. {@link #NONE} persists nothing: for rows read once.
 */
public final class FrameCache implements UnaryOperator<Dataset<Row>> {
  /** Keeps nothing: every action recomputes the rows from the files. */
  public static final UnaryOperator<Dataset<Row>> NONE = UnaryOperator.identity();

  private final List<Dataset<Row>> frames = new ArrayList<>();

  /** {@code frame}, persisted in memory and on disk (lazily: the first action fills it). */
  @Override
  public Dataset<Row> apply(Dataset<Row> frame) {
    Dataset<Row> persisted = frame.persist(StorageLevel.MEMORY_AND_DISK());
    frames.add(persisted);
    return persisted;
  }

  public void release() {
    frames.forEach(Dataset::unpersist);
    frames.clear();
  }
}
