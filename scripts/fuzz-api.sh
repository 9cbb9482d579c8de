#!/usr/bin/env bash
# `npm run fuzz`: API fuzzing with Schemathesis (issue 17, item 9). Starts the embedded stack the
# way scripts/smoke-fresh-clone.sh does (`npm start` on free ports, a temporary DATA_DIR, its own
# process group), waits for /health 200, creates seed data (scripts/fuzz/seed-data.ts) and runs
# `st run` against /docs/json once per user of FUZZ_USERS, signed in as that user (a bearer token
# from POST /api/v1/auth/login, renewed by Schemathesis as it ages), with the checks that
# scripts/fuzz/schemathesis.toml names. Then it stops the stack, checks that no process is left,
# and prints the figures (scripts/fuzz/figures.ts): operations tested, test cases and requests,
# failures by check, server errors and hung requests, counted on both sides (Schemathesis'
# reports, the API's own log). A run by hand: FUZZ_MAX_EXAMPLES=300 npm run fuzz (about 30 min).
#
# Exit 0 only when every pass held: Schemathesis found no failure of a configured check (a 5xx
# is one, a response slower than the configured limit another), no request timed out or went
# unanswered, and the API logged no 5xx.
#
# Environment (all optional):
#   FUZZ_MAX_EXAMPLES   test cases per operation and phase (default 15; 100 or more by hand)
#   FUZZ_USERS          who signs in, one pass each (default "admin ent1 gxj.reviewer supervisor")
#   FUZZ_SEED           Schemathesis seed (default: a fixed one, so CI runs are reproducible)
#   FUZZ_PASS_SECONDS   hard limit of one pass; a pass that runs longer fails (default 300 s
#                       plus 4 s per example: a pass of 15 examples takes under a minute)
#   FUZZ_REPORT_DIR     where the reports and the API log are kept (default test-results/fuzz)
#   FUZZ_BOOT_SECONDS   how long the stack may take to answer /health 200 (default 240)
#   FUZZ_VENV           the virtualenv Schemathesis is installed into (default under ~/.cache)
# Needs python3 (Schemathesis comes from PyPI, pinned below) and the `temporal` CLI, like `npm start`.
set -euo pipefail

SCHEMATHESIS_VERSION=4.32.5

repo=$(cd "$(dirname "$0")/.." && pwd)
script_name=fuzz
# shellcheck source=scripts/lib/embedded-stack.sh
. "$repo/scripts/lib/embedded-stack.sh"
config="$repo/scripts/fuzz/schemathesis.toml"
max_examples=${FUZZ_MAX_EXAMPLES:-15}
users=${FUZZ_USERS:-admin ent1 gxj.reviewer supervisor}
seed=${FUZZ_SEED:-20260517}
pass_seconds=${FUZZ_PASS_SECONDS:-$((300 + 4 * max_examples))}
boot_seconds=${FUZZ_BOOT_SECONDS:-240}
report_root=${FUZZ_REPORT_DIR:-$repo/test-results/fuzz}
venv=${FUZZ_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/liaoyuan-fuzz/schemathesis-$SCHEMATHESIS_VERSION}

work=$(mktemp -d "${TMPDIR:-/tmp}/liaoyuan-fuzz-XXXXXX")
log="$work/npm-start.log"


