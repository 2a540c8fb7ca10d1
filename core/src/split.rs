//! Finding the secret part of a match without running a capturing engine.
//!
//! Capturing searches (the bounded backtracker) cost thousands of instructions per match on
//! large patterns. For the common shapes `pre (?P<secret>S) post` and
//! `veto | ... | pre (?P<secret>S) post`, when no byte that `pre` can produce can start `S`
//! and no byte that `post` can produce can end `S`, the secret part of a match is simply the
//! span from the first byte that can start `S` to the last byte that can end `S`. Vetoes (the
//! alternatives without a `secret` group, placed first) are recognised by an anchored search of
//! their own.

use regex_automata::meta::Regex;
use regex_syntax::hir::{Class, Hir, HirKind};

/// A set of bytes.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Bytes([u64; 4]);

impl Bytes {
    fn all() -> Bytes {
        Bytes([u64::MAX; 4])
    }
    fn add(&mut self, b: u8) {
        self.0[(b >> 6) as usize] |= 1 << (b & 63);
    }
    fn add_range(&mut self, a: u8, b: u8) {
        for x in a..=b {
            self.add(x);
        }
    }
    fn union(mut self, o: Bytes) -> Bytes {
        for i in 0..4 {
            self.0[i] |= o.0[i];
        }
        self
    }
    fn disjoint(&self, o: &Bytes) -> bool {
        (0..4).all(|i| self.0[i] & o.0[i] == 0)
    }
    pub(crate) fn contains(&self, b: u8) -> bool {
        self.0[(b >> 6) as usize] & (1 << (b & 63)) != 0
    }
}

fn class_bytes(c: &Class) -> Bytes {
    let mut s = Bytes::default();
    match c {
        Class::Bytes(c) => {
            for r in c.ranges() {
                s.add_range(r.start(), r.end());
            }
        }
        Class::Unicode(c) => {
            for r in c.ranges() {
                let (a, b) = (r.start() as u32, r.end() as u32);
                if a < 0x80 {
                    s.add_range(a as u8, b.min(0x7f) as u8);
                }
                if b >= 0x80 {
                    // Any byte of a multi-byte character.
                    s.add_range(0x80, 0xff);
                }
            }
        }
    }
    s
}

/// (first bytes, last bytes, all bytes, can be empty) of a pattern.
fn sets(h: &Hir) -> (Bytes, Bytes, Bytes, bool) {
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => {
            (Bytes::default(), Bytes::default(), Bytes::default(), true)
        }
        HirKind::Literal(l) => {
            let mut f = Bytes::default();
            let mut la = Bytes::default();
            let mut all = Bytes::default();
            if let (Some(a), Some(z)) = (l.0.first(), l.0.last()) {
                f.add(*a);
                la.add(*z);
            }
            for b in l.0.iter() {
                all.add(*b);
            }
            (f, la, all, l.0.is_empty())
        }
        HirKind::Class(c) => {
            let s = class_bytes(c);
            (s, s, s, false)
        }
        HirKind::Repetition(r) => {
            let (f, l, a, e) = sets(&r.sub);
            (f, l, a, e || r.min == 0)
        }
        HirKind::Capture(c) => sets(&c.sub),
        HirKind::Concat(subs) => {
            let parts: Vec<_> = subs.iter().map(sets).collect();
            let mut first = Bytes::default();
            for p in &parts {
                first = first.union(p.0);
                if !p.3 {
                    break;
                }
            }
            let mut last = Bytes::default();
            for p in parts.iter().rev() {
                last = last.union(p.1);
                if !p.3 {
                    break;
                }
            }
            let all = parts.iter().fold(Bytes::default(), |a, p| a.union(p.2));
            (first, last, all, parts.iter().all(|p| p.3))
        }
        HirKind::Alternation(subs) => subs.iter().map(sets).fold(
            (Bytes::default(), Bytes::default(), Bytes::default(), false),
            |a, p| (a.0.union(p.0), a.1.union(p.1), a.2.union(p.2), a.3 || p.3),
        ),
    }
}

fn has_secret(h: &Hir) -> bool {
    match h.kind() {
        HirKind::Capture(c) => c.name.as_deref() == Some("secret") || has_secret(&c.sub),
        HirKind::Repetition(r) => has_secret(&r.sub),
        HirKind::Concat(s) | HirKind::Alternation(s) => s.iter().any(has_secret),
        _ => false,
    }
}

/// How to find the secret part of a match without captures.
pub(crate) struct Splitter {
    /// Bytes that can start the secret.
    pub first: BytesSet,
    /// Bytes that can end the secret.
    pub last: BytesSet,
    /// The alternatives without a secret, compiled alone (anchored use).
    pub veto: Option<Regex>,
}

/// Public wrapper so the engine can test membership.
#[derive(Clone, Copy)]
pub(crate) struct BytesSet(Bytes);

impl BytesSet {
    #[inline]
    pub(crate) fn contains(&self, b: u8) -> bool {
        self.0.contains(b)
    }
}

/// Analyses `hir` (the pattern as compiled); `None` when the shape does not allow splitting.
pub(crate) fn splitter(hir: &Hir, build: impl Fn(&[&Hir]) -> Option<Regex>) -> Option<Splitter> {
    let (vetoes, branch): (Vec<&Hir>, &Hir) = match hir.kind() {
        HirKind::Alternation(alts) => {
            let (last, rest) = alts.split_last()?;
            if rest.iter().any(has_secret) || !has_secret(last) {
                return None;
            }
            (rest.iter().collect(), last)
        }
        _ => (Vec::new(), hir),
    };
    let items: Vec<&Hir> = match branch.kind() {
        HirKind::Concat(items) => items.iter().collect(),
        _ => vec![branch],
    };
    let pos = items.iter().position(
        |h| matches!(h.kind(), HirKind::Capture(c) if c.name.as_deref() == Some("secret")),
    )?;
    if items
        .iter()
        .enumerate()
        .any(|(i, h)| i != pos && has_secret(h))
    {
        return None;
    }
    let HirKind::Capture(cap) = items[pos].kind() else {
        return None;
    };
    let (first, last, _, nullable) = sets(&cap.sub);
    if nullable || first == Bytes::all() {
        return None;
    }
    let pre = items[..pos]
        .iter()
        .fold(Bytes::default(), |a, h| a.union(sets(h).2));
    let post = items[pos + 1..]
        .iter()
        .fold(Bytes::default(), |a, h| a.union(sets(h).2));
    if !pre.disjoint(&first) || !post.disjoint(&last) {
        return None;
    }
    let veto = if vetoes.is_empty() {
        None
    } else {
        Some(build(&vetoes)?)
    };
    Some(Splitter {
        first: BytesSet(first),
        last: BytesSet(last),
        veto,
    })
}
