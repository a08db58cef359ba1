package dev.crossborder.model;

import static dev.crossborder.model.Columns.*;

import dev.crossborder.model.TableSpec.ColumnSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/** Definitions of every published table (DESIGN.md §5): names, column order, types and comments. */
public final class OutputTables {
  private OutputTables() {}

  /** Money is USD with cents, wide enough for worldwide yearly sums. */
  public static final DecimalType MONEY = DataTypes.createDecimalType(20, 2);
  /**
   * Published local-currency amounts and thresholds. Wider than the job's working type (DECIMAL(22,6), narrow so
   * that amount x rate is exact): the final selects cast to it, so the published type stays as it was.
   */
  public static final DecimalType LOCAL_AMOUNT = DataTypes.createDecimalType(24, 6);
  /** Published FX rates; the job works in DECIMAL(15,12) (see {@link #LOCAL_AMOUNT}) and casts to this. */
  public static final DecimalType RATE = DataTypes.createDecimalType(24, 12);

  private static final DataType STRING = DataTypes.StringType;
  private static final DataType DATE = DataTypes.DateType;
  private static final DataType DOUBLE = DataTypes.DoubleType;
  private static final DataType LONG = DataTypes.LongType;
  private static final DataType INT = DataTypes.IntegerType;

  private static ColumnSpec column(String name, DataType type, String comment) {
    return new ColumnSpec(name, type, comment);
  }

  private static final ColumnSpec RUN_ID_COLUMN = column(RUN_ID, STRING, "Id of the run that wrote this row");

  /** Grain and geography columns shared by the GMV tables, after run_id. */
  private static List<ColumnSpec> periodGeoPlatform() {
    return List.of(
        column(PERIOD_GRAIN, STRING, "Period length: month, quarter or year"),
        column(PERIOD_START, DATE, "First day of the period"),
        column(PERIOD_LABEL, STRING, "Period as text: 2025-07, 2025-Q3 or 2025"),
        column(GEO_LEVEL, STRING, "Geography level: country, region or global"),
        column(GEO_CODE, STRING, "ISO 3166-1 alpha-2 country code, region id, or WORLD"),
        column(PLATFORM_ID, STRING, "Platform id from reference/platforms.csv"));
  }

  private static List<ColumnSpec> withRunId(List<ColumnSpec> grain, ColumnSpec... measures) {
    List<ColumnSpec> all = new ArrayList<>();
    all.add(RUN_ID_COLUMN);
    all.addAll(grain);
    all.addAll(List.of(measures));
    return List.copyOf(all);
  }

  public static final TableSpec GMV_MONTHLY = new TableSpec(
      "silver",
      "gmv_monthly",
      "platform x country x month",
      "Clean GMV records converted to USD at the month's average rate, with region",
      List.of(
          RUN_ID_COLUMN,
          column(PLATFORM_ID, STRING, "Platform id from reference/platforms.csv"),
          column(COUNTRY_CODE, STRING, "ISO 3166-1 alpha-2 country code"),
          column(REGION, STRING, "Region of the country from reference/countries.csv"),
          column(MONTH_START, DATE, "First day of the month"),
          column(GMV_LOCAL, LOCAL_AMOUNT, "GMV as reported, in the record's currency"),
          column(CURRENCY, STRING, "ISO 4217 currency of gmv_local"),
          column(USD_PER_UNIT, RATE, "Monthly average USD per unit of currency"),
          column(GMV_USD, MONEY, "GMV in USD: gmv_local x usd_per_unit, rounded half up to the cent"),
          column(ORDERS, LONG, "Orders as reported (null when the record had none)"),
          column(SOURCE_FILE, STRING, "Landing file the record came from")));

