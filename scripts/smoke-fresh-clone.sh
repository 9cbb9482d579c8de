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
work=$(mktemp -d "${TMPDIR:-/tmp}/liaoyuan-smoke-XXXXXX")
clone="$work/clone"
log="$work/npm-start.log"
pgid=""
boot_seconds=${SMOKE_BOOT_SECONDS:-240}

step() { printf '== smoke: %s\n' "$*"; }
fail() {
  printf 'smoke FAILED: %s\n' "$*" >&2
  if [ -f "$log" ]; then
    printf -- '--- last lines of npm start ---\n' >&2
    tail -n 40 "$log" >&2
  fi
  exit 1
}
cleanup() {
  local status=$?
  if [ -n "$pgid" ] && kill -0 -- "-$pgid" 2>/dev/null; then kill -KILL -- "-$pgid" 2>/dev/null || true; fi
  # Anything still running from the clone (a dev server the stack failed to stop) goes too.
  pkill -KILL -f "$work" 2>/dev/null || true
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

# A port below Linux's ephemeral range, free now (the dev server takes its extra ports above it).
free_port() {
  node -e '
    const net = require("node:net");
    const tryOne = (n) => {
      if (n === 0) { console.error("no free port in 20000-29999"); process.exit(1); }
      const port = 20000 + Math.floor(Math.random() * 10000);
      const s = net.createServer();
      s.once("error", () => tryOne(n - 1));
      s.listen(port, "127.0.0.1", () => s.close(() => console.log(port)));
    };
    tryOne(50);'
}

step "clone HEAD of $repo"
git clone --quiet --no-hardlinks "$repo" "$clone"
git -C "$clone" log -1 --format='   at %h %s'
[ ! -e "$clone/generated" ] || fail "the clone already has generated/: it must not be committed"

cd "$clone"
step "npm ci"
npm ci --no-audit --no-fund --prefer-offline >"$work/npm-ci.log" 2>&1 || { tail -n 40 "$work/npm-ci.log" >&2; fail "npm ci"; }

api_port=$(free_port)
temporal_port=$(free_port)
ui_port=$(free_port)
while [ "$temporal_port" = "$api_port" ]; do temporal_port=$(free_port); done
while [ "$ui_port" = "$api_port" ] || [ "$ui_port" = "$temporal_port" ]; do ui_port=$(free_port); done
password="smoke-$(date +%s)-pw"

step "npm start (API :$api_port, Temporal :$temporal_port, UI :$ui_port, data in $work/data)"
# Embedded defaults: no cluster, no server database. setsid gives the stack its own process group,
# the group a terminal's Ctrl-C reaches.
env -u TEMPORAL_ADDRESS -u DATABASE_URL \
  PORT="$api_port" TEMPORAL_PORT="$temporal_port" TEMPORAL_UI_PORT="$ui_port" \
  DATA_DIR="$work/data" DEMO_PASSWORD="$password" \
  setsid npm start >"$log" 2>&1 </dev/null &
pgid=$!

api="http://127.0.0.1:$api_port"
started=$SECONDS
deadline=$((SECONDS + boot_seconds))
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$api/health" || true)" = "200" ]; do
  kill -0 "$pgid" 2>/dev/null || fail "npm start exited before /health answered 200"
  [ $SECONDS -lt $deadline ] || fail "/health did not answer 200 within ${boot_seconds}s"
  sleep 1
done
step "/health 200, $((SECONDS - started))s after npm start"
grep -q 'Press Ctrl-C to stop.' "$log" || fail "the start-up summary was not printed"

login=$(curl -s -w '\n%{http_code}' -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$password\"}" "$api/api/v1/auth/login")
[ "$(tail -n 1 <<<"$login")" = "200" ] || fail "demo sign-in answered $(tail -n 1 <<<"$login"): $(head -n 1 <<<"$login")"
token=$(head -n 1 <<<"$login" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).token ?? ""))')
[ -n "$token" ] || fail "the sign-in answer has no token"
me=$(curl -s -o /dev/null -w '%{http_code}' -H "authorization: Bearer $token" "$api/api/v1/me")
[ "$me" = "200" ] || fail "GET /api/v1/me with the token answered $me"
step "admin signed in; /api/v1/me 200"

step "Ctrl-C"
kill -INT -- "-$pgid"
for _ in $(seq 1 60); do
  kill -0 -- "-$pgid" 2>/dev/null || break
  sleep 1
done
if kill -0 -- "-$pgid" 2>/dev/null; then fail "the stack was still running 60s after Ctrl-C"; fi
left=$(ps -eo pid=,args= | grep -F "$work" | grep -v -e 'grep -F' -e 'ps -eo' || true)
[ -z "$left" ] || fail "processes left after Ctrl-C: $left"
pgid=""
step "stopped; no process left"
echo "smoke passed: a fresh clone's npm ci && npm start answered /health and sign-in and stopped cleanly"