cleanup() {
  local status=$?
  stack_stop || true
  stack_kill_leftovers
  if [ -f "$log" ]; then cp "$log" "$report_root/api.log" 2>/dev/null || true; fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Schemathesis from PyPI, pinned, in a virtualenv of its own so that its dependencies do not
# change the packages of the machine's Python (the Temporal binaries live there).
st="$venv/bin/st"
if [ "$("$st" --version 2>/dev/null || true)" != "st, version $SCHEMATHESIS_VERSION" ]; then
  step "installing schemathesis==$SCHEMATHESIS_VERSION into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" \
    || fail "pip install schemathesis==$SCHEMATHESIS_VERSION"
fi
step "$("$st" --version)"

rm -rf "$report_root"
mkdir -p "$report_root"

password="fuzz-$(date +%s)-pw"
# The per-address sign-in throttle is raised so that the fuzzed POST /auth/login keeps reaching
# the password check instead of answering 429 after 30 failures; the per-username lockout keeps
# its default.
cd "$repo"
stack_start DEMO_PASSWORD="$password" LOG_LEVEL=info LOGIN_ADDRESS_MAX_FAILURES=100000
step "npm start (API :$api_port, Temporal :$temporal_port, UI :$ui_port, data in $work/data)"
stack_wait_health "$boot_seconds"
step "/health 200, ${health_seconds}s after npm start"

# Seed data and sign-ins: two applications to act on, the identifiers that exist (dictionaries
# appended to the committed configuration), and the WFC auth file through which Schemathesis signs
# in as the pass user and as the object_level_authorization peers (ent1, ent2).
run_config="$work/schemathesis.toml"
wfc_file="$work/wfc-auth.json"
# shellcheck disable=SC2086 # $users is a list of names
npx --no-install tsx "$repo/scripts/fuzz/seed-data.ts" "$api" "$password" "$config" "$run_config" "$wfc_file" $users | sed 's/^/   /' \
  || fail "could not create the seed data"
[ -s "$run_config" ] && [ -s "$wfc_file" ] || fail "no run configuration was written"
cp "$run_config" "$report_root/schemathesis.run.toml"

passes=()
st_failed=0
for user in $users; do
  dir="$report_root/$user"
  mkdir -p "$dir"
  from=$(stat -c %s "$log")
  step "pass $user: st run $api/docs/json (max $max_examples examples per operation, seed $seed)"
  status=0
  # The configuration's [auth.wfc] reads the pass user and the auth file from the environment;
  # `timeout` bounds the pass even if Schemathesis itself should hang.
  FUZZ_USER="$user" FUZZ_WFC_FILE="$wfc_file" timeout --kill-after=10 "$pass_seconds" \
    "$st" --no-color --config-file "$run_config" run "$api/docs/json" \
    --max-examples "$max_examples" --seed "$seed" \
    --report json,ndjson,junit --report-dir "$dir" \
    >"$dir/schemathesis.txt" 2>&1 || status=$?
  sleep 2   # the last answers reach the log
  to=$(stat -c %s "$log")
  # Schemathesis' own summary (phases, failures by code, warnings); the failures in full, each with
  # a curl line that reproduces it, are in schemathesis.txt above it.
  sed -n '/=== SUMMARY ===/,$p' "$dir/schemathesis.txt" | sed 's/^/   | /'
  grep -q '=== SUMMARY ===' "$dir/schemathesis.txt" || tail -n 30 "$dir/schemathesis.txt" | sed 's/^/   | /'
  if [ "$status" -ne 0 ]; then
    st_failed=1
    if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
      printf '   pass %s: Schemathesis still running after %ss, stopped\n' "$user" "$pass_seconds"
    fi
  fi
  passes+=("$user:$status:$from:$to")
done

step "stopping the stack (Ctrl-C to the process group)"
stopped_cleanly=1
stack_stop || stopped_cleanly=0
left=$(stack_leftovers)
stack_kill_leftovers
cp "$log" "$report_root/api.log"

figures=0
npx --no-install tsx "$repo/scripts/fuzz/figures.ts" "$report_root" "$report_root/api.log" "${passes[@]}" || figures=$?

[ "$stopped_cleanly" = 1 ] || fail "the stack was still running 60s after Ctrl-C"
[ -z "$left" ] || fail "processes left after the stack stopped: $left"
step "stopped; no process left. Reports in $report_root"
if [ "$st_failed" -ne 0 ] || [ "$figures" -ne 0 ]; then
  echo "fuzz FAILED: see the figures above and $report_root/<user>/schemathesis.txt" >&2
  exit 1
fi
echo "fuzz passed: no server error, no hung request, no failed check"
