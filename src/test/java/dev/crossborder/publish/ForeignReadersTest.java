package dev.crossborder.publish;

import static dev.crossborder.model.Columns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossborder.cli.CrossborderAnalytics;
import dev.crossborder.model.OutputTables;
import dev.crossborder.model.TableSpec;
import dev.crossborder.model.TableSpec.ColumnSpec;
import dev.crossborder.testing.SparkTestBase;
import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers other than Spark open what the job publishes (DESIGN.md §5, §6): DuckDB the Parquet output and Delta
 * Kernel (no Spark) the Delta output. Each sees the contract's types and comments, and the rows Spark reads.
 */
class ForeignReadersTest extends SparkTestBase {
  private static final String TINY = "src/test/resources/landing/tiny";

  /** Where Spark keeps a Parquet file's schema, column comments included, in the footer's key-value metadata. */
  private static final String SPARK_ROW_METADATA = "org.apache.spark.sql.parquet.row.metadata";

  @TempDir
  static Path tmp;

  private static Path parquetOutput;
  private static Path deltaOutput;
  private static Connection duckDb;
  private static Engine kernel;

  @BeforeAll
  static void publishTheTinyLandingInBothFormats() throws SQLException {
    parquetOutput = tmp.resolve("parquet");
    deltaOutput = tmp.resolve("delta");
    runJob(parquetOutput, "parquet");
    runJob(deltaOutput, "delta");
    duckDb = DriverManager.getConnection("jdbc:duckdb:");
    kernel = DefaultEngine.create(new Configuration());
  }

  @AfterAll
  static void closeDuckDb() throws SQLException {
    if (duckDb != null) {
      duckDb.close();
    }
  }

