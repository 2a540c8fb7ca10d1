//! The spans that travel between the layers: a rule's validated hit, a merged span to replace,
//! and the public [`Finding`] that reports one.

use std::sync::Arc;

use crate::rule::Category;

/// What labels a span: a compiled rule (by index), the value of a sensitive key, or a segment
/// whose scan failed under fail-closed. Ordered rules first (by index), so that sorting by
/// label ranks the rules before the two pseudo-rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Label {
    /// A compiled rule, by its index in the rule set.
    Rule(u32),
    /// The value of a personal key in a structured line, by the index of its type (labelled
    /// with the type's id: `postal-address`, `date-of-birth`...).
    PersonalKey(u16),
    /// The value of a sensitive key in a structured line (`sensitive-key`).
    SensitiveKey,
    /// A segment replaced because scanning it failed (`internal-error`).
    Failed,
}

/// The id of the pseudo-rule for values of sensitive keys.
pub const SENSITIVE_KEY_RULE: &str = "sensitive-key";

/// The id of personal-key values where the type's name is not at hand (text scans never
/// produce such labels; structured lines are labelled by the renderer, with the type's id).
pub(crate) const PERSONAL_KEY_RULE: &str = "personal-key";

/// The id written for a segment replaced because its scan failed.
pub(crate) const INTERNAL_ERROR_RULE: &str = "internal-error";

/// A validated finding of one rule, before merging: the byte span to replace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub label: Label,
}

/// A run of overlapping hits, replaced as one span and labelled by its first hit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    pub start: usize,
    pub end: usize,
    pub label: Label,
}

/// The spans of `spans` (in order of start) that start before `end`, as offsets from `at`: a
/// block's spans as the line at `at` (ending at `end`) sees them.
pub(crate) fn line_spans(spans: &[Span], at: usize, end: usize) -> impl Iterator<Item = Span> + '_ {
    spans
        .iter()
        .take_while(move |c| c.start < end)
        .map(move |c| Span {
            start: c.start - at,
            end: c.end - at,
            label: c.label,
        })
}

/// One replaced span: the rule that labels it, and its byte offsets.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Finding {
    pub(crate) rule_id: Arc<str>,
    pub(crate) category: Category,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

impl Finding {
    /// The id of the rule (for a merged span, the rule of its leftmost, longest finding).
    pub fn rule_id(&self) -> &str {
        &self.rule_id
    }
    /// Secret or PII.
    pub fn category(&self) -> Category {
        self.category
    }
    /// Byte offset of the first replaced byte.
    pub fn start(&self) -> usize {
        self.start
    }
    /// Byte offset just past the last replaced byte.
    pub fn end(&self) -> usize {
        self.end
    }
    /// `start..end`.
    pub fn span(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    pub(crate) fn shifted(&self, by: usize) -> Finding {
        Finding {
            start: self.start + by,
            end: self.end + by,
            ..self.clone()
        }
    }
}

/// A finding reported by the streaming redactor, with its position in lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StreamFinding {
    /// Rule and absolute byte offsets in the input.
    pub finding: Finding,
    /// 1-based line number of the first replaced byte.
    pub line: u64,
    /// 1-based byte column of the first replaced byte.
    pub column: u64,
}
