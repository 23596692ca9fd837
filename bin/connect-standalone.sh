#!/usr/bin/env bash
# Starts a Kafka Connect worker in standalone mode: one process, connector configurations given as files,
# source offsets kept in a local file.
#
#   connect-standalone.sh [-daemon] worker.properties [connector.properties|connector.json ...]
#
# Environment: KAFKA_HEAP_OPTS (default -Xms256M -Xmx2G), EXTRA_ARGS (launcher options, default
# "-name connectStandalone"), and everything bin/connect-run-class.sh reads (JAVA_HOME, KAFKA_OPTS,
# KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_LOGBACK_OPTS, LOG_DIR, JMX_PORT, ...). With -daemon the console output
# goes to $LOG_DIR/connectStandalone.out.
set -euo pipefail

usage() {   # --help prints to stdout, a wrong command line to stderr; both exit 1 like the worker itself
  local out=2
  [[ "${1:-}" == --help ]] && out=1
  cat >&"$out" <<USAGE
usage: $(basename "$0") [-daemon] worker.properties [connector1.properties|connector1.json ...]

  -daemon   run in the background; console output to \$LOG_DIR/connectStandalone.out
  --help    print this help

Environment: KAFKA_HEAP_OPTS (default -Xms256M -Xmx2G), KAFKA_OPTS, KAFKA_JVM_PERFORMANCE_OPTS,
KAFKA_LOGBACK_OPTS, LOG_DIR, JAVA_HOME, JMX_PORT, EXTRA_ARGS; see bin/connect-run-class.sh.
USAGE
  exit 1
}

(($#)) || usage
for arg in "$@"; do [[ "$arg" == --help ]] && usage --help; done

export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256M -Xmx2G}"
# An EXTRA_ARGS set to empty is respected (no -name), as with Apache's scripts.
read -r -a launcher_opts <<< "${EXTRA_ARGS--name connectStandalone}"
if [[ "$1" == -daemon ]]; then
  launcher_opts=(-daemon ${launcher_opts[@]+"${launcher_opts[@]}"})
  shift
fi
(($#)) || usage

exec "$(dirname "${BASH_SOURCE[0]}")/connect-run-class.sh" ${launcher_opts[@]+"${launcher_opts[@]}"} \
  org.apache.kafka.connect.cli.ConnectStandalone "$@"
