#!/bin/sh
# The Temporal schema job (image temporalio/admin-tools, the same version as the server): sets
# up or upgrades the schema of the two databases init-databases.sh created. Safe to run on every
# start: setup-schema skips a database already past version 0.0 and update-schema applies only
# what is missing. Upgrading the server one minor version at a time runs this job first each time.
set -eu
: "${POSTGRES_SEEDS:?}" "${POSTGRES_USER:?}" "${SQL_PASSWORD:?}"
port=${DB_PORT:-5432}
for db in temporal temporal_visibility; do
  case $db in temporal) dir=temporal ;; *) dir=visibility ;; esac
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$port" -u "$POSTGRES_USER" --db "$db" setup-schema -v 0.0
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$port" -u "$POSTGRES_USER" --db "$db" update-schema -d "/etc/temporal/schema/postgresql/v12/$dir/versioned"
done
echo "Temporal schema ready"
