package dev.crossborder.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void aLineSaysTheTimeTheStepTasksAndRows() {
    assertEquals("[1:02] checking shipments: 12/40 tasks, 1,234,567 rows read",
        Progress.line(Duration.ofSeconds(62), "checking shipments", 12, 40, 1_234_567));
  }

  @Test
  void oneRowIsOneRow() {
    assertEquals("[0:03] checking gmv: 1/1 tasks, 1 row read", Progress.line(Duration.ofSeconds(3), "checking gmv", 1, 1, 1));
  }

  @Test
  void aStepWithNoSparkWorkYetIsTheStepAlone() {
    assertEquals("[0:05] writing the run report", Progress.line(Duration.ofMillis(5_900), "writing the run report", 0, 0, 0));
  }
}
