package dev.crossborder.spark;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runtime SQL settings held in a session for the length of some work, the session's own restored after it,
 * however it ends. For plans that need other settings than the run's (a plan reads them when it is built): the
 * run is the session's only user while it lasts, so no other plan sees them.
 */
public final class SessionSettings {
  private static final Logger LOG = LoggerFactory.getLogger(SessionSettings.class);

  private SessionSettings() {}

  /**
   * {@code work} with {@code settings} in {@code spark}'s session. A setting the session refuses (a platform may
   * fix some) is left as it is: the plans are the same without it, only slower.
   */
  public static <T> T during(SparkSession spark, Map<String, String> settings, Supplier<T> work) {
    Map<String, String> before = new HashMap<>();
    settings.forEach((key, value) -> {
      String previous = spark.conf().get(key);
      try {
        spark.conf().set(key, value);
        before.put(key, previous);
      } catch (RuntimeException refused) {
        LOG.debug("The session refused {}={}: {}", key, value, refused.getMessage());
      }
    });
    try {
      return work.get();
    } finally {
      before.forEach((key, value) -> spark.conf().set(key, value));
    }
  }
}
