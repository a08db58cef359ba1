package dev.crossborder.query;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL text cut into statements at each {@code ;} that ends one: not inside a quoted string or identifier
 * ({@code '...'}, {@code "..."}, {@code `...`}, with backslash escapes as Spark SQL reads them) nor a comment
 * ({@code -- ...} to the line's end, {@code /* ... *}{@code /}). Text is fed in pieces (a shell's lines); what
 * follows the last {@code ;} waits for more.
 */
public final class Statements {
  private final StringBuilder pending = new StringBuilder();
  /** The quote or comment the pending text is inside of at its end: 0 outside, else its opening character. */
  private char inside;
  private boolean escaped;
  /** Whether the last character fed was the first of a two-character comment opener or closer. */
  private char previous;

  /** The statements of a whole text, the unended rest too (a script's last statement may lack its {@code ;}). */
  public static List<String> split(String text) {
    Statements statements = new Statements();
    List<String> all = new ArrayList<>(statements.feed(text));
    statements.rest().ifPresent(all::add);
    return all;
  }

  /** Adds {@code text} and returns the statements it ended, stripped, empty ones left out. */
  public List<String> feed(String text) {
    List<String> ended = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      pending.append(c);
      step(c);
      if (inside == 0 && c == ';') {
        pending.setLength(pending.length() - 1);
        String statement = pending.toString().strip();
        if (!isBlank(statement)) {
          ended.add(statement);
        }
        pending.setLength(0);
        previous = 0;
      }
    }
    return ended;
  }

  /** Whether text waits for its {@code ;} (anything but blanks and comments). */
  public boolean hasPending() {
    return !isBlank(pending.toString());
  }

  /** The text fed since the last statement ended, if it holds more than blanks and comments; then forgotten. */
  public java.util.Optional<String> rest() {
    String statement = pending.toString().strip();
    pending.setLength(0);
    inside = 0;
    escaped = false;
    previous = 0;
    return isBlank(statement) ? java.util.Optional.empty() : java.util.Optional.of(statement);
  }

  private void step(char c) {
    switch (inside) {
      case 0 -> {
        if (c == '\'' || c == '"' || c == '`') {
          inside = c;
        } else if (c == '-' && previous == '-') {
          inside = '-';
          c = 0;
        } else if (c == '*' && previous == '/') {
          inside = '*';
          c = 0; // "/*/" does not close the comment it opens
        }
      }
      case '\'', '"' -> {
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == inside) {
          inside = 0;
        }
      }
      case '`' -> {
        if (c == '`') {
          inside = 0;
        }
      }
      case '-' -> {
        if (c == '\n') {
          inside = 0;
        }
      }
      case '*' -> {
        if (c == '/' && previous == '*') {
          inside = 0;
          c = 0;
        }
      }
      default -> throw new IllegalStateException("inside " + inside);
    }
    previous = c;
  }

  /** Whether {@code text} is blanks and comments only. */
  static boolean isBlank(String text) {
    int i = 0;
    while (i < text.length()) {
      if (Character.isWhitespace(text.charAt(i))) {
        i++;
      } else if (text.startsWith("--", i)) {
        int end = text.indexOf('\n', i);
        i = end < 0 ? text.length() : end + 1;
      } else if (text.startsWith("/*", i)) {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? text.length() : end + 2;
      } else {
        return false;
      }
    }
    return true;
  }
}
