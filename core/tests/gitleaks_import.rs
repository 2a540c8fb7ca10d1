//! A gitleaks configuration (`tests/data/gitleaks-sample.toml`) imported through the public
//! builder: the rules that can be expressed run, the others are left out, and allowlists,
//! stopwords, entropy and `secretGroup` keep their meaning.

use redactum::Redactor;

const SAMPLE: &str = include_str!("data/gitleaks-sample.toml");

fn imported() -> Redactor {
    Redactor::builder()
        .builtin_rules(false)
        .add_rules("gitleaks-sample.toml", SAMPLE)
        .build()
        .expect("the gitleaks sample imports (RedactorBuilder::add_rules routes gitleaks TOML to gitleaks::convert)")
}

/// (rule id after import, text, the part that must be replaced)
const CASES: &[(&str, &str, &str)] = &[
    ("github-classic-pat", "GH_TOKEN=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", "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"),
    ("gitlab-personal-token", "git push https://ci:glpat-hEux3Nswud7t13pJiN3a@gitlab.example.org", "glpat-hEux3Nswud7t13pJiN3a"),
    ("slack-bot", "SLACK=xoxb-056712565535-6659363303048-Ux9kztanHV2pmxOPdXIMXfm1", "xoxb-056712565535-6659363303048-Ux9kztanHV2pmxOPdXIMXfm1"),
    ("slack-bot-2", "slack: xoxb-f8OBYoLrYXIDY4L532s5Xm739FOPq87uRITuAeXbaWnDARCf61D3MhMnPgeL", "xoxb-f8OBYoLrYXIDY4L532s5Xm739FOPq87uRITuAeXbaWnDARCf61D3MhMnPgeL"),
    ("stripe-live-secret", "stripe.api_key = 'sk_live_oJQYnVV8ttd3Krsx3IV7NlrEG81LA5Jc'", "sk_live_oJQYnVV8ttd3Krsx3IV7NlrEG81LA5Jc"),
    ("aws-key-id", "aws_access_key_id = AKIAPWOFMSP5Q632METT", "AKIAPWOFMSP5Q632METT"),
    ("password-assignment", "db.password = Vq7RIkquQhGf#2", "Vq7RIkquQhGf#2"),
    ("internal-service-token", "token: svc_66c57ab1c237146257f55243035a0380", "svc_66c57ab1c237146257f55243035a0380"),
    ("sendgrid", "SENDGRID_API_KEY=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", "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"),
    ("twilio-key-sid", "TWILIO_API_KEY=SK1da0a8573d2450a98f5bedfa5133bd53", "SK1da0a8573d2450a98f5bedfa5133bd53"),
    ("npm-token", "//registry.npmjs.org/:_authToken=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", "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"),
    (
        "pypi",
        "password = pypi-AgEIcHlwaS5vcmcCOXsidmVyc2lvbiI6MSwiaWQiOiI1NzAzNmNkZS01Nzk4LTRlM2MtOTlhNy03YjdkZTk5NmUxOGMifQACNXsidmVyc2lvbiI6MSwicGVybWlzc2lvbnMiOnsicHJvamVjdHMiOlsiaW5xZXVranciXX19AAAGIInO8SLDF4E4dptHSz-lhGO9SPQv9uTp93rOXfcHmKVg",
        "pypi-AgEIcHlwaS5vcmcCOXsidmVyc2lvbiI6MSwiaWQiOiI1NzAzNmNkZS01Nzk4LTRlM2MtOTlhNy03YjdkZTk5NmUxOGMifQACNXsidmVyc2lvbiI6MSwicGVybWlzc2lvbnMiOnsicHJvamVjdHMiOlsiaW5xZXVranciXX19AAAGIInO8SLDF4E4dptHSz-lhGO9SPQv9uTp93rOXfcHmKVg",
    ),
    (
        "private-key-block",
        "key file:\n-----BEGIN EC PRIVATE KEY-----\nMHcKs/PYQR6Nz704+poeWc0D6uFnUjdc37sL6mrCZ8ak42KS91mirLTYKE/bUUKg\nzTpnpr+X4ex5KFE1kVaFNRaKXPNrCNd6Y9ZBntxjDJ5vo0Z6TLkPUcufyVtbQxJX\nfDmOf/r1bGHjbo5bBdKe/g9WvGE50o3yIKWohQMv\n-----END EC PRIVATE KEY-----\nend\n",
        "MHcKs/PYQR6Nz704+poeWc0D6uFnUjdc37sL6mrCZ8ak42KS91mirLTYKE/bUUKg",
    ),
    (
        "jwt-token",
        "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI4MTI0NzIwNTAiLCJuYW1lIjoieGVkbnRrZyIsImlhdCI6MTYyMDQzNzMxMX0.wpRBCM6jxkKr2YUw8drMbyoxtnjTRBF2HxmXRCG_Ysg",
        "wpRBCM6jxkKr2YUw8drMbyoxtnjTRBF2HxmXRCG_Ysg",
    ),
    ("heroku-key", "HEROKU_API_KEY=377594c3-4ada-4708-b485-864d6447803d", "377594c3-4ada-4708-b485-864d6447803d"),
    ("datadog-api", "DD_API_KEY: 1f48beb9fe195cfbfb52865eea043d19", "1f48beb9fe195cfbfb52865eea043d19"),
    (
        "discord-webhook",
        "hook = https://discord.com/api/webhooks/1177388358474903873/TpUQVCIniyiQWWJDWAnUwUML7SzdhDKGyeoQZDaMrIIXAcXwa5PHV2ncUAvrm1zhatox",
        "TpUQVCIniyiQWWJDWAnUwUML7SzdhDKGyeoQZDaMrIIXAcXwa5PHV2ncUAvrm1zhatox",
    ),
    ("mailchimp", "MAILCHIMP_KEY=e643dfcfe71e283bb2aff8dc8307d546-us14", "e643dfcfe71e283bb2aff8dc8307d546-us14"),
    ("shopify-admin", "X-Shopify-Access-Token: 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", "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"),
    ("age-key", "AGE-SECRET-KEY-1T4CQUFF42CGED3CLW52V3WG48GQVZ9896G56ZAE4UXENYWMC635QHS5WAY", "AGE-SECRET-KEY-1T4CQUFF42CGED3CLW52V3WG48GQVZ9896G56ZAE4UXENYWMC635QHS5WAY"),
    ("acme-deploy-key", "deploy_key: acmedk_F07Y7RJPXMJ4BIR0P1ZKYY2HR8QJUH", "acmedk_F07Y7RJPXMJ4BIR0P1ZKYY2HR8QJUH"),
];

