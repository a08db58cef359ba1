package dev.crossborder.conform;

import static dev.crossborder.model.Columns.*;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.crossborder.ingest.ReferenceData;
import dev.crossborder.ingest.ReferenceData.FxRate;
import dev.crossborder.ingest.ReferenceData.ScenarioRule;
import dev.crossborder.model.Measure;
import dev.crossborder.model.OriginScope;
import dev.crossborder.model.OutputTables;
import dev.crossborder.model.ParsedColumns;
import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;

/**
 * Policy scenarios laid over the parcels (DESIGN.md §7), as columns of the one pass over the shipments: for each
 * scenario, whether a clean cross-border parcel is in its scope (a row of the scenario covers the parcel's
 * jurisdiction, origin and ship date; an origin-specific row beats '*', as in the real rules), whether it would
 * be de minimis under that row (DESIGN.md §3 with the row in place of the real rules: the exact USD value
 * against the exact USD threshold at the ship month's rates) and, if it loses the exemption, the duty it would
 * pay. The pass folds them into the sums of {@link #measures} per cube group; {@link #compute} turns those
 * into the silver policy_scenario_cube. With no scenario, none of this adds a column.
 */
public final class PolicyScenarios {
  private PolicyScenarios() {}

  /** The scenario currencies' rates of a month, joined on the ship month: {@code _scenario_rate_EUR}, ... */
  private static String rateColumn(String currency) {
    return "_scenario_rate_" + currency;
  }

  private static String column(int scenario, String what) {
    return "_scenario" + scenario + "_" + what;
  }

  private static final String IN_SCOPE = "in_scope";
  private static final String ELIGIBLE = "eligible";
  private static final String DUTY = "duty";
  private static final String DUTY_PER_PARCEL = "duty_per_parcel";

  /** The sums per scenario, in the silver table's order. */
  private static final List<String> MEASURES = OutputTables.SCENARIO_SUMS;

  /**
   * Adds the rates of every scenario currency in the row's ship month (one small broadcast join on the month);
   * {@code rows} unchanged without scenarios.
   */
  public static Dataset<Row> withScenarioRates(Dataset<Row> rows, SparkSession spark, ReferenceData reference) {
    List<String> currencies = reference.scenarioRules().stream().map(ScenarioRule::currency).distinct().sorted()
        .toList();
    if (currencies.isEmpty()) {
      return rows;
    }
    Map<YearMonth, Object[]> byMonth = new TreeMap<>();
    for (FxRate rate : reference.fxRates()) {
      int index = currencies.indexOf(rate.currency());
      if (index >= 0) {
        byMonth.computeIfAbsent(rate.month(), m -> new Object[currencies.size() + 1])[index + 1] = rate.usdPerUnit();
      }
    }
    StructType schema = new StructType().add("_scenario_month", DataTypes.DateType, false);
    for (String currency : currencies) {
      schema = schema.add(rateColumn(currency), ReferenceData.RATE_TYPE, true);
    }
    List<Row> monthRows = new ArrayList<>();
    byMonth.forEach((month, values) -> {
      values[0] = Date.valueOf(month.atDay(1));
      monthRows.add(RowFactory.create(values));
    });
    Dataset<Row> rates = spark.createDataFrame(monthRows, schema);
    return rows.join(broadcast(rates), col(MONTH_START).equalTo(col("_scenario_month")), "left")
        .drop("_scenario_month");
  }

