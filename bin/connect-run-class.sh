#!/usr/bin/env bash
# Launches one JVM of this project: builds the class path from the Maven build output, adds the JVM options the
# environment asks for, and replaces itself with the JVM (or leaves it running in the background with -daemon).
# bin/connect-standalone.sh and bin/connect-distributed.sh are thin front ends to this script.
#
#   connect-run-class.sh [-daemon] [-name NAME] [-loggc] MAIN_CLASS [ARGS...]
#
#   -daemon   run in the background, console output to $LOG_DIR/NAME.out, pid to $LOG_DIR/NAME.pid
#   -name     the name used for those files and for the GC log (default: connect)
#   -loggc    write a GC log to $LOG_DIR/NAME-gc.log (or as KAFKA_GC_LOG_OPTS says)
#
# Environment (the names Apache Kafka's scripts use, so existing deployments keep working):
#   JAVA_HOME                   use $JAVA_HOME/bin/java instead of the java on the PATH
#   KAFKA_HEAP_OPTS             heap settings (default -Xmx256M; the front ends default to -Xms256M -Xmx2G)
#   KAFKA_JVM_PERFORMANCE_OPTS  GC and JIT flags (default: G1 with a 20 ms pause goal)
#   KAFKA_OPTS                  any further JVM options, added last
#   KAFKA_LOGBACK_OPTS          logging configuration
#                               (default -Dlogback.configurationFile=<project>/config/connect-logback.xml)
#   KAFKA_LOG4J_OPTS            still passed to the JVM when set, but this worker logs through Logback: a log4j or
#                               log4j2 configuration file does NOT configure it. Put a Logback file in
#                               KAFKA_LOGBACK_OPTS instead.
#   LOG_DIR                     log directory (default <project>/logs); given to Logback as -Dkafka.logs.dir
#   JMX_PORT                    open a remote JMX port (unauthenticated, no TLS: KAFKA_JMX_OPTS to change
#                               that), RMI on the same port unless JMX_RMI_PORT says otherwise
#   KAFKA_JMX_OPTS              JMX agent options. Unlike Apache's scripts, no JMX agent is started by default
#                               (it slows start-up; jconsole and jcmd attach to the running JVM without it)
#   KAFKA_DEBUG                 any value: open a JDWP debug port, JAVA_DEBUG_PORT (5005), DEBUG_SUSPEND_FLAG (n)
#   KAFKA_GC_LOG_OPTS           GC log options used with -loggc
#   CLASSPATH                   extra class path entries, placed before the project's jars
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODULES=(connect-api connect-json connect-transforms connect-file connect-runtime)

fail() { echo "$(basename "$0"): $*" >&2; exit 1; }

# split_words VAR_NAME TEXT: TEXT split on blanks into the array VAR_NAME, with no glob expansion
split_words() { read -r -a "$1" <<< "$2"; }

# The newest build of MODULE in MODULE/target, ignoring source, test and javadoc jars.
module_jar() {
  local module="$1" jar newest=""
  for jar in "$ROOT/$module/target/$module"-*.jar; do
    [[ -f "$jar" ]] || continue
    case "$jar" in *-sources.jar | *-tests.jar | *-javadoc.jar) continue ;; esac
    if [[ -z "$newest" || "$jar" -nt "$newest" ]]; then newest="$jar"; fi
  done
  echo "$newest"
}

