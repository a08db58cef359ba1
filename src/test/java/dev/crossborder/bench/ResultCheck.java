package dev.crossborder.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossborder.model.Columns;
import dev.crossborder.model.LandingDataset;
import dev.crossborder.model.OutputTables;
import dev.crossborder.model.TableSpec;
import dev.crossborder.publish.RunReport;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Checks that the DuckDB baseline computed what the pipeline published: shipment_cube and shipment_volumes
 * as identical row sets (exact decimals, doubles bit for bit, nulls equal; every contract column but run_id,
 * which only the pipeline has), the same column names and types, and the same shipment quality counts (rows
 * read, clean, quarantined, per reason) as the run report. Prints up to 20 differing rows per side and exits
 * 1 on any difference.
 *
 * <p>Our tables are read by DuckDB straight from their Parquet data files. For a Delta table that is exact
 * only for a fresh table of one commit (no removed files, no deletion vectors, no column mapping), which is
 * what the benchmark's fresh output folder holds; anything else stops the check rather than compare the
 * wrong files. This avoids a second pipeline run with {@code --format parquet} just for the comparison.
 *
 * <p>{@code ResultCheck --pipeline-output DIR --run-id ID --duckdb-output DIR}
 */
public final class ResultCheck {
  private ResultCheck() {}

  private static final int ROWS_SHOWN = 20;
  private static final String FIRST_COMMIT = "00000000000000000000.json";