  /**
   * Per scenario, for a row that {@code passes} the row-level rules: in scope, de minimis under the scenario,
   * and the duty of one parcel when it loses the exemption (null otherwise; {@link #withDutyParts} makes it the
   * duty of all its parcels). Read from the parsed value, its USD rate and the scenario rates; the actual
   * eligibility is {@link DeMinimis#isDeMinimis}.
   */
  public static List<Column> inputs(Column passes, ReferenceData reference) {
    List<Column> columns = new ArrayList<>();
    List<String> ids = reference.scenarioIds();
    for (int i = 0; i < ids.size(); i++) {
      // Origin-specific rows first: the first row whose condition holds is the parcel's rule.
      List<ScenarioRule> rules = new ArrayList<>(reference.scenarioRules(ids.get(i)));
      rules.sort(Comparator.comparing(rule -> rule.originScope().equals(OriginScope.ANY)));
      Column covered = lit(false);
      Column thresholdUsd = null;
      Column dutyPerParcelUsd = null;
      for (ScenarioRule rule : rules) {
        Column applies = covers(rule);
        Column rate = col(rateColumn(rule.currency()));
        // DECIMAL(22,6) x DECIMAL(15,12) = DECIMAL(38,18): exact, as DeMinimis compares the real rules.
        Column threshold = lit(rule.threshold()).cast(ReferenceData.AMOUNT_TYPE).multiply(rate);
        // A fixed duty in the scenario's currency: one amount, converted and rounded to the cent once.
        Column fixed = round(lit(rule.dutyPerParcel()).cast(ReferenceData.AMOUNT_TYPE).multiply(rate), 2);
        // Ad valorem on the parcel's USD value as the cube has it (cents): DECIMAL(23,2) x DECIMAL(7,6), exact.
        Column adValorem = round(lit(rule.dutyRate()).cast(ReferenceData.DUTY_RATE_TYPE)
            .multiply(col(ShipmentCube.PARCEL_VALUE_USD)), 2);
        covered = covered.or(applies);
        thresholdUsd = thresholdUsd == null ? when(applies, threshold) : thresholdUsd.when(applies, threshold);
        Column duty = fixed.plus(adValorem);
        dutyPerParcelUsd = dutyPerParcelUsd == null ? when(applies, duty) : dutyPerParcelUsd.when(applies, duty);
      }
      Column valueUsd = DeMinimis.valueUsd();
      Column inScope = coalesce(passes.and(DeMinimis.isCrossBorder()).and(covered), lit(false));
      Column eligible = coalesce(thresholdUsd.gt(0).and(valueUsd.leq(thresholdUsd)), lit(false));
      // Values are read only where the row is in scope (so it passed the rules): a bad row's may not fit the types.
      Column losing = when(inScope, DeMinimis.isDeMinimis().and(eligible.unary_$bang())).otherwise(lit(false));
      columns.add(inScope.as(column(i, IN_SCOPE)));
      columns.add(when(inScope, eligible).as(column(i, ELIGIBLE)));
      columns.add(when(losing, dutyPerParcelUsd).as(column(i, DUTY_PER_PARCEL)));
    }
    return columns;
  }

  /**
   * {@code rows} of {@link #inputs} with each scenario's duty per parcel replaced by the duty of all the row's
   * parcels in {@link UsdCents} parts: a projection of its own, so that the duty, read several times by the
   * parts, is worked out once.
   */
  public static Dataset<Row> withDutyParts(Dataset<Row> rows, ReferenceData reference) {
    Dataset<Row> withParts = rows;
    for (int i = 0; i < reference.scenarioIds().size(); i++) {
      Column[] duty = UsdCents.ofParcels(col(column(i, DUTY_PER_PARCEL)), col(ParsedColumns.PARCEL_COUNT));
      withParts = withParts.withColumn(UsdCents.high(column(i, DUTY)), duty[0])
          .withColumn(UsdCents.low(column(i, DUTY)), duty[1])
          .drop(column(i, DUTY_PER_PARCEL));
    }
    return withParts;
  }

  /** The parcel's jurisdiction, origin (unless '*') and ship date are the rule's. */
  private static Column covers(ScenarioRule rule) {
    Column day = col(ParsedColumns.SHIP_DAY);
    Column covers = col(DESTINATION_JURISDICTION).equalTo(lit(rule.jurisdiction()))
        .and(day.geq(lit(Date.valueOf(rule.appliesFrom())))).and(day.lt(lit(Date.valueOf(rule.appliesTo()))));
    return rule.originScope().equals(OriginScope.ANY) ? covers
        : covers.and(col(ORIGIN_COUNTRY).equalTo(lit(rule.originScope())));
  }

