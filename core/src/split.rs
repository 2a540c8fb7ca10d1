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
//!
//! When `post` never holds a byte that can end `S` but `pre` may end with bytes of `S`, the
//! end is still the last byte that can end `S`, and the start is found one of two ways: `S` of
//! one width starts that far before its end; otherwise, walking back from the end over bytes of
//! `S`, each place where `pre` can end (after a byte that can end it) at a length `S` can have
//! is a possible start (`generic-secret`: `=` or `:` may end the separator and start the
//! secret).
//!
//! Patterns whose `pre` or `post` hold bytes of the secret's edges (`(?:^|[^\w+])(?P<secret>\+\d…)
//! (?:[^\w]|$)`, where `)` may end the secret and also be the byte after it) split another way
//! when both contexts have a fixed width in each of their few alternatives (bytes from a class
//! and zero-width assertions): each alternative of `pre` that fits at the match's start says
//! where the secret may start, each alternative of `post` that fits at its end says where it
//! may end, and a start must be a byte that can start the secret, an end follow one that can
//! end it.
//!
//! Whenever one start and one end are left, every parse of the match has them, so the parse
//! the capturing engine would choose has too; when more are left, the captures decide.

use regex_automata::meta::Regex;
use regex_automata::util::look::{Look, LookMatcher};
use regex_automata::{Anchored, Input};
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
    fn intersect(&self, o: &Bytes) -> Bytes {
        Bytes([
            self.0[0] & o.0[0],
            self.0[1] & o.0[1],
            self.0[2] & o.0[2],
            self.0[3] & o.0[3],
        ])
    }
    fn count(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
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
    how: How,
    /// The alternatives without a secret, compiled alone (anchored use).
    veto: Option<Regex>,
}

enum How {
    /// By the bytes that can start and end the secret.
    Bytes {
        /// Bytes that can start the secret.
        first: Bytes,
        /// Bytes that can end the secret.
        last: Bytes,
        /// When set, the secret starts where, walking back from its end, the bytes leave this
        /// set (every byte the secret can hold): `pre` may hold bytes that start the secret,
        /// but never ends with a byte of the secret.
        walk: Option<Box<ByteTable>>,
    },
    /// By the bytes that can end the secret, and its one width.
    Width { last: Bytes, width: usize },
    /// By the bytes that can end the secret, walking back from its end over the bytes it can
    /// hold: a start is where `pre` can end (after a byte that can end it, no nearer than its
    /// shortest match from the match's start) at a length the secret can have. One such
    /// start is the secret's; with several, the captures decide.
    Tail(Box<Tail>),
    /// By the fixed-width alternatives of the contexts.
    Contexts(Box<Contexts>),
}

struct Tail {
    last: Bytes,
    all: ByteTable,
    pre_last: Bytes,
    pre_min: usize,
    min: usize,
    max: Option<usize>,
}

/// `pre` and `post` as their fixed-width alternatives, and the secret's edge bytes.
struct Contexts {
    pre: Vec<Seq>,
    post: Vec<Seq>,
    first: Bytes,
    last: Bytes,
}

/// One item of a fixed-width alternative: a byte from a set, or a zero-width assertion.
#[derive(Clone, Copy)]
enum Atom {
    Byte(Bytes),
    Look(Look),
}

/// One fixed-width alternative of a context.
#[derive(Clone)]
struct Seq {
    atoms: Vec<Atom>,
    /// Its width in bytes (its `Byte` atoms).
    width: usize,
}

impl Seq {
    /// Whether the alternative matches `hay[at..at + width]`, its assertions holding where
    /// they stand (they see the whole haystack, as the pattern's own do).
    fn fits(&self, looks: &LookMatcher, hay: &[u8], at: usize) -> bool {
        let mut i = at;
        for a in &self.atoms {
            match a {
                Atom::Byte(set) => match hay.get(i) {
                    Some(&b) if set.contains(b) => i += 1,
                    _ => return false,
                },
                Atom::Look(l) => {
                    if !looks.matches(*l, hay, i) {
                        return false;
                    }
                }
            }
        }
        true
    }
}

/// At most this many alternatives per context, of at most this many atoms: beyond, the
/// captures decide.
const MAX_SEQS: usize = 32;
const MAX_ATOMS: usize = 8;

/// The alternative of these atoms.
fn one(atoms: Vec<Atom>) -> Seq {
    let width = atoms.iter().filter(|a| matches!(a, Atom::Byte(_))).count();
    Seq { atoms, width }
}

