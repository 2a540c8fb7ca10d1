//! The `Redactor` class: options, whole-input redaction, findings with JavaScript offsets.

use std::borrow::Cow;
use std::sync::{Arc, Mutex, OnceLock};

use napi::bindgen_prelude::{
    AsyncTask, Buffer, BufferSlice, Either, FnArgs, Function, FunctionRef, JsObjectValue, Object,
    Unknown,
};
use napi::{Env, JsString};
use napi_derive::napi;

use crate::args::Item;
use crate::error::{core_error, guard};
use crate::tasks::RedactBatch;

/// Options of `new Redactor(options)` and `createRedactStream(options)`: core's options
/// (`docs/options.md`), in camelCase.
#[napi(object, object_to_js = false)]
#[derive(Default)]
pub struct RedactorOptions {
    /// Rules in redactum's TOML format that replace the built-in catalog.
    pub rules: Option<String>,
    /// Rules in redactum's TOML format added to the catalog (a rule with the id of a built-in
    /// rule replaces it).
    pub extra_rules: Option<String>,
    /// Which categories apply: any of `"secret"`, `"pii"` and `"name"` (person names); all three by default.
    #[napi(ts_type = "Array<'secret' | 'pii' | 'name'>")]
    pub categories: Option<Vec<String>>,
    /// How a found span is replaced (default `label`: `[REDACTED:<rule-id>]`).
    #[napi(ts_type = "'label' | 'mask' | 'partial' | 'hash'")]
    pub style: Option<String>,
    /// The key of the `hash` style (required by it): a string or bytes.
    pub key: Option<Either<String, Buffer>>,
    /// Characters kept at the start of a span by the `partial` style (default 4).
    pub keep_start: Option<u32>,
    /// Characters kept at the end of a span by the `partial` style (default 4).
    pub keep_end: Option<u32>,
    /// Keeps only the rules with these ids (an unknown id is an error).
    pub only_rules: Option<Vec<String>>,
    /// Turns off the rules with these ids.
    pub disable_rules: Option<Vec<String>>,
    /// On an internal error while scanning, replace the segment whole instead of passing it
    /// through (default false).
    pub fail_closed: Option<bool>,
    /// How lines are read (default `auto`: decided per line, as on the command line and in
    /// Python). `text`: the rules only; `json`: lines that parse as JSON are rewritten in
    /// place and the values of sensitive keys replaced; `logfmt`: every line is `key=value`
    /// pairs (HTTP headers and URL query parameters too). `find` and `isMatch` read their
    /// input as text whatever the format.
    #[napi(ts_type = "'text' | 'auto' | 'json' | 'logfmt'")]
    pub format: Option<String>,
    /// Keys whose values are replaced whatever they hold in structured lines, added to the
    /// default ones (`password`, `token`, `api_key`...). Case and separators are ignored.
    pub sensitive_keys: Option<Vec<String>>,
    /// Keys whose values are personal data of a type in structured lines, whatever their
    /// shape: a key to a personal type id (`{ patient_mobile: 'phone', member_ref:
    /// 'member-id' }`), added to those of `core/keys/personal-keys.toml`. A new type id is a
    /// new `pii` label. The whole key matches, case and separators ignored.
    #[napi(ts_type = "Record<string, string>")]
    pub personal_keys: Option<std::collections::HashMap<String, String>>,
    /// Per-type styles: a rule id, `secret`, `pii` or `sensitive-key` to a style
    /// (`{ 'credit-card': 'partial:0:4', email: 'hash' }`).
    #[napi(ts_type = "Record<string, string>")]
    pub style_for: Option<std::collections::HashMap<String, String>>,
    /// Gives each replacement: called with the value found and the rule id, returns the text
    /// that replaces it. Called on the JavaScript thread. If it throws or returns something
    /// other than a string, the call that redacts throws (`redactBatch` rejects) and nothing
    /// redacted is returned: the value never passes.
    #[napi(ts_type = "(value: string, ruleId: string) => string")]
    pub replace_with: Option<FunctionRef<FnArgs<(String, String)>, String>>,
}

/// A `replaceWith` function: called by core's renderer on the JavaScript thread that created
/// it; its first failure is kept for the call that redacts to throw.
pub(crate) struct Censor {
    f: FunctionRef<FnArgs<(String, String)>, String>,
    env: usize,
    thread: std::thread::ThreadId,
    error: Mutex<Option<String>>,
}

impl Censor {
    /// The failure of the censor during the last call, taken.
    pub(crate) fn take_error(&self) -> napi::Result<()> {
        match self.error.lock().ok().and_then(|mut e| e.take()) {
            None => Ok(()),
            Some(e) => Err(napi::Error::from_reason(format!(
                "options.replaceWith failed, nothing was returned: {e}"
            ))),
        }
    }

