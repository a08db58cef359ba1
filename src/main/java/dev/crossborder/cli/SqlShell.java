package dev.crossborder.cli;

import dev.crossborder.model.JobException;
import dev.crossborder.query.QuerySession;
import dev.crossborder.query.SqlQuery;
import dev.crossborder.query.Statements;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The {@code sql} shell: statements ended by {@code ;} (over several lines if need be) answered one after another in
 * one session, a failed one reported without ending the shell. On a terminal it prompts and keeps a history (through
 * JLine when it is on the classpath, as in scripts/sql.sh); otherwise it reads standard input to its end, so that a
 * script can pipe statements in, and its exit code says whether any failed.
 */
final class SqlShell {
  static final String PROMPT = "sql> ";
  static final String CONTINUATION = "  -> ";
  static final String HELP = "Statements end with ';' and may span lines. \\tables lists the tables, \\timing"
      + " switches each statement's time on or off, \\q leaves (Ctrl-D too).";

  /** Where the shell's lines come from. */
  interface Lines extends AutoCloseable {
    /** The next line, or null at the end of the input; {@link Interrupted} when the user dropped the statement. */
    String next(String prompt) throws IOException;

    /** Runs {@code work}, during which an interrupt (Ctrl-C) calls {@code cancel} instead of ending the JVM. */
    default void whileWorking(Runnable cancel, Runnable work) {
      work.run();
    }

    @Override
    default void close() throws IOException {}
  }

  /** Ctrl-C at the prompt: the statement being typed is dropped. */
  static final class Interrupted extends RuntimeException {
    Interrupted() {
      super(null, null, false, false);
    }
  }

  private final QuerySession session;
  private final SqlQuery.Format format;
  private final int limit;
  private boolean timing;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Runnable cancel;

  SqlShell(QuerySession session, SqlQuery.Format format, int limit, boolean timing, PrintWriter out, PrintWriter err,
      Runnable cancel) {
    this.session = session;
    this.format = format;
    this.limit = limit;
    this.timing = timing;
    this.out = out;
    this.err = err;
    this.cancel = cancel;
  }

  /** Reads from the terminal when there is one, else from {@code in}; 0, or 2 when a statement read from a pipe failed. */
  int run(InputStream in) {
    boolean terminal = System.console() != null;
    try (Lines lines = terminal ? terminalLines() : piped(in)) {
      if (terminal) {
        out.println("Tables: " + String.join(", ", session.tableNames()));
        out.println(HELP);
        out.flush();
      }
      int failed = loop(lines, terminal);
      return terminal || failed == 0 ? 0 : JobException.EXIT_INPUT;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Answers the statements of {@code lines} until their end or {@code \q}; the number that failed. */
  int loop(Lines lines, boolean prompting) throws IOException {
    Statements statements = new Statements();
    int failed = 0;
    while (true) {
      String line;
      try {
        line = lines.next(statements.hasPending() ? CONTINUATION : PROMPT);
      } catch (Interrupted e) {
        statements.rest();
        continue;
      }
      if (line == null) {
        break;
      }
      if (!statements.hasPending() && line.strip().startsWith("\\")) {
        if (!command(line.strip())) {
          return failed;
        }
        continue;
      }
      for (String statement : statements.feed(line + "\n")) {
        failed += answer(lines, statement) ? 0 : 1;
      }
    }
    // A script's last statement may lack its ';'; on a terminal, Ctrl-D drops what was being typed.
    if (!prompting) {
      for (String statement : statements.rest().stream().toList()) {
        failed += answer(lines, statement) ? 0 : 1;
      }
    }
    return failed;
  }

  /** A backslash command; false for one that ends the shell. */
  private boolean command(String command) {
    switch (command) {
      case "\\q", "\\quit" -> {
        return false;
      }
      case "\\tables", "\\d" -> out.println(String.join("\n", session.tableNames()));
      case "\\timing" -> {
        timing = !timing;
        out.println("Timing is " + (timing ? "on." : "off."));
      }
      case "\\?", "\\help", "\\h" -> out.println(HELP);
      default -> err.println("Error: unknown command " + command + "; " + HELP);
    }
    out.flush();
    err.flush();
    return true;
  }

  /** Answers one statement; false when it failed (said on stderr in one line). */
  private boolean answer(Lines lines, String statement) {
    long start = System.nanoTime();
    boolean[] answered = {false};
    lines.whileWorking(cancel, () -> {
      try {
        SqlCommand.print(session.answer(statement, format, limit), format, limit, out, err);
        answered[0] = true;
      } catch (JobException e) {
        err.println("Error: " + e.getMessage());
      } catch (RuntimeException e) {
        err.println("Error: " + JobException.rootCauseMessage(e));
      }
    });
    err.flush();
    if (timing) {
      SqlCommand.printTime(err, start);
    }
    return answered[0];
  }

  private static Lines piped(InputStream in) {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    return prompt -> reader.readLine();
  }

  /** JLine's line editing and history where JLine is on the classpath; plain prompts where it is not (in a jar). */
  private Lines terminalLines() throws IOException {
    try {
      Class.forName("org.jline.reader.LineReader", false, SqlShell.class.getClassLoader());
      return TerminalLines.open();
    } catch (ClassNotFoundException e) {
      BufferedReader reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      return prompt -> {
        out.print(prompt);
        out.flush();
        return reader.readLine();
      };
    }
  }
}
