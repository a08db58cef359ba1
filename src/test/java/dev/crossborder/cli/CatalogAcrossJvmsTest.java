package dev.crossborder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.model.OutputTables;
import dev.crossborder.model.TableSpec;
import dev.crossborder.testing.CatalogReader;
import dev.crossborder.testing.ChildJvm;
import dev.crossborder.testing.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --database} with the embedded Hive metastore, as a user and a BI engine meet it: each in a JVM of its
 * own. The run registers its tables; a separate JVM (a plain Spark session, {@link CatalogReader}) opens the same
 * metastore, lists the tables, reads them by name and finds the published rows and the column comments. A rerun
 * with --format parquet into the same output and database leaves one table per name, now Parquet, with the same
 * rows, comments and partitions; {@code sql --database} queries them by name.
 */
class CatalogAcrossJvmsTest extends SparkTestBase {
  private static final String TINY = "src/test/resources/landing/tiny";
  private static final String DATABASE = "bi";
  private static final long TIMEOUT_SECONDS = 300;

  @TempDir
  Path tmp;

  @Test
  void aSecondJvmReadsTheRegisteredTablesByNameInEitherFormat() {
    Path output = tmp.resolve("out");
    Path metastore = tmp.resolve("metastore");

    ChildJvm.Outcome delta = ChildJvm.run(TIMEOUT_SECONDS, "dev.crossborder.cli.Main", "run", "--input", TINY,
        "--output", output.toString(), "--database", DATABASE, "--metastore", metastore.toString(), "--run-id",
        "first", "--max-quarantine-ratio", "0.5");
    assertEquals(0, delta.exitCode(), delta.err());
    assertTrue(delta.out().contains("Catalog: 12 tables registered in database bi"), delta.out());
    assertTrue(Files.isDirectory(metastore.resolve("metastore_db")), "the metastore is kept in --metastore");
    assertTablesReadByName(metastore, output, "delta");

    ChildJvm.Outcome parquet = ChildJvm.run(TIMEOUT_SECONDS, "dev.crossborder.cli.Main", "run", "--input", TINY,
        "--output", output.toString(), "--database", DATABASE, "--metastore", metastore.toString(), "--run-id",
        "second", "--format", "parquet", "--max-quarantine-ratio", "0.5");
    assertEquals(0, parquet.exitCode(), parquet.err());
    assertTablesReadByName(metastore, output, "parquet");

    ChildJvm.Outcome sql = ChildJvm.run(TIMEOUT_SECONDS, "dev.crossborder.cli.Main", "sql", "--database", DATABASE,
        "--metastore", metastore.toString(), "--format", "csv", "SELECT run_id, format FROM runs ORDER BY run_id");
    assertEquals(0, sql.exitCode(), sql.err());
    // The run history is appended to, whatever the format: both runs, each saying how it wrote.
    assertEquals(List.of("run_id,format", "first,delta", "second,parquet"), sql.out().lines().toList());
  }

  /** The reader JVM lists every table once, reads each by name as published, and sees the column comments. */
  private void assertTablesReadByName(Path metastore, Path output, String format) {
    ChildJvm.Outcome read = ChildJvm.run(TIMEOUT_SECONDS, CatalogReader.class.getName(), metastore.toString(),
        DATABASE);
    assertEquals(0, read.exitCode(), read.err());
    Map<String, List<String>> rows = new TreeMap<>();
    Map<String, String> describe = new TreeMap<>();
    List<String> tables = new ArrayList<>();
    for (String line : read.out().lines().toList()) {
      if (line.startsWith("TABLE ")) {
        tables.add(line.substring(6));
      } else if (line.startsWith("ROW ")) {
        String[] parts = line.substring(4).split("\t", 2);
        rows.computeIfAbsent(parts[0], t -> new ArrayList<>()).add(parts[1]);
      } else if (line.startsWith("DESCRIBE ")) {
        String[] parts = line.substring(9).split("\t", -1);
        describe.put(parts[0] + "." + parts[1].strip(), parts[1].strip() + "\t" + parts[2] + "\t" + parts[3]);
      }
    }
    assertEquals(OutputTables.ALL.stream().map(TableSpec::catalogName).sorted().toList(),
        tables.stream().sorted().toList(), format + ": one table per name");
    for (TableSpec spec : OutputTables.ALL) {
      String path = output.resolve(spec.relativePath()).toString();
      List<String> published = CatalogReader.asJson(spark.read().format(format).load(path)).collectAsList().stream()
          .sorted().toList();
      assertEquals(published, rows.getOrDefault(spec.catalogName(), List.of()).stream().sorted().toList(),
          format + ": " + spec.catalogName() + " read by name holds the published rows");
    }
    assertFalse(rows.getOrDefault("market_share", List.of()).isEmpty(), "the tiny landing has market shares");
    TableSpec.ColumnSpec share = OutputTables.MARKET_SHARE.column("share").orElseThrow();
    assertEquals("share\tdouble\t" + share.comment(), describe.get("market_share.share"), format);
    assertTrue(describe.get("market_share.Location").contains(output.resolve("gold/market_share").toString()),
        describe.get("market_share.Location"));
    assertTrue(describe.get("market_share.Provider").contains(format), describe.get("market_share.Provider"));
  }
}
