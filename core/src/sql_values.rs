//! SQL `INSERT INTO t (columns) VALUES (...)` statements read as bytes: the values of each
//! row by column, and the values of one named column. Used by the engine (a column name is
//! context for its own values only) and by the structured layer (`structured::sql`: column
//! names as keys), so it sits below both.

/// Walks the rows of `VALUES` from `i` (`(v, v, ...), (...)`) and calls `f` with each value's
/// column and span: inside the quotes of a string literal, the digits of a number, empty for
/// `NULL` or a function call. Stops at the first byte that does not fit.
pub(crate) fn for_each_value(line: &[u8], mut i: usize, mut f: impl FnMut(usize, usize, usize)) {
    loop {
        i = skip_ws(line, i);
        if line.get(i) != Some(&b'(') {
            break;
        }
        i += 1;
        let mut col = 0;
        loop {
            i = skip_ws(line, i);
            let Some(&b) = line.get(i) else {
                return;
            };
            let (start, end, next) = if b == b'\'' {
                // A string literal; `''` is a quote inside it.
                let mut j = i + 1;
                loop {
                    match line.get(j) {
                        None => break,
                        Some(b'\'') if line.get(j + 1) == Some(&b'\'') => j += 2,
                        Some(b'\'') => break,
                        Some(b'\\') => j += 2,
                        Some(_) => j += 1,
                    }
                }
                let j = j.min(line.len());
                (i + 1, j, (j + 1).min(line.len()))
            } else {
                // A number, NULL, a function call: up to the next comma or `)` at this depth.
                let mut depth = 0usize;
                let mut j = i;
                while let Some(&c) = line.get(j) {
                    match c {
                        b'(' => depth += 1,
                        b')' if depth == 0 => break,
                        b')' => depth -= 1,
                        b',' if depth == 0 => break,
                        _ => {}
                    }
                    j += 1;
                }
                let mut e = j;
                while e > i && line[e - 1].is_ascii_whitespace() {
                    e -= 1;
                }
                let numeric = e > i && line[i..e].iter().all(|c| c.is_ascii_digit() || *c == b'.');
                if numeric {
                    (i, e, j)
                } else {
                    (i, i, j)
                }
            };
            f(col, start, end);
            col += 1;
            i = skip_ws(line, next);
            match line.get(i) {
                Some(b',') => i += 1,
                Some(b')') => {
                    i += 1;
                    break;
                }
                _ => return,
            }
        }
        i = skip_ws(line, i);
        if line.get(i) == Some(&b',') {
            i += 1;
        } else {
            break;
        }
    }
}

/// When the word starting at `hs` of `line` (a keyword there: `phone`, `ssn)`) is a column name
/// of `INSERT INTO t (columns) VALUES (...)` (the statement anywhere in the line, after a log
/// prefix too), pushes the span of its value in each row (string literals with their quotes)
/// and returns true: a column name is context for its own value only, not for its
/// neighbours'.
pub(crate) fn column_values(line: &[u8], hs: usize, out: &mut Vec<(usize, usize)>) -> bool {
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    // The name and its closing quote, then `,` or `)`.
    let mut i = hs;
    while line.get(i).is_some_and(|&b| ident(b)) {
        i += 1;
    }
    while line
        .get(i)
        .is_some_and(|&b| matches!(b, b'"' | b'`' | b']' | b' ' | b'\t'))
    {
        i += 1;
    }
    if !matches!(line.get(i), Some(b',' | b')')) {
        return false;
    }
    // Back to the list's `(`, counting the columns before this one.
    let mut k = hs;
    let mut col = 0;
    loop {
        if k == 0 {
            return false;
        }
        match line[k - 1] {
            b'(' => break,
            b',' => col += 1,
            b if ident(b) || matches!(b, b' ' | b'\t' | b'"' | b'`' | b'[' | b']') => {}
            _ => return false,
        }
        k -= 1;
    }
    let open = k - 1;
    if !insert_into_before(line, open) {
        return false;
    }
    let Some(close) = memchr::memchr(b')', &line[i..]).map(|c| i + c) else {
        return false;
    };
    if line[i..close]
        .iter()
        .any(|&b| !(ident(b) || matches!(b, b',' | b' ' | b'\t' | b'"' | b'`' | b'[' | b']')))
    {
        return false;
    }
    let Some(v) = after_words(&line[close + 1..], &[b"values"]).map(|k| close + 1 + k) else {
        return false;
    };
    for_each_value(line, v, |c, start, end| {
        if c == col {
            // With the quotes of a string literal.
            let quoted = start > 0 && line[start - 1] == b'\'';
            let (s, e) = if quoted {
                (start - 1, (end + 1).min(line.len()))
            } else {
                (start, end)
            };
            if e > s {
                out.push((s, e));
            }
        }
    });
    true
}

