//! Work done off the JavaScript thread (napi `AsyncTask`, run on libuv's thread pool).

use napi::{Env, Task};

use crate::error::guard;

/// `Redactor.redactBatch`: core's `redact_batch` (itself parallel) on a libuv worker.
pub struct RedactBatch {
    pub(crate) redactor: redactum::Redactor,
    pub(crate) texts: Vec<String>,
}

impl Task for RedactBatch {
    type Output = Vec<String>;
    type JsValue = Vec<String>;

    fn compute(&mut self) -> napi::Result<Vec<String>> {
        let texts = std::mem::take(&mut self.texts);
        guard(|| Ok(self.redactor.redact_batch(&texts)))
    }

    fn resolve(&mut self, _env: Env, output: Vec<String>) -> napi::Result<Vec<String>> {
        Ok(output)
    }
}
