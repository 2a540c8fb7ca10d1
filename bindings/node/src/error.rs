//! Conversion of core errors and Rust panics into JavaScript `Error`s.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// A core error as a JavaScript `Error`; its message is core's `Display`, which names the rule
/// file and the rule.
pub(crate) fn core_error(e: redactum::Error) -> napi::Error {
    napi::Error::new(napi::Status::InvalidArg, e.to_string())
}

/// A panic payload as a JavaScript `Error`.
pub(crate) fn panic_error(payload: Box<dyn Any + Send>) -> napi::Error {
    let msg = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    napi::Error::from_reason(format!("redactum internal error (Rust panic): {msg}"))
}

/// Runs `f`, turning a panic into an `Err` so that it never unwinds into Node (which would
/// abort the process).
pub(crate) fn guard<T>(f: impl FnOnce() -> napi::Result<T>) -> napi::Result<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|p| Err(panic_error(p)))
}
