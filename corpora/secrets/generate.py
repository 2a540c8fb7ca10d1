#!/usr/bin/env python3
"""Deterministic generator for the secret-detection corpora (Python 3, stdlib only).

Writes, next to this script:
  planted.txt              realistic text (logs, env files, YAML, JSON, code, shell history)
                           with secrets of every rule family planted in it;
  planted.manifest.jsonl   one JSON object per planted secret: line (1-based, where the secret
                           starts), rule (the rule id expected to catch it), secret (exact value);
  decoy.txt                >= 2 MB of look-alike noise (UUIDs, git SHAs, digests, base64,
                           minified JS, lock files, versions, timestamps, prose) on which the
                           catalog must report nothing;
  decoy-config.txt         >= 1 MB of configuration without secrets (lock-file integrity
                           hashes, source maps, Terraform plans and state, Kubernetes manifests
                           and kubeconfigs with certificates only, public JWKs...), also quiet.

Secrets are generated from each provider's published format (alphabet, length, fixed parts,
checksums), never copied from elsewhere. Run: python3 corpora/secrets/generate.py
"""

import base64
import hashlib
import json
import os
import random
import string
import zlib

DIG = string.digits
LOW = string.ascii_lowercase
UP = string.ascii_uppercase
AN = UP + LOW + DIG
LOWAN = LOW + DIG
UPAN = UP + DIG
HEX = "0123456789abcdef"
UHEX = "0123456789ABCDEF"
B64 = AN + "+/"
B64U = AN + "-_"
B32 = UP + "234567"
B62 = DIG + UP + LOW  # GitHub/npm checksum alphabet
BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def rs(r, alpha, n):
    return "".join(r.choice(alpha) for _ in range(n))


def b62(n, width=6):
    out = ""
    while n:
        n, d = divmod(n, 62)
        out = B62[d] + out
    return out.rjust(width, "0")


def crc_token(r, prefix):
    """GitHub classic / npm: 30 random base62 characters + base62(CRC32(those 30)), 6 wide."""
    body = rs(r, AN, 30)
    return prefix + body + b62(zlib.crc32(body.encode()))


def uuid(r, upper=False):
    h = rs(r, HEX, 32)
    h = h[:12] + "4" + h[13:16] + r.choice("89ab") + h[17:]
    u = "-".join((h[:8], h[8:12], h[12:16], h[16:20], h[20:]))
    return u.upper() if upper else u


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64(data):
    return base64.b64encode(data).decode()


def rbytes(r, n):
    return bytes(r.getrandbits(8) for _ in range(n))


def varint(n):
    out = b""
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])


def macaroon_field(t, data):
    return bytes([t]) + varint(len(data)) + data


def pypi_token(r, test=False):
    """PyPI API token: 'pypi-' + base64url(macaroon v2) whose location is pypi.org."""
    loc = b"test.pypi.org" if test else b"pypi.org"
    ident = ('{"version":1,"id":"%s"}' % uuid(r)).encode()
    caveat = ('{"version":1,"permissions":{"projects":["%s"]}}' % rs(r, LOW, 8)).encode()
    m = bytes([2]) + macaroon_field(1, loc) + macaroon_field(2, ident) + b"\x00"
    m += macaroon_field(2, caveat) + b"\x00" + b"\x00" + macaroon_field(6, rbytes(r, 32))
    return "pypi-" + b64url(m)


def bech32_polymod(values):
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        b = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if ((b >> i) & 1) else 0
    return chk


def age_secret_key(r):
    hrp = "age-secret-key-"
    data = rbytes(r, 32)
    acc, bits, five = 0, 0, []
    for byte in data:
        acc = (acc << 8) | byte
        bits += 8
        while bits >= 5:
            bits -= 5
            five.append((acc >> bits) & 31)
    if bits:
        five.append((acc << (5 - bits)) & 31)
    hv = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    pm = bech32_polymod(hv + five + [0] * 6) ^ 1
    chk = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return (hrp + "1" + "".join(BECH32[d] for d in five + chk)).upper()


def jwt(r):
    alg = r.choice(["HS256", "RS256", "ES256", "HS512"])
    header = json.dumps({"alg": alg, "typ": "JWT"}, separators=(",", ":")).encode()
    payload = json.dumps(
        {"sub": str(r.randint(10**6, 10**9)), "name": rs(r, LOW, 7), "iat": r.randint(1.6e9, 1.8e9)},
        separators=(",", ":"),
    ).encode()
    siglen = 256 if alg == "RS256" else 64 if alg in ("ES256", "HS512") else 32
    return ".".join((b64url(header), b64url(payload), b64url(rbytes(r, siglen))))


def b64json_token(r, prefix, obj_keys):
    obj = {k: rs(r, AN, r.randint(8, 20)) for k in obj_keys}
    return prefix + b64(json.dumps(obj, separators=(",", ":")).encode()).rstrip("=")


def discord_bot(r):
    uid = str(r.randint(10**17, 10**19 - 1))
    return b64url(uid.encode()) + "." + rs(r, B64U, 6) + "." + rs(r, B64U, 38)


def password(r):
    """A human-ish but strong password (letters, digits, symbols; no quotes or spaces)."""
    words = ["Tiger", "maple", "Orbit", "cobalt", "Ferro", "lumen", "quartz", "Nimbus", "raven"]
    sym = "!#%&*+-.?@^_~"
    while True:
        p = r.choice(words) + rs(r, DIG, 2) + r.choice(sym) + rs(r, AN + sym, r.randint(5, 10))
        if len(set(p)) > 8 and not bad_word(p):
            return p


PLACEHOLDER_WORDS = ["none", "null", "true", "false", "todo", "fake", "xxxx", "test1234", "example",
                     "secret", "password", "passwd", "sample", "dummy", "fixme", "insert", "your",
                     "redacted", "change", "undefined", "qwerty", "letmein", "foobar", "abcdef"]


def url_password(r):
    """A strong password that needs no percent-encoding inside a URL or a connection string."""
    while True:
        p = r.choice(["Tiger", "maple", "Orbit", "cobalt", "Ferro", "lumen", "quartz"]) + rs(r, DIG, 2) + r.choice("!*-._~") + rs(r, AN + "!*-._~", r.randint(5, 10))
        if len(set(p)) > 8 and not bad_word(p):
            return p


def bad_word(s):
    lo = s.lower()
    return any(w in lo for w in PLACEHOLDER_WORDS)


def clean(gen):
    """Regenerate values that happen to contain a placeholder-looking word."""
    def g(r):
        while True:
            v = gen(r)
            if not bad_word(v):
                return v
    return g


def pem_body(r, lines, start="MII"):
    raw = start + rs(r, B64, 64 * lines - len(start) - r.randint(1, 40))
    out = [raw[i:i + 64] for i in range(0, len(raw), 64)]
    return "\n".join(out)


def pem(r, label, lines, start="MII", headers=""):
    return "-----BEGIN %s-----\n%s%s\n-----END %s-----" % (label, headers, pem_body(r, lines, start), label)


def putty(r):
    return "\n".join([
        "PuTTY-User-Key-File-3: ssh-ed25519",
        "Encryption: none",
        "Comment: eddsa-key-%d" % r.randint(20200101, 20261231),
        "Public-Lines: 2",
        "AAAAC3NzaC1lZDI1NTE5AAAAI" + rs(r, B64, 39),
        rs(r, B64, 12) + "=",
        "Private-Lines: 1",
        "AAAAI" + rs(r, B64, 38) + "=",
        "Private-MAC: " + rs(r, HEX, 64),
    ])


def pgp(r):
    body = "\n".join(rs(r, B64, 64) for _ in range(r.randint(6, 12)))
    return ("-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQdGBG" + rs(r, B64, 58) + "\n" + body +
            "\n=" + rs(r, B64, 4) + "\n-----END PGP PRIVATE KEY BLOCK-----")


class Family:
    def __init__(self, rule, gen, keys=(), free=True, line=None):
        self.rule, self.gen, self.keys, self.free, self.line = rule, gen, list(keys), free, line


ASSIGN = [
    "{K}={s}",
    'export {K}="{s}"',
    "  {k}: {s}",
    '  "{k}": "{s}",',
    "{k} = '{s}'",
    "{K}='{s}'",
]
FREE = [
    "{ts} INFO  client: loaded credential {s} from keychain",
    "{ts} WARN  retrying with token {s} after 401",
    '    headers = {{"X-Auth": "{s}"}}',
    "$ ./deploy.sh {s} --region eu-west-1",
    "token: {s}",
    'curl -s "https://api.example.net/v1/items?access_token={s}&page=2"',
    "Use `{s}` to authenticate (rotated {ts}).",
    "    <apiToken>{s}</apiToken>",
    '  "credentials": ["{s}"],',
    "# old value (see {s}), revoked",
]


def ts(r):
    return "2025-%02d-%02dT%02d:%02d:%02d.%03dZ" % (
        r.randint(1, 12), r.randint(1, 28), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), r.randint(0, 999))


def render(r, fam, secret, style=None):
    """One text snippet (maybe several lines) holding `secret` in the family's context."""
    if fam.line:
        return fam.line(r, secret)
    templates = ASSIGN + (FREE if fam.free else [])
    t = templates[style % len(templates)] if style is not None else r.choice(templates)
    key = r.choice(fam.keys) if fam.keys else "API_TOKEN"
    if "{K}" not in t and "{k}" not in t and fam.free:
        pass
    return t.format(K=key.upper(), k=key.lower() if key.isupper() else key, s=secret, ts=ts(r))


def ctx(fmt):
    """A custom line builder from a format string with {s} (and optional {u}, {h} fillers)."""
    def line(r, s):
        return fmt.format(s=s, u=rs(r, LOW, 6), h=rs(r, LOW, 5) + "-" + rs(r, LOWAN, 4), n=r.randint(1000, 99999), ts=ts(r))
    return line


def multi(*fmts):
    def line(r, s):
        return r.choice(fmts).format(s=s, u=rs(r, LOW, 6), h=rs(r, LOW, 5) + "-" + rs(r, LOWAN, 4), n=r.randint(1000, 99999), ts=ts(r))
    return line


