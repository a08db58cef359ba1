#!/usr/bin/env bash
# A real Spark standalone cluster on this machine, built from Maven jars (no Spark download needed):
# one Master and one Worker, separate JVMs, every listener on 127.0.0.1, authenticated by a per-cluster secret.
#
#   scripts/cluster.sh start [--spark X.Y]
#                               assemble the Spark line's distribution from Maven jars if needed (target/spark-home,
#                               or target/spark-home-X.Y for a line other than 4.2), start the Master and the Worker
#   scripts/cluster.sh status   what runs: pids, master URL, web UI URLs (exit 0 running, 3 not running)
#   scripts/cluster.sh stop     stop them by pid, then remove the Worker's work/ folder and the secret
#
# Submit to it with scripts/submit.sh. Settings (environment variables):
#   CLUSTER_WORKER_CORES   cores the Worker offers (default 2)
#   CLUSTER_WORKER_MEMORY  memory the Worker offers to executors (default 2g)
#   CLUSTER_DAEMON_MEMORY  heap of the Master and Worker JVMs themselves (default 512m)
#   CLUSTER_MASTER_PORT, CLUSTER_MASTER_UI_PORT, CLUSTER_WORKER_UI_PORT
#                          ports (default: the first free one from 7077, 8080 and 8081)
#   CLUSTER_STATE_DIR      state folder under the project (default target/cluster): pids, logs, work/, secret
#   CROSSBORDER_METASTORE  the cluster's Hive metastore and warehouse, for run --database (default metastore,
#                          the folder local runs use)
#   CLUSTER_START_TIMEOUT, CLUSTER_STOP_TIMEOUT   seconds to wait for each daemon (default 180, 60)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/cluster/common.sh

