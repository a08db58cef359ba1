package dev.crossborder.ingest;

import static dev.crossborder.model.Columns.*;

import dev.crossborder.ingest.ReferenceData.Benchmark;
import dev.crossborder.ingest.ReferenceData.Country;
import dev.crossborder.ingest.ReferenceData.DeMinimisRule;
import dev.crossborder.ingest.ReferenceData.FxRate;
import dev.crossborder.ingest.ReferenceData.Platform;
import dev.crossborder.model.Columns;
import dev.crossborder.model.JobException;
import dev.crossborder.model.OriginScope;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DecimalType;

/**
 * Loads and validates the five reference files. Reference data is small and must be right, so the first bad
 * row fails the run (exit 2) with the file, the line and the problem.
 */
public final class ReferenceLoader {
  private ReferenceLoader() {}

  public static final Set<String> PLATFORM_GROUPS = Set.of("china_big4", "global_incumbent", "regional");
  public static final Set<String> REGIONS =
      Set.of("north_america", "latin_america", "europe", "asia_pacific", "middle_east_africa");
  public static final Set<String> BENCHMARK_KINDS = Set.of("actual", "forecast");

  static final Pattern PLATFORM_ID_PATTERN = Pattern.compile("[a-z0-9_]+");
  static final Pattern COUNTRY_PATTERN = Pattern.compile("[A-Z]{2}");
  static final Pattern CURRENCY_PATTERN = Pattern.compile("[A-Z]{3}");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter MONTH_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM").withResolverStyle(ResolverStyle.STRICT);

  /** The reference files of {@code inputRoot}, with reference/policy_scenarios.csv when it is there. */
  public static ReferenceData load(SparkSession spark, String inputRoot) {
    return load(spark, inputRoot, null);
  }

  /**
   * The reference files of {@code inputRoot}; the policy scenarios from {@code scenariosFile} when given (a path
   * or Hadoop URI), else from reference/policy_scenarios.csv when present, else none.
   */
  public static ReferenceData load(SparkSession spark, String inputRoot, String scenariosFile) {
    String folder = inputRoot.endsWith("/") ? inputRoot + "reference/" : inputRoot + "/reference/";
    List<Country> countries = parse(spark, folder, "countries.csv",
        List.of(COUNTRY_CODE, COUNTRY_NAME, REGION, CUSTOMS_JURISDICTION), ReferenceLoader::country);
    unique(countries, Country::countryCode, "countries.csv", COUNTRY_CODE);
    Set<String> countryCodes = new HashSet<>(countries.stream().map(Country::countryCode).toList());
    Set<String> jurisdictions = new HashSet<>(countries.stream().map(Country::customsJurisdiction).toList());

    List<Platform> platforms = parse(spark, folder, "platforms.csv",
        List.of(PLATFORM_ID, PLATFORM_NAME, PARENT_COMPANY, PLATFORM_GROUP, HOME_COUNTRY), ReferenceLoader::platform);
    unique(platforms, Platform::platformId, "platforms.csv", PLATFORM_ID);
    forEachLine(platforms, "platforms.csv", (p, at) -> knownIn(countryCodes, p.homeCountry(), at, HOME_COUNTRY));

    List<FxRate> fxRates = parse(spark, folder, "fx_rates.csv", List.of(CURRENCY, MONTH, USD_PER_UNIT),
        ReferenceLoader::fxRate);
    unique(fxRates, r -> r.currency() + " " + r.month(), "fx_rates.csv", "currency and month");
    Set<String> currencies = new HashSet<>(fxRates.stream().map(FxRate::currency).toList());

    List<DeMinimisRule> rules = parse(spark, folder, "de_minimis_rules.csv",
        List.of(JURISDICTION, ORIGIN_SCOPE, THRESHOLD, CURRENCY, VALID_FROM, VALID_TO, SOURCE),
        ReferenceLoader::deMinimisRule);
    forEachLine(rules, "de_minimis_rules.csv", (r, at) -> {
      knownIn(jurisdictions, r.jurisdiction(), at, JURISDICTION + " (a customs_jurisdiction of countries.csv)");
      if (!r.originScope().equals(OriginScope.ANY)) {
        knownIn(countryCodes, r.originScope(), at, ORIGIN_SCOPE);
      }
      knownIn(currencies, r.currency(), at, CURRENCY + " (a currency of fx_rates.csv)");
    });
    checkNoOverlap(rules);

    List<Benchmark> benchmarks = parse(spark, folder, "market_benchmarks.csv",
        List.of(SEGMENT_ID, YEAR, YOY_GROWTH, KIND, SOURCE), ReferenceLoader::benchmark);
    unique(benchmarks, b -> b.segmentId() + " " + b.year() + " " + b.kind(), "market_benchmarks.csv",
        "segment_id, year and kind");

    ReferenceData reference = new ReferenceData(platforms, countries, fxRates, rules, benchmarks);
    return PolicyScenarioLoader.withScenarios(spark, reference, folder, scenariosFile);
  }

