#!/bin/sh
# First start of an empty PostgreSQL (the official image runs /docker-entrypoint-initdb.d/* once,
# on an empty data directory): the app's database owned by its own role and, when
# TEMPORAL_DB_PASSWORD is set (a self-hosted Temporal), Temporal's two databases owned by another,
# so neither can read or drop the other's. Passwords arrive as psql variables, quoted by psql
# (:'name'), so any character is safe. Also usable by hand against an existing server:
#   PGHOST=... PGUSER=<superuser> APP_DB_PASSWORD=... [TEMPORAL_DB_PASSWORD=...] sh init-databases.sh
set -eu
: "${APP_DB_PASSWORD:?set APP_DB_PASSWORD}"
run() { psql -v ON_ERROR_STOP=1 --no-psqlrc --dbname postgres ${POSTGRES_USER:+--username "$POSTGRES_USER"} "$@"; }

run -v app_password="$APP_DB_PASSWORD" <<'SQL'
CREATE ROLE liaoyuan LOGIN PASSWORD :'app_password';
CREATE DATABASE liaoyuan OWNER liaoyuan;
REVOKE CONNECT ON DATABASE liaoyuan FROM PUBLIC;
SQL
echo "database liaoyuan (role liaoyuan) created"

if [ -n "${TEMPORAL_DB_PASSWORD:-}" ]; then
  run -v temporal_password="$TEMPORAL_DB_PASSWORD" <<'SQL'
CREATE ROLE temporal LOGIN PASSWORD :'temporal_password';
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;
REVOKE CONNECT ON DATABASE temporal, temporal_visibility FROM PUBLIC;
SQL
  echo "databases temporal and temporal_visibility (role temporal) created"
fi
