#!/usr/bin/env bash
# Benchmark of the data-ingest-service intake (issue 3, point 12): generates a 1M-record MHSDS CSV,
# streams it through POST /api/v1/submissions (CSV, then the same file gzip'd) and loads the same
# rows with PostgreSQL COPY in the same run and database; prints records/s, the ratio to COPY and
# the peak heap. The service runs with -Xmx256m on embedded PostgreSQL (no Kafka: intake only).
#
#   data-ingest-service/bench/ingest-benchmark.sh [records]      (default 1000000)
#
# Results are printed and written to data-ingest-service/target/ingest-benchmark.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
RECORDS="${1:-1000000}"
OFFLINE="${MVN_OFFLINE:--o}"
./mvnw -q $OFFLINE install -pl deploy/infra,service-commons -DskipTests
./mvnw -q $OFFLINE test -pl data-ingest-service -Pbenchmark -Dtest=IngestBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dbench.records="$RECORDS" \
  | sed -n '/==== ingest benchmark ====/,/=====================/p'
echo "(also in data-ingest-service/target/ingest-benchmark.txt)"
