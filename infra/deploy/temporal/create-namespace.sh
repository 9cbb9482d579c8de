#!/bin/sh
# The namespace job (image temporalio/admin-tools): waits until the frontend serves, then creates
# the app's namespace with its retention, or sets the retention of an existing one. Retention is
# how long Temporal keeps a closed case's history: the auditor's timeline and replay read it there.
set -eu
: "${TEMPORAL_ADDRESS:?}" "${NAMESPACE:?}" "${RETENTION:?}"
attempt=1
until temporal operator cluster health --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1; do
  [ "$attempt" -lt 60 ] || { echo "Temporal at $TEMPORAL_ADDRESS did not become healthy"; exit 1; }
  attempt=$((attempt + 1))
  sleep 5
done
if temporal operator namespace describe --address "$TEMPORAL_ADDRESS" -n "$NAMESPACE" >/dev/null 2>&1; then
  # A namespace registered moments ago may not be in every cache yet: retry the update a while.
  attempt=1
  until temporal operator namespace update --address "$TEMPORAL_ADDRESS" -n "$NAMESPACE" --retention "$RETENTION"; do
    [ "$attempt" -lt 12 ] || exit 1
    attempt=$((attempt + 1))
    sleep 5
  done
  echo "namespace $NAMESPACE exists; retention set to $RETENTION"
else
  temporal operator namespace create --address "$TEMPORAL_ADDRESS" -n "$NAMESPACE" --retention "$RETENTION" \
    --description "辽源 enterprise services: awards, 代办 proxy cases, 诉求 appeals"
  echo "namespace $NAMESPACE created with retention $RETENTION"
fi
