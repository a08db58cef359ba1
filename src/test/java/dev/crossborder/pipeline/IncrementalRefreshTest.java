package dev.crossborder.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.cli.CrossborderAnalytics;
import dev.crossborder.model.Columns;
import dev.crossborder.model.OutputTables;
import dev.crossborder.model.TableSpec;
import dev.crossborder.testing.Folders;
import dev.crossborder.testing.SameRows;
import dev.crossborder.testing.SparkTestBase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --incremental} against full rebuilds of the same landing folder, in Delta and Parquet side by side:
 * after a month of files is added, after nothing changed, and after a file changed, another was copied under a new
 * name and a third removed, every table (run_id aside) must equal the full rebuild's; a changed reference file
 * forces a full rebuild (which is then the rebuild both formats' refreshes are compared with). Landing data: the
 * sample's reference files, its 2024 files whole and its 2025 files split into one file per month, bad rows
 * included. (That a missing silver table forces a rebuild is {@code PipelineRefreshTriggersTest}'s.)
 */
class IncrementalRefreshTest extends SparkTestBase {

  private static final Pattern MONTH_OF_LINE = Pattern.compile("\"(?:ship_date|month)\":\"(\\d{4}-\\d{2})");
  private static final String LAST_MONTH = "2025-12";

  @TempDir
  Path tmp;

  @Test
  void deltaAndParquetRefreshesEqualFullRebuilds() throws IOException {
    Path landing = landingWithout(LAST_MONTH);
    Path delta = tmp.resolve("incremental-delta");
    Path parquet = tmp.resolve("incremental-parquet");
    assertSucceeded(run(landing, delta, "delta", "--incremental"),
        "full rebuild: the output has no record of processed landing files yet");
    assertSucceeded(run(landing, parquet, "parquet"), "full rebuild");

    addMonth(landing, LAST_MONTH);
    Outcome added = run(landing, delta, "delta", "--incremental");
    assertSucceeded(added, "gmv: 1 new, 0 changed, 0 removed file(s); read 1; months replaced: 2025-12");
    assertTrue(added.out().contains("shipments: 1 new, 0 changed, 0 removed file(s); read 1; months replaced: 2025-12"),
        added.out());
    assertSucceeded(run(landing, parquet, "parquet", "--incremental"),
        "shipments: 1 new, 0 changed, 0 removed file(s); read 1");
    Path refreshedParquet = Folders.copy(parquet, tmp.resolve("refreshed-parquet"));
    Outcome again = run(landing, delta, "delta", "--incremental");
    assertSucceeded(again, "nothing to refresh");
    assertTrue(again.out().contains("shipments: 0 new, 0 changed, 0 removed file(s); read 0"), again.out());

    // A reference file that changed at all (here by one blank line) forces a full rebuild: rates and thresholds
    // reach every table. The blank line changes no value, so that rebuild is also the full rebuild the refreshes
    // of both formats must equal.
    Path fxRates = landing.resolve("reference/fx_rates.csv");
    byte[] rates = Files.readAllBytes(fxRates);
    Files.writeString(fxRates, "\n", StandardOpenOption.APPEND);
    assertSucceeded(run(landing, parquet, "parquet", "--incremental"),
        "full rebuild: the reference files changed since run");
    Files.write(fxRates, rates); // the Delta output's refreshes below go on from the files it recorded
    assertSameTables(refreshedParquet, "parquet", parquet, "parquet");
    assertSameTables(delta, "delta", parquet, "parquet");
    // The sample's policy scenarios cover the refreshed month: their tables are compared with something in them.
    assertTrue(read(delta, OutputTables.POLICY_SCENARIO_CUBE, "delta")
        .filter(Columns.MONTH_START + " = DATE'2025-12-01' AND " + Columns.SCENARIO_ID + " = 'eu_3eur_2025'").count() > 0);

    // One new shipment in June; March delivered twice (the copy is all duplicates); January withdrawn.
    Path june = landing.resolve("shipments/2025/shipments-2025-06.jsonl");
    Files.writeString(june, "{\"shipment_id\":\"S20250615-9999\",\"ship_date\":\"2025-06-15\",\"platform_id\":\"temu\","
        + "\"origin_country\":\"CN\",\"destination_country\":\"US\",\"fulfillment_model\":\"fully_hosted\","
        + "\"declared_value\":12.34,\"currency\":\"USD\",\"parcel_count\":1000,\"weight_kg\":0.5}\n",
        StandardOpenOption.APPEND);
    Files.copy(landing.resolve("shipments/2025/shipments-2025-03.jsonl"),
        landing.resolve("shipments/2025/shipments-2025-03-resent.jsonl"));
    Files.delete(landing.resolve("shipments/2025/shipments-2025-01.jsonl"));
    Outcome changed = run(landing, delta, "delta", "--incremental");
    assertSucceeded(changed,
        "shipments: 1 new, 1 changed, 1 removed file(s); read 3; months replaced: 2025-01, 2025-03, 2025-06");
    Path rebuilt = tmp.resolve("full-delta");
    assertSucceeded(run(landing, rebuilt, "delta"), "full rebuild");
    assertSameTables(delta, "delta", rebuilt, "delta");
    // Every March shipment now comes twice, identically: one copy of each is kept, the other is DUPLICATE.
    long marchDuplicates = spark.read().format("delta").load(delta.resolve("quarantine").toString())
        .filter(Columns.SOURCE_FILE + " LIKE '%shipments-2025-03%' AND array_contains(reasons, 'DUPLICATE')").count();
    assertEquals(lines(landing.resolve("shipments/2025/shipments-2025-03.jsonl")), marchDuplicates);
  }

  /**
   * Every table but runs of {@code actual} holds the rows of {@code expected}'s, run_id aside, whatever the format
   * of each: compared as JSON of the contract's columns, so that what only the format decides (column order of a
   * partitioned Parquet table, nullability, comments) does not count.
   */
  private void assertSameTables(Path actual, String actualFormat, Path expected, String expectedFormat) {
    for (TableSpec spec : OutputTables.ALL) {
      if (spec == OutputTables.RUNS) {
        continue;
      }
      String differences = SameRows.differences(contractRows(read(expected, spec, expectedFormat), spec),
          contractRows(read(actual, spec, actualFormat), spec));
      assertEquals("", differences, spec.name() + " (" + actualFormat + ") against the full rebuild (" + expectedFormat
          + ")");
    }
  }

  private static Dataset<Row> contractRows(Dataset<Row> table, TableSpec spec) {
    // No cast: Parquet reads every array as holding nulls, which a cast to the contract's type refuses.
    Column[] columns = spec.columnNames().stream().filter(name -> !name.equals(Columns.RUN_ID))
        .map(name -> col(name)).toArray(Column[]::new);
    return table.select(to_json(struct(columns)).as("row"));
  }

  private static Dataset<Row> read(Path output, TableSpec spec, String format) {
    String path = output.resolve(spec.relativePath()).toString();
    return format.equals("delta") ? spark.read().format("delta").load(path) : spark.read().parquet(path);
  }

  /** The landing folder with every file but those of {@code month}, which {@link #addMonth} adds later. */
  private Path landingWithout(String month) throws IOException {
    Path sample = Path.of("datasets/sample");
    Path landing = tmp.resolve("landing-" + System.nanoTime());
    Folders.copy(sample.resolve("reference"), landing.resolve("reference"));
    Files.createDirectories(landing.resolve("gmv"));
    Files.copy(sample.resolve("gmv/csv/gmv-2024.csv"), landing.resolve("gmv/gmv-2024.csv"));
    Files.createDirectories(landing.resolve("shipments/2024"));
    Files.copy(sample.resolve("shipments/2024/shipments-2024.csv"), landing.resolve("shipments/2024/shipments-2024.csv"));
    Path heldBack = landing.resolve("held-back-files");
    writeByMonth(sample.resolve("gmv/jsonl/gmv-2025.jsonl"), landing.resolve("gmv"), "gmv-", month, heldBack);
    writeByMonth(sample.resolve("shipments/2025/shipments-2025.jsonl"), landing.resolve("shipments/2025"),
        "shipments-", month, heldBack);
    return landing;
  }

  private void addMonth(Path landing, String month) throws IOException {
    try (Stream<Path> held = Files.list(landing.resolve("held-back-files"))) {
      for (Path file : held.toList()) {
        String target = file.getFileName().toString().startsWith("gmv-") ? "gmv" : "shipments/2025";
        Files.move(file, landing.resolve(target).resolve(file.getFileName()));
      }
    }
  }

  /**
   * One JSON-lines file per month of the lines of {@code source} (lines without a readable month together in
   * a "-other" file); the files of {@code heldBackMonth} go to a folder outside the landing datasets.
   */
  private static void writeByMonth(Path source, Path folder, String prefix, String heldBackMonth, Path heldBack)
      throws IOException {
    Map<String, List<String>> byMonth = new TreeMap<>();
    for (String line : Files.readAllLines(source, StandardCharsets.UTF_8)) {
      Matcher month = MONTH_OF_LINE.matcher(line);
      byMonth.computeIfAbsent(month.find() ? month.group(1) : "other", m -> new ArrayList<>()).add(line);
    }
    Files.createDirectories(folder);
    Files.createDirectories(heldBack);
    for (Map.Entry<String, List<String>> month : byMonth.entrySet()) {
      Path target = (month.getKey().equals(heldBackMonth) ? heldBack : folder)
          .resolve(prefix + (month.getKey().equals("other") ? "2025-other" : month.getKey()) + ".jsonl");
      Files.write(target, month.getValue(), StandardCharsets.UTF_8);
    }
  }

  private static long lines(Path file) {
    try {
      return Files.readAllLines(file).size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Outcome(int exitCode, String out, String err) {}

  /** {@code run} of {@code landing} into {@code output} in {@code format}, with {@code more} options. */
  private static Outcome run(Path landing, Path output, String format, String... more) {
    List<String> args = new ArrayList<>(List.of("run", "--input", landing.toString(), "--output", output.toString(),
        "--format", format, "--max-quarantine-ratio", "0.5"));
    args.addAll(List.of(more));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CrossborderAnalytics.execute(new PrintWriter(out, true), new PrintWriter(err, true),
        args.toArray(String[]::new));
    return new Outcome(code, out.toString(), err.toString());
  }

  private static void assertSucceeded(Outcome outcome, String expectedInSummary) {
    assertEquals(0, outcome.exitCode(), outcome.err() + outcome.out());
    assertTrue(outcome.out().contains(expectedInSummary), "expected '" + expectedInSummary + "' in:\n" + outcome.out());
  }
}
