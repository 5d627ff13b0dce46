#!/usr/bin/env bash
# Benchmarks against the running stack (./kyso up is started if needed); results replace their section in BENCHMARKS.md.
# Usage: bench/run.sh [jmh|issuance|signing|scaling|sp769|saga|startup|documents]
#   jmh:      in-process baselines (JMH; no stack): BENCH_FORKS (3); SoftHSM2 from the system (.ci/run installs it)
#   issuance: BENCH_COUNT (2000), BENCH_RUNS (3)
#   startup:  BENCH_RUNS (3), BENCH_IDLE_SECONDS (30) — restarts the stack and each service
#   saga:     BENCH_ACCOUNTS (1000), BENCH_RUNS (1), BENCH_BASELINE_ACCOUNTS (10)
#   sp769:    BENCH_RUNS (3), BENCH_FILES (1,10), BENCH_TRANSACTIONS (60), BENCH_CONCURRENCY (4), BENCH_DELEGATES (8)
#   scaling:  signing's settings (BENCH_RUNS 3, BENCH_HASHES 100) with a second signing-service on port 8094
#   documents: BENCH_RUNS (5), BENCH_DOCUMENTS (200), BENCH_CONCURRENCY (4), BENCH_KINDS (pades,xades), BENCH_WARMUP (600, the least), BENCH_WARMUP_MAX (8000)
#   signing:  BENCH_RUNS (5), BENCH_SIGNATURES (5000), BENCH_HASHES (20,100), BENCH_CONCURRENCY (4), BENCH_LATENCY_SADS (300)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
JAVA_HOME="$(.mvn/jdk.sh)" || exit 1
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"

# Built on first use and again after a change of its dependencies or sources.
if [[ ! -d bench/target/lib || bench/pom.xml -nt bench/target/lib || -n "$(find bench/src -newer bench/target/lib -print -quit)" ]]; then
  ./mvnw -q -B -pl bench -am package -DskipTests && touch bench/target/lib
fi
started=""
stack_up() {  # the stack-driven benchmarks start it when it is not running, and stop it again
  if ! (exec 3<>/dev/tcp/127.0.0.1/8083) 2>/dev/null; then
    # One machine drives each service as thousands of clients would: per-source request budgets off (a stack that
    # was already running keeps its own setting).
    KYSO_RATE_LIMITS=false ./kyso up
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

# Writes section NAME of BENCHMARKS.md: a heading, the command and the markdown file the benchmark wrote.
publish() {  # name, title, markdown file
  {
    printf '## %s\n\nCommand: `bench/run.sh %s` (%s)\n\n' "$2" "$1" "$(date -u +%Y-%m-%d)"
    cat "$3"
  } >"bench/target/$1-section.md"
  replace_section "$1" "bench/target/$1-section.md"
}

bench_java() {  # main class, arguments...
  java -Xss512k -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "bench/target/classes:bench/target/lib/*" "$@"
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
    bench_java vn.kyso.bench.jmh.JmhReport bench/target/jmh.json bench/target/jmh.md
    publish jmh "In-process baselines (JMH)" bench/target/jmh.md
    ;;
  documents)
    bench_java vn.kyso.bench.DocumentsBenchmark bench/target/documents.md
    publish documents "Finished documents through CSC signDoc (signing-service)" bench/target/documents.md
    ;;
  issuance)
    bench_java vn.kyso.bench.IssuanceBenchmark bench/target/issuance.md
    publish issuance "Certificate issuance (ca-service)" bench/target/issuance.md
    ;;
  signing)
    bench_java vn.kyso.bench.SigningBenchmark bench/target/signing.md
    publish signing "Pre-authorised signing (signing-service, CSC signHash)" bench/target/signing.md
    ;;
  sp769)
    bench_java vn.kyso.bench.Sp769Benchmark bench/target/sp769.md
    publish sp769 "SmartCA integrator API: SP769 v1 and TH v2 round trips (signing-service)" bench/target/sp769.md
    ;;
  scaling)
    replica_port=8094
    ./kyso replica signing-service "$replica_port"
    trap './kyso stop "signing-service@'"$replica_port"'" || true; [[ -n "$started" ]] && ./kyso down' EXIT
    BENCH_RUNS="${BENCH_RUNS:-3}" BENCH_HASHES="${BENCH_HASHES:-100}" KYSO_SIGNING_REPLICA_URL="http://127.0.0.1:$replica_port" \
      bench_java vn.kyso.bench.SigningBenchmark bench/target/scaling.md --scaling
    publish scaling "Signing with 1 and 2 replicas of signing-service" bench/target/scaling.md
    ;;
  startup)
    bench/startup.sh
    publish startup "Cold start and idle footprint" bench/target/startup.md
    ;;
  saga)
    bench_java vn.kyso.bench.SagaBenchmark bench/target/saga.md
    publish saga "Activation saga under a burst (all services)" bench/target/saga.md
    ;;
  *) echo "unknown benchmark: $what" >&2; exit 2 ;;
esac
