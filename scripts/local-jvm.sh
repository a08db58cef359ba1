# Sourced by scripts/run-local.sh and scripts/sql.sh (from the project folder): builds the application jar when it
# is missing or older than the sources, and starts the job's main class in local mode (local[*], no Spark UI,
# every listener on 127.0.0.1) with the JVM flags Spark needs on Java 17.

local_jar=target/crossborder-analytics.jar
local_classpath_file=target/local-run.classpath

ensure_jar() {
  if [[ ! -f "$local_jar" || ! -f "$local_classpath_file" || -n "$(find src pom.xml -newer "$local_jar" -print -quit)" ]]; then
    echo "Building the application jar (mvn package, tests skipped)..." >&2
    mvn -q -B -DskipTests package
  fi
}

# Runs dev.crossborder.cli.Main with the given arguments; returns its exit code.
run_main() {
  SPARK_LOCAL_IP=127.0.0.1 java @scripts/java17-spark.args \
    -Dlog4j2.configurationFile=scripts/log4j2-local.properties \
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
