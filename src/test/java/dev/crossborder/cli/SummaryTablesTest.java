package dev.crossborder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crossborder.publish.TableWriter.WrittenTable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary's list of tables stays in columns whatever the longest name and row count. */
class SummaryTablesTest {

  @Test
  void rowsAndPathsLineUpPastTwentyCharacterNames() {
    List<String> lines = RunCommand.tableLines(List.of(
        new WrittenTable("quarantine", "out/quarantine", 7, 0L),
        new WrittenTable("policy_scenario_cube", "out/silver/policy_scenario_cube", 1_234_567, 0L),
        new WrittenTable("benchmark_comparison", "out/gold/benchmark_comparison", 42, 0L)));
    assertEquals(List.of(
        "  quarantine                   7 rows  out/quarantine",
        "  policy_scenario_cube 1,234,567 rows  out/silver/policy_scenario_cube",
        "  benchmark_comparison        42 rows  out/gold/benchmark_comparison"), lines);
  }
}
