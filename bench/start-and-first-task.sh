#!/usr/bin/env bash
# Benchmark (issue 2): `npm start` to a healthy /api/health, then 差评 posted with curl until each shows in the
# responsible unit's task list (王芳, 市市场监管局), then Ctrl-C until every process has stopped. Run it in a
# fresh clone after `npm ci` for the cold start (engine build, embedded PostgreSQL's first start, demo data,
# UI builds), and again for a warm start. It uses its own ports so that it can run beside a development system.
# Goal: a 差评 in the unit's list within 2 s. Run: bash bench/start-and-first-task.sh   (BENCH_RATINGS, default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${BENCH_PORT:-3900}
RATINGS=${BENCH_RATINGS:-10}
BASE=localhost:$PORT
LOG=$(mktemp)
COOKIES=$(mktemp)
now() { date +%s%N; }
ms_since() { echo $(( ($(now) - $1) / 1000000 )); }

started=$(now)
setsid env PORT="$PORT" ENGINE_PORT="${BENCH_ENGINE_PORT:-18980}" EMBEDDED_PG_PORT="${BENCH_PG_PORT:-15933}" \
  HOTLINE_SIM_PORT="${BENCH_HOTLINE_PORT:-3912}" npm start >"$LOG" 2>&1 </dev/null &
group=$!
stop_all() { kill -INT -- "-$group" 2>/dev/null || true; }
trap stop_all EXIT
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/health")" = 200 ]; do
  kill -0 "$group" 2>/dev/null || { cat "$LOG"; echo "npm start died"; exit 1; }
  sleep 0.25
done
healthy_ms=$(ms_since "$started")
echo "healthy after $healthy_ms ms ($(grep -o 'ready in [0-9.]* s' "$LOG"))"

curl -s -c "$COOKIES" -XPOST "$BASE/api/auth/login" -H 'content-type: application/json' \
  -d '{"userId":"wang.fang","password":"hcp-demo-2026"}' >/dev/null
latencies=()
for i in $(seq 1 "$RATINGS"); do
  record="SR-BENCH-$(now)"
  # The registration answers the 办件's 评价码, which its receipt prints; the rater's rating carries it.
  code=$(curl -s -XPOST "$BASE/api/service-records" -H 'content-type: application/json' \
    -H 'x-partner-key: hcp-dev-partner-key-xa-online-hall' -d "{\"id\":\"$record\",
    \"itemCode\":\"XA-SC-0001\",\"handlingDepartmentId\":\"xa-market\",\"channel\":\"window\",
    \"acceptedAt\":\"2026-11-20T09:00:00+08:00\"}" | sed -E 's/.*"ratingCode":"([0-9]+)".*/\1/')
  posted=$(now)
  case_id=$(curl -s -XPOST "$BASE/api/evaluations" -H 'content-type: application/json' -d "{\"serviceRecordId\":\"$record\",
    \"ratingCode\":\"$code\",\"channel\":\"qr-code\",\"level\":\"very-dissatisfied\",\"tags\":[\"态度生硬\"],\"text\":\"答复不耐烦\",
    \"realName\":true,\"rater\":{\"name\":\"张三\",\"phone\":\"13812345678\"}}" | sed -E 's/.*"caseId":"([^"]+)".*/\1/')
  until curl -s -b "$COOKIES" "$BASE/api/tasks?pageSize=100" | grep -q "$case_id"; do sleep 0.05; done
  latencies+=("$(ms_since "$posted")")
  echo "差评 $i: in the unit's list after ${latencies[-1]} ms"
done

trap - EXIT
stopping=$(now)
stop_all
while pgrep -g "$group" >/dev/null; do sleep 0.1; done
stop_ms=$(ms_since "$stopping")
sorted=$(printf '%s\n' "${latencies[@]}" | sort -n)
median=$(echo "$sorted" | sed -n "$(( (RATINGS + 1) / 2 ))p")
rm -f "$LOG" "$COOKIES"
echo "start: healthy in $healthy_ms ms; 差评 → task list: first ${latencies[0]} ms, median $median ms, max $(echo "$sorted" | tail -1) ms; Ctrl-C: stopped in $stop_ms ms"
