//! Issue 15, item 8: person names (category `name`). The lines the issue quotes, variants, and
//! ordinary log words that must stay.

use redactum::{Category, Format, Options, Redactor};

#[path = "common/redactors.rs"]
mod redactors;
use redactors::r;

/// Redacts `line` in text and auto formats: each of `names` is gone, the output carries a
/// person-name label, and a second redaction changes nothing. Returns the auto output.
fn hides(line: &str, names: &[&str]) -> String {
    let mut last = String::new();
    for f in [Format::Text, Format::Auto] {
        let red = r(f);
        let out = red.redact(line).into_owned();
        for n in names {
            assert!(!out.contains(n), "{f:?}: {n:?} left in {out:?}");
        }
        assert!(
            out.contains("[REDACTED:person-name"),
            "{f:?}: no person-name label in {out:?}"
        );
        assert_eq!(red.redact(&out), out, "{f:?}: not a fixed point");
        last = out;
    }
    last
}

/// No name finding in `line`, in text or auto format.
fn no_name(line: &str) {
    for f in [Format::Text, Format::Auto] {
        let red = r(f);
        let names: Vec<_> = red
            .find_overlapping(line.as_bytes())
            .into_iter()
            .filter(|x| x.category() == Category::Name)
            .map(|x| (x.rule_id().to_string(), line[x.span()].to_string()))
            .collect();
        assert!(names.is_empty(), "{f:?}: {line:?} gave {names:?}");
        let out = red.redact(line);
        assert!(!out.contains("person-name"), "{f:?}: {out:?}");
    }
}

#[test]
fn the_lines_of_the_issue() {
    assert_eq!(
        hides(
            "Hi, I'm Jennifer Cunningham and my card was charged twice",
            &["Jennifer", "Cunningham"]
        ),
        "Hi, I'm [REDACTED:person-name] and my card was charged twice"
    );
    assert_eq!(
        hides("Dear Ms. Alvarez, your refund is on its way.", &["Alvarez"]),
        "Dear Ms. [REDACTED:person-name], your refund is on its way."
    );
    assert_eq!(
        hides("cc Gerald Nichols", &["Gerald", "Nichols"]),
        "cc [REDACTED:person-name]"
    );
    let out = hides(
        "To: \"Sofia L.\" <sofia.l@example.org>, Gerald Nichols <g.nichols@example.com>",
        &["Sofia", "Gerald", "Nichols", "sofia.l@", "g.nichols@"],
    );
    assert_eq!(
        out,
        "To: \"[REDACTED:person-name]\" <[REDACTED:email]>, \
         [REDACTED:person-name-mail] <[REDACTED:email]>"
    );
    hides(
        "{\"full_name\": \"Jennifer Cunningham\", \"plan\": \"pro\"}",
        &["Jennifer", "Cunningham"],
    );
    hides(
        "{\"holder\": \"Gerald Nichols\", \"last4\": \"4242\"}",
        &["Gerald", "Nichols"],
    );
    hides(
        "customer=\"Maria Lopez\" contact=Gerald",
        &["Maria", "Lopez", "Gerald"],
    );
}

#[test]
fn prose_and_chat_cues() {
    for (line, names) in [
        ("Hello Maria, thanks for waiting", &["Maria"][..]),
        (
            "my name is Gerald Nichols and I live nearby",
            &["Gerald", "Nichols"],
        ),
        ("Hey Jennifer! quick question", &["Jennifer"]),
        ("Thanks, Maria", &["Maria"]),
        ("Dear Mr. Smith,", &["Smith"]),
        ("Dear Dr Sofia Lopez,", &["Sofia", "Lopez"]),
        ("meeting with Mrs O'Brien at noon", &["O'Brien"]),
        ("I am Gerald, the account owner", &["Gerald"]),
        ("this is John F. Kennedy speaking", &["John", "Kennedy"]),
        ("attn: Maria-Jose Alvarez", &["Maria-Jose", "Alvarez"]),
        ("PR reviewed by Gerald Nichols", &["Gerald", "Nichols"]),
        ("Reply-To: Jennifer Cunningham", &["Jennifer", "Cunningham"]),
        ("Regards, Gerald McDonald", &["Gerald", "McDonald"]),
        ("Bonjour, c'est Ms. Dubois", &["Dubois"]),
        ("Ms. Alvarez called back at 10:40", &["Alvarez"]),
        ("Prof. Nichols approved the request", &["Nichols"]),
        ("hey, Maria - can you check?", &["Maria"]),
    ] {
        hides(line, names);
    }
}