  /**
   * What a row of {@link #inputs} (with the cube's {@link ShipmentCube#inputs}) adds to its group, per
   * scenario: {@link #MEASURES}, each added up, a USD amount as its {@link UsdCents} parts.
   */
  public static List<Measure> measures(ReferenceData reference) {
    List<Measure> sums = new ArrayList<>();
    Column parcels = col(ParsedColumns.PARCEL_COUNT);
    Column actual = col(ShipmentCube.IS_DE_MINIMIS);
    for (int i = 0; i < reference.scenarioIds().size(); i++) {
      Column inScope = col(column(i, IN_SCOPE));
      Column scenario = col(column(i, ELIGIBLE));
      Column losing = inScope.and(actual).and(scenario.unary_$bang());
      Column gaining = inScope.and(actual.unary_$bang()).and(scenario);
      // The rows each sum adds up: their parcels, or the USD value of their parcels.
      Map<String, Column> rowsOf = new LinkedHashMap<>();
      rowsOf.put(PARCELS_IN_SCOPE, inScope);
      rowsOf.put(DE_MINIMIS_PARCELS_ACTUAL, inScope.and(actual));
      rowsOf.put(DE_MINIMIS_VALUE_USD_ACTUAL, inScope.and(actual));
      rowsOf.put(DE_MINIMIS_PARCELS_SCENARIO, inScope.and(scenario));
      rowsOf.put(DE_MINIMIS_VALUE_USD_SCENARIO, inScope.and(scenario));
      rowsOf.put(PARCELS_LOSING_EXEMPTION, losing);
      rowsOf.put(VALUE_USD_LOSING_EXEMPTION, losing);
      rowsOf.put(PARCELS_GAINING_EXEMPTION, gaining);
      rowsOf.put(VALUE_USD_GAINING_EXEMPTION, gaining);
      for (String measure : MEASURES) {
        String name = column(i, measure);
        if (measure.equals(ESTIMATED_DUTY_USD)) {
          sums.add(UsdCents.measure(name, col(UsdCents.high(column(i, DUTY))), col(UsdCents.low(column(i, DUTY)))));
        } else if (isAmount(measure)) {
          sums.add(ShipmentCube.valueWhere(name, rowsOf.get(measure)));
        } else {
          sums.add(Measure.sum(name, when(rowsOf.get(measure), parcels)));
        }
      }
    }
    return sums;
  }

  /** Whether a measure of {@link #MEASURES} is a USD amount. */
  private static boolean isAmount(String measure) {
    return typeOf(measure) instanceof DecimalType;
  }

  private static DataType typeOf(String measure) {
    return OutputTables.POLICY_SCENARIO_CUBE.column(measure).orElseThrow().type();
  }

  /**
   * The silver policy_scenario_cube from the clean entries of the pass (with the sums of
   * {@link #measures}): per scenario, month, jurisdiction, platform, origin and fulfilment model, the groups
   * with any parcel in the scenario's scope. No rows without scenarios.
   */
  public static Dataset<Row> compute(Dataset<Row> cleanEntries, ReferenceData reference) {
    List<String> ids = reference.scenarioIds();
    Dataset<Row> all = null;
    for (int i = 0; i < ids.size(); i++) {
      List<Column> columns = new ArrayList<>(List.of(col(MONTH_START), lit(ids.get(i)).as(SCENARIO_ID),
          col(DESTINATION_JURISDICTION).as(JURISDICTION), col(PLATFORM_ID), col(ORIGIN_COUNTRY),
          col(FULFILLMENT_MODEL)));
      for (String measure : MEASURES) {
        columns.add(col(column(i, measure)).as(measure));
      }
      Dataset<Row> scenario = cleanEntries.select(columns.toArray(Column[]::new))
          .filter(col(PARCELS_IN_SCOPE).gt(0));
      all = all == null ? scenario : all.unionByName(scenario);
    }
    if (all == null) {
      return empty(cleanEntries.sparkSession());
    }
    List<Column> sums = new ArrayList<>();
    for (String measure : MEASURES) {
      sums.add(coalesce(sum(col(measure)), lit(0)).cast(typeOf(measure)).as(measure));
    }
    return all.groupBy(col(MONTH_START), col(SCENARIO_ID), col(JURISDICTION), col(PLATFORM_ID), col(ORIGIN_COUNTRY),
            col(FULFILLMENT_MODEL))
        .agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new));
  }

  /** The silver table's columns, run_id aside, with no rows. */
  private static Dataset<Row> empty(SparkSession spark) {
    StructType schema = new StructType();
    for (var spec : OutputTables.POLICY_SCENARIO_CUBE.columns()) {
      if (!spec.name().equals(RUN_ID)) {
        schema = schema.add(spec.name(), spec.type());
      }
    }
    return spark.createDataFrame(List.of(), schema);
  }
}
