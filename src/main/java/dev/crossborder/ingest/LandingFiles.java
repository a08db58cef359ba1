package dev.crossborder.ingest;

import dev.crossborder.model.JobException;
import dev.crossborder.model.StoreFailure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/** Finds landing files under a folder (local or any Hadoop file system) and tells their format. */
public final class LandingFiles {
  private LandingFiles() {}

  /** File formats the job reads, told apart by extension (optionally followed by a compression suffix). */
  public enum Format {
    CSV,
    JSONL,
    PARQUET
  }

  /**
   * One landing file: its path as the file system lists it, format, size in bytes and modification time
   * (epoch milliseconds), which tell an incremental refresh whether the file changed since it was processed.
   */
  public record LandingFile(String path, Format format, long length, long modificationTime) {

    /** The path as Spark reports it in {@code _metadata.file_path}, hence in {@code source_file} columns. */
    public String sourceFile() {
      return sourceFileOf(path);
    }
  }

  /** A listed path in the form Spark gives {@code _metadata.file_path} (the URI, percent-encoded). */
  public static String sourceFileOf(String listedPath) {
    return new Path(listedPath).toUri().toString();
  }

  /** Spark's words for a file it failed to read (3.5's message; 4.x's FAILED_READ_FILE condition says the same). */
  private static final java.util.regex.Pattern FAILED_READ = java.util.regex.Pattern.compile(
      "Encountered error while reading file (\\S+?)\\.?(?:\\s|$)");

