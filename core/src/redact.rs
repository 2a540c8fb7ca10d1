//! The public redactor: builder, replacement styles, whole-input and streaming redaction.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Read, Write};
use std::panic::RefUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::engine::Engine;
use crate::error::{Error, ErrorKind};
use crate::rule::{parse_rules, Category, RuleSpec};
use crate::scan::{components, Component, Driver};
use crate::structured::{Format, KeySet, SENSITIVE_RULE};
use crate::vault::Vault;

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// Bytes asked of the reader at a time by the streaming redactor.
const READ_SIZE: usize = 1 << 20;

/// A caller-supplied replacement: receives the finding and the bytes of one line of it.
pub type ReplaceFn = dyn Fn(&Finding, &[u8]) -> String + Send + Sync + RefUnwindSafe;

/// How a found span is replaced.
///
/// Whatever the style, a span that covers several lines is replaced line by line and its
/// newlines are kept, so a redactor never adds or drops lines.
#[derive(Clone, Default)]
#[non_exhaustive]
pub enum Style {
    /// `[REDACTED:<rule-id>]` (the default).
    #[default]
    Label,
    /// One `*` per character: the text keeps its length in characters.
    Mask,
    /// Keep the first and last characters, mask the middle; spans too short to keep that much
    /// of (less than twice what is kept) are masked whole.
    Partial {
        /// Characters kept at the start.
        keep_start: usize,
        /// Characters kept at the end.
        keep_end: usize,
    },
    /// `[REDACTED:<rule-id>:<16 hex digits>]`, the digits from HMAC-SHA-256 of the value under
    /// the builder's key: equal values give equal tokens, without the key they cannot be
    /// brute-forced.
    Hash,
    /// A caller's closure.
    Custom(Arc<ReplaceFn>),
}

impl fmt::Debug for Style {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Style::Label => f.write_str("Label"),
            Style::Mask => f.write_str("Mask"),
            Style::Partial {
                keep_start,
                keep_end,
            } => f
                .debug_struct("Partial")
                .field("keep_start", keep_start)
                .field("keep_end", keep_end)
                .finish(),
            Style::Hash => f.write_str("Hash"),
            Style::Custom(_) => f.write_str("Custom(..)"),
        }
    }
}

/// One replaced span: the rule that labels it, and its byte offsets.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Finding {
    rule_id: Arc<str>,
    category: Category,
    start: usize,
    end: usize,
}

impl Finding {
    /// The id of the rule (for a merged span, the rule of its leftmost, longest finding).
    pub fn rule_id(&self) -> &str {
        &self.rule_id
    }
    /// Secret or PII.
    pub fn category(&self) -> Category {
        self.category
    }
    /// Byte offset of the first replaced byte.
    pub fn start(&self) -> usize {
        self.start
    }
    /// Byte offset just past the last replaced byte.
    pub fn end(&self) -> usize {
        self.end
    }
    /// `start..end`.
    pub fn span(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    pub(crate) fn shifted(&self, by: usize) -> Finding {
        Finding {
            start: self.start + by,
            end: self.end + by,
            ..self.clone()
        }
    }
}

/// What a rule is, for listings (`redactum rules`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    /// Stable id.
    pub id: String,
    /// Human-readable name.
    pub name: String,
    /// Secret or PII.
    pub category: Category,
    /// Prefilter keywords.
    pub keywords: Vec<String>,
}

/// Counters from a streaming run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StreamStats {
    /// Bytes read.
    pub bytes_read: u64,
    /// Bytes written.
    pub bytes_written: u64,
    /// Replaced spans.
    pub findings: u64,
}

/// A finding reported by the streaming redactor, with its position in lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StreamFinding {
    /// Rule and absolute byte offsets in the input.
    pub finding: Finding,
    /// 1-based line number of the first replaced byte.
    pub line: u64,
    /// 1-based byte column of the first replaced byte.
    pub column: u64,
}

#[derive(Clone, Debug)]
enum Source {
    Text { name: String, text: String },
    File(PathBuf),
    Spec(Box<RuleSpec>),
}

/// Builds a [`Redactor`]. Setters take `&mut self` and return `&mut Self`.
///
/// # Example
/// ```
/// let r = redactum::Redactor::builder()
///     .pii(false)
///     .style(redactum::Style::Mask)
///     .build()?;
/// assert_eq!(r.redact("token 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"), "token ****************************************");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct RedactorBuilder {
    builtin: bool,
    sources: Vec<Source>,
    secrets: bool,
    pii: bool,
    only: Option<Vec<String>>,
    disabled: Vec<String>,
    style: Style,
    key: Option<Vec<u8>>,
    fail_closed: bool,
    piece: Option<usize>,
    eager: bool,
    format: Format,
    sensitive_keys: Vec<String>,
    styles_for: Vec<(String, Style)>,
}

impl Default for RedactorBuilder {
    fn default() -> Self {
        RedactorBuilder {
            builtin: true,
            sources: Vec::new(),
            secrets: true,
            pii: true,
            only: None,
            disabled: Vec::new(),
            style: Style::Label,
            key: None,
            fail_closed: false,
            piece: None,
            eager: false,
            format: Format::Text,
            sensitive_keys: Vec::new(),
            styles_for: Vec::new(),
        }
    }
}

