#!/usr/bin/env bash
# Benchmarks the job against floors and DuckDB (docs/performance.md):
#   scripts/bench.sh                       sizes sample, 1M, 10M and 100M (run it on a quiet machine)
#   scripts/bench.sh --quick               sizes sample, 200k and 1M
#   scripts/bench.sh --sizes "sample 1M"   sample (datasets/sample as it is), or shipment rows per generated
#                                          landing folder: digits, or with a k, M or B suffix, then optionally
#                                          :typed (Parquet with typed dates and numbers, generate --typed) or :csv
#                                          (CSV files); plain sizes are Parquet of text columns. E.g.
#                                          --sizes "10M 10M:typed 10M:csv 100M 100M:typed"
#   scripts/bench.sh --work DIR            landing folders, outputs and logs (default target/bench)
#   scripts/bench.sh --landing DIR         measure existing landing folders (Parquet shipments; repeatable)
#   scripts/bench.sh --scenarios FILE      generated sizes: also run the pipeline with these policy scenarios
#                                          (e.g. datasets/sample/reference/policy_scenarios.csv) and report
#                                          its cost against the run without (generated landings have none)
#   scripts/bench.sh --expectations FILE   generated sizes: also run the pipeline with these expectations and report
#                                          its cost against the run without (generated landings have none)
#   scripts/bench.sh --sql                 instead: the sql command over the sample's output: a one-shot query's
#                                          wall time (--rounds N times) and, in one shell, each of ten questions'
#   scripts/bench.sh --spark "3.5 4.0 4.1"  instead: the sample on these Spark lines' -with-delta jars against the
#                                          default line's, in local mode as scripts/run-local.sh runs it, the
#                                          lines taking turns for --rounds N rounds (default 3); wall times of the
#                                          whole JVM, their medians and the ratio to the default line's
#   scripts/bench.sh --s3                  instead: the sample on an S3 API server (s3proxy, started by the script on
#                                          127.0.0.1 with credentials made for it) against local disk, the two
#                                          taking turns for --rounds N rounds: wall times, and the requests S3A sent
#                                          (LIST, HEAD, GET, PUT, COPY, DELETE, from its IOStatistics)
# Other options: --seed S (default 1), --bad-ratio R (share of rows generated bad, default 0.01), --heap SIZE
# (-Xmx of the Spark JVMs; default: the JVM's, a quarter of the memory), --max-quarantine-ratio R (default
# 0.5), --offline (Maven offline).
#
# Every measurement runs in its own JVM, so that peak memory is its own, and reports its work time (the JVM's
# wall time is taken around it), peak memory, the Spark jobs it ran (counted by a listener on its SparkContext)
# and the Delta commits it made (commit files it created under its output folder).
#
# sample, the fixed costs that dominate a small input: (a) the Spark + Delta floor (a session like the job's
# reads every landing file once with the job's reader and writes 12 small Delta tables, one commit each, 4 at
# a time: no Spark + Delta job with these outputs can cost less), (b) the pipeline with its HTML report, as
# scripts/run-local.sh runs it (`run --report`), (c) an incremental refresh: a copy of the sample without
# shipments/2025 gets a full run, then shipments/2025 is added and `run --incremental` into the same output is
# measured, with a full rebuild of the same landing files (`run`) to compare it with, (d) `run --incremental`
# again with nothing changed. Wall times are compared with the floor's (the issue's targets: pipeline and
# refresh at most 1.5 times the floor, the pipeline at most 70 Spark jobs, the refresh cheaper than the rebuild).
#
# Generated sizes: the landing folder is generated once (`generate --format parquet`, or --typed, or --format csv;
# fixed seed; reused while it exists), then measured: (a) the scan floor (the job's reader over the shipments into Spark's noop sink),
# (b) the pipeline (`run`, Delta), (c) DuckDB doing the same shipment work, and a check that DuckDB's
# shipment_cube, shipment_volumes and quality counts equal the pipeline's; up to 1M rows also the Spark + Delta
# floor. Pipeline / DuckDB is compared with the issue's targets (3 at 1M rows, 2 at 10M, at 100M 2 on text and
# 1.5 on typed Parquet).
#
# Prints Markdown tables (small input; generated sizes), also written to target/bench/results-<timestamp>.md.
# Exits 1 when a run fails, a refresh did not refresh as asked or a result differs. Never part of the test
# suite or CI: timings belong here, not in assertions.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/spark-line.sh

command_line="scripts/bench.sh"
for arg in "$@"; do
  if [[ "$arg" == *" "* ]]; then command_line+=" \"$arg\""; else command_line+=" $arg"; fi
done

