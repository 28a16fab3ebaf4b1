#!/usr/bin/env bash
# Local run in one command: builds (when sources changed), starts the local emulators (Azurite and
# a Cosmos DB server, via Node.js), replays the bundled sample logs and any --replay input through
# the real ingest function, then serves the lookup API at http://localhost:7071/api until Ctrl-C.
# Options: ./run-local.sh --help    Docs: README.md, "Run it locally"
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STAMP="$ROOT/local/target/.run-local-build-stamp"

die() {
  echo "error: $*" >&2
  exit 1
}

command -v java >/dev/null 2>&1 \
  || die "java not found on PATH: install a JDK 17 or newer (e.g. 'apt-get install openjdk-17-jdk') or set PATH"
java_major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1)"
case "$java_major" in
  1.*|[0-9]|1[0-6]) die "Java $java_major found, Java 17 or newer is needed: install a JDK 17+ and put it first on PATH (or set JAVA_HOME and PATH)" ;;
esac

# Up to date when the stamp (written after a successful build) is newer than every source and pom.
needs_build() {
  [[ -f "$STAMP" && -d "$ROOT/local/target/lib" && -d "$ROOT/local/target/classes" ]] || return 0
  local newer
  newer="$(find "$ROOT/pom.xml" "$ROOT/shared" "$ROOT/functions" "$ROOT/local" \
      \( -path '*/target' -prune \) -o \( -type f \( -name pom.xml -o -path '*/src/*' \) -newer "$STAMP" -print \) \
      2>/dev/null | head -n1)"
  [[ -n "$newer" ]]
}

if needs_build; then
  command -v mvn >/dev/null 2>&1 \
    || die "mvn not found on PATH: install Maven 3.8+ (e.g. 'apt-get install maven') to build the project"
  echo "[build] mvn -B -ntp -q install -DskipTests (sources changed since the last build)"
  # (Maven 3.8 prints colour resets even in batch mode: stripped.)
  (cd "$ROOT" && mvn -B -ntp -q install -DskipTests 2>&1) | sed -u 's/\x1b\[[0-9;]*m//g' \
    || die "the build failed (see the Maven output above); fix it, or run 'mvn -B install -DskipTests' for details"
  touch "$STAMP"
else
  echo "[build] up to date (no source or pom changed since the last build)"
fi

# No cd: --replay paths stay relative to the caller's directory; the repo root is passed explicitly.
exec java -Dllmlogs.repoRoot="$ROOT" -cp "$ROOT/local/target/classes:$ROOT/local/target/lib/*" \
  com.llmlogprocessor.local.LocalHost "$@"
