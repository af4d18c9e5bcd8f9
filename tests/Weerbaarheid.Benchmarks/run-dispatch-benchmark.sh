#!/usr/bin/env bash
# Measures dispatch latency through the gateway with the real broker, in Release: RequestSupport to the
# offer on the on-call member's WatchDispatches stream, and how late escalations fire after a deadline.
# Starts its own PeerSupport (fresh SQLite database, demo rota, 5 s acceptance window for immediate
# dispatches) + gateway on spare ports, and the private RabbitMQ node unless RABBITMQ_URL is set (it cannot
# share that node with a running `./weerbaarheid run`).
#   tests/Weerbaarheid.Benchmarks/run-dispatch-benchmark.sh [--requests 1000] [--escalations 50]
source "$(dirname "${BASH_SOURCE[0]}")/live-suite.sh"

start peer-support services/PeerSupport/Weerbaarheid.PeerSupport Weerbaarheid.PeerSupport.dll \
  Ports__Grpc=5920 Ports__Ops=5921 Database__DataDirectory="$WORK/data" Messaging__RabbitMqUrl="$RABBITMQ_URL" \
  PeerSupport__Dispatch__AnswerWithinImmediate=00:00:05
start gateway gateway/Weerbaarheid.Gateway Weerbaarheid.Gateway.dll \
  Ports__Http=8920 Ports__Grpc=8921 Ports__Ops=8922 \
  ReverseProxy__Clusters__peer-support__Destinations__primary__Address=http://127.0.0.1:5920
wait_ready 5921 8922

dotnet tests/Weerbaarheid.Benchmarks/bin/Release/net10.0/Weerbaarheid.Benchmarks.dll dispatch --gateway http://127.0.0.1:8921 "$@"
