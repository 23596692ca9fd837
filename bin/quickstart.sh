#!/usr/bin/env bash
# Quickstart: a complete file -> Kafka -> file pipeline on this machine, in one command.
#
# Builds the worker if needed, starts a throw-away single-node Kafka broker on loopback, then starts a standalone
# worker (bin/connect-standalone.sh) with two connectors: FileStreamSource reads test.txt, turns every line into
# {"line": ..., "data_source": "test-file-source"} with two transformations and writes it to the topic
# connect-test; FileStreamSink copies that topic into test.sink.txt. It appends a few lines, shows them arriving
# in the topic and in the sink file, and then leaves everything running for you to play with until Ctrl-C, which
# stops the worker, then the broker, and removes the temporary files.
#
#   bin/quickstart.sh               demo, then keep running until Ctrl-C
#   bin/quickstart.sh --no-wait     demo, check that every line came through, stop; exit 1 if not (for CI)
#                                   (same as QUICKSTART_DEMO_ONLY=1)
#   bin/quickstart.sh --broker-only only start the local broker and print its address, until Ctrl-C
#   bin/quickstart.sh --keep        do not remove the temporary directory at the end
#
# Needs JDK 17+, Maven (the broker's jars come from Maven Central), and curl.
# Environment: QUICKSTART_DIR (working directory, default a new temporary one), WORKER_PORT (REST port, 8083 if
# free), LK_BROKER_PORT (broker port, 9092 if free), CONNECT_CMD (worker command run with the worker and connector
# files as arguments, default bin/connect-standalone.sh; e.g. to try another build), KAFKA_HEAP_OPTS etc. as for
# bin/connect-standalone.sh.
# shellcheck disable=SC2317  # functions called from traps and through wait_for look unreachable to shellcheck
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR/.. source=tools/local-kafka/local-kafka.sh
source "$ROOT/tools/local-kafka/local-kafka.sh"

mode=interactive keep=0
[[ "${QUICKSTART_DEMO_ONLY:-0}" == 1 ]] && mode=demo
for arg in "$@"; do
  case "$arg" in
    --no-wait) mode=demo ;;
    --broker-only) mode=broker ;;
    --keep) keep=1 ;;
    -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *) echo "unknown option $arg (try --help)" >&2; exit 2 ;;
  esac
done

SOURCE_NAME=local-file-source
SINK_NAME=local-file-sink
TOPIC=connect-test
FIRST_LINES=("foo" "bar")
MORE_LINES=("hello from the quickstart" "a third line" "and the last one")

