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

  /**
   * {@code frame}, persisted on disk (lazily: the first action fills it). Not in memory: a dataset's entries
   * grow with its input (every quarantined row is an entry of its own: the shipments' entries of 10 million
   * rows took 120 MB in Spark's in-memory columns, held in the heap until released), and are read a few times,
   * each read from the local disk taking seconds (measured in docs/performance.md).
   */
  @Override
  public Dataset<Row> apply(Dataset<Row> frame) {
    Dataset<Row> persisted = frame.persist(StorageLevel.DISK_ONLY());
    frames.add(persisted);
    return persisted;
  }

  public void release() {
    frames.forEach(Dataset::unpersist);
    frames.clear();
  }
}
