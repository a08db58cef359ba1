package dev.crossborder.model;

/** A failure the user can act on: carries the process exit code of DESIGN.md §7 and a one-line message. */
public class JobException extends RuntimeException {
  public static final int EXIT_INPUT = 2;
  public static final int EXIT_QUALITY = 3;

  private final int exitCode;

  public JobException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public JobException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** Usage, input or reference-data error: exit code 2. */
  public static JobException input(String message) {
    return new JobException(EXIT_INPUT, message);
  }

  public static JobException input(String message, Throwable cause) {
    return new JobException(EXIT_INPUT, message, cause);
  }

  /** Data-quality threshold exceeded: exit code 3. */
  public static JobException quality(String message) {
    return new JobException(EXIT_QUALITY, message);
  }

  /** The first line of the deepest cause's message: Spark wraps the interesting part several layers down. */
  public static String rootCauseMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String first = root.getMessage() == null ? root.getClass().getSimpleName() : firstLine(root.getMessage());
    return root == e ? first : root.getClass().getSimpleName() + ": " + first;
  }

  /** The first line of {@code message}, stripped (empty for null): Spark's messages go on with plans and hints. */
  public static String firstLine(String message) {
    String text = message == null ? "" : message.strip();
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end).strip();
  }

  public int exitCode() {
    return exitCode;
  }
}
