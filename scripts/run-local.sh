#!/usr/bin/env bash
# Runs the job in local mode (local[*], no Spark UI, every listener on loopback).
# With no arguments it reads datasets/sample and writes output/; any `run` option passes through, e.g.
#   scripts/run-local.sh --format parquet --output /tmp/cb-parquet
#   scripts/run-local.sh --spark 3.5 --output output-3.5      the same job on the Spark 3.5 line's jars
#   scripts/run-local.sh --spark 4.1 --platform-delta        the jar that leaves Delta to the platform
# After a successful run it writes the HTML report (report.html in the output folder) and prints its path:
# `run --report` draws it in the run's own JVM and Spark session, which saves starting a second one.
# Builds the line's jars first when they are missing or older than the sources (scripts/local-jvm.sh: --spark X.Y
# picks a Spark line, 4.2 by default; --platform-delta the jar without Delta, with the line's Delta beside it).
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/local-jvm.sh
args=("$@")
take_line_options
ensure_jar

has_option --help || has_option -h || {
  has_option --input || args+=(--input datasets/sample)
  has_option --output || args+=(--output output)
  has_option --report || args+=(--report)
}

set +e
run_main run "${args[@]}"
status=$?
set -e
if [[ $status -eq 0 ]] && ! has_option --help && ! has_option -h; then
  echo
  echo "Tables are under the output folder: gold/ (BI tables), silver/, quarantine, runs/<run_id>.json;" \
    "report.html (printed above) opens in any browser."
  echo "Query them: scripts/sql.sh \"SELECT * FROM market_share LIMIT 10\" (add --output DIR for another folder);" \
    "or read one with any Delta or Parquet reader."
fi
exit $status
