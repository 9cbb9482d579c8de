# The embedded stack (`npm start`) as the shell scripts drive it: free ports, a temporary data
# directory, its own process group (the group a terminal's Ctrl-C reaches), /health, and a stop
# that checks nothing is left. Sourced by smoke-fresh-clone.sh and fuzz-api.sh, which set
# `script_name` before sourcing, then `work` (a temporary folder every process of the run names)
# and `log`. After stack_start: api_port, temporal_port, ui_port, api (the base URL) and pgid.

step() { printf '== %s: %s\n' "$script_name" "$*"; }
# Ends the script with the reason and the last lines of the stack's log.
fail() {
  printf '%s FAILED: %s\n' "$script_name" "$*" >&2
  if [ -n "${log:-}" ] && [ -f "$log" ]; then
    printf -- '--- last lines of npm start ---\n' >&2
    tail -n 40 "$log" >&2
  fi
  exit 1
}

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

# `npm start` in the current folder on three distinct free ports, data in $work/data, with the
# embedded defaults (no cluster, no server database); extra NAME=value settings may follow.
stack_start() {
  api_port=$(free_port)
  temporal_port=$(free_port)
  ui_port=$(free_port)
  while [ "$temporal_port" = "$api_port" ]; do temporal_port=$(free_port); done
  while [ "$ui_port" = "$api_port" ] || [ "$ui_port" = "$temporal_port" ]; do ui_port=$(free_port); done
  api="http://127.0.0.1:$api_port"
  # setsid: the stack's own process group; not a group leader here, so its pid is the group's id.
  env -u TEMPORAL_ADDRESS -u DATABASE_URL \
    PORT="$api_port" TEMPORAL_PORT="$temporal_port" TEMPORAL_UI_PORT="$ui_port" DATA_DIR="$work/data" "$@" \
    setsid npm start >"$log" 2>&1 </dev/null &
  pgid=$!
}

# Waits for /health 200, at most $1 seconds (fail otherwise); health_seconds: how long it took.
# Not to be called in $(...): fail must end the script, not a subshell.
stack_wait_health() {
  local started=$SECONDS deadline=$((SECONDS + $1))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$api/health" || true)" = "200" ]; do
    kill -0 "$pgid" 2>/dev/null || fail "npm start exited before /health answered 200"
    [ $SECONDS -lt "$deadline" ] || fail "/health did not answer 200 within $1 s"
    sleep 1
  done
  health_seconds=$((SECONDS - started))
}

# Ctrl-C to the group, as a terminal sends it; waits up to 60 s, then by force (status 1 then).
stack_stop() {
  [ -n "${pgid:-}" ] || return 0
  kill -INT -- "-$pgid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 -- "-$pgid" 2>/dev/null || break
    sleep 1
  done
  local lingering=0
  if kill -0 -- "-$pgid" 2>/dev/null; then
    lingering=1
    kill -KILL -- "-$pgid" 2>/dev/null || true
  fi
  pgid=""
  return "$lingering"
}

# The processes of this run still alive (none should be): every one names $work.
stack_leftovers() { ps -eo pid=,args= | grep -F "$work" | grep -v -e 'grep -F' -e 'ps -eo' || true; }
stack_kill_leftovers() {
  local pids
  pids=$(stack_leftovers | awk '{ print $1 }')
  # shellcheck disable=SC2086 # a list of pids
  [ -z "$pids" ] || kill -KILL $pids 2>/dev/null || true
}
