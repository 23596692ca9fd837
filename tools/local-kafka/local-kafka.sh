# shellcheck shell=bash
# A throw-away single-node Apache Kafka broker (KRaft, broker and controller in one JVM) on loopback, for
# bin/quickstart.sh and bin/bench-standalone.sh. Sourced, not executed. Functions are prefixed lk_.
#
#   lk_broker_start DIR [HEAP]   format DIR and start the broker; sets LK_BROKER_PID and LK_BOOTSTRAP
#   lk_broker_stop               stop it (SIGTERM, SIGKILL after 30 s)
#   lk_tool ARGS...              run KafkaTool.java (dump, produce, wait-offsets, wait-lines) against it
#   lk_tool_prepare              set LK_TOOL_CMD to the command lk_tool runs (to start it in the background)
#   lk_pick_port PREFERRED       PREFERRED if nothing listens there, else some other free port
#   lk_stop_pid PID NAME [SECS]  SIGTERM one pid, wait, SIGKILL if it outlives SECS (default 30)
#   lk_alive PID                 whether the process runs
#
# The broker's class path comes from tools/local-kafka/pom.xml through Maven (cached under its target/ dir).
# Ports: 9092 (controller 9093) when free, other free ports otherwise. Env: LK_BROKER_PORT to insist on one.

LK_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LK_TARGET="$LK_HOME/target"
LK_BROKER_PID=""
LK_BOOTSTRAP=""

lk_java() {
  if [[ -n "${JAVA_HOME:-}" ]]; then echo "$JAVA_HOME/bin/java"; else echo java; fi
}

lk_fail() { echo "local-kafka: $*" >&2; }

