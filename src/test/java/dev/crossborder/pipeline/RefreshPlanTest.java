package dev.crossborder.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.ingest.LandingFiles.Format;
import dev.crossborder.ingest.LandingFiles.LandingFile;
import dev.crossborder.model.LandingDataset;
import dev.crossborder.model.MonthRange;
import dev.crossborder.publish.LandingState.ProcessedFile;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which files a refresh reads and which months it replaces, on hand-made listings (no Spark). */
class RefreshPlanTest {

  private static LandingFile listed(String name, long length, long modified) {
    return new LandingFile("file:/landing/shipments/" + name, Format.CSV, length, modified);
  }

  private static ProcessedFile processed(LandingFile file, String first, String last) {
    return ProcessedFile.of("shipments", file.path(), file.sourceFile(), file.length(), file.modificationTime(),
        Optional.of(range(first, last)));
  }

  private static MonthRange range(String first, String last) {
    return new MonthRange(LocalDate.parse(first + "-01"), LocalDate.parse(last + "-01"));
  }

  private static final LandingFile JAN = listed("2025-01.csv", 100, 1);
  private static final LandingFile FEB = listed("2025-02.csv", 100, 1);
  private static final LandingFile MAR = listed("2025-03.csv", 100, 1);
  /** A late-delivery file holding February and March rows. */
  private static final LandingFile LATE = listed("late.csv", 50, 1);

  private static final List<ProcessedFile> STATE = List.of(processed(JAN, "2025-01", "2025-01"),
      processed(FEB, "2025-02", "2025-02"), processed(MAR, "2025-03", "2025-03"));

  @Test
  void nothingNewMeansNothingToRead() {
    RefreshPlan plan = RefreshPlan.plan(LandingDataset.SHIPMENTS, List.of(JAN, FEB, MAR), STATE, Map.of());
    assertTrue(plan.isEmpty());
    assertEquals(List.of(), plan.monthsToReplace());
  }

  @Test
  void aNewMonthIsReadAloneAndOnlyItsMonthReplaced() {
    LandingFile apr = listed("2025-04.csv", 100, 2);
    RefreshPlan plan = RefreshPlan.plan(LandingDataset.SHIPMENTS, List.of(JAN, FEB, MAR, apr), STATE,
        Map.of(apr.sourceFile(), range("2025-04", "2025-04")));
    assertEquals(List.of(apr), plan.toRead());
    assertEquals(List.of(range("2025-04", "2025-04")), plan.monthsToReplace());
    assertEquals(1, plan.newFiles());
  }

  @Test
  void aNewFileSharingMonthsPullsInEveryFileOfThoseMonths() {
    RefreshPlan plan = RefreshPlan.plan(LandingDataset.SHIPMENTS, List.of(JAN, FEB, MAR, LATE), STATE,
        Map.of(LATE.sourceFile(), range("2025-02", "2025-03")));
    assertEquals(List.of(FEB, MAR, LATE), plan.toRead());
    assertEquals(List.of(range("2025-02", "2025-03")), plan.monthsToReplace());
  }

  @Test
  void overlapIsFollowedTransitively() {
    // The state says LATE spans Feb-Mar; a changed January file now also holds February rows, so February's
    // files are read, LATE with them, and March's file because LATE holds March.
    List<ProcessedFile> state = List.of(processed(JAN, "2025-01", "2025-01"), processed(FEB, "2025-02", "2025-02"),
        processed(MAR, "2025-03", "2025-03"), processed(LATE, "2025-02", "2025-03"));
    LandingFile changedJan = listed("2025-01.csv", 120, 2);
    RefreshPlan plan = RefreshPlan.plan(LandingDataset.SHIPMENTS, List.of(changedJan, FEB, MAR, LATE), state,
        Map.of(changedJan.sourceFile(), range("2025-01", "2025-02")));
    assertEquals(List.of(changedJan, FEB, MAR, LATE), plan.toRead());
    assertEquals(List.of(range("2025-01", "2025-03")), plan.monthsToReplace());
    assertEquals(1, plan.changedFiles());
  }

  @Test
  void aRemovedFileReplacesTheMonthsItHeldAndItsQuarantineRows() {
    RefreshPlan plan = RefreshPlan.plan(LandingDataset.SHIPMENTS, List.of(JAN, MAR), STATE, Map.of());
    assertEquals(List.of(), plan.toRead());
    assertEquals(List.of(range("2025-02", "2025-02")), plan.monthsToReplace());
    assertEquals(List.of(FEB.sourceFile()), plan.sourceFilesToReplace());
  }

  @Test
  void aChangedFileReplacesTheMonthsItHeldBeforeAndNow() {
    LandingFile movedJan = listed("2025-01.csv", 100, 5); // same size, touched: read again
    RefreshPlan plan = RefreshPlan.plan(LandingDataset.SHIPMENTS, List.of(movedJan, FEB, MAR), STATE,
        Map.of(movedJan.sourceFile(), range("2025-03", "2025-03")));
    assertEquals(List.of(movedJan, MAR), plan.toRead());
    assertEquals(List.of(range("2025-01", "2025-01"), range("2025-03", "2025-03")), plan.monthsToReplace());
  }
}
