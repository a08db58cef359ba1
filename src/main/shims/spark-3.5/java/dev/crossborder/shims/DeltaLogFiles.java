package dev.crossborder.shims;

import dev.crossborder.publish.DeltaTableFiles;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * On the 4.x lines, the data files of a Delta table's latest version read from its log by Delta Kernel. Delta 3.3
 * for Spark 3.5 carries no Kernel: tables of this line are always read through Delta.
 */
public final class DeltaLogFiles {
  private DeltaLogFiles() {}

  /** Always empty on this line: the caller reads the table through Delta. */
  public static Optional<DeltaTableFiles> latest(Configuration hadoopConf, String tablePath) {
    return Optional.empty();
  }
}
