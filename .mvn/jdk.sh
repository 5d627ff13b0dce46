#!/usr/bin/env bash
# Prints the home of the JDK Kyso builds and runs on; ./mvnw, ./kyso, .ci/run and bench/run.sh all ask here and put it
# first on PATH. Kyso needs Java 25 (the LTS whose AOT cache its services start from). Taken in this order: JAVA_HOME,
# the java on PATH, then the usual install folders (Debian's and Temurin's /usr/lib/jvm, /opt, SDKMAN), so a machine
# whose default java is older still works when a JDK 25 sits beside it. Without one: one line on stderr, exit 1.
set -uo pipefail
KYSO_JAVA_FEATURE=25

kyso_jdk_feature() { # JDK home -> its feature release (17, 25, ...), read from its release file without starting it
  local line
  [[ -x "$1/bin/java" && -x "$1/bin/javac" && -f "$1/release" ]] || return 1
  line=$(grep -m1 '^JAVA_VERSION=' "$1/release") || return 1
  line=${line#JAVA_VERSION=\"}
  line=${line%%[.\"]*}
  [[ "$line" =~ ^[0-9]+$ ]] && printf '%s' "$line"
}

kyso_find_jdk() {
  local candidate feature path_java found=""
  local candidates=()
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  if path_java=$(command -v java 2>/dev/null); then
    path_java=$(readlink -f "$path_java")
    candidates+=("${path_java%/bin/java}")
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [[ -d "$candidate" ]] && candidates+=("$candidate")
  done
  for candidate in "${candidates[@]}"; do
    feature=$(kyso_jdk_feature "$candidate") || continue
    if (( feature >= KYSO_JAVA_FEATURE )); then
      found=$candidate
      break
    fi
  done
  if [[ -z "$found" ]]; then
    printf 'Kyso needs a JDK %s or newer (java found: %s). Install one (for example Temurin %s from https://adoptium.net) or point JAVA_HOME at it.\n' \
      "$KYSO_JAVA_FEATURE" "$( { command -v java >/dev/null && java -version 2>&1 | sed -n 1p; } || echo none)" "$KYSO_JAVA_FEATURE" >&2
    return 1
  fi
  printf '%s\n' "$found"
}

kyso_find_jdk
