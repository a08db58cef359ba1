package dev.crossborder.generate;

import dev.crossborder.model.JobException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything one {@code generate} call needs, validated once.
 *
 * @param output landing folder to create (local path or Hadoop URI); must not exist or be empty
 * @param rows shipment rows to write
 * @param seed every generated value is a function of the seed and the row number
 * @param format file format of the shipment files
 * @param badRatio share of rows made bad on purpose, spread over every shipment reason code
 * @param template landing folder whose reference/ and gmv/ are copied into the output
 * @param typed Parquet with the dates and numbers typed (DATE, DECIMAL, INT), as an export that keeps its types
 *     writes them, instead of text
 */
public record GenerateConfig(String output, long rows, long seed, FileFormat format, double badRatio, String template,
    boolean typed) {

  /** Shipment ids carry the row number in 12 digits. */
  public static final long MAX_ROWS = 999_999_999_999L;

  public GenerateConfig {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(template, "template");
    if (output.isBlank()) {
      throw JobException.input("Missing " + GenerateOptions.OUTPUT + ": give a new folder, e.g. --output /tmp/landing");
    }
    if (rows < 1 || rows > MAX_ROWS) {
      throw JobException.input(GenerateOptions.ROWS + " must be between 1 and " + MAX_ROWS + ", got " + rows);
    }
    if (!(badRatio >= 0 && badRatio < 1)) {
      throw JobException.input(GenerateOptions.BAD_RATIO + " must be at least 0 and below 1, got " + badRatio);
    }
    if (template.isBlank()) {
      throw JobException.input("Missing " + GenerateOptions.TEMPLATE + ": give a landing folder such as datasets/sample");
    }
    if (typed && format != FileFormat.PARQUET) {
      throw JobException.input(GenerateOptions.TYPED + " writes typed Parquet columns; it needs " + GenerateOptions.FORMAT
          + " parquet (a " + format.code() + " file carries text only)");
    }
  }

  /** Files of text columns, as landing files usually carry them. */
  public GenerateConfig(String output, long rows, long seed, FileFormat format, double badRatio, String template) {
    this(output, rows, seed, format, badRatio, template, false);
  }

  /**
   * A row count as digits, optionally with a decimal part and a k, M or B suffix (thousand, million,
   * billion): {@code 200000}, {@code 250k}, {@code 10M}, {@code 1.5B}. Underscores group digits.
   */
  public static long parseRows(String text) {
    String value = text.strip().replace("_", "");
    long scale = 1;
    if (!value.isEmpty()) {
      switch (Character.toLowerCase(value.charAt(value.length() - 1))) {
        case 'k' -> scale = 1_000L;
        case 'm' -> scale = 1_000_000L;
        case 'b' -> scale = 1_000_000_000L;
        default -> scale = 1;
      }
    }
    String number = scale == 1 ? value : value.substring(0, value.length() - 1);
    if (!number.matches("[0-9]+(\\.[0-9]+)?")) {
      throw rowsError(text);
    }
    try {
      return new BigDecimal(number).multiply(BigDecimal.valueOf(scale)).longValueExact();
    } catch (ArithmeticException e) {
      throw rowsError(text); // a fraction of a row, or beyond a long
    }
  }

  private static JobException rowsError(String text) {
    return JobException.input(String.format(Locale.ROOT,
        "%s must be a whole number of rows such as 200000, 250k, 10M or 1B, got '%s'", GenerateOptions.ROWS, text));
  }
}