  public static final TableSpec GMV_GROWTH = new TableSpec(
      "gold",
      "gmv_growth",
      "period_grain x period_start x geo_level x geo_code x platform_id",
      "GMV in USD per platform, period and geography, with year-on-year and period-on-period growth",
      withRunId(periodGeoPlatform(),
          column(GMV_USD, MONEY, "GMV in USD summed over the period and geography"),
          column(ORDERS, LONG, "Orders summed over the period and geography (null when none reported)"),
          column(MONTHS_COVERED, INT, "Distinct months of the period with GMV data for this series"),
          column(GMV_USD_PRIOR_YEAR, MONEY, "GMV in USD of the same period one year earlier (null when absent)"),
          column(YOY_GROWTH, DOUBLE,
              "gmv_usd / gmv_usd_prior_year - 1 (0.25 = +25 %); null unless yoy_status is OK"),
          column(YOY_STATUS, STRING,
              "OK, NO_PRIOR_PERIOD, COVERAGE_MISMATCH (prior year covers other months) or PRIOR_ZERO"),
          column(GMV_USD_PRIOR_PERIOD, MONEY, "GMV in USD of the previous month, quarter or year (null when absent)"),
          column(POP_GROWTH, DOUBLE,
              "gmv_usd / gmv_usd_prior_period - 1; null when the previous period is absent, covers other months"
                  + " or is zero")));

  public static final TableSpec MARKET_SHARE = new TableSpec(
      "gold",
      "market_share",
      "period_grain x period_start x geo_level x geo_code x platform_id",
      "Each platform's share of tracked GMV in a market (geography x period) and its rank",
      withRunId(periodGeoPlatform(),
          column(GMV_USD, MONEY, "Platform GMV in USD in this market"),
          column(MARKET_GMV_USD, MONEY, "GMV in USD of all tracked platforms in this market"),
          column(SHARE, DOUBLE, "gmv_usd / market_gmv_usd (0.25 = 25 %); shares of a market sum to 1"),
          column(RANK, INT, "Position by gmv_usd descending in this market, ties broken by platform_id"),
          column(SHARE_PRIOR_YEAR, DOUBLE, "Share in the same market one year earlier (null when absent)"),
          column(SHARE_CHANGE_PP, DOUBLE, "(share - share_prior_year) x 100, in percentage points"),
          column(RANK_PRIOR_YEAR, INT, "Rank in the same market one year earlier (null when absent)"),
          column(PLATFORMS_IN_MARKET, INT, "Number of platforms with GMV in this market")));

  private static List<ColumnSpec> periodDestinationPlatformModel() {
    return List.of(
        column(PERIOD_GRAIN, STRING, "Period length: month, quarter or year"),
        column(PERIOD_START, DATE, "First day of the period"),
        column(PERIOD_LABEL, STRING, "Period as text: 2025-07, 2025-Q3 or 2025"),
        column(GEO_LEVEL, STRING, "Level of the destination geography: country, region or global"),
        column(GEO_CODE, STRING, "Destination country code, region id, or WORLD"),
        column(PLATFORM_ID, STRING, "Platform id, or ALL for every platform"),
        column(FULFILLMENT_MODEL, STRING,
            "fully_hosted, semi_hosted, overseas_hosted, local_seller, marketplace, or ALL"));
  }

  public static final TableSpec SHIPMENT_CUBE = new TableSpec(
      "silver",
      "shipment_cube",
      "month x platform x origin x destination x fulfillment model",
      "Monthly sums of clean shipments; every shipment metric is computed from this cube",
      List.of(
          RUN_ID_COLUMN,
          column(MONTH_START, DATE, "First day of the ship month (partition column)"),
          column(PLATFORM_ID, STRING, "Platform id from reference/platforms.csv"),
          column(ORIGIN_COUNTRY, STRING, "Country the parcels ship from"),
          column(DESTINATION_COUNTRY, STRING, "Country the parcels ship to"),
          column(DESTINATION_REGION, STRING, "Region of the destination country"),
          column(DESTINATION_JURISDICTION, STRING, "Customs jurisdiction of the destination (EU for EU members)"),
          column(FULFILLMENT_MODEL, STRING, "fully_hosted, semi_hosted, overseas_hosted, local_seller or marketplace"),
          column(PARCELS, LONG, "Parcels (sum of parcel_count)"),
          column(CROSS_BORDER_PARCELS, LONG, "Parcels whose origin differs from the destination"),
          column(DE_MINIMIS_PARCELS, LONG, "Cross-border parcels eligible for the destination's de minimis exemption"),
          column(DECLARED_VALUE_USD, MONEY, "Declared value in USD at the ship month's rate, all parcels"),
          column(DE_MINIMIS_VALUE_USD, MONEY, "Declared value in USD of the de minimis parcels"),
          column(DAYS_COVERED, INT, "Days of this month with any clean shipment (coverage of the month)")),
      List.of(MONTH_START));

