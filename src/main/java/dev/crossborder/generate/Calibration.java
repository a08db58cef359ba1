package dev.crossborder.generate;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of generated shipments, stated once. Shares marked "sample" were measured on the good rows of
 * datasets/sample/shipments weighted by parcel_count (a sample row stands for that many parcels, a generated
 * row for about one), so a generated folder of any size has the sample's mix; datasets/README.md says which
 * of the sample's figures are published facts (DESIGN.md §8) and which are synthetic. The rest is synthetic.
 */
final class Calibration {
  private Calibration() {}

  static final LocalDate FIRST_DAY = LocalDate.of(2015, 1, 1);
  static final int FIRST_YEAR = 2015;
  static final int YEARS = 11;
  static final int MONTHS = 12 * YEARS;

  /**
   * Parcels per year 2015..2025, sample ("world parcels", datasets/README.md): 17-fold growth, with the US
   * de minimis figures of CBP (139 M in FY2015 to 1.36 B in FY2024) and the EU's 4.6 B of 2024 inside.
   */
  static final long[] PARCELS_PER_YEAR = {
    508_418_521L, 630_621_085L, 787_221_786L, 975_282_468L, 1_230_470_873L, 1_599_537_193L,
    2_084_419_638L, 2_791_305_457L, 4_329_550_021L, 7_451_675_179L, 8_906_895_504L};

  /** Parcels per day by month, Jan..Dec (PARCEL_SEASON of scripts/GenerateSample.java): November peaks. */
  static final double[] DAILY_SEASON = {0.95, 0.85, 0.95, 0.95, 0.97, 0.98, 1.00, 0.98, 0.98, 1.03, 1.20, 1.15};

  static final List<String> CHINESE_PLATFORMS = List.of("temu", "shein", "aliexpress", "tiktok_shop");

  /** Column order of {@link #PLATFORM_PERCENT_BY_YEAR}. */
  static final List<String> PLATFORMS = List.of("shein", "aliexpress", "amazon", "temu", "ebay", "tiktok_shop",
      "walmart", "shopee", "mercado_libre", "allegro", "coupang");

  /**
   * Platform shares of parcels per year 2015..2025 in percent, sample. temu (2022: 1.8 % of the year) and
   * tiktok_shop (2021: 1.2 %) are scaled to the months after their {@link #LAUNCHES}, where they trade.
   */
  static final double[][] PLATFORM_PERCENT_BY_YEAR = {
    {15.4, 33.7, 27.4, 0.0, 16.1, 0.0, 2.9, 2.5, 1.2, 0.1, 0.6},
    {14.0, 32.7, 29.4, 0.0, 15.7, 0.0, 3.1, 2.8, 1.4, 0.2, 0.7},
    {14.9, 34.0, 26.7, 0.0, 16.7, 0.0, 2.5, 3.5, 1.0, 0.1, 0.4},
    {17.0, 31.0, 27.9, 0.0, 16.2, 0.0, 2.9, 2.9, 1.5, 0.3, 0.3},
    {16.9, 30.3, 29.7, 0.0, 14.6, 0.0, 3.1, 3.5, 1.3, 0.2, 0.4},
    {27.7, 24.6, 26.3, 0.0, 11.8, 0.0, 4.0, 3.6, 1.6, 0.2, 0.3},
    {27.6, 24.9, 26.1, 0.0, 11.5, 1.6, 4.2, 3.0, 0.7, 0.3, 0.5},
    {30.1, 24.5, 24.0, 5.4, 10.9, 1.3, 3.8, 2.4, 0.7, 0.3, 0.2},
    {27.0, 20.4, 17.2, 17.2, 9.5, 1.9, 3.1, 2.2, 0.6, 0.4, 0.4},
    {23.1, 20.2, 17.0, 24.8, 8.6, 2.0, 1.9, 1.6, 0.5, 0.3, 0.1},
    {24.2, 19.3, 16.2, 21.5, 8.1, 6.1, 1.7, 1.8, 0.7, 0.1, 0.1}};

  /** First day a platform ships (temu in the US, TikTok Shop in its first markets) and who ships before. */
  record Launch(String platform, LocalDate firstDay, String standIn) {}

  static final List<Launch> LAUNCHES = List.of(
      new Launch("temu", LocalDate.of(2022, 9, 1), "shein"),
      new Launch("tiktok_shop", LocalDate.of(2021, 4, 1), "aliexpress"));

