package dev.crossborder.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.report.ReportData.Categories;
import dev.crossborder.report.ReportData.Cell;
import dev.crossborder.report.ReportData.Point;
import dev.crossborder.report.ReportData.Timeline;
import dev.crossborder.report.ReportData.Values;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Laying the collected rows out for the charts: every period present, a missing one a gap, orders kept. */
class ReportDataTest {

  @Test
  void aTimelineHasEveryPeriodBetweenItsEndsAndAMissingOneIsAGap() {
    List<Point> points = List.of(
        new Point("temu", LocalDate.of(2024, 7, 1), 3),
        new Point("amazon", LocalDate.of(2024, 1, 1), 10),
        new Point("amazon", LocalDate.of(2024, 7, 1), 12),
        new Point("ebay", LocalDate.of(2024, 4, 1), 5));
    Timeline timeline = Timeline.of(points, 3, List.of("amazon", "shein", "temu", "ebay"),
        d -> d.getYear() + "-Q" + ((d.getMonthValue() - 1) / 3 + 1));
    assertEquals(List.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 4, 1), LocalDate.of(2024, 7, 1)),
        timeline.periods());
    assertEquals(List.of("2024-Q1", "2024-Q2", "2024-Q3"), timeline.labels());
    assertEquals(List.of(
            new Values("amazon", Arrays.asList(10.0, null, 12.0)),
            new Values("temu", Arrays.asList(null, null, 3.0)),
            new Values("ebay", Arrays.asList(null, 5.0, null))),
        timeline.series(), "in the given order; shein has no points and no series");
  }

  @Test
  void categoriesFollowTheGivenOrdersAndAnEmptyTableGivesAnEmptyChart() {
    Categories categories = Categories.of(
        List.of(new Cell("2025", "fully_hosted", 0.4), new Cell("2024", "fully_hosted", 0.5),
            new Cell("2025", "local_seller", 0.6)),
        List.of("2024", "2025"), List.of("fully_hosted", "semi_hosted", "local_seller"));
    assertEquals(List.of(new Values("fully_hosted", List.of(0.5, 0.4)),
        new Values("local_seller", Arrays.asList(null, 0.6))), categories.series());
    assertTrue(Categories.of(List.of(), List.of(), List.of("x")).isEmpty());
    assertTrue(Timeline.of(List.of(), 1, List.of("US"), LocalDate::toString).isEmpty());
  }
}