  public static final TableSpec SHIPMENT_VOLUMES = new TableSpec(
      "gold",
      "shipment_volumes",
      "period_grain x period_start x destination geo x platform_id (incl. ALL) x fulfillment_model (incl. ALL)",
      "Parcels, cross-border and de minimis parcels and declared values by destination, with parcel YoY growth",
      withRunId(periodDestinationPlatformModel(),
          column(PARCELS, LONG, "Parcels to the destination in the period"),
          column(CROSS_BORDER_PARCELS, LONG, "Parcels whose origin differs from the destination country"),
          column(DE_MINIMIS_PARCELS, LONG, "Cross-border parcels that rode a de minimis exemption"),
          column(DE_MINIMIS_SHARE, DOUBLE, "de_minimis_parcels / cross_border_parcels (null when no cross-border)"),
          column(DECLARED_VALUE_USD, MONEY, "Declared value in USD of all parcels"),
          column(DE_MINIMIS_VALUE_USD, MONEY, "Declared value in USD of the de minimis parcels"),
          column(AVG_DECLARED_VALUE_USD, MONEY, "declared_value_usd / parcels, rounded to the cent"),
          column(PARCELS_PRIOR_YEAR, LONG, "Parcels in the same period one year earlier (null when absent)"),
          column(PARCELS_YOY_GROWTH, DOUBLE, "parcels / parcels_prior_year - 1; null unless yoy_status is OK"),
          column(YOY_STATUS, STRING, "OK, NO_PRIOR_PERIOD, COVERAGE_MISMATCH (a period not covered on every day)"
              + " or PRIOR_ZERO")));

  public static final TableSpec FULFILLMENT_MIX = new TableSpec(
      "gold",
      "fulfillment_mix",
      "period_grain x period_start x destination geo x platform_id (incl. ALL) x fulfillment_model",
      "Share of each fulfilment model in the parcels and declared value of a destination, platform and period",
      withRunId(periodDestinationPlatformModel(),
          column(PARCELS, LONG, "Parcels of this fulfilment model"),
          column(PARCEL_SHARE, DOUBLE, "Parcels of this model / parcels of all models (shares sum to 1)"),
          column(VALUE_SHARE, DOUBLE, "Declared value of this model / declared value of all models"),
          column(PARCEL_SHARE_PRIOR_YEAR, DOUBLE, "parcel_share one year earlier (null when absent)"),
          column(PARCEL_SHARE_CHANGE_PP, DOUBLE, "(parcel_share - parcel_share_prior_year) x 100, percentage points")));

  public static final TableSpec POLICY_IMPACT = new TableSpec(
      "gold",
      "policy_impact",
      "de minimis rule change (jurisdiction x origin_scope x effective_date) x platform_id (incl. ALL)",
      "Parcels to a jurisdiction in the whole months before a de minimis threshold change against the same"
          + " number of months after it (the month of the change left out)",
      List.of(
          RUN_ID_COLUMN,
          column(JURISDICTION, STRING, "Customs jurisdiction whose rule changed (EU or a country code)"),
          column(ORIGIN_SCOPE, STRING, "Origins the rule covers: * for all, else one origin country"),
          column(EFFECTIVE_DATE, DATE, "First day the new threshold applies"),
          column(PLATFORM_ID, STRING, "Platform id, or ALL for every platform"),
          column(THRESHOLD_BEFORE, LOCAL_AMOUNT, "Threshold before the change (0: no exemption)"),
          column(THRESHOLD_AFTER, LOCAL_AMOUNT, "Threshold from effective_date (0: no exemption)"),
          column(THRESHOLD_CURRENCY, STRING, "ISO 4217 currency of threshold_after (and of threshold_before unless"
              + " the rule changed currency)"),
          column(WINDOW_MONTHS, INT, "Whole months compared on each side of the month of effective_date"),
          column(CROSS_BORDER_PARCELS_BEFORE, LONG, "Cross-border parcels from the covered origins, months before"),
          column(CROSS_BORDER_PARCELS_AFTER, LONG, "Cross-border parcels from the covered origins, months after"),
          column(CROSS_BORDER_CHANGE, DOUBLE, "cross_border_parcels_after / cross_border_parcels_before - 1"),
          column(DE_MINIMIS_PARCELS_BEFORE, LONG, "De minimis parcels from the covered origins, months before"),
          column(DE_MINIMIS_PARCELS_AFTER, LONG, "De minimis parcels from the covered origins, months after"),
          column(LOCAL_SHARE_BEFORE, DOUBLE, "Parcels with origin = destination / all parcels to the jurisdiction,"
              + " months before"),
          column(LOCAL_SHARE_AFTER, DOUBLE, "The same share in the months after"),
          column(LOCAL_SHARE_CHANGE_PP, DOUBLE, "(local_share_after - local_share_before) x 100, percentage points")));