    fn fail(&self, e: String) {
        if let Ok(mut slot) = self.error.lock() {
            slot.get_or_insert(e);
        }
    }

    fn replacer(censor: Arc<Censor>) -> Arc<redactum::ReplaceFn> {
        let c = std::panic::AssertUnwindSafe(censor);
        Arc::new(move |finding: &redactum::Finding, bytes: &[u8]| {
            let marker = redactum::label_marker(finding.rule_id());
            if std::thread::current().id() != c.thread {
                c.fail("it can only run on the JavaScript thread".into());
                return marker;
            }
            let env = Env::from_raw(c.env as napi::sys::napi_env);
            let value = String::from_utf8_lossy(bytes).into_owned();
            let out =
                c.f.borrow_back(&env)
                    .and_then(|f| f.call(FnArgs::from((value, finding.rule_id().to_string()))));
            match out {
                Ok(s) => s,
                Err(e) => {
                    c.fail(e.reason.clone());
                    marker
                }
            }
        })
    }
}

/// One replaced span.
#[napi(object)]
pub struct Finding {
    /// The id of the rule (for merged overlapping findings, the rule of the leftmost, longest).
    pub rule_id: String,
    /// `secret` or `pii`.
    #[napi(ts_type = "'secret' | 'pii'")]
    pub category: String,
    /// Index of the first replaced UTF-16 code unit: `text.slice(start, end)` is the span.
    pub start: u32,
    /// Index just past the last replaced UTF-16 code unit.
    pub end: u32,
    /// Offset of the first replaced byte in the UTF-8 encoding of the text.
    pub byte_start: f64,
    /// Offset just past the last replaced byte in the UTF-8 encoding of the text.
    pub byte_end: f64,
}

/// A compiled rule, as listed by `Redactor.rules()`.
#[napi(object)]
pub struct RuleInfo {
    /// Stable id.
    pub id: String,
    /// Human-readable name.
    pub name: String,
    /// `secret` or `pii`.
    #[napi(ts_type = "'secret' | 'pii'")]
    pub category: String,
    /// Prefilter keywords.
    pub keywords: Vec<String>,
}

/// Finds and replaces secrets and personal data. Compiles its rules once; reuse it.
#[napi]
pub struct Redactor {
    pub(crate) inner: redactum::Redactor,
    /// The options, to build `structured` from.
    options: redactum::Options,
    /// The `replaceWith` function, if any.
    pub(crate) censor: Option<Arc<Censor>>,
    /// For `redactJson` when `format` is `text` or `logfmt`: the same options with JSON lines
    /// read as JSON, built on first use.
    structured: OnceLock<redactum::Redactor>,
}

/// Core's options from JavaScript's (types already checked by `args`); errors name the option
/// as JavaScript spells it.
fn core_options(
    env: &Env,
    options: &mut RedactorOptions,
) -> napi::Result<(redactum::Options, Option<Arc<Censor>>)> {
    use redactum::{RuleSource, Value};
    let mut o = redactum::Options::new();
    let mut set = |js: &str, value: Value| -> napi::Result<()> {
        o.set(js, value).map(|_| ()).map_err(|e| {
            napi::Error::new(
                napi::Status::InvalidArg,
                format!("options.{js}: {}", e.message()),
            )
        })
    };
    let rules = |name: &str, text: &String| {
        Value::Rules(vec![RuleSource {
            name: name.to_string(),
            text: text.clone(),
        }])
    };
    if let Some(r) = &options.rules {
        set("rules", rules("options.rules", r))?;
    }
    if let Some(r) = &options.extra_rules {
        set("extraRules", rules("options.extraRules", r))?;
    }
    if let Some(c) = &options.categories {
        set("categories", Value::List(c.clone()))?;
    }
    if let Some(s) = &options.style {
        set("style", Value::Str(s.clone()))?;
    }
    match &options.key {
        Some(Either::A(s)) => set("key", Value::Bytes(s.as_bytes().to_vec()))?,
        Some(Either::B(b)) => set("key", Value::Bytes(b.to_vec()))?,
        None => {}
    }
    if let Some(n) = options.keep_start {
        set("keepStart", Value::Int(n.into()))?;
    }
    if let Some(n) = options.keep_end {
        set("keepEnd", Value::Int(n.into()))?;
    }
    if let Some(ids) = &options.only_rules {
        set("onlyRules", Value::List(ids.clone()))?;
    }
    if let Some(ids) = &options.disable_rules {
        set("disableRules", Value::List(ids.clone()))?;
    }
    if let Some(yes) = options.fail_closed {
        set("failClosed", Value::Bool(yes))?;
    }
    if let Some(f) = &options.format {
        set("format", Value::Str(f.clone()))?;
    }
    if let Some(keys) = &options.sensitive_keys {
        set("sensitiveKeys", Value::List(keys.clone()))?;
    }
    if let Some(m) = &options.personal_keys {
        let mut pairs: Vec<(String, String)> =
            m.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        pairs.sort();
        set("personalKeys", Value::Map(pairs))?;
    }
    if let Some(m) = &options.style_for {
        let mut pairs: Vec<(String, String)> =
            m.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        pairs.sort();
        set("styleFor", Value::Map(pairs))?;
    }
    let censor = match options.replace_with.take() {
        None => None,
        Some(f) => {
            let c = Arc::new(Censor {
                f,
                env: env.raw() as usize,
                thread: std::thread::current().id(),
                error: Mutex::new(None),
            });
            set("replaceWith", Value::Replace(Censor::replacer(c.clone())))?;
            Some(c)
        }
    };
    Ok((o, censor))
}

