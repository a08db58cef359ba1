package dev.crossborder.ingest;

import static dev.crossborder.model.Columns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossborder.model.JobException;
import dev.crossborder.model.LandingDataset;
import dev.crossborder.testing.SparkTestBase;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV records are read whole: a quoted field keeps its line breaks and its record counts once, and a record whose
 * quoting broke is never accepted with a value cut short or with later records inside it; it comes out with
 * {@code _corrupt_record} set (raw text, or its values when Spark split it), which the quality stage quarantines
 * as MALFORMED_RECORD.
 */
class LandingReaderTest extends SparkTestBase {
  private static final String GMV_HEADER = "platform_id,country_code,month,gmv,currency,orders,source";
  private static final String SHIPMENT_HEADER = "shipment_id,ship_date,platform_id,origin_country,"
      + "destination_country,fulfillment_model,declared_value,currency,parcel_count,weight_kg";
  private static final Path TINY_REFERENCE = Path.of("src/test/resources/landing/tiny/reference");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One row as read: its file name, the text values by column and the corrupt record text. */
  record Read(String file, Map<String, String> values, String corrupt) {
    String get(String column) {
      return values.get(column);
    }
  }

  @Test
  void quotedLineBreakStaysInItsFieldAndTheRecordCountsOnce(@TempDir Path tmp) throws IOException {
    Path gmv = tmp.resolve("gmv");
    write(gmv.resolve("lf/notes.csv"), GMV_HEADER + "\n"
        + "temu,DE,2024-02,30,EUR,3,\"first line\nsecond line\"\n"
        + "amazon,US,2024-02,31,USD,4,plain\n");
    write(gmv.resolve("crlf/notes_crlf.csv"), GMV_HEADER + "\r\n"
        + "shein,FR,2024-03,32,EUR,5,\"line one\r\nline two\"\r\n");
    // Read by header name: another column order, the line break in the first column.
    write(gmv.resolve("reordered/notes_reordered.csv"), "source,gmv,currency,orders,platform_id,country_code,month\n"
        + "\"note\nacross lines\",33,USD,6,ebay,US,2024-04\n");
    writeGzip(gmv.resolve("gz/notes.csv.gz"), GMV_HEADER + "\nebay,MX,2024-05,34,MXN,7,\"zipped\nnote\"\n");

    List<Read> rows = read(gmv, LandingDataset.GMV);

    // 2 + 1 + 1 + 1 records, though the files hold 3 + 1 + 1 + 1 data lines.
    assertEquals(5, rows.size(), rows.toString());
    rows.forEach(r -> assertNull(r.corrupt(), r.toString()));
    Read temu = only(rows, "notes.csv", "temu");
    assertEquals("first line\nsecond line", temu.get(SOURCE));
    assertEquals("30", temu.get(GMV));
    assertEquals("plain", only(rows, "notes.csv", "amazon").get(SOURCE));
    // Spark's parser hands a quoted CRLF over as the line end "\n" (its line separator, detected per file).
    Read shein = only(rows, "notes_crlf.csv", "shein");
    assertEquals("line one\nline two", shein.get(SOURCE));
    assertEquals("32", shein.get(GMV));
    Read reordered = only(rows, "notes_reordered.csv", "ebay");
    assertEquals("note\nacross lines", reordered.get(SOURCE));
    assertEquals("2024-04", reordered.get(MONTH));
    assertEquals("33", reordered.get(GMV));
    Read zipped = only(rows, "notes.csv.gz", "ebay");
    assertEquals("zipped\nnote", zipped.get(SOURCE));
    assertEquals("MXN", zipped.get(CURRENCY));
  }

