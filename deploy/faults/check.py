#!/usr/bin/env python3
"""Checks of the fault suite (deploy/faults/run) against the running local stack.

  check.py counted  LEDGER INGEST TOKEN     every accepted submission COUNTED (exit 1 if not yet)
  check.py totals   LEDGER INDICATOR TOKEN  England's monthly detentions = the ledger's own sum
  check.py snapshot LEDGER INDICATOR TOKEN  every value of the ledger's months, as sorted JSON

The ledger is what ingest accepted (201): submission id, provider, period, detentions.
"""
import json
import sys
import urllib.error
import urllib.request


def get(url, token):
    request = urllib.request.Request(url, headers={"Authorization": "Bearer " + token, "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as e:
        return e.code, None


def ledger(path):
    with open(path) as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def counted(rows, ingest, token):
    states = {}
    failed = []
    for sid, provider, period, _ in rows:
        status, body = get(f"{ingest}/api/v1/submissions/{sid}", token)
        state = body["status"] if body else f"HTTP {status}"
        states[state] = states.get(state, 0) + 1
        if state == "FAILED":
            failed.append((sid, provider, period, body.get("reason")))
    print(json.dumps(states, sort_keys=True))
    for f in failed:
        print("FAILED", *f)
    return 0 if states.get("COUNTED", 0) == len(rows) else 1


def totals(rows, indicator, token):
    expected = {}
    for _, _, period, detentions in rows:
        expected[period] = expected.get(period, 0) + int(detentions)
    lost = twice = 0
    for period in sorted(expected):
        status, body = get(f"{indicator}/api/v1/indicators/mha-detention-rate/data?area=ENGLAND&period={period}"
                           f"&breakdown=none", token)
        if body is None or body.get("view") != "exact":
            print(f"{period}: HTTP {status}, view {body and body.get('view')}: cannot compare")
            return 1
        served = int(body["rows"][0]["numerator"] or 0)
        lost += max(0, expected[period] - served)
        twice += max(0, served - expected[period])
        if served != expected[period]:
            print(f"{period}: served {served}, accepted {expected[period]}")
    print(f"England's monthly detentions: {len(expected)} months, {sum(expected.values())} detentions accepted; "
          f"lost {lost}, counted twice {twice}")
    return 0 if lost == 0 and twice == 0 else 1


def snapshot(rows, indicator, token):
    periods = sorted({period for _, _, period, _ in rows})
    values = []
    for period in periods:
        for area in ("ENGLAND", "Y56", "Y60", "QMJ", "RV5", "RXT"):
            for breakdown in ("none", "broad-ethnicity", "age-band"):
                status, body = get(f"{indicator}/api/v1/indicators/mha-detention-rate/data?area={area}"
                                   f"&period={period}&breakdown={breakdown}", token)
                if body is None:
                    values.append({"period": period, "area": area, "breakdown": breakdown, "status": status})
                    continue
                for row in body.get("rows", []):
                    kept = {k: v for k, v in row.items() if not k.endswith("At")}
                    values.append({"period": period, "area": area, "breakdown": breakdown, **kept})
    print(json.dumps(values, sort_keys=True, indent=0))
    return 0


if __name__ == "__main__":
    command, path, base, token = sys.argv[1:5]
    sys.exit({"counted": counted, "totals": totals, "snapshot": snapshot}[command](ledger(path), base, token))
