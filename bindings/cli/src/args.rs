//! Command-line arguments. Parsing checks every number a user gives against a sane bound, so
//! nothing later has to guard an arithmetic overflow, and never echoes a key.

use std::ffi::OsString;
use std::path::PathBuf;

/// The most characters `partial` may keep at one end of a secret (core's bound).
pub const MAX_KEEP: usize = redactum::MAX_KEEP;
/// The most threads `-j` accepts: more only costs start-up time and memory.
pub const MAX_THREADS: usize = 256;
/// The largest `--key-file` read: a key is a few dozen bytes.
const MAX_KEY_FILE: u64 = 64 << 10;
/// Below this many bytes a hash key can be brute-forced offline; a warning says so.
pub const MIN_KEY_LEN: usize = 16;

#[derive(Debug, Default, PartialEq, Eq)]
pub enum Command {
    #[default]
    Redact,
    Rules,
    /// `rules check`: the rule-quality gate.
    RulesCheck,
    Validators,
    Help,
    Version,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Json,
    Sarif,
}

/// Where the hash key comes from; read only after parsing, so that errors never hold it.
#[derive(Debug)]
pub enum KeySource {
    /// `--key` (raw bytes of the argument on unix).
    Arg(OsString),
    /// `--key-hex`.
    Hex(OsString),
    /// `--key-file`.
    File(PathBuf),
}

#[derive(Debug, Default)]
pub struct Args {
    pub command: Command,
    pub paths: Vec<PathBuf>,
    pub output: Option<PathBuf>,
    pub in_place: bool,
    pub follow: bool,
    /// `--rules` (deprecated: adds, as `--extra-rules` does).
    pub rules: Vec<PathBuf>,
    /// `--extra-rules`: files added to the catalog.
    pub extra_rules: Vec<PathBuf>,
    /// `--only-rules`: files that replace the catalog (the `rules` option).
    pub only_rules: Vec<PathBuf>,
    /// `--only`: the ids of the rules to keep (the `only_rules` option).
    pub only: Vec<String>,
    pub disable: Vec<String>,
    pub no_secrets: bool,
    pub no_pii: bool,
    /// `--no-names`: person names off (`--no-pii` turns them off too).
    pub no_names: bool,
    pub style: Option<String>,
    pub keep: usize,
    pub key: Option<KeySource>,
    pub report: Option<ReportFormat>,
    pub report_file: Option<PathBuf>,
    pub stats: bool,
    pub check: bool,
    pub fail_closed: bool,
    pub threads: Option<usize>,
    /// `--format`: auto (the default), text, json, logfmt.
    pub format: Option<String>,
    pub sensitive_keys: Vec<String>,
    /// `--personal-key KEY=TYPE`, in order.
    pub personal_keys: Vec<(String, String)>,
    /// `--style-for RULE_OR_CATEGORY=STYLE`, in order.
    pub style_for: Vec<(String, String)>,
    /// `rules --category`: list only this category.
    pub category: Option<String>,
    /// `rules --provider`: list only this provider (ASCII case ignored).
    pub provider: Option<String>,
}

impl Args {
    /// True when input comes from stdin (no path, or the single path `-`).
    pub fn reads_stdin(&self) -> bool {
        self.paths.is_empty() || (self.paths.len() == 1 && self.paths[0].as_os_str() == "-")
    }

    /// True when the run may write to stdout (redacted text, a listing, the help).
    pub fn writes_stdout(&self) -> bool {
        match self.command {
            Command::Redact => !self.in_place && self.output.is_none(),
            _ => true,
        }
    }
}

/// A number from 0 to `max`, with an error naming the option (the value is a number the user
/// typed, never a key, so it may be shown).
fn bounded(p: &mut lexopt::Parser, opt: &str, max: usize) -> Result<usize, String> {
    let v = p.value().map_err(|e| e.to_string())?;
    let s = v.to_str().ok_or_else(|| format!("{opt} needs a number"))?;
    match s.parse::<u128>() {
        Ok(n) if n <= max as u128 => Ok(n as usize),
        Ok(_) => Err(format!("{opt} {s} is too large (at most {max})")),
        Err(_) => Err(format!("{opt} needs a number, got `{}`", s.escape_debug())),
    }
}

