//! Node.js binding of redactum, built with napi-rs.
//!
//! Thin by design: every behaviour comes from the `redactum` crate; this crate converts options,
//! offsets (bytes to UTF-16 code units) and errors, and guards every call against panics. The
//! JavaScript half (`index.js`: streams, pino and winston adapters) wraps these classes.

#![deny(clippy::all)]

mod args;
mod error;
mod redactor;
mod stream;
mod tasks;
mod vault;

#[doc(hidden)]
pub use redactor::echo;
#[doc(hidden)]
#[cfg(feature = "test-hooks")]
pub use redactor::panic_for_tests;
pub use redactor::{Finding, Redactor, RedactorOptions, RuleInfo};
pub use stream::{StreamRedactor, StreamStats};
pub use vault::{Vault, VaultEntry};
