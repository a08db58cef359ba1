package dev.crossborder.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.crossborder.testing.SparkTestBase;
import org.junit.jupiter.api.Test;

/** Plans over small tables run without adaptive execution and automatic broadcasts; the session gets its own back. */
class SmallPlanSettingsTest extends SparkTestBase {
  private static final String ADAPTIVE = "spark.sql.adaptive.enabled";
  private static final String BROADCAST = "spark.sql.autoBroadcastJoinThreshold";

  @Test
  void theSettingsHoldInsideAndTheSessionsOwnComeBackAfterEvenOnFailure() {
    String adaptive = spark.conf().get(ADAPTIVE);
    spark.conf().set(BROADCAST, "12345");
    try {
      String inside = Pipeline.withSmallPlanSettings(spark,
          () -> spark.conf().get(ADAPTIVE) + " " + spark.conf().get(BROADCAST));
      assertEquals("false -1", inside);
      assertEquals(adaptive, spark.conf().get(ADAPTIVE));
      assertEquals("12345", spark.conf().get(BROADCAST));

      assertThrows(IllegalStateException.class, () -> Pipeline.withSmallPlanSettings(spark, () -> {
        throw new IllegalStateException("a failed run");
      }));
      assertEquals(adaptive, spark.conf().get(ADAPTIVE));
      assertEquals("12345", spark.conf().get(BROADCAST));
    } finally {
      spark.conf().unset(BROADCAST);
    }
  }
}
