package dev.crossborder.ingest;

import dev.crossborder.config.JobOptions;
import dev.crossborder.ingest.ReferenceLoader.Line;
import dev.crossborder.model.Expectation;
import dev.crossborder.model.JobException;
import dev.crossborder.model.LandingDataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.expressions.WindowExpression;
import org.apache.spark.sql.catalyst.expressions.aggregate.AggregateExpression;
import org.apache.spark.sql.catalyst.plans.logical.Aggregate;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Window;
import org.apache.spark.sql.catalyst.trees.TreeNode;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads and checks the expectations: {@code --expectations FILE}, else reference/expectations.csv when present. Like
 * the reference files they are small and must be right: the first bad row stops the run before any data is read
 * (exit 2), naming the file, the line and the problem. Each condition is analysed by Spark against the typed columns
 * of its dataset, on an empty frame: it must parse, name only those columns, be a boolean, and judge one row by
 * itself (deterministic, no aggregate, window or subquery).
 */
public final class ExpectationLoader {
  private ExpectationLoader() {}

  static final String FILE = "expectations.csv";
  static final String NAME = "name";
  static final String DATASET = "dataset";
  static final String CONDITION = "condition";
  static final String ACTION = "action";
  static final String MAX_RATIO = "max_ratio";
  static final String DESCRIPTION = "description";
  static final List<String> COLUMNS = List.of(NAME, DATASET, CONDITION, ACTION, MAX_RATIO, DESCRIPTION);
  static final List<String> REQUIRED_COLUMNS = List.of(NAME, DATASET, CONDITION, ACTION);
  private static final Pattern NAME_PATTERN = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  /**
   * The expectations of {@code expectationsFile}, or of the input's reference/expectations.csv if there is one (none
   * otherwise), each checked against {@code columns}: the typed columns a condition of each dataset may use.
   */
  public static List<Expectation> load(SparkSession spark, String inputRoot, String expectationsFile,
      Map<LandingDataset, StructType> columns) {
    var file = ReferenceLoader.optionalFile(spark, new Path(inputRoot, "reference") + "/", FILE, expectationsFile,
        JobOptions.EXPECTATIONS, "expectations (see README.md, Expectations)");
    if (file.isEmpty()) {
      return List.of();
    }
    String path = file.get().path();
    String name = file.get().name();
    List<Expectation> expectations = ReferenceLoader.parse(spark, path, name, COLUMNS, REQUIRED_COLUMNS,
        ExpectationLoader::expectation);
    Map<String, String> firstAt = new HashMap<>();
    for (Expectation expectation : expectations) {
      String first = firstAt.putIfAbsent(expectation.name(), expectation.at());
      if (first != null) {
        throw JobException.input(expectation.at() + ": duplicate name '" + expectation.name() + "' (first on "
            + first + ")");
      }
      check(spark, expectation, columns.get(expectation.dataset()));
    }
    return expectations;
  }

  private static Expectation expectation(Line line) {
    String name = line.matching(NAME, NAME_PATTERN, "a lower-case name like temu_us_value_cap");
    String datasetText = line.required(DATASET);
    LandingDataset dataset = Arrays.stream(LandingDataset.values())
        .filter(d -> d.folder().equals(datasetText.toLowerCase(Locale.ROOT))).findFirst()
        .orElseThrow(() -> JobException.input(line.at() + ": unknown dataset '" + datasetText
            + "' (shipments or gmv)"));
    String actionText = line.required(ACTION);
    Expectation.Action action = Arrays.stream(Expectation.Action.values())
        .filter(a -> a.word().equals(actionText.toLowerCase(Locale.ROOT))).findFirst()
        .orElseThrow(() -> JobException.input(line.at() + ": unknown action '" + actionText
            + "' (warn, quarantine or fail)"));
    double maxRatio = 0;
    if (line.optional(MAX_RATIO) != null) {
      if (action != Expectation.Action.FAIL) {
        throw JobException.input(line.at() + ": max_ratio is for action fail only, not " + action.word());
      }
      try {
        maxRatio = Double.parseDouble(line.optional(MAX_RATIO));
      } catch (NumberFormatException e) {
        maxRatio = -1;
      }
      if (!(maxRatio >= 0 && maxRatio <= 1)) {
        throw JobException.input(line.at() + ": max_ratio '" + line.optional(MAX_RATIO) + "' is not a ratio from 0"
            + " to 1 (0.01: one evaluated row in a hundred may fail)");
      }
    }
    return new Expectation(name, dataset, line.required(CONDITION), action, maxRatio,
        line.optional(DESCRIPTION) == null ? "" : line.optional(DESCRIPTION), line.at());
  }

