package dev.crossborder.publish;

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
 * The data files of one version of a Delta table, as its log lists them, and that version's schema: enough to read
 * the version as plain Parquet without rebuilding the table's state in Spark jobs (seconds in a fresh JVM, most of a
 * one-shot {@code sql} query). Built by the line's {@code DeltaLogFiles} shim only when every file reads as plain
 * Parquet.
 *
 * @param root the table's folder, qualified
 * @param version the table version the files make up
 * @param schemaJson the table's schema in Spark's JSON form (Delta stores it so)
 * @param partitionColumns the table's partition columns, in order
 * @param files the version's data files
 */
public record DeltaTableFiles(String root, long version, String schemaJson, List<String> partitionColumns,
    List<DataFile> files) {

  /** One data file: its qualified path and its partition values as the log gives them (null or "" for null). */
  public record DataFile(String path, Map<String, String> partitionValues) {}

  /** Where Spark, Hive and Delta write the files of a null partition value. */
  private static final String NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__";

  /**
   * The version's rows, columns in the table's order, read as Parquet with the table's schema; empty when a file does
   * not lie in the folder its partition values name (randomised file prefixes, say): Spark takes partition values
   * from the path, so such a table is read through Delta.
   */
  public Optional<Dataset<Row>> rows(SparkSession spark) {
    StructType schema = (StructType) DataType.fromJson(schemaJson);
    if (files.isEmpty()) {
      return Optional.of(spark.createDataFrame(List.of(), schema));
    }
    List<String> paths = new ArrayList<>(files.size());
    for (DataFile file : files) {
      if (!file.path().equals(root + "/" + partitionFolder(file.partitionValues()) + fileName(file.path()))) {
        return Optional.empty();
      }
      paths.add(file.path());
    }
    Dataset<Row> read = spark.read().schema(schema).option("basePath", root).parquet(paths.toArray(String[]::new));
    // Spark appends the partition columns, without their comments: the table's order and comments, as Delta reads it.
    return Optional.of(read.select(Arrays.stream(schema.fields())
        .map(field -> read.col("`" + field.name().replace("`", "``") + "`").as(field.name(), field.metadata()))
        .toArray(Column[]::new)));
  }

  /** "month_start=2025-01-01/" for one partition column, "" for an unpartitioned table. */
  private String partitionFolder(Map<String, String> values) {
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
