package dev.crossborder.model;

/** Column names of the input contracts and the published tables (DESIGN.md §3 and §5): the public interface. */
public final class Columns {
  private Columns() {}

  // Shared input columns
  public static final String PLATFORM_ID = "platform_id";
  public static final String COUNTRY_CODE = "country_code";
  public static final String CURRENCY = "currency";
  public static final String MONTH = "month";
  public static final String SOURCE = "source";

  // gmv input
  public static final String GMV = "gmv";
  public static final String ORDERS = "orders";

  // shipments input
  public static final String SHIPMENT_ID = "shipment_id";
  public static final String SHIP_DATE = "ship_date";
  public static final String ORIGIN_COUNTRY = "origin_country";
  public static final String DESTINATION_COUNTRY = "destination_country";
  public static final String FULFILLMENT_MODEL = "fulfillment_model";
  public static final String DECLARED_VALUE = "declared_value";
  public static final String PARCEL_COUNT = "parcel_count";
  public static final String WEIGHT_KG = "weight_kg";

  // reference inputs
  public static final String PLATFORM_NAME = "platform_name";
  public static final String PARENT_COMPANY = "parent_company";
  public static final String PLATFORM_GROUP = "platform_group";
  public static final String HOME_COUNTRY = "home_country";
  public static final String COUNTRY_NAME = "country_name";
  public static final String REGION = "region";
  public static final String CUSTOMS_JURISDICTION = "customs_jurisdiction";
  public static final String USD_PER_UNIT = "usd_per_unit";
  public static final String JURISDICTION = "jurisdiction";
  public static final String ORIGIN_SCOPE = "origin_scope";
  public static final String THRESHOLD = "threshold";
  public static final String VALID_FROM = "valid_from";
  public static final String VALID_TO = "valid_to";
  public static final String SEGMENT_ID = "segment_id";
  public static final String YEAR = "year";
  public static final String YOY_GROWTH = "yoy_growth";
  public static final String KIND = "kind";
  // reference policy_scenarios (optional)
  public static final String SCENARIO_ID = "scenario_id";
  public static final String DESCRIPTION = "description";
  public static final String DUTY_PER_PARCEL = "duty_per_parcel";
  public static final String DUTY_RATE = "duty_rate";
  public static final String APPLIES_FROM = "applies_from";
  public static final String APPLIES_TO = "applies_to";

  // Lineage added at ingest
  public static final String SOURCE_FILE = "source_file";
  /**
   * Raw text of a record the CSV/JSON reader could not split into the expected fields; for a CSV record whose
   * quoting broke though it split (see {@code LandingReader}), its values as JSON.
   */
  public static final String CORRUPT_RECORD = "_corrupt_record";

  // silver gmv_monthly
  public static final String MONTH_START = "month_start";
  public static final String GMV_LOCAL = "gmv_local";
  public static final String GMV_USD = "gmv_usd";

  // silver shipment_cube and gold shipment tables
  public static final String DESTINATION_REGION = "destination_region";
  public static final String DESTINATION_JURISDICTION = "destination_jurisdiction";
  public static final String PARCELS = "parcels";
  public static final String CROSS_BORDER_PARCELS = "cross_border_parcels";
  public static final String DE_MINIMIS_PARCELS = "de_minimis_parcels";
  public static final String DE_MINIMIS_SHARE = "de_minimis_share";
  public static final String DECLARED_VALUE_USD = "declared_value_usd";
  public static final String DE_MINIMIS_VALUE_USD = "de_minimis_value_usd";
  public static final String AVG_DECLARED_VALUE_USD = "avg_declared_value_usd";
  public static final String PARCELS_PRIOR_YEAR = "parcels_prior_year";
  public static final String PARCELS_YOY_GROWTH = "parcels_yoy_growth";
  public static final String PARCEL_SHARE = "parcel_share";
  public static final String VALUE_SHARE = "value_share";
  public static final String PARCEL_SHARE_PRIOR_YEAR = "parcel_share_prior_year";
  public static final String PARCEL_SHARE_CHANGE_PP = "parcel_share_change_pp";
  public static final String DAYS_COVERED = "days_covered";
  /** Value of platform_id or fulfillment_model on rows that sum over all of them. */
  public static final String ALL = "ALL";