impl RedactorBuilder {
    /// The built-in catalog, every category, label style.
    pub fn new() -> RedactorBuilder {
        RedactorBuilder::default()
    }

    /// Whether the built-in catalog is used (default true). Off, only added rules apply.
    pub fn builtin_rules(&mut self, yes: bool) -> &mut Self {
        self.builtin = yes;
        self
    }

    /// Adds the rules of a TOML text (redactum's format, or a gitleaks configuration).
    /// A rule with the id of a built-in rule replaces it. Parsed by [`build`](Self::build).
    pub fn add_rules(&mut self, source_name: &str, toml_text: &str) -> &mut Self {
        self.sources.push(Source::Text {
            name: source_name.to_string(),
            text: toml_text.to_string(),
        });
        self
    }

    /// Adds the rules of a file, read by [`build`](Self::build).
    pub fn add_rules_file(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.sources.push(Source::File(path.as_ref().to_path_buf()));
        self
    }

    /// Adds one rule.
    pub fn add_rule(&mut self, spec: RuleSpec) -> &mut Self {
        self.sources.push(Source::Spec(Box::new(spec)));
        self
    }

    /// Whether secret rules apply (default true).
    pub fn secrets(&mut self, yes: bool) -> &mut Self {
        self.secrets = yes;
        self
    }

    /// Whether PII rules apply (default true).
    pub fn pii(&mut self, yes: bool) -> &mut Self {
        self.pii = yes;
        self
    }

    /// Keeps only the rules with these ids.
    pub fn only_rules<I: IntoIterator<Item = S>, S: Into<String>>(&mut self, ids: I) -> &mut Self {
        self.only = Some(ids.into_iter().map(Into::into).collect());
        self
    }

    /// Turns off the rules with these ids.
    pub fn disable_rules<I: IntoIterator<Item = S>, S: Into<String>>(
        &mut self,
        ids: I,
    ) -> &mut Self {
        self.disabled.extend(ids.into_iter().map(Into::into));
        self
    }

    /// The replacement style (default [`Style::Label`]).
    pub fn style(&mut self, style: Style) -> &mut Self {
        self.style = style;
        self
    }

