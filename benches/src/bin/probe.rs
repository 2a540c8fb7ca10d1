//! Probe: engine overhead with trivial rule sets.
use std::time::Instant;
fn main() {
    let file = std::env::args().nth(1).expect("file");
    let data = std::fs::read(&file).unwrap();
    for (name, rules) in [
        ("no-match keyword-less", "[[rule]]\nid='a'\nname='a'\ncategory='secret'\npattern='qqqzzzq'\n"),
        ("no-match keyword", "[[rule]]\nid='a'\nname='a'\ncategory='secret'\nkeywords=['qqqzzzq']\npattern='qqqzzzq'\n"),
        ("digit run keyword-less", "[[rule]]\nid='a'\nname='a'\ncategory='pii'\npattern='\\b[0-9]{13,19}\\b'\nvalidators=['luhn']\n"),
    ] {
        let r = redactum::Redactor::builder().builtin_rules(false).add_rules("p", rules).build().unwrap();
        let _ = r.redact_bytes(&data);
        let t = Instant::now();
        let n = r.find_iter(&data).count();
        println!("{name}: {n} found, {:.0} MB/s", data.len() as f64 / t.elapsed().as_secs_f64() / 1e6);
    }
}
