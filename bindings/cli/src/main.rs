//! `redactum`: a streaming filter that redacts secrets and personal data.

// On unix the process starts in `start::main`, before the standard library's start-up, which
// would put /dev/null on a closed stdout and so hide it.
#![cfg_attr(all(unix, not(test)), no_main)]

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::Path;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use rayon::prelude::*;
use redactum::{Options, Redactor, RuleSource, StreamFinding, Value};

mod args;
mod error;
mod inplace;
mod paths;
mod report;
mod rules;
mod show;
mod signals;
mod start;
mod xattr;

use args::{Args, Command};
use error::{CliError, OutputTag};
use paths::Input;
use report::{Record, Report, Tracked, Tracker};

const USAGE: &str = "\
redactum: redact secrets and personal data from text

USAGE:
    redactum [OPTIONS] [PATH...]      redact stdin (or files, directories) to stdout
    redactum rules                    list the rule catalog: id, category, provider, name,
                                      keywords (--category C, --provider P filter it)
    redactum rules check              check every rule against its examples and the whole
                                      catalog (with --rules: added files too); exit 1 on a
                                      problem; statistics of the catalog
    redactum validators               list the validators rules can use

With no PATH (or '-') redactum is a filter: stdin to stdout, each line written as soon as it
is complete. Files are written to stdout in turn unless --output or --in-place is given;
directories need --output, --in-place or --check (which only scans them) and are processed
in parallel. A file that cannot be read is named on stderr, the others are still processed,
and the exit status is 2.

OPTIONS:
    -o, --output DIR        write redacted copies under DIR, each at its own path
                            below DIR (logs/a.log to DIR/logs/a.log, /var/x to
                            DIR/var/x); two inputs with one destination is an error
    -i, --in-place          replace each file atomically with its redacted version
                            (symbolic links: the target; owner, group, mode kept; files
                            with nothing to redact are not touched)
        --follow            follow symbolic links inside directories (they are skipped,
                            with a note on stderr, otherwise)
        --extra-rules FILE  add the rules of FILE (redactum or gitleaks TOML) to the
                            catalog; repeatable
        --rules FILE        deprecated spelling of --extra-rules (a warning says so)
        --only-rules FILE   use only the rules of FILE (no built-in catalog); repeatable
        --only ID           keep only the rule ID; repeatable
        --disable ID        turn a rule off; repeatable
        --no-secrets        do not look for secrets
        --no-pii            do not look for personal data (person names included)
        --no-names          do not look for person names (category name)
        --style STYLE       label (default), mask, partial, partial:START:END, hash
        --keep N            with --style partial: characters kept at each end (default 4,
                            at most 256)
        --style-for SEL=STYLE
                            a style for one rule id, a category (secret, pii, name) or the
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
        --personal-key KEY=TYPE
                            a key whose values are personal data of type TYPE in
                            structured lines, whatever their shape, added to those of
                            core/keys/personal-keys.toml (e.g. patient_mobile=phone,
                            nin=uk-nino; a new TYPE is a new pii label); the whole key
                            matches, case and separators ignored; repeatable
        --key KEY           key for --style hash, its bytes as given (or the
                            REDACTUM_KEY environment variable, which the Rust, Python
                            and Node interfaces read too); at least 16 bytes
        --key-hex HEX       the key in hexadecimal
        --key-file FILE     the key is the content of FILE (one final newline dropped)
        --report FORMAT     json or sarif: list findings (never the values) on stderr,
                            or in --report-file
        --report-file FILE  where the report goes
        --stats             print bytes, MB/s and findings per rule on stderr at the end
        --check             exit 1 if anything was found (a CI gate); exit 2 if some
                            entry could not be read or was skipped
        --fail-closed       if scanning a line fails internally, replace that line with
                            [REDACTED:internal-error] (a line over 1 MiB: the failing 1 MiB
                            piece) instead of stopping with an error
    -j, --threads N         threads for many files (default: all cores, at most 256)
    -h, --help              this help
    -V, --version           the version

EXIT STATUS: 0 done (nothing found, or --check not given), 1 found with --check, 2 error
(some file failed; the others were processed).
";

