package dev.crossborder.publish;

/**
 * Test-only pause point for the crash-safety tests: with {@code CROSSBORDER_PAUSE_BEFORE_TABLE} set to a
 * table name, the writer announces on stderr that it is about to publish that table and waits, so a test
 * can kill the process there (or, with {@code CROSSBORDER_PAUSE_SECONDS}, let it go on after that long, say once its
 * store was stopped). Unset (always, outside those tests) it does nothing.
 */
final class CrashTestHook {
  private CrashTestHook() {}

  static final String ENV = "CROSSBORDER_PAUSE_BEFORE_TABLE";
  static final String ANNOUNCEMENT = "CRASH-TEST-PAUSE before ";
  static final String SECONDS_ENV = "CROSSBORDER_PAUSE_SECONDS";

  static void pauseBefore(String table) {
    if (table.equals(System.getenv(ENV))) {
      System.err.println(ANNOUNCEMENT + table);
      System.err.flush();
      try {
        String seconds = System.getenv(SECONDS_ENV);
        Thread.sleep(seconds == null ? 120_000 : Long.parseLong(seconds) * 1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
