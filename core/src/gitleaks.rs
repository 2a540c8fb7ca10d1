//! Import of gitleaks configurations (`gitleaks.toml`, format v8) into redactum rules.
//!
//! What maps directly: `[[rules]]` `id`, `description`, `regex`, `keywords`, `entropy` (the
//! `entropy(x)` validator), `secretGroup` (that capture group is renamed `secret`), allowlist
//! `regexes` (`allow`) and `stopwords`, global allowlists (added to every rule).
//!
//! What cannot be expressed is kept as close as possible and reported, rule by rule, in the
//! warnings: `path` conditions (redactum scans text, not paths: a rule with a regex is kept and
//! applies everywhere, a path-only rule is skipped), allowlist `paths` and `commits`,
//! `regexTarget = "line"`, `condition = "AND"`, `[extend]`, composite `[[rules.required]]`.
//! A rule whose regex cannot run in linear time (look-around, back-references) or does not
//! compile is skipped with a warning instead of failing the whole file.
//!
//! Semantics differ in one way worth knowing: a gitleaks keyword enables its rule for the
//! whole fragment, a redactum keyword only near itself on the same line (see
//! `docs/rule-format.md`). Nearly every gitleaks rule has its keyword inside the match, where
//! both agree.

use std::collections::HashSet;

use regex_syntax::ast::{self, Ast, GroupKind};

use crate::error::{Error, ErrorKind};
use crate::rule::{Category, RuleSpec};

/// Bound given to a gitleaks rule whose regex spans lines (it becomes a multiline rule).
const MULTILINE_MAX_LEN: usize = 16 * 1024;

/// Converts a gitleaks configuration into rule specs, with one warning per construct that
/// could not be carried over exactly (each names the file and the rule).
///
/// # Errors
/// Only for the file as a whole: invalid TOML, or no `[[rules]]` array. Problems with one rule
/// skip that rule and are reported in the warnings; `compiles` is asked about every converted
/// rule (a message when it would not compile: the rule is then skipped with that message), so
/// that this module converts to specs only.
pub(crate) fn convert(
    source_name: &str,
    text: &str,
    compiles: &dyn Fn(&RuleSpec) -> Result<(), String>,
) -> Result<(Vec<RuleSpec>, Vec<String>), Error> {
    let doc: toml::Table = toml::from_str(text).map_err(|e| {
        Error::new(ErrorKind::Syntax, format!("invalid TOML: {}", e.message()))
            .with_source(source_name)
    })?;
    let mut warnings = Vec::new();
    let mut global = Allow::default();
    for (key, value) in &doc {
        match key.as_str() {
            "title" | "description" | "rules" => {}
            "extend" => warnings.push(format!(
                "{source_name}: [extend] is not supported: only the rules written in this file are imported"
            )),
            "allowlist" => global.read(value, &format!("{source_name}: global allowlist"), &mut warnings),
            "allowlists" => match value.as_array() {
                Some(items) => {
                    for (i, item) in items.iter().enumerate() {
                        global.read(item, &format!("{source_name}: global allowlist #{}", i + 1), &mut warnings);
                    }
                }
                None => warnings.push(format!("{source_name}: `allowlists` must be an array of tables; ignored")),
            },
            other => warnings.push(format!("{source_name}: unknown top-level key `{other}` ignored")),
        }
    }
    let rules = doc
        .get("rules")
        .and_then(toml::Value::as_array)
        .ok_or_else(|| {
            Error::new(
                ErrorKind::Syntax,
                "not a gitleaks configuration: no [[rules]] array",
            )
            .with_source(source_name)
        })?;

    let mut out = Vec::with_capacity(rules.len());
    let mut ids = HashSet::new();
    for (i, item) in rules.iter().enumerate() {
        let Some(table) = item.as_table() else {
            warnings.push(format!(
                "{source_name}: rules #{}: not a table; skipped",
                i + 1
            ));
            continue;
        };
        if let Some(spec) = convert_rule(
            source_name,
            i,
            table,
            &global,
            &mut ids,
            &mut warnings,
            compiles,
        ) {
            out.push(spec);
        }
    }
    Ok((out, warnings))
}