  /**
   * The landing file a Spark read failed on, when {@code failure} is one: a file that cannot be decompressed or
   * decoded to its end (a truncated download, say), which Spark reports as an error reading that file, by path.
   */
  public static java.util.Optional<String> unreadableFile(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof org.apache.spark.SparkThrowable spark && spark.getMessageParameters() != null
          && spark.getMessageParameters().containsKey("path")
          && String.valueOf(t.getMessage()).contains("reading file")) {
        return java.util.Optional.of(spark.getMessageParameters().get("path"));
      }
      java.util.regex.Matcher matcher = FAILED_READ.matcher(String.valueOf(t.getMessage()));
      if (matcher.find()) {
        return java.util.Optional.of(matcher.group(1));
      }
    }
    return java.util.Optional.empty();
  }

  /** Fails with exit 2 unless {@code folder} exists and is a folder. */
  public static void requireFolder(Configuration hadoopConf, String folder, String option) {
    Path root = new Path(folder);
    try {
      FileSystem fs = root.getFileSystem(hadoopConf);
      if (!fs.exists(root) || !fs.getFileStatus(root).isDirectory()) {
        throw JobException.input(option + " " + folder + " is not a folder; give the landing folder that holds"
            + " reference/, gmv/ and shipments/ (e.g. datasets/sample)");
      }
    } catch (IOException e) {
      throw JobException.input("Cannot read " + option + " " + folder + ": " + StoreFailure.describe(e), e);
    }
  }

  /** All data files under {@code folder}, recursively, sorted by path; hidden files ('.' or '_') are skipped. */
  public static List<LandingFile> list(Configuration hadoopConf, String folder, String what) {
    Path root = new Path(folder);
    try {
      FileSystem fs = root.getFileSystem(hadoopConf);
      if (!fs.exists(root)) {
        throw JobException.input("Cannot read " + what + ": folder " + folder + " does not exist (expected under --input)");
      }
      if (!fs.getFileStatus(root).isDirectory()) {
        throw JobException.input("Cannot read " + what + ": " + folder + " is a file, expected a folder");
      }
      List<LandingFile> files = new ArrayList<>();
      RemoteIterator<? extends FileStatus> it = fs.listFiles(root, true);
      while (it.hasNext()) {
        FileStatus status = it.next();
        if (isHidden(root, status.getPath())) {
          continue;
        }
        String path = status.getPath().toString();
        Format format = formatOf(path);
        if (format == null) {
          throw JobException.input("Cannot read " + what + ": " + path
              + " has an unsupported extension (use .csv, .jsonl, .json or .parquet, optionally .gz); move it out of the folder");
        }
        files.add(new LandingFile(path, format, status.getLen(), status.getModificationTime()));
      }
      if (files.isEmpty()) {
        throw JobException.input("Cannot read " + what + ": folder " + folder
            + " holds no .csv, .jsonl or .parquet files (put the landing files there)");
      }
      files.sort(Comparator.comparing(LandingFile::path));
      return files;
    } catch (IOException e) {
      throw JobException.input("Cannot read " + what + ": listing " + folder + " failed: " + StoreFailure.describe(e), e);
    }
  }

  /** Hidden by the Hadoop convention: any path segment below the root starting with '.' or '_'. */
  private static boolean isHidden(Path root, Path file) {
    for (Path p = file; p != null && !p.toUri().getPath().equals(root.toUri().getPath()); p = p.getParent()) {
      String name = p.getName();
      if (name.startsWith(".") || name.startsWith("_")) {
        return true;
      }
    }
    return false;
  }

  static Format formatOf(String path) {
    String name = path.toLowerCase(Locale.ROOT);
    for (String compression : List.of(".gz", ".bz2", ".deflate", ".zst", ".lz4", ".snappy")) {
      if (name.endsWith(compression) && !name.endsWith(".parquet")) {
        name = name.substring(0, name.length() - compression.length());
        break;
      }
    }
    if (name.endsWith(".csv")) {
      return Format.CSV;
    }
    if (name.endsWith(".jsonl") || name.endsWith(".json") || name.endsWith(".ndjson")) {
      return Format.JSONL;
    }
    if (name.endsWith(".parquet")) {
      return Format.PARQUET;
    }
    return null;
  }

  private static final byte[] PARQUET_MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

  /**
   * Fails with exit 2 naming the file unless it starts and ends with Parquet's magic bytes: a truncated or
   * foreign file is caught here, before Spark meets it in a task and the run fails half-way.
   */
  public static void requireParquetEnvelope(Configuration hadoopConf, String file, String what) {
    Path path = new Path(file);
    try {
      FileSystem fs = path.getFileSystem(hadoopConf);
      long length = fs.getFileStatus(path).getLen();
      byte[] head = new byte[4];
      byte[] tail = new byte[4];
      boolean valid = length >= 12;
      if (valid) {
        try (org.apache.hadoop.fs.FSDataInputStream in = fs.open(path)) {
          in.readFully(0, head);
          in.readFully(length - 4, tail);
        }
        valid = java.util.Arrays.equals(head, PARQUET_MAGIC) && java.util.Arrays.equals(tail, PARQUET_MAGIC);
      }
      if (!valid) {
        throw JobException.input("Cannot read " + what + ": " + file + " is not a complete Parquet file"
            + " (truncated or another format); replace or remove it");
      }
    } catch (IOException e) {
      throw JobException.input("Cannot read " + what + ": " + file + ": " + StoreFailure.describe(e), e);
    }
  }

  /**
   * The header line of a CSV file split into column names (decompressing by extension, without a BOM), or
   * an empty list for an empty file.
   */
  public static List<String> csvHeader(Configuration hadoopConf, String file) {
    try {
      try (BufferedReader reader = openText(hadoopConf, file)) {
        String line = reader.readLine();
        if (line == null) {
          return List.of();
        }
        if (line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        List<String> names = new ArrayList<>();
        for (String name : line.split(",", -1)) {
          names.add(name.trim().replaceAll("^\"|\"$", "").trim());
        }
        return names;
      }
    } catch (IOException e) {
      throw JobException.input("Cannot read " + file + ": " + StoreFailure.describe(e), e);
    }
  }

  /** A landing file as UTF-8 text, decompressed by its extension (.gz, ...); the caller closes it. */
  static BufferedReader openText(Configuration hadoopConf, String file) throws IOException {
    Path path = new Path(file);
    FileSystem fs = path.getFileSystem(hadoopConf);
    CompressionCodec codec = new CompressionCodecFactory(hadoopConf).getCodec(path);
    InputStream raw = fs.open(path);
    try {
      InputStream in = codec == null ? raw : codec.createInputStream(raw);
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /**
   * The first of {@code files} that cannot be decompressed to its end, when {@code failure} (a Spark read that
   * failed) was an I/O error: Spark's tasks report a truncated compressed file (EOFException: Unexpected end of input
   * stream) without saying which file, so each compressed file is read through once, on this failure path only.
   */
  public static java.util.Optional<String> firstUndecompressable(Configuration hadoopConf, List<LandingFile> files,
      Throwable failure) {
    boolean ioFailure = false;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      ioFailure |= t instanceof IOException;
    }
    if (!ioFailure) {
      return java.util.Optional.empty();
    }
    CompressionCodecFactory codecs = new CompressionCodecFactory(hadoopConf);
    byte[] buffer = new byte[64 * 1024];
    for (LandingFile file : files) {
      Path path = new Path(file.path());
      CompressionCodec codec = codecs.getCodec(path);
      if (codec == null) {
        continue;
      }
      try (InputStream in = codec.createInputStream(path.getFileSystem(hadoopConf).open(path))) {
        while (in.read(buffer) >= 0) {
          // read to the end: a truncated file fails here
        }
      } catch (IOException | RuntimeException e) {
        return java.util.Optional.of(file.path());
      }
    }
    return java.util.Optional.empty();
  }
}