/// A core build error; the hash style's names the JavaScript option.
fn build_error(e: redactum::Error) -> napi::Error {
    if e.kind() == redactum::ErrorKind::Config && e.message().contains("hash style needs a key") {
        return napi::Error::new(
            napi::Status::InvalidArg,
            format!(
                "{e}: new Redactor({{ style: 'hash', key: ... }}) (options.key, a string or a Buffer, or the {} environment variable)",
                redactum::KEY_ENV
            ),
        );
    }
    core_error(e)
}

/// Imported (gitleaks) rules that were skipped or changed: one `process.emitWarning` each,
/// of type `RedactumRuleWarning`. Only the user's sources are parsed again, not the catalog.
fn emit_rule_warnings(env: &Env, options: &RedactorOptions) -> napi::Result<()> {
    if options.rules.is_none() && options.extra_rules.is_none() {
        return Ok(());
    }
    let mut b = redactum::Redactor::builder();
    b.builtin_rules(false);
    if let Some(rules) = &options.rules {
        b.add_rules("options.rules", rules);
    }
    if let Some(rules) = &options.extra_rules {
        b.add_rules("options.extraRules", rules);
    }
    let warnings = b.warnings().unwrap_or_default();
    if warnings.is_empty() {
        return Ok(());
    }
    let process: Object = env.get_global()?.get_named_property("process")?;
    let emit: Function<FnArgs<(String, &str)>, Unknown> =
        process.get_named_property("emitWarning")?;
    for w in warnings {
        emit.apply(process, (w, "RedactumRuleWarning").into())?;
    }
    Ok(())
}

/// UTF-16 code units in a UTF-8 byte string: one per character, two for characters outside
/// the BMP (4-byte sequences). Counts bytes, so a span that splits a character still maps.
fn utf16_units(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
        .sum()
}

/// String indices (UTF-16 code units) of byte offsets into `bytes`, counted from the offset
/// asked before: each costs the distance between the two, forwards or backwards (findings
/// come by start, and one may end before the one that holds it, or start inside it).
struct Utf16Cursor<'a> {
    bytes: &'a [u8],
    byte: usize,
    unit: usize,
}

impl<'a> Utf16Cursor<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Utf16Cursor {
            bytes,
            byte: 0,
            unit: 0,
        }
    }

    fn at(&mut self, byte: usize) -> u32 {
        if byte >= self.byte {
            self.unit += utf16_units(&self.bytes[self.byte..byte]);
        } else {
            self.unit -= utf16_units(&self.bytes[byte..self.byte]);
        }
        self.byte = byte;
        self.unit as u32
    }
}

