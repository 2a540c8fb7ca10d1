//! SQL `INSERT INTO t (columns) VALUES (...)` lines: each column name is the key of the values
//! in its position, so `ssn`, `birth_date` or `password` columns give their values a type.

use super::kv::already_redacted;
use super::KeySet;
use crate::span::Span;
use crate::sql_values::{after_words, for_each_value, trim_ident};

/// The spans of string and number values under sensitive or personal columns of an `INSERT`
/// line (every row of a multi-row `VALUES`). Returns whether the line is such a statement with
/// at least one sensitive or personal column, replaced value or not: a line is classified the
/// same before and after redaction.
pub(super) fn insert_spans(line: &[u8], keys: &KeySet, spans: &mut Vec<Span>) -> bool {
    let Some(rest) = after_words(line, &[b"insert", b"into"]) else {
        return false;
    };
    // The table name, then the column list.
    let Some(open) = memchr::memchr(b'(', &line[rest..]).map(|k| rest + k) else {
        return false;
    };
    let Some(close) = memchr::memchr(b')', &line[open..]).map(|k| open + k) else {
        return false;
    };
    let columns: Vec<&[u8]> = line[open + 1..close]
        .split(|&b| b == b',')
        .map(trim_ident)
        .collect();
    let kinds: Vec<_> = columns.iter().map(|c| keys.kind(c)).collect();
    if kinds.iter().all(Option::is_none) {
        return false;
    }
    let Some(i) = after_words(&line[close + 1..], &[b"values"]).map(|k| close + 1 + k) else {
        return false;
    };
    for_each_value(line, i, |col, start, end| {
        if let Some(Some(kind)) = kinds.get(col) {
            let v = &line[start..end];
            if end > start && !already_redacted(v) && keys.value_fits(*kind, v) {
                spans.push(Span {
                    start,
                    end,
                    label: kind.label(),
                });
            }
        }
    });
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Label;
    use crate::structured::ValueShape;

    fn keys() -> KeySet {
        KeySet::with_personal(
            ["password"],
            &[
                (0, "ssn", ValueShape::Any),
                (1, "birth_date", ValueShape::Any),
            ],
        )
    }

    fn values(line: &str) -> Vec<(&str, Label)> {
        let mut spans = Vec::new();
        assert!(insert_spans(line.as_bytes(), &keys(), &mut spans), "{line}");
        spans
            .iter()
            .map(|s| (&line[s.start..s.end], s.label))
            .collect()
    }

    #[test]
    fn columns_give_values_their_keys() {
        assert_eq!(
            values("INSERT INTO customers (id, ssn, name, birth_date) VALUES (7, '524579829', 'A', '1983-11-15');"),
            [
                ("524579829", Label::PersonalKey(0)),
                ("1983-11-15", Label::PersonalKey(1))
            ]
        );
        assert_eq!(
            values("insert into users (`name`, `password`) values ('o''neil', 'pa,ss''w)d'), ('x', 'y2')"),
            [("pa,ss''w)d", Label::SensitiveKey), ("y2", Label::SensitiveKey)]
        );
        assert_eq!(
            values("INSERT INTO t (ssn, password) VALUES (123456789, NULL)"),
            [("123456789", Label::PersonalKey(0))]
        );
    }

    #[test]
    fn other_statements_and_broken_lines_are_not_inserts() {
        let mut spans = Vec::new();
        for line in [
            "INSERT INTO t (id, name) VALUES (1, 'x')",
            "SELECT ssn FROM t",
            "INSERT INTO t (ssn VALUES",
            "INSERTINTO t (ssn) VALUES ('1')",
        ] {
            assert!(
                !insert_spans(line.as_bytes(), &keys(), &mut spans),
                "{line}"
            );
        }
        // Cut short: no panic, what was read counts.
        for line in [
            "INSERT INTO t (ssn) VALUES ('12",
            "INSERT INTO t (ssn) VALUES (",
            "INSERT INTO t (ssn) VALUES",
        ] {
            insert_spans(line.as_bytes(), &keys(), &mut spans);
        }
        assert!(spans.iter().all(|s| s.start <= s.end));
    }
}
