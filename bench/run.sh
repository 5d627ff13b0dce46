#!/usr/bin/env bash
# Benchmarks against the running stack (./kyso up is started if needed); results replace their section in BENCHMARKS.md.
# Usage: bench/run.sh [issuance|signing|saga|startup]
#   issuance: BENCH_COUNT (2000), BENCH_RUNS (3), BENCH_CONCURRENCY (16)
#   startup:  BENCH_RUNS (3), BENCH_IDLE_SECONDS (30) — restarts the stack and each service
#   saga:     BENCH_ACCOUNTS (1000), BENCH_RUNS (1), BENCH_BASELINE_ACCOUNTS (10)
#   signing:  BENCH_RUNS (5), BENCH_SIGNATURES (5000), BENCH_HASHES (20,100), BENCH_CONCURRENCY (4), BENCH_LATENCY_SADS (300)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

# Built on first use and again after a change of its dependencies or sources.
if [[ ! -d bench/target/lib || bench/pom.xml -nt bench/target/lib || -n "$(find bench/src -newer bench/target/lib -print -quit)" ]]; then
  ./mvnw -q -B -pl bench -am package -DskipTests && touch bench/target/lib
fi
started=""
if ! (exec 3<>/dev/tcp/127.0.0.1/8083) 2>/dev/null; then
  ./kyso up
  started=yes
fi
trap '[[ -n "$started" ]] && ./kyso down' EXIT
set -a
# shellcheck disable=SC1091
source .kyso/secrets.env
set +a

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
case "$what" in
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