#[napi]
impl Redactor {
    /// Compiles the rules.
    ///
    /// @throws Error when a rule does not parse or compile (the message names the rule), or an
    /// option is invalid: `options` not an object, an unknown option name, a value of the
    /// wrong type (`keepStart: -1`), an unknown style, category or format, the hash style
    /// without a key.
    #[napi(
        constructor,
        ts_args_type = "options?: RedactorOptions | undefined | null"
    )]
    pub fn new(env: Env, options: Option<Unknown<'_>>) -> napi::Result<Self> {
        guard(|| {
            let mut options = crate::args::redactor_options(&env, options)?;
            let (core, censor) = core_options(&env, &mut options)?;
            // Core shares the compiled rules between redactors with the same options.
            let inner = core.build().map_err(build_error)?;
            emit_rule_warnings(&env, &options)?;
            Ok(Redactor {
                inner,
                options: core,
                censor,
                structured: OnceLock::new(),
            })
        })
    }

    /// Redacts a string. Returns the very same string when nothing is found.
    #[napi(ts_args_type = "text: string", ts_return_type = "string")]
    pub fn redact<'env>(
        &self,
        text: Unknown<'env>,
    ) -> napi::Result<Either<JsString<'env>, String>> {
        guard(|| {
            let utf8 = crate::args::string(text, "redact()")?.into_utf8()?;
            let out = match self.inner.redact(utf8.as_str()?) {
                Cow::Borrowed(_) => None,
                Cow::Owned(s) => Some(s),
            };
            self.censor_ok()?;
            Ok(match out {
                None => Either::A(utf8.into_value()),
                Some(s) => Either::B(s),
            })
        })
    }

    /// Redacts a string as `redact` does, except that lines that parse as JSON are always read
    /// as JSON, whatever the `format` option: their strings are scanned and the values of
    /// sensitive keys replaced at any depth (with `format: 'logfmt'`, the other lines are read
    /// as `auto` reads them). Returns the very same string when nothing is found. The pino
    /// destination and the winston format use it.
    #[napi(ts_args_type = "text: string", ts_return_type = "string")]
    pub fn redact_json<'env>(
        &self,
        text: Unknown<'env>,
    ) -> napi::Result<Either<JsString<'env>, String>> {
        guard(|| {
            let utf8 = crate::args::string(text, "redactJson()")?.into_utf8()?;
            let out = match self.structured()?.redact(utf8.as_str()?) {
                Cow::Borrowed(_) => None,
                Cow::Owned(s) => Some(s),
            };
            self.censor_ok()?;
            Ok(match out {
                None => Either::A(utf8.into_value()),
                Some(s) => Either::B(s),
            })
        })
    }

    /// Redacts bytes (invalid UTF-8 passes through). Returns the very same Buffer when nothing
    /// is found, a new one otherwise.
    #[napi(ts_args_type = "buf: Buffer", ts_return_type = "Buffer")]
    pub fn redact_buffer<'env>(
        &self,
        env: &'env Env,
        buf: Unknown<'env>,
    ) -> napi::Result<Either<Buffer, BufferSlice<'env>>> {
        guard(|| {
            let buf = crate::args::buffer(buf, "redactBuffer()")?;
            let out = match self.inner.redact_bytes(&buf) {
                Cow::Borrowed(_) => None,
                Cow::Owned(v) => Some(v),
            };
            self.censor_ok()?;
            Ok(match out {
                None => Either::A(buf),
                // JavaScript-owned memory, which the garbage collector accounts for.
                Some(v) => Either::B(BufferSlice::copy_from(env, v)?),
            })
        })
    }

    /// The replaced spans of `text`, in order, after overlapping findings are merged. `start`
    /// and `end` are string indices (UTF-16 code units); `byteStart` and `byteEnd` are offsets
    /// in the UTF-8 encoding. `text` is read as plain text whatever the `format` option: the
    /// values of sensitive keys in structured lines are not reported.
    #[napi(ts_args_type = "text: string")]
    pub fn find(&self, text: Unknown<'_>) -> napi::Result<Vec<Finding>> {
        guard(|| {
            let text = crate::args::string(text, "find()")?.into_utf8()?;
            let bytes = text.as_slice();
            let mut units = Utf16Cursor::new(bytes);
            let mut to_units = |byte: usize| units.at(byte);
            Ok(self
                .inner
                .find_iter(bytes)
                .map(|f| Finding {
                    rule_id: f.rule_id().to_string(),
                    category: f.category().as_str().to_string(),
                    start: to_units(f.start()),
                    end: to_units(f.end()),
                    byte_start: f.start() as f64,
                    byte_end: f.end() as f64,
                })
                .collect())
        })
    }

    /// True if a rule matches in `text`, read as plain text whatever the `format` option (the
    /// values of sensitive keys in structured lines do not count).
    #[napi(ts_args_type = "text: string")]
    pub fn is_match(&self, text: Unknown<'_>) -> napi::Result<bool> {
        guard(|| {
            let text = crate::args::string(text, "isMatch()")?.into_utf8()?;
            Ok(self.inner.is_match(text.as_slice()))
        })
    }

    /// Redacts many strings or Buffers off the JavaScript thread (strings in parallel);
    /// results in input order, a Buffer for a Buffer. Anything else rejects the Promise.
    #[napi(
        ts_generic_types = "T extends string | Buffer",
        ts_args_type = "texts: T[]",
        ts_return_type = "Promise<T[]>"
    )]
    pub fn redact_batch(&self, texts: Unknown<'_>) -> AsyncTask<RedactBatch> {
        let items = guard(|| crate::args::batch(texts));
        if self.censor.is_none() {
            return AsyncTask::new(RedactBatch {
                redactor: self.inner.clone(),
                items,
                done: false,
            });
        }
        // `replaceWith` runs on the JavaScript thread: the work is done now, the Promise
        // settles with it.
        let items = items.and_then(|items| {
            guard(|| {
                let out = items
                    .into_iter()
                    .map(|i| match i {
                        Item::Text(s) => Item::Text(self.inner.redact(&s).into_owned()),
                        Item::Bytes(b) => Item::Bytes(self.inner.redact_bytes(&b).into_owned()),
                    })
                    .collect();
                self.censor_ok()?;
                Ok(out)
            })
        });
        AsyncTask::new(RedactBatch {
            redactor: self.inner.clone(),
            items,
            done: true,
        })
    }

    /// Redacts a string and returns the replaced spans with it, in one pass: `{ text,
    /// findings }`. Unlike `find`, the findings follow the `format` option (the values of
    /// sensitive keys in structured lines are included, as `sensitive-key`).
    #[napi(ts_args_type = "text: string")]
    pub fn redact_with_findings(&self, text: Unknown<'_>) -> napi::Result<Redacted> {
        guard(|| {
            let text = crate::args::string(text, "redactWithFindings()")?.into_utf8()?;
            let (out, found) = self.inner.redact_with_findings(text.as_str()?);
            self.censor_ok()?;
            // Findings in order of their start; a finding inside a structured value (a
            // password in a sensitive key's value) may start before the end of the one before.
            let mut units = Utf16Cursor::new(text.as_slice());
            let mut to_units = |byte: usize| units.at(byte);
            let findings = found
                .into_iter()
                .map(|f| {
                    let f = f.finding;
                    Finding {
                        rule_id: f.rule_id().to_string(),
                        category: f.category().as_str().to_string(),
                        start: to_units(f.start()),
                        end: to_units(f.end()),
                        byte_start: f.start() as f64,
                        byte_end: f.end() as f64,
                    }
                })
                .collect();
            Ok(Redacted {
                text: out,
                findings,
            })
        })
    }

    /// The compiled rules, in order.
    #[napi]
    pub fn rules(&self) -> napi::Result<Vec<RuleInfo>> {
        guard(|| {
            Ok(self
                .inner
                .rules()
                .into_iter()
                .map(|r| RuleInfo {
                    id: r.id,
                    name: r.name,
                    category: r.category.as_str().to_string(),
                    keywords: r.keywords,
                })
                .collect())
        })
    }
}

