#!/usr/bin/env bash
# Benchmark (not a test) of the standalone worker against a local Kafka broker. Per run it measures:
#   startup  process start -> GET / answers 200
#   source   FileStreamSource over an N-line file (LINE_BYTES per line, newline included, batch.size=BATCH_SIZE,
#            StringConverter): connector submitted -> the topic's end offset reaches N
#   sink     FileStreamSink over a topic preloaded with the same N lines: connector submitted -> the output file
#            has N lines
#   memory   the worker's peak resident set (VmHWM) over start-up and both phases
# and prints a table; rows also go to $OUT/results.tsv.
#
#   bin/bench-standalone.sh                 N=2,000,000 lines of 100 bytes, one run
#   N=200000 bin/bench-standalone.sh        a quick look
#
# Environment:
#   N (2000000), LINE_BYTES (100), BATCH_SIZE (2000), RUNS (1), PHASES ("source sink"),
#   CONVERTER (string | json: the connectors' converters; json = JsonConverter without schemas)
#   SUBMIT     rest (default): one worker per run, connectors created with POST /connectors, phases timed from
#              the POST; args: one worker per phase, the connector file given on its command line as
#              `connect-standalone.sh worker.properties connector.properties`, timed from process start
#   CONNECT_CMD  worker command, run as `CONNECT_CMD worker.properties [connector.properties]`; default this
#              project's bin/connect-standalone.sh. It should exec its JVM so that the pid measured is the worker.
#              E.g. Apache's worker for an A/B comparison:
#              CONNECT_CMD="java -Xms256M -Xmx2G -cp '<apache libs>/*' org.apache.kafka.connect.cli.ConnectStandalone"
#   IMPL       label for the results (default: ours, or custom with CONNECT_CMD)
#   KAFKA_HEAP_OPTS  worker heap (bin/connect-standalone.sh's default: -Xms256M -Xmx2G)
#   OFFSET_FLUSH_MS (10000), WORKER_PORT (8083 if free), TIMEOUT_S (900 per phase)
#   BOOTSTRAP  use this running broker instead of starting one (host:port)
#   BROKER_HEAP (-Xms1G -Xmx1G) for the broker started here
#   BENCH_DIR (/tmp/connect-bench-standalone: input files are kept there for the next run),
#   OUT (BENCH_DIR/results/<time>-<IMPL>)
#
# Compare only figures taken in one sitting on an otherwise idle machine; alternate A and B runs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR/.. source=tools/local-kafka/local-kafka.sh
source "$ROOT/tools/local-kafka/local-kafka.sh"

N="${N:-2000000}"
LINE_BYTES="${LINE_BYTES:-100}"
BATCH_SIZE="${BATCH_SIZE:-2000}"
RUNS="${RUNS:-1}"
PHASES="${PHASES:-source sink}"
CONVERTER="${CONVERTER:-string}"
SUBMIT="${SUBMIT:-rest}"
OFFSET_FLUSH_MS="${OFFSET_FLUSH_MS:-10000}"
TIMEOUT_S="${TIMEOUT_S:-900}"
BROKER_HEAP="${BROKER_HEAP:--Xms1G -Xmx1G}"
BENCH_DIR="${BENCH_DIR:-/tmp/connect-bench-standalone}"
if [[ -n "${CONNECT_CMD:-}" ]]; then IMPL="${IMPL:-custom}"; else IMPL="${IMPL:-ours}"; fi
RUN_ID="$(date +%Y%m%dT%H%M%S)"
OUT="${OUT:-$BENCH_DIR/results/$RUN_ID-$IMPL}"

die() { echo "bench-standalone: $*" >&2; exit 1; }
ms() { date +%s%3N; }
seconds_between() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b - a) / 1000 }'; }

[[ "$N" =~ ^[1-9][0-9]*$ && "$LINE_BYTES" =~ ^[0-9]+$ && "$LINE_BYTES" -ge 12 ]] \
  || die "N must be a positive number and LINE_BYTES at least 12"
[[ "$SUBMIT" == rest || "$SUBMIT" == args ]] || die "SUBMIT must be rest or args"
case "$CONVERTER" in
  string) CONVERTER_CLASS=org.apache.kafka.connect.storage.StringConverter ;;
  json) CONVERTER_CLASS=org.apache.kafka.connect.json.JsonConverter ;;
  *) die "CONVERTER must be string or json" ;;
