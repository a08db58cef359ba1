package dev.crossborder.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.crossborder.ingest.LandingFiles.Format;
import dev.crossborder.ingest.LandingFiles.LandingFile;
import dev.crossborder.model.Columns;
import dev.crossborder.model.JobException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads landing files of one dataset, any mix of CSV, JSON lines and Parquet, into one frame of text columns
 * (the contract columns, {@code source_file} and {@code _corrupt_record}). Typing is left to the quality
 * stage so that a bad value becomes a quarantine reason instead of a failed read or a silent null.
 */
public final class LandingReader {
  private static final Logger LOG = LoggerFactory.getLogger(LandingReader.class);

  private LandingReader() {}

  /** A dataset's contract: what to read and which columns must be there. */
  public record Contract(String name, List<String> columns, List<String> requiredColumns) {}

  public static Dataset<Row> read(SparkSession spark, String folder, Contract contract) {
    Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
    return read(spark, LandingFiles.list(hadoopConf, folder, contract.name()), folder, contract);
  }

  /** Reads the given files of a dataset (listed under {@code folder}, which error messages name). */
  public static Dataset<Row> read(SparkSession spark, List<LandingFile> files, String folder, Contract contract) {
    Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
    List<Dataset<Row>> parts = new ArrayList<>();
    parts.addAll(readCsv(spark, hadoopConf, files, contract));
    List<String> jsonFiles = pathsOf(files, Format.JSONL);
    if (!jsonFiles.isEmpty()) {
      parts.add(readJsonLines(spark, jsonFiles, contract));
    }
    List<String> parquetFiles = pathsOf(files, Format.PARQUET);
    if (!parquetFiles.isEmpty()) {
      parts.add(readParquet(spark, parquetFiles, contract));
    }
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
   * One reference CSV file read the same way as landing CSV (by header, malformed lines kept in
   * {@code _corrupt_record}), in file order; the caller validates it row by row.
   */
  public static Dataset<Row> readCsvFile(SparkSession spark, String file, Contract contract) {
    Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
    LandingFile landingFile = new LandingFile(file, Format.CSV, 0, 0);
    try {
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file);
      if (!path.getFileSystem(hadoopConf).exists(path)) {
        throw JobException.input("Cannot read " + contract.name() + ": " + file
            + " does not exist (reference files live under --input/reference)");
      }
    } catch (java.io.IOException e) {
      throw JobException.input("Cannot read " + file + ": " + e.getMessage(), e);
    }
    List<Dataset<Row>> parts = readCsv(spark, hadoopConf, List.of(landingFile), contract);
    if (parts.isEmpty()) {
      throw JobException.input("Cannot read " + contract.name() + ": " + file + " is empty (it needs a header row)");
    }
    return parts.get(0);
  }

  private static List<String> pathsOf(List<LandingFile> files, Format format) {
    return files.stream().filter(f -> f.format() == format).map(LandingFile::path).toList();
  }

  /** CSV files are grouped by header so each group is read by name, whatever its column order. */
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
      StructType schema = textSchema(header).add(Columns.CORRUPT_RECORD, DataTypes.StringType);
      Dataset<Row> frame = spark.read()
          .schema(schema)
          .option("header", "true")
          // The header was read by name above; Spark must not re-check it against the schema.
          .option("enforceSchema", "true")
          .option("mode", "PERMISSIVE")
          .option("columnNameOfCorruptRecord", Columns.CORRUPT_RECORD)
          .csv(group.toArray(String[]::new));
      parts.add(toContract(frame, header, contract));
    });
    return parts;
  }

  private static Dataset<Row> readJsonLines(SparkSession spark, List<String> files, Contract contract) {
    StructType schema = textSchema(contract.columns()).add(Columns.CORRUPT_RECORD, DataTypes.StringType);
    Dataset<Row> frame = spark.read()
        .schema(schema)
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", Columns.CORRUPT_RECORD)
        .json(files.toArray(String[]::new));
    return toContract(frame, contract.columns(), contract);
  }

  private static Dataset<Row> readParquet(SparkSession spark, List<String> files, Contract contract) {
    files.forEach(file -> LandingFiles.requireParquetEnvelope(spark.sparkContext().hadoopConfiguration(), file,
        contract.name()));
    Dataset<Row> frame;
    try {
      frame = spark.read().option("mergeSchema", "true").parquet(files.toArray(String[]::new));
    } catch (RuntimeException e) {
      // Footers are read here, so a truncated or corrupt file fails now, before anything is written.
      throw JobException.input("Cannot read " + contract.name() + ": a Parquet file is unreadable ("
          + JobException.rootCauseMessage(e) + "); replace or remove it", e);
    }
    List<String> present = List.of(frame.columns());
    checkColumns(contract, files.size() == 1 ? files.get(0) : "the Parquet files", present);
    return toContract(frame.withColumn(Columns.CORRUPT_RECORD, lit(null).cast(DataTypes.StringType)), present,
        contract);
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
    List<Column> select = new ArrayList<>();
    for (String name : contract.columns()) {
      Column value = present.contains(name) ? col(name).cast(DataTypes.StringType) : lit(null).cast(DataTypes.StringType);
      select.add(value.as(name));
    }
    select.add(col("_metadata.file_path").as(Columns.SOURCE_FILE));
    select.add(col(Columns.CORRUPT_RECORD));
    return frame.select(select.toArray(Column[]::new));
  }
}
