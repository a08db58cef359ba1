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

has_option --help || has_option -h || has_option --output || has_option --database || args+=(--output output)
run_main sql "${args[@]}"
