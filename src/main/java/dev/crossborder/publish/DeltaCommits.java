package dev.crossborder.publish;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossborder.model.TableSpec;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.functional.FutureIO;

/**
 * The version and rows of each Delta commit a run makes, read from the commit's own file in the Delta log without
 * listing the log (a listing grows with the table's history, and on an object store every page is a request). The
 * versions the last run committed are kept in {@code state/delta_versions.json}; under the output lock nobody else
 * commits, so this run's commit is the next one, or comes after the commits of a run that was killed before it
 * recorded them: the first one after the last known whose user metadata names this run. Only a table the state does
 * not know (an output of an earlier version of the job, a table dropped meanwhile) has its log listed.
 */
final class DeltaCommits {
  static final String RELATIVE_PATH = "state/delta_versions.json";
  private static final Pattern COMMIT_FILE = Pattern.compile("(\\d{20})\\.json");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A commit: its version, the rows its operation wrote and its user metadata ("run_id=..."). */
  record Commit(long version, long rows, String userMetadata) {}

  private final Configuration hadoopConf;
  private final String outputRoot;
  private final Map<String, Long> latest;

  private DeltaCommits(Configuration hadoopConf, String outputRoot, Map<String, Long> latest) {
    this.hadoopConf = hadoopConf;
    this.outputRoot = outputRoot;
    this.latest = new ConcurrentHashMap<>(latest);
  }

  /** The versions recorded under {@code outputRoot}; none when the state is missing or unreadable. */
  static DeltaCommits read(Configuration hadoopConf, String outputRoot) {
    Path path = new Path(outputRoot, RELATIVE_PATH);
    try {
      FileSystem fs = path.getFileSystem(hadoopConf);
      try (InputStream in = FutureIO.awaitFuture(fs.openFile(path).build())) {
        return new DeltaCommits(hadoopConf, outputRoot, JSON.readValue(in, new TypeReference<Map<String, Long>>() {}));
      }
    } catch (FileNotFoundException e) {
      return new DeltaCommits(hadoopConf, outputRoot, Map.of());
    } catch (IOException | RuntimeException e) {
      return new DeltaCommits(hadoopConf, outputRoot, Map.of()); // rebuilt from the logs, one listing per table
    }
  }

  /** The commit run {@code runId} just made to the Delta table of {@code spec} at {@code tablePath}. */
  Commit committed(TableSpec spec, String tablePath, String runId) {
    Path log = new Path(tablePath, "_delta_log");
    String ours = "run_id=" + runId;
    try {
      FileSystem fs = log.getFileSystem(hadoopConf);
      Long known = latest.get(spec.relativePath());
      Optional<Commit> commit = Optional.empty();
      for (long version = known == null ? -1 : known + 1; version >= 0; version++) {
        Optional<Commit> next = read(fs, log, version);
        if (next.isEmpty() || ours.equals(next.get().userMetadata())) {
          commit = next;
          break;
        }
        // A killed run's commit, made after the versions were last recorded: this run's comes later.
      }
      if (commit.isEmpty()) {
        commit = read(fs, log, newestListed(fs, log));
      }
      Commit found = commit.orElseThrow(() -> new IllegalStateException("No commit in " + log + " after writing "
          + spec.name()));
      latest.put(spec.relativePath(), found.version());
      return found;
    } catch (IOException e) {
      throw new IllegalStateException("Reading the Delta log of " + tablePath + " failed: " + e.getMessage(), e);
    }
  }

  /** Records the versions for the next run: one object, replaced whole. */
  void write() {
    Path path = new Path(outputRoot, RELATIVE_PATH);
    try {
      WholeFile.replace(hadoopConf, path, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(new TreeMap<>(latest)));
    } catch (IOException e) {
      throw new IllegalStateException("Writing " + path + " failed: " + e.getMessage(), e);
    }
  }

  private static long newestListed(FileSystem fs, Path log) throws IOException {
    long version = -1;
    for (FileStatus file : fs.listStatus(log, p -> COMMIT_FILE.matcher(p.getName()).matches())) {
      version = Math.max(version, Long.parseLong(file.getPath().getName().substring(0, 20)));
    }
    return version;
  }

  /** The commit of {@code version}, from its file's commitInfo action; empty when there is no such file. */
  private static Optional<Commit> read(FileSystem fs, Path log, long version) throws IOException {
    if (version < 0) {
      return Optional.empty();
    }
    Path file = new Path(log, String.format(Locale.ROOT, "%020d.json", version));
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(
        FutureIO.awaitFuture(fs.openFile(file).build()), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        JsonNode info = JSON.readTree(line).path("commitInfo");
        if (!info.isMissingNode()) {
          return Optional.of(new Commit(version, info.path("operationMetrics").path("numOutputRows").asLong(0),
              info.path("userMetadata").asText("")));
        }
      }
      throw new IllegalStateException(file + " has no commitInfo action");
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }
}