    /// The style for the findings of one rule (`"credit-card"`), of a category (`"secret"`,
    /// `"pii"`), or of the values of sensitive keys (`"sensitive-key"`). A rule's own style
    /// wins over its category's, which wins over [`style`](Self::style). Later calls for the
    /// same selector replace earlier ones.
    ///
    /// # Example
    /// ```
    /// use redactum::Style;
    /// let r = redactum::Redactor::builder()
    ///     .style_for("credit-card", Style::Partial { keep_start: 0, keep_end: 4 })
    ///     .build()?;
    /// assert_eq!(r.redact("card 4111 1111 1111 1111"), "card ***************1111");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn style_for(&mut self, selector: &str, style: Style) -> &mut Self {
        self.styles_for.retain(|(s, _)| s != selector);
        self.styles_for.push((selector.to_string(), style));
        self
    }

    /// How lines are interpreted (default [`Format::Text`]); see [`Format`] and the
    /// `structured` section of the crate docs.
    pub fn format(&mut self, format: Format) -> &mut Self {
        self.format = format;
        self
    }

    /// Keys whose values are replaced whatever they contain in structured lines, in addition
    /// to [`DEFAULT_SENSITIVE_KEYS`](crate::DEFAULT_SENSITIVE_KEYS). Matching ignores case and
    /// separators (`apiKey`, `API-KEY` and `api_key` are the same key), and a key also matches
    /// when it ends with the words of a sensitive key (`db_password`, `x-api-key`). A key
    /// without any ASCII letter or digit could never match: [`build`](Self::build) rejects it
    /// with [`ErrorKind::Config`].
    pub fn sensitive_keys<I: IntoIterator<Item = S>, S: Into<String>>(
        &mut self,
        keys: I,
    ) -> &mut Self {
        self.sensitive_keys.extend(keys.into_iter().map(Into::into));
        self
    }

    /// The key for [`Style::Hash`].
    pub fn hash_key(&mut self, key: impl AsRef<[u8]>) -> &mut Self {
        self.key = Some(key.as_ref().to_vec());
        self
    }

    /// Under fail-closed, an internal error while scanning a line replaces that line (its
    /// content; the line end stays) with `[REDACTED:internal-error]` instead of passing it
    /// through; the other lines are redacted as usual. In a line longer than 1 MiB, the 1 MiB
    /// piece whose scan failed is replaced.
    pub fn fail_closed(&mut self, yes: bool) -> &mut Self {
        self.fail_closed = yes;
        self
    }

    /// Compile every rule now rather than on first use (built-in rules are compiled lazily;
    /// added rules always at build time). The test suite uses this to check the catalog.
    pub fn eager(&mut self, yes: bool) -> &mut Self {
        self.eager = yes;
        self
    }

    /// Test hook: the piece size for long lines (default 1 MiB), so tests can cross piece
    /// boundaries with small inputs.
    #[doc(hidden)]
    pub fn piece_size(&mut self, bytes: usize) -> &mut Self {
        self.piece = Some(bytes);
        self
    }

    /// The rule specifications this builder would compile, in order.
    ///
    /// # Errors
    /// As [`build`](Self::build), for reading and parsing.
    pub fn specs(&self) -> Result<Vec<(Arc<str>, RuleSpec)>, Error> {
        self.specs_and_warnings().map(|(s, _)| s)
    }

    /// Messages about imported rules that were skipped or changed (gitleaks features that have
    /// no equivalent), one line each, naming the file and the rule.
    ///
    /// # Errors
    /// As [`build`](Self::build), for reading and parsing.
    pub fn warnings(&self) -> Result<Vec<String>, Error> {
        self.specs_and_warnings().map(|(_, w)| w)
    }

    fn specs_and_warnings(&self) -> Result<SpecsAndWarnings, Error> {
        let mut warnings = Vec::new();
        let mut out: Vec<(Arc<str>, RuleSpec)> = Vec::new();
        if self.builtin {
            for (name, text) in BUILTIN_RULE_FILES {
                let src: Arc<str> = Arc::from(*name);
                out.extend(
                    parse_rules(name, text)?
                        .into_iter()
                        .map(|s| (src.clone(), s)),
                );
            }
        }
        let builtin_count = out.len();
        let mut user_ids = std::collections::HashSet::new();
        for source in &self.sources {
            let (name, specs) = match source {
                Source::Text { name, text } => {
                    (name.clone(), parse_any(name, text, &mut warnings)?)
                }
                Source::File(p) => {
                    let name = p.display().to_string();
                    let text = std::fs::read_to_string(p).map_err(|e| {
                        Error::new(ErrorKind::Io, format!("cannot read rule file: {e}"))
                            .with_source(&name)
                    })?;
                    let specs = parse_any(&name, &text, &mut warnings)?;
                    (name, specs)
                }
                Source::Spec(s) => ("<api>".to_string(), vec![(**s).clone()]),
            };
            let src: Arc<str> = Arc::from(name.as_str());
            for spec in specs {
                if !user_ids.insert(spec.id.clone()) {
                    return Err(Error::new(
                        ErrorKind::DuplicateId,
                        "another added rule has the same id",
                    )
                    .with_source(&name)
                    .with_rule(&spec.id));
                }
                match out[..builtin_count]
                    .iter()
                    .position(|(_, s)| s.id == spec.id)
                {
                    Some(i) => out[i] = (src.clone(), spec),
                    None => out.push((src.clone(), spec)),
                }
            }
        }
        if let Some(only) = &self.only {
            for id in only {
                if !out.iter().any(|(_, s)| &s.id == id) {
                    return Err(Error::new(
                        ErrorKind::Config,
                        format!("no rule has the id `{id}`"),
                    ));
                }
            }
            out.retain(|(_, s)| only.contains(&s.id));
        }
        out.retain(|(_, s)| {
            !self.disabled.contains(&s.id)
                && match s.category {
                    Category::Secret => self.secrets,
                    Category::Pii => self.pii,
                }
        });
        Ok((out, warnings))
    }

    /// Compiles the rules into a redactor.
    ///
    /// # Errors
    /// A rule file that cannot be read or parsed, a rule that does not compile (invalid or
    /// backtracking pattern, unknown validator, duplicate id...), or [`Style::Hash`] without a
    /// key. The error names the file and the rule.
    pub fn build(&self) -> Result<Redactor, Error> {
        let hashes = matches!(self.style, Style::Hash)
            || self
                .styles_for
                .iter()
                .any(|(_, s)| matches!(s, Style::Hash));
        if hashes && self.key.as_ref().is_none_or(|k| k.is_empty()) {
            return Err(Error::new(
                ErrorKind::Config,
                "the hash style needs a key (e.g. --key or REDACTUM_KEY)",
            ));
        }
        if let Some(k) = self
            .sensitive_keys
            .iter()
            .find(|k| !k.bytes().any(|b| b.is_ascii_alphanumeric()))
        {
            return Err(Error::new(
                ErrorKind::Config,
                format!(
                    "sensitive key {:?} has no ASCII letter or digit: keys are matched by their \
                     ASCII letters and digits, ignoring case and separators",
                    k
                ),
            ));
        }
        let specs = self.specs()?;
        let engine = crate::compile::compile(&specs, self.piece, self.fail_closed, self.eager)?;
        for (sel, _) in &self.styles_for {
            let known = matches!(
                sel.as_str(),
                "secret" | "pii" | crate::structured::SENSITIVE_KEY_RULE
            ) || engine.rules.iter().any(|r| &*r.id == sel.as_str());
            if !known {
                return Err(Error::new(
                    ErrorKind::Config,
                    format!("no rule or category `{sel}` for a style (rule ids, `secret`, `pii`, `sensitive-key`; is the rule disabled?)"),
                ));
            }
        }
        let pick = |id: &str, category: Category| -> Style {
            let by = |sel: &str| {
                self.styles_for
                    .iter()
                    .find(|(s, _)| s == sel)
                    .map(|(_, st)| st.clone())
            };
            by(id)
                .or_else(|| by(category.as_str()))
                .unwrap_or_else(|| self.style.clone())
        };
        let styles = engine
            .rules
            .iter()
            .map(|r| pick(&r.id, r.category))
            .collect();
        let sensitive_style = pick(crate::structured::SENSITIVE_KEY_RULE, Category::Secret);
        let keys = KeySet::new(
            crate::structured::DEFAULT_SENSITIVE_KEYS
                .iter()
                .copied()
                .chain(self.sensitive_keys.iter().map(String::as_str)),
        );
        Ok(Redactor {
            inner: Arc::new(Inner {
                engine,
                style: self.style.clone(),
                key: self.key.clone().unwrap_or_default(),
                pool: Mutex::new(Vec::new()),
                styles,
                sensitive_style,
                sensitive_id: Arc::from(crate::structured::SENSITIVE_KEY_RULE),
                format: self.format,
                keys,
            }),
        })
    }
}

