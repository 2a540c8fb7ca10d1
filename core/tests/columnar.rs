//! The column path against the per-value path on real text: every line of every committed
//! corpus is a row. Rows are screened in blocks (`columnar.rs`); whatever the screening
//! decides, each row must come out, be found and be matched exactly as on its own.

use std::path::Path;

use redactum::{Column, Format, Redactor, Validity};

#[path = "common/corpora.rs"]
mod corpora;
use corpora::CORPORA;

/// The first bytes of each corpus (a debug build redacts each row twice).
const PREFIX: usize = 160 << 10;

fn rows_of(path: &str) -> Vec<Option<Vec<u8>>> {
    let text = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    let text = &text[..text.len().min(PREFIX)];
    let mut rows: Vec<Option<Vec<u8>>> = text
        .split(|&b| b == b'\n')
        .map(|l| Some(l.to_vec()))
        .collect();
    // Nulls, and rows of several lines (as a multiline value would be), among them.
    for i in (0..rows.len()).step_by(97) {
        rows[i] = None;
    }
    let joined: Vec<Option<Vec<u8>>> = rows
        .chunks(3)
        .step_by(50)
        .map(|c| {
            Some(
                c.iter()
                    .flatten()
                    .flatten()
                    .copied()
                    .chain(*b"\n")
                    .collect(),
            )
        })
        .collect();
    rows.extend(joined);
    rows
}

fn per_value(r: &Redactor, v: &[u8]) -> Vec<u8> {
    match std::str::from_utf8(v) {
        Ok(s) => r.redact(s).into_owned().into_bytes(),
        Err(_) => r.redact_bytes(v).into_owned(),
    }
}

fn check(r: &Redactor, path: &str) {
    let rows = rows_of(path);
    let mut values = Vec::new();
    let mut offsets = vec![0i64];
    let mut bits = vec![0u8; rows.len().div_ceil(8)];
    for (i, row) in rows.iter().enumerate() {
        if let Some(v) = row {
            values.extend_from_slice(v);
            bits[i / 8] |= 1 << (i % 8);
        }
        offsets.push(values.len() as i64);
    }
    let col = Column::new(&values, &offsets, Some(Validity::new(&bits, 0))).unwrap();
    for threads in [1, 2] {
        let out = r.redact_column(&col, threads).unwrap();
        let mut changed = 0;
        for (i, row) in rows.iter().enumerate() {
            let (s, e) = (out.offsets[i] as usize, out.offsets[i + 1] as usize);
            match row {
                None => assert_eq!(s, e, "{path}: null row {i}"),
                Some(v) => {
                    let want = per_value(r, v);
                    changed += usize::from(want != *v);
                    assert_eq!(
                        String::from_utf8_lossy(&out.values[s..e]),
                        String::from_utf8_lossy(&want),
                        "{path}: row {i} ({threads} threads)"
                    );
                }
            }
        }
        // The corpora with findings must give some, or the comparison proves little.
        if !path.contains("decoy") {
            assert!(changed > 0, "{path}: no row redacted");
        }
    }
    let found = r.find_column(&col, 2);
    let mut want = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        if let Some(v) = row {
            want.extend(
                r.find_iter(v)
                    .map(|f| (i, f.start(), f.end(), f.rule_id().to_string())),
            );
        }
    }
    let got: Vec<_> = found
        .iter()
        .map(|f| (f.row, f.start, f.end, f.rule_id.clone()))
        .collect();
    assert_eq!(got, want, "{path}: find_column");
    let texts: Vec<String> = rows
        .iter()
        .flatten()
        .map(|v| String::from_utf8_lossy(v).into_owned())
        .collect();
    for threads in [1, 2] {
        for (i, (t, e)) in texts.iter().zip(r.redact_each(&texts, threads)).enumerate() {
            let want = r.redact(t);
            match e {
                None => assert!(
                    matches!(want, std::borrow::Cow::Borrowed(_)),
                    "{path}: text {i} changed: {t:?}"
                ),
                Some(e) => assert_eq!(e, want, "{path}: text {i} ({threads} threads)"),
            }
        }
    }
    let matched = r.is_match_column(&col, 1);
    let want: Vec<Option<bool>> = rows
        .iter()
        .map(|v| v.as_ref().map(|v| r.is_match(v)))
        .collect();
    assert_eq!(matched, want, "{path}: is_match_column");
}

#[test]
fn every_corpus_line_as_a_row_auto() {
    let r = Redactor::new().unwrap();
    for path in CORPORA {
        check(&r, path);
    }
}

#[test]
fn every_corpus_line_as_a_row_text() {
    let r = Redactor::builder().format(Format::Text).build().unwrap();
    for path in CORPORA {
        check(&r, path);
    }
}
