-- Benchmark (c): the pipeline's shipment work written for DuckDB, as a DuckDB user would write it, on the
-- same landing files (Parquet or CSV). It mirrors, rule for rule:
--   quality/ShipmentQuality, quality/RowFlags  parsing, reference lookups, reasons, duplicates
--   conform/DeMinimis                          the applicable rule and eligibility
--   conform/ShipmentCube                       silver shipment_cube
--   metrics/ShipmentsByPeriod, ShipmentVolumes gold shipment_volumes
-- and its results must equal the pipeline's (ResultCheck compares them). It does not write the quarantine
-- rows (only their counts per reason) nor the GMV and other gold tables, which the pipeline also produces.
--
-- Placeholders, filled in by DuckDbShipments: ${shipment_files} a list literal of the landing Parquet files
-- (chosen by the job's own LandingFiles rules), ${reference} the landing reference folder, ${run_date} the
-- run's date (yyyy-MM-dd: later ship dates are out of range), ${output} the folder for the results.
-- Each statement ends with a semicolon at the end of a line; DuckDbShipments times each one.

-- Reference data, trimmed like ReferenceLoader does. It is validated by the pipeline; here it is trusted.
CREATE TEMP TABLE countries AS
SELECT trim(country_code) AS country_code, trim(region) AS region, trim(customs_jurisdiction) AS customs_jurisdiction
FROM read_csv('${reference}/countries.csv', header = true, all_varchar = true, delim = ',', quote = '"');

CREATE TEMP TABLE platforms AS
SELECT trim(platform_id) AS platform_id
FROM read_csv('${reference}/platforms.csv', header = true, all_varchar = true, delim = ',', quote = '"');

-- Monthly rates in the type of ReferenceData.RATE_TYPE, keyed by the first day of the month. Amounts are
-- DECIMAL(22, 6) (GmvQuality.LOCAL_AMOUNT, and thresholds ReferenceData.AMOUNT_TYPE), so an amount times a rate
-- is DECIMAL(37, 18) here (DuckDB adds the widths) and DECIMAL(38, 18) in Spark: exact in both, nothing cut.
CREATE TEMP TABLE fx_rates AS
SELECT trim(currency) AS currency,
       CAST(trim(month) || '-01' AS DATE) AS month_start,
       CAST(trim(usd_per_unit) AS DECIMAL(15, 12)) AS usd_per_unit
FROM read_csv('${reference}/fx_rates.csv', header = true, all_varchar = true, delim = ',', quote = '"');

-- A currency is known when it has a rate in any month (UNKNOWN_CURRENCY vs FX_RATE_MISSING).
CREATE TEMP TABLE currencies AS
SELECT DISTINCT currency FROM fx_rates;

CREATE TEMP TABLE de_minimis_rules AS
SELECT trim(jurisdiction) AS jurisdiction,
       trim(origin_scope) AS origin_scope,
       CAST(trim(threshold) AS DECIMAL(22, 6)) AS threshold,
       trim(currency) AS currency,
       CAST(trim(valid_from) AS DATE) AS valid_from,
       CAST(NULLIF(trim(valid_to), '') AS DATE) AS valid_to
FROM read_csv('${reference}/de_minimis_rules.csv', header = true, all_varchar = true, delim = ',', quote = '"');

-- Reason codes by bit, in the order of model/ReasonCode (the order the pipeline lists them in).
CREATE TEMP TABLE reason_codes AS
SELECT * FROM (VALUES
  (0, 'MALFORMED_RECORD'), (1, 'MISSING_REQUIRED'), (2, 'BAD_DATE'), (3, 'BAD_NUMBER'), (4, 'NEGATIVE_VALUE'),
  (5, 'UNKNOWN_PLATFORM'), (6, 'UNKNOWN_COUNTRY'), (7, 'UNKNOWN_CURRENCY'), (8, 'FX_RATE_MISSING'),
  (9, 'UNKNOWN_FULFILLMENT_MODEL'), (10, 'DATE_OUT_OF_RANGE'), (11, 'DUPLICATE'), (12, 'CONFLICTING_DUPLICATE')
) AS t(bit, reason);

-- Text as the pipeline reads it: trimmed of spaces (Spark's trim: spaces only), blank text as missing.
CREATE TEMP MACRO text_value(raw) AS NULLIF(trim(CAST(raw AS VARCHAR), ' '), '');

-- Typed values, parsed as Spark's casts parse them. DuckDB's casts accept more than Spark's (2024/01/01 and
-- negative years as dates; 1_000 as numbers; 1.5, 1e3 or 0x10 as integers), so cheap guards narrow them to
-- Spark's grammar; an integer whose cast does not print back as the same text goes through Spark's pattern
-- (only +7, 007 or tab-padded text do in practice). One difference is left: Spark's decimal cast also reads
-- non-ASCII digits (Arabic-Indic, full-width), DuckDB's does not.
-- A typed landing (generate --typed) carries ship_date, declared_value, parcel_count and weight_kg typed:
-- DuckDbShipments then puts their typed forms in the placeholders (the value as it is, a cast to the contract's
-- type), as a DuckDB user reading such files would write them.
CREATE TEMP MACRO parsed_day(field) AS ${parsed_day};

CREATE TEMP MACRO parsed_value(field) AS ${parsed_value};

-- Optional: no parcel_count means one parcel (DESIGN.md section 3).
CREATE TEMP MACRO parsed_parcels(field) AS ${parsed_parcels};

CREATE TEMP MACRO parsed_weight(field) AS ${parsed_weight};

-- The value of each of those columns as the rules see it: its text trimmed (blank as missing), or the typed
-- value as it is.
CREATE TEMP MACRO ship_date_value(raw) AS ${ship_date_value};

CREATE TEMP MACRO declared_value_value(raw) AS ${declared_value_value};

CREATE TEMP MACRO parcel_count_value(raw) AS ${parcel_count_value};

CREATE TEMP MACRO weight_kg_value(raw) AS ${weight_kg_value};

-- The landing rows as stored, with is_malformed (a CSV line of the wrong number of fields); (file, row number)
-- identifies a row, so that duplicate flags found on a few rows can be joined back. DuckDbShipments puts here
-- the view over Parquet files, or the statements reading CSV files (see DuckDbShipments.CSV_ROWS).
${shipments_raw};

CREATE TEMP VIEW shipments_parsed AS
SELECT *,
       parsed_day(ship_date) AS ship_day,
       CAST(date_trunc('month', parsed_day(ship_date)) AS DATE) AS month_start,
       parsed_value(declared_value) AS value,
       parsed_parcels(parcel_count) AS parcels,
       parsed_weight(weight_kg) AS weight
FROM (
  SELECT text_value(shipment_id) AS shipment_id, ship_date_value(ship_date) AS ship_date,
         text_value(platform_id) AS platform_id, text_value(origin_country) AS origin_country,
         text_value(destination_country) AS destination_country, text_value(fulfillment_model) AS fulfillment_model,
         declared_value_value(declared_value) AS declared_value, text_value(currency) AS currency,
         parcel_count_value(parcel_count) AS parcel_count, weight_kg_value(weight_kg) AS weight_kg,
         source_file, file_row_number, is_malformed
  FROM shipments_raw
);

-- Duplicates, step 1: the ids that occur more than once. The one pass over every key (the pipeline's
-- window over shipment_id); only shipment_id is read.
CREATE TEMP TABLE repeated_ids AS
SELECT text_value(shipment_id) AS shipment_id
FROM shipments_raw
WHERE text_value(shipment_id) IS NOT NULL
GROUP BY ALL
HAVING count(*) > 1;

-- Duplicates, step 2, on the few rows of those ids (picked before anything else is parsed): copies that
-- differ in any parsed value (nulls equal, as in the pipeline's JSON of the values) are all
-- CONFLICTING_DUPLICATE; of identical copies all but the first are DUPLICATE. Which identical copy is kept
-- does not change any result: they are identical.
CREATE TEMP TABLE duplicate_copies AS
SELECT source_file, file_row_number, has_conflicting_copy,
       NOT has_conflicting_copy
         AND row_number() OVER (PARTITION BY shipment_id ORDER BY source_file, file_row_number) > 1
         AS is_extra_identical_copy
FROM (
  SELECT source_file, file_row_number, shipment_id,
         count(DISTINCT {'ship_day': parsed_day(ship_date_value(ship_date)),
                         'platform_id': text_value(platform_id),
                         'origin_country': text_value(origin_country),
                         'destination_country': text_value(destination_country),
                         'fulfillment_model': text_value(fulfillment_model),
                         'value': parsed_value(declared_value_value(declared_value)),
                         'currency': text_value(currency),
                         'parcels': parsed_parcels(parcel_count_value(parcel_count)),
                         'weight': parsed_weight(weight_kg_value(weight_kg))})
           OVER (PARTITION BY shipment_id) > 1 AS has_conflicting_copy
  FROM (SELECT text_value(shipment_id) AS shipment_id, * EXCLUDE (shipment_id) FROM shipments_raw)
  WHERE shipment_id IN (SELECT shipment_id FROM repeated_ids)
);

-- The de minimis rules split as DeMinimis joins them: an origin-specific rule beats the '*' rule.
CREATE TEMP TABLE specific_rules AS SELECT * FROM de_minimis_rules WHERE origin_scope <> '*';

CREATE TEMP TABLE generic_rules AS SELECT * FROM de_minimis_rules WHERE origin_scope = '*';

-- Every row with its reasons as a bit mask (bit = reason_codes.bit; 0 = clean) and, for clean rows only,
-- the values the cube sums (a bad row's numbers may not even fit the types). Rule predicates that are NULL
-- count as passing, as in RowFlags.withReasons. MALFORMED_RECORD applies to CSV lines only: Parquet has no
-- lines to mis-split.
CREATE TEMP VIEW shipments_narrowed AS
SELECT reasons_mask, month_start, platform_id, origin_country, destination_country, destination_region,
       destination_jurisdiction, fulfillment_model, ship_day,
       CASE WHEN reasons_mask = 0 THEN parcels END AS parcels,
       CASE WHEN reasons_mask = 0 THEN is_cross_border END AS is_cross_border,
       -- value x parcel rate <= threshold x rule rate, both exact (DESIGN.md section 5); no rule means not
       -- eligible
       CASE WHEN reasons_mask = 0
            THEN coalesce(is_cross_border AND rule_threshold > 0
                          AND value * usd_per_unit <= rule_threshold * rule_usd_per_unit,
                          false) END AS is_de_minimis,
       -- per parcel: the exact product rounded half up to the cent once (DuckDB's round of a decimal rounds half
       -- away from zero, the same for these values >= 0), times the parcels: DECIMAL(38, 2), nothing cut
       CASE WHEN reasons_mask = 0 THEN round(value * usd_per_unit, 2) * parcels END AS row_value_usd
FROM (
  SELECT *,
           CASE WHEN is_malformed THEN 1 ELSE 0 END                                        -- MALFORMED_RECORD
         + CASE WHEN shipment_id IS NULL OR ship_date IS NULL OR platform_id IS NULL OR origin_country IS NULL
                  OR destination_country IS NULL OR fulfillment_model IS NULL OR declared_value IS NULL
                  OR currency IS NULL THEN 2 ELSE 0 END                                    -- MISSING_REQUIRED
         + CASE WHEN ship_date IS NOT NULL AND ship_day IS NULL THEN 4 ELSE 0 END          -- BAD_DATE
         + CASE WHEN (declared_value IS NOT NULL AND value IS NULL)
                  OR (parcel_count IS NOT NULL AND parcels IS NULL)
                  OR (weight_kg IS NOT NULL AND weight IS NULL)
                  OR abs(value) >= 10000000000000000  -- GmvQuality.ABSURD_AMOUNT (the cast fails there already)
                  OR parcels = 0 OR parcels > 1000000000 OR weight = 0 THEN 8 ELSE 0 END  -- BAD_NUMBER
         + CASE WHEN value < 0 OR parcels < 0 OR weight < 0 THEN 16 ELSE 0 END            -- NEGATIVE_VALUE
         + CASE WHEN platform_id IS NOT NULL AND NOT is_known_platform THEN 32 ELSE 0 END  -- UNKNOWN_PLATFORM
         + CASE WHEN (origin_country IS NOT NULL AND origin_region IS NULL)
                  OR (destination_country IS NOT NULL AND destination_region IS NULL)
                THEN 64 ELSE 0 END                                                         -- UNKNOWN_COUNTRY
         + CASE WHEN currency IS NOT NULL AND NOT is_known_currency THEN 128 ELSE 0 END    -- UNKNOWN_CURRENCY
         + CASE WHEN (is_known_currency AND month_start IS NOT NULL AND usd_per_unit IS NULL)
                  OR (is_cross_border AND rule_threshold > 0 AND rule_usd_per_unit IS NULL)
                THEN 256 ELSE 0 END                                                        -- FX_RATE_MISSING
         + CASE WHEN fulfillment_model IS NOT NULL AND fulfillment_model NOT IN
                  ('fully_hosted', 'semi_hosted', 'overseas_hosted', 'local_seller', 'marketplace')
                THEN 512 ELSE 0 END                                                -- UNKNOWN_FULFILLMENT_MODEL
         + CASE WHEN ship_day < DATE '2000-01-01' OR ship_day > DATE '${run_date}'
                THEN 1024 ELSE 0 END                                                       -- DATE_OUT_OF_RANGE
         + CASE WHEN is_extra_identical_copy THEN 2048 ELSE 0 END                          -- DUPLICATE
         + CASE WHEN has_conflicting_copy THEN 4096 ELSE 0 END                             -- CONFLICTING_DUPLICATE
           AS reasons_mask
  FROM (
    SELECT s.*,
           destination.region AS destination_region,
           destination.customs_jurisdiction AS destination_jurisdiction,
           origin.region AS origin_region,
           platform.platform_id IS NOT NULL AS is_known_platform,
           known.currency IS NOT NULL AS is_known_currency,
           rate.usd_per_unit,
           s.origin_country <> s.destination_country AS is_cross_border,
           CASE WHEN specific.threshold IS NOT NULL THEN specific.threshold ELSE generic.threshold END
             AS rule_threshold,
           rule_rate.usd_per_unit AS rule_usd_per_unit,
           copies.is_extra_identical_copy,
           copies.has_conflicting_copy
    FROM shipments_parsed s
    LEFT JOIN countries destination ON destination.country_code = s.destination_country
    LEFT JOIN countries origin ON origin.country_code = s.origin_country
    LEFT JOIN platforms platform ON platform.platform_id = s.platform_id
    LEFT JOIN currencies known ON known.currency = s.currency
    LEFT JOIN fx_rates rate ON rate.currency = s.currency AND rate.month_start = s.month_start
    LEFT JOIN specific_rules specific
      ON specific.jurisdiction = destination.customs_jurisdiction AND specific.origin_scope = s.origin_country
         AND s.ship_day >= specific.valid_from AND (specific.valid_to IS NULL OR s.ship_day < specific.valid_to)
    LEFT JOIN generic_rules generic
      ON generic.jurisdiction = destination.customs_jurisdiction
         AND s.ship_day >= generic.valid_from AND (generic.valid_to IS NULL OR s.ship_day < generic.valid_to)
    LEFT JOIN fx_rates rule_rate
      ON rule_rate.currency = CASE WHEN specific.threshold IS NOT NULL THEN specific.currency ELSE generic.currency END
         AND rule_rate.month_start = s.month_start
    LEFT JOIN duplicate_copies copies
      ON copies.source_file = s.source_file AND copies.file_row_number = s.file_row_number
  )
);

-- The one scan of the rows: cube sums per reasons mask and cube key. Quarantined rows land in groups of their
-- own mask, whose row counts give the quality counts. The ship days of each group ride along as a bit set
-- (bit d-1 for day d of the month), so days_covered needs no second pass over the rows (GROUPING SETS would
-- make DuckDB materialise every row first).
CREATE TEMP TABLE shipment_groups AS
SELECT reasons_mask, month_start, platform_id, origin_country, destination_country, destination_region,
       destination_jurisdiction, fulfillment_model,
       count(*) AS row_count,
       sum(parcels) AS parcels,
       sum(CASE WHEN is_cross_border THEN parcels ELSE 0 END) AS cross_border_parcels,
       sum(CASE WHEN is_de_minimis THEN parcels ELSE 0 END) AS de_minimis_parcels,
       sum(row_value_usd) AS declared_value_usd,
       sum(CASE WHEN is_de_minimis THEN row_value_usd ELSE 0 END) AS de_minimis_value_usd,
       bit_or(CAST(1 AS BIGINT) << (dayofmonth(ship_day) - 1)) AS ship_days
FROM shipments_narrowed
GROUP BY ALL;

-- silver shipment_cube, its columns and types (run_id aside).
CREATE TEMP TABLE shipment_cube AS
WITH coverage AS (
  SELECT month_start, CAST(bit_count(bit_or(ship_days)) AS INTEGER) AS days_covered
  FROM shipment_groups
  WHERE reasons_mask = 0
  GROUP BY month_start
)
SELECT g.month_start, g.platform_id, g.origin_country, g.destination_country, g.destination_region,
       g.destination_jurisdiction, g.fulfillment_model,
       CAST(g.parcels AS BIGINT) AS parcels,
       CAST(g.cross_border_parcels AS BIGINT) AS cross_border_parcels,
       CAST(g.de_minimis_parcels AS BIGINT) AS de_minimis_parcels,
       CAST(g.declared_value_usd AS DECIMAL(20, 2)) AS declared_value_usd,
       CAST(g.de_minimis_value_usd AS DECIMAL(20, 2)) AS de_minimis_value_usd,
       coverage.days_covered
FROM shipment_groups g
JOIN coverage ON coverage.month_start = g.month_start
WHERE g.reasons_mask = 0;

-- Rows read, clean, quarantined and per reason, as the run report counts them.
CREATE TEMP TABLE quality_counts AS
WITH per_mask AS (
  SELECT reasons_mask, sum(row_count) AS row_count FROM shipment_groups GROUP BY reasons_mask
)
SELECT 'rows_read' AS measure, CAST(sum(row_count) AS BIGINT) AS row_count FROM per_mask
UNION ALL
SELECT 'rows_clean', CAST(coalesce(sum(row_count) FILTER (WHERE reasons_mask = 0), 0) AS BIGINT) FROM per_mask
UNION ALL
SELECT 'rows_quarantined', CAST(coalesce(sum(row_count) FILTER (WHERE reasons_mask <> 0), 0) AS BIGINT) FROM per_mask
UNION ALL
SELECT r.reason, CAST(sum(m.row_count) AS BIGINT)
FROM per_mask m JOIN reason_codes r ON (m.reasons_mask >> r.bit) & 1 = 1
GROUP BY r.reason;

-- Periods (metrics/Periods): start of the month, quarter or year holding a month, and its label.
CREATE TEMP MACRO period_start(grain, month_start) AS
  CASE grain WHEN 'month' THEN month_start
             WHEN 'quarter' THEN CAST(date_trunc('quarter', month_start) AS DATE)
             ELSE CAST(date_trunc('year', month_start) AS DATE) END;

CREATE TEMP MACRO period_label(grain, period_start) AS
  CASE grain WHEN 'month' THEN strftime(period_start, '%Y-%m')
             WHEN 'quarter' THEN CAST(year(period_start) AS VARCHAR) || '-Q' || CAST(quarter(period_start) AS VARCHAR)
             ELSE CAST(year(period_start) AS VARCHAR) END;

CREATE TEMP TABLE grains AS
SELECT * FROM (VALUES ('month', 1), ('quarter', 3), ('year', 12)) AS t(period_grain, months);

-- ShipmentsByPeriod: each cube row once per grain, destination geography (country, region, WORLD), platform
-- (itself and ALL) and model (itself and ALL), summed; a period is complete when the days covered add up to
-- every day of it.
CREATE TEMP TABLE shipments_by_period AS
WITH expanded AS (
  SELECT g.period_grain, period_start(g.period_grain, c.month_start) AS period_start,
         geos.geo.geo_level AS geo_level, geos.geo.geo_code AS geo_code, platform.platform_id,
         model.fulfillment_model,
         c.parcels, c.cross_border_parcels, c.de_minimis_parcels, c.declared_value_usd, c.de_minimis_value_usd
  FROM shipment_cube c
  CROSS JOIN grains g,
  unnest([{'geo_level': 'country', 'geo_code': c.destination_country},
          {'geo_level': 'region', 'geo_code': c.destination_region},
          {'geo_level': 'global', 'geo_code': 'WORLD'}]) AS geos(geo),
  unnest([c.platform_id, 'ALL']) AS platform(platform_id),
  unnest([c.fulfillment_model, 'ALL']) AS model(fulfillment_model)
),
complete_periods AS (
  SELECT g.period_grain, period_start(g.period_grain, m.month_start) AS period_start,
         sum(m.days_covered) = CAST(period_start(g.period_grain, m.month_start) + to_months(any_value(g.months)) AS DATE)
                               - period_start(g.period_grain, m.month_start) AS period_complete
  FROM (SELECT DISTINCT month_start, days_covered FROM shipment_cube) m
  CROSS JOIN grains g
  GROUP BY g.period_grain, period_start(g.period_grain, m.month_start)
)
SELECT e.period_grain, e.period_start, period_label(e.period_grain, e.period_start) AS period_label,
       e.geo_level, e.geo_code, e.platform_id, e.fulfillment_model,
       CAST(sum(e.parcels) AS BIGINT) AS parcels,
       CAST(sum(e.cross_border_parcels) AS BIGINT) AS cross_border_parcels,
       CAST(sum(e.de_minimis_parcels) AS BIGINT) AS de_minimis_parcels,
       CAST(sum(e.declared_value_usd) AS DECIMAL(20, 2)) AS declared_value_usd,
       CAST(sum(e.de_minimis_value_usd) AS DECIMAL(20, 2)) AS de_minimis_value_usd,
       coalesce(any_value(p.period_complete), false) AS period_complete
FROM expanded e
LEFT JOIN complete_periods p ON p.period_grain = e.period_grain AND p.period_start = e.period_start
GROUP BY e.period_grain, e.period_start, e.geo_level, e.geo_code, e.platform_id, e.fulfillment_model;

-- gold shipment_volumes, its columns and types (run_id aside). The prior year is found by date, never by
-- position. avg_declared_value_usd is the exact quotient rounded half up to the cent, in integer cents
-- (DuckDB divides decimals as doubles); Spark rounds it first to 20 decimals, which only differs for
-- more than 10^18 parcels.
CREATE TEMP TABLE shipment_volumes AS
SELECT period_grain, period_start, period_label, geo_level, geo_code, platform_id, fulfillment_model,
       parcels, cross_border_parcels, de_minimis_parcels,
       CASE WHEN cross_border_parcels > 0
            THEN CAST(de_minimis_parcels AS DOUBLE) / CAST(cross_border_parcels AS DOUBLE) END AS de_minimis_share,
       declared_value_usd, de_minimis_value_usd,
       CASE WHEN parcels > 0
            THEN CAST(CAST((CAST(declared_value_usd * 100 AS HUGEINT) * 2 + parcels) // (2 * CAST(parcels AS HUGEINT))
                           AS DECIMAL(20, 0)) * CAST(0.01 AS DECIMAL(3, 2)) AS DECIMAL(20, 2)) END AS avg_declared_value_usd,
       parcels_prior_year,
       CASE WHEN yoy_status = 'OK'
            THEN CAST(parcels AS DOUBLE) / CAST(parcels_prior_year AS DOUBLE) - 1 END AS parcels_yoy_growth,
       yoy_status
FROM (
  SELECT s.*, prior.parcels AS parcels_prior_year,
         CASE WHEN prior.parcels IS NULL THEN 'NO_PRIOR_PERIOD'
              WHEN NOT (s.period_complete AND prior.period_complete) THEN 'COVERAGE_MISMATCH'
              WHEN prior.parcels = 0 THEN 'PRIOR_ZERO'
              ELSE 'OK' END AS yoy_status
  FROM shipments_by_period s
  LEFT JOIN shipments_by_period prior
    ON prior.period_grain = s.period_grain
       AND CAST(prior.period_start + INTERVAL 12 MONTH AS DATE) = s.period_start
       AND prior.geo_level = s.geo_level AND prior.geo_code = s.geo_code
       AND prior.platform_id = s.platform_id AND prior.fulfillment_model = s.fulfillment_model
);

-- The results, for ResultCheck (writing them is part of the work, as the pipeline writes its tables).
COPY shipment_cube TO '${output}/shipment_cube.parquet' (FORMAT parquet);

COPY shipment_volumes TO '${output}/shipment_volumes.parquet' (FORMAT parquet);

COPY quality_counts TO '${output}/quality_counts.parquet' (FORMAT parquet);