/// Allowlist criteria carried over to a rule: `allow` regexes and stopwords.
#[derive(Default, Clone)]
struct Allow {
    regexes: Vec<String>,
    stopwords: Vec<String>,
}

impl Allow {
    /// Reads one gitleaks allowlist table, warning about what is dropped.
    fn read(&mut self, value: &toml::Value, ctx: &str, warnings: &mut Vec<String>) {
        let Some(t) = value.as_table() else {
            warnings.push(format!("{ctx}: not a table; ignored"));
            return;
        };
        let target = t
            .get("regexTarget")
            .and_then(toml::Value::as_str)
            .unwrap_or("secret");
        let mut kinds = 0;
        for (key, v) in t {
            match key.as_str() {
                "description" | "regexTarget" | "condition" => {}
                "regexes" => {
                    kinds += 1;
                    let list = strings(v);
                    match target {
                        "line" => warnings.push(format!(
                            "{ctx}: {} regex(es) with regexTarget = \"line\" dropped (allow regexes only see the secret)",
                            list.len()
                        )),
                        t => {
                            if t == "match" {
                                warnings.push(format!("{ctx}: regexTarget = \"match\" is applied to the secret part"));
                            } else if t != "secret" {
                                warnings.push(format!("{ctx}: unknown regexTarget `{t}`; regexes applied to the secret"));
                            }
                            for r in list {
                                match check_regex(&r) {
                                    Ok(()) => self.regexes.push(r),
                                    Err(e) => warnings.push(format!("{ctx}: allowlist regex `{r}` dropped: {e}")),
                                }
                            }
                        }
                    }
                }
                "stopwords" => {
                    kinds += 1;
                    self.stopwords
                        .extend(strings(v).into_iter().filter(|s| !s.is_empty()));
                }
                "paths" | "commits" => {
                    kinds += 1;
                    warnings.push(format!("{ctx}: `{key}` is not supported (redactum scans text, not files or commits); ignored"));
                }
                other => warnings.push(format!("{ctx}: unknown key `{other}` ignored")),
            }
        }
        if t.get("condition")
            .and_then(toml::Value::as_str)
            .is_some_and(|c| c.eq_ignore_ascii_case("and"))
            && kinds > 1
        {
            warnings.push(format!(
                "{ctx}: condition = \"AND\" is approximated: each criterion vetoes on its own"
            ));
        }
    }
}

fn strings(v: &toml::Value) -> Vec<String> {
    match v {
        toml::Value::Array(items) => items
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        toml::Value::String(s) => vec![s.clone()],
        _ => Vec::new(),
    }
}

/// Parses a pattern the way the rule compiler does; the message says why it cannot be used.
fn check_regex(pattern: &str) -> Result<(), String> {
    regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
        .map(|_| ())
        .map_err(|e| {
            let msg = match &e {
                regex_syntax::Error::Parse(p) => p.kind().to_string(),
                regex_syntax::Error::Translate(t) => t.kind().to_string(),
                _ => e.to_string(),
            };
            if msg.contains("look-around") || msg.contains("backreference") {
                format!("{msg} (redactum only runs linear-time patterns)")
            } else {
                msg
            }
        })
}