# lk_alive PID: the process runs (kill -0 rather than /proc, for macOS; bash reaps its exited children promptly)
lk_alive() { [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null; }

# lk_port_free PORT: true when nothing accepts connections on 127.0.0.1:PORT
lk_port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

lk_pick_port() {
  local port="$1" tries
  for ((tries = 0; tries < 200; tries++)); do
    lk_port_free "$port" && { echo "$port"; return 0; }
    port=$((20000 + RANDOM % 30000))
  done
  lk_fail "no free port found"
  return 1
}

lk_stop_pid() {
  local pid="$1" name="$2" secs="${3:-30}" i
  lk_alive "$pid" || return 0
  kill "$pid" 2>/dev/null || return 0
  for ((i = 0; i < secs * 10; i++)); do
    lk_alive "$pid" || return 0
    sleep 0.1
  done
  echo "$name (pid $pid) did not stop within ${secs}s, killing it" >&2
  kill -9 "$pid" 2>/dev/null || true
}

# The broker's class path, resolved by Maven once and cached until the POM changes or a jar disappears.
lk_classpath() {
  local cached="$LK_TARGET/broker-classpath.txt" jar
  if [[ -s "$cached" && "$cached" -nt "$LK_HOME/pom.xml" ]]; then
    local complete=1
    while IFS= read -r -d ':' jar; do [[ -f "$jar" ]] || { complete=0; break; }; done < <(cat "$cached"; echo ':')
    if ((complete)); then cat "$cached"; return 0; fi
  fi
  command -v mvn >/dev/null || { lk_fail "Maven (mvn) is needed to fetch the Kafka broker"; return 1; }
  mkdir -p "$LK_TARGET"
  echo "fetching the Kafka broker's jars with Maven (once) ..." >&2
  if ! mvn -B -q -Dstyle.color=never -f "$LK_HOME/pom.xml" dependency:build-classpath \
      -Dmdep.outputFile="$cached.tmp" > "$LK_TARGET/mvn.log" 2>&1; then
    cat "$LK_TARGET/mvn.log" >&2
    lk_fail "could not resolve the broker's class path (see above)"
    return 1
  fi
  mv "$cached.tmp" "$cached"
  cat "$cached"
}

# Compiles KafkaTool.java once (and again when it changes) so each run does not pay for javac.
lk_tool_classes() {
  local classes="$LK_TARGET/classes" cp
  if [[ ! -f "$classes/KafkaTool.class" || "$LK_HOME/KafkaTool.java" -nt "$classes/KafkaTool.class" ]]; then
    cp="$(lk_classpath)" || return 1
    local javac=javac
    [[ -n "${JAVA_HOME:-}" ]] && javac="$JAVA_HOME/bin/javac"
    mkdir -p "$classes"
    "$javac" -nowarn -d "$classes" -cp "$cp" "$LK_HOME/KafkaTool.java" >&2 || { lk_fail "could not compile KafkaTool.java"; return 1; }
  fi
  echo "$classes"
}

lk_tool_prepare() {
  local classes cp
  classes="$(lk_tool_classes)" && cp="$(lk_classpath)" || return 1
  LK_TOOL_CMD=("$(lk_java)" -Xmx256m -Dlogback.configurationFile="$LK_HOME/tool-logback.xml" -cp "$classes:$cp" KafkaTool)
}

lk_tool() {
  lk_tool_prepare || return 1
  "${LK_TOOL_CMD[@]}" "$@"
}

lk_random_cluster_id() {   # a base64url UUID, as the storage tool wants; one starting with '-' would read as an option
  local id
  id="$(head -c16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
  while [[ "$id" == -* ]]; do id="$(head -c16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"; done
  echo "$id"
}

lk_broker_start() {
  local dir="$1" heap="${2:-${LK_BROKER_HEAP:--Xms512M -Xmx512M}}" cp port cport java i
  cp="$(lk_classpath)" || return 1
  java="$(lk_java)"
  port="${LK_BROKER_PORT:-$(lk_pick_port 9092)}" || return 1
  lk_port_free "$port" || { lk_fail "port $port is already in use"; return 1; }
  cport="$(lk_pick_port $((port + 1)))" || return 1
  mkdir -p "$dir/data"
  cat > "$dir/server.properties" <<EOF
# Single-node KRaft cluster on loopback, written by tools/local-kafka/local-kafka.sh
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/data
num.partitions=1
# one broker: every internal topic has a single replica
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
EOF
  local logging=(-Dlogback.configurationFile="$LK_HOME/broker-logback.xml" -Dlocal.kafka.dir="$dir")
  if ! "$java" -Xmx256m "${logging[@]}" -cp "$cp" kafka.tools.StorageTool format \
      -t "$(lk_random_cluster_id)" -c "$dir/server.properties" > "$dir/format.out" 2>&1; then
    cat "$dir/format.out" >&2
    lk_fail "formatting the broker's storage failed"
    return 1
  fi
  # Own session: a Ctrl-C or hang-up in the terminal must reach the calling script only, which then stops the
  # worker before the broker. Without job control a background job is no process-group leader, so setsid
  # execs in place and $! stays the JVM's pid; with job control the job has its own group anyway.
  local detach=()
  [[ $- != *m* ]] && command -v setsid >/dev/null && detach=(setsid)
  # shellcheck disable=SC2086  # heap holds several options
  ${detach[@]+"${detach[@]}"} "$java" $heap -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true "${logging[@]}" \
    -cp "$cp" kafka.Kafka "$dir/server.properties" > "$dir/broker.out" 2>&1 < /dev/null &
  LK_BROKER_PID=$!
  # shellcheck disable=SC2034  # read by the sourcing script
  LK_BOOTSTRAP="127.0.0.1:$port"
  for ((i = 0; i < 1200; i++)); do
    if ! lk_alive "$LK_BROKER_PID"; then
      tail -n 30 "$dir/server.log" "$dir/broker.out" >&2 2>/dev/null
      LK_BROKER_PID=""
      lk_fail "the broker exited during start-up (logs in $dir)"
      return 1
    fi
    if grep -q 'Kafka Server started' "$dir/server.log" 2>/dev/null && ! lk_port_free "$port"; then
      return 0
    fi
    sleep 0.1
  done
  lk_broker_stop
  lk_fail "the broker did not start within 120 s (logs in $dir)"
  return 1
}

lk_broker_stop() {
  [[ -n "$LK_BROKER_PID" ]] || return 0
  lk_stop_pid "$LK_BROKER_PID" "Kafka broker" 30
  LK_BROKER_PID=""
}
