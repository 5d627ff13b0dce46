#!/usr/bin/env bash
# Cold start and idle footprint of each service and of the whole stack, on Java 25 with the trained AOT caches (this
# tree, as ./kyso runs it) against the same commit on Java 17 with AppCDS (the runtime before issue 22), and against a
# bare JVM on each, all measured in the same run. Called by bench/run.sh startup; writes bench/target/startup.md.
#   BENCH_RUNS (3), BENCH_IDLE_SECONDS (30), BENCH_JDK17 (a JDK 17 home; found in /usr/lib/jvm when unset)
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

jdk25=$JAVA_HOME
jdk17=${BENCH_JDK17:-}
if [[ -z "$jdk17" ]]; then
  for d in /usr/lib/jvm/*17*; do [[ -x "$d/bin/javac" ]] && { jdk17=$d; break; }; done
fi
if (( runs > 0 )); then
  [[ -n "$jdk17" && -x "$jdk17/bin/java" ]] || { echo "startup: no JDK 17 for the baseline (set BENCH_JDK17)" >&2; exit 1; }
  # This tree: built, with caches trained on the smoke's flows (./kyso build does both; a cache is trained when
  # ./kyso train left its mark beside it).
  for s in "${services[@]}"; do
    [[ -f "$s/target/quarkus-app/.aot-trained" ]] || { ./kyso build >>bench/target/startup-kyso.log 2>&1; break; }
  done
  # The same commit for Java 17: a worktree of HEAD built with release 17 and the AppCDS archive it used to have.
  old=bench/target/java17
  if [[ ! -f "$old/.built-$(git rev-parse HEAD)" ]]; then
    git worktree remove --force "$old" 2>/dev/null || rm -rf "$old"
    git worktree prune
    git worktree add --detach "$old" HEAD >>bench/target/startup-kyso.log 2>&1
    sed -i 's/^KYSO_JAVA_FEATURE=25/KYSO_JAVA_FEATURE=17/' "$old/.mvn/jdk.sh"
    (cd "$old" && JAVA_HOME=$jdk17 ./mvnw -B -o -q package -DskipTests -Dmaven.compiler.release=17 -Denforcer.skip=true \
      -Dquarkus.package.jar.aot.enabled=false -Dquarkus.package.jar.appcds.enabled=true) >>bench/target/startup-kyso.log 2>&1
    touch "$old/.built-$(git rev-parse HEAD)"
  fi
fi

measure() { # label, tree, JDK home
  local label=$1 tree=$2 jdk=$3 t0 pid total f s started
  local k=(env JAVA_HOME="$jdk" KYSO_HOME="$ROOT/bench/target/startup-state-$label" "$tree/kyso")
  # Baseline: the JVM alone, services' flags, nothing loaded (compiled by that JDK, for that JDK).
  "$jdk/bin/javac" -d "bench/target/idle-$label" bench/src/main/java/vn/kyso/bench/IdleJvm.java
  t0=$(now_ms)
  "$jdk/bin/java" -XX:+UseSerialGC -Xms32m -Xmx160m -Xss512k -XX:TieredStopAtLevel=1 -cp "bench/target/idle-$label" \
    vn.kyso.bench.IdleJvm $((idle + 5)) >bench/target/idle-jvm.out 2>&1 &
  pid=$!
  until grep -q ready bench/target/idle-jvm.out 2>/dev/null; do
    kill -0 $pid 2>/dev/null || { echo "startup: the bare JVM ($jdk) did not start: $(cat bench/target/idle-jvm.out)" >&2; exit 1; }
    sleep 0.01
  done
  printf '%s\tbaseline\tstart_ms\t%s\n' "$label" $(( $(now_ms) - t0 )) >>"$tsv"
  sleep "$idle"  # the idle period being measured
  printf '%s\tbaseline\trss_mb\t%s\n' "$label" "$(rss_mb $pid)" >>"$tsv"
  kill $pid; wait $pid 2>/dev/null || true

  # Whole stack from nothing to every service ready.
  "${k[@]}" down >>bench/target/startup-kyso.log 2>&1
  t0=$(now_ms)
  "${k[@]}" up >>bench/target/startup-kyso.log 2>&1
  printf '%s\tstack\tstart_ms\t%s\n' "$label" $(( $(now_ms) - t0 )) >>"$tsv"
  sleep "$idle"
  total=0
  for f in "bench/target/startup-state-$label"/pids/*.pid; do total=$(( total + $(rss_mb "$(cat "$f")") )); done
  printf '%s\tstack\trss_mb\t%s\n' "$label" "$total" >>"$tsv"

  # Each service alone, the rest of the stack up: Quarkus' own "started in" and the RSS once idle.
  for s in "${services[@]}"; do
    "${k[@]}" stop "$s" >>bench/target/startup-kyso.log 2>&1
    "${k[@]}" up >>bench/target/startup-kyso.log 2>&1
    started=$(grep -o 'started in [0-9.]*s' "bench/target/startup-state-$label/logs/$s.log" | tail -1 | tr -dc '0-9.')
    printf '%s\t%s\tstart_ms\t%s\n' "$label" "$s" "$(awk -v s="$started" 'BEGIN { printf "%d", s * 1000 }')" >>"$tsv"
  done
  sleep "$idle"
  for s in "${services[@]}"; do
    pid=$(cat "bench/target/startup-state-$label/pids/$s.pid")
    printf '%s\t%s\trss_mb\t%s\n' "$label" "$s" "$(rss_mb "$pid")" >>"$tsv"
    printf '%s\t%s\tanon_mb\t%s\n' "$label" "$s" "$(awk '/^RssAnon:/ { printf "%d", $2 / 1024 }' "/proc/$pid/status")" >>"$tsv"
  done
  "${k[@]}" down >>bench/target/startup-kyso.log 2>&1
}

# Alternated run by run, so a drift of the machine's speed falls on both alike.
for run in $(seq 1 "$runs"); do
  measure j25 "$ROOT" "$jdk25"
  measure j17 "$ROOT/bench/target/java17" "$jdk17"
done

cores=$(nproc)
runs=$(grep -c $'^j25\tbaseline\tstart_ms' "$tsv")  # also right when --report re-renders earlier measurements
jdk_of() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.vm.name|java.version =/ {printf "%s ", $2}'; }
{
  printf 'Machine: %s cores; Java 25: %s with the AOT caches `./kyso train` records; Java 17: %s with the AppCDS archive\n' \
    "$cores" "$(jdk_of "$jdk25")" "$(jdk_of "${jdk17:-$jdk25}")"
  printf 'of the same commit built for release 17. %s runs of each, alternated; idle = %s s after ready, no traffic. Services\n' "$runs" "$idle"
  printf 'start one at a time with Kafka, PostgreSQL and the other services up (as in a rolling restart); "whole stack" is\n'
  printf '`./kyso up` from a built tree (the launcher, Kafka, PostgreSQL, GreenMail and six services starting together on\n'
  printf 'these cores). Bare JVM: the services'"'"' flags, prints one line and idles.\n\n'
  printf '| measure | Java 17 + AppCDS (median) | Java 25 + AOT cache: min | median | max | ratio 25 / 17 (medians) | ratio to the bare JVM 25 |\n'
  printf '|---|---|---|---|---|---|---|\n'
  awk -F'\t' '
    { v[$1 "\t" $2 "\t" $3] = v[$1 "\t" $2 "\t" $3] " " $4 }
    function stats(key,   a, n, i, j, t) {
      n = split(substr(v[key], 2), a, " ")
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
      lo = a[1]; hi = a[n]; med = (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    function row(name, key, base,   old) {
      stats("j17\t" key); old = med
      stats("j25\t" key)
      printf "| %s | %s | %s | %s | %s | %s | %s |\n", name, old, lo, med, hi, (old > 0 ? sprintf("%.2f", med / old) : "–"),
        (base > 0 ? sprintf("%.1f", med / base) : "–")
    }
    END {
      stats("j25\tbaseline\tstart_ms"); bs = med
      stats("j25\tbaseline\trss_mb"); br = med
      row("bare JVM start, ms", "baseline\tstart_ms", 0)
      row("bare JVM idle RSS, MB", "baseline\trss_mb", 0)
      n = split("account-service activation-service ca-service signing-service notification-service portal", s, " ")
      for (i = 1; i <= n; i++) row(s[i] ": start (Quarkus \"started in\"), ms", s[i] "\tstart_ms", bs)
      for (i = 1; i <= n; i++) row(s[i] ": idle RSS, MB", s[i] "\trss_mb", br)
      for (i = 1; i <= n; i++) row(s[i] ": idle private (anonymous) RSS, MB", s[i] "\tanon_mb", 0)
      row("whole stack: ./kyso up to all ready, ms", "stack\tstart_ms", bs)
      row("whole stack: idle RSS of all its processes, MB", "stack\trss_mb", br)
    }' "$tsv"
} >bench/target/startup.md
cat bench/target/startup.md
