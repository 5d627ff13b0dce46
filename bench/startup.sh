#!/usr/bin/env bash
# Cold start and idle footprint of each service and of the whole stack, against a bare JVM with the services' flags
# measured in the same run. Called by bench/run.sh startup; writes bench/target/startup.md.
#   BENCH_RUNS (3), BENCH_IDLE_SECONDS (30)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
runs=${BENCH_RUNS:-3}
idle=${BENCH_IDLE_SECONDS:-30}
services=(account-service activation-service ca-service signing-service notification-service portal)
tsv=bench/target/startup.tsv
# --report renders the last measurements again without measuring.
[[ "${1:-}" == --report ]] && runs=0 || : >"$tsv"
: >bench/target/startup-kyso.log
trap 'echo "startup benchmark failed at line $LINENO; ./kyso output in bench/target/startup-kyso.log" >&2' ERR
now_ms() { date +%s%3N; }
rss_mb() { echo $(( $(ps -o rss= -p "$1" | tr -d ' ') / 1024 )); }

for run in $(seq 1 "$runs"); do
  # Baseline: the JVM alone, services' flags, nothing loaded.
  t0=$(now_ms)
  java -XX:+UseSerialGC -Xms32m -Xmx160m -Xss512k -XX:TieredStopAtLevel=1 -cp bench/target/classes \
    vn.kyso.bench.IdleJvm $((idle + 5)) >bench/target/idle-jvm.out &
  pid=$!
  until grep -q ready bench/target/idle-jvm.out 2>/dev/null; do sleep 0.01; done
  printf 'baseline\tstart_ms\t%s\n' $(( $(now_ms) - t0 )) >>"$tsv"
  sleep "$idle"  # the idle period being measured
  printf 'baseline\trss_mb\t%s\n' "$(rss_mb $pid)" >>"$tsv"
  kill $pid; wait $pid 2>/dev/null || true

  # Whole stack from nothing to every service ready.
  ./kyso down >>bench/target/startup-kyso.log 2>&1
  t0=$(now_ms)
  ./kyso up >>bench/target/startup-kyso.log 2>&1
  printf 'stack\tstart_ms\t%s\n' $(( $(now_ms) - t0 )) >>"$tsv"
  sleep "$idle"
  total=0
  for f in .kyso/pids/*.pid; do total=$(( total + $(rss_mb "$(cat "$f")") )); done
  printf 'stack\trss_mb\t%s\n' "$total" >>"$tsv"

  # Each service alone, the rest of the stack up: Quarkus' own "started in" and the RSS once idle.
  for s in "${services[@]}"; do
    ./kyso stop "$s" >>bench/target/startup-kyso.log 2>&1
    ./kyso up >>bench/target/startup-kyso.log 2>&1
    started=$(grep -o 'started in [0-9.]*s' ".kyso/logs/$s.log" | tail -1 | tr -dc '0-9.')
    printf '%s\tstart_ms\t%s\n' "$s" "$(awk -v s="$started" 'BEGIN { printf "%d", s * 1000 }')" >>"$tsv"
  done
  sleep "$idle"
  for s in "${services[@]}"; do
    printf '%s\trss_mb\t%s\n' "$s" "$(rss_mb "$(cat ".kyso/pids/$s.pid")")" >>"$tsv"
  done
done

cores=$(nproc)
runs=$(grep -c $'^baseline\tstart_ms' "$tsv")  # also right when --report re-renders earlier measurements
jdk=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.vm.name|java.version =/ {printf "%s ", $2}')
{
  printf 'Machine: %s cores, %s; %s runs; idle = %s s after ready, no traffic. Services start one at a time with Kafka,\n' \
    "$cores" "$jdk" "$runs" "$idle"
  printf 'PostgreSQL and the other services up (as in a rolling restart); "whole stack" is `./kyso up` from nothing (the\n'
  printf 'launcher, Kafka, PostgreSQL, GreenMail and six services starting together on these cores). Baseline: a bare JVM\n'
  printf 'with the services'"'"' flags that prints one line and idles.\n\n'
  printf '| measure | min | median | max | ratio to baseline (median) |\n|---|---|---|---|---|\n'
  awk -F'\t' '
    { v[$1 "\t" $2] = v[$1 "\t" $2] " " $3 }
    function stats(key,   a, n, i, j, t) {
      n = split(substr(v[key], 2), a, " ")
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
      lo = a[1]; hi = a[n]; med = (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    function row(name, key, base) {
      stats(key)
      printf "| %s | %s | %s | %s | %s |\n", name, lo, med, hi, (base > 0 ? sprintf("%.1f", med / base) : "–")
    }
    END {
      stats("baseline\tstart_ms"); bs = med
      stats("baseline\trss_mb"); br = med
      row("baseline: bare JVM start, ms", "baseline\tstart_ms", 0)
      row("baseline: bare JVM idle RSS, MB", "baseline\trss_mb", 0)
      n = split("account-service activation-service ca-service signing-service notification-service portal", s, " ")
      for (i = 1; i <= n; i++) row(s[i] ": start (Quarkus \"started in\"), ms", s[i] "\tstart_ms", bs)
      for (i = 1; i <= n; i++) row(s[i] ": idle RSS, MB", s[i] "\trss_mb", br)
      row("whole stack: ./kyso up to all ready, ms", "stack\tstart_ms", bs)
      row("whole stack: idle RSS of all its processes, MB", "stack\trss_mb", br)
    }' "$tsv"
} >bench/target/startup.md
cat bench/target/startup.md
