package dev.crossborder.publish;

import dev.crossborder.shims.DeltaLogFiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * A version of a Delta table read as plain Parquet from the files its log lists ({@link DeltaLogFiles}, which
 * gives a listing only when every file reads so), without rebuilding the table's state in Spark jobs: seconds in a
 * fresh JVM, most of a one-shot {@code sql} query.
 */
public final class DeltaTableFiles {
  private DeltaTableFiles() {}

  /** Where Spark, Hive and Delta write the files of a null partition value. */
  private static final String NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__";

  /**
   * The rows of the version {@code listed}, columns in the table's order with their comments, read as Parquet with
   * the table's schema; empty when a file does not lie in the folder its partition values name (randomised file
   * prefixes, say): Spark takes partition values from the path, so such a table is read through Delta.
   */
  public static Optional<Dataset<Row>> rows(SparkSession spark, DeltaLogFiles.Latest listed) {
    StructType schema = (StructType) DataType.fromJson(listed.schemaJson());
    if (listed.files().isEmpty()) {
      return Optional.of(spark.createDataFrame(List.of(), schema));
    }
    List<String> paths = new ArrayList<>(listed.files().size());
    for (DeltaLogFiles.DataFile file : listed.files()) {
      String expected = listed.root() + "/" + partitionFolder(listed.partitionColumns(), file.partitionValues())
          + fileName(file.path());
      if (!file.path().equals(expected)) {
        return Optional.empty();
      }
      paths.add(file.path());
    }
    Dataset<Row> read = spark.read().schema(schema).option("basePath", listed.root())
        .parquet(paths.toArray(String[]::new));
    // Spark appends the partition columns, without their comments: the table's order and comments, as Delta reads it.
    return Optional.of(read.select(Arrays.stream(schema.fields())
        .map(field -> read.col("`" + field.name().replace("`", "``") + "`").as(field.name(), field.metadata()))
        .toArray(Column[]::new)));
  }

  /** "month_start=2025-01-01/" for one partition column, "" for an unpartitioned table. */
  private static String partitionFolder(List<String> partitionColumns, Map<String, String> values) {
    StringBuilder folder = new StringBuilder();
    for (String column : partitionColumns) {
      String value = values.get(column);
      folder.append(ExternalCatalogUtils.escapePathName(column)).append('=')
          .append(value == null || value.isEmpty() ? NULL_PARTITION : ExternalCatalogUtils.escapePathName(value))
          .append('/');
    }
    return folder.toString();
  }

  private static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
