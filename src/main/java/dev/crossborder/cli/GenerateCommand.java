package dev.crossborder.cli;

import dev.crossborder.generate.FileFormat;
import dev.crossborder.generate.GenerateConfig;
import dev.crossborder.generate.GenerateOptions;
import dev.crossborder.generate.LandingGenerator;
import dev.crossborder.spark.SparkSessions;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code generate}: writes a synthetic landing folder of any size for benchmarks and scale tests. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Write a synthetic landing folder that 'run --input' accepts: generated shipments under"
        + " shipments/<ship_month=yyyy-MM>/ (2015-01-01..2025-12-31, shaped like datasets/sample), and the"
        + " template's reference/ and gmv/ copied as they are. The same --seed and --rows give the same rows"
        + " however Spark splits the work.",
    footer = {"", "Exit codes: 0 ok, 2 usage/input error, 1 other."})
final class GenerateCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = GenerateOptions.OUTPUT, required = true, paramLabel = "DIR",
      description = "Landing folder to create (local path or Hadoop URI); must not exist or be empty.")
  String output;

  @Option(names = GenerateOptions.ROWS, required = true, paramLabel = "N", converter = RowsConverter.class,
      description = "Shipment rows to write: digits, or with a k, M or B suffix (250k, 10M, 1B).")
  long rows;

  @Option(names = GenerateOptions.SEED, defaultValue = GenerateOptions.SEED_DEFAULT, paramLabel = "SEED",
      description = "Seed of every generated value (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = GenerateOptions.FORMAT, defaultValue = GenerateOptions.FORMAT_DEFAULT, paramLabel = "parquet|csv",
      converter = FormatConverter.class,
      description = "Shipment file format (default: ${DEFAULT-VALUE}); Parquet columns are text, as landing"
          + " files carry them, unless --typed.")
  FileFormat format;

  @Option(names = GenerateOptions.TYPED,
      description = "Parquet with typed columns, as an export that keeps its types writes them: ship_date DATE,"
          + " declared_value DECIMAL(18,2), parcel_count INT, weight_kg DECIMAL(12,3). A typed column cannot hold"
          + " a bad date or a number with letters in it, so BAD_DATE is not planted and BAD_NUMBER rows carry zero"
          + " parcels or a zero weight.")
  boolean typed;

  @Option(names = GenerateOptions.BAD_RATIO, defaultValue = GenerateOptions.BAD_RATIO_DEFAULT, paramLabel = "R",
      description = "Share of rows made bad on purpose, 0 <= R < 1 (default: ${DEFAULT-VALUE}), spread evenly over"
          + " every shipment reason code: MISSING_REQUIRED, BAD_DATE, BAD_NUMBER, NEGATIVE_VALUE, UNKNOWN_PLATFORM,"
          + " UNKNOWN_COUNTRY, UNKNOWN_CURRENCY, FX_RATE_MISSING, UNKNOWN_FULFILLMENT_MODEL, DATE_OUT_OF_RANGE,"
          + " DUPLICATE (an identical copy of a good row), CONFLICTING_DUPLICATE (two rows, one shipment_id), and"
          + " MALFORMED_RECORD with --format csv only (a Parquet file of text columns cannot hold a malformed"
          + " row).")
  double badRatio;

  @Option(names = GenerateOptions.TEMPLATE, defaultValue = GenerateOptions.TEMPLATE_DEFAULT, paramLabel = "DIR",
      description = "Landing folder whose reference/ (the five CSV files) and gmv/ are copied; its reference data"
          + " also gives the FX rates and de minimis rules the shipments follow (default: ${DEFAULT-VALUE}).")
  String template;

  @Option(names = GenerateOptions.VERBOSE, description = "Print stack traces of errors.")
  boolean verbose;

  @Override
  public Integer call() {
    GenerateConfig config = new GenerateConfig(output, rows, seed, format, badRatio, template, typed);
    // A session that was already running (an embedding application, a test JVM) is not ours to stop.
    boolean sessionWasRunning = SparkSession.getDefaultSession().isDefined();
    SparkSession spark = SparkSessions.forJob("crossborder-analytics-generate");
    try {
      LandingGenerator.Result result = LandingGenerator.generate(spark, config);
      PrintWriter out = spec.commandLine().getOut();
      out.printf(Locale.ROOT, "Generated %,d shipment rows (%,d planted bad) in %,d %s files under %s, with"
              + " reference/ and gmv/ from %s, in %.1f s%n", result.rows(), result.badRows(), result.files(),
          (typed ? "typed " : "") + format.code(), result.shipmentsFolder(), template,
          result.elapsed().toMillis() / 1000.0);
      out.flush();
      return 0;
    } finally {
      if (!sessionWasRunning) {
        spark.stop();
      }
    }
  }

  /** Row counts such as 200000, 250k, 10M or 1B. */
  static final class RowsConverter implements picocli.CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        return GenerateConfig.parseRows(value);
      } catch (dev.crossborder.model.JobException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** Accepts parquet or csv in any case. */
  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<FileFormat> {
    @Override
    public FileFormat convert(String value) {
      try {
        return FileFormat.valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a format; use parquet or csv");
      }
    }
  }
}