esac
command -v curl > /dev/null || die "curl is needed"
if [[ -z "${CONNECT_CMD:-}" ]] && ! compgen -G "$ROOT/connect-runtime/target/lib/*.jar" > /dev/null; then
  die "the worker is not built: run 'mvn -B -DskipTests package' in $ROOT first"
fi
mkdir -p "$BENCH_DIR" "$OUT"

# ---------------------------------------------------------------------------------------------------------------
# Worker and waiter processes

WORKER_PID="" WAITER_PID=""
WORKER_DIR="$BENCH_DIR/worker"

cleanup() {
  set +e
  [[ -n "$WAITER_PID" ]] && kill "$WAITER_PID" 2> /dev/null
  lk_stop_pid "$WORKER_PID" "the worker" 60
  lk_broker_stop
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

write_worker_properties() {
  rm -f "$WORKER_DIR/connect.offsets"
  cat > "$WORKER_DIR/worker.properties" <<EOF
bootstrap.servers=$BOOTSTRAP
listeners=http://127.0.0.1:$WORKER_PORT
key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
offset.storage.file.filename=$WORKER_DIR/connect.offsets
offset.flush.interval.ms=$OFFSET_FLUSH_MS
EOF
}

# start_worker [CONNECTOR_FILE]: sets WORKER_PID and STARTED_MS
start_worker() {
  local cmd=("$ROOT/bin/connect-standalone.sh")
  [[ -n "${CONNECT_CMD:-}" ]] && cmd=(bash -c 'exec '"$CONNECT_CMD"' "$@"' bench-worker)
  lk_port_free "$WORKER_PORT" || die "port $WORKER_PORT is in use"
  write_worker_properties
  STARTED_MS="$(ms)"
  (
    export LOG_DIR="$WORKER_DIR/logs"
    exec "${cmd[@]}" "$WORKER_DIR/worker.properties" "$@"
  ) > "$WORKER_DIR/worker.out" 2>&1 < /dev/null &
  WORKER_PID=$!
}

# Waits for GET / = 200; sets STARTUP_SECONDS, counted from the process start.
await_rest() {
  local i
  for ((i = 0; i < 3000; i++)); do
    lk_alive "$WORKER_PID" || { tail -n 30 "$WORKER_DIR/worker.out" >&2; die "the worker exited (log above)"; }
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$WORKER_PORT/" || true)" == 200 ]]; then
      STARTUP_SECONDS="$(seconds_between "$STARTED_MS" "$(ms)")"
      return 0
    fi
    sleep 0.05
  done
  die "the worker's REST API did not come up within 150 s"
}

