#!/usr/bin/env bash
# Starts, stops or reports the local stand-ins for Azure services, all bound to 127.0.0.1:
#   Cosmos DB API (@vercel/cosmosdb-server, HTTPS 8081), Azurite (blob 10000, queue 10001, table 10002),
#   maildev (SMTP 1025, web inbox and REST API 1080).
# Starting is idempotent: a service whose port already answers is reused and never stopped by this script.
# Stopping only ends the processes this script started (their pids are kept in .local/pids). Scripts that start the
# services for their own run set SERVICES_STARTED_FILE: start lists there what it really started, and
# `stop-listed FILE` stops just those, so services that were already running when the run began keep running.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state="$root/.local"
pids="$state/pids"
logs="$state/logs"
bin="$root/node_modules/.bin"
mkdir -p "$pids" "$logs" "$state/azurite"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

ensure_packages() {
  if [ ! -x "$bin/cosmosdb-server" ] || [ ! -x "$bin/azurite" ] || [ ! -x "$bin/maildev" ]; then
    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

start_one() {
  local name="$1" port="$2"; shift 2
  if port_open "$port"; then
    echo "$name: already answering on 127.0.0.1:$port, reusing it"
    return
  fi
  nohup "$@" >"$logs/$name.log" 2>&1 &
  echo $! >"$pids/$name.pid"
  if [ -n "${SERVICES_STARTED_FILE:-}" ]; then echo "$name" >>"$SERVICES_STARTED_FILE"; fi
  for _ in $(seq 1 120); do
    if port_open "$port"; then echo "$name: started on 127.0.0.1:$port"; return; fi
    if ! kill -0 "$(cat "$pids/$name.pid")" 2>/dev/null; then
      echo "$name: failed to start; see $logs/$name.log" >&2; tail -20 "$logs/$name.log" >&2; exit 1
    fi
    sleep 0.5
  done
  echo "$name: did not answer on port $port within 60 s; see $logs/$name.log" >&2
  exit 1
}

# A service's second and third ports open a moment after its first: wait for them too, and fail if they never do.
wait_port() {
  local name="$1" port="$2"
  for _ in $(seq 1 60); do port_open "$port" && return; sleep 0.5; done
  echo "$name: port $port did not answer within 30 s; see $logs/$name.log" >&2
  exit 1
}

start() {
  ensure_packages
  start_one cosmos 8081 node "$root/scripts/cosmos-server.js" --host 127.0.0.1 --port 8081
  start_one azurite 10001 "$bin/azurite" --silent --skipApiVersionCheck --loose \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 --location "$state/azurite"
  wait_port azurite 10000
  wait_port azurite 10002
  start_one maildev 1080 "$bin/maildev" --ip 127.0.0.1 --web-ip 127.0.0.1 --smtp 1025 --web 1080
  wait_port maildev 1025
  echo "email inbox: http://127.0.0.1:1080"
}

stop_one() {
  local name="$1" f="$pids/$1.pid" pid
  [ -f "$f" ] || return 0
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
    echo "$name: stopped"
  fi
  rm -f "$f"
}

stop() {
  shopt -s nullglob
  for f in "$pids"/*.pid; do stop_one "$(basename "$f" .pid)"; done
}

stop_listed() {
  [ -f "$1" ] || return 0
  while read -r name; do [ -n "$name" ] && stop_one "$name"; done <"$1"
  rm -f "$1"
}

status() {
  for entry in cosmos:8081 blob:10000 queue:10001 table:10002 smtp:1025 inbox:1080; do
    if port_open "${entry#*:}"; then echo "${entry%%:*}: up"; else echo "${entry%%:*}: down"; fi
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  stop-listed) stop_listed "${2:?usage: $0 stop-listed FILE}" ;;
  status) status ;;
  *) echo "usage: $0 start|stop|stop-listed FILE|status" >&2; exit 2 ;;
esac
