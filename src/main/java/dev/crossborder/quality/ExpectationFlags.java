package dev.crossborder.quality;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.crossborder.model.Columns;
import dev.crossborder.model.Expectation;
import dev.crossborder.model.Measure;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The expectations of a dataset as columns of its row-level frame, in the same pass as the built-in rules: for every
 * row that passed the row-level rules, whether each condition fails (NULL fails), and for those of action quarantine
 * the reasons {@code EXPECTATION:<name>}. The flags are 0/1 counts so that the fold of the clean rows adds them up
 * ({@link #measures}) and the reconciliation counts them ({@link CheckedRows}) without another pass.
 */
public final class ExpectationFlags {
  private ExpectationFlags() {}

  /** 1 on a row the expectations were evaluated on (it passed every row-level rule), else 0. */
  public static final String EVALUATED = "_expectations_evaluated";
  private static final String SHADOWED = "_shadowed_";

  /** 1 on an evaluated row that fails expectation {@code index} of the dataset's list, else 0. */
  public static String failing(int index) {
    return "_expectation_" + index + "_failing";
  }

  /**
   * {@code rows} (after the row-level rules) with {@link #EVALUATED}, a {@link #failing} column per expectation and
   * the quarantine expectations' reasons. {@code columns} gives each name a condition may use as a column of
   * {@code rows}; where a name is already one of the frame's (a text column), the condition sees the typed one.
   * Plain projections, which Spark folds into the stage's one generated projection.
   */
  public static Dataset<Row> withFlags(Dataset<Row> rows, List<Expectation> expectations,
      Map<String, Column> columns) {
    if (expectations.isEmpty()) {
      return rows;
    }
    List<String> original = List.of(rows.columns());
    Set<String> shadowed = new LinkedHashSet<>(original);
    shadowed.retainAll(columns.keySet());
    List<Column> bound = new ArrayList<>();
    for (String name : original) {
      bound.add(shadowed.contains(name) ? col(name).as(SHADOWED + name) : col(name));
    }
    columns.forEach((name, column) -> {
      if (!original.contains(name) || shadowed.contains(name)) {
        bound.add(column.as(name));
      }
    });

    Column evaluated = RowFlags.isClean();
    List<Column> flagged = new ArrayList<>();
    for (String name : original) {
      flagged.add(shadowed.contains(name) ? col(SHADOWED + name).as(name) : col(name));
    }
    for (int i = 0; i < expectations.size(); i++) {
      Expectation expectation = expectations.get(i);
      Column fails = evaluated.and(coalesce(functions.expr(expectation.condition()), lit(false)).unary_$bang());
      flagged.add(when(fails, lit(1L)).otherwise(lit(0L)).as(failing(i)));
    }
    flagged.add(when(evaluated, lit(1L)).otherwise(lit(0L)).as(EVALUATED));
    Dataset<Row> withFlags = rows.select(bound.toArray(Column[]::new)).select(flagged.toArray(Column[]::new));
    if (expectations.stream().noneMatch(e -> e.action() == Expectation.Action.QUARANTINE)) {
      return withFlags;
    }
    Column anyQuarantined = lit(false);
    for (int i = 0; i < expectations.size(); i++) {
      if (expectations.get(i).action() == Expectation.Action.QUARANTINE) {
        anyQuarantined = anyQuarantined.or(col(failing(i)).equalTo(1));
      }
    }
    Column[] reasonCodes = new Column[expectations.size()];
    for (int i = 0; i < expectations.size(); i++) {
      reasonCodes[i] = expectations.get(i).action() == Expectation.Action.QUARANTINE
          ? when(col(failing(i)).equalTo(1), lit(expectations.get(i).reason())) : lit(null).cast("string");
    }
    return withFlags.withColumn(Columns.REASONS,
        when(anyQuarantined, RowFlags.compacted(reasonCodes)).otherwise(col(Columns.REASONS)));
  }

  /** The flag columns {@link #withFlags} adds, for a selection that keeps them. */
  public static List<Column> flagColumns(List<Expectation> expectations) {
    List<Column> flags = new ArrayList<>();
    if (!expectations.isEmpty()) {
      flags.add(col(EVALUATED));
      for (int i = 0; i < expectations.size(); i++) {
        flags.add(col(failing(i)));
      }
    }
    return flags;
  }

  /** The flags as measures of a fold ({@link Tally#byKeys}): their sums per group. */
  public static List<Measure> measures(List<Expectation> expectations) {
    List<Measure> measures = new ArrayList<>();
    if (!expectations.isEmpty()) {
      measures.add(Measure.sum(EVALUATED, col(EVALUATED)));
      for (int i = 0; i < expectations.size(); i++) {
        measures.add(Measure.sum(failing(i), col(failing(i))));
      }
    }
    return measures;
  }
}
