//! Probe: speed of the keyword automaton alone in several configurations.
use std::time::Instant;

fn main() {
    let file = std::env::args().nth(1).expect("file");
    let data = std::fs::read(&file).unwrap();
    let mut kws: Vec<String> = Vec::new();
    for (f, t) in redactum::builtin_rule_files() {
        for s in redactum::parse_rules(f, t).unwrap() {
            kws.extend(s.keywords.iter().map(|k| k.to_ascii_lowercase()));
        }
    }
    kws.sort();
    kws.dedup();
    println!("{} keywords", kws.len());
    use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
    for (name, kind, mk, ov) in [
        (
            "dfa standard overlapping",
            Some(AhoCorasickKind::DFA),
            MatchKind::Standard,
            true,
        ),
        (
            "dfa leftmost-longest",
            Some(AhoCorasickKind::DFA),
            MatchKind::LeftmostLongest,
            false,
        ),
        (
            "auto leftmost-longest",
            None,
            MatchKind::LeftmostLongest,
            false,
        ),
        (
            "auto standard nonoverlapping",
            None,
            MatchKind::Standard,
            false,
        ),
    ] {
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(mk)
            .kind(kind)
            .build(&kws)
            .unwrap();
        let t = Instant::now();
        let n = if ov {
            ac.find_overlapping_iter(&data).count()
        } else {
            ac.find_iter(&data).count()
        };
        let s = t.elapsed().as_secs_f64();
        println!("{name}: {n} hits, {:.0} MB/s", data.len() as f64 / s / 1e6);
    }
    for mk in [
        MatchKind::LeftmostLongest,
        MatchKind::LeftmostFirst,
        MatchKind::Standard,
    ] {
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(mk)
            .kind(Some(AhoCorasickKind::DFA))
            .prefilter(false)
            .build(&kws)
            .unwrap();
        let t = Instant::now();
        let n = ac.find_iter(&data).count();
        println!(
            "dfa {mk:?} non-overlapping, no prefilter: {n} hits, {:.0} MB/s",
            data.len() as f64 / t.elapsed().as_secs_f64() / 1e6
        );
    }
    for pf in [false, true] {
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .prefilter(pf)
            .build(&kws)
            .unwrap();
        let t = Instant::now();
        let n = ac.find_overlapping_iter(&data).count();
        println!(
            "dfa overlapping prefilter={pf}: {n} hits, {:.0} MB/s",
            data.len() as f64 / t.elapsed().as_secs_f64() / 1e6
        );
    }
    // Only keywords of 4+ bytes.
    let long: Vec<&String> = kws.iter().filter(|k| k.len() >= 5).collect();
    let ac = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&long)
        .unwrap();
    let t = Instant::now();
    let n = ac.find_overlapping_iter(&data).count();
    println!(
        "{} keywords of 5+ bytes: {n} hits, {:.0} MB/s",
        long.len(),
        data.len() as f64 / t.elapsed().as_secs_f64() / 1e6
    );
    // Case-sensitive lower-case only (data lowercased separately would cost a pass).
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&kws)
        .unwrap();
    let t = Instant::now();
    let n = ac.find_iter(&data).count();
    println!(
        "case-sensitive leftmost-longest: {n} hits, {:.0} MB/s",
        data.len() as f64 / t.elapsed().as_secs_f64() / 1e6
    );
}
