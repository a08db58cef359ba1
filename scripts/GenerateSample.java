import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the bundled sample data of crossborder-analytics (see datasets/README.md and DESIGN.md).
 *
 * <pre>java scripts/GenerateSample.java datasets/sample</pre>
 *
 * Java 17, no dependencies, deterministic: every random choice comes from one fixed seed, doubles
 * go through StrictMath, and every map that drives output order is ordered, so a re-run writes
 * byte-identical files. It overwrites only the files listed in {@link #main}; nothing else in the
 * output folder is touched.
 *
 * After writing, it reads its own files back (like the job would), recomputes the calibrated
 * figures (GMV round trip through FX, de minimis eligibility from the written rules and rates) and
 * exits 1 if any of them misses its target.
 */
public class GenerateSample {

    // =====================================================================================
    // Settings and calibration targets
    // =====================================================================================

    /** The only seed. Each purpose derives its own stream from it (see {@link #rng}). */
    static final long SEED = 20_250_829L;

    static final int FIRST_YEAR = 2015, LAST_YEAR = 2025, FIRST_GMV_YEAR = 2022;
    static final YearMonth FIRST_GMV_MONTH = YearMonth.of(FIRST_GMV_YEAR, 1);
    static final LocalDate FIRST_DAY = LocalDate.of(FIRST_YEAR, 1, 1);
    static final LocalDate LAST_DAY = LocalDate.of(LAST_YEAR, 12, 31);
    static final YearMonth FIRST_MONTH = YearMonth.of(FIRST_YEAR, 1);
    static final YearMonth LAST_MONTH = YearMonth.of(LAST_YEAR, 12);

    /** US rule changes; the shipment volumes react to them in 2025. */
    static final LocalDate US_CN_HK_SUSPENSION = LocalDate.of(2025, 5, 2);
    static final LocalDate US_ALL_SUSPENSION = LocalDate.of(2025, 8, 29);

    /** The one documented edge row: declared exactly US$800.00, so eligible (value <= threshold). */
    static final LocalDate EDGE_ROW_DAY = LocalDate.of(2024, 6, 14);

    /** Share of eligible parcels shipped from CN (US: FY2021 fact applied to every year; EU: published 91 %). */
    static final int US_CN_SHARE_PERCENT = 58, EU_CN_SHARE_PERCENT = 91;

    /** US de minimis-eligible parcels per calendar year (CBP fiscal-year figures used as calendar years). */
    static final Map<Integer, Long> US_DE_MINIMIS = usDeMinimisTargets();

    /**
     * 2025 is not calibrated: this is the synthetic low-value volume the US would have seen without
     * the suspensions; the suspensions then cut it (see {@link #usChinaFactor}).
     */
    static final long US_LOW_VALUE_BASELINE_2025 = 1_500_000_000L;

    /** EU low-value parcels (eligible under the EUR 150 rule) per year; 2022-2024 published, rest synthetic. */
    static final Map<Integer, Long> EU_LOW_VALUE = orderedLongs(
            2015, 250_000_000L, 2016, 300_000_000L, 2017, 370_000_000L, 2018, 450_000_000L,
            2019, 560_000_000L, 2020, 750_000_000L, 2021, 1_000_000_000L,
            2022, 1_400_000_000L, 2023, 2_300_000_000L, 2024, 4_600_000_000L,
            2025, 5_800_000_000L);

    static Map<Integer, Long> usDeMinimisTargets() {
        Map<Integer, Long> t = new TreeMap<>();
        t.put(2015, 139_000_000L);
        t.put(2022, 685_000_000L);
        t.put(2023, 1_050_000_000L);
        t.put(2024, 1_360_000_000L);
        // No figure is used for 2016-2021: synthetic geometric steps from 139 M to 685 M, rounded to 1,000.
        double step = StrictMath.pow(685.0 / 139.0, 1.0 / 7.0);
        for (int y = 2016; y <= 2021; y++) {
            t.put(y, Math.round(139_000.0 * StrictMath.pow(step, y - 2015)) * 1000L);
        }
        return t;
    }

    /** Worldwide GMV targets in US$ bn for 2022..2025. Facts are listed in {@link #GMV_FACTS}. */
    static final Map<String, String[]> GMV_TARGETS_BN = splitValues(
            "temu", "0.6 18.0 55.0 75.0",
            "shein", "30.0 45.0 52.0 58.0",
            "aliexpress", "30.0 32.0 36.0 40.0",
            "tiktok_shop", "4.4 16.3 37.5 100.0",
            "amazon", "660.0 700.0 750.0 800.0",
            "walmart", "82.0 100.0 120.0 150.0",
            "ebay", "74.0 73.0 75.0 78.0",
            "shopee", "73.5 78.125 100.0 125.0",
            "mercado_libre", "34.4 44.8 51.5 62.0",
            "allegro", "12.5 14.0 15.5 16.8",
            "coupang", "28.0 31.0 35.0 39.0");

    /** Platform-years calibrated to a public figure (DESIGN.md §8); every other platform-year is synthetic. */
    static final Map<String, String> GMV_FACTS = Map.ofEntries(
            Map.entry("temu 2023", "TEMU 2023 GMV US$18 bn (estimate)"),
            Map.entry("temu 2024", "TEMU 2024 GMV US$55 bn (midpoint of 50-60 estimate)"),
            Map.entry("temu 2025", "TEMU 2025 GMV US$75 bn (midpoint of 70-80 estimate)"),
            Map.entry("shein 2023", "SHEIN 2023 GMV ~US$45 bn (estimate)"),
            Map.entry("tiktok_shop 2024", "TikTok Shop 2024 GMV US$37.5 bn (midpoint of 33-42 estimate)"),
            Map.entry("tiktok_shop 2025", "TikTok Shop 2025 GMV ~US$100 bn (estimate)"),
            Map.entry("amazon 2023", "Amazon 2023 GMV ~US$700 bn (estimate)"),
            Map.entry("shopee 2023", "Shopee 2024 GMV growth +28 % (reported)"),
            Map.entry("shopee 2024", "Shopee 2024 GMV US$100 bn (reported >100 bn, +28 %)"),
            Map.entry("ebay 2024", "eBay 2024 GMV US$75 bn (reported, 18.75 bn a quarter)"),
            Map.entry("mercado_libre 2024", "Mercado Libre 2024 GMV US$51.5 bn (reported)"));

    /** eBay reports GMV quarterly: its 2024 target is split into four equal quarters before months. */
    static final String QUARTERLY_PLATFORM_YEAR = "ebay 2024";

    /** The documented gap: this cell is never written (a missing month, never a zero). */
    static final String GAP_CELL = "walmart MX 2024-06";

    // =====================================================================================
    // Reference data
    // =====================================================================================

    record Country(String code, String name, String region, boolean euMember, String currency) {
        String jurisdiction() {
            return euMember ? "EU" : code;
        }
    }

    /** ISO alpha-2 codes; currency is the local currency used for GMV rows (PL and SE keep PLN and SEK). */
    static final List<Country> COUNTRIES = List.of(
            new Country("US", "United States", "north_america", false, "USD"),
            new Country("CA", "Canada", "north_america", false, "CAD"),
            new Country("MX", "Mexico", "latin_america", false, "MXN"),
            new Country("BR", "Brazil", "latin_america", false, "BRL"),
            new Country("CL", "Chile", "latin_america", false, "CLP"),
            new Country("AR", "Argentina", "latin_america", false, "ARS"),
            new Country("CO", "Colombia", "latin_america", false, "COP"),
            new Country("PE", "Peru", "latin_america", false, "PEN"),
            new Country("GB", "United Kingdom", "europe", false, "GBP"),
            new Country("DE", "Germany", "europe", true, "EUR"),
            new Country("FR", "France", "europe", true, "EUR"),
            new Country("IT", "Italy", "europe", true, "EUR"),
            new Country("ES", "Spain", "europe", true, "EUR"),
            new Country("NL", "Netherlands", "europe", true, "EUR"),
            new Country("BE", "Belgium", "europe", true, "EUR"),
            new Country("IE", "Ireland", "europe", true, "EUR"),
            new Country("PL", "Poland", "europe", true, "PLN"),
            new Country("SE", "Sweden", "europe", true, "SEK"),
            new Country("CN", "China", "asia_pacific", false, "CNY"),
            new Country("HK", "Hong Kong", "asia_pacific", false, "HKD"),
            new Country("JP", "Japan", "asia_pacific", false, "JPY"),
            new Country("KR", "Korea, Republic of", "asia_pacific", false, "KRW"),
            new Country("TW", "Taiwan", "asia_pacific", false, "TWD"),
            new Country("AU", "Australia", "asia_pacific", false, "AUD"),
            new Country("NZ", "New Zealand", "asia_pacific", false, "NZD"),
            new Country("SG", "Singapore", "asia_pacific", false, "SGD"),
            new Country("TH", "Thailand", "asia_pacific", false, "THB"),
            new Country("VN", "Viet Nam", "asia_pacific", false, "VND"),
            new Country("ID", "Indonesia", "asia_pacific", false, "IDR"),
            new Country("MY", "Malaysia", "asia_pacific", false, "MYR"),
            new Country("PH", "Philippines", "asia_pacific", false, "PHP"),
            new Country("IN", "India", "asia_pacific", false, "INR"),
            new Country("AE", "United Arab Emirates", "middle_east_africa", false, "AED"),
            new Country("SA", "Saudi Arabia", "middle_east_africa", false, "SAR"),
            new Country("TR", "Turkey", "middle_east_africa", false, "TRY"),
            new Country("IL", "Israel", "middle_east_africa", false, "ILS"),
            new Country("EG", "Egypt", "middle_east_africa", false, "EGP"),
            new Country("ZA", "South Africa", "middle_east_africa", false, "ZAR"),
            new Country("NG", "Nigeria", "middle_east_africa", false, "NGN"));

    static final Map<String, Country> COUNTRY_BY_CODE = new HashMap<>();

    static {
        for (Country c : COUNTRIES) COUNTRY_BY_CODE.put(c.code(), c);
    }

    record Platform(String id, String name, String parent, String group, String home, int avgOrderUsd) {
        boolean chinese() {
            return group.equals("china_big4");
        }
    }

    /** home_country is where the business started (SHEIN is now headquartered in SG, PDD Holdings in IE). */
    static final List<Platform> PLATFORMS = List.of(
            new Platform("temu", "Temu", "PDD Holdings", "china_big4", "CN", 25),
            new Platform("shein", "SHEIN", "SHEIN Group", "china_big4", "CN", 70),
            new Platform("aliexpress", "AliExpress", "Alibaba Group", "china_big4", "CN", 30),
            new Platform("tiktok_shop", "TikTok Shop", "ByteDance", "china_big4", "CN", 35),
            new Platform("amazon", "Amazon", "Amazon.com, Inc.", "global_incumbent", "US", 55),
            new Platform("walmart", "Walmart", "Walmart Inc.", "global_incumbent", "US", 65),
            new Platform("ebay", "eBay", "eBay Inc.", "global_incumbent", "US", 45),
            new Platform("shopee", "Shopee", "Sea Limited", "regional", "SG", 12),
            new Platform("mercado_libre", "Mercado Libre", "MercadoLibre, Inc.", "regional", "AR", 30),
            new Platform("allegro", "Allegro", "Allegro.eu", "regional", "PL", 45),
            new Platform("coupang", "Coupang", "Coupang, Inc.", "regional", "KR", 40));

    static final Map<String, Platform> PLATFORM_BY_ID = new HashMap<>();

    static {
        for (Platform p : PLATFORMS) PLATFORM_BY_ID.put(p.id(), p);
    }

    /**
     * Where each platform sells in the GMV data: COUNTRY:weight[:first month or -[:reporting currency]].
     * Weights are synthetic and fixed over the years; "-" means trading since before 2022-01.
     * A platform shown in a country here is also the one that ships parcels there.
     */
    static final Map<String, String> GMV_FOOTPRINT = orderedMap(
            "temu", "US:40:2022-09 CA:4:2023-02 AU:3.5:2023-03 NZ:1:2023-03 GB:7:2023-04 DE:7:2023-04"
                    + " FR:5:2023-04 IT:4:2023-04 ES:3.5:2023-04 NL:2:2023-04 BE:1:2023-06 PL:2:2023-06"
                    + " SE:1:2023-06 JP:4:2023-07 KR:3:2023-07 MX:4:2023-07 AE:1:2023-08 SA:1.5:2023-08"
                    + " PH:1.5:2023-08 MY:1:2023-08 CL:1.5:2023-09 IL:1:2023-09 CO:1:2023-10 ZA:1:2024-01"
                    + " TR:1:2024-03 BR:4:2024-06 TH:1:2024-07",
            "shein", "US:33 BR:7 GB:6 SA:6:-:USD MX:5 DE:5 FR:5 AE:4:-:USD IT:4 ES:4 CA:3 AU:3 CL:2 NL:2"
                    + " PL:2 JP:2 CO:1 SE:1 KR:1 IL:1 ZA:1 PH:1",
            "aliexpress", "US:15 BR:12 KR:12 ES:10 FR:8 DE:5 PL:5 IT:4 GB:4 MX:4 IL:4 NL:3 CL:3 SA:3 AU:3"
                    + " TR:2 JP:2",
            "tiktok_shop", "US:28:2023-09 ID:24 VN:14 TH:12 MY:7 PH:7 GB:6 SG:2 BR:3:2025-05 MX:2:2025-01"
                    + " DE:2:2025-03 FR:1.5:2025-03 IT:1:2025-03 ES:1:2024-12 JP:1.5:2025-06",
            "amazon", "US:620 DE:75 GB:65 JP:60 IN:30 FR:25 CA:25 IT:20 ES:18 MX:8 AU:8 BR:6 AE:5 SA:4"
                    + " NL:4 PL:3 SG:3 TR:3 SE:2 EG:2 BE:2:2022-10 ZA:2:2024-05",
            "walmart", "US:90 MX:4.5 CA:4 CL:1.5",
            "ebay", "US:45 GB:17 DE:16 AU:7 IT:4.5 CA:4 FR:4 ES:2.5",
            "shopee", "ID:30 BR:18 VN:13 TH:12 TW:8 PH:8 MY:8 SG:3",
            "mercado_libre", "BR:52 MX:24 AR:15:-:USD CL:4 CO:3 PE:2",
            "allegro", "PL:100",
            "coupang", "KR:100");

    /** TikTok Shop's first markets (ID 2021, then SEA and GB) predate the GMV window; parcels start here. */
    static final LocalDate TIKTOK_SHOP_FIRST_DAY = LocalDate.of(2021, 4, 1);

    /** GMV seasonality, Jan..Dec: Q4 heavier (singles' day, Black Friday, Christmas). */
    static final double[] GMV_SEASON = {0.92, 0.85, 0.95, 0.93, 0.96, 0.97, 1.00, 0.97, 0.95, 1.02, 1.25, 1.33};

    /** Parcel seasonality per month and per weekday (Mon..Sun). */
    static final double[] PARCEL_SEASON = {0.95, 0.85, 0.95, 0.95, 0.97, 0.98, 1.00, 0.98, 0.98, 1.03, 1.20, 1.15};
    static final double[] PARCEL_WEEKDAY = {1.05, 1.08, 1.05, 1.02, 1.00, 0.90, 0.90};

    /**
     * Rough real annual averages, local currency units per US$, 2015..2025 (11 values each).
     * Monthly rates are a smooth log-linear interpolation between mid-year anchors plus a small
     * deterministic wiggle: good enough to look real, not official rates.
     */
    static final Map<String, double[]> LOCAL_PER_USD = new TreeMap<>();

    static {
        anchors("AED", 3.6725, 3.6725, 3.6725, 3.6725, 3.6725, 3.6725, 3.6725, 3.6725, 3.6725, 3.6725, 3.6725);
        anchors("ARS", 9.27, 14.76, 16.56, 28.1, 48.2, 70.5, 95.0, 130.6, 295.0, 916.0, 1150.0);
        anchors("AUD", 1.331, 1.345, 1.305, 1.339, 1.439, 1.453, 1.331, 1.442, 1.505, 1.515, 1.55);
        anchors("BRL", 3.33, 3.49, 3.19, 3.65, 3.94, 5.16, 5.40, 5.16, 4.99, 5.39, 5.60);
        anchors("CAD", 1.279, 1.325, 1.298, 1.296, 1.327, 1.341, 1.254, 1.301, 1.350, 1.370, 1.395);
        anchors("CLP", 654, 677, 649, 641, 703, 792, 759, 873, 840, 944, 950);
        anchors("CNY", 6.23, 6.64, 6.76, 6.62, 6.91, 6.90, 6.45, 6.73, 7.08, 7.19, 7.18);
        anchors("COP", 2742, 3054, 2951, 2956, 3281, 3693, 3743, 4255, 4325, 4072, 4150);
        anchors("EGP", 7.69, 10.1, 17.8, 17.8, 16.8, 15.8, 15.7, 19.2, 30.6, 45.5, 50.0);
        anchors("EUR", 0.901, 0.904, 0.885, 0.847, 0.893, 0.876, 0.845, 0.950, 0.925, 0.924, 0.885);
        anchors("GBP", 0.654, 0.741, 0.777, 0.750, 0.783, 0.780, 0.727, 0.811, 0.804, 0.783, 0.755);
        anchors("HKD", 7.752, 7.762, 7.793, 7.839, 7.836, 7.757, 7.773, 7.831, 7.829, 7.803, 7.790);
        anchors("IDR", 13390, 13310, 13380, 14240, 14150, 14580, 14310, 14850, 15240, 15850, 16400);
        anchors("ILS", 3.89, 3.84, 3.60, 3.59, 3.56, 3.44, 3.23, 3.36, 3.69, 3.70, 3.50);
        anchors("INR", 64.15, 67.2, 65.1, 68.4, 70.4, 74.1, 73.9, 78.6, 82.6, 83.7, 87.0);
        anchors("JPY", 121.0, 108.8, 112.2, 110.4, 109.0, 106.8, 109.8, 131.5, 140.5, 151.4, 149.0);
        anchors("KRW", 1131, 1160, 1130, 1100, 1166, 1180, 1144, 1292, 1306, 1364, 1400);
        anchors("MXN", 15.85, 18.66, 18.93, 19.24, 19.26, 21.49, 20.27, 20.13, 17.76, 18.30, 19.30);
        anchors("MYR", 3.91, 4.15, 4.30, 4.04, 4.14, 4.20, 4.14, 4.40, 4.56, 4.58, 4.30);
        anchors("NGN", 193, 253, 306, 306, 307, 358, 401, 426, 645, 1480, 1530);
        anchors("NZD", 1.43, 1.44, 1.41, 1.45, 1.52, 1.54, 1.41, 1.58, 1.63, 1.65, 1.72);
        anchors("PEN", 3.18, 3.38, 3.26, 3.29, 3.34, 3.49, 3.88, 3.84, 3.74, 3.75, 3.65);
        anchors("PHP", 45.5, 47.5, 50.4, 52.7, 51.8, 49.6, 49.3, 54.5, 55.6, 57.3, 57.0);
        anchors("PLN", 3.77, 3.94, 3.78, 3.61, 3.84, 3.90, 3.86, 4.46, 4.20, 3.98, 3.75);
        anchors("SAR", 3.75, 3.75, 3.75, 3.75, 3.75, 3.75, 3.75, 3.75, 3.75, 3.75, 3.75);
        anchors("SEK", 8.43, 8.56, 8.55, 8.69, 9.46, 9.21, 8.58, 10.12, 10.61, 10.57, 9.90);
        anchors("SGD", 1.375, 1.381, 1.381, 1.349, 1.364, 1.380, 1.344, 1.379, 1.343, 1.336, 1.31);
        anchors("THB", 34.25, 35.30, 33.94, 32.31, 31.05, 31.29, 31.98, 35.06, 34.80, 35.29, 33.5);
        anchors("TRY", 2.72, 3.02, 3.65, 4.83, 5.67, 7.01, 8.85, 16.55, 23.8, 32.8, 39.5);
        anchors("TWD", 31.9, 32.3, 30.4, 30.2, 30.9, 29.5, 27.9, 29.8, 31.2, 32.1, 31.5);
        anchors("USD", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        anchors("VND", 21700, 22350, 22720, 23030, 23230, 23210, 23160, 23400, 23830, 25000, 25900);
        anchors("ZAR", 12.76, 14.71, 13.32, 13.23, 14.45, 16.46, 14.78, 16.36, 18.45, 18.33, 18.0);
    }

    /** Currencies pegged to the US$ (no wiggle) or held in a tight band. */
    static final Map<String, Double> FX_WIGGLE = Map.of("AED", 0.0, "SAR", 0.0, "HKD", 0.0005, "USD", 0.0);
    static final double DEFAULT_FX_WIGGLE = 0.008;

    /**
     * A currency that has exactly one rate (2015-01): the bad shipment row that uses it in 2020-06
     * must be quarantined as FX_RATE_MISSING.
     */
    static final String ONE_MONTH_CURRENCY = "KPW";
    static final double ONE_MONTH_CURRENCY_LOCAL_PER_USD = 900.0;

    /** rows of de_minimis_rules.csv: jurisdiction, origin_scope, threshold, currency, valid_from, valid_to, source. */
    static final String[][] DE_MINIMIS_RULES = {
        {"US", "*", "200", "USD", "2000-01-01", "2016-03-10",
            "US 19 USC 1321: US$200 administrative exemption (2000-01-01 is a placeholder start)"},
        {"US", "*", "800", "USD", "2016-03-10", "2025-08-29",
            "US 19 USC 1321 as raised by the Trade Facilitation and Trade Enforcement Act of 2015: US$800"},
        {"US", "*", "0", "USD", "2025-08-29", "",
            "Executive Order 14324: duty-free de minimis suspended for all origins from 2025-08-29"},
        {"US", "CN", "200", "USD", "2000-01-01", "2016-03-10",
            "US 19 USC 1321: US$200 (origin row kept so CN rows never overlap a * row of the same origin)"},
        {"US", "CN", "800", "USD", "2016-03-10", "2025-05-02",
            "US 19 USC 1321 (TFTEA 2015): US$800 until Executive Order 14256 (2025-05-02)"},
        {"US", "CN", "0", "USD", "2025-05-02", "",
            "US 19 USC 1321; Executive Order 14256 (2025-05-02): no de minimis for CN-origin goods"},
        {"US", "HK", "200", "USD", "2000-01-01", "2016-03-10",
            "US 19 USC 1321: US$200 (origin row kept so HK rows never overlap a * row of the same origin)"},
        {"US", "HK", "800", "USD", "2016-03-10", "2025-05-02",
            "US 19 USC 1321 (TFTEA 2015): US$800 until Executive Order 14256 (2025-05-02)"},
        {"US", "HK", "0", "USD", "2025-05-02", "",
            "US 19 USC 1321; Executive Order 14256 (2025-05-02): no de minimis for HK-origin goods"},
        {"EU", "*", "150", "EUR", "2000-01-01", "2026-07-01",
            "EU customs duty relief for consignments <= EUR 150 (Regulation 1186/2009); the EUR 22 VAT"
                + " exemption was removed 2021-07-01 (e-commerce VAT package), the duty relief was kept"},
        {"EU", "*", "0", "EUR", "2026-07-01", "",
            "EU: EUR 150 duty relief ends; interim EUR 3 duty per item category from 2026-07-01"},
        {"GB", "*", "135", "GBP", "2000-01-01", "",
            "UK customs duty relief for consignments <= GBP 135; abolition announced for March 2029 at the latest"},
        {"JP", "*", "10000", "JPY", "2000-01-01", "2028-04-01",
            "Japan: duty and consumption tax exemption for consignments <= JPY 10,000"},
        {"JP", "*", "0", "JPY", "2028-04-01", "",
            "Japan: change of the JPY 10,000 exemption planned for 2028-04-01 (modelled as removal)"},
        {"VN", "*", "1000000", "VND", "2000-01-01", "2025-02-18",
            "Viet Nam Decision 78/2010/QD-TTg: VND 1,000,000 exemption for low-value express parcels"},
        {"VN", "*", "0", "VND", "2025-02-18", "",
            "Viet Nam Decision 01/2025/QD-TTg: exemption removed from 2025-02-18"},
        {"BR", "*", "50", "USD", "2000-01-01", "2024-08-01",
            "Brazil: US$50 with 0 % federal import tax (Remessa Conforme)"},
        {"BR", "*", "0", "USD", "2024-08-01", "",
            "Brazil: 20 % federal import tax on parcels up to US$50 from 2024-08-01 (treated as no exemption)"},
        {"CL", "*", "41", "USD", "2000-01-01", "2025-10-25", "Chile: US$41 low-value exemption"},
        {"CL", "*", "0", "USD", "2025-10-25", "", "Chile: US$41 exemption removed from 2025-10-25"},
        {"TH", "*", "1500", "THB", "2000-01-01", "2024-07-05", "Thailand: VAT exemption for imports <= THB 1,500"},
        {"TH", "*", "0", "THB", "2024-07-05", "", "Thailand: VAT exemption removed from 2024-07-05"},
        {"ID", "*", "75", "USD", "2000-01-01", "2020-01-30", "Indonesia: US$75 import duty exemption"},
        {"ID", "*", "3", "USD", "2020-01-30", "", "Indonesia: exemption cut from US$75 to US$3 from 2020-01-30"},
        {"AU", "*", "1000", "AUD", "2000-01-01", "",
            "Australia: AUD 1,000 threshold (GST on low-value goods collected by vendors since 2018-07-01)"},
        {"CA", "*", "20", "CAD", "2000-01-01", "", "Canada: CAD 20 low-value threshold"},
        {"CA", "US", "150", "CAD", "2020-07-01", "",
            "Canada, CUSMA (from 2020-07-01): CAD 40 tax / CAD 150 duty for US-origin courier shipments;"
                + " the sample uses 150"},
        {"CA", "MX", "150", "CAD", "2020-07-01", "",
            "Canada, CUSMA (from 2020-07-01): CAD 40 tax / CAD 150 duty for MX-origin courier shipments;"
                + " the sample uses 150"},
    };

    /** rows of market_benchmarks.csv: segment_id, year, yoy_growth, kind, source. */
    static final String[][] MARKET_BENCHMARKS = {
        {"global_ecommerce", "2023", "0.07", "actual", "synthetic placeholder, not a published figure"},
        {"global_ecommerce", "2024", "0.08", "actual", "synthetic placeholder, not a published figure"},
        {"global_ecommerce", "2025", "0.08", "forecast", "CICC 2025 forecast: global e-commerce ~+8 %"},
        {"china_domestic_ecommerce", "2025", "0.11", "forecast", "CICC 2025 forecast: China domestic e-commerce +11 %"},
        {"china_outbound_ecommerce", "2023", "0.16", "actual", "synthetic placeholder, not a published figure"},
        {"china_outbound_ecommerce", "2024", "0.11", "actual", "synthetic placeholder, not a published figure"},
        {"china_outbound_ecommerce", "2025", "0.12", "forecast", "CICC 2025 forecast: Chinese outbound e-commerce +12 %"},
        {"china_big4_outbound", "2025", "0.25", "forecast", "CICC 2025 forecast: Big Four outbound platforms +25 %"},
    };

    // =====================================================================================
    // Main
    // =====================================================================================

    public static void main(String[] args) throws IOException {
        // Ids, paths and printed figures go through String.format: never let the machine's locale pick digits.
        Locale.setDefault(Locale.ROOT);
        if (args.length != 1) {
            System.err.println("usage: java scripts/GenerateSample.java <output folder, e.g. datasets/sample>");
            System.exit(2);
        }
        long started = System.nanoTime();
        Path out = Path.of(args[0]);
        Output files = new Output(out);

        List<String[]> fxRows = fxRows();
        FxTable fx = FxTable.of(fxRows);
        List<Rule> rules = Rule.parseAll(List.of(DE_MINIMIS_RULES));

        files.csv("reference/platforms.csv", platformRows());
        files.csv("reference/countries.csv", countryRows());
        files.csv("reference/fx_rates.csv", fxRows);
        files.csv("reference/de_minimis_rules.csv", withHeader(
                "jurisdiction,origin_scope,threshold,currency,valid_from,valid_to,source", DE_MINIMIS_RULES));
        files.csv("reference/market_benchmarks.csv", withHeader(
                "segment_id,year,yoy_growth,kind,source", MARKET_BENCHMARKS));

        List<GmvRow> gmv = new GmvGenerator(fx).generate();
        writeGmv(files, gmv);

        List<Shipment> shipments = new ShipmentGenerator(fx, rules).generate();
        writeShipments(files, shipments);

        boolean ok = new Verifier(out, files.badLines).run();
        System.out.printf("%nwrote %d files under %s in %.1f s%n", files.written.size(), out,
                (System.nanoTime() - started) / 1e9);
        if (!ok) {
            System.err.println("VERIFICATION FAILED (see lines marked FAIL above)");
            System.exit(1);
        }
    }

    // =====================================================================================
    // Reference rows
    // =====================================================================================

    static List<String[]> platformRows() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"platform_id", "platform_name", "parent_company", "platform_group", "home_country"});
        for (Platform p : PLATFORMS) rows.add(new String[] {p.id(), p.name(), p.parent(), p.group(), p.home()});
        return rows;
    }

    static List<String[]> countryRows() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"country_code", "country_name", "region", "customs_jurisdiction"});
        for (Country c : COUNTRIES) rows.add(new String[] {c.code(), c.name(), c.region(), c.jurisdiction()});
        return rows;
    }

    /** Monthly rates 2015-01..2025-12 for every currency, USD = 1 exactly, plus the one-month KPW rate. */
    static List<String[]> fxRows() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"currency", "month", "usd_per_unit"});
        int months = (int) FIRST_MONTH.until(LAST_MONTH, ChronoUnit.MONTHS) + 1;
        for (var entry : LOCAL_PER_USD.entrySet()) {
            String ccy = entry.getKey();
            SplittableRandom r = rng("fx-" + ccy);
            double phase = r.nextDouble() * 2 * StrictMath.PI;
            double amplitude = FX_WIGGLE.getOrDefault(ccy, DEFAULT_FX_WIGGLE);
            for (int i = 0; i < months; i++) {
                String month = FIRST_MONTH.plusMonths(i).toString();
                if (ccy.equals("USD")) {
                    rows.add(new String[] {ccy, month, "1"});
                    continue;
                }
                double wiggle = 1 + amplitude * (0.6 * StrictMath.sin(2 * StrictMath.PI * i / 7.3 + phase)
                        + 0.4 * (2 * r.nextDouble() - 1));
                double localPerUsd = interpolate(entry.getValue(), i) * wiggle;
                rows.add(new String[] {ccy, month, formatRate(1.0 / localPerUsd)});
            }
        }
        rows.add(new String[] {ONE_MONTH_CURRENCY, FIRST_MONTH.toString(),
            formatRate(1.0 / ONE_MONTH_CURRENCY_LOCAL_PER_USD)});
        return rows;
    }

    /** Anchors are annual averages placed mid-year; log-linear between them, extrapolated at both ends. */
    static double interpolate(double[] annual, int monthIndex) {
        double position = (monthIndex - 5.5) / 12.0;
        int k = Math.max(0, Math.min(annual.length - 2, (int) StrictMath.floor(position)));
        double t = position - k;
        return StrictMath.exp(StrictMath.log(annual[k]) * (1 - t) + StrictMath.log(annual[k + 1]) * t);
    }

    /** 8 significant digits, never more than 12 decimals, plain notation (VND, IDR still keep 8 digits). */
    static String formatRate(double usdPerUnit) {
        BigDecimal v = new BigDecimal(usdPerUnit).round(new MathContext(8, RoundingMode.HALF_UP));
        if (v.scale() > 12) v = v.setScale(12, RoundingMode.HALF_UP);
        if (v.precision() < 6) throw new IllegalStateException("rate too coarse: " + v);
        return v.toPlainString();
    }

    /** FX as written to fx_rates.csv: every computation uses exactly these decimals. */
    static final class FxTable {
        private final Map<String, Map<YearMonth, BigDecimal>> rates = new TreeMap<>();

        static FxTable of(List<String[]> rowsWithHeader) {
            FxTable t = new FxTable();
            for (String[] row : rowsWithHeader.subList(1, rowsWithHeader.size())) {
                t.rates.computeIfAbsent(row[0], k -> new TreeMap<>()).put(YearMonth.parse(row[1]), new BigDecimal(row[2]));
            }
            return t;
        }

        boolean has(String currency, YearMonth month) {
            return rates.containsKey(currency) && rates.get(currency).containsKey(month);
        }

        BigDecimal usdPerUnit(String currency, YearMonth month) {
            if (!has(currency, month)) throw new IllegalStateException("no FX rate for " + currency + " " + month);
            return rates.get(currency).get(month);
        }

        /** An amount in US$ expressed in another currency, 2 decimals. */
        BigDecimal fromUsd(double usd, String currency, YearMonth month) {
            return BigDecimal.valueOf(usd).divide(usdPerUnit(currency, month), 2, RoundingMode.HALF_UP);
        }

        /** DESIGN.md §3: the declared value converted to the rule's currency at the ship month's rates. */
        BigDecimal convert(BigDecimal amount, String from, String to, YearMonth month) {
            if (from.equals(to)) return amount;
            return amount.multiply(usdPerUnit(from, month)).divide(usdPerUnit(to, month), MathContext.DECIMAL128);
        }
    }

    // =====================================================================================
    // De minimis rules
    // =====================================================================================

    record Rule(String jurisdiction, String originScope, BigDecimal threshold, String currency,
                LocalDate validFrom, LocalDate validTo, String source) {

        static List<Rule> parseAll(List<String[]> rows) {
            List<Rule> rules = new ArrayList<>();
            for (String[] r : rows) {
                rules.add(new Rule(r[0], r[1], new BigDecimal(r[2]), r[3], LocalDate.parse(r[4]),
                        r[5].isEmpty() ? null : LocalDate.parse(r[5]), r[6]));
            }
            return rules;
        }

        boolean validOn(LocalDate day) {
            return !day.isBefore(validFrom) && (validTo == null || day.isBefore(validTo));
        }

        /** DESIGN.md §3: the origin-specific rule beats the * rule; two of one kind on one day is an error. */
        static Rule applicable(List<Rule> rules, String jurisdiction, String origin, LocalDate day) {
            Rule specific = null, general = null;
            for (Rule r : rules) {
                if (!r.jurisdiction.equals(jurisdiction) || !r.validOn(day)) continue;
                if (r.originScope.equals(origin)) {
                    if (specific != null) throw new IllegalStateException("overlapping rules " + r + " / " + specific);
                    specific = r;
                } else if (r.originScope.equals("*")) {
                    if (general != null) throw new IllegalStateException("overlapping rules " + r + " / " + general);
                    general = r;
                }
            }
            return specific != null ? specific : general;
        }
    }

    // =====================================================================================
    // GMV
    // =====================================================================================

    record Presence(String country, double weight, YearMonth firstMonth, String currency) {}

    record GmvRow(String platform, String country, YearMonth month, BigDecimal gmv, String currency,
                  long orders, String source) {}

    static Map<String, List<Presence>> footprints() {
        Map<String, List<Presence>> all = new LinkedHashMap<>();
        for (var e : GMV_FOOTPRINT.entrySet()) {
            List<Presence> list = new ArrayList<>();
            for (String spec : e.getValue().trim().split("\\s+")) {
                String[] p = spec.split(":");
                Country c = COUNTRY_BY_CODE.get(p[0]);
                if (c == null) throw new IllegalStateException("unknown country in footprint: " + spec);
                YearMonth first = p.length > 2 && !p[2].equals("-") ? YearMonth.parse(p[2]) : FIRST_GMV_MONTH;
                String currency = p.length > 3 ? p[3] : c.currency();
                list.add(new Presence(p[0], Double.parseDouble(p[1]), first, currency));
            }
            all.put(e.getKey(), list);
        }
        return all;
    }

    static long targetCents(String platform, int year) {
        return new BigDecimal(GMV_TARGETS_BN.get(platform)[year - FIRST_GMV_YEAR]).movePointRight(11).longValueExact();
    }

    /** Splits each worldwide yearly target (integer US cents, exact) over months and countries. */
    static final class GmvGenerator {
        final FxTable fx;
        final Map<String, List<Presence>> footprints = footprints();

        GmvGenerator(FxTable fx) {
            this.fx = fx;
        }

        List<GmvRow> generate() {
            List<GmvRow> rows = new ArrayList<>();
            for (Platform p : PLATFORMS) {
                for (int year = FIRST_GMV_YEAR; year <= LAST_YEAR; year++) rows.addAll(platformYear(p, year));
            }
            rows.sort(Comparator.comparing((GmvRow r) -> r.month).thenComparing(r -> r.platform).thenComparing(r -> r.country));
            return rows;
        }

        List<GmvRow> platformYear(Platform platform, int year) {
            List<Presence> presences = footprints.get(platform.id());
            long target = targetCents(platform.id(), year);
            // In-year trend: a platform that grows 3x a year should not jump at every January.
            double growth = year > FIRST_GMV_YEAR
                    ? (double) target / targetCents(platform.id(), year - 1)
                    : (double) targetCents(platform.id(), year + 1) / target;
            growth = Math.max(0.5, Math.min(3.0, growth));

            double[][] cellWeight = new double[12][presences.size()];
            double[] monthWeight = new double[12];
            for (int m = 0; m < 12; m++) {
                YearMonth month = YearMonth.of(year, m + 1);
                for (int c = 0; c < presences.size(); c++) {
                    Presence pr = presences.get(c);
                    if (!trades(platform.id(), pr, month)) continue;
                    // New markets ramp up over their first six months instead of starting at full size.
                    long monthsLive = pr.firstMonth().until(month, ChronoUnit.MONTHS);
                    double ramp = pr.firstMonth().equals(FIRST_GMV_MONTH) ? 1.0 : Math.min(1.0, (monthsLive + 1) / 6.0);
                    cellWeight[m][c] = pr.weight() * ramp * GMV_SEASON[m] * StrictMath.pow(growth, (m - 5.5) / 12.0);
                    monthWeight[m] += cellWeight[m][c];
                }
            }

            long[] monthCents;
            if (QUARTERLY_PLATFORM_YEAR.equals(platform.id() + " " + year)) {
                // Reported per quarter: each quarter gets exactly a quarter of the year, then its months.
                monthCents = new long[12];
                long[] quarters = allocate(target, new double[] {1, 1, 1, 1});
                for (int q = 0; q < 4; q++) {
                    long[] inQuarter = allocate(quarters[q], new double[] {monthWeight[3 * q], monthWeight[3 * q + 1], monthWeight[3 * q + 2]});
                    System.arraycopy(inQuarter, 0, monthCents, 3 * q, 3);
                }
            } else {
                monthCents = allocate(target, monthWeight);
            }

            String fact = GMV_FACTS.get(platform.id() + " " + year);
            String source = fact == null ? "synthetic" : "synthetic, calibrated to " + fact;
            List<GmvRow> rows = new ArrayList<>();
            for (int m = 0; m < 12; m++) {
                if (monthCents[m] == 0) continue;
                YearMonth month = YearMonth.of(year, m + 1);
                long[] cents = allocate(monthCents[m], cellWeight[m]);
                for (int c = 0; c < presences.size(); c++) {
                    if (cellWeight[m][c] == 0) continue;
                    Presence pr = presences.get(c);
                    BigDecimal usd = BigDecimal.valueOf(cents[c], 2);
                    // The job converts back with round(gmv * usd_per_unit, 2): the USD total survives within cents.
                    BigDecimal local = usd.divide(fx.usdPerUnit(pr.currency(), month), 2, RoundingMode.HALF_UP);
                    long orders = Math.round(cents[c] / 100.0 / platform.avgOrderUsd());
                    rows.add(new GmvRow(platform.id(), pr.country(), month, local, pr.currency(), orders, source));
                }
            }
            return rows;
        }

        static boolean trades(String platform, Presence presence, YearMonth month) {
            return !month.isBefore(presence.firstMonth())
                    && !GAP_CELL.equals(platform + " " + presence.country() + " " + month);
        }
    }

    static void writeGmv(Output files, List<GmvRow> rows) throws IOException {
        String header = "platform_id,country_code,month,gmv,currency,orders,source";
        for (int year = FIRST_GMV_YEAR; year <= LAST_YEAR; year++) {
            List<String> lines = new ArrayList<>();
            for (GmvRow r : rows) {
                if (r.month.getYear() != year) continue;
                lines.add(year == LAST_YEAR ? gmvJson(r) : gmvCsv(r));
            }
            // Planted bad rows (listed in datasets/README.md). Each uses a key found nowhere else, except
            // the exact copy (DUPLICATE), so the quarantine never takes a good row with it.
            if (year == 2024) {
                lines.add(0, header);
                GmvRow copied = rows.stream()
                        .filter(r -> r.platform.equals("ebay") && r.country.equals("GB") && r.month.equals(YearMonth.of(2024, 2)))
                        .findFirst().orElseThrow();
                files.text("gmv/csv/gmv-2024.csv", lines, List.of(
                        csvLine("temu", "XX", "2024-04", "1000.00", "USD", "40", "bad row: UNKNOWN_COUNTRY"),
                        csvLine("ebay", "JP", "2024-05", "250000.00", "ZZZ", "5500", "bad row: UNKNOWN_CURRENCY"),
                        csvLine("shein", "IN", "2024-06", "12,5x", "INR", "10", "bad row: BAD_NUMBER"),
                        csvLine("aliexpress", "US", "2024-13", "5000.00", "USD", "160", "bad row: BAD_DATE"),
                        csvLine("", "US", "2024-08", "5000.00", "USD", "160", "bad row: MISSING_REQUIRED"),
                        gmvCsv(copied),
                        csvLine("ebay", "MX", "2024-09", "120000.00", "MXN", "140", "bad row: CONFLICTING_DUPLICATE"),
                        csvLine("ebay", "MX", "2024-09", "125000.00", "MXN", "140", "bad row: CONFLICTING_DUPLICATE")));
            } else if (year == LAST_YEAR) {
                files.text("gmv/jsonl/gmv-2025.jsonl", lines, List.of(
                        gmvJson(new GmvRow("wish_x", "US", YearMonth.of(2025, 3), new BigDecimal("75000.00"), "USD", 3000,
                                "bad row: UNKNOWN_PLATFORM")),
                        gmvJson(new GmvRow("walmart", "BR", YearMonth.of(2025, 7), new BigDecimal("-1500.00"), "BRL", 5,
                                "bad row: NEGATIVE_VALUE"))));
            } else {
                lines.add(0, header);
                files.text("gmv/csv/gmv-" + year + ".csv", lines, List.of());
            }
        }
    }

    static String gmvCsv(GmvRow r) {
        return csvLine(r.platform, r.country, r.month.toString(), r.gmv.toPlainString(), r.currency,
                Long.toString(r.orders), r.source);
    }

    static String gmvJson(GmvRow r) {
        return json("platform_id", r.platform, "country_code", r.country, "month", r.month.toString(),
                "gmv", new Num(r.gmv.toPlainString()), "currency", r.currency, "orders", new Num(Long.toString(r.orders)),
                "source", r.source);
    }

    // =====================================================================================
    // Shipments
    // =====================================================================================

    record Shipment(String id, LocalDate date, String platform, String origin, String destination, String model,
                    BigDecimal declaredValue, String currency, long parcels, BigDecimal weightKg) {}

    /** EU destinations of the low-value flows, with synthetic shares. */
    static final Map<String, Double> EU_DESTINATIONS = orderedWeights(
            "DE", 24, "FR", 18, "IT", 12, "ES", 12, "NL", 12, "PL", 9, "BE", 5, "SE", 4, "IE", 4);

    /** Every other destination ("rest of world" rows): synthetic shares of the daily rotation. */
    static final Map<String, Double> OTHER_DESTINATIONS = orderedWeights(
            "GB", 16, "BR", 13, "JP", 11, "KR", 9, "AU", 8, "CA", 8, "MX", 8, "TH", 8, "VN", 8, "ID", 7,
            "CL", 6, "PH", 6, "MY", 5, "SG", 4, "TW", 4, "SA", 4, "AE", 4, "IL", 4, "CO", 3, "NZ", 2,
            "AR", 2, "PE", 2, "IN", 2, "TR", 2, "ZA", 2, "NG", 1, "EG", 1);

    /** Destinations of the occasional local (origin = destination) rows outside the US and the EU. */
    static final Map<String, Double> OTHER_LOCAL_DESTINATIONS = orderedWeights(
            "BR", 15, "VN", 12, "TH", 12, "CL", 10, "ID", 10, "GB", 10, "MX", 8, "JP", 8, "AU", 6, "KR", 6, "CA", 6);

    /** Where each destination's exemption was abolished or cut: parcels from abroad fall, local ones rise. */
    static final Map<String, LocalDate> OTHER_POLICY_CHANGES = Map.of(
            "ID", LocalDate.of(2020, 1, 30), "TH", LocalDate.of(2024, 7, 5), "BR", LocalDate.of(2024, 8, 1),
            "VN", LocalDate.of(2025, 2, 18), "CL", LocalDate.of(2025, 10, 25));

    /** How strongly each platform sells cross-border / locally in the rest-of-world rotation (synthetic). */
    static final Map<String, Double> CROSS_BORDER_PULL = orderedWeights(
            "temu", 3, "shein", 2.5, "aliexpress", 2.5, "tiktok_shop", 1.5, "amazon", 1.2, "ebay", 0.8,
            "walmart", 0.3, "shopee", 2, "mercado_libre", 1.5, "allegro", 0.2, "coupang", 0.8);
    static final Map<String, Double> LOCAL_PULL = orderedWeights(
            "temu", 1.5, "shein", 1, "aliexpress", 0.5, "tiktok_shop", 2, "amazon", 3, "ebay", 1.5,
            "walmart", 2, "shopee", 3, "mercado_libre", 3, "allegro", 3, "coupang", 3);

    /** Builds the parcel rows day by day; each flow below is one row per day (or every 4th day). */
    static final class ShipmentGenerator {
        final FxTable fx;
        final List<Rule> rules;
        final Map<String, List<Presence>> footprints = footprints();
        final List<Shipment> rows = new ArrayList<>();

        ShipmentGenerator(FxTable fx, List<Rule> rules) {
            this.fx = fx;
            this.rules = rules;
        }

        List<Shipment> generate() {
            for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) generateYear(year);
            return rows;
        }

        void generateYear(int year) {
            List<LocalDate> days = new ArrayList<>();
            for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) days.add(d);

            SplittableRandom weightRng = rng("day-weights-" + year);
            double[] usWeights = dayWeights(days, growth(usLowValueVolume(year), usLowValueVolume(year - 1)), weightRng);
            double[] euWeights = dayWeights(days, growth(EU_LOW_VALUE.get(year), EU_LOW_VALUE.getOrDefault(year - 1, 0L)), weightRng);

            // Integer-exact split: the eligible parcel_count of a year adds up to its target exactly.
            long usLowValue = usLowValueVolume(year);
            long usFromChina = percentOf(usLowValue, US_CN_SHARE_PERCENT);
            long usFromElsewhere = usLowValue - usFromChina - (year == EDGE_ROW_DAY.getYear() ? 1 : 0);
            long[] usChinaDaily = allocate(usFromChina, usWeights);
            long[] usOtherDaily = allocate(usFromElsewhere, usWeights);
            long euLowValue = EU_LOW_VALUE.get(year);
            long euFromChina = percentOf(euLowValue, EU_CN_SHARE_PERCENT);
            long[] euChinaDaily = allocate(euFromChina, euWeights);
            long[] euOtherDaily = allocate(euLowValue - euFromChina, euWeights);

            SplittableRandom r = rng("shipments-" + year);
            double usDailyAverage = (double) usLowValue / days.size();
            double euDailyAverage = (double) euLowValue / days.size();
            for (int i = 0; i < days.size(); i++) {
                LocalDate day = days.get(i);
                DayRows out = new DayRows(day);
                // 2025 is not calibrated: the baseline is cut by the suspensions (exact figure printed by the verifier).
                long usChina = year == LAST_YEAR ? scaled(usChinaDaily[i], usChinaFactor(day)) : usChinaDaily[i];
                long usOther = year == LAST_YEAR ? scaled(usOtherDaily[i], usOtherFactor(day)) : usOtherDaily[i];
                out.add(usLowValueFromChina(day, usChina, r));
                out.add(usLowValueFromElsewhere(day, usOther, r));
                out.add(usLocal(day, r));
                out.add(euLowValueFromChina(day, euChinaDaily[i], r));
                out.add(euLowValueFromElsewhere(day, euOtherDaily[i], r));
                out.add(restOfWorldCrossBorder(day, r));
                // One rotating extra row keeps the file small: formal entries and local deliveries.
                switch ((int) (day.toEpochDay() % 4)) {
                    case 0 -> out.add(usFormalEntry(day, usDailyAverage, r));
                    case 1 -> out.add(euLocal(day, euDailyAverage, r));
                    case 2 -> out.add(euFormalEntry(day, euDailyAverage, r));
                    default -> out.add(restOfWorldLocal(day, r));
                }
                if (day.equals(EDGE_ROW_DAY)) {
                    out.add(parcel(day, "ebay", "GB", "US", "marketplace", 800.00, "USD", 1, 3.2));
                }
            }
        }

        // ---- US flows

        Shipment usLowValueFromChina(LocalDate day, long parcels, SplittableRandom r) {
            String platform = pickActive(r, usChinaPlatforms(day.getYear()), "US", day);
            String currency = r.nextDouble() < 0.85 ? "USD" : "CNY";
            return parcel(day, platform, "CN", "US", crossBorderModel(platform, day, r),
                    lowValueUsd(r, 6, 95), currency, parcels, lowValueWeight(r));
        }

        Shipment usLowValueFromElsewhere(LocalDate day, long parcels, SplittableRandom r) {
            String platform = pick(r, orderedWeights("amazon", 35, "ebay", 35, "walmart", 12, "aliexpress", 18));
            Map<String, Double> origins = orderedWeights("HK", 22, "CA", 14, "MX", 10, "GB", 12, "DE", 8, "JP", 8,
                    "KR", 8, "VN", 7, "IN", 5, "TW", 6);
            // After 2025-05-02 HK parcels lose de minimis like CN ones: this flow stays eligible until 2025-08-28.
            if (!day.isBefore(US_CN_HK_SUSPENSION)) origins.remove("HK");
            String origin = pick(r, origins);
            String currency = localisedCurrency(origin, r);
            return parcel(day, platform, origin, "US", "marketplace", lowValueUsd(r, 6, 95), currency, parcels,
                    lowValueWeight(r));
        }

        Shipment usFormalEntry(LocalDate day, double usDailyAverage, SplittableRandom r) {
            String platform = pickActive(r, orderedWeights("amazon", 40, "ebay", 30, "walmart", 15, "shein", 5,
                    "temu", 5, "aliexpress", 5), "US", day);
            String origin = PLATFORM_BY_ID.get(platform).chinese() ? "CN"
                    : pick(r, orderedWeights("CN", 50, "HK", 10, "GB", 10, "DE", 8, "JP", 8, "CA", 7, "MX", 7));
            long parcels = Math.max(1, Math.round(usDailyAverage * 4 * 0.015 * noise(r)));
            // Clearly above any US threshold (>= 1.5 x 800), whatever the FX wiggle.
            return parcel(day, platform, origin, "US", crossBorderModel(platform, day, r),
                    1300 + r.nextDouble() * 4700, localisedCurrency(origin, r), parcels, 2 + r.nextDouble() * 20);
        }

        Shipment usLocal(LocalDate day, SplittableRandom r) {
            double yearly = 15_000_000 * StrictMath.pow(1.33, day.getYear() - FIRST_YEAR);
            long parcels = Math.max(1, Math.round(yearly / day.lengthOfYear()
                    * PARCEL_SEASON[day.getMonthValue() - 1] * noise(r) * usLocalFactor(day)));
            String platform = pickActive(r, usLocalPlatforms(day), "US", day);
            return parcel(day, platform, "US", "US", localModel(platform, r), 8 + r.nextDouble() * 140, "USD",
                    parcels, 0.2 + r.nextDouble() * 4);
        }

        // ---- EU flows

        Shipment euLowValueFromChina(LocalDate day, long parcels, SplittableRandom r) {
            String destination = pick(r, EU_DESTINATIONS);
            String platform = pickActive(r, euChinaPlatforms(day.getYear()), destination, day);
            double u = r.nextDouble();
            String currency = u < 0.60 ? "USD" : u < 0.85 ? "EUR" : "CNY";
            return parcel(day, platform, "CN", destination, crossBorderModel(platform, day, r),
                    lowValueUsd(r, 4, 70), currency, parcels, lowValueWeight(r));
        }

        Shipment euLowValueFromElsewhere(LocalDate day, long parcels, SplittableRandom r) {
            String destination = pick(r, EU_DESTINATIONS);
            String platform = pick(r, orderedWeights("amazon", 35, "ebay", 35, "aliexpress", 20, "shein", 10));
            Map<String, Double> origins = orderedWeights("HK", 25, "US", 20, "GB", 20, "TR", 10, "KR", 8, "JP", 6,
                    "VN", 6, "IN", 5);
            // Before Brexit took effect, GB parcels were intra-EU: no customs, so no GB origin then.
            if (day.getYear() < 2021) origins.remove("GB");
            String origin = pick(r, origins);
            return parcel(day, platform, origin, destination, "marketplace", lowValueUsd(r, 4, 70),
                    localisedCurrency(origin, r), parcels, lowValueWeight(r));
        }

        Shipment euFormalEntry(LocalDate day, double euDailyAverage, SplittableRandom r) {
            String destination = pick(r, EU_DESTINATIONS);
            String platform = pick(r, orderedWeights("amazon", 50, "ebay", 30, "aliexpress", 20));
            Map<String, Double> origins = orderedWeights("CN", 60, "US", 20, "GB", 10, "HK", 10);
            if (day.getYear() < 2021) origins.remove("GB");
            String origin = pick(r, origins);
            long parcels = Math.max(1, Math.round(euDailyAverage * 4 * 0.01 * noise(r)));
            // >= US$450 is >= EUR 360 at any rate of the period: clearly above 1.5 x EUR 150.
            return parcel(day, platform, origin, destination, "marketplace", 450 + r.nextDouble() * 3000,
                    r.nextDouble() < 0.5 ? "EUR" : "USD", parcels, 2 + r.nextDouble() * 20);
        }

        Shipment euLocal(LocalDate day, double euDailyAverage, SplittableRandom r) {
            String destination = pick(r, orderedWeights("DE", 30, "FR", 20, "IT", 15, "ES", 15, "NL", 8, "PL", 10, "SE", 2));
            String platform = pickLocal(r, destination, day);
            long parcels = Math.max(1, Math.round(euDailyAverage * 4 * 0.10 * noise(r)));
            return parcel(day, platform, destination, destination, localModel(platform, r), 8 + r.nextDouble() * 140,
                    "EUR", parcels, 0.2 + r.nextDouble() * 4);
        }

        // ---- rest of the world

        Shipment restOfWorldCrossBorder(LocalDate day, SplittableRandom r) {
            String destination = pick(r, OTHER_DESTINATIONS);
            Map<String, Double> candidates = new LinkedHashMap<>();
            for (var e : CROSS_BORDER_PULL.entrySet()) {
                if (shipsTo(e.getKey(), destination, day)) candidates.put(e.getKey(), e.getValue());
            }
            String platform = pick(r, candidates);
            String origin = PLATFORM_BY_ID.get(platform).chinese()
                    ? (r.nextDouble() < 0.95 ? "CN" : "HK")
                    : pick(r, orderedWeights("CN", 70, "HK", 10, "US", 10, "GB", 5, "JP", 5));
            if (origin.equals(destination)) origin = "CN";
            YearMonth month = YearMonth.from(day);
            Rule rule = Rule.applicable(rules, COUNTRY_BY_CODE.get(destination).jurisdiction(), origin, day);
            double thresholdUsd = rule == null || rule.threshold().signum() == 0 ? 0
                    : rule.threshold().multiply(fx.usdPerUnit(rule.currency(), month)).doubleValue();
            boolean lowValue = r.nextDouble() < 0.8;
            double usd;
            if (thresholdUsd == 0) {
                usd = lowValueUsd(r, 4, 80);                  // no exemption: the value decides nothing
            } else if (lowValue && thresholdUsd * 0.5 >= 2) {
                usd = lowValueUsd(r, Math.max(1, 0.05 * thresholdUsd), Math.min(0.5 * thresholdUsd, 95));
            } else {
                lowValue = false;                              // formal entry, clearly above the threshold
                double floor = Math.max(1.6 * thresholdUsd, 5);
                usd = floor * (1 + 2 * r.nextDouble());
            }
            double base = 150_000 * StrictMath.pow(1.28, day.getYear() - FIRST_YEAR) * noise(r);
            LocalDate change = OTHER_POLICY_CHANGES.get(destination);
            if (change != null && !day.isBefore(change)) base *= 0.6;
            long parcels = Math.max(1, Math.round(lowValue || thresholdUsd == 0 ? base : base * 0.08));
            String currency = destination.equals("GB") && r.nextDouble() < 0.5 ? "GBP"
                    : origin.equals("CN") && r.nextDouble() < 0.2 ? "CNY" : "USD";
            return parcel(day, platform, origin, destination, crossBorderModel(platform, day, r), usd, currency,
                    parcels, lowValue ? lowValueWeight(r) : 2 + r.nextDouble() * 20);
        }

        Shipment restOfWorldLocal(LocalDate day, SplittableRandom r) {
            String destination = pick(r, OTHER_LOCAL_DESTINATIONS);
            String platform = pickLocal(r, destination, day);
            double parcels = 300_000 * StrictMath.pow(1.28, day.getYear() - FIRST_YEAR) * noise(r);
            LocalDate change = OTHER_POLICY_CHANGES.get(destination);
            if (change != null && !day.isBefore(change)) parcels *= 2;
            return parcel(day, platform, destination, destination, localModel(platform, r), 8 + r.nextDouble() * 140,
                    destination.equals("GB") ? "GBP" : "USD", Math.max(1, Math.round(parcels)), 0.2 + r.nextDouble() * 4);
        }

        // ---- platform activity

        /** Platforms' weights for CN -> US low-value parcels, following each one's rise (synthetic). */
        static Map<String, Double> usChinaPlatforms(int year) {
            if (year <= 2017) return orderedWeights("aliexpress", 35, "amazon", 30, "ebay", 20, "shein", 15);
            if (year <= 2019) return orderedWeights("aliexpress", 28, "amazon", 30, "ebay", 12, "shein", 30);
            if (year <= 2021) return orderedWeights("aliexpress", 22, "amazon", 25, "ebay", 8, "shein", 45, "walmart", 3);
            if (year == 2022) return orderedWeights("shein", 48, "amazon", 20, "aliexpress", 15, "ebay", 5, "walmart", 3, "temu", 30);
            if (year == 2023) return orderedWeights("temu", 38, "shein", 32, "amazon", 12, "aliexpress", 10,
                    "tiktok_shop", 6, "ebay", 2, "walmart", 3);
            return orderedWeights("temu", 42, "shein", 28, "tiktok_shop", 10, "amazon", 10, "aliexpress", 8, "ebay", 2, "walmart", 3);
        }

        static Map<String, Double> euChinaPlatforms(int year) {
            if (year <= 2019) return orderedWeights("aliexpress", 45, "amazon", 25, "ebay", 15, "shein", 15);
            if (year <= 2022) return orderedWeights("aliexpress", 35, "shein", 35, "amazon", 20, "ebay", 10);
            return orderedWeights("temu", 30, "shein", 30, "aliexpress", 25, "amazon", 10, "ebay", 5, "tiktok_shop", 5);
        }

        /** US local deliveries: after each suspension the Chinese platforms move stock into US warehouses. */
        static Map<String, Double> usLocalPlatforms(LocalDate day) {
            if (day.getYear() < 2023) return orderedWeights("amazon", 45, "walmart", 35, "ebay", 20);
            if (day.isBefore(US_CN_HK_SUSPENSION)) {
                return orderedWeights("amazon", 35, "walmart", 25, "ebay", 12, "shein", 8, "tiktok_shop", 12, "temu", 8);
            }
            return orderedWeights("amazon", 15, "walmart", 12, "ebay", 5, "shein", 18, "tiktok_shop", 22, "temu", 28);
        }

        /** A platform sells in a country on a day when its GMV footprint says so (earlier for TikTok's first markets). */
        boolean active(String platform, String country, LocalDate day) {
            for (Presence p : footprints.get(platform)) {
                if (!p.country().equals(country)) continue;
                if (p.firstMonth().equals(FIRST_GMV_MONTH)) {
                    return !platform.equals("tiktok_shop") || !day.isBefore(TIKTOK_SHOP_FIRST_DAY);
                }
                return !day.isBefore(p.firstMonth().atDay(1));
            }
            return false;
        }

        /** AliExpress and SHEIN ship to every country from their global storefronts. */
        boolean shipsTo(String platform, String country, LocalDate day) {
            return platform.equals("aliexpress") || platform.equals("shein") || active(platform, country, day);
        }

        /** Chinese platforms deliver from local stock only once their local programmes exist. */
        boolean deliversLocally(String platform, String country, LocalDate day) {
            if (!active(platform, country, day)) return false;
            return switch (platform) {
                case "temu" -> !day.isBefore(LocalDate.of(2024, 3, 1));
                case "shein", "aliexpress" -> day.getYear() >= 2023;
                default -> true;
            };
        }

        String pickActive(SplittableRandom r, Map<String, Double> weights, String country, LocalDate day) {
            Map<String, Double> live = new LinkedHashMap<>();
            for (var e : weights.entrySet()) if (shipsTo(e.getKey(), country, day)) live.put(e.getKey(), e.getValue());
            return pick(r, live);
        }

        String pickLocal(SplittableRandom r, String country, LocalDate day) {
            Map<String, Double> live = new LinkedHashMap<>();
            for (var e : LOCAL_PULL.entrySet()) if (deliversLocally(e.getKey(), country, day)) live.put(e.getKey(), e.getValue());
            return pick(r, live);
        }

        static String crossBorderModel(String platform, LocalDate day, SplittableRandom r) {
            double u = r.nextDouble();
            return switch (platform) {
                case "temu" -> day.isBefore(LocalDate.of(2024, 3, 1)) || u < 0.6 ? "fully_hosted" : "semi_hosted";
                case "shein" -> "fully_hosted";
                case "aliexpress" -> day.getYear() < 2023 || u < 0.5 ? "marketplace" : "fully_hosted";
                case "tiktok_shop" -> "semi_hosted";
                default -> "marketplace";
            };
        }

        static String localModel(String platform, SplittableRandom r) {
            double u = r.nextDouble();
            return switch (platform) {
                case "temu", "shein" -> u < 0.5 ? "overseas_hosted" : "local_seller";
                case "aliexpress" -> "overseas_hosted";
                case "tiktok_shop" -> u < 0.3 ? "overseas_hosted" : "local_seller";
                default -> "local_seller";
            };
        }

        // ---- values

        /** Declared currency: mostly US$, the sender's own currency for some GB / EU / CN parcels. */
        static String localisedCurrency(String origin, SplittableRandom r) {
            double u = r.nextDouble();
            return switch (origin) {
                case "GB" -> u < 0.7 ? "GBP" : "USD";
                case "DE" -> u < 0.7 ? "EUR" : "USD";
                case "CN" -> u < 0.2 ? "CNY" : "USD";
                default -> "USD";
            };
        }

        /** Skewed towards cheap items, like real low-value parcels. */
        static double lowValueUsd(SplittableRandom r, double low, double high) {
            double u = r.nextDouble();
            return low + (high - low) * u * u;
        }

        static double lowValueWeight(SplittableRandom r) {
            return 0.05 + 1.2 * r.nextDouble() * r.nextDouble();
        }

        Shipment parcel(LocalDate day, String platform, String origin, String destination, String model, double usd,
                        String currency, long parcels, double weightKg) {
            BigDecimal value = fx.fromUsd(usd, currency, YearMonth.from(day));
            return new Shipment(null, day, platform, origin, destination, model, value, currency, parcels,
                    BigDecimal.valueOf(weightKg).setScale(3, RoundingMode.HALF_UP));
        }

        /** Collects one day's rows and numbers them S<yyyyMMdd>-0001, -0002, ... */
        final class DayRows {
            final LocalDate day;
            int sequence;

            DayRows(LocalDate day) {
                this.day = day;
            }

            void add(Shipment s) {
                rows.add(new Shipment(shipmentId(day, ++sequence), s.date(), s.platform(), s.origin(), s.destination(),
                        s.model(), s.declaredValue(), s.currency(), s.parcels(), s.weightKg()));
            }
        }
    }

    static String shipmentId(LocalDate day, int sequence) {
        return String.format("S%s-%04d", day.format(DateTimeFormatter.BASIC_ISO_DATE), sequence);
    }

    /** Low-value parcels into the US by year: the calibrated target, or the synthetic 2025 baseline. */
    static long usLowValueVolume(int year) {
        if (year == LAST_YEAR) return US_LOW_VALUE_BASELINE_2025;
        return US_DE_MINIMIS.getOrDefault(year, 0L);
    }

    /** 2025: CN parcels to the US drop once they lose de minimis (2025-05-02), again when everyone does. */
    static double usChinaFactor(LocalDate day) {
        if (day.isBefore(US_CN_HK_SUSPENSION)) return 1.0;
        return day.isBefore(US_ALL_SUSPENSION) ? 0.35 : 0.20;
    }

    /** 2025: other origins first gain (sellers re-route) then drop after the global suspension. */
    static double usOtherFactor(LocalDate day) {
        if (day.isBefore(US_CN_HK_SUSPENSION)) return 1.0;
        return day.isBefore(US_ALL_SUSPENSION) ? 1.08 : 0.45;
    }

    /** 2025: local deliveries (origin US) rise after each suspension. */
    static double usLocalFactor(LocalDate day) {
        if (day.getYear() < LAST_YEAR || day.isBefore(US_CN_HK_SUSPENSION)) return 1.0;
        return day.isBefore(US_ALL_SUSPENSION) ? 1.7 : 2.8;
    }

    static long scaled(long parcels, double factor) {
        return Math.max(1, Math.round(parcels * factor));
    }

    static long percentOf(long total, int percent) {
        return (total * percent + 50) / 100;
    }

    static double growth(long thisYear, long lastYear) {
        return lastYear <= 0 ? 1.25 : Math.max(0.5, Math.min(3.0, (double) thisYear / lastYear));
    }

    /** Day weights of one year: season x weekday x in-year growth x +-12 % noise. */
    static double[] dayWeights(List<LocalDate> days, double growth, SplittableRandom r) {
        double[] w = new double[days.size()];
        for (int i = 0; i < w.length; i++) {
            LocalDate d = days.get(i);
            w[i] = PARCEL_SEASON[d.getMonthValue() - 1] * PARCEL_WEEKDAY[d.getDayOfWeek().getValue() - 1]
                    * StrictMath.pow(growth, (i - w.length / 2.0) / w.length) * (0.88 + 0.24 * r.nextDouble());
        }
        return w;
    }

    static double noise(SplittableRandom r) {
        return 0.7 + 0.6 * r.nextDouble();
    }

    static void writeShipments(Output files, List<Shipment> rows) throws IOException {
        String header = "shipment_id,ship_date,platform_id,origin_country,destination_country,fulfillment_model,"
                + "declared_value,currency,parcel_count,weight_kg";
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            List<String> lines = new ArrayList<>();
            List<Shipment> ofYear = new ArrayList<>();
            for (Shipment s : rows) if (s.date().getYear() == year) ofYear.add(s);
            for (Shipment s : ofYear) lines.add(year == LAST_YEAR ? shipmentJson(s) : shipmentCsv(s));
            // Planted bad rows (listed in datasets/README.md): distinct ids, parcel_count 1, so no figure moves.
            // Type errors live in CSV only; JSONL gets only rows whose JSON types are right, plus one cut-off line.
            if (year == LAST_YEAR) {
                files.text("shipments/2025/shipments-2025.jsonl", lines, List.of(
                        json("shipment_id", "S20250230-9013", "ship_date", "2025-02-30", "platform_id", "temu",
                                "origin_country", "CN", "destination_country", "GB", "fulfillment_model", "fully_hosted",
                                "declared_value", new Num("18.50"), "currency", "GBP", "parcel_count", new Num("1"),
                                "weight_kg", new Num("0.300")),
                        json("shipment_id", "S20250311-9014", "ship_date", "2025-03-11", "platform_id", "shein",
                                "origin_country", "CN", "destination_country", "ZZ", "fulfillment_model", "fully_hosted",
                                "declared_value", new Num("22.00"), "currency", "USD", "parcel_count", new Num("1"),
                                "weight_kg", new Num("0.400")),
                        "{\"shipment_id\":\"S20250704-9015\",\"ship_date\":\"2025-07-04\",\"platform_id\":\"temu\","
                                + "\"origin_country\":\"CN\",\"destination_country\":\"US\",\"declared_va"));
                continue;
            }
            lines.add(0, header);
            List<String> bad = new ArrayList<>();
            if (year == 2020) {
                bad.add(csvLine("S20200615-9012", "2020-06-15", "aliexpress", "CN", "US", "marketplace", "1500.00",
                        ONE_MONTH_CURRENCY, "1", "0.250"));
            }
            if (year == 2024) {
                // A local delivery in GB/BR/...: its exact copy is DUPLICATE, the original stays clean.
                Shipment original = ofYear.stream()
                        .filter(s -> s.date().getMonthValue() == 3 && s.origin().equals(s.destination())
                                && OTHER_LOCAL_DESTINATIONS.containsKey(s.destination()))
                        .findFirst().orElseThrow();
                bad.addAll(List.of(
                        csvLine("S20240305-9001", "2024-03-05", "wish_x", "CN", "US", "fully_hosted", "9.99", "USD", "1", "0.200"),
                        csvLine("S20240306-9002", "2024-03-06", "temu", "XX", "US", "fully_hosted", "12.00", "USD", "1", "0.200"),
                        csvLine("S20240307-9003", "2024-03-07", "temu", "CN", "US", "fully_hosted", "12.00", "ZZZ", "1", "0.200"),
                        csvLine("S20240308-9004", "2024-03-08", "temu", "CN", "US", "fully_hosted", "12,5x", "USD", "1", "0.200"),
                        csvLine("S20240309-9005", "2024-03-09", "temu", "CN", "US", "fully_hosted", "-15.00", "USD", "1", "0.200"),
                        csvLine("S20241301-9006", "2024-13-01", "temu", "CN", "US", "fully_hosted", "12.00", "USD", "1", "0.200"),
                        csvLine("S20990101-9007", "2099-01-01", "temu", "CN", "US", "fully_hosted", "12.00", "USD", "1", "0.200"),
                        csvLine("S20240310-9008", "2024-03-10", "temu", "CN", "US", "drone", "12.00", "USD", "1", "0.200"),
                        csvLine("S20240311-9009", "2024-03-11", "temu", "CN", "US", "fully_hosted", "12.00", "USD", "0", "0.200"),
                        csvLine("S20240312-9010", "2024-03-12", "temu", "CN", "US", "fully_hosted", "12.00", "1", "0.200"),
                        csvLine("", "2024-03-13", "temu", "CN", "US", "fully_hosted", "12.00", "USD", "1", "0.200"),
                        shipmentCsv(original),
                        csvLine("S20240704-9011", "2024-07-04", "shein", "CN", "US", "fully_hosted", "20.00", "USD", "1", "0.300"),
                        csvLine("S20240704-9011", "2024-07-04", "shein", "CN", "US", "fully_hosted", "25.00", "USD", "1", "0.300")));
            }
            files.text(String.format("shipments/%d/shipments-%d.csv", year, year), lines, bad);
        }
    }

    static String shipmentCsv(Shipment s) {
        return csvLine(s.id(), s.date().toString(), s.platform(), s.origin(), s.destination(), s.model(),
                s.declaredValue().toPlainString(), s.currency(), Long.toString(s.parcels()), s.weightKg().toPlainString());
    }

    static String shipmentJson(Shipment s) {
        return json("shipment_id", s.id(), "ship_date", s.date().toString(), "platform_id", s.platform(),
                "origin_country", s.origin(), "destination_country", s.destination(), "fulfillment_model", s.model(),
                "declared_value", new Num(s.declaredValue().toPlainString()), "currency", s.currency(),
                "parcel_count", new Num(Long.toString(s.parcels())), "weight_kg", new Num(s.weightKg().toPlainString()));
    }

    // =====================================================================================
    // Verification: read the written files back and recompute every calibrated figure
    // =====================================================================================

    static final class Verifier {
        final Path root;
        final Map<String, List<String>> badLines;
        boolean ok = true;

        Verifier(Path root, Map<String, List<String>> badLines) {
            this.root = root;
            this.badLines = badLines;
        }

        boolean run() throws IOException {
            Map<String, String> jurisdictionOf = new HashMap<>();
            for (List<String> row : readCsv(root.resolve("reference/countries.csv"))) {
                jurisdictionOf.put(row.get(0), row.get(3));
            }
            List<String[]> fxRows = new ArrayList<>();
            fxRows.add(new String[] {"currency", "month", "usd_per_unit"});
            for (List<String> row : readCsv(root.resolve("reference/fx_rates.csv"))) {
                fxRows.add(row.toArray(new String[0]));
            }
            FxTable fx = FxTable.of(fxRows);
            List<String[]> ruleRows = new ArrayList<>();
            for (List<String> row : readCsv(root.resolve("reference/de_minimis_rules.csv"))) {
                ruleRows.add(row.toArray(new String[0]));
            }
            List<Rule> rules = Rule.parseAll(ruleRows);
            Set<String> platforms = new HashSet<>();
            for (List<String> row : readCsv(root.resolve("reference/platforms.csv"))) platforms.add(row.get(0));

            checkRules(rules);
            verifyGmv(fx, jurisdictionOf, platforms);
            verifyShipments(fx, rules, jurisdictionOf, platforms);
            return ok;
        }

        void check(boolean condition, String message) {
            if (!condition) {
                ok = false;
                System.out.println("FAIL " + message);
            }
        }

        void checkRules(List<Rule> rules) {
            int overlaps = 0;
            for (Rule a : rules) {
                for (Rule b : rules) {
                    if (a == b || !a.jurisdiction().equals(b.jurisdiction()) || !a.originScope().equals(b.originScope())) continue;
                    LocalDate aEnd = a.validTo() == null ? LocalDate.MAX : a.validTo();
                    LocalDate bEnd = b.validTo() == null ? LocalDate.MAX : b.validTo();
                    if (a.validFrom().isBefore(bEnd) && b.validFrom().isBefore(aEnd)) overlaps++;
                }
            }
            check(overlaps == 0, "de minimis rules overlap");
            System.out.printf("de_minimis_rules: %d rules, no overlaps of the same jurisdiction + origin_scope%n", rules.size());
        }

        /** Data lines of a file minus its planted bad lines (one occurrence each, the last one for the duplicate). */
        List<String> goodLines(Path file, String relative, boolean hasHeader) throws IOException {
            List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
            if (hasHeader) lines.remove(0);
            for (String bad : badLines.getOrDefault(relative, List.of())) {
                int at = lines.lastIndexOf(bad);
                check(at >= 0, "planted bad line not found in " + relative + ": " + bad);
                if (at >= 0) lines.remove(at);
            }
            return lines;
        }

        void verifyGmv(FxTable fx, Map<String, String> jurisdictionOf, Set<String> platforms) throws IOException {
            Map<String, BigDecimal> usdByPlatformYear = new TreeMap<>();
            Map<String, BigDecimal> usdByQuarter = new TreeMap<>();
            Map<String, BigDecimal> usdBySeriesYear = new TreeMap<>();
            Map<String, Set<YearMonth>> monthsBySeries = new TreeMap<>();
            Set<String> keys = new HashSet<>();
            Set<String> countries = new TreeSet<String>();
            int rows = 0;
            for (int year = FIRST_GMV_YEAR; year <= LAST_YEAR; year++) {
                boolean jsonl = year == LAST_YEAR;
                String relative = jsonl ? "gmv/jsonl/gmv-2025.jsonl" : "gmv/csv/gmv-" + year + ".csv";
                for (String line : goodLines(root.resolve(relative), relative, !jsonl)) {
                    Map<String, String> f = jsonl ? parseJson(line) : zip(GMV_COLUMNS, parseCsvLine(line));
                    rows++;
                    String platform = f.get("platform_id"), country = f.get("country_code"), currency = f.get("currency");
                    YearMonth month = YearMonth.parse(f.get("month"));
                    check(platforms.contains(platform) && jurisdictionOf.containsKey(country) && fx.has(currency, month),
                            "gmv row with unknown code: " + line);
                    check(keys.add(platform + " " + country + " " + month), "duplicate gmv key: " + line);
                    countries.add(country);
                    BigDecimal usd = new BigDecimal(f.get("gmv")).multiply(fx.usdPerUnit(currency, month))
                            .setScale(2, RoundingMode.HALF_UP);
                    usdByPlatformYear.merge(platform + " " + month.getYear(), usd, BigDecimal::add);
                    usdBySeriesYear.merge(platform + " " + country + " " + month.getYear(), usd, BigDecimal::add);
                    usdByQuarter.merge(platform + " " + month.getYear() + "-Q" + ((month.getMonthValue() + 2) / 3), usd, BigDecimal::add);
                    monthsBySeries.computeIfAbsent(platform + " " + country + " " + month.getYear(), k -> new TreeSet<>()).add(month);
                }
            }
            System.out.printf("%ngmv: %d good rows, %d countries; planted bad rows: %d (%.2f %%)%n", rows, countries.size(),
                    badCount("gmv/"), 100.0 * badCount("gmv/") / (rows + badCount("gmv/")));
            System.out.println("\n| platform | year | target US$ | job round trip US$ | diff US$ |");
            System.out.println("|---|---|---:|---:|---:|");
            double maxRelative = 0;
            for (Platform p : PLATFORMS) {
                for (int year = FIRST_GMV_YEAR; year <= LAST_YEAR; year++) {
                    BigDecimal target = BigDecimal.valueOf(targetCents(p.id(), year), 2);
                    BigDecimal back = usdByPlatformYear.getOrDefault(p.id() + " " + year, BigDecimal.ZERO);
                    BigDecimal diff = back.subtract(target);
                    maxRelative = Math.max(maxRelative, Math.abs(diff.doubleValue() / target.doubleValue()));
                    check(diff.abs().compareTo(new BigDecimal("100")) < 0, "gmv round trip off for " + p.id() + " " + year);
                    System.out.printf("| %s | %d | %s | %s | %s |%n", p.id(), year, money(target), money(back), diff.toPlainString());
                }
            }
            System.out.printf("max relative round-trip error: %.3e (%.7f %%)%n", maxRelative, maxRelative * 100);
            check(maxRelative < 1e-6, "gmv round trip error >= 0.0001 %");
            for (int q = 1; q <= 4; q++) {
                System.out.printf("ebay 2024-Q%d: %s%n", q, money(usdByQuarter.get("ebay 2024-Q" + q)));
            }
            System.out.println("temu US months 2022: " + monthsBySeries.get("temu US 2022").size()
                    + ", 2023: " + monthsBySeries.get("temu US 2023").size());
            System.out.println("walmart MX months 2023/2024/2025: " + monthsBySeries.get("walmart MX 2023").size() + "/"
                    + monthsBySeries.get("walmart MX 2024").size() + "/" + monthsBySeries.get("walmart MX 2025").size());
            check(monthsBySeries.get("walmart MX 2024").size() == 11, "walmart MX 2024 should have 11 months");
            System.out.println("\nseries (platform country) not covering every month 2022-01..2025-12:");
            Map<String, String> partialYears = new TreeMap<>();
            for (var e : monthsBySeries.entrySet()) {
                String[] k = e.getKey().split(" ");
                if (e.getValue().size() < 12) {
                    partialYears.merge(k[0] + " " + k[1], k[2] + ": " + e.getValue().size() + " months from "
                            + e.getValue().iterator().next(), (a, b) -> a + ", " + b);
                }
            }
            partialYears.forEach((k, v) -> System.out.println("  " + k + " -> " + v));
            System.out.println("\nselected series, job round trip US$ per year:");
            for (String series : List.of("temu US", "walmart MX", "tiktok_shop US")) {
                StringBuilder line = new StringBuilder("  " + series + ":");
                for (int year = FIRST_GMV_YEAR; year <= LAST_YEAR; year++) {
                    BigDecimal v = usdBySeriesYear.get(series + " " + year);
                    line.append(String.format(" %d %s (%d months);", year, v == null ? "-" : money(v),
                            monthsBySeries.getOrDefault(series + " " + year, Set.of()).size()));
                }
                System.out.println(line);
            }
        }

        void verifyShipments(FxTable fx, List<Rule> rules, Map<String, String> jurisdictionOf, Set<String> platforms)
                throws IOException {
            Set<String> models = Set.of("fully_hosted", "semi_hosted", "overseas_hosted", "local_seller", "marketplace");
            Set<String> ids = new HashSet<>();
            Set<LocalDate> daysSeen = new HashSet<>();
            Map<String, long[]> byYear = new TreeMap<>();      // see YEAR_* indexes
            Map<String, Long> eligibleByJurisdictionYear = new TreeMap<>();
            Map<YearMonth, long[]> usMonthly = new TreeMap<>(); // parcels, cross-border, eligible, local, CN cross-border, CN eligible
            double maxEligibleRatio = 0, minIneligibleRatio = Double.MAX_VALUE;
            int edgeRows = 0, rows = 0;
            long maxParcels = 0;
            for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
                boolean jsonl = year == LAST_YEAR;
                String relative = jsonl ? "shipments/2025/shipments-2025.jsonl"
                        : String.format("shipments/%d/shipments-%d.csv", year, year);
                for (String line : goodLines(root.resolve(relative), relative, !jsonl)) {
                    Map<String, String> f = jsonl ? parseJson(line) : zip(SHIPMENT_COLUMNS, parseCsvLine(line));
                    rows++;
                    LocalDate day = LocalDate.parse(f.get("ship_date"));
                    YearMonth month = YearMonth.from(day);
                    String origin = f.get("origin_country"), destination = f.get("destination_country");
                    String currency = f.get("currency");
                    BigDecimal value = new BigDecimal(f.get("declared_value"));
                    long parcels = Long.parseLong(f.get("parcel_count"));
                    maxParcels = Math.max(maxParcels, parcels);
                    check(ids.add(f.get("shipment_id")), "duplicate shipment_id " + f.get("shipment_id"));
                    check(platforms.contains(f.get("platform_id")) && jurisdictionOf.containsKey(origin)
                            && jurisdictionOf.containsKey(destination) && fx.has(currency, month)
                            && models.contains(f.get("fulfillment_model")) && parcels >= 1 && value.signum() >= 0
                            && new BigDecimal(f.get("weight_kg")).signum() > 0 && day.getYear() == year,
                            "invalid good shipment row: " + line);
                    daysSeen.add(day);

                    boolean crossBorder = !origin.equals(destination);
                    String jurisdiction = jurisdictionOf.get(destination);
                    boolean eligible = false;
                    if (crossBorder) {
                        Rule rule = Rule.applicable(rules, jurisdiction, origin, day);
                        if (rule != null && rule.threshold().signum() > 0) {
                            BigDecimal inRuleCurrency = fx.convert(value, currency, rule.currency(), month);
                            eligible = inRuleCurrency.compareTo(rule.threshold()) <= 0;
                            double ratio = inRuleCurrency.doubleValue() / rule.threshold().doubleValue();
                            boolean edge = day.equals(EDGE_ROW_DAY) && value.compareTo(new BigDecimal("800.00")) == 0;
                            if (edge) {
                                edgeRows++;
                                check(eligible, "edge row must be eligible");
                            } else if (eligible) {
                                maxEligibleRatio = Math.max(maxEligibleRatio, ratio);
                            } else {
                                minIneligibleRatio = Math.min(minIneligibleRatio, ratio);
                            }
                        }
                    }
                    String y = Integer.toString(year);
                    long[] world = byYear.computeIfAbsent("WORLD " + y, k -> new long[4]);
                    add(world, parcels, crossBorder, eligible, false);
                    long[] toJurisdiction = byYear.computeIfAbsent(jurisdiction + " " + y, k -> new long[4]);
                    add(toJurisdiction, parcels, crossBorder, eligible, origin.equals("CN"));
                    if (eligible) eligibleByJurisdictionYear.merge(jurisdiction + " " + y, parcels, Long::sum);
                    if (destination.equals("US") && year == LAST_YEAR) {
                        long[] m = usMonthly.computeIfAbsent(month, k -> new long[6]);
                        m[0] += parcels;
                        if (crossBorder) m[1] += parcels;
                        if (eligible) m[2] += parcels;
                        if (!crossBorder) m[3] += parcels;
                        if (origin.equals("CN")) m[4] += parcels;
                        if (origin.equals("CN") && eligible) m[5] += parcels;
                    }
                }
            }
            long expectedDays = ChronoUnit.DAYS.between(FIRST_DAY, LAST_DAY) + 1;
            check(daysSeen.size() == expectedDays, "not every day has rows");
            check(edgeRows == 1, "expected exactly one edge row, found " + edgeRows);
            check(maxEligibleRatio <= 0.6, "an eligible parcel is above 60 % of its threshold");
            check(minIneligibleRatio >= 1.5, "a non-eligible parcel is below 150 % of its threshold");
            check(maxParcels <= Integer.MAX_VALUE, "parcel_count exceeds int");
            System.out.printf("%nshipments: %d good rows over %d days (%.1f rows/day); planted bad rows: %d (%.3f %%)%n",
                    rows, daysSeen.size(), (double) rows / daysSeen.size(), badCount("shipments/"),
                    100.0 * badCount("shipments/") / (rows + badCount("shipments/")));
            System.out.printf("eligible parcels: max value/threshold %.4f (edge row 1.0000 excluded); "
                    + "non-eligible cross-border under a positive threshold: min value/threshold %.4f%n",
                    maxEligibleRatio, minIneligibleRatio);

            System.out.println("\n| year | US parcels | US cross-border | US de minimis | target | CN share of US de minimis"
                    + " | EU low-value | target | CN share of EU | world parcels | world cross-border | world de minimis |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
                long[] us = byYear.get("US " + year), eu = byYear.get("EU " + year), world = byYear.get("WORLD " + year);
                Long usTarget = US_DE_MINIMIS.get(year), euTarget = EU_LOW_VALUE.get(year);
                if (usTarget != null) check(us[2] == usTarget, "US de minimis " + year + ": " + us[2] + " != " + usTarget);
                check(eu[2] == euTarget, "EU low-value " + year + ": " + eu[2] + " != " + euTarget);
                System.out.printf("| %d | %s | %s | %s | %s | %.4f | %s | %s | %.4f | %s | %s | %s |%n", year, n(us[0]), n(us[1]),
                        n(us[2]), usTarget == null ? "synthetic" : n(usTarget), (double) us[3] / us[2], n(eu[2]), n(euTarget),
                        (double) eu[3] / eu[2], n(world[0]), n(world[1]), n(world[2]));
            }
            System.out.println("\nde minimis-eligible parcels by customs jurisdiction and year (all computed from the rules):");
            Map<String, Map<Integer, Long>> table = new TreeMap<>();
            eligibleByJurisdictionYear.forEach((k, v) -> {
                String[] p = k.split(" ");
                table.computeIfAbsent(p[0], x -> new TreeMap<>()).put(Integer.parseInt(p[1]), v);
            });
            StringBuilder head = new StringBuilder("| jurisdiction |");
            for (int y = FIRST_YEAR; y <= LAST_YEAR; y++) head.append(' ').append(y).append(" |");
            System.out.println(head);
            System.out.println("|---|" + "---:|".repeat(LAST_YEAR - FIRST_YEAR + 1));
            table.forEach((j, byY) -> {
                StringBuilder line = new StringBuilder("| " + j + " |");
                for (int y = FIRST_YEAR; y <= LAST_YEAR; y++) line.append(' ').append(n(byY.getOrDefault(y, 0L))).append(" |");
                System.out.println(line);
            });

            System.out.println("\nUS 2025 by month:");
            System.out.println("| month | parcels | cross-border | de minimis | local (origin US) | local share | CN-origin | CN-origin de minimis |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
            usMonthly.forEach((m, v) -> System.out.printf("| %s | %s | %s | %s | %s | %.4f | %s | %s |%n", m, n(v[0]), n(v[1]),
                    n(v[2]), n(v[3]), (double) v[3] / v[0], n(v[4]), n(v[5])));
            window(usMonthly, "US * 2025-08-29 (all origins)", 5, 9);
            window(usMonthly, "US CN/HK 2025-05-02", 2, 6);
        }

        /** DESIGN.md §5 policy window: 3 whole months before the event month vs 3 after it. */
        void window(Map<YearMonth, long[]> usMonthly, String label, int firstBefore, int firstAfter) {
            long[] before = new long[6], after = new long[6];
            for (int i = 0; i < 3; i++) {
                long[] b = usMonthly.get(YearMonth.of(2025, firstBefore + i)), a = usMonthly.get(YearMonth.of(2025, firstAfter + i));
                for (int k = 0; k < 6; k++) {
                    before[k] += b[k];
                    after[k] += a[k];
                }
            }
            System.out.printf("%nwindow %s: before %s..%s, after %s..%s%n", label, YearMonth.of(2025, firstBefore),
                    YearMonth.of(2025, firstBefore + 2), YearMonth.of(2025, firstAfter), YearMonth.of(2025, firstAfter + 2));
            System.out.printf("  cross-border %s -> %s (%+.2f %%), de minimis %s -> %s, local share %.4f -> %.4f,"
                    + " CN-origin %s -> %s, CN-origin de minimis %s -> %s%n",
                    n(before[1]), n(after[1]), 100.0 * after[1] / before[1] - 100, n(before[2]), n(after[2]),
                    (double) before[3] / before[0], (double) after[3] / after[0], n(before[4]), n(after[4]), n(before[5]), n(after[5]));
        }

        static void add(long[] totals, long parcels, boolean crossBorder, boolean eligible, boolean fromChina) {
            totals[0] += parcels;
            if (crossBorder) totals[1] += parcels;
            if (eligible) totals[2] += parcels;
            if (eligible && fromChina) totals[3] += parcels;
        }

        int badCount(String prefix) {
            int count = 0;
            for (var e : badLines.entrySet()) if (e.getKey().startsWith(prefix)) count += e.getValue().size();
            return count;
        }

        List<List<String>> readCsv(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<List<String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) rows.add(parseCsvLine(line));
            return rows;
        }
    }

    static final String[] GMV_COLUMNS = {"platform_id", "country_code", "month", "gmv", "currency", "orders", "source"};
    static final String[] SHIPMENT_COLUMNS = {"shipment_id", "ship_date", "platform_id", "origin_country",
        "destination_country", "fulfillment_model", "declared_value", "currency", "parcel_count", "weight_kg"};

    static Map<String, String> zip(String[] names, List<String> values) {
        if (values.size() != names.length) throw new IllegalStateException("expected " + names.length + " fields: " + values);
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < names.length; i++) m.put(names[i], values.get(i));
        return m;
    }

    // =====================================================================================
    // Files, CSV and JSON
    // =====================================================================================

    /** Writes files under the output folder and remembers which planted bad lines went where. */
    static final class Output {
        final Path root;
        final Map<String, List<String>> badLines = new TreeMap<>();
        final List<String> written = new ArrayList<>();

        Output(Path root) {
            this.root = root;
        }

        void csv(String relative, List<String[]> rows) throws IOException {
            List<String> lines = new ArrayList<>();
            for (String[] row : rows) lines.add(csvLine(row));
            text(relative, lines, List.of());
        }

        /** Good lines first, then the planted bad lines (documented in datasets/README.md). */
        void text(String relative, List<String> goodLines, List<String> bad) throws IOException {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            StringBuilder sb = new StringBuilder();
            for (String line : goodLines) sb.append(line).append('\n');
            for (String line : bad) sb.append(line).append('\n');
            Files.deleteIfExists(file);
            Files.writeString(file, sb, StandardCharsets.UTF_8);
            written.add(relative);
            if (!bad.isEmpty()) badLines.put(relative, bad);
        }
    }

    /** RFC 4180: quote only fields that need it, double the quotes inside. */
    static String csvLine(String... fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) sb.append(',');
            String f = fields[i];
            if (f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")) {
                sb.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(f);
            }
        }
        return sb.toString();
    }

    static List<String> parseCsvLine(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        fields.add(current.toString());
        return fields;
    }

    /** Marks a JSON value to be written as a number, not a string. */
    record Num(String text) {}

    static String json(Object... keysAndValues) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (i > 0) sb.append(',');
            sb.append('"').append(keysAndValues[i]).append("\":");
            Object v = keysAndValues[i + 1];
            if (v instanceof Num n) {
                sb.append(n.text());
            } else {
                sb.append('"').append(v.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return sb.append('}').toString();
    }

    /** Enough JSON for the flat objects this program writes: string and number values. */
    static Map<String, String> parseJson(String line) {
        Map<String, String> m = new HashMap<>();
        int i = line.indexOf('{') + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '}') break;
            if (c == ',' || c == ' ') {
                i++;
                continue;
            }
            int[] end = new int[1];
            String key = readJsonString(line, i, end);
            i = line.indexOf(':', end[0]) + 1;
            String value;
            if (line.charAt(i) == '"') {
                value = readJsonString(line, i, end);
                i = end[0];
            } else {
                int j = i;
                while (j < line.length() && line.charAt(j) != ',' && line.charAt(j) != '}') j++;
                value = line.substring(i, j).trim();
                i = j;
            }
            m.put(key, value);
        }
        return m;
    }

    static String readJsonString(String s, int start, int[] end) {
        StringBuilder sb = new StringBuilder();
        int i = start + 1;
        while (s.charAt(i) != '"') {
            if (s.charAt(i) == '\\') i++;
            sb.append(s.charAt(i++));
        }
        end[0] = i + 1;
        return sb.toString();
    }

    // =====================================================================================
    // Small helpers
    // =====================================================================================

    /** An independent stream per purpose, so changing one flow does not reshuffle the others. */
    static SplittableRandom rng(String purpose) {
        return new SplittableRandom(SEED * 1_000_003L + purpose.hashCode());
    }

    static <T> T pick(SplittableRandom r, Map<T, Double> weights) {
        if (weights.isEmpty()) throw new IllegalStateException("nothing to pick from");
        double total = 0;
        for (double w : weights.values()) total += w;
        double x = r.nextDouble() * total;
        T last = null;
        for (var e : weights.entrySet()) {
            last = e.getKey();
            x -= e.getValue();
            if (x < 0) return last;
        }
        return last;
    }

    /**
     * Largest-remainder split of an integer total by weights: the parts add up to the total exactly.
     * Ties go to the lower index, so the result is deterministic.
     */
    static long[] allocate(long total, double[] weights) {
        double sum = 0;
        for (double w : weights) sum += w;
        long[] parts = new long[weights.length];
        double[] remainders = new double[weights.length];
        long assigned = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = total * (weights[i] / sum);
            parts[i] = (long) StrictMath.floor(exact);
            remainders[i] = exact - parts[i];
            assigned += parts[i];
        }
        long left = total - assigned;
        if (left < 0 || left > weights.length) throw new IllegalStateException("allocation drifted: " + left);
        Integer[] order = new Integer[weights.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> remainders[a] != remainders[b] ? Double.compare(remainders[b], remainders[a]) : Integer.compare(a, b));
        for (int k = 0; k < left; k++) parts[order[k]]++;
        return parts;
    }

    static void anchors(String currency, double... annual) {
        if (annual.length != LAST_YEAR - FIRST_YEAR + 1) throw new IllegalStateException("need 11 anchors for " + currency);
        LOCAL_PER_USD.put(currency, annual);
    }

    static Map<String, Double> orderedWeights(Object... keysAndWeights) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndWeights.length; i += 2) {
            m.put((String) keysAndWeights[i], ((Number) keysAndWeights[i + 1]).doubleValue());
        }
        return m;
    }

    static Map<Integer, Long> orderedLongs(Object... keysAndValues) {
        Map<Integer, Long> m = new TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((Integer) keysAndValues[i], (Long) keysAndValues[i + 1]);
        return m;
    }

    static Map<String, String[]> splitValues(String... keysAndValues) {
        Map<String, String[]> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put(keysAndValues[i], keysAndValues[i + 1].split(" "));
        return m;
    }

    static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put(keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    static List<String[]> withHeader(String header, String[][] rows) {
        List<String[]> all = new ArrayList<>();
        all.add(header.split(","));
        all.addAll(List.of(rows));
        return all;
    }

    static String n(long v) {
        return String.format("%,d", v);
    }

    static String money(BigDecimal v) {
        return String.format("%,.2f", v);
    }
}