  /**
   * Destination shares of parcels, sample (CN and HK are origins only). The platforms of {@link #FOOTPRINTS}
   * pick from their own markets instead.
   */
  static final Map<String, Double> DESTINATIONS = weights(
      "US", 23.98, "DE", 16.32, "FR", 11.38, "IT", 8.06, "ES", 7.89, "NL", 7.16, "PL", 4.79, "BE", 3.22,
      "SE", 2.29, "IE", 2.02, "BR", 1.44, "GB", 1.24, "JP", 1.09, "TH", 1.07, "ID", 0.82, "VN", 0.81, "MX", 0.79,
      "KR", 0.79, "CL", 0.76, "AU", 0.65, "CA", 0.60, "PH", 0.38, "MY", 0.30, "SA", 0.26, "TW", 0.24, "IL", 0.24,
      "SG", 0.23, "AE", 0.22, "CO", 0.16, "ZA", 0.15, "TR", 0.13, "IN", 0.12, "NZ", 0.11, "PE", 0.10, "AR", 0.09,
      "EG", 0.07, "NG", 0.06);

  /** Markets of the platforms that do not ship everywhere: GMV_FOOTPRINT weights of scripts/GenerateSample.java. */
  static final Map<String, Map<String, Double>> FOOTPRINTS = Map.of(
      "walmart", weights("US", 90, "MX", 4.5, "CA", 4, "CL", 1.5),
      "tiktok_shop", weights("US", 28, "ID", 24, "VN", 14, "TH", 12, "MY", 7, "PH", 7, "GB", 6, "BR", 3, "SG", 2,
          "MX", 2, "DE", 2, "FR", 1.5, "JP", 1.5, "IT", 1, "ES", 1),
      "shopee", weights("ID", 30, "BR", 18, "VN", 13, "TH", 12, "TW", 8, "PH", 8, "MY", 8, "SG", 3),
      "mercado_libre", weights("BR", 52, "MX", 24, "AR", 15, "CL", 4, "CO", 3, "PE", 2),
      "allegro", weights("PL", 100),
      "coupang", weights("KR", 100));

  static final String FULLY_HOSTED = "fully_hosted";
  static final String SEMI_HOSTED = "semi_hosted";
  static final String OVERSEAS_HOSTED = "overseas_hosted";
  static final String LOCAL_SELLER = "local_seller";
  static final String MARKETPLACE = "marketplace";

  /** Fulfilment mix per platform, sample, before any de minimis cut of the destination (see the shifts below). */
  static final Map<String, Map<String, Double>> FULFILMENT = Map.ofEntries(
      Map.entry("temu", weights(FULLY_HOSTED, 63, SEMI_HOSTED, 29, OVERSEAS_HOSTED, 4, LOCAL_SELLER, 4)),
      Map.entry("shein", weights(FULLY_HOSTED, 93, MARKETPLACE, 2, OVERSEAS_HOSTED, 2, LOCAL_SELLER, 3)),
      Map.entry("aliexpress", weights(MARKETPLACE, 74, FULLY_HOSTED, 24.5, OVERSEAS_HOSTED, 1.5)),
      Map.entry("tiktok_shop", weights(SEMI_HOSTED, 54, LOCAL_SELLER, 31, OVERSEAS_HOSTED, 15)),
      Map.entry("amazon", weights(MARKETPLACE, 73, LOCAL_SELLER, 27)),
      Map.entry("ebay", weights(MARKETPLACE, 81.5, LOCAL_SELLER, 18.5)),
      Map.entry("walmart", weights(MARKETPLACE, 53, LOCAL_SELLER, 47)),
      Map.entry("shopee", weights(LOCAL_SELLER, 74, MARKETPLACE, 26)),
      Map.entry("mercado_libre", weights(LOCAL_SELLER, 67, MARKETPLACE, 33)),
      Map.entry("allegro", weights(LOCAL_SELLER, 100)),
      Map.entry("coupang", weights(LOCAL_SELLER, 81, MARKETPLACE, 19)));

  /**
   * After each de minimis cut of the destination's jurisdiction (a threshold lowered or set to 0 in
   * reference/de_minimis_rules.csv), this share of the remaining direct mail (fully hosted) moves to
   * {@link #DIRECT_MAIL_MOVES_TO} and this share of the remaining cross-border marketplace parcels to local
   * sellers (synthetic; in the sample the US direct-mail share falls from 27 % to 9 % after 2025-08-29).
   */
  static final double DIRECT_MAIL_SHIFT_PER_CUT = 0.45;
  static final double MARKETPLACE_SHIFT_PER_CUT = 0.20;
  static final Map<String, Double> DIRECT_MAIL_MOVES_TO =
      weights(SEMI_HOSTED, 30, OVERSEAS_HOSTED, 40, LOCAL_SELLER, 30);