/// The message of the last panic, kept by the panic hook instead of printed: the error path
/// prints one line with it.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

#[cfg(not(all(unix, not(test))))]
fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(real_main(std::env::args_os().skip(1).collect(), false))
}

/// The whole program: arguments without the program name, and whether stdout was closed
/// when the process started. Returns the exit status.
fn real_main(argv: Vec<OsString>, stdout_closed: bool) -> u8 {
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
    let result = std::panic::catch_unwind(|| run(argv, stdout_closed))
        .unwrap_or_else(|_| Err(CliError::msg("internal error")));
    let code = match result {
        Ok(code) => code,
        Err(e) if e.is_broken_pipe() => 0,
        Err(e) => {
            let cause = LAST_PANIC.lock().ok().and_then(|mut p| p.take());
            match cause {
                Some(c) => error_line(&format!("{e} (cause: {c})")),
                None => error_line(&e),
            }
            2
        }
    };
    // Without the standard library's start-up, nothing flushes stdout at exit.
    match io::stdout().flush() {
        Err(e) if code == 0 && e.kind() != io::ErrorKind::BrokenPipe => {
            error_line(&CliError::Stdout(e));
            2
        }
        _ => code,
    }
}

/// One error line on stderr.
fn error_line(msg: &dyn std::fmt::Display) {
    let _ = writeln!(io::stderr(), "redactum: {msg}");
}

/// One warning line on stderr.
pub fn warn(msg: &str) {
    let _ = writeln!(io::stderr(), "redactum: warning: {msg}");
}

fn stdout_err(e: io::Error) -> CliError {
    CliError::Stdout(e)
}

fn run(argv: Vec<OsString>, stdout_closed: bool) -> Result<u8, CliError> {
    let args = args::parse_from(lexopt::Parser::from_args(argv)).map_err(CliError::Usage)?;
    if stdout_closed && args.writes_stdout() {
        return Err(CliError::msg(
            "stdout is closed: nowhere to write the redacted text (give --output or --in-place)",
        ));
    }
    match args.command {
        Command::Help => {
            io::stdout()
                .write_all(USAGE.as_bytes())
                .map_err(stdout_err)?;
            return Ok(0);
        }
        Command::Version => {
            writeln!(io::stdout(), "redactum {}", env!("CARGO_PKG_VERSION")).map_err(stdout_err)?;
            return Ok(0);
        }
        Command::Validators => {
            let mut out = io::stdout().lock();
            for v in redactum::validators::names() {
                writeln!(out, "{v}").map_err(stdout_err)?;
            }
            return Ok(0);
        }
        _ => {}
    }
    if args.in_place {
        // Before any other thread starts: the signal mask is inherited.
        signals::install();
    }
    match args.command {
        Command::Rules => {
            build(&args)?;
            return rules::list(&args, &builder(&args)?);
        }
        Command::RulesCheck => return rules::check(&builder(&args)?),
        _ => {}
    }
    let redactor = build(&args)?;
    if let Some(t) = args.threads {
        // Ignore the error of a pool that was already built.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(t)
            .build_global();
    }
    let started = Instant::now();
    let run = Run {
        args: &args,
        redactor: &redactor,
        report: None,
        bytes: AtomicU64::new(0),
        findings: AtomicU64::new(0),
        failed: AtomicUsize::new(0),
        per_rule: Mutex::new(BTreeMap::new()),
    };
    let mut skipped = 0;
    let run = if args.reads_stdin() {
        let run = Run {
            report: open_report(&args)?,
            ..run
        };
        run.stdin()?;
        run
    } else {
        // The report file, if it exists already, is no input.
        let exclude = args
            .report_file
            .as_ref()
            .and_then(|p| std::fs::metadata(p).ok());
        let walk = paths::collect(&args, exclude.as_ref()).map_err(CliError::Usage)?;
        for s in &walk.skipped {
            warn(s);
        }
        skipped = walk.skipped.len();
        for e in &walk.errors {
            error_line(e);
        }
        let run = Run {
            report: open_report(&args)?,
            failed: AtomicUsize::new(walk.errors.len()),
            ..run
        };
        let each = |inp: &Input| match run.file(inp) {
            Ok(()) => Ok(()),
            Err(e) if matches!(e, CliError::Stdout(_)) => Err(e),
            Err(e) => {
                error_line(&e);
                run.failed.fetch_add(1, Ordering::Relaxed);
                Ok(())
            }
        };
        if args.in_place || args.output.is_some() || walk.files.iter().all(|f| f.scan_only) {
            walk.files.par_iter().try_for_each(each)?;
        } else {
            walk.files.iter().try_for_each(each)?;
        }
        run
    };
    let elapsed = started.elapsed();
    if let Some(r) = run.report {
        r.finish(&redactor).map_err(|e| match &args.report_file {
            Some(p) => CliError::file(p, e),
            None => CliError::msg(format!("writing the report: {e}")),
        })?;
    }
    let bytes = run.bytes.load(Ordering::Relaxed);
    let findings = run.findings.load(Ordering::Relaxed);
    if args.stats {
        let secs = elapsed.as_secs_f64().max(1e-9);
        let per_rule = run.per_rule.into_inner().unwrap_or_default();
        let mut e = io::stderr().lock();
        let _ = writeln!(
            e,
            "redactum: {bytes} bytes in {:.3} s ({:.1} MB/s), {findings} findings",
            secs,
            bytes as f64 / secs / 1e6
        );
        for (rule, n) in per_rule {
            let _ = writeln!(e, "  {n:>8}  {rule}");
        }
    }
    let failed = run.failed.load(Ordering::Relaxed);
    if failed > 0 {
        error_line(&format!(
            "{failed} file(s) or entries failed; the others were processed"
        ));
        return Ok(2);
    }
    if args.check && skipped > 0 {
        error_line(&format!(
            "{skipped} entries skipped: --check cannot vouch for them"
        ));
        return Ok(2);
    }
    Ok(if args.check && findings > 0 { 1 } else { 0 })
}