/// Parses redactum's format, or a gitleaks configuration (a top-level `rules` array). Rules of
/// a gitleaks file that cannot be expressed are skipped and reported by
/// [`RedactorBuilder::warnings`].
/// Rule specs tagged with their source, and import warnings.
type SpecsAndWarnings = (Vec<(Arc<str>, RuleSpec)>, Vec<String>);

fn parse_any(name: &str, text: &str, warnings: &mut Vec<String>) -> Result<Vec<RuleSpec>, Error> {
    if is_gitleaks(text) {
        let (specs, warns) = crate::gitleaks::convert(name, text)?;
        warnings.extend(warns);
        Ok(specs)
    } else {
        parse_rules(name, text)
    }
}

fn is_gitleaks(text: &str) -> bool {
    match toml::from_str::<toml::Table>(text) {
        Ok(t) => t.contains_key("rules") && !t.contains_key("rule"),
        Err(_) => false,
    }
}

struct Inner {
    engine: Engine,
    style: Style,
    key: Vec<u8>,
    pool: Mutex<Vec<Driver>>,
    /// The style of each rule, by index.
    styles: Vec<Style>,
    sensitive_style: Style,
    sensitive_id: Arc<str>,
    format: Format,
    keys: KeySet,
}

/// Finds and replaces secrets and personal data.
///
/// Built once (compiling every rule into shared automata) and cheap to clone and to share
/// across threads: it is `Send + Sync`.
///
/// # Example
/// ```
/// let r = redactum::Redactor::new()?;
/// let out = r.redact("user=bob email=bob@example.org");
/// assert_eq!(out, "user=bob email=[REDACTED:email]");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Redactor {
    inner: Arc<Inner>,
}

impl fmt::Debug for Redactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Redactor")
            .field("rules", &self.inner.engine.rules.len())
            .field("style", &self.inner.style)
            .field("format", &self.inner.format)
            .finish()
    }
}

impl Redactor {
    /// A builder; see [`RedactorBuilder`].
    pub fn builder() -> RedactorBuilder {
        RedactorBuilder::new()
    }

    #[cfg(test)]
    pub(crate) fn engine_keywords(&self) -> Option<&crate::keywords::Keywords> {
        self.inner.engine.keywords()
    }

    /// The built-in catalog with default options.
    ///
    /// # Errors
    /// Only if the built-in catalog is broken, which the test suite rules out.
    pub fn new() -> Result<Redactor, Error> {
        RedactorBuilder::new().build()
    }

    /// The compiled rules, in order.
    pub fn rules(&self) -> Vec<RuleInfo> {
        self.inner
            .engine
            .rules
            .iter()
            .map(|r| RuleInfo {
                id: r.id.to_string(),
                name: r.name.clone(),
                category: r.category,
                keywords: r.keywords.clone(),
            })
            .collect()
    }

    fn finding(&self, c: &Component) -> Finding {
        self.finding_at(c, 0)
    }

    pub(crate) fn finding_at(&self, c: &Component, offset: usize) -> Finding {
        let (id, category) = self.meta(c.rule);
        Finding {
            rule_id: id.clone(),
            category,
            start: c.start + offset,
            end: c.end + offset,
        }
    }

    /// Id and category of a rule index, including the pseudo-rules.
    fn meta(&self, rule: u32) -> (&Arc<str>, Category) {
        if rule == SENSITIVE_RULE {
            return (&self.inner.sensitive_id, Category::Secret);
        }
        self.inner.engine.meta(rule)
    }

    /// The line format and the sensitive keys.
    pub(crate) fn structure(&self) -> (Format, &KeySet) {
        (self.inner.format, &self.inner.keys)
    }

    /// The merged findings of the ordinary rules in `hay`, as plain text.
    pub(crate) fn components_of(&self, hay: &[u8]) -> Vec<Component> {
        self.collect(hay, false)
    }

    /// Redacts `hay` as plain text (one run of text lines), appending to `out`; returns the
    /// number of replaced spans. `utf8`: `hay` is valid UTF-8 and spans are widened to
    /// character boundaries, as [`redact`](Self::redact) does.
    pub(crate) fn text_run(
        &self,
        hay: &[u8],
        utf8: bool,
        vault: Option<&mut Vault>,
        out: &mut Vec<u8>,
    ) -> usize {
        let mut comps = self.collect(hay, false);
        if utf8 {
            comps = widen_to_chars(hay, comps);
        }
        if vault.is_some() {
            crate::structured::protect_placeholders(hay, &mut comps);
        }
        self.render(hay, 0, 0..hay.len(), &comps, out, vault);
        comps.len()
    }

