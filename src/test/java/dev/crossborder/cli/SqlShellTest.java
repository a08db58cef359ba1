package dev.crossborder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.query.QuerySession;
import dev.crossborder.query.SqlQuery;
import dev.crossborder.testing.SampleRun;
import dev.crossborder.testing.SparkTestBase;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sql shell over the shared sample run's output, reading its statements from a pipe as a script gives them:
 * statements over several lines, a failed one reported without ending the shell, tables opened as statements name
 * them.
 */
class SqlShellTest extends SparkTestBase {

  @Test
  void aPipedScriptIsAnsweredStatementByStatementPastAFailure() {
    SampleRun run = SampleRun.get();
    assertEquals(0, run.exitCode(), run.err());
    QuerySession session = QuerySession.overOutput(spark, run.output().toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String script = String.join("\n",
        "\\tables",
        "SELECT platform_id, rank",
        "  FROM market_share -- the worldwide ranking; of 2025",
        "  WHERE platform_id = 'tiktok_shop' AND period_grain = 'year' AND period_label = '2025'",
        "    AND geo_level = 'global';",
        "SELECT * FROM no_such_table;  SELECT 'a;b' AS text",
        "");
    int exitCode = new SqlShell(session, SqlQuery.Format.TABLE, 10, false, new PrintWriter(out, true),
        new PrintWriter(err, true), () -> {}).run(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)));

    assertEquals(2, exitCode, "a statement of the script failed");
    List<String> lines = out.toString().lines().toList();
    assertEquals(session.tableNames(), lines.subList(0, session.tableNames().size()), "\\tables");
    assertTrue(session.tableNames().containsAll(List.of("market_share", "gmv_growth", "quarantine", "runs")));
    // datasets/README.md: TikTok Shop is 4th worldwide in 2025 among the sample's tracked platforms.
    assertEquals(List.of(
        "platform_id | rank",
        "------------+-----",
        "tiktok_shop |    4",
        "(1 row)",
        "text",
        "----",
        "a;b",
        "(1 row)"), lines.subList(session.tableNames().size(), lines.size()));
    List<String> errors = err.toString().lines().toList();
    assertEquals(1, errors.size(), err.toString());
    assertTrue(errors.get(0).startsWith("Error: The query failed: [TABLE_OR_VIEW_NOT_FOUND]"), errors.get(0));

    assertTrue(spark.catalog().tableExists("market_share"), "the table the script named is open");
    assertFalse(spark.catalog().tableExists("gmv_growth"), "a table no statement named is not opened");
  }

  @Test
  void shellTakesNoQuery() {
    MainTest.Outcome outcome = MainTest.run("sql", "--output", SampleRun.get().output().toString(), "--shell",
        "SELECT 1");
    assertEquals(2, outcome.exitCode(), outcome.err());
    assertEquals("Error: --shell reads its statements itself: give it no QUERY nor --file", outcome.err().strip());
  }
}
