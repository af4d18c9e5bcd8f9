#!/usr/bin/env bash
# Starts a local PostgreSQL for the persistence tests and prints the variable they read.
# Idempotent: safe to run again. Needs root (apt, su postgres).
#   eval "$(tests/postgres-setup.sh | tail -n 1)"   # then: dotnet test ...
set -euo pipefail

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
fi

# The cluster apt creates (15 main on this machine); start it unless it already runs.
if ! pg_lsclusters -h 15 main 2>/dev/null | grep -q online; then
  pg_ctlcluster 15 main start >&2
fi

for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q -h 127.0.0.1 -p 5432" && break
  sleep 1
done

if ! su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname = 'weerbaarheid'\"" | grep -q 1; then
  su postgres -c "psql -c \"CREATE ROLE weerbaarheid LOGIN SUPERUSER PASSWORD 'weerbaarheid'\"" >&2
fi

echo "export WEERBAARHEID_TEST_POSTGRES='Host=127.0.0.1;Port=5432;Username=weerbaarheid;Password=weerbaarheid;Database=postgres'"