#[test]
fn expressible_rules_are_imported_and_others_left_out() {
    let r = imported();
    let ids: Vec<String> = r.rules().into_iter().map(|i| i.id).collect();
    assert!(ids.len() >= 20, "imported {} rules: {ids:?}", ids.len());
    for (id, _, _) in CASES {
        assert!(
            ids.iter().any(|i| i == id),
            "rule {id} missing from {ids:?}"
        );
    }
    // Path-only and look-ahead rules cannot run on text in linear time: skipped, not fatal.
    for gone in ["pem-file", "lookahead-token"] {
        assert!(
            !ids.iter().any(|i| i == gone),
            "{gone} should have been skipped"
        );
    }
}

#[test]
fn every_imported_rule_finds_its_sample() {
    let r = imported();
    let mut failures = Vec::new();
    for (id, text, secret) in CASES {
        let found = r.find_overlapping(text.as_bytes());
        if !found.iter().any(|f| f.rule_id() == *id) {
            let got: Vec<_> = found.iter().map(|f| f.rule_id().to_string()).collect();
            failures.push(format!("{id}: nothing in {text:?} (found {got:?})"));
            continue;
        }
        let out = r.redact(text);
        if out.contains(secret) {
            failures.push(format!("{id}: {secret:?} survives in {out:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn secret_group_keeps_the_context_readable() {
    let r = imported();
    assert_eq!(
        r.redact("aws_access_key_id = AKIAPWOFMSP5Q632METT"),
        "aws_access_key_id = [REDACTED:aws-key-id]"
    );
    assert_eq!(
        r.redact("DD_API_KEY: 1f48beb9fe195cfbfb52865eea043d19"),
        "DD_API_KEY: [REDACTED:datadog-api]"
    );
}

#[test]
fn allowlists_stopwords_and_entropy_veto() {
    let r = imported();
    for quiet in [
        "aws_access_key_id = AKIAIOSFODNN7EXAMPLE", // rule allowlist regex
        "password = changeme-now-please",           // rule stopword
        "password = example-password-value",        // global stopword
        "password = aaaaaaaaaaaa",                  // entropy 3.0
        "DD_API_KEY: 00000000000000000000000000000000", // entropy 3
        "tok_abcdefghijkl1",                        // look-ahead rule skipped
    ] {
        let found: Vec<_> = r
            .find_overlapping(quiet.as_bytes())
            .iter()
            .map(|f| f.rule_id().to_string())
            .collect();
        assert!(
            found.is_empty(),
            "{quiet:?} should not be reported, got {found:?}"
        );
    }
}

/// A `secretGroup` that a match can leave out (in one branch of an alternation, or under `?`,
/// `*` or `{0,n}`): named `secret` in redactum, a match without it would be a veto and its text
/// would pass, where gitleaks reports the match. The whole match is replaced instead, and a
/// warning says so.
#[test]
fn an_optional_secret_group_replaces_the_whole_match() {
    let config = |regex: &str| {
        format!("[[rules]]\nid = \"alt\"\nregex = '''{regex}'''\nsecretGroup = 1\nkeywords = [\"tok=\", \"apikey=\"]\n")
    };
    for regex in [
        r"(?:tok=([a-z]{6,})|apikey=([a-z]{6,}))",
        r"(?:tok|apikey)=([a-z]{6,})?",
        r"(?:tok|apikey)=([a-z]{6,}){0,1}",
    ] {
        let mut b = Redactor::builder();
        b.builtin_rules(false).add_rules("alt.toml", &config(regex));
        let warnings = b.warnings().unwrap();
        assert!(
            warnings.iter().any(|w| w.contains("may take no part")),
            "{regex}: {warnings:?}"
        );
        let r = b.build().unwrap();
        for line in ["x tok=abcdefgh y", "x apikey=abcdefgh y"] {
            assert_eq!(r.redact(line), "x [REDACTED:alt] y", "{regex}: {line}");
        }
    }
    // A group every match holds keeps the context readable, without a warning about it.
    let mut b = Redactor::builder();
    b.builtin_rules(false)
        .add_rules("alt.toml", &config(r"(?:tok|apikey)=([a-z]{6,}){1,2}"));
    assert!(!b
        .warnings()
        .unwrap()
        .iter()
        .any(|w| w.contains("may take no part")));
    let r = b.build().unwrap();
    assert_eq!(r.redact("x tok=abcdefgh y"), "x tok=[REDACTED:alt] y");
}
