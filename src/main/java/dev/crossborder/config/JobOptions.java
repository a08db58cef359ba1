package dev.crossborder.config;

/** Option names of the {@code run} command beside their defaults: the one place both are stated. */
public final class JobOptions {
  private JobOptions() {}

  public static final String INPUT = "--input";

  public static final String OUTPUT = "--output";

  public static final String FORMAT = "--format";
  public static final String FORMAT_DEFAULT = "delta";

  public static final String MAX_QUARANTINE_RATIO = "--max-quarantine-ratio";
  public static final String MAX_QUARANTINE_RATIO_DEFAULT = "0.05";

  public static final String POLICY_WINDOW_MONTHS = "--policy-window-months";
  public static final String POLICY_WINDOW_MONTHS_DEFAULT = "3";

  public static final String ANOMALY_SHARE_PP = "--anomaly-share-pp";
  public static final String ANOMALY_SHARE_PP_DEFAULT = "10";

  public static final String ANOMALY_YOY_MARGIN_PP = "--anomaly-yoy-margin-pp";
  public static final String ANOMALY_YOY_MARGIN_PP_DEFAULT = "50";

  public static final String RUN_ID = "--run-id";

  public static final String VERBOSE = "--verbose";
  /** run: no progress lines on stderr. */
  public static final String QUIET = "--quiet";

  public static final String INCREMENTAL = "--incremental";

  /** run: the policy scenarios file, instead of reference/policy_scenarios.csv of the input. */
  public static final String SCENARIOS = "--scenarios";

  /** run: the expectations file, instead of reference/expectations.csv of the input. */
  public static final String EXPECTATIONS = "--expectations";

  /** run: also write the HTML report after a successful run, in the same Spark session. */
  public static final String REPORT = "--report";

  /** run, sql: the catalog database the published tables are registered in, or read from. */
  public static final String DATABASE = "--database";
  /**
   * run, sql with --database in local mode: the folder of the embedded Hive metastore (Derby) and its warehouse;
   * the environment variable moves the default, the option wins over both.
   */
  public static final String METASTORE = "--metastore";
  public static final String METASTORE_ENV = "CROSSBORDER_METASTORE";
  public static final String METASTORE_DEFAULT = "metastore";

  /** The metastore folder: the option when given, else the environment variable, else the default. */
  public static String metastoreFolder(String option) {
    if (option != null) {
      return option;
    }
    String fromEnvironment = System.getenv(METASTORE_ENV);
    return fromEnvironment == null || fromEnvironment.isBlank() ? METASTORE_DEFAULT : fromEnvironment;
  }

  // report command (--output and --verbose as above)
  public static final String REPORT_TO = "--to";

  // sql command (--output and --verbose as above)
  public static final String SQL_FILE = "--file";
  public static final String SQL_FORMAT = "--format";
  public static final String SQL_FORMAT_DEFAULT = "table";
  public static final String SQL_LIMIT = "--limit";
  public static final String SQL_LIMIT_DEFAULT = "1000";
  /** sql: statements read one after another in one session, from the terminal or standard input. */
  public static final String SQL_SHELL = "--shell";
  /** sql: each statement's time on stderr. */
  public static final String SQL_TIMING = "--timing";
}
