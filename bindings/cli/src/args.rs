//! Command-line arguments.

use std::path::PathBuf;

#[derive(Debug, Default, PartialEq, Eq)]
pub enum Command {
    #[default]
    Redact,
    Rules,
    Validators,
    Help,
    Version,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Json,
    Sarif,
}

#[derive(Debug, Default)]
pub struct Args {
    pub command: Command,
    pub paths: Vec<PathBuf>,
    pub output: Option<PathBuf>,
    pub in_place: bool,
    pub rules: Vec<PathBuf>,
    pub only_rules: Vec<PathBuf>,
    pub disable: Vec<String>,
    pub no_secrets: bool,
    pub no_pii: bool,
    pub style: Option<String>,
    pub keep: usize,
    pub key: Option<String>,
    pub report: Option<ReportFormat>,
    pub report_file: Option<PathBuf>,
    pub stats: bool,
    pub check: bool,
    pub fail_closed: bool,
    pub threads: Option<usize>,
    /// `--format`: auto (the default), text, json, logfmt.
    pub format: Option<String>,
    pub sensitive_keys: Vec<String>,
    /// `--style-for RULE_OR_CATEGORY=STYLE`, in order.
    pub style_for: Vec<(String, String)>,
}

pub fn parse() -> Result<Args, String> {
    parse_from(lexopt::Parser::from_env())
}

pub fn parse_from(mut p: lexopt::Parser) -> Result<Args, String> {
    use lexopt::prelude::*;
    let mut a = Args {
        keep: 4,
        ..Args::default()
    };
    let mut first = true;
    let err = |e: lexopt::Error| e.to_string();
    while let Some(arg) = p.next().map_err(err)? {
        match arg {
            Short('h') | Long("help") => a.command = Command::Help,
            Short('V') | Long("version") => a.command = Command::Version,
            Short('o') | Long("output") => a.output = Some(p.value().map_err(err)?.into()),
            Short('i') | Long("in-place") => a.in_place = true,
            Long("rules") => a.rules.push(p.value().map_err(err)?.into()),
            Long("only-rules") => a.only_rules.push(p.value().map_err(err)?.into()),
            Long("disable") => a
                .disable
                .push(p.value().map_err(err)?.string().map_err(err)?),
            Long("no-secrets") => a.no_secrets = true,
            Long("no-pii") => a.no_pii = true,
            Long("style") => a.style = Some(p.value().map_err(err)?.string().map_err(err)?),
            Long("keep") => a.keep = p.value().map_err(err)?.parse().map_err(err)?,
            Long("key") => a.key = Some(p.value().map_err(err)?.string().map_err(err)?),
            Long("report") => {
                a.report = Some(
                    match p.value().map_err(err)?.string().map_err(err)?.as_str() {
                        "json" => ReportFormat::Json,
                        "sarif" => ReportFormat::Sarif,
                        o => return Err(format!("unknown report format `{o}` (json, sarif)")),
                    },
                )
            }
            Long("report-file") => a.report_file = Some(p.value().map_err(err)?.into()),
            Long("stats") => a.stats = true,
            Long("check") => a.check = true,
            Long("fail-closed") => a.fail_closed = true,
            Long("format") => a.format = Some(p.value().map_err(err)?.string().map_err(err)?),
            Long("sensitive-key") => a
                .sensitive_keys
                .push(p.value().map_err(err)?.string().map_err(err)?),
            Long("style-for") => {
                let v = p.value().map_err(err)?.string().map_err(err)?;
                match v.split_once('=') {
                    Some((sel, style)) if !sel.is_empty() && !style.is_empty() => {
                        a.style_for.push((sel.to_string(), style.to_string()))
                    }
                    _ => {
                        return Err(format!(
                            "--style-for needs RULE_OR_CATEGORY=STYLE, got `{v}`"
                        ))
                    }
                }
            }
            Short('j') | Long("threads") => {
                let n: usize = p.value().map_err(err)?.parse().map_err(err)?;
                if n == 0 {
                    return Err("--threads must be at least 1".into());
                }
                a.threads = Some(n);
            }
            Value(v) if first && v == "rules" => a.command = Command::Rules,
            Value(v) if first && v == "validators" => a.command = Command::Validators,
            Value(v) => a.paths.push(v.into()),
            _ => return Err(arg.unexpected().to_string()),
        }
        first = false;
    }
    if a.in_place && a.output.is_some() {
        return Err("--in-place and --output exclude each other".into());
    }
    if a.in_place && a.paths.is_empty() {
        return Err("--in-place needs files or directories".into());
    }
    Ok(a)
}