  /** An optional reference file: where it is read from and what messages call it. */
  record OptionalFile(String path, String name) {}

  /**
   * The file given with {@code option} (exit 2 when it is not there), else {@code file} of the input's reference
   * folder when present, else none.
   */
  static java.util.Optional<OptionalFile> optionalFile(SparkSession spark, String referenceFolder, String file,
      String given, String option, String what) {
    if (given != null) {
      if (!isFile(spark, given)) {
        throw JobException.input(option + " " + given + " does not exist; give a CSV file of " + what);
      }
      return java.util.Optional.of(new OptionalFile(given, given));
    }
    String path = referenceFolder + file;
    return isFile(spark, path) ? java.util.Optional.of(new OptionalFile(path, "reference/" + file))
        : java.util.Optional.empty();
  }

  private static boolean isFile(SparkSession spark, String file) {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file);
    try {
      return path.getFileSystem(spark.sparkContext().hadoopConfiguration()).isFile(path);
    } catch (java.io.IOException e) {
      throw JobException.input("Cannot read " + file + ": " + dev.crossborder.model.StoreFailure.describe(e), e);
    }
  }

  /** One data line of a reference file, with the accessors that fail with its location. */
  static final class Line {
    private final Row row;
    private final String name;
    private final int lineNumber;

    /** Line {@code lineNumber} of the file that messages call {@code name} (e.g. reference/countries.csv). */
    Line(Row row, String name, int lineNumber) {
      this.row = row;
      this.name = name;
      this.lineNumber = lineNumber;
    }

    String at() {
      return name + " line " + lineNumber;
    }

    int lineNumber() {
      return lineNumber;
    }

    /** The trimmed value, null when empty or when the file has no such (optional) column. */
    String optional(String column) {
      if (row.schema().getFieldIndex(column).isEmpty()) {
        return null;
      }
      String value = row.getAs(column);
      return value == null || value.isBlank() ? null : value.trim();
    }

    String required(String column) {
      String value = optional(column);
      if (value == null) {
        throw JobException.input(at() + ": " + column + " is empty");
      }
      return value;
    }

    String matching(String column, Pattern pattern, String expected) {
      String value = required(column);
      if (!pattern.matcher(value).matches()) {
        throw JobException.input(at() + ": " + column + " '" + value + "' is not " + expected);
      }
      return value;
    }

    String oneOf(String column, Set<String> allowed) {
      String value = required(column);
      if (!allowed.contains(value)) {
        throw JobException.input(at() + ": " + column + " '" + value + "' is not one of " + sorted(allowed));
      }
      return value;
    }

    BigDecimal decimal(String column, BigDecimal minimum, boolean minimumAllowed) {
      return decimal(column, minimum, minimumAllowed, null);
    }

    /**
     * As {@link #decimal(String, BigDecimal, boolean)}, and the number must fit {@code type} (null: any number):
     * below 10^(precision - scale) and with at most scale decimals, as the job's working types need for exact
     * conversions (see {@link ReferenceData#RATE_TYPE}). Such a number would otherwise be rounded or fail later.
     */
    BigDecimal decimal(String column, BigDecimal minimum, boolean minimumAllowed, DecimalType type) {
      String value = required(column);
      BigDecimal number;
      try {
        number = new BigDecimal(value);
      } catch (NumberFormatException e) {
        throw JobException.input(at() + ": " + column + " '" + value + "' is not a decimal number");
      }
      if (minimum != null) {
        int cmp = number.compareTo(minimum);
        if (cmp < 0 || (cmp == 0 && !minimumAllowed)) {
          throw JobException.input(at() + ": " + column + " '" + value + "' must be "
              + (minimumAllowed ? ">= " : "> ") + minimum.toPlainString());
        }
      }
      if (type != null) {
        BigDecimal bound = BigDecimal.TEN.pow(type.precision() - type.scale());
        if (number.abs().compareTo(bound) >= 0 || number.stripTrailingZeros().scale() > type.scale()) {
          throw JobException.input(at() + ": " + column + " '" + value + "' does not fit DECIMAL(" + type.precision()
              + "," + type.scale() + "): it must be below " + bound.toPlainString() + " with at most " + type.scale()
              + " decimals, so that conversions to USD stay exact");
        }
      }
      return number;
    }

    LocalDate date(String column) {
      String value = required(column);
      return parseDate(column, value);
    }

    LocalDate optionalDate(String column) {
      String value = optional(column);
      return value == null ? null : parseDate(column, value);
    }

    private LocalDate parseDate(String column, String value) {
      try {
        return LocalDate.parse(value, DATE);
      } catch (DateTimeParseException e) {
        throw JobException.input(at() + ": " + column + " '" + value + "' is not a valid date yyyy-MM-dd");
      }
    }

    YearMonth month(String column) {
      String value = required(column);
      try {
        return YearMonth.parse(value, MONTH_FORMAT);
      } catch (DateTimeParseException e) {
        throw JobException.input(at() + ": " + column + " '" + value + "' is not a valid month yyyy-MM");
      }
    }

    int year(String column) {
      String value = required(column);
      if (!value.matches("(19|20)\\d\\d")) {
        throw JobException.input(at() + ": " + column + " '" + value + "' is not a year like 2025");
      }
      return Integer.parseInt(value);
    }
  }

  private static Country country(Line line) {
    return new Country(
        line.matching(COUNTRY_CODE, COUNTRY_PATTERN, "an ISO 3166-1 alpha-2 code like US"),
        line.required(COUNTRY_NAME),
        line.oneOf(REGION, REGIONS),
        line.matching(CUSTOMS_JURISDICTION, Pattern.compile("[A-Z]{2}"), "EU or the country code"));
  }

  private static Platform platform(Line line) {
    return new Platform(
        line.matching(PLATFORM_ID, PLATFORM_ID_PATTERN, "a lower-case id like temu or tiktok_shop"),
        line.required(PLATFORM_NAME),
        line.required(PARENT_COMPANY),
        line.oneOf(PLATFORM_GROUP, PLATFORM_GROUPS),
        line.matching(HOME_COUNTRY, COUNTRY_PATTERN, "an ISO 3166-1 alpha-2 code like CN"));
  }

  private static FxRate fxRate(Line line) {
    return new FxRate(
        line.matching(CURRENCY, CURRENCY_PATTERN, "an ISO 4217 code like EUR"),
        line.month(MONTH),
        line.decimal(USD_PER_UNIT, BigDecimal.ZERO, false, ReferenceData.RATE_TYPE));
  }

  private static DeMinimisRule deMinimisRule(Line line) {
    String originScope = line.required(ORIGIN_SCOPE);
    if (!originScope.equals(OriginScope.ANY) && !COUNTRY_PATTERN.matcher(originScope).matches()) {
      throw JobException.input(line.at() + ": origin_scope '" + originScope + "' is not * or a country code");
    }
    LocalDate validFrom = line.date(VALID_FROM);
    LocalDate validTo = line.optionalDate(VALID_TO);
    if (validTo != null && !validTo.isAfter(validFrom)) {
      throw JobException.input(line.at() + ": valid_to " + validTo + " is not after valid_from " + validFrom
          + " (valid_to is exclusive; leave it empty for an open-ended rule)");
    }
    return new DeMinimisRule(
        line.matching(JURISDICTION, Pattern.compile("[A-Z]{2}"), "EU or a country code"),
        originScope,
        line.decimal(THRESHOLD, BigDecimal.ZERO, true, ReferenceData.AMOUNT_TYPE),
        line.matching(CURRENCY, CURRENCY_PATTERN, "an ISO 4217 code like USD"),
        validFrom,
        validTo,
        line.optional(SOURCE));
  }

  private static Benchmark benchmark(Line line) {
    return new Benchmark(
        line.matching(SEGMENT_ID, PLATFORM_ID_PATTERN, "a lower-case id like global_ecommerce"),
        line.year(YEAR),
        line.decimal(YOY_GROWTH, BigDecimal.valueOf(-1), true),
        line.oneOf(KIND, BENCHMARK_KINDS),
        line.optional(SOURCE));
  }

  private static <T> List<T> parse(SparkSession spark, String folder, String file, List<String> columns,
      Function<Line, T> parser) {
    return parse(spark, folder + file, "reference/" + file, columns, columns.stream()
        .filter(c -> !c.equals(VALID_TO) && !c.equals(SOURCE)).toList(), parser);
  }

  /** The rows of the CSV file at {@code path}, which messages call {@code name}, each parsed by {@code parser}. */
  static <T> List<T> parse(SparkSession spark, String path, String name, List<String> columns,
      List<String> requiredColumns, Function<Line, T> parser) {
    LandingReader.Contract contract = new LandingReader.Contract(name, columns, requiredColumns);
    List<Row> rows = LandingReader.readCsvFile(spark, path, contract).collectAsList();
    List<T> parsed = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      // Reference values are one line each (none is free text): the first value holding a line break fails here,
      // so every line number below counts one line per row, as the file has them.
      Line line = new Line(rows.get(i), name, i + 2);
      for (String column : columns) {
        String value = line.optional(column);
        if (value != null && (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0)) {
          throw JobException.input(line.at() + ": " + column + " holds a line break (a quoted field across lines,"
              + " or a quote left open); reference values are one line each");
        }
      }
      String corrupt = rows.get(i).getAs(Columns.CORRUPT_RECORD);
      if (corrupt != null) {
        throw JobException.input(line.at() + ": malformed line (expected " + columns.size() + " fields): " + corrupt);
      }
      parsed.add(parser.apply(line));
    }
    if (parsed.isEmpty()) {
      throw JobException.input(name + " has no rows");
    }
    return List.copyOf(parsed);
  }

  private interface LineCheck<T> {
    void check(T item, String at);
  }

  private static <T> void forEachLine(List<T> items, String file, LineCheck<T> check) {
    for (int i = 0; i < items.size(); i++) {
      check.check(items.get(i), "reference/" + file + " line " + (i + 2));
    }
  }

  private static <T> void unique(List<T> items, Function<T, String> key, String file, String what) {
    Map<String, Integer> firstLine = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      Integer previous = firstLine.putIfAbsent(key.apply(items.get(i)), i + 2);
      if (previous != null) {
        throw JobException.input("reference/" + file + " line " + (i + 2) + ": duplicate " + what + " '"
            + key.apply(items.get(i)) + "' (first on line " + previous + ")");
      }
    }
  }

  private static void knownIn(Set<String> known, String value, String at, String what) {
    if (!known.contains(value)) {
      throw JobException.input(at + ": unknown " + what + " '" + value + "'");
    }
  }

  /** Two rules of the same jurisdiction and origin scope must not be valid on the same day (DESIGN.md §3). */
  static void checkNoOverlap(List<DeMinimisRule> rules) {
    for (int i = 0; i < rules.size(); i++) {
      for (int j = 0; j < i; j++) {
        DeMinimisRule a = rules.get(j);
        DeMinimisRule b = rules.get(i);
        if (a.jurisdiction().equals(b.jurisdiction()) && a.originScope().equals(b.originScope()) && overlap(a, b)) {
          throw JobException.input("reference/de_minimis_rules.csv line " + (i + 2) + ": overlaps line " + (j + 2)
              + " (same jurisdiction " + b.jurisdiction() + " and origin_scope " + b.originScope()
              + " valid on the same days); end one rule where the next begins");
        }
      }
    }
  }

  private static boolean overlap(DeMinimisRule a, DeMinimisRule b) {
    boolean aStartsBeforeBEnds = b.validTo() == null || a.validFrom().isBefore(b.validTo());
    boolean bStartsBeforeAEnds = a.validTo() == null || b.validFrom().isBefore(a.validTo());
    return aStartsBeforeBEnds && bStartsBeforeAEnds;
  }

  private static String sorted(Set<String> values) {
    return String.join(", ", values.stream().sorted().toList());
  }
}
