//! Person names (`core/rules/names.toml`): the gazetteer and the two checks built on it.
//!
//! The gazetteer is `core/data/names/` (US Census 1990 given names and the 20,000 most
//! frequent surnames, lower-cased; see its README for source, licence and the script that
//! builds it), compiled in and turned into two word sets on first use. Rules bring the cue (a
//! greeting, an honorific, a name key); these checks decide whether the words after it are a
//! name.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use super::basic::is_placeholder;

const GIVEN: &str = include_str!("../../data/names/given.txt");
const SURNAMES: &str = include_str!("../../data/names/surnames.txt");
/// Given names and surnames of many origins that the 1990 lists lack (Faker's locale data,
/// see `core/data/names/README.md`).
const GIVEN_INTL: &str = include_str!("../../data/names/given-intl.txt");
const SURNAMES_INTL: &str = include_str!("../../data/names/surnames-intl.txt");

/// The most words a name of the gazetteer rules may hold.
const MAX_WORDS: usize = 4;

/// Surnames ranked below this (1-based frequency rank) are common enough to pair with a
/// given name that is also an ordinary word (`Will Smith`, `Mark Johnson`; not `May Copper`).
const COMMON_SURNAME_RANK: usize = 5000;

/// Words that the name lists hold but that, capitalised after a cue, are far more often
/// ordinary words of logs and prose: never a name alone, and a name of two words needs its
/// other word to be a name that is not one of these either.
const ORDINARY: &[&str] = &[
    // Months, weekdays and seasons.
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "summer",
    "winter",
    "spring",
    "autumn",
    "fall",
    // HTTP methods and log levels.
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "head",
    "options",
    "trace",
    "connect",
    "info",
    "debug",
    "warn",
    "warning",
    "error",
    "fatal",
    "notice",
    "critical",
    "alert",
    // English words that are also given names or surnames.
    "will",
    "mark",
    "grant",
    "rose",
    "bill",
    "art",
    "hope",
    "joy",
    "faith",
    "grace",
    "amber",
    "chase",
    "frank",
    "guy",
    "lane",
    "dean",
    "miles",
    "hunter",
    "jack",
    "don",
    "ray",
    "pat",
    "sue",
    "carol",
    "penny",
    "ruby",
    "jade",
    "crystal",
    "pearl",
    "ivy",
    "holly",
    "dawn",
    "eve",
    "iris",
    "lily",
    "daisy",
    "violet",
    "ginger",
    "angel",
    "sky",
    "storm",
    "rich",
    "long",
    "day",
    "case",
    "page",
    "field",
    "park",
    "street",
    "church",
    "port",
    "power",
    "love",
    "little",
    "short",
    "strong",
    "swift",
    "wise",
    "best",
    "ball",
    "block",
    "bond",
    "cash",
    "cross",
    "deal",
    "driver",
    "early",
    "fast",
    "gold",
    "good",
    "guard",
    "hash",
    "host",
    "house",
    "key",
    "lock",
    "mass",
    "master",
    "match",
    "money",
    "moon",
    "node",
    "order",
    "path",
    "rule",
    "server",
    "service",
    "session",
    "shell",
    "snow",
    "stack",
    "store",
    "table",
    "test",
    "token",
    "tree",
    "value",
    "wall",
    "water",
    "west",
    "north",
    "south",
    "east",
    "well",
    "fine",
    "sharp",
    "free",
    "fair",
    "glass",
    "light",
    "bright",
    "small",
    "large",
    "cane",
    "sunny",
    "chance",
    "christian",
    "english",
    "french",
    "german",
    "welcome",
    "dear",
    "thanks",
    "thank",
    "regards",
    "sincerely",
    "cheers",
    "team",
    "support",
    "customer",
    "client",
    "user",
    "admin",
    "guest",
    "owner",
    "author",
    "contact",
    "sir",
    "madam",
    "doctor",
    "nurse",
    "judge",
    "pastor",
    "bishop",
    "chief",
    "captain",
    "sergeant",
    "general",
    "colonel",
    "lord",
    "lady",
    "miss",
    "mister",
    "new",
    "old",
    "big",
    "hi",
    "hello",
    "hey",
    "dash",
    "tab",
    "link",
    "job",
    "jobs",
    "worker",
    "pool",
    "batch",
    "queue",
    "cache",
    "lambda",
    "alpha",
    "beta",
    "gamma",
    "delta",
    "echo",
    "golf",
    "hotel",
    "india",
    "juliet",
    "kilo",
    "lima",
    "oscar",
    "papa",
    "romeo",
    "sierra",
    "tango",
    "victor",
    "zulu",
    "ok",
    "okay",
    "yes",
    "no",
    "none",
    "null",
    "nil",
    "true",
    "false",
    "unknown",
    "default",
    "all",
    "any",
    "every",
    "each",
    "other",
    "else",
    "also",
    "just",
    "only",
    "even",
    "still",
    "soon",
    "now",
    "then",
    "here",
    "there",
    "sure",
    "sorry",
    "please",
    "happy",
    "glad",
    "ready",
    "done",
    "back",
    "able",
    "home",
    "office",
    "world",
    "everyone",
    "everybody",
    "folks",
    "guys",
    "again",
    "dev",
    "ops",
    "prod",
];

