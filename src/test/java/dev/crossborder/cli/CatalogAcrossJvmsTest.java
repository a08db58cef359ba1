package dev.crossborder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.model.OutputTables;
import dev.crossborder.model.TableSpec;
import dev.crossborder.testing.CatalogReader;
import dev.crossborder.testing.ChildJvm;
import dev.crossborder.testing.SparkTestBase;
import dev.crossborder.testing.Folders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --database} with the embedded Hive metastore, as a user and a BI engine meet it: each in a JVM of its
 * own. A Delta run registers its tables; a rerun with --format parquet and an incremental refresh into the same output
 * and database leave one table per name, now Parquet: a separate JVM (a plain Spark session, {@link CatalogReader})
 * opens the same metastore, lists the tables, reads them by name and finds the refreshed rows, the column comments
 * and the partitions; {@code sql --database} queries them by name; a run into another output is refused before it
 * writes anything, since the names are taken. (The same read of Delta tables by name: LocalClusterIT.)
 */
class CatalogAcrossJvmsTest extends SparkTestBase {
  private static final String TINY = "src/test/resources/landing/tiny";
  private static final String DATABASE = "bi";
  private static final long TIMEOUT_SECONDS = 300;

  @TempDir
  Path tmp;

  @Test
  void aSecondJvmReadsTheRegisteredTablesByNameThroughRerunsRefreshesAndAFormatChange() throws IOException {
    // The tiny landing without one GMV file, which comes later as the new file of an incremental refresh.
    Path landing = Folders.copy(Path.of(TINY), tmp.resolve("landing"));
    Path laterFile = landing.resolve("gmv/jsonl/gmv.jsonl");
    byte[] later = Files.readAllBytes(laterFile);
    Files.delete(laterFile);
    Path output = tmp.resolve("out");
    Path metastore = tmp.resolve("metastore");

    ChildJvm.Outcome delta = run(landing, output, metastore, "first");
    assertEquals(0, delta.exitCode(), delta.err());
    assertTrue(delta.out().contains("Catalog: 14 tables registered in database bi"), delta.out());
    assertTrue(Files.isDirectory(metastore.resolve("metastore_db")), "the metastore is kept in --metastore");
    assertTrue(Files.isRegularFile(metastore.resolve("derby.log")), "Derby logs beside its database");
    // Delta tables read by name from another JVM, comments and all: LocalClusterIT (the cluster's metastore).

    ChildJvm.Outcome parquet = run(landing, output, metastore, "second", "--format", "parquet");
    assertEquals(0, parquet.exitCode(), parquet.err());

    Files.write(laterFile, later);
    ChildJvm.Outcome refresh = run(landing, output, metastore, "third", "--format", "parquet", "--incremental");
    assertEquals(0, refresh.exitCode(), refresh.err());
    assertTrue(refresh.out().contains("incremental refresh since run second"), refresh.out());
    assertTablesReadByName(metastore, output, "parquet");

    ChildJvm.Outcome sql = ChildJvm.run(TIMEOUT_SECONDS, "dev.crossborder.cli.Main", "sql", "--database", DATABASE,
        "--metastore", metastore.toString(), "--format", "csv", "SELECT run_id, format FROM runs ORDER BY run_id");
    assertEquals(0, sql.exitCode(), sql.err());
    // The run history is appended to, whatever the format: each run, saying how it wrote.
    assertEquals(List.of("run_id,format", "first,delta", "second,parquet", "third,parquet"),
        sql.out().lines().toList());

    // Another output into the same database: its names are held over the first output, so nothing is written.
    Path elsewhere = tmp.resolve("elsewhere");
    ChildJvm.Outcome refused = run(landing, elsewhere, metastore, "fourth");
    assertEquals(2, refused.exitCode(), refused.err());
    List<String> errorLines = refused.err().lines().filter(line -> line.startsWith("Error")).toList();
    assertEquals(1, errorLines.size(), refused.err());
    assertTrue(errorLines.get(0).contains("already exists over file:" + output), errorLines.get(0));
    assertFalse(Files.exists(elsewhere), "nothing written");
  }

  private static ChildJvm.Outcome run(Path landing, Path output, Path metastore, String runId, String... more) {
    List<String> args = new ArrayList<>(List.of("run", "--input", landing.toString(), "--output", output.toString(),
        "--database", DATABASE, "--metastore", metastore.toString(), "--run-id", runId, "--max-quarantine-ratio",
        "0.5", "--quiet"));
    args.addAll(List.of(more));
    return ChildJvm.run(TIMEOUT_SECONDS, "dev.crossborder.cli.Main", args.toArray(String[]::new));
  }

  /** The reader JVM lists every table once, reads each by name as published, and sees the column comments. */
  private void assertTablesReadByName(Path metastore, Path output, String format) {
    ChildJvm.Outcome read = ChildJvm.run(TIMEOUT_SECONDS, CatalogReader.class.getName(), metastore.toString(),
        DATABASE);
    assertEquals(0, read.exitCode(), read.err());
    CatalogReader.Listing listing = CatalogReader.Listing.parse(read.out());
    assertEquals(OutputTables.ALL.stream().map(TableSpec::catalogName).sorted().toList(),
        listing.tables().stream().sorted().toList(), format + ": one table per name");
    for (TableSpec spec : OutputTables.ALL) {
      String path = output.resolve(spec.relativePath()).toString();
      List<String> published = CatalogReader.asJson(spark.read().format(format).load(path)).collectAsList().stream()
          .sorted().toList();
      assertEquals(published, listing.sortedRows(spec.catalogName()),
          format + ": " + spec.catalogName() + " read by name holds the published rows");
    }
    assertFalse(listing.sortedRows("market_share").isEmpty(), "the tiny landing has market shares");
    TableSpec.ColumnSpec share = OutputTables.MARKET_SHARE.column("share").orElseThrow();
    assertEquals("double\t" + share.comment(), listing.described("market_share", "share"), format);
    String location = listing.described("market_share", "Location");
    assertTrue(location.contains(output.resolve("gold/market_share").toString()), location);
    String provider = listing.described("market_share", "Provider");
    assertTrue(provider.contains(format), provider);
  }
}
