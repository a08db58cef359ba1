#!/usr/bin/env bash
# Benchmarks the job against the Spark scan floor and DuckDB (README, Performance):
#   scripts/bench.sh                       sizes 10M and 100M (run it on a quiet machine)
#   scripts/bench.sh --quick               sizes 200k and 1M
#   scripts/bench.sh --sizes "1M 5M"       shipment rows per landing folder: digits, or with a k, M or B suffix
#   scripts/bench.sh --work DIR            landing folders, outputs and logs (default target/bench)
#   scripts/bench.sh --landing DIR         measure existing landing folders (Parquet shipments; repeatable)
# Other options: --seed S (default 1), --bad-ratio R (share of rows generated bad, default 0.01), --heap SIZE
# (-Xmx of the Spark JVMs; default: the JVM's, a quarter of the memory), --max-quarantine-ratio R (default
# 0.5), --offline (Maven offline).
#
# For each size it generates the landing folder once (`generate --format parquet`, fixed seed; reused while
# it exists), then measures, each in its own JVM so peak memory is per engine: (a) the scan floor (the job's
# reader into Spark's noop sink), (b) the full pipeline (`run`, Delta), (c) DuckDB doing the same shipment
# work, and checks that DuckDB's shipment_cube, shipment_volumes and quality counts equal the pipeline's.
# Prints one Markdown table, also written to target/bench/results-<timestamp>.md. Exits 1 when an engine
# fails or a result differs. Never part of the test suite or CI: timings belong here, not in assertions.
set -euo pipefail
cd "$(dirname "$0")/.."

command_line="scripts/bench.sh"
for arg in "$@"; do
  if [[ "$arg" == *" "* ]]; then command_line+=" \"$arg\""; else command_line+=" $arg"; fi
done

sizes="10M 100M"
work=target/bench
seed=1
bad_ratio=0.01
heap=""
max_quarantine_ratio=0.5
landings_given=()
maven_offline=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --quick) sizes="200k 1M"; shift ;;
    --work) work=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --bad-ratio) bad_ratio=$2; shift 2 ;;
    --heap) heap=$2; shift 2 ;;
    --max-quarantine-ratio) max_quarantine_ratio=$2; shift 2 ;;
    --landing) landings_given+=("$2"); shift 2 ;;
    --offline) maven_offline="-o"; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "Unknown option $1 (see scripts/bench.sh --help)" >&2; exit 2 ;;
  esac
done

log() { echo "[bench $(date -u +%H:%M:%S)] $*" >&2; }

# 250k -> 250000, 10M -> 10000000, 1B -> 1000000000.
parse_rows() {
  local size=$1
  if [[ ! "$size" =~ ^([0-9]+)([kKmMbB]?)$ ]]; then
    echo "Not a size: '$size' (digits, or with a k, M or B suffix)" >&2
    exit 2
  fi
  case "${BASH_REMATCH[2]}" in
    k|K) echo $((BASH_REMATCH[1] * 1000)) ;;
    m|M) echo $((BASH_REMATCH[1] * 1000000)) ;;
    b|B) echo $((BASH_REMATCH[1] * 1000000000)) ;;
    *) echo "${BASH_REMATCH[1]}" ;;
  esac
}

# 1234567 -> 1,234,567
grouped() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<< "$1"; }

# The value of key=... in a BENCH-RESULT line.
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<< "$1"; }

calc() { awk "BEGIN { printf \"$1\", $2 }"; }

# Rows per second of work per core, grouped.
per_core() { grouped "$(calc "%.0f" "$1 / $2 / $cores")"; }

