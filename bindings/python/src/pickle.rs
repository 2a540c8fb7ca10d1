//! The few pickle opcodes that `pickle.dumps(dict, protocol=5)` writes for a dict of plain
//! values (str, bytes, int, bool, float, None, lists and dicts of those): how Polars hands a
//! plugin its keyword arguments. Anything else is an error that names the opcode, never a
//! guess.

/// A decoded value.
#[derive(Clone, Debug, PartialEq)]
pub enum Pickled {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Bytes(Vec<u8>),
    List(Vec<Pickled>),
    Dict(Vec<(Pickled, Pickled)>),
}

enum Item {
    Value(Pickled),
    Mark,
}

/// Decodes one pickled value.
pub fn loads(data: &[u8]) -> Result<Pickled, String> {
    let mut r = Reader { data, at: 0 };
    let mut stack: Vec<Item> = Vec::new();
    // A memoized container would be shared by reference in Python; it is kept as `None` here
    // and fetching it is an error, since the copy would miss what is added to it later.
    let mut memo: Vec<Option<Pickled>> = Vec::new();
    loop {
        let op = r.byte()?;
        match op {
            0x80 => {
                let proto = r.byte()?;
                if proto > 5 {
                    return Err(format!("pickle protocol {proto} is not supported"));
                }
            }
            // FRAME: a length prefix only.
            0x95 => {
                r.take(8)?;
            }
            b'.' => {
                return match (stack.pop(), stack.is_empty()) {
                    (Some(Item::Value(v)), true) => Ok(v),
                    _ => Err("malformed pickle: STOP without exactly one value".into()),
                };
            }
            b'}' => stack.push(Item::Value(Pickled::Dict(Vec::new()))),
            b']' => stack.push(Item::Value(Pickled::List(Vec::new()))),
            b'(' => stack.push(Item::Mark),
            b'N' => stack.push(Item::Value(Pickled::None)),
            0x88 => stack.push(Item::Value(Pickled::Bool(true))),
            0x89 => stack.push(Item::Value(Pickled::Bool(false))),
            b'K' => {
                let v = r.byte()?;
                stack.push(Item::Value(Pickled::Int(i64::from(v))));
            }
            b'M' => {
                let b = r.take(2)?;
                stack.push(Item::Value(Pickled::Int(i64::from(u16::from_le_bytes([
                    b[0], b[1],
                ])))));
            }
            b'J' => {
                let b = r.take(4)?;
                let v = i32::from_le_bytes([b[0], b[1], b[2], b[3]]);
                stack.push(Item::Value(Pickled::Int(i64::from(v))));
            }
            0x8a => {
                let n = usize::from(r.byte()?);
                let b = r.take(n)?;
                if n > 8 {
                    return Err("an integer in the options does not fit in 64 bits".into());
                }
                let fill = if b.last().is_some_and(|&x| x & 0x80 != 0) {
                    0xFF
                } else {
                    0
                };
                let mut a = [fill; 8];
                a[..n].copy_from_slice(b);
                stack.push(Item::Value(Pickled::Int(i64::from_le_bytes(a))));
            }
            b'G' => {
                let b = r.take(8)?;
                let mut a = [0u8; 8];
                a.copy_from_slice(b);
                stack.push(Item::Value(Pickled::Float(f64::from_be_bytes(a))));
            }
            0x8c | b'X' | 0x8d => {
                let n = r.len(op, 0x8c, b'X')?;
                let s = std::str::from_utf8(r.take(n)?)
                    .map_err(|_| "malformed pickle: a str that is not UTF-8".to_string())?;
                stack.push(Item::Value(Pickled::Str(s.to_string())));
            }
            b'C' | b'B' | 0x8e => {
                let n = r.len(op, b'C', b'B')?;
                stack.push(Item::Value(Pickled::Bytes(r.take(n)?.to_vec())));
            }
            0x94 => match stack.last() {
                Some(Item::Value(Pickled::List(_) | Pickled::Dict(_))) => memo.push(None),
                Some(Item::Value(v)) => memo.push(Some(v.clone())),
                _ => return Err("malformed pickle: MEMOIZE without a value".into()),
            },
            b'h' | b'j' => {
                let i = if op == b'h' {
                    usize::from(r.byte()?)
                } else {
                    let b = r.take(4)?;
                    u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize
                };
                match memo.get(i) {
                    Some(Some(v)) => stack.push(Item::Value(v.clone())),
                    Some(None) => {
                        return Err(
                            "a list or dict used twice in the options is not supported".into()
                        )
                    }
                    None => return Err(format!("malformed pickle: memo {i} is not set")),
                }
            }
            b'a' => {
                let v = pop_value(&mut stack)?;
                match stack.last_mut() {
                    Some(Item::Value(Pickled::List(l))) => l.push(v),
                    _ => return Err("malformed pickle: APPEND without a list".into()),
                }
            }
            b'e' => {
                let items = pop_mark(&mut stack)?;
                match stack.last_mut() {
                    Some(Item::Value(Pickled::List(l))) => l.extend(items),
                    _ => return Err("malformed pickle: APPENDS without a list".into()),
                }
            }
            b's' => {
                let v = pop_value(&mut stack)?;
                let k = pop_value(&mut stack)?;
                match stack.last_mut() {
                    Some(Item::Value(Pickled::Dict(d))) => d.push((k, v)),
                    _ => return Err("malformed pickle: SETITEM without a dict".into()),
                }
            }
            b'u' => {
                let items = pop_mark(&mut stack)?;
                if items.len() % 2 != 0 {
                    return Err("malformed pickle: SETITEMS with an odd count".into());
                }
                let mut it = items.into_iter();
                let mut pairs = Vec::new();
                while let (Some(k), Some(v)) = (it.next(), it.next()) {
                    pairs.push((k, v));
                }
                match stack.last_mut() {
                    Some(Item::Value(Pickled::Dict(d))) => d.extend(pairs),
                    _ => return Err("malformed pickle: SETITEMS without a dict".into()),
                }
            }
            other => {
                return Err(format!(
                    "pickle opcode 0x{other:02x} is not supported in plugin options (plain \
                     str, bytes, int, bool, lists and dicts only)"
                ))
            }
        }
    }
}

fn pop_value(stack: &mut Vec<Item>) -> Result<Pickled, String> {
    match stack.pop() {
        Some(Item::Value(v)) => Ok(v),
        _ => Err("malformed pickle: a value was expected".into()),
    }
}

/// The values above the topmost mark, in order; the mark is removed.
fn pop_mark(stack: &mut Vec<Item>) -> Result<Vec<Pickled>, String> {
    let Some(at) = stack.iter().rposition(|i| matches!(i, Item::Mark)) else {
        return Err("malformed pickle: no MARK".into());
    };
    let items = stack.split_off(at + 1);
    stack.pop();
    Ok(items
        .into_iter()
        .filter_map(|i| match i {
            Item::Value(v) => Some(v),
            Item::Mark => None,
        })
        .collect())
}

struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.data.len())
            .ok_or_else(|| "malformed pickle: truncated".to_string())?;
        let out = &self.data[self.at..end];
        self.at = end;
        Ok(out)
    }

    fn byte(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }

    /// The length prefix of a str or bytes opcode: one byte for `short`, four for `mid`,
    /// eight otherwise.
    fn len(&mut self, op: u8, short: u8, mid: u8) -> Result<usize, String> {
        if op == short {
            return Ok(usize::from(self.byte()?));
        }
        if op == mid {
            let b = self.take(4)?;
            return Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
        }
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        usize::try_from(u64::from_le_bytes(a)).map_err(|_| "malformed pickle: too long".into())
    }
}
