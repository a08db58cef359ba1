package dev.crossborder.testing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
    // Derby's log beside its database, not in the folder the test runs in.
    System.setProperty("derby.stream.error.file", metastore.resolve("derby-reader.log").toString());
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

  /** What {@link #main} printed, by table: the tables listed, each one's rows as JSON, its DESCRIBE rows by column. */
  public record Listing(List<String> tables, Map<String, List<String>> rows, Map<String, List<String>> describe) {
    /** The rows read by name of one table, sorted: comparable with {@link #asJson} of the published table. */
    public List<String> sortedRows(String table) {
      return rows.getOrDefault(table, List.of()).stream().sorted().toList();
    }

    /** The DESCRIBE row of one column (or one "# Detailed Table Information" key) as "type<TAB>comment". */
    public String described(String table, String column) {
      return describe.getOrDefault(table + "." + column, List.of()).stream().findFirst().orElse(null);
    }

    public static Listing parse(String printed) {
      List<String> tables = new ArrayList<>();
      Map<String, List<String>> rows = new TreeMap<>();
      Map<String, List<String>> describe = new TreeMap<>();
      for (String line : printed.lines().toList()) {
        if (line.startsWith("TABLE ")) {
          tables.add(line.substring(6));
        } else if (line.startsWith("ROW ")) {
          String[] parts = line.substring(4).split("\t", 2);
          rows.computeIfAbsent(parts[0], t -> new ArrayList<>()).add(parts[1]);
        } else if (line.startsWith("DESCRIBE ")) {
          String[] parts = line.substring(9).split("\t", -1);
          describe.computeIfAbsent(parts[0] + "." + parts[1].strip(), k -> new ArrayList<>())
              .add(parts[2] + "\t" + parts[3]);
        }
      }
      return new Listing(tables, rows, describe);
    }
  }

  /** Each row as one JSON object, missing values as null: comparable across JVMs as text. */
  public static Dataset<String> asJson(Dataset<Row> rows) {
    Column[] columns = Arrays.stream(rows.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
    return rows.select(to_json(struct(columns), Map.of("ignoreNullFields", "false"))).as(Encoders.STRING());
  }
}