  /** The sums of a policy scenario, silver and gold alike, after their grain columns. */
  private static List<ColumnSpec> scenarioSums() {
    return List.of(
        column(PARCELS_IN_SCOPE, LONG, "Clean cross-border parcels the scenario covers (its jurisdiction, origins"
            + " and ship dates)"),
        column(DE_MINIMIS_PARCELS_ACTUAL, LONG, "Parcels in scope that rode a de minimis exemption under the real"
            + " rules"),
        column(DE_MINIMIS_VALUE_USD_ACTUAL, MONEY, "Declared value in USD of de_minimis_parcels_actual"),
        column(DE_MINIMIS_PARCELS_SCENARIO, LONG, "Parcels in scope that would be de minimis under the scenario"),
        column(DE_MINIMIS_VALUE_USD_SCENARIO, MONEY, "Declared value in USD of de_minimis_parcels_scenario"),
        column(PARCELS_LOSING_EXEMPTION, LONG, "Parcels de minimis under the real rules but not under the scenario"),
        column(VALUE_USD_LOSING_EXEMPTION, MONEY, "Declared value in USD of parcels_losing_exemption"),
        column(PARCELS_GAINING_EXEMPTION, LONG, "Parcels de minimis under the scenario but not under the real rules"),
        column(VALUE_USD_GAINING_EXEMPTION, MONEY, "Declared value in USD of parcels_gaining_exemption"),
        column(ESTIMATED_DUTY_USD, MONEY, "Duty the parcels losing the exemption would pay: per parcel,"
            + " duty_per_parcel at the ship month's rate plus duty_rate x its USD value, each rounded to the cent"));
  }

  /** The sums of a policy scenario, in table order: the silver table adds them up by month, gold over months. */
  public static final List<String> SCENARIO_SUMS = scenarioSums().stream().map(ColumnSpec::name).toList();

  public static final TableSpec POLICY_SCENARIO_CUBE = new TableSpec(
      "silver",
      "policy_scenario_cube",
      "month x scenario_id x jurisdiction x platform x origin x fulfillment model",
      "Monthly sums of the parcels each policy scenario covers, from the one pass over the shipments; the gold"
          + " policy_scenarios table adds them up",
      withScenarioSums(List.of(
          RUN_ID_COLUMN,
          column(MONTH_START, DATE, "First day of the ship month (partition column)"),
          column(SCENARIO_ID, STRING, "Scenario id from the policy scenarios file"),
          column(JURISDICTION, STRING, "Customs jurisdiction of the destination (EU for EU members)"),
          column(PLATFORM_ID, STRING, "Platform id from reference/platforms.csv"),
          column(ORIGIN_COUNTRY, STRING, "Country the parcels ship from"),
          column(FULFILLMENT_MODEL, STRING, "fully_hosted, semi_hosted, overseas_hosted, local_seller or"
              + " marketplace"))),
      List.of(MONTH_START));

  public static final TableSpec POLICY_SCENARIOS = new TableSpec(
      "gold",
      "policy_scenarios",
      "scenario_id x jurisdiction x platform_id (incl. ALL) x fulfillment_model (incl. ALL) x origin_country"
          + " (incl. ALL)",
      "What a de minimis rule of a policy scenario would have done to the historical parcels it covers: the"
          + " parcels that would lose (or gain) the exemption and the duty they would pay",
      withScenarioSums(List.of(
          RUN_ID_COLUMN,
          column(SCENARIO_ID, STRING, "Scenario id from the policy scenarios file"),
          column(DESCRIPTION, STRING, "The scenario's description"),
          column(JURISDICTION, STRING, "Customs jurisdiction the scenario rule applies to"),
          column(PLATFORM_ID, STRING, "Platform id, or ALL for every platform"),
          column(FULFILLMENT_MODEL, STRING, "fully_hosted, semi_hosted, overseas_hosted, local_seller, marketplace,"
              + " or ALL"),
          column(ORIGIN_COUNTRY, STRING, "Country the parcels ship from, or ALL"),
          column(APPLIES_FROM, DATE, "First ship date the scenario covers in this jurisdiction"),
          column(APPLIES_TO, DATE, "First ship date after the scenario's window (exclusive)")),
          column(LOSING_SHARE, DOUBLE, "parcels_losing_exemption / parcels_in_scope"),
          column(GAINING_SHARE, DOUBLE, "parcels_gaining_exemption / parcels_in_scope")));

