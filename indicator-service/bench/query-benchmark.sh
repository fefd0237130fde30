#!/usr/bin/env bash
# Query latency of the indicator API under load (issue 4, point 10): wrk (Debian package) paced to
# about RATE requests a second over a mix of public data, trend and funnel requests, against a
# running stack with demo data (deploy/local/up). Prints wrk's latency distribution; asserts nothing.
#
#   deploy/local/up            # once
#   indicator-service/bench/query-benchmark.sh [rate] [seconds] [connections]   (defaults 500 30 50)
#
# wrk has no rate option; a Lua delay() paces each connection to connections/rate seconds between
# its requests, so the achieved rate (printed as Requests/sec) is at or a little under the target.
set -euo pipefail
RATE="${1:-500}"
SECONDS_="${2:-30}"
CONNECTIONS="${3:-50}"
BASE="${INDICATOR_URL:-http://localhost:8082}"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
curl -sf "$BASE/q/health/ready" >/dev/null || { echo "no indicator service at $BASE (run deploy/local/up)" >&2; exit 1; }
LATEST=$(curl -s "$BASE/api/v1/indicators/mha-detention-rate/data" | sed 's/.*"period":"\([^"]*\)".*/\1/')
SCRIPT=$(mktemp --suffix=.lua)
trap 'rm -f "$SCRIPT"' EXIT
cat > "$SCRIPT" <<LUA
local paths = {
  "/api/v1/indicators/mha-detention-rate/data?breakdown=broad-ethnicity",
  "/api/v1/indicators/mha-detention-rate/data?area=Y56&breakdown=ethnicity&period=$LATEST",
  "/api/v1/indicators/mha-detention-rate/data?area=QMJ&breakdown=broad-ethnicity&benchmark=parent",
  "/api/v1/indicators/mha-detention-rate-dsr/data?area=Y58&breakdown=broad-ethnicity",
  "/api/v1/indicators/mh-contact-rate/data?area=QKK&breakdown=imd-quintile",
  "/api/v1/indicators/cto-rate/data?area=ENGLAND&breakdown=age-band",
  "/api/v1/indicators/mha-detention-rate/trend?area=ENGLAND&breakdown=broad-ethnicity&group=Black",
  "/api/v1/indicators/mha-detention-rate/funnel?areaType=ICB",
  "/api/v1/indicators",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
function delay()
  return 1000 * $CONNECTIONS / $RATE
end
LUA
echo "==== indicator query benchmark: ~$RATE req/s, $CONNECTIONS connections, ${SECONDS_}s, latest month $LATEST ===="
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_}s" --latency -s "$SCRIPT" "$BASE"