/// Each alternative of `first` followed by each of `next`; `None` when they are too many.
fn then(first: &[Seq], next: &[Seq]) -> Option<Vec<Seq>> {
    if first.len() * next.len() > MAX_SEQS {
        return None;
    }
    let mut joined = Vec::with_capacity(first.len() * next.len());
    for a in first {
        for b in next {
            let mut atoms = a.atoms.clone();
            atoms.extend_from_slice(&b.atoms);
            joined.push(one(atoms));
        }
    }
    Some(joined)
}

/// The fixed-width alternatives of `h`, `None` when it has a part of variable width, a
/// Unicode assertion, or too many alternatives.
fn seqs(h: &Hir) -> Option<Vec<Seq>> {
    let out = match h.kind() {
        HirKind::Empty => vec![one(Vec::new())],
        HirKind::Look(l) => {
            // The assertions that look at bytes and line ends only (the patterns are compiled
            // without Unicode: `\b` is the ASCII one).
            use regex_syntax::hir::Look as L;
            let look = match l {
                L::Start => Look::Start,
                L::End => Look::End,
                L::StartLF => Look::StartLF,
                L::EndLF => Look::EndLF,
                L::StartCRLF => Look::StartCRLF,
                L::EndCRLF => Look::EndCRLF,
                L::WordAscii => Look::WordAscii,
                L::WordAsciiNegate => Look::WordAsciiNegate,
                L::WordStartAscii => Look::WordStartAscii,
                L::WordEndAscii => Look::WordEndAscii,
                L::WordStartHalfAscii => Look::WordStartHalfAscii,
                L::WordEndHalfAscii => Look::WordEndHalfAscii,
                _ => return None,
            };
            vec![one(vec![Atom::Look(look)])]
        }
        HirKind::Literal(l) => vec![one(l
            .0
            .iter()
            .map(|&b| {
                let mut set = Bytes::default();
                set.add(b);
                Atom::Byte(set)
            })
            .collect())],
        HirKind::Class(c) => {
            if let Class::Unicode(u) = c {
                // A class of characters beyond ASCII matches more than one byte.
                if u.ranges().iter().any(|r| r.end() as u32 >= 0x80) {
                    return None;
                }
            }
            vec![one(vec![Atom::Byte(class_bytes(c))])]
        }
        HirKind::Capture(c) => seqs(&c.sub)?,
        HirKind::Concat(items) => {
            let mut acc = vec![one(Vec::new())];
            for item in items {
                acc = then(&acc, &seqs(item)?)?;
            }
            acc
        }
        HirKind::Alternation(alts) => {
            let mut all = Vec::new();
            for a in alts {
                all.extend(seqs(a)?);
            }
            all
        }
        HirKind::Repetition(r) => {
            let max = r.max?;
            if max > 4 {
                return None;
            }
            let sub = seqs(&r.sub)?;
            let mut all = Vec::new();
            let mut acc = vec![one(Vec::new())];
            for n in 0..=max {
                if n >= r.min {
                    all.extend(acc.iter().cloned());
                }
                if n < max {
                    acc = then(&acc, &sub)?;
                }
            }
            all
        }
    };
    if out.len() > MAX_SEQS || out.iter().any(|q| q.atoms.len() > MAX_ATOMS) {
        return None;
    }
    Some(out)
}

impl Splitter {
    /// The secret part of a match of the pattern at `s..e` in `hay`: `Some(None)` when a veto
    /// matches there (the match holds no secret), `None` when only the captures can tell.
    pub(crate) fn split(&self, hay: &[u8], s: usize, e: usize) -> Option<Option<(usize, usize)>> {
        if let Some(v) = &self.veto {
            if v.is_match(Input::new(hay).range(s..e).anchored(Anchored::Yes)) {
                return Some(None);
            }
        }
        match &self.how {
            How::Bytes { first, last, walk } => {
                let m = &hay[s..e];
                let z = m.iter().rposition(|&b| last.contains(b))?;
                let a = match walk {
                    Some(all) => m[..z]
                        .iter()
                        .rposition(|&b| !all[b as usize])
                        .map_or(0, |i| i + 1),
                    None => m.iter().position(|&b| first.contains(b))?,
                };
                (z >= a).then_some(Some((s + a, s + z + 1)))
            }
            How::Width { last, width } => {
                let z = s + hay[s..e].iter().rposition(|&b| last.contains(b))? + 1;
                let a = z.checked_sub(*width).filter(|&a| a >= s)?;
                Some(Some((a, z)))
            }
            How::Tail(t) => {
                let z = s + hay[s..e].iter().rposition(|&b| t.last.contains(b))? + 1;
                let lo = s + t.pre_min;
                let mut start = None;
                let mut a = z;
                loop {
                    let len = z - a;
                    if len >= t.min && a >= lo && (a == s || t.pre_last.contains(hay[a - 1])) {
                        if start.is_some() {
                            return None;
                        }
                        start = Some(a);
                    }
                    if a <= lo || !t.all[hay[a - 1] as usize] || t.max.is_some_and(|m| len >= m) {
                        break;
                    }
                    a -= 1;
                }
                Some(Some((start?, z)))
            }
            How::Contexts(c) => {
                let looks = LookMatcher::new();
                let mut start = None;
                for q in &c.pre {
                    let p = s + q.width;
                    if p < e && c.first.contains(hay[p]) && q.fits(&looks, hay, s) {
                        if start.is_some_and(|x| x != p) {
                            return None;
                        }
                        start = Some(p);
                    }
                }
                let start = start?;
                let mut end = None;
                for q in &c.post {
                    let Some(z) = e.checked_sub(q.width) else {
                        continue;
                    };
                    if z > start && c.last.contains(hay[z - 1]) && q.fits(&looks, hay, z) {
                        if end.is_some_and(|x| x != z) {
                            return None;
                        }
                        end = Some(z);
                    }
                }
                Some(Some((start, end?)))
            }
        }
    }
}

