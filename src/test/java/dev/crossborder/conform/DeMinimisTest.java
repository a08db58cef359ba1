package dev.crossborder.conform;

import static dev.crossborder.model.Columns.SHIPMENT_ID;
import static dev.crossborder.model.Columns.USD_PER_UNIT;
import static dev.crossborder.testing.ReferenceFixtures.rate;
import static dev.crossborder.testing.ReferenceFixtures.rule;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crossborder.ingest.ReferenceData;
import dev.crossborder.model.ParsedColumns;
import dev.crossborder.shipmentpass.ShipmentPass;
import dev.crossborder.testing.ReferenceFixtures;
import dev.crossborder.testing.SparkTestBase;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** Eligibility exactly as DESIGN.md §3 states it, on the real US and EU rules of §8. */
class DeMinimisTest extends SparkTestBase {

  private static String[] parcel(String id, String date, String origin, String destination, String value,
      String currency) {
    return new String[] {id, date, "temu", origin, destination, "fully_hosted", value, currency, "1", "0.5"};
  }

  @Test
  void eligibilityFollowsTheRuleValidOnTheShipDateWithOriginRulesFirst() {
    var raw = ReferenceFixtures.rawShipments(spark,
        // CN origin: the CN-specific suspension starts 2025-05-02 (the '*' rule still allows 800 then).
        parcel("cn-may-01", "2025-05-01", "CN", "US", "50.00", "USD"),
        parcel("cn-may-02", "2025-05-02", "CN", "US", "50.00", "USD"),
        // Any other origin: the all-origin suspension starts 2025-08-29.
        parcel("de-aug-28", "2025-08-28", "DE", "US", "50.00", "USD"),
        parcel("de-aug-29", "2025-08-29", "DE", "US", "50.00", "USD"),
        // At the threshold is eligible (<=), a cent above is not.
        parcel("at-800", "2024-06-14", "DE", "US", "800.00", "USD"),
        parcel("above-800", "2024-06-14", "DE", "US", "800.01", "USD"),
        // Before 2016-03-10 the threshold was 200.
        parcel("us-2015-250", "2015-06-01", "DE", "US", "250.00", "USD"),
        // EU: EUR 150 at 1.10 USD/EUR = USD 165 exactly. 160 USD = 145.45 EUR (eligible); 170 USD = 154.55 EUR.
        parcel("eu-160-usd", "2024-03-05", "CN", "DE", "160.00", "USD"),
        parcel("eu-165-usd", "2024-03-05", "CN", "DE", "165.00", "USD"),
        parcel("eu-170-usd", "2024-03-05", "CN", "FR", "170.00", "USD"),
        parcel("eu-150-eur", "2024-03-05", "CN", "FR", "150.00", "EUR"),
        // Korea has no rule in the reference: never eligible.
        parcel("kr-no-rule", "2024-03-05", "CN", "KR", "1.00", "USD"),
        // Inside one country nothing crosses a border.
        parcel("us-local", "2024-03-05", "US", "US", "10.00", "USD"));
    Map<String, Boolean> eligible = new TreeMap<>();
    for (Row row : ShipmentPass.rowLevel(spark, raw, ReferenceFixtures.deMinimisReference(), LocalDate.of(2026, 1, 1))
        .select(col(SHIPMENT_ID), DeMinimis.isDeMinimis().as("eligible")).collectAsList()) {
      eligible.put(row.getString(0), row.getBoolean(1));
    }
    Map<String, Boolean> expected = new TreeMap<>(Map.ofEntries(
        Map.entry("cn-may-01", true), Map.entry("cn-may-02", false),
        Map.entry("de-aug-28", true), Map.entry("de-aug-29", false),
        Map.entry("at-800", true), Map.entry("above-800", false),
        Map.entry("us-2015-250", false),
        Map.entry("eu-160-usd", true), Map.entry("eu-165-usd", true), Map.entry("eu-170-usd", false),
        Map.entry("eu-150-eur", true),
        Map.entry("kr-no-rule", false),
        Map.entry("us-local", false)));
    assertEquals(expected, eligible);
  }

  /**
   * DESIGN.md §5: the exact USD value against the exact USD threshold. The rates below are contrived so that the
   * two sides differ in the 10th decimal, which a product cut to 7 decimals (Spark's DECIMAL(38,7) for types too
   * wide to multiply exactly) rounds away. Worked by hand:
   * <ul>
   *   <li>KR (a 150 USD rule added here), 2024-06: 150.00 CHF x 1.000000000004 = 150.0000000006 USD, over 150;
   *       150.00 USD is exactly at it.
   *   <li>EU, 150 EUR, with EUR at 0.999999999996 in 2024-09: the threshold is 149.9999999994 USD; 150.00 USD is
   *       over it, 150.00 EUR exactly at it, 149.999999 USD under it.
   * </ul>
   */
  @Test
  void theExactUsdValueIsComparedWithTheExactUsdThreshold() {
    ReferenceData reference = ReferenceFixtures.withRules(
        ReferenceFixtures.withRates(ReferenceFixtures.deMinimisReference(),
            rate("CHF", "2024-06", "1.000000000004"), rate("EUR", "2024-09", "0.999999999996")),
        rule("KR", "*", "150", "USD", "2000-01-01", null));
    var raw = ReferenceFixtures.rawShipments(spark,
        parcel("kr-150-chf", "2024-06-14", "CN", "KR", "150.00", "CHF"),
        parcel("kr-150-usd", "2024-06-14", "CN", "KR", "150.00", "USD"),
        parcel("eu-150-usd", "2024-09-10", "CN", "DE", "150.00", "USD"),
        parcel("eu-150-eur", "2024-09-10", "CN", "DE", "150.00", "EUR"),
        parcel("eu-149.999999-usd", "2024-09-10", "CN", "DE", "149.999999", "USD"));
    Dataset<Row> rows = ShipmentPass.rowLevel(spark, raw, reference, LocalDate.of(2026, 1, 1));
    Map<String, Boolean> eligible = new TreeMap<>();
    for (Row row : rows.select(col(SHIPMENT_ID), DeMinimis.isDeMinimis().as("eligible")).collectAsList()) {
      eligible.put(row.getString(0), row.getBoolean(1));
    }
    assertEquals(new TreeMap<>(Map.of(
        "kr-150-chf", false, "kr-150-usd", true,
        "eu-150-usd", false, "eu-150-eur", true, "eu-149.999999-usd", true)), eligible);

    // Both products are exact: a declared value (22,6) times a rate (15,12) is DECIMAL(38,18), so is a threshold
    // times a rate, and Spark has no digit to cut.
    Dataset<Row> products = rows.select(
        col(ParsedColumns.VALUE).multiply(col(USD_PER_UNIT)),
        col(DeMinimis.RULE_THRESHOLD).multiply(col(DeMinimis.RULE_USD_PER_UNIT)));
    assertEquals(DataTypes.createDecimalType(38, 18), products.schema().fields()[0].dataType());
    assertEquals(DataTypes.createDecimalType(38, 18), products.schema().fields()[1].dataType());
  }
}
