//! Issue 15 (Detection II): each class with the lines the issue quotes and variants. Default
//! builder (format auto on the CLI is `Format::Auto`; both are checked where it matters).

use redactum::Format;

#[path = "common/redactors.rs"]
mod redactors;
use redactors::r;

/// Redacts `line` in text and auto formats; both must hide `secret` and give `label` to the
/// span that covered it. Returns the auto output.
fn hides(line: &str, secret: &str, label: &str) -> String {
    let mut last = String::new();
    for f in [Format::Text, Format::Auto] {
        let red = r(f);
        let out = red.redact(line).into_owned();
        assert!(!out.contains(secret), "{f:?}: {secret:?} left in {out:?}");
        assert!(
            out.contains(&format!("[REDACTED:{label}]")),
            "{f:?}: no {label} label in {out:?}"
        );
        assert_eq!(red.redact(&out), out, "{f:?}: not a fixed point");
        last = out;
    }
    last
}

fn keeps(line: &str) {
    for f in [Format::Text, Format::Auto] {
        assert_eq!(r(f).redact(line), line, "{f:?}");
    }
}

// Item 9 (done earlier): a single sensitive pair is a pair in auto; URLs with one parameter.
#[test]
fn item9_single_pairs_and_one_parameter_urls() {
    let auto = r(Format::Auto);
    for (line, secret) in [
        ("DB_PASSWORD=Q7v!truex9Lm", "Q7v!truex9Lm"),
        ("SESSION_SECRET=kJ8#mN2$pQ5vX9", "kJ8#mN2$pQ5vX9"),
        (
            "GET /cb?token=Zq8rT2vLm9XcP4nW HTTP/1.1",
            "Zq8rT2vLm9XcP4nW",
        ),
        (
            "https://api.example.com/v1/x?access_token=Zq8rT2vLm9XcP4nWaa",
            "Zq8rT2vLm9XcP4nWaa",
        ),
        (
            "https://bucket.example.com/obj?sig=Zq8rT2vLm9XcP4nWbb",
            "Zq8rT2vLm9XcP4nWbb",
        ),
    ] {
        let out = auto.redact(line);
        assert!(!out.contains(secret), "{out}");
        assert!(out.contains("[REDACTED:"), "{out}");
    }
}

// Item 5 (done earlier): stand-ins under sensitive keys stay as written.
#[test]
fn item5_stand_ins_stay() {
    for line in [
        r#"{"api_key": "REPLACE_ME"}"#,
        r#"{"api_key": "YOUR_API_KEY_HERE"}"#,
        "password=<password>",
        "password=changeme",
        "password=${DB_PASSWORD}",
        "secret={{ secret }}",
        "token=xxx",
        "password=*****",
    ] {
        keeps(line);
    }
}

// Item 10: words inside a real password do not make it a placeholder.
#[test]
fn item10_passwords_with_dummy_words_inside_are_redacted() {
    for (line, secret) in [
        ("password: Q7v!truex9Lm", "Q7v!truex9Lm"),
        ("password = 'Password123!'", "Password123!"),
        ("db.password=MySecret#2024x", "MySecret#2024x"),
        ("PASSWD=n0ne-Todo-77qq", "n0ne-Todo-77qq"),
        ("pwd: falseStart_91!", "falseStart_91!"),
    ] {
        hides(line, secret, "generic-password");
    }
    for line in [
        "password: none_here",
        "password = 'changeme'",
        "password: YOUR_PASSWORD_HERE",
        "password: not-a-real-secret",
        "password: true",
    ] {
        keeps(line);
    }
}

