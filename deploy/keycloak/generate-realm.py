#!/usr/bin/env python3
"""Generate the Keycloak realm file `mhe-realm.json` for the local stack and tests.

DEMO ONLY. Everything this script writes is for local development, tests and
demonstrations: every confidential client has the secret `demo-secret` and every
user has the password `demo`. Never import this realm into a shared or production
Keycloak.

What it writes (see docs "Identity" for the contract):
  * realm `mhe` with the realm roles submitter, ingest-admin, assurance, reader,
    contributor and moderator;
  * one confidential client-credentials client `provider-<ods code lower case>`
    (role `submitter`, hard-coded claim `organisation=<ODS CODE>`) for each OPEN
    trust in the reference CSV: rows without an ICB (independent-sector codes)
    and rows with an `ods_close_date` are skipped;
  * `mhe-admin` (client credentials, role `ingest-admin`, no organisation);
  * `mhe-web`, a public client (code flow + PKCE S256, direct access grants on);
  * the demo users assurance.london, commissioner, contributor.rv5,
    contributor.rxt, moderator and provider.rv5 (uploads through the ingest web page).
  Every client adds the audience `mhe-api` to its access tokens. Mappers live on
  the clients; the realm declares no `clientScopes` (declaring any stops Keycloak
  from creating its built-in scopes, and tokens then lack sub, preferred_username
  and realm_access).

Replacing the demo clients and users for a real deployment:
  * do not ship this file; create the realm `mhe` (roles, the audience mapper and
    the `organisation` / `region` mappers as here) with your own tooling, e.g.
    keycloak-config-cli or Terraform, from your identity team's source of truth;
  * register one confidential client per provider system that really submits,
    with a generated secret (or private_key_jwt / mTLS) held in a secret store,
    and a hard-coded `organisation` claim of that provider's ODS code;
  * federate staff users from your identity provider (LDAP / SAML / OIDC broker)
    and map their ODS code and region to the user attributes `organisation` and
    `region` (declared admin-editable only in the user profile below, so users
    cannot change their own organisation);
  * set sslRequired to "external" or "all" and serve Keycloak over HTTPS.

Usage:
  generate-realm.py [INPUT_CSV] [OUTPUT_JSON]
Defaults: ../../reference-data/src/main/resources/uk/nhs/mhe/reference/mental_health_trusts.csv and
./mhe-realm.json, both relative to this script. Output is pretty-printed with a
stable order so that regenerating gives the same bytes for the same CSV.
Python 3 standard library only.
"""

import argparse
import csv
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_INPUT = HERE.parent.parent / "reference-data" / "src" / "main" / "resources" / "uk" / "nhs" / "mhe" / "reference" / "mental_health_trusts.csv"
DEFAULT_OUTPUT = HERE / "mhe-realm.json"

REALM = "mhe"
AUDIENCE = "mhe-api"
DEMO_SECRET = "demo-secret"
DEMO_PASSWORD = "demo"

REALM_ROLES = [
    ("submitter", "Provider systems: submit data for their own organisation"),
    ("ingest-admin", "National data team: submit on behalf of any provider, manage ingestion"),
    ("assurance", "Regional assurance teams: exact figures for every area"),
    ("reader", "Commissioners and other readers"),
    ("contributor", "Provider staff: contribute case studies"),
    ("moderator", "National team: moderate case studies"),
]

WEB_PORTS = [8081, 8082, 8083]  # data-ingest, indicator, practice-library services

# Demo users: (username, first name, last name, realm roles, attributes)
DEMO_USERS = [
    ("assurance.london", "Alex", "Assurance", ["assurance"], {"region": "Y56"}),
    ("commissioner", "Casey", "Commissioner", ["reader"], {}),
    ("contributor.rv5", "Robin", "Contributor", ["contributor", "reader"], {"organisation": "RV5"}),
    ("contributor.rxt", "Riley", "Contributor", ["contributor", "reader"], {"organisation": "RXT"}),
    ("moderator", "Morgan", "Moderator", ["moderator", "reader"], {}),
    # A person at a trust uploading a file through the ingest service's web page (the API's
    # provider systems are clients; the page needs a user with the same role and claim).
    ("provider.rv5", "Pat", "Provider", ["submitter"], {"organisation": "RV5"}),
]

# Trusts whose provider clients the acceptance checks and demo users rely on.
REQUIRED_TRUSTS = ["RV5", "RXT"]

ODS_CODE = re.compile(r"^[A-Z0-9]{3,6}$")