    /// The merged findings of a text run, as `text_run` replaces them (widened to characters
    /// for UTF-8 text).
    pub(crate) fn text_comps(&self, hay: &[u8], utf8: bool) -> Vec<Component> {
        let comps = self.collect(hay, false);
        if utf8 {
            widen_to_chars(hay, comps)
        } else {
            comps
        }
    }

    /// Writes the replacement of `span` (labelled by `c`), line by line.
    pub(crate) fn write_replacement(
        &self,
        span: &[u8],
        c: &Component,
        vault: Option<&mut Vault>,
        out: &mut Vec<u8>,
    ) {
        self.replace(span, c, out, vault);
    }

    /// Whether an internal error replaces what it was scanning (see the builder).
    pub(crate) fn fail_closed(&self) -> bool {
        self.inner.engine.fail_closed
    }

    fn with_driver<T>(&self, f: impl FnOnce(&mut Driver) -> T) -> T {
        // try_lock: never wait (nor deadlock in a forked child); a busy pool means a new driver.
        let mut d = self
            .inner
            .pool
            .try_lock()
            .ok()
            .and_then(|mut p| p.pop())
            .unwrap_or_else(|| Driver::new(&self.inner.engine));
        d.reset();
        let out = f(&mut d);
        if let Ok(mut p) = self.inner.pool.try_lock() {
            if p.len() < 64 {
                p.push(d);
            }
        }
        out
    }

    fn collect(&self, hay: &[u8], raw: bool) -> Vec<Component> {
        self.with_driver(|d| {
            d.advance(&self.inner.engine, hay, 0, true);
            let mut comps = Vec::new();
            if raw {
                d.found.sort_unstable();
                d.found.dedup();
                comps.extend(d.found.iter().map(|f| Component {
                    start: f.start,
                    end: f.end,
                    rule: f.rule,
                }));
            } else {
                components(&self.inner.engine, &mut d.found, &mut comps);
            }
            comps
        })
    }

    /// The replaced spans of `hay`, in order, after overlapping findings are merged.
    pub fn find_iter(&self, hay: &[u8]) -> FindIter {
        FindIter {
            inner: self
                .collect(hay, false)
                .into_iter()
                .map(|c| self.finding(&c))
                .collect::<Vec<_>>()
                .into_iter(),
        }
    }

    /// Every validated finding of every rule, before merging: overlapping findings of
    /// different rules are all listed. Sorted by start, then end, then rule order.
    pub fn find_overlapping(&self, hay: &[u8]) -> Vec<Finding> {
        self.collect(hay, true)
            .iter()
            .map(|c| self.finding(c))
            .collect()
    }

    /// True if anything in `hay` would be redacted.
    pub fn is_match(&self, hay: &[u8]) -> bool {
        !self.collect(hay, false).is_empty()
    }

    /// Redacts text. Borrows the input when there is nothing to replace.
    pub fn redact<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let out = if self.inner.format != Format::Text {
            let mut out = Vec::with_capacity(text.len() + 64);
            if crate::structured::redact_lines(self, text.as_bytes(), true, None, &mut out) == 0 {
                return Cow::Borrowed(text);
            }
            out
        } else {
            let comps = self.collect(text.as_bytes(), false);
            if comps.is_empty() {
                return Cow::Borrowed(text);
            }
            // Spans always fall on character boundaries except where a 1 MiB piece of a long
            // line splits a character; widen those so the output stays valid UTF-8.
            let fixed = widen_to_chars(text.as_bytes(), comps);
            let mut out = Vec::with_capacity(text.len() + 16 * fixed.len());
            self.render(text.as_bytes(), 0, 0..text.len(), &fixed, &mut out, None);
            out
        };
        match String::from_utf8(out) {
            Ok(s) => Cow::Owned(s),
            // Replacements are UTF-8 and spans sit on character boundaries; this cannot happen,
            // and if it did, lossy conversion still never lets an original byte through.
            Err(e) => Cow::Owned(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        }
    }

