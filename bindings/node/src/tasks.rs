//! Work done off the JavaScript thread (napi `AsyncTask`, run on libuv's thread pool).

use napi::bindgen_prelude::{Buffer, Either};
use napi::{Env, Task};

use crate::args::Item;
use crate::error::guard;

/// `Redactor.redactBatch`: core's `redact_batch` (itself parallel) on a libuv worker.
pub struct RedactBatch {
    pub(crate) redactor: redactum::Redactor,
    /// The texts, or why they are not texts: the error rejects the Promise.
    pub(crate) items: napi::Result<Vec<Item>>,
    /// The items are already redacted (by a `replaceWith` function, on the JavaScript thread).
    pub(crate) done: bool,
}

impl Task for RedactBatch {
    type Output = Vec<Item>;
    type JsValue = Vec<Either<String, Buffer>>;

    fn compute(&mut self) -> napi::Result<Vec<Item>> {
        let items = std::mem::replace(&mut self.items, Ok(Vec::new()))?;
        if self.done {
            return Ok(items);
        }
        guard(|| {
            let texts: Vec<&str> = items
                .iter()
                .filter_map(|i| match i {
                    Item::Text(s) => Some(s.as_str()),
                    Item::Bytes(_) => None,
                })
                .collect();
            let mut texts = self.redactor.redact_batch(&texts).into_iter();
            Ok(items
                .iter()
                .map(|i| match i {
                    Item::Text(_) => Item::Text(texts.next().unwrap_or_default()),
                    Item::Bytes(b) => Item::Bytes(self.redactor.redact_bytes(b).into_owned()),
                })
                .collect())
        })
    }

    fn resolve(&mut self, _env: Env, output: Vec<Item>) -> napi::Result<Self::JsValue> {
        Ok(output
            .into_iter()
            .map(|i| match i {
                Item::Text(s) => Either::A(s),
                Item::Bytes(b) => Either::B(Buffer::from(b)),
            })
            .collect())
    }
}
