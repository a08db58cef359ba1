package dev.crossborder.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.crossborder.config.JobConfig;
import dev.crossborder.config.OutputFormat;
import dev.crossborder.model.OutputTables;
import dev.crossborder.publish.LandingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When {@code --incremental} must rebuild instead, and why (the reason the summary prints), on hand-made output
 * folders: no Spark. IncrementalRefreshTest runs the job for the refreshes themselves and a reference change.
 */
class PipelineRefreshTriggersTest {
  private static final String FINGERPRINT = "abc123";

  @TempDir
  Path output;

  private JobConfig config(OutputFormat format) {
    return new JobConfig("datasets/sample", output.toString(), format, 0.05, 3, JobConfig.DEFAULT_ANOMALIES, "r2",
        LocalDate.of(2026, 12, 6), true);
  }

  private static Optional<LandingState> state(String format) {
    return Optional.of(new LandingState("r1", format, FINGERPRINT, List.of()));
  }

  private void silverTables(String... names) throws IOException {
    for (String name : names) {
      Files.createDirectories(output.resolve("silver").resolve(name));
    }
  }

  @Test
  void anOutputWithItsStateAndEverySilverTableIsRefreshed() throws IOException {
    silverTables("gmv_monthly", "shipment_cube", "policy_scenario_cube");
    assertNull(Pipeline.whyNotIncremental(state("delta"), config(OutputFormat.DELTA), FINGERPRINT, new Configuration()));
  }

  @Test
  void aMissingSilverTableForcesAFullRebuild() throws IOException {
    // An output from before the policy scenarios has no silver table of theirs to replace months in.
    silverTables("gmv_monthly", "shipment_cube");
    assertEquals("the output has no " + OutputTables.POLICY_SCENARIO_CUBE.relativePath()
        + " yet (written by an earlier version of the job)",
        Pipeline.whyNotIncremental(state("parquet"), config(OutputFormat.PARQUET), FINGERPRINT, new Configuration()));
  }

  @Test
  void noStateAnotherFormatOrOtherReferenceFilesForceAFullRebuild() throws IOException {
    silverTables("gmv_monthly", "shipment_cube", "policy_scenario_cube");
    Configuration hadoop = new Configuration();
    assertEquals("the output has no record of processed landing files yet (state/landing_files.json)",
        Pipeline.whyNotIncremental(Optional.empty(), config(OutputFormat.DELTA), FINGERPRINT, hadoop));
    assertEquals("the output was written as parquet, this run writes delta",
        Pipeline.whyNotIncremental(state("parquet"), config(OutputFormat.DELTA), FINGERPRINT, hadoop));
    assertEquals("the reference files changed since run r1 (FX rates, countries or rules shape every row)",
        Pipeline.whyNotIncremental(state("delta"), config(OutputFormat.DELTA), "def456", hadoop));
  }
}
