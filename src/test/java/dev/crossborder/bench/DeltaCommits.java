package dev.crossborder.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Counts the Delta commits a benchmark run makes under its output folder: the commit files
 * ({@code _delta_log/<20-digit version>.json}; checkpoints and checksums are not commits) that the run created.
 *
 * <p>Taken as a difference, not by modification time: the files are listed with their mtimes before the work
 * and again after it, and a commit file counts when it is new or its mtime changed. A run into a fresh folder
 * counts all of them; an incremental run into an existing output counts only its own. Comparing mtimes with the
 * JVM's start instead would depend on the file system's timestamp granularity (a previous run's last commit
 * can fall in the same second), and a plain before/after count would miss commits when a run drops a table and
 * writes it again under the same versions: Delta writes a commit file once and never changes it, so a changed
 * mtime is such a rewrite.
 */
final class DeltaCommits {
  private static final Pattern COMMIT_FILE = Pattern.compile("[0-9]{20}\\.json");

  private final Path output;
  private final Map<Path, FileTime> before;

  private DeltaCommits(Path output, Map<Path, FileTime> before) {
    this.output = output;
    this.before = before;
  }

  /** Lists the commit files under {@code output} (none when it does not exist yet); call before the work. */
  static DeltaCommits before(String output) {
    Path folder = Path.of(output).toAbsolutePath();
    return new DeltaCommits(folder, commitFiles(folder));
  }

  /** Commit files created (or rewritten) under the output folder since {@link #before}. */
  long made() {
    return commitFiles(output).entrySet().stream()
        .filter(e -> !e.getValue().equals(before.get(e.getKey())))
        .count();
  }

  private static Map<Path, FileTime> commitFiles(Path folder) {
    Map<Path, FileTime> commits = new HashMap<>();
    if (!Files.isDirectory(folder)) {
      return commits;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path parent = file.getParent();
        if (parent != null && parent.getFileName().toString().equals("_delta_log")
            && COMMIT_FILE.matcher(file.getFileName().toString()).matches()) {
          commits.put(file, Files.getLastModifiedTime(file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the Delta commits under " + folder, e);
    }
    return commits;
  }
}
