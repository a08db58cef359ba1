package dev.crossborder.spark;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * Where a run is, on stderr while it works: the step (named by the pipeline), Spark tasks done of those in the
 * stages started in it, rows read so far, time since the start. On a terminal one line rewritten every second; otherwise (a
 * scheduler's log) a plain line at each step and every {@link #PLAIN_INTERVAL_SECONDS} seconds, from the first
 * interval on: a run that ends or fails sooner needs no progress, and its error stays the one line on stderr. One
 * per command; {@link #step} does nothing when none is running (tests, embedding applications).
 */
public final class Progress implements AutoCloseable {
  /** A plain line at least this often when stderr is not a terminal. */
  public static final long PLAIN_INTERVAL_SECONDS = 10;

  private static volatile Progress current;

  private final SparkSession spark;
  private final PrintWriter err;
  private final boolean live;
  private final Instant startedAt = Instant.now();
  private final Instant plainLinesFrom;
  private final Listener listener = new Listener();
  private final ScheduledExecutorService ticker;
  private volatile String step = "starting";
  private int lastLength;
  /** When the last plain line was printed: a periodic one waits a whole interval after any line, a step's too. */
  private Instant lastPlainLineAt = Instant.MIN;

  private Progress(SparkSession spark, PrintWriter err, boolean live, Duration plainLinesAfter) {
    this.spark = spark;
    this.err = err;
    this.live = live;
    this.plainLinesFrom = startedAt.plus(plainLinesAfter);
    this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "progress");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Starts reporting the work of {@code spark} to {@code err}: live (one rewritten line) when {@code live},
   * else plain lines once the run has lasted {@link #PLAIN_INTERVAL_SECONDS} seconds. Close it when the command ends.
   */
  public static Progress start(SparkSession spark, PrintWriter err, boolean live) {
    return start(spark, err, live, Duration.ofSeconds(PLAIN_INTERVAL_SECONDS));
  }

  /** As {@link #start(SparkSession, PrintWriter, boolean)}, with plain lines from {@code plainLinesAfter} on. */
  public static Progress start(SparkSession spark, PrintWriter err, boolean live, Duration plainLinesAfter) {
    Progress progress = new Progress(spark, err, live, plainLinesAfter);
    spark.sparkContext().addSparkListener(progress.listener);
    progress.ticker.scheduleAtFixedRate(progress::tick, 1, 1, TimeUnit.SECONDS);
    current = progress;
    return progress;
  }

  /** The pipeline enters a step: printed at once, its task counts start from zero. */
  public static void step(String name) {
    Progress progress = current;
    if (progress != null) {
      progress.step = name;
      progress.listener.reset();
      progress.print();
    }
  }

  /** The line as printed, e.g. {@code [0:42] shipments pass: 12/40 tasks, 1,234,567 rows read}. */
  static String line(Duration elapsed, String step, long tasksDone, long tasksStarted, long rowsRead) {
    long seconds = elapsed.toSeconds();
    String time = String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    String tasks = tasksStarted == 0 ? "" : String.format(Locale.ROOT, ": %,d/%,d tasks", tasksDone, tasksStarted);
    String rows = rowsRead == 0 ? "" : String.format(Locale.ROOT, ", %,d row%s read", rowsRead, rowsRead == 1 ? "" : "s");
    return "[" + time + "] " + step + tasks + rows;
  }

  /** Every second: the live line rewritten; a plain line once an interval has passed since the last one. */
  private synchronized void tick() {
    if (live || !Instant.now().isBefore(plainLineDueAfter(lastPlainLineAt))) {
      print();
    }
  }

  /** When a periodic plain line is due after a line printed at {@code lastLineAt} (none yet: {@link Instant#MIN}). */
  static Instant plainLineDueAfter(Instant lastLineAt) {
    return lastLineAt.equals(Instant.MIN) ? Instant.MIN : lastLineAt.plusSeconds(PLAIN_INTERVAL_SECONDS);
  }

  private synchronized void print() {
    Instant now = Instant.now();
    if (!live && now.isBefore(plainLinesFrom)) {
      return;
    }
    String text = line(Duration.between(startedAt, now), step, listener.tasksDone.get(),
        listener.tasksStarted.get(), listener.rowsRead.get());
    if (live) {
      err.print("\r" + text + " ".repeat(Math.max(0, lastLength - text.length())));
      lastLength = text.length();
    } else {
      err.println(text);
      lastPlainLineAt = now;
    }
    err.flush();
  }

  @Override
  public synchronized void close() {
    current = null;
    ticker.shutdownNow();
    spark.sparkContext().removeSparkListener(listener);
    if (live && lastLength > 0) {
      err.print("\r" + " ".repeat(lastLength) + "\r"); // the summary follows on a clean line
      err.flush();
    }
  }

  /** Tasks and rows of the jobs started since the step began. */
  private static final class Listener extends SparkListener {
    final AtomicLong tasksStarted = new AtomicLong();
    final AtomicLong tasksDone = new AtomicLong();
    final AtomicLong rowsRead = new AtomicLong();

    void reset() {
      tasksStarted.set(0);
      tasksDone.set(0);
      rowsRead.set(0);
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted stageSubmitted) {
      // Stages run, not those a job lists: a job skips the stages whose shuffle output already exists.
      tasksStarted.addAndGet(stageSubmitted.stageInfo().numTasks());
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
      tasksDone.incrementAndGet();
      if (taskEnd.taskMetrics() != null) {
        rowsRead.addAndGet(taskEnd.taskMetrics().inputMetrics().recordsRead());
      }
    }
  }
}
