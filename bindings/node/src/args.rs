//! Checks of JavaScript arguments before they are converted: an unknown option name, or a
//! value of the wrong type, throws an `Error` that says what was expected and what was given,
//! instead of being ignored or coerced (`keepStart: -1` would wrap around as a `u32`).

use napi::bindgen_prelude::{Array, Buffer, FromNapiValue, Object, Unknown};
use napi::{Env, JsString, JsValue, ValueType};

use crate::redactor::RedactorOptions;

/// The options of `new Redactor(options)`, as JavaScript spells them.
const OPTION_NAMES: &[&str] = &[
    "rules",
    "extraRules",
    "categories",
    "style",
    "key",
    "keepStart",
    "keepEnd",
    "onlyRules",
    "disableRules",
    "failClosed",
    "format",
    "sensitiveKeys",
    "personalKeys",
    "styleFor",
    "replaceWith",
];

/// An `Error` with `code: 'InvalidArg'`.
pub(crate) fn invalid(msg: String) -> napi::Error {
    napi::Error::new(napi::Status::InvalidArg, msg)
}

/// What `value` is, for messages: `typeof`, with `null`, `array` and `Buffer` told apart.
pub(crate) fn describe(value: &Unknown<'_>) -> napi::Result<String> {
    Ok(match value.get_type()? {
        ValueType::Undefined => "undefined".into(),
        ValueType::Null => "null".into(),
        ValueType::Boolean => "a boolean".into(),
        ValueType::Number => {
            // SAFETY: the type was checked just above.
            let n = unsafe { value.cast::<f64>() }?;
            format!("the number {n}")
        }
        ValueType::String => "a string".into(),
        ValueType::Symbol => "a symbol".into(),
        ValueType::Function => "a function".into(),
        ValueType::Object if value.is_buffer()? => "a Buffer".into(),
        ValueType::Object if value.is_array()? => "an array".into(),
        ValueType::Object => "an object".into(),
        _ => "a bigint".into(),
    })
}

/// `value` as a string, or an error naming `call` and what it got.
pub(crate) fn string<'env>(value: Unknown<'env>, call: &str) -> napi::Result<JsString<'env>> {
    if value.get_type()? == ValueType::String {
        // SAFETY: the type was checked just above.
        return unsafe { value.cast::<JsString>() };
    }
    let hint = if value.is_buffer()? {
        " (redactBuffer takes a Buffer)"
    } else {
        ""
    };
    Err(invalid(format!(
        "{call} takes a string, not {}{hint}",
        describe(&value)?
    )))
}

/// `value` as a Buffer, or an error naming `call` and what it got.
pub(crate) fn buffer(value: Unknown<'_>, call: &str) -> napi::Result<Buffer> {
    if value.get_type()? == ValueType::Object && value.is_buffer()? {
        // SAFETY: checked to be a Buffer (or a Uint8Array) just above.
        return unsafe { value.cast::<Buffer>() };
    }
    let hint = if value.get_type()? == ValueType::String {
        " (redact takes a string)"
    } else {
        ""
    };
    Err(invalid(format!(
        "{call} takes a Buffer, not {}{hint}",
        describe(&value)?
    )))
}

/// A text of `redactBatch`: a string or bytes.
pub enum Item {
    Text(String),
    Bytes(Vec<u8>),
}

/// The texts of `redactBatch(texts)`, copied out of JavaScript.
pub(crate) fn batch(texts: Unknown<'_>) -> napi::Result<Vec<Item>> {
    if texts.get_type()? != ValueType::Object || !texts.is_array()? {
        return Err(invalid(format!(
            "redactBatch() takes an array of strings or Buffers, not {}",
            describe(&texts)?
        )));
    }
    // SAFETY: checked to be an array just above.
    let array = unsafe { texts.cast::<Array>() }?;
    let mut items = Vec::with_capacity(array.len() as usize);
    for i in 0..array.len() {
        let item = array
            .get::<Unknown>(i)?
            .ok_or_else(|| invalid(format!("redactBatch() item {i} is undefined")))?;
        items.push(match item.get_type()? {
            ValueType::String => {
                // SAFETY: the type was checked just above.
                Item::Text(
                    unsafe { item.cast::<JsString>() }?
                        .into_utf8()?
                        .into_owned()?,
                )
            }
            ValueType::Object if item.is_buffer()? => {
                // SAFETY: checked to be a Buffer just above.
                Item::Bytes(unsafe { item.cast::<Buffer>() }?.to_vec())
            }
            _ => {
                return Err(invalid(format!(
                    "redactBatch() item {i} must be a string or a Buffer, not {}",
                    describe(&item)?
                )))
            }
        });
    }
    Ok(items)
}