  private static List<ColumnSpec> withScenarioSums(List<ColumnSpec> grain, ColumnSpec... after) {
    List<ColumnSpec> all = new ArrayList<>(grain);
    all.addAll(scenarioSums());
    all.addAll(List.of(after));
    return List.copyOf(all);
  }

  public static final TableSpec BENCHMARK_COMPARISON = new TableSpec(
      "gold",
      "benchmark_comparison",
      "year x entity (platform or platform group) x benchmark segment",
      "Worldwide yearly GMV growth of each platform and platform group against the market benchmarks of that"
          + " year (reference/market_benchmarks.csv)",
      List.of(
          RUN_ID_COLUMN,
          column(YEAR, INT, "Calendar year"),
          column(ENTITY_TYPE, STRING, "platform or group"),
          column(ENTITY_ID, STRING, "platform_id, or platform_group (china_big4, global_incumbent, regional)"),
          column(YOY_GROWTH, DOUBLE, "Worldwide GMV growth against the year before (0.25 = +25 %); null unless"
              + " yoy_status is OK"),
          column(YOY_STATUS, STRING, "OK, NO_PRIOR_PERIOD, COVERAGE_MISMATCH or PRIOR_ZERO, as in gmv_growth"),
          column(SEGMENT_ID, STRING, "Benchmark segment, e.g. global_ecommerce or china_big4_outbound"),
          column(BENCHMARK_GROWTH, DOUBLE, "The segment's growth that year (0.08 = +8 %)"),
          column(BENCHMARK_KIND, STRING, "actual or forecast"),
          column(OUTPERFORMANCE_PP, DOUBLE, "(yoy_growth - benchmark_growth) x 100, percentage points")));

  private static final DecimalType VALUE_TYPE = MONEY;

  public static final TableSpec GROWTH_SUMMARY = new TableSpec(
      "gold",
      "growth_summary",
      "metric x geo_level x geo_code x platform_id x last_year",
      "Compound annual growth of yearly series from their first complete year to every later complete year",
      List.of(
          RUN_ID_COLUMN,
          column(METRIC, STRING, "gmv_usd (platform x geography), parcels or de_minimis_parcels (by destination)"),
          column(GEO_LEVEL, STRING, "Geography level: country, region or global (destination for parcels)"),
          column(GEO_CODE, STRING, "Country code, region id, or WORLD"),
          column(PLATFORM_ID, STRING, "Platform id; ALL for the parcel series"),
          column(LAST_YEAR, INT, "Last year of the span: a complete year after first_year"),
          column(FIRST_YEAR, INT, "The series' first complete year (12 months of GMV, or every day of shipments)"),
          column(FIRST_VALUE, VALUE_TYPE, "Value in first_year (USD for gmv_usd, a count for parcels)"),
          column(LAST_VALUE, VALUE_TYPE, "Value in last_year"),
          column(YEARS, INT, "last_year - first_year"),
          column(CAGR, DOUBLE, "(last_value / first_value)^(1 / years) - 1; null unless cagr_status is OK"),
          column(CAGR_STATUS, STRING, "OK, or FIRST_VALUE_ZERO when growth from nothing has no rate")));

  public static final TableSpec KPI_ANOMALIES = new TableSpec(
      "gold",
      "kpi_anomalies",
      "period x geography x platform x rule",
      "KPIs that moved unusually against their own history (rules and thresholds: README, KPI anomalies)",
      withRunId(periodGeoPlatform(),
          column(RULE, STRING, "SHARE_SHIFT (yearly market share moved by >= --anomaly-share-pp) or YOY_OUTLIER"
              + " (quarterly YoY outside the previous 4 quarters' range by > --anomaly-yoy-margin-pp)"),
          column(METRIC, STRING, "share (market_share) or yoy_growth (gmv_growth)"),
          column(VALUE, DOUBLE, "The KPI in percent: the share, or the YoY growth"),
          column(EXPECTED_LOW, DOUBLE, "Low end of the expected range, in the same unit"),
          column(EXPECTED_HIGH, DOUBLE, "High end of the expected range, in the same unit")));

