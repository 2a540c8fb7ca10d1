//! `redactum`: a streaming filter that redacts secrets and personal data.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Instant;

use rayon::prelude::*;
use redactum::{Format, Redactor, RedactorBuilder, StreamFinding, Style};

mod args;
mod report;

use args::{Args, Command, ReportFormat};
use report::Record;

const USAGE: &str = "\
redactum: redact secrets and personal data from text

USAGE:
    redactum [OPTIONS] [PATH...]      redact stdin (or files, directories) to stdout
    redactum rules                    list the rule catalog
    redactum validators               list the validators rules can use

With no PATH (or '-') redactum is a filter: stdin to stdout, each line written as soon as it
is complete. Files are written to stdout in turn unless --output or --in-place is given;
directories need --output or --in-place and are processed in parallel.

OPTIONS:
    -o, --output DIR        write redacted copies under DIR (same relative paths)
    -i, --in-place          replace each file atomically with its redacted version
        --rules FILE        add the rules of FILE (redactum or gitleaks TOML); repeatable
        --only-rules FILE   use only the rules of FILE (no built-in catalog); repeatable
        --disable ID        turn a rule off; repeatable
        --no-secrets        do not look for secrets
        --no-pii            do not look for personal data
        --style STYLE       label (default), mask, partial, hash
        --keep N            with --style partial: characters kept at each end (default 4)
        --style-for SEL=STYLE
                            a style for one rule id, a category (secret, pii) or the
                            values of sensitive keys (sensitive-key); STYLE is label,
                            mask, hash, partial (--keep at each end) or partial:START:END
                            (e.g. credit-card=partial:0:4, email=hash); repeatable
        --format FORMAT     auto (default), text, json, logfmt. auto decides per line:
                            JSON lines have their strings scanned (escapes decoded) and
                            the values of sensitive keys replaced, in place; key=value
                            lines, HTTP headers and URL query parameters have the values
                            of sensitive keys replaced; other lines are plain text and
                            come out exactly as with --format text
        --sensitive-key KEY a key whose values are always replaced in structured lines,
                            besides password, secret, token, api_key, authorization,
                            cookie...; case and separators are ignored; repeatable
        --key KEY           key for --style hash (or the REDACTUM_KEY environment variable)
        --report FORMAT     json or sarif: list findings (never the values) on stderr,
                            or in --report-file
        --report-file FILE  where the report goes
        --stats             print bytes, MB/s and findings per rule on stderr at the end
        --check             exit 1 if anything was found (a CI gate)
        --fail-closed       if scanning a line fails internally, replace that line with
                            [REDACTED:internal-error] (a line over 1 MiB: the failing 1 MiB
                            piece) instead of stopping with an error
    -j, --threads N         threads for many files (default: all cores)
    -h, --help              this help
    -V, --version           the version

EXIT STATUS: 0 done (nothing found, or --check not given), 1 found with --check, 2 error.
";

/// The message of the last panic, kept by the panic hook instead of printed: the error path
/// prints one line with it.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let msg = match info.payload().downcast_ref::<&str>() {
            Some(s) => s.to_string(),
            None => info
                .payload()
                .downcast_ref::<String>()
                .cloned()
                .unwrap_or_else(|| "panic".into()),
        };
        if let Ok(mut p) = LAST_PANIC.lock() {
            *p = Some(msg.replace('\n', " "));
        }
    }));
    let result = std::panic::catch_unwind(run).unwrap_or_else(|_| Err(fail("internal error")));
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let cause = LAST_PANIC.lock().ok().and_then(|mut p| p.take());
            let _ = match cause {
                Some(c) => writeln!(io::stderr(), "redactum: {e} (cause: {c})"),
                None => writeln!(io::stderr(), "redactum: {e}"),
            };
            ExitCode::from(2)
        }
    }
}

fn fail(msg: impl std::fmt::Display) -> io::Error {
    io::Error::other(msg.to_string())
}