  // gold policy_impact
  public static final String EFFECTIVE_DATE = "effective_date";
  public static final String THRESHOLD_BEFORE = "threshold_before";
  public static final String THRESHOLD_AFTER = "threshold_after";
  public static final String THRESHOLD_CURRENCY = "threshold_currency";
  public static final String WINDOW_MONTHS = "window_months";
  public static final String CROSS_BORDER_PARCELS_BEFORE = "cross_border_parcels_before";
  public static final String CROSS_BORDER_PARCELS_AFTER = "cross_border_parcels_after";
  public static final String CROSS_BORDER_CHANGE = "cross_border_change";
  public static final String DE_MINIMIS_PARCELS_BEFORE = "de_minimis_parcels_before";
  public static final String DE_MINIMIS_PARCELS_AFTER = "de_minimis_parcels_after";
  public static final String LOCAL_SHARE_BEFORE = "local_share_before";
  public static final String LOCAL_SHARE_AFTER = "local_share_after";
  public static final String LOCAL_SHARE_CHANGE_PP = "local_share_change_pp";

  // silver policy_scenario_cube and gold policy_scenarios
  public static final String PARCELS_IN_SCOPE = "parcels_in_scope";
  public static final String DE_MINIMIS_PARCELS_ACTUAL = "de_minimis_parcels_actual";
  public static final String DE_MINIMIS_VALUE_USD_ACTUAL = "de_minimis_value_usd_actual";
  public static final String DE_MINIMIS_PARCELS_SCENARIO = "de_minimis_parcels_scenario";
  public static final String DE_MINIMIS_VALUE_USD_SCENARIO = "de_minimis_value_usd_scenario";
  public static final String PARCELS_LOSING_EXEMPTION = "parcels_losing_exemption";
  public static final String VALUE_USD_LOSING_EXEMPTION = "value_usd_losing_exemption";
  public static final String PARCELS_GAINING_EXEMPTION = "parcels_gaining_exemption";
  public static final String VALUE_USD_GAINING_EXEMPTION = "value_usd_gaining_exemption";
  public static final String LOSING_SHARE = "losing_share";
  public static final String GAINING_SHARE = "gaining_share";
  public static final String ESTIMATED_DUTY_USD = "estimated_duty_usd";

  // gold benchmark_comparison
  public static final String ENTITY_TYPE = "entity_type";
  public static final String ENTITY_ID = "entity_id";
  public static final String BENCHMARK_GROWTH = "benchmark_growth";
  public static final String BENCHMARK_KIND = "benchmark_kind";
  public static final String OUTPERFORMANCE_PP = "outperformance_pp";

  // gold growth_summary
  public static final String METRIC = "metric";
  public static final String FIRST_YEAR = "first_year";
  public static final String LAST_YEAR = "last_year";
  public static final String FIRST_VALUE = "first_value";
  public static final String LAST_VALUE = "last_value";
  public static final String YEARS = "years";
  public static final String CAGR = "cagr";
  public static final String CAGR_STATUS = "cagr_status";

  // gold kpi_anomalies
  public static final String RULE = "rule";
  public static final String VALUE = "value";
  public static final String EXPECTED_LOW = "expected_low";
  public static final String EXPECTED_HIGH = "expected_high";

  // gold grain and geography
  public static final String RUN_ID = "run_id";
  public static final String PERIOD_GRAIN = "period_grain";
  public static final String PERIOD_START = "period_start";
  public static final String PERIOD_LABEL = "period_label";
  public static final String GEO_LEVEL = "geo_level";
  public static final String GEO_CODE = "geo_code";

  // gold gmv_growth
  public static final String MONTHS_COVERED = "months_covered";
  public static final String GMV_USD_PRIOR_YEAR = "gmv_usd_prior_year";
  public static final String YOY_STATUS = "yoy_status";
  public static final String GMV_USD_PRIOR_PERIOD = "gmv_usd_prior_period";
  public static final String POP_GROWTH = "pop_growth";

  // gold market_share
  public static final String MARKET_GMV_USD = "market_gmv_usd";
  public static final String SHARE = "share";
  public static final String RANK = "rank";
  public static final String SHARE_PRIOR_YEAR = "share_prior_year";
  public static final String SHARE_CHANGE_PP = "share_change_pp";
  public static final String RANK_PRIOR_YEAR = "rank_prior_year";
  public static final String PLATFORMS_IN_MARKET = "platforms_in_market";

  // quarantine
  public static final String DATASET = "dataset";
  public static final String RECORD = "record";
  public static final String REASONS = "reasons";
}
