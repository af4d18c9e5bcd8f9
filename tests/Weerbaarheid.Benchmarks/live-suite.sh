# Sourced by the benchmarks that run real processes (run-gateway-benchmark.sh, run-dispatch-benchmark.sh):
# builds in Release, starts a private RabbitMQ node of its own (port 5683, its own run folder, so beside any
# `./weerbaarheid run`) unless RABBITMQ_URL is set, and stops everything started through `start` on exit.
#   start NAME DIR DLL [VAR=value ...]   a Release build of DIR in the background, log in $WORK/NAME.log
#   wait_ready PORT ...                   until each ops port answers /health/ready
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

dotnet build -c Release -v q Weerbaarheid.sln >/dev/null

if [ -z "${RABBITMQ_URL:-}" ]; then
  # A broker node of the benchmark's own (node name, ports, run folder), so it runs beside a developer's
  # `./weerbaarheid run` instead of being refused by it.
  export WEERBAARHEID_RUN_DIR="$WORK/run" WEERBAARHEID_RABBITMQ_NODE=${WEERBAARHEID_RABBITMQ_NODE:-weerbaarheid-bench@localhost} \
    WEERBAARHEID_RABBITMQ_PORT=${WEERBAARHEID_RABBITMQ_PORT:-5683} WEERBAARHEID_RABBITMQ_DIST_PORT=${WEERBAARHEID_RABBITMQ_DIST_PORT:-25683} \
    WEERBAARHEID_RABBITMQ_EPMD_PORT=${WEERBAARHEID_RABBITMQ_EPMD_PORT:-4383}
  ./weerbaarheid broker >"$WORK/broker.log" 2>&1 &
  PIDS+=($!)
  port=${WEERBAARHEID_RABBITMQ_PORT:-5673}
  for _ in $(seq 120); do (echo >/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.5; done
  RABBITMQ_URL=amqp://guest:guest@127.0.0.1:$port/
fi

start() {
  local name=$1 dir=$2 dll=$3
  shift 3
  # env, because a setting such as ReverseProxy__Clusters__peer-support__… is not a valid shell assignment
  env ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning "$@" \
    bash -c "cd '$dir/bin/Release/net10.0' && exec dotnet '$dll'" >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
}

wait_ready() {
  for port in "$@"; do
    for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.5; done
    curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "not ready on $port"; for log in "$WORK"/*.log; do echo "== $log"; tail -n 20 "$log"; done; exit 1; }
  done
  # The gateway's first active health probe marks the destination healthy; give it a moment.
  sleep 2
}
