package dev.crossborder.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.crossborder.testing.SparkTestBase;
import org.junit.jupiter.api.Test;

/**
 * Plans over small tables run without adaptive execution and automatic broadcasts, in one shuffle partition;
 * the session gets its own settings back.
 */
class SmallPlanSettingsTest extends SparkTestBase {
  private static final String ADAPTIVE = "spark.sql.adaptive.enabled";
  private static final String BROADCAST = "spark.sql.autoBroadcastJoinThreshold";
  private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";

  @Test
  void theSettingsHoldInsideAndTheSessionsOwnComeBackAfterEvenOnFailure() {
    String adaptive = spark.conf().get(ADAPTIVE);
    String shufflePartitions = spark.conf().get(SHUFFLE_PARTITIONS);
    spark.conf().set(BROADCAST, "12345");
    try {
      String inside = Pipeline.withSmallPlanSettings(spark, () -> spark.conf().get(ADAPTIVE) + " "
          + spark.conf().get(BROADCAST) + " " + spark.conf().get(SHUFFLE_PARTITIONS));
      assertEquals("false -1 1", inside);
      assertEquals(adaptive, spark.conf().get(ADAPTIVE));
      assertEquals("12345", spark.conf().get(BROADCAST));
      assertEquals(shufflePartitions, spark.conf().get(SHUFFLE_PARTITIONS));

      assertThrows(IllegalStateException.class, () -> Pipeline.withSmallPlanSettings(spark, () -> {
        throw new IllegalStateException("a failed run");
      }));
      assertEquals(adaptive, spark.conf().get(ADAPTIVE));
      assertEquals("12345", spark.conf().get(BROADCAST));
      assertEquals(shufflePartitions, spark.conf().get(SHUFFLE_PARTITIONS));
    } finally {
      spark.conf().unset(BROADCAST);
    }
  }

  @Test
  void aSortedCollectOfASmallTableIsOneSparkJob() {
    // Over 2 or more partitions a global sort first samples its rows for their ranges: a job of its own.
    int before = spark.sparkContext().dagScheduler().numTotalJobs();
    long first = Pipeline.withSmallPlanSettings(spark, () -> spark.range(0, 1000, 1, 2).groupBy("id").count()
        .orderBy(org.apache.spark.sql.functions.desc("id")).collectAsList().get(0).getLong(0));
    assertEquals(999, first);
    assertEquals(1, spark.sparkContext().dagScheduler().numTotalJobs() - before, "Spark jobs of the sorted collect");
  }
}