size_rows=()
if [[ ${#landings_given[@]} -eq 0 ]]; then
  for size in $sizes; do
    size_rows+=("$(parse_rows "$size")")
  done
fi

log "Building the application and the benchmark classes (mvn package, tests skipped)..."
# The test classpath (DuckDB is a test dependency) in its own file: local-run.classpath stays without it.
mvn -q -B $maven_offline -DskipTests package dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
classpath="target/classes:target/test-classes:$(cat target/bench.classpath)"

export SPARK_LOCAL_IP=127.0.0.1
java_base=(java @scripts/java17-spark.args -Dlog4j2.configurationFile=scripts/log4j2-local.properties)
spark_java=("${java_base[@]}")
if [[ -n "$heap" ]]; then
  spark_java+=("-Xmx$heap")
fi

mkdir -p "$work" target/bench
cores=$(nproc)

# Runs one benchmark JVM, its output in a log; sets jvm_status, jvm_wall (seconds, JVM start included) and
# jvm_result (its BENCH-RESULT line, empty when it failed).
run_jvm() {
  local log_file=$1 start end
  shift
  start=$(date +%s.%N)
  set +e
  "$@" > "$log_file" 2>&1
  jvm_status=$?
  set -e
  end=$(date +%s.%N)
  jvm_wall=$(calc "%.1f" "$end - $start")
  jvm_result=$(grep '^BENCH-RESULT' "$log_file" | tail -n 1 || true)
  if [[ $jvm_status -ne 0 || -z "$jvm_result" ]]; then
    log "  FAILED (exit $jvm_status); see $log_file"
    jvm_result=""
  fi
}

landings=()
labels=()
if [[ ${#landings_given[@]} -gt 0 ]]; then
  for landing in "${landings_given[@]}"; do
    landings+=("$landing")
    labels+=("$(basename "$landing")")
  done
else
  for rows in "${size_rows[@]}"; do
    landing="$work/landing-$rows-seed$seed-bad$bad_ratio"
    # The marker is written last: a folder without it is a generation that did not finish.
    if [[ ! -f "$landing/.bench-generated" ]]; then
      log "Generating $(grouped "$rows") shipment rows (seed $seed, bad ratio $bad_ratio) into $landing..."
      rm -rf "$landing"
      generate=(generate --output "$landing" --rows "$rows" --seed "$seed" --bad-ratio "$bad_ratio" --format parquet)
      "${spark_java[@]}" -cp "$classpath" dev.crossborder.cli.Main "${generate[@]}" >&2
      echo "${generate[*]}" > "$landing/.bench-generated"
    else
      log "Reusing $landing"
    fi
    landings+=("$landing")
    labels+=("$rows")
  done
fi

failed=0
table_rows=()
first_work=()
last_work=()
first_rows=""
last_rows=""
duckdb_info=""
max_heap_mb=""
for i in "${!landings[@]}"; do
  landing=${landings[$i]}
  run_dir="$work/runs/${labels[$i]}"
  rm -rf "$run_dir"
  mkdir -p "$run_dir"
  # Every engine reads from the page cache: the first would otherwise pay for the disk alone.
  find "$landing/shipments" -type f -exec cat {} + > /dev/null

  log "[$landing] (a) scan floor..."
  run_jvm "$run_dir/floor.log" "${spark_java[@]}" -cp "$classpath" dev.crossborder.bench.SparkScanFloor \
    --landing "$landing"
  floor=$jvm_result floor_wall=$jvm_wall

  log "[$landing] (b) full pipeline..."
  run_id="bench-${labels[$i]}"
  run_jvm "$run_dir/pipeline.log" "${spark_java[@]}" -cp "$classpath" dev.crossborder.bench.PipelineRun \
    --landing "$landing" --output "$run_dir/pipeline-output" --run-id "$run_id" \
    --max-quarantine-ratio "$max_quarantine_ratio"
  pipeline=$jvm_result pipeline_wall=$jvm_wall

  log "[$landing] (c) DuckDB..."
  # The pipeline's run date decides which ship dates are out of range: DuckDB uses the same.
  run_date=$(sed -n 's/.*"started_at" *: *"\([0-9-]\{10\}\).*/\1/p' "$run_dir/pipeline-output/runs/$run_id.json" \
    2>/dev/null || true)
  run_jvm "$run_dir/duckdb.log" "${java_base[@]}" -cp "$classpath" dev.crossborder.bench.DuckDbShipments \
    --landing "$landing" --output "$run_dir/duckdb-output" --run-date "${run_date:-$(date -u +%F)}"
  duckdb=$jvm_result duckdb_wall=$jvm_wall
  duckdb_info=$(grep '^BENCH-INFO' "$run_dir/duckdb.log" | tail -n 1 || true)

  same="not checked"
  if [[ -n "$pipeline" && -n "$duckdb" ]]; then
    log "[$landing] checking that DuckDB's results equal the pipeline's..."
    if java -cp "$classpath" dev.crossborder.bench.ResultCheck --pipeline-output "$run_dir/pipeline-output" \
        --run-id "$run_id" --duckdb-output "$run_dir/duckdb-output" > "$run_dir/check.log" 2>&1; then
      same="yes"
    else
      same="**NO**"
      failed=1
      log "  DIFFERENT results; see $run_dir/check.log"
      cat "$run_dir/check.log" >&2
    fi
  fi
  if [[ -z "$floor" || -z "$pipeline" || -z "$duckdb" ]]; then
    failed=1
    table_rows+=("| ${labels[$i]} | failed: see $run_dir/*.log ||||||||||||")
    continue
  fi

  rows=$(field "$pipeline" rows)
  for engine_result in "$floor" "$duckdb"; do
    if [[ "$(field "$engine_result" rows)" != "$rows" ]]; then
      same="**NO** (rows read differ)"
      failed=1
    fi
  done
  max_heap_mb=$(field "$pipeline" max_heap_mb)
  floor_s=$(field "$floor" work_s) pipeline_s=$(field "$pipeline" work_s) duckdb_s=$(field "$duckdb" work_s)
  table_rows+=("| $(grouped "$rows") | $floor_s ($floor_wall) | $pipeline_s ($pipeline_wall) | $duckdb_s ($duckdb_wall)\
 | $(per_core "$rows" "$floor_s") | $(per_core "$rows" "$pipeline_s") | $(per_core "$rows" "$duckdb_s")\
 | $(calc "%.1f" "$pipeline_s / $floor_s") | $(calc "%.1f" "$pipeline_s / $duckdb_s")\
 | $(grouped "$(field "$floor" peak_rss_mb)") / $(grouped "$(field "$pipeline" peak_rss_mb)") / $(grouped "$(field "$duckdb" peak_rss_mb)")\
 | $(grouped "$(field "$floor" peak_heap_mb)") / $(grouped "$(field "$pipeline" peak_heap_mb)") / $(grouped "$(field "$duckdb" peak_heap_mb)")\
 | $(grouped "$(field "$floor" peak_heap_after_gc_mb)") / $(grouped "$(field "$pipeline" peak_heap_after_gc_mb)") / $(grouped "$(field "$duckdb" peak_heap_after_gc_mb)")\
 | $same |")
  if [[ -z "$first_rows" ]]; then
    first_rows=$rows
    first_work=("$floor_s" "$pipeline_s" "$duckdb_s")
  fi
  last_rows=$rows
  last_work=("$floor_s" "$pipeline_s" "$duckdb_s")
done

report() {
  echo "## Benchmark $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "- Command: \`$command_line\`"
  echo "- Machine: $cores cores (nproc), $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo),"\
    "$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo); load average at the end:"\
    "$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- Java: $(java -version 2>&1 | sed -n 1p); Spark JVM max heap ${max_heap_mb:-?} MB${heap:+ (--heap $heap)};"\
    "Spark in local mode with the job's session settings"
  echo "- ${duckdb_info#BENCH-INFO }, through JDBC in its own JVM"
  if [[ ${#landings_given[@]} -gt 0 ]]; then
    echo "- Landing: ${landings_given[*]}"
  else
    echo "- Landing: generate --seed $seed --bad-ratio $bad_ratio --format parquet, under $work"
  fi
  echo
  echo "| rows | floor s | pipeline s | DuckDB s | floor rows/s/core | pipeline rows/s/core | DuckDB rows/s/core\
 | pipeline / floor | pipeline / DuckDB | peak RSS MB floor / pipeline / DuckDB\
 | peak heap MB floor / pipeline / DuckDB | heap after GC MB floor / pipeline / DuckDB | same results |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  printf '%s\n' "${table_rows[@]}"
  echo
  if [[ -n "$first_rows" && "$first_rows" != "$last_rows" ]]; then
    echo "Linearity, time at $(grouped "$last_rows") rows / time at $(grouped "$first_rows") rows"\
      "($(calc "%.1f" "$last_rows / $first_rows")x the rows): floor $(calc "%.1f" "${last_work[0]} / ${first_work[0]}")x,"\
      "pipeline $(calc "%.1f" "${last_work[1]} / ${first_work[1]}")x, DuckDB $(calc "%.1f" "${last_work[2]} / ${first_work[2]}")x."
    echo
  fi
  echo "Seconds are the work (in brackets the wall time of the whole JVM, start included); rows/s/core use the"\
    "work time. Peak heap is the most heap in use (garbage included), heap after GC the most left after a"\
    "collection (held data). Same results: shipment_cube, shipment_volumes and quality counts identical."\
    "Logs: $work/runs."
}

results="target/bench/results-$(date -u +%Y%m%dT%H%M%SZ).md"
report | tee "$results"
log "Written to $results"
exit $failed
