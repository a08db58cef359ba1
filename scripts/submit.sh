#!/usr/bin/env bash
# Submits the job to a Spark master in client mode: by default to the local cluster of scripts/cluster.sh.
#
#   scripts/submit.sh [SPARK-SUBMIT OPTIONS] [-- JOB COMMAND AND OPTIONS]
#
# Before `--`: spark-submit options (--master URL, --conf KEY=VALUE, --executor-memory 2g,
# --total-executor-cores 2, --driver-memory 2g, ...). Without --master: the running local cluster. And --spark X.Y:
# the Spark line whose -with-delta jar is submitted (default: the local cluster's line, else 4.2).
# After `--`: the job's command line as it is; without one: run --input datasets/sample --output output-cluster.
#
#   scripts/submit.sh                                      the sample on the local cluster, into output-cluster/
#   scripts/submit.sh -- run --input datasets/sample --output output-cluster --format parquet
#   scripts/submit.sh --master spark://host:7077 --executor-memory 4g -- run --input /data/in --output /data/out
#   scripts/submit.sh -- run --help                        the job's own options
#
# spark-submit is $SPARK_HOME/bin/spark-submit when SPARK_HOME is a Spark distribution, else SparkSubmit on the
# jars that scripts/cluster.sh assembles under target/spark-home. For the local cluster the secret comes from
# its conf file (--properties-file), never from the command line. Builds the application jar when it is missing
# or older than the sources.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/cluster/common.sh

usage() {
  sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"
}

spark_options=()
job_args=()
after_separator=false
for arg in "$@"; do
  if $after_separator; then
    job_args+=("$arg")
  elif [[ "$arg" == "--" ]]; then
    after_separator=true
  else
    spark_options+=("$arg")
  fi
done

# --spark is ours, not spark-submit's.
line=""
submit_options=()
for ((i = 0; i < ${#spark_options[@]}; i++)); do
  case "${spark_options[i]}" in
    --spark) line=${spark_options[i + 1]:-}; i=$((i + 1)) ;;
    --spark=*) line=${spark_options[i]#--spark=} ;;
    *) submit_options+=("${spark_options[i]}") ;;
  esac
done
spark_options=(${submit_options[@]+"${submit_options[@]}"})

master=""
driver_memory=1g
for ((i = 0; i < ${#spark_options[@]}; i++)); do
  case "${spark_options[i]}" in
    -h | --help)
      usage
      exit 0
      ;;
    --master) master=${spark_options[i + 1]:-} ;;
    --master=*) master=${spark_options[i]#--master=} ;;
    --driver-memory) driver_memory=${spark_options[i + 1]:-$driver_memory} ;;
    --driver-memory=*) driver_memory=${spark_options[i]#--driver-memory=} ;;
  esac
done
if ! $after_separator && ((${#spark_options[@]} > 0)) && [[ "${spark_options[0]}" != -* ]]; then
  echo "error: the job's command goes after --, e.g. scripts/submit.sh -- ${spark_options[*]}" >&2
  exit 2
fi
((${#job_args[@]} > 0)) || job_args=(run --input datasets/sample --output output-cluster)

local_cluster=false
if [[ -z "$master" ]]; then
  if ! cluster_is_running; then
    echo "error: no local Spark cluster is running (${CLUSTER_DIR#"$PWD"/}): start one with" \
      "scripts/cluster.sh start, or give --master URL" >&2
    exit 2
  fi
  master=$(cat "$MASTER_URL_FILE")
  spark_options=(--master "$master" "${spark_options[@]}")
  local_cluster=true
elif [[ -f "$MASTER_URL_FILE" && "$master" == "$(cat "$MASTER_URL_FILE")" ]] && cluster_is_running; then
  local_cluster=true
fi
if $local_cluster; then
  # The cluster's conf file carries its secret and the small-cluster defaults; --conf options still win.
  spark_options=(--properties-file "$CLUSTER_CONF" "${spark_options[@]}")
fi
if $local_cluster || [[ "$master" == local* ]]; then
  # The driver's listeners (RPC, block manager, application UI) on loopback, like the cluster's.
  export SPARK_LOCAL_IP=127.0.0.1
fi

# The jar of the local cluster's Spark line, unless --spark names another.
cluster_line=""
if $local_cluster && [[ -f "$CLUSTER_LINE_FILE" ]]; then
  cluster_line=$(cat "$CLUSTER_LINE_FILE")
fi
if [[ -n "$line" && -n "$cluster_line" && "$line" != "$cluster_line" ]]; then
  echo "error: the local cluster runs Spark $cluster_line, not $line: start it with scripts/cluster.sh start --spark $line" >&2
  exit 2
fi
use_cluster_line "${line:-${cluster_line:-$DEFAULT_SPARK_LINE}}"
jar=$line_jar_stem-with-delta.jar
ensure_line_built "$jar"

main_class=dev.crossborder.cli.Main
if [[ -n "${SPARK_HOME:-}" && -x "$SPARK_HOME/bin/spark-submit" ]]; then
  # A distribution's launcher adds the Java module flags and honours --driver-memory itself.
  exec "$SPARK_HOME/bin/spark-submit" --class "$main_class" "${spark_options[@]}" "$jar" "${job_args[@]}"
fi

assemble_spark_home
# Client mode: this JVM is the driver, so it gets the Java 17 module flags and the driver memory here
# (Spark adds the module flags to executors itself). Warnings only on the console; the job prints its summary.
exec env SPARK_HOME="$SPARK_HOME_DIR" "$java_cmd" @scripts/java17-spark.args -Xmx"$driver_memory" \
  -Dlog4j2.configurationFile=scripts/log4j2-local.properties \
  -cp "$SPARK_CLASSPATH" org.apache.spark.deploy.SparkSubmit \
  --class "$main_class" "${spark_options[@]}" "$jar" "${job_args[@]}"
