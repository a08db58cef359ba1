package dev.crossborder.generate;

import static dev.crossborder.model.Columns.*;
import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.shiftright;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.translate;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import dev.crossborder.generate.HashedDraws.Draw;
import dev.crossborder.ingest.ReferenceData;
import dev.crossborder.ingest.ReferenceData.Country;
import dev.crossborder.ingest.ReferenceData.FxRate;
import dev.crossborder.ingest.ReferenceData.PolicyEvent;
import dev.crossborder.model.JobException;
import dev.crossborder.model.LandingDataset;
import dev.crossborder.model.ReasonCode;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Synthetic shipment rows in the landing contract (every column as text), built from {@code spark.range}:
 * row {@code i} is a pure function of the seed, the row count and {@code i}, so the same seed and row count
 * give the same rows with any number of partitions, and nothing passes through the driver.
 *
 * <p>Rows are numbered month by month (each month's share fixed by {@link Calibration}), so a partition holds
 * a run of consecutive months and writing one folder per month needs no shuffle. Bad rows are planted per
 * pair of rows (2p, 2p + 1): a DUPLICATE pair is a row and its identical copy, a CONFLICTING_DUPLICATE pair
 * shares one shipment_id with different values; any other kind spoils both rows of its pair.
 */
public final class ShipmentRows {
  /** The month folder of a row (yyyy-MM): the partition column of the written files, not a contract column. */
  public static final String SHIP_MONTH = "ship_month";
  /** True on a row planted bad: the writer counts them and drops the column. */
  public static final String IS_BAD = "_is_bad";

  /** Values no reference file knows, for the UNKNOWN_* kinds; checked against the template. */
  static final String UNKNOWN_PLATFORM = "wish_x";
  static final String UNKNOWN_ORIGIN = "XX";
  static final String UNKNOWN_DESTINATION = "ZZ";
  static final String UNKNOWN_CURRENCY = "ZZZ";
  static final String UNKNOWN_FULFILMENT = "drone";
  /** A leap year far after any run date, so every month-day of the original date exists in it. */
  static final String FUTURE_YEAR = "2096";

  private static final String ID = "id";
  private static final String PLANTED = "_planted";
  private static final String CONTENT_ID = "_content_id";
  private static final String MONTH_START_DAY = "_month_start";
  private static final String BAD_DETAIL = "_bad_detail";
  private static final String MONTH_INDEX = "_month_index";
  private static final String DAY = "_day";
  private static final String BASE_PLATFORM = "_base_platform";
  private static final String BASE_MODEL = "_base_model";
  private static final String CUTS = "_cuts";
  private static final String CROSS_BORDER_ORIGIN = "_cross_border_origin";
  private static final String VALUE_USD = "_value_usd";
  private static final String KG = "_kg";
  private static final String PARCELS = "_parcels";
  private static final String RATE = "_usd_per_unit";

  private final GenerateConfig config;
  private final ReferenceData reference;
  private final HashedDraws draws;
  private final List<ReasonCode> plantedKinds;
  private final Set<String> fullyCoveredCurrencies;
  private final RateGap rateGap;

  /** A currency the template has no rate for in some months of the generated range (for FX_RATE_MISSING). */
  record RateGap(String currency, Set<String> coveredMonths, LocalDate dayInGap) {}

  ShipmentRows(GenerateConfig config, ReferenceData reference) {
    this.config = config;
    this.reference = reference;
    this.draws = new HashedDraws(config.seed());
    this.plantedKinds = Arrays.stream(ReasonCode.values())
        .filter(code -> code != ReasonCode.MALFORMED_RECORD || config.format().carriesMalformedRecords())
        // A DATE column holds no bad date.
        .filter(code -> code != ReasonCode.BAD_DATE || !config.typed())
        .toList();
    requireKnown("platform_id(s)", "platforms.csv", reference.platformIds(), Calibration.PLATFORMS);
    requireKnown("country code(s)", "countries.csv", reference.countryCodes(), Calibration.CURRENCIES.keySet());
    this.fullyCoveredCurrencies = fullyCoveredCurrencies(reference);
    if (!fullyCoveredCurrencies.contains(Calibration.USD)) {
      throw templateError("fx_rates.csv needs a USD rate for every month from 2015-01 to 2025-12");
    }
    boolean unknownsClash = reference.platformIds().contains(UNKNOWN_PLATFORM)
        || reference.countryCodes().contains(UNKNOWN_ORIGIN) || reference.countryCodes().contains(UNKNOWN_DESTINATION)
        || reference.currencies().contains(UNKNOWN_CURRENCY);
    if (config.badRatio() > 0 && unknownsClash) {
      throw templateError("its reference files know " + UNKNOWN_PLATFORM + ", " + UNKNOWN_ORIGIN + ", "
          + UNKNOWN_DESTINATION + " or " + UNKNOWN_CURRENCY + ", the values " + GenerateOptions.BAD_RATIO
          + " plants as unknown");
    }
    this.rateGap = config.badRatio() > 0 ? rateGap(reference) : null;
  }

  /** The rows, in {@code partitions} partitions: the contract columns as text, {@link #SHIP_MONTH}, {@link #IS_BAD}. */
  public static Dataset<Row> build(SparkSession spark, GenerateConfig config, ReferenceData reference, int partitions) {
    return new ShipmentRows(config, reference).build(spark, partitions);
  }

  Dataset<Row> build(SparkSession spark, int partitions) {
    // No join: a join makes the optimizer trace its keys down through every projection, which took minutes
    // here (dynamic partition pruning); the FX rates are a small literal instead (see usdPerUnit).
    // Each step is one projection whose values are columns the next steps refer to by name: an expression
    // used many times (a draw, the month search, the platform) is computed once, never copied into the plan.
    Dataset<Row> rows = spark.range(0, config.rows(), 1, partitions).toDF()
        .transform(this::withPlantedKind)
        .transform(this::withDrawsAndMonth)
        .transform(this::withDayAndPlatform)
        .transform(this::withDestinationAndFulfilment)
        .transform(this::withOrigin)
        .transform(this::withCurrencyValueAndParcels)
        .transform(this::asContractText)
        .transform(generated -> config.badRatio() > 0 ? withPlantedFaults(generated) : generated);
    List<Column> select = new ArrayList<>();
    LandingDataset.SHIPMENTS.columns().forEach(c -> select.add(config.typed() ? typed(c) : col(c)));
    select.add(col(SHIP_MONTH));
    select.add(col(IS_BAD));
    return rows.select(select.toArray(Column[]::new));
  }

  /** Types of the typed columns of {@code --typed}: the text's own precision, so that printed they are that text. */
  static final Map<String, DataType> TYPED_COLUMNS = Map.of(
      SHIP_DATE, DataTypes.DateType,
      DECLARED_VALUE, DataTypes.createDecimalType(18, 2),
      PARCEL_COUNT, DataTypes.IntegerType,
      WEIGHT_KG, DataTypes.createDecimalType(12, 3));

  /** Column {@code name}, of its typed type where it has one (every planted value fits it). */
  private static Column typed(String name) {
    DataType type = TYPED_COLUMNS.get(name);
    return type == null ? col(name) : col(name).cast(type).as(name);
  }

  // ---- which rows are bad, and whose content each row carries

  /**
   * Pair p = (2p, 2p + 1) is bad with a probability chosen so that about --bad-ratio of the rows are: a
   * DUPLICATE pair has one bad row (the copy), every other kind two, so a bad pair holds (2K - 1) / K rows on
   * average for K kinds.
   */
  private Dataset<Row> withPlantedKind(Dataset<Row> rows) {
    int kinds = plantedKinds.size();
    double pairIsBad = Math.min(1.0, config.badRatio() * 2 * kinds / (2.0 * kinds - 1));
    Column pair = shiftright(col(ID), 1);
    Column kindIndex = floor(draws.uniform(pair, Draw.PAIR_BAD_KIND).multiply(kinds)).cast(DataTypes.IntegerType);
    Column kindName = element_at(array(plantedKinds.stream().map(k -> lit(k.name())).toArray(Column[]::new)),
        kindIndex.plus(1));
    Column isOdd = col(ID).bitwiseAND(1).equalTo(1);
    Column hasPartner = pair.multiply(2).plus(1).lt(config.rows());
    Column planted = col(PLANTED);
    Column pairKind = planted.isin(ReasonCode.DUPLICATE.name(), ReasonCode.CONFLICTING_DUPLICATE.name());
    Column isBad = planted.equalTo(ReasonCode.DUPLICATE.name()).and(isOdd)
        .or(planted.equalTo(ReasonCode.CONFLICTING_DUPLICATE.name()).and(hasPartner))
        .or(planted.isNotNull().and(pairKind.unary_$bang()));
    return rows
        .withColumn(PLANTED, when(draws.uniform(pair, Draw.PAIR_IS_BAD).lt(pairIsBad), kindName))
        .withColumns(Map.of(
            IS_BAD, coalesce(isBad, lit(false)),
            // The second row of a duplicate pair carries the first row's content, shipment_id included.
            CONTENT_ID, when(pairKind.and(isOdd), col(ID).minus(1)).otherwise(col(ID)),
            BAD_DETAIL, draws.uniform(col(ID), Draw.BAD_DETAIL)));
  }

  // ---- content: every draw is keyed by the content id

  private static final List<Draw> CONTENT_DRAWS = List.of(Draw.DAY, Draw.PLATFORM, Draw.DESTINATION,
      Draw.FULFILMENT, Draw.FULFILMENT_SHIFT, Draw.SHIFT_TARGET, Draw.ORIGIN, Draw.CURRENCY, Draw.FORMAL_ENTRY,
      Draw.VALUE_RADIUS, Draw.VALUE_ANGLE, Draw.PARCELS, Draw.PARCELS_TAIL, Draw.WEIGHT_RADIUS, Draw.WEIGHT_ANGLE);

  /** The column holding a row's uniform draw for {@code draw}. */
  private static String drawColumn(Draw draw) {
    return "_u_" + draw.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static Column drawn(Draw draw) {
    return col(drawColumn(draw));
  }

  private Dataset<Row> withDrawsAndMonth(Dataset<Row> rows) {
    Map<String, Column> columns = new LinkedHashMap<>();
    for (Draw draw : CONTENT_DRAWS) {
      columns.put(drawColumn(draw), draws.uniform(col(CONTENT_ID), draw));
    }
    columns.put(MONTH_INDEX, monthIndexOf(col(CONTENT_ID), config.rows(), monthEnds(config.rows())));
    return rows.withColumns(columns);
  }

  private Dataset<Row> withDayAndPlatform(Dataset<Row> rows) {
    Column daysInMonth = dayofmonth(last_day(col(MONTH_START_DAY)));
    Column day = date_add(col(MONTH_START_DAY),
        floor(drawn(Draw.DAY).multiply(daysInMonth)).cast(DataTypes.IntegerType));
    Column yearRow = floor(col(MONTH_INDEX).divide(12)).cast(DataTypes.IntegerType).plus(1);
    List<Map<String, Double>> platformsByYear = new ArrayList<>();
    for (int year = 0; year < Calibration.YEARS; year++) {
      Map<String, Double> weights = new LinkedHashMap<>();
      for (int p = 0; p < Calibration.PLATFORMS.size(); p++) {
        weights.put(Calibration.PLATFORMS.get(p), Calibration.PLATFORM_PERCENT_BY_YEAR[year][p]);
      }
      platformsByYear.add(weights);
    }
    Column platform = HashedDraws.pick(drawn(Draw.PLATFORM), yearRow, platformsByYear);
    // Before its launch a platform's draw goes to a peer that already ships.
    Column launched = null;
    for (Calibration.Launch launch : Calibration.LAUNCHES) {
      Column early = col(BASE_PLATFORM).equalTo(launch.platform()).and(col(DAY).lt(lit(Date.valueOf(launch.firstDay()))));
      launched = launched == null ? when(early, lit(launch.standIn())) : launched.when(early, lit(launch.standIn()));
    }
    return rows
        .withColumn(MONTH_START_DAY, add_months(lit(Date.valueOf(Calibration.FIRST_DAY)), col(MONTH_INDEX)))
        .withColumns(Map.of(DAY, day, BASE_PLATFORM, platform))
        .withColumn(PLATFORM_ID, launched.otherwise(col(BASE_PLATFORM)));
  }

  private Dataset<Row> withDestinationAndFulfilment(Dataset<Row> rows) {
    Column platformRow = array_position(lit(Calibration.PLATFORMS.toArray(String[]::new)), col(PLATFORM_ID))
        .cast(DataTypes.IntegerType);
    List<Map<String, Double>> destinations = Calibration.PLATFORMS.stream()
        .map(p -> Calibration.FOOTPRINTS.getOrDefault(p, Calibration.DESTINATIONS)).toList();
    Column destination = HashedDraws.pick(drawn(Draw.DESTINATION), platformRow, destinations);
    Column baseModel = HashedDraws.pick(drawn(Draw.FULFILMENT), platformRow,
        Calibration.PLATFORMS.stream().map(Calibration.FULFILMENT::get).toList());
    // After each de minimis cut of the destination, a share of the remaining cross-border parcels goes local.
    Column shift = drawn(Draw.FULFILMENT_SHIFT);
    Column model = when(col(BASE_MODEL).equalTo(Calibration.FULLY_HOSTED)
            .and(shift.geq(pow(lit(1 - Calibration.DIRECT_MAIL_SHIFT_PER_CUT), col(CUTS)))),
        HashedDraws.pick(drawn(Draw.SHIFT_TARGET), Calibration.DIRECT_MAIL_MOVES_TO))
        .when(col(BASE_MODEL).equalTo(Calibration.MARKETPLACE)
            .and(shift.geq(pow(lit(1 - Calibration.MARKETPLACE_SHIFT_PER_CUT), col(CUTS)))),
            lit(Calibration.LOCAL_SELLER))
        .otherwise(col(BASE_MODEL));
    return rows
        .withColumns(Map.of(DESTINATION_COUNTRY, destination, BASE_MODEL, baseModel))
        .withColumn(CUTS, cutsBefore(col(DESTINATION_COUNTRY), col(DAY)))
        .withColumn(FULFILLMENT_MODEL, model);
  }

  private Dataset<Row> withOrigin(Dataset<Row> rows) {
    Column isLocal = col(FULFILLMENT_MODEL).isin(Calibration.OVERSEAS_HOSTED, Calibration.LOCAL_SELLER);
    Column crossBorderOrigin = when(col(PLATFORM_ID).isin(Calibration.CHINESE_PLATFORMS.toArray()),
        HashedDraws.pick(drawn(Draw.ORIGIN), Calibration.CHINESE_ORIGINS))
        .otherwise(HashedDraws.pick(drawn(Draw.ORIGIN), Calibration.OTHER_ORIGINS));
    return rows
        .withColumn(CROSS_BORDER_ORIGIN, crossBorderOrigin)
        .withColumn(ORIGIN_COUNTRY, when(isLocal, col(DESTINATION_COUNTRY))
            .when(col(CROSS_BORDER_ORIGIN).equalTo(col(DESTINATION_COUNTRY)), lit(Calibration.FALLBACK_ORIGIN))
            .otherwise(col(CROSS_BORDER_ORIGIN)));
  }

  /**
   * How many de minimis cuts of the destination's customs jurisdiction (a threshold lowered or set to 0,
   * from the template's de_minimis_rules.csv) took effect on or before the day. A cut for some origins only
   * (US: CN and HK on 2025-05-02) counts for the whole destination: sellers move their stock, not one flow.
   */
  private Column cutsBefore(Column destination, Column day) {
    Map<String, Set<LocalDate>> cutsByJurisdiction = new TreeMap<>();
    for (PolicyEvent event : reference.policyEvents()) {
      boolean sameCurrency = event.currencyBefore().equals(event.currencyAfter());
      boolean cut = event.thresholdAfter().signum() == 0
          || sameCurrency && event.thresholdAfter().compareTo(event.thresholdBefore()) < 0;
      if (cut) {
        cutsByJurisdiction.computeIfAbsent(event.jurisdiction(), j -> new TreeSet<>()).add(event.effectiveDate());
      }
    }
    Column cuts = null;
    for (Map.Entry<String, Set<LocalDate>> jurisdiction : cutsByJurisdiction.entrySet()) {
      List<String> countries = reference.countries().stream()
          .filter(c -> c.customsJurisdiction().equals(jurisdiction.getKey())).map(Country::countryCode).toList();
      Column count = jurisdiction.getValue().stream()
          .map(date -> when(day.geq(lit(Date.valueOf(date))), lit(1)).otherwise(lit(0)))
          .reduce(Column::plus).orElseThrow();
      Column inJurisdiction = destination.isin(countries.toArray());
      cuts = cuts == null ? when(inJurisdiction, count) : cuts.when(inJurisdiction, count);
    }
    return cuts == null ? lit(0) : cuts.otherwise(lit(0));
  }

  private Dataset<Row> withCurrencyValueAndParcels(Dataset<Row> rows) {
    List<Column> covered = new ArrayList<>();
    Calibration.CURRENCIES.forEach((country, currency) -> {
      if (fullyCoveredCurrencies.contains(currency)) {
        covered.add(lit(country));
        covered.add(lit(currency));
      }
    });
    Column currencyOf = map(covered.toArray(Column[]::new));
    Column uCurrency = drawn(Draw.CURRENCY);
    Column currency = when(uCurrency.lt(Calibration.USD_SHARE), lit(Calibration.USD))
        .when(uCurrency.lt(Calibration.USD_SHARE + Calibration.DESTINATION_CURRENCY_SHARE),
            coalesce(try_element_at(currencyOf, col(DESTINATION_COUNTRY)), lit(Calibration.USD)))
        .otherwise(coalesce(try_element_at(currencyOf, col(ORIGIN_COUNTRY)), lit(Calibration.USD)));

    Column formal = drawn(Draw.FORMAL_ENTRY).lt(Calibration.FORMAL_SHARE);
    Column valueZ = HashedDraws.normal(drawn(Draw.VALUE_RADIUS), drawn(Draw.VALUE_ANGLE));
    Column logUsd = when(formal, valueZ.multiply(Calibration.FORMAL_SIGMA).plus(Math.log(Calibration.FORMAL_MEDIAN_USD)))
        .otherwise(valueZ.multiply(Calibration.LOW_VALUE_SIGMA).plus(Math.log(Calibration.LOW_VALUE_MEDIAN_USD)));
    Column weightZ = HashedDraws.normal(drawn(Draw.WEIGHT_RADIUS), drawn(Draw.WEIGHT_ANGLE));
    Column logKg = when(formal, weightZ.multiply(Calibration.FORMAL_KG_SIGMA).plus(Math.log(Calibration.FORMAL_MEDIAN_KG)))
        .otherwise(weightZ.multiply(Calibration.LOW_VALUE_KG_SIGMA).plus(Math.log(Calibration.LOW_VALUE_MEDIAN_KG)));
    Column uParcels = drawn(Draw.PARCELS);
    Column parcels = when(uParcels.lt(Calibration.ONE_PARCEL), lit(1))
        .when(uParcels.lt(Calibration.UP_TO_TWO_PARCELS), lit(2))
        .when(uParcels.lt(Calibration.UP_TO_THREE_PARCELS), lit(3))
        .otherwise(floor(drawn(Draw.PARCELS_TAIL).multiply(7)).cast(DataTypes.IntegerType).plus(4));
    Map<String, Column> columns = new LinkedHashMap<>();
    columns.put(CURRENCY, currency);
    columns.put(VALUE_USD, greatest(lit(Calibration.MIN_VALUE_USD), exp(logUsd)));
    columns.put(KG, greatest(lit(Calibration.MIN_KG), exp(logKg)));
    columns.put(PARCELS, parcels);
    return rows.withColumns(columns).withColumn(RATE, usdPerUnit(col(CURRENCY), col(MONTH_INDEX)));
  }

  /**
   * The template's rate of the currency in the month: two literals, the currency codes and their rates by
   * month index (one node each in the plan, however many rates). Only currencies with a rate in every
   * generated month are ever chosen, so there is always one.
   */
  private Column usdPerUnit(Column currency, Column monthIndex) {
    List<YearMonth> months = generatedMonths();
    Map<String, Map<YearMonth, Double>> rates = new TreeMap<>();
    for (FxRate rate : reference.fxRates()) {
      if (fullyCoveredCurrencies.contains(rate.currency())) {
        rates.computeIfAbsent(rate.currency(), c -> new TreeMap<>()).put(rate.month(), rate.usdPerUnit().doubleValue());
      }
    }
    String[] codes = rates.keySet().toArray(String[]::new);
    double[][] byMonth = rates.values().stream()
        .map(ofCurrency -> months.stream().mapToDouble(ofCurrency::get).toArray()).toArray(double[][]::new);
    Column currencyPosition = array_position(lit(codes), currency).cast(DataTypes.IntegerType);
    return element_at(element_at(lit(byMonth), currencyPosition), monthIndex.plus(1));
  }

  /** The contract columns as text, as a landing file would carry them. */
  private Dataset<Row> asContractText(Dataset<Row> rows) {
    Column shipDate = col(DAY).cast(DataTypes.StringType);
    Map<String, Column> text = new LinkedHashMap<>();
    text.put(SHIP_DATE, shipDate);
    text.put(SHIP_MONTH, substring(shipDate, 1, 7));
    text.put(SHIPMENT_ID, concat(lit("S"), translate(shipDate, "-", ""), lit("-"),
        lpad(col(CONTENT_ID).cast(DataTypes.StringType), 12, "0")));
    // Cents in the declared currency at the ship month's average rate (the cast rounds half up).
    text.put(DECLARED_VALUE, col(VALUE_USD).divide(col(RATE))
        .cast(DataTypes.createDecimalType(20, 2)).cast(DataTypes.StringType));
    text.put(PARCEL_COUNT, col(PARCELS).cast(DataTypes.StringType));
    text.put(WEIGHT_KG, col(KG).cast(DataTypes.createDecimalType(12, 3)).cast(DataTypes.StringType));
    return rows.withColumns(text);
  }

  // ---- bad rows

  /** Spoils the text of planted rows so that each fails with its reason code (DESIGN.md §4). */
  private Dataset<Row> withPlantedFaults(Dataset<Row> rows) {
    Map<String, Column> text = new LinkedHashMap<>();
    LandingDataset.SHIPMENTS.columns().forEach(c -> text.put(c, col(c)));
    text.put(SHIP_MONTH, col(SHIP_MONTH));
    Column detail = col(BAD_DETAIL);
    Column isOdd = col(ID).bitwiseAND(1).equalTo(1);
    for (ReasonCode code : plantedKinds) {
      Column planted = col(PLANTED).equalTo(code.name());
      switch (code) {
        case MALFORMED_RECORD ->
            // An unquoted comma: the line has one field too many (see LandingGenerator for the quoting).
            spoil(text, PLATFORM_ID, planted, concat(col(PLATFORM_ID), lit(",x")));
        case MISSING_REQUIRED -> {
          List<String> required = LandingDataset.SHIPMENTS.requiredColumns();
          Column which = floor(detail.multiply(required.size()));
          for (int i = 0; i < required.size(); i++) {
            spoil(text, required.get(i), planted.and(which.equalTo(i)), lit(null).cast(DataTypes.StringType));
          }
        }
        case BAD_DATE -> spoil(text, SHIP_DATE, planted, concat(substring(col(SHIP_DATE), 1, 8), lit("32")));
        case BAD_NUMBER -> {
          if (config.typed()) {
            // Typed numbers hold no letters: zero parcels or a zero weight, each against its rule.
            spoil(text, PARCEL_COUNT, planted.and(detail.lt(0.5)), lit("0"));
            spoil(text, WEIGHT_KG, planted.and(detail.geq(0.5)), lit("0"));
          } else {
            spoil(text, DECLARED_VALUE, planted.and(detail.lt(1 / 3.0)), concat(col(DECLARED_VALUE), lit("x")));
            spoil(text, PARCEL_COUNT, planted.and(detail.geq(1 / 3.0)).and(detail.lt(2 / 3.0)), lit("0"));
            spoil(text, WEIGHT_KG, planted.and(detail.geq(2 / 3.0)), concat(col(WEIGHT_KG), lit(" kg")));
          }
        }
        case NEGATIVE_VALUE -> spoil(text, DECLARED_VALUE, planted, concat(lit("-"), col(DECLARED_VALUE)));
        case UNKNOWN_PLATFORM -> spoil(text, PLATFORM_ID, planted, lit(UNKNOWN_PLATFORM));
        case UNKNOWN_COUNTRY -> {
          spoil(text, ORIGIN_COUNTRY, planted.and(detail.lt(0.5)), lit(UNKNOWN_ORIGIN));
          spoil(text, DESTINATION_COUNTRY, planted.and(detail.geq(0.5)), lit(UNKNOWN_DESTINATION));
        }
        case UNKNOWN_CURRENCY -> spoil(text, CURRENCY, planted, lit(UNKNOWN_CURRENCY));
        case FX_RATE_MISSING -> {
          spoil(text, CURRENCY, planted, lit(rateGap.currency()));
          Column monthHasRate = substring(col(SHIP_DATE), 1, 7).isin(rateGap.coveredMonths().toArray());
          spoil(text, SHIP_DATE, planted.and(monthHasRate), lit(rateGap.dayInGap().toString()));
          // Filed under its new month: every file holds one month, which an incremental refresh relies on.
          spoil(text, SHIP_MONTH, planted.and(monthHasRate), lit(YearMonth.from(rateGap.dayInGap()).toString()));
        }
        case UNKNOWN_FULFILLMENT_MODEL -> spoil(text, FULFILLMENT_MODEL, planted, lit(UNKNOWN_FULFILMENT));
        case DATE_OUT_OF_RANGE -> spoil(text, SHIP_DATE, planted, concat(lit(FUTURE_YEAR), substring(col(SHIP_DATE), 5, 6)));
        case DUPLICATE -> {
          // Nothing to spoil: the second row already carries the first row's content.
        }
        case CONFLICTING_DUPLICATE -> spoil(text, PARCEL_COUNT, planted.and(isOdd),
            col(PARCEL_COUNT).cast(DataTypes.IntegerType).plus(1).cast(DataTypes.StringType));
      }
    }
    // One projection: every spoiled column is computed from the unspoiled values.
    return rows.withColumns(text);
  }

  private static void spoil(Map<String, Column> text, String column, Column when, Column value) {
    text.put(column, when(when, value).otherwise(text.get(column)));
  }

  // ---- driver-side preparation: small arithmetic on the calibration and the template's reference data

  /**
   * Row number at which each month ends (exclusive), months 2015-01..2025-12: pairs of rows are allotted to
   * months by year volume x daily season x days, largest remainder first, so a pair never spans two months.
   */
  static long[] monthEnds(long rows) {
    double[] weights = new double[Calibration.MONTHS];
    for (int year = 0; year < Calibration.YEARS; year++) {
      double yearSeason = 0;
      for (int m = 0; m < 12; m++) {
        yearSeason += Calibration.DAILY_SEASON[m] * YearMonth.of(Calibration.FIRST_YEAR + year, m + 1).lengthOfMonth();
      }
      for (int m = 0; m < 12; m++) {
        double days = YearMonth.of(Calibration.FIRST_YEAR + year, m + 1).lengthOfMonth();
        weights[12 * year + m] = Calibration.PARCELS_PER_YEAR[year] * Calibration.DAILY_SEASON[m] * days / yearSeason;
      }
    }
    long[] pairs = HashedDraws.largestRemainder((rows + 1) / 2, weights);
    long[] ends = new long[Calibration.MONTHS];
    long cumulative = 0;
    for (int i = 0; i < ends.length; i++) {
      cumulative += pairs[i];
      ends[i] = Math.min(rows, 2 * cumulative);
    }
    return ends;
  }

  /** At most this many buckets in the month lookup: a literal of 256 KB at most. */
  static final int MAX_MONTH_BUCKETS = 1 << 16;

  /**
   * The month index (0 = 2015-01) of a row number, by lookup: rows are cut into buckets of S consecutive
   * rows; a bucket's first month comes from a table, and one comparison with that month's end tells whether
   * the row lies in the next month. Exact because no bucket holds two month ends (checked here): with S = 1
   * trivially, else the smallest month (2015-02, about 0.1 % of the rows) is far longer than a bucket.
   */
  static Column monthIndexOf(Column row, long rows, long[] ends) {
    long bucketRows = (rows + MAX_MONTH_BUCKETS - 1) / MAX_MONTH_BUCKETS;
    int buckets = (int) ((rows + bucketRows - 1) / bucketRows);
    int[] firstMonth = new int[buckets];
    int month = 0;
    for (int b = 0; b < buckets; b++) {
      long first = b * bucketRows;
      while (ends[month] <= first) {
        month++;
      }
      firstMonth[b] = month;
      long last = Math.min(rows, first + bucketRows) - 1;
      if (month + 1 < ends.length && ends[month + 1] <= last) {
        throw new IllegalStateException("months too short for buckets of " + bucketRows + " rows");
      }
    }
    Column bucketMonth = element_at(lit(firstMonth), row.divide(bucketRows).cast(DataTypes.IntegerType).plus(1));
    Column endOfBucketMonth = element_at(lit(ends), bucketMonth.plus(1));
    return bucketMonth.plus(when(row.geq(endOfBucketMonth), lit(1)).otherwise(lit(0)));
  }

  private static List<YearMonth> generatedMonths() {
    return Stream.iterate(YearMonth.from(Calibration.FIRST_DAY), m -> m.plusMonths(1))
        .limit(Calibration.MONTHS).toList();
  }

  private static Set<String> fullyCoveredCurrencies(ReferenceData reference) {
    Set<YearMonth> months = Set.copyOf(generatedMonths());
    Map<String, Long> coveredMonths = reference.fxRates().stream().filter(r -> months.contains(r.month()))
        .collect(Collectors.groupingBy(FxRate::currency, Collectors.counting()));
    return coveredMonths.entrySet().stream().filter(e -> e.getValue() == months.size()).map(Map.Entry::getKey)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** The known currency with the fewest rates in the generated months (the sample's KPW: only 2015-01). */
  private RateGap rateGap(ReferenceData reference) {
    List<YearMonth> months = generatedMonths();
    Map<String, Set<String>> covered = new TreeMap<>();
    for (FxRate rate : reference.fxRates()) {
      Set<String> ofCurrency = covered.computeIfAbsent(rate.currency(), c -> new TreeSet<>());
      if (months.contains(rate.month())) {
        ofCurrency.add(rate.month().toString());
      }
    }
    return covered.entrySet().stream()
        .filter(e -> e.getValue().size() < months.size())
        .min(Comparator.comparingInt((Map.Entry<String, Set<String>> e) -> e.getValue().size())
            .thenComparing(Map.Entry::getKey))
        .map(e -> new RateGap(e.getKey(), e.getValue(), months.stream()
            .filter(m -> !e.getValue().contains(m.toString())).findFirst().orElseThrow().atDay(15)))
        .orElseThrow(() -> templateError("fx_rates.csv has a rate for every currency and month from 2015-01 to"
            + " 2025-12, so " + GenerateOptions.BAD_RATIO + " cannot plant FX_RATE_MISSING rows; add a currency"
            + " with a missing month (the sample's KPW has 2015-01 only)"));
  }

  private void requireKnown(String what, String file, Set<String> known, java.util.Collection<String> used) {
    List<String> missing = used.stream().filter(u -> !known.contains(u)).sorted().toList();
    if (!missing.isEmpty()) {
      throw templateError("reference/" + file + " lacks " + what + " " + String.join(", ", missing)
          + " that the generator uses");
    }
  }

  private JobException templateError(String problem) {
    return JobException.input("Cannot generate from " + GenerateOptions.TEMPLATE + " " + config.template() + ": "
        + problem);
  }
}
