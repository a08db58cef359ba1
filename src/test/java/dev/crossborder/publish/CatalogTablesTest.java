package dev.crossborder.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.cli.CrossborderAnalytics;
import dev.crossborder.config.OutputFormat;
import dev.crossborder.model.JobException;
import dev.crossborder.model.OutputTables;
import dev.crossborder.model.TableSpec;
import dev.crossborder.model.TableSpec.ColumnSpec;
import dev.crossborder.testing.Folders;
import dev.crossborder.testing.SampleRun;
import dev.crossborder.testing.SparkTestBase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registering the published tables by name, in the test JVM's own catalog (in memory: the same statements as
 * against a Hive metastore, which {@code CatalogAcrossJvmsTest} covers across JVMs): idempotent, a change of
 * format re-registers at the same location, and a name held elsewhere is refused without touching it.
 */
class CatalogTablesTest extends SparkTestBase {
  @TempDir
  static Path tmp;

  @Test
  void aParquetTableIsDeclaredWithTheContractsColumnsCommentsAndPartitions() {
    TableSpec spec = new TableSpec("silver", "cube", "one row per month", "Monthly 'cube'", List.of(
        new ColumnSpec("month_start", DataTypes.DateType, "First day"),
        new ColumnSpec("parcels", DataTypes.LongType, "Parcels")), List.of("month_start"));
    assertEquals("CREATE TABLE `db`.`silver_cube` (`month_start` DATE COMMENT 'First day', `parcels` BIGINT COMMENT"
        + " 'Parcels') USING parquet PARTITIONED BY (`month_start`) COMMENT 'Monthly \\'cube\\'' LOCATION"
        + " 'file:/data/out/silver/cube'", CatalogTables.parquetDdl("`db`.`silver_cube`", spec, "file:/data/out/silver/cube"));
  }

  @Test
  void locationsCompareAsCatalogsPrintThem() {
    assertTrue(CatalogTables.sameLocation("file:/data/out/gold/x", "file:///data/out/gold/x/"));
    assertFalse(CatalogTables.sameLocation("file:/data/out/gold/x", "file:/data/out2/gold/x"));
  }

  @Test
  void aCatalogThatDiesWithTheSessionIsRefusedBeforeAnythingIsWritten() {
    JobException refused = assertThrows(JobException.class,
        () -> CatalogTables.requirePersistentCatalog(spark, "crossborder"));
    assertEquals(JobException.EXIT_INPUT, refused.exitCode());
    assertTrue(refused.getMessage().contains("needs a catalog that outlives the run"), refused.getMessage());

    // The test JVM's session is in memory: run --database finds it and stops before claiming the output.
    Path output = tmp.resolve("never-written");
    StringWriter err = new StringWriter();
    int code = CrossborderAnalytics.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "run", "--input",
        "src/test/resources/landing/tiny", "--output", output.toString(), "--database", "crossborder");
    assertEquals(2, code, err.toString());
    assertEquals(1, err.toString().strip().lines().count(), err.toString());
    assertFalse(Files.exists(output), "nothing written");
  }

  @Test
  void registeringTwiceKeepsOneTablePerNameAndAFormatChangeReRegistersIt() throws Exception {
    Path output = Folders.copy(SampleRun.get().output(), tmp.resolve("registered"));
    String database = "catalog_twice";
    List<String> names = CatalogTables.registerTables(spark, database, output.toString(), OutputFormat.DELTA);
    assertEquals(OutputTables.ALL.size(), names.size());
    assertEquals(names, CatalogTables.registerTables(spark, database, output.toString(), OutputFormat.DELTA));
    assertEquals(OutputTables.ALL.size(), spark.catalog().listTables(database).count());
    long cubeRows = spark.read().format("delta").load(output.resolve("silver/shipment_cube").toString()).count();
    assertEquals(cubeRows, spark.table(database + ".silver_shipment_cube").count());

    // The same folder rewritten as Parquet (the Delta files without their logs, as --format parquet lays out).
    try (Stream<Path> logs = Files.walk(output)) {
      for (Path log : logs.filter(p -> p.getFileName().toString().equals("_delta_log")).toList()) {
        Folders.delete(log);
      }
    }
    CatalogTables.registerTables(spark, database, output.toString(), OutputFormat.PARQUET);
    assertEquals(OutputTables.ALL.size(), spark.catalog().listTables(database).count());
    for (TableSpec spec : OutputTables.ALL) {
      assertEquals("parquet", CatalogTables.registered(spark, database, spec).orElseThrow().provider(), spec.name());
    }
    assertEquals(cubeRows, spark.table(database + ".silver_shipment_cube").count(), "every month partition found");
    String shareComment = spark.sql("DESCRIBE TABLE " + database + ".market_share").filter("col_name = 'share'")
        .first().getString(2);
    assertEquals(OutputTables.MARKET_SHARE.column("share").orElseThrow().comment(), shareComment);
  }

  @Test
  void aNameHeldAtAnotherLocationIsRefusedAndLeftAsItWas() throws IOException {
    Path first = Folders.copy(SampleRun.get().output(), tmp.resolve("first"));
    Path second = SampleRun.get().parquetCopy(tmp.resolve("second"));
    String database = "catalog_taken";
    CatalogTables.registerTables(spark, database, first.toString(), OutputFormat.DELTA);

    JobException refused = assertThrows(JobException.class,
        () -> CatalogTables.registerTables(spark, database, second.toString(), OutputFormat.PARQUET));
    assertEquals(JobException.EXIT_INPUT, refused.exitCode());
    assertTrue(refused.getMessage().startsWith("Refusing --database catalog_taken: table `catalog_taken`."),
        refused.getMessage());
    assertTrue(refused.getMessage().contains("already exists over file:" + first), refused.getMessage());
    for (TableSpec spec : OutputTables.ALL) {
      CatalogTables.Registered kept = CatalogTables.registered(spark, database, spec).orElseThrow();
      assertEquals("delta", kept.provider(), spec.name());
      assertTrue(CatalogTables.sameLocation(kept.location(), "file:" + first.resolve(spec.relativePath())),
          kept.location());
    }
  }
}
