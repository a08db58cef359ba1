package dev.crossborder.shims;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.Map;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.CreateTableWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * The calls whose API differs between the Spark lines this project builds for, on the 4.x lines (4.0, 4.1, 4.2).
 * Each line's build compiles one copy of this class (src/main/shims/&lt;line&gt;/java); the flow calls only these.
 */
public final class SparkShims {
  private SparkShims() {}

  /** {@code value} cast to {@code type}, null where the value does not convert (instead of an error). */
  public static Column tryCast(Column value, DataType type) {
    return value.try_cast(type);
  }

  /** {@code writer} with the table partitioned by {@code columns} (at least one). */
  public static <T> CreateTableWriter<T> partitionedBy(CreateTableWriter<T> writer, List<Column> columns) {
    return writer.partitionedBy(columns.get(0), columns.subList(1, columns.size()).toArray(Column[]::new));
  }

  /**
   * JSON Lines {@code files} read with {@code schema} and the reader {@code options}, each row with the path of its
   * file in {@code sourceFileColumn}. A string column read from a JSON number keeps the number's text exactly.
   */
  public static Dataset<Row> readJsonLines(SparkSession spark, StructType schema, Map<String, String> options,
      List<String> files, String sourceFileColumn) {
    return spark.read().schema(schema).options(options).json(files.toArray(String[]::new))
        .withColumn(sourceFileColumn, col("_metadata.file_path"));
  }

  /** The error condition (formerly error class) of a Spark error, e.g. {@code TABLE_OR_VIEW_NOT_FOUND}; or null. */
  public static String errorCondition(SparkThrowable error) {
    return error.getCondition();
  }
}
