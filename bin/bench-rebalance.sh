#!/usr/bin/env bash
# Benchmark (not a test) of rebalancing in a distributed Connect cluster. It starts a throw-away local Kafka broker
# (as bin/quickstart.sh does), three workers with `bin/connect-distributed.sh -daemon`, and 10 FileStreamSink
# connectors x 10 tasks = 100 tasks, then measures:
#   join    a 4th worker is started: time until all 100 tasks are RUNNING again and the newcomer runs some of them
#   leave   that worker is stopped gracefully (SIGTERM): time until all 100 tasks are RUNNING on the other three
#   kill    a worker (not the first one, which leads the group) gets SIGKILL: time until all 100 tasks are
#           RUNNING on the two survivors; this includes the broker noticing the dead member
#           (session.timeout.ms) and scheduled.rebalance.max.delay.ms
# Times are measured from the start/kill command by polling GET /connectors?expand=status every 0.2 s; the
# settings are printed with the results. Everything started here is stopped on exit (also on Ctrl-C), and the
# working directory is removed unless KEEP=1 or a step failed.
#
#   bin/bench-rebalance.sh
#   REBALANCE_DELAY_MS=300000 bin/bench-rebalance.sh      Apache's default delay (kill then takes > 5 min)
#
# Environment:
#   CONNECTORS (10), TASKS_PER_CONNECTOR (10)
#   REBALANCE_DELAY_MS (10000)   scheduled.rebalance.max.delay.ms of the workers
#   SESSION_TIMEOUT_MS (10000)   session.timeout.ms of the workers (how soon a killed worker is noticed)
#   CONNECT_PROTOCOL (sessioned) connect.protocol of the workers (eager | compatible | sessioned)
#   KAFKA_HEAP_OPTS (-Xms256M -Xmx1G) heap of each worker; BROKER_HEAP (-Xms512M -Xmx512M)
#   TIMEOUT_S (300 per phase), BENCH_DIR (a new temporary directory), KEEP (0)
#   WORKER_CMD   another worker to measure the same way, run as `WORKER_CMD worker.properties` in the background,
#                e.g. Apache's: WORKER_CMD="java -Xms256M -Xmx1G -cp '<apache libs>/*'
#                org.apache.kafka.connect.cli.ConnectDistributed"; IMPL labels the results (default: ours/custom)
# Needs the built project (mvn -B -DskipTests package), curl, and jq or python3.
# shellcheck disable=SC2317  # functions called from traps look unreachable to shellcheck
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR/.. source=tools/local-kafka/local-kafka.sh
source "$ROOT/tools/local-kafka/local-kafka.sh"

CONNECTORS="${CONNECTORS:-10}"
TASKS_PER_CONNECTOR="${TASKS_PER_CONNECTOR:-10}"
REBALANCE_DELAY_MS="${REBALANCE_DELAY_MS:-10000}"
SESSION_TIMEOUT_MS="${SESSION_TIMEOUT_MS:-10000}"
CONNECT_PROTOCOL="${CONNECT_PROTOCOL:-sessioned}"
TIMEOUT_S="${TIMEOUT_S:-300}"
KEEP="${KEEP:-0}"
export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256M -Xmx1G}"
TOTAL_TASKS=$((CONNECTORS * TASKS_PER_CONNECTOR))
TOPIC=bench-rebalance
if [[ -n "${WORKER_CMD:-}" ]]; then IMPL="${IMPL:-custom}"; else IMPL="${IMPL:-ours}"; fi

die() { echo "bench-rebalance: $*" >&2; exit 1; }
ms() { date +%s%3N; }
seconds_between() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b - a) / 1000 }'; }

for n in "$CONNECTORS" "$TASKS_PER_CONNECTOR" "$REBALANCE_DELAY_MS" "$SESSION_TIMEOUT_MS" "$TIMEOUT_S"; do
  [[ "$n" =~ ^[0-9]+$ ]] || die "CONNECTORS, TASKS_PER_CONNECTOR, REBALANCE_DELAY_MS, SESSION_TIMEOUT_MS and TIMEOUT_S must be numbers"
done
command -v curl > /dev/null || die "curl is needed"
if command -v jq > /dev/null; then JSON_TOOL=jq
elif command -v python3 > /dev/null; then JSON_TOOL=python3
else die "jq or python3 is needed to read the REST answers"; fi
compgen -G "$ROOT/connect-runtime/target/lib/*.jar" > /dev/null \
  || die "the worker is not built: run 'mvn -B -DskipTests package' in $ROOT first"

# ---------------------------------------------------------------------------------------------------------------
# Processes and clean-up

WORK="" OWN_DIR=0
WORKER_PIDS=() WORKER_PORTS=()

