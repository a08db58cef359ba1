#!/usr/bin/env bash
# Runs one read-only SQL query over the tables a run published, in local mode (as scripts/run-local.sh runs the
# job), each table a view by its name. With neither --output nor --database it reads output/, where run-local.sh
# writes, e.g.
#   scripts/sql.sh "SELECT platform_id, gmv_usd, rank FROM market_share WHERE period_label = '2025' AND geo_level = 'global' ORDER BY rank"
#   scripts/sql.sh --format csv --file query.sql --output /data/analytics
# Paths are relative to the project folder. scripts/sql.sh --help lists the options.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/local-jvm.sh
args=("$@")
take_line_options
ensure_jar

# An answer in seconds: the JVM compiles with C1 only (the C2 compiler's threads would take most of two cores for
# the first seconds), and from its second use on it loads Spark's, Delta's and the job's classes from an archive
# that its first use wrote (class data sharing; written again when the jar is newer). Together about half of the
# wall time of a one-shot query (docs/performance.md). -Xlog:disable keeps the JVM's notes about the archive off
# the output.
class_archive="${local_jar%.jar}.sql-classes.jsa"
if [[ -f "$class_archive" && "$class_archive" -nt "$local_jar" ]]; then
  jvm_options=(-XX:TieredStopAtLevel=1 "-XX:SharedArchiveFile=$class_archive" -Xlog:disable)
else
  jvm_options=(-XX:TieredStopAtLevel=1 "-XX:ArchiveClassesAtExit=$class_archive" -Xlog:disable)
  echo "First use of this build: it also writes a class archive that makes later queries start faster (once, about 25 s more)." >&2
fi

has_option --help || has_option -h || has_option --output || has_option --database || args+=(--output output)
run_main sql "${args[@]}"
