package dev.crossborder.ingest;

import dev.crossborder.model.JobException;
import dev.crossborder.model.StoreFailure;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;

/**
 * Finds a quoted CSV field that is still open at the end of its file. Spark's CSV parser reads such a field to
 * the end of the file and returns it as a whole value: when it is the record's last field the record has the
 * right number of fields, so Spark does not call it malformed, and every line after the quote (later records
 * included) sits inside that one value. The quotes are followed as Spark's parser (univocity, with Spark's
 * defaults: quote {@code "}, escape {@code \}, unescaped quotes handled {@code STOP_AT_DELIMITER}) follows them:
 * a field is quoted when it starts with a quote; inside it a backslash escapes the next character, and a quote
 * closes it before a comma, a line end or the end of the file, while before anything else the field goes on
 * unquoted up to the next comma or line end.
 */
final class CsvQuotes {
  /** The record text kept for the quarantine stops here: an open quote early in a big file reads all of it. */
  static final int MAX_RECORD_CHARS = 1 << 20;

  private CsvQuotes() {}

  /**
   * A quoted field open at the end of the file: the line its record starts on, the line of the opening quote,
   * whether that record is the file's first (its header), and the record's text from its start to the end of the
   * file, without the file's last line end as Spark gives a raw record (at most {@link #MAX_RECORD_CHARS}
   * characters).
   */
  record OpenQuote(long recordLine, long quoteLine, boolean inHeader, String recordText) {}

  /** The open quote at the end of {@code file} (decompressed by its extension), if there is one. */
  static Optional<OpenQuote> openAtEnd(Configuration hadoopConf, String file) {
    try {
      try (Reader reader = LandingFiles.openText(hadoopConf, file)) {
        return openAtEnd(reader);
      }
    } catch (IOException e) {
      throw JobException.input("Cannot read " + file + ": " + StoreFailure.describe(e), e);
    }
  }

  private enum State {
    FIELD_START,
    UNQUOTED,
    QUOTED,
    /** After a backslash inside a quoted field: the next character is taken as it is. */
    QUOTED_ESCAPE,
    /** After a quote inside a quoted field: the next character tells whether it closed the field. */
    QUOTE_IN_QUOTED
  }

  static Optional<OpenQuote> openAtEnd(Reader in) throws IOException {
    return walk(in, MAX_RECORD_CHARS, null);
  }

  /**
   * The records of a small CSV file as Spark's parser splits them when it reads records whole ({@code
   * multiLine}): each record's text without its line end (a quoted field may hold line breaks), blank lines
   * skipped, the header first; and the quoted field open at the end of the file, if there is one (then its
   * record is not among the texts).
   */
  record Records(List<String> texts, Optional<OpenQuote> openAtEnd) {}

  /** The {@link Records} of {@code file} (decompressed by its extension), read whole into memory. */
  static Records records(Configuration hadoopConf, String file) {
    try {
      try (Reader reader = LandingFiles.openText(hadoopConf, file)) {
        return records(reader);
      }
    } catch (IOException e) {
      throw JobException.input("Cannot read " + file + ": " + StoreFailure.describe(e), e);
    }
  }

  static Records records(Reader in) throws IOException {
    List<String> texts = new ArrayList<>();
    Optional<OpenQuote> open = walk(in, Integer.MAX_VALUE, texts::add);
    return new Records(List.copyOf(texts), open);
  }

  /**
   * Follows the quotes of {@code in}, handing each record that ends to {@code ended} unless it is null (its text
   * without the line end), and returns the quoted field open at the end, if any. A record's text is kept up to
   * {@code maxRecordChars}.
   */
  private static Optional<OpenQuote> walk(Reader in, int maxRecordChars, Consumer<String> ended) throws IOException {
    State state = State.FIELD_START;
    long line = 1;
    long recordLine = 0;
    long quoteLine = 0;
    boolean inRecord = false;
    long records = 0;
    boolean afterCr = false;
    StringBuilder record = new StringBuilder();
    char[] buffer = new char[64 * 1024];
    boolean first = true;
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      for (int i = 0; i < n; i++) {
        char c = buffer[i];
        if (first) {
          first = false;
          if (c == '\uFEFF') {
            continue;
          }
        }
        boolean lineEnd = c == '\n' || c == '\r';
        if (!inRecord && !lineEnd) {
          inRecord = true;
          records++;
          recordLine = line;
          record.setLength(0);
        }
        if (inRecord && record.length() < maxRecordChars) {
          record.append(c);
        }
        switch (state) {
          case FIELD_START -> {
            if (c == '"') {
              state = State.QUOTED;
              quoteLine = line;
            } else if (lineEnd) {
              inRecord = endRecord(inRecord, record, ended);
            } else if (c != ',') {
              state = State.UNQUOTED;
            }
          }
          case UNQUOTED -> {
            if (c == ',') {
              state = State.FIELD_START;
            } else if (lineEnd) {
              state = State.FIELD_START;
              inRecord = endRecord(inRecord, record, ended);
            }
          }
          case QUOTED -> {
            if (c == '\\') {
              state = State.QUOTED_ESCAPE;
            } else if (c == '"') {
              state = State.QUOTE_IN_QUOTED;
            }
          }
          case QUOTED_ESCAPE -> state = State.QUOTED;
          case QUOTE_IN_QUOTED -> {
            if (c == ',') {
              state = State.FIELD_START;
            } else if (lineEnd) {
              state = State.FIELD_START;
              inRecord = endRecord(inRecord, record, ended);
            } else {
              state = State.UNQUOTED;
            }
          }
          default -> throw new IllegalStateException(state.name());
        }
        // "\r\n" is one line end; a lone '\r' is one too.
        if (c == '\n' && !afterCr || c == '\r') {
          line++;
        }
        afterCr = c == '\r';
      }
    }
    if (state == State.QUOTED || state == State.QUOTED_ESCAPE) {
      return Optional.of(new OpenQuote(recordLine, quoteLine, records == 1, withoutLastLineEnd(record)));
    }
    if (inRecord && ended != null) {
      ended.accept(record.toString());
    }
    return Optional.empty();
  }

  /** Hands the record that a line end just ended (its text without that line end) over; false: no record now. */
  private static boolean endRecord(boolean inRecord, StringBuilder record, Consumer<String> ended) {
    if (inRecord && ended != null) {
      ended.accept(record.substring(0, record.length() - 1));
    }
    return false;
  }

  private static String withoutLastLineEnd(StringBuilder text) {
    int end = text.length();
    if (end > 0 && text.charAt(end - 1) == '\n') {
      end--;
    }
    if (end > 0 && text.charAt(end - 1) == '\r') {
      end--;
    }
    return text.substring(0, end);
  }
}
