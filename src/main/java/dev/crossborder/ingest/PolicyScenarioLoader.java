package dev.crossborder.ingest;

import static dev.crossborder.model.Columns.*;

import dev.crossborder.config.JobOptions;
import dev.crossborder.ingest.ReferenceData.FxRate;
import dev.crossborder.ingest.ReferenceData.ScenarioRule;
import dev.crossborder.ingest.ReferenceLoader.Line;
import dev.crossborder.model.JobException;
import dev.crossborder.model.OriginScope;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/**
 * Reads and checks the policy scenarios (DESIGN.md §7): {@code --scenarios FILE}, else
 * reference/policy_scenarios.csv when present. Like the reference files they are small and must be right: the
 * first bad row stops the run before any data is read (exit 2), naming the file, the line and the problem.
 */
final class PolicyScenarioLoader {
  private PolicyScenarioLoader() {}

  static final String FILE = "policy_scenarios.csv";
  static final List<String> COLUMNS = List.of(SCENARIO_ID, DESCRIPTION, JURISDICTION, ORIGIN_SCOPE, THRESHOLD,
      CURRENCY, DUTY_PER_PARCEL, DUTY_RATE, APPLIES_FROM, APPLIES_TO, SOURCE);
  static final List<String> REQUIRED_COLUMNS = List.of(SCENARIO_ID, DESCRIPTION, JURISDICTION, ORIGIN_SCOPE,
      THRESHOLD, CURRENCY, APPLIES_FROM, APPLIES_TO);
  private static final Pattern SCENARIO_ID_PATTERN = Pattern.compile("[a-z0-9_]{1,64}");

  /** {@code reference} with the scenarios of {@code scenariosFile}, or of the reference folder's file if any. */
  static ReferenceData withScenarios(SparkSession spark, ReferenceData reference, String referenceFolder,
      String scenariosFile) {
    var file = ReferenceLoader.optionalFile(spark, referenceFolder, FILE, scenariosFile, JobOptions.SCENARIOS,
        "policy scenarios (see docs/data-dictionary.md)");
    if (file.isEmpty()) {
      return reference;
    }
    String path = file.get().path();
    String name = file.get().name();
    List<Parsed> parsed = ReferenceLoader.parse(spark, path, name, COLUMNS, REQUIRED_COLUMNS,
        line -> new Parsed(rule(line), line));
    check(parsed, reference);
    return new ReferenceData(reference.platforms(), reference.countries(), reference.fxRates(),
        reference.deMinimisRules(), reference.benchmarks(), parsed.stream().map(Parsed::rule).toList());
  }

  /** A rule and the line it came from, for the checks across lines. */
  private record Parsed(ScenarioRule rule, Line line) {}

  private static ScenarioRule rule(Line line) {
    String scenarioId = line.matching(SCENARIO_ID, SCENARIO_ID_PATTERN, "a lower-case id like eu_3eur_2025");
    String originScope = line.required(ORIGIN_SCOPE);
    if (!originScope.equals(OriginScope.ANY) && !ReferenceLoader.COUNTRY_PATTERN.matcher(originScope).matches()) {
      throw JobException.input(line.at() + ": origin_scope '" + originScope + "' is not * or a country code");
    }
    LocalDate appliesFrom = line.date(APPLIES_FROM);
    LocalDate appliesTo = line.date(APPLIES_TO);
    if (!appliesTo.isAfter(appliesFrom)) {
      throw JobException.input(line.at() + ": applies_to " + appliesTo + " is not after applies_from " + appliesFrom
          + " (applies_to is exclusive: the first ship date the scenario no longer covers)");
    }
    return new ScenarioRule(
        scenarioId,
        line.required(DESCRIPTION),
        line.matching(JURISDICTION, Pattern.compile("[A-Z]{2}"), "EU or a country code"),
        originScope,
        line.decimal(THRESHOLD, BigDecimal.ZERO, true, ReferenceData.AMOUNT_TYPE),
        line.matching(CURRENCY, ReferenceLoader.CURRENCY_PATTERN, "an ISO 4217 code like EUR"),
        line.optional(DUTY_PER_PARCEL) == null ? BigDecimal.ZERO
            : line.decimal(DUTY_PER_PARCEL, BigDecimal.ZERO, true, ReferenceData.AMOUNT_TYPE),
        line.optional(DUTY_RATE) == null ? BigDecimal.ZERO
            : line.decimal(DUTY_RATE, BigDecimal.ZERO, true, ReferenceData.DUTY_RATE_TYPE),
        appliesFrom,
        appliesTo);
  }

  /** What one line cannot tell: known codes, rates for every month of the window, overlaps, one description. */
  private static void check(List<Parsed> parsed, ReferenceData reference) {
    Set<String> jurisdictions = new HashSet<>();
    reference.countries().forEach(c -> jurisdictions.add(c.customsJurisdiction()));
    Set<String> countryCodes = reference.countryCodes();
    Set<String> ratesByCurrencyMonth = new HashSet<>();
    for (FxRate rate : reference.fxRates()) {
      ratesByCurrencyMonth.add(rate.currency() + " " + rate.month());
    }
    Set<String> currencies = reference.currencies();
    Map<String, Parsed> firstOfScenario = new HashMap<>();
    List<Parsed> seen = new ArrayList<>();
    for (Parsed current : parsed) {
      ScenarioRule rule = current.rule();
      String at = current.line().at();
      if (!jurisdictions.contains(rule.jurisdiction())) {
        throw JobException.input(at + ": unknown jurisdiction '" + rule.jurisdiction()
            + "' (a customs_jurisdiction of countries.csv)");
      }
      if (!rule.originScope().equals(OriginScope.ANY) && !countryCodes.contains(rule.originScope())) {
        throw JobException.input(at + ": unknown origin_scope '" + rule.originScope() + "' (* or a country of"
            + " countries.csv)");
      }
      if (!currencies.contains(rule.currency())) {
        throw JobException.input(at + ": unknown currency '" + rule.currency() + "' (a currency of fx_rates.csv)");
      }
      YearMonth last = YearMonth.from(rule.appliesTo().minusDays(1));
      for (YearMonth month = YearMonth.from(rule.appliesFrom()); !month.isAfter(last); month = month.plusMonths(1)) {
        if (!ratesByCurrencyMonth.contains(rule.currency() + " " + month)) {
          throw JobException.input(at + ": fx_rates.csv has no " + rule.currency() + " rate for " + month
              + ", a month of the window " + rule.appliesFrom() + " to " + rule.appliesTo()
              + "; add the rate or narrow the window");
        }
      }
      Parsed first = firstOfScenario.putIfAbsent(rule.scenarioId(), current);
      if (first != null && !first.rule().description().equals(rule.description())) {
        throw JobException.input(at + ": scenario " + rule.scenarioId() + " has another description on line "
            + first.line().lineNumber() + "; give every row of a scenario the same description");
      }
      for (Parsed earlier : seen) {
        ScenarioRule other = earlier.rule();
        boolean sameScope = other.scenarioId().equals(rule.scenarioId())
            && other.jurisdiction().equals(rule.jurisdiction()) && other.originScope().equals(rule.originScope());
        if (sameScope && rule.appliesFrom().isBefore(other.appliesTo())
            && other.appliesFrom().isBefore(rule.appliesTo())) {
          throw JobException.input(at + ": overlaps line " + earlier.line().lineNumber() + " (scenario "
              + rule.scenarioId() + ", jurisdiction " + rule.jurisdiction() + " and origin_scope "
              + rule.originScope() + " on the same ship dates); end one window where the next begins");
        }
      }
      seen.add(current);
    }
  }
}