// Item 3: dash-formatted SSNs anywhere; nine bare digits still need context.
#[test]
fn item3_dashed_ssns_anywhere() {
    hides(
        "INSERT INTO people VALUES (42, 'Ann Lee', '536-22-8726');",
        "536-22-8726",
        "us-ssn-dashed",
    );
    hides(
        "{'tax_ref': '212-67-4401', 'name': 'Ann'}",
        "212-67-4401",
        "us-ssn-dashed",
    );
    hides("{'ssn': '536-22-8726'}", "536-22-8726", "us-ssn");
    hides(
        "applicant 078-15-1120 approved",
        "078-15-1120",
        "us-ssn-dashed",
    );
    for line in [
        "INSERT INTO people VALUES (42, '666-22-8726');",
        "part 900-12-3456 shipped",
        "ref 536-00-8726 and 536-22-0000",
        "order 536228726 shipped",
        "released 2024-05-06",
        "serial X-536-22-8726",
    ] {
        keeps(line);
    }
}

// Item 2: phones. Valid +CC anywhere; NANP with punctuation anywhere; possible +CC numbers
// near a phone word or key; bare digits need context.
#[test]
fn item2_phones() {
    hides(
        "INSERT INTO t VALUES ('+44 20 7946 0958')",
        "7946 0958",
        "phone-e164",
    );
    hides("reach me at +65 6123 4567 today", "6123 4567", "phone-e164");
    hides(
        "contact phone: +65-252-36765",
        "252-36765",
        "phone-international",
    );
    hides(
        "mobile +61 98 8060 653 (after 6pm)",
        "8060 653",
        "phone-international",
    );
    hides(
        r#"{"phone": "+398303748450"}"#,
        "398303748450",
        "phone-international",
    );
    hides(
        r#"{'phone': '+398303748450'}"#,
        "398303748450",
        "phone-international",
    );
    hides("phone=+398303748450", "398303748450", "phone-international");
    for (line, secret) in [
        (
            "INSERT INTO contacts (id, name) VALUES (17, 'Ann', '(531) 628-4608');",
            "628-4608",
        ),
        (
            "INSERT INTO contacts VALUES (17, '473-295-5717');",
            "295-5717",
        ),
        (
            "INSERT INTO contacts VALUES (17, '577.663.5190');",
            "663.5190",
        ),
        ("{'name': 'Ann', 'contact': '(531) 628-4608'}", "628-4608"),
        ("please call (258) 295-3343 tomorrow", "295-3343"),
    ] {
        hides(line, secret, "phone-nanp");
    }
    // A checksum-validated id written 3-3-4 keeps its own label (the phone rules rank lower).
    hides("NHS number: 943-476-5919", "943-476-5919", "uk-nhs-number");
    // Not phones: dates, versions, timestamps, ids, ports, IPs, fiction and service numbers,
    // bare digit runs and +CC numbers that no country uses, without a phone word.
    for line in [
        "released 2024-05-06 at 10:22:13 build 4.12.0.3",
        "order 4732955717 shipped",
        "listening on 10.1.2.300:5432 pid 4732955",
        "+999 1234 5678 and +65-252-36765",
        "call (411) 295-3343 or 415-555-0123",
        "id=ORD-473-295-5717 v473.295.5717.2",
        "ts=1717171717.123 offset +05:30",
    ] {
        keeps(line);
    }
}

// Item 1: context words stand as words and belong to their own value.
#[test]
fn item1_context_words_belong_to_their_value() {
    for line in [
        r#"{"ip": "72.16.57.236", "phone": "+44-615-3058389"}"#,
        "ip 72.16.57.236 phone +44-615-3058389",
    ] {
        let out = r(Format::Auto).redact(line).into_owned();
        assert!(out.contains("[REDACTED:ipv4]"), "{out}");
        assert!(out.contains("[REDACTED:phone-international]"), "{out}");
        assert!(
            !out.contains("72.16.57.236") && !out.contains("3058389"),
            "{out}"
        );
        let text = r(Format::Text).redact(line).into_owned();
        assert_eq!(text, out, "text and auto agree on {line}");
    }
    keeps("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) GET /item?id=403525823");
    keeps("smartphone sales 403525823 units; headphones 912345670");
    // A phone key gives context to its own value, not to the value before it.
    keeps("order=403525823 phone: unknown");
    hides("homePhone: 0161 496 0312", "496 0312", "phone-national");
}