/// Membership of every byte value, for the byte-by-byte walk (one load per byte).
pub(crate) type ByteTable = [bool; 256];

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
    let props = cap.sub.properties();
    let width = props
        .minimum_len()
        .filter(|&w| props.maximum_len() == Some(w));
    // Each context as one concatenation of its items.
    let context = |part: &[&Hir]| Hir::concat(part.iter().map(|h| (*h).clone()).collect());
    let (pre, post) = (context(&items[..pos]), context(&items[pos + 1..]));
    let how = by_bytes(&items, pos, (first, last, all), width)
        .or_else(|| {
            Some(How::Contexts(Box::new(Contexts {
                pre: seqs(&pre)?,
                post: seqs(&post)?,
                first,
                last,
            })))
        })
        .or_else(|| {
            // The secret's end is known when `post` never holds its last byte.
            if !sets(&post).2.disjoint(&last) || all == Bytes::all() {
                return None;
            }
            let (_, pre_last, _, _) = sets(&pre);
            // Worth it when few of the secret's bytes can end `pre` (`=` and `:` of the
            // separators before a token); else nearly every start is a candidate.
            let both = pre_last.intersect(&all).count();
            if both > 8 || both * 4 >= all.count() {
                return None;
            }
            let mut table = [false; 256];
            for b in 0..=255u8 {
                table[b as usize] = all.contains(b);
            }
            Some(How::Tail(Box::new(Tail {
                last,
                all: table,
                pre_last,
                pre_min: pre.properties().minimum_len()?,
                min: props.minimum_len()?,
                max: props.maximum_len(),
            })))
        })?;
    let veto = if vetoes.is_empty() {
        None
    } else {
        Some(build(&vetoes)?)
    };
    Some(Splitter { how, veto })
}

/// [`How::Bytes`] for the pattern `items` whose secret is item `pos`, when its shape allows.
fn by_bytes(
    items: &[&Hir],
    pos: usize,
    (first, last, all): (Bytes, Bytes, Bytes),
    width: Option<usize>,
) -> Option<How> {
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
            // A secret of one width starts that far before its end.
            return width.map(|width| How::Width { last, width });
        }
        let mut table = [false; 256];
        for b in 0..=255u8 {
            table[b as usize] = all.contains(b);
        }
        Some(Box::new(table))
    };
    Some(How::Bytes { first, last, walk })
}

#[cfg(test)]
mod tests {
    use super::{splitter, How, Splitter};
    use regex_automata::meta::Regex;
    use regex_automata::{Anchored, Input};

    fn split(pattern: &str) -> Option<Splitter> {
        let hir = crate::compile::parse_hir(pattern).unwrap();
        splitter(&hir, |_| None)
    }

    fn walk(s: &Splitter) -> Option<&super::ByteTable> {
        match &s.how {
            How::Bytes { walk, .. } => walk.as_deref(),
            How::Width { .. } | How::Tail(_) | How::Contexts(_) => None,
        }
    }

    fn by_contexts(s: &Splitter) -> bool {
        matches!(s.how, How::Contexts(_) | How::Width { .. } | How::Tail(_))
    }