fn open_report(args: &Args) -> Result<Option<Report>, CliError> {
    let Some(format) = args.report else {
        return Ok(None);
    };
    let out: Box<dyn Write + Send> = match &args.report_file {
        Some(p) => Box::new(BufWriter::with_capacity(
            256 << 10,
            File::create(p).map_err(|e| CliError::file(p, e))?,
        )),
        None => Box::new(io::stderr()),
    };
    Ok(Some(Report::new(format, out)))
}

/// One run's shared state.
struct Run<'a> {
    args: &'a Args,
    redactor: &'a Redactor,
    report: Option<Report>,
    bytes: AtomicU64,
    findings: AtomicU64,
    failed: AtomicUsize,
    per_rule: Mutex<BTreeMap<String, u64>>,
}

/// What one stream collects for the report and the stats, written out in batches.
struct Collect<'r> {
    report: Option<&'r Report>,
    file: Option<&'r Path>,
    tracker: Option<Rc<RefCell<Tracker>>>,
    batch: Vec<Record>,
    counts: Option<BTreeMap<String, u64>>,
}

impl Collect<'_> {
    fn on(&mut self, f: &StreamFinding) {
        if let Some(c) = &mut self.counts {
            match c.get_mut(f.finding.rule_id()) {
                Some(n) => *n += 1,
                None => {
                    c.insert(f.finding.rule_id().to_string(), 1);
                }
            }
        }
        if let Some(r) = self.report {
            let region = self
                .tracker
                .as_ref()
                .and_then(|t| t.borrow_mut().region(f.finding.start(), f.finding.end()));
            self.batch.push(Record::new(f, region));
            if self.batch.len() >= report::BATCH {
                r.write(self.file, &self.batch);
                self.batch.clear();
            }
        }
    }

    fn reader<R: Read>(&self, inner: R) -> Tracked<R> {
        Tracked {
            inner,
            tracker: self.tracker.clone(),
        }
    }
}

