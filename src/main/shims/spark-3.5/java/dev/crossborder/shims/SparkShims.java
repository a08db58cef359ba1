package dev.crossborder.shims;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;

import java.util.List;
import java.util.Map;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.CreateTableWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.EvalMode;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * The calls whose API differs between the Spark lines this project builds for, on the 3.5 line (Scala 2.12).
 * Each line's build compiles one copy of this class (src/main/shims/&lt;line&gt;/java); the flow calls only these.
 */
public final class SparkShims {
  private SparkShims() {}

  /**
   * {@code value} cast to {@code type}, null where the value does not convert (instead of an error). Spark 3.5 has
   * the SQL function try_cast but not {@code Column.try_cast}: this is the expression that function builds.
   */
  public static Column tryCast(Column value, DataType type) {
    return new Column(new Cast(value.expr(), type, Option.empty(), EvalMode.TRY()));
  }

  /**
   * {@code writer} with the table partitioned by {@code columns} (at least one). Spark 3.5 declares the method
   * with Scala varargs that Java sees as a {@code Seq}.
   */
  public static <T> CreateTableWriter<T> partitionedBy(CreateTableWriter<T> writer, List<Column> columns) {
    return writer.partitionedBy(columns.get(0), JavaConverters.asScalaBuffer(columns.subList(1, columns.size())).toSeq());
  }

  /**
   * JSON Lines {@code files} read with {@code schema} and the reader {@code options}, each row with the path of its
   * file in {@code sourceFileColumn}. A string column read from a JSON number keeps the number's text exactly, as on
   * Spark 4: Spark 3.5's reader rewrites it through a double, so each line's numbers are quoted first (a function
   * over the line, for JSON landings on this line only) and the line then parsed as the reader would.
   */
  public static Dataset<Row> readJsonLines(SparkSession spark, StructType schema, Map<String, String> options,
      List<String> files, String sourceFileColumn) {
    Column quoted = udf((UDF1<String, String>) JsonNumberText::quoteTopLevelNumbers, DataTypes.StringType)
        .apply(col("value"));
    Dataset<Row> lines = spark.read().text(files.toArray(String[]::new))
        .where(trim(col("value")).notEqual("")) // the JSON reader skips blank lines
        .select(from_json(quoted, schema, options).as("record"), col("_metadata.file_path").as(sourceFileColumn));
    return lines.select(col("record.*"), col(sourceFileColumn));
  }

  /** The error condition (called error class before Spark 4) of a Spark error, e.g. {@code TABLE_OR_VIEW_NOT_FOUND}. */
  public static String errorCondition(SparkThrowable error) {
    return error.getErrorClass();
  }
}
