package dev.crossborder.testing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A BI engine in its own JVM, for the catalog tests: a plain Spark session with Delta, opening an embedded Hive
 * metastore folder that a run registered its tables in (no code of the job). Prints, per table of the database,
 * {@code TABLE name}, its DESCRIBE TABLE EXTENDED rows as {@code DESCRIBE name<TAB>col<TAB>type<TAB>comment},
 * and its rows read by name as {@code ROW name<TAB>json} (missing values as null).
 *
 * <p>Arguments: the metastore folder, the database.
 */
public final class CatalogReader {
  private CatalogReader() {}

  public static void main(String[] args) {
    Path metastore = Path.of(args[0]).toAbsolutePath();
    String database = args[1];
    SparkSession spark = SparkSession.builder().master("local[2]").appName("catalog-reader")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.catalogImplementation", "hive")
        .config("spark.sql.warehouse.dir", metastore.resolve("warehouse").toUri().toString())
        .config("spark.hadoop.javax.jdo.option.ConnectionURL",
            "jdbc:derby:;databaseName=" + metastore.resolve("metastore_db") + ";create=false")
        .getOrCreate();
    try {
      for (Row table : spark.sql("SHOW TABLES IN " + database).collectAsList()) {
        String name = table.getString(1);
        System.out.println("TABLE " + name);
        for (Row row : spark.sql("DESCRIBE TABLE EXTENDED " + database + "." + name).collectAsList()) {
          System.out.println("DESCRIBE " + name + "\t" + row.getString(0) + "\t" + row.getString(1) + "\t"
              + (row.isNullAt(2) ? "" : row.getString(2)));
        }
        for (String json : asJson(spark.table(database + "." + name)).collectAsList()) {
          System.out.println("ROW " + name + "\t" + json);
        }
      }
    } finally {
      spark.stop();
    }
  }

  /** Each row as one JSON object, missing values as null: comparable across JVMs as text. */
  public static Dataset<String> asJson(Dataset<Row> rows) {
    Column[] columns = Arrays.stream(rows.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
    return rows.select(to_json(struct(columns), Map.of("ignoreNullFields", "false"))).as(Encoders.STRING());
  }
}
