package dev.crossborder.publish;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The folder of a lock's objects, each written once: the one primitive the output lock needs is creating an object
 * that is not there yet, atomically, so that of several writers of the same name exactly one wins. Object stores give
 * it with a conditional write ({@code If-None-Match: *}, which S3 and S3-compatible stores honour, through S3A), HDFS
 * with its create, the local disk with a hard link. A store without it still works, as a best effort said in a warning.
 */
abstract class LockStore {
  /**
   * The create option of Hadoop's {@code createFile} builder that makes S3A send {@code If-None-Match: *} (Hadoop 3.4.2
   * and later; by name, so that the jars of lines on an older Hadoop compile).
   */
  static final String CREATE_IF_ABSENT = "fs.option.create.conditional.overwrite";

  /** Creates object {@code name} holding {@code content} when there is none; false when there is one. */
  abstract boolean createIfAbsent(String name, byte[] content) throws IOException;

  /** The names of the objects in the folder (none when it does not exist). */
  abstract List<String> names() throws IOException;

  /** Object {@code name}'s bytes; empty when it is gone. */
  abstract Optional<byte[]> read(String name) throws IOException;

  /** Deletes object {@code name} (nothing when it is gone). */
  abstract void delete(String name) throws IOException;

  /** Whether two writers of one name can never both win here (false: a best effort). */
  abstract boolean atomic();

  /** The store for the lock folder {@code folder}. */
  static LockStore at(Configuration hadoopConf, Path folder) throws IOException {
    FileSystem fs = folder.getFileSystem(hadoopConf);
    Path qualified = fs.makeQualified(folder);
    if ("file".equals(qualified.toUri().getScheme())) {
      return new Local(java.nio.file.Path.of(qualified.toUri()));
    }
    boolean conditional = fs.hasPathCapability(qualified, CREATE_IF_ABSENT);
    boolean hdfs = "hdfs".equals(qualified.toUri().getScheme());
    return new Hadoop(fs, qualified, conditional, conditional || hdfs);
  }

  /** On a Hadoop file system: S3A's conditional create where it has one, else create without overwrite. */
  static final class Hadoop extends LockStore {
    private final FileSystem fs;
    private final Path folder;
    private final boolean conditional;
    private final boolean atomic;

    Hadoop(FileSystem fs, Path folder, boolean conditional, boolean atomic) {
      this.fs = fs;
      this.folder = folder;
      this.conditional = conditional;
      this.atomic = atomic;
    }

    @Override
    boolean createIfAbsent(String name, byte[] content) throws IOException {
      Path object = new Path(folder, name);
      try (OutputStream out = conditional
          ? (OutputStream) fs.createFile(object).overwrite(false).must(CREATE_IF_ABSENT, true).build()
          : fs.create(object, false)) {
        out.write(content); // a conditional create is checked at close(), when the object is PUT
      } catch (IOException e) {
        if (lostRace(e)) {
          return false;
        }
        throw e;
      }
      return true;
    }

    @Override
    List<String> names() throws IOException {
      List<String> names = new ArrayList<>();
      try {
        for (FileStatus status : fs.listStatus(folder)) {
          names.add(status.getPath().getName());
        }
      } catch (FileNotFoundException e) {
        return List.of();
      }
      return names;
    }

    @Override
    Optional<byte[]> read(String name) throws IOException {
      try (InputStream in = fs.open(new Path(folder, name))) {
        return Optional.of(in.readAllBytes());
      } catch (FileNotFoundException e) {
        return Optional.empty();
      }
    }

    @Override
    void delete(String name) throws IOException {
      fs.delete(new Path(folder, name), false);
    }

    @Override
    boolean atomic() {
      return atomic;
    }

    /**
     * Whether {@code e} is the store refusing the create because the object is there: S3A turns 412 Precondition
     * Failed into RemoteFileChangedException, a concurrent conditional write may be a 409 Conflict, and Hadoop's
     * contract allows a FileAlreadyExistsException.
     */
    static boolean lostRace(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof org.apache.hadoop.fs.FileAlreadyExistsException || t instanceof FileAlreadyExistsException
            || t.getClass().getName().equals("org.apache.hadoop.fs.s3a.RemoteFileChangedException")) {
          return true;
        }
        String message = String.valueOf(t.getMessage());
        if (message.contains("412") || message.contains("PreconditionFailed")
            || message.contains("ConditionalRequestConflict")) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * On the local disk: an object is written whole beside the folder's objects, then hard-linked under its name, which
   * the operating system refuses atomically when the name exists; a reader never sees half of it.
   */
  static final class Local extends LockStore {
    private final java.nio.file.Path folder;

    Local(java.nio.file.Path folder) {
      this.folder = folder;
    }

    @Override
    boolean createIfAbsent(String name, byte[] content) throws IOException {
      Files.createDirectories(folder);
      java.nio.file.Path written = Files.createTempFile(folder, "." + name, ".new");
      try {
        Files.write(written, content);
        Files.createLink(folder.resolve(name), written);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      } finally {
        Files.deleteIfExists(written);
      }
    }

    @Override
    List<String> names() throws IOException {
      if (!Files.isDirectory(folder)) {
        return List.of();
      }
      try (var files = Files.list(folder)) {
        return files.map(file -> file.getFileName().toString()).filter(name -> !name.startsWith(".")).toList();
      }
    }

    @Override
    Optional<byte[]> read(String name) throws IOException {
      try {
        return Optional.of(Files.readAllBytes(folder.resolve(name)));
      } catch (NoSuchFileException e) {
        return Optional.empty();
      }
    }

    @Override
    void delete(String name) throws IOException {
      Files.deleteIfExists(folder.resolve(name));
    }

    @Override
    boolean atomic() {
      return true;
    }
  }
}