    /// Redacts bytes; invalid UTF-8 passes through unchanged apart from replaced spans.
    /// Borrows the input when there is nothing to replace.
    pub fn redact_bytes<'a>(&self, hay: &'a [u8]) -> Cow<'a, [u8]> {
        if self.inner.format != Format::Text {
            let mut out = Vec::with_capacity(hay.len() + 64);
            if crate::structured::redact_lines(self, hay, false, None, &mut out) == 0 {
                return Cow::Borrowed(hay);
            }
            return Cow::Owned(out);
        }
        let comps = self.collect(hay, false);
        if comps.is_empty() {
            return Cow::Borrowed(hay);
        }
        let mut out = Vec::with_capacity(hay.len() + 16 * comps.len());
        self.render(hay, 0, 0..hay.len(), &comps, &mut out, None);
        Cow::Owned(out)
    }

    /// Replaces each distinct value found with a numbered placeholder (`<EMAIL_1>`,
    /// `<AWS_ACCESS_KEY_ID_1>`) recorded in `vault`, so that [`Vault::restore`] can put the
    /// values back into, say, a language model's answer. The same value gets the same
    /// placeholder in every call with the same vault; numbering continues across calls.
    ///
    /// Styles are ignored: every finding becomes a placeholder. Placeholder-shaped tokens
    /// already in `text` are never replaced (see [`Vault`] for the collision policy). The
    /// redactor's [`Format`] applies as in [`redact`](Self::redact).
    ///
    /// # Example
    /// ```
    /// let r = redactum::Redactor::new()?;
    /// let mut vault = redactum::Vault::new();
    /// let safe = r.redact_reversible("key AKIAZ3MHKEY7PQ4XW2LN for ann@example.com", &mut vault);
    /// assert_eq!(safe, "key <AWS_ACCESS_KEY_ID_1> for <EMAIL_1>");
    /// assert_eq!(vault.restore("<EMAIL_1>: use <AWS_ACCESS_KEY_ID_1>"), "ann@example.com: use AKIAZ3MHKEY7PQ4XW2LN");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn redact_reversible(&self, text: &str, vault: &mut Vault) -> String {
        for (s, e) in crate::structured::placeholders_in(text.as_bytes()) {
            if !vault.knows(&text[s..e]) {
                vault.reserve(&text[s..e]);
            }
        }
        let mut out = Vec::with_capacity(text.len() + 64);
        if self.inner.format != Format::Text {
            crate::structured::redact_lines(self, text.as_bytes(), true, Some(vault), &mut out);
        } else {
            self.text_run(text.as_bytes(), true, Some(vault), &mut out);
        }
        match String::from_utf8(out) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        }
    }

    /// Redacts many texts in parallel (rayon); results in input order.
    pub fn redact_batch<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<String> {
        use rayon::prelude::*;
        texts
            .par_iter()
            .map(|t| self.redact(t.as_ref()).into_owned())
            .collect()
    }

    /// Copies `reader` to `writer`, redacting, in bounded memory.
    ///
    /// The output is byte-identical to [`redact_bytes`](Self::redact_bytes) on the whole input,
    /// whatever the read sizes. Each line is written (and the writer flushed) as soon as it is
    /// complete, unless a multiline rule (a PEM block) still waits for its end.
    ///
    /// # Memory usage
    /// About 1.5 MiB of buffer for any input size, including a single line of any length.
    ///
    /// # Errors
    /// Errors of the reader or the writer (a closed pipe shows as `BrokenPipe`).
    pub fn stream_redact<R: Read, W: Write>(
        &self,
        reader: R,
        writer: W,
    ) -> io::Result<StreamStats> {
        self.stream_redact_with(reader, writer, |_| {})
    }

    /// As [`stream_redact`](Self::stream_redact), calling `on_finding` for every replaced span,
    /// in order.
    ///
    /// # Errors
    /// As [`stream_redact`](Self::stream_redact).
    pub fn stream_redact_with<R: Read, W: Write>(
        &self,
        mut reader: R,
        mut writer: W,
        mut on_finding: impl FnMut(&StreamFinding),
    ) -> io::Result<StreamStats> {
        let mut st = self.stream();
        let mut chunk = vec![0u8; READ_SIZE];
        let mut out = Vec::with_capacity(READ_SIZE + 4096);
        loop {
            let n = match reader.read(&mut chunk) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            out.clear();
            let step = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                if n == 0 {
                    st.finish_with(&mut out, &mut on_finding);
                } else {
                    st.push_with(&chunk[..n], &mut out, &mut on_finding);
                }
            }));
            if step.is_err() {
                // Nothing of the failing segment was written: stop rather than pass it through.
                return Err(io::Error::other(
                    "internal error while scanning; output stops before the failing line (fail-closed replaces it instead)",
                ));
            }
            if !out.is_empty() {
                writer.write_all(&out)?;
                writer.flush()?;
            }
            if n == 0 {
                return Ok(st.stats());
            }
        }
    }

    /// A push-style streaming redactor: feed chunks, receive what is decided so far.
    ///
    /// # Example
    /// ```
    /// let r = redactum::Redactor::new()?;
    /// let mut s = r.stream();
    /// let mut out = Vec::new();
    /// s.push(b"key=AKIAZ3MHKE", &mut out);
    /// s.push(b"Y7PQ4XW2LN\nnext", &mut out);
    /// s.finish(&mut out);
    /// assert_eq!(out, b"key=[REDACTED:aws-access-key-id]\nnext");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn stream(&self) -> StreamRedactor {
        let mut s = self.text_stream();
        if self.inner.format != Format::Text {
            s.lines = Some(Box::new(crate::structured::LineStream::new(
                self.text_stream(),
            )));
        }
        s
    }

    fn text_stream(&self) -> StreamRedactor {
        StreamRedactor {
            redactor: self.clone(),
            driver: Driver::new(&self.inner.engine),
            buf: Vec::new(),
            base: 0,
            emitted: 0,
            line: 1,
            line_start: 0,
            comps: Vec::new(),
            stats: StreamStats::default(),
            finished: false,
            lines: None,
        }
    }

    fn render(
        &self,
        hay: &[u8],
        base: usize,
        range: std::ops::Range<usize>,
        comps: &[Component],
        out: &mut Vec<u8>,
        mut vault: Option<&mut Vault>,
    ) {
        let mut at = range.start;
        for c in comps {
            if c.start < at || c.end > range.end {
                continue;
            }
            out.extend_from_slice(&hay[at - base..c.start - base]);
            self.replace(
                &hay[c.start - base..c.end - base],
                c,
                out,
                vault.as_deref_mut(),
            );
            at = c.end;
        }
        out.extend_from_slice(&hay[at - base..range.end - base]);
    }

    /// Writes the replacement of one span, line by line, keeping its line ends.
    fn replace(
        &self,
        span: &[u8],
        c: &Component,
        out: &mut Vec<u8>,
        mut vault: Option<&mut Vault>,
    ) {
        for (i, part) in span.split(|b| *b == b'\n').enumerate() {
            if i > 0 {
                out.push(b'\n');
            }
            let (content, cr) = match part {
                [rest @ .., b'\r'] => (rest, true),
                _ => (part, false),
            };
            if !content.is_empty() {
                match vault.as_deref_mut() {
                    Some(v) if c.rule != crate::engine::FAILED_RULE => {
                        let (id, _) = self.meta(c.rule);
                        out.extend_from_slice(
                            v.assign(id, &String::from_utf8_lossy(content)).as_bytes(),
                        );
                    }
                    _ => self.replace_one(content, c, out),
                }
            }
            if cr {
                out.push(b'\r');
            }
        }
    }

    fn replace_one(&self, content: &[u8], c: &Component, out: &mut Vec<u8>) {
        let (id, _) = self.meta(c.rule);
        let style = match c.rule {
            SENSITIVE_RULE => &self.inner.sensitive_style,
            r => self
                .inner
                .styles
                .get(r as usize)
                .unwrap_or(&self.inner.style),
        };
        match style {
            _ if c.rule == crate::engine::FAILED_RULE => {
                out.extend_from_slice(b"[REDACTED:internal-error]")
            }
            Style::Label => {
                out.extend_from_slice(b"[REDACTED:");
                out.extend_from_slice(id.as_bytes());
                out.push(b']');
            }
            Style::Mask => out.extend(std::iter::repeat_n(b'*', char_count(content))),
            Style::Partial {
                keep_start,
                keep_end,
            } => {
                let n = char_count(content);
                if keep_start + keep_end > n / 2 {
                    out.extend(std::iter::repeat_n(b'*', n));
                } else {
                    let a = char_prefix_len(content, *keep_start);
                    let b = content.len() - char_suffix_len(content, *keep_end);
                    out.extend_from_slice(&content[..a]);
                    out.extend(std::iter::repeat_n(b'*', n - keep_start - keep_end));
                    out.extend_from_slice(&content[b..]);
                }
            }
            Style::Hash => {
                let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.inner.key)
                    .expect("HMAC takes keys of any length");
                mac.update(content);
                let digest = mac.finalize().into_bytes();
                out.extend_from_slice(b"[REDACTED:");
                out.extend_from_slice(id.as_bytes());
                out.push(b':');
                for b in &digest[..8] {
                    out.extend_from_slice(format!("{b:02x}").as_bytes());
                }
                out.push(b']');
            }
            Style::Custom(f) => {
                let finding = self.finding(c);
                let s = f(&finding, content);
                out.extend(s.bytes().map(|b| if b == b'\n' { b' ' } else { b }));
            }
        }
    }
}