/// `new Redactor(options)`'s argument: `undefined`, `null` or an object whose every property
/// is a known option of the right type (`undefined` meaning "not given").
pub(crate) fn redactor_options(
    env: &Env,
    options: Option<Unknown<'_>>,
) -> napi::Result<RedactorOptions> {
    let Some(options) = options else {
        return Ok(RedactorOptions::default());
    };
    match options.get_type()? {
        ValueType::Undefined | ValueType::Null => return Ok(RedactorOptions::default()),
        ValueType::Object if !options.is_array()? && !options.is_buffer()? => {}
        _ => {
            return Err(invalid(format!(
                "Redactor options must be an object such as {{ style: 'mask' }}, not {}",
                describe(&options)?
            )))
        }
    }
    // SAFETY: checked to be an object just above.
    let object = unsafe { options.cast::<Object>() }?;
    for name in Object::keys(&object)? {
        let Some(&known) = OPTION_NAMES.iter().find(|&&k| k == name) else {
            return Err(invalid(unknown_option(&name)));
        };
        let Some(value) = object.get::<Unknown>(known)? else {
            continue;
        };
        check_option(known, &value)?;
    }
    // SAFETY: `options` is a live value of this call's `env`.
    unsafe { RedactorOptions::from_napi_value(env.raw(), options.raw()) }
}

fn unknown_option(name: &str) -> String {
    let fold = |s: &str| {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect::<String>()
    };
    let close = OPTION_NAMES.iter().find(|k| {
        let (a, b) = (fold(k), fold(name));
        a == b || (b.len() > 2 && (a.starts_with(&b) || b.starts_with(&a)))
    });
    match close {
        Some(k) => format!("unknown option `{name}` in Redactor options (did you mean `{k}`?)"),
        None => format!(
            "unknown option `{name}` in Redactor options (expected {})",
            OPTION_NAMES.join(", ")
        ),
    }
}

fn check_option(name: &str, value: &Unknown<'_>) -> napi::Result<()> {
    let ty = value.get_type()?;
    let ok = match name {
        "rules" | "extraRules" | "style" | "format" => ty == ValueType::String,
        "failClosed" => ty == ValueType::Boolean,
        "replaceWith" => ty == ValueType::Function,
        "styleFor" | "personalKeys" => {
            // An object whose values are strings.
            ty == ValueType::Object && !value.is_array()? && !value.is_buffer()? && {
                // SAFETY: checked to be an object just above.
                let object = unsafe { value.cast::<Object>() }?;
                let mut all = true;
                for k in Object::keys(&object)? {
                    let v = object.get::<Unknown>(&k)?;
                    all &= v.is_some_and(|v| v.get_type().ok() == Some(ValueType::String));
                }
                all
            }
        }
        "key" => ty == ValueType::String || (ty == ValueType::Object && value.is_buffer()?),
        "keepStart" | "keepEnd" => {
            ty == ValueType::Number && {
                // SAFETY: the type was checked just above.
                let n = unsafe { value.cast::<f64>() }?;
                n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX)
            }
        }
        _ => {
            // A list of strings.
            ty == ValueType::Object && value.is_array()? && {
                // SAFETY: checked to be an array just above.
                let array = unsafe { value.cast::<Array>() }?;
                let mut all = true;
                for i in 0..array.len() {
                    let item = array.get::<Unknown>(i)?;
                    all &= item.is_some_and(|v| v.get_type().ok() == Some(ValueType::String));
                }
                all
            }
        }
    };
    if ok {
        return Ok(());
    }
    let expected = match name {
        "rules" | "extraRules" => "a string (TOML rules)",
        "style" | "format" => "a string",
        "failClosed" => "a boolean",
        "replaceWith" => "a function (value, ruleId) => string",
        "styleFor" => "an object of styles by rule id or category, such as { email: 'mask' }",
        "personalKeys" => "an object of personal types by key, such as { patient_mobile: 'phone' }",
        "key" => "a string or a Buffer",
        "keepStart" | "keepEnd" => "a whole number of characters, zero or more",
        _ => "an array of strings",
    };
    Err(invalid(format!(
        "options.{name} must be {expected}, not {}",
        describe(value)?
    )))
}
