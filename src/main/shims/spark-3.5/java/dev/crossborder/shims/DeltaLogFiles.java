package dev.crossborder.shims;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * On the 4.x lines, the data files of a Delta table's latest version read from its log by Delta Kernel. Delta 3.3
 * for Spark 3.5 carries no Kernel: tables of this line are always read through Delta.
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

  /** Always empty on this line: the caller reads the table through Delta. */
  public static Optional<Latest> latest(Configuration hadoopConf, String tablePath) {
    return Optional.empty();
  }
}
