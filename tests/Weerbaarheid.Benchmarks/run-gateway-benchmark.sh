#!/usr/bin/env bash
# Measures unary gRPC against Offerings directly and through the gateway, in one run, in Release.
# Starts its own Offerings + gateway on spare ports (and the private RabbitMQ node unless RABBITMQ_URL
# is set; it cannot share that node with a running `./weerbaarheid run`), with the anonymous rate
# limit lifted so it measures the proxy, not the limiter.
#   tests/Weerbaarheid.Benchmarks/run-gateway-benchmark.sh [--seconds 10] [--concurrency 16] [--rounds 2]
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

ASPNETCORE_ENVIRONMENT=Development Ports__Grpc=5910 Ports__Ops=5911 Database__DataDirectory="$WORK/data" \
  Messaging__RabbitMqUrl="$RABBITMQ_URL" Logging__LogLevel__Default=Warning \
  bash -c 'cd services/Offerings/Weerbaarheid.Offerings/bin/Release/net10.0 && exec dotnet Weerbaarheid.Offerings.dll' >"$WORK/offerings.log" 2>&1 &
PIDS+=($!)
ASPNETCORE_ENVIRONMENT=Development Ports__Http=8910 Ports__Grpc=8911 Ports__Ops=8912 \
  ReverseProxy__Clusters__offerings__Destinations__primary__Address=http://127.0.0.1:5910 \
  Gateway__AnonymousRateLimit__PerSecond=1000000 Gateway__AnonymousRateLimit__Burst=1000000 \
  Logging__LogLevel__Default=Warning \
  bash -c 'cd gateway/Weerbaarheid.Gateway/bin/Release/net10.0 && exec dotnet Weerbaarheid.Gateway.dll' >"$WORK/gateway.log" 2>&1 &
PIDS+=($!)

for port in 5911 8912; do
  for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.5; done
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "not ready on $port"; for log in "$WORK"/*.log; do echo "== $log"; tail -n 20 "$log"; done; exit 1; }
done
# The gateway's first active health probe marks the destination healthy; give it a moment.
sleep 2

dotnet tests/Weerbaarheid.Benchmarks/bin/Release/net10.0/Weerbaarheid.Benchmarks.dll \
  --direct http://127.0.0.1:5910 --gateway http://127.0.0.1:8911 "$@"
