package dev.crossborder.shims;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.actions.Protocol;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * The data files of a Delta table's latest version, read from its log by Delta Kernel (which Delta 4.x for Spark
 * carries) without a Spark job, for a reader that then reads those Parquet files itself. Empty when a file's rows are
 * not simply its Parquet rows under the table's schema: a reader feature that changes how files are read (column
 * mapping, type widening, ...) or a file with a deletion vector; the caller then reads the table through Delta.
 */
public final class DeltaLogFiles {
  private DeltaLogFiles() {}

  /**
   * The data files of one version of a Delta table, as its log lists them, and that version's schema.
   *
   * @param root the table's folder, qualified
   * @param version the table version the files make up
   * @param schemaJson the table's schema in Spark's JSON form (Delta stores it so)
   * @param partitionColumns the table's partition columns, in order
   * @param files the version's data files
   */
  public record Latest(String root, long version, String schemaJson, List<String> partitionColumns,
      List<DataFile> files) {}

  /** One data file: its qualified path and its partition values as the log gives them (null or "" for null). */
  public record DataFile(String path, Map<String, String> partitionValues) {}

  /**
   * Reader features after which a data file still reads as plain Parquet: they concern the log (checkpoints,
   * vacuum), a Parquet type Spark reads as such, or files that carry none (deletion vectors, checked per file).
   */
  private static final Set<String> PLAIN_PARQUET_FEATURES =
      Set.of("timestampNtz", "v2Checkpoint", "vacuumProtocolCheck", "checkpointProtection", "deletionVectors");
  private static final String COLUMN_MAPPING_MODE = "delta.columnMapping.mode";

  /** The table at {@code tablePath}, or empty when it must be read through Delta (see the class comment). */
  public static Optional<Latest> latest(Configuration hadoopConf, String tablePath) {
    Engine engine = DefaultEngine.create(hadoopConf);
    Snapshot snapshot = Table.forPath(engine, tablePath).getLatestSnapshot(engine);
    Protocol protocol = snapshot.getProtocol();
    boolean plainProtocol = protocol.getMinReaderVersion() == 1 || (protocol.getMinReaderVersion() == 3
        && PLAIN_PARQUET_FEATURES.containsAll(protocol.getReaderFeatures()));
    String mapping = snapshot.getTableProperties().getOrDefault(COLUMN_MAPPING_MODE, "none");
    if (!plainProtocol || !"none".equals(mapping)) {
      return Optional.empty();
    }
    List<DataFile> files = new ArrayList<>();
    Scan scan = snapshot.getScanBuilder().build();
    try (CloseableIterator<FilteredColumnarBatch> batches = scan.getScanFiles(engine)) {
      while (batches.hasNext()) {
        try (CloseableIterator<Row> rows = batches.next().getRows()) {
          while (rows.hasNext()) {
            Row scanFile = rows.next();
            if (InternalScanFileUtils.getDeletionVectorDescriptorFromRow(scanFile) != null) {
              return Optional.empty();
            }
            files.add(new DataFile(InternalScanFileUtils.getAddFileStatus(scanFile).getPath(),
                InternalScanFileUtils.getPartitionValues(scanFile)));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Optional.of(new Latest(snapshot.getPath(), snapshot.getVersion(),
        snapshot.getMetadata().getSchemaString(), snapshot.getPartitionColumnNames(), files));
  }
}
