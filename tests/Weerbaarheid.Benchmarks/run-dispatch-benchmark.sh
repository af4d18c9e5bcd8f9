#!/usr/bin/env bash
# Measures dispatch latency through the gateway with the real broker, in Release: RequestSupport to the
# offer on the on-call member's WatchDispatches stream, and how late escalations fire after a deadline.
# Starts its own PeerSupport (fresh SQLite database, demo rota, 5 s acceptance window for immediate
# dispatches) + gateway on spare ports, and the private RabbitMQ node unless RABBITMQ_URL is set (it cannot
# share that node with a running `./weerbaarheid run`).
#   tests/Weerbaarheid.Benchmarks/run-dispatch-benchmark.sh [--requests 1000] [--escalations 50]
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
  ./weerbaarheid broker >"$WORK/broker.log" 2>&1 &
  PIDS+=($!)
  port=${WEERBAARHEID_RABBITMQ_PORT:-5673}
  for _ in $(seq 120); do (echo >/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.5; done
  RABBITMQ_URL=amqp://guest:guest@127.0.0.1:$port/
fi

ASPNETCORE_ENVIRONMENT=Development Ports__Grpc=5920 Ports__Ops=5921 Database__DataDirectory="$WORK/data" \
  Messaging__RabbitMqUrl="$RABBITMQ_URL" Logging__LogLevel__Default=Warning \
  PeerSupport__Dispatch__AnswerWithinImmediate=00:00:05 \
  bash -c 'cd services/PeerSupport/Weerbaarheid.PeerSupport/bin/Release/net10.0 && exec dotnet Weerbaarheid.PeerSupport.dll' >"$WORK/peer-support.log" 2>&1 &
PIDS+=($!)
# (env, because a variable name with a '-' is not a shell assignment)
env ASPNETCORE_ENVIRONMENT=Development Ports__Http=8920 Ports__Grpc=8921 Ports__Ops=8922 \
  ReverseProxy__Clusters__peer-support__Destinations__primary__Address=http://127.0.0.1:5920 \
  Logging__LogLevel__Default=Warning \
  bash -c 'cd gateway/Weerbaarheid.Gateway/bin/Release/net10.0 && exec dotnet Weerbaarheid.Gateway.dll' >"$WORK/gateway.log" 2>&1 &
PIDS+=($!)

for port in 5921 8922; do
  for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.5; done
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "not ready on $port"; for log in "$WORK"/*.log; do echo "== $log"; tail -n 20 "$log"; done; exit 1; }
done
# The gateway's first active health probe marks the destination healthy; give it a moment.
sleep 2

dotnet tests/Weerbaarheid.Benchmarks/bin/Release/net10.0/Weerbaarheid.Benchmarks.dll dispatch --gateway http://127.0.0.1:8921 "$@"
