package dev.crossborder.ingest;

import dev.crossborder.model.JobException;
import dev.crossborder.model.StoreFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * SHA-256 of the reference files' names and bytes (and of a policy scenarios or expectations file given apart).
 * FX rates, countries, de minimis rules and scenarios shape every cube row, and expectations which rows are
 * quarantined, so an incremental refresh is only sound while this is unchanged.
 */
public final class ReferenceFingerprint {
  private ReferenceFingerprint() {}

  public static String of(Configuration hadoopConf, String input) {
    return of(hadoopConf, input, null);
  }

  /** With the bytes of {@code scenariosFile} too, when not null. */
  public static String of(Configuration hadoopConf, String input, String scenariosFile) {
    return of(hadoopConf, input, scenariosFile, null);
  }

  /** With the bytes of {@code scenariosFile} and {@code expectationsFile} too, each when not null. */
  public static String of(Configuration hadoopConf, String input, String scenariosFile, String expectationsFile) {
    Path folder = new Path(input, "reference");
    try {
      FileSystem fs = folder.getFileSystem(hadoopConf);
      FileStatus[] files = fs.listStatus(folder);
      Arrays.sort(files, Comparator.comparing(f -> f.getPath().getName()));
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (FileStatus file : files) {
        if (!file.isFile()) {
          continue;
        }
        add(digest, fs, file.getPath(), file.getPath().getName(), buffer);
      }
      if (scenariosFile != null) {
        Path scenarios = new Path(scenariosFile);
        add(digest, scenarios.getFileSystem(hadoopConf), scenarios, "--scenarios", buffer);
      }
      if (expectationsFile != null) {
        Path expectations = new Path(expectationsFile);
        add(digest, expectations.getFileSystem(hadoopConf), expectations, "--expectations", buffer);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw JobException.input("Cannot read the reference files under " + folder + ": " + StoreFailure.describe(e), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static void add(MessageDigest digest, FileSystem fs, Path file, String name, byte[] buffer)
      throws IOException {
    digest.update((name + "\n").getBytes(StandardCharsets.UTF_8));
    try (InputStream in = fs.open(file)) {
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
  }
}
