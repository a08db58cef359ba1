package dev.crossborder.publish;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.crossborder.model.MonthRange;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The landing files an output folder's tables were built from ({@code state/landing_files.json}): each file's
 * size, modification time and months, with the reference fingerprint and table format of the run that wrote
 * it. An incremental refresh reads only files that are new or differ from this record.
 *
 * <p>Written after the tables of a run and before its history row. A crash in between leaves the previous
 * state: the next refresh reads those files again and replaces the same months and quarantine rows, which
 * counts nothing twice.
 */
public record LandingState(String runId, String format, String referenceFingerprint, List<ProcessedFile> files) {

  public static final String RELATIVE_PATH = "state/landing_files.json";

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public LandingState {
    files = List.copyOf(files);
  }

  /**
   * One processed landing file; {@code firstMonth}/{@code lastMonth} (ISO dates of month starts, text so the
   * file needs no date module) are null when it held no dated row. {@code sourceFile} is the path as the
   * quarantine table's {@code source_file} holds it.
   */
  public record ProcessedFile(String dataset, String path, String sourceFile, long length, long modificationTime,
      String firstMonth, String lastMonth) {

    public static ProcessedFile of(String dataset, String path, String sourceFile, long length,
        long modificationTime, Optional<MonthRange> months) {
      return new ProcessedFile(dataset, path, sourceFile, length, modificationTime,
          months.map(m -> m.first().toString()).orElse(null), months.map(m -> m.last().toString()).orElse(null));
    }

    public Optional<MonthRange> months() {
      return firstMonth == null ? Optional.empty()
          : Optional.of(new MonthRange(LocalDate.parse(firstMonth), LocalDate.parse(lastMonth)));
    }
  }

  public List<ProcessedFile> filesOf(String dataset) {
    return files.stream().filter(f -> f.dataset().equals(dataset)).toList();
  }

  /** The state of the output folder, if a run recorded one. A damaged file counts as none. */
  public static Optional<LandingState> read(Configuration hadoopConf, String outputRoot) {
    Path path = new Path(outputRoot, RELATIVE_PATH);
    try {
      FileSystem fs = path.getFileSystem(hadoopConf);
      if (!fs.exists(path)) {
        return Optional.empty();
      }
      try (InputStream in = fs.open(path)) {
        return Optional.of(JSON.readValue(in, LandingState.class));
      }
    } catch (IOException e) {
      // Unreadable state only costs a full rebuild, which rewrites it.
      return Optional.empty();
    }
  }

  /** Replaces the state whole, in one step: a reader finds the old state or the new one, never none. */
  public void write(Configuration hadoopConf, String outputRoot) {
    Path path = new Path(outputRoot, RELATIVE_PATH);
    try {
      WholeFile.replace(hadoopConf, path, JSON.writeValueAsBytes(this));
    } catch (IOException e) {
      throw new IllegalStateException("Writing the landing state " + path + " failed: " + e.getMessage(), e);
    }
  }
}
