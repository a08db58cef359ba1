# shellcheck shell=bash disable=SC2034  # variables used by the scripts that source this file
# Shared by scripts/cluster.sh and scripts/submit.sh (sourced, with the project root as working directory).
# The local cluster is a Spark distribution without bin/ or sbin/: jars/ from Maven plus conf/, enough to start
# the Master, the Worker and SparkSubmit with plain `java -cp` (DESIGN.md section 10).

source scripts/spark-line.sh

# State of one running cluster: pid files, logs, the Worker's work/ folder and the per-cluster secret.
# Another folder gives an independent cluster (the integration test uses its own).
CLUSTER_DIR="$PWD/${CLUSTER_STATE_DIR:-target/cluster}"
# Read by the Master, the Worker and every application submitted to this cluster: holds the secret, so mode 600,
# and never passed with -D or --conf, which `ps` would show.
CLUSTER_CONF="$CLUSTER_DIR/spark-defaults.conf"
MASTER_URL_FILE="$CLUSTER_DIR/master-url"
# The Spark line the running cluster was started with (scripts/cluster.sh start --spark X.Y).
CLUSTER_LINE_FILE="$CLUSTER_DIR/spark-line"

java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java

# Sets the Spark distribution of line $1 (use_spark_line): assembled once per line, shared by every local cluster
# and submission of this checkout.
use_cluster_line() {
  use_spark_line "$1"
  SPARK_HOME_DIR="$PWD/target/spark-home"
  [[ "$spark_line" == "$DEFAULT_SPARK_LINE" ]] || SPARK_HOME_DIR="$PWD/target/spark-home-$spark_line"
  SPARK_CLASSPATH="$SPARK_HOME_DIR/conf/:$SPARK_HOME_DIR/jars/*"
}

# jars/ = spark-sql and spark-hive with their runtime dependencies, at the versions the line's build uses (its jar
# is built first when needed).
assemble_spark_home() {
  ensure_line_built "$line_jar_stem-with-delta.jar"
  local version hive_version release_line
  version=$(line_property spark.version)
  hive_version=$(line_property spark.hive.version)
  release_line="Spark $version (Scala $scala_binary) with Hive support assembled from Maven jars by scripts/cluster.sh at the versions of Spark's parent POM (no bin/ or sbin/)"
  if [[ -f "$SPARK_HOME_DIR/RELEASE" && "$(cat "$SPARK_HOME_DIR/RELEASE")" == "$release_line" ]]; then
    return 0
  fi
  echo "Assembling a Spark $version home from Maven jars under ${SPARK_HOME_DIR#"$PWD"/} (once)..." >&2
  rm -rf "$SPARK_HOME_DIR"
  mkdir -p "$SPARK_HOME_DIR/conf"
  # Every scope: Spark's parent POM marks some of what its distribution ships as provided (Guava, for one).
  local copy=(-B -q -f scripts/cluster/spark-runtime.pom.xml dependency:copy-dependencies
    -DincludeScope=test -Dspark.version="$version" -Dspark.hive.version="$hive_version"
    -Dscala.binary.version="$scala_binary" -DoutputDirectory="$SPARK_HOME_DIR/jars")
  # Offline first: a checkout that has built once has every jar and should not touch the network.
  mvn -o "${copy[@]}" >/dev/null 2>&1 || mvn "${copy[@]}"
  # Written last: a half-copied jars/ is never taken for a complete one.
  echo "$release_line" >"$SPARK_HOME_DIR/RELEASE"
}

# Whether the pid is alive and is this cluster's process of that class (not a pid reused by another program,
# nor another checkout's cluster).
is_cluster_process() {
  local pid=$1 main_class=$2 args
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  args=$(ps -ww -o args= -p "$pid" 2>/dev/null) || return 1
  [[ "$args" == *"$main_class"* && "$args" == *"$CLUSTER_CONF"* ]]
}

read_pid() {
  if [[ -f "$1" ]]; then cat "$1"; fi
}

MASTER_CLASS=org.apache.spark.deploy.master.Master
WORKER_CLASS=org.apache.spark.deploy.worker.Worker

cluster_is_running() {
  is_cluster_process "$(read_pid "$CLUSTER_DIR/master.pid")" "$MASTER_CLASS" \
    && is_cluster_process "$(read_pid "$CLUSTER_DIR/worker.pid")" "$WORKER_CLASS"
}
