//! Finding the secret part of a match without running a capturing engine.
//!
//! Capturing searches (the bounded backtracker) cost thousands of instructions per match on
//! large patterns. For the common shapes `pre (?P<secret>S) post` and
//! `veto | ... | pre (?P<secret>S) post`, when no byte that `pre` can produce can start `S`
//! and no byte that `post` can produce can end `S`, the secret part of a match is simply the
//! span from the first byte that can start `S` to the last byte that can end `S`. When `pre`
//! may hold bytes that start `S` (`//user:pw@` before a dotted quad) but no byte that can end
//! `pre` can appear in `S`, the secret part ends at the last byte that can end `S` and starts
//! where, walking back from there, the bytes stop being bytes of `S`. Vetoes (the alternatives
//! without a `secret` group, placed first) are recognised by an anchored search of their own.

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
    /// When set, the secret starts where, walking back from its end, the bytes leave this set
    /// (every byte the secret can hold): `pre` may hold bytes that start the secret, but never
    /// ends with a byte of the secret.
    pub walk: Option<Box<ByteTable>>,
    /// The alternatives without a secret, compiled alone (anchored use).
    pub veto: Option<Regex>,
}

/// Membership of every byte value, for the byte-by-byte walk (one load per byte).
pub(crate) type ByteTable = [bool; 256];

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
    let (first, last, all, nullable) = sets(&cap.sub);
    if nullable || first == Bytes::all() {
        return None;
    }
    let pre = items[..pos]
        .iter()
        .fold(Bytes::default(), |a, h| a.union(sets(h).2));
    let post = items[pos + 1..]
        .iter()
        .fold(Bytes::default(), |a, h| a.union(sets(h).2));
    if !post.disjoint(&last) {
        return None;
    }
    let walk = if pre.disjoint(&first) {
        None
    } else {
        // The bytes `pre` can end with: the last sets of its items from the end, up to the
        // first item that cannot be empty.
        let mut pre_last = Bytes::default();
        for h in items[..pos].iter().rev() {
            let (_, l, _, empty) = sets(h);
            pre_last = pre_last.union(l);
            if !empty {
                break;
            }
        }
        if !pre_last.disjoint(&all) || all == Bytes::all() {
            return None;
        }
        let mut table = [false; 256];
        for b in 0..=255u8 {
            table[b as usize] = all.contains(b);
        }
        Some(Box::new(table))
    };
    let veto = if vetoes.is_empty() {
        None
    } else {
        Some(build(&vetoes)?)
    };
    Some(Splitter {
        first: BytesSet(first),
        last: BytesSet(last),
        walk,
        veto,
    })
}

#[cfg(test)]
mod tests {
    use super::splitter;

    fn split(pattern: &str) -> Option<super::Splitter> {
        let hir = crate::compile::parse_hir(pattern).unwrap();
        splitter(&hir, |_| None)
    }

    #[test]
    fn shapes() {
        // `pre` holds no byte that starts the secret: the first such byte starts it.
        let s = split(r"(?:^|[^\w.])(?P<secret>\d+\.\d+)(?:[^\w.]|$)").unwrap();
        assert!(s.walk.is_none());
        // `pre` may hold digits but ends with `@`: walk back from the end.
        let s = split(r"(?:^|[^\w.@]|//(?:[^\s/@]+@)?)(?P<secret>\d+\.\d+)(?:[^\w.]|$)").unwrap();
        let walk = s.walk.unwrap();
        assert!(walk[b'7' as usize] && walk[b'.' as usize] && !walk[b'@' as usize]);
        let s = split(r"[a-z0-9]+=(?P<secret>[a-z]+\d)").unwrap();
        assert!(s.walk.is_some());
        // `pre` may end with a byte of the secret: no split.
        assert!(split(r"[a-z0-9]+(?P<secret>[a-z]+\d)").is_none());
        assert!(split(r"x\d*(?P<secret>\d+)y").is_none());
    }
}
