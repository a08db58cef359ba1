package dev.crossborder.testing;

import dev.crossborder.ingest.ReferenceData;
import dev.crossborder.ingest.ReferenceData.Country;
import dev.crossborder.ingest.ReferenceData.DeMinimisRule;
import dev.crossborder.ingest.ReferenceData.FxRate;
import dev.crossborder.ingest.ReferenceData.Platform;
import dev.crossborder.model.Columns;
import dev.crossborder.model.LandingDataset;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Small reference data with the real US and EU de minimis rules of DESIGN.md §8, and raw landing frames
 * shaped like LandingReader's output (text columns, source_file, _corrupt_record).
 */
public final class ReferenceFixtures {
  private ReferenceFixtures() {}

  /** USD per EUR used for every month of the fixtures. */
  public static final BigDecimal EUR_RATE = new BigDecimal("1.100000000000");

  public static ReferenceData deMinimisReference() {
    List<FxRate> rates = new ArrayList<>();
    for (YearMonth m = YearMonth.of(2015, 1); !m.isAfter(YearMonth.of(2025, 12)); m = m.plusMonths(1)) {
      rates.add(new FxRate("USD", m, BigDecimal.ONE));
      rates.add(new FxRate("EUR", m, EUR_RATE));
    }
    return new ReferenceData(
        List.of(new Platform("temu", "Temu", "PDD Holdings", "china_big4", "CN"),
            new Platform("amazon", "Amazon", "Amazon.com, Inc.", "global_incumbent", "US")),
        List.of(new Country("US", "United States", "north_america", "US"),
            new Country("CN", "China", "asia_pacific", "CN"),
            new Country("DE", "Germany", "europe", "EU"),
            new Country("FR", "France", "europe", "EU"),
            new Country("KR", "Korea", "asia_pacific", "KR")),
        rates,
        List.of(
            rule("US", "*", "200", "USD", "2000-01-01", "2016-03-10"),
            rule("US", "*", "800", "USD", "2016-03-10", "2025-08-29"),
            rule("US", "*", "0", "USD", "2025-08-29", null),
            rule("US", "CN", "800", "USD", "2016-03-10", "2025-05-02"),
            rule("US", "CN", "0", "USD", "2025-05-02", null),
            rule("EU", "*", "150", "EUR", "2000-01-01", "2026-07-01")),
        List.of());
  }

  /**
   * {@code reference} with {@code rates} added, each replacing the rate the reference had for its currency and
   * month (a reference has one rate per currency and month).
   */
  public static ReferenceData withRates(ReferenceData reference, FxRate... rates) {
    List<FxRate> all = new ArrayList<>(reference.fxRates());
    for (FxRate rate : rates) {
      all.removeIf(r -> r.currency().equals(rate.currency()) && r.month().equals(rate.month()));
      all.add(rate);
    }
    return new ReferenceData(reference.platforms(), reference.countries(), List.copyOf(all),
        reference.deMinimisRules(), reference.benchmarks());
  }

  /** {@code reference} with {@code rules} added (they must not overlap its own). */
  public static ReferenceData withRules(ReferenceData reference, DeMinimisRule... rules) {
    List<DeMinimisRule> all = new ArrayList<>(reference.deMinimisRules());
    all.addAll(Arrays.asList(rules));
    return new ReferenceData(reference.platforms(), reference.countries(), reference.fxRates(), List.copyOf(all),
        reference.benchmarks());
  }

  public static FxRate rate(String currency, String month, String usdPerUnit) {
    return new FxRate(currency, YearMonth.parse(month), new BigDecimal(usdPerUnit));
  }

  public static DeMinimisRule rule(String jurisdiction, String origin, String threshold, String currency,
      String from, String to) {
    return new DeMinimisRule(jurisdiction, origin, new BigDecimal(threshold), currency, LocalDate.parse(from),
        to == null ? null : LocalDate.parse(to), "fixture");
  }

  /** Raw shipments rows: each array holds the 10 contract fields in order (null for an empty field). */
  public static Dataset<Row> rawShipments(SparkSession spark, String[]... rows) {
    return raw(spark, LandingDataset.SHIPMENTS, rows);
  }

  public static Dataset<Row> raw(SparkSession spark, LandingDataset dataset, String[]... rows) {
    StructType schema = new StructType();
    for (String column : dataset.columns()) {
      schema = schema.add(column, DataTypes.StringType, true);
    }
    schema = schema.add(Columns.SOURCE_FILE, DataTypes.StringType, true)
        .add(Columns.CORRUPT_RECORD, DataTypes.StringType, true);
    List<Row> data = Arrays.stream(rows).map(values -> {
      Object[] all = Arrays.copyOf(values, values.length + 2, Object[].class);
      all[values.length] = "fixture.csv";
      return RowFactory.create(all);
    }).toList();
    return spark.createDataFrame(data, schema);
  }
}