def families():
    F = []

    def add(rule, gen, keys=(), free=True, line=None):
        F.append(Family(rule, gen, keys, free, line))

    # ---------------------------------------------------------------- cloud
    add("aws-access-key-id", lambda r: r.choice(["AKIA", "ABIA", "ACCA"]) + rs(r, B32, 16), ["AWS_ACCESS_KEY_ID", "aws_access_key_id"])
    add("aws-temporary-access-key-id", lambda r: "ASIA" + rs(r, B32, 16), ["AWS_ACCESS_KEY_ID"])
    add("aws-iam-unique-id", lambda r: r.choice(["AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "APKA"]) + rs(r, B32, 17), ["principal_id"])
    add("aws-secret-access-key", lambda r: rs(r, B64, 40), ["AWS_SECRET_ACCESS_KEY", "aws_secret_access_key", "SecretAccessKey"], free=False)
    add("aws-session-token", lambda r: "IQoJb3JpZ2luX2Vj" + rs(r, AN, 1) + rs(r, B64, r.randint(300, 600)) + "=", ["AWS_SESSION_TOKEN", "aws_session_token"])
    add("aws-session-token-context", lambda r: "FwoGZXIvYXdz" + rs(r, B64, r.randint(200, 400)), ["AWS_SESSION_TOKEN", "aws_security_token", "SessionToken"], free=False)
    add("aws-mws-auth-token", lambda r: "amzn.mws." + uuid(r), ["MWS_AUTH_TOKEN"])
    add("aws-bedrock-api-key", lambda r: "ABSKQmVkcm9ja0FQSUtleS" + rs(r, B64, 110) + "=", ["AWS_BEARER_TOKEN_BEDROCK"])
    add("gcp-api-key", lambda r: "AIza" + rs(r, B64U, 35), ["GOOGLE_API_KEY", "GEMINI_API_KEY", "firebase_api_key"])
    add("gcp-service-account-private-key", lambda r: "-----BEGIN PRIVATE KEY-----\\n" + "\\n".join(pem_body(r, 26).split("\n")) + "\\n-----END PRIVATE KEY-----\\n",
        line=ctx('  "private_key": "{s}",'))
    add("gcp-service-account-key-id", lambda r: rs(r, HEX, 40), line=ctx('  "private_key_id": "{s}",'))
    add("gcp-oauth-client-secret", lambda r: "GOCSPX-" + rs(r, B64U, 28), ["GOOGLE_CLIENT_SECRET", "client_secret"])
    add("gcp-oauth-access-token", lambda r: "ya29." + rs(r, B64U, r.randint(120, 200)), ["GOOGLE_ACCESS_TOKEN"])
    add("gcp-oauth-refresh-token", lambda r: "1//0" + rs(r, AN, 1) + rs(r, B64U, 98), ["refresh_token"])
    add("firebase-cloud-messaging-server-key", lambda r: "AAAA" + rs(r, B64U, 7) + ":APA91b" + rs(r, B64U, 134), ["FCM_SERVER_KEY"])
    add("azure-storage-account-key", lambda r: rs(r, B64, 86) + "==",
        line=multi("DefaultEndpointsProtocol=https;AccountName={u}store;AccountKey={s};EndpointSuffix=core.windows.net",
                   "AccountEndpoint=https://{u}.documents.azure.com:443/;AccountKey={s};"))
    add("azure-storage-key-context", lambda r: rs(r, B64, 86) + "==", ["AZURE_STORAGE_KEY", "storage_account_key", "AZURE_STORAGE_ACCOUNT_KEY"], free=False)
    add("azure-shared-access-key", lambda r: rs(r, B64, 43) + "=",
        line=multi("Endpoint=sb://{u}-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={s}",
                   "HostName={u}.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey={s}"))
    add("azure-sas-token", lambda r: rs(r, AN, 40) + r.choice(["%2B", "%2F", "Q"]) + rs(r, AN, 2) + "%3D",
        line=multi("https://{u}.blob.core.windows.net/backups/db.bak?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-01-01T00:00:00Z&spr=https&sig={s}",
                   'SAS_URL="https://{u}.queue.core.windows.net/jobs?sp=r&st=2025-01-01&se=2025-12-31&sv=2022-11-02&sr=q&sig={s}"'))
    add("azure-ad-client-secret", lambda r: rs(r, AN, 3) + rs(r, DIG, 1) + "Q~" + rs(r, AN + "_~.-", 30) + rs(r, AN, 4), ["AZURE_CLIENT_SECRET", "client_secret"])
    add("azure-common-annotated-key", lambda r: rs(r, AN, 52) + "JQQJ9" + r.choice("9DH") + rs(r, AN, 1) + r.choice("ABCDEFGHIJKL") + rs(r, AN, 16) + rs(r, UP + LOW, 1) + rs(r, AN, 7),
        ["AZURE_OPENAI_API_KEY", "AZURE_SEARCH_KEY", "SPEECH_KEY"])
    add("azure-devops-pat", lambda r: rs(r, "abcdefghijklmnopqrstuvwxyz234567", 52), ["AZURE_DEVOPS_PAT", "ado_token", "AZDO_PERSONAL_ACCESS_TOKEN"], free=False)
    add("azure-function-key", lambda r: rs(r, B64U, 54) + "==",
        line=ctx("curl https://{u}-func.azurewebsites.net/api/HttpTrigger1?code={s}"))
    add("azure-logic-app-sig", lambda r: rs(r, B64U, 43),
        line=ctx("https://prod-{n}.westeurope.logic.azure.com:443/workflows/{h}/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig={s}"))
    add("alibaba-access-key-id", lambda r: "LTAI" + rs(r, AN, r.choice([12, 16, 20])), ["ALIBABA_CLOUD_ACCESS_KEY_ID", "aliyun_access_key"])
    add("alibaba-access-key-secret", lambda r: rs(r, AN, 30), ["ALIBABA_CLOUD_ACCESS_KEY_SECRET", "aliyun_secret_key", "ALICLOUD_SECRET_KEY"], free=False)
    add("tencent-secret-id", lambda r: "AKID" + rs(r, AN, 32), ["TENCENTCLOUD_SECRET_ID"])
    add("tencent-secret-key", lambda r: rs(r, AN, 32), ["TENCENTCLOUD_SECRET_KEY", "tencent_secret_key"], free=False)
    add("ibm-cloud-api-key", lambda r: rs(r, B64U, 43) + rs(r, AN, 1), ["IBMCLOUD_API_KEY", "ibm_cloud_apikey", "IC_API_KEY"], free=False)
    add("oracle-oci-auth-token", lambda r: rs(r, AN + "+-_.:;()#", 19) + rs(r, AN, 1), ["OCI_AUTH_TOKEN", "oci_auth_token", "ORACLE_AUTH_TOKEN"], free=False)
    add("digitalocean-pat", lambda r: "dop_v1_" + rs(r, HEX, 64), ["DIGITALOCEAN_TOKEN"])
    add("digitalocean-oauth-token", lambda r: "doo_v1_" + rs(r, HEX, 64), ["DO_OAUTH_TOKEN"])
    add("digitalocean-refresh-token", lambda r: "dor_v1_" + rs(r, HEX, 64), ["DO_REFRESH_TOKEN"])
    add("digitalocean-spaces-secret", lambda r: rs(r, B64, 42) + rs(r, AN, 1), ["SPACES_SECRET_ACCESS_KEY", "spaces_secret", "DO_SPACES_SECRET"], free=False)
    add("cloudflare-api-token", lambda r: rs(r, B64U, 39) + rs(r, AN, 1), ["CLOUDFLARE_API_TOKEN", "CF_API_TOKEN"], free=False)
    add("cloudflare-global-api-key", lambda r: rs(r, HEX, 37), ["CLOUDFLARE_API_KEY", "CF_API_KEY", "cloudflare_global_key"], free=False)
    add("cloudflare-origin-ca-key", lambda r: "v1.0-" + rs(r, HEX, 24) + "-" + rs(r, HEX, 146), ["CF_ORIGIN_CA_KEY"])
    add("heroku-api-key", lambda r: uuid(r), ["HEROKU_API_KEY", "heroku_api_token"], free=False)
    add("heroku-api-key-v2", lambda r: "HRKU-AA" + rs(r, B64U, 57) + rs(r, AN, 1), ["HEROKU_API_KEY"])
    add("fly-io-access-token", lambda r: r.choice(["fm1r_", "fm1a_", "fm2_"]) + rs(r, B64, 300) + "==", ["FLY_API_TOKEN"],
        line=multi('FLY_API_TOKEN="FlyV1 {s}"', "fly deploy --access-token 'FlyV1 {s}'", "FLY_ACCESS_TOKEN={s}"))
    add("fly-io-oauth-token", lambda r: "fo1_" + rs(r, B64U, 42) + rs(r, AN, 1), ["FLY_ACCESS_TOKEN"])
    add("vercel-token", lambda r: rs(r, AN, 24), ["VERCEL_TOKEN", "vercel_api_token"], free=False)
    add("vercel-prefixed-token", lambda r: r.choice(["vcp_", "vci_", "vca_", "vcr_", "vck_"]) + rs(r, AN, 56), ["VERCEL_TOKEN"])
    add("netlify-pat", lambda r: "nfp_" + rs(r, AN, 36), ["NETLIFY_AUTH_TOKEN"])
    add("netlify-token-context", lambda r: rs(r, B64U, 42) + rs(r, AN, 1), ["NETLIFY_AUTH_TOKEN", "netlify_token"], free=False)
    add("supabase-access-token", lambda r: "sbp_" + rs(r, HEX, 40), ["SUPABASE_ACCESS_TOKEN"])
    add("supabase-secret-key", lambda r: "sb_secret_" + rs(r, B64U, 30) + rs(r, AN, 1), ["SUPABASE_SECRET_KEY"])
    add("render-api-key", lambda r: "rnd_" + rs(r, AN, 32), ["RENDER_API_KEY"])
    add("railway-token", lambda r: uuid(r), ["RAILWAY_TOKEN", "RAILWAY_API_TOKEN"], free=False)
    add("linode-token", lambda r: rs(r, HEX, 64), ["LINODE_TOKEN", "LINODE_CLI_TOKEN"], free=False)
    add("vultr-api-key", lambda r: rs(r, UPAN, 36), ["VULTR_API_KEY"], free=False)
    add("hetzner-cloud-token", lambda r: rs(r, AN, 64), ["HCLOUD_TOKEN", "hetzner_token"], free=False)
    add("scaleway-access-key", lambda r: "SCW" + rs(r, UPAN, 17), ["SCW_ACCESS_KEY"])
    add("scaleway-secret-key", lambda r: uuid(r), ["SCW_SECRET_KEY", "scaleway_secret_key"], free=False)
    add("ovh-application-secret", lambda r: rs(r, LOWAN, 32), ["OVH_APPLICATION_SECRET", "ovh_consumer_key"], free=False)
    add("planetscale-token", lambda r: "pscale_tkn_" + rs(r, B64U, 42) + rs(r, AN, 1), ["PLANETSCALE_SERVICE_TOKEN"])
    add("planetscale-password", lambda r: "pscale_pw_" + rs(r, B64U, 42) + rs(r, AN, 1), ["DATABASE_PASSWORD"])
    add("planetscale-oauth-token", lambda r: "pscale_oauth_" + rs(r, B64U, 42) + rs(r, AN, 1), ["PSCALE_OAUTH"])
    add("neon-api-key", lambda r: "napi_" + rs(r, LOWAN, 64), ["NEON_API_KEY"])
    add("databricks-token", lambda r: "dapi" + rs(r, HEX, 32) + r.choice(["", "-2", "-3"]), ["DATABRICKS_TOKEN"])
    add("pulumi-access-token", lambda r: "pul-" + rs(r, HEX, 40), ["PULUMI_ACCESS_TOKEN"])
    add("doppler-personal-token", lambda r: "dp.pt." + rs(r, AN, 43), ["DOPPLER_TOKEN"])
    add("doppler-service-token", lambda r: "dp.st." + r.choice(["", "prd.", "dev."]) + rs(r, AN, 43), ["DOPPLER_TOKEN"])
    add("doppler-cli-token", lambda r: "dp.ct." + rs(r, AN, 43), ["DOPPLER_TOKEN"])
    add("doppler-service-account-token", lambda r: "dp.sa." + rs(r, AN, 43), ["DOPPLER_TOKEN"])
    add("doppler-scim-token", lambda r: "dp.scim." + rs(r, AN, 43), ["DOPPLER_SCIM_TOKEN"])
    add("doppler-audit-token", lambda r: "dp.audit." + rs(r, AN, 43), ["DOPPLER_AUDIT_TOKEN"])
    add("vault-service-token", lambda r: "hvs." + rs(r, B64U, 90) + rs(r, AN, 1), ["VAULT_TOKEN"])
    add("vault-batch-token", lambda r: "hvb." + rs(r, B64U, 130) + rs(r, AN, 1), ["VAULT_TOKEN"])
    add("vault-recovery-token", lambda r: "hvr." + rs(r, B64U, 90) + rs(r, AN, 1), ["VAULT_TOKEN"])
    add("vault-legacy-token", lambda r: "s." + rs(r, AN, 24), ["VAULT_TOKEN", "vault_token"], free=False)
    add("terraform-cloud-token", lambda r: rs(r, AN, 14) + ".atlasv1." + rs(r, B64U, 66) + rs(r, AN, 1), ["TFE_TOKEN", "TF_TOKEN_app_terraform_io"])
    add("onepassword-service-account-token", lambda r: "ops_" + b64json_token(r, "", ["signInAddress", "userAuth", "email", "srpX", "muk", "secretKey", "throttleSecret", "deviceUuid"]),
        ["OP_SERVICE_ACCOUNT_TOKEN"])
    add("onepassword-secret-key", lambda r: "A3-" + rs(r, UPAN, 6) + "-" + rs(r, UPAN, 6) + "-" + "-".join(rs(r, UPAN, 5) for _ in range(4)), ["OP_SECRET_KEY"])
    add("tailscale-key", lambda r: "tskey-" + r.choice(["api", "auth", "client", "webhook"]) + "-" + rs(r, AN, 17) + "-" + rs(r, AN, 33), ["TS_AUTHKEY", "TAILSCALE_API_KEY"])
    add("ngrok-authtoken", lambda r: "2" + rs(r, AN, 26) + "_" + rs(r, AN, 21), ["NGROK_AUTHTOKEN", "ngrok_auth_token"], free=False)
    add("snowflake-password", lambda r: password(r), line=multi('snowflake_password = "{s}"', "SNOWFLAKE_PASSWORD={s}"))
    add("upstash-redis-token", lambda r: "A" + rs(r, AN, 3) + "AAIjcD" + rs(r, B64U, 56) + rs(r, AN, 1), ["UPSTASH_REDIS_REST_TOKEN"], free=False)
    add("yandex-api-key", lambda r: "AQVN" + rs(r, B64U, 35) + rs(r, AN, 1), ["YC_API_KEY"])
    add("yandex-oauth-token", lambda r: "y" + rs(r, "0123", 1) + "_" + rs(r, B64U, 54) + rs(r, AN, 1), ["YC_OAUTH_TOKEN"])
    add("yandex-iam-token", lambda r: "t1." + rs(r, B64U, 120) + rs(r, AN, 1), ["YC_IAM_TOKEN"])
    add("confluent-api-secret", lambda r: rs(r, B64, 63) + rs(r, AN, 1), ["CONFLUENT_CLOUD_API_SECRET", "confluent_api_secret"], free=False)
    add("mongodb-atlas-private-key", lambda r: uuid(r), ["MONGODB_ATLAS_PRIVATE_KEY", "atlas_private_key"], free=False)
    add("snyk-token", lambda r: uuid(r), ["SNYK_TOKEN"], free=False)
    add("infracost-api-key", lambda r: "ico-" + rs(r, AN, 32), ["INFRACOST_API_KEY"])
    add("okteto-token", lambda r: rs(r, AN, 40), ["OKTETO_TOKEN"], free=False)

    # ---------------------------------------------------------------- source control and CI
    for rule, pre in [("github-pat-classic", "ghp_"), ("github-oauth-token", "gho_"), ("github-user-to-server-token", "ghu_"),
                      ("github-server-to-server-token", "ghs_"), ("github-refresh-token", "ghr_")]:
        add(rule, (lambda p: lambda r: crc_token(r, p))(pre), ["GITHUB_TOKEN", "GH_TOKEN", "github_token"],
            line=None)
    add("github-fine-grained-pat", lambda r: "github_pat_11" + rs(r, UPAN, 20) + "_" + rs(r, AN, 59), ["GITHUB_TOKEN"])
    add("github-app-client-secret", lambda r: rs(r, HEX, 40), ["GITHUB_CLIENT_SECRET", "github_app_client_secret"], free=False)
    add("gitlab-pat", lambda r: "glpat-" + r.choice([rs(r, B64U, 19) + rs(r, AN, 1), rs(r, B64U, 27) + ".01." + rs(r, LOWAN, 9)]), ["GITLAB_TOKEN"])
    add("gitlab-deploy-token", lambda r: "gldt-" + rs(r, B64U, 19) + rs(r, AN, 1), ["CI_DEPLOY_PASSWORD"])
    add("gitlab-runner-auth-token", lambda r: "glrt-" + r.choice(["", "t1_"]) + rs(r, B64U, 19) + rs(r, AN, 1), ["RUNNER_TOKEN"])
    add("gitlab-runner-registration-token", lambda r: "GR1348941" + rs(r, B64U, 19) + rs(r, AN, 1), ["REGISTRATION_TOKEN"])
    add("gitlab-pipeline-trigger-token", lambda r: "glptt-" + rs(r, HEX, 40), ["TRIGGER_TOKEN"])
    add("gitlab-scim-token", lambda r: "glsoat-" + rs(r, B64U, 19) + rs(r, AN, 1), ["GITLAB_SCIM_TOKEN"])
    add("gitlab-feed-token", lambda r: "glft-" + rs(r, B64U, 19) + rs(r, AN, 1), ["GITLAB_FEED_TOKEN"])
    add("gitlab-incoming-mail-token", lambda r: "glimt-" + rs(r, LOWAN, 25), ["GITLAB_INCOMING_EMAIL_TOKEN"])
    add("gitlab-agent-token", lambda r: "glagent-" + rs(r, B64U, 49) + rs(r, AN, 1), ["GITLAB_AGENT_TOKEN"])
    add("gitlab-ci-job-token", lambda r: "glcbt-" + rs(r, HEX, 2) + "_" + rs(r, B64U, 19) + rs(r, AN, 1), ["CI_JOB_TOKEN"])
    add("gitlab-oauth-app-secret", lambda r: "gloas-" + rs(r, HEX, 64), ["GITLAB_OAUTH_SECRET"])
    add("gitlab-feature-flag-client-token", lambda r: "glffct-" + rs(r, B64U, 19) + rs(r, AN, 1), ["UNLEASH_INSTANCE_ID"])
    add("bitbucket-app-password", lambda r: "ATBB" + rs(r, AN, 24) + rs(r, UHEX, 8), ["BITBUCKET_APP_PASSWORD"])
    add("bitbucket-access-token", lambda r: "ATCTT3xFfGN0" + rs(r, B64U, 170) + "=" + rs(r, UHEX, 8), ["BITBUCKET_ACCESS_TOKEN"])
    add("bitbucket-client-secret", lambda r: rs(r, AN, 32), ["BITBUCKET_CLIENT_SECRET", "bitbucket_oauth_secret"], free=False)
    add("circleci-personal-token", lambda r: "CCIPAT_" + rs(r, AN, 22) + "_" + rs(r, HEX, 40), ["CIRCLECI_TOKEN"])
    add("circleci-project-token", lambda r: "CCIPRJ_" + rs(r, AN, 22) + "_" + rs(r, HEX, 40), ["CIRCLE_TOKEN"])
    add("circleci-legacy-token", lambda r: rs(r, HEX, 40), ["CIRCLECI_TOKEN", "circle_token"], free=False)
    add("travis-ci-token", lambda r: rs(r, AN + "_-", 21) + rs(r, AN, 1), ["TRAVIS_TOKEN", "travis_api_token"], free=False)
    add("buildkite-api-token", lambda r: "bkua_" + rs(r, HEX, 40), ["BUILDKITE_API_TOKEN"])
    add("buildkite-agent-token", lambda r: rs(r, LOWAN, 50), ["BUILDKITE_AGENT_TOKEN"], free=False)
    add("jenkins-api-token", lambda r: "11" + rs(r, HEX, 32), ["JENKINS_API_TOKEN", "jenkins_token"], free=False)
    add("jenkins-crumb-url-password", lambda r: "11" + rs(r, HEX, 32), line=ctx("curl -X POST https://admin:{s}@jenkins.{u}.internal/job/build/build"))
    add("drone-token", lambda r: rs(r, AN, 32), ["DRONE_TOKEN"], free=False)
    add("sourcegraph-access-token", lambda r: "sgp_" + r.choice(["", rs(r, HEX, 16) + "_", "local_"]) + rs(r, HEX, 40), ["SRC_ACCESS_TOKEN"])
    add("gitea-token", lambda r: rs(r, HEX, 40), ["GITEA_TOKEN", "gitea_access_token"], free=False)
    add("sonarqube-user-token", lambda r: "squ_" + rs(r, HEX, 40), ["SONAR_TOKEN"])
    add("sonarqube-project-token", lambda r: "sqp_" + rs(r, HEX, 40), ["SONAR_TOKEN"])
    add("sonarqube-global-token", lambda r: "sqa_" + rs(r, HEX, 40), ["SONAR_TOKEN"])
    add("harness-pat", lambda r: r.choice(["pat.", "sat."]) + rs(r, B64U, 21) + rs(r, AN, 1) + "." + rs(r, HEX, 24) + "." + rs(r, AN, 20), ["HARNESS_API_KEY"])
    add("launchdarkly-api-key", lambda r: "api-" + uuid(r), ["LD_API_KEY"])
    add("launchdarkly-sdk-key", lambda r: "sdk-" + uuid(r), ["LAUNCHDARKLY_SDK_KEY"])
    add("codecov-token", lambda r: uuid(r), ["CODECOV_TOKEN"], free=False)
    add("octopus-deploy-api-key", lambda r: "API-" + rs(r, UPAN, 26), ["OCTOPUS_API_KEY"])
    add("bitrise-token", lambda r: rs(r, B64U, 85) + rs(r, AN, 1), ["BITRISE_TOKEN", "bitrise_access_token"], free=False)
    add("atlassian-api-token", lambda r: "ATATT3xFfGF0" + rs(r, B64U, 170) + "=" + rs(r, UHEX, 8), ["JIRA_API_TOKEN", "CONFLUENCE_TOKEN"])

    # ---------------------------------------------------------------- package registries
    add("npm-access-token", lambda r: crc_token(r, "npm_"), ["NPM_TOKEN", "NODE_AUTH_TOKEN"])
    add("npmrc-auth-token", clean(lambda r: uuid(r) if r.random() < .5 else rs(r, B64U, 40) + rs(r, AN, 1)),
        line=multi("//registry.npmjs.org/:_authToken={s}", "//npm.pkg.github.com/:_authToken=\"{s}\"", "//{u}.jfrog.io/artifactory/api/npm/npm/:_authToken={s}"))
    add("npmrc-auth", lambda r: b64(("%s:%s" % (rs(r, LOW, 6), password(r))).encode()),
        line=multi("_auth={s}", "//registry.{u}.com/:_auth={s}", "//nexus.{u}.io/repository/npm/:_auth = \"{s}\""))
    add("npmrc-password", lambda r: b64(password(r).encode()), line=ctx("//registry.{u}.com/:_password={s}"))
    add("yarn-npm-auth-token", clean(lambda r: rs(r, B64U, 39) + rs(r, AN, 1)), line=multi('  npmAuthToken: "{s}"', "npmAuthToken: {s}"))
    add("pypi-upload-token", lambda r: pypi_token(r), ["PYPI_TOKEN", "TWINE_PASSWORD"])
    add("pypi-test-upload-token", lambda r: pypi_token(r, test=True), ["TEST_PYPI_TOKEN"])
    add("rubygems-api-key", lambda r: "rubygems_" + rs(r, HEX, 48), ["GEM_HOST_API_KEY"])
    add("nuget-api-key", lambda r: "oy2" + rs(r, LOWAN, 43), ["NUGET_API_KEY"])
    add("docker-hub-pat", lambda r: "dckr_pat_" + rs(r, B64U, 26) + rs(r, AN, 1), ["DOCKERHUB_TOKEN"])
    add("docker-hub-org-token", lambda r: "dckr_oat_" + rs(r, B64U, 31) + rs(r, AN, 1), ["DOCKER_ORG_TOKEN"])
    add("docker-config-auth", lambda r: b64(("%s:%s" % (rs(r, LOW, 7), password(r))).encode()),
        line=multi('    "https://index.docker.io/v1/": {{"auth": "{s}"}}', '      "auth": "{s}"'))
    add("crates-io-token", lambda r: "cio" + rs(r, AN, 32), ["CARGO_REGISTRY_TOKEN"])
    add("artifactory-api-key", lambda r: "AKCp" + rs(r, AN, 69), ["ARTIFACTORY_API_KEY"])
    add("artifactory-reference-token", lambda r: "cmVmdGtuOjAxOj" + rs(r, AN, 50), ["JFROG_ACCESS_TOKEN"])
    add("packagist-token", lambda r: "packagist_" + r.choice(["ort", "out", "uut", "oat"]) + "_" + rs(r, HEX, 68), ["PACKAGIST_TOKEN"])
    add("anaconda-token", lambda r: rs(r, LOWAN[:36], 2) + "-" + rs(r, B64U, 20) + rs(r, AN, 8), ["ANACONDA_API_TOKEN", "conda_token"], free=False)
    add("hex-pm-api-key", lambda r: rs(r, HEX, 32), ["HEX_API_KEY"], free=False)
    add("sonatype-nexus-password", lambda r: password(r), ["OSSRH_PASSWORD", "NEXUS_PASSWORD", "sonatypePassword"], free=False)
    add("gradle-publish-secret", lambda r: rs(r, AN, 32), ["GRADLE_PUBLISH_SECRET", "gradle.publish.secret"], free=False)
    add("cloudsmith-api-key", lambda r: rs(r, HEX, 40), ["CLOUDSMITH_API_KEY"], free=False)
    add("pub-dev-token", lambda r: jwt(r), ["PUB_TOKEN"], free=False)

    # ---------------------------------------------------------------- communication
    add("slack-bot-token", lambda r: "xoxb-" + rs(r, DIG, 12) + "-" + rs(r, DIG, 13) + "-" + rs(r, AN, 24), ["SLACK_BOT_TOKEN"])
    add("slack-user-token", lambda r: "xoxp-" + rs(r, DIG, 12) + "-" + rs(r, DIG, 12) + "-" + rs(r, DIG, 13) + "-" + rs(r, HEX, 32), ["SLACK_USER_TOKEN"])
    add("slack-app-token", lambda r: "xapp-1-A" + rs(r, UPAN, 10) + "-" + rs(r, DIG, 13) + "-" + rs(r, HEX, 64), ["SLACK_APP_TOKEN"])
    add("slack-config-access-token", lambda r: "xoxe.xox" + r.choice("bp") + "-1-" + rs(r, AN, 163), ["SLACK_CONFIG_TOKEN"])
    add("slack-config-refresh-token", lambda r: "xoxe-1-" + rs(r, AN, 146), ["SLACK_REFRESH_TOKEN"])
    add("slack-legacy-token", lambda r: "xox" + r.choice("aors") + "-" + r.choice(["2-", ""]) + rs(r, DIG, 11) + "-" + rs(r, DIG, 12) + "-" + rs(r, HEX, 32), ["SLACK_TOKEN"])
    add("slack-webhook-url", lambda r: "T" + rs(r, UPAN, 10) + "/B" + rs(r, UPAN, 10) + "/" + rs(r, AN, 24),
        line=multi("SLACK_WEBHOOK=https://hooks.slack.com/services/{s}", 'curl -X POST -d @msg.json "https://hooks.slack.com/services/{s}"'))
    add("slack-workflow-webhook-url", lambda r: "T" + rs(r, UPAN, 10) + "/A" + rs(r, UPAN, 10) + "/" + rs(r, DIG, 18) + "/" + rs(r, AN, 24),
        line=ctx("webhook_url: https://hooks.slack.com/triggers/{s}"))
    add("discord-bot-token", discord_bot, ["DISCORD_BOT_TOKEN", "discord_token"],
        line=multi("DISCORD_BOT_TOKEN={s}", "client.run('{s}')  # discord bot", '  "discord_token": "{s}",', "Authorization: Bot {s}"))
    add("discord-webhook-url", lambda r: rs(r, DIG, 19) + "/" + rs(r, B64U, 67) + rs(r, AN, 1),
        line=multi("DISCORD_WEBHOOK=https://discord.com/api/webhooks/{s}", "https://discordapp.com/api/webhooks/{s}"))
    add("telegram-bot-token", lambda r: str(r.randint(10**8, 10**10 - 1)) + ":AA" + rs(r, B64U, 32) + rs(r, AN, 1), ["TELEGRAM_BOT_TOKEN", "TG_TOKEN"])
    add("twilio-api-key", lambda r: "SK" + rs(r, HEX, 32), ["TWILIO_API_KEY"])
    add("twilio-auth-token", lambda r: rs(r, HEX, 32), ["TWILIO_AUTH_TOKEN", "twilio_auth_token"], free=False)
    add("sendgrid-api-key", lambda r: "SG." + rs(r, B64U, 21) + rs(r, AN, 1) + "." + rs(r, B64U, 42) + rs(r, AN, 1), ["SENDGRID_API_KEY"])
    add("mailgun-api-key", lambda r: "key-" + rs(r, HEX, 32), ["MAILGUN_API_KEY"])
    add("mailgun-private-key", lambda r: rs(r, HEX, 32) + "-" + rs(r, HEX, 8) + "-" + rs(r, HEX, 8), ["MAILGUN_API_KEY", "mailgun_key"], free=False)
    add("mailgun-webhook-signing-key", lambda r: rs(r, HEX, 32), ["MAILGUN_WEBHOOK_SIGNING_KEY"], free=False)
    add("mailchimp-api-key", lambda r: rs(r, HEX, 32) + "-us" + str(r.randint(1, 21)), ["MAILCHIMP_API_KEY"])
    add("mailchimp-transactional-key", lambda r: "md-" + rs(r, B64U, 21) + rs(r, AN, 1), ["MANDRILL_API_KEY"], free=False)
    add("postmark-server-token", lambda r: uuid(r), ["POSTMARK_SERVER_TOKEN", "postmark_api_token"], free=False,
        line=multi("POSTMARK_SERVER_TOKEN={s}", "X-Postmark-Server-Token: {s}", '  "postmark_api_token": "{s}",'))
    add("teams-incoming-webhook", lambda r: uuid(r) + "@" + uuid(r) + "/IncomingWebhook/" + rs(r, HEX, 32) + "/" + uuid(r),
        line=ctx("TEAMS_WEBHOOK=https://{u}.webhook.office.com/webhookb2/{s}"))
    add("mattermost-token", lambda r: rs(r, LOWAN, 26), ["MATTERMOST_TOKEN", "mattermost_access_token"], free=False)
    add("vonage-api-secret", lambda r: rs(r, AN, 16), ["VONAGE_API_SECRET", "NEXMO_API_SECRET"], free=False)
    add("messagebird-api-key", lambda r: rs(r, AN, 25), ["MESSAGEBIRD_API_KEY"], free=False)
    add("plivo-auth-token", lambda r: rs(r, AN, 40), ["PLIVO_AUTH_TOKEN"], free=False)
    add("brevo-api-key", lambda r: "xkeysib-" + rs(r, HEX, 64) + "-" + rs(r, AN, 16), ["BREVO_API_KEY"])
    add("brevo-smtp-key", lambda r: "xsmtpsib-" + rs(r, HEX, 64) + "-" + rs(r, AN, 16), ["SMTP_PASSWORD"])
    add("mailjet-secret-key", lambda r: rs(r, HEX, 32), ["MAILJET_SECRET_KEY", "MJ_APIKEY_PRIVATE"], free=False)
    add("sparkpost-api-key", lambda r: rs(r, HEX, 40), ["SPARKPOST_API_KEY"], free=False)
    add("pusher-secret", lambda r: rs(r, HEX, 20), ["PUSHER_APP_SECRET", "pusher_secret"], free=False)
    add("intercom-access-token", lambda r: "dG9rOj" + b64(("%s:%s:%s" % (uuid(r), rs(r, HEX, 4), rs(r, DIG, 1))).encode())[6:].rstrip("="), ["INTERCOM_ACCESS_TOKEN"])
    add("line-channel-access-token", lambda r: rs(r, B64, 171) + "=", ["LINE_CHANNEL_ACCESS_TOKEN"], free=False)
    add("facebook-access-token", lambda r: "EAA" + r.choice("BGJC") + rs(r, AN, r.randint(120, 200)), ["FB_ACCESS_TOKEN", "WHATSAPP_TOKEN"])
    add("facebook-app-secret", lambda r: rs(r, HEX, 32), ["FACEBOOK_APP_SECRET", "FB_APP_SECRET"], free=False)
    add("twitter-bearer-token", lambda r: "A" * 22 + rs(r, AN + "%", 90) + rs(r, AN, 1), ["TWITTER_BEARER_TOKEN", "X_BEARER_TOKEN"])
    add("twitter-api-secret", lambda r: rs(r, AN, 50), ["TWITTER_API_SECRET", "twitter_consumer_secret", "TWITTER_ACCESS_TOKEN_SECRET"], free=False)
    add("linkedin-client-secret", lambda r: rs(r, AN, 16), ["LINKEDIN_CLIENT_SECRET"], free=False)
    add("zendesk-api-token", lambda r: rs(r, AN, 40), ["ZENDESK_API_TOKEN"], free=False)
    add("freshdesk-api-key", lambda r: rs(r, AN, 20), ["FRESHDESK_API_KEY"], free=False)
    add("twitch-client-secret", lambda r: rs(r, LOWAN, 30), ["TWITCH_CLIENT_SECRET", "twitch_oauth_token"], free=False)
    add("webex-access-token", lambda r: rs(r, AN, 64) + "_" + rs(r, AN, 4) + "_" + uuid(r), ["WEBEX_ACCESS_TOKEN", "WEBEX_BOT_TOKEN"], free=False)
    add("zoom-client-secret", lambda r: rs(r, AN, 32), ["ZOOM_CLIENT_SECRET", "zoom_api_secret"], free=False)
    add("gitter-token", lambda r: rs(r, HEX, 40), ["GITTER_TOKEN"], free=False)

    # ---------------------------------------------------------------- payments and commerce
    add("stripe-secret-key", lambda r: "sk_live_" + rs(r, AN, r.choice([24, 99])), ["STRIPE_SECRET_KEY"])
    add("stripe-test-secret-key", lambda r: "sk_test_" + rs(r, AN, r.choice([24, 99])), ["STRIPE_SECRET_KEY"])
    add("stripe-restricted-key", lambda r: r.choice(["rk_live_", "rk_test_"]) + rs(r, AN, r.choice([24, 99])), ["STRIPE_RESTRICTED_KEY"])
    add("stripe-webhook-secret", lambda r: "whsec_" + rs(r, AN, 32), ["STRIPE_WEBHOOK_SECRET"])
    add("square-access-token", lambda r: "EAAA" + rs(r, B64U, 59) + rs(r, AN, 1), ["SQUARE_ACCESS_TOKEN"])
    add("square-legacy-access-token", lambda r: "sq0atp-" + rs(r, B64U, 21) + rs(r, AN, 1), ["SQUARE_ACCESS_TOKEN"])
    add("square-oauth-secret", lambda r: "sq0csp-" + rs(r, B64U, 42) + rs(r, AN, 1), ["SQUARE_APP_SECRET"])
    add("braintree-access-token", lambda r: "access_token$" + r.choice(["production", "sandbox"]) + "$" + rs(r, LOWAN, 16) + "$" + rs(r, HEX, 32), ["BRAINTREE_ACCESS_TOKEN"])
    add("braintree-private-key", lambda r: rs(r, HEX, 32), ["BRAINTREE_PRIVATE_KEY"], free=False)
    add("paypal-client-secret", lambda r: "E" + rs(r, B64U, 78) + rs(r, AN, 1), ["PAYPAL_CLIENT_SECRET", "paypal_secret"], free=False)
    add("adyen-api-key", lambda r: "AQE" + rs(r, AN, 4) + "hmfx" + rs(r, B64, 100) + "." + rs(r, B64U, 40) + rs(r, AN, 1), ["ADYEN_API_KEY", "adyen_x_api_key"], free=False)
    add("adyen-hmac-key", lambda r: rs(r, UHEX, 64), ["ADYEN_HMAC_KEY"], free=False)
    add("shopify-access-token", lambda r: "shpat_" + rs(r, HEX, 32), ["SHOPIFY_ACCESS_TOKEN"])
    add("shopify-shared-secret", lambda r: "shpss_" + rs(r, HEX, 32), ["SHOPIFY_API_SECRET"])
    add("shopify-custom-app-token", lambda r: "shpca_" + rs(r, HEX, 32), ["SHOPIFY_TOKEN"])
    add("shopify-private-app-password", lambda r: "shppa_" + rs(r, HEX, 32), ["SHOPIFY_PASSWORD"])
    add("paystack-secret-key", lambda r: r.choice(["sk_live_", "sk_test_"]) + rs(r, HEX, 40), ["PAYSTACK_SECRET_KEY"])
    add("flutterwave-secret-key", lambda r: "FLWSECK" + r.choice(["-", "_TEST-"]) + rs(r, HEX, 32) + "-X", ["FLW_SECRET_KEY"])
    add("flutterwave-encryption-key", lambda r: "FLWSECK_TEST" + rs(r, HEX, 12), ["FLW_ENCRYPTION_KEY"])
    add("plaid-access-token", lambda r: "access-" + r.choice(["sandbox", "development", "production"]) + "-" + uuid(r), ["PLAID_ACCESS_TOKEN"])
    add("plaid-secret", lambda r: rs(r, HEX, 30), ["PLAID_SECRET"], free=False)
    add("gocardless-access-token", lambda r: r.choice(["live_", "sandbox_"]) + rs(r, B64U, 39) + rs(r, AN, 1), ["GOCARDLESS_ACCESS_TOKEN"], free=False)
    add("mollie-api-key", lambda r: r.choice(["live_", "test_"]) + rs(r, AN, 30), ["MOLLIE_API_KEY"], free=False)
    add("checkout-secret-key", lambda r: "sk_sbox_" + rs(r, "abcdefghijklmnopqrstuvwxyz234567", 26), ["CKO_SECRET_KEY"])
    add("paddle-api-key", lambda r: "pdl_" + r.choice(["live", "sdbx"]) + "_apikey_01" + rs(r, LOWAN, 24) + "_" + rs(r, AN, 22) + "_" + rs(r, AN, 3), ["PADDLE_API_KEY"])
    add("razorpay-key-secret", lambda r: rs(r, AN, 24), ["RAZORPAY_KEY_SECRET", "razorpay_secret"], free=False)
    add("coinbase-api-secret", lambda r: rs(r, AN, 32), ["COINBASE_API_SECRET"], free=False)
    add("wise-api-token", lambda r: uuid(r), ["WISE_API_TOKEN", "TRANSFERWISE_API_TOKEN"], free=False)
    add("recurly-api-key", lambda r: rs(r, HEX, 32), ["RECURLY_API_KEY"], free=False)
    add("chargebee-api-key", lambda r: r.choice(["live_", "test_"]) + rs(r, AN, 34), ["CHARGEBEE_API_KEY"], free=False)
    add("authorize-net-transaction-key", lambda r: rs(r, AN, 16), ["AUTHORIZENET_TRANSACTION_KEY", "authnet_transaction_key"], free=False)
    add("easypost-api-key", lambda r: "EZ" + r.choice("AT") + "K" + rs(r, HEX, 54), ["EASYPOST_API_KEY"])
    add("shippo-api-token", lambda r: "shippo_" + r.choice(["live", "test"]) + "_" + rs(r, HEX, 40), ["SHIPPO_API_TOKEN"])
    add("duffel-api-token", lambda r: "duffel_" + r.choice(["live", "test"]) + "_" + rs(r, B64U, 42) + rs(r, AN, 1), ["DUFFEL_ACCESS_TOKEN"])

    # ---------------------------------------------------------------- AI
    add("openai-api-key", lambda r: "sk-" + rs(r, AN, 20) + "T3BlbkFJ" + rs(r, AN, 20), ["OPENAI_API_KEY"])
    add("openai-project-key", lambda r: "sk-proj-" + rs(r, B64U, 74) + "T3BlbkFJ" + rs(r, B64U, 73) + rs(r, AN, 1), ["OPENAI_API_KEY"])
    add("openai-service-account-key", lambda r: "sk-svcacct-" + rs(r, B64U, 74) + "T3BlbkFJ" + rs(r, B64U, 73) + rs(r, AN, 1), ["OPENAI_API_KEY"])
    add("openai-admin-key", lambda r: "sk-admin-" + rs(r, B64U, 58) + "T3BlbkFJ" + rs(r, B64U, 57) + rs(r, AN, 1), ["OPENAI_ADMIN_KEY"])
    add("anthropic-api-key", lambda r: "sk-ant-api03-" + rs(r, B64U, 93) + "AA", ["ANTHROPIC_API_KEY"])
    add("anthropic-admin-key", lambda r: "sk-ant-admin01-" + rs(r, B64U, 93) + "AA", ["ANTHROPIC_ADMIN_KEY"])
    add("anthropic-oauth-token", lambda r: "sk-ant-" + r.choice(["oat01", "ort01"]) + "-" + rs(r, B64U, 93) + "AA", ["CLAUDE_CODE_OAUTH_TOKEN"])
    add("huggingface-access-token", lambda r: "hf_" + rs(r, UP + LOW, 34), ["HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"])
    add("huggingface-org-token", lambda r: "api_org_" + rs(r, UP + LOW, 34), ["HF_ORG_TOKEN"])
    add("cohere-api-key", lambda r: rs(r, AN, 40), ["COHERE_API_KEY", "CO_API_KEY"], free=False)
    add("replicate-api-token", lambda r: "r8_" + rs(r, AN, 37), ["REPLICATE_API_TOKEN"])
    add("groq-api-key", lambda r: "gsk_" + rs(r, AN, 52), ["GROQ_API_KEY"])
    add("mistral-api-key", lambda r: rs(r, AN, 32), ["MISTRAL_API_KEY"], free=False)
    add("perplexity-api-key", lambda r: "pplx-" + rs(r, AN, 48), ["PERPLEXITY_API_KEY"])
    add("xai-api-key", lambda r: "xai-" + rs(r, AN, 80), ["XAI_API_KEY"])
    add("deepseek-api-key", lambda r: "sk-" + rs(r, HEX, 32), ["DEEPSEEK_API_KEY"], free=False)
    add("together-api-key", lambda r: "tgp_v1_" + rs(r, B64U, 42) + rs(r, AN, 1), ["TOGETHER_API_KEY"])
    add("together-legacy-api-key", lambda r: rs(r, HEX, 64), ["TOGETHER_API_KEY"], free=False)
    add("fireworks-api-key", lambda r: "fw_" + rs(r, AN, 24), ["FIREWORKS_API_KEY"], free=False)
    add("openrouter-api-key", lambda r: "sk-or-v1-" + rs(r, HEX, 64), ["OPENROUTER_API_KEY"])
    add("langsmith-api-key", lambda r: "lsv2_" + r.choice(["pt", "sk"]) + "_" + rs(r, HEX, 32) + "_" + rs(r, HEX, 10), ["LANGSMITH_API_KEY", "LANGCHAIN_API_KEY"])
    add("pinecone-api-key", lambda r: "pcsk_" + rs(r, AN, 6) + "_" + rs(r, AN, 63), ["PINECONE_API_KEY"])
    add("pinecone-legacy-api-key", lambda r: uuid(r), ["PINECONE_API_KEY"], free=False)
    add("wandb-api-key", lambda r: rs(r, HEX, 40), ["WANDB_API_KEY"], free=False)
    add("assemblyai-api-key", lambda r: rs(r, HEX, 32), ["ASSEMBLYAI_API_KEY"], free=False)
    add("elevenlabs-api-key", lambda r: "sk_" + rs(r, HEX, 48), ["ELEVENLABS_API_KEY", "XI_API_KEY"])
    add("deepgram-api-key", lambda r: rs(r, HEX, 40), ["DEEPGRAM_API_KEY"], free=False)
    add("stability-api-key", lambda r: "sk-" + rs(r, AN, 48), ["STABILITY_API_KEY"], free=False)
    add("cerebras-api-key", lambda r: "csk-" + rs(r, LOWAN, 48), ["CEREBRAS_API_KEY"])
    add("nvidia-api-key", lambda r: "nvapi-" + rs(r, B64U, 63) + rs(r, AN, 1), ["NVIDIA_API_KEY", "NGC_API_KEY"])
    add("jina-api-key", lambda r: "jina_" + rs(r, HEX, 32) + rs(r, B64U, 27) + rs(r, AN, 1), ["JINA_API_KEY"])
    add("tavily-api-key", lambda r: "tvly-" + r.choice(["", "dev-", "prod-"]) + rs(r, AN, 32), ["TAVILY_API_KEY"])
    add("firecrawl-api-key", lambda r: "fc-" + rs(r, HEX, 32), ["FIRECRAWL_API_KEY"])
    add("serpapi-api-key", lambda r: rs(r, HEX, 64), ["SERPAPI_API_KEY", "SERP_API_KEY"], free=False)
    add("azure-openai-api-key", lambda r: rs(r, HEX, 32), ["AZURE_OPENAI_API_KEY", "AZURE_OPENAI_KEY"], free=False)
    add("ai21-api-key", lambda r: rs(r, AN, 32), ["AI21_API_KEY"], free=False)
    add("voyage-api-key", lambda r: "pa-" + rs(r, B64U, 42) + rs(r, AN, 1), ["VOYAGE_API_KEY"], free=False)
    add("exa-api-key", lambda r: uuid(r), ["EXA_API_KEY"], free=False)
    add("clarifai-pat", lambda r: rs(r, HEX, 32), ["CLARIFAI_PAT"], free=False)
    add("runpod-api-key", lambda r: "rpa_" + rs(r, UPAN, 40) + rs(r, LOWAN, 7), ["RUNPOD_API_KEY"])

    # ---------------------------------------------------------------- observability and SaaS
    add("datadog-api-key", lambda r: rs(r, HEX, 32), ["DATADOG_API_KEY", "DD_API_KEY"], free=False)
    add("datadog-app-key", lambda r: rs(r, HEX, 40), ["DATADOG_APP_KEY", "DD_APPLICATION_KEY", "DD_APP_KEY"], free=False)
    add("new-relic-user-api-key", lambda r: "NRAK-" + rs(r, UPAN, 27), ["NEW_RELIC_API_KEY"])
    add("new-relic-insert-key", lambda r: "NRII-" + rs(r, B64U, 31) + rs(r, AN, 1), ["NEW_RELIC_INSERT_KEY"])
    add("new-relic-query-key", lambda r: "NRIQ-" + rs(r, B64U, 31) + rs(r, AN, 1), ["NEW_RELIC_QUERY_KEY"])
    add("new-relic-admin-key", lambda r: "NRAA-" + rs(r, HEX, 27), ["NEW_RELIC_ADMIN_KEY"])
    add("new-relic-license-key", lambda r: rs(r, HEX, 36) + "NRAL", ["NEW_RELIC_LICENSE_KEY"])
    add("new-relic-browser-key", lambda r: "NRJS-" + rs(r, HEX, 19), ["NEW_RELIC_BROWSER_KEY"])
    add("sentry-dsn", lambda r: rs(r, HEX, 32),
        line=multi("SENTRY_DSN=https://{s}@o{n}.ingest.sentry.io/{n}", 'Sentry.init({{ dsn: "https://{s}@o{n}.ingest.us.sentry.io/{n}" }});'))
    add("sentry-org-token", lambda r: "sntrys_" + b64json_token(r, "", ["iat", "url", "region_url", "org"]) + "_" + rs(r, B64U, 42) + rs(r, AN, 1), ["SENTRY_AUTH_TOKEN"])
    add("sentry-user-token", lambda r: "sntryu_" + rs(r, HEX, 64), ["SENTRY_AUTH_TOKEN"])
    add("sentry-legacy-auth-token", lambda r: rs(r, HEX, 64), ["SENTRY_AUTH_TOKEN"], free=False)
    add("grafana-cloud-token", lambda r: "glc_" + b64json_token(r, "", ["o", "n", "k", "m"]), ["GRAFANA_CLOUD_TOKEN"])
    add("grafana-service-account-token", lambda r: "glsa_" + rs(r, AN, 32) + "_" + rs(r, HEX, 8), ["GRAFANA_TOKEN"])
    add("grafana-api-key", lambda r: b64(json.dumps({"k": rs(r, AN, 32), "n": rs(r, LOW, 8), "id": r.randint(1, 99)}, separators=(",", ":")).encode()).rstrip("="), ["GRAFANA_API_KEY"])
    add("honeycomb-api-key", lambda r: rs(r, AN, 22), ["HONEYCOMB_API_KEY", "HONEYCOMB_WRITEKEY"], free=False)
    add("honeycomb-ingest-key", lambda r: "hc" + r.choice("ax") + "ik_" + rs(r, LOWAN, 58), ["HONEYCOMB_API_KEY"])
    add("pagerduty-api-key", lambda r: "u+" + rs(r, B64U, 17) + rs(r, AN, 1), ["PAGERDUTY_TOKEN", "PAGERDUTY_API_KEY"], free=False)
    add("notion-integration-token", lambda r: "secret_" + rs(r, AN, 43), ["NOTION_TOKEN"])
    add("notion-api-token", lambda r: "ntn_" + rs(r, DIG, 11) + rs(r, AN, 35), ["NOTION_API_KEY"])
    add("linear-api-key", lambda r: "lin_api_" + rs(r, AN, 40), ["LINEAR_API_KEY"])
    add("linear-oauth-token", lambda r: "lin_oauth_" + rs(r, HEX, 64), ["LINEAR_OAUTH_TOKEN"])
    add("asana-pat", lambda r: r.choice(["1/", "2/"]) + rs(r, DIG, 16) + r.choice(["", "/" + rs(r, DIG, 16)]) + ":" + rs(r, HEX, 32), ["ASANA_ACCESS_TOKEN", "asana_pat"], free=False)
    add("airtable-pat", lambda r: "pat" + rs(r, AN, 14) + "." + rs(r, HEX, 64), ["AIRTABLE_API_KEY"])
    add("airtable-legacy-api-key", lambda r: "key" + rs(r, AN, 14), ["AIRTABLE_API_KEY"], free=False)
    add("hubspot-private-app-token", lambda r: "pat-" + r.choice(["na1", "eu1", "na2", "ap1"]) + "-" + uuid(r), ["HUBSPOT_ACCESS_TOKEN"])
    add("hubspot-api-key", lambda r: uuid(r), ["HUBSPOT_API_KEY", "hapikey"], free=False)
    add("okta-api-token", lambda r: "00" + rs(r, B64U, 39) + rs(r, AN, 1), ["OKTA_API_TOKEN", "okta_token"], free=False,
        line=multi("OKTA_API_TOKEN={s}", "Authorization: SSWS {s}", '  okta_api_token: "{s}"'))
    add("auth0-client-secret", lambda r: rs(r, B64U, 63) + rs(r, AN, 1), ["AUTH0_CLIENT_SECRET"], free=False)
    add("twitch-access-token", lambda r: rs(r, LOWAN, 30), ["TWITCH_ACCESS_TOKEN"], free=False)
    add("dropbox-short-lived-token", lambda r: "sl." + r.choice(["u.", "B"]) + rs(r, B64U, 138) + rs(r, AN, 1), ["DROPBOX_ACCESS_TOKEN"])
    add("dropbox-long-lived-token", lambda r: rs(r, LOWAN, 11) + "AAAAAAAAAA" + rs(r, B64U, 42) + rs(r, AN, 1), ["DROPBOX_TOKEN"], free=False)
    add("figma-pat", lambda r: "figd_" + rs(r, B64U, 39) + rs(r, AN, 1), ["FIGMA_TOKEN"])
    add("postman-api-key", lambda r: "PMAK-" + rs(r, HEX, 24) + "-" + rs(r, HEX, 34), ["POSTMAN_API_KEY"])
    add("contentful-pat", lambda r: "CFPAT-" + rs(r, B64U, 42) + rs(r, AN, 1), ["CONTENTFUL_MANAGEMENT_TOKEN"])
    add("contentful-delivery-token", lambda r: rs(r, B64U, 42) + rs(r, AN, 1), ["CONTENTFUL_DELIVERY_TOKEN", "CONTENTFUL_ACCESS_TOKEN"], free=False)
    add("typeform-pat", lambda r: "tfp_" + rs(r, B64U, 43) + rs(r, AN, 1) + "_" + rs(r, B64U, 13) + rs(r, AN, 1), ["TYPEFORM_TOKEN"])
    add("zapier-webhook-url", lambda r: rs(r, DIG, 7) + "/" + rs(r, LOWAN, 7),
        line=ctx("ZAPIER_HOOK=https://hooks.zapier.com/hooks/catch/{s}/"))
    add("clickup-api-token", lambda r: "pk_" + rs(r, DIG, 8) + "_" + rs(r, UPAN, 32), ["CLICKUP_API_TOKEN"])
    add("trello-api-token", lambda r: "ATTA" + rs(r, HEX, 64) + rs(r, UHEX, 8), ["TRELLO_TOKEN"])
    add("trello-api-key", lambda r: rs(r, HEX, 32), ["TRELLO_API_KEY", "trello_key"], free=False)
    add("segment-write-key", lambda r: rs(r, AN, 32), ["SEGMENT_WRITE_KEY"], free=False)
    add("mixpanel-api-secret", lambda r: rs(r, HEX, 32), ["MIXPANEL_API_SECRET", "mixpanel_secret"], free=False)
    add("amplitude-secret-key", lambda r: rs(r, HEX, 32), ["AMPLITUDE_SECRET_KEY"], free=False)
    add("algolia-admin-key", lambda r: rs(r, HEX, 32), ["ALGOLIA_ADMIN_KEY", "ALGOLIA_API_KEY"], free=False)
    add("mapbox-secret-token", lambda r: "sk.eyJ1Ijoi" + rs(r, B64U, 40) + rs(r, AN, 1) + "." + rs(r, B64U, 21) + rs(r, AN, 1), ["MAPBOX_SECRET_TOKEN"])
    add("fastly-api-token", lambda r: rs(r, B64U, 31) + rs(r, AN, 1), ["FASTLY_API_TOKEN", "FASTLY_KEY"], free=False)
    add("dynatrace-api-token", lambda r: "dt0c01." + rs(r, UPAN, 24) + "." + rs(r, UPAN, 64), ["DT_API_TOKEN"])
    add("defined-networking-api-key", lambda r: "dnkey-" + rs(r, UPAN, 26) + "-" + rs(r, UPAN, 52), ["DN_API_KEY"])
    add("prefect-api-key", lambda r: "pnu_" + rs(r, AN, 36), ["PREFECT_API_KEY"])
    add("readme-api-key", lambda r: "rdme_" + rs(r, LOWAN, 70), ["README_API_KEY"])
    add("scalingo-api-token", lambda r: "tk-us-" + rs(r, B64U, 47) + rs(r, AN, 1), ["SCALINGO_API_TOKEN"])
    add("frameio-api-token", lambda r: "fio-u-" + rs(r, B64U, 63) + rs(r, AN, 1), ["FRAMEIO_TOKEN"])
    add("posthog-personal-api-key", lambda r: "phx_" + rs(r, AN, 43), ["POSTHOG_PERSONAL_API_KEY"])
    add("salesforce-access-token", lambda r: "00D" + rs(r, AN, 12) + "!" + rs(r, AN + ".", 95) + rs(r, AN, 1), ["SF_ACCESS_TOKEN", "SALESFORCE_TOKEN"])
    add("splunk-hec-token", lambda r: uuid(r, upper=r.random() < .5), ["SPLUNK_HEC_TOKEN"], free=False,
        line=multi("SPLUNK_HEC_TOKEN={s}", "Authorization: Splunk {s}", '  splunk_hec_token: "{s}"'))
    add("sumologic-access-key", lambda r: rs(r, AN, 64), ["SUMO_ACCESS_KEY", "SUMOLOGIC_ACCESSKEY"], free=False)
    add("loggly-token", lambda r: uuid(r), ["LOGGLY_TOKEN", "loggly_customer_token"], free=False)
    add("rollbar-access-token", lambda r: rs(r, HEX, 32), ["ROLLBAR_ACCESS_TOKEN", "ROLLBAR_TOKEN"], free=False)
    add("bugsnag-api-key", lambda r: rs(r, HEX, 32), ["BUGSNAG_API_KEY"], free=False)
    add("opsgenie-api-key", lambda r: uuid(r), ["OPSGENIE_API_KEY"], free=False)
    add("algolia-app-secret", lambda r: rs(r, HEX, 32), ["ALGOLIA_SECRET", "algolia_write_key"], free=False)
    add("cloudinary-url", lambda r: rs(r, B64U, 26) + rs(r, AN, 1), line=ctx("CLOUDINARY_URL=cloudinary://{n}{n}:{s}@{u}"))
    add("mux-token-secret", lambda r: rs(r, B64, 74) + rs(r, AN, 1), ["MUX_TOKEN_SECRET"], free=False)
    add("lokalise-api-token", lambda r: rs(r, HEX, 40), ["LOKALISE_API_TOKEN"], free=False)
    add("sidekiq-enterprise-credentials", lambda r: rs(r, HEX, 8) + ":" + rs(r, HEX, 8),
        line=multi("BUNDLE_ENTERPRISE__CONTRIBSYS__COM={s}", "export BUNDLE_GEMS__CONTRIBSYS__COM=\"{s}\""))
    add("sidekiq-enterprise-url", lambda r: rs(r, HEX, 8), line=ctx("source \"https://{h}:{s}@enterprise.contribsys.com/\""))
    add("beamer-api-key", lambda r: "b_" + rs(r, B64U, 43) + rs(r, AN, 1), ["BEAMER_API_KEY"], free=False)
    add("kubernetes-sa-token", lambda r: jwt(r), line=ctx("kubectl --token={s} get pods"))
    add("algolia-search-key-context", lambda r: rs(r, HEX, 32), ["ALGOLIA_SEARCH_API_KEY"], free=False)
    add("statuspage-api-key", lambda r: uuid(r), ["STATUSPAGE_API_KEY"], free=False)
    add("freshbooks-access-token", lambda r: rs(r, HEX, 64), ["FRESHBOOKS_ACCESS_TOKEN"], free=False)
    add("miro-access-token", lambda r: "eyJtaXJvLm9yaWdpbiI6ImV1MDEifQ_" + rs(r, B64U, 26) + rs(r, AN, 1), ["MIRO_ACCESS_TOKEN"])
    add("looker-client-secret", lambda r: rs(r, AN, 24), ["LOOKERSDK_CLIENT_SECRET", "looker_client_secret"], free=False)
    add("age-secret-key", age_secret_key, ["AGE_SECRET_KEY"], line=multi("AGE-SECRET-KEY-LINE {s}", "# created: 2025-01-01\n{s}", "SOPS_AGE_KEY={s}"))

    # ---------------------------------------------------------------- connection strings and URLs
    pw = clean(password)
    upw = url_password
    add("postgres-uri-password", upw, line=multi("DATABASE_URL=postgres://app:{s}@db.{u}.internal:5432/app",
                                                "postgresql+psycopg2://svc_{u}:{s}@10.0.3.4/reports?sslmode=require"))
    add("mysql-uri-password", upw, line=multi("DB_URL=mysql://root:{s}@127.0.0.1:3306/shop", "mariadb://{u}:{s}@db-{u}:3306/wp"))
    add("mongodb-uri-password", upw, line=multi("MONGO_URL=mongodb+srv://{u}:{s}@cluster0.{u}.mongodb.net/app?retryWrites=true",
                                               "mongodb://admin:{s}@mongo-0:27017,mongo-1:27017/?replicaSet=rs0"))
    add("redis-uri-password", upw, line=multi("REDIS_URL=redis://:{s}@cache.{u}.local:6379/0", "rediss://default:{s}@{u}.upstash.io:6379"))
    add("amqp-uri-password", upw, line=multi("BROKER_URL=amqp://guest_{u}:{s}@rabbit:5672/vhost", "amqps://{u}:{s}@b-{h}.mq.eu-west-1.amazonaws.com:5671"))
    add("mssql-connection-password", upw, line=multi("Server=tcp:{u}.database.windows.net,1433;Database=app;User ID=sa;Password={s};Encrypt=True;",
                                                    "Data Source=SQL01;Initial Catalog=Billing;User Id=billing;Pwd={s};"))
    add("jdbc-url-password", upw, line=multi("spring.datasource.url=jdbc:mysql://db:3306/app?user=app&password={s}&useSSL=true",
                                            "jdbc:sqlserver://sql01:1433;databaseName=crm;user=crm;password={s};"))
    add("jdbc-userinfo-password", upw, line=ctx("url: jdbc:postgresql://report:{s}@pg.{u}.local:5432/warehouse"))
    add("url-userinfo-password", upw, line=multi("git clone https://{u}:{s}@git.{u}.com/team/repo.git", "proxy = http://proxyuser:{s}@proxy.{u}.lan:3128",
                                                "ftp://backup:{s}@files.{u}.net/pub/"))
    add("ldap-bind-password", pw, line=multi("ldap_bind_password = {s}", "bindPassword: \"{s}\""))

    # ---------------------------------------------------------------- private keys
    add("private-key-rsa", lambda r: pem(r, "RSA PRIVATE KEY", r.randint(8, 25)), line=ctx("{s}"))
    add("private-key-ec", lambda r: pem(r, "EC PRIVATE KEY", 3, start="MHc"), line=ctx("{s}"))
    add("private-key-dsa", lambda r: pem(r, "DSA PRIVATE KEY", 10, start="MIIBu"), line=ctx("{s}"))
    add("private-key-openssh", lambda r: pem(r, "OPENSSH PRIVATE KEY", r.randint(5, 30), start="b3BlbnNzaC1rZXktdjEAAAAA"), line=ctx("{s}"))
    add("private-key-pkcs8", lambda r: pem(r, "PRIVATE KEY", r.randint(3, 26)), line=ctx("{s}"))
    add("private-key-pkcs8-encrypted", lambda r: pem(r, "ENCRYPTED PRIVATE KEY", r.randint(4, 28)), line=ctx("{s}"))
    add("private-key-rsa-encrypted-pem", lambda r: pem(r, "RSA PRIVATE KEY", 16, start=rs(r, AN, 3),
                                                       headers="Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC," + rs(r, UHEX, 32) + "\n\n"), line=ctx("{s}"))
    add("private-key-pgp", pgp, line=ctx("{s}"))
    add("private-key-putty", putty, line=ctx("{s}"))
    add("private-key-ssh2-encrypted", lambda r: "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nComment: \"rsa-key-%d\"\n%s\n---- END SSH2 ENCRYPTED PRIVATE KEY ----" % (r.randint(2020, 2026), pem_body(r, 10, "P2/56wAAA")), line=ctx("{s}"))
    add("private-key-escaped", lambda r: "-----BEGIN " + r.choice(["RSA ", "EC ", "OPENSSH ", ""]) + "PRIVATE KEY-----\\n" + "\\n".join(pem_body(r, 8).split("\n")) + "\\n-----END",
        line=multi('SSH_KEY="{s} PRIVATE KEY-----"', "JWT_PRIVATE_KEY='{s} PRIVATE KEY-----\\n'"))

    # ---------------------------------------------------------------- structured tokens
    add("jwt", jwt, ["ID_TOKEN", "access_token"])
    add("authorization-basic", lambda r: b64(("%s:%s" % (rs(r, LOW, 6), password(r))).encode()),
        line=multi("Authorization: Basic {s}", "curl -H 'Authorization: Basic {s}' https://api.{u}.com/v1/ping", "  authorization: \"Basic {s}\""))
    add("authorization-bearer", clean(lambda r: rs(r, B64U, 39) + rs(r, AN, 1)),
        line=multi("Authorization: Bearer {s}", "curl -H \"Authorization: Bearer {s}\" https://api.{u}.io/me", "{ts} DEBUG http: > authorization: bearer {s}"))
    add("bearer-token-string", clean(lambda r: rs(r, AN + "._-", 35) + rs(r, AN, 1)),
        line=multi("headers['Authorization'] = 'Bearer {s}'", "const auth = `Bearer {s}`;"))
    add("session-cookie", clean(lambda r: rs(r, B64U, 39) + rs(r, AN, 1)),
        line=multi("Cookie: theme=dark; sessionid={s}; lang=en", "Set-Cookie: connect.sid={s}; Path=/; HttpOnly",
                   "Cookie: PHPSESSID={s}", "set-cookie: _gh_sess={s}; path=/; secure"))
    add("curl-user-password", pw, line=multi("curl -u deploy:{s} https://nexus.{u}.io/repository/raw/", "curl --user 'admin:{s}' -X POST https://{u}.example.org/api"))
    add("x-api-key-header", clean(lambda r: rs(r, AN, 39) + rs(r, AN, 1)), line=multi("X-API-Key: {s}", "curl -H 'x-api-key: {s}' https://api.{u}.dev/v2"))
    add("password-hash-bcrypt", lambda r: "$2" + r.choice("aby") + "$" + r.choice(["10", "12"]) + "$" + rs(r, AN + "./", 53), line=multi("admin:{s}", '  password_hash: "{s}"'))
    add("password-hash-sha512-crypt", lambda r: "$6$" + rs(r, AN + "./", 16) + "$" + rs(r, AN + "./", 86), line=ctx("root:{s}:19700:0:99999:7:::"))
    add("password-hash-apr1", lambda r: "$apr1$" + rs(r, AN + "./", 8) + "$" + rs(r, AN + "./", 22), line=ctx("admin:{s}"))

    # ---------------------------------------------------------------- generic credentials
    add("generic-password", pw, ["DB_PASSWORD", "password", "MYSQL_ROOT_PASSWORD", "smtp_pass", "admin.password", "passwd"], free=False)
    add("generic-secret", clean(lambda r: rs(r, AN, 1) + rs(r, AN + "_-", 29) + rs(r, AN, 2)), ["APP_SECRET", "client_secret", "JWT_SECRET", "auth_token", "api_key", "SECRET_KEY_BASE", "access_token", "apiKey", "private_key"], free=False)
    add("generic-cli-password", pw, line=multi("mysqldump -u root --password={s} shop > dump.sql", "./manage --db-password \"{s}\" migrate",
                                               "docker login -u ci --password '{s}' registry.{u}.io"))
    add("generic-cli-token", clean(lambda r: rs(r, AN, 31) + rs(r, AN, 1)), line=multi("kubectl --token={s} get pods", "terraform login --api-token {s}", "./cli --api-key={s} sync"))
    add("mysql-cli-password", pw, line=multi("mysql -h db -u root -p'{s}' shop", "mysql -uroot -p{s} -e 'show databases'"))
    add("sshpass-password", pw, line=ctx("sshpass -p '{s}' ssh deploy@10.0.0.{n}"))
    add("password-env-var", pw, line=multi("PGPASSWORD={s} psql -h db -U app", "MYSQL_PWD='{s}' mysql -u app", "export REDISCLI_AUTH={s}"))
    add("netrc-password", pw, line=multi("machine api.{u}.com login bot password {s}", "machine github.com login x-access password {s}"))
    add("xml-password", pw, line=multi("    <password>{s}</password>", "<add key=\"Password\" value=\"{s}\" />", "      <Password>{s}</Password>"))
    add("htpasswd-sha1", lambda r: "{SHA}" + b64(rbytes(r, 20)), line=ctx("webadmin:{s}"))
    return F


# ---------------------------------------------------------------------------- corpora

WORDS = """the of and to in is that for it as was with be by on not he this are or his from at
which but have an they you were her all she there would their we him been has when who will more
no if out so said what up its about into than them can only other new some could time these two
may then do first any my now such like our over man me even most made after also did many before
must through back years where much your way well down should because each just those people how
too little state good very make world still own see men work long get here between both life
being under never day same another know while last might us great old year off come since
against go came right used take three small report window river garden silver kettle morning
harbor lantern meadow thunder quiet copper bridge engine signal winter market number""".split()


def sentence(r):
    n = r.randint(6, 18)
    w = [r.choice(WORDS) for _ in range(n)]
    w[0] = w[0].capitalize()
    return " ".join(w) + r.choice([".", ".", ".", "?", "!"])


def semver(r):
    return "%d.%d.%d" % (r.randint(0, 30), r.randint(0, 60), r.randint(0, 200))


def pkg(r):
    return r.choice(["@babel/", "@types/", "", "", "@aws-sdk/"]) + "-".join(r.choice(WORDS) for _ in range(r.randint(1, 2)))


def decoy_lines(r):
    """Yields endless decoy lines."""
    js_ids = ["a", "b", "c", "e", "t", "n", "r", "o", "i", "s", "u", "l"]
    while True:
        k = r.randint(0, 29)
        if k == 0:
            yield "%s request_id=%s trace=%s span=%s status=200 dur=%dms" % (ts(r), uuid(r), rs(r, HEX, 32), rs(r, HEX, 16), r.randint(1, 900))
        elif k == 1:
            yield "commit %s\nMerge: %s %s\nAuthor: %s %s\nDate:   %s\n\n    %s" % (
                rs(r, HEX, 40), rs(r, HEX, 7), rs(r, HEX, 7), r.choice(WORDS).capitalize(), r.choice(WORDS).capitalize(), ts(r), sentence(r))
        elif k == 2:
            yield "%s  %s" % (rs(r, HEX, 64), "dist/" + r.choice(WORDS) + "-" + semver(r) + ".tar.gz")
        elif k == 3:
            yield rs(r, B64, 76) if r.random() < .5 else b64(rbytes(r, r.randint(20, 57)))
        elif k == 4:
            v = [r.choice(js_ids) for _ in range(6)]
            yield ('!function(%s,%s){"use strict";var %s=%s.exports={},%s=function(%s){return %s.map(function(x){return x*%d})};'
                   '%s.prototype.%s=function(){return this._%s||(this._%s=%s(%d))},%s.default=%s}(this,function(){return "%s"});') % (
                v[0], v[1], v[2], v[0], v[3], v[4], v[4], r.randint(2, 99), v[5], r.choice(WORDS), r.choice(WORDS), r.choice(WORDS),
                v[3], r.randint(0, 999), v[2], v[3], rs(r, AN, r.randint(8, 30)))
        elif k == 5:
            name = pkg(r)
            yield ('    "node_modules/%s": {\n      "version": "%s",\n      "resolved": "https://registry.npmjs.org/%s/-/%s-%s.tgz",\n'
                   '      "integrity": "sha512-%s",\n      "dev": true\n    },') % (name, semver(r), name, name.split("/")[-1], semver(r), b64(rbytes(r, 64)))
        elif k == 6:
            yield '[[package]]\nname = "%s"\nversion = "%s"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "%s"\n' % (
                r.choice(WORDS) + "-" + r.choice(WORDS), semver(r), rs(r, HEX, 64))
        elif k == 7:
            name = pkg(r)
            yield '"%s@^%s":\n  version "%s"\n  resolved "https://registry.yarnpkg.com/%s/-/%s-%s.tgz#%s"\n  integrity sha1-%s' % (
                name, semver(r), semver(r), name, name.split("/")[-1], semver(r), rs(r, HEX, 40), b64(rbytes(r, 20)))
        elif k == 8:
            yield "github.com/%s/%s v%s h1:%s" % (r.choice(WORDS), r.choice(WORDS), semver(r), b64(rbytes(r, 32)))
        elif k == 9:
            yield "%s %s" % (sentence(r), sentence(r))
        elif k == 10:
            yield "image: registry.%s.io/%s/%s@sha256:%s" % (r.choice(WORDS), r.choice(WORDS), r.choice(WORDS), rs(r, HEX, 64))
        elif k == 11:
            yield "  %s: %s  # %s" % (r.choice(["id", "uid", "object_id", "tenant", "ref", "etag", "node"]), r.choice([uuid(r), rs(r, HEX, 24), rs(r, HEX, 32), rs(r, UHEX, 16)]), sentence(r))
        elif k == 12:
            yield "%s [%s] %s version=%s build=%s pid=%d" % (ts(r), r.choice(["INFO", "DEBUG", "WARN"]), sentence(r), semver(r), rs(r, HEX, 7), r.randint(100, 65000))
        elif k == 13:
            yield '{"id":"%s","created":%d,"hash":"%s","etag":"W/\\"%s\\"","size":%d,"name":"%s"}' % (
                uuid(r), r.randint(1.5e9, 1.8e9), rs(r, HEX, 40), rs(r, HEX, 32), r.randint(0, 10**7), r.choice(WORDS))
        elif k == 14:
            yield "-----BEGIN CERTIFICATE-----\n%s\n-----END CERTIFICATE-----" % pem_body(r, 6)
        elif k == 15:
            yield "-----BEGIN PUBLIC KEY-----\n%s\n-----END PUBLIC KEY-----" % pem_body(r, 5)
        elif k == 16:
            yield "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI%s %s@%s" % (rs(r, B64, 43), r.choice(WORDS), r.choice(WORDS))
        elif k == 17:
            yield r.choice([
                'password = os.environ["DB_PASSWORD"]', "password: ${DB_PASSWORD}", 'api_key = "<your-api-key>"',
                "AWS_SECRET_ACCESS_KEY=${{ secrets.AWS_SECRET_ACCESS_KEY }}", "token: {{ .Values.token }}",
                "export GITHUB_TOKEN=$(gh auth token)", "DATABASE_URL=postgres://user:password@localhost:5432/db",
                'secret_key = getenv("SECRET_KEY")', "password = None", "client_secret: changeme",
                "AKIAIOSFODNN7EXAMPLE", "api_key: xxxxxxxxxxxxxxxxxxxx", "password: '********'",
                "Authorization: Bearer <token>", "DB_PASSWORD=", "token = config.get('token')",
                'if password == confirm_password:', "def login(username, password):", "self.password = password",
                "passwordless sign-in is enabled", "Password must be at least 12 characters.",
                "curl -u $USER:$TOKEN https://example.invalid", "mysql -u root -p", "secret: !vault |",
            ])
        elif k == 28:
            yield r.choice([
                '  "token_id": "%s",' % uuid(r), "secret_name: prod/%s/Creds%d" % (r.choice(WORDS), r.randint(2020, 2026)),
                "cache_key = '%s'" % rs(r, HEX, 64), "api_key_id: %s" % rs(r, HEX, 24), "token_type: Bearer",
                '{"password_reset_expiry": %d, "secret_arn": "arn:aws:secretsmanager:eu-west-1:%s:secret:%s-%s"}' % (r.randint(60, 9999), rs(r, DIG, 12), r.choice(WORDS), rs(r, AN, 6)),
                "heroku releases: v%d deployed %s by %s" % (r.randint(1, 900), rs(r, HEX, 7), r.choice(WORDS)),
                "datadog: sent %d metrics in %dms (batch %s)" % (r.randint(1, 9999), r.randint(1, 999), rs(r, HEX, 32)),
                "stripe: charge ch_%s captured, idempotency_key=%s" % (rs(r, AN, 24), uuid(r)),
                "e.apiKey=t.apiKey||n.token,e.password=o.password;var s=r.secretKey;",
                "Bearer tokens are described in RFC 6750 and Basic credentials in RFC 7617.",
                "ASIAN-PACIFIC AKIAK ghp_ npm_ xoxb- sk_live_ glpat- are token prefixes we scan for.",
            ])
        elif k == 18:
            yield "v%s (%s) %s" % (semver(r), ts(r)[:10], sentence(r))
        elif k == 19:
            yield "0x%s 0x%s %s %s" % (rs(r, HEX, 16), rs(r, HEX, 64), rs(r, HEX, 40), rs(r, UHEX, 8))
        elif k == 20:
            yield "data:image/png;base64,%s" % b64(rbytes(r, r.randint(60, 300)))
        elif k == 21:
            yield "https://%s.%s.com/%s/%s?utm_source=%s&id=%s&v=%s" % (r.choice(WORDS), r.choice(WORDS), r.choice(WORDS), rs(r, LOWAN, 11), r.choice(WORDS), rs(r, DIG, 9), semver(r))
        elif k == 22:
            yield "%s,%s,%s,%d,%.4f,%s" % (uuid(r), ts(r), r.choice(WORDS), r.randint(0, 10**6), r.random(), rs(r, HEX, 12))
        elif k == 23:
            yield "%s %s %s" % (rs(r, HEX, 7), r.choice(["fix:", "feat:", "chore:", "docs:"]), sentence(r))
        elif k == 24:
            yield "  sha1: %s  md5: %s  crc32: %s" % (rs(r, HEX, 40), rs(r, HEX, 32), rs(r, HEX, 8))
        elif k == 25:
            yield "const %s = \"%s\"; // %s" % (r.choice(["hash", "digest", "checksum", "nonce", "etag", "version"]), r.choice([rs(r, HEX, 64), b64(rbytes(r, 24)), semver(r)]), sentence(r))
        elif k == 26:
            yield "    at %s.%s (%s/%s.js:%d:%d)" % (r.choice(WORDS).capitalize(), r.choice(WORDS), "/srv/app/node_modules/" + r.choice(WORDS), r.choice(WORDS), r.randint(1, 9999), r.randint(1, 99))
        elif k == 29:
            # Right shape, wrong checksum or structure: only the validators tell these apart.
            good = crc_token(r, r.choice(["ghp_", "gho_", "npm_"]))
            bad = good[:-1] + r.choice([c for c in B62 if c != good[-1]])
            fake_pypi = "pypi-AgEIcHlwaS5vcmc" + rs(r, B64U, 120)
            fake_jwt = ".".join(b64url(rbytes(r, n)) for n in (24, 40, 32))
            fake_age = age_secret_key(r)
            fake_age = fake_age[:-1] + ("Q" if fake_age[-1] != "Q" else "P")
            fake_discord = b64url(rs(r, LOW, 18).encode()) + "." + rs(r, B64U, 6) + "." + rs(r, B64U, 38)
            # Outside assignments: a credential-looking value assigned to TOKEN= is reported by the
            # generic rules whatever its checksum, and should be.
            yield r.choice([
                "%s WARN checksum mismatch, ignoring %s" % (ts(r), bad), "fixture %s rejected by the verifier" % fake_pypi,
                "decoded eyJ%s: not JSON" % fake_jwt, "bech32 error in %s" % fake_age, "discord id check failed: %s" % fake_discord,
                "Authorization: Basic " + b64(rs(r, AN, 18).encode()),
            ])
        elif k == 27:
            yield "%s=%s" % (r.choice(["NODE_ENV", "LOG_LEVEL", "PORT", "REGION", "TZ", "WORKERS", "HOST", "BUILD_ID", "COMMIT_SHA"]),
                             r.choice(["production", "debug", str(r.randint(1000, 9999)), "eu-west-1", "UTC", rs(r, HEX, 40), uuid(r)]))


def pem_b64_cert(r):
    """A certificate in base64 PEM, as kubeconfig certificate-authority-data holds it."""
    body = "MIIC" + rs(r, B64, 60)
    lines = [body] + [rs(r, B64, 64) for _ in range(r.randint(8, 14))]
    return b64(("-----BEGIN CERTIFICATE-----\n" + "\n".join(lines) + "\n-----END CERTIFICATE-----\n").encode())


def vlq(r, n):
    segs = []
    for _ in range(n):
        segs.append("".join(rs(r, B64, r.choice([4, 4, 5, 6])) for _ in range(r.randint(1, 5))))
    return ";".join(",".join(segs[i:i + 4]) for i in range(0, len(segs), 4))


def decoy_config_lines(r):
    """Configuration, manifests and build output that hold no secret but look like the places
    secrets live (issue 16): lock-file integrity hashes, source maps, Terraform plans and
    state, Kubernetes manifests and kubeconfigs with certificates only, public JWKs,
    WireGuard public keys, Kafka and Redis settings without passwords; for the long tail of
    issue 16 also provider identifiers that are not credentials, public wallet keys and
    transaction hashes, shadow files with locked accounts, network device configuration,
    signature headers without a signature, image digests, Wi-Fi settings without a key."""
    while True:
        k = r.randint(0, 22)
        name = pkg(r)
        if k == 0:
            yield ('    "node_modules/%s": {\n      "version": "%s",\n      "resolved": "https://registry.npmjs.org/%s/-/%s-%s.tgz",\n'
                   '      "integrity": "sha512-%s",\n      "license": "MIT"\n    },') % (
                name, semver(r), name, name.split("/")[-1], semver(r), b64(rbytes(r, 64)))
        elif k == 1:
            yield ('{"version":3,"file":"%s.min.js","sources":["webpack:///./src/%s.ts","webpack:///./src/%s.ts"],'
                   '"names":["e","t","n","%s"],"mappings":"%s","sourceRoot":""}') % (
                r.choice(WORDS), r.choice(WORDS), r.choice(WORDS), r.choice(WORDS), vlq(r, r.randint(20, 60)))
        elif k == 2:
            sm = json.dumps({"version": 3, "sources": ["src/%s.ts" % r.choice(WORDS)], "names": [], "mappings": vlq(r, 12)})
            yield "//# sourceMappingURL=data:application/json;charset=utf-8;base64," + b64(sm.encode())
        elif k == 3:
            res = r.choice(["aws_db_instance", "aws_iam_access_key", "google_sql_user", "azurerm_key_vault_secret", "random_password"])
            yield ('  # %s.%s will be created\n  + resource "%s" "%s" {\n      + arn      = (known after apply)\n'
                   '      + id       = (known after apply)\n      + password = (sensitive value)\n      + secret   = (sensitive value)\n'
                   '      + tags     = {\n          + "Name" = "%s"\n        }\n    }\n\nPlan: %d to add, %d to change, 0 to destroy.') % (
                res, r.choice(WORDS), res, r.choice(WORDS), r.choice(WORDS), r.randint(1, 9), r.randint(0, 3))
        elif k == 4:
            yield ('    {\n      "mode": "managed",\n      "type": "aws_instance",\n      "name": "%s",\n      "instances": [\n        {\n'
                   '          "schema_version": 1,\n          "attributes": {\n            "ami": "ami-%s",\n            "arn": "arn:aws:ec2:eu-west-1:%s:instance/i-%s",\n'
                   '            "availability_zone": "eu-west-1%s",\n            "user_data": "%s"\n          },\n          "sensitive_attributes": [],\n'
                   '          "private": "%s"\n        }\n      ]\n    },') % (
                r.choice(WORDS), rs(r, HEX, 17), rs(r, DIG, 12), rs(r, HEX, 17), r.choice("abc"), rs(r, HEX, 40),
                b64(json.dumps({"schema_version": "1"}).encode()))
        elif k == 5:
            app = r.choice(WORDS)
            yield ('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: %s\n  annotations:\n    checksum/config: %s\nspec:\n  template:\n    spec:\n'
                   '      serviceAccountName: %s\n      imagePullSecrets:\n        - name: regcred\n      containers:\n        - name: %s\n'
                   '          image: ghcr.io/acme/%s@sha256:%s\n          env:\n            - name: DB_PASSWORD\n              valueFrom:\n'
                   '                secretKeyRef:\n                  name: %s-db\n                  key: password\n            - name: API_TOKEN\n'
                   '              valueFrom:\n                secretKeyRef: {name: %s-api, key: token}\n---') % (
                app, rs(r, HEX, 64), app, app, app, rs(r, HEX, 64), app, app)
        elif k == 6:
            yield ('apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority-data: %s\n    server: https://%s.k8s.example.net:6443\n'
                   '  name: %s\nusers:\n- name: %s\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: aws\n'
                   '      args: ["eks", "get-token", "--cluster-name", "%s"]') % (
                pem_b64_cert(r), r.choice(WORDS), r.choice(WORDS), r.choice(WORDS), r.choice(WORDS))
        elif k == 7:
            yield ('{"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"%s","n":"%s","e":"AQAB"},'
                   '{"kty":"EC","crv":"P-256","kid":"%s","x":"%s","y":"%s"}]}') % (
                rs(r, HEX, 16), b64url(rbytes(r, 256)), rs(r, HEX, 16), b64url(rbytes(r, 32)), b64url(rbytes(r, 32)))
        elif k == 8:
            yield "[Peer]\nPublicKey = %s\nAllowedIPs = fd00:%x::/64\nEndpoint = %s.example.net:51820\nPersistentKeepalive = 25" % (
                b64(rbytes(r, 32)), r.randint(2, 254), r.choice(WORDS))
        elif k == 9:
            yield r.choice([
                "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\nssl.endpoint.identification.algorithm=https",
                "sasl.jaas.config=${KAFKA_JAAS_CONFIG}", "# requirepass foobared\nmaxmemory-policy allkeys-lru\nappendonly yes",
                "APP_KEY=\nAPP_ENV=production\nAPP_DEBUG=false", "SECRET_KEY = os.environ['DJANGO_SECRET_KEY']",
                "docker swarm join-token worker", "kubeadm token create --print-join-command",
                "X-Amz-Content-Sha256: %s" % rs(r, HEX, 64), "x-goog-hash: crc32c=%s, md5=%s" % (b64(rbytes(r, 4)), b64(rbytes(r, 16))),
                "ansible-vault encrypt_string --vault-id prod@prompt 'value' --name 'db_password'",
                "storePassword System.getenv(\"KEYSTORE_PASSWORD\")", "ossrhUsername=%s" % r.choice(WORDS),
            ])
        elif k == 10:
            yield '  "x5c": ["%s"],' % b64(bytes([0x30, 0x82, 0x03, 0x10, 0x30, 0x82, 0x02, 0x78, 0xA0, 0x03, 0x02, 0x01, 0x02]) + rbytes(r, 200))
        elif k == 11:
            yield "%s  %s  %s" % (rs(r, HEX, 64), r.choice(["sha256", "sha512"]), "charts/%s-%s.tgz" % (r.choice(WORDS), semver(r)))
        elif k == 12:
            yield ('resource "aws_s3_bucket_policy" "%s" {\n  bucket = aws_s3_bucket.%s.id\n  policy = data.aws_iam_policy_document.%s.json\n}\n'
                   'variable "db_password" {\n  type      = string\n  sensitive = true\n}') % (r.choice(WORDS), r.choice(WORDS), r.choice(WORDS))
        elif k == 13:
            yield "%s [INFO] terraform: Refreshing state... [id=%s]\n%s [INFO] terraform: module.%s.aws_kms_key.this: Still creating... [10s elapsed]" % (
                ts(r), r.choice(["i-", "sg-", "vpc-", "subnet-"]) + rs(r, HEX, 17), ts(r), r.choice(WORDS))
        elif k == 14:
            yield "%s@%s: resolved %s, integrity sha512-%s" % (name, semver(r), rs(r, HEX, 40), b64(rbytes(r, 64)))
        elif k == 16:
            yield r.choice([
                "BRAZE_CAMPAIGN_ID=%s" % uuid(r), "SENTRY_RELEASE=%s" % rs(r, HEX, 40), "DEEPL_GLOSSARY_ID=%s" % uuid(r),
                "GHOST_POST_ID=%s" % rs(r, HEX, 24), "WEBFLOW_COLLECTION_ID=%s" % rs(r, HEX, 24), "AGORA_APP_ID=%s" % rs(r, HEX, 32),
                "TELEGRAM_API_ID=%d" % r.randint(100000, 99999999), "SHODAN_QUERY_ID=%s" % rs(r, AN, 32),
                "ETHERSCAN_TX=0x%s" % rs(r, HEX, 64), "LIVEKIT_URL=wss://%s.livekit.cloud" % r.choice(WORDS),
                "STRAPI_ENTRY_ID=%s" % rs(r, HEX, 24), "INFURA_NETWORK=mainnet", "KUCOIN_ORDER_ID=%s" % uuid(r),
                "CLICKHOUSE_CLUSTER_ID=%s" % uuid(r), "TURBO_TEAM=team_%s" % rs(r, AN, 24), "PERCY_BUILD_ID=%d" % r.randint(10**7, 10**9),
                "HONEYBADGER_ENV=production", "COCOAPODS_CDN_HASH=%s" % rs(r, HEX, 32), "ROBOFLOW_WORKSPACE=%s" % r.choice(WORDS),
            ])
        elif k == 17:
            yield r.choice([
                '{"blockNumber": "0x%x", "transactionHash": "0x%s", "status": "0x1"}' % (r.randint(10**6, 10**8), rs(r, HEX, 64)),
                "wallet_key_id: 0x%s" % rs(r, HEX, 64), "storage_key = 0x%s" % rs(r, HEX, 64),
                "account xpub: xpub661MyMwAqRbc%s" % rs(r, B58, 95), "npub1%s" % rs(r, BECH32, 58),
                "%s INFO watch-only wallet imported (descriptor wpkh([%s/84h/0h/0h]xpub6%s/0/*))" % (ts(r), rs(r, HEX, 8), rs(r, B58, 105)),
            ])
        elif k == 18:
            yield r.choice([
                "daemon:*:19876:0:99999:7:::", "nobody:!:19876:0:99999:7:::", "%s:!!:19876::::::" % r.choice(WORDS),
                "[*] Dumping local SAM hashes (uid:rid:lmhash:nthash)", "systemd-network:!*:19876::::::",
                "std::map<std::string, int>::iterator it = m.find(key);",
            ])
        elif k == 19:
            yield r.choice([
                "service password-encryption\nno ip http server\ncrypto key generate rsa modulus 2048",
                "interface GigabitEthernet0/%d\n description uplink-%s\n ip address dhcp\n no shutdown" % (r.randint(0, 48), r.choice(WORDS)),
                "set system login user %s class super-user\nset interfaces ge-0/0/%d unit 0 description uplink" % (r.choice(WORDS), r.randint(0, 47)),
                "config system admin\n    edit \"admin\"\n        set accprofile \"super_admin\"\n        set vdom \"root\"\n    next\nend",
                "user default on nopass ~* &* +@all", "user %s on #%s ~cache:* +get" % (r.choice(WORDS), rs(r, HEX, 64)),
            ])
        elif k == 20:
            yield r.choice([
                'WWW-Authenticate: Hawk ts="%d", tsm="%s", error="Stale timestamp"' % (r.randint(10**9, 2 * 10**9), b64(rbytes(r, 32))),
                'Signature-Input: sig1=("@method" "@authority" "content-digest");created=%d;keyid="%s-key"' % (r.randint(10**9, 2 * 10**9), r.choice(WORDS)),
                "Content-Digest: sha-256=:%s:" % b64(rbytes(r, 32)), "Digest: SHA-256=%s" % b64(rbytes(r, 32)),
                "X-Amz-Date: 20260105T%02d%02d%02dZ" % (r.randint(0, 23), r.randint(0, 59), r.randint(0, 59)),
                "Authorization: Bearer ${ACCESS_TOKEN}", "Authorization: Basic ${BASIC_AUTH}",
            ])
        elif k == 21:
            yield r.choice([
                "  image: quay.io/%s/%s@sha256:%s" % (r.choice(WORDS), r.choice(WORDS), rs(r, HEX, 64)),
                '<script src="https://cdn.example.net/%s.js" integrity="sha384-%s" crossorigin="anonymous"></script>' % (r.choice(WORDS), b64(rbytes(r, 48))),
                "PASSWORD_HASHERS: argon2id$v=19$m=65536,t=3,p=4", "hash_algorithm = pbkdf2_sha256$870000",
                "openshift.io/image.dockerRepositoryCheck: \"2026-01-05T10:10:10Z\"\nimage.openshift.io/digest: sha256:%s" % rs(r, HEX, 64),
            ])
        elif k == 22:
            yield r.choice([
                'network={\n    ssid="%s-guest"\n    key_mgmt=NONE\n    priority=1\n}' % r.choice(WORDS),
                "[wifi-security]\nkey-mgmt=wpa-psk\npsk-flags=1", "wpa_key_mgmt=WPA-PSK\nwpa_pairwise=CCMP\nrsn_pairwise=CCMP",
            ])
        else:
            yield '    <server>\n      <id>%s</id>\n      <username>${env.MAVEN_USER}</username>\n      <password>${env.MAVEN_PASSWORD}</password>\n    </server>' % r.choice(WORDS)


def write_decoy_config(here, size=1_100_000):
    gen = decoy_config_lines(random.Random(1616))
    out, n = [], 0
    while n < size:
        line = next(gen)
        out.append(line)
        n += len(line) + 1
    with open(os.path.join(here, "decoy-config.txt"), "w", newline="\n") as f:
        f.write("\n".join(out) + "\n")
    return n


def write_planted(here):
    r = random.Random(20260311)
    fill = decoy_lines(random.Random(7))
    lines, manifest = [], []
    fams = families()
    for rep in range(4):
        order = list(fams)
        r.shuffle(order)
        for fam in order:
            for _ in range(r.randint(0, 2)):
                lines.extend(next(fill).split("\n"))
            secret = fam.gen(r)
            text = render(r, fam, secret)
            idx = text.index(secret)
            lineno = len(lines) + 1 + text[:idx].count("\n")
            manifest.append({"line": lineno, "rule": fam.rule, "secret": secret})
            lines.extend(text.split("\n"))
    with open(os.path.join(here, "planted.txt"), "w", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(here, "planted.manifest.jsonl"), "w", newline="\n") as f:
        for m in manifest:
            f.write(json.dumps(m, sort_keys=True) + "\n")
    return len(manifest)


def write_decoy(here, size=2_200_000):
    gen = decoy_lines(random.Random(4242))
    out, n = [], 0
    while n < size:
        line = next(gen)
        out.append(line)
        n += len(line) + 1
    with open(os.path.join(here, "decoy.txt"), "w", newline="\n") as f:
        f.write("\n".join(out) + "\n")
    return n


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    planted = write_planted(here)
    size = write_decoy(here)
    config = write_decoy_config(here)
    print("planted %d secrets; decoy %d bytes; config decoy %d bytes" % (planted, size, config))


if __name__ == "__main__":
    main()
