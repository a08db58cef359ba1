package dev.crossborder.bench;

import dev.crossborder.ingest.LandingFiles;
import dev.crossborder.ingest.LandingFiles.Format;
import dev.crossborder.ingest.LandingFiles.LandingFile;
import dev.crossborder.model.LandingDataset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;

/**
 * Benchmark (c), the baseline: the pipeline's shipment work (quality, de minimis, cube, shipment_volumes) in
 * DuckDB through JDBC, one thread per core, on the same landing files (Parquet, text or typed, or CSV), running
 * {@code bench/duckdb-shipments.sql}. It writes shipment_cube, shipment_volumes and the quality counts as
 * Parquet under {@code --output} for {@link ResultCheck}, and prints the time of each statement.
 *
 * <p>{@code DuckDbShipments --landing DIR --output DIR [--run-date yyyy-MM-dd] [--threads N]}
 */
public final class DuckDbShipments {
  private DuckDbShipments() {}

  static final String SCRIPT = "/bench/duckdb-shipments.sql";

  public static void main(String[] args) throws Exception {
    Measurement measurement = Measurement.of("duckdb");
    BenchOptions options = new BenchOptions(args);
    String landing = options.get("landing");
    Path output = Path.of(options.get("output")).toAbsolutePath();
    // The pipeline's run date is today (UTC) when it starts: ship dates after it are out of range.
    LocalDate runDate = LocalDate.parse(options.get("run-date", LocalDate.now(ZoneOffset.UTC).toString()));
    int threads = Integer.parseInt(options.get("threads", String.valueOf(Runtime.getRuntime().availableProcessors())));
    Files.createDirectories(output);
    // Listed before the clock starts: DuckDB would glob the files in no time; the Hadoop listing that
    // applies the job's rules (and its class loading) is the benchmark's overhead, not DuckDB's work.
    Format format = shipmentFormat(landing);
    String shipmentFiles = shipmentFiles(landing);

    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("SET threads = " + threads);
      // Spills go under the output folder, not into a .tmp folder wherever the JVM was started.
      statement.execute("SET temp_directory = " + quoted(output.resolve("duckdb-tmp").toString()));
      // Row order of the results does not matter; keeping it would cost memory in COPY.
      statement.execute("SET preserve_insertion_order = false");
      printSettings(statement);
      measurement.ready();

      // The script puts the folders inside string literals: their quotes are doubled here.
      Map<String, String> placeholders = new HashMap<>(Map.of(
          "shipment_files", shipmentFiles,
          "reference", (landing + "/reference").replace("'", "''"),
          "run_date", runDate.toString(),
          "output", output.toString().replace("'", "''")));
      placeholders.put("shipments_raw",
          (format == Format.CSV ? CSV_ROWS : PARQUET_ROWS).replace("${shipment_files}", shipmentFiles));
      placeholders.putAll(parsing(format == Format.CSV ? Set.of() : typedColumns(statement, shipmentFiles)));
      for (String sql : statements(script(), placeholders)) {
        long start = System.nanoTime();
        statement.execute(sql);
        System.out.printf(Locale.ROOT, "duckdb step %7.2f s  %s%n", (System.nanoTime() - start) / 1e9, label(sql));
      }
      long rows;
      try (ResultSet result = statement.executeQuery(
          "SELECT row_count FROM quality_counts WHERE measure = 'rows_read'")) {
        result.next();
        rows = result.getLong(1);
      }
      measurement.done(rows);
    }
  }

  /** The landing rows of Parquet files, their row number in the file identifying them. */
  private static final String PARQUET_ROWS = """
      CREATE TEMP VIEW shipments_raw AS
      SELECT * EXCLUDE (filename), filename AS source_file, false AS is_malformed
      FROM read_parquet(${shipment_files}, filename = true, file_row_number = true, union_by_name = true,
                        hive_partitioning = false)""";

  /**
   * The landing rows of CSV files, read as the job reads them (header, comma, '"' quotes, backslash escapes, empty as
   * missing): DuckDB's reader keeps the lines of ten fields and sets the others aside (store_rejects), which are
   * split at their commas and the first ten fields kept (a field too many, a planted MALFORMED_RECORD, holds no
   * quote), as Spark keeps a malformed line's first fields. CSV has no row numbers: the rows are loaded into a
   * table, whose rowid identifies them (a set-aside line by its negated line number).
   */
  private static final String CSV_ROWS = """
      CREATE TEMP TABLE shipments_csv AS
      SELECT * FROM read_csv(${shipment_files}, header = true, auto_detect = false, delim = ',', quote = '"',
                             escape = '\\', filename = true, hive_partitioning = false, store_rejects = true,
                             columns = {%s});
      CREATE TEMP VIEW shipments_raw AS
      SELECT * EXCLUDE (filename, row_id), filename AS source_file, row_id AS file_row_number, false AS is_malformed
      FROM (SELECT *, rowid AS row_id FROM shipments_csv)
      UNION ALL BY NAME
      SELECT %s, scan.file_path AS source_file, -CAST(rejected.line AS BIGINT) AS file_row_number,
             true AS is_malformed
      FROM (SELECT DISTINCT scan_id, file_id, line, string_split(csv_line, ',') AS fields FROM reject_errors) rejected
      JOIN reject_scans scan ON scan.scan_id = rejected.scan_id AND scan.file_id = rejected.file_id""".formatted(
      String.join(", ", LandingDataset.SHIPMENTS.columns().stream().map(c -> "'" + c + "': 'VARCHAR'").toList()),
      String.join(", ", java.util.stream.IntStream.range(0, LandingDataset.SHIPMENTS.columns().size())
          .mapToObj(i -> "NULLIF(rejected.fields[" + (i + 1) + "], '') AS " + LandingDataset.SHIPMENTS.columns().get(i))
          .toList()));

  /** The typed columns' values and parsing in text landings: trimmed text, parsed to Spark's grammar. */
  private static final Map<String, String> TEXT_PARSING = Map.of(
      "parsed_day", "CASE WHEN field LIKE '____-__-__' AND field NOT LIKE '-%' THEN TRY_CAST(field AS DATE) END",
      "parsed_value", "CASE WHEN NOT contains(field, '_') THEN TRY_CAST(field AS DECIMAL(22, 6)) END",
      "parsed_parcels", "CASE WHEN field IS NULL THEN 1"
          + " WHEN CAST(TRY_CAST(field AS BIGINT) AS VARCHAR) = field OR regexp_full_match(field, '\\s*[+-]?[0-9]+\\s*')"
          + " THEN TRY_CAST(field AS BIGINT) END",
      "parsed_weight", "CASE WHEN NOT contains(field, '_') THEN TRY_CAST(field AS DECIMAL(18, 6)) END");

  /** The same where the files carry the column typed (a DATE, a DECIMAL, an INT): the value as it is, cast. */
  private static final Map<String, String> TYPED_PARSING = Map.of(
      "parsed_day", "field",
      "parsed_value", "TRY_CAST(field AS DECIMAL(22, 6))",
      "parsed_parcels", "CASE WHEN field IS NULL THEN 1 ELSE TRY_CAST(field AS BIGINT) END",
      "parsed_weight", "TRY_CAST(field AS DECIMAL(18, 6))");

  private static final Map<String, String> PARSER_OF_COLUMN = Map.of(
      "ship_date", "parsed_day", "declared_value", "parsed_value", "parcel_count", "parsed_parcels",
      "weight_kg", "parsed_weight");

  /** The placeholders of the typed columns' values and parsing, typed where {@code typed} lists the column. */
  static Map<String, String> parsing(Set<String> typed) {
    Map<String, String> placeholders = new HashMap<>();
    PARSER_OF_COLUMN.forEach((column, parser) -> {
      boolean isTyped = typed.contains(column);
      placeholders.put(column + "_value", isTyped ? "raw" : "text_value(raw)");
      placeholders.put(parser, (isTyped ? TYPED_PARSING : TEXT_PARSING).get(parser));
    });
    return placeholders;
  }

  /** Which of the typed columns the files carry as something other than text (from their merged schema). */
  private static Set<String> typedColumns(Statement statement, String shipmentFiles) throws SQLException {
    Set<String> typed = new HashSet<>();
    try (ResultSet result = statement.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + shipmentFiles
        + ", union_by_name = true, hive_partitioning = false)")) {
      while (result.next()) {
        String column = result.getString("column_name");
        if (PARSER_OF_COLUMN.containsKey(column) && !result.getString("column_type").equals("VARCHAR")) {
          typed.add(column);
        }
      }
    }
    System.out.println("BENCH-INFO typed columns: " + (typed.isEmpty() ? "none" : new TreeSet<>(typed)));
    return typed;
  }

  /**
   * The landing shipment files as a DuckDB list literal, chosen by the job's own rules (hidden files
   * skipped).
   */
  static String shipmentFiles(String landing) {
    List<String> paths = new ArrayList<>();
    for (LandingFile file : landingFiles(landing)) {
      paths.add(quoted(new org.apache.hadoop.fs.Path(file.path()).toUri().getPath()));
    }
    return "[" + String.join(", ", paths) + "]";
  }

  /** The one format of the landing's shipment files: the baseline reads Parquet or CSV files, not a mix. */
  static Format shipmentFormat(String landing) {
    Set<Format> formats = new HashSet<>();
    landingFiles(landing).forEach(file -> formats.add(file.format()));
    if (formats.size() != 1 || formats.contains(Format.JSONL)) {
      throw new IllegalArgumentException("The DuckDB baseline reads shipments of Parquet files or of CSV files; found "
          + formats);
    }
    return formats.iterator().next();
  }

  private static List<LandingFile> landingFiles(String landing) {
    return LandingFiles.list(new Configuration(), landing + "/" + LandingDataset.SHIPMENTS.folder(),
        LandingDataset.SHIPMENTS.folder());
  }

  static String script() throws IOException {
    try (InputStream in = DuckDbShipments.class.getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IOException(SCRIPT + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The script's statements (each ends with ';' at the end of a line), placeholders filled in. */
  static List<String> statements(String script, Map<String, String> placeholders) {
    String filled = script;
    for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
      filled = filled.replace("${" + placeholder.getKey() + "}", placeholder.getValue());
    }
    if (filled.contains("${")) {
      throw new IllegalStateException(SCRIPT + " has a placeholder left: " + filled.substring(filled.indexOf("${")));
    }
    List<String> statements = new ArrayList<>();
    for (String chunk : filled.split(";[ \\t]*(\\r?\\n|$)")) {
      boolean onlyComments = chunk.lines().map(String::strip).allMatch(line -> line.isEmpty() || line.startsWith("--"));
      if (!onlyComments) {
        statements.add(chunk.strip());
      }
    }
    return statements;
  }

  /** The statement's first line of SQL, to name it in the timings. */
  private static String label(String sql) {
    return sql.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("--"))
        .findFirst().orElse("").replaceAll("\\s+AS$", "");
  }

  private static void printSettings(Statement statement) throws SQLException {
    try (ResultSet result = statement.executeQuery("SELECT version(), current_setting('threads'),"
        + " current_setting('memory_limit')")) {
      result.next();
      System.out.printf("BENCH-INFO DuckDB %s, %s threads, memory_limit %s%n",
          result.getString(1), result.getString(2), result.getString(3));
    }
  }

  /** A SQL string literal. */
  static String quoted(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