// Item 1: a key's context ends at its own value: the date of birth does not make the next
// member's version (or the previous one's) a date.
#[test]
fn item1_a_key_gives_context_to_its_own_value_only() {
    for (line, dob, version) in [
        (
            r#"{"user": {"dob": "01/17/1968", "email": "c@northwind.co.uk", "app_version": "4.15.52"}}"#,
            "01/17/1968",
            "4.15.52",
        ),
        (
            r#"{"user": {"app_version": "4.15.52", "dob": "01/17/1968"}}"#,
            "01/17/1968",
            "4.15.52",
        ),
        (
            r#"{"address": "2383 Harbour Road, Lyon", "dob": "1964-07-12", "app_version": "4.1.20"}"#,
            "1964-07-12",
            "4.1.20",
        ),
        (
            "{'dob': '12.03.1985', 'build': '3.10.24'}",
            "12.03.1985",
            "3.10.24",
        ),
        (
            "dob=1968-01-17 app_version=4.15.52",
            "1968-01-17",
            "4.15.52",
        ),
        (
            "birth_date: 1990-02-28, release: 2.11.25",
            "1990-02-28",
            "2.11.25",
        ),
    ] {
        let out = hides(line, dob, "date-of-birth");
        assert!(out.contains(version), "{version} changed in {out}");
    }
    // A date-of-birth word in text still looks both ways; a key with a date past its own
    // closing quote gives it no context.
    hides(
        "born on 12 March 1985 in Leeds",
        "12 March 1985",
        "date-of-birth",
    );
    hides(
        "Date of birth: March 12, 1985 (verified)",
        "March 12, 1985",
        "date-of-birth",
    );
    keeps(r#"{"dob": null, "app_version": "4.15.52", "built": "12/03/1985"}"#);
    // The same holds for phone keys: their window ends with their value.
    for f in [Format::Text, Format::Auto] {
        let out = r(f)
            .redact(r#"{"phone": "unknown", "order_id": "403525823"}"#)
            .into_owned();
        assert!(out.contains("403525823"), "{f:?}: {out}");
    }
    hides(
        r#"{"phone": "0161 496 0312", "id": 7}"#,
        "496 0312",
        "phone-national",
    );
}

// Labels: a provider's format beats the key-context rule that finds the same value; an SQL
// column name is context for its own value only.
#[test]
fn labels_a_value_carries_its_own_type() {
    hides(
        r#"    <add key="StripeSecret" value="sk_live_oaw165pR9gX5SZLGGtaV5bUwgIATx1rPC8hckrJ6VcDRYUPygGnl" />"#,
        "sk_live_oaw165pR9gX5SZLGGtaV5bUwgIATx1rPC8hckrJ6VcDRYUPygGnl",
        "stripe-secret-key",
    );
    hides(
        r#"<add key="Api.Token" value="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"/>"#,
        "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",
        "github-pat-classic",
    );
    // Without a provider format the key-context rules still label the value.
    hides(
        r#"<add key="StripeSecret" value="q8Zr2LxV0pN7fK3mW9sT" />"#,
        "q8Zr2LxV0pN7fK3mW9sT",
        "xml-appsetting-secret",
    );
    let k8s = "        env:\n        - name: GITHUB_TOKEN\n          value: \"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\"\n";
    let out = r(Format::Auto).redact(k8s).into_owned();
    assert!(out.contains("[REDACTED:github-pat-classic]"), "{out}");
    let k8s = "  - name: DB_PASSWORD\n    value: Vt8!kq2Lm9xZ\n";
    let out = r(Format::Auto).redact(k8s).into_owned();
    assert!(out.contains("[REDACTED:k8s-env-secret]"), "{out}");

    // Bare nine-digit SSNs under an `ssn` column, whatever other columns say.
    for line in [
        "INSERT INTO customers (id, ssn, email, iban, card_number, full_name, phone) VALUES (64793, '234890835', 'sofia+dev@initech.com', 'NL02QNPY5377335016', '2586 6466 7259 3769', 'Sofia Larsen', '718.589.9073');",
        "INSERT INTO customers (id, phone, ssn) VALUES (1, '07911 123456', '234890835'), (2, NULL, 385091234);",
        "2026-03-01 12:00:00 UTC LOG:  statement: insert into crm.people (ssn, mobile) values ('234890835', '+44 7585 502183')",
    ] {
        hides(line, "234890835", "us-ssn");
        for f in [Format::Text, Format::Auto] {
            let out = r(f).redact(line).into_owned();
            assert!(!out.contains("385091234"), "{f:?}: {out}");
            // Every SSN value is labelled as one.
            let ssns = line.matches("234890835").count() + line.matches("385091234").count();
            assert_eq!(out.matches("[REDACTED:us-ssn]").count(), ssns, "{f:?}: {out}");
        }
    }
    // A phone column gives no context to an order number in another column.
    keeps("INSERT INTO orders (id, order_no, phone) VALUES (7, '403525823', NULL);");
    hides(
        "INSERT INTO orders (id, order_no, phone) VALUES (7, '403525823', '0161 496 0312');",
        "496 0312",
        "phone-national",
    );
}

// Item 6: URIs keep their host; the password is the URI rule's; an IP host is an address.
#[test]
fn item6_uri_passwords_and_hosts() {
    let out = hides(
        "postgres://user:pass@orders.svc.cluster.local:5432/db",
        "pass@",
        "postgres-uri-password",
    );
    assert_eq!(
        out,
        "postgres://user:[REDACTED:postgres-uri-password]@orders.svc.cluster.local:5432/db"
    );
    // The IP after the user information is an address too.
    let out = hides(
        "mysql://root:pw@109.202.72.126:3306/shop",
        "109.202.72.126",
        "ipv4",
    );
    assert_eq!(
        out,
        "mysql://root:[REDACTED:mysql-uri-password]@[REDACTED:ipv4]:3306/shop"
    );
    let out = hides(
        "DATABASE_URL=amqp://svc:Zq8rT2vLm9@mq.internal.example.com/vhost",
        "Zq8rT2vLm9",
        "amqp-uri-password",
    );
    assert!(out.contains("@mq.internal.example.com/vhost"), "{out}");
    // A mailbox is still a mailbox.
    hides("mail ann@example.com now", "ann@example.com", "email");
}

// Item 6: a dotted quad after `@` is an address after a URI's user information or a `user@` of
// ssh, scp, sftp and rsync; elsewhere (`web@2.3.63.99`) it is a package version.
#[test]
fn item6_ipv4_after_user_information() {
    for (line, ip) in [
        ("mysql://root:pw@109.202.72.126:3306/shop", "109.202.72.126"),
        ("ssh deploy@24.104.132.182", "24.104.132.182"),
        (
            "[2026-04-21T13:37:11.989Z] $ sshpass -p 'Quartz5002#' ssh deploy@24.104.132.182",
            "24.104.132.182",
        ),
        (
            "connecting to postgresql://etl:Harbor9342x@173.168.22.143:5432/warehouse?sslmode=require",
            "173.168.22.143",
        ),
        ("ftp://anonymous@203.0.113.9/pub/", "203.0.113.9"),
        ("SSH -i ~/.ssh/id_ed25519 -p 2222 ubuntu@198.51.100.7", "198.51.100.7"),
        ("scp build.tar.gz ops@192.0.2.81:/tmp/", "192.0.2.81"),
        ("rsync -az -e ssh ./dist/ ci@198.51.100.40:/srv/www/", "198.51.100.40"),
        ("sftp backup@203.0.113.200", "203.0.113.200"),
        // Digits and dots in the user information do not shift the address.
        ("redis://1.2@203.0.113.5:6379/0", "203.0.113.5"),
        ("amqp://u1.2.3.4:p5.6@192.0.2.17/vhost", "192.0.2.17"),
    ] {
        let out = hides(line, ip, "ipv4");
        assert!(!out.contains(ip), "{out}");
    }
    // Two addresses on an ssh line: both.
    let out = r(Format::Auto)
        .redact("ssh -J 198.51.100.1 deploy@198.51.100.2")
        .into_owned();
    assert!(!out.contains("198.51.100.1"), "{out}");
    keeps("deploy: released web@3.6.99.221 build 465");
    keeps("npm i left-pad@1.3.0 and web@2.3.63.99 api@10.4.2.17");
    keeps("docker pull registry.local/app@1.4.20.7");
    // No address, and loopback stays.
    keeps("ssh deploy@localhost and mysql://root@127.0.0.1:3306/shop");
}

/// A base64 body of `n` 64-character lines (and a short last one) from a fixed seed.
fn pem_body(n: usize) -> Vec<String> {
    const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        B64[(x % 64) as usize] as char
    };
    let mut lines: Vec<String> = (0..n).map(|_| (0..64).map(|_| next()).collect()).collect();
    lines.push((0..22).map(|_| next()).collect::<String>() + "==");
    lines
}

/// Whole input and streaming in small chunks agree; the line count is kept.
fn redact_checked(input: &str) -> String {
    let red = r(Format::Auto);
    let whole = red.redact(input).into_owned();
    for size in [1, 7, 64] {
        let mut s = red.stream();
        let mut out = Vec::new();
        for c in input.as_bytes().chunks(size) {
            s.push(c, &mut out);
        }
        s.finish(&mut out);
        assert_eq!(String::from_utf8(out).unwrap(), whole, "chunks of {size}");
    }
    assert_eq!(whole.lines().count(), input.lines().count());
    assert_eq!(red.redact(&whole), whole, "fixed point");
    whole
}

// Item 11: cut and prefixed PEM blocks do not leak; indented PEM keeps its layout.
#[test]
fn item11_cut_prefixed_and_indented_pem() {
    let body = pem_body(6);
    // Cut: no END line (a truncated record), then ordinary lines.
    let cut = format!(
        "key dump:\n-----BEGIN RSA PRIVATE KEY-----\n{}\n{}\nnext record: done\n",
        body[0], body[1]
    );
    let out = redact_checked(&cut);
    assert!(
        !out.contains(&body[0][..20]) && !out.contains(&body[1][..20]),
        "{out}"
    );
    assert!(out.ends_with("next record: done\n"), "{out}");
    // Every line with a log prefix.
    let p = "2024-05-06T10:00:00.123Z web-7f9c4 app[1]: ";
    let mut prefixed = format!("{p}-----BEGIN PRIVATE KEY-----\n");
    for l in &body {
        prefixed += &format!("{p}{l}\n");
    }
    prefixed += &format!("{p}-----END PRIVATE KEY-----\n{p}started\n");
    let out = redact_checked(&prefixed);
    for l in &body {
        assert!(!out.contains(&l[..16]), "{l} left in {out}");
    }
    assert!(out.contains(&format!("{p}started")), "{out}");
    // Indented in YAML: indentation and line structure kept, body replaced.
    let mut yaml = "tls:\n  key: |\n    -----BEGIN RSA PRIVATE KEY-----\n".to_string();
    for l in &body {
        yaml += &format!("    {l}\n");
    }
    yaml += "    -----END RSA PRIVATE KEY-----\n  cert: x\n";
    let out = redact_checked(&yaml);
    for (a, b) in yaml.lines().zip(out.lines()) {
        let indent = |s: &str| s.len() - s.trim_start().len();
        assert_eq!(indent(a), indent(b), "{a:?} -> {b:?}");
    }
    for l in &body {
        assert!(!out.contains(&l[..16]), "{out}");
    }
    assert!(out.ends_with("  cert: x\n"), "{out}");
}

// Item 7: a well-formed token is not dropped by its entropy gate (see entropy_gates.rs).
#[test]
fn item7_well_formed_hf_token() {
    hides(
        "HF_TOKEN=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",
        "OsjBIWCAnSswTDXACBBsYnfqIYqCasJsjj",
        "huggingface-access-token",
    );
}

// Item 4: key-aware shapes beyond JSON and logfmt.
#[test]
fn item4_key_aware_shapes() {
    // Dict literals and YAML.
    hides(
        "{'password': 'Vt8!kq2Lm9xZ'}",
        "Vt8!kq2Lm9xZ",
        "generic-password",
    );
    hides(
        "db:\n  password: Vt8!kq2Lm9xZ\n",
        "Vt8!kq2Lm9xZ",
        "generic-password",
    );
    // Kubernetes env pairs: the value on the next line.
    let k8s = "        env:\n        - name: AWS_SECRET_ACCESS_KEY\n          value: \"q8Zr2LxV0pN7fK3mW9sT\"\n        - name: LOG_LEVEL\n          value: debug\n";
    let out = hides(k8s, "q8Zr2LxV0pN7fK3mW9sT", "k8s-env-secret");
    assert!(out.contains("value: debug"), "{out}");
    assert_eq!(out.lines().count(), k8s.lines().count());
    keeps("  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db\n");
    // .config XML.
    hides(
        "<add key=\"StripeSecret\" value=\"q8Zr2LxV0pN7fK3mW9sT\" />",
        "q8Zr2LxV0pN7fK3mW9sT",
        "xml-appsetting-secret",
    );
    keeps("<add key=\"Theme\" value=\"dark\" />");
    // SQL.
    for (line, secret) in [
        (
            "CREATE USER 'app'@'%' IDENTIFIED BY 'Zq8!rT2vLm';",
            "Zq8!rT2vLm",
        ),
        (
            "CREATE ROLE reporting WITH LOGIN PASSWORD 'k7Pq-2Lx9w';",
            "k7Pq-2Lx9w",
        ),
        (
            "ALTER USER app WITH ENCRYPTED PASSWORD 'm3Xv9!qLt2';",
            "m3Xv9!qLt2",
        ),
    ] {
        hides(line, secret, "sql-password-clause");
    }
    // Command-line flags.
    hides(
        "docker login -u bot -p Vt8!kq2Lm9xZ registry.example.com",
        "Vt8!kq2Lm9xZ",
        "docker-login-password",
    );
    hides(
        "mysql -uroot -pZq8rT2vLm9 shop",
        "Zq8rT2vLm9",
        "mysql-cli-password",
    );
    hides(
        "tool --password=Zq8rT2vLm9 sync",
        "Zq8rT2vLm9",
        "generic-cli-password",
    );
    hides(
        "tool --password Zq8rT2vLm9 sync",
        "Zq8rT2vLm9",
        "generic-cli-password",
    );
    hides(
        "redis-cli -h cache -a Zk29xLp!qv7 PING",
        "Zk29xLp!qv7",
        "redis-cli-password",
    );
    hides(
        "sshpass -p 'Tiger42-IX2Zv' ssh deploy@host",
        "Tiger42-IX2Zv",
        "sshpass-password",
    );
    hides(
        "curl -s -u admin:Qm7v2Lx9Kp https://api.example.com/v1/jobs",
        "Qm7v2Lx9Kp",
        "curl-user-password",
    );
    keeps("docker login -u bot --password-stdin registry.example.com");
    keeps("docker run -p 8080:80 nginx");
}

// Item 4: personal keys give their values a type, whatever the value's shape.
#[test]
fn item4_personal_keys_in_json_pairs_yaml_and_sql() {
    let auto = r(Format::Auto);
    for (line, want) in [
        (
            r#"{"id": 7, "address": "1664 Harbour Road, Springfield", "dob": "1983-11-15"}"#,
            r#"{"id": 7, "address": "[REDACTED:postal-address]", "dob": "[REDACTED:date-of-birth]"}"#,
        ),
        // A value that a rule knows keeps the rule's label.
        (
            r#"{"mailer": "x", "email": "ann@example.com", "Zip-Code": 75001}"#,
            r#"{"mailer": "x", "email": "[REDACTED:email]", "Zip-Code": "[REDACTED:postal-code]"}"#,
        ),
        (
            "birth_date=1983-11-15 user=bob street_address=\"12 Elm Street\"",
            "birth_date=[REDACTED:date-of-birth] user=bob street_address=\"[REDACTED:postal-address]\"",
        ),
        (
            "  date_of_birth: 03/14/1987",
            "  date_of_birth: [REDACTED:date-of-birth]",
        ),
        (
            "  address: 17 Rue de la Paix, Lyon",
            "  address: [REDACTED:postal-address]",
        ),
        (
            "INSERT INTO customers (id, full_name, street_address, birth_date, ssn) VALUES (36276, 'Priya Hughes', '1664 Harbour Road, Springfield', '1983-11-15', '524579829');",
            "INSERT INTO customers (id, full_name, street_address, birth_date, ssn) VALUES (36276, '[REDACTED:person-name-key]', '[REDACTED:postal-address]', '[REDACTED:date-of-birth]', '[REDACTED:us-ssn]');",
        ),
        (
            "INSERT INTO users (login, password) VALUES ('bob', 'Zq8!rT2vLm'), ('ann', 'k7Pq-2Lx9w');",
            "INSERT INTO users (login, password) VALUES ('bob', '[REDACTED:sensitive-key]'), ('ann', '[REDACTED:sensitive-key]');",
        ),
    ] {
        let out = auto.redact(line);
        assert_eq!(out, want);
        assert_eq!(auto.redact(&out), out, "not a fixed point");
    }
    // Not personal: other keys, listen addresses, empty and stand-in values, nulls.
    for line in [
        r#"{"bind_address": "0.0.0.0:8080", "address": "0.0.0.0:8080", "email_enabled": true}"#,
        r#"{"email": "", "phone": null, "dob": "-", "ip": "n/a"}"#,
        "  address: 127.0.0.1:9090",
        "INSERT INTO t (id, name) VALUES (1, 'x');",
        "INSERT INTO t (id, ssn) VALUES (1, NULL);",
    ] {
        assert_eq!(auto.redact(line), line);
    }
    // Text mode reads no keys.
    assert_eq!(
        r(Format::Text).redact("birth_date=1983-11-15 user=bob"),
        "birth_date=[REDACTED:date-of-birth] user=bob"
    );
}

#[test]
fn item4_personal_keys_are_extensible_and_follow_the_pii_switch() {
    let b = || {
        let mut b = redactum::Redactor::builder();
        b.format(Format::Auto);
        b
    };
    let line = r#"{"customer_dob": "1983-11-15", "home": "12 Elm Street", "dob": "1983-11-15"}"#;
    let out = b()
        .personal_keys("date-of-birth", ["customer_dob"])
        .personal_keys("home-address", ["home"])
        .style_for("home-address", redactum::Style::Mask)
        .build()
        .unwrap()
        .redact(line)
        .into_owned();
    assert_eq!(
        out,
        r#"{"customer_dob": "[REDACTED:date-of-birth]", "home": "*************", "dob": "[REDACTED:date-of-birth]"}"#
    );
    // Without PII, no personal key applies.
    let none = b()
        .pii(false)
        .personal_keys("date-of-birth", ["customer_dob"])
        .build()
        .unwrap();
    assert_eq!(none.redact(line), line);
    assert!(b().personal_keys("Bad Type", ["x"]).build().is_err());
    assert!(b().personal_keys("t", ["--"]).build().is_err());
}

// Item 4, command-line flags: quoted passwords holding shell metacharacters (as the evaluation
// corpus writes them) are hidden whole.
#[test]
fn item4_quoted_cli_passwords_with_metacharacters() {
    for (line, secret, label) in [
        (
            "$ redis-cli -h cache.internal -a '4huBmB&4Z3#aly' PING",
            "4Z3#aly",
            "redis-cli-password",
        ),
        (
            "$ docker login -u bot -p 'KHB@vb&qXcOi' registry.example.com",
            "qXcOi",
            "docker-login-password",
        ),
        (
            "$ curl -sSf -u deploy:'Velvet2458*' https://artifacts.example.com/upload",
            "Velvet2458",
            "curl-user-password",
        ),
        (
            "curl -u admin:\"Qm7v2Lx9Kp\" https://api.example.com",
            "Qm7v2Lx9Kp",
            "curl-user-password",
        ),
    ] {
        let out = hides(line, secret, label);
        assert!(out.contains('\'') || out.contains('"'), "{out}");
    }
}
