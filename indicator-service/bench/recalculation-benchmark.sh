#!/usr/bin/env bash
# Freshness and incremental-recalculation benchmark of the indicator service (issue 4, point 10):
# a year of MHSDS history, a national month from every open trust, 10k-record resubmissions, and
# incremental recalculation against recomputing everything, all in one process on embedded
# PostgreSQL. Prints figures; asserts nothing about time.
#
#   indicator-service/bench/recalculation-benchmark.sh [national-records] [history-records-a-month] [months]
#       defaults: 2000000 250000 12
#
# Results are printed and written to indicator-service/target/recalculation-benchmark.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
NATIONAL="${1:-2000000}"
HISTORY="${2:-250000}"
MONTHS="${3:-12}"
OFFLINE="${MVN_OFFLINE:--o}"
./mvnw -q $OFFLINE install -pl reference-data,service-commons,deploy/infra -DskipTests
./mvnw -q $OFFLINE test -pl indicator-service -Pbenchmark -Dtest=RecalculationBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dbench.national="$NATIONAL" -Dbench.history="$HISTORY" \
  -Dbench.months="$MONTHS" | sed -n '/==== recalculation benchmark ====/,/=====================/p'
echo "(also in indicator-service/target/recalculation-benchmark.txt)"
