package dev.crossborder.quality;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crossborder.model.Measure;
import dev.crossborder.spark.SessionSettings;
import dev.crossborder.testing.FrameAssert;
import dev.crossborder.testing.SparkTestBase;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * A tally by keys folds the final rows and keeps the others one by one, merging its groups in the partitions it
 * is given rather than in the session's few (the merge holds every kept row in its hash maps, so its tasks must
 * not grow with the input).
 */
class TallyTest extends SparkTestBase {
  private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";

  private static final StructType ROWS = new StructType()
      .add("file", DataTypes.StringType)
      .add("parcels", DataTypes.LongType)
      .add("bad", DataTypes.BooleanType);

  @Test
  void theGroupsAreMergedInTheGivenPartitionsAndTheFoldAddsUpByHand() {
    Dataset<Row> rows = spark.createDataFrame(List.of(
        RowFactory.create("a", 3L, false),
        RowFactory.create("a", 4L, false),
        RowFactory.create("a", 9L, true),
        RowFactory.create("b", 5L, false),
        RowFactory.create("b", 7L, true)), ROWS).repartition(2);
    Tally tally = Tally.byKeys(List.of("file"), List.of(Measure.sum("parcels", col("parcels"))));
    FrameCache cache = new FrameCache();
    String sessionPartitions = spark.conf().get(SHUFFLE_PARTITIONS);
    try {
      // Without adaptive execution the merge keeps exactly the partitions it was planned with.
      Dataset<Row> stored = SessionSettings.during(spark, Map.of("spark.sql.adaptive.enabled", "false"),
          () -> tally.store(rows, col("bad"), 7, cache));
      assertEquals(sessionPartitions, spark.conf().get(SHUFFLE_PARTITIONS));
      assertEquals(7, stored.rdd().getNumPartitions());
      // a: 3 + 4 = 7 parcels in 2 rows; b: 5 in 1; the two bad rows kept apart, one entry each.
      FrameAssert.assertRows(tally.folded(stored), List.of("file", "parcels", Tally.ROWS), List.of(
          new Object[] {"a", 7L, 2L}, new Object[] {"b", 5L, 1L}));
      FrameAssert.assertRows(tally.keptRows(stored), List.of("file", "parcels"), List.of(
          new Object[] {"a", 9L}, new Object[] {"b", 7L}));
    } finally {
      cache.release();
    }
  }
}