  /** Exit 2 unless the condition is a boolean over {@code columns} that judges one row by itself. */
  static void check(SparkSession spark, Expectation expectation, StructType columns) {
    String problem = problem(spark, expectation.condition(), columns);
    if (problem != null) {
      throw JobException.input(expectation.at() + ": condition of " + expectation.name() + " " + problem);
    }
  }

  /** What is wrong with {@code condition} over {@code columns}, or null when nothing is. */
  static String problem(SparkSession spark, String condition, StructType columns) {
    Dataset<Row> empty = spark.createDataFrame(List.of(), columns);
    Dataset<Row> probe;
    LogicalPlan plan;
    try {
      probe = empty.select(functions.expr(condition).as("_condition"));
      plan = probe.queryExecution().analyzed();
    } catch (Exception e) { // Spark's AnalysisException is checked, and thrown undeclared from Scala
      return whyRefused(e, columns);
    }
    for (LogicalPlan node : nodes(plan)) {
      if (node instanceof Aggregate) {
        return "is an aggregate: a condition judges one row by itself";
      }
      if (node instanceof Window) {
        return "is a window function: a condition judges one row by itself";
      }
    }
    Expression expression = plan.expressions().head();
    for (Expression e : nodes(expression)) {
      if (e instanceof SubqueryExpression) {
        return "holds a subquery: a condition judges one row by itself";
      }
      if (e instanceof AggregateExpression) {
        return "is an aggregate: a condition judges one row by itself";
      }
      if (e instanceof WindowExpression) {
        return "is a window function: a condition judges one row by itself";
      }
    }
    if (!expression.deterministic()) {
      return "is not deterministic (rand(), uuid(), ...): a rerun must judge a row the same way";
    }
    if (!(probe.schema().fields()[0].dataType() instanceof BooleanType)) {
      return "is not a boolean (it is " + probe.schema().fields()[0].dataType().simpleString()
          + "); write what a good row satisfies, e.g. weight_kg <= 30";
    }
    return null;
  }

  private static String whyRefused(Exception e, StructType columns) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SparkThrowable error) {
        String condition = dev.crossborder.shims.SparkShims.errorCondition(error);
        Map<String, String> parameters = error.getMessageParameters();
        if (condition != null && condition.startsWith("UNRESOLVED_COLUMN") && parameters != null
            && parameters.get("objectName") != null) {
          return "names unknown column " + parameters.get("objectName") + "; it may use "
              + String.join(", ", Arrays.stream(columns.fields()).map(StructField::name).toList());
        }
        if (condition != null && condition.startsWith("UNRESOLVED_ROUTINE")) {
          return "calls an unknown function: " + JobException.firstLine(t.getMessage());
        }
        if (t instanceof org.apache.spark.sql.catalyst.parser.ParseException) {
          return "does not parse: " + JobException.firstLine(t.getMessage());
        }
        return "is refused by Spark: " + JobException.firstLine(t.getMessage());
      }
    }
    return "is refused by Spark: " + JobException.firstLine(e.getMessage());
  }

  /** {@code node} and every node below it: a plan's operators, an expression's parts. */
  private static <T extends TreeNode<T>> List<T> nodes(T node) {
    List<T> all = new ArrayList<>();
    all.add(node);
    for (var children = node.children().iterator(); children.hasNext(); ) {
      all.addAll(nodes(children.next()));
    }
    return all;
  }
}