build_classpath() {
  local module jar missing=() cp="${CLASSPATH:-}"
  for module in "${MODULES[@]}"; do
    jar="$(module_jar "$module")"
    if [[ -z "$jar" ]]; then missing+=("$module/target/$module-<version>.jar"); continue; fi
    cp="${cp:+$cp:}$jar"
  done
  local lib="$ROOT/connect-runtime/target/lib"
  if ! compgen -G "$lib/*.jar" > /dev/null; then missing+=("connect-runtime/target/lib/*.jar (the runtime's dependencies)"); fi
  if ((${#missing[@]})); then
    {
      echo "$(basename "$0"): the worker is not built yet. Missing under $ROOT:"
      printf '  %s\n' "${missing[@]}"
      echo "Build it once with:"
      echo "  cd '$ROOT' && mvn -B -DskipTests package"
    } >&2
    exit 1
  fi
  # Module jars first, so that a stale copy of one of them in lib/ can never shadow the fresh build.
  CLASSPATH_BUILT="$cp:$lib/*"
}

daemon=0 name=connect loggc=0
while (($#)); do
  case "$1" in
    -daemon) daemon=1; shift ;;
    -name) [[ $# -ge 2 ]] || fail "-name needs a value"; name="$2"; shift 2 ;;
    -loggc) loggc=1; shift ;;
    *) break ;;
  esac
done
(($#)) || fail "usage: $(basename "$0") [-daemon] [-name NAME] [-loggc] MAIN_CLASS [ARGS...]"
main_class="$1"
shift

if [[ -n "${JAVA_HOME:-}" ]]; then
  java="$JAVA_HOME/bin/java"
  [[ -x "$java" ]] || fail "JAVA_HOME is $JAVA_HOME but $java is not an executable"
else
  java="$(command -v java)" || fail "java not found: install a JDK 17 or later, or set JAVA_HOME"
fi

build_classpath

LOG_DIR="${LOG_DIR:-$ROOT/logs}"
mkdir -p "$LOG_DIR" || fail "cannot create the log directory $LOG_DIR (set LOG_DIR)"
export LOG_DIR

opts=()
add_opts() { local words=(); split_words words "$1"; opts+=(${words[@]+"${words[@]}"}); }

add_opts "${KAFKA_HEAP_OPTS:--Xmx256M}"
add_opts "${KAFKA_JVM_PERFORMANCE_OPTS:--server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true}"
# Defaults that embed a path are added as one word each, so that a path with blanks survives.
if ((loggc)); then
  if [[ -n "${KAFKA_GC_LOG_OPTS:-}" ]]; then
    add_opts "$KAFKA_GC_LOG_OPTS"
  else
    opts+=("-Xlog:gc*:file=$LOG_DIR/$name-gc.log:time,tags:filecount=10,filesize=100M")
  fi
fi
# No JMX agent unless asked for: starting it eagerly costs about a second of start-up, and local tools
# (jconsole, jcmd) attach to a running JVM on demand anyway.
if [[ -n "${KAFKA_JMX_OPTS:-}" ]]; then
  add_opts "$KAFKA_JMX_OPTS"
elif [[ -n "${JMX_PORT:-}" ]]; then
  add_opts "-Dcom.sun.management.jmxremote -Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false"
fi
if [[ -n "${JMX_PORT:-}" ]]; then
  opts+=("-Dcom.sun.management.jmxremote.port=$JMX_PORT" "-Dcom.sun.management.jmxremote.rmi.port=${JMX_RMI_PORT:-$JMX_PORT}")
fi
if [[ -n "${KAFKA_DEBUG:-}" ]]; then
  opts+=("-agentlib:jdwp=transport=dt_socket,server=y,suspend=${DEBUG_SUSPEND_FLAG:-n},address=${JAVA_DEBUG_PORT:-5005}")
fi
opts+=("-Dkafka.logs.dir=$LOG_DIR")
if [[ -n "${KAFKA_LOGBACK_OPTS:-}" ]]; then
  add_opts "$KAFKA_LOGBACK_OPTS"
else
  opts+=("-Dlogback.configurationFile=$ROOT/config/connect-logback.xml")
fi
if [[ -n "${KAFKA_LOG4J_OPTS:-}" ]]; then
  # After the Logback options: someone who put a Logback file into the old variable gets what they asked for.
  if [[ "$KAFKA_LOG4J_OPTS" != *logback* ]]; then
    echo "note: KAFKA_LOG4J_OPTS is set, but this worker logs through Logback and ignores log4j configuration;" \
         "use KAFKA_LOGBACK_OPTS=-Dlogback.configurationFile=<file>" >&2
  fi
  add_opts "$KAFKA_LOG4J_OPTS"
fi
add_opts "${KAFKA_OPTS:-}"

if ((daemon)); then
  out="$LOG_DIR/$name.out"
  nohup "$java" "${opts[@]}" -cp "$CLASSPATH_BUILT" "$main_class" "$@" > "$out" 2>&1 < /dev/null &
  echo $! > "$LOG_DIR/$name.pid"
  echo "$name started in the background, pid $!; console output in $out"
else
  exec "$java" "${opts[@]}" -cp "$CLASSPATH_BUILT" "$main_class" "$@"
fi