/// Widens spans to character boundaries of UTF-8 text, merging spans that come to overlap.
fn widen_to_chars(text: &[u8], mut comps: Vec<Component>) -> Vec<Component> {
    let boundary = |i: usize| i >= text.len() || (text[i] as i8) >= -0x40;
    let mut fixed: Vec<Component> = Vec::with_capacity(comps.len());
    for mut c in comps.drain(..) {
        while !boundary(c.start) {
            c.start -= 1;
        }
        while !boundary(c.end) {
            c.end += 1;
        }
        match fixed.last_mut() {
            Some(l) if c.start < l.end => l.end = l.end.max(c.end),
            _ => fixed.push(c),
        }
    }
    fixed
}

/// Advances a line counter over `text`, which starts at absolute offset `at`.
fn count_lines(text: &[u8], at: usize, line: &mut u64, line_start: &mut usize) {
    let n = memchr::memchr_iter(b'\n', text).count() as u64;
    if n > 0 {
        *line += n;
        *line_start = at + memchr::memrchr(b'\n', text).unwrap_or(0) + 1;
    }
}

/// Characters in `s` counting each invalid byte as one.
fn char_count(s: &[u8]) -> usize {
    s.iter().filter(|&&b| !(0x80..0xC0).contains(&b)).count()
}

fn char_prefix_len(s: &[u8], n: usize) -> usize {
    let mut seen = 0;
    for (i, &b) in s.iter().enumerate() {
        if !(0x80..0xC0).contains(&b) {
            if seen == n {
                return i;
            }
            seen += 1;
        }
    }
    s.len()
}

fn char_suffix_len(s: &[u8], n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    let mut seen = 0;
    for (i, &b) in s.iter().enumerate().rev() {
        if !(0x80..0xC0).contains(&b) {
            seen += 1;
            if seen == n {
                return s.len() - i;
            }
        }
    }
    s.len()
}