  public static final TableSpec QUARANTINE = new TableSpec(
      "",
      "quarantine",
      "one row per rejected input row",
      "Input rows that failed a quality rule, with every reason that applies and the raw record",
      List.of(
          RUN_ID_COLUMN,
          column(DATASET, STRING, "Landing dataset: gmv or shipments"),
          column(SOURCE_FILE, STRING, "Landing file the row came from"),
          column(RECORD, STRING, "The raw line when it could not be parsed, else the row's values as JSON"),
          column(REASONS, DataTypes.createArrayType(STRING, false), "Reason codes (DESIGN.md section 4), and"
              + " EXPECTATION:<name> for each expectation of action quarantine the row failed")));

  private static final DataType TIMESTAMP = DataTypes.TimestampType;

  /** Per landing dataset of a run: where its rows went. */
  public static final DataType DATASET_COUNTS = DataTypes.createArrayType(new org.apache.spark.sql.types.StructType()
      .add(DATASET, STRING, false)
      .add("rows_read", LONG, false)
      .add("rows_clean", LONG, false)
      .add("rows_quarantined", LONG, false)
      .add("quarantine_reasons", DataTypes.createMapType(STRING, LONG, false), false), false);

  /**
   * Every rule of a run, per landing dataset, in one shape: the built-in reason codes that quarantined rows
   * (kind built-in, action quarantine, evaluated on every row read) and the expectations (kind expectation, its
   * action, evaluated on the rows that passed the row-level rules).
   */
  public static final DataType RULE_COUNTS = DataTypes.createArrayType(new org.apache.spark.sql.types.StructType()
      .add(DATASET, STRING, false)
      .add("rule", STRING, false)
      .add("kind", STRING, false)
      .add("action", STRING, false)
      .add("rows_evaluated", LONG, false)
      .add("rows_failing", LONG, false), false);

  /** Per table a run wrote: its path, rows and Delta version (null for Parquet). */
  public static final DataType TABLES_WRITTEN = DataTypes.createArrayType(new org.apache.spark.sql.types.StructType()
      .add("table", STRING, false)
      .add("path", STRING, false)
      .add("rows", LONG, false)
      .add("delta_version", LONG, true), false);

  /**
   * The runs table, one row appended per run, last: a run without its row did not complete. It lives in
   * runs/history beside the runs/&lt;run_id&gt;.json reports (not in runs/ itself, where Delta's VACUUM would
   * take the reports for stray files).
   */
  public static final TableSpec RUNS = new TableSpec(
      "runs",
      "history",
      "one row per run",
      "One row per run: status, timings, rows read, clean and quarantined per dataset, tables written",
      List.of(
          RUN_ID_COLUMN,
          column("status", STRING, "SUCCEEDED or FAILED_QUALITY (gold tables left as they were)"),
          column("started_at", TIMESTAMP, "When the run started (UTC)"),
          column("finished_at", TIMESTAMP, "When the run finished (UTC)"),
          column("input", STRING, "The --input folder"),
          column("output", STRING, "The --output folder"),
          column("format", STRING, "Table format: delta or parquet"),
          column("datasets", DATASET_COUNTS, "Per landing dataset: rows read, clean, quarantined, per reason"),
          column("tables", TABLES_WRITTEN, "Tables written by the run with rows and Delta version"),
          column("rules", RULE_COUNTS, "Every rule of the run per dataset (built-in reason codes and expectations):"
              + " action, rows evaluated and rows failing")));

  /** Every table a run publishes, in publishing order. */
  public static final List<TableSpec> ALL = List.of(GMV_MONTHLY, SHIPMENT_CUBE, POLICY_SCENARIO_CUBE, GMV_GROWTH,
      MARKET_SHARE, SHIPMENT_VOLUMES, FULFILLMENT_MIX, POLICY_IMPACT, POLICY_SCENARIOS, BENCHMARK_COMPARISON,
      GROWTH_SUMMARY, KPI_ANOMALIES,
      QUARANTINE, RUNS);
}
