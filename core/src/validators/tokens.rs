//! Checksum validators for token formats (GitHub, npm, ...). Filled by the secret catalog.

use super::Factory;

pub(crate) const VALIDATORS: &[(&str, Factory)] = &[];