fn run() -> io::Result<ExitCode> {
    let args = args::parse().map_err(fail)?;
    match args.command {
        Command::Help => {
            io::stdout().write_all(USAGE.as_bytes())?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Version => {
            writeln!(io::stdout(), "redactum {}", env!("CARGO_PKG_VERSION"))?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Validators => {
            let mut out = io::stdout().lock();
            for v in redactum::validators::names() {
                writeln!(out, "{v}")?;
            }
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    let redactor = build(&args)?;
    if let Command::Rules = args.command {
        let mut out = BufWriter::new(io::stdout().lock());
        for r in redactor.rules() {
            writeln!(
                out,
                "{}\t{}\t{}\t{}",
                r.id,
                r.category,
                r.name,
                r.keywords.join(",")
            )?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(t) = args.threads {
        // Ignore the error of a pool that was already built.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(t)
            .build_global();
    }
    let started = Instant::now();
    let records = Mutex::new(Vec::<Record>::new());
    // Per-rule counts for --stats; records are kept only for a report.
    let per_rule = Mutex::new(BTreeMap::<String, u64>::new());
    let want_records = args.report.is_some();
    let totals = Mutex::new((0u64, 0u64));
    let paths: Vec<PathBuf> = args.paths.clone();
    if paths.is_empty() || (paths.len() == 1 && paths[0].as_os_str() == "-") {
        let stdin = io::stdin();
        let stdout = io::stdout();
        let mut recs = Vec::new();
        let mut counts = BTreeMap::<String, u64>::new();
        let stats = redactor.stream_redact_with(stdin.lock(), stdout.lock(), |f| {
            count(&mut counts, args.stats, f);
            if want_records {
                recs.push(Record::new(None, f));
            }
        })?;
        merge(&per_rule, counts);
        *totals.lock().unwrap() = (stats.bytes_read, stats.findings);
        records.lock().unwrap().extend(recs);
    } else {
        let files = collect_files(&paths, &args)?;
        let dest = |f: &(PathBuf, PathBuf)| -> Option<PathBuf> {
            args.output.as_ref().map(|o| o.join(&f.1))
        };
        let one = |f: &(PathBuf, PathBuf)| -> io::Result<()> {
            let mut recs = Vec::new();
            let mut counts = BTreeMap::<String, u64>::new();
            let name = f.0.display().to_string();
            let mut sink = |sf: &StreamFinding| {
                count(&mut counts, args.stats, sf);
                if want_records {
                    recs.push(Record::new(Some(&name), sf));
                }
            };
            let input = File::open(&f.0).map_err(|e| fail(format!("{}: {e}", f.0.display())))?;
            let stats = if args.in_place {
                redact_in_place(&redactor, &f.0, input, &mut sink)?
            } else if let Some(d) = dest(f) {
                if let Some(parent) = d.parent() {
                    std::fs::create_dir_all(parent)
                        .map_err(|e| fail(format!("{}: {e}", parent.display())))?;
                }
                let out = File::create(&d).map_err(|e| fail(format!("{}: {e}", d.display())))?;
                let mut w = BufWriter::with_capacity(256 << 10, out);
                let s = redactor.stream_redact_with(input, &mut w, &mut sink)?;
                w.flush()?;
                s
            } else {
                redactor.stream_redact_with(input, io::stdout().lock(), &mut sink)?
            };
            let mut t = totals.lock().unwrap();
            t.0 += stats.bytes_read;
            t.1 += stats.findings;
            records.lock().unwrap().extend(recs);
            merge(&per_rule, counts);
            Ok(())
        };
        if args.in_place || args.output.is_some() {
            files.par_iter().try_for_each(one)?;
        } else {
            files.iter().try_for_each(one)?;
        }
    }
    let elapsed = started.elapsed();
    let mut records = records.into_inner().unwrap();
    records.sort_by(|a, b| (&a.file, a.start).cmp(&(&b.file, b.start)));
    let (bytes, findings) = *totals.lock().unwrap();
    if let Some(fmt) = args.report {
        let text = match fmt {
            ReportFormat::Json => report::json(&records),
            ReportFormat::Sarif => report::sarif(&records, &redactor),
        };
        match &args.report_file {
            Some(p) => {
                std::fs::write(p, text).map_err(|e| fail(format!("{}: {e}", p.display())))?
            }
            None => io::stderr().write_all(text.as_bytes())?,
        }
    }
    if args.stats {
        let secs = elapsed.as_secs_f64().max(1e-9);
        let per_rule = per_rule.into_inner().unwrap();
        let mut e = io::stderr().lock();
        writeln!(
            e,
            "redactum: {bytes} bytes in {:.3} s ({:.1} MB/s), {findings} findings",
            secs,
            bytes as f64 / secs / 1e6
        )?;
        for (rule, n) in per_rule {
            writeln!(e, "  {n:>8}  {rule}")?;
        }
    }
    Ok(if args.check && findings > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn count(counts: &mut BTreeMap<String, u64>, on: bool, f: &StreamFinding) {
    if on {
        match counts.get_mut(f.finding.rule_id()) {
            Some(n) => *n += 1,
            None => {
                counts.insert(f.finding.rule_id().to_string(), 1);
            }
        }
    }
}

fn merge(into: &Mutex<BTreeMap<String, u64>>, counts: BTreeMap<String, u64>) {
    let mut m = into.lock().unwrap();
    for (k, v) in counts {
        *m.entry(k).or_default() += v;
    }
}

fn build(args: &Args) -> io::Result<Redactor> {
    let mut b = RedactorBuilder::new();
    if !args.only_rules.is_empty() {
        b.builtin_rules(false);
        for f in &args.only_rules {
            b.add_rules_file(f);
        }
    }
    for f in &args.rules {
        b.add_rules_file(f);
    }
    b.fail_closed(args.fail_closed);
    b.secrets(!args.no_secrets)
        .pii(!args.no_pii)
        .disable_rules(args.disable.iter().cloned());
    b.style(parse_style(
        args.style.as_deref().unwrap_or("label"),
        args.keep,
    )?);
    for (sel, style) in &args.style_for {
        b.style_for(sel, parse_style(style, args.keep)?);
    }
    let format = args.format.as_deref().unwrap_or("auto");
    b.format(Format::from_name(format).ok_or_else(|| {
        fail(format!(
            "unknown format `{format}` (auto, text, json, logfmt)"
        ))
    })?);
    b.sensitive_keys(args.sensitive_keys.iter().cloned());
    if let Some(k) = args
        .key
        .clone()
        .or_else(|| std::env::var("REDACTUM_KEY").ok())
    {
        b.hash_key(k);
    }
    let redactor = b.build().map_err(fail)?;
    if !args.rules.is_empty() || !args.only_rules.is_empty() {
        // Imported (gitleaks) rules that could not be expressed, one line each.
        for w in b.warnings().map_err(fail)? {
            let _ = writeln!(io::stderr(), "redactum: warning: {w}");
        }
    }
    Ok(redactor)
}

/// `label`, `mask`, `hash`, `partial` (keeping `keep` at each end) or `partial:START:END`.
fn parse_style(s: &str, keep: usize) -> io::Result<Style> {
    Ok(match s {
        "label" => Style::Label,
        "mask" => Style::Mask,
        "partial" => Style::Partial {
            keep_start: keep,
            keep_end: keep,
        },
        "hash" => Style::Hash,
        other => match other
            .strip_prefix("partial:")
            .and_then(|r| r.split_once(':'))
        {
            Some((a, b)) => match (a.parse(), b.parse()) {
                (Ok(keep_start), Ok(keep_end)) => Style::Partial {
                    keep_start,
                    keep_end,
                },
                _ => {
                    return Err(fail(format!(
                        "bad partial style `{other}` (partial:START:END, e.g. partial:0:4)"
                    )))
                }
            },
            None => {
                return Err(fail(format!(
                    "unknown style `{other}` (label, mask, partial, partial:START:END, hash)"
                )))
            }
        },
    })
}

/// Files to process, each with its path relative to the argument it came from.
fn collect_files(paths: &[PathBuf], args: &Args) -> io::Result<Vec<(PathBuf, PathBuf)>> {
    let mut files = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| fail(format!("{}: {e}", p.display())))?;
        if meta.is_dir() {
            if args.output.is_none() && !args.in_place {
                return Err(fail(format!(
                    "{} is a directory: give --output DIR or --in-place",
                    p.display()
                )));
            }
            for entry in walkdir::WalkDir::new(p).sort_by_file_name() {
                let entry = entry.map_err(|e| fail(e.to_string()))?;
                if entry.file_type().is_file() {
                    let rel = entry
                        .path()
                        .strip_prefix(p)
                        .unwrap_or(entry.path())
                        .to_path_buf();
                    files.push((entry.path().to_path_buf(), rel));
                }
            }
        } else {
            let rel = PathBuf::from(p.file_name().unwrap_or(p.as_os_str()));
            files.push((p.clone(), rel));
        }
    }
    if let Some(out) = &args.output {
        // Never write over an input.
        let out_abs = std::fs::canonicalize(out).ok();
        for (f, _) in &files {
            if let (Some(o), Ok(fa)) = (&out_abs, std::fs::canonicalize(f)) {
                if fa.starts_with(o) {
                    return Err(fail(format!(
                        "{} is inside the output directory",
                        f.display()
                    )));
                }
            }
        }
    }
    Ok(files)
}

/// Redacts into a temporary file beside the original, then renames it over the original:
/// readers see the old file or the new one, never a half-written file.
fn redact_in_place(
    redactor: &Redactor,
    path: &Path,
    input: File,
    sink: &mut dyn FnMut(&StreamFinding),
) -> io::Result<redactum::StreamStats> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = tempfile::Builder::new()
        .prefix(".redactum-")
        .tempfile_in(dir)
        .map_err(|e| fail(format!("{}: {e}", dir.display())))?;
    let perms = input.metadata()?.permissions();
    let mut w = BufWriter::with_capacity(256 << 10, tmp);
    let stats = redactor.stream_redact_with(input, &mut w, sink)?;
    let tmp = w.into_inner().map_err(|e| e.into_error())?;
    tmp.as_file().sync_all()?;
    tmp.as_file().set_permissions(perms)?;
    tmp.persist(path)
        .map_err(|e| fail(format!("{}: {}", path.display(), e.error)))?;
    Ok(stats)
}
