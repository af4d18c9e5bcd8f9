#!/usr/bin/env bash
# Measures anonymous self-tests through the gateway with the real services, in Release: start + submit +
# result per self-test, recommendations from the real Offerings service. Starts its own Offerings, SelfTest
# (fresh SQLite databases) and gateway on spare ports, with the anonymous rate limit lifted (one client
# address makes every request here), and the private RabbitMQ node unless RABBITMQ_URL is set.
# With SELFTEST_POSTGRES set to an Npgsql connection string (e.g. from tests/postgres-setup.sh), SelfTest
# stores its data in a fresh database on that server instead of SQLite. `--gateway http://127.0.0.1:5940`
# calls SelfTest directly, for the gateway's share.
#   tests/Weerbaarheid.Benchmarks/run-selftest-benchmark.sh [--seconds 30] [--warmup 60] [--concurrency 32]
source "$(dirname "${BASH_SOURCE[0]}")/live-suite.sh"

database=(Database__DataDirectory="$WORK/self-test")
if [ -n "${SELFTEST_POSTGRES:-}" ]; then
  db=selftest_bench_$$
  psql "$(printf '%s' "$SELFTEST_POSTGRES" | sed -E 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Password=/password=/; s/Database=/dbname=/')" \
    -qc "CREATE DATABASE $db" >/dev/null
  trap 'cleanup; psql "$(printf "%s" "$SELFTEST_POSTGRES" | sed -E "s/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Password=/password=/; s/Database=/dbname=/")" -qc "DROP DATABASE IF EXISTS $db" >/dev/null' EXIT
  database=(Database__Provider=PostgreSql "Database__ConnectionString=${SELFTEST_POSTGRES%;Database=*};Database=$db")
fi

start offerings services/Offerings/Weerbaarheid.Offerings Weerbaarheid.Offerings.dll \
  Ports__Grpc=5930 Ports__Ops=5931 Database__DataDirectory="$WORK/offerings" Messaging__RabbitMqUrl="$RABBITMQ_URL"
start self-test services/SelfTest/Weerbaarheid.SelfTest Weerbaarheid.SelfTest.dll \
  Ports__Grpc=5940 Ports__Ops=5941 "${database[@]}" Messaging__RabbitMqUrl="$RABBITMQ_URL" \
  Offerings__Address=http://127.0.0.1:5930
start gateway gateway/Weerbaarheid.Gateway Weerbaarheid.Gateway.dll \
  Ports__Http=8930 Ports__Grpc=8931 Ports__Ops=8932 \
  ReverseProxy__Clusters__offerings__Destinations__primary__Address=http://127.0.0.1:5930 \
  ReverseProxy__Clusters__self-test__Destinations__primary__Address=http://127.0.0.1:5940 \
  Gateway__AnonymousRateLimit__PerSecond=1000000 Gateway__AnonymousRateLimit__Burst=1000000
wait_ready 5931 5941 8932

dotnet tests/Weerbaarheid.Benchmarks/bin/Release/net10.0/Weerbaarheid.Benchmarks.dll self-test "$@" --gateway http://127.0.0.1:8931