  public static void main(String[] args) throws Exception {
    BenchOptions options = new BenchOptions(args);
    Path pipelineOutput = Path.of(options.get("pipeline-output")).toAbsolutePath();
    Path duckdbOutput = Path.of(options.get("duckdb-output")).toAbsolutePath();
    String runId = options.get("run-id");

    boolean equal = true;
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      for (TableSpec table : List.of(OutputTables.SHIPMENT_CUBE, OutputTables.SHIPMENT_VOLUMES)) {
        equal &= sameRows(statement, table, pipelineOutput.resolve(table.relativePath()),
            duckdbOutput.resolve(table.name() + ".parquet"));
      }
      equal &= sameQualityCounts(statement, Path.of(RunReport.pathOf(pipelineOutput.toString(), runId)),
          duckdbOutput.resolve("quality_counts.parquet"));
    }
    System.out.println("BENCH-CHECK equal=" + equal);
    System.exit(equal ? 0 : 1);
  }

  private static boolean sameRows(Statement statement, TableSpec table, Path ours, Path theirs)
      throws SQLException, IOException {
    List<String> columns = table.columnNames().stream().filter(c -> !c.equals(Columns.RUN_ID)).toList();
    String select = String.join(", ", columns);
    String partitions = table.partitionColumns().isEmpty() ? "hive_partitioning = false"
        : "hive_partitioning = true, hive_types_autocast = false";
    statement.execute("CREATE OR REPLACE TEMP VIEW ours AS SELECT " + select + " FROM (SELECT *"
        + castPartitions(table) + " FROM read_parquet(" + listLiteral(dataFiles(ours)) + ", " + partitions + "))");
    statement.execute("CREATE OR REPLACE TEMP VIEW theirs AS SELECT " + select + " FROM read_parquet("
        + DuckDbShipments.quoted(theirs.toString()) + ")");

    List<String> ourTypes = types(statement, "ours");
    List<String> theirTypes = types(statement, "theirs");
    long ourRows = count(statement, "SELECT count(*) FROM ours");
    long theirRows = count(statement, "SELECT count(*) FROM theirs");
    long onlyOurs = count(statement, "SELECT count(*) FROM (SELECT * FROM ours EXCEPT ALL SELECT * FROM theirs)");
    long onlyTheirs = count(statement, "SELECT count(*) FROM (SELECT * FROM theirs EXCEPT ALL SELECT * FROM ours)");
    boolean sameTypes = ourTypes.equals(theirTypes);
    boolean equal = sameTypes && onlyOurs == 0 && onlyTheirs == 0;
    System.out.printf(Locale.ROOT, "%s %s: pipeline %,d rows, DuckDB %,d rows, %,d only in the pipeline, %,d only in"
        + " DuckDB (columns compared: all but run_id)%n", equal ? "EQUAL" : "DIFFERENT", table.relativePath(), ourRows,
        theirRows, onlyOurs, onlyTheirs);
    if (!sameTypes) {
      List<String> onlyOurTypes = ourTypes.stream().filter(t -> !theirTypes.contains(t)).toList();
      List<String> onlyTheirTypes = theirTypes.stream().filter(t -> !ourTypes.contains(t)).toList();
      System.out.println("  column types differ: pipeline " + onlyOurTypes + ", DuckDB " + onlyTheirTypes);
    }
    if (onlyOurs + onlyTheirs > 0) {
      String order = String.join(", ", columns.subList(0, Math.min(columns.size(), 7)));
      printRows(statement, "only in the pipeline", "SELECT * FROM (SELECT * FROM ours EXCEPT ALL SELECT * FROM theirs)"
          + " ORDER BY " + order + " LIMIT " + ROWS_SHOWN);
      printRows(statement, "only in DuckDB", "SELECT * FROM (SELECT * FROM theirs EXCEPT ALL SELECT * FROM ours)"
          + " ORDER BY " + order + " LIMIT " + ROWS_SHOWN);
    }
    return equal;
  }

  /** Hive partition values come as text; the contract types them (month_start is a DATE). */
  private static String castPartitions(TableSpec table) {
    return table.partitionColumns().isEmpty() ? ""
        : " REPLACE (" + String.join(", ", table.partitionColumns().stream()
            .map(c -> "CAST(" + c + " AS " + table.column(c).orElseThrow().type().sql() + ") AS " + c).toList()) + ")";
  }

  /**
   * The Parquet files holding a table's rows: the files its only Delta commit adds, or every visible Parquet
   * file of a Parquet table.
   */
  static List<Path> dataFiles(Path table) throws IOException {
    Path log = table.resolve("_delta_log");
    if (!Files.isDirectory(log)) {
      try (Stream<Path> files = Files.walk(table)) {
        return files.filter(f -> f.getFileName().toString().endsWith(".parquet"))
            .filter(f -> !hidden(table.relativize(f)))
            .sorted().toList();
      }
    }
    List<String> commits;
    try (Stream<Path> entries = Files.list(log)) {
      commits = entries.map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".json") || name.contains(".checkpoint.")).sorted().toList();
    }
    if (!commits.equals(List.of(FIRST_COMMIT))) {
      throw new IllegalStateException(table + " is not a fresh Delta table of one commit (found " + commits
          + "); its Parquet files are not its rows. Run the pipeline into an empty folder.");
    }
    ObjectMapper json = new ObjectMapper();
    List<Path> files = new ArrayList<>();
    for (String line : Files.readAllLines(log.resolve(FIRST_COMMIT))) {
      JsonNode action = json.readTree(line);
      String mapping = action.path("metaData").path("configuration").path("delta.columnMapping.mode").asText("none");
      if (!mapping.equals("none")) {
        throw new IllegalStateException(table + " uses column mapping (" + mapping + "): Parquet names differ");
      }
      boolean deletionVector = action.path("add").hasNonNull("deletionVector");
      if (action.has("remove") || deletionVector) {
        throw new IllegalStateException(table + " has removed rows or files: its Parquet files are not its rows");
      }
      if (action.has("add")) {
        // Delta stores the path relative to the table and URL-encoded.
        files.add(table.resolve(URI.create(action.path("add").path("path").asText()).getPath()));
      }
    }
    return files;
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.startsWith("_") || name.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameQualityCounts(Statement statement, Path runReport, Path duckdbCounts)
      throws SQLException, IOException {
    JsonNode shipments = new ObjectMapper().readTree(runReport.toFile())
        .path("datasets").path(LandingDataset.SHIPMENTS.folder());
    Map<String, Long> ours = new TreeMap<>();
    for (String measure : List.of("rows_read", "rows_clean", "rows_quarantined")) {
      ours.put(measure, shipments.path(measure).asLong());
    }
    shipments.path("quarantine_reasons").fields().forEachRemaining(e -> ours.put(e.getKey(), e.getValue().asLong()));
    Map<String, Long> theirs = new TreeMap<>();
    try (ResultSet result = statement.executeQuery("SELECT measure, row_count FROM read_parquet("
        + DuckDbShipments.quoted(duckdbCounts.toString()) + ")")) {
      while (result.next()) {
        theirs.put(result.getString(1), result.getLong(2));
      }
    }
    boolean equal = ours.equals(theirs);
    System.out.printf("%s shipment quality counts: pipeline %s%n", equal ? "EQUAL" : "DIFFERENT", ours);
    if (!equal) {
      System.out.printf("  DuckDB %s%n", theirs);
    }
    return equal;
  }

  private static List<String> types(Statement statement, String view) throws SQLException {
    List<String> types = new ArrayList<>();
    try (ResultSet result = statement.executeQuery("DESCRIBE " + view)) {
      while (result.next()) {
        types.add(result.getString("column_name") + " " + result.getString("column_type"));
      }
    }
    return types;
  }

  private static long count(Statement statement, String sql) throws SQLException {
    try (ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }

  private static void printRows(Statement statement, String title, String sql) throws SQLException {
    try (ResultSet result = statement.executeQuery(sql)) {
      ResultSetMetaData meta = result.getMetaData();
      List<String> header = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        header.add(meta.getColumnName(i));
      }
      System.out.println("  " + title + " (first " + ROWS_SHOWN + "): " + String.join(" | ", header));
      while (result.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          values.add(String.valueOf(result.getObject(i)));
        }
        System.out.println("    " + String.join(" | ", values));
      }
    }
  }

  private static String listLiteral(List<Path> files) {
    if (files.isEmpty()) {
      throw new IllegalStateException("No data files found");
    }
    return "[" + String.join(", ", files.stream().map(f -> DuckDbShipments.quoted(f.toString())).toList()) + "]";
  }
}
