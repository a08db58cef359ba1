package dev.crossborder.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_csv;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import dev.crossborder.ingest.LandingFiles.Format;
import dev.crossborder.ingest.LandingFiles.LandingFile;
import dev.crossborder.model.Columns;
import dev.crossborder.model.JobException;
import dev.crossborder.model.StoreFailure;
import dev.crossborder.model.LandingDataset;
import dev.crossborder.model.ParsedColumns;
import dev.crossborder.shims.SparkShims;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads landing files of one dataset, any mix of CSV, JSON lines and Parquet, into one frame of text columns
 * (the contract columns, {@code source_file} and {@code _corrupt_record}). Typing is left to the quality
 * stage so that a bad value becomes a quarantine reason instead of a failed read or a silent null.
 *
 * <p>A Parquet file may carry the contract's dates and numbers typed (a DATE, a DECIMAL, a DOUBLE, an INT): for the
 * columns the contract lists as typed, such a value is kept as it is in {@link ParsedColumns#typedValue}, with a
 * null text, so that the quality stage reads it as it is instead of printing it as text and parsing it back; every
 * frame of one read carries these columns, with one type each.
 */
public final class LandingReader {
  private static final Logger LOG = LoggerFactory.getLogger(LandingReader.class);

  private LandingReader() {}

  /**
   * A dataset's contract: what to read, which columns must be there and which are free text (where a quoted
   * value may hold a line break; columns outside the contract count as free text too, being only ignored).
   */
  public record Contract(String name, List<String> columns, List<String> requiredColumns,
      List<String> freeTextColumns, List<String> typedColumns) {

    /** A contract without free-text columns: a line break in any of its values is a broken record. */
    public Contract(String name, List<String> columns, List<String> requiredColumns) {
      this(name, columns, requiredColumns, List.of());
    }

    /** A contract whose values are all read as text. */
    public Contract(String name, List<String> columns, List<String> requiredColumns, List<String> freeTextColumns) {
      this(name, columns, requiredColumns, freeTextColumns, List.of());
    }

    /** The contract of a landing dataset, its free text and typed columns included. */
    public static Contract of(LandingDataset dataset) {
      return new Contract(dataset.folder(), dataset.columns(), dataset.requiredColumns(), dataset.freeTextColumns(),
          dataset.typedColumns());
    }

    boolean mayHoldLineBreak(String column) {
      return freeTextColumns.contains(column) || !columns.contains(column);
    }
  }

  public static Dataset<Row> read(SparkSession spark, String folder, Contract contract) {
    Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
    return read(spark, LandingFiles.list(hadoopConf, folder, contract.name()), folder, contract);
  }

  /** Reads the given files of a dataset (listed under {@code folder}, which error messages name). */
  public static Dataset<Row> read(SparkSession spark, List<LandingFile> files, String folder, Contract contract) {
    Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
    List<Dataset<Row>> parts = new ArrayList<>();
    // Parquet first: its files' types are those of the typed columns in every part.
    Map<String, DataType> typedTypes = textTypes(contract);
    List<String> parquetFiles = pathsOf(files, Format.PARQUET);
    if (!parquetFiles.isEmpty()) {
      Dataset<Row> parquet = readParquet(spark, parquetFiles, contract);
      typedTypes = typedTypes(parquet.schema(), contract);
      parts.add(toContract(parquet, List.of(parquet.columns()), contract, typedTypes, col("_metadata.file_path")));
    }
    Map<String, DataType> typed = typedTypes;
    List<Dataset<Row>> textParts = new ArrayList<>(readCsv(spark, hadoopConf, files, contract));
    List<String> jsonFiles = pathsOf(files, Format.JSONL);
    if (!jsonFiles.isEmpty()) {
      textParts.add(readJsonLines(spark, jsonFiles, contract));
    }
    textParts.forEach(part -> parts.add(withTypedColumns(part, typed)));
    if (parts.isEmpty()) {
      throw JobException.input("Cannot read " + contract.name() + ": every file under " + folder
          + " is empty (put at least one file with a header and rows there)");
    }
    Dataset<Row> all = parts.get(0);
    for (Dataset<Row> part : parts.subList(1, parts.size())) {
      all = all.unionByName(part);
    }
    return all;
  }

  /**
   * One reference CSV file read the same way as landing CSV (by header, records whole, malformed ones kept in
   * {@code _corrupt_record}), in file order; the caller validates it row by row. A quote never closed fails here
   * (exit 2 naming its line): it would read the rest of the file into one field.
   *
   * <p>Reference files are small, so the file is split into records on the driver (as Spark's parser splits them,
   * see {@link CsvQuotes#records}) and each record parsed by Spark's own CSV parser ({@code from_csv}, with the
   * options of a landing read) over rows held in the plan: Spark evaluates such a plan on the driver, so reading
   * the five reference files starts no Spark job (it started one per file).
   */
  public static Dataset<Row> readCsvFile(SparkSession spark, String file, Contract contract) {
    Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
    try {
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file);
      if (!path.getFileSystem(hadoopConf).exists(path)) {
        throw JobException.input("Cannot read " + contract.name() + ": " + file
            + " does not exist (reference files live under --input/reference)");
      }
    } catch (java.io.IOException e) {
      throw JobException.input("Cannot read " + file + ": " + StoreFailure.describe(e), e);
    }
    CsvQuotes.Records records = CsvQuotes.records(hadoopConf, file);
    records.openAtEnd().ifPresent(open -> {
      throw JobException.input(contract.name() + " line " + open.quoteLine() + ": the quoted field opened there is"
          + " never closed, so every line after it would be read into that field (a quote is missing, or the file"
          + " is cut off); fix the file");
    });
    List<String> header = LandingFiles.csvHeader(hadoopConf, file);
    if (header.isEmpty() || records.texts().isEmpty()) {
      throw JobException.input("Cannot read " + contract.name() + ": " + file + " is empty (it needs a header row)");
    }
    checkColumns(contract, file, header);
    String recordColumn = "_record";
    List<Row> texts = records.texts().subList(1, records.texts().size()).stream().map(RowFactory::create).toList();
    Dataset<Row> lines = spark.createDataFrame(texts, new StructType().add(recordColumn, DataTypes.StringType));
    StructType schema = textSchema(header).add(Columns.CORRUPT_RECORD, DataTypes.StringType);
    Dataset<Row> frame = lines
        .select(from_csv(col(recordColumn), lit(schema.toDDL()), Map.of(
            "mode", "PERMISSIVE",
            "columnNameOfCorruptRecord", Columns.CORRUPT_RECORD)).as(recordColumn))
        .select(col(recordColumn + ".*"));
    return toContract(withBrokenQuoting(frame, header, contract), header, contract, lit(file));
  }

  private static List<String> pathsOf(List<LandingFile> files, Format format) {
    return files.stream().filter(f -> f.format() == format).map(LandingFile::path).toList();
  }

  /**
   * CSV files are grouped by header so each group is read by name, whatever its column order. Records are read
   * whole ({@code multiLine}): a quoted field may hold a line break (RFC 4180; spreadsheet exports with notes
   * do this), which a line-by-line read cut in two, accepting the first part with its field truncated. Spark
   * then reads each file unsplit, in one task. Measured on the generated 1 M-row CSV landing (133 files of
   * 0.1-2.2 MB, 78 MB; 2 cores shared, so CPU time is the figure that held): the whole job took 152-156 s of CPU
   * against 154-179 s line by line, and reading the files alone 4.3-5.8 s against 4.2-6.4 s; one 78 MB file
   * took 2.4-3.3 s in 1 task against 2.2-2.9 s in 2. So the cost is a big file's lost parallelism, not more
   * work: split big CSV files (the generator writes one per month), or land Parquet.
   */
  private static List<Dataset<Row>> readCsv(
      SparkSession spark, Configuration hadoopConf, List<LandingFile> files, Contract contract) {
    Map<List<String>, List<String>> filesByHeader = new LinkedHashMap<>();
    for (String file : pathsOf(files, Format.CSV)) {
      List<String> header = LandingFiles.csvHeader(hadoopConf, file);
      if (header.isEmpty()) {
        LOG.warn("Skipping empty file {}", file);
        continue;
      }
      checkColumns(contract, file, header);
      filesByHeader.computeIfAbsent(header, h -> new ArrayList<>()).add(file);
    }
    List<Dataset<Row>> parts = new ArrayList<>();
    filesByHeader.forEach((header, group) -> {
      List<String> whole = new ArrayList<>();
      // A quote left open in a record's last field reads the rest of the file into that field, and Spark keeps
      // the record. Where that field may hold a line break (free text, or a column outside the contract) nothing
      // in the row tells, so the file's quotes are followed on the driver, a read of the whole file: only for such
      // files (gmv, whose last column is source; never shipments, which have no free text).
      boolean openQuoteHides = contract.mayHoldLineBreak(header.get(header.size() - 1));
      for (String file : group) {
        Optional<CsvQuotes.OpenQuote> open = openQuoteHides ? CsvQuotes.openAtEnd(hadoopConf, file) : Optional.empty();
        if (open.isPresent() && open.get().inHeader()) {
          throw JobException.input("Cannot read " + contract.name() + ": " + file + " line " + open.get().quoteLine()
              + ": the header's quoted field opened there is never closed, so the whole file would be read into it;"
              + " fix the header");
        }
        if (open.isPresent()) {
          LOG.warn("{} line {}: the quoted field opened there is never closed; its record (from line {} to the end"
              + " of the file) is quarantined as malformed", file, open.get().quoteLine(), open.get().recordLine());
          Dataset<Row> frame = readCsvGroup(spark, header, List.of(file), contract);
          parts.add(toContract(withLastRecordMalformed(frame, open.get().recordText()), header, contract));
        } else {
          whole.add(file);
        }
      }
      if (!whole.isEmpty()) {
        parts.add(toContract(readCsvGroup(spark, header, whole, contract), header, contract));
      }
    });
    return parts;
  }

  /** CSV files of one header, records whole, with their broken records marked in {@code _corrupt_record}. */
  private static Dataset<Row> readCsvGroup(SparkSession spark, List<String> header, List<String> files,
      Contract contract) {
    StructType schema = textSchema(header).add(Columns.CORRUPT_RECORD, DataTypes.StringType);
    Dataset<Row> frame = spark.read()
        .schema(schema)
        .option("header", "true")
        // The header was read by name above; Spark must not re-check it against the schema.
        .option("enforceSchema", "true")
        .option("multiLine", "true")
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", Columns.CORRUPT_RECORD)
        .csv(files.toArray(String[]::new));
    return withBrokenQuoting(frame, header, contract);
  }

  /** {@code frame} with the records whose quoting broke (see {@link #brokenQuoting}) in {@code _corrupt_record}. */
  private static Dataset<Row> withBrokenQuoting(Dataset<Row> frame, List<String> header, Contract contract) {
    Column values = to_json(struct(header.stream().map(LandingReader::column).toArray(Column[]::new)));
    return frame.withColumn(Columns.CORRUPT_RECORD,
        coalesce(col(Columns.CORRUPT_RECORD), when(brokenQuoting(header, contract), values)));
  }

  /**
   * True on a record whose quoting broke though Spark split it into the right number of fields: a quote left
   * open (or closed by a quote inside the text) reads the lines after it, later records included, into one field.
   * So a line break is a broken record in a column that cannot hold one (codes, numbers, dates, ids), and in a
   * free-text one when the value starts with the quote: Spark keeps the quote when it gave up on the field's
   * quoting. Marked here, the record is quarantined as {@code MALFORMED_RECORD} with its values.
   */
  private static Column brokenQuoting(List<String> header, Contract contract) {
    Column broken = lit(false);
    for (String name : header) {
      Column value = column(name);
      Column lineBreak = value.contains("\n").or(value.contains("\r"));
      broken = broken.or(contract.mayHoldLineBreak(name) ? lineBreak.and(value.startsWith("\"")) : lineBreak);
    }
    return coalesce(broken, lit(false));
  }

  /**
   * {@code frame} (one file whose last quoted field is never closed) with its last record malformed, carrying
   * {@code recordText} unless Spark found it malformed itself (too few fields): the file is read in one task, so
   * its records come in file order and that record, which runs to the end of the file, is the last. It costs one
   * more read of the file, which is rare.
   */
  private static Dataset<Row> withLastRecordMalformed(Dataset<Row> frame, String recordText) {
    long records = frame.count();
    String index = "_record_index";
    return frame
        .withColumn(index, monotonically_increasing_id())
        .withColumn(Columns.CORRUPT_RECORD,
            when(col(index).equalTo(records - 1), coalesce(col(Columns.CORRUPT_RECORD), lit(recordText)))
                .otherwise(col(Columns.CORRUPT_RECORD)))
        .drop(index);
  }

  /** A header name as a column, quoted: a name outside the contract may hold a dot or a space. */
  private static Column column(String name) {
    return col("`" + name.replace("`", "``") + "`");
  }

  private static Dataset<Row> readJsonLines(SparkSession spark, List<String> files, Contract contract) {
    StructType schema = textSchema(contract.columns()).add(Columns.CORRUPT_RECORD, DataTypes.StringType);
    String sourceFile = "_source_file";
    Dataset<Row> frame = SparkShims.readJsonLines(spark, schema,
        Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", Columns.CORRUPT_RECORD), files, sourceFile);
    return toContract(frame, contract.columns(), contract, col(sourceFile));
  }

  /** Each typed column of the contract as text: what a read without typed Parquet values carries. */
  private static Map<String, DataType> textTypes(Contract contract) {
    Map<String, DataType> types = new LinkedHashMap<>();
    contract.typedColumns().forEach(name -> types.put(name, DataTypes.StringType));
    return types;
  }

  /** The type of each typed column of the contract in {@code schema} (text where it is absent). */
  private static Map<String, DataType> typedTypes(StructType schema, Contract contract) {
    Map<String, DataType> types = textTypes(contract);
    for (StructField field : schema.fields()) {
      if (types.containsKey(field.name())) {
        types.put(field.name(), field.dataType());
      }
    }
    return types;
  }

  /** A part read as text ({@link #toContract}) with the typed columns as nulls of {@code typedTypes}. */
  private static Dataset<Row> withTypedColumns(Dataset<Row> part, Map<String, DataType> typedTypes) {
    Map<String, Column> typed = new LinkedHashMap<>();
    typedTypes.forEach((name, type) -> typed.put(ParsedColumns.typedValue(name), lit(null).cast(type)));
    return part.withColumns(typed);
  }

  private static Dataset<Row> readParquet(SparkSession spark, List<String> files, Contract contract) {
    files.forEach(file -> LandingFiles.requireParquetEnvelope(spark.sparkContext().hadoopConfiguration(), file,
        contract.name()));
    Dataset<Row> frame;
    try {
      frame = spark.read().option("mergeSchema", "true").parquet(files.toArray(String[]::new));
    } catch (Exception e) { // Spark throws its SparkException undeclared, as Scala does
      if (isSchemaConflict(e)) {
        // One file of text columns beside typed ones (or a DATE beside a DOUBLE): one read cannot hold both.
        throw JobException.input("Cannot read " + contract.name() + ": its Parquet files give "
            + typeConflict(spark, files).orElse("a column two types (" + JobException.rootCauseMessage(e) + ")")
            + "; write every file with the same type per column, all text or all typed", e);
      }
      // Footers are read here, so a truncated or corrupt file fails now, before anything is written.
      throw JobException.input("Cannot read " + contract.name() + ": a Parquet file is unreadable ("
          + JobException.rootCauseMessage(e) + "); replace or remove it", e);
    }
    List<String> present = List.of(frame.columns());
    checkColumns(contract, files.size() == 1 ? files.get(0) : "the Parquet files", present);
    return frame.withColumn(Columns.CORRUPT_RECORD, lit(null).cast(DataTypes.StringType));
  }

  /**
   * The first column that two of {@code files} give different types, as "column X two types (T1 in file1, T2 in
   * file2)": each file's footer read alone, on the way to an error only.
   */
  private static Optional<String> typeConflict(SparkSession spark, List<String> files) {
    Map<String, String> firstTypes = new LinkedHashMap<>();
    Map<String, String> firstFiles = new LinkedHashMap<>();
    for (String file : files) {
      StructType schema;
      try {
        schema = spark.read().parquet(file).schema();
      } catch (Exception e) { // an unreadable footer: the generic message covers it
        return Optional.empty();
      }
      for (StructField field : schema.fields()) {
        String type = field.dataType().sql();
        String seen = firstTypes.putIfAbsent(field.name(), type);
        firstFiles.putIfAbsent(field.name(), file);
        if (seen != null && !seen.equals(type)) {
          return Optional.of("column " + field.name() + " two types (" + seen + " in " + firstFiles.get(field.name())
              + ", " + type + " in " + file + ")");
        }
      }
    }
    return Optional.empty();
  }

  /** True when merging the files' schemas failed on a column's type (Spark's CANNOT_MERGE_* errors). */
  private static boolean isSchemaConflict(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage());
      if (message.contains("CANNOT_MERGE") || message.contains("Failed to merge")) {
        return true;
      }
    }
    return false;
  }

  private static void checkColumns(Contract contract, String file, List<String> present) {
    Set<String> seen = new HashSet<>();
    for (String name : present) {
      if (!seen.add(name)) {
        throw JobException.input("Cannot read " + contract.name() + ": " + file + " has column '" + name
            + "' twice; fix the header");
      }
    }
    List<String> missing = contract.requiredColumns().stream().filter(c -> !present.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw JobException.input("Cannot read " + contract.name() + ": " + file + " lacks required column(s) "
          + String.join(", ", missing) + " (found: " + String.join(", ", present) + ")");
    }
    List<String> extra = present.stream().filter(c -> !contract.columns().contains(c)).toList();
    if (!extra.isEmpty()) {
      LOG.warn("{}: ignoring column(s) {} not in the {} contract", file, extra, contract.name());
    }
  }

  private static StructType textSchema(List<String> names) {
    return new StructType(names.stream()
        .map(n -> DataTypes.createStructField(n, DataTypes.StringType, true))
        .toArray(StructField[]::new));
  }

  /** Contract columns as text in contract order (absent optional ones null), lineage and corrupt text. */
  private static Dataset<Row> toContract(Dataset<Row> frame, List<String> present, Contract contract) {
    return toContract(frame, present, contract, col("_metadata.file_path"));
  }

  /** As {@link #toContract(Dataset, List, Contract)}, with {@code sourceFile} as the lineage. */
  private static Dataset<Row> toContract(Dataset<Row> frame, List<String> present, Contract contract,
      Column sourceFile) {
    return toContract(frame, present, contract, Map.of(), sourceFile);
  }

  /**
   * As above, with the typed columns of {@code typedTypes} (the frame's own types: a column of a non-text type)
   * kept as they are in {@link ParsedColumns#typedValue}, their text null; the others as text.
   */
  private static Dataset<Row> toContract(Dataset<Row> frame, List<String> present, Contract contract,
      Map<String, DataType> typedTypes, Column sourceFile) {
    Column noText = lit(null).cast(DataTypes.StringType);
    List<Column> select = new ArrayList<>();
    List<Column> typedValues = new ArrayList<>();
    for (String name : contract.columns()) {
      DataType typedType = typedTypes.get(name);
      boolean keptTyped = typedType != null && !typedType.equals(DataTypes.StringType) && present.contains(name);
      Column text = present.contains(name) && !keptTyped ? col(name).cast(DataTypes.StringType) : noText;
      select.add(text.as(name));
      if (typedType != null) {
        typedValues.add((keptTyped ? col(name) : lit(null).cast(typedType)).as(ParsedColumns.typedValue(name)));
      }
    }
    select.addAll(typedValues);
    select.add(sourceFile.as(Columns.SOURCE_FILE));
    select.add(col(Columns.CORRUPT_RECORD));
    return frame.select(select.toArray(Column[]::new));
  }
}
