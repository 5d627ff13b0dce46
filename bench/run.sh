#!/usr/bin/env bash
# Benchmarks against the running stack (./kyso up is started if needed); results replace their section in BENCHMARKS.md.
# Usage: bench/run.sh [jmh|issuance|signing|scaling|sp769|saga|startup]
#   jmh:      in-process baselines (JMH; no stack): BENCH_FORKS (3); SoftHSM2 from the system (.ci/run installs it)
#   issuance: BENCH_COUNT (2000), BENCH_RUNS (3), BENCH_CONCURRENCY (16)
#   startup:  BENCH_RUNS (3), BENCH_IDLE_SECONDS (30) — restarts the stack and each service
#   saga:     BENCH_ACCOUNTS (1000), BENCH_RUNS (1), BENCH_BASELINE_ACCOUNTS (10)
#   sp769:    BENCH_RUNS (3), BENCH_FILES (1,10), BENCH_TRANSACTIONS (60), BENCH_CONCURRENCY (4), BENCH_DELEGATES (8)
#   scaling:  signing's settings (BENCH_RUNS 3, BENCH_HASHES 100) with a second signing-service on port 8094
#   signing:  BENCH_RUNS (5), BENCH_SIGNATURES (5000), BENCH_HASHES (20,100), BENCH_CONCURRENCY (4), BENCH_LATENCY_SADS (300)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

# Built on first use and again after a change of its dependencies or sources.
if [[ ! -d bench/target/lib || bench/pom.xml -nt bench/target/lib || -n "$(find bench/src -newer bench/target/lib -print -quit)" ]]; then
  ./mvnw -q -B -pl bench -am package -DskipTests && touch bench/target/lib
fi
started=""
stack_up() {  # the stack-driven benchmarks start it when it is not running, and stop it again
  if ! (exec 3<>/dev/tcp/127.0.0.1/8083) 2>/dev/null; then
    ./kyso up
    started=yes
  fi
  set -a
  # shellcheck disable=SC1091
  source .kyso/secrets.env
  set +a
}
trap '[[ -n "$started" ]] && ./kyso down' EXIT

replace_section() {  # name, file with the section body
  local name=$1 body=$2 begin="<!-- bench:$1 -->" end="<!-- /bench:$1 -->"
  [[ -f BENCHMARKS.md ]] || printf '# Kyso benchmarks\n' >BENCHMARKS.md
  if ! grep -q "$begin" BENCHMARKS.md; then
    printf '\n%s\n%s\n' "$begin" "$end" >>BENCHMARKS.md
  fi
  awk -v b="$begin" -v e="$end" -v f="$body" '
    BEGIN { while ((getline line < f) > 0) text = text line "\n" }
    $0 == b { print; printf "%s", text; skip = 1; next }
    $0 == e { skip = 0 }
    !skip { print }' BENCHMARKS.md >BENCHMARKS.md.tmp && mv BENCHMARKS.md.tmp BENCHMARKS.md
}

