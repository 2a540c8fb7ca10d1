//! Errors from building a redactor: rule files, patterns, validators, options.

use std::fmt;

/// What went wrong while loading rules or building a [`crate::Redactor`].
///
/// The error names the rule file (`source_name`) and the rule id whenever they are known, so a
/// user can find the line to fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    source_name: Option<String>,
    rule_id: Option<String>,
    message: String,
}

/// The kind of an [`Error`].
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The file is not valid TOML, or has a field of the wrong type.
    Syntax,
    /// A field that the rule format does not define.
    UnknownField,
    /// A missing or invalid value (id, category, lengths, keywords...).
    InvalidRule,
    /// The pattern does not parse.
    InvalidRegex,
    /// The pattern uses look-around or back-references, which would need backtracking.
    Unsupported,
    /// The pattern can match the empty string.
    EmptyMatch,
    /// The compiled pattern is over the size limit.
    TooBig,
    /// The pattern is too costly to search: its automaton keeps growing on simple input (a
    /// counted repetition such as `[a-z]{1,1024}x` over a run of `a`), which would scan at
    /// kilobytes per second.
    TooCostly,
    /// A validator name that is not registered, or a bad argument.
    UnknownValidator,
    /// Two rules share an id.
    DuplicateId,
    /// A builder option is invalid (a hash style without a key, an unknown rule id...).
    Config,
    /// A rule file could not be read.
    Io,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            source_name: None,
            rule_id: None,
            message: message.into(),
        }
    }

    pub(crate) fn with_source(mut self, source: &str) -> Error {
        if self.source_name.is_none() {
            self.source_name = Some(source.to_string());
        }
        self
    }

    pub(crate) fn with_rule(mut self, rule_id: &str) -> Error {
        if self.rule_id.is_none() {
            self.rule_id = Some(rule_id.to_string());
        }
        self
    }

    /// The kind of error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The rule file or source the rule came from, if known.
    pub fn source_name(&self) -> Option<&str> {
        self.source_name.as_deref()
    }

    /// The id of the offending rule, if known.
    pub fn rule_id(&self) -> Option<&str> {
        self.rule_id.as_deref()
    }

    /// The problem, without file or rule.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // One line whatever the names hold: control characters are escaped.
        if let Some(s) = &self.source_name {
            write!(f, "{}: ", s.escape_debug())?;
        }
        if let Some(r) = &self.rule_id {
            write!(f, "rule `{}`: ", r.escape_debug())?;
        }
        // One line: any control character a lower layer put in its message (a line break, a
        // carriage return that user input quoted in it carried) becomes a space.
        let msg: String = self
            .message
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        f.write_str(msg.trim())
    }
}

impl std::error::Error for Error {}