peak_rss_mib() { awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$WORKER_PID/status"; }

stop_worker() {
  lk_stop_pid "$WORKER_PID" "the worker" 60
  WORKER_PID=""
}

# start_waiter NAME KafkaTool-ARGS...: starts a completion waiter and returns once it is ready
start_waiter() {
  local file="$OUT/waiter-$1.txt" i
  shift
  lk_tool_prepare
  "${LK_TOOL_CMD[@]}" "$@" "$TIMEOUT_S" > "$file" 2>> "$OUT/waiter.err" &
  WAITER_PID=$!
  for ((i = 0; i < 1200; i++)); do
    grep -q '^READY' "$file" && return 0
    lk_alive "$WAITER_PID" || die "the waiter failed: $(cat "$OUT/waiter.err")"
    sleep 0.05
  done
  die "the waiter did not get ready"
}

# finish_waiter NAME: waits for the waiter; sets DONE_MS and DONE_COUNT
finish_waiter() {
  local file="$OUT/waiter-$1.txt" status=0
  wait "$WAITER_PID" || status=$?
  WAITER_PID=""
  ((status == 0)) || echo "  WARNING: $1 did not complete within ${TIMEOUT_S}s: $(tail -n 1 "$file")" >&2
  read -r DONE_MS DONE_COUNT < <(awk '/^(DONE|TIMEOUT)/ { print $2, $3 }' "$file")
  [[ -n "$DONE_MS" ]] || die "the waiter for $1 failed: $(cat "$OUT/waiter.err")"
}

connector_json() { # NAME then key=value pairs -> the POST /connectors body
  local name="$1" body="" kv
  shift
  for kv in "$@"; do body+="${body:+,}\"${kv%%=*}\":\"${kv#*=}\""; done
  printf '{"name":"%s","config":{%s}}' "$name" "$body"
}

connector_properties() { # NAME then key=value pairs -> a properties file for the command line
  local kv
  echo "name=$1"
  shift
  for kv in "$@"; do echo "$kv"; done
}

post_connector() {
  local code
  code="$(curl -s -o "$OUT/post-$1.json" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    --data "$2" "http://127.0.0.1:$WORKER_PORT/connectors" || true)"
  [[ "$code" == 201 ]] || die "POST /connectors for $1 answered $code: $(cat "$OUT/post-$1.json")"
}

delete_connector() {
  curl -s -o /dev/null -X DELETE "http://127.0.0.1:$WORKER_PORT/connectors/$1" || true
}

# The connectors' settings, one key=value per line
source_config() {
  printf '%s\n' connector.class=FileStreamSource tasks.max=1 "file=$INPUT" "topic=$1" "batch.size=$BATCH_SIZE" \
    "key.converter=$CONVERTER_CLASS" "value.converter=$CONVERTER_CLASS" \
    key.converter.schemas.enable=false value.converter.schemas.enable=false
}

sink_config() {
  printf '%s\n' connector.class=FileStreamSink tasks.max=1 "file=$1" "topics=$SINK_TOPIC" \
    "key.converter=$CONVERTER_CLASS" "value.converter=$CONVERTER_CLASS" \
    key.converter.schemas.enable=false value.converter.schemas.enable=false
}

# ---------------------------------------------------------------------------------------------------------------
# Results

printf 'impl\trun\tphase\trecords\tbytes\tseconds\trecords_per_s\tMiB_per_s\n' > "$OUT/results.tsv"

record() { # RUN PHASE RECORDS BYTES SECONDS
  local rate mib
  rate="$(awk -v n="$3" -v s="$5" 'BEGIN { printf "%.0f", n / (s > 0 ? s : 0.001) }')"
  mib="$(awk -v b="$4" -v s="$5" 'BEGIN { printf "%.2f", b / (s > 0 ? s : 0.001) / 1048576 }')"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$IMPL" "$1" "$2" "$3" "$4" "$5" "$rate" "$mib" >> "$OUT/results.tsv"
  printf '  run %s %-7s %9s records in %7ss  ->  %8s records/s  %7s MiB/s\n' "$1" "$2" "$3" "$5" "$rate" "$mib"
}

record_plain() { # RUN PHASE VALUE UNIT: start-up seconds, peak RSS MiB
  printf '%s\t%s\t%s\t-\t-\t%s\t-\t-\n' "$IMPL" "$1" "$2" "$3" >> "$OUT/results.tsv"
  printf '  run %s %-7s %s %s\n' "$1" "$2" "$3" "$4"
}

print_table() {
  echo
  echo "Standalone worker benchmark: $IMPL, N=$N x $LINE_BYTES B, batch.size=$BATCH_SIZE, $CONVERTER converter," \
       "submit=$SUBMIT, $(nproc) cpus, $(date -u +%FT%TZ)"
  # one row per measure, one value per run (or per phase for start-up with SUBMIT=args)
  awk -F'\t' 'function add(list, v) { return list (list == "" ? "" : " ") v }
    NR == 1 { next }
    { k = $3; value[k] = add(value[k], $6); rate[k] = add(rate[k], $7); mib[k] = add(mib[k], $8) }
    END {
      n = split("startup source sink peak_rss_mib", order, " ")
      printf "| %-14s | %-20s | %-20s | %-14s |\n", "measure", "seconds", "records/s", "MiB/s"
      printf "|%s|%s|%s|%s|\n", "----------------", "----------------------", "----------------------", "----------------"
      for (i = 1; i <= n; i++) {
        k = order[i]
        if (!(k in value)) continue
        if (k == "peak_rss_mib") printf "| %-14s | %-20s | %-20s | %-14s |\n", "peak RSS (MiB)", value[k], "", ""
        else if (k == "startup") printf "| %-14s | %-20s | %-20s | %-14s |\n", "startup", value[k], "", ""
        else printf "| %-14s | %-20s | %-20s | %-14s |\n", k, value[k], rate[k], mib[k]
      }
    }' "$OUT/results.tsv"
  echo "(raw rows: $OUT/results.tsv)"
}

# ---------------------------------------------------------------------------------------------------------------
# Setup: broker, input file, preloaded sink topic

mkdir -p "$WORKER_DIR"
if [[ -z "${BOOTSTRAP:-}" ]]; then
  echo "starting a local Kafka broker ..."
  rm -rf "$BENCH_DIR/kafka"
  lk_broker_start "$BENCH_DIR/kafka" "$BROKER_HEAP"
  BOOTSTRAP="$LK_BOOTSTRAP"
fi
WORKER_PORT="${WORKER_PORT:-$(lk_pick_port 8083)}"
echo "broker $BOOTSTRAP, worker REST port $WORKER_PORT, results in $OUT"

INPUT="$BENCH_DIR/input-$N-$LINE_BYTES.txt"
if [[ ! -f "$INPUT" ]]; then
  echo "writing $INPUT ($N lines of $LINE_BYTES bytes) ..."
  awk -v n="$N" -v width="$((LINE_BYTES - 1))" 'BEGIN {
      filler = "abcdefghijklmnopqrstuvwxyz0123456789"
      while (length(filler) < width) filler = filler filler
      for (i = 0; i < n; i++) { head = sprintf("%010d ", i); print head substr(filler, 1, width - length(head)) } }' \
    > "$INPUT.tmp"
  mv "$INPUT.tmp" "$INPUT"
