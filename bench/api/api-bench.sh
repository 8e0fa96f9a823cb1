#!/usr/bin/env bash
# ./laborwatch bench --api: the service's enterprise lookup and search under a real load tool (wrk) on loopback, beside
# the same queries sent to Elasticsearch directly (the ceiling), in one run, on the demo city's data.
#   --rate N       requests/s offered to the lookup (default 1000; also a quarter and a half of it); the search gets
#                  a fifth of it
#   --duration S   seconds per measurement (default 20)
# Prints a table (docs/benchmarks.md keeps the latest). wrk has no fixed-rate mode: each connection pauses after each
# answer so the connections together offer about the rate asked; the table shows the rate reached.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH_DIR="$HERE/bench/api"
RATE=1000
DURATION=20
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rate) RATE="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    *) echo "bench --api: unknown option $1 (options: --rate N, --duration S)" >&2; exit 2 ;;
  esac
done
ES="${LW_ES_URL:-http://127.0.0.1:9200}"
PORT="${LW_BENCH_API_PORT:-18089}"
API="http://127.0.0.1:$PORT"
WORK="$(mktemp -d)"
SERVICE_PID=
cleanup() {
  [[ -n $SERVICE_PID ]] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

say() { echo "bench --api: $*" >&2; }

need_wrk() {
  command -v wrk >/dev/null 2>&1 && return
  say "installing wrk (Debian package) ..."
  if [[ $(id -u) -eq 0 ]]; then
    apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y wrk >/dev/null; }
  elif sudo -n true 2>/dev/null; then
    sudo apt-get install -y wrk >/dev/null
  else
    say "wrk is not installed and this user cannot install it: run 'sudo apt-get install -y wrk' once"; exit 1
  fi
}

count() { curl -fs "$ES/$1/_count" 2>/dev/null | sed -n 's/.*"count":\([0-9]*\).*/\1/p'; }

# The demo city in Elasticsearch (the launcher runs the demo's engine first when it is not there).
need_data() {
  if [[ $(count lw-risk || echo 0) -lt 100 ]]; then
    say "no demo city in Elasticsearch at $ES: run ./laborwatch demo first"; exit 1
  fi
  say "data: $(count lw-risk) enterprises, $(count lw-alerts) alerts, $(count lw-signals) signals"
}

start_service() {
  local password
  password="bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  LW_API_PORT="$PORT" LW_DEMO_PASSWORD="$password" "$HERE/laborwatch" api >"$WORK/api.log" 2>&1 &
  SERVICE_PID=$!
  for _ in $(seq 1 240); do
    curl -fs "$API/health/readiness" >/dev/null 2>&1 && break
    kill -0 "$SERVICE_PID" 2>/dev/null || { tail -20 "$WORK/api.log" >&2; say "the service did not start"; exit 1; }
    sleep 0.5
  done
  TOKEN=$(curl -fsS -X POST "$API/api/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"analyst\",\"password\":\"$password\"}" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
  export TOKEN
}

# Credit codes of the demo city, to look up at random.
pick_codes() {
  curl -fsS "$ES/lw-risk/_search?size=2000&_source=false&sort=_doc" | grep -o '"_id":"[^"]*"' | cut -d'"' -f4 \
    >"$WORK/codes.txt"
  export CODES="$WORK/codes.txt"
}

# One wrk run: prints "requests/s p50 p99" (milliseconds).
measure() {
  local url=$1 script=$2 rate=$3 connections=$4 pause=0
  [[ $rate -gt 0 ]] && pause=$(( connections * 1000 / rate ))
  local threads=2
  [[ $connections -lt 2 ]] && threads=1
  PAUSE_MS=$pause BENCH_DIR="$BENCH_DIR" wrk -t"$threads" -c"$connections" -d"${DURATION}s" --latency -s "$BENCH_DIR/$script" \
    "$url" >"$WORK/wrk.txt" 2>&1 || { cat "$WORK/wrk.txt" >&2; exit 1; }
  if grep -q "Non-2xx" "$WORK/wrk.txt"; then
    say "$(grep "Non-2xx" "$WORK/wrk.txt") in $script"; cat "$WORK/wrk.txt" >&2; exit 1
  fi
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    END { printf "%.0f %.2f %.2f\n", rps, p50, p99 }' "$WORK/wrk.txt"
}

row() {
  local name=$1 rate=$2 connections=$3 service_script=$4 es_script=$5 service_path=$6
  read -r s_rps s_p50 s_p99 < <(measure "$API$service_path" "$service_script" "$rate" "$connections")
  read -r e_rps e_p50 e_p99 < <(measure "$ES" "$es_script" "$rate" "$connections")
  local offered="${rate}/s"
  [[ $rate -eq 0 ]] && offered="as fast as it goes"
  [[ $rate -eq 0 && $connections -eq 1 ]] && offered="one at a time"
  awk -v n="$name" -v o="$offered, $connections connections" -v sr="$s_rps" -v s5="$s_p50" -v s9="$s_p99" \
    -v er="$e_rps" -v e5="$e_p50" -v e9="$e_p99" \
    'BEGIN { printf "| %s | %s | %s | %s | %s | %s | %s | %s | %.2f | %.2f |\n", n, o, sr, s5, s9, er, e5, e9, s5 / e5, s9 / e9 }'
}

need_wrk
need_data
start_service
pick_codes
# Warm both sides the same way first: the service's JIT compiles for the first minute or so (C2 took a core for
# 40 s of it), and neither side's figures should pay for that or for cold caches.
say "warming up the service and Elasticsearch (60 s) ..."
for script in lookup search; do
  DURATION=15 measure "$API/" "$script.lua" 0 8 >/dev/null
  DURATION=15 measure "$ES" "es-$script.lua" 0 8 >/dev/null
done
say "service at $API (JVM: ./laborwatch api), Elasticsearch at $ES; $DURATION s per figure"
echo
echo "| query | offered | service req/s | service p50 ms | service p99 ms | Elasticsearch req/s | ES p50 ms | ES p99 ms | p50 service/ES | p99 service/ES |"
echo "|---|---|---|---|---|---|---|---|---|---|"
# One connection, one request at a time: the time each answer takes with nothing queued, the service's own overhead.
row "enterprise lookup" 0 1 lookup.lua es-lookup.lua "/"
row "enterprise search" 0 1 search.lua es-search.lua "/"
row "enterprise lookup" "$(( RATE / 4 ))" 20 lookup.lua es-lookup.lua "/"
row "enterprise lookup" "$(( RATE / 2 ))" 30 lookup.lua es-lookup.lua "/"
row "enterprise lookup" "$RATE" 50 lookup.lua es-lookup.lua "/"
row "enterprise search" "$(( RATE / 5 ))" 10 search.lua es-search.lua "/"
row "enterprise lookup" 0 8 lookup.lua es-lookup.lua "/"
row "enterprise search" 0 8 search.lua es-search.lua "/"
echo
say "wrk on loopback shares the 2 cores with the service and Elasticsearch; compare the ratios of one run, not runs"
