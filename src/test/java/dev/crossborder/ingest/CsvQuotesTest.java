package dev.crossborder.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.ingest.CsvQuotes.OpenQuote;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The quotes followed as Spark's CSV parser follows them (each case below was read with Spark 4.2's multiLine
 * CSV reader first): only a field still open at the end of the file is reported.
 */
class CsvQuotesTest {

  private static Optional<OpenQuote> scan(String text) throws IOException {
    return CsvQuotes.openAtEnd(new StringReader(text));
  }

  @Test
  void recordsAreSplitWhereSparkSplitsThem() throws IOException {
    // A quoted line break stays in its record; blank lines are skipped; CRLF and a lone CR end a record once;
    // the last record needs no line end. (Spark's multiLine reader gives these same 4 data records.)
    CsvQuotes.Records records = CsvQuotes.records(new StringReader(
        "a,b,c\n1,\"first\nsecond\",z\n\n2,p,q\r\n3,\"x\ry\",r\r4,s,t"));
    assertEquals(List.of("a,b,c", "1,\"first\nsecond\",z", "2,p,q", "3,\"x\ry\",r", "4,s,t"), records.texts());
    assertEquals(Optional.empty(), records.openAtEnd());

    // A quote open at the end keeps its record out of the texts and reports it.
    CsvQuotes.Records open = CsvQuotes.records(new StringReader("a,b\n1,x\n2,\"open\n3,y\n"));
    assertEquals(List.of("a,b", "1,x"), open.texts());
    assertEquals("2,\"open\n3,y", open.openAtEnd().orElseThrow().recordText());
  }

  @Test
  void quotedLineBreaksThatCloseAreNotReported() throws IOException {
    assertEquals(Optional.empty(), scan("a,b,c\n1,\"first\nsecond\",z\n2,p,\"q\"\n"));
    assertEquals(Optional.empty(), scan("a,b,c\r\n1,\"first\r\nsecond\",z\r\n2,p,q"));
    assertEquals(Optional.empty(), scan("a,b,c\n1,x,\"last\"")); // closed at the end of the file
  }

  @Test
  void aQuoteOpenAtTheEndIsReportedWithItsRecordFromItsFirstLine() throws IOException {
    // Rows 1 and 2 take lines 2-4 (row 1 holds a line break); row 3 starts on line 5, its quote opens there and
    // runs over line 6.
    OpenQuote open = scan("a,b,c\n1,\"x\ny\",z\n2,p,q\n3,r,\"open\n4,s,t\n").orElseThrow();
    assertEquals(5, open.recordLine());
    assertEquals(5, open.quoteLine());
    assertFalse(open.inHeader());
    assertEquals("3,r,\"open\n4,s,t", open.recordText()); // without the file's last line end

    OpenQuote cutOff = scan("a,b,c\n1,x,\"cut of").orElseThrow();
    assertEquals(2, cutOff.quoteLine());
    assertEquals("1,x,\"cut of", cutOff.recordText());
  }

  @Test
  void linesAreCountedAsTheFileHasThem() throws IOException {
    // CRLF counts once, a lone CR once: lines 2-3 and 4-5 hold one row each, the quote opens on line 6.
    OpenQuote open = scan("a,b\r\n1,\"x\r\ny\"\r\n2,\"p\rq\"\r\n3,\"open\r\n").orElseThrow();
    assertEquals(6, open.quoteLine());
    assertEquals("3,\"open", open.recordText());
  }

  @Test
  void escapesAndStrayQuotesAreFollowedAsSparkReadsThem() throws IOException {
    // A backslash escapes the quote after it: the field is still open (Spark: one malformed record to the end).
    assertTrue(scan("a,b,c\n1,\"x\\\",z\n2,p,q\n").isPresent());
    // An escaped backslash does not escape the quote.
    assertEquals(Optional.empty(), scan("a,b,c\n1,\"x\\\\\",z\n2,p,q\n"));
    // A quote inside an unquoted field is a character; a doubled quote ends the quoting (Spark keeps "x""y").
    assertEquals(Optional.empty(), scan("a,b,c\n1,x\"y,z\n2,\"x\"\"y\",z\n"));
    // A quote before text other than a comma or a line end: the field goes on unquoted to the line end.
    assertEquals(Optional.empty(), scan("a,b,c\n1,\"x\"y\nmore\",z\n"));
    // An open quote closed by a later field's quote: Spark reads on from there, so nothing is open at the end.
    assertEquals(Optional.empty(), scan("a,b,c\n1,x,\"open\n2,p,\"q\"\n3,r,s\n"));
  }

  @Test
  void anOpenQuoteInTheHeaderIsTold() throws IOException {
    OpenQuote open = scan("\uFEFFa,\"b\nc\n1,2\n").orElseThrow();
    assertTrue(open.inHeader());
    assertEquals(1, open.recordLine());
  }
}
