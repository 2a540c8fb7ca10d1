//! `redactum rules` (the catalog, filtered) and `redactum rules check` (the quality gate).

use std::io::{self, BufWriter, Write};

use redactum::RedactorBuilder;

use crate::args::Args;
use crate::error::CliError;

fn out_err(e: io::Error) -> CliError {
    CliError::Stdout(e)
}

/// One line per rule: id, category, name, keywords, provider (tab-separated).
pub fn list(args: &Args, b: &RedactorBuilder) -> Result<u8, CliError> {
    let specs = b.specs().map_err(|e| CliError::msg(e.to_string()))?;
    let mut out = BufWriter::new(io::stdout().lock());
    for (_, r) in specs {
        if args
            .category
            .as_deref()
            .is_some_and(|c| c != r.category.as_str())
        {
            continue;
        }
        if let Some(p) = &args.provider {
            if !r
                .provider
                .as_deref()
                .is_some_and(|rp| rp.eq_ignore_ascii_case(p))
            {
                continue;
            }
        }
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}",
            r.id,
            r.category,
            r.name,
            r.keywords.join(","),
            r.provider.as_deref().unwrap_or("-")
        )
        .map_err(out_err)?;
    }
    out.flush().map_err(out_err)?;
    Ok(0)
}

/// Prints the problems, then the statistics; 1 when there is a problem.
pub fn check(b: &RedactorBuilder) -> Result<u8, CliError> {
    let report = redactum::check(b).map_err(|e| CliError::msg(e.to_string()))?;
    let s = &report.stats;
    let mut out = BufWriter::new(io::stdout().lock());
    let w = &mut out;
    let mut lines = Vec::new();
    for p in &report.problems {
        lines.push(format!("problem: {p}"));
    }
    lines.push(format!(
        "{} rules checked ({}), {} examples, {} negative examples: {} problem(s)",
        report.rules,
        s.per_category
            .iter()
            .map(|(c, n)| format!("{n} {c}"))
            .collect::<Vec<_>>()
            .join(", "),
        s.examples,
        s.negative_examples,
        report.problems.len()
    ));
    lines.push("rules per file:".into());
    for (f, n) in &s.per_file {
        lines.push(format!("  {n:5}  {f}"));
    }
    lines.push(format!(
        "rules per provider ({} providers):",
        s.per_provider.len()
    ));
    let mut providers: Vec<_> = s.per_provider.iter().collect();
    providers.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (p, n) in providers {
        lines.push(format!("  {n:5}  {p}"));
    }
    lines.push("validators (rules using each):".into());
    for (v, n) in &s.validators {
        lines.push(format!("  {n:5}  {v}"));
    }
    lines.push(format!(
        "rules without keywords (searched everywhere): {}",
        s.without_keywords
    ));
    lines.push(format!(
        "keywords in no example of their rule: {}",
        s.untested_keywords.len()
    ));
    lines.push(format!(
        "keywords shared by several rules ({}):",
        s.shared_keywords.len()
    ));
    for (k, rules) in &s.shared_keywords {
        lines.push(format!("  {k:?}: {}", rules.join(", ")));
    }
    for l in lines {
        writeln!(w, "{l}").map_err(out_err)?;
    }
    out.flush().map_err(out_err)?;
    Ok(if report.is_clean() { 0 } else { 1 })
}