  @Test
  void malformedGmvRecordsKeepTheirTextAndNothingIsAcceptedCut(@TempDir Path tmp) throws IOException {
    Path gmv = tmp.resolve("gmv");
    write(gmv.resolve("too_many.csv"), GMV_HEADER + "\n"
        + "temu,US,2024-01,10,USD,1,x,extra\n"
        + "shein,US,2024-01,11,USD,1,ok\n");
    // A quote left open in the gmv column at the end of the file: Spark finds too few fields.
    write(gmv.resolve("open_mid.csv"), GMV_HEADER + "\n"
        + "amazon,DE,2024-01,12,EUR,1,ok\n"
        + "temu,DE,2024-01,\"13,EUR,1,cut\n");
    // A quote left open in the last, free-text column: the rest of the file (a whole record) would be its value.
    String openRecord = "shein,CN,2024-01,15,USD,1,\"open note\ntemu,CN,2024-01,16,USD,1,swallowed";
    write(gmv.resolve("open_last.csv"), GMV_HEADER + "\n"
        + "amazon,CN,2024-01,14,USD,1,\"closed\nnote\"\n"
        + openRecord + "\n");
    // The same in a file cut off inside the quote: Spark would return "cut off" as a whole value. (Third of the
    // files read on their own, this one is not the first part of the union.)
    write(gmv.resolve("open_source.csv"), GMV_HEADER + "\n"
        + "walmart,MX,2024-01,20,MXN,1,\"cut off");
    // A quote left open and closed by a later record's quoted field: Spark reads on after it.
    write(gmv.resolve("resync.csv"), GMV_HEADER + "\n"
        + "ebay,US,2024-01,17,USD,1,\"open\nwalmart,US,2024-01,18,USD,1,\"quoted\"\n"
        + "temu,US,2024-01,19,USD,1,after\n");

    List<Read> rows = read(gmv, LandingDataset.GMV);

    assertEquals(9, rows.size(), rows.toString());
    assertEquals("temu,US,2024-01,10,USD,1,x,extra", only(rows, "too_many.csv", "temu").corrupt());
    assertEquals("temu,DE,2024-01,\"13,EUR,1,cut", only(rows, "open_mid.csv", "temu").corrupt());
    assertEquals(openRecord, only(rows, "open_last.csv", "shein").corrupt());
    assertEquals("walmart,MX,2024-01,20,MXN,1,\"cut off", only(rows, "open_source.csv", "walmart").corrupt());
    Read resync = only(rows, "resync.csv", "ebay");
    Map<String, Object> values = JSON.readValue(resync.corrupt(), Map.class);
    assertEquals("\"open\nwalmart,US,2024-01,18,USD,1,\"quoted\"", values.get(SOURCE), resync.corrupt());
    assertEquals("17", values.get(GMV));

    // The rows left clean hold exactly what their lines hold.
    List<Read> accepted = rows.stream().filter(r -> r.corrupt() == null).toList();
    assertEquals(List.of("amazon CN 14 closed\nnote", "amazon DE 12 ok", "shein US 11 ok", "temu US 19 after"),
        accepted.stream().map(r -> r.get(PLATFORM_ID) + " " + r.get(COUNTRY_CODE) + " " + r.get(GMV) + " "
            + r.get(SOURCE)).sorted().toList());
  }

  @Test
  void aLineBreakInAColumnThatCannotHoldOneIsABrokenRecord(@TempDir Path tmp) throws IOException {
    Path shipments = tmp.resolve("shipments");
    // A quote left open in weight_kg, the last column: the next record would be read into it.
    write(shipments.resolve("open_weight.csv"), SHIPMENT_HEADER + "\n"
        + "S1,2024-01-15,temu,CN,US,fully_hosted,20.00,USD,1,\"0.4\n"
        + "S2,2024-01-16,temu,CN,US,fully_hosted,21.00,USD,1,0.5\n");
    // The same with shipment_id last, a text column no rule would stop; and a quoted line break in a code.
    write(shipments.resolve("open_id.csv"), "ship_date,platform_id,origin_country,destination_country,"
        + "fulfillment_model,declared_value,currency,parcel_count,weight_kg,shipment_id\n"
        + "2024-01-17,temu,CN,US,fully_hosted,22.00,USD,1,0.3,S3\n"
        + "2024-01-18,\"te\nmu\",CN,US,fully_hosted,23.00,USD,1,0.3,S4\n"
        + "2024-01-19,temu,CN,US,fully_hosted,24.00,USD,1,0.3,\"S5\n"
        + "2024-01-20,temu,CN,US,fully_hosted,25.00,USD,1,0.3,S6\n");

    List<Read> rows = read(shipments, LandingDataset.SHIPMENTS);

    assertEquals(4, rows.size(), rows.toString());
    Read s1 = onlyWhere(rows, SHIPMENT_ID, "S1");
    assertEquals("0.4\nS2,2024-01-16,temu,CN,US,fully_hosted,21.00,USD,1,0.5\n",
        JSON.readValue(s1.corrupt(), Map.class).get(WEIGHT_KG), s1.corrupt());
    Read s4 = onlyWhere(rows, SHIPMENT_ID, "S4");
    assertEquals("te\nmu", JSON.readValue(s4.corrupt(), Map.class).get(PLATFORM_ID), s4.corrupt());
    Read s5 = rows.stream().filter(r -> r.get(SHIPMENT_ID).startsWith("S5")).findFirst().orElseThrow();
    assertEquals("S5\n2024-01-20,temu,CN,US,fully_hosted,25.00,USD,1,0.3,S6\n",
        JSON.readValue(s5.corrupt(), Map.class).get(SHIPMENT_ID), s5.corrupt());
    assertNull(onlyWhere(rows, SHIPMENT_ID, "S3").corrupt());
  }

