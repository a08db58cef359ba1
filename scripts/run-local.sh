#!/usr/bin/env bash
# Runs the job in local mode (local[*], no Spark UI, every listener on loopback).
# With no arguments it reads datasets/sample and writes output/; any `run` option passes through, e.g.
#   scripts/run-local.sh --format parquet --output /tmp/cb-parquet
# After a successful run it writes the HTML report (report.html in the output folder) and prints its path:
# `run --report` draws it in the run's own JVM and Spark session, which saves starting a second one.
# Builds the application jar first when it is missing or older than the sources.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=target/crossborder-analytics.jar
classpath_file=target/local-run.classpath
if [[ ! -f "$jar" || ! -f "$classpath_file" || -n "$(find src pom.xml -newer "$jar" -print -quit)" ]]; then
  echo "Building the application jar (mvn package, tests skipped)..." >&2
  mvn -q -B -DskipTests package
fi

args=("$@")
has_option() {
  local name=$1 arg
  for arg in "${args[@]}"; do
    [[ "$arg" == "$name" || "$arg" == "$name="* ]] && return 0
  done
  return 1
}
has_option --help || has_option -h || {
  has_option --input || args+=(--input datasets/sample)
  has_option --output || args+=(--output output)
  has_option --report || args+=(--report)
}

export SPARK_LOCAL_IP=127.0.0.1
set +e
java @scripts/java17-spark.args \
  -Dlog4j2.configurationFile=scripts/log4j2-local.properties \
  -cp "$jar:$(cat "$classpath_file")" \
  dev.crossborder.cli.Main run "${args[@]}"
status=$?
set -e
if [[ $status -eq 0 ]] && ! has_option --help && ! has_option -h; then
  echo
  echo "Tables are under the output folder: gold/ (BI tables), silver/, quarantine, runs/<run_id>.json;" \
    "report.html (printed above) opens in any browser."
  echo "Read one with Spark: spark.read.format(\"delta\").load(\"<output>/gold/market_share\")," \
    "or with any Parquet reader when run with --format parquet."
fi
exit $status