impl Run<'_> {
    fn collect<'r>(&'r self, file: Option<&'r Path>) -> Collect<'r> {
        let report = self.report.as_ref();
        Collect {
            report,
            file,
            tracker: report
                .filter(|r| r.wants_regions())
                .map(|_| Rc::new(RefCell::new(Tracker::default()))),
            batch: Vec::new(),
            counts: self.args.stats.then(BTreeMap::new),
        }
    }

    fn done(&self, c: Collect<'_>, stats: redactum::StreamStats) {
        if let Some(r) = c.report {
            r.write(c.file, &c.batch);
        }
        self.bytes.fetch_add(stats.bytes_read, Ordering::Relaxed);
        self.findings.fetch_add(stats.findings, Ordering::Relaxed);
        if let Some(counts) = c.counts {
            let mut m = match self.per_rule.lock() {
                Ok(m) => m,
                Err(p) => p.into_inner(),
            };
            for (k, v) in counts {
                *m.entry(k).or_default() += v;
            }
        }
    }

    fn stdin(&self) -> Result<(), CliError> {
        let mut c = self.collect(None);
        let input = c.reader(io::stdin().lock());
        let stats = self
            .redactor
            .stream_redact_with(input, OutputTag(io::stdout().lock()), |f| c.on(f))
            .map_err(|e| match error::side(&e) {
                Some(false) => CliError::Stdout(error::untag(e)),
                Some(true) => CliError::msg(format!("reading stdin: {}", error::untag(e))),
                None => CliError::msg(e.to_string()),
            })?;
        self.done(c, stats);
        Ok(())
    }

    fn file(&self, inp: &Input) -> Result<(), CliError> {
        let path = inp.path.as_path();
        let mut c = self.collect(Some(path));
        let stats = if self.args.in_place {
            let tracker = c.tracker.clone();
            let wrap = move |f: File| -> Box<dyn Read> { Box::new(Tracked { inner: f, tracker }) };
            inplace::redact_in_place(self.redactor, path, wrap, &mut |f| c.on(f))?
        } else {
            let input = File::open(path).map_err(|e| CliError::file(path, e))?;
            let input = c.reader(input);
            match &inp.dest {
                Some(d) => {
                    if let Some(parent) = d.parent() {
                        std::fs::create_dir_all(parent).map_err(|e| CliError::file(parent, e))?;
                    }
                    let out = File::create(d).map_err(|e| CliError::file(d, e))?;
                    let mut w = OutputTag(BufWriter::with_capacity(256 << 10, out));
                    let s = self
                        .redactor
                        .stream_redact_with(input, &mut w, |f| c.on(f))
                        .and_then(|s| w.flush().map(|()| s));
                    match s {
                        Ok(s) => s,
                        Err(e) => {
                            // No incomplete copy is left to be taken for a whole one.
                            drop(w);
                            let _ = std::fs::remove_file(d);
                            return Err(CliError::stream(path, Some(d), e));
                        }
                    }
                }
                None if inp.scan_only => self
                    .redactor
                    .stream_redact_with(input, io::sink(), |f| c.on(f))
                    .map_err(|e| CliError::stream(path, None, e))?,
                None => self
                    .redactor
                    .stream_redact_with(input, OutputTag(io::stdout().lock()), |f| c.on(f))
                    .map_err(|e| CliError::stream(path, None, e))?,
            }
        };
        self.done(c, stats);
        Ok(())
    }
}

fn build(args: &Args) -> Result<Redactor, CliError> {
    let o = options(args)?;
    let redactor = o.build().map_err(|e| {
        if e.kind() == redactum::ErrorKind::Config
            && o.effective_key().is_none()
            && e.message().contains("hash style needs a key")
        {
            // Core's errors name no flag; the command line says which of its own to use.
            CliError::Usage(format!(
                "{e} (--key, --key-hex, --key-file or {})",
                redactum::KEY_ENV
            ))
        } else {
            CliError::msg(e.to_string())
        }
    })?;
    if o.rule_sources().next().is_some() {
        // Imported (gitleaks) rules that could not be expressed, one line each.
        for w in o
            .builder()
            .warnings()
            .map_err(|e| CliError::msg(e.to_string()))?
        {
            warn(&w.to_string());
        }
    }
    Ok(redactor)
}

/// The core builder the options describe (for `rules` and `rules check`).
fn builder(args: &Args) -> Result<redactum::RedactorBuilder, CliError> {
    Ok(options(args)?.builder())
}