  /** Where cross-border parcels of the Chinese platforms start (sample: 95 % CN in the rest-of-world flow). */
  static final Map<String, Double> CHINESE_ORIGINS = weights("CN", 95, "HK", 5);

  /**
   * Origins of the other platforms' cross-border parcels, synthetic in the sample's order (CN first, then HK,
   * US, GB ...). No EU member: an intra-EU parcel crosses no customs border.
   */
  static final Map<String, Double> OTHER_ORIGINS = weights(
      "CN", 50, "HK", 12, "US", 10, "GB", 8, "JP", 5, "KR", 5, "TR", 3, "CA", 3, "VN", 2, "IN", 2);

  /** An origin that is the destination is replaced by this one (it is never a destination). */
  static final String FALLBACK_ORIGIN = "CN";

  /**
   * Declared currency: USD, the destination's or the origin's (for local parcels both are the destination's),
   * about the sample's USD 68 % / EUR 20 % / CNY 10 % / GBP 2 %. A currency without a rate in every month of
   * the template's fx_rates.csv is replaced by USD.
   */
  static final double USD_SHARE = 0.65;
  static final double DESTINATION_CURRENCY_SHARE = 0.25;

  /** Local currency of every country the generator uses (ISO 4217; PL and SE keep PLN and SEK). */
  static final Map<String, String> CURRENCIES = stringMap(
      "US", "USD", "CA", "CAD", "MX", "MXN", "BR", "BRL", "CL", "CLP", "AR", "ARS", "CO", "COP", "PE", "PEN",
      "GB", "GBP", "DE", "EUR", "FR", "EUR", "IT", "EUR", "ES", "EUR", "NL", "EUR", "BE", "EUR", "IE", "EUR",
      "PL", "PLN", "SE", "SEK", "CN", "CNY", "HK", "HKD", "JP", "JPY", "KR", "KRW", "TW", "TWD", "AU", "AUD",
      "NZ", "NZD", "SG", "SGD", "TH", "THB", "VN", "VND", "ID", "IDR", "MY", "MYR", "PH", "PHP", "IN", "INR",
      "AE", "AED", "SA", "SAR", "TR", "TRY", "IL", "ILS", "EG", "EGP", "ZA", "ZAR", "NG", "NGN");

  static final String USD = "USD";

  /**
   * Declared values in USD, log-normal: low-value parcels around a median of US$22 (sample rows: median
   * US$36, a quarter under US$13), and 1 % formal entries around US$1,500. Share under US$800:
   * 0.99 x P(z < ln(800/22)/0.9) + 0.01 x P(z < ln(800/1500)/0.6) = 0.99 x 1.0000 + 0.01 x 0.147 = 0.9915
   * (sample, by parcels: 0.9917).
   */
  static final double LOW_VALUE_MEDIAN_USD = 22;
  static final double LOW_VALUE_SIGMA = 0.9;
  static final double FORMAL_SHARE = 0.01;
  static final double FORMAL_MEDIAN_USD = 1500;
  static final double FORMAL_SIGMA = 0.6;
  /** No parcel is declared below half a dollar, so no value rounds to 0.00 in any currency. */
  static final double MIN_VALUE_USD = 0.5;

  /** Weight per parcel in kg, log-normal (synthetic; the sample's low-value parcels weigh 0.05-1.25 kg). */
  static final double LOW_VALUE_MEDIAN_KG = 0.3;
  static final double LOW_VALUE_KG_SIGMA = 0.7;
  static final double FORMAL_MEDIAN_KG = 3;
  static final double FORMAL_KG_SIGMA = 0.6;
  static final double MIN_KG = 0.01;

  /** parcel_count: 92 % single parcels, then 2, 3, and 4-10 identical parcels (synthetic). */
  static final double ONE_PARCEL = 0.92;
  static final double UP_TO_TWO_PARCELS = 0.98;
  static final double UP_TO_THREE_PARCELS = 0.995;

  static Map<String, Double> weights(Object... keysAndWeights) {
    Map<String, Double> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndWeights.length; i += 2) {
      map.put((String) keysAndWeights[i], ((Number) keysAndWeights[i + 1]).doubleValue());
    }
    return map;
  }

  private static Map<String, String> stringMap(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