/// Whether `INSERT INTO <table>` (any case, blanks between) ends right before `open`.
fn insert_into_before(line: &[u8], open: usize) -> bool {
    let mut k = open;
    while k > 0 && matches!(line[k - 1], b' ' | b'\t') {
        k -= 1;
    }
    let table_end = k;
    while k > 0
        && (line[k - 1].is_ascii_alphanumeric()
            || matches!(line[k - 1], b'_' | b'.' | b'"' | b'`' | b'[' | b']'))
    {
        k -= 1;
    }
    if k == table_end {
        return false;
    }
    // `<word> ` before: `into`, then `insert`.
    let word_before = |k: usize, w: &[u8]| -> Option<usize> {
        let mut j = k;
        let blanks = j;
        while j > 0 && matches!(line[j - 1], b' ' | b'\t') {
            j -= 1;
        }
        if j == blanks || j < w.len() || !line[j - w.len()..j].eq_ignore_ascii_case(w) {
            return None;
        }
        let s = j - w.len();
        (s == 0 || !line[s - 1].is_ascii_alphanumeric() && line[s - 1] != b'_').then_some(s)
    };
    word_before(k, b"into").is_some_and(|k| word_before(k, b"insert").is_some())
}

fn skip_ws(line: &[u8], mut i: usize) -> usize {
    while line.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

/// After leading blanks, the words `words` (any case) separated by blanks: the position after
/// the last one.
pub(crate) fn after_words(line: &[u8], words: &[&[u8]]) -> Option<usize> {
    let mut i = skip_ws(line, 0);
    for w in words {
        let end = i + w.len();
        if !line.get(i..end)?.eq_ignore_ascii_case(w) {
            return None;
        }
        if !line.get(end).is_some_and(|b| b.is_ascii_whitespace()) && *w != b"values" {
            return None;
        }
        i = skip_ws(line, end);
    }
    Some(i)
}

/// A column name without blanks and quotes (`"ssn"`, `` `dob` ``, `[email]`).
pub(crate) fn trim_ident(c: &[u8]) -> &[u8] {
    let c = c.trim_ascii();
    match c {
        [b'"' | b'`' | b'[', inner @ .., b'"' | b'`' | b']'] => inner,
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column<'a>(line: &'a str, word: &str) -> Option<Vec<&'a str>> {
        let mut out = Vec::new();
        let hs = line.find(word).unwrap();
        column_values(line.as_bytes(), hs, &mut out)
            .then(|| out.iter().map(|&(s, e)| &line[s..e]).collect())
    }

    #[test]
    fn a_column_name_finds_its_own_values() {
        let line = "INSERT INTO customers (id, ssn, full_name, phone) VALUES (7, '234890835', 'A B', '718.589.9073'), (8, 123456789, NULL, '555')";
        assert_eq!(column(line, "ssn"), Some(vec!["'234890835'", "123456789"]));
        assert_eq!(column(line, "phone"), Some(vec!["'718.589.9073'", "'555'"]));
        assert_eq!(column(line, "full_name"), Some(vec!["'A B'"]));
        let logged = "2026-01-02 LOG: statement: insert into public.\"users\" (\"dob\", `phone`) values ('1968-01-17', '+44 7585 502183');";
        assert_eq!(column(logged, "dob"), Some(vec!["'1968-01-17'"]));
        assert_eq!(column(logged, "phone"), Some(vec!["'+44 7585 502183'"]));
        // The keyword may start a longer column name.
        let line = "INSERT INTO t (id, phone_number) VALUES (1, '2')";
        assert_eq!(column(line, "phone"), Some(vec!["'2'"]));
        for (line, word) in [
            ("SELECT id, phone FROM t WHERE ssn = '1'", "phone"),
            ("call (phone, fax) now", "phone"),
            ("INSERT INTO t (phone) SELECT x", "phone"),
            ("upsert into t (phone) values ('1')", "phone"),
        ] {
            assert_eq!(column(line, word), None, "{line}");
        }
    }
}
