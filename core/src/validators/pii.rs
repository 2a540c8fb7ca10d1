//! Check algorithms for personal data (national identifiers, bank numbers, ...).

use super::Factory;

pub(crate) const VALIDATORS: &[(&str, Factory)] = &[];
