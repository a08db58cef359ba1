package dev.crossborder.cli;

import static dev.crossborder.model.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.model.OutputTables;
import dev.crossborder.testing.SparkTestBase;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} end to end on src/test/resources/landing/tiny, as a user would call it, in Parquet; the rerun --quiet. */
class RunCommandTest extends SparkTestBase {
  private static final String TINY = "src/test/resources/landing/tiny";

  @Test
  void parquetOutputIsPublishedTypedCommentedAndReplacedOnRerun(@TempDir Path tmp) throws Exception {
    String output = tmp.resolve("out").toString();
    String[] args = {"run", "--input", TINY, "--output", output, "--format", "parquet",
        // Plain progress lines from the start: a run on tiny data may end before the default 10 s.
        "--max-quarantine-ratio", "0.3", "--plain-progress-after", "0", "--run-id", "first"};
    MainTest.Outcome first = MainTest.run(args);
    assertEquals(0, first.exitCode(), first.err());
    assertTrue(first.out().contains("gmv_growth"), first.out());

    Dataset<Row> growth = spark.read().parquet(output + "/gold/gmv_growth");
    Row amazon = growth.filter(col(PERIOD_GRAIN).equalTo("year").and(col(GEO_CODE).equalTo("WORLD"))
        .and(col(PLATFORM_ID).equalTo("amazon")).and(col(PERIOD_LABEL).equalTo("2024"))).first();
    // 2024: US 2000.00 + DE 1100.50 EUR x 1.08 = 1188.54 -> 3188.54; 2023: 1800.00 + 1000 x 1.08 = 2880.00
    assertEquals(0, new BigDecimal("3188.54").compareTo(amazon.getAs(GMV_USD)));
    assertEquals(3188.54 / 2880.00 - 1, amazon.<Double>getAs(YOY_GROWTH), 1e-12);
    assertEquals("first", amazon.getAs(RUN_ID));

    StructField money = growth.schema().apply(GMV_USD);
    assertEquals(OutputTables.MONEY, money.dataType());
    assertEquals("DateType", growth.schema().apply(PERIOD_START).dataType().toString());
    assertTrue(money.getComment().isDefined(), "column comment kept in the Parquet schema");
    String sidecar = Files.readString(tmp.resolve("out/gold/gmv_growth/_description.md"));
    assertTrue(sidecar.contains(OutputTables.GMV_GROWTH.comment()), "table comment beside the Parquet files");

    long firstRows = growth.count(); // before the rerun swaps the files this frame lists
    assertFalse(ProgressLinesTest.progressLines(first.err()).isEmpty(), "progress by default: " + first.err());
    String[] quietRerun = Arrays.copyOf(args, args.length + 1);
    quietRerun[args.length - 1] = "second";
    quietRerun[args.length] = "--quiet";
    MainTest.Outcome second = MainTest.run(quietRerun);
    assertEquals(0, second.exitCode(), second.err());
    assertEquals(List.of(), ProgressLinesTest.progressLines(second.err()), "--quiet prints no progress");
    assertEquals(summaryOf(first.out(), "first"), summaryOf(second.out(), "second"), "the summary is unchanged");
    Dataset<Row> rerun = spark.read().parquet(output + "/gold/gmv_growth");
    assertEquals(firstRows, rerun.count());
    assertEquals(0, rerun.filter(col(RUN_ID).notEqual("second")).count(), "the rerun replaced every row");
    assertFalse(Files.exists(tmp.resolve("out/_staging")), "no staging folder left behind");
    assertTrue(Files.exists(tmp.resolve("out/runs/first.json")));
    assertTrue(Files.exists(tmp.resolve("out/runs/second.json")));
  }

  /** A run's summary with its run id and timings taken out: what two runs of the same inputs must share. */
  private static String summaryOf(String out, String runId) {
    return out.replace(runId, "RUN").replaceAll("\\d+\\.\\d s", "N s");
  }

  @Test
  void aQuarantineShareAboveTheLimitExitsWith3AndLeavesGoldUntouched(@TempDir Path tmp) {
    String output = tmp.resolve("out").toString();
    MainTest.Outcome outcome = MainTest.run("run", "--input", TINY, "--output", output, "--run-id", "strict");
    assertEquals(3, outcome.exitCode(), outcome.err());
    assertTrue(outcome.err().contains("2 of 8 rows quarantined"), outcome.err());
    assertTrue(Files.exists(tmp.resolve("out/runs/strict.json")), "run report written");
    assertTrue(Files.exists(tmp.resolve("out/quarantine/_delta_log")), "quarantine written");
    assertFalse(Files.exists(tmp.resolve("out/gold")), "no gold table written");
  }
}