    #[test]
    fn shapes() {
        // `pre` holds no byte that starts the secret: the first such byte starts it.
        let s = split(r"(?:^|[^\w.])(?P<secret>\d+\.\d+)(?:[^\w.]|$)").unwrap();
        assert!(!by_contexts(&s) && walk(&s).is_none());
        // `pre` may hold digits but ends with `@`: walk back from the end.
        let s = split(r"(?:^|[^\w.@]|//(?:[^\s/@]+@)?)(?P<secret>\d+\.\d+)(?:[^\w.]|$)").unwrap();
        let walk_set = walk(&s).unwrap();
        assert!(walk_set[b'7' as usize] && walk_set[b'.' as usize] && !walk_set[b'@' as usize]);
        let s = split(r"[a-z0-9]+=(?P<secret>[a-z]+\d)").unwrap();
        assert!(walk(&s).is_some());
        // `pre` may end with a byte of the secret and has no fixed width: no split.
        assert!(split(r"[a-z0-9]+(?P<secret>[a-z]+\d)").is_none());
        assert!(split(r"x\d*(?P<secret>\d+)y").is_none());
        // `post` may hold the secret's last byte (`)`), both contexts have fixed widths.
        let s = split(r"(?:(?m:^)|[^\w+])(?P<secret>\+\d{1,3}(?:[ \-]?(?:\(\d{1,4}\)|\d{1,8})){1,6})(?:[^\w]|(?m:$))").unwrap();
        assert!(by_contexts(&s));
        // A two-byte alternative after the secret, a repetition before it.
        let s =
            split(r"(?:^|[^\w.])(?P<secret>\d{3}-\d{3}\.?)(?:[^\w\-]|[.\-](?:[^\w]|$)|$)").unwrap();
        assert!(by_contexts(&s));
        assert!(by_contexts(&split(r"a{1,3}(?P<secret>a\d+)\d?").unwrap()));
        // Unbounded or wide contexts, or a context beyond ASCII assertions: no split.
        assert!(split(r"\d+(?P<secret>\d+)\d").is_none());
        assert!(split(r"\d{1,9}(?P<secret>\d+)").is_none());
        assert!(split(r"(?u:\b)\d?(?P<secret>\d+)").is_none());
        // `pre` may end with the secret's bytes, but the secret has one width and `post`
        // never holds its last byte.
        let s = split(r"(?i:id no)[^a-z0-9]{0,20}?(?P<secret>[A-Z][12]\d{8})\b").unwrap();
        assert!(matches!(s.how, How::Width { width: 10, .. }));
    }

