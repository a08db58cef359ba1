package dev.crossborder.publish;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * A small file (the landing state, a run report, the Delta versions) replaced whole in one step, so that a reader
 * finds the old one or the new one and never none: on an object store one PUT (an object appears whole when its
 * upload completes), on a local disk an atomic move over the old file, elsewhere (HDFS) a rename that overwrites.
 */
public final class WholeFile {
  private WholeFile() {}

  /** URI schemes of object stores, which have no rename but replace an object whole. */
  static final Set<String> OBJECT_STORE_SCHEMES = Set.of("s3", "s3a", "s3n", "gs", "abfs", "abfss", "wasb",
      "wasbs", "oss", "cos", "cosn", "obs");

  /** Whether {@code location} is on an object store (by its URI scheme). */
  public static boolean onObjectStore(Configuration hadoopConf, String location) throws IOException {
    Path path = new Path(location);
    String scheme = path.getFileSystem(hadoopConf).makeQualified(path).toUri().getScheme();
    return scheme != null && OBJECT_STORE_SCHEMES.contains(scheme.toLowerCase(java.util.Locale.ROOT));
  }

  public static void replace(Configuration hadoopConf, Path path, byte[] content) throws IOException {
    FileSystem fs = path.getFileSystem(hadoopConf);
    Path qualified = fs.makeQualified(path);
    String scheme = qualified.toUri().getScheme();
    if ("file".equals(scheme)) {
      java.nio.file.Path file = java.nio.file.Path.of(qualified.toUri());
      Files.createDirectories(file.getParent());
      java.nio.file.Path next = file.resolveSibling("." + file.getFileName() + ".next");
      Files.write(next, content);
      Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    if (OBJECT_STORE_SCHEMES.contains(scheme)) {
      try (OutputStream out = fs.create(qualified, true)) {
        out.write(content);
      }
      return;
    }
    fs.mkdirs(qualified.getParent());
    Path next = new Path(qualified.getParent(), "." + qualified.getName() + ".next");
    try (OutputStream out = fs.create(next, true)) {
      out.write(content);
    }
    FileContext.getFileContext(qualified.toUri(), hadoopConf).rename(next, qualified, Options.Rename.OVERWRITE);
  }
}
