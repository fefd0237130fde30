#!/usr/bin/env python3
"""The hostile-input corpus of the fault suite, end to end against the running local stack.

  hostile-corpus.py INGEST_URL TOKEN

Sends each case to POST /api/v1/submissions. Each must be refused with a 4xx problem+json, or
accepted (201) and then COUNTED by the indicator service. Prints the figures; exit 1 if any case
did otherwise (a 5xx, a 4xx that is not problem+json, an accepted submission never counted).
"""
import gzip
import json
import sys
import time
import urllib.error
import urllib.request

INGEST, TOKEN = sys.argv[1], sys.argv[2]
HEADER = "personId,ethnicCategory,gender,ageYears,residenceIcb,imdDecile,inContact,detentions,ctos,restrictiveInterventions"
VALID = {"personId": "P1", "ethnicCategory": "A", "gender": "1", "ageYears": 34, "residenceIcb": "QMJ", "imdDecile": 3,
         "inContact": "Y", "detentions": 1, "ctos": 0, "restrictiveInterventions": 0}
HOSTILE = [("NUL", '"a\\u0000b"'), ("SOH", '"a\\u0001b"'), ("ANSI escape", '"\\u001b[31mred"'), ("DEL", '"a\\u007fb"'),
           ("line break", '"a\\nb"'), ("U+FFFE", '"a\\ufffeb"'), ("lone surrogate", '"a\\udc00b"'),
           ("100,000 characters", '"' + "x" * 100_000 + '"'), ("blank", '"  "'), ("-1", "-1"), ("2^31", "2147483648"),
           ("3e9", "3000000000"), ("1e400", "1e400"), ("1.5", "1.5"), ("true", "true"), ("[]", "[]"),
           ("object", '{"a":1}'), ("nested 200 deep", "[" * 200 + "]" * 200), ("null", "null"), ("empty", '""')]


def envelope(period, records_json):
    return ('{"dataset":"MHSDS","provider":"RV5","period":"%s","records":%s}' % (period, records_json)).encode()


def cases():
    n = 0
    for field in VALID:
        for label, value in HOSTILE:
            n += 1
            record = json.dumps(VALID).replace(json.dumps(field) + ": " + json.dumps(VALID[field]),
                                               json.dumps(field) + ": " + value)
            yield f"{field} = {label}", "application/json", None, "", envelope(f"2018-{n % 12 + 1:02d}", "[" + record + "]")
    q = "?dataset=MHSDS&provider=RV5&period=2018-06"
    row = "P1,A,1,34,QMJ,3,Y,1,0,0"
    yield "csv with BOM and CRLF", "text/csv", None, q, ("\ufeff" + HEADER + "\r\n" + row + "\r\n").encode()
    yield "csv NUL in a code", "text/csv", None, q, (HEADER + "\nP1,A\u0000,1,34,QMJ,3,Y,1,0,0\n").encode()
    yield "csv invalid UTF-8", "text/csv", None, q, (HEADER + "\nP").encode() + b"\xc3\x28" + b",A,1,34,QMJ,3,Y,1,0,0\n"
    yield "csv semicolons", "text/csv", None, q, (HEADER.replace(",", ";") + "\n" + row.replace(",", ";")).encode()
    yield "csv unterminated quote", "text/csv", None, q, (HEADER + '\n"P1,A,1,34,QMJ,3,Y,1,0,0\n').encode()
    yield "gzip bomb", "text/csv", "gzip", q, gzip.compress((HEADER + "\n").encode() + bytes(64 << 20))
    yield "truncated gzip", "text/csv", "gzip", q, gzip.compress((HEADER + "\n" + row + "\n") .encode() * 500)[:300]
    yield "gzip header on plain text", "text/csv", "gzip", q, (HEADER + "\n" + row).encode()
    yield "truncated JSON", "application/json", None, "", envelope("2018-07", "[" + json.dumps(VALID))
    yield "duplicate keys", "application/json", None, "", envelope("2018-07", "[" + json.dumps(VALID)[:-1] + ', "ctos": 4}]')
    yield "records nested 5,000 deep", "application/json", None, "", envelope("2018-07", "[" * 5000 + "]" * 5000)
    yield "top-level array", "application/json", None, "", b"[]"
    yield "wrong content type", "application/xml", None, q, b"<x/>"
    yield "latin-1 charset", "text/csv; charset=ISO-8859-1", None, q, (HEADER + "\n" + row).encode()


def post(content_type, encoding, query, body):
    headers = {"Authorization": "Bearer " + TOKEN, "Content-Type": content_type}
    if encoding:
        headers["Content-Encoding"] = encoding
    request = urllib.request.Request(INGEST + "/api/v1/submissions" + query, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=120) as r:
            return r.status, r.headers.get("Content-Type", ""), json.load(r)
    except urllib.error.HTTPError as e:
        text = e.read()
        try:
            return e.code, e.headers.get("Content-Type", ""), json.loads(text)
        except ValueError:
            return e.code, e.headers.get("Content-Type", ""), text[:200]


refused = accepted = bad = 0
waiting = []
for name, content_type, encoding, query, body in cases():
    status, media, answer = post(content_type, encoding, query, body)
    if 400 <= status < 500 and media.startswith("application/problem+json"):
        refused += 1
    elif status == 201:
        accepted += 1
        waiting.append((name, answer["id"]))
    else:
        bad += 1
        print(f"  {name}: {status} {media} {str(answer)[:200]}")
never_counted = 0
deadline = time.time() + 120
for name, sid in waiting:
    state = None
    while time.time() < deadline:
        with urllib.request.urlopen(urllib.request.Request(f"{INGEST}/api/v1/submissions/{sid}",
                                                           headers={"Authorization": "Bearer " + TOKEN})) as r:
            state = json.load(r)["status"]
        if state in ("COUNTED", "FAILED"):
            break
        time.sleep(0.5)
    if state != "COUNTED":
        never_counted += 1
        print(f"  {name}: accepted, then {state}")
total = refused + accepted + bad
print(f"Hostile corpus: {total} cases; {refused} refused with a 4xx problem+json, {accepted} accepted and "
      f"{accepted - never_counted} of them COUNTED; {bad} answered otherwise, {never_counted} accepted but not counted")
sys.exit(0 if bad == 0 and never_counted == 0 and total >= 200 else 1)