sizes="sample 1M 10M 100M"
work=target/bench
seed=1
bad_ratio=0.01
heap=""
max_quarantine_ratio=0.5
landings_given=()
scenarios=""
expectations=""
sql_bench=false
maven_offline=""
spark_lines=""
line_rounds=3
s3_bench=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --quick) sizes="sample 200k 1M"; shift ;;
    --work) work=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --bad-ratio) bad_ratio=$2; shift 2 ;;
    --heap) heap=$2; shift 2 ;;
    --max-quarantine-ratio) max_quarantine_ratio=$2; shift 2 ;;
    --landing) landings_given+=("$2"); shift 2 ;;
    --scenarios) scenarios=$(realpath "$2"); shift 2 ;;
    --expectations) expectations=$(realpath "$2"); shift 2 ;;
    --sql) sql_bench=true; shift ;;
    --offline) maven_offline="-o"; shift ;;
    --spark) spark_lines=$2; shift 2 ;;
    --rounds) line_rounds=$2; shift 2 ;;
    --s3) s3_bench=true; shift ;;
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

# A ratio to one decimal, or n/a when either side is missing.
ratio() {
  if [[ -n "$1" && -n "$2" ]]; then calc "%.1f" "$1 / $2"; else echo "n/a"; fi
}

# A value with the issue's target for it, e.g. "4.3 (target ≤ 1.5)"; the value alone without a target.
with_target() { echo "$1${2:+ (target ≤ $2)}"; }

# A field of a result, grouped, or n/a when that run was not measured.
grouped_field() {
  if [[ -n "$1" ]]; then grouped "$(field "$1" "$2")"; else echo "n/a"; fi
}

# The sample on Spark lines (--spark): each line's -with-delta jar on its own classpath, `run --report --quiet` from
# a fresh output folder as scripts/run-local.sh runs it, the lines taking turns in each round so that a busy spell
# of the machine does not fall on one line only. Prints a Markdown table and writes it beside the other results.
bench_lines() {
  local lines=("$DEFAULT_SPARK_LINE") line round
  for line in $spark_lines; do
    use_spark_line "$line"
    [[ "$line" == "$DEFAULT_SPARK_LINE" ]] || lines+=("$line")
  done
  for line in "${lines[@]}"; do
    use_spark_line "$line"
    log "Building the Spark $line jars (mvn -P spark-$line package)..."
    quiet_maven $maven_offline -DskipTests -P "spark-$line" package
  done
  mkdir -p "$work/lines" target/bench
  declare -A walls=()
  for ((round = 1; round <= line_rounds; round++)); do
    for line in "${lines[@]}"; do
      use_spark_line "$line"
      local output="$work/lines/spark-$line" log_file="$work/lines/spark-$line-$round.log" start end status
      rm -rf "$output"
      log "Round $round: the sample on Spark $line..."
      start=$(date +%s.%N)
      set +e
      SPARK_LOCAL_IP=127.0.0.1 "${spark_java[@]}" -cp "$line_jar_stem-with-delta.jar:$(cat "$line_folder/local-run.classpath")" \
        dev.crossborder.cli.Main run --input "$sample_landing" --output "$output" --report --quiet >"$log_file" 2>&1
      status=$?
      set -e
      end=$(date +%s.%N)
      if [[ $status -ne 0 ]]; then
        log "  FAILED (exit $status); see $log_file"
        return 1
      fi
      walls[$line]+="$(calc "%.1f" "$end - $start") "
    done
  done
  local median default_median results=target/bench/results-lines-$(date -u +%Y%m%dT%H%M%SZ).md
  median_of() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
  default_median=$(median_of "${walls[$DEFAULT_SPARK_LINE]}")
  {
    echo "## The sample on each Spark line $(date -u +%Y-%m-%dT%H:%MZ)"
    echo
    echo "- Command: \`$command_line\`"
    echo "- Machine: $cores cores (nproc); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "| line | Spark | Scala | Delta | -with-delta MB | -platform-delta MB | wall s per round | median s | / Spark $DEFAULT_SPARK_LINE |"
    echo "|---|---|---|---|---:|---:|---|---:|---:|"
    for line in "${lines[@]}"; do
      use_spark_line "$line"
      median=$(median_of "${walls[$line]}")
      echo "| $line | $(line_property spark.version) | $scala_binary | $(line_property delta.version)" \
        "| $(calc "%.1f" "$(stat -c %s "$line_jar_stem-with-delta.jar") / 1048576")" \
        "| $(calc "%.1f" "$(stat -c %s "$line_jar_stem-platform-delta.jar") / 1048576")" \
        "| ${walls[$line]% } | $median | $(calc "%.2f" "$median / $default_median") |"
    done
    echo
    echo "Wall time of the whole JVM (start included) of \`run --input $sample_landing --report --quiet\` on the line's"\
      "-with-delta jar and classpath in local mode, the lines taking turns in each of $line_rounds rounds."
  } | tee "$results"
  log "Written to $results"
}

