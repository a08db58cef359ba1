# Sourced by scripts/run-local.sh and scripts/sql.sh (from the project folder): picks the Spark line and jar a local
# run uses, builds them when missing or older than the sources, and starts the job's main class in local mode
# (local[*], no Spark UI, every listener on 127.0.0.1) with the JVM flags Spark needs on Java 17.
#
#   --spark X.Y        the Spark line: 3.5 (Scala 2.12), 4.0, 4.1 or 4.2 (the default), each built by pom.xml's
#                      spark-X.Y profile; the first use of a line downloads its Spark and Delta through Maven, once
#   --platform-delta   the line's -platform-delta jar, with the line's Delta on the classpath and Delta's session
#                      settings given as a platform gives them (EMR, Glue and Dataproc write them into
#                      spark-defaults.conf); without it, the -with-delta jar
#   --conf KEY=VALUE   a Spark setting, as spark-submit takes it (repeatable), e.g. the S3A connector's:
#                      --conf spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9000 (keys go on the java command line,
#                      where `ps` shows them: give credentials as AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY instead)
source scripts/spark-line.sh

platform_delta=false
spark_settings=()
# JVM options of the caller's own (scripts/sql.sh: a JVM that starts fast).
jvm_options=()

# A --conf KEY=VALUE as a JVM system property, which the job's session reads as spark-submit's settings.
add_spark_setting() {
  if [[ "$1" != spark.*=* ]]; then
    echo "error: --conf takes KEY=VALUE with a Spark key (spark.*), not '$1'" >&2
    exit 2
  fi
  spark_settings+=("-D$1")
}

# Takes --spark, --platform-delta and --conf out of the array args (set by the caller) and sets local_jar and the
# classpath.
take_line_options() {
  local rest=() i line=$DEFAULT_SPARK_LINE
  for ((i = 0; i < ${#args[@]}; i++)); do
    case "${args[i]}" in
      --spark) line=${args[i + 1]:-}; i=$((i + 1)) ;;
      --spark=*) line=${args[i]#--spark=} ;;
      --platform-delta) platform_delta=true ;;
      --conf) add_spark_setting "${args[i + 1]:-}"; i=$((i + 1)) ;;
      --conf=*) add_spark_setting "${args[i]#--conf=}" ;;
      *) rest+=("${args[i]}") ;;
    esac
  done
  args=(${rest[@]+"${rest[@]}"})
  use_spark_line "$line"
  if $platform_delta; then
    local_jar=$line_jar_stem-platform-delta.jar
  else
    local_jar=$line_jar_stem-with-delta.jar
  fi
  local_classpath_file=$line_folder/local-run.classpath
}

ensure_jar() {
  ensure_line_built "$local_jar"
}

# Runs dev.crossborder.cli.Main with the given arguments; returns its exit code.
run_main() {
  local platform_settings=()
  if $platform_delta; then
    # The platform's Delta: its jars on the classpath (the line's classpath has them) and its session settings.
    platform_settings=(-Dspark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension
      -Dspark.sql.catalog.spark_catalog=org.apache.spark.sql.delta.catalog.DeltaCatalog)
  fi
  SPARK_LOCAL_IP=127.0.0.1 java @scripts/java17-spark.args \
    -Dlog4j2.configurationFile=scripts/log4j2-local.properties ${platform_settings[@]+"${platform_settings[@]}"} \
    ${spark_settings[@]+"${spark_settings[@]}"} ${jvm_options[@]+"${jvm_options[@]}"} \
    -cp "$local_jar:$(cat "$local_classpath_file")" \
    dev.crossborder.cli.Main "$@"
}

# Whether the array args (set by the caller) holds option $1, as "--name" or "--name=value".
has_option() {
  local name=$1 arg
  for arg in "${args[@]}"; do
    [[ "$arg" == "$name" || "$arg" == "$name="* ]] && return 0
  done
  return 1
}
