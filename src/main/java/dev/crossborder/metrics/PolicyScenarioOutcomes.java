package dev.crossborder.metrics;

import static dev.crossborder.model.Columns.*;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import dev.crossborder.model.OutputTables;
import dev.crossborder.model.TableSpec.ColumnSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Gold {@code policy_scenarios}: the silver policy_scenario_cube added up over its months per scenario,
 * jurisdiction, platform, fulfilment model and origin, each of the last three also as ALL, with the scenario's
 * description and window and the shares of the parcels in scope that would lose or gain the exemption.
 */
public final class PolicyScenarioOutcomes {
  private PolicyScenarioOutcomes() {}

  /** The sums of the silver table, added up again here. */
  private static final List<String> SUMS = OutputTables.SCENARIO_SUMS;

  /**
   * From the silver policy_scenario_cube and the scenarios' windows ({@code ReferenceData.scenarioWindowsFrame}:
   * scenario_id, description, jurisdiction, applies_from, applies_to); columns in contract order, run_id aside.
   * A scenario and jurisdiction with no parcel in scope has one row, ALL for platform, model and origin, of zeros.
   */
  public static Dataset<Row> compute(Dataset<Row> scenarioCube, Dataset<Row> windows) {
    List<Column> sums = new ArrayList<>();
    for (String name : SUMS) {
      ColumnSpec spec = OutputTables.POLICY_SCENARIOS.column(name).orElseThrow();
      sums.add(sum(col(name)).cast(spec.type()).as(name));
    }
    Dataset<Row> added = scenarioCube
        .withColumn(PLATFORM_ID, explode(array(col(PLATFORM_ID), lit(ALL))))
        .withColumn(FULFILLMENT_MODEL, explode(array(col(FULFILLMENT_MODEL), lit(ALL))))
        .withColumn(ORIGIN_COUNTRY, explode(array(col(ORIGIN_COUNTRY), lit(ALL))))
        .groupBy(col(SCENARIO_ID), col(JURISDICTION), col(PLATFORM_ID), col(FULFILLMENT_MODEL), col(ORIGIN_COUNTRY))
        .agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new));
    List<Column> columns = new ArrayList<>(List.of(col(SCENARIO_ID), col(DESCRIPTION), col(JURISDICTION),
        col(PLATFORM_ID), col(FULFILLMENT_MODEL), col(ORIGIN_COUNTRY), col(APPLIES_FROM), col(APPLIES_TO)));
    SUMS.forEach(name -> columns.add(col(name)));
    columns.add(ShipmentVolumes.ratio(col(PARCELS_LOSING_EXEMPTION), col(PARCELS_IN_SCOPE)).as(LOSING_SHARE));
    columns.add(ShipmentVolumes.ratio(col(PARCELS_GAINING_EXEMPTION), col(PARCELS_IN_SCOPE)).as(GAINING_SHARE));
    // A scenario and jurisdiction without any parcel in scope still has its ALL row, of zeros: "nothing would
    // change" is an answer a dashboard must be able to show.
    List<Column> zeros = new ArrayList<>(List.of(col(SCENARIO_ID), col(JURISDICTION), lit(ALL).as(PLATFORM_ID),
        lit(ALL).as(FULFILLMENT_MODEL), lit(ALL).as(ORIGIN_COUNTRY)));
    for (String name : SUMS) {
      zeros.add(lit(0).cast(OutputTables.POLICY_SCENARIOS.column(name).orElseThrow().type()).as(name));
    }
    Dataset<Row> none = windows.join(added, new String[] {SCENARIO_ID, JURISDICTION}, "left_anti")
        .select(zeros.toArray(Column[]::new));
    return added.unionByName(none).join(windows, new String[] {SCENARIO_ID, JURISDICTION}, "inner")
        .select(columns.toArray(Column[]::new));
  }
}
