//! Building a [`Redactor`]: rule sources (the catalog, files, texts, gitleaks imports),
//! selection, styles, and compilation.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::catalog;
use crate::compile::{compile, compile_rule, SpecToCompile};
use crate::engine::Engine;
use crate::error::{Error, ErrorKind};
use crate::redact::Redactor;
use crate::render::{Renderer, Style};
use crate::rule::{parse_rules, Category, RuleSpec};
use crate::span::SENSITIVE_KEY_RULE;
use crate::structured::{
    builtin_personal_keys, Format, KeySet, StructuredRedactor, ValueShape, DEFAULT_SENSITIVE_KEYS,
};
use crate::text::TextRedactor;

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
    names: bool,
    only: Option<Vec<String>>,
    disabled: Vec<String>,
    style: Style,
    key: Option<Vec<u8>>,
    fail_closed: bool,
    piece: Option<usize>,
    anchors: bool,
    eager: bool,
    lazy_added: bool,
    format: Format,
    sensitive_keys: Vec<String>,
    personal_keys: Vec<(String, String)>,
    styles_for: Vec<(String, Style)>,
}

impl Default for RedactorBuilder {
    fn default() -> Self {
        RedactorBuilder {
            builtin: true,
            sources: Vec::new(),
            secrets: true,
            pii: true,
            names: true,
            only: None,
            disabled: Vec::new(),
            style: Style::Label,
            key: None,
            fail_closed: false,
            piece: None,
            anchors: true,
            eager: false,
            lazy_added: false,
            format: Format::Text,
            sensitive_keys: Vec::new(),
            personal_keys: Vec::new(),
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
    /// A rule with the id of a built-in rule replaces it if it says `replace = true`, and is
    /// an error otherwise. Parsed by [`build`](Self::build).
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

    /// Whether person-name rules apply (category `name`, default true; see `docs/rules.md`).
    pub fn names(&mut self, yes: bool) -> &mut Self {
        self.names = yes;
        self
    }

    /// Keeps only the rules with these ids.
    pub fn only_rules<I: IntoIterator<Item = S>, S: Into<String>>(&mut self, ids: I) -> &mut Self {
        self.only = Some(ids.into_iter().map(Into::into).collect());
        self
    }

    /// Turns off the rules with these ids ([`build`](Self::build) fails on an id that no rule
    /// has, as for [`only_rules`](Self::only_rules)).
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
    /// `"pii"`, `"name"`), or of the values of sensitive keys (`"sensitive-key"`). A rule's own style
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

    /// How lines are interpreted (default [`Format::Text`] in this low-level builder, which
    /// the benchmarks and the streaming invariants measure; [`Options`](crate::Options), the
    /// surface shared by every interface, defaults to [`Format::Auto`]); see [`Format`] and the
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

    /// Keys whose values are personal data of type `type_id` in structured lines, in addition
    /// to the built-in personal keys (`core/keys/personal-keys.toml`: `email`, `phone`, `dob`,
    /// `address`, `postcode`, `ip`, `iban`, `card_number`...). A value under such a key is
    /// replaced and labelled `type_id` even when no rule knows its shape; a rule that
    /// recognises it keeps its own label. Matching ignores case and separators and takes the
    /// whole key (`customer_dob` is not `dob`; add it). The type may be a built-in one or a new
    /// id. Personal keys are off with the PII category ([`Self::pii`]); the built-in ones also
    /// with [`Self::only_rules`] or [`Self::only`].
    ///
    /// [`build`](Self::build) rejects a key without an ASCII letter or digit, or a type id that
    /// is not lower-case letters, digits and dashes, with [`ErrorKind::Config`].
    pub fn personal_keys<I: IntoIterator<Item = S>, S: Into<String>>(
        &mut self,
        type_id: &str,
        keys: I,
    ) -> &mut Self {
        self.personal_keys
            .extend(keys.into_iter().map(|k| (type_id.to_string(), k.into())));
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

    /// Benchmark hook: with `true`, added rules are compiled on first use as the built-in ones
    /// are, so that another commit's catalog, added as rules, builds as the built-in one does.
    /// A pattern that does not compile then fails the scan that first needs it (an internal
    /// error), not the build: only for rules known to compile.
    #[doc(hidden)]
    pub fn lazy_added_rules(&mut self, yes: bool) -> &mut Self {
        self.lazy_added = yes;
        self
    }

    /// Test hook: the piece size for long lines (default 1 MiB), so tests can cross piece
    /// boundaries with small inputs.
    #[doc(hidden)]
    pub fn piece_size(&mut self, bytes: usize) -> &mut Self {
        self.piece = Some(bytes);
        self
    }

    /// Test hook: with `false`, the combined search of keyword-less rules runs on every line
    /// rather than on the lines that hold one of their anchors, and every keyword hit opens
    /// its rule's window, whether or not the bytes around it can be part of a match (findings
    /// are the same: the tests and the fuzz target `anchors` compare the two).
    #[doc(hidden)]
    pub fn anchor_gate(&mut self, on: bool) -> &mut Self {
        self.anchors = on;
        self
    }

    /// The rule specifications this builder would compile, in order.
    ///
    /// # Errors
    /// As [`build`](Self::build), for reading and parsing.
    pub fn specs(&self) -> Result<Vec<(Arc<str>, RuleSpec)>, Error> {
        self.specs_and_warnings(false)
            .map(|(s, _)| s.into_iter().map(|s| (s.source, s.spec)).collect())
    }

    /// Messages about imported rules that were skipped or changed (gitleaks features that have
    /// no equivalent), one line each, naming the file and the rule.
    ///
    /// # Errors
    /// As [`build`](Self::build), for reading and parsing.
    pub fn warnings(&self) -> Result<Vec<String>, Error> {
        // The warnings are of the added rules: the built-in ones are read as a build reads them.
        self.specs_and_warnings(true).map(|(_, w)| w)
    }

    /// The specs and the warnings; with `to_build`, the built-in rules without the fields a
    /// build does not use (their examples, references and descriptions: not parsed).
    fn specs_and_warnings(&self, to_build: bool) -> Result<SpecsAndWarnings, Error> {
        let mut warnings = Vec::new();
        let mut out: Vec<Sourced> = Vec::new();
        if self.builtin {
            let files: Box<dyn Iterator<Item = _>> = if to_build {
                Box::new(catalog::builtin_rules_to_build())
            } else {
                Box::new(catalog::builtin_rules())
            };
            for (name, rules) in files {
                let src: Arc<str> = Arc::from(name);
                out.extend(rules?.into_iter().map(|spec| Sourced {
                    source: src.clone(),
                    spec,
                    builtin: true,
                }));
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
                let added = |spec| Sourced {
                    source: src.clone(),
                    spec,
                    builtin: false,
                };
                match out[..builtin_count]
                    .iter()
                    .position(|s| s.spec.id == spec.id)
                {
                    Some(i) if spec.replace => out[i] = added(spec),
                    Some(_) => {
                        return Err(Error::new(
                            ErrorKind::DuplicateId,
                            "a built-in rule has this id: add `replace = true` to the rule to \
                             replace the built-in one, or give it another id",
                        )
                        .with_source(&name)
                        .with_rule(&spec.id))
                    }
                    None if spec.replace && self.builtin => {
                        return Err(Error::new(
                            ErrorKind::Config,
                            "`replace = true` but no built-in rule has this id",
                        )
                        .with_source(&name)
                        .with_rule(&spec.id))
                    }
                    None => out.push(added(spec)),
                }
            }
        }
        for id in &self.disabled {
            if !out.iter().any(|s| &s.spec.id == id) {
                return Err(Error::new(
                    ErrorKind::Config,
                    format!("no rule has the id `{id}` (in the rules to disable)"),
                ));
            }
        }
        if let Some(only) = &self.only {
            for id in only {
                if !out.iter().any(|s| &s.spec.id == id) {
                    return Err(Error::new(
                        ErrorKind::Config,
                        format!("no rule has the id `{id}` (in the only rules to keep)"),
                    ));
                }
            }
            out.retain(|s| only.contains(&s.spec.id));
        }
        out.retain(|Sourced { spec: s, .. }| {
            !self.disabled.contains(&s.id)
                && match s.category {
                    Category::Secret => self.secrets,
                    Category::Pii => self.pii,
                    Category::Name => self.names,
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
            return Err(Error::new(ErrorKind::Config, "the hash style needs a key"));
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
        if let Some((t, k)) = self.personal_keys.iter().find(|(t, k)| {
            !k.bytes().any(|b| b.is_ascii_alphanumeric())
                || t.is_empty()
                || !t
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        }) {
            return Err(Error::new(
                ErrorKind::Config,
                format!(
                    "personal key {k:?} of type {t:?}: the key needs an ASCII letter or digit, \
                     the type lower-case letters, digits and dashes"
                ),
            ));
        }
        let personal_types = self.personal_types();
        let (specs, _) = self.specs_and_warnings(true)?;
        if specs.is_empty() {
            return Err(Error::new(
                ErrorKind::Config,
                "no rule is left to apply: the categories, rules, only-rules and disabled \
                 rules given select none, and a redactor without rules would redact nothing",
            ));
        }
        // Only the built-in catalog's rules (checked by the test suite) wait for their first
        // use: an added rule that does not compile fails the build, wherever its file is and
        // whatever it is called (a copy of a built-in file under the same name included).
        let to_compile: Vec<SpecToCompile<'_>> = specs
            .iter()
            .map(|s| SpecToCompile {
                source: &s.source,
                spec: &s.spec,
                lazy: !self.eager && (s.builtin || self.lazy_added),
            })
            .collect();
        let mut engine = Engine::new(compile(&to_compile, self.piece, self.fail_closed)?)?;
        if !self.anchors {
            engine.without_gates();
        }
        for (sel, _) in &self.styles_for {
            let known = matches!(sel.as_str(), "secret" | "pii" | "name" | SENSITIVE_KEY_RULE)
                || engine.rules.iter().any(|r| &*r.id == sel.as_str())
                || personal_types.iter().any(|(id, _)| id == sel);
            if !known {
                return Err(Error::new(
                    ErrorKind::Config,
                    format!("no rule or category `{sel}` for a style (rule ids, `secret`, `pii`, `name`, `sensitive-key`; is the rule disabled?)"),
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
        let sensitive_style = pick(SENSITIVE_KEY_RULE, Category::Secret);
        let personal: Vec<(u16, &str, ValueShape)> = personal_types
            .iter()
            .enumerate()
            .flat_map(|(i, (id, keys))| {
                let shape = ValueShape::of(id);
                keys.iter().map(move |k| (i as u16, k.as_str(), shape))
            })
            .collect();
        let keys = KeySet::with_personal(
            DEFAULT_SENSITIVE_KEYS
                .iter()
                .copied()
                .chain(self.sensitive_keys.iter().map(String::as_str)),
            &personal,
        );
        let personal_styles = personal_types
            .iter()
            .map(|(id, _)| (Arc::from(id.as_str()), pick(id, Category::Pii)))
            .collect();
        let labels = engine
            .rules
            .iter()
            .map(|r| (r.id.clone(), r.category))
            .collect();
        let render = Renderer::new(
            self.style.clone(),
            styles,
            sensitive_style,
            self.key.clone().unwrap_or_default(),
            labels,
            personal_styles,
        );
        Ok(Redactor::from_parts(StructuredRedactor {
            text: Arc::new(TextRedactor::new(engine, render)),
            format: self.format,
            keys,
        }))
    }
}

impl RedactorBuilder {
    /// The personal-key types in use and their keys: the built-in ones (unless PII is off or
    /// the rules are chosen with `only_rules` / `only`), then the added ones.
    fn personal_types(&self) -> Vec<(String, Vec<String>)> {
        if !self.pii && !self.names {
            return Vec::new();
        }
        let mut types: Vec<(String, Vec<String>)> = if self.builtin && self.only.is_none() {
            builtin_personal_keys()
                .into_iter()
                .filter(|(c, _, _)| match c {
                    Category::Pii => self.pii,
                    Category::Name => self.names,
                    Category::Secret => true,
                })
                .map(|(_, t, k)| (t, k))
                .collect()
        } else {
            Vec::new()
        };
        if !self.pii {
            return types;
        }
        for (t, k) in &self.personal_keys {
            match types.iter_mut().find(|(id, _)| id == t) {
                Some((_, keys)) => keys.push(k.clone()),
                None => types.push((t.clone(), vec![k.clone()])),
            }
        }
        // Type indexes are u16; more types than that cannot come from a sane configuration.
        types.truncate(usize::from(u16::MAX));
        types
    }
}

/// A rule spec with the name of its source, and whether it is the built-in catalog's (not an
/// added rule, whatever the name of the file it came from).
struct Sourced {
    source: Arc<str>,
    spec: RuleSpec,
    builtin: bool,
}

/// Rule specs tagged with their source, and import warnings.
type SpecsAndWarnings = (Vec<Sourced>, Vec<String>);

/// Parses redactum's format, or a gitleaks configuration (a top-level `rules` array). Rules of
/// a gitleaks file that cannot be expressed are skipped and reported by
/// [`RedactorBuilder::warnings`].
fn parse_any(name: &str, text: &str, warnings: &mut Vec<String>) -> Result<Vec<RuleSpec>, Error> {
    if is_gitleaks(text) {
        let compiles = |spec: &RuleSpec| {
            compile_rule(spec, 0, true)
                .map(|_| ())
                .map_err(|e| e.message().to_string())
        };
        let (specs, warns) = crate::gitleaks::convert(name, text, &compiles)?;
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

impl Redactor {
    /// A builder; see [`RedactorBuilder`].
    pub fn builder() -> RedactorBuilder {
        RedactorBuilder::new()
    }

    /// The built-in catalog with default options.
    ///
    /// # Errors
    /// Only if the built-in catalog is broken, which the test suite rules out.
    pub fn new() -> Result<Redactor, Error> {
        RedactorBuilder::new().build()
    }
}
