package dev.crossborder.ingest;

import dev.crossborder.model.JobException;
import java.io.IOException;
import java.io.Reader;
import java.util.Optional;
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
      throw JobException.input("Cannot read " + file + ": " + e.getMessage(), e);
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
        if (inRecord && record.length() < MAX_RECORD_CHARS) {
          record.append(c);
        }
        switch (state) {
          case FIELD_START -> {
            if (c == '"') {
              state = State.QUOTED;
              quoteLine = line;
            } else if (lineEnd) {
              inRecord = false;
            } else if (c != ',') {
              state = State.UNQUOTED;
            }
          }
          case UNQUOTED -> {
            if (c == ',') {
              state = State.FIELD_START;
            } else if (lineEnd) {
              state = State.FIELD_START;
              inRecord = false;
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
              inRecord = false;
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
    return Optional.empty();
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
