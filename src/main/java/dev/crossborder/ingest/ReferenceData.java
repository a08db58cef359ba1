package dev.crossborder.ingest;

import static dev.crossborder.model.Columns.*;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;

/**
 * The validated reference files (DESIGN.md §3). They are small, so they live on the driver as records and
 * are handed to Spark as small frames to broadcast in joins.
 */
public record ReferenceData(
    List<Platform> platforms,
    List<Country> countries,
    List<FxRate> fxRates,
    List<DeMinimisRule> deMinimisRules,
    List<Benchmark> benchmarks,
    List<ScenarioRule> scenarioRules) {

  /** Reference data without policy scenarios (reference/policy_scenarios.csv is optional). */
  public ReferenceData(List<Platform> platforms, List<Country> countries, List<FxRate> fxRates,
      List<DeMinimisRule> deMinimisRules, List<Benchmark> benchmarks) {
    this(platforms, countries, fxRates, deMinimisRules, benchmarks, List.of());
  }

  /**
   * FX rates in the job: below 1000 USD per unit (the dearest currency, the Kuwaiti dinar, is about 3.3) with 12
   * decimals (VND or IDR, about 0.00004 USD per unit, keep 8 significant digits). Narrow on purpose: an amount
   * ({@code GmvQuality.LOCAL_AMOUNT} or {@link #AMOUNT_TYPE}, DECIMAL(22,6)) times a rate is then
   * DECIMAL(22 + 15 + 1, 6 + 12) = DECIMAL(38,18), within Spark's 38 digits, so Spark keeps every decimal of the
   * product (Multiply's result type; above 38 digits DecimalType.adjustPrecisionScale cuts the scale, to as few
   * as 6) and a USD value or threshold is exact (DESIGN.md §5). ReferenceLoader rejects a rate that does not fit.
   * The published usd_per_unit stays decimal(24,12) ({@code OutputTables.RATE}).
   */
  public static final DecimalType RATE_TYPE = DataTypes.createDecimalType(15, 12);

  public record Platform(String platformId, String platformName, String parentCompany, String platformGroup,
      String homeCountry) {}

  public record Country(String countryCode, String countryName, String region, String customsJurisdiction) {}

  public record FxRate(String currency, YearMonth month, BigDecimal usdPerUnit) {}

  /** A de minimis rule; {@code validTo} is exclusive and null when open-ended. */
  public record DeMinimisRule(String jurisdiction, String originScope, BigDecimal threshold, String currency,
      LocalDate validFrom, LocalDate validTo, String source) {}

  public record Benchmark(String segmentId, int year, BigDecimal yoyGrowth, String kind, String source) {}

  /**
   * One row of a policy scenario (DESIGN.md §7): the de minimis rule laid over the historical parcels of
   * {@code jurisdiction} (and of {@code originScope}: '*' or one origin) shipped from {@code appliesFrom} until
   * {@code appliesTo} (exclusive), in place of the real rules there. A parcel that loses the exemption under it
   * pays {@code dutyPerParcel} (in {@code currency}) plus {@code dutyRate} x its value; both are 0 when not given.
   */
  public record ScenarioRule(String scenarioId, String description, String jurisdiction, String originScope,
      BigDecimal threshold, String currency, BigDecimal dutyPerParcel, BigDecimal dutyRate, LocalDate appliesFrom,
      LocalDate appliesTo) {}

  /**
   * Ad valorem duty rates of scenarios: below 10 (1,000 %) with 6 decimals. A parcel's USD value (cents,
   * DECIMAL(23,2)) times such a rate is DECIMAL(31,8): exact, then rounded to the cent once.
   */
  public static final DecimalType DUTY_RATE_TYPE = DataTypes.createDecimalType(7, 6);

  /** The scenario ids in the order of their first row. */
  public List<String> scenarioIds() {
    return scenarioRules.stream().map(ScenarioRule::scenarioId).distinct().toList();
  }

  /** The rows of scenario {@code scenarioId}, in file order. */
  public List<ScenarioRule> scenarioRules(String scenarioId) {
    return scenarioRules.stream().filter(r -> r.scenarioId().equals(scenarioId)).toList();
  }

  public Set<String> platformIds() {
    return platforms.stream().map(Platform::platformId).collect(Collectors.toUnmodifiableSet());
  }

  public Set<String> countryCodes() {
    return countries.stream().map(Country::countryCode).collect(Collectors.toUnmodifiableSet());
  }

  public Set<String> currencies() {
    return fxRates.stream().map(FxRate::currency).collect(Collectors.toUnmodifiableSet());
  }

  /** platform_id, platform_group. */
  public Dataset<Row> platformsFrame(SparkSession spark) {
    StructType schema = new StructType()
        .add(PLATFORM_ID, DataTypes.StringType, false)
        .add(PLATFORM_GROUP, DataTypes.StringType, false);
    return frame(spark, schema, platforms, p -> RowFactory.create(p.platformId(), p.platformGroup()));
  }

  /** country_code, region, customs_jurisdiction. */
  public Dataset<Row> countriesFrame(SparkSession spark) {
    StructType schema = new StructType()
        .add(COUNTRY_CODE, DataTypes.StringType, false)
        .add(REGION, DataTypes.StringType, false)
        .add(CUSTOMS_JURISDICTION, DataTypes.StringType, false);
    return frame(spark, schema, countries,
        c -> RowFactory.create(c.countryCode(), c.region(), c.customsJurisdiction()));
  }

  /** currency, month_start (first day of the month), usd_per_unit. */
  public Dataset<Row> fxRatesFrame(SparkSession spark) {
    StructType schema = new StructType()
        .add(CURRENCY, DataTypes.StringType, false)
        .add(MONTH_START, DataTypes.DateType, false)
        .add(USD_PER_UNIT, RATE_TYPE, false);
    return frame(spark, schema, fxRates,
        r -> RowFactory.create(r.currency(), Date.valueOf(r.month().atDay(1)), r.usdPerUnit()));
  }

  /**
   * Thresholds in reference files: the type of landing amounts, below 10^16 with 6 decimals, so that threshold x
   * rate is as exact as value x rate (see {@link #RATE_TYPE}). ReferenceLoader rejects a threshold that does not
   * fit. The published policy_impact thresholds stay decimal(24,6) ({@code OutputTables.LOCAL_AMOUNT}).
   */
  public static final DecimalType AMOUNT_TYPE = DataTypes.createDecimalType(22, 6);

  /** jurisdiction, origin_scope, threshold, currency, valid_from, valid_to (null: open). */
  public Dataset<Row> deMinimisRulesFrame(SparkSession spark) {
    StructType schema = new StructType()
        .add(JURISDICTION, DataTypes.StringType, false)
        .add(ORIGIN_SCOPE, DataTypes.StringType, false)
        .add(THRESHOLD, AMOUNT_TYPE, false)
        .add(CURRENCY, DataTypes.StringType, false)
        .add(VALID_FROM, DataTypes.DateType, false)
        .add(VALID_TO, DataTypes.DateType, true);
    return frame(spark, schema, deMinimisRules, r -> RowFactory.create(r.jurisdiction(), r.originScope(),
        r.threshold().setScale(6), r.currency(), Date.valueOf(r.validFrom()),
        r.validTo() == null ? null : Date.valueOf(r.validTo())));
  }

  /**
   * Changes of a de minimis threshold: a rule that starts the day its predecessor of the same jurisdiction
   * and origin scope ends, with another threshold or currency. These are the policy_impact events.
   */
  public List<PolicyEvent> policyEvents() {
    List<PolicyEvent> events = new java.util.ArrayList<>();
    for (DeMinimisRule after : deMinimisRules) {
      for (DeMinimisRule before : deMinimisRules) {
        boolean sameScope = before.jurisdiction().equals(after.jurisdiction())
            && before.originScope().equals(after.originScope());
        boolean adjoining = after.validFrom().equals(before.validTo());
        boolean changed = before.threshold().compareTo(after.threshold()) != 0
            || !before.currency().equals(after.currency());
        if (sameScope && adjoining && changed) {
          events.add(new PolicyEvent(after.jurisdiction(), after.originScope(), after.validFrom(),
              before.threshold(), before.currency(), after.threshold(), after.currency()));
        }
      }
    }
    events.sort(java.util.Comparator.comparing(PolicyEvent::effectiveDate)
        .thenComparing(PolicyEvent::jurisdiction).thenComparing(PolicyEvent::originScope));
    return List.copyOf(events);
  }

  /** scenario_id, description, jurisdiction, applies_from (earliest), applies_to (latest): one row per pair. */
  public Dataset<Row> scenarioWindowsFrame(SparkSession spark) {
    StructType schema = new StructType()
        .add(SCENARIO_ID, DataTypes.StringType, false)
        .add(DESCRIPTION, DataTypes.StringType, false)
        .add(JURISDICTION, DataTypes.StringType, false)
        .add(APPLIES_FROM, DataTypes.DateType, false)
        .add(APPLIES_TO, DataTypes.DateType, false);
    Map<List<String>, LocalDate[]> windows = new LinkedHashMap<>();
    Map<String, String> descriptions = new HashMap<>();
    for (ScenarioRule rule : scenarioRules) {
      descriptions.putIfAbsent(rule.scenarioId(), rule.description());
      windows.merge(List.of(rule.scenarioId(), rule.jurisdiction()),
          new LocalDate[] {rule.appliesFrom(), rule.appliesTo()},
          (a, b) -> new LocalDate[] {min(a[0], b[0]), max(a[1], b[1])});
    }
    return frame(spark, schema, List.copyOf(windows.entrySet()), e -> RowFactory.create(e.getKey().get(0),
        descriptions.get(e.getKey().get(0)), e.getKey().get(1), Date.valueOf(e.getValue()[0]),
        Date.valueOf(e.getValue()[1])));
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  /** segment_id, year, yoy_growth (double, 0.08 = +8 %), kind. */
  public Dataset<Row> benchmarksFrame(SparkSession spark) {
    StructType schema = new StructType()
        .add(SEGMENT_ID, DataTypes.StringType, false)
        .add(YEAR, DataTypes.IntegerType, false)
        .add(YOY_GROWTH, DataTypes.DoubleType, false)
        .add(KIND, DataTypes.StringType, false);
    return frame(spark, schema, benchmarks,
        b -> RowFactory.create(b.segmentId(), b.year(), b.yoyGrowth().doubleValue(), b.kind()));
  }

  /** The {@link #policyEvents()} as a frame: jurisdiction, origin_scope, effective_date, thresholds, currency. */
  public Dataset<Row> policyEventsFrame(SparkSession spark) {
    StructType schema = new StructType()
        .add(JURISDICTION, DataTypes.StringType, false)
        .add(ORIGIN_SCOPE, DataTypes.StringType, false)
        .add(EFFECTIVE_DATE, DataTypes.DateType, false)
        .add(THRESHOLD_BEFORE, AMOUNT_TYPE, false)
        .add(THRESHOLD_AFTER, AMOUNT_TYPE, false)
        .add(THRESHOLD_CURRENCY, DataTypes.StringType, false);
    return frame(spark, schema, policyEvents(), e -> RowFactory.create(e.jurisdiction(), e.originScope(),
        Date.valueOf(e.effectiveDate()), e.thresholdBefore().setScale(6), e.thresholdAfter().setScale(6),
        e.currencyAfter()));
  }

  /** A threshold change of one jurisdiction and origin scope on {@code effectiveDate}. */
  public record PolicyEvent(String jurisdiction, String originScope, LocalDate effectiveDate,
      BigDecimal thresholdBefore, String currencyBefore, BigDecimal thresholdAfter, String currencyAfter) {}

  private static <T> Dataset<Row> frame(SparkSession spark, StructType schema, List<T> items, Function<T, Row> toRow) {
    return spark.createDataFrame(items.stream().map(toRow).toList(), schema);
  }
}
