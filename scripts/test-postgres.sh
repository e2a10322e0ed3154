#!/usr/bin/env bash
# Ensures a throwaway PostgreSQL server for the tests on 127.0.0.1:${PGPORT:-55432} and prints its URL.
# Installs Debian's postgresql when missing. The cluster lives in /tmp (the postgres user may not be
# able to enter the checkout, e.g. under /root).
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PGPORT:-55432}"
url="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >&2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi

if pg_isready -h 127.0.0.1 -p "$port" >/dev/null 2>&1; then echo "$url"; exit 0; fi

data="/tmp/imagestudio-postgres-$port"
run_as=()
if [ "$(id -u)" -eq 0 ]; then run_as=(runuser -u postgres --); fi
mkdir -p "$data"
[ "$(id -u)" -eq 0 ] && chown postgres "$data"
if [ ! -f "$data/PG_VERSION" ]; then
  "${run_as[@]}" "$bin/initdb" -D "$data" -A trust -U postgres >/dev/null
fi
"${run_as[@]}" "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
  -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start >/dev/null
echo "$url"