    /// A small deterministic generator (a 64-bit LCG, its high bits).
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((self.0 >> 33) % n as u64) as usize
        }
    }

    /// At every start in every haystack where `pattern` matches (anchored, as the engine
    /// confirms), the splitter's secret part is the captures' one, or it declines. Returns
    /// (parts given, declined).
    fn agree(pattern: &str, hays: &[Vec<u8>]) -> (usize, usize) {
        let hir = crate::compile::parse_hir(pattern).unwrap();
        let re: Regex = crate::compile::build_many(&[&hir]).unwrap();
        let sp = splitter(&hir, |hs| crate::compile::build_many(hs).ok())
            .unwrap_or_else(|| panic!("{pattern}: no splitter"));
        let group = re
            .group_info()
            .to_index(regex_automata::PatternID::ZERO, "secret")
            .unwrap();
        let mut caps = re.create_captures();
        let (mut given, mut declined) = (0, 0);
        for hay in hays {
            for s in 0..=hay.len() {
                let Some(m) = re.search(&Input::new(hay).range(s..).anchored(Anchored::Yes)) else {
                    continue;
                };
                let e = m.end();
                re.search_captures(
                    &Input::new(hay).range(s..e).anchored(Anchored::Yes),
                    &mut caps,
                );
                let want = caps
                    .get_group(group)
                    .filter(|g| g.end > g.start)
                    .map(|g| (g.start, g.end));
                match sp.split(hay, s, e) {
                    Some(got) => {
                        assert_eq!(
                            got,
                            want,
                            "{pattern} on {:?} at {s}..{e}",
                            String::from_utf8_lossy(hay)
                        );
                        given += 1;
                    }
                    None => declined += 1,
                }
            }
        }
        (given, declined)
    }

    fn haystacks(alphabet: &[&str], n: usize, len: usize) -> Vec<Vec<u8>> {
        let mut rng = Lcg(0x2545_f491_4f6c_dd1d);
        (0..n)
            .map(|_| {
                let k = rng.below(len + 1);
                (0..k)
                    .flat_map(|_| alphabet[rng.below(alphabet.len())].bytes())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn contexts_agree_with_captures() {
        let phone = [
            "+", "1", "4", "0", " ", "-", ".", "(", ")", "\n", "a", "_", "/", "44", "(0)",
        ];
        for (pattern, alphabet) in [
            // phone-e164's shape.
            (
                r"(?:(?m:^)|[^\w+])(?P<secret>\+[1-9]\d{0,3}(?:[ .\-]?(?:\(0\)[ .\-]?)?(?:\(\d{1,4}\)|\d{1,8})){1,6})(?:[^\w]|(?m:$))",
                &phone[..],
            ),
            // phone-nanp's shape: two-byte alternatives after the secret.
            (
                r"(?:(?m:^)|[^\w.\-/+])(?P<secret>(?:\+?1[ .\-]?)?(?:\([2-9]\d{2}\)[ .\-]?[2-9]\d{2}[ .\-]\d{4}|[2-9]\d{2}-[2-9]\d{2}-\d{4}))(?:[^\w.\-/]|[.\-](?:[^\w]|(?m:$))|(?m:$))",
                &[
                    "+1 ", "1-", " ", "-", ".", "\n", "x", "/", "(415) ", "415-", "555-", "555.",
                    "2671",
                ][..],
            ),
            // Contexts that overlap the secret's bytes every way.
            (
                r"a{0,2}(?P<secret>a+b?)(?:b|a{1,2}|$)",
                &["a", "b", "ab", "\n"][..],
            ),
            (
                r"(?:\b|x)(?P<secret>x\d+x?)(?:x|\b)",
                &["x", "1", " ", "xx", "2"][..],
            ),
            // generic-secret's shape: a separator that may also start the secret.
            (
                r#"(?i:(?:\b|[_.-])(?:secret|token|api[_.-]?key)(?:[_.-]?(?:key|\d)){0,2})["']?\s*(?::=|=>|=|:)\s*["']?(?P<secret>[A-Za-z0-9_.~+/:=-]{4,})(?:["'`;,\s)}\]]|(?m:$))"#,
                &[
                    "token", "api_key", "secret_2", "=", ":", "=>", ":=", " ", "\"", "'", "ab",
                    "cd", "/+", "-", "_", "\n", ";",
                ][..],
            ),
            // One width, a `pre` that may end with the secret's bytes.
            (
                r"(?i:id no)[^a-z0-9]{0,20}?(?P<secret>[A-Z][12]\d{8})\b",
                &[
                    "ID no", "id NO", "A", "B1", "C2", "1234", "5678", "12", " ", ":", "\n",
                ][..],
            ),
        ] {
            let hays = haystacks(alphabet, 20_000, 16);
            let (given, declined) = agree(pattern, &hays);
            assert!(given > 50, "{pattern}: {given} given, {declined} declined");
        }
    }

    /// The built-in rules split by their contexts: the same parts as the captures on their own
    /// examples and on noise made of their bytes.
    #[test]
    fn built_in_rules_agree_with_captures() {
        let mut by_contexts_ids = Vec::new();
        for (name, text) in crate::catalog::builtin_rule_files() {
            for spec in crate::rule::parse_rules(name, text).unwrap() {
                let hir = crate::compile::parse_hir(&spec.pattern).unwrap();
                let Some(sp) = splitter(&hir, |hs| crate::compile::build_many(hs).ok()) else {
                    continue;
                };
                if !by_contexts(&sp) {
                    continue;
                }
                by_contexts_ids.push(spec.id.clone());
                let mut hays: Vec<Vec<u8>> = spec
                    .examples
                    .iter()
                    .chain(&spec.negative_examples)
                    .map(|x| x.as_bytes().to_vec())
                    .collect();
                // Noise made of the examples' own pieces, cut at every few bytes.
                let pieces: Vec<String> = spec
                    .examples
                    .iter()
                    .flat_map(|x| {
                        let b = x.as_bytes();
                        b.chunks(3)
                            .map(|c| String::from_utf8_lossy(c).into_owned())
                            .collect::<Vec<_>>()
                    })
                    .chain([" ", "\n", "(", ")", "-", "."].map(String::from))
                    .collect();
                let refs: Vec<&str> = pieces.iter().map(String::as_str).collect();
                hays.extend(haystacks(&refs, 300, 16));
                agree(&spec.pattern, &hays);
            }
        }
        for id in [
            "phone-e164",
            "phone-nanp",
            "phone-international",
            "tw-national-id",
            "generic-secret",
        ] {
            assert!(
                by_contexts_ids.iter().any(|x| x == id),
                "{id}: {by_contexts_ids:?}"
            );
        }
    }
}