/// Parses the arguments (without the program name).
pub fn parse_from(mut p: lexopt::Parser) -> Result<Args, String> {
    use lexopt::prelude::*;
    let mut a = Args {
        keep: 4,
        ..Args::default()
    };
    let mut first = true;
    let err = |e: lexopt::Error| e.to_string();
    let set_key = |a: &mut Args, k: KeySource| {
        if a.key.is_some() {
            return Err("give one of --key, --key-hex, --key-file".to_string());
        }
        a.key = Some(k);
        Ok(())
    };
    while let Some(arg) = p.next().map_err(err)? {
        match arg {
            Short('h') | Long("help") => a.command = Command::Help,
            Short('V') | Long("version") => a.command = Command::Version,
            Short('o') | Long("output") => a.output = Some(p.value().map_err(err)?.into()),
            Short('i') | Long("in-place") => a.in_place = true,
            Long("follow") => a.follow = true,
            Long("rules") => a.rules.push(p.value().map_err(err)?.into()),
            Long("extra-rules") => a.extra_rules.push(p.value().map_err(err)?.into()),
            Long("only-rules") => a.only_rules.push(p.value().map_err(err)?.into()),
            Long("only") => a.only.push(p.value().map_err(err)?.string().map_err(err)?),
            Long("disable") => a
                .disable
                .push(p.value().map_err(err)?.string().map_err(err)?),
            Long("no-secrets") => a.no_secrets = true,
            Long("no-pii") => a.no_pii = true,
            Long("no-names") => a.no_names = true,
            Long("style") => a.style = Some(p.value().map_err(err)?.string().map_err(err)?),
            Long("keep") => a.keep = bounded(&mut p, "--keep", MAX_KEEP)?,
            // The key stays an OsString until it is turned into bytes: lexopt's errors for a
            // non-Unicode value quote the value, so no conversion may happen here.
            Long("key") => set_key(&mut a, KeySource::Arg(p.value().map_err(err)?))?,
            Long("key-hex") => set_key(&mut a, KeySource::Hex(p.value().map_err(err)?))?,
            Long("key-file") => set_key(&mut a, KeySource::File(p.value().map_err(err)?.into()))?,
            Long("report") => {
                a.report = Some(
                    match p.value().map_err(err)?.string().map_err(err)?.as_str() {
                        "json" => ReportFormat::Json,
                        "sarif" => ReportFormat::Sarif,
                        o => {
                            return Err(format!(
                                "unknown report format `{}` (json, sarif)",
                                o.escape_debug()
                            ))
                        }
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
            Long("personal-key") => {
                let v = p.value().map_err(err)?.string().map_err(err)?;
                a.personal_keys.push(pair(
                    &v,
                    "--personal-key needs KEY=TYPE (e.g. patient_mobile=phone)",
                )?);
            }
            Long("style-for") => {
                let v = p.value().map_err(err)?.string().map_err(err)?;
                a.style_for
                    .push(pair(&v, "--style-for needs RULE_OR_CATEGORY=STYLE")?);
            }
            Short('j') | Long("threads") => {
                let n = bounded(&mut p, "--threads", MAX_THREADS)?;
                if n == 0 {
                    return Err("--threads must be at least 1".into());
                }
                a.threads = Some(n);
            }
            Long("category") => {
                let c = p.value().map_err(err)?.string().map_err(err)?;
                if c != "secret" && c != "pii" && c != "name" {
                    return Err(format!(
                        "unknown category `{}` (secret, pii, name)",
                        c.escape_debug()
                    ));
                }
                a.category = Some(c);
            }
            Long("provider") => a.provider = Some(p.value().map_err(err)?.string().map_err(err)?),
            Value(v) if first && v == "rules" => a.command = Command::Rules,
            Value(v) if a.command == Command::Rules && a.paths.is_empty() && v == "check" => {
                a.command = Command::RulesCheck
            }
            Value(v) if first && v == "validators" => a.command = Command::Validators,
            Value(v) => a.paths.push(v.into()),
            _ => return Err(arg.unexpected().to_string()),
        }
        first = false;
    }
    if (a.category.is_some() || a.provider.is_some()) && a.command != Command::Rules {
        return Err("--category and --provider filter `redactum rules`".into());
    }
    if !a.paths.is_empty() && matches!(a.command, Command::Rules | Command::RulesCheck) {
        return Err("`redactum rules` takes no path (add rule files with --rules)".into());
    }
    if a.in_place && a.output.is_some() {
        return Err("--in-place and --output exclude each other".into());
    }
    let stdin = a.reads_stdin() || a.paths.iter().any(|p| p.as_os_str() == "-");
    if a.command == Command::Redact {
        if a.in_place && stdin {
            return Err("--in-place needs files or directories (not stdin or -)".into());
        }
        if a.output.is_some() && stdin {
            return Err("--output needs files or directories (not stdin or -)".into());
        }
    }
    Ok(a)
}

/// The hash key as bytes: `--key` is taken byte for byte (unix), `--key-hex` decoded,
/// `--key-file` read whole, without one trailing newline. Errors never contain the key.
pub fn key_bytes(src: &KeySource) -> Result<Vec<u8>, String> {
    match src {
        KeySource::Arg(k) => os_bytes(k).ok_or_else(|| {
            "--key is not valid Unicode on this platform: use --key-hex or --key-file".to_string()
        }),
        KeySource::Hex(h) => {
            let h = h.as_encoded_bytes();
            if h.len() % 2 != 0 {
                return Err("--key-hex needs an even number of hexadecimal digits".into());
            }
            h.chunks(2)
                .map(|pair| {
                    let d = |c: u8| (c as char).to_digit(16);
                    match (d(pair[0]), d(pair[1])) {
                        (Some(a), Some(b)) => Ok((a * 16 + b) as u8),
                        _ => Err("--key-hex takes only hexadecimal digits".to_string()),
                    }
                })
                .collect()
        }
        KeySource::File(p) => {
            use std::io::Read;
            let f = std::fs::File::open(p)
                .map_err(|e| format!("--key-file {}: {e}", crate::show::path(p)))?;
            let mut k = Vec::new();
            f.take(MAX_KEY_FILE + 1)
                .read_to_end(&mut k)
                .map_err(|e| format!("--key-file {}: {e}", crate::show::path(p)))?;
            if k.len() as u64 > MAX_KEY_FILE {
                return Err(format!(
                    "--key-file {}: larger than {} KiB",
                    crate::show::path(p),
                    MAX_KEY_FILE >> 10
                ));
            }
            if k.ends_with(b"\n") {
                k.pop();
                if k.ends_with(b"\r") {
                    k.pop();
                }
            }
            Ok(k)
        }
    }
}

#[cfg(unix)]
fn os_bytes(s: &std::ffi::OsStr) -> Option<Vec<u8>> {
    use std::os::unix::ffi::OsStrExt;
    Some(s.as_bytes().to_vec())
}

#[cfg(not(unix))]
fn os_bytes(s: &std::ffi::OsStr) -> Option<Vec<u8>> {
    s.to_str().map(|s| s.as_bytes().to_vec())
}

/// `NAME=VALUE` with both sides non-empty, or `what` and the argument as the error.
fn pair(v: &str, what: &str) -> Result<(String, String), String> {
    match v.split_once('=') {
        Some((k, x)) if !k.is_empty() && !x.is_empty() => Ok((k.to_string(), x.to_string())),
        _ => Err(format!("{what}, got `{}`", v.escape_debug())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Args, String> {
        parse_from(lexopt::Parser::from_args(args.iter().copied()))
    }

    #[test]
    fn numbers_are_bounded() {
        assert_eq!(parse(&["--keep", "256"]).unwrap().keep, 256);
        for bad in [
            "257",
            "9223372036854775808",
            "340282366920938463463374607431768211456",
            "-1",
            "x",
        ] {
            let e = parse(&["--keep", bad]).unwrap_err();
            assert!(e.contains("--keep"), "{bad}: {e}");
        }
        assert_eq!(parse(&["-j", "256"]).unwrap().threads, Some(256));
        assert!(parse(&["-j", "257"]).is_err());
        assert!(parse(&["-j", "0"]).is_err());
    }

    #[test]
    fn key_forms() {
        let k = |args: &[&str]| key_bytes(parse(args).unwrap().key.as_ref().unwrap());
        assert_eq!(k(&["--key-hex", "00fF10"]).unwrap(), vec![0, 255, 16]);
        assert!(k(&["--key-hex", "0"]).is_err());
        assert!(k(&["--key-hex", "zz"]).unwrap_err().find("zz").is_none());
        assert_eq!(k(&["--key", "abc"]).unwrap(), b"abc");
        assert!(parse(&["--key", "a", "--key-file", "f"]).is_err());
    }

    #[test]
    fn stdin_cannot_be_rewritten() {
        assert!(parse(&["-i", "-"]).is_err());
        assert!(parse(&["-i"]).is_err());
        assert!(parse(&["-o", "out"]).is_err());
        assert!(parse(&["-o", "out", "a.log"]).is_ok());
        assert!(parse(&["rules", "-o", "out"]).is_ok());
    }

    #[test]
    fn rules_subcommands_and_filters() {
        assert_eq!(
            parse(&["rules", "check"]).unwrap().command,
            Command::RulesCheck
        );
        let a = parse(&["rules", "--category", "secret", "--provider", "GitHub"]).unwrap();
        assert_eq!(a.command, Command::Rules);
        assert_eq!(a.category.as_deref(), Some("secret"));
        assert_eq!(a.provider.as_deref(), Some("GitHub"));
        assert!(parse(&["rules", "--category", "other"]).is_err());
        assert!(parse(&["--provider", "GitHub", "a.log"]).is_err());
        assert!(parse(&["rules", "check", "extra"]).is_err());
        // A file named `check` is still a path when redacting.
        assert_eq!(parse(&["check"]).unwrap().paths.len(), 1);
    }
}