  private static void runJob(Path output, String format) {
    StringWriter err = new StringWriter();
    // Two of the tiny landing's eight GMV rows are bad on purpose: above the default 5 % limit.
    int exitCode = CrossborderAnalytics.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "run",
        "--input", TINY, "--output", output.toString(), "--format", format, "--max-quarantine-ratio", "0.3",
        "--run-id", format + "-run");
    assertEquals(0, exitCode, err.toString());
  }

  // ---------------------------------------------------------------- DuckDB on the Parquet output

  @Test
  void duckDbSeesTheContractTypesInEveryParquetTable() throws SQLException {
    for (TableSpec spec : OutputTables.ALL) {
      List<String> got = new ArrayList<>();
      try (Statement statement = duckDb.createStatement();
          ResultSet described = statement.executeQuery("DESCRIBE SELECT * FROM " + duckDbScan(spec))) {
        while (described.next()) {
          // Identifier quoting aside ("table", "rows" inside the runs table's structs are keywords to DuckDB).
          got.add(described.getString("column_name") + " " + described.getString("column_type").replace("\"", ""));
        }
      }
      // A Hive-partitioned table's partition columns live in folder names, which readers list after the data.
      List<String> want = Stream.concat(
              spec.columns().stream().filter(c -> !spec.partitionColumns().contains(c.name())),
              spec.partitionColumns().stream().map(name -> spec.column(name).orElseThrow()))
          .map(c -> c.name() + " " + duckDbType(c.type())).toList();
      assertEquals(want, got, "DuckDB's view of " + spec.relativePath());
    }
  }

  @Test
  void timestampsAreStoredAsUtcInt64MicrosecondsNeverInt96() throws SQLException {
    // Both outputs: Delta's data files are Parquet too, written by the same session settings.
    List<String> files = new ArrayList<>(parquetFiles(parquetOutput));
    files.addAll(parquetFiles(deltaOutput));
    assertFalse(parquetFiles(deltaOutput).isEmpty(), "Delta data files");
    String fileList = files.stream().map(ForeignReadersTest::sqlString).collect(Collectors.joining(", ", "[", "]"));
    try (Statement statement = duckDb.createStatement()) {
      try (ResultSet int96 = statement.executeQuery(
          "SELECT file_name, name FROM parquet_schema(" + fileList + ") WHERE type = 'INT96'")) {
        assertFalse(int96.next(), () -> "INT96 column: " + rowText(int96));
      }
      for (Path output : List.of(parquetOutput, deltaOutput)) {
        String runs = sqlString(output.resolve(OutputTables.RUNS.relativePath()) + "/*.parquet");
        try (ResultSet timestamps = statement.executeQuery("SELECT name, type, converted_type, logical_type"
            + " FROM parquet_schema(" + runs + ") WHERE name IN ('started_at', 'finished_at')")) {
          int seen = 0;
          while (timestamps.next()) {
            seen++;
            String column = output.getFileName() + " " + timestamps.getString("name");
            assertEquals("INT64", timestamps.getString("type"), column);
            assertEquals("TIMESTAMP_MICROS", timestamps.getString("converted_type"), column);
            assertTrue(timestamps.getString("logical_type").contains("isAdjustedToUTC=1"),
                column + ": " + timestamps.getString("logical_type"));
          }
          assertEquals(2, seen, output.getFileName() + " runs table timestamps");
        }
      }
    }
  }

  @Test
  void parquetFootersCarryTheCommentOfEveryStoredColumn() throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (TableSpec spec : OutputTables.ALL) {
      // Partition values live in folder names, not in the files: their comments are in the sidecar (below).
      Map<String, String> want = new LinkedHashMap<>();
      spec.columns().stream().filter(c -> !spec.partitionColumns().contains(c.name()))
          .forEach(c -> want.put(c.name(), c.comment()));
      int files = 0;
      try (Statement statement = duckDb.createStatement();
          ResultSet footers = statement.executeQuery("SELECT file_name, decode(value) AS schema_json"
              + " FROM parquet_kv_metadata(" + sqlString(parquetGlob(spec)) + ")"
              + " WHERE decode(key) = " + sqlString(SPARK_ROW_METADATA))) {
        while (footers.next()) {
          files++;
          Map<String, String> got = new LinkedHashMap<>();
          for (JsonNode field : json.readTree(footers.getString("schema_json")).get("fields")) {
            got.put(field.get("name").asText(), field.path("metadata").path("comment").asText(null));
          }
          assertEquals(want, got, "column comments in " + footers.getString("file_name"));
        }
      }
      assertTrue(files > 0, "a Parquet file with Spark's schema footer in " + spec.relativePath());
    }
  }

  @Test
  void everyParquetTableHasItsDescriptionBesideIt() throws Exception {
    for (TableSpec spec : OutputTables.ALL) {
      Path sidecar = parquetOutput.resolve(spec.relativePath()).resolve(TableWriter.DESCRIPTION_SIDECAR);
      assertTrue(Files.isRegularFile(sidecar), "Parquet has no table comment, so " + sidecar + " carries it");
      String description = Files.readString(sidecar);
      assertTrue(description.contains(spec.comment()), spec.relativePath() + " sidecar: " + description);
      for (String partition : spec.partitionColumns()) {
        assertTrue(description.contains(spec.column(partition).orElseThrow().comment()),
            "comment of the partition column " + partition + " in " + sidecar);
      }
    }
  }

  @Test
  void duckDbReadsTheRowsSparkReadsFromEveryParquetTable() throws SQLException {
    for (TableSpec spec : OutputTables.ALL) {
      Dataset<Row> sparkRows = spark.read().parquet(parquetOutput.resolve(spec.relativePath()).toString());
      assertSameRows(spec, sparkRows(spec, sparkRows), duckDbRows(spec), "DuckDB");
    }
  }

  @Test
  void duckDbReadsTheHandCheckedValuesOfTheTinyLanding() {
    assertHandCheckedValues("parquet", ForeignReadersTest::duckDbRows);
  }

  // ---------------------------------------------------------------- Delta Kernel on the Delta output

  @Test
  void deltaKernelSeesTheContractSchemaCommentsAndDescriptionOfEveryDeltaTable() {
    for (TableSpec spec : OutputTables.ALL) {
      Snapshot snapshot = snapshot(spec);
      List<StructField> fields = snapshot.getSchema().fields();
      assertEquals(spec.columnNames(), fields.stream().map(StructField::getName).toList(), spec.relativePath());
      for (int i = 0; i < fields.size(); i++) {
        ColumnSpec column = spec.columns().get(i);
        StructField field = fields.get(i);
        String name = spec.relativePath() + "." + column.name();
        assertEquals(column.type().simpleString(), sqlTypeName(field.getDataType()), name);
        assertEquals(column.comment(), field.getMetadata().getString("comment"), name);
      }
      assertEquals(spec.partitionColumns(), snapshot.getPartitionColumnNames(), spec.relativePath());
      // Kernel's public Snapshot hands out the log's metaData action, whose class is in an internal package.
      assertEquals(Optional.of(spec.comment()), snapshot.getMetadata().getDescription(), spec.relativePath());
    }
  }

  @Test
  void deltaKernelReadsTheRowsSparkReadsFromEveryDeltaTable() {
    for (TableSpec spec : OutputTables.ALL) {
      Dataset<Row> sparkRows = spark.read().format("delta").load(deltaOutput.resolve(spec.relativePath()).toString());
      assertSameRows(spec, sparkRows(spec, sparkRows), kernelRows(spec), "Delta Kernel");
    }
  }

  @Test
  void deltaKernelReadsTheHandCheckedValuesOfTheTinyLanding() {
    assertHandCheckedValues("delta", ForeignReadersTest::kernelRows);
  }

  // ---------------------------------------------------------------- Expectations shared by both readers

  /**
   * Values worked out by hand from the tiny landing (its README): EUR at 1.08 USD, one shipment row of 3 parcels
   * at 20.00 USD each from CN to the US, under the US $800 rule; two bad GMV rows out of eight.
   */
  private static void assertHandCheckedValues(String format, Function<TableSpec, List<Map<String, Object>>> reader) {
    LocalDate january2024 = LocalDate.of(2024, 1, 1);

    List<Map<String, Object>> gmvMonthly = reader.apply(OutputTables.GMV_MONTHLY);
    assertEquals(6, gmvMonthly.size(), "8 GMV rows less the 2 quarantined");
    Map<String, Object> amazonGermany = single(gmvMonthly,
        Map.of(PLATFORM_ID, "amazon", COUNTRY_CODE, "DE", MONTH_START, january2024));
    assertEquals(new BigDecimal("1100.500000"), amazonGermany.get(GMV_LOCAL), "DECIMAL(24,6), scale kept");
    assertEquals(new BigDecimal("1.080000000000"), amazonGermany.get(USD_PER_UNIT));
    assertEquals(new BigDecimal("1188.54"), amazonGermany.get(GMV_USD), "1100.50 EUR x 1.08, DECIMAL(20,2)");
    assertEquals(5L, amazonGermany.get(ORDERS));
    Map<String, Object> temuUs = single(gmvMonthly,
        Map.of(PLATFORM_ID, "temu", COUNTRY_CODE, "US", MONTH_START, january2024));
    assertEquals(new BigDecimal("150.00"), temuUs.get(GMV_USD));
    assertTrue(temuUs.containsKey(ORDERS) && temuUs.get(ORDERS) == null, "an empty orders field stays null");

    Map<String, Object> amazonWorld2024 = single(reader.apply(OutputTables.GMV_GROWTH), Map.of(PERIOD_GRAIN, "year",
        GEO_CODE, "WORLD", PLATFORM_ID, "amazon", PERIOD_START, january2024));
    // 2024: US 2000.00 + DE 1188.54; 2023: US 1800.00 + DE 1000 EUR x 1.08.
    assertEquals(new BigDecimal("3188.54"), amazonWorld2024.get(GMV_USD));
    assertEquals(new BigDecimal("2880.00"), amazonWorld2024.get(GMV_USD_PRIOR_YEAR));
    assertEquals(3188.54 / 2880.00 - 1, (Double) amazonWorld2024.get(YOY_GROWTH), 1e-12);
    assertEquals(25L, amazonWorld2024.get(ORDERS), "20 US + 5 DE");
    assertEquals("2024", amazonWorld2024.get(PERIOD_LABEL));
    assertEquals(format + "-run", amazonWorld2024.get(RUN_ID));

    Map<String, Object> amazonShare2024 = single(reader.apply(OutputTables.MARKET_SHARE), Map.of(PERIOD_GRAIN, "year",
        GEO_CODE, "WORLD", PLATFORM_ID, "amazon", PERIOD_START, january2024));
    assertEquals(new BigDecimal("3338.54"), amazonShare2024.get(MARKET_GMV_USD), "amazon 3188.54 + temu 150.00");
    assertEquals(3188.54 / 3338.54, (Double) amazonShare2024.get(SHARE), 1e-12);
    assertEquals(1, amazonShare2024.get(RANK));

    Map<String, Object> cube = single(reader.apply(OutputTables.SHIPMENT_CUBE), Map.of(PLATFORM_ID, "temu"));
    assertEquals(january2024, cube.get(MONTH_START), "the partition column reads back as a DATE");
    assertEquals(3L, cube.get(PARCELS));
    assertEquals(3L, cube.get(DE_MINIMIS_PARCELS), "20.00 USD <= the US 800 USD threshold in January 2024");
    assertEquals(new BigDecimal("60.00"), cube.get(DECLARED_VALUE_USD), "3 parcels x 20.00 USD");
    assertEquals(new BigDecimal("60.00"), cube.get(DE_MINIMIS_VALUE_USD));

    List<Map<String, Object>> quarantine = reader.apply(OutputTables.QUARANTINE);
    assertEquals(2, quarantine.size(), "the month 2024-13 row and the line that is not JSON");
    assertTrue(((List<?>) single(quarantine, Map.of(RECORD, "not json")).get(REASONS)).contains("MALFORMED_RECORD"));

    Map<String, Object> run = single(reader.apply(OutputTables.RUNS), Map.of(RUN_ID, format + "-run"));
    assertEquals("SUCCEEDED", run.get("status"));
    assertEquals(format, run.get("format"));
    Instant started = (Instant) run.get("started_at");
    Instant finished = (Instant) run.get("finished_at");
    assertFalse(started.isAfter(finished), started + " to " + finished);
    // datasets: (dataset, rows_read, rows_clean, rows_quarantined, quarantine_reasons) per landing dataset.
    List<?> gmvCounts = ((List<?>) run.get("datasets")).stream().map(d -> ((StructValue) d).fields())
        .filter(fields -> fields.get(0).equals("gmv")).findFirst().orElseThrow();
    assertEquals(List.of(8L, 6L, 2L), gmvCounts.subList(1, 4), "gmv rows read, clean, quarantined");
  }

  private static Map<String, Object> single(List<Map<String, Object>> rows, Map<String, Object> key) {
    List<Map<String, Object>> matching = rows.stream()
        .filter(row -> key.entrySet().stream().allMatch(k -> k.getValue().equals(row.get(k.getKey())))).toList();
    assertEquals(1, matching.size(), "rows matching " + key + " among " + rows.size());
    return matching.get(0);
  }

  private static void assertSameRows(TableSpec spec, List<Map<String, Object>> sparkRows,
      List<Map<String, Object>> foreignRows, String reader) {
    List<String> want = sparkRows.stream().map(ForeignReadersTest::canonical).sorted().toList();
    List<String> got = foreignRows.stream().map(ForeignReadersTest::canonical).sorted().toList();
    assertEquals(want.size(), got.size(), reader + " row count of " + spec.relativePath());
    assertEquals(want, got, reader + " rows of " + spec.relativePath() + " against Spark's");
  }

  // ---------------------------------------------------------------- Reading with each engine

  /** Rows as column name -> Java value, in the spec's column order. */
  private static List<Map<String, Object>> sparkRows(TableSpec spec, Dataset<Row> table) {
    List<Row> rows = table.select(spec.columnNames().stream().map(functions::col).toArray(Column[]::new))
        .collectAsList();
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row row : rows) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 0; i < row.size(); i++) {
        values.put(spec.columnNames().get(i), sparkValue(row.get(i)));
      }
      out.add(values);
    }
    return out;
  }

  private static Object sparkValue(Object value) {
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate();
    }
    if (value instanceof java.sql.Timestamp timestamp) {
      return timestamp.toInstant();
    }
    if (value instanceof Row struct) {
      List<Object> fields = new ArrayList<>();
      for (int i = 0; i < struct.size(); i++) {
        fields.add(sparkValue(struct.get(i)));
      }
      return new StructValue(fields);
    }
    if (value instanceof scala.collection.Seq<?> seq) {
      return scala.jdk.javaapi.CollectionConverters.asJava(seq).stream().map(ForeignReadersTest::sparkValue).toList();
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      scala.jdk.javaapi.CollectionConverters.asJava(map).forEach((k, v) -> out.put(sparkValue(k), sparkValue(v)));
      return out;
    }
    return value;
  }

  private static String parquetGlob(TableSpec spec) {
    return parquetOutput.resolve(spec.relativePath()) + "/**/*.parquet";
  }

  private static String duckDbScan(TableSpec spec) {
    return "read_parquet(" + sqlString(parquetGlob(spec)) + ", hive_partitioning = "
        + !spec.partitionColumns().isEmpty() + ")";
  }

  private static List<Map<String, Object>> duckDbRows(TableSpec spec) {
    String columns = spec.columnNames().stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", "));
    List<Map<String, Object>> out = new ArrayList<>();
    try (Statement statement = duckDb.createStatement();
        ResultSet rows = statement.executeQuery("SELECT " + columns + " FROM " + duckDbScan(spec))) {
      while (rows.next()) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < spec.columns().size(); i++) {
          values.put(spec.columnNames().get(i), jdbcValue(rows.getObject(i + 1)));
        }
        out.add(values);
      }
    } catch (SQLException e) {
      throw new AssertionError("DuckDB cannot read " + spec.relativePath() + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static Object jdbcValue(Object value) throws SQLException {
    if (value instanceof OffsetDateTime timestamp) {
      return timestamp.toInstant();
    }
    if (value instanceof java.sql.Array array) {
      return Arrays.stream((Object[]) array.getArray()).map(ForeignReadersTest::jdbcValueUnchecked).toList();
    }
    if (value instanceof java.sql.Struct struct) {
      return new StructValue(Arrays.stream(struct.getAttributes()).map(ForeignReadersTest::jdbcValueUnchecked)
          .toList());
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        out.put(jdbcValue(entry.getKey()), jdbcValue(entry.getValue()));
      }
      return out;
    }
    return value;
  }

  private static Object jdbcValueUnchecked(Object value) {
    try {
      return jdbcValue(value);
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  private static Snapshot snapshot(TableSpec spec) {
    return Table.forPath(kernel, deltaOutput.resolve(spec.relativePath()).toString()).getLatestSnapshot(kernel);
  }

  /**
   * Reads a Delta table the way Kernel's user guide does: list the snapshot's data files, read each with the
   * engine's Parquet handler, let Kernel turn physical batches into logical ones (partition values, deletion
   * vectors), keep the selected rows.
   */
  private static List<Map<String, Object>> kernelRows(TableSpec spec) {
    Snapshot snapshot = snapshot(spec);
    Scan scan = snapshot.getScanBuilder().build();
    io.delta.kernel.data.Row scanState = scan.getScanState(kernel);
    StructType physicalSchema = ScanStateRow.getPhysicalDataReadSchema(scanState);
    List<Map<String, Object>> out = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> scanFiles = scan.getScanFiles(kernel)) {
      while (scanFiles.hasNext()) {
        try (CloseableIterator<io.delta.kernel.data.Row> files = scanFiles.next().getRows()) {
          while (files.hasNext()) {
            io.delta.kernel.data.Row file = files.next();
            FileStatus status = InternalScanFileUtils.getAddFileStatus(file);
            CloseableIterator<ColumnarBatch> physical = kernel.getParquetHandler()
                .readParquetFiles(Utils.singletonCloseableIterator(status), physicalSchema, Optional.empty())
                .map(FileReadResult::getData);
            try (CloseableIterator<FilteredColumnarBatch> logical =
                Scan.transformPhysicalData(kernel, scanState, file, physical)) {
              while (logical.hasNext()) {
                addSelectedRows(spec, logical.next(), out);
              }
            }
          }
        }
      }
    } catch (java.io.IOException e) {
      throw new AssertionError("Delta Kernel cannot read " + spec.relativePath() + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static void addSelectedRows(TableSpec spec, FilteredColumnarBatch batch, List<Map<String, Object>> out) {
    ColumnarBatch data = batch.getData();
    Optional<ColumnVector> selected = batch.getSelectionVector();
    List<String> names = data.getSchema().fields().stream().map(StructField::getName).toList();
    for (int row = 0; row < data.getSize(); row++) {
      final int rowId = row;
      if (selected.map(s -> s.isNullAt(rowId) || !s.getBoolean(rowId)).orElse(false)) {
        continue;
      }
      Map<String, Object> values = new LinkedHashMap<>();
      for (String column : spec.columnNames()) {
        values.put(column, kernelValue(data.getColumnVector(names.indexOf(column)), row));
      }
      out.add(values);
    }
  }

  private static Object kernelValue(ColumnVector vector, int row) {
    if (vector.isNullAt(row)) {
      return null;
    }
    io.delta.kernel.types.DataType type = vector.getDataType();
    if (type instanceof StringType) {
      return vector.getString(row);
    } else if (type instanceof IntegerType) {
      return vector.getInt(row);
    } else if (type instanceof LongType) {
      return vector.getLong(row);
    } else if (type instanceof DoubleType) {
      return vector.getDouble(row);
    } else if (type instanceof DecimalType) {
      return vector.getDecimal(row);
    } else if (type instanceof DateType) {
      return LocalDate.ofEpochDay(vector.getInt(row));
    } else if (type instanceof TimestampType) {
      return Instant.EPOCH.plus(vector.getLong(row), ChronoUnit.MICROS);
    } else if (type instanceof ArrayType) {
      ArrayValue array = vector.getArray(row);
      List<Object> elements = new ArrayList<>();
      for (int i = 0; i < array.getSize(); i++) {
        elements.add(kernelValue(array.getElements(), i));
      }
      return elements;
    } else if (type instanceof MapType) {
      MapValue map = vector.getMap(row);
      Map<Object, Object> entries = new LinkedHashMap<>();
      for (int i = 0; i < map.getSize(); i++) {
        entries.put(kernelValue(map.getKeys(), i), kernelValue(map.getValues(), i));
      }
      return entries;
    } else if (type instanceof StructType struct) {
      List<Object> fields = new ArrayList<>();
      for (int i = 0; i < struct.length(); i++) {
        fields.add(kernelValue(vector.getChild(i), row));
      }
      return new StructValue(fields);
    }
    throw new AssertionError("No conversion for Kernel type " + type);
  }

  // ---------------------------------------------------------------- Type names and value rendering

  /** The DuckDB type a Spark type of the contract should read as (DuckDB's DESCRIBE spelling). */
  private static String duckDbType(org.apache.spark.sql.types.DataType type) {
    if (type instanceof org.apache.spark.sql.types.StringType) {
      return "VARCHAR";
    } else if (type instanceof org.apache.spark.sql.types.IntegerType) {
      return "INTEGER";
    } else if (type instanceof org.apache.spark.sql.types.LongType) {
      return "BIGINT";
    } else if (type instanceof org.apache.spark.sql.types.DoubleType) {
      return "DOUBLE";
    } else if (type instanceof org.apache.spark.sql.types.DateType) {
      return "DATE";
    } else if (type instanceof org.apache.spark.sql.types.TimestampType) {
      // Spark writes isAdjustedToUTC=true, which DuckDB reads as an instant, not a wall-clock time.
      return "TIMESTAMP WITH TIME ZONE";
    } else if (type instanceof org.apache.spark.sql.types.DecimalType decimal) {
      return "DECIMAL(" + decimal.precision() + "," + decimal.scale() + ")";
    } else if (type instanceof org.apache.spark.sql.types.ArrayType array) {
      return duckDbType(array.elementType()) + "[]";
    } else if (type instanceof org.apache.spark.sql.types.MapType map) {
      return "MAP(" + duckDbType(map.keyType()) + ", " + duckDbType(map.valueType()) + ")";
    } else if (type instanceof org.apache.spark.sql.types.StructType struct) {
      return Arrays.stream(struct.fields()).map(f -> f.name() + " " + duckDbType(f.dataType()))
          .collect(Collectors.joining(", ", "STRUCT(", ")"));
    }
    throw new AssertionError("No DuckDB name for " + type);
  }

  /** A Kernel type spelt as Spark's simpleString, so it compares with the contract's types. */
  private static String sqlTypeName(io.delta.kernel.types.DataType type) {
    if (type instanceof StringType) {
      return "string";
    } else if (type instanceof IntegerType) {
      return "int";
    } else if (type instanceof LongType) {
      return "bigint";
    } else if (type instanceof DoubleType) {
      return "double";
    } else if (type instanceof DateType) {
      return "date";
    } else if (type instanceof TimestampType) {
      return "timestamp";
    } else if (type instanceof DecimalType decimal) {
      return "decimal(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
    } else if (type instanceof ArrayType array) {
      return "array<" + sqlTypeName(array.getElementType()) + ">";
    } else if (type instanceof MapType map) {
      return "map<" + sqlTypeName(map.getKeyType()) + "," + sqlTypeName(map.getValueType()) + ">";
    } else if (type instanceof StructType struct) {
      return struct.fields().stream().map(f -> f.getName() + ":" + sqlTypeName(f.getDataType()))
          .collect(Collectors.joining(",", "struct<", ">"));
    }
    return "unexpected Kernel type " + type; // e.g. timestamp_ntz: fails the comparison with its name
  }

  /** A struct value by position, the same whichever engine read it. */
  private record StructValue(List<Object> fields) {}

  /**
   * One rendering of a row for every engine: decimals keep their scale, doubles their exact digits (the same
   * bits are read from the same file), dates and instants in ISO form, strings quoted, map entries sorted.
   */
  private static String canonical(Map<String, Object> row) {
    return row.entrySet().stream().map(e -> e.getKey() + "=" + canonical(e.getValue()))
        .collect(Collectors.joining(", ", "{", "}"));
  }

  private static String canonical(Object value) {
    if (value == null) {
      return "null";
    } else if (value instanceof String text) {
      return '"' + text + '"';
    } else if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    } else if (value instanceof Integer || value instanceof Long) {
      return value.toString();
    } else if (value instanceof Double number) {
      return Double.toString(number);
    } else if (value instanceof LocalDate || value instanceof Instant) {
      return value.toString();
    } else if (value instanceof List<?> list) {
      return list.stream().map(ForeignReadersTest::canonical).collect(Collectors.joining(", ", "[", "]"));
    } else if (value instanceof StructValue struct) {
      return struct.fields().stream().map(ForeignReadersTest::canonical).collect(Collectors.joining(", ", "(", ")"));
    } else if (value instanceof Map<?, ?> map) {
      Map<String, String> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put(canonical(k), canonical(v)));
      return sorted.toString();
    }
    throw new AssertionError("No rendering for " + value.getClass().getName() + ": " + value);
  }

  // ---------------------------------------------------------------- Files and SQL text

  /** Data files of every table under an output folder; a Delta log's own files are not table data. */
  private static List<String> parquetFiles(Path output) {
    try (Stream<Path> files = Files.walk(output)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".parquet"))
          .filter(f -> !f.toString().contains("_delta_log")).map(Path::toString).sorted().toList();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String sqlString(Object text) {
    return "'" + text.toString().replace("'", "''") + "'";
  }

  private static String rowText(ResultSet row) {
    try {
      return row.getString(1) + " " + row.getString(2);
    } catch (SQLException e) {
      return e.getMessage();
    }
  }
}