/// The options the command line gives (rules, filters, styles, format, key).
fn options(args: &Args) -> Result<Options, CliError> {
    let mut o = Options::new();
    let usage = |e: redactum::Error| CliError::Usage(e.to_string());
    if !args.only_rules.is_empty() {
        o.set("rules", Value::Rules(read_rules(&args.only_rules)?))
            .map_err(usage)?;
    }
    if !args.rules.is_empty() {
        warn("--rules is deprecated: it adds rules to the catalog, as --extra-rules does (say --extra-rules to add, --only-rules to replace the catalog)");
    }
    let extra: Vec<_> = args
        .rules
        .iter()
        .chain(&args.extra_rules)
        .cloned()
        .collect();
    if !extra.is_empty() {
        o.set("extra_rules", Value::Rules(read_rules(&extra)?))
            .map_err(usage)?;
    }
    if args.no_secrets || args.no_pii || args.no_names {
        let mut cats = Vec::new();
        if !args.no_secrets {
            cats.push("secret".to_string());
        }
        if !args.no_pii {
            cats.push("pii".to_string());
        }
        if !args.no_pii && !args.no_names {
            cats.push("name".to_string());
        }
        o.set("categories", cats).map_err(usage)?;
    }
    if !args.only.is_empty() {
        o.set("only_rules", args.only.clone()).map_err(usage)?;
    }
    o.set("disable_rules", args.disable.clone())
        .map_err(usage)?;
    let keep = i64::try_from(args.keep).unwrap_or(i64::MAX);
    o.set("keep_start", keep).map_err(usage)?;
    o.set("keep_end", keep).map_err(usage)?;
    if let Some(style) = &args.style {
        o.set("style", style.as_str()).map_err(usage)?;
    }
    if !args.style_for.is_empty() {
        o.set("style_for", Value::Map(args.style_for.clone()))
            .map_err(usage)?;
    }
    if let Some(format) = &args.format {
        o.set("format", format.as_str()).map_err(usage)?;
    }
    o.set("sensitive_keys", args.sensitive_keys.clone())
        .map_err(usage)?;
    if !args.personal_keys.is_empty() {
        o.set("personal_keys", Value::Map(args.personal_keys.clone()))
            .map_err(usage)?;
    }
    o.set("fail_closed", args.fail_closed).map_err(usage)?;
    if let Some(src) = &args.key {
        o.set(
            "key",
            Value::Bytes(args::key_bytes(src).map_err(CliError::Usage)?),
        )
        .map_err(usage)?;
    }
    if let Some(k) = o.effective_key() {
        if k.len() < args::MIN_KEY_LEN {
            warn(&format!(
                "the hash key is {} bytes: keys shorter than {} bytes can be guessed, and the hashed values with them",
                k.len(),
                args::MIN_KEY_LEN
            ));
        }
    }
    Ok(o)
}

/// The rule files, read (each checked first).
fn read_rules(paths: &[std::path::PathBuf]) -> Result<Vec<RuleSource>, CliError> {
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(checked_rules_file(p)?)
                .map_err(|e| CliError::file(p, e))?;
            Ok(RuleSource {
                name: p.display().to_string(),
                text,
            })
        })
        .collect()
}

/// The largest rule file read: the built-in catalog is well under 1 MB.
const MAX_RULES_FILE: u64 = 16 << 20;

/// A rules file must be a regular file of at most [`MAX_RULES_FILE`] bytes: `/dev/zero` or a
/// FIFO would otherwise be read until memory runs out.
fn checked_rules_file(p: &Path) -> Result<&Path, CliError> {
    let m = std::fs::metadata(p).map_err(|e| CliError::file(p, e))?;
    if !m.is_file() {
        return Err(CliError::msg(format!(
            "{}: rules must be a regular file",
            show::path(p)
        )));
    }
    if m.len() > MAX_RULES_FILE {
        return Err(CliError::msg(format!(
            "{}: rule file larger than {} MB",
            show::path(p),
            MAX_RULES_FILE >> 20
        )));
    }
    Ok(p)
}