/// Words that are never part of a name: pronouns, articles, conjunctions and the like, which
/// a capitalised sentence start after a greeting brings ("Hi, I am Not sure").
const NEVER: &[&str] = &[
    "i", "a", "an", "the", "this", "that", "these", "those", "it", "its", "we", "you", "he", "she",
    "they", "me", "us", "him", "her", "them", "my", "our", "your", "his", "their", "and", "or",
    "but", "not", "so", "if", "as", "at", "by", "for", "from", "in", "of", "on", "to", "with",
    "is", "are", "was", "be", "been", "do", "does", "did", "have", "has", "had", "can", "could",
    "would", "should", "shall", "might", "must", "let", "how", "what", "when", "where", "who",
    "why", "which",
];

/// Values of name keys that are not names.
const NON_NAMES: &[&str] = &[
    "null",
    "nil",
    "none",
    "undefined",
    "unknown",
    "anonymous",
    "anon",
    "n/a",
    "na",
    "n.a.",
    "true",
    "false",
    "yes",
    "no",
    "test",
    "tester",
    "user",
    "users",
    "admin",
    "administrator",
    "root",
    "system",
    "guest",
    "default",
    "name",
    "names",
    "redacted",
    "hidden",
    "string",
    "sample",
    "example",
    "nobody",
    "someone",
    "somebody",
    "me",
    "you",
    "empty",
    "blank",
    "required",
    "optional",
    "missing",
    "pending",
    "tbd",
    "todo",
    "changeme",
    "placeholder",
    "first",
    "last",
    "full",
    "customer",
    "client",
    "contact",
    "holder",
    "owner",
    "author",
    "unset",
    "not set",
    "not provided",
    "not available",
];

/// The hash of the gazetteer's word sets: a multiply and a rotation per eight bytes, then a
/// final mix, where the standard library's SipHash costs about a hundred instructions a word.
/// Building the sets with it (and at their final size) took the first name check of a process
/// from 40.7M instructions to 10.6M. The sets hold only the bundled lists, fixed at build;
/// input only looks words up, so it cannot lengthen a probe beyond what those lists made.
#[derive(Default, Clone, Copy)]
struct WordHasher(u64);

impl WordHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517C_C1B7_2722_0A95);
    }
}

impl Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }

    #[inline]
    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }

    #[inline]
    fn finish(&self) -> u64 {
        // The table takes its slot from the low bits: mix the high ones down.
        let h = self.0;
        (h ^ h >> 31).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ h >> 29
    }
}

type Words = HashSet<&'static str, BuildHasherDefault<WordHasher>>;

/// How many lines `lists` hold at most: the size of their set.
fn lines_in(lists: &[&str]) -> usize {
    lists
        .iter()
        .map(|l| memchr::memchr_iter(b'\n', l.as_bytes()).count() + 1)
        .sum()
}