/// Incremental redaction: [`push`](Self::push) chunks, [`finish`](Self::finish) at the end.
///
/// The concatenated output is byte-identical to [`Redactor::redact_bytes`] over the
/// concatenated input, whatever the chunk sizes. Output for a line comes out as soon as the
/// line is complete, unless a multiline rule still waits for its end.
///
/// # Memory usage
/// Holds at most about 1.1 MiB plus the last chunk pushed (a line longer than 1 MiB is
/// processed in 1 MiB pieces).
pub struct StreamRedactor {
    redactor: Redactor,
    driver: Driver,
    buf: Vec<u8>,
    base: usize,
    emitted: usize,
    line: u64,
    line_start: usize,
    comps: Vec<Component>,
    stats: StreamStats,
    finished: bool,
    /// Structured formats: lines are classified first (see `structured.rs`).
    lines: Option<Box<crate::structured::LineStream>>,
}

impl fmt::Debug for StreamRedactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StreamRedactor")
            .field("buffered", &self.buf.len())
            .field("stats", &self.stats)
            .finish()
    }
}

impl StreamRedactor {
    /// Feeds a chunk; appends to `out` whatever output is decided.
    pub fn push(&mut self, chunk: &[u8], out: &mut Vec<u8>) {
        self.push_with(chunk, out, &mut |_| {});
    }

    /// As [`push`](Self::push), reporting each replaced span written to `out`.
    pub fn push_with(
        &mut self,
        chunk: &[u8],
        out: &mut Vec<u8>,
        on_finding: &mut dyn FnMut(&StreamFinding),
    ) {
        if let Some(ls) = self.lines.as_mut() {
            ls.push(&self.redactor, chunk, out, on_finding);
            return;
        }
        if self.finished {
            self.reset();
        }
        self.stats.bytes_read += chunk.len() as u64;
        self.buf.extend_from_slice(chunk);
        self.step(false, out, on_finding);
    }

    /// Ends the input: appends the rest of the output. The redactor can then be reused for a
    /// new input.
    pub fn finish(&mut self, out: &mut Vec<u8>) {
        self.finish_with(out, &mut |_| {});
    }

    /// As [`finish`](Self::finish), reporting each replaced span.
    pub fn finish_with(&mut self, out: &mut Vec<u8>, on_finding: &mut dyn FnMut(&StreamFinding)) {
        if let Some(ls) = self.lines.as_mut() {
            ls.finish(&self.redactor, out, on_finding);
            return;
        }
        if !self.finished {
            self.step(true, out, on_finding);
            self.finished = true;
        }
    }

    /// Counters so far.
    pub fn stats(&self) -> StreamStats {
        match &self.lines {
            Some(ls) => ls.stats(),
            None => self.stats,
        }
    }

    /// Bytes held back, waiting for the end of a line or of a multiline block.
    pub fn buffered(&self) -> usize {
        if let Some(ls) = &self.lines {
            return ls.buffered();
        }
        self.buf.len() - (self.emitted - self.base)
    }

    fn reset(&mut self) {
        self.driver.reset();
        self.buf.clear();
        self.base = 0;
        self.emitted = 0;
        self.line = 1;
        self.line_start = 0;
        self.stats = StreamStats::default();
        self.finished = false;
    }

    fn step(&mut self, eof: bool, out: &mut Vec<u8>, on_finding: &mut dyn FnMut(&StreamFinding)) {
        let engine = &self.redactor.inner.engine;
        let d = &mut self.driver;
        let base = self.base;
        d.advance(engine, &self.buf, base, eof);
        let decided = d.decided();
        self.comps.clear();
        components(engine, &mut d.found, &mut self.comps);
        let mut upto = decided;
        if let Some(c) = self
            .comps
            .iter()
            .find(|c| c.start < decided && c.end > decided)
        {
            upto = c.start;
        }
        if upto > self.emitted {
            let before = out.len();
            let mut cursor = self.emitted;
            let mut at = self.emitted;
            for c in self
                .comps
                .iter()
                .filter(|c| c.end <= upto && c.start >= self.emitted)
            {
                count_lines(
                    &self.buf[cursor - base..c.start - base],
                    cursor,
                    &mut self.line,
                    &mut self.line_start,
                );
                cursor = c.start;
                on_finding(&StreamFinding {
                    finding: self.redactor.finding(c),
                    line: self.line,
                    column: (c.start - self.line_start) as u64 + 1,
                });
                self.stats.findings += 1;
                out.extend_from_slice(&self.buf[at - base..c.start - base]);
                self.redactor
                    .replace(&self.buf[c.start - base..c.end - base], c, out, None);
                at = c.end;
            }
            out.extend_from_slice(&self.buf[at - base..upto - base]);
            count_lines(
                &self.buf[cursor - base..upto - base],
                cursor,
                &mut self.line,
                &mut self.line_start,
            );
            self.stats.bytes_written += (out.len() - before) as u64;
            d.found.retain(|f| f.start >= upto);
            self.emitted = upto;
        }
        // Keep look-behind context before everything still to be decided or written.
        let keep_from = self
            .emitted
            .min(d.pos)
            .saturating_sub(engine.lookbehind())
            .max(base);
        self.buf.drain(..keep_from - base);
        self.base = keep_from;
    }
}

/// Iterator over the findings of [`Redactor::find_iter`].
#[derive(Debug)]
pub struct FindIter {
    inner: std::vec::IntoIter<Finding>,
}

impl Iterator for FindIter {
    type Item = Finding;
    fn next(&mut self) -> Option<Finding> {
        self.inner.next()
    }
}