fi
INPUT_BYTES="$(stat -c %s "$INPUT")"

SINK_TOPIC="bench-sink-$RUN_ID"
if [[ "$PHASES" == *sink* ]]; then
  echo "preloading topic $SINK_TOPIC with the $N lines ..."
  lk_tool produce "$BOOTSTRAP" "$SINK_TOPIC" "$INPUT"
fi

# ---------------------------------------------------------------------------------------------------------------
# Runs

# run_phase RUN PHASE NAME WAITER-ARGS... -- CONNECTOR-SETTINGS...: sets PHASE_SECONDS and PHASE_COUNT
# With SUBMIT=rest the worker is running already and the clock starts at the POST; with SUBMIT=args the worker
# is started here with the connector file, the clock starts at its process start, and it is stopped at the end.
run_phase() {
  local r="$1" phase="$2" name="$3" waiter=() settings=() t0
  shift 3
  while [[ "$1" != -- ]]; do waiter+=("$1"); shift; done
  shift
  settings=("$@")
  start_waiter "$phase-$r" "${waiter[@]}"
  if [[ "$SUBMIT" == rest ]]; then
    t0="$(ms)"
    post_connector "$name" "$(connector_json "$name" "${settings[@]}")"
  else
    connector_properties "$name" "${settings[@]}" > "$WORKER_DIR/$name.properties"
    start_worker "$WORKER_DIR/$name.properties"
    t0="$STARTED_MS"
    await_rest
    record_plain "$r" startup "$STARTUP_SECONDS" s s
  fi
  finish_waiter "$phase-$r"
  PHASE_SECONDS="$(seconds_between "$t0" "$DONE_MS")"
  PHASE_COUNT="$DONE_COUNT"
  if [[ "$SUBMIT" == rest ]]; then
    delete_connector "$name"
  else
    record_plain "$r" peak_rss_mib "$(peak_rss_mib)" MiB
    stop_worker
  fi
}

run_source() {
  local r="$1" topic="bench-src-$RUN_ID-$1" settings=()
  mapfile -t settings < <(source_config "$topic")
  run_phase "$r" source "bench-source-$r" wait-offsets "$BOOTSTRAP" "$topic" "$N" -- "${settings[@]}"
  record "$r" source "$PHASE_COUNT" "$INPUT_BYTES" "$PHASE_SECONDS"
}

run_sink() {
  local r="$1" output="$BENCH_DIR/sink-output-$1.txt" settings=()
  rm -f "$output"
  mapfile -t settings < <(sink_config "$output")
  run_phase "$r" sink "bench-sink-$r" wait-lines "$output" "$N" -- "${settings[@]}"
  record "$r" sink "$PHASE_COUNT" "$(stat -c %s "$output")" "$PHASE_SECONDS"
  rm -f "$output"
}

for ((r = 1; r <= RUNS; r++)); do
  echo "run $r (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  if [[ "$SUBMIT" == rest ]]; then
    start_worker
    await_rest
    record_plain "$r" startup "$STARTUP_SECONDS" s
  fi
  for phase in $PHASES; do
    case "$phase" in
      source) run_source "$r" ;;
      sink) run_sink "$r" ;;
      *) die "unknown phase $phase (PHASES is a list of source and sink)" ;;
    esac
  done
  if [[ "$SUBMIT" == rest ]]; then
    record_plain "$r" peak_rss_mib "$(peak_rss_mib)" MiB
    stop_worker
  fi
done
print_table
