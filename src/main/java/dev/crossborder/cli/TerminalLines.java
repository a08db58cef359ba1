package dev.crossborder.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The shell's lines from the terminal through JLine: line editing, and a history kept across sittings in
 * {@code ~/.crossborder_sql_history}. Only {@link SqlShell} refers to it, once it found JLine on the classpath (the
 * application jars leave JLine out, so as not to meet a cluster's own copy).
 */
final class TerminalLines implements SqlShell.Lines {
  static final String HISTORY_FILE = ".crossborder_sql_history";

  private final Terminal terminal;
  private final LineReader reader;

  private TerminalLines(Terminal terminal, LineReader reader) {
    this.terminal = terminal;
    this.reader = reader;
  }

  static TerminalLines open() throws IOException {
    Terminal terminal = TerminalBuilder.builder().system(true).build();
    LineReader reader = LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("crossborder-analytics sql")
        .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), HISTORY_FILE))
        // '!' is SQL's (a != b), not a history reference.
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
        .build();
    return new TerminalLines(terminal, reader);
  }

  @Override
  public String next(String prompt) {
    try {
      return reader.readLine(prompt);
    } catch (UserInterruptException e) {
      throw new SqlShell.Interrupted();
    } catch (EndOfFileException e) {
      return null;
    }
  }

  @Override
  public void whileWorking(Runnable cancel, Runnable work) {
    // Ctrl-C while a statement runs cancels its Spark jobs; the shell goes on.
    Terminal.SignalHandler before = terminal.handle(Terminal.Signal.INT, signal -> cancel.run());
    try {
      work.run();
    } finally {
      terminal.handle(Terminal.Signal.INT, before);
    }
  }

  @Override
  public void close() throws IOException {
    reader.getHistory().save();
    terminal.close();
  }
}
