#!/usr/bin/env bash
# Search latency with a generated library: embedded PostgreSQL, the service's migrations and its
# PostgreSQL search, as a reader. Usage (from anywhere, after the module is built):
#   practice-library-service/bench/search-benchmark.sh [case studies, default 100000] [runs per query, default 50]
set -euo pipefail
MODULE="$(cd "$(dirname "$0")/.." && pwd)"
ROOT="$(cd "$MODULE/.." && pwd)"
cd "$ROOT"
./mvnw -q -o test-compile -pl practice-library-service
CP_FILE="$MODULE/target/bench-classpath.txt"
./mvnw -q -o dependency:build-classpath -pl practice-library-service -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" > /dev/null
exec java -Xmx1g -cp "$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$CP_FILE")" \
  uk.nhs.mhe.library.bench.SearchBenchmark "$@"