cleanup() {
  local status=$? i
  set +e
  trap - EXIT INT TERM HUP
  for i in "${!WORKER_PIDS[@]}"; do
    [[ -n "${WORKER_PIDS[$i]}" ]] && lk_stop_pid "${WORKER_PIDS[$i]}" "worker $((i + 1))" 60
  done
  lk_broker_stop
  if [[ -n "$WORK" ]]; then
    if ((KEEP || !OWN_DIR)) || [[ $status != 0 ]]; then echo "files kept in $WORK"; else rm -rf "$WORK"; fi
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

rest_url() { echo "http://127.0.0.1:${WORKER_PORTS[$1]}"; }
worker_id() { echo "127.0.0.1:${WORKER_PORTS[$1]}"; }

# start_worker INDEX: a worker in the background through the launch script; its pid from the script's pid file
start_worker() {
  local i="$1" dir="$WORK/worker-$(($1 + 1))" port
  port="$(lk_pick_port $((8083 + i)))"
  while [[ " ${WORKER_PORTS[*]} " == *" $port "* ]]; do port="$(lk_pick_port $((port + 1)))"; done
  WORKER_PORTS[i]="$port"
  mkdir -p "$dir/logs"
  cat > "$dir/worker.properties" <<EOF
bootstrap.servers=$LK_BOOTSTRAP
listeners=http://127.0.0.1:$port
group.id=bench-rebalance
config.storage.topic=bench-rebalance-configs
offset.storage.topic=bench-rebalance-offsets
status.storage.topic=bench-rebalance-status
config.storage.replication.factor=1
offset.storage.replication.factor=1
status.storage.replication.factor=1
key.converter=org.apache.kafka.connect.storage.StringConverter
value.converter=org.apache.kafka.connect.storage.StringConverter
connect.protocol=$CONNECT_PROTOCOL
scheduled.rebalance.max.delay.ms=$REBALANCE_DELAY_MS
session.timeout.ms=$SESSION_TIMEOUT_MS
EOF
  if [[ -n "${WORKER_CMD:-}" ]]; then
    # shellcheck disable=SC2086  # WORKER_CMD is a command line
    (cd "$dir" && LOG_DIR="$dir/logs" exec nohup bash -c "exec $WORKER_CMD \"\$1\"" worker "$dir/worker.properties" \
      > "$dir/logs/connectDistributed.out" 2>&1 < /dev/null) &
    WORKER_PIDS[i]=$!
    disown "${WORKER_PIDS[i]}"  # no "Killed" notice from the shell when the kill phase hits it
  else
    LOG_DIR="$dir/logs" "$ROOT/bin/connect-distributed.sh" -daemon "$dir/worker.properties" > /dev/null
    WORKER_PIDS[i]="$(cat "$dir/logs/connectDistributed.pid")"
  fi
}

await_rest() {
  local i="$1" n
  for ((n = 0; n < 1200; n++)); do
    lk_alive "${WORKER_PIDS[$i]}" || { tail -n 30 "$WORK/worker-$((i + 1))/logs/connectDistributed.out" >&2; die "worker $((i + 1)) exited (log above)"; }
    [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$(rest_url "$i")/connectors" || true)" == 200 ]] && return 0
    sleep 0.1
  done
  die "worker $((i + 1)) did not serve its REST API within 120 s"
}

# ---------------------------------------------------------------------------------------------------------------
# Cluster state, read from GET /connectors?expand=status of one worker

# summary EXCLUDED_ID NEWCOMER_ID: "<tasks RUNNING not on EXCLUDED> <tasks> <tasks on NEWCOMER> <connectors RUNNING
# not on EXCLUDED>"
summary() {
  local status
  status="$(curl -s --max-time 5 "$(rest_url "$OBSERVER")/connectors?expand=status" || true)"
  [[ "$status" == "{"* ]] || { echo "0 0 0 0"; return; }
  if [[ "$JSON_TOOL" == jq ]]; then
    jq -r --arg bad "$1" --arg new "$2" '
      [.[] | .status] as $s | [$s[] | .tasks[]] as $t
      | "\([$t[] | select(.state == "RUNNING" and .worker_id != $bad)] | length) \($t | length) \([$t[] | select(.worker_id == $new)] | length) \([$s[] | select(.connector.state == "RUNNING" and .connector.worker_id != $bad)] | length)"' <<< "$status"
  else
    python3 -c '
import json, sys
bad, new, s = sys.argv[1], sys.argv[2], [c["status"] for c in json.load(sys.stdin).values()]
t = [task for c in s for task in c["tasks"]]
print(sum(1 for x in t if x["state"] == "RUNNING" and x["worker_id"] != bad), len(t),
      sum(1 for x in t if x["worker_id"] == new),
      sum(1 for c in s if c["connector"]["state"] == "RUNNING" and c["connector"]["worker_id"] != bad))' "$1" "$2" <<< "$status"
  fi
}

