package dev.crossborder.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The duplicate check's shuffle size: one partition per 8 MiB (8,388,608 bytes) of landing files; one pass up
 * to 16 MiB.
 */
class ShufflePartitionsTest {

  @Test
  void smallInputsGetOnePartitionPerCore() {
    assertEquals(2, Pipeline.shufflePartitions(0, 2));
    assertEquals(2, Pipeline.shufflePartitions(3_200_000, 2)); // the bundled sample: 1 by bytes
    assertEquals(16, Pipeline.shufflePartitions(20_000_000, 16));
  }

  @Test
  void largeInputsGetOnePartitionPerEightMebibytesRoundedUp() {
    assertEquals(2, Pipeline.shufflePartitions(2L * 8_388_608, 2));
    assertEquals(3, Pipeline.shufflePartitions(2L * 8_388_608 + 1, 2));
    // 100 million generated rows: 1,447,638,636 bytes / 8,388,608 = 172.57, so 173
    assertEquals(173, Pipeline.shufflePartitions(1_447_638_636L, 2));
  }

  @Test
  void theCountIsCappedWhereMorePartitionsOnlyAddScheduling() {
    assertEquals(10_000, Pipeline.shufflePartitions(1L << 50, 2));
  }

  @Test
  void theDuplicateCheckRunsInOnePassUpToTwoPartitionsOfLandingBytes() {
    assertEquals(0, Pipeline.maxBroadcastKeys(3_200_000)); // the bundled sample: one pass
    assertEquals(0, Pipeline.maxBroadcastKeys(2L * 8_388_608)); // 16 MiB, the last size sorted in one pass
    assertEquals(2_000_000, Pipeline.maxBroadcastKeys(2L * 8_388_608 + 1)); // hashes counted first
  }
}