  @Test
  void referenceFilesAreParsedOnTheDriverWithoutASparkJob(@TempDir Path tmp) throws IOException {
    Path input = copyTinyReference(tmp.resolve("reference-read"));
    write(input.resolve("reference/platforms.csv"), "platform_id,platform_name,parent_company,platform_group,"
        + "home_country\n"
        + "temu,Temu,PDD Holdings,china_big4,CN\n"
        + "\n"
        + "amazon,Amazon,\"Amazon.com, Inc.\",global_incumbent,US\n");
    int jobsBefore = spark.sparkContext().dagScheduler().numTotalJobs();
    ReferenceData reference = ReferenceLoader.load(spark, input.toString());
    assertEquals(jobsBefore, spark.sparkContext().dagScheduler().numTotalJobs(), "Spark jobs started by the load");
    assertEquals(List.of("Temu", "Amazon"), reference.platforms().stream().map(ReferenceData.Platform::platformName)
        .toList());
    assertEquals("Amazon.com, Inc.", reference.platforms().get(1).parentCompany()); // a quoted comma stays

    // A record with a field too many is malformed as Spark's CSV reader has it, named by its line.
    append(input.resolve("reference/platforms.csv"), "shein,SHEIN,Roadget,china_big4,SG,extra\n");
    JobException malformed = assertThrows(JobException.class, () -> ReferenceLoader.load(spark, input.toString()));
    assertEquals(JobException.EXIT_INPUT, malformed.exitCode());
    assertTrue(malformed.getMessage().startsWith("reference/platforms.csv line 4: malformed line (expected 5 fields)"),
        malformed.getMessage());
  }

  @Test
  void referenceValuesAcrossLinesFailNamingTheFileAndLine(@TempDir Path tmp) throws IOException {
    Path input = copyTinyReference(tmp.resolve("quoted-line-break"));
    write(input.resolve("reference/platforms.csv"), "platform_id,platform_name,parent_company,platform_group,"
        + "home_country\n"
        + "temu,Temu,PDD Holdings,china_big4,CN\n"
        + "amazon,\"Amazon\nMarketplace\",\"Amazon.com, Inc.\",global_incumbent,US\n");
    JobException lineBreak = assertThrows(JobException.class, () -> ReferenceLoader.load(spark, input.toString()));
    assertEquals(JobException.EXIT_INPUT, lineBreak.exitCode());
    assertEquals("reference/platforms.csv line 3: platform_name holds a line break (a quoted field across lines,"
        + " or a quote left open); reference values are one line each", lineBreak.getMessage());

    Path open = copyTinyReference(tmp.resolve("open-quote"));
    write(open.resolve("reference/de_minimis_rules.csv"),
        "jurisdiction,origin_scope,threshold,currency,valid_from,valid_to,source\n"
            + "US,*,800,USD,2016-03-10,2025-08-29,\"19 USC 1321\n");
    JobException unclosed = assertThrows(JobException.class, () -> ReferenceLoader.load(spark, open.toString()));
    assertEquals(JobException.EXIT_INPUT, unclosed.exitCode());
    assertTrue(unclosed.getMessage().startsWith("reference/de_minimis_rules.csv line 2: the quoted field opened"
        + " there is never closed"), unclosed.getMessage());
  }

  @Test
  void aHeaderWhoseQuoteNeverClosesStopsTheRun(@TempDir Path tmp) throws IOException {
    Path gmv = tmp.resolve("gmv");
    write(gmv.resolve("open_header.csv"), "platform_id,country_code,month,gmv,currency,orders,\"source\n"
        + "temu,US,2024-01,10,USD,1,x\n");
    JobException e = assertThrows(JobException.class, () -> read(gmv, LandingDataset.GMV));
    assertEquals(JobException.EXIT_INPUT, e.exitCode());
    assertTrue(e.getMessage().contains("open_header.csv line 1"), e.getMessage());
  }

  // ---------------------------------------------------------------------------------------------------------

  private static List<Read> read(Path folder, LandingDataset dataset) {
    List<String> columns = dataset.columns();
    return LandingReader.read(spark, folder.toString(), LandingReader.Contract.of(dataset)).collectAsList().stream()
        .map(row -> toRead(row, columns))
        .toList();
  }

  private static Read toRead(Row row, List<String> columns) {
    Map<String, String> values = new java.util.LinkedHashMap<>();
    for (String column : columns) {
      values.put(column, row.getAs(column));
    }
    String file = row.<String>getAs(SOURCE_FILE);
    return new Read(file.substring(file.lastIndexOf('/') + 1), values, row.getAs(CORRUPT_RECORD));
  }

  private static Read only(List<Read> rows, String file, String platformId) {
    List<Read> matching = rows.stream()
        .filter(r -> r.file().equals(file) && platformId.equals(r.get(PLATFORM_ID))).toList();
    assertEquals(1, matching.size(), file + " " + platformId + " in " + rows);
    return matching.get(0);
  }

  private static Read onlyWhere(List<Read> rows, String column, String value) {
    List<Read> matching = rows.stream().filter(r -> value.equals(r.get(column))).toList();
    assertEquals(1, matching.size(), column + " = " + value + " in " + rows);
    return matching.get(0);
  }

  private static Path copyTinyReference(Path input) throws IOException {
    Files.createDirectories(input.resolve("reference"));
    try (Stream<Path> files = Files.list(TINY_REFERENCE)) {
      for (Path file : files.toList()) {
        Files.copy(file, input.resolve("reference").resolve(file.getFileName().toString()));
      }
    }
    return input;
  }

  private static void append(Path file, String content) throws IOException {
    Files.writeString(file, content, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private static void writeGzip(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
  }
}
