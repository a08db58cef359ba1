package dev.crossborder.ingest;

import static dev.crossborder.model.Columns.*;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
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
    List<Benchmark> benchmarks) {

  /** Precision of FX rates: enough for VND or IDR (about 0.00004 USD per unit) with 8 significant digits. */
  public static final DecimalType RATE_TYPE = DataTypes.createDecimalType(24, 12);

  public record Platform(String platformId, String platformName, String parentCompany, String platformGroup,
      String homeCountry) {}

  public record Country(String countryCode, String countryName, String region, String customsJurisdiction) {}

  public record FxRate(String currency, YearMonth month, BigDecimal usdPerUnit) {}

  /** A de minimis rule; {@code validTo} is exclusive and null when open-ended. */
  public record DeMinimisRule(String jurisdiction, String originScope, BigDecimal threshold, String currency,
      LocalDate validFrom, LocalDate validTo, String source) {}

  public record Benchmark(String segmentId, int year, BigDecimal yoyGrowth, String kind, String source) {}

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

  private static <T> Dataset<Row> frame(SparkSession spark, StructType schema, List<T> items, Function<T, Row> toRow) {
    return spark.createDataFrame(items.stream().map(toRow).toList(), schema);
  }
}