#[test]
fn signatures_on_their_own_line() {
    let out = hides(
        "Thanks for the quick fix.\n\nKind regards,\nJohn Smith\n",
        &["John", "Smith"],
    );
    assert_eq!(
        out,
        "Thanks for the quick fix.\n\nKind regards,\n[REDACTED:person-name-signature]\n"
    );
    hides("Cheers!\n  Maria\n", &["Maria"]);
    hides("Best,\r\nGerald Nichols\r\n", &["Gerald", "Nichols"]);
}

#[test]
fn values_of_name_keys_in_every_shape() {
    for (line, names) in [
        // JSON, nested and pretty-printed.
        (
            "{\"user\": {\"first_name\": \"Xiuying\", \"last_name\": \"Kowalczyk\"}}",
            &["Xiuying", "Kowalczyk"][..],
        ),
        (
            "  \"displayName\": \"Ngozi Okonkwo\",",
            &["Ngozi", "Okonkwo"],
        ),
        // logfmt, quoted and not.
        (
            "level=info first_name=Jennifer last_name=Cunningham action=login",
            &["Jennifer", "Cunningham"],
        ),
        ("event=signup full_name=\"Sofia L.\" plan=free", &["Sofia"]),
        // Python and JS dict literals.
        (
            "{'cardholder': 'sofia lopez', 'exp': '12/29'}",
            &["sofia lopez"],
        ),
        (
            "{ fullName: 'Gerald Nichols', id: 42 }",
            &["Gerald", "Nichols"],
        ),
        // YAML.
        ("  customer_name: Maria Lopez", &["Maria", "Lopez"]),
        ("name: Jennifer Cunningham", &["Jennifer", "Cunningham"]),
        ("author: Gerald Nichols", &["Gerald", "Nichols"]),
    ] {
        hides(line, names);
    }
    // Only the value goes: keys and the rest of the line stay.
    assert_eq!(
        r(Format::Auto).redact("level=info first_name=Jennifer last_name=Cunningham action=login"),
        "level=info first_name=[REDACTED:person-name-key] last_name=[REDACTED:person-name-key] action=login"
    );
}

#[test]
fn placeholders_and_non_names_under_name_keys_stay() {
    for line in [
        "{\"full_name\": null}",
        "{\"full_name\": \"\"}",
        "first_name=<name> last_name=${LAST_NAME}",
        "{\"display_name\": \"unknown\"}",
        "{\"cardholder\": \"XXXXXXXX\"}",
        "{'first_name': '{{ first_name }}'}",
        "name: checkout-service",
        "- name: AWS_SECRET_ACCESS_KEY",
        "service_name=checkout-service",
        "{\"name\": \"orders\", \"replicas\": 3}",
    ] {
        no_name(line);
    }
}

#[test]
fn ordinary_log_words_stay() {
    for line in [
        "Will retry in 5s (attempt 2/5)",
        "May be transient: upstream reset",
        "Mark as read",
        "Grant access to role billing-admin",
        "Rose by 5% since May",
        "InvoiceService failed to render invoice 8812",
        "class CamelCase extends BaseHandler",
        "GET /api/v1/orders 200 12ms",
        "POST /login 302",
        "ERROR Service Unavailable (503)",
        "WARN Connection Reset By Peer",
        "Thanks, will retry tomorrow",
        "Hi there, the build is green",
        "Hello World",
        "Dear Customer,",
        "Welcome Page loaded in 120ms",
        "This is Friday's deploy",
        "I am Not sure",
        "from: noreply",
        "To: ops-team",
        "cc: Infra",
        "signed by Let's Encrypt",
        "regards from Grafana Labs",
        "Powered by Apache Kafka",
        "contact: support",
        "owner: Platform",
        "Author: InvoiceService",
        "From: \"Acme Billing\" <billing@acme.example>",
        "From: GitHub <noreply@github.com>",
        "commit by dependabot[bot] <support@github.com>",
        "Best effort delivery\nMonday\n",
        "Regards,\nThe Support Team\n",
        "Thanks!\nWill retry\n",
    ] {
        no_name(line);
    }
}