impl Redactor {
    /// The redactor of `redactJson`: this one when it already reads JSON lines as JSON.
    fn structured(&self) -> napi::Result<&redactum::Redactor> {
        let format = match self.options.format() {
            redactum::Format::Text | redactum::Format::Json => redactum::Format::Json,
            _ => redactum::Format::Auto,
        };
        if format == self.options.format() {
            return Ok(&self.inner);
        }
        if let Some(r) = self.structured.get() {
            return Ok(r);
        }
        let mut options = self.options.clone();
        options.set("format", format.as_str()).map_err(core_error)?;
        let built = options.build().map_err(core_error)?;
        Ok(self.structured.get_or_init(|| built))
    }

    /// An error if `replaceWith` failed during the call that just ran.
    pub(crate) fn censor_ok(&self) -> napi::Result<()> {
        match &self.censor {
            Some(c) => c.take_error(),
            None => Ok(()),
        }
    }
}

/// The result of `redactWithFindings`.
#[napi(object)]
pub struct Redacted {
    /// The redacted text, as `redact` returns it.
    pub text: String,
    /// The replaced spans, in order.
    pub findings: Vec<Finding>,
}

/// Internal, for tests: panics inside the guard, which must surface as an `Error`. Not
/// exported by `index.js` nor declared: the tests load it from `binding.js`. Only in test
/// builds (the `test-hooks` feature).
#[doc(hidden)]
#[cfg(feature = "test-hooks")]
#[napi(js_name = "__panicForTests", skip_typescript)]
pub fn panic_for_tests() -> napi::Result<()> {
    guard(|| panic!("deliberate panic for tests"))
}

/// Internal, for benchmarks: a native call that does nothing but return its argument. Not
/// exported by `index.js` nor declared: the benchmark loads it from `binding.js`.
#[doc(hidden)]
#[napi(
    js_name = "__echo",
    skip_typescript,
    ts_args_type = "text: string",
    ts_return_type = "string"
)]
pub fn echo(text: JsString<'_>) -> JsString<'_> {
    text
}