step() { printf '\n==> %s\n' "$*"; }
die() { echo "quickstart: $*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------------------------
# Prerequisites and build

check_prerequisites() {
  local java version major
  java="$(lk_java)"
  command -v "$java" > /dev/null || die "java not found: install a JDK 17 or later, or set JAVA_HOME"
  version="$("$java" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')"
  major="${version%%.*}"
  [[ "$major" == 1 ]] && major="$(cut -d. -f2 <<< "$version")"
  [[ "$major" =~ ^[0-9]+$ && "$major" -ge 17 ]] || die "Java 17 or later is needed, found '$version' ($java)"
  command -v mvn > /dev/null || die "Maven (mvn) is needed to build the worker and to fetch the Kafka broker"
  command -v curl > /dev/null || die "curl is needed to talk to the worker's REST API"
}

worker_built() {
  local module
  for module in connect-api connect-json connect-transforms connect-file connect-runtime; do
    compgen -G "$ROOT/$module/target/$module-*.jar" > /dev/null || return 1
  done
  compgen -G "$ROOT/connect-runtime/target/lib/*.jar" > /dev/null
}

build_if_needed() {
  worker_built && return 0
  step "Building the worker (mvn -B -q -DskipTests package; the first build downloads dependencies)"
  (cd "$ROOT" && mvn -B -q -DskipTests package) || die "the build failed"
  worker_built || die "the build did not produce the jars bin/connect-standalone.sh needs"
}

# The entry point's name is stored uncompressed in the jar's directory, so grep finds it without unzip.
check_entry_point() {
  local jar
  for jar in "$ROOT"/connect-runtime/target/connect-runtime-*.jar; do
    grep -aq 'org/apache/kafka/connect/cli/ConnectStandalone.class' "$jar" && return 0
  done
  die "this build has no standalone worker yet (org.apache.kafka.connect.cli.ConnectStandalone is missing" \
      "from $ROOT/connect-runtime/target); rebuild with 'mvn -B -DskipTests package' once it exists"
}

# ---------------------------------------------------------------------------------------------------------------
# Processes and clean-up

WORK="" WORKER_PID="" FOLLOW_PID="" OWN_DIR=0

cleanup() {
  local status=$?
  set +e
  trap - EXIT INT TERM HUP
  [[ -n "$FOLLOW_PID" ]] && kill "$FOLLOW_PID" 2> /dev/null
  if lk_alive "$WORKER_PID"; then
    echo "stopping the worker (pid $WORKER_PID) ..."
    lk_stop_pid "$WORKER_PID" "the worker" 60
  fi
  if [[ -n "$LK_BROKER_PID" ]]; then
    echo "stopping the Kafka broker (pid $LK_BROKER_PID) ..."
    lk_broker_stop
  fi
  if [[ -n "$WORK" ]]; then
    # a failure leaves the logs behind for a look; Ctrl-C or success cleans up
    if ((keep || !OWN_DIR)) || [[ $status != 0 && $status != 130 && $status != 143 ]]; then
      echo "files kept in $WORK"
    else
      rm -rf "$WORK"
    fi
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1" || true; }

worker_alive() { lk_alive "$WORKER_PID"; }

worker_died() {
  echo "the worker stopped unexpectedly; the end of its output ($WORK/worker.out):" >&2
  tail -n 40 "$WORK/worker.out" >&2
  WORKER_PID=""
  exit 1
}

# wait_for SECONDS DESCRIPTION COMMAND...: poll COMMAND every 0.2 s while the worker lives
wait_for() {
  local secs="$1" what="$2" i
  shift 2
  for ((i = 0; i < secs * 5; i++)); do
    "$@" && return 0
    [[ -z "$WORKER_PID" ]] || worker_alive || worker_died
    sleep 0.2
  done
  die "timed out after ${secs}s waiting for $what (worker output: $WORK/worker.out, log: $WORK/logs)"
}

line_count() { if [[ -f "$1" ]]; then wc -l < "$1" | tr -d ' '; else echo 0; fi; }
has_lines() { (($(line_count "$1") >= $2)); }

# ---------------------------------------------------------------------------------------------------------------
# The pipeline

write_configs() {
  cat > "$WORK/worker.properties" <<EOF
# Standalone worker of the quickstart (see config/connect-standalone.properties for every common key)
bootstrap.servers=$LK_BOOTSTRAP
listeners=http://127.0.0.1:$WORKER_PORT
# Plain JSON in the topic, without the schema envelope
key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
key.converter.schemas.enable=false
value.converter.schemas.enable=false
offset.storage.file.filename=$WORK/connect.offsets
offset.flush.interval.ms=10000
EOF
  cat > "$WORK/file-source.properties" <<EOF
name=$SOURCE_NAME
connector.class=FileStreamSource
tasks.max=1
file=$WORK/test.txt
topic=$TOPIC
# Each line becomes {"line": <the line>}, then gets a field saying where it came from
transforms=MakeMap,InsertSource
transforms.MakeMap.type=org.apache.kafka.connect.transforms.HoistField\$Value
transforms.MakeMap.field=line
transforms.InsertSource.type=org.apache.kafka.connect.transforms.InsertField\$Value
transforms.InsertSource.static.field=data_source
transforms.InsertSource.static.value=test-file-source
EOF
  cat > "$WORK/file-sink.properties" <<EOF
name=$SINK_NAME
connector.class=FileStreamSink
tasks.max=1
file=$WORK/test.sink.txt
topics=$TOPIC
EOF
}

start_worker() {
  local cmd=("$ROOT/bin/connect-standalone.sh") detach=()
  [[ -n "${CONNECT_CMD:-}" ]] && cmd=(bash -c 'exec '"$CONNECT_CMD"' "$@"' connect-worker)
  [[ $- != *m* ]] && command -v setsid > /dev/null && detach=(setsid)   # see lk_broker_start
  # exec all the way down, so that WORKER_PID is the JVM's own pid
  (
    cd "$WORK"
    export LOG_DIR="$WORK/logs"
    exec ${detach[@]+"${detach[@]}"} "${cmd[@]}" \
      "$WORK/worker.properties" "$WORK/file-source.properties" "$WORK/file-sink.properties"
  ) > "$WORK/worker.out" 2>&1 < /dev/null &
  WORKER_PID=$!
}

rest_up() { [[ "$(http_code "http://127.0.0.1:$WORKER_PORT/connectors")" == 200 ]]; }

connector_running() {
  local status
  status="$(curl -s --max-time 5 "http://127.0.0.1:$WORKER_PORT/connectors/$1/status" || true)"
  if [[ "$status" == *'"state":"FAILED"'* ]]; then
    echo "$status" >&2
    die "connector $1 failed (status above; worker log in $WORK/logs/connect.log)"
  fi
  # the connector and its one task
  (($(grep -o '"state":"RUNNING"' <<< "$status" | wc -l) >= 2))
}

both_running() { connector_running "$SOURCE_NAME" && connector_running "$SINK_NAME"; }

run_demo() {
  step "Starting the worker: ${CONNECT_CMD:-bin/connect-standalone.sh} worker.properties file-source.properties file-sink.properties"
  printf '%s\n' "${FIRST_LINES[@]}" > "$WORK/test.txt"
  write_configs
  local t0=$SECONDS
  start_worker
  wait_for 180 "the worker's REST API on port $WORKER_PORT" rest_up
  wait_for 60 "both connectors to run" both_running
  echo "worker pid $WORKER_PID up after $((SECONDS - t0))s, REST API on http://127.0.0.1:$WORKER_PORT"
  echo "connectors: $(curl -s "http://127.0.0.1:$WORKER_PORT/connectors")"

  step "The input file already held ${#FIRST_LINES[@]} lines; they reach the sink file:"
  wait_for 60 "the sink file to receive the first lines" has_lines "$WORK/test.sink.txt" "${#FIRST_LINES[@]}"
  sed 's/^/    /' "$WORK/test.sink.txt"

  step "Appending lines to $WORK/test.txt"
  local line expected="${#FIRST_LINES[@]}"
  for line in "${MORE_LINES[@]}"; do
    echo "$line" >> "$WORK/test.txt"
    expected=$((expected + 1))
    wait_for 60 "line $expected in the sink file" has_lines "$WORK/test.sink.txt" "$expected"
    echo "  + $line   ->   sink: $(tail -n 1 "$WORK/test.sink.txt")"
  done
  echo "test.sink.txt now has $(line_count "$WORK/test.sink.txt") lines"

  step "The topic $TOPIC holds JSON values:"
  lk_tool dump "$LK_BOOTSTRAP" "$TOPIC" "$expected" 30000 > "$WORK/topic.txt" || true
  sed 's/^/    /' "$WORK/topic.txt"
}

# Every input line must be in the topic as JSON and in the sink file, each with the inserted field.
verify_demo() {
  local line failures=0 all=("${FIRST_LINES[@]}" "${MORE_LINES[@]}")
  for line in "${all[@]}"; do
    grep -qF "\"line\":\"$line\"" "$WORK/topic.txt" || { echo "missing in the topic: $line" >&2; failures=1; }
    grep -qF "line=$line" "$WORK/test.sink.txt" || { echo "missing in the sink file: $line" >&2; failures=1; }
  done
  if (($(grep -cF '"data_source":"test-file-source"' "$WORK/topic.txt") != ${#all[@]})); then
    echo "not every record in the topic has \"data_source\":\"test-file-source\"" >&2; failures=1
  fi
  if (($(grep -cF 'data_source=test-file-source' "$WORK/test.sink.txt") != ${#all[@]})); then
    echo "not every line of the sink file has data_source=test-file-source" >&2; failures=1
  fi
  local connectors
  connectors="$(curl -s "http://127.0.0.1:$WORKER_PORT/connectors")"
  [[ "$connectors" == *"\"$SOURCE_NAME\""* && "$connectors" == *"\"$SINK_NAME\""* ]] \
    || { echo "GET /connectors does not list both connectors: $connectors" >&2; failures=1; }
  ((failures == 0))
}

show_next_steps() {
  local rest="http://127.0.0.1:$WORKER_PORT"
  cat <<EOF

==> The pipeline keeps running. Try it from another terminal:
    echo "my own line" >> $WORK/test.txt
    cat $WORK/test.sink.txt
    curl -s $rest/connectors
    curl -s $rest/connectors/$SOURCE_NAME/status
    curl -s $rest/connectors/$SINK_NAME/config
  Worker log: $WORK/logs/connect.log    Broker: $LK_BOOTSTRAP (log $WORK/kafka/server.log)

  New lines of the sink file are shown below. Press Ctrl-C to stop the worker and the broker
  and remove $WORK.
EOF
}

# ---------------------------------------------------------------------------------------------------------------

check_prerequisites
if [[ "$mode" != broker ]]; then
  build_if_needed
  [[ -n "${CONNECT_CMD:-}" ]] || check_entry_point
fi

if [[ -n "${QUICKSTART_DIR:-}" ]]; then
  WORK="$QUICKSTART_DIR"
  mkdir -p "$WORK"
  [[ -z "$(ls -A "$WORK")" ]] || die "QUICKSTART_DIR $WORK is not empty"
else
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/connect-quickstart.XXXXXX")"
  OWN_DIR=1
fi

step "Starting a single-node Kafka broker (KRaft) on loopback"
lk_broker_start "$WORK/kafka"
echo "broker pid $LK_BROKER_PID listening on $LK_BOOTSTRAP (data and log under $WORK/kafka)"

if [[ "$mode" == broker ]]; then
  echo "Press Ctrl-C to stop it."
  while lk_alive "$LK_BROKER_PID"; do sleep 1; done
  LK_BROKER_PID=""
  die "the broker stopped unexpectedly (log in $WORK/kafka/server.log)"
fi

WORKER_PORT="${WORKER_PORT:-$(lk_pick_port 8083)}"
lk_port_free "$WORKER_PORT" || die "port $WORKER_PORT is already in use (set WORKER_PORT)"
run_demo

if [[ "$mode" == demo ]]; then
  step "Checking the results"
  verify_demo || die "the pipeline did not deliver every line"
  echo "quickstart demo passed: ${#FIRST_LINES[@]}+${#MORE_LINES[@]} lines went file -> topic -> file"
  exit 0
fi

show_next_steps
tail -n 0 -F "$WORK/test.sink.txt" 2> /dev/null &
FOLLOW_PID=$!
while worker_alive; do sleep 1; done
worker_died
