//! The built-in catalog: every `core/rules/*.toml` file, embedded at build time (`build.rs`).

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// The built-in rule files, as (file name, TOML text), in file-name order.
pub fn builtin_rule_files() -> &'static [(&'static str, &'static str)] {
    BUILTIN_RULE_FILES
}

/// True when `source` names a built-in rule file.
pub(crate) fn is_builtin(source: &str) -> bool {
    BUILTIN_RULE_FILES.iter().any(|(n, _)| *n == source)
}
