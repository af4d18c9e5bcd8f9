#!/usr/bin/env bash
# Measures what the gateway adds to one caller's latency, per route family, against calling the services
# directly, in one run, in Release, with the whole suite running: unary gRPC, transcoded JSON reads, and the
# delivery of a dispatch offer on WatchDispatches streams. Starts its own Offerings, PeerSupport (demo rota),
# SignalTraining, SelfTest (fresh SQLite databases) and gateway on spare ports, with the anonymous rate limit
# lifted (one client address makes every request here), and its own private RabbitMQ node unless RABBITMQ_URL
# is set.
#   tests/Weerbaarheid.Benchmarks/run-gateway-latency-benchmark.sh [--warmup 60] [--seconds 20] [--dispatches 40]

source "$(dirname "${BASH_SOURCE[0]}")/live-suite.sh"

offerings=http://127.0.0.1:5960
start offerings services/Offerings/Weerbaarheid.Offerings Weerbaarheid.Offerings.dll \
  Ports__Grpc=5960 Ports__Ops=5961 Database__DataDirectory="$WORK/offerings" Messaging__RabbitMqUrl="$RABBITMQ_URL"
start peer-support services/PeerSupport/Weerbaarheid.PeerSupport Weerbaarheid.PeerSupport.dll \
  Ports__Grpc=5962 Ports__Ops=5963 Database__DataDirectory="$WORK/peer-support" Messaging__RabbitMqUrl="$RABBITMQ_URL"
start signal-training services/SignalTraining/Weerbaarheid.SignalTraining Weerbaarheid.SignalTraining.dll \
  Ports__Grpc=5964 Ports__Ops=5965 Database__DataDirectory="$WORK/signal-training" Messaging__RabbitMqUrl="$RABBITMQ_URL" \
  Offerings__Address=$offerings
start self-test services/SelfTest/Weerbaarheid.SelfTest Weerbaarheid.SelfTest.dll \
  Ports__Grpc=5966 Ports__Ops=5967 Database__DataDirectory="$WORK/self-test" Messaging__RabbitMqUrl="$RABBITMQ_URL" \
  Offerings__Address=$offerings
start gateway gateway/Weerbaarheid.Gateway Weerbaarheid.Gateway.dll \
  Ports__Http=8960 Ports__Grpc=8961 Ports__Ops=8962 \
  ReverseProxy__Clusters__offerings__Destinations__primary__Address=$offerings \
  ReverseProxy__Clusters__peer-support__Destinations__primary__Address=http://127.0.0.1:5962 \
  ReverseProxy__Clusters__signal-training__Destinations__primary__Address=http://127.0.0.1:5964 \
  ReverseProxy__Clusters__self-test__Destinations__primary__Address=http://127.0.0.1:5966 \
  Gateway__AnonymousRateLimit__PerSecond=1000000 Gateway__AnonymousRateLimit__Burst=1000000
wait_ready 5961 5963 5965 5967 8962

dotnet tests/Weerbaarheid.Benchmarks/bin/Release/net10.0/Weerbaarheid.Benchmarks.dll gateway-latency "$@" \
  --gateway http://127.0.0.1:8961 --gateway-http http://127.0.0.1:8960 --offerings $offerings \
  --peer-support http://127.0.0.1:5962 --signal-training http://127.0.0.1:5964 --self-test http://127.0.0.1:5966
