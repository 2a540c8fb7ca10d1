//! Time of each rule alone over a corpus file: finds the rules that dominate a profile.
//!
//! `cargo run --release -p redactum-benches --bin rule_cost -- FILE [TOP]`

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let file = args.next().expect("corpus file");
    let top: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(25);
    let data = std::fs::read(&file).expect("read corpus");
    let all = redactum::Redactor::new().expect("catalog");
    let mut costs = Vec::new();
    for rule in all.rules() {
        let r = redactum::Redactor::builder()
            .only_rules([rule.id.clone()])
            .build()
            .unwrap();
        let _ = r.redact_bytes(&data);
        let t = Instant::now();
        let n = r.find_iter(&data).count();
        costs.push((
            t.elapsed().as_secs_f64(),
            rule.id,
            rule.keywords.join(","),
            n,
        ));
    }
    costs.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap());
    let total: f64 = costs.iter().map(|c| c.0).sum();
    println!(
        "sum of single-rule times: {:.1} ms over {:.1} MB",
        total * 1e3,
        data.len() as f64 / 1e6
    );
    for (t, id, kw, n) in costs.iter().take(top) {
        println!("{:8.2} ms  {:5} found  {id}  [{kw}]", t * 1e3, n);
    }
}
