//! The validator registry: checks that run on the secret part of a candidate match.
//!
//! A rule names validators as strings (`"luhn"`, `"entropy(3.5)"`). Each module below exports a
//! table of `(name, factory)` pairs; the factory receives the text between the parentheses (or
//! `None`) and returns the check, or a message saying why the argument is wrong.

mod basic;
mod pii;
mod tokens;

pub use basic::{luhn_valid, mod97_valid, shannon_entropy};

/// A compiled validator: true means the candidate is accepted.
pub(crate) type Check = Box<dyn Fn(&[u8]) -> bool + Send + Sync + std::panic::RefUnwindSafe>;

/// Builds a check from the optional argument written in parentheses.
pub(crate) type Factory = fn(Option<&str>) -> Result<Check, String>;

/// Wraps a plain function that takes no argument.
pub(crate) fn no_arg(name: &str, arg: Option<&str>, f: fn(&[u8]) -> bool) -> Result<Check, String> {
    match arg {
        None => Ok(Box::new(f)),
        Some(a) => Err(format!("validator `{name}` takes no argument, got `{a}`")),
    }
}

fn tables() -> [&'static [(&'static str, Factory)]; 3] {
    [basic::VALIDATORS, tokens::VALIDATORS, pii::VALIDATORS]
}

/// Parses `name` or `name(arg)` and builds the check.
pub(crate) fn build(spec: &str) -> Result<Check, String> {
    let spec = spec.trim();
    let (name, arg) = match spec.find('(') {
        Some(open) => {
            if !spec.ends_with(')') {
                return Err(format!("validator `{spec}`: missing closing parenthesis"));
            }
            (
                spec[..open].trim(),
                Some(spec[open + 1..spec.len() - 1].trim()),
            )
        }
        None => (spec, None),
    };
    for table in tables() {
        if let Some((_, factory)) = table.iter().find(|(n, _)| *n == name) {
            return factory(arg).map_err(|e| format!("validator `{name}`: {e}"));
        }
    }
    Err(format!(
        "unknown validator `{name}` (see `redactum validators`)"
    ))
}

/// The names of every registered validator, sorted.
pub fn names() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = tables()
        .iter()
        .flat_map(|t| t.iter().map(|(n, _)| *n))
        .collect();
    v.sort_unstable();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique() {
        let mut all = names();
        let n = all.len();
        all.dedup();
        assert_eq!(all.len(), n, "duplicate validator names");
    }

    #[test]
    fn build_parses_arguments() {
        assert!(build("luhn").is_ok());
        assert!(build("entropy(3.0)").is_ok());
        assert!(build("entropy(x)").err().unwrap().contains("entropy"));
        assert!(build("luhn(3)").is_err());
        assert!(build("nope").err().unwrap().contains("unknown validator"));
        assert!(build("entropy(3").is_err());
    }
}