def open_trusts(csv_path):
    """ODS codes (upper case, sorted, unique) of open trusts that have an ICB."""
    codes = set()
    with open(csv_path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        missing = {"ods_code", "icb_ods_code", "ods_close_date"} - set(reader.fieldnames or [])
        if missing:
            sys.exit(f"{csv_path}: missing column(s) {', '.join(sorted(missing))}")
        for row in reader:
            code = (row["ods_code"] or "").strip().upper()
            if not code or not (row["icb_ods_code"] or "").strip():
                continue  # independent-sector codes without an ICB
            if (row["ods_close_date"] or "").strip():
                continue  # closed trust
            if not ODS_CODE.match(code):
                sys.exit(f"{csv_path}: unexpected ODS code {code!r}")
            codes.add(code)
    return sorted(codes)


def audience_mapper():
    return {
        "name": f"audience {AUDIENCE}",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-audience-mapper",
        "consentRequired": False,
        "config": {
            "included.custom.audience": AUDIENCE,
            "access.token.claim": "true",
            "id.token.claim": "false",
            "introspection.token.claim": "true",
        },
    }


def hardcoded_claim_mapper(claim, value):
    return {
        "name": claim,
        "protocol": "openid-connect",
        "protocolMapper": "oidc-hardcoded-claim-mapper",
        "consentRequired": False,
        "config": {
            "claim.name": claim,
            "claim.value": value,
            "jsonType.label": "String",
            "access.token.claim": "true",
            "id.token.claim": "true",
            "introspection.token.claim": "true",
            "userinfo.token.claim": "true",
        },
    }


def user_attribute_mapper(attribute):
    return {
        "name": attribute,
        "protocol": "openid-connect",
        "protocolMapper": "oidc-usermodel-attribute-mapper",
        "consentRequired": False,
        "config": {
            "user.attribute": attribute,
            "claim.name": attribute,
            "jsonType.label": "String",
            "multivalued": "false",
            "access.token.claim": "true",
            "id.token.claim": "true",
            "introspection.token.claim": "true",
            "userinfo.token.claim": "true",
        },
    }


def service_client(client_id, name, description, mappers):
    """Confidential client that only does the client-credentials grant."""
    return {
        "clientId": client_id,
        "name": name,
        "description": description,
        "enabled": True,
        "protocol": "openid-connect",
        "publicClient": False,
        "clientAuthenticatorType": "client-secret",
        "secret": DEMO_SECRET,
        "serviceAccountsEnabled": True,
        "standardFlowEnabled": False,
        "implicitFlowEnabled": False,
        "directAccessGrantsEnabled": False,
        "fullScopeAllowed": True,
        "protocolMappers": mappers,
    }


def service_account_user(client_id, roles):
    return {
        "username": f"service-account-{client_id}",
        "enabled": True,
        "serviceAccountClientId": client_id,
        "realmRoles": roles,
    }


def web_client():
    redirects = []
    for host in ("localhost", "127.0.0.1"):
        for port in WEB_PORTS:
            redirects.append(f"http://{host}:{port}/*")
    # DEMO only: the end-to-end browser suite runs the services on free ports, so any port of
    # localhost is allowed (Keycloak matches a trailing * as a prefix). Never in a real realm.
    redirects.append("http://localhost:*")
    return {
        "clientId": "mhe-web",
        "name": "MHE web pages",
        "description": "DEMO public client for the service web pages: code flow with PKCE, direct access grants for scripts and tests",
        "enabled": True,
        "protocol": "openid-connect",
        "publicClient": True,
        "standardFlowEnabled": True,
        "implicitFlowEnabled": False,
        "directAccessGrantsEnabled": True,
        "serviceAccountsEnabled": False,
        "fullScopeAllowed": True,
        "redirectUris": redirects,
        "webOrigins": ["+"],
        "attributes": {
            "pkce.code.challenge.method": "S256",
            "post.logout.redirect.uris": "+",
        },
        "protocolMappers": [
            audience_mapper(),
            user_attribute_mapper("organisation"),
            user_attribute_mapper("region"),
        ],
    }


def demo_user(username, first, last, roles, attributes):
    user = {
        "username": username,
        "enabled": True,
        "email": f"{username}@example.org",
        "emailVerified": True,
        "firstName": first,
        "lastName": last,
        "credentials": [{"type": "password", "value": DEMO_PASSWORD, "temporary": False}],
        "realmRoles": roles,
    }
    if attributes:
        user["attributes"] = {k: [v] for k, v in sorted(attributes.items())}
    return user


def user_profile_component():
    """Keycloak 26 user profile: the built-in attributes plus `organisation` and
    `region`, visible to the user, editable by admins only (a user must not be able
    to change the organisation that ends up in their token)."""
    def builtin(name, validations, required):
        attr = {
            "name": name,
            "displayName": "${" + name + "}",
            "validations": validations,
            "permissions": {"view": ["admin", "user"], "edit": ["admin", "user"]},
            "multivalued": False,
        }
        if required:
            attr["required"] = {"roles": ["user"]}
        return attr

    def admin_only(name, display, pattern, message):
        return {
            "name": name,
            "displayName": display,
            "validations": {"pattern": {"pattern": pattern, "error-message": message}},
            "annotations": {},
            "permissions": {"view": ["admin", "user"], "edit": ["admin"]},
            "multivalued": False,
            "group": "mhe",
        }

    config = {
        "attributes": [
            builtin("username", {"length": {"min": 3, "max": 255},
                                 "username-prohibited-characters": {},
                                 "up-username-not-idn-homograph": {}}, False),
            builtin("email", {"email": {}, "length": {"max": 255}}, True),
            builtin("firstName", {"length": {"max": 255},
                                  "person-name-prohibited-characters": {}}, True),
            builtin("lastName", {"length": {"max": 255},
                                 "person-name-prohibited-characters": {}}, True),
            admin_only("organisation", "Organisation (ODS code)", "^[A-Z0-9]{3,6}$",
                       "An ODS code in upper case, e.g. RV5"),
            admin_only("region", "NHS England region (ODS code)", "^Y[0-9]{2}$",
                       "An NHS England region ODS code, e.g. Y56"),
        ],
        "groups": [
            {"name": "user-metadata", "displayHeader": "User metadata",
             "displayDescription": "Attributes, which refer to user metadata"},
            {"name": "mhe", "displayHeader": "MHE",
             "displayDescription": "Organisation and region, set by administrators"},
        ],
    }
    return {
        "org.keycloak.userprofile.UserProfileProvider": [
            {
                "providerId": "declarative-user-profile",
                "subComponents": {},
                "config": {
                    "kc.user.profile.config": [json.dumps(config, separators=(",", ":"))],
                },
            }
        ]
    }


def build_realm(codes):
    clients = [
        service_client("mhe-admin", "MHE national data team (demo)",
                       "DEMO client credentials: ingest-admin, may submit for any provider",
                       [audience_mapper()]),
        web_client(),
    ]
    users = [demo_user(*u) for u in DEMO_USERS]
    service_users = [service_account_user("mhe-admin", ["ingest-admin"])]
    for code in codes:
        client_id = f"provider-{code.lower()}"
        clients.append(service_client(
            client_id, f"Provider system {code} (demo)",
            f"DEMO client credentials for provider {code}: submitter, organisation={code}",
            [hardcoded_claim_mapper("organisation", code), audience_mapper()]))
        service_users.append(service_account_user(client_id, ["submitter"]))

    return {
        "realm": REALM,
        "displayName": "MHE (DEMO realm)",
        "enabled": True,
        "sslRequired": "none",
        "registrationAllowed": False,
        "resetPasswordAllowed": False,
        "rememberMe": False,
        "loginWithEmailAllowed": True,
        "duplicateEmailsAllowed": False,
        "accessTokenLifespan": 900,
        "ssoSessionIdleTimeout": 1800,
        "ssoSessionMaxLifespan": 36000,
        "roles": {
            "realm": [{"name": n, "description": d, "composite": False, "clientRole": False}
                      for n, d in REALM_ROLES],
        },
        "clients": clients,
        "users": users + service_users,
        "components": user_profile_component(),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description="Generate the DEMO Keycloak realm file for realm 'mhe'.")
    parser.add_argument("input", nargs="?", default=str(DEFAULT_INPUT),
                        help=f"trusts CSV (default {DEFAULT_INPUT})")
    parser.add_argument("output", nargs="?", default=str(DEFAULT_OUTPUT),
                        help=f"realm JSON to write (default {DEFAULT_OUTPUT}); '-' for stdout")
    args = parser.parse_args(argv)

    codes = open_trusts(args.input)
    absent = [c for c in REQUIRED_TRUSTS if c not in codes]
    if absent:
        sys.exit(f"{args.input}: open trust(s) {', '.join(absent)} missing; the demo users and acceptance checks need them")

    text = json.dumps(build_realm(codes), indent=2, ensure_ascii=False) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}: realm {REALM}, {len(codes)} provider clients", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