# The sample on an S3 API server against local disk (--s3): s3proxy from the build (target/s3proxy/s3proxy.jar) on
# 127.0.0.1 and a free port, objects as files under $work/s3; the pipeline (PipelineRun) into a fresh output folder
# on each side in turn, the S3 one reaching its bucket through S3A settings of that bucket and the credentials as
# AWS environment variables. Prints a Markdown table and writes it beside the other results.
bench_s3() {
  local folder="$work/s3" port bucket=bench round
  rm -rf "$folder"
  mkdir -p "$folder/objects/$bucket" target/bench
  for port in $(shuf -i 20000-60000 -n 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break # nothing answers: free
  done
  local access="bench-$RANDOM$RANDOM" secret
  secret=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
  (
    umask 077
    printf '%s\n' "s3proxy.endpoint=http://127.0.0.1:$port" "s3proxy.authorization=aws-v2-or-v4" \
      "s3proxy.identity=$access" "s3proxy.credential=$secret" "jclouds.provider=filesystem" \
      "jclouds.filesystem.basedir=$(realpath "$folder/objects")" >"$folder/s3proxy.properties"
  )
  java -Xmx512m -jar target/s3proxy/s3proxy.jar --properties "$folder/s3proxy.properties" >"$folder/s3proxy.log" 2>&1 &
  s3_server=$!
  trap 'kill $s3_server 2>/dev/null || true' EXIT
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    kill -0 $s3_server 2>/dev/null || { log "s3proxy did not start; see $folder/s3proxy.log"; return 1; }
    sleep 0.2
  done
  local s3_settings=() key
  for key in "endpoint=http://127.0.0.1:$port" "endpoint.region=us-east-1" "path.style.access=true" \
    "connection.ssl.enabled=false"; do
    s3_settings+=("-Dspark.hadoop.fs.s3a.bucket.$bucket.$key")
  done
  declare -A walls=() results=()
  for ((round = 1; round <= line_rounds; round++)); do
    log "Round $round: the sample into local disk..."
    rm -rf "$work/s3-local-output"
    run_jvm "$folder/local-$round.log" "${spark_java[@]}" -cp "$classpath" dev.crossborder.bench.PipelineRun \
      --landing "$sample_landing" --output "$work/s3-local-output" --run-id "local-$round" \
      --max-quarantine-ratio "$max_quarantine_ratio"
    [[ -n "$jvm_result" ]] || return 1
    walls[local]+="$jvm_wall "
    results[local]=$jvm_result
    log "Round $round: the sample into s3a://$bucket/sample-$round..."
    AWS_ACCESS_KEY_ID=$access AWS_SECRET_ACCESS_KEY=$secret run_jvm "$folder/s3-$round.log" "${spark_java[@]}" \
      "${s3_settings[@]}" -cp "$classpath" dev.crossborder.bench.PipelineRun --landing "$sample_landing" \
      --output "s3a://$bucket/sample-$round" --run-id "s3-$round" --max-quarantine-ratio "$max_quarantine_ratio"
    [[ -n "$jvm_result" ]] || return 1
    walls[s3]+="$jvm_wall "
    results[s3]=$jvm_result
  done
  kill $s3_server 2>/dev/null || true
  wait $s3_server 2>/dev/null || true
  trap - EXIT
  median_of() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
  local local_median s3_median results_file=target/bench/results-s3-$(date -u +%Y%m%dT%H%M%SZ).md
  local_median=$(median_of "${walls[local]}")
  s3_median=$(median_of "${walls[s3]}")
  {
    echo "## The sample on an S3 API server against local disk $(date -u +%Y-%m-%dT%H:%MZ)"
    echo
    echo "- Command: \`$command_line\`"
    echo "- Machine: $cores cores (nproc); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- S3 API server: s3proxy (filesystem storage) on 127.0.0.1, reached through S3A"
    echo
    echo "| output | wall s per round | median s | / local | Spark jobs | LIST | HEAD | GET | PUT | COPY | DELETE |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    echo "| local disk | ${walls[local]% } | $local_median | 1.00 | $(field "${results[local]}" spark_jobs) | | | | | | |"
    echo "| s3a:// | ${walls[s3]% } | $s3_median | $(calc "%.2f" "$s3_median / $local_median")" \
      "| $(field "${results[s3]}" spark_jobs) | $(field "${results[s3]}" s3_list) | $(field "${results[s3]}" s3_head)" \
      "| $(field "${results[s3]}" s3_get) | $(field "${results[s3]}" s3_put) | $(field "${results[s3]}" s3_copy)" \
      "| $(field "${results[s3]}" s3_delete) |"
    echo
    echo "Wall time of the whole JVM of \`run\` (PipelineRun, the job as run-local.sh runs it, without the report) on"\
      "$sample_landing, local disk and s3a:// taking turns in each of $line_rounds rounds; the requests are those of"\
      "the last s3a:// round, counted by S3A (the driver's and the executors' in local mode)."
  } | tee "$results_file"
  log "Written to $results_file"
}

# The bundled sample landing folder, measured as it is (CSV and JSON lines).
sample_landing=datasets/sample
# The part of the sample an incremental refresh adds: the run before it reads the sample without it.
refresh_part=shipments/2025
# Generated sizes up to this many rows also run the Spark + Delta floor: there it costs about what it does on
# the sample, while on larger inputs it would mostly time a second scan of the shipments.
delta_floor_max_rows=1000000

sizes_generated=()
small_inputs=()
if [[ ${#landings_given[@]} -eq 0 ]]; then
  for size in $sizes; do
    if [[ "$size" == "sample" ]]; then
      small_inputs+=("$size")
    else
      kind=parquet
      if [[ "$size" == *:* ]]; then
        kind=${size#*:}
        size=${size%%:*}
      fi
      case "$kind" in
        parquet|typed|csv) ;;
        *) echo "Not a landing kind: '$kind' (typed or csv after the size, e.g. 10M:typed)" >&2; exit 2 ;;
      esac
      sizes_generated+=("$(parse_rows "$size"):$kind")
    fi
  done
fi
if [[ ${#small_inputs[@]} -gt 0 && ! -d "$sample_landing/$refresh_part" ]]; then
  echo "The sample's incremental refresh adds $sample_landing/$refresh_part, which is not there" >&2
  exit 2
fi

log "Building the application and the benchmark classes (mvn package, tests skipped)..."
# The test classpath (DuckDB is a test dependency) in its own file: local-run.classpath stays without it.
quiet_maven $maven_offline -DskipTests package dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
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

# The pipeline (PipelineRun) from landing $1 into output $2 as run $3, its log $4, further options after them;
# sets what run_jvm sets.
run_pipeline() {
  local landing=$1 output=$2 run_id=$3 log_file=$4
  shift 4
  run_jvm "$log_file" "${spark_java[@]}" -cp "$classpath" dev.crossborder.bench.PipelineRun \
    --landing "$landing" --output "$output" --run-id "$run_id" --max-quarantine-ratio "$max_quarantine_ratio" "$@"
}

# The Spark + Delta floor from landing $1 into output $2, its log $3; sets what run_jvm sets.
run_delta_floor() {
  run_jvm "$3" "${spark_java[@]}" -cp "$classpath" dev.crossborder.bench.SparkDeltaFloor --landing "$1" --output "$2"
}

# The sql command over the sample's output (--sql): a one-shot query as a user runs it (scripts/sql.sh, JVM start
# included) --rounds times, then one shell (scripts/sql.sh --timing, statements piped in) answering ten questions
# over seven tables, each statement's time as the shell prints it.
bench_sql() {
  local dir="$work/sql" output round start end walls=() times first rest
  mkdir -p "$dir"
  if [[ ! -d "$dir/output/gold" ]]; then
    log "The sample's output for the queries..."
    run_pipeline datasets/sample "$dir/output" bench-sql "$dir/pipeline.log"
    [[ -n "$jvm_result" ]] || return 1
  fi
  output=$(realpath "$dir/output")
  for round in $(seq "$line_rounds"); do
    log "One-shot query, round $round..."
    start=$(date +%s.%N)
    scripts/sql.sh --output "$output" "SELECT count(*) FROM market_share" > "$dir/one-shot.out" 2> "$dir/one-shot.err"
    end=$(date +%s.%N)
    walls+=("$(calc "%.1f" "$end - $start")")
  done
  log "Ten questions in one shell..."
  start=$(date +%s.%N)
  cat <<'SQL' | scripts/sql.sh --output "$output" --timing > "$dir/shell.out" 2> "$dir/shell.err"
SELECT count(*) FROM market_share;
SELECT platform_id, rank FROM market_share WHERE period_grain = 'year' AND period_label = '2025'
  AND geo_level = 'global' ORDER BY rank;
SELECT count(*) FROM gmv_growth;
SELECT platform_id, round(gmv_usd / 1e9, 1) AS gmv_bn FROM gmv_growth
  WHERE period_grain = 'year' AND period_label = '2024' AND geo_level = 'global' ORDER BY gmv_bn DESC;
SELECT * FROM growth_summary ORDER BY metric, geo_code LIMIT 5;
SELECT count(*) FROM quarantine;
SELECT array_join(reasons, '+') AS reasons, count(*) AS n FROM quarantine GROUP BY 1 ORDER BY n DESC;
SELECT * FROM kpi_anomalies;
SELECT scenario_id, sum(parcels_losing_exemption) AS losing FROM policy_scenarios GROUP BY scenario_id;
SELECT run_id, status, finished_at FROM runs ORDER BY finished_at;
SQL
  end=$(date +%s.%N)
  mapfile -t times < <(sed -n 's/^Time: \([0-9.]*\) s$/\1/p' "$dir/shell.err")
  if [[ ${#times[@]} -ne 10 ]]; then
    log "The shell answered ${#times[@]} of 10 questions; see $dir/shell.err"
    return 1
  fi
  first=${times[0]}
  rest=$(printf '%s\n' "${times[@]:1}" | sort -n | tail -n 1)
  {
    echo "### sql over the sample's output ($(date -u +%F))"
    echo
    echo "| what | seconds |"
    echo "|---|---:|"
    echo "| one-shot \`scripts/sql.sh \"SELECT count(*) FROM market_share\"\`, wall, $line_rounds rounds | ${walls[*]} |"
    echo "| shell: whole sitting of 10 questions, wall (JVM start included) | $(calc "%.1f" "$end - $start") |"
    echo "| shell: first question (session start, first table) | $first |"
    echo "| shell: questions 2-10, each | $(printf '%s ' "${times[@]:1}") |"
    echo "| shell: slowest of questions 2-10 (target ≤ 1) | $rest |"
  } | tee "target/bench/sql-$(date -u +%Y%m%dT%H%M%SZ).md"
}

if $sql_bench; then
  bench_sql
  exit $?
fi
if [[ -n "$spark_lines" ]]; then
  bench_lines
  exit $?
fi
if $s3_bench; then
  bench_s3
  exit $?
fi

failed=0
max_heap_mb=""

# ---- Small inputs: the fixed costs (Delta floor, pipeline with report, incremental refresh, nothing to do).

small_rows=()
# One row of the small-input table: input, run, its result, its wall time, the floor's wall time, the target of
# wall / floor wall, the target of Spark jobs, a note (what went wrong).
small_row() {
  local input=$1 name=$2 result=$3 wall=$4 floor_wall=$5 wall_target=$6 jobs_target=$7 note=$8
  if [[ -z "$result" ]]; then
    small_rows+=("| $input | $name | failed: see $work/runs/$input/*.log ||||||||")
    return
  fi
  max_heap_mb=$(field "$result" max_heap_mb)
  small_rows+=("| $input | $name${note:+ **$note**} | $(field "$result" work_s) | $wall\
 | $(with_target "$(ratio "$wall" "$floor_wall")" "$wall_target")\
 | $(with_target "$(field "$result" spark_jobs)" "$jobs_target") | $(field "$result" delta_commits)\
 | $(grouped "$(field "$result" rows)") | $(grouped "$(field "$result" peak_rss_mb)")\
 | $(grouped "$(field "$result" peak_heap_mb)") |")
}

# Checks that a pipeline run refreshed as asked (refresh=full, incremental or nothing in its result); sets
# refresh_note to what went wrong, or empty.
check_refresh() {
  local result=$1 expected=$2 actual
  refresh_note=""
  actual=$(field "$result" refresh)
  if [[ -n "$result" && "$actual" != "$expected" ]]; then
    refresh_note="NOT AS ASKED: ran as '$actual', expected '$expected'"
    failed=1
    log "  the run was '$actual', not '$expected'; see its log"
  fi
}

for input in "${small_inputs[@]}"; do
  landing=$sample_landing
  run_dir="$work/runs/$input"
  rm -rf "$run_dir"
  mkdir -p "$run_dir"
  find "$landing" -type f -exec cat {} + > /dev/null

  log "[$landing] (a) Spark + Delta floor..."
  run_delta_floor "$landing" "$run_dir/delta-floor-output" "$run_dir/delta-floor.log"
  delta_floor=$jvm_result delta_floor_wall=$jvm_wall
  [[ -n "$delta_floor" ]] || { failed=1; delta_floor_wall=""; }
  small_row "$input" "Spark + Delta floor" "$delta_floor" "$jvm_wall" "$delta_floor_wall" "" "" ""

  log "[$landing] (b) pipeline with the HTML report (run --report)..."
  run_pipeline "$landing" "$run_dir/pipeline-output" "bench-$input" "$run_dir/pipeline.log" --report true
  [[ -n "$jvm_result" ]] || failed=1
  check_refresh "$jvm_result" full
  small_row "$input" "pipeline, \`run --report\`" "$jvm_result" "$jvm_wall" "$delta_floor_wall" 1.5 70 "$refresh_note"

  # The landing copy for the refresh: the sample without $refresh_part, which is moved in after the full run.
  refresh_landing="$run_dir/refresh-landing"
  held_back="$run_dir/refresh-held-back"
  cp -R "$landing" "$refresh_landing"
  mkdir -p "$held_back"
  mv "$refresh_landing/$refresh_part" "$held_back/"
  refresh_output="$run_dir/refresh-output"

  log "[$landing] (c) incremental refresh: full run without $refresh_part first..."
  run_pipeline "$refresh_landing" "$refresh_output" "bench-$input-before-refresh" "$run_dir/refresh-full.log"
  [[ -n "$jvm_result" ]] || failed=1
  check_refresh "$jvm_result" full
  small_row "$input" "full run before the refresh (without $refresh_part)" "$jvm_result" "$jvm_wall" \
    "$delta_floor_wall" "" "" "$refresh_note"
  if [[ -n "$jvm_result" ]]; then
    mv "$held_back/$(basename "$refresh_part")" "$refresh_landing/$(dirname "$refresh_part")/"
    # What the refresh exists to avoid: a full run over the same landing files, into an output of its own.
    log "[$landing] (c) a full rebuild of the refreshed landing, to compare the refresh with..."
    run_pipeline "$refresh_landing" "$run_dir/rebuild-output" "bench-$input-rebuild" "$run_dir/rebuild.log"
    [[ -n "$jvm_result" ]] || failed=1
    check_refresh "$jvm_result" full
    rebuild_wall=$jvm_wall
    small_row "$input" "full rebuild of the same landing (\`run\`, to compare the refresh with)" "$jvm_result" \
      "$jvm_wall" "$delta_floor_wall" "" "" "$refresh_note"
    [[ -n "$jvm_result" ]] || rebuild_wall=""

    log "[$landing] (c) incremental refresh: $refresh_part added, run --incremental..."
    run_pipeline "$refresh_landing" "$refresh_output" "bench-$input-refresh" "$run_dir/refresh.log" \
      --incremental true
    [[ -n "$jvm_result" ]] || failed=1
    check_refresh "$jvm_result" incremental
    against_rebuild=""
    if [[ -n "$jvm_result" && -n "$rebuild_wall" ]]; then
      against_rebuild="$(calc "%.2f" "$jvm_wall / $rebuild_wall") x the rebuild's wall time"
    fi
    small_row "$input" "incremental refresh, $refresh_part added (\`run --incremental\`; $against_rebuild)" \
      "$jvm_result" "$jvm_wall" "$delta_floor_wall" 1.5 "" "$refresh_note"

    log "[$landing] (d) nothing to refresh: run --incremental again..."
    run_pipeline "$refresh_landing" "$refresh_output" "bench-$input-nothing" "$run_dir/nothing.log" \
      --incremental true
    [[ -n "$jvm_result" ]] || failed=1
    check_refresh "$jvm_result" nothing
    small_row "$input" "nothing to refresh (\`run --incremental\` again)" "$jvm_result" "$jvm_wall" \
      "$delta_floor_wall" "" "" "$refresh_note"
  else
    small_row "$input" "incremental refresh (not run: the full run failed)" "" "" "" "" "" ""
  fi
done

# ---- Generated sizes (or --landing folders): scan floor, pipeline, DuckDB, and the check.

landings=()
labels=()
kinds=()
if [[ ${#landings_given[@]} -gt 0 ]]; then
  for landing in "${landings_given[@]}"; do
    landings+=("$landing")
    labels+=("$(basename "$landing")")
    kinds+=(given)
  done
else
  for size in "${sizes_generated[@]}"; do
    rows=${size%%:*} kind=${size#*:}
    generate_format=(--format parquet)
    case "$kind" in
      parquet) landing="$work/landing-$rows-seed$seed-bad$bad_ratio" ;;
      typed) landing="$work/landing-$rows-seed$seed-bad$bad_ratio-typed"; generate_format+=(--typed) ;;
      csv) landing="$work/landing-$rows-seed$seed-bad$bad_ratio-csv"; generate_format=(--format csv) ;;
    esac
    # The marker is written last: a folder without it is a generation that did not finish.
    if [[ ! -f "$landing/.bench-generated" ]]; then
      log "Generating $(grouped "$rows") shipment rows ($kind, seed $seed, bad ratio $bad_ratio) into $landing..."
      rm -rf "$landing"
      generate=(generate --output "$landing" --rows "$rows" --seed "$seed" --bad-ratio "$bad_ratio" "${generate_format[@]}")
      "${spark_java[@]}" -cp "$classpath" dev.crossborder.cli.Main "${generate[@]}" >&2
      echo "${generate[*]}" > "$landing/.bench-generated"
    else
      log "Reusing $landing"
    fi
    landings+=("$landing")
    if [[ "$kind" == parquet ]]; then labels+=("$rows"); else labels+=("$rows-$kind"); fi
    kinds+=("$kind")
  done
fi

# The pipeline again on the same landing with one more option ($3 $4: --scenarios FILE, --expectations FILE), its
# output and log named $2; appends to array $1 a row comparing it with the run without ($pipeline).
compared_run() {
  local -n rows=$1
  local name=$2
  shift 2
  run_pipeline "$landing" "$run_dir/$name-output" "$run_id-$name" "$run_dir/$name.log" "$@"
  if [[ -n "$pipeline" && -n "$jvm_result" ]]; then
    rows+=("| $(grouped "$(field "$pipeline" rows)") | $(field "$pipeline" work_s) ($pipeline_wall)\
 | $(field "$jvm_result" work_s) ($jvm_wall) | $(calc "%.2f" "$(field "$jvm_result" work_s) / $(field "$pipeline" work_s)")\
 | $(field "$pipeline" spark_jobs) / $(field "$jvm_result" spark_jobs) |")
  else
    failed=1
    rows+=("| $label | failed: see $run_dir/$name.log ||||")
  fi
}

# The table of compared_run's rows ($3...) under title $1, for option --$2 (nothing when there are none).
compared_table() {
  local title=$1 what=$2
  shift 2
  [[ $# -gt 0 ]] || return 0
  echo
  echo "### $title"
  echo
  echo "| rows | pipeline s | with $what s | with / without | Spark jobs without / with |"
  echo "|---:|---:|---:|---:|---:|"
  printf '%s\n' "$@"
  echo
  echo "The same landing folder, the same sitting: the pipeline without $what (generated landings have none),"\
    "then with --$what; seconds are the work (wall in brackets)."
}

table_rows=()
scenario_rows=()
expectation_rows=()
declare -A first_work=() last_work=() first_rows=() last_rows=()
duckdb_info=""
for i in "${!landings[@]}"; do
  landing=${landings[$i]}
  label=${labels[$i]}
  kind=${kinds[$i]}
  run_dir="$work/runs/$label"
  rm -rf "$run_dir"
  mkdir -p "$run_dir"
  # Every engine reads from the page cache: the first would otherwise pay for the disk alone.
  find "$landing/shipments" -type f -exec cat {} + > /dev/null

  log "[$landing] (a) scan floor..."
  run_jvm "$run_dir/floor.log" "${spark_java[@]}" -cp "$classpath" dev.crossborder.bench.SparkScanFloor \
    --landing "$landing"
  floor=$jvm_result floor_wall=$jvm_wall

  delta_floor="" delta_floor_wall="" delta_floor_failed=""
  if [[ ${#landings_given[@]} -eq 0 && ${label%%-*} -le $delta_floor_max_rows ]]; then
    log "[$landing] Spark + Delta floor..."
    run_delta_floor "$landing" "$run_dir/delta-floor-output" "$run_dir/delta-floor.log"
    delta_floor=$jvm_result delta_floor_wall=$jvm_wall
    [[ -n "$delta_floor" ]] || { delta_floor_failed=1; delta_floor_wall=""; }
  fi

  log "[$landing] (b) full pipeline..."
  run_id="bench-$label"
  run_pipeline "$landing" "$run_dir/pipeline-output" "$run_id" "$run_dir/pipeline.log"
  pipeline=$jvm_result pipeline_wall=$jvm_wall

  if [[ -n "$scenarios" ]]; then
    log "[$landing] (b') full pipeline with the policy scenarios of $scenarios..."
    compared_run scenario_rows scenarios --scenarios "$scenarios"
  fi
  if [[ -n "$expectations" ]]; then
    log "[$landing] (b'') full pipeline with the expectations of $expectations..."
    compared_run expectation_rows expectations --expectations "$expectations"
  fi

  log "[$landing] (c) DuckDB..."
  # The pipeline's run date decides which ship dates are out of range: DuckDB uses the same.
  run_date=$(sed -n 's/.*"started_at" *: *"\([0-9-]\{10\}\).*/\1/p' "$run_dir/pipeline-output/runs/$run_id.json" \
    2>/dev/null || true)
  run_jvm "$run_dir/duckdb.log" "${java_base[@]}" -cp "$classpath" dev.crossborder.bench.DuckDbShipments \
    --landing "$landing" --output "$run_dir/duckdb-output" --run-date "${run_date:-$(date -u +%F)}"
  duckdb=$jvm_result duckdb_wall=$jvm_wall
  duckdb_info=$(grep '^BENCH-INFO DuckDB' "$run_dir/duckdb.log" | tail -n 1 || true)

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
  if [[ -z "$floor" || -z "$pipeline" || -z "$duckdb" || -n "$delta_floor_failed" ]]; then
    failed=1
    table_rows+=("| $label | $kind | failed: see $run_dir/*.log ||||||||||||||||")
    continue
  fi

  rows=$(field "$pipeline" rows)
  for engine_result in "$floor" "$duckdb" "$delta_floor"; do
    if [[ -n "$engine_result" && "$(field "$engine_result" rows)" != "$rows" ]]; then
      same="**NO** (rows read differ)"
      failed=1
    fi
  done
  duckdb_target=""
  case "$rows:$kind" in
    1000000:*) duckdb_target=3 ;;
    10000000:*) duckdb_target=2 ;;
    100000000:parquet) duckdb_target=2 ;;
    100000000:typed) duckdb_target=1.5 ;;
  esac
  max_heap_mb=$(field "$pipeline" max_heap_mb)
  floor_s=$(field "$floor" work_s) pipeline_s=$(field "$pipeline" work_s) duckdb_s=""
  duckdb_cell="n/a" duckdb_per_core="n/a" duckdb_ratio="n/a"
  if [[ -n "$duckdb" ]]; then
    duckdb_s=$(field "$duckdb" work_s)
    duckdb_cell="$duckdb_s ($duckdb_wall)"
    duckdb_per_core=$(per_core "$rows" "$duckdb_s")
    duckdb_ratio=$(with_target "$(calc "%.1f" "$pipeline_s / $duckdb_s")" "$duckdb_target")
  fi
  delta_floor_cell="n/a"
  if [[ -n "$delta_floor" ]]; then
    delta_floor_cell="$(field "$delta_floor" work_s) ($delta_floor_wall)"
  fi
  table_rows+=("| $(grouped "$rows") | ${kind/parquet/text Parquet} | $floor_s ($floor_wall) | $delta_floor_cell | $pipeline_s ($pipeline_wall)\
 | $duckdb_cell\
 | $(per_core "$rows" "$floor_s") | $(per_core "$rows" "$pipeline_s") | $duckdb_per_core\
 | $(calc "%.1f" "$pipeline_s / $floor_s") | $(ratio "${delta_floor:+$pipeline_wall}" "$delta_floor_wall")\
 | $duckdb_ratio\
 | $(field "$floor" spark_jobs) / $(grouped_field "$delta_floor" spark_jobs) / $(field "$pipeline" spark_jobs)\
 | $(grouped_field "$delta_floor" delta_commits) / $(field "$pipeline" delta_commits)\
 | $(grouped "$(field "$floor" peak_rss_mb)") / $(grouped "$(field "$pipeline" peak_rss_mb)") / $(grouped_field "$duckdb" peak_rss_mb)\
 | $(grouped "$(field "$floor" peak_heap_mb)") / $(grouped "$(field "$pipeline" peak_heap_mb)") / $(grouped_field "$duckdb" peak_heap_mb)\
 | $(grouped "$(field "$floor" peak_heap_after_gc_mb)") / $(grouped "$(field "$pipeline" peak_heap_after_gc_mb)") / $(grouped_field "$duckdb" peak_heap_after_gc_mb)\
 | $same |")
  # Linearity per kind of landing: its first size against its last.
  if [[ -z "${first_rows[$kind]:-}" ]]; then
    first_rows[$kind]=$rows
    first_work[$kind]="$floor_s $pipeline_s ${duckdb_s:-}"
  fi
  last_rows[$kind]=$rows
  last_work[$kind]="$floor_s $pipeline_s ${duckdb_s:-}"
done

# "Linearity ..." sentences, one per kind of landing measured at two sizes or more.
linearity() {
  local kind first last
  for kind in "${!first_rows[@]}"; do
    [[ "${first_rows[$kind]}" != "${last_rows[$kind]}" ]] || continue
    read -r -a first <<< "${first_work[$kind]}"
    read -r -a last <<< "${last_work[$kind]}"
    echo "Linearity ($kind), time at $(grouped "${last_rows[$kind]}") rows / time at $(grouped "${first_rows[$kind]}") rows"\
      "($(calc "%.1f" "${last_rows[$kind]} / ${first_rows[$kind]}")x the rows): floor $(calc "%.1f" "${last[0]} / ${first[0]}")x,"\
      "pipeline $(calc "%.1f" "${last[1]} / ${first[1]}")x${last[2]:+, DuckDB $(calc "%.1f" "${last[2]} / ${first[2]}")x}."
    echo
  done
}

report() {
  echo "## Benchmark $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "- Command: \`$command_line\`"
  echo "- Machine: $cores cores (nproc), $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo),"\
    "$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo); load average at the end:"\
    "$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- Java: $(java -version 2>&1 | sed -n 1p); Spark JVM max heap ${max_heap_mb:-?} MB${heap:+ (--heap $heap)};"\
    "Spark in local mode with the job's session settings"
  if [[ -n "$duckdb_info" ]]; then
    echo "- ${duckdb_info#BENCH-INFO }, through JDBC in its own JVM"
  fi
  if [[ ${#landings_given[@]} -gt 0 ]]; then
    echo "- Landing: ${landings_given[*]}"
  else
    local landing_text=""
    [[ ${#small_inputs[@]} -eq 0 ]] || landing_text="sample = $sample_landing as it is (CSV and JSON lines)"
    [[ ${#sizes_generated[@]} -eq 0 ]] ||
      landing_text+="${landing_text:+; }generate --seed $seed --bad-ratio $bad_ratio --format parquet (text Parquet), with --typed (typed), or --format csv (csv), under $work"
    echo "- Landing: $landing_text"
  fi
  if [[ ${#small_rows[@]} -gt 0 ]]; then
    echo
    echo "### Small input: fixed costs"
    echo
    echo "| input | run | work s | wall s | wall / Delta floor wall | Spark jobs | Delta commits"\
      "| shipment rows read | peak RSS MB | peak heap MB |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${small_rows[@]}"
    echo
    echo "Work is the time from the Spark session's start to the end of the run (the pipeline's report included),"\
      "wall the time of the whole JVM, start included; targets are the issue's. The Spark + Delta floor reads every landing file once and"\
      "writes 12 small Delta tables, one commit each, 4 at a time. The refresh adds $refresh_part to a copy of"\
      "the sample that had a full run without it; shipment rows read are those the run read."\
      "Spark jobs are counted by a listener; Delta commits are the commit files the run created."
  fi
  if [[ ${#table_rows[@]} -gt 0 ]]; then
    echo
    echo "### Generated landing folders"
    echo
    echo "| rows | landing | scan floor s | Delta floor s | pipeline s | DuckDB s | floor rows/s/core | pipeline rows/s/core"\
      "| DuckDB rows/s/core | pipeline / scan floor | pipeline / Delta floor (wall) | pipeline / DuckDB"\
      "| Spark jobs scan floor / Delta floor / pipeline | Delta commits Delta floor / pipeline"\
      "| peak RSS MB floor / pipeline / DuckDB | peak heap MB floor / pipeline / DuckDB"\
      "| heap after GC MB floor / pipeline / DuckDB | same results |"
    echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    printf '%s\n' "${table_rows[@]}"
    echo
    linearity
    echo "Seconds are the work (in brackets the wall time of the whole JVM, start included); rows/s/core use the"\
      "work time. The Delta floor runs up to $(grouped "$delta_floor_max_rows") rows (n/a above). Peak heap is"\
      "the most heap in use (garbage included), heap after GC the most left after a collection (held data)."\
      "Same results: shipment_cube, shipment_volumes and quality counts identical. Logs: $work/runs."
  fi
  compared_table "Policy scenarios ($scenarios)" scenarios "${scenario_rows[@]}"
  compared_table "Expectations ($expectations)" expectations "${expectation_rows[@]}"
}

results="target/bench/results-$(date -u +%Y%m%dT%H%M%SZ).md"
report | tee "$results"
log "Written to $results"
exit $failed
