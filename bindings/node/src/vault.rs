//! The `Vault` class: reversible placeholders for the LLM round trip (core's `redactum::Vault`).

use std::collections::HashMap;

use napi_derive::napi;

use crate::error::guard;
use crate::redactor::Redactor;

/// One placeholder of a vault.
#[napi(object)]
pub struct VaultEntry {
    /// `<EMAIL_1>`.
    pub placeholder: String,
    /// The original text.
    pub value: String,
    /// The rule that found it first.
    pub rule_id: String,
}

/// Placeholders given out in a conversation and the values they stand for.
///
/// `vault.redact(redactor, text)` replaces each distinct value found with a numbered
/// placeholder (`<EMAIL_1>`, `<AWS_ACCESS_KEY_ID_1>`); the same value keeps its placeholder
/// across calls with the same vault. `vault.restore(answer)` puts the values back wherever and
/// however often the placeholders appear. It holds the secrets: store it as carefully as the
/// original text.
#[napi]
pub struct Vault {
    inner: redactum::Vault,
}

#[napi]
impl Vault {
    /// An empty vault.
    #[napi(constructor)]
    pub fn new() -> Self {
        Vault {
            inner: redactum::Vault::new(),
        }
    }

    /// Redacts `text` with `redactor`, replacing each value with a placeholder recorded in this
    /// vault. Placeholder-shaped text already in `text` is kept and never given out.
    #[napi]
    pub fn redact(&mut self, redactor: &Redactor, text: String) -> napi::Result<String> {
        guard(|| Ok(redactor.inner.redact_reversible(&text, &mut self.inner)))
    }

    /// `text` with every placeholder of this vault replaced by its value; unknown placeholders
    /// stay as they are.
    #[napi]
    pub fn restore(&self, text: String) -> napi::Result<String> {
        guard(|| Ok(self.inner.restore(&text)))
    }

    /// Adds the placeholders of `other` (a later turn's vault, a saved one). Known values keep
    /// this vault's placeholder; a new value whose placeholder is taken gets the next number.
    /// Returns `{ old: new }` for the placeholders of `other` that were renamed.
    #[napi]
    pub fn merge(&mut self, other: &Vault) -> napi::Result<HashMap<String, String>> {
        if std::ptr::eq(&self.inner, &other.inner) {
            return Ok(HashMap::new());
        }
        guard(|| Ok(self.inner.merge(&other.inner).into_iter().collect()))
    }

    /// The vault as a JSON string (for `Vault.fromJson`).
    #[napi]
    pub fn to_json_string(&self) -> String {
        self.inner.to_json()
    }

    /// Loads a vault saved by `toJsonString()`.
    ///
    /// @throws Error with `code: 'InvalidVault'` when the text is not a saved vault.
    #[napi(factory)]
    pub fn from_json(json: String) -> napi::Result<Self, &'static str> {
        redactum::Vault::from_json(&json)
            .map(|inner| Vault { inner })
            .map_err(|e| napi::Error::new("InvalidVault", e.to_string()))
    }

    /// The value behind `placeholder`, or `null`.
    #[napi]
    pub fn get(&self, placeholder: String) -> Option<String> {
        self.inner.get(&placeholder).map(str::to_string)
    }

    /// The placeholders in the order they were given out.
    #[napi]
    pub fn entries(&self) -> Vec<VaultEntry> {
        self.inner
            .entries()
            .iter()
            .map(|e| VaultEntry {
                placeholder: e.placeholder.clone(),
                value: e.value.clone(),
                rule_id: e.rule.clone(),
            })
            .collect()
    }

    /// Number of placeholders given out.
    #[napi(getter)]
    pub fn size(&self) -> u32 {
        self.inner.len() as u32
    }
}

impl Default for Vault {
    fn default() -> Self {
        Vault::new()
    }
}