#[test]
fn the_name_category_can_be_turned_off() {
    let line = "Hi, I'm Jennifer Cunningham";
    let off = Redactor::builder().names(false).build().unwrap();
    assert_eq!(off.redact(line), line);
    let mut o = Options::new();
    o.set("categories", &["secret", "pii"][..]).unwrap();
    assert_eq!(o.build().unwrap().redact(line), line);
    let mut o = Options::new();
    o.set("categories", &["name"][..]).unwrap();
    let out = o
        .build()
        .unwrap()
        .redact("Hi, I'm Jennifer Cunningham, ann@example.com");
    assert_eq!(out, "Hi, I'm [REDACTED:person-name], ann@example.com");
    assert!("names".parse::<Category>().is_ok());
    assert_eq!(Category::Name.as_str(), "name");
    // A style for the category applies to all its rules.
    let mut o = Options::new();
    o.set(
        "style_for",
        redactum::Value::Map(vec![("name".into(), "mask".into())]),
    )
    .unwrap();
    assert_eq!(
        o.build().unwrap().redact("cc Gerald Nichols"),
        "cc **************"
    );
}

#[test]
fn names_stream_like_whole_input() {
    let red = r(Format::Auto);
    let input = "Hi, I'm Jennifer Cunningham\n{\"full_name\": \"Gerald Nichols\"}\nKind regards,\nMaria Lopez\nWill retry\n";
    let whole = red.redact(input).into_owned();
    for chunk in [1, 3, 7, 64] {
        let mut out = Vec::new();
        let mut s = red.stream();
        for piece in input.as_bytes().chunks(chunk) {
            s.push(piece, &mut out);
        }
        s.finish(&mut out);
        assert_eq!(String::from_utf8(out).unwrap(), whole, "chunk {chunk}");
    }
    assert!(!whole.contains("Jennifer") && !whole.contains("Gerald") && !whole.contains("Maria"));
    assert!(whole.ends_with("Will retry\n"));
}

#[test]
fn sql_name_columns_and_surnames_outside_the_gazetteer() {
    // SQL INSERT column lists give values their keys: explicit name columns are person names
    // (the personal key type `person-name-key`, category name), whatever the gazetteer knows.
    let line = "INSERT INTO customers (id, full_name, email) VALUES (7, 'Kwame Okafor', 'k@x.io'), (8, NULL, 'b@x.io');";
    let out = r(Format::Auto).redact(line);
    assert_eq!(
        out,
        "INSERT INTO customers (id, full_name, email) VALUES (7, '[REDACTED:person-name-key]', '[REDACTED:email]'), (8, NULL, '[REDACTED:email]');"
    );
    // Not a name: stays, as under the JSON key.
    let line = "INSERT INTO t (display_name, first_name) VALUES ('unknown', '<first name>');";
    assert_eq!(r(Format::Auto).redact(line), line);
    // The names switch turns the name columns off, and leaves the PII columns on.
    let off = Redactor::builder()
        .format(Format::Auto)
        .names(false)
        .build()
        .unwrap();
    assert_eq!(
        off.redact("INSERT INTO c (full_name, email) VALUES ('Kwame Okafor', 'k@x.io');"),
        "INSERT INTO c (full_name, email) VALUES ('Kwame Okafor', '[REDACTED:email]');"
    );
    // PII off, names on: the name column alone.
    let names_only = Redactor::builder()
        .format(Format::Auto)
        .pii(false)
        .build()
        .unwrap();
    assert_eq!(
        names_only.redact("INSERT INTO c (full_name, email) VALUES ('Kwame Okafor', 'k@x.io');"),
        "INSERT INTO c (full_name, email) VALUES ('[REDACTED:person-name-key]', 'k@x.io');"
    );
    // After a cue, a given name of the gazetteer then a surname it does not know.
    hides("Hi, I'm Gerald Okafor.", &["Gerald", "Okafor"]);
    hides(
        "{\"user\": {\"name\": \"Elena Petrov\"}}",
        &["Elena", "Petrov"],
    );
    // Not the other way round, nor a surname then an unknown word.
    for line in [
        "Author: Into Meadow",
        "Author: Right Way",
        "{\"name\": \"Jenkins Pipeline\"}",
        "{\"name\": \"Kafka Consumer\"}",
        "{\"name\": \"Build Server\"}",
    ] {
        no_name(line);
    }
}
