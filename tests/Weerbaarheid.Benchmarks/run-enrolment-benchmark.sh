#!/usr/bin/env bash
# Measures applications for cohorts through the gateway with the real SignalTraining service, in Release:
# concurrent callers, each application as a new employee, several always racing for one cohort's seats; then
# checks that no cohort got more than its seats. Starts its own SignalTraining (fresh SQLite database) and
# gateway on spare ports, and the private RabbitMQ node unless RABBITMQ_URL is set. With SIGNALTRAINING_POSTGRES
# set to an Npgsql connection string (e.g. from tests/postgres-setup.sh), it stores its data on that server.
# `--gateway http://127.0.0.1:5950` calls SignalTraining directly.
#   tests/Weerbaarheid.Benchmarks/run-enrolment-benchmark.sh [--seconds 30] [--warmup 60] [--concurrency 32] [--cohorts 20] [--capacity 12]
source "$(dirname "${BASH_SOURCE[0]}")/live-suite.sh"

database=(Database__DataDirectory="$WORK/signal-training")
if [ -n "${SIGNALTRAINING_POSTGRES:-}" ]; then
  libpq=$(printf '%s' "$SIGNALTRAINING_POSTGRES" | sed -E 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Password=/password=/; s/Database=/dbname=/')
  db=signaltraining_bench_$$
  psql "$libpq" -qc "CREATE DATABASE $db" >/dev/null
  trap 'cleanup; psql "$libpq" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null' EXIT
  database=(Database__Provider=PostgreSql "Database__ConnectionString=${SIGNALTRAINING_POSTGRES%;Database=*};Database=$db;Maximum Pool Size=40")
fi

start signal-training services/SignalTraining/Weerbaarheid.SignalTraining Weerbaarheid.SignalTraining.dll \
  Ports__Grpc=5950 Ports__Ops=5951 "${database[@]}" Messaging__RabbitMqUrl="$RABBITMQ_URL" \
  Offerings__Address=http://127.0.0.1:9
start gateway gateway/Weerbaarheid.Gateway Weerbaarheid.Gateway.dll \
  Ports__Http=8940 Ports__Grpc=8941 Ports__Ops=8942 \
  ReverseProxy__Clusters__signal-training__Destinations__primary__Address=http://127.0.0.1:5950
wait_ready 5951 8942

dotnet tests/Weerbaarheid.Benchmarks/bin/Release/net10.0/Weerbaarheid.Benchmarks.dll enrolment "$@" --gateway http://127.0.0.1:8941
