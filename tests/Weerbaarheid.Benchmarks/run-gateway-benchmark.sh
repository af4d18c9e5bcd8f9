#!/usr/bin/env bash
# Measures unary gRPC against Offerings directly and through the gateway, in one run, in Release.
# Starts its own Offerings + gateway on spare ports (and a private RabbitMQ node unless RABBITMQ_URL
# is set), with the anonymous rate
# limit lifted so it measures the proxy, not the limiter.
#   tests/Weerbaarheid.Benchmarks/run-gateway-benchmark.sh [--seconds 10] [--concurrency 16] [--rounds 2]
source "$(dirname "${BASH_SOURCE[0]}")/live-suite.sh"

start offerings services/Offerings/Weerbaarheid.Offerings Weerbaarheid.Offerings.dll \
  Ports__Grpc=5910 Ports__Ops=5911 Database__DataDirectory="$WORK/data" Messaging__RabbitMqUrl="$RABBITMQ_URL"
start gateway gateway/Weerbaarheid.Gateway Weerbaarheid.Gateway.dll \
  Ports__Http=8910 Ports__Grpc=8911 Ports__Ops=8912 \
  ReverseProxy__Clusters__offerings__Destinations__primary__Address=http://127.0.0.1:5910 \
  Gateway__AnonymousRateLimit__PerSecond=1000000 Gateway__AnonymousRateLimit__Burst=1000000
wait_ready 5911 8912

dotnet tests/Weerbaarheid.Benchmarks/bin/Release/net10.0/Weerbaarheid.Benchmarks.dll \
  --direct http://127.0.0.1:5910 --gateway http://127.0.0.1:8911 "$@"