what="${1:-issuance}"
[[ "$what" == jmh || "$what" == startup ]] || stack_up
case "$what" in
  jmh)
    # A private SoftHSM2 token for the PKCS#11 cases.
    export SOFTHSM2_CONF="$ROOT/bench/target/softhsm2/softhsm2.conf"
    rm -rf bench/target/softhsm2 && mkdir -p bench/target/softhsm2/tokens
    printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n' \
      "$ROOT/bench/target/softhsm2/tokens" >"$SOFTHSM2_CONF"
    pin="$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    slot="$(softhsm2-util --init-token --free --label kyso-bench --pin "$pin" --so-pin "so$pin" \
      | sed -n 's/.*reassigned to slot \([0-9]*\).*/\1/p')"
    java -Dkyso.bench.p11.slot="$slot" -Dkyso.bench.p11.pin="$pin" -cp "bench/target/classes:bench/target/lib/*" \
      org.openjdk.jmh.Main -f "${BENCH_FORKS:-3}" -rf json -rff bench/target/jmh.json 'vn.kyso.bench.jmh.*Baseline' \
      | tee bench/target/jmh.log | grep -E '^(# Benchmark:|# Parameters|Benchmark|[A-Z][A-Za-z]+Baseline\.)' || true
    java -cp "bench/target/classes:bench/target/lib/*" vn.kyso.bench.jmh.JmhReport bench/target/jmh.json bench/target/jmh.md
    {
      printf '## In-process baselines (JMH)\n\nCommand: `bench/run.sh jmh` (%s)\n\n' "$(date -u +%Y-%m-%d)"
      cat bench/target/jmh.md
    } >bench/target/jmh-section.md
    replace_section jmh bench/target/jmh-section.md
    ;;
  issuance)
    java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "bench/target/classes:bench/target/lib/*" vn.kyso.bench.IssuanceBenchmark bench/target/issuance.md
    {
      printf '## Certificate issuance (ca-service)\n\nCommand: `bench/run.sh issuance` (%s)\n\n' "$(date -u +%Y-%m-%d)"
      cat bench/target/issuance.md
    } >bench/target/issuance-section.md
    replace_section issuance bench/target/issuance-section.md
    ;;
  signing)
    java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "bench/target/classes:bench/target/lib/*" vn.kyso.bench.SigningBenchmark bench/target/signing.md
    {
      printf '## Pre-authorised signing (signing-service, CSC signHash)\n\nCommand: `bench/run.sh signing` (%s)\n\n' "$(date -u +%Y-%m-%d)"
      cat bench/target/signing.md
    } >bench/target/signing-section.md
    replace_section signing bench/target/signing-section.md
    ;;
  sp769)
    java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "bench/target/classes:bench/target/lib/*" vn.kyso.bench.Sp769Benchmark bench/target/sp769.md
    {
      printf '## SmartCA integrator API: SP769 v1 and TH v2 round trips (signing-service)\n\nCommand: `bench/run.sh sp769` (%s)\n\n' "$(date -u +%Y-%m-%d)"
      cat bench/target/sp769.md
    } >bench/target/sp769-section.md
    replace_section sp769 bench/target/sp769-section.md
    ;;
  scaling)
    replica_port=8094
    ./kyso replica signing-service "$replica_port"
    trap './kyso stop "signing-service@'"$replica_port"'" || true; [[ -n "$started" ]] && ./kyso down' EXIT
    BENCH_RUNS="${BENCH_RUNS:-3}" BENCH_HASHES="${BENCH_HASHES:-100}" KYSO_SIGNING_REPLICA_URL="http://127.0.0.1:$replica_port" \
      java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "bench/target/classes:bench/target/lib/*" vn.kyso.bench.SigningBenchmark bench/target/scaling.md --scaling
    {
      printf '## Signing with 1 and 2 replicas of signing-service\n\nCommand: `bench/run.sh scaling` (%s)\n\n' "$(date -u +%Y-%m-%d)"
      cat bench/target/scaling.md
    } >bench/target/scaling-section.md
    replace_section scaling bench/target/scaling-section.md
    ;;
  startup)
    bench/startup.sh
    {
      printf '## Cold start and idle footprint\n\nCommand: `bench/run.sh startup` (%s)\n\n' "$(date -u +%Y-%m-%d)"
      cat bench/target/startup.md
    } >bench/target/startup-section.md
    replace_section startup bench/target/startup-section.md
    ;;
  saga)
    java -Xss512k -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "bench/target/classes:bench/target/lib/*" vn.kyso.bench.SagaBenchmark bench/target/saga.md
    {
      printf '## Activation saga under a burst (all services)\n\nCommand: `bench/run.sh saga` (%s)\n\n' "$(date -u +%Y-%m-%d)"
      cat bench/target/saga.md
    } >bench/target/saga-section.md
    replace_section saga bench/target/saga-section.md
    ;;
  *) echo "unknown benchmark: $what" >&2; exit 2 ;;
esac
