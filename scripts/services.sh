#!/usr/bin/env bash
# Start the local PostgreSQL the tests use (loopback only) and give its `postgres` role a known password.
# The Redis tests start their own redis-server on a free port, so nothing shared is left running.
set -euo pipefail

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

version=$(ls /etc/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online" {found=1} END {exit !found}'; then
  echo "==> starting PostgreSQL $version"
  as_root pg_ctlcluster "$version" main start
fi
for _ in $(seq 1 50); do
  pg_isready -q -h 127.0.0.1 && break
  sleep 0.2
done
as_root runuser -u postgres -- psql -q -c "ALTER USER postgres PASSWORD 'postgres'" >/dev/null
