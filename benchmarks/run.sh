#!/usr/bin/env bash
# Runs the whole benchmark harness and writes BENCHMARKS.md at the repo root.
#   ./benchmarks/run.sh            full run (~15 min on 2 cores)
#   ./benchmarks/run.sh --quick    shorter JMH iterations
#   ./benchmarks/run.sh --skip e2e,memory   (any of jmh,store,memory,e2e)
# Builds benchmarks/target/benchmarks.jar first when it is missing or older than any source.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=benchmarks/target/benchmarks.jar
if [[ ! -f "$JAR" ]] || [[ -n "$(find pom.xml shared functions local benchmarks -newer "$JAR" \
      \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -not -path '*/target/*' -print -quit)" ]]; then
  echo "building $JAR ..."
  # package (not install) with -am: the reactor uses this checkout's modules, not whatever is in ~/.m2
  mvn -B -ntp -q package -DskipTests -pl benchmarks -am
fi
exec java -Xmx2g -jar "$JAR" --command "./benchmarks/run.sh${*:+ $*}" --out BENCHMARKS.md "$@"
