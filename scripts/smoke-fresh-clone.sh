#!/usr/bin/env bash
# The README's first command as a newcomer meets it: clone the committed HEAD into an empty
# folder, `npm ci && npm start` there on free ports and a temporary data directory, wait for
# /health 200 and a demo sign-in, press Ctrl-C (SIGINT to the whole process group, as a terminal
# does), and check that the stack exits and leaves no process behind.
#
# Needs the `temporal` CLI (TEMPORAL_CLI_PATH or PATH), like `npm start` itself. npm packages come
# from the npm cache when they are there. Exit 0 when everything held; otherwise the failing step
# and the tail of the output.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
script_name=smoke
# shellcheck source=scripts/lib/embedded-stack.sh
. "$repo/scripts/lib/embedded-stack.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/liaoyuan-smoke-XXXXXX")
clone="$work/clone"
log="$work/npm-start.log"
boot_seconds=${SMOKE_BOOT_SECONDS:-240}

cleanup() {
  local status=$?
  stack_stop || true
  stack_kill_leftovers
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
step "clone HEAD of $repo"
git clone --quiet --no-hardlinks "$repo" "$clone"
git -C "$clone" log -1 --format='   at %h %s'
[ ! -e "$clone/generated" ] || fail "the clone already has generated/: it must not be committed"

cd "$clone"
step "npm ci"
npm ci --no-audit --no-fund --prefer-offline >"$work/npm-ci.log" 2>&1 || { tail -n 40 "$work/npm-ci.log" >&2; fail "npm ci"; }

password="smoke-$(date +%s)-pw"
stack_start DEMO_PASSWORD="$password"
step "npm start (API :$api_port, Temporal :$temporal_port, UI :$ui_port, data in $work/data)"
stack_wait_health "$boot_seconds"
step "/health 200, ${health_seconds}s after npm start"
grep -q 'Press Ctrl-C to stop.' "$log" || fail "the start-up summary was not printed"

login=$(curl -s -w '\n%{http_code}' -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$password\"}" "$api/api/v1/auth/login")
[ "$(tail -n 1 <<<"$login")" = "200" ] || fail "demo sign-in answered $(tail -n 1 <<<"$login"): $(head -n 1 <<<"$login")"
token=$(head -n 1 <<<"$login" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).token ?? ""))')
[ -n "$token" ] || fail "the sign-in answer has no token"
me=$(curl -s -o /dev/null -w '%{http_code}' -H "authorization: Bearer $token" "$api/api/v1/me")
[ "$me" = "200" ] || fail "GET /api/v1/me with the token answered $me"
step "admin signed in; /api/v1/me 200"

# The web console, built by npm start from the clone's sources.
page=$(curl -s "$api/")
script=$(grep -o '/assets/main-[A-Z0-9]*\.js' <<<"$page" | head -n 1)
[ -n "$script" ] || fail "/ does not serve the web console: $(head -c 200 <<<"$page")"
asset=$(curl -s -o /dev/null -w '%{http_code}' "$api$script")
[ "$asset" = "200" ] || fail "the console's script $script answered $asset"
grep -q 'Web console     ' "$log" || fail "the start-up summary does not name the web console"
step "web console at / ($script 200)"

step "Ctrl-C"
stack_stop || fail "the stack was still running 60s after Ctrl-C"
left=$(stack_leftovers)
[ -z "$left" ] || fail "processes left after Ctrl-C: $left"
step "stopped; no process left"
echo "smoke passed: a fresh clone's npm ci && npm start answered /health, sign-in and the web console and stopped cleanly"