/// A kebab-case id from a gitleaks id (`AWS_Access-Key` -> `aws-access-key`).
fn kebab(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn convert_rule(
    source: &str,
    index: usize,
    t: &toml::Table,
    global: &Allow,
    ids: &mut HashSet<String>,
    warnings: &mut Vec<String>,
    compiles: &dyn Fn(&RuleSpec) -> Result<(), String>,
) -> Option<RuleSpec> {
    let raw_id = t
        .get("id")
        .and_then(toml::Value::as_str)
        .unwrap_or("")
        .to_string();
    let mut id = kebab(&raw_id);
    if id.is_empty() {
        id = format!("gitleaks-rule-{}", index + 1);
    }
    if ids.contains(&id) {
        let mut n = 2;
        while ids.contains(&format!("{id}-{n}")) {
            n += 1;
        }
        id = format!("{id}-{n}");
    }
    let ctx = format!(
        "{source}: rule `{}`",
        if raw_id.is_empty() {
            id.as_str()
        } else {
            raw_id.as_str()
        }
    );
    if raw_id != id {
        warnings.push(format!(
            "{ctx}: id written as `{id}` (ids are unique and kebab-case)"
        ));
    }

    let mut allow = global.clone();
    let mut secret_group: Option<u32> = None;
    let mut entropy: Option<f64> = None;
    let mut keywords = Vec::new();
    let mut tags = Vec::new();
    let has_path = t.contains_key("path");
    for (key, v) in t {
        match key.as_str() {
            "id" | "description" | "regex" | "path" => {}
            "secretGroup" => match v.as_integer() {
                Some(n) if n >= 0 => secret_group = Some(n as u32),
                _ => warnings.push(format!("{ctx}: secretGroup must be a non-negative integer; ignored")),
            },
            "entropy" => match v.as_float().or_else(|| v.as_integer().map(|i| i as f64)) {
                Some(e) if (0.0..=8.0).contains(&e) => entropy = Some(e),
                _ => warnings.push(format!("{ctx}: entropy must be a number of bits per character (0 to 8); ignored")),
            },
            "keywords" => {
                for k in strings(v) {
                    if k.is_empty() || !k.is_ascii() || k.contains(['\n', '\r']) {
                        warnings.push(format!("{ctx}: keyword {k:?} dropped (keywords are ASCII, without line breaks)"));
                    } else {
                        keywords.push(k);
                    }
                }
            }
            "tags" => tags = strings(v),
            "allowlist" => allow.read(v, &format!("{ctx}: allowlist"), warnings),
            "allowlists" => match v.as_array() {
                Some(items) => {
                    for (i, item) in items.iter().enumerate() {
                        allow.read(item, &format!("{ctx}: allowlist #{}", i + 1), warnings);
                    }
                }
                None => warnings.push(format!("{ctx}: `allowlists` must be an array of tables; ignored")),
            },
            "required" => warnings.push(format!(
                "{ctx}: composite rule conditions ([[rules.required]]) are not supported: the rule reports on its own"
            )),
            "skipReport" => warnings.push(format!("{ctx}: skipReport is not supported: the rule's findings are redacted")),
            other => warnings.push(format!("{ctx}: unknown key `{other}` ignored")),
        }
    }

    let Some(regex) = t.get("regex").and_then(toml::Value::as_str) else {
        if has_path {
            warnings.push(format!(
                "{ctx}: path-only rule skipped (path conditions are not supported)"
            ));
        } else {
            warnings.push(format!("{ctx}: no regex; skipped"));
        }
        return None;
    };
    if has_path {
        warnings.push(format!(
            "{ctx}: `path` is not supported: the rule applies to every input"
        ));
    }
    if let Err(e) = check_regex(regex) {
        warnings.push(format!("{ctx}: regex rejected, rule skipped: {e}"));
        return None;
    }
    let pattern = match name_secret_group(regex, secret_group) {
        Ok((p, note)) => {
            if let Some(n) = note {
                warnings.push(format!("{ctx}: {n}"));
            }
            p
        }
        Err(e) => {
            warnings.push(format!("{ctx}: regex rejected, rule skipped: {e}"));
            return None;
        }
    };

    let name = match t
        .get("description")
        .and_then(toml::Value::as_str)
        .map(str::trim)
    {
        Some(d) if !d.is_empty() => d.to_string(),
        _ => raw_id.clone(),
    };
    let name = if name.is_empty() { id.clone() } else { name };
    let mut spec = RuleSpec::new(&id, &name, Category::Secret, &pattern);
    spec.keywords = keywords;
    if let Some(e) = entropy {
        spec.validators.push(format!("entropy({e:?})"));
    }
    spec.allow = allow.regexes;
    spec.stopwords = allow.stopwords;
    let mut description = format!("Imported from gitleaks rule `{raw_id}` ({source}).");
    if !tags.is_empty() {
        description.push_str(&format!(" Tags: {}.", tags.join(", ")));
    }
    spec.description = Some(description);
    if spans_lines(&pattern) {
        if spec.keywords.is_empty() {
            warnings.push(format!(
                "{ctx}: the regex spans lines and the rule has no keywords; skipped"
            ));
            return None;
        }
        spec.multiline = true;
        spec.max_len = Some(MULTILINE_MAX_LEN);
        warnings.push(format!(
            "{ctx}: the regex spans lines: made multiline, matching at most {MULTILINE_MAX_LEN} bytes from the keyword's line"
        ));
    }
    if let Err(e) = compiles(&spec) {
        warnings.push(format!("{ctx}: rule skipped: {e}"));
        return None;
    }
    ids.insert(id);
    Some(spec)
}

/// True when the pattern names a line break (`\n`, `\r`): such a rule must be multiline.
fn spans_lines(pattern: &str) -> bool {
    let b = pattern.as_bytes();
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] == b'\\' {
            if b[i + 1] == b'n' {
                return true;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    false
}

/// Rewrites `regex` so that capture group `group` (gitleaks `secretGroup`) is named `secret`;
/// without `secretGroup` the whole match is the secret. Returns the pattern and a note for the
/// warnings, if any.
fn name_secret_group(regex: &str, group: Option<u32>) -> Result<(String, Option<String>), String> {
    let parsed = ast::parse::Parser::new()
        .parse(regex)
        .map_err(|e| e.kind().to_string())?;
    let mut groups = Vec::new();
    collect_groups(&parsed, &mut groups);
    let (target, note) = match group {
        Some(0) => return Ok((regex.to_string(), None)),
        Some(n) => match groups.iter().find(|g| g.index == n) {
            // A match may leave the group out (`(?:tok=(\w+)|key=(\w+))`): named `secret`, a
            // match without it would be a veto (nothing replaced), where gitleaks reports the
            // match. The whole match is replaced instead.
            Some(g) if g.optional => {
                let mut out = regex.to_string();
                let mut renames: Vec<(usize, usize)> = groups
                    .iter()
                    .filter(|g| g.name.as_deref() == Some("secret"))
                    .map(|g| g.name_span.expect("named group has a name span"))
                    .collect();
                renames.sort_by_key(|r| std::cmp::Reverse(r.0));
                for (s, e) in renames {
                    out.replace_range(s..e, "gitleaks_secret");
                }
                return Ok((
                    out,
                    Some(format!(
                        "secretGroup {n} may take no part in a match (it is in one branch of an \
                         alternation or in an optional part): the whole match is replaced"
                    )),
                ));
            }
            Some(g) => (g.clone(), None),
            None => {
                return Ok((
                    regex.to_string(),
                    Some(format!(
                    "secretGroup {n} does not exist in the regex: the whole match is the secret"
                )),
                ))
            }
        },
        // Gitleaks reports the first non-empty capture group; replacing only that part could
        // leave the rest of the secret in place, so the whole match is replaced instead.
        None if groups.is_empty() => return Ok((regex.to_string(), None)),
        None => {
            let note = "no secretGroup: the whole match is replaced, and entropy and allowlists apply to it \
                        (gitleaks applies them to the first non-empty capture group)";
            return match groups.iter().find(|g| g.name.as_deref() == Some("secret")) {
                Some(g) => {
                    let (s, e) = g.name_span.expect("named group has a name span");
                    let mut out = regex.to_string();
                    out.replace_range(s..e, "gitleaks_secret");
                    Ok((out, Some(note.to_string())))
                }
                None => Ok((regex.to_string(), Some(note.to_string()))),
            };
        }
    };
    // Edits from right to left so that earlier offsets stay valid.
    let mut edits: Vec<(usize, usize, &str)> = Vec::new();
    for g in &groups {
        if g.index != target.index && g.name.as_deref() == Some("secret") {
            let (s, e) = g.name_span.expect("named group has a name span");
            edits.push((s, e, "gitleaks_secret"));
        }
    }
    match target.name_span {
        Some((s, e)) => edits.push((s, e, "secret")),
        None => edits.push((target.open + 1, target.open + 1, "?P<secret>")),
    }
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = regex.to_string();
    for (s, e, text) in edits {
        out.replace_range(s..e, text);
    }
    Ok((out, note))
}

#[derive(Clone)]
struct CaptureGroup {
    index: u32,
    open: usize,
    name: Option<String>,
    name_span: Option<(usize, usize)>,
    /// Inside a branch of an alternation or a part that may repeat zero times: a match can
    /// leave the group out.
    optional: bool,
}

fn collect_groups(a: &Ast, out: &mut Vec<CaptureGroup>) {
    collect_groups_in(a, false, out)
}

fn collect_groups_in(a: &Ast, optional: bool, out: &mut Vec<CaptureGroup>) {
    match a {
        Ast::Group(g) => {
            match &g.kind {
                GroupKind::CaptureIndex(i) => out.push(CaptureGroup {
                    index: *i,
                    open: g.span.start.offset,
                    name: None,
                    name_span: None,
                    optional,
                }),
                GroupKind::CaptureName { name, .. } => out.push(CaptureGroup {
                    index: name.index,
                    open: g.span.start.offset,
                    name: Some(name.name.clone()),
                    name_span: Some((name.span.start.offset, name.span.end.offset)),
                    optional,
                }),
                GroupKind::NonCapturing(_) => {}
            }
            collect_groups_in(&g.ast, optional, out);
        }
        Ast::Repetition(r) => {
            let may_skip = match &r.op.kind {
                ast::RepetitionKind::ZeroOrOne | ast::RepetitionKind::ZeroOrMore => true,
                ast::RepetitionKind::OneOrMore => false,
                ast::RepetitionKind::Range(range) => match range {
                    ast::RepetitionRange::Exactly(n) | ast::RepetitionRange::AtLeast(n) => *n == 0,
                    ast::RepetitionRange::Bounded(m, _) => *m == 0,
                },
            };
            collect_groups_in(&r.ast, optional || may_skip, out)
        }
        Ast::Alternation(x) => {
            let branches = x.asts.len() > 1;
            x.asts
                .iter()
                .for_each(|a| collect_groups_in(a, optional || branches, out))
        }
        Ast::Concat(x) => x
            .asts
            .iter()
            .for_each(|a| collect_groups_in(a, optional, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(toml_text: &str) -> (Vec<RuleSpec>, Vec<String>) {
        convert("t.toml", toml_text, &|_| Ok(())).expect("converts")
    }

    #[test]
    fn basic_fields() {
        let (rules, warnings) = one(r#"
title = "t"
[[rules]]
id = "Acme_API-Key"
description = "Acme API key"
regex = '''acme_(?:key|tok)\s*=\s*"([a-z0-9]{24})"'''
secretGroup = 1
entropy = 3.2
keywords = ["acme_"]
tags = ["key", "acme"]
"#);
        assert_eq!(rules.len(), 1);
        let r = &rules[0];
        assert_eq!(r.id, "acme-api-key");
        assert_eq!(r.name, "Acme API key");
        assert_eq!(
            r.pattern,
            r#"acme_(?:key|tok)\s*=\s*"(?P<secret>[a-z0-9]{24})""#
        );
        assert_eq!(r.validators, vec!["entropy(3.2)".to_string()]);
        assert_eq!(r.keywords, vec!["acme_".to_string()]);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("acme-api-key"), "{warnings:?}");
    }

    #[test]
    fn secret_group_renames_named_and_numbered_groups() {
        let (p, _) = name_secret_group(r"(a)(?P<x>b)(c)", Some(2)).unwrap();
        assert_eq!(p, r"(a)(?P<secret>b)(c)");
        let (p, _) = name_secret_group(r"(?:x(y))+(z)", Some(2)).unwrap();
        assert_eq!(p, r"(?:x(y))+(?P<secret>z)");
        let (p, note) = name_secret_group(r"k=\w+", None).unwrap();
        assert_eq!(p, r"k=\w+");
        assert!(note.is_none());
        // Without secretGroup the whole match is replaced: a group must not narrow it.
        let (p, note) = name_secret_group(r"-----BEGIN ([A-Z]+ )?KEY-----\n[a-z]+", None).unwrap();
        assert_eq!(p, r"-----BEGIN ([A-Z]+ )?KEY-----\n[a-z]+");
        assert!(note.unwrap().contains("whole match"));
        let (p, _) = name_secret_group(r"(?P<secret>a)b", None).unwrap();
        assert_eq!(p, r"(?P<gitleaks_secret>a)b");
        let (p, note) = name_secret_group(r"abc", Some(3)).unwrap();
        assert_eq!(p, "abc");
        assert!(note.unwrap().contains("does not exist"));
        let (p, _) = name_secret_group(r"(?P<secret>a)(b)", Some(2)).unwrap();
        assert_eq!(p, r"(?P<gitleaks_secret>a)(?P<secret>b)");
    }

    #[test]
    fn lookaround_and_path_only_are_skipped_with_warnings() {
        let (rules, warnings) = one(r#"
[[rules]]
id = "look"
regex = '''key=(?=[a-z])\w+'''
[[rules]]
id = "pem-files"
path = '''\.pem$'''
[[rules]]
id = "ok"
regex = '''ok_[0-9a-f]{16}'''
path = '''\.env$'''
keywords = ["ok_"]
"#);
        let ids: Vec<_> = rules.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["ok"]);
        let w = warnings.join("\n");
        assert!(w.contains("`look`") && w.contains("look-around"), "{w}");
        assert!(w.contains("`pem-files`: path-only rule skipped"), "{w}");
        assert!(w.contains("`ok`: `path` is not supported"), "{w}");
    }

    #[test]
    fn allowlists_and_stopwords() {
        let (rules, warnings) = one(r#"
[allowlist]
regexes = ['''EXAMPLE''']
paths = ['''vendor/''']
[[rules]]
id = "tok"
regex = '''tok_[A-Za-z0-9]{20}'''
keywords = ["tok_"]
[rules.allowlist]
regexes = ['''^tok_0+$''', '''(?<=x)y''']
stopwords = ["dummy"]
[[rules.allowlists]]
regexTarget = "line"
regexes = ['''test''']
[[rules.allowlists]]
condition = "AND"
regexes = ['''abc''']
stopwords = ["zzz"]
"#);
        let r = &rules[0];
        assert_eq!(
            r.allow,
            vec![
                "EXAMPLE".to_string(),
                "^tok_0+$".to_string(),
                "abc".to_string()
            ]
        );
        assert_eq!(r.stopwords, vec!["dummy".to_string(), "zzz".to_string()]);
        let w = warnings.join("\n");
        assert!(w.contains("global allowlist: `paths`"), "{w}");
        assert!(w.contains("(?<=x)y") && w.contains("dropped"), "{w}");
        assert!(w.contains("regexTarget = \"line\""), "{w}");
        assert!(w.contains("AND"), "{w}");
    }

    #[test]
    fn ids_are_unique_and_multiline_needs_keywords() {
        let (rules, warnings) = one(r#"
[[rules]]
id = "dup"
regex = '''a[0-9]{4}'''
[[rules]]
id = "dup"
regex = '''b[0-9]{4}'''
[[rules]]
id = "block"
regex = '''BEGIN X\n[A-Z]+\nEND X'''
keywords = ["begin x"]
[[rules]]
id = "block-nokw"
regex = '''BEGIN Y\n[A-Z]+'''
"#);
        let ids: Vec<_> = rules.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["dup", "dup-2", "block"]);
        assert!(rules[2].multiline && rules[2].max_len == Some(MULTILINE_MAX_LEN));
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("block-nokw") && w.contains("skipped")),
            "{warnings:?}"
        );
    }

    #[test]
    fn file_level_errors() {
        assert_eq!(
            convert("x.toml", "[[rules]\n", &|_| Ok(()))
                .unwrap_err()
                .kind(),
            ErrorKind::Syntax
        );
        assert_eq!(
            convert("x.toml", "title = 'no rules'\n", &|_| Ok(()))
                .unwrap_err()
                .kind(),
            ErrorKind::Syntax
        );
    }
}