worker_cores=${CLUSTER_WORKER_CORES:-2}
worker_memory=${CLUSTER_WORKER_MEMORY:-2g}
daemon_memory=${CLUSTER_DAEMON_MEMORY:-512m}
start_timeout=${CLUSTER_START_TIMEOUT:-180}
stop_timeout=${CLUSTER_STOP_TIMEOUT:-60}
state_shown=${CLUSTER_DIR#"$PWD"/}
# The metastore folder of local runs (README "Query the tables"), so both see the same tables.
metastore_dir=${CROSSBORDER_METASTORE:-metastore}
[[ "$metastore_dir" == /* ]] || metastore_dir="$PWD/$metastore_dir"
metastore_shown=${metastore_dir#"$PWD"/}

usage() {
  sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"
}

# Serialises start and stop of one cluster (two terminals, or a test and a user).
lock_cluster() {
  mkdir -p "$CLUSTER_DIR"
  chmod 700 "$CLUSTER_DIR"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$CLUSTER_DIR/.lock"
    flock 9
  fi
}

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The first free port from $1 on that is not one of the other arguments (ports already chosen).
free_port() {
  local first=$1 port chosen
  shift
  for ((port = first; port < first + 100; port++)); do
    for chosen in "$@"; do [[ "$port" == "$chosen" ]] && continue 2; done
    port_is_free "$port" && { echo "$port"; return 0; }
  done
  echo "error: no free port found from $first on; set the CLUSTER_*_PORT variables" >&2
  return 1
}

# Waits until the log has a line matching the pattern; fails early when the daemon died.
wait_for_log() {
  local log=$1 pattern=$2 pid=$3 daemon=$4
  local deadline=$((SECONDS + start_timeout))
  until grep -q -- "$pattern" "$log" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "error: the $daemon exited while starting; last lines of ${log#"$PWD"/}:" >&2
      tail -n 20 "$log" >&2
      return 1
    fi
    if ((SECONDS >= deadline)); then
      echo "error: the $daemon did not start within ${start_timeout} s; see ${log#"$PWD"/}" >&2
      return 1
    fi
    sleep 1
  done
}

# The port a daemon really bound (Spark moves to the next port when the chosen one was taken meanwhile).
bound_port() {
  local ports
  ports=$(sed -n "s/.*Successfully started service '$2' on port \([0-9]*\).*/\1/p" "$1")
  echo "${ports%%$'\n'*}"
}

write_cluster_conf() {
  local secret
  secret=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
  (
    umask 077
    cat >"$CLUSTER_CONF" <<EOF
# Written by scripts/cluster.sh start for this cluster only and removed by stop. Mode 600: it holds the secret
# that the Master, the Worker and every submitted application must share (spark.authenticate).
spark.authenticate                         true
spark.authenticate.secret                  $secret
# The REST submission server (port 6066) would accept submissions without the secret.
spark.master.rest.enabled                  false
# For applications submitted through scripts/submit.sh: a few cores, small inputs (--conf overrides).
spark.sql.shuffle.partitions               $((2 * worker_cores))
spark.databricks.delta.snapshotPartitions  $worker_cores
# The cluster's metastore, as a real cluster configures its own: a Hive metastore, here embedded Derby in the
# driver (client mode, on this machine) under $metastore_shown, where run --database NAME registers its
# tables and scripts/sql.sh finds them. The catalog is opened only by runs that use it.
spark.sql.catalogImplementation            hive
spark.sql.warehouse.dir                    file:$metastore_dir/warehouse
spark.hadoop.javax.jdo.option.ConnectionURL  jdbc:derby:;databaseName=$metastore_dir/metastore_db;create=true
EOF
  )
  chmod 600 "$CLUSTER_CONF"
}

# Starts a daemon JVM detached from this shell: output to its log, pid to its pid file. In its own session
# (setsid) so that neither closing the terminal nor a Ctrl-C or kill aimed at the caller's process group stops
# it; it does not inherit the lock (fd 9) either.
launch() {
  local name=$1 detach=()
  shift
  command -v setsid >/dev/null 2>&1 && detach=(setsid) || detach=(nohup)
  : >"$CLUSTER_DIR/logs/$name.log"
  "${detach[@]}" env SPARK_HOME="$SPARK_HOME_DIR" SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION="$scala_binary" \
    "$java_cmd" -Xmx"$daemon_memory" -cp "$SPARK_CLASSPATH" "$@" \
    >"$CLUSTER_DIR/logs/$name.log" 2>&1 </dev/null 9>&- &
  echo $! >"$CLUSTER_DIR/$name.pid"
}

print_status() {
  local master_pid worker_pid
  master_pid=$(read_pid "$CLUSTER_DIR/master.pid")
  worker_pid=$(read_pid "$CLUSTER_DIR/worker.pid")
  if is_cluster_process "$master_pid" "$MASTER_CLASS"; then
    echo "  master  pid $master_pid  $(cat "$MASTER_URL_FILE")  UI $(cat "$CLUSTER_DIR/master-ui-url")"
  else
    echo "  master  not running"
  fi
  if is_cluster_process "$worker_pid" "$WORKER_CLASS"; then
    local offer
    offer=$(sed -n 's/.*Starting Spark worker .* with \(.*\)$/\1/p' "$CLUSTER_DIR/logs/worker.log")
    echo "  worker  pid $worker_pid  ${offer:-?}  UI $(cat "$CLUSTER_DIR/worker-ui-url")"
  else
    echo "  worker  not running"
  fi
  echo "  logs    $state_shown/logs/"
}

# Stops one daemon by its pid file: TERM, wait, KILL only when it would not go.
stop_daemon() {
  local name=$1 main_class=$2 pid
  pid=$(read_pid "$CLUSTER_DIR/$name.pid")
  if is_cluster_process "$pid" "$main_class"; then
    kill -TERM "$pid" 2>/dev/null || true
    wait_for_exit "$pid" "$name"
  fi
  rm -f "$CLUSTER_DIR/$name.pid"
}

wait_for_exit() {
  local pid=$1 name=$2 deadline=$((SECONDS + stop_timeout))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      echo "warning: $name (pid $pid) did not stop within ${stop_timeout} s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
      sleep 1
      return 0
    fi
    sleep 1
  done
}

stop_cluster() {
  local worker_pid executor_pids=() pid
  worker_pid=$(read_pid "$CLUSTER_DIR/worker.pid")
  # Executors are the Worker's children; it stops them itself, unless it had to be killed.
  if is_cluster_process "$worker_pid" "$WORKER_CLASS" && command -v pgrep >/dev/null 2>&1; then
    read -r -a executor_pids <<<"$(pgrep -P "$worker_pid" | tr '\n' ' ')"
  fi
  stop_daemon worker "$WORKER_CLASS"
  for pid in "${executor_pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null && [[ "$(ps -ww -o args= -p "$pid" 2>/dev/null)" == *CoarseGrainedExecutorBackend* ]]; then
      kill -TERM "$pid" 2>/dev/null || true
      wait_for_exit "$pid" "executor"
    fi
  done
  stop_daemon master "$MASTER_CLASS"
  # The Worker keeps a copy of the application jar per executor under work/.
  rm -rf "$CLUSTER_DIR/work"
  rm -f "$CLUSTER_CONF" "$MASTER_URL_FILE" "$CLUSTER_DIR/master-ui-url" "$CLUSTER_DIR/worker-ui-url" \
    "$CLUSTER_LINE_FILE"
}

start() {
  lock_cluster
  if cluster_is_running; then
    local running_line
    running_line=$(cat "$CLUSTER_LINE_FILE" 2>/dev/null || echo "$DEFAULT_SPARK_LINE")
    if [[ "$running_line" != "$spark_line" ]]; then
      echo "error: the local cluster ($state_shown) runs Spark $running_line; stop it first to start Spark $spark_line" >&2
      return 2
    fi
    echo "The local Spark cluster is already running ($state_shown):"
    print_status
    return 0
  fi
  # A half-running cluster (one daemon died) or leftovers of one that was killed: start clean.
  stop_cluster
  assemble_spark_home
  mkdir -p "$CLUSTER_DIR/logs" "$CLUSTER_DIR/work"
  write_cluster_conf
  echo "$spark_line" >"$CLUSTER_LINE_FILE"

  local master_port master_ui_port worker_ui_port
  master_port=${CLUSTER_MASTER_PORT:-$(free_port 7077)}
  master_ui_port=${CLUSTER_MASTER_UI_PORT:-$(free_port 8080 "$master_port")}
  worker_ui_port=${CLUSTER_WORKER_UI_PORT:-$(free_port 8081 "$master_port" "$master_ui_port")}

  echo "Starting the Spark master..."
  launch master "$MASTER_CLASS" --host 127.0.0.1 --port "$master_port" --webui-port "$master_ui_port" \
    --properties-file "$CLUSTER_CONF"
  local master_log="$CLUSTER_DIR/logs/master.log"
  wait_for_log "$master_log" "New state: ALIVE" "$(read_pid "$CLUSTER_DIR/master.pid")" master \
    || { stop_cluster; return 1; }
  local master_url
  master_url="spark://127.0.0.1:$(bound_port "$master_log" sparkMaster)"
  echo "$master_url" >"$MASTER_URL_FILE"
  echo "http://127.0.0.1:$(bound_port "$master_log" MasterUI)" >"$CLUSTER_DIR/master-ui-url"

  echo "Starting the Spark worker ($worker_cores cores, $worker_memory)..."
  launch worker "$WORKER_CLASS" --cores "$worker_cores" --memory "$worker_memory" \
    --webui-port "$worker_ui_port" --work-dir "$CLUSTER_DIR/work" --properties-file "$CLUSTER_CONF" "$master_url"
  local worker_log="$CLUSTER_DIR/logs/worker.log"
  wait_for_log "$worker_log" "Successfully registered with master" "$(read_pid "$CLUSTER_DIR/worker.pid")" worker \
    || { stop_cluster; return 1; }
  echo "http://127.0.0.1:$(bound_port "$worker_log" WorkerUI)" >"$CLUSTER_DIR/worker-ui-url"

  echo "The local Spark $spark_line cluster is running ($state_shown):"
  print_status
  echo "Master URL: $master_url"
  echo "Submit the job with: scripts/submit.sh -- run --input datasets/sample --output output-cluster"
}

status() {
  if cluster_is_running; then
    echo "The local Spark cluster is running ($state_shown):"
    print_status
    return 0
  fi
  echo "The local Spark cluster is not running ($state_shown):"
  print_status
  if [[ -f "$CLUSTER_DIR/master.pid" || -f "$CLUSTER_DIR/worker.pid" || -d "$CLUSTER_DIR/work" ]]; then
    echo "  (left over from a cluster that did not stop cleanly: scripts/cluster.sh stop removes it)"
  fi
  return 3
}

stop() {
  lock_cluster
  if [[ ! -f "$CLUSTER_DIR/master.pid" && ! -f "$CLUSTER_DIR/worker.pid" && ! -d "$CLUSTER_DIR/work" ]]; then
    echo "The local Spark cluster is not running ($state_shown)."
    return 0
  fi
  echo "Stopping the local Spark cluster ($state_shown)..."
  stop_cluster
  echo "Stopped; the Worker's work/ folder and the cluster secret are removed."
}

command=${1:-}
shift || true
line=$DEFAULT_SPARK_LINE
[[ -f "$CLUSTER_LINE_FILE" ]] && line=$(cat "$CLUSTER_LINE_FILE")
while (($# > 0)); do
  case "$1" in
    --spark) line=${2:-}; shift 2 || shift ;;
    --spark=*) line=${1#--spark=}; shift ;;
    *) usage >&2; exit 2 ;;
  esac
done
use_cluster_line "$line"

case "$command" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  -h | --help | help) usage ;;
  *)
    usage >&2
    exit 2
    ;;
esac