/// The non-empty lines of `lists`, as a set.
fn words(lists: &[&'static str]) -> Words {
    let mut set = Words::with_capacity_and_hasher(lines_in(lists), Default::default());
    set.extend(
        lists
            .iter()
            .flat_map(|l| l.lines())
            .filter(|l| !l.is_empty()),
    );
    set
}

struct Gazetteer {
    given: Words,
    /// Surname to its frequency rank (1 = most frequent).
    surnames: HashMap<&'static str, usize, BuildHasherDefault<WordHasher>>,
    ordinary: Words,
    never: Words,
    non_names: Words,
}

fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        // Ranks follow the 1990 list's order; the other surnames rank after it (none is
        // "common"). A surname listed twice keeps its later rank.
        let lists = [SURNAMES, SURNAMES_INTL];
        let mut surnames = HashMap::with_capacity_and_hasher(lines_in(&lists), Default::default());
        let listed = lists
            .iter()
            .flat_map(|l| l.lines())
            .filter(|l| !l.is_empty());
        for (i, l) in listed.enumerate() {
            surnames.insert(l, i + 1);
        }
        Gazetteer {
            given: words(&[GIVEN, GIVEN_INTL]),
            surnames,
            ordinary: ORDINARY.iter().copied().collect(),
            never: NEVER.iter().copied().collect(),
            non_names: NON_NAMES.iter().copied().collect(),
        }
    })
}

/// One word of a candidate name, by shape.
#[derive(Clone, Copy, PartialEq)]
enum Shape {
    /// `L.` or `L`.
    Initial,
    /// Capitalised: one upper-case letter then lower-case letters, with `Mc`, `O'` and a
    /// second part after a dash allowed (`McKay`, `O'Brien`, `Mary-Jane`).
    Word,
}

fn shape(w: &str) -> Option<Shape> {
    let mut cs = w.chars();
    let first = cs.next()?;
    if !first.is_uppercase() {
        return None;
    }
    let rest = cs.as_str();
    if rest.is_empty() || rest == "." {
        return Some(Shape::Initial);
    }
    // Mc, O' and the second part of a double name start a new capitalised part.
    let mut prev = first;
    let mut lower_run = 0usize;
    for c in rest.chars() {
        let ok = if c.is_lowercase() {
            lower_run += 1;
            true
        } else if c.is_uppercase() {
            let glued = (prev == 'c' && w.starts_with("Mc") && lower_run == 1)
                || matches!(prev, '\'' | '’' | '-');
            lower_run = 0;
            glued
        } else {
            matches!(c, '\'' | '’' | '-') && prev.is_alphabetic()
        };
        if !ok {
            return None;
        }
        prev = c;
    }
    prev.is_lowercase().then_some(Shape::Word)
}

/// The gazetteer's key for a capitalised word: lower-case, apostrophes dropped (`O'Brien` is
/// listed as `obrien`).
fn key(w: &str) -> String {
    w.chars()
        .filter(|c| !matches!(c, '\'' | '’'))
        .flat_map(char::to_lowercase)
        .collect()
}

impl Gazetteer {
    fn is_given(&self, k: &str) -> bool {
        self.given.contains(k) || k.split('-').next().is_some_and(|p| self.given.contains(p))
    }

    fn is_surname(&self, k: &str) -> bool {
        self.surnames.contains_key(k) || k.split('-').all(|p| self.surnames.contains_key(p))
    }

    fn is_common_surname(&self, k: &str) -> bool {
        self.surnames
            .get(k)
            .is_some_and(|&r| r < COMMON_SURNAME_RANK)
    }
}

/// `person-name`: one to four words after a cue, each capitalised or an initial; one name
/// word that is a given name or a surname, or a given name then a surname (or "Surname,
/// Given"), none of them an ordinary word on its own.
pub(super) fn person_name_valid(s: &[u8]) -> bool {
    let Ok(s) = std::str::from_utf8(s) else {
        return false;
    };
    let g = gazetteer();
    let mut names: Vec<String> = Vec::with_capacity(MAX_WORDS);
    let mut n = 0;
    for w in s.split([' ', ',']).filter(|w| !w.is_empty()) {
        n += 1;
        if n > MAX_WORDS {
            return false;
        }
        match shape(w) {
            Some(Shape::Initial) => {}
            Some(Shape::Word) => {
                let k = key(w);
                if g.never.contains(k.as_str()) {
                    return false;
                }
                names.push(k);
            }
            None => return false,
        }
    }
    match names.as_slice() {
        [] => false,
        [one] => !g.ordinary.contains(one.as_str()) && (g.is_given(one) || g.is_surname(one)),
        [first, .., last] => {
            let forward = g.is_given(first) && (g.is_surname(last) || g.is_given(last));
            let reversed = g.is_surname(first) && g.is_given(last);
            let ordinary = |k: &String| g.ordinary.contains(k.as_str());
            // One ordinary word at most, and then the other must be a plain given name before
            // it or a common surname after it.
            let paired = match (ordinary(first), ordinary(last)) {
                (false, false) => true,
                (true, false) => g.is_common_surname(last),
                (false, true) => g.is_given(first),
                (true, true) => false,
            };
            if (forward || reversed) && paired {
                return true;
            }
            // Two name words: a given name of the gazetteer that is not an ordinary word, then
            // a surname it does not know (`Gerald Okafor`, `Elena Petrov`), of three letters or
            // more and not an ordinary word. Not the other way round: the surname list holds
            // many English words (`River`, `Way`, `Work`), so `Into Meadow` or `Right Way`
            // would pass, nor a surname followed by an unknown word (`Jenkins Pipeline`).
            let foreign = |k: &String| {
                !g.is_given(k) && !g.is_surname(k) && !ordinary(k) && k.chars().count() >= 3
            };
            names.len() == 2 && g.is_given(first) && !ordinary(first) && foreign(last)
        }
    }
}

