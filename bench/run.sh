#!/usr/bin/env bash
# The benchmark (bench/README.md): bash bench/run.sh [N ...]   (default: 1000 5000)
# For each N: starts moto server on a free 127.0.0.1 port, seeds N users (~1% with certificates;
# seeding is not measured), then runs the rule's periodic evaluation through the real handler and
# the per-user baseline (every user's certificates listed) alternately (RUNS times, default 3), prints wall time, API calls per
# operation, CPU, peak heap, medians and ratios, the shaded jar's size and JVM start to first verdict
# for one change-triggered user. It prints figures; it never fails on them.
# Latency mode: LATENCY_MS=60 bash bench/run.sh 5000 puts the tests' proxy in front of moto, adding
# that delay to every AWS call, and compares the sequential listing with pools of THREADS
# (default "1,8": 1 is sequential) on a fresh-report and a reused-report run.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 5000)
runs=${RUNS:-3}

[ -x .venv/bin/moto_server ] || bash scripts/setup-python.sh
jar=rule-lambda/target/rule-lambda.jar
fixtures=rule-lambda/target/rule-lambda-0.1.0-SNAPSHOT-tests.jar
bench_jar=bench/target/bench-0.1.0-SNAPSHOT.jar
# The bench module (profile "bench") with the rule's shaded jar and test fixtures it runs on.
./mvnw -B -ntp -q -Pbench -pl bench -am package -DskipTests
classpath="$jar:$fixtures:$bench_jar"

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -h | awk '/^Mem:/{print $2}') RAM; $(java -version 2>&1 | head -1)"
echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with local changes)')"

moto_pid=
stop_moto() { if [ -n "$moto_pid" ]; then kill "$moto_pid" 2>/dev/null || true; wait "$moto_pid" 2>/dev/null || true; moto_pid=; fi; }
trap stop_moto EXIT

for n in "${sizes[@]}"; do
  port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  endpoint="http://127.0.0.1:$port"
  log=$(mktemp -t moto-bench.XXXXXX.log)
  .venv/bin/moto_server -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
  moto_pid=$!
  for _ in $(seq 1 300); do
    curl -sf -o /dev/null "$endpoint/moto-api/" && break
    kill -0 "$moto_pid" 2>/dev/null || { echo "moto_server exited; its log: $log" >&2; cat "$log" >&2; exit 1; }
    sleep 0.2
  done
  echo
  echo "seeding $n users into moto at $endpoint (not measured) ..."
  seed_start=$(date +%s)
  read -r k cold_user < <(.venv/bin/python bench/seed.py "$endpoint" "$n")
  echo "seeded in $(( $(date +%s) - seed_start )) s: k=$k users with an active certificate"
  if [ -n "${LATENCY_MS:-}" ]; then
    java -cp "$classpath" io.github.stalecerts.bench.LatencyBench "$endpoint" "$n" "$k" "$LATENCY_MS" "${THREADS:-1,8}"
  else
    java -cp "$classpath" io.github.stalecerts.bench.Bench "$endpoint" "$n" "$k" "$runs" "$cold_user" "$jar"
  fi
  stop_moto
  rm -f "$log"
done
