package dev.crossborder.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * What one benchmark JVM measures about itself: seconds from JVM start to an engine ready to work (JVM and
 * session start), seconds of work, rows processed, peak RSS, peak heap used and peak heap left after a
 * collection (what was live, roughly: data held rather than garbage not yet collected), and what the caller
 * counted (Spark jobs, Delta commits). It prints them as one
 * {@code BENCH-RESULT key=value ...} line that scripts/bench.sh reads; each engine runs in its own JVM so that
 * the peaks are that engine's alone.
 */
final class Measurement {
  private static final String RESULT_PREFIX = "BENCH-RESULT";

  private final String engine;
  private final long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
  private final HeapPeak heapPeak = HeapPeak.start();
  private long readyNanos;
  private long readyMillis;

  private Measurement(String engine) {
    this.engine = engine;
  }

  /** Starts watching the heap; call first thing in {@code main}. */
  static Measurement of(String engine) {
    return new Measurement(engine);
  }

  /** The engine is up (Spark session built, DuckDB connected): the work starts now. */
  void ready() {
    readyNanos = System.nanoTime();
    readyMillis = System.currentTimeMillis();
  }

  /** The work is done: prints the result line. Call before anything else allocates (checks, cleanup). */
  void done(long rows) {
    done(rows, Map::of);
  }

  /**
   * As {@link #done(long)}, with more {@code key=value} fields at the end of the line (Spark jobs, Delta
   * commits; values without spaces), gathered after the work time stopped.
   */
  void done(long rows, Supplier<Map<String, ?>> counts) {
    double workSeconds = (System.nanoTime() - readyNanos) / 1e9;
    double startSeconds = (readyMillis - jvmStartMillis) / 1000.0;
    StringBuilder extra = new StringBuilder();
    counts.get().forEach((key, value) -> extra.append(' ').append(key).append('=').append(value));
    System.out.printf(Locale.ROOT, "%s engine=%s rows=%d start_s=%.2f work_s=%.2f wall_s=%.2f peak_rss_mb=%d"
            + " peak_heap_mb=%d peak_heap_after_gc_mb=%d max_heap_mb=%d%s%n",
        RESULT_PREFIX, engine, rows, startSeconds, workSeconds, startSeconds + workSeconds, peakRssKb() / 1024,
        heapPeak.usedBytes() >> 20,
        heapPeak.afterCollectionBytes() >> 20, Runtime.getRuntime().maxMemory() >> 20, extra);
    System.out.flush();
  }

  /**
   * VmHWM of /proc/self/status: the most resident memory this process ever held, heap, native memory
   * (DuckDB's buffers live there) and code alike. -1 where /proc is not there (not Linux).
   */
  static long peakRssKb() {
    try {
      List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
      for (String line : status) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: reported as unknown
    }
    return -1;
  }

  /**
   * The most heap in use at any moment. Heap use only grows between collections, so its peaks are the
   * usages right before each collection, which the collectors report in their notifications; the sum of each
   * pool's own peak (MemoryPoolMXBean) would overstate it, since the pools peak at different moments. The
   * most heap left right after a collection bounds what the process held live.
   */
  static final class HeapPeak {
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong peakAfterCollection = new AtomicLong();
    private final Set<String> heapPools;

    private HeapPeak() {
      heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(pool -> pool.getType() == MemoryType.HEAP)
          .map(MemoryPoolMXBean::getName)
          .collect(Collectors.toUnmodifiableSet());
    }

    static HeapPeak start() {
      HeapPeak heapPeak = new HeapPeak();
      for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (collector instanceof NotificationEmitter emitter) {
          emitter.addNotificationListener((notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
              GarbageCollectionNotificationInfo info =
                  GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
              peak(heapPeak.peak, heapPeak.heapUsed(info.getGcInfo().getMemoryUsageBeforeGc()));
              peak(heapPeak.peakAfterCollection, heapPeak.heapUsed(info.getGcInfo().getMemoryUsageAfterGc()));
            }
          }, null, null);
        }
      }
      return heapPeak;
    }

    private long heapUsed(Map<String, MemoryUsage> usageByPool) {
      return usageByPool.entrySet().stream()
          .filter(e -> heapPools.contains(e.getKey()))
          .mapToLong(e -> e.getValue().getUsed())
          .sum();
    }

    private static void peak(AtomicLong peak, long bytes) {
      peak.accumulateAndGet(bytes, Math::max);
    }

    /** The most heap in use at any moment so far, now included. */
    long usedBytes() {
      Map<String, MemoryUsage> now = new HashMap<>();
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        now.put(pool.getName(), pool.getUsage());
      }
      peak(peak, heapUsed(now));
      return peak.get();
    }

    /** The most heap still in use right after a collection (0 when none ran). */
    long afterCollectionBytes() {
      return peakAfterCollection.get();
    }
  }
}