/// `person-name-value`: the value of an explicit name key. One to five words of letters,
/// apostrophes, dots and dashes in any case, not a placeholder and not a non-name value.
pub(crate) fn person_name_value_valid(s: &[u8]) -> bool {
    let Ok(s) = std::str::from_utf8(s) else {
        return false;
    };
    let t = s.trim_matches(|c: char| c == ' ' || c == '\t');
    if t.is_empty() || is_placeholder(t.as_bytes()) {
        return false;
    }
    let words = t.split(' ').filter(|w| !w.is_empty()).count();
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    if !(1..=5).contains(&words) || letters < 2 {
        return false;
    }
    if !t
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '\'' | '’' | '.' | '-'))
    {
        return false;
    }
    !gazetteer().non_names.contains(t.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gazetteer_is_loaded() {
        let g = gazetteer();
        assert!(g.given.len() > 15000 && g.surnames.len() > 29000);
        assert!(g.given.contains("jennifer") && g.surnames.contains_key("cunningham"));
        assert_eq!(g.surnames.get("smith"), Some(&1));
    }

    #[test]
    fn names_after_a_cue() {
        for good in [
            "Jennifer Cunningham",
            "Maria",
            "Alvarez",
            "Sofia L.",
            "Gerald Nichols",
            "John F. Kennedy",
            "Nichols, Gerald",
            "O'Brien",
            "Mary-Jane",
            "McDonald",
            "Will Smith",
            "Mark Johnson",
            "Jennifer Long",
            "Gerald Okafor",
            "Elena Petrov",
            // Given names of other origins (given-intl.txt), then a surname known or not.
            "Kwame Okafor",
            "Priya Whitfield",
            "Tomasz Nichols",
            "Yuki Tanaka",
            "Rahul Petrov",
            "Lindqvist",
        ] {
            assert!(person_name_valid(good.as_bytes()), "{good}");
        }
        for bad in [
            "Will",
            "May",
            "Mark",
            "Grant",
            "Rose",
            "InvoiceService",
            "Service Unavailable",
            "Will Retry",
            "May Be",
            "GET",
            "ERROR",
            "Friday",
            "I",
            "Not",
            "Jennifer Is",
            "jennifer",
            "Mark Grant",
            "Zzyzx",
            "Many Still",
            "May Copper",
            "Work Your",
            "Winter Lantern",
            "A B C D E",
            "Safari",
            "Januar",
            "Service Jennifer",
            "Jennifer Is",
            "Deploy Will",
            "Build Server",
            "Into Meadow",
            "Right Way",
            "Jenkins Pipeline",
            "Kafka Consumer",
        ] {
            assert!(!person_name_valid(bad.as_bytes()), "{bad}");
        }
    }

    #[test]
    fn values_of_name_keys() {
        for good in [
            "Jennifer Cunningham",
            "xiuying",
            "Ngozi Okonkwo-Adeyemi",
            "sofia l.",
        ] {
            assert!(person_name_value_valid(good.as_bytes()), "{good}");
        }
        for bad in ["null", "Unknown", "xxxx", "a", "user_42", "", "N/A"] {
            assert!(!person_name_value_valid(bad.as_bytes()), "{bad}");
        }
    }
}
