package dev.crossborder.publish;

import dev.crossborder.model.JobException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One run at a time per output folder: a lock file created with create-if-absent, naming the run that holds
 * it. A lock left by a run that died on this host (its process is gone) is taken over; any other lock stops
 * the second run with a message naming the holder. Closing releases it.
 */
public final class OutputLock implements AutoCloseable {
  public static final String LOCK_FILE = ".crossborder-lock";

  private final FileSystem fs;
  private final Path lock;

  private OutputLock(FileSystem fs, Path lock) {
    this.fs = fs;
    this.lock = lock;
  }

  public static OutputLock acquire(Configuration hadoopConf, String output, String runId) {
    Path lock = new Path(output, LOCK_FILE);
    try {
      FileSystem fs = lock.getFileSystem(hadoopConf);
      for (int attempt = 0; attempt < 2; attempt++) {
        if (tryCreate(fs, lock, runId)) {
          return new OutputLock(fs, lock);
        }
        Properties holder = read(fs, lock);
        if (holder != null && !isStale(holder)) {
          throw JobException.input("Output folder " + output + " is in use by run " + holder.getProperty("run_id")
              + " (pid " + holder.getProperty("pid") + " on " + holder.getProperty("host") + ", since "
              + holder.getProperty("started_at") + "); wait for it to finish, or delete " + lock
              + " if that run is dead");
        }
        fs.delete(lock, false); // stale (or unreadable, half-written): its run is gone
      }
      throw JobException.input("Could not lock output folder " + output + ": another run keeps taking " + lock);
    } catch (IOException e) {
      throw new IllegalStateException("Locking " + lock + " failed: " + e.getMessage(), e);
    }
  }

  private static boolean tryCreate(FileSystem fs, Path lock, String runId) throws IOException {
    Properties holder = new Properties();
    holder.setProperty("run_id", runId);
    holder.setProperty("pid", String.valueOf(ProcessHandle.current().pid()));
    holder.setProperty("host", hostName());
    holder.setProperty("started_at", Instant.now().toString());
    try (OutputStream out = fs.create(lock, false)) {
      holder.store(out, "crossborder-analytics run holding this output folder");
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      if (fs.exists(lock)) {
        return false;
      }
      throw e;
    }
  }

  private static Properties read(FileSystem fs, Path lock) throws IOException {
    Properties holder = new Properties();
    try (InputStream in = fs.open(lock)) {
      holder.load(new java.io.InputStreamReader(in, StandardCharsets.ISO_8859_1));
      return holder.getProperty("run_id") == null ? null : holder;
    } catch (java.io.FileNotFoundException e) {
      return null;
    }
  }

  /** Held by a process of this host that no longer runs. (Another host's lock is never guessed stale.) */
  static boolean isStale(Properties holder) {
    if (!hostName().equals(holder.getProperty("host"))) {
      return false;
    }
    try {
      long pid = Long.parseLong(holder.getProperty("pid", ""));
      return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }

  @Override
  public void close() {
    try {
      fs.delete(lock, false);
    } catch (IOException e) {
      throw new IllegalStateException("Releasing " + lock + " failed: " + e.getMessage(), e);
    }
  }
}
