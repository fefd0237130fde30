#!/usr/bin/env bash
# Check the DEMO realm `mhe` on a running Keycloak with real tokens.
#
#   KEYCLOAK_URL=http://localhost:8180 deploy/keycloak/verify-tokens.sh
#
# Gets client-credentials tokens (provider-rv5, provider-rxt, mhe-admin) and
# password-grant tokens through the public client mhe-web (the six demo users),
# decodes each access token and checks iss, aud (mhe-api), realm_access.roles,
# the organisation / region claims, sub and preferred_username. Also checks that a
# wrong secret / password is refused. Prints one line per token; exits non-zero if
# any check fails. Needs bash, curl and python3.
set -uo pipefail

KEYCLOAK_URL="${KEYCLOAK_URL:-http://localhost:8180}"
KEYCLOAK_URL="${KEYCLOAK_URL%/}"
REALM="${REALM:-mhe}"
ISSUER="${EXPECTED_ISSUER:-http://localhost:8180/realms/${REALM}}"
TOKEN_URL="${KEYCLOAK_URL}/realms/${REALM}/protocol/openid-connect/token"
SECRET="${CLIENT_SECRET:-demo-secret}"
PASSWORD="${USER_PASSWORD:-demo}"

failures=0

if ! curl -fsS -o /dev/null "${KEYCLOAK_URL}/realms/${REALM}/.well-known/openid-configuration"; then
  echo "FAIL realm ${REALM} not reachable at ${KEYCLOAK_URL}" >&2
  exit 2
fi

# check_token LABEL RESPONSE_JSON ROLES ORGANISATION REGION
# ROLES: comma-separated roles that must be present; ORGANISATION / REGION: the
# expected claim value, or "-" for "claim must be absent".
check_token() {
  python3 - "$@" <<'PY'
import base64, json, sys
label, response, roles, org, region, issuer = sys.argv[1:7]
errors = []
try:
    body = json.loads(response)
except ValueError:
    print(f"FAIL {label}: not JSON: {response[:200]}")
    sys.exit(1)
token = body.get("access_token")
if not token:
    print(f"FAIL {label}: no access_token: {response[:300]}")
    sys.exit(1)
payload = token.split(".")[1]
claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))

aud = claims.get("aud")
auds = aud if isinstance(aud, list) else [aud] if aud else []
got_roles = (claims.get("realm_access") or {}).get("roles") or []
if claims.get("iss") != issuer:
    errors.append(f"iss={claims.get('iss')!r} expected {issuer!r}")
if "mhe-api" not in auds:
    errors.append(f"aud={aud!r} lacks mhe-api")
for role in filter(None, roles.split(",")):
    if role not in got_roles:
        errors.append(f"role {role} missing from realm_access.roles={got_roles}")
for claim, want in (("organisation", org), ("region", region)):
    have = claims.get(claim)
    if want == "-":
        if have is not None:
            errors.append(f"{claim}={have!r} should be absent")
    elif have != want:
        errors.append(f"{claim}={have!r} expected {want!r}")
for claim in ("sub", "preferred_username"):
    if not claims.get(claim):
        errors.append(f"{claim} missing")

summary = (f"iss={claims.get('iss')} aud={auds} azp={claims.get('azp')} "
           f"sub={claims.get('sub')} preferred_username={claims.get('preferred_username')} "
           f"roles={sorted(got_roles)} organisation={claims.get('organisation')} "
           f"region={claims.get('region')} exp-iat={claims.get('exp', 0) - claims.get('iat', 0)}s")
if errors:
    print(f"FAIL {label}: " + "; ".join(errors) + f"\n     {summary}")
    sys.exit(1)
print(f"OK   {label}: {summary}")
PY
  [ $? -eq 0 ] || failures=$((failures + 1))
}

client_token() {
  curl -sS -X POST "$TOKEN_URL" -d grant_type=client_credentials \
       -d client_id="$1" -d client_secret="$2"
}

password_token() {
  curl -sS -X POST "$TOKEN_URL" -d grant_type=password -d client_id=mhe-web \
       -d scope=openid -d username="$1" -d password="$2"
}

# refused LABEL RESPONSE: the response must be an OAuth error, not a token
refused() {
  if printf '%s' "$2" | python3 -c 'import json,sys; b=json.load(sys.stdin); sys.exit(0 if "error" in b and "access_token" not in b else 1)' 2>/dev/null; then
    echo "OK   $1: refused"
  else
    echo "FAIL $1: expected an error, got: ${2:0:200}"
    failures=$((failures + 1))
  fi
}

echo "Keycloak ${KEYCLOAK_URL}, realm ${REALM}, expected issuer ${ISSUER}"

#            label                          response                                      roles                 organisation region
check_token "client provider-rv5"          "$(client_token provider-rv5 "$SECRET")"      submitter             RV5 - "$ISSUER"
check_token "client provider-rxt"          "$(client_token provider-rxt "$SECRET")"      submitter             RXT - "$ISSUER"
check_token "client mhe-admin"             "$(client_token mhe-admin "$SECRET")"         ingest-admin          -   - "$ISSUER"
check_token "user assurance.london"        "$(password_token assurance.london "$PASSWORD")" assurance          -   Y56 "$ISSUER"
check_token "user commissioner"            "$(password_token commissioner "$PASSWORD")"  reader                -   - "$ISSUER"
check_token "user contributor.rv5"         "$(password_token contributor.rv5 "$PASSWORD")" contributor,reader  RV5 - "$ISSUER"
check_token "user contributor.rxt"         "$(password_token contributor.rxt "$PASSWORD")" contributor,reader  RXT - "$ISSUER"
check_token "user moderator"               "$(password_token moderator "$PASSWORD")"     moderator,reader      -   - "$ISSUER"
check_token "user provider.rv5"            "$(password_token provider.rv5 "$PASSWORD")"  submitter             RV5 - "$ISSUER"

refused "client provider-rv5 wrong secret" "$(client_token provider-rv5 wrong-secret)"
refused "user commissioner wrong password" "$(password_token commissioner wrong-password)"
refused "provider-rv5 password grant"      "$(curl -sS -X POST "$TOKEN_URL" -d grant_type=password -d client_id=provider-rv5 -d client_secret="$SECRET" -d username=commissioner -d password="$PASSWORD")"

if [ "$failures" -ne 0 ]; then
  echo "${failures} check(s) FAILED"
  exit 1
fi
echo "all checks passed"
