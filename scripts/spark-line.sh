# shellcheck shell=bash disable=SC2034  # variables used by the scripts that source this file
# Sourced by the scripts that run the job (from the project folder): the Spark lines pom.xml builds, one profile
# each (spark-X.Y), and where a line's two jars go: target/ for the default line, target/spark-X.Y/ for the others.
# SparkLinesTest keeps this list in step with pom.xml's profiles.

SPARK_LINES=(3.5 4.0 4.1 4.2)
DEFAULT_SPARK_LINE=4.2

# Sets spark_line, scala_binary, line_folder and line_jar_stem (the jars' path without -with-delta.jar or
# -platform-delta.jar) for line $1; exit 2 for a line that is not built here.
use_spark_line() {
  spark_line=$1
  case "$spark_line" in
    3.5) scala_binary=2.12 ;;
    4.0 | 4.1 | 4.2) scala_binary=2.13 ;;
    *)
      echo "error: --spark takes a Spark line: ${SPARK_LINES[*]} (not '$spark_line')" >&2
      exit 2
      ;;
  esac
  line_folder=target
  [[ "$spark_line" == "$DEFAULT_SPARK_LINE" ]] || line_folder=target/spark-$spark_line
  line_jar_stem=$line_folder/crossborder-analytics-spark${spark_line}_${scala_binary}
}

# Builds the line's jars (mvn -P spark-X.Y package) when jar $1 or the line's classpath file is missing, or older
# than the main sources. The first build of a line downloads its Spark and Delta through Maven, once.
ensure_line_built() {
  local jar=$1
  if [[ ! -f "$jar" || ! -f "$line_folder/local-run.classpath" || -n "$(find src/main pom.xml -newer "$jar" -print -quit)" ]]; then
    echo "Building the Spark $spark_line jars (mvn -P spark-$spark_line package, tests skipped)..." >&2
    quiet_maven -DskipTests -P "spark-$spark_line" package
  fi
}

# mvn -q -B with its output on stderr and without colour codes: Maven 3.8 writes ESC[0m to stdout and stderr as it
# exits even in batch mode, which would stay in a log that is not a terminal.
quiet_maven() {
  mvn -q -B "$@" 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2
}

# A property of the line's build, e.g. spark.version (src/main/resources-filtered/dev/crossborder/spark-line.properties).
line_property() {
  sed -n "s/^$1=//p" "$line_folder/classes/dev/crossborder/spark-line.properties"
}
