package dev.crossborder.publish;

import dev.crossborder.config.OutputFormat;
import dev.crossborder.model.JobException;
import dev.crossborder.model.StoreFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The output folder's guard: a run writes only into a folder this tool created (it carries the marker
 * file) or an empty one, and never into, above or onto the input (DESIGN.md §6).
 */
public final class OutputFolder {
  private OutputFolder() {}

  /** Present in every output folder this tool created; its absence in a non-empty folder stops the run. */
  public static final String MARKER = ".crossborder-analytics";

  /** Checks the folder without writing anything: exit 2 when the run must not write there. */
  public static void check(Configuration hadoopConf, String input, String output) {
    try {
      Path in = qualified(hadoopConf, input);
      Path out = qualified(hadoopConf, output);
      if (out.equals(in) || isUnder(out, in) || isUnder(in, out)) {
        throw JobException.input("Refusing --output " + output + ": it is, contains or lies inside --input "
            + input + "; choose a separate folder such as output/");
      }
      FileSystem fs = out.getFileSystem(hadoopConf);
      Path marker = new Path(out, MARKER);
      if (fs.exists(out)) {
        if (!fs.getFileStatus(out).isDirectory()) {
          throw JobException.input("Refusing --output " + output + ": it is a file; give a folder");
        }
        FileStatus[] children = fs.listStatus(out);
        if (children.length > 0 && !fs.exists(marker)) {
          throw JobException.input("Refusing --output " + output + ": the folder is not empty and was not created"
              + " by crossborder-analytics (no " + MARKER + " file); choose an empty or new folder");
        }
      }
    } catch (IOException e) {
      throw JobException.input("Cannot prepare --output " + output + ": " + StoreFailure.describe(e), e);
    }
  }

  /** Checks the folder, then claims it (creates it and the marker) so the run can write under it. */
  public static void claim(Configuration hadoopConf, String input, String output) {
    check(hadoopConf, input, output);
    try {
      Path out = qualified(hadoopConf, output);
      FileSystem fs = out.getFileSystem(hadoopConf);
      Path marker = new Path(out, MARKER);
      if (!fs.exists(marker)) {
        fs.setWriteChecksum(false); // no .crc beside the marker
        fs.mkdirs(out);
        try (OutputStream stream = fs.create(marker, false)) {
          stream.write("Output folder of crossborder-analytics: runs may replace the tables under it.\n"
              .getBytes(StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw JobException.input("Cannot prepare --output " + output + ": " + StoreFailure.describe(e), e);
    }
  }

  /**
   * Exit 2 for {@code --format parquet} into an object store: its tables are swapped in by renaming folders, and an
   * object store has no rename (S3A copies and deletes every object, so a reader sees half a table or none for as
   * long as that takes). Delta commits need no rename there.
   */
  public static void requireSafePublishing(Configuration hadoopConf, String output, OutputFormat format) {
    try {
      if (format == OutputFormat.PARQUET && WholeFile.onObjectStore(hadoopConf, output)) {
        throw JobException.input("Refusing --format parquet for --output " + output + ": Parquet tables are published"
            + " by renaming folders, which an object store does not have (readers would see half a table); publish"
            + " Delta tables there (the default format)");
      }
    } catch (IOException e) {
      throw JobException.input("Cannot prepare --output " + output + ": " + StoreFailure.describe(e), e);
    }
  }

  /** Staging folder of Parquet tables being written; only one run at a time uses it (see OutputLock). */
  public static final String STAGING = "_staging";

  /**
   * Deletes what a killed run left in the staging folder. Called under the output lock, so no live run is
   * writing there; published tables are never in it.
   */
  public static void removeStaleStaging(Configuration hadoopConf, String output) {
    Path staging = new Path(output, STAGING);
    try {
      FileSystem fs = staging.getFileSystem(hadoopConf);
      if (fs.exists(staging)) {
        fs.delete(staging, true);
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot clean " + staging + ": " + e.getMessage(), e);
    }
  }

  static Path qualified(Configuration hadoopConf, String location) throws IOException {
    Path path = new Path(location);
    return path.getFileSystem(hadoopConf).makeQualified(path);
  }

  private static boolean isUnder(Path child, Path parent) {
    for (Path p = child.getParent(); p != null; p = p.getParent()) {
      if (p.equals(parent)) {
        return true;
      }
    }
    return false;
  }
}
