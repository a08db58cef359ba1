package dev.crossborder.publish;

import dev.crossborder.model.JobException;
import dev.crossborder.model.StoreFailure;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run at a time per output folder, on a local disk and on an object store alike: a lease. The lock is a folder of
 * numbered objects, each written once with a create-if-absent (a conditional write on an object store), the newest
 * saying who holds the folder and until when. The running job renews its lease by writing the next number and
 * releases it by writing a next one that says released; another run takes the lock over by writing the next number
 * when the newest is released, its lease ran out (its driver died anywhere, or hangs), or its holder was a process of
 * this host that is gone. Of several writers of one number exactly one wins, so two runs never both hold the lock. A
 * run that lost its lock (another run wrote the next number) stops before its next commit ({@link #checkHeld}).
 */
public final class OutputLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutputLock.class);
  /**
   * The lock's background diagnostics (a renewal or the release that failed), under a name outside the job's own
   * loggers: they go to the run's log with Spark's lines (see SparkLog), while the console ends with the one line
   * that says why a run failed; a lock lost for good stops the run with its own line ({@link #checkHeld}).
   */
  private static final Logger STORE_LOG = LoggerFactory.getLogger("crossborder.output-lock");

  /** The lock's folder under the output folder. */
  public static final String LOCK_FOLDER = ".crossborder-locks";
  /** The lock file of earlier versions of the tool, respected while its run may be alive. */
  static final String LEGACY_LOCK_FILE = ".crossborder-lock";
  /** How long a lock lasts without renewal: a dead driver's lock is taken over after this. */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(120);
  private static final int ATTEMPTS = 5;
  private static final String NUMBER = "\\d{20}";

  private final LockStore store;
  private final Path lock;
  private final Holder mine;
  private final Duration lease;
  private final Clock clock;
  private final ScheduledExecutorService renewer;
  /** The number of this run's newest lock object. */
  private volatile long generation;
  private volatile Instant expiresAt;
  private volatile String lostBecause;

  /** What a lock object says: who holds the folder, until when, and whether it was released. */
  record Holder(String runId, String token, String host, String pid, Instant startedAt, Instant expiresAt,
      boolean released) {

    byte[] content() {
      Properties properties = new Properties();
      properties.setProperty("run_id", runId);
      properties.setProperty("token", token);
      properties.setProperty("host", host);
      properties.setProperty("pid", pid);
      properties.setProperty("started_at", startedAt.toString());
      properties.setProperty("expires_at", expiresAt.toString());
      properties.setProperty("state", released ? "released" : "held");
      StringWriter text = new StringWriter();
      try {
        properties.store(text, "crossborder-analytics run holding this output folder (a lease its run renews)");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    Holder renewed(Instant until) {
      return new Holder(runId, token, host, pid, startedAt, until, false);
    }

    Holder releasedAt(Instant now) {
      return new Holder(runId, token, host, pid, startedAt, now, true);
    }

    /** The holder a lock object names; empty for bytes that are not a lock (then it is nobody's). */
    static Optional<Holder> parse(byte[] content) {
      Properties properties = new Properties();
      try {
        properties.load(new StringReader(new String(content, StandardCharsets.ISO_8859_1)));
        String runId = properties.getProperty("run_id");
        if (runId == null) {
          return Optional.empty();
        }
        // A lock of an earlier version of the tool has no expiry: it never runs out by time.
        String expires = properties.getProperty("expires_at");
        String started = properties.getProperty("started_at");
        return Optional.of(new Holder(runId, properties.getProperty("token", ""), properties.getProperty("host", ""),
            properties.getProperty("pid", ""), started == null ? Instant.EPOCH : Instant.parse(started),
            expires == null ? Instant.MAX : Instant.parse(expires), "released".equals(properties.getProperty("state"))));
      } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
        return Optional.empty();
      }
    }

    /** Why another run may take this lock over at {@code now}, or empty while it holds. */
    Optional<String> takeable(Instant now, String thisHost) {
      if (released) {
        return Optional.of("released");
      }
      if (expiresAt.isBefore(now)) {
        return Optional.of("its lease ran out at " + expiresAt);
      }
      if (thisHost.equals(host) && !processAlive(pid)) {
        return Optional.of("its process " + pid + " on this host is gone");
      }
      return Optional.empty();
    }
  }

  private OutputLock(LockStore store, Path lock, Holder mine, long generation, Duration lease, Clock clock) {
    this.store = store;
    this.lock = lock;
    this.mine = mine;
    this.generation = generation;
    this.expiresAt = mine.expiresAt();
    this.lease = lease;
    this.clock = clock;
    this.renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "output-lock-renewer");
      thread.setDaemon(true);
      return thread;
    });
    long every = Math.max(1, lease.toMillis() / 3);
    renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
  }

  public static OutputLock acquire(Configuration hadoopConf, String output, String runId) {
    return acquire(hadoopConf, output, runId, DEFAULT_LEASE, Clock.systemUTC());
  }

  /** The lock of {@code output} for run {@code runId}, held for {@code lease} at a time; exit 2 when another holds it. */
  public static OutputLock acquire(Configuration hadoopConf, String output, String runId, Duration lease,
      Clock clock) {
    Path lock = new Path(output, LOCK_FOLDER);
    try {
      LockStore store = LockStore.at(hadoopConf, lock);
      if (!store.atomic()) {
        LOG.warn("The output lock on {} is a best effort: this store has no conditional writes, so two runs starting"
            + " at the same moment could both take it; keep runs of one output folder from overlapping", output);
      }
      String host = hostName();
      respectLegacyLock(hadoopConf, output, host, clock.instant());
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        Instant now = clock.instant();
        OptionalLong newest = newest(store);
        if (newest.isPresent()) {
          Optional<Holder> holder = store.read(name(newest.getAsLong())).flatMap(Holder::parse);
          if (holder.isPresent() && holder.get().takeable(now, host).isEmpty()) {
            throw inUse(output, lock, holder.get());
          }
          holder.flatMap(h -> h.takeable(now, host)).ifPresent(why -> LOG.info("Taking over the lock of {} from run"
              + " {}: {}", output, holder.get().runId(), why));
        }
        Holder mine = new Holder(runId, UUID.randomUUID().toString(), host,
            String.valueOf(ProcessHandle.current().pid()), now, now.plus(lease), false);
        long next = newest.orElse(0) + 1;
        if (store.createIfAbsent(name(next), mine.content())) {
          OutputLock held = new OutputLock(store, lock, mine, next, lease, clock);
          held.removeBefore(next);
          return held;
        }
        // Another run wrote that number first: the next attempt reads whose lock it is now.
      }
      throw JobException.input("Could not lock output folder " + output + ": other runs keep taking " + lock);
    } catch (IOException e) {
      throw JobException.input("Cannot lock output folder " + output + ": " + StoreFailure.describe(e), e);
    }
  }

  /** A lock object's name: its number, zero-padded so that names sort as numbers. */
  static String name(long generation) {
    return String.format(Locale.ROOT, "%020d", generation);
  }

  private static OptionalLong newest(LockStore store) throws IOException {
    return store.names().stream().filter(name -> name.matches(NUMBER)).mapToLong(Long::parseLong).max();
  }

  /** Removes lock object {@code name}, superseded by a newer one (a failure leaves it: only the newest counts). */
  private void removeQuietly(String name) {
    try {
      store.delete(name);
    } catch (IOException e) {
      LOG.debug("Could not remove {} of the lock {}: {}", name, lock, e.getMessage());
    }
  }

  /** Removes the lock objects older than {@code generation}: only the newest says anything. */
  private void removeBefore(long generation) {
    try {
      for (String name : store.names()) {
        if (name.matches(NUMBER) && Long.parseLong(name) < generation) {
          store.delete(name);
        }
      }
    } catch (IOException e) {
      LOG.debug("Could not remove old objects of the lock {}: {}", lock, e.getMessage());
    }
  }

  /**
   * A lock file of an earlier version of the tool ({@link #LEGACY_LOCK_FILE}): its run may still be publishing, so it
   * stops this run unless its run is known gone (then the file is removed).
   */
  private static void respectLegacyLock(Configuration hadoopConf, String output, String host, Instant now)
      throws IOException {
    Path legacy = new Path(output, LEGACY_LOCK_FILE);
    FileSystem fs = legacy.getFileSystem(hadoopConf);
    Optional<Holder> holder;
    try (InputStream in = fs.open(legacy)) {
      holder = Holder.parse(in.readAllBytes());
    } catch (FileNotFoundException e) {
      return;
    }
    if (holder.isPresent() && holder.get().takeable(now, host).isEmpty()) {
      throw inUse(output, legacy, holder.get());
    }
    fs.delete(legacy, false);
  }

  private static JobException inUse(String output, Path lock, Holder holder) {
    String lease = holder.expiresAt().equals(Instant.MAX) ? "" : ", its lease renewed until " + holder.expiresAt();
    return JobException.input("Output folder " + output + " is in use by run " + holder.runId() + " (pid "
        + holder.pid() + " on " + holder.host() + ", since " + holder.startedAt() + lease + "); wait for it to"
        + " finish" + (lease.isEmpty() ? ", or delete " + lock + " if that run is dead"
        : " (a lock whose run died is taken over once its lease has run out)"));
  }

  /** Extends the lease by writing the next lock object, unless another run wrote it: then this run stops. */
  private synchronized void renew() {
    if (lostBecause != null || renewer.isShutdown()) {
      return;
    }
    Instant now = clock.instant();
    try {
      Holder renewed = mine.renewed(now.plus(lease));
      if (store.createIfAbsent(name(generation + 1), renewed.content())) {
        generation++;
        expiresAt = renewed.expiresAt();
        removeQuietly(name(generation - 1)); // the one it replaces: no listing needed
      } else {
        String taker = store.read(name(generation + 1)).flatMap(Holder::parse).map(Holder::runId)
            .orElse("another run");
        lostBecause = "run " + taker + " took it over";
      }
    } catch (IOException | RuntimeException e) {
      // A store that fails for a while: the lease still holds until it runs out.
      if (!now.isBefore(expiresAt)) {
        lostBecause = "its lease ran out at " + expiresAt + " while renewing failed (" + StoreFailure.describe(e) + ")";
      }
      STORE_LOG.warn("Renewing the lock {} failed: {}", lock, StoreFailure.describe(e));
    }
  }

  /** Exit 1 when this run no longer holds the lock: before each commit, so that two runs never publish at once. */
  public void checkHeld() {
    if (lostBecause == null && !clock.instant().isBefore(expiresAt)) {
      lostBecause = "its lease ran out at " + expiresAt + " before it was renewed";
    }
    if (lostBecause != null) {
      throw new JobException(1, "Run " + mine.runId() + " lost the lock of its output folder (" + lock + "): "
          + lostBecause + "; it stops without publishing more");
    }
  }

  /** Releases the lock, if this run still holds it: a next lock object that says released. */
  @Override
  public synchronized void close() {
    renewer.shutdownNow(); // a renewal running now finished first: both hold this object's monitor
    if (lostBecause != null) {
      return;
    }
    try {
      if (store.createIfAbsent(name(generation + 1), mine.releasedAt(clock.instant()).content())) {
        removeQuietly(name(generation));
      } else {
        STORE_LOG.warn("The lock {} was no longer run {}'s when it ended", lock, mine.runId());
      }
    } catch (IOException e) {
      STORE_LOG.warn("Releasing the lock {} failed ({}); the next run takes it over once its lease has run out", lock,
          StoreFailure.describe(e));
    }
  }

  static boolean processAlive(String pid) {
    try {
      return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }
}
