package dev.crossborder.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.model.JobException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output lock: one holder at a time, a lease its run renews, taken over once it has run out (by exactly one of
 * several contenders) or at once when its process on this host is gone, released only by its holder. The same tests
 * on the local file system (here) and on an S3 API server ({@code ObjectStoreLockTest}), where the same lock code
 * stands on conditional writes.
 */
class OutputLockTest {
  private static final Duration LEASE = Duration.ofSeconds(30);

  @TempDir
  Path folder;

  /** The output folder the lock is taken in. */
  String output() {
    return folder.toString();
  }

  Configuration hadoop() {
    return new Configuration();
  }

  private LockStore store() throws Exception {
    return LockStore.at(hadoop(), new org.apache.hadoop.fs.Path(output(), OutputLock.LOCK_FOLDER));
  }

  private long newest() throws Exception {
    return store().names().stream().mapToLong(Long::parseLong).max().orElse(0);
  }

  /** Puts the newest lock object there, as another run would have left it. */
  void writeLock(String text) throws Exception {
    assertTrue(store().createIfAbsent(OutputLock.name(newest() + 1), text.getBytes(StandardCharsets.ISO_8859_1)));
  }

  /** Puts the lock file of an earlier version of the tool there. */
  void writeLegacyLock(String text) throws Exception {
    org.apache.hadoop.fs.Path legacy = new org.apache.hadoop.fs.Path(output(), OutputLock.LEGACY_LOCK_FILE);
    try (java.io.OutputStream out = legacy.getFileSystem(hadoop()).create(legacy, true)) {
      out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  /** What the newest lock object says. */
  String lockText() throws Exception {
    return new String(store().read(OutputLock.name(newest())).orElseThrow(), StandardCharsets.ISO_8859_1);
  }

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T10:00:00Z"));

    void advance(Duration by) {
      now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private OutputLock acquire(String runId, Duration lease, Clock clock) {
    return OutputLock.acquire(hadoop(), output(), runId, lease, clock);
  }

  @Test
  void aHeldLockStopsASecondRunNamingItsHolderAndItsLease() throws Exception {
    TestClock clock = new TestClock();
    try (OutputLock first = acquire("first", LEASE, clock)) {
      JobException refused = assertThrows(JobException.class, () -> acquire("second", LEASE, clock));
      assertEquals(JobException.EXIT_INPUT, refused.exitCode());
      assertTrue(refused.getMessage().startsWith("Output folder " + output() + " is in use by run first (pid "
          + ProcessHandle.current().pid()), refused.getMessage());
      assertTrue(refused.getMessage().contains("its lease renewed until 2026-12-06T10:00:30Z"), refused.getMessage());
      first.checkHeld();
    }
    assertTrue(lockText().contains("state=released"), "released by its holder, not deleted: " + lockText());
    try (OutputLock second = acquire("second", LEASE, clock)) {
      assertTrue(lockText().contains("run_id=second"), lockText());
    }
  }

  @Test
  void aLeaseThatRanOutIsTakenOverAndItsRunStopsBeforeItsNextCommit() throws Exception {
    TestClock clock = new TestClock();
    OutputLock stuck = acquire("stuck", LEASE, clock);
    clock.advance(LEASE.plusSeconds(1)); // its renewals did not come: a driver paused, or dead on another node
    try (OutputLock next = acquire("next", LEASE, clock)) {
      JobException lost = assertThrows(JobException.class, stuck::checkHeld);
      assertEquals(1, lost.exitCode());
      assertTrue(lost.getMessage().contains("Run stuck lost the lock of its output folder"), lost.getMessage());
      stuck.close(); // the loser's release must not touch the new holder's lock
      assertTrue(lockText().contains("run_id=next") && lockText().contains("state=held"), lockText());
      next.checkHeld();
    }
  }

  /** A lease short enough to run out in a test, long enough for a few round trips to the store. */
  Duration shortLease() {
    return Duration.ofMillis(600);
  }

  @Test
  void theRunningJobRenewsItsLease() throws Exception {
    Duration shortLease = shortLease();
    try (OutputLock held = acquire("renewing", shortLease, Clock.systemUTC())) {
      Thread.sleep(shortLease.toMillis() * 5 / 2); // more than two leases: only renewals keep it
      held.checkHeld();
      assertThrows(JobException.class, () -> acquire("other", shortLease, Clock.systemUTC()));
    }
  }

  @Test
  void aLockWhoseProcessOnThisHostIsGoneIsTakenOverAtOnce() throws Exception {
    writeLock("run_id=dead\npid=" + Long.MAX_VALUE + "\nhost="
        + OutputLock.hostName() + "\nstarted_at=2026-12-06T09:00:00Z\nexpires_at=2099-01-01T00:00:00Z\nstate=held\n");
    try (OutputLock lock = acquire("after-a-crash", LEASE, new TestClock())) {
      assertTrue(lockText().contains("run_id=after-a-crash"), lockText());
    }
  }

  @Test
  void aLockOfAnEarlierVersionOnAnotherHostIsNeverGuessedStale() throws Exception {
    writeLegacyLock("run_id=old\npid=1\nhost=elsewhere\n"
        + "started_at=2026-11-25T10:00:00Z\n");
    JobException refused = assertThrows(JobException.class, () -> acquire("new", LEASE, new TestClock()));
    assertTrue(refused.getMessage().contains("in use by run old") && refused.getMessage().contains("delete "),
        refused.getMessage());
  }

  @Test
  void ofEightRunsRacingForARunOutLeaseExactlyOneWins() throws Exception {
    for (int round = 0; round < 5; round++) {
      TestClock clock = new TestClock();
      writeLock("run_id=gone\ntoken=t\npid=1\nhost=elsewhere\n"
          + "started_at=2026-12-06T09:00:00Z\nexpires_at=2026-12-06T09:30:00Z\nstate=held\n");
      assertEquals(1, winnersOfARace(8, i -> acquire("contender-" + i, LEASE, clock)), "round " + round);
    }
  }

  /** Starts {@code contenders} acquisitions at once; the number that got the lock (the others were refused). */
  static int winnersOfARace(int contenders, java.util.function.IntFunction<OutputLock> acquire) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(contenders);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<OutputLock>> attempts = new ArrayList<>();
    try {
      for (int i = 0; i < contenders; i++) {
        int contender = i;
        Callable<OutputLock> attempt = () -> {
          start.await();
          try {
            return acquire.apply(contender);
          } catch (JobException refused) {
            assertTrue(refused.getMessage().contains("is in use by run contender-"), refused.getMessage());
            return null;
          }
        };
        attempts.add(pool.submit(attempt));
      }
      start.countDown();
      List<OutputLock> winners = new ArrayList<>();
      for (Future<OutputLock> attempt : attempts) {
        OutputLock lock = attempt.get();
        if (lock != null) {
          winners.add(lock);
        }
      }
      // Released only once every contender has ended: a released lock is free for the next run to take.
      winners.forEach(OutputLock::close);
      return winners.size();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void noReleaseWhenTheRunNeverHeldIt() throws Exception {
    TestClock clock = new TestClock();
    try (OutputLock first = acquire("first", LEASE, clock)) {
      assertThrows(JobException.class, () -> acquire("second", LEASE, clock));
      assertFalse(lockText().contains("run_id=second"), lockText());
    }
  }
}