# await_settled SINCE_MS EXCLUDED_ID NEWCOMER_ID: waits until every connector and task runs, none on EXCLUDED and
# (if given) some task on NEWCOMER; sets SETTLED_MS to the milliseconds since SINCE_MS
await_settled() {
  local since="$1" bad="$2" new="$3" running total on_new connectors deadline
  deadline=$(($(ms) + TIMEOUT_S * 1000))
  while true; do
    running=0 total=0 on_new=0 connectors=0
    read -r running total on_new connectors < <(summary "$bad" "$new") || true
    if ((running == TOTAL_TASKS && total == TOTAL_TASKS && connectors == CONNECTORS)) \
        && [[ -z "$new" || "$on_new" -gt 0 ]]; then
      SETTLED_MS=$(($(ms) - since))
      return 0
    fi
    (($(ms) < deadline)) || die "not settled within ${TIMEOUT_S}s: $running of $total tasks running, $connectors of $CONNECTORS connectors"
    sleep 0.2
  done
}

tasks_per_worker() {
  local status
  status="$(curl -s --max-time 5 "$(rest_url "$OBSERVER")/connectors?expand=status" || true)"
  if [[ "$JSON_TOOL" == jq ]]; then
    jq -r '[.[] | .status.tasks[] | .worker_id] | group_by(.) | map("\(.[0])=\(length)") | join(" ")' <<< "$status"
  else
    python3 -c '
import collections, json, sys
c = collections.Counter(t["worker_id"] for v in json.load(sys.stdin).values() for t in v["status"]["tasks"])
print(" ".join("%s=%d" % kv for kv in sorted(c.items())))' <<< "$status"
  fi
}

# ---------------------------------------------------------------------------------------------------------------

if [[ -n "${BENCH_DIR:-}" ]]; then
  WORK="$BENCH_DIR"
  mkdir -p "$WORK"
else
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/connect-bench-rebalance.XXXXXX")"
  OWN_DIR=1
fi

echo "starting a local Kafka broker ..."
lk_broker_start "$WORK/kafka" "${BROKER_HEAP:--Xms512M -Xmx512M}"
echo "broker at $LK_BOOTSTRAP"

# The first worker alone, so that it leads the group (the kill phase must hit a follower), then two more.
echo "starting 3 workers ..."
start_worker 0
await_rest 0
start_worker 1
start_worker 2
await_rest 1
await_rest 2
OBSERVER=0

echo "creating $CONNECTORS FileStreamSink connectors x $TASKS_PER_CONNECTOR tasks ..."
for ((c = 1; c <= CONNECTORS; c++)); do
  body="$(printf '{"name":"bench-sink-%d","config":{"connector.class":"FileStreamSink","tasks.max":"%d","topics":"%s","file":"%s"}}' \
    "$c" "$TASKS_PER_CONNECTOR" "$TOPIC" "$WORK/sink-$c.txt")"
  code="$(curl -s -o "$WORK/post.json" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    --data "$body" "$(rest_url 0)/connectors" || true)"
  [[ "$code" == 201 ]] || die "creating bench-sink-$c answered $code: $(cat "$WORK/post.json")"
done
await_settled "$(ms)" none ""
echo "all $TOTAL_TASKS tasks running: $(tasks_per_worker)"

echo "join: starting worker 4 ..."
t0="$(ms)"
start_worker 3
await_rest 3
echo "  worker 4 serves REST after $(seconds_between "$t0" "$(ms)") s"
await_settled "$t0" none "$(worker_id 3)"
JOIN_MS=$SETTLED_MS
echo "  settled after $(seconds_between 0 "$JOIN_MS") s: $(tasks_per_worker)"

echo "leave: stopping worker 4 with SIGTERM ..."
t0="$(ms)"
lk_stop_pid "${WORKER_PIDS[3]}" "worker 4" 120
WORKER_PIDS[3]=""
echo "  worker 4 exited after $(seconds_between "$t0" "$(ms)") s"
await_settled "$t0" "$(worker_id 3)" ""
LEAVE_MS=$SETTLED_MS
echo "  settled after $(seconds_between 0 "$LEAVE_MS") s: $(tasks_per_worker)"

echo "kill: SIGKILL of worker 3 ..."
t0="$(ms)"
kill -9 "${WORKER_PIDS[2]}"
WORKER_PIDS[2]=""
await_settled "$t0" "$(worker_id 2)" ""
KILL_MS=$SETTLED_MS
echo "  settled after $(seconds_between 0 "$KILL_MS") s: $(tasks_per_worker)"

cat <<EOF

rebalance benchmark ($IMPL): $CONNECTORS connectors x $TASKS_PER_CONNECTOR tasks = $TOTAL_TASKS tasks, 3 workers
settings: connect.protocol=$CONNECT_PROTOCOL scheduled.rebalance.max.delay.ms=$REBALANCE_DELAY_MS session.timeout.ms=$SESSION_TIMEOUT_MS
phase   seconds until every task RUNNING again
join    $(seconds_between 0 "$JOIN_MS")   (4th worker started; it runs some tasks)
leave   $(seconds_between 0 "$LEAVE_MS")   (4th worker stopped with SIGTERM)
kill    $(seconds_between 0 "$KILL_MS")   (a follower killed with SIGKILL; includes session timeout and delay)
EOF
