//! Methods of builtin types (str, list, dict, set, tuple, int, float, bytes,
//! generators, iterators, object, BaseException, property, Handle).

use std::cell::RefCell;
use std::rc::Rc;

use super::builtins::{as_i64, err3, kwarg, method, pos, rd, rest, type_error_of, wr};
use super::call::GenMode;
use super::case;
use super::namemap::intern;
use super::value::*;
use super::{PyErr, PyResult, Vm, MAX_STR_BYTES};

const STR_METHODS: &[&str] = &[
    "split",
    "rsplit",
    "join",
    "strip",
    "lstrip",
    "rstrip",
    "upper",
    "lower",
    "title",
    "capitalize",
    "swapcase",
    "casefold",
    "startswith",
    "endswith",
    "find",
    "rfind",
    "index",
    "rindex",
    "count",
    "replace",
    "format",
    "center",
    "ljust",
    "rjust",
    "zfill",
    "isdigit",
    "isalpha",
    "isalnum",
    "isspace",
    "isupper",
    "islower",
    "isnumeric",
    "isdecimal",
    "isidentifier",
    "istitle",
    "isprintable",
    "isascii",
    "splitlines",
    "partition",
    "rpartition",
    "encode",
    "removeprefix",
    "removesuffix",
    "expandtabs",
    "format_map",
    "__len__",
    "__contains__",
    "__getitem__",
];
const LIST_METHODS: &[&str] = &[
    "append",
    "extend",
    "insert",
    "pop",
    "remove",
    "index",
    "count",
    "sort",
    "reverse",
    "copy",
    "clear",
    "__len__",
    "__getitem__",
    "__setitem__",
    "__contains__",
    "__iter__",
];
const DICT_METHODS: &[&str] = &[
    "get",
    "keys",
    "values",
    "items",
    "pop",
    "setdefault",
    "update",
    "copy",
    "clear",
    "popitem",
    "__len__",
    "__getitem__",
    "__setitem__",
    "__contains__",
    "__iter__",
];
const SET_METHODS: &[&str] = &[
    "add",
    "discard",
    "remove",
    "pop",
    "clear",
    "copy",
    "union",
    "intersection",
    "difference",
    "symmetric_difference",
    "issubset",
    "issuperset",
    "isdisjoint",
    "update",
    "intersection_update",
    "difference_update",
    "__len__",
    "__contains__",
    "__iter__",
];
const TUPLE_METHODS: &[&str] = &[
    "index",
    "count",
    "__len__",
    "__getitem__",
    "__contains__",
    "__iter__",
];

pub fn install_methods(vm: &mut Vm) {
    let reg = |c: &Rc<Class>, names: &[&'static str], f: NativeImpl| {
        let mut d = wr(&c.dict);
        for n in names {
            d.set_str(n, method(n, f));
        }
    };
    let t = &vm.t;
    reg(&t.str_, STR_METHODS, str_method);
    reg(&t.list, LIST_METHODS, list_method);
    reg(&t.dict, DICT_METHODS, dict_method);
    reg(&t.set, SET_METHODS, set_method);
    reg(
        &t.frozenset,
        &[
            "union",
            "intersection",
            "difference",
            "symmetric_difference",
            "issubset",
            "issuperset",
            "isdisjoint",
            "copy",
            "__len__",
            "__contains__",
        ],
        set_method,
    );
    reg(&t.tuple, TUPLE_METHODS, tuple_method);
    reg(
        &t.int,
        &[
            "bit_length",
            "conjugate",
            "__index__",
            "__int__",
            "__float__",
            "__abs__",
        ],
        num_method,
    );
    reg(
        &t.float,
        &[
            "is_integer",
            "conjugate",
            "__int__",
            "__float__",
            "__abs__",
            "as_integer_ratio",
        ],
        num_method,
    );
    reg(&t.bytes, &["decode", "hex", "__len__"], bytes_method);
    reg(
        &t.generator,
        &["send", "throw", "close", "__next__", "__iter__"],
        gen_method,
    );
    reg(
        &t.coroutine,
        &["send", "throw", "close", "__await__"],
        gen_method,
    );
    reg(
        &t.async_generator,
        &["__anext__", "__aiter__", "asend", "athrow", "aclose"],
        gen_method,
    );
    reg(
        &t.iterator,
        &[
            "__next__",
            "__iter__",
            "send",
            "throw",
            "close",
            "__await__",
        ],
        iter_method,
    );
    reg(
        &t.object,
        &[
            "__init__",
            "__new__",
            "__repr__",
            "__str__",
            "__format__",
            "__init_subclass__",
            "__hash__",
            "__ne__",
            "__setattr__",
            "__delattr__",
        ],
        object_method,
    );
    reg(
        &t.base_exception,
        &[
            "__init__",
            "__str__",
            "__repr__",
            "with_traceback",
            "add_note",
        ],
        exc_method,
    );
    reg(
        &t.property,
        &["setter", "getter", "deleter", "__get__"],
        property_method,
    );
    reg(
        &t.handle,
        &["cancel", "cancelled", "when"],
        Vm::handle_method,
    );
    let group = vm.exc_class("BaseExceptionGroup");
    reg(&group, &["split", "subgroup", "derive"], exc_method);
    // Implicitly a classmethod, so `super().__init_subclass__(**kw)` knows the class.
    wr(&vm.t.object.dict).set_str(
        "__init_subclass__",
        Value::ClassMethod(Rc::new(Shallow(super::builtins::native(
            "__init_subclass__",
            object_method,
        )))),
    );
    {
        let mut d = wr(&vm.t.dict.dict);
        d.set_str(
            "fromkeys",
            Value::ClassMethod(Rc::new(Shallow(super::builtins::native(
                "fromkeys",
                dict_fromkeys,
            )))),
        );
    }
    {
        let mut d = wr(&vm.t.str_.dict);
        d.set_str(
            "maketrans",
            Value::StaticMethod(Rc::new(Shallow(super::builtins::native(
                "maketrans",
                str_maketrans,
            )))),
        );
    }
    vm.t.str_
        .dict
        .borrow_mut()
        .set_str("translate", method("translate", str_method));
    super::attr::classes_changed();
}

/// `self` of a builtin method; instances of subclasses of builtin types use their payload.
fn self_arg(vm: &Vm, a: &Args) -> Option<Value> {
    let v = a.pos.first()?;
    if let Value::Instance(_) = v {
        if let Some(p) = vm.payload(v) {
            return Some(p);
        }
    }
    Some(v.clone())
}

fn arg(a: &Args, i: usize) -> Option<Value> {
    a.pos.get(i).cloned()
}

fn need(name: &str, a: &Args, min: usize, max: usize) -> PyResult<()> {
    super::builtins::arity(name, a.pos.len().saturating_sub(1), min, max)
}

fn str_arg(vm: &Vm, v: &Value, what: &str) -> PyResult<Rc<PyStr>> {
    match v {
        Value::Str(s) => Ok(s.clone()),
        other => Err(PyErr::new(
            "TypeError",
            format!("{} must be str, not {}", what, vm.type_name(other)),
        )),
    }
}

/// Where `sub` last occurs in `hay`, like `str::rfind`, but found with forward
/// searches from each match on: std's reverse two-way searcher is 1 KB of wasm
/// of its own.
fn rfind_str(hay: &str, sub: &str) -> Option<usize> {
    let mut last = None;
    let mut from = 0;
    while let Some(i) = hay.get(from..).and_then(|rest| rest.find(sub)) {
        let at = from + i;
        last = Some(at);
        from = at + hay[at..].chars().next().map_or(1, char::len_utf8);
    }
    last
}

/// Char index → byte offset.
fn byte_at(s: &PyStr, ci: usize) -> usize {
    if s.is_ascii() {
        return ci.min(s.s.len());
    }
    s.s.char_indices()
        .nth(ci)
        .map(|(b, _)| b)
        .unwrap_or(s.s.len())
}

fn char_index(s: &PyStr, byte: usize) -> usize {
    if s.is_ascii() {
        byte
    } else {
        s.s[..byte].chars().count()
    }
}

/// The `start, end` arguments at `from` as char indices within `s`, and whether start
/// lies beyond end (CPython's ADJUST_INDICES does not clip start to the length: then
/// nothing matches, not even '': `'abc'.find('', 4) == -1`).
fn norm_range(vm: &mut Vm, s: &PyStr, a: &Args, from: usize) -> PyResult<(usize, usize, bool)> {
    let n = s.nchars as i64;
    let get = |vm: &mut Vm, i: usize, def: i64| -> PyResult<i64> {
        match a.pos.get(i) {
            None | Some(Value::None) => Ok(def),
            Some(v) => {
                let x = as_i64(vm, v, "")?;
                Ok(if x < 0 { (x + n).max(0) } else { x })
            }
        }
    };
    let st = get(vm, from, 0)?;
    let en = get(vm, from + 1, n)?.min(n);
    let beyond = st > en;
    let st = st.min(n);
    Ok((st as usize, en.max(st) as usize, beyond))
}

/// CPython's "str.count() takes no keyword arguments" for the methods that take
/// none (keywords were ignored: `s.strip(chars=" ")`).
fn refuse_kw(tname: &str, name: &str, a: &Args, takes_kw: &[&str]) -> PyResult<()> {
    if a.kw.is_empty() || takes_kw.contains(&name) {
        return Ok(());
    }
    Err(PyErr::new(
        "TypeError",
        format!("{tname}.{name}() takes no keyword arguments"),
    ))
}

fn str_method(vm: &mut Vm, name: &str, a: Args) -> PyResult<Value> {
    let kw_ok = [
        "split",
        "rsplit",
        "splitlines",
        "encode",
        "expandtabs",
        "format",
    ];
    refuse_kw("str", name, &a, &kw_ok)?;
    let Some(Value::Str(s)) = self_arg(vm, &a) else {
        return Err(err3(
            "TypeError",
            "descriptor '",
            name,
            "' requires a 'str' object",
        ));
    };
    let st = s.s.as_str();
    let ret_s = |x: String| Ok(Value::string(x));
    match name {
        "split" | "rsplit" => {
            let sep = arg(&a, 1)
                .or_else(|| kwarg(&a, "sep"))
                .filter(|v| !v.is_none());
            let maxsplit = match arg(&a, 2).or_else(|| kwarg(&a, "maxsplit")) {
                Some(v) => as_i64(vm, &v, "")?,
                None => -1,
            };
            let parts: Vec<String> = match sep {
                None => {
                    let mut out: Vec<String> = Vec::new();
                    if name == "split" {
                        let mut rest = st.trim_start();
                        while !rest.is_empty() {
                            if maxsplit >= 0 && out.len() as i64 >= maxsplit {
                                out.push(rest.to_string());
                                break;
                            }
                            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                            out.push(rest[..end].to_string());
                            rest = rest[end..].trim_start();
                        }
                    } else {
                        let mut rest = st.trim_end();
                        while !rest.is_empty() {
                            if maxsplit >= 0 && out.len() as i64 >= maxsplit {
                                out.push(rest.to_string());
                                break;
                            }
                            let start = rest
                                .rfind(char::is_whitespace)
                                .map(|i| {
                                    i + rest[i..].chars().next().map(|c| c.len_utf8()).unwrap_or(1)
                                })
                                .unwrap_or(0);
                            out.push(rest[start..].to_string());
                            rest = rest[..start].trim_end();
                        }
                        out.reverse();
                    }
                    out
                }
                Some(sepv) => {
                    let sep = str_arg(vm, &sepv, "must be str or None")?;
                    if sep.s.is_empty() {
                        return Err(PyErr::new("ValueError", "empty separator"));
                    }
                    // Repeated find/rfind, which is what std's split/splitn/rsplitn do
                    // (no iterator types of their own in the wasm). rsplit works from
                    // the right even without maxsplit: 'aaa'.rsplit('aa') == ['a', ''].
                    let sep = sep.s.as_str();
                    let mut out: Vec<String> = Vec::new();
                    let mut rest = st;
                    if name == "split" {
                        while maxsplit < 0 || (out.len() as i64) < maxsplit {
                            let Some((part, tail)) = rest.split_once(sep) else {
                                break;
                            };
                            out.push(part.to_string());
                            rest = tail;
                        }
                        out.push(rest.to_string());
                    } else {
                        // One pass from the right (rfind per part would rescan the
                        // rest from the left each time: quadratic). A match of a whole
                        // UTF-8 separator starts and ends on char boundaries.
                        let (hay, pat) = (rest.as_bytes(), sep.as_bytes());
                        let mut end = hay.len();
                        let mut at = end.checked_sub(pat.len());
                        while let Some(i) = at {
                            if maxsplit >= 0 && out.len() as i64 >= maxsplit {
                                break;
                            }
                            if hay[i..end].starts_with(pat) {
                                out.push(rest[i + pat.len()..end].to_string());
                                end = i;
                                at = i.checked_sub(pat.len());
                            } else {
                                at = i.checked_sub(1);
                            }
                        }
                        out.push(rest[..end].to_string());
                        out.reverse();
                    }
                    out
                }
            };
            Ok(Value::list(parts.into_iter().map(Value::string).collect()))
        }
        "join" => {
            need("join", &a, 1, 1)?;
            let items = vm.to_vec(pos(&a, 1))?;
            let mut out = String::new();
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(st);
                }
                match x {
                    Value::Str(p) => out.push_str(&p.s),
                    other => {
                        return Err(PyErr::new(
                            "TypeError",
                            format!(
                                "sequence item {}: expected str instance, {} found",
                                i,
                                vm.type_name(other)
                            ),
                        ))
                    }
                }
                if out.len() > MAX_STR_BYTES {
                    return Err(PyErr::new("MemoryError", ""));
                }
            }
            ret_s(out)
        }
        "strip" | "lstrip" | "rstrip" => {
            let chars = arg(&a, 1).filter(|v| !v.is_none());
            let r = match chars {
                None => match name {
                    "strip" => st.trim(),
                    "lstrip" => st.trim_start(),
                    _ => st.trim_end(),
                },
                Some(c) => {
                    let c = str_arg(vm, &c, "strip arg")?;
                    // (By hand, not trim_matches & co.: each would be its own
                    // instantiation of std's pattern searcher for this closure.)
                    let set: Vec<char> = c.s.chars().collect();
                    let start = if name == "rstrip" {
                        0
                    } else {
                        st.char_indices()
                            .find(|(_, ch)| !set.contains(ch))
                            .map_or(st.len(), |(i, _)| i)
                    };
                    let rest = &st[start..];
                    let end = if name == "lstrip" {
                        rest.len()
                    } else {
                        rest.char_indices()
                            .rev()
                            .find(|(_, ch)| !set.contains(ch))
                            .map_or(0, |(i, ch)| i + ch.len_utf8())
                    };
                    &rest[..end]
                }
            };
            ret_s(r.to_string())
        }
        "upper" => ret_s(case::upper(st)),
        "lower" | "casefold" => ret_s(case::lower(st)),
        "swapcase" => {
            let mut out = String::with_capacity(st.len());
            for c in st.chars() {
                if c.is_uppercase() {
                    case::push_lower(&mut out, c);
                } else {
                    case::push_upper(&mut out, c);
                }
            }
            ret_s(out)
        }
        "title" => {
            let mut out = String::new();
            let mut prev_cased = false;
            for c in st.chars() {
                if prev_cased {
                    case::push_lower(&mut out, c);
                } else {
                    case::push_upper(&mut out, c);
                }
                prev_cased = c.is_alphabetic();
            }
            ret_s(out)
        }
        "capitalize" => {
            let mut cs = st.chars();
            let mut out = String::with_capacity(st.len());
            if let Some(c) = cs.next() {
                case::push_upper(&mut out, c);
                out.push_str(&case::lower(cs.as_str()));
            }
            ret_s(out)
        }
        "startswith" | "endswith" => {
            need(name, &a, 1, 3)?;
            let (b0, b1, beyond) = norm_range(vm, &s, &a, 2)?;
            let sub = &st[byte_at(&s, b0)..byte_at(&s, b1)];
            let pats = match pos(&a, 1) {
                Value::Tuple(t) => t.to_vec(),
                v => vec![v.clone()],
            };
            for p in pats {
                let p = match &p {
                    Value::Str(p) => p.clone(),
                    other => {
                        return Err(PyErr::new(
                            "TypeError",
                            format!(
                                "{} first arg must be str or a tuple of str, not {}",
                                name,
                                vm.type_name(other)
                            ),
                        ))
                    }
                };
                let ok = if beyond {
                    false
                } else if name == "startswith" {
                    sub.starts_with(p.s.as_str())
                } else {
                    sub.ends_with(p.s.as_str())
                };
                if ok {
                    return Ok(Value::Bool(true));
                }
            }
            Ok(Value::Bool(false))
        }
        "find" | "rfind" | "index" | "rindex" | "count" => {
            need(name, &a, 1, 3)?;
            let sub = str_arg(vm, pos(&a, 1), "must be str")?;
            let (b0, b1, beyond) = norm_range(vm, &s, &a, 2)?;
            let (o0, o1) = (byte_at(&s, b0), byte_at(&s, b1));
            let hay = &st[o0..o1];
            if name == "count" {
                if beyond {
                    return Ok(Value::Int(0));
                }
                if sub.s.is_empty() {
                    return Ok(Value::Int(hay.chars().count() as i64 + 1));
                }
                // Non-overlapping, left to right: what str::matches counts.
                let (mut n, mut rest) = (0, hay);
                while let Some((_, tail)) = rest.split_once(sub.s.as_str()) {
                    n += 1;
                    rest = tail;
                }
                return Ok(Value::Int(n));
            }
            let pos = if beyond {
                None
            } else if name.starts_with('r') {
                rfind_str(hay, sub.s.as_str())
            } else {
                hay.find(sub.s.as_str())
            };
            match pos {
                Some(p) => Ok(Value::Int(char_index(&s, o0 + p) as i64)),
                None => {
                    if name.contains("index") {
                        Err(PyErr::new("ValueError", "substring not found"))
                    } else {
                        Ok(Value::Int(-1))
                    }
                }
            }
        }
        "replace" => {
            need("replace", &a, 2, 3)?;
            let old = str_arg(vm, pos(&a, 1), "replace() argument 1")?;
            let new = str_arg(vm, pos(&a, 2), "replace() argument 2")?;
            let count = match arg(&a, 3) {
                Some(v) => as_i64(vm, &v, "")?,
                None => -1,
            };
            // (One replacen for both: str::replace is another copy of the same loop.)
            let limit = if count < 0 {
                usize::MAX
            } else {
                count as usize
            };
            let r = st.replacen(old.s.as_str(), &new.s, limit);
            if r.len() > MAX_STR_BYTES {
                return Err(PyErr::new("MemoryError", ""));
            }
            ret_s(r)
        }
        "format" => {
            let r = vm.str_format(st, rest(&a), &a.kw, None)?;
            ret_s(r)
        }
        "format_map" => {
            let m = arg(&a, 1).unwrap_or_default();
            let r = vm.str_format(st, &[], &[], Some(m))?;
            ret_s(r)
        }
        "center" | "ljust" | "rjust" => {
            need(name, &a, 1, 2)?;
            let w = as_i64(vm, pos(&a, 1), "")?.max(0) as usize;
            let fill = match arg(&a, 2) {
                Some(Value::Str(f)) if f.nchars == 1 => f.s.chars().next().unwrap_or(' '),
                Some(_) => {
                    return Err(PyErr::new(
                        "TypeError",
                        "The fill character must be exactly one character long",
                    ))
                }
                None => ' ',
            };
            if w > MAX_STR_BYTES {
                return Err(PyErr::new("MemoryError", ""));
            }
            let n = s.nchars;
            if w <= n {
                return Ok(Value::Str(s.clone()));
            }
            let pad = w - n;
            let f = |k: usize| std::iter::repeat_n(fill, k).collect::<String>();
            let r = match name {
                "ljust" => format!("{st}{}", f(pad)),
                "rjust" => format!("{}{st}", f(pad)),
                _ => {
                    let left = pad / 2 + (pad & w & 1);
                    format!("{}{st}{}", f(left), f(pad - left))
                }
            };
            ret_s(r)
        }
        "zfill" => {
            need("zfill", &a, 1, 1)?;
            let w = as_i64(vm, pos(&a, 1), "")?.max(0) as usize;
            let n = s.nchars;
            if w <= n {
                return Ok(Value::Str(s.clone()));
            }
            let (sign, rest) = if st.starts_with('+') || st.starts_with('-') {
                st.split_at(1)
            } else {
                ("", st)
            };
            ret_s(format!("{}{}{}", sign, "0".repeat(w - n), rest))
        }
        "isdigit" | "isdecimal" | "isnumeric" => Ok(Value::Bool(
            !st.is_empty() && st.chars().all(|c| c.is_numeric()),
        )),
        "isalpha" => Ok(Value::Bool(
            !st.is_empty() && st.chars().all(char::is_alphabetic),
        )),
        "isalnum" => Ok(Value::Bool(
            !st.is_empty() && st.chars().all(char::is_alphanumeric),
        )),
        "isspace" => Ok(Value::Bool(
            !st.is_empty() && st.chars().all(char::is_whitespace),
        )),
        "isupper" => Ok(Value::Bool(
            st.chars().any(char::is_uppercase) && !st.chars().any(char::is_lowercase),
        )),
        "islower" => Ok(Value::Bool(
            st.chars().any(char::is_lowercase) && !st.chars().any(char::is_uppercase),
        )),
        "isascii" => Ok(Value::Bool(st.is_ascii())),
        "isprintable" => Ok(Value::Bool(st.chars().all(|c| !c.is_control()))),
        "isidentifier" => Ok(Value::Bool(
            st.chars()
                .next()
                .map(|c| c.is_alphabetic() || c == '_')
                .unwrap_or(false)
                && st.chars().all(|c| c.is_alphanumeric() || c == '_'),
        )),
        "istitle" => {
            let mut prev = false;
            let mut ok = false;
            for c in st.chars() {
                if c.is_uppercase() {
                    if prev {
                        return Ok(Value::Bool(false));
                    }
                    prev = true;
                    ok = true;
                } else if c.is_lowercase() {
                    if !prev {
                        return Ok(Value::Bool(false));
                    }
                } else {
                    prev = false;
                }
            }
            Ok(Value::Bool(ok))
        }
        "splitlines" => {
            let keep = match arg(&a, 1).or_else(|| kwarg(&a, "keepends")) {
                Some(v) => vm.truthy(&v)?,
                None => false,
            };
            let mut out = Vec::new();
            let mut cur = String::new();
            let mut it = st.chars().peekable();
            while let Some(c) = it.next() {
                if matches!(
                    c,
                    '\n' | '\r'
                        | '\x0b'
                        | '\x0c'
                        | '\x1c'
                        | '\x1d'
                        | '\x1e'
                        | '\u{85}'
                        | '\u{2028}'
                        | '\u{2029}'
                ) {
                    let mut end = c.to_string();
                    if c == '\r' && it.peek() == Some(&'\n') {
                        it.next();
                        end.push('\n');
                    }
                    if keep {
                        cur.push_str(&end);
                    }
                    out.push(Value::string(std::mem::take(&mut cur)));
                } else {
                    cur.push(c);
                }
            }
            if !cur.is_empty() {
                out.push(Value::string(cur));
            }
            Ok(Value::list(out))
        }
        "partition" | "rpartition" => {
            need(name, &a, 1, 1)?;
            let sep = str_arg(vm, pos(&a, 1), "must be str")?;
            if sep.s.is_empty() {
                return Err(PyErr::new("ValueError", "empty separator"));
            }
            let pos = if name == "partition" {
                st.find(sep.s.as_str())
            } else {
                rfind_str(st, sep.s.as_str())
            };
            let (x, y, z) = match pos {
                Some(p) => (&st[..p], sep.s.as_str(), &st[p + sep.s.len()..]),
                None => {
                    if name == "partition" {
                        (st, "", "")
                    } else {
                        ("", "", st)
                    }
                }
            };
            Ok(Value::tuple(vec![
                Value::str(x),
                Value::str(y),
                Value::str(z),
            ]))
        }
        "encode" => Ok(Value::Bytes(Rc::new(st.as_bytes().to_vec()))),
        "removeprefix" => {
            need(name, &a, 1, 1)?;
            let p = str_arg(vm, pos(&a, 1), "must be str")?;
            ret_s(st.strip_prefix(p.s.as_str()).unwrap_or(st).to_string())
        }
        "removesuffix" => {
            need(name, &a, 1, 1)?;
            let p = str_arg(vm, pos(&a, 1), "must be str")?;
            ret_s(st.strip_suffix(p.s.as_str()).unwrap_or(st).to_string())
        }
        "expandtabs" => {
            let ts = match arg(&a, 1) {
                Some(v) => as_i64(vm, &v, "")?.max(0) as usize,
                None => 8,
            };
            let mut out = String::new();
            let mut col = 0;
            for c in st.chars() {
                match c {
                    '\t' => {
                        if ts > 0 {
                            let n = ts - col % ts;
                            out.push_str(&" ".repeat(n));
                            col += n;
                        }
                    }
                    '\n' | '\r' => {
                        out.push(c);
                        col = 0;
                    }
                    _ => {
                        out.push(c);
                        col += 1;
                    }
                }
            }
            ret_s(out)
        }
        "translate" => {
            need(name, &a, 1, 1)?;
            let table = pos(&a, 1).clone();
            let mut out = String::new();
            for c in st.chars() {
                match vm.getitem(&table, &Value::Int(c as i64)) {
                    Ok(Value::None) => {}
                    Ok(Value::Str(r)) => out.push_str(&r.s),
                    Ok(Value::Int(i)) => out.push(char::from_u32(i as u32).unwrap_or(c)),
                    Ok(_) => out.push(c),
                    Err(_) => out.push(c),
                }
            }
            ret_s(out)
        }
        "__len__" => Ok(Value::Int(s.nchars as i64)),
        "__contains__" => Ok(Value::Bool(
            vm.contains(&Value::Str(s.clone()), &arg(&a, 1).unwrap_or_default())?,
        )),
        "__getitem__" => vm.getitem(&Value::Str(s.clone()), &arg(&a, 1).unwrap_or_default()),
        _ => Err(err3(
            "AttributeError",
            "'str' object has no attribute '",
            name,
            "'",
        )),
    }
}

fn str_maketrans(vm: &mut Vm, _name: &str, a: Args) -> PyResult<Value> {
    let d = vm.new_dict();
    match (arg(&a, 0), arg(&a, 1)) {
        (Some(Value::Str(x)), Some(Value::Str(y))) => {
            for (p, q) in x.s.chars().zip(y.s.chars()) {
                vm.dict_set(&d, Value::Int(p as i64), Value::Int(q as i64))?;
            }
            if let Some(Value::Str(z)) = arg(&a, 2) {
                for c in z.s.chars() {
                    vm.dict_set(&d, Value::Int(c as i64), Value::None)?;
                }
            }
        }
        (Some(Value::Dict(m)), None) => {
            for (k, v) in rd(&m).items() {
                let k = match k {
                    Value::Str(s) => Value::Int(s.s.chars().next().map(|c| c as i64).unwrap_or(0)),
                    other => other,
                };
                vm.dict_set(&d, k, v)?;
            }
        }
        _ => return Err(PyErr::new("TypeError", "maketrans() arguments")),
    }
    Ok(Value::Dict(d))
}

fn list_method(vm: &mut Vm, name: &str, a: Args) -> PyResult<Value> {
    refuse_kw("list", name, &a, &["sort"])?;
    let Some(Value::List(l)) = self_arg(vm, &a) else {
        return Err(err3(
            "TypeError",
            "descriptor '",
            name,
            "' requires a 'list' object",
        ));
    };
    match name {
        "append" => {
            need("list.append", &a, 1, 1)?;
            let mut lb = wr(&l);
            if lb.len() >= super::MAX_COLLECTION {
                return Err(PyErr::new("MemoryError", ""));
            }
            lb.push(pos(&a, 1).clone());
            Ok(Value::None)
        }
        "extend" => {
            need("list.extend", &a, 1, 1)?;
            let items = vm.to_vec(pos(&a, 1))?;
            wr(&l).extend(items);
            Ok(Value::None)
        }
        "insert" => {
            need("insert", &a, 2, 2)?;
            let i = as_i64(vm, pos(&a, 1), "")?;
            let mut lb = wr(&l);
            let n = lb.len() as i64;
            let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
            lb.insert(j as usize, pos(&a, 2).clone());
            Ok(Value::None)
        }
        "pop" => {
            need("pop", &a, 0, 1)?;
            let i = match arg(&a, 1) {
                Some(v) => as_i64(vm, &v, "")?,
                None => -1,
            };
            let mut lb = wr(&l);
            if lb.is_empty() {
                return Err(PyErr::new("IndexError", "pop from empty list"));
            }
            let n = lb.len() as i64;
            let j = if i < 0 { i + n } else { i };
            if j < 0 || j >= n {
                return Err(PyErr::new("IndexError", "pop index out of range"));
            }
            Ok(lb.remove(j as usize))
        }
        "remove" | "index" | "count" => {
            let x = arg(&a, 1).unwrap_or_default();
            let items = rd(&l).clone();
            let mut count = 0;
            let start = match (name, arg(&a, 2)) {
                ("index", Some(v)) => {
                    let s = as_i64(vm, &v, "")?;
                    if s < 0 {
                        (s + items.len() as i64).max(0) as usize
                    } else {
                        s as usize
                    }
                }
                _ => 0,
            };
            for (i, y) in items.iter().enumerate() {
                if i < start {
                    continue;
                }
                if y.is(&x) || vm.eq(y, &x)? {
                    match name {
                        "remove" => {
                            let mut lb = wr(&l);
                            if i < lb.len() {
                                lb.remove(i);
                            }
                            return Ok(Value::None);
                        }
                        "index" => return Ok(Value::Int(i as i64)),
                        _ => count += 1,
                    }
                }
            }
            match name {
                "remove" => Err(PyErr::new("ValueError", "list.remove(x): x not in list")),
                "index" => Err(PyErr::new(
                    "ValueError",
                    format!("{} is not in list", vm.repr(&x)?),
                )),
                _ => Ok(Value::Int(count)),
            }
        }
        "sort" => {
            let key = kwarg(&a, "key").filter(|k| !k.is_none());
            let reverse = match kwarg(&a, "reverse") {
                Some(r) => vm.truthy(&r)?,
                None => false,
            };
            if a.pos.len() > 1 {
                return Err(PyErr::new(
                    "TypeError",
                    "sort() takes no positional arguments",
                ));
            }
            let mut items = std::mem::take(&mut *wr(&l));
            let r = vm.sort_values(&mut items, key, reverse);
            *wr(&l) = items;
            r?;
            Ok(Value::None)
        }
        "reverse" => {
            wr(&l).reverse();
            Ok(Value::None)
        }
        "copy" => Ok(Value::list(rd(&l).clone())),
        "clear" => {
            wr(&l).clear();
            Ok(Value::None)
        }
        "__len__" => Ok(Value::Int(rd(&l).len() as i64)),
        "__getitem__" => vm.getitem(&Value::List(l.clone()), &arg(&a, 1).unwrap_or_default()),
        "__setitem__" => {
            vm.setitem(
                &Value::List(l.clone()),
                arg(&a, 1).unwrap_or_default(),
                arg(&a, 2).unwrap_or_default(),
            )?;
            Ok(Value::None)
        }
        "__contains__" => Ok(Value::Bool(
            vm.contains(&Value::List(l.clone()), &arg(&a, 1).unwrap_or_default())?,
        )),
        "__iter__" => vm.get_iter(&Value::List(l.clone())),
        _ => Err(err3(
            "AttributeError",
            "'list' object has no attribute '",
            name,
            "'",
        )),
    }
}

fn dict_fromkeys(vm: &mut Vm, _name: &str, a: Args) -> PyResult<Value> {
    refuse_kw("dict", "fromkeys", &a, &[])?;
    // pos(&a, 0) is the class (classmethod)
    let keys = vm.to_vec(&arg(&a, 1).unwrap_or_default())?;
    let v = arg(&a, 2).unwrap_or(Value::None);
    let d = vm.new_dict();
    for k in keys {
        vm.dict_set(&d, k, v.clone())?;
    }
    Ok(Value::Dict(d))
}

fn dict_method(vm: &mut Vm, name: &str, a: Args) -> PyResult<Value> {
    refuse_kw("dict", name, &a, &["update"])?;
    let Some(Value::Dict(d)) = self_arg(vm, &a) else {
        return Err(err3(
            "TypeError",
            "descriptor '",
            name,
            "' requires a 'dict' object",
        ));
    };
    match name {
        "get" => {
            need("get", &a, 1, 2)?;
            Ok(vm
                .dict_get(&d, pos(&a, 1))?
                .unwrap_or_else(|| arg(&a, 2).unwrap_or(Value::None)))
        }
        "keys" => Ok(view(vm, &d, 0)),
        "values" => Ok(view(vm, &d, 1)),
        "items" => Ok(view(vm, &d, 2)),
        "pop" => {
            need("pop", &a, 1, 2)?;
            match vm.dict_find(&d, pos(&a, 1))? {
                Some(i) => Ok(d
                    .borrow_mut()
                    .remove_at(i)
                    .map(|(_, v)| v)
                    .unwrap_or_default()),
                None => match arg(&a, 2) {
                    Some(dv) => Ok(dv),
                    None => Err(vm.key_error(pos(&a, 1).clone())),
                },
            }
        }
        "setdefault" => {
            need("setdefault", &a, 1, 2)?;
            if let Some(v) = vm.dict_get(&d, pos(&a, 1))? {
                return Ok(v);
            }
            let dv = arg(&a, 2).unwrap_or(Value::None);
            vm.dict_set(&d, pos(&a, 1).clone(), dv.clone())?;
            Ok(dv)
        }
        "update" => {
            if let Some(o) = arg(&a, 1) {
                vm.dict_update(&d, &o)?;
            }
            for (k, v) in &a.kw {
                vm.dict_set(&d, Value::Str(k.clone()), v.clone())?;
            }
            Ok(Value::None)
        }
        "copy" => Ok(Value::Dict(Rc::new(RefCell::new(rd(&d).clone())))),
        "clear" => {
            wr(&d).clear();
            Ok(Value::None)
        }
        "popitem" => {
            let last = rd(&d).last_index();
            match last {
                Some(i) => {
                    let (k, v) = wr(&d).remove_at(i).unwrap_or_default();
                    Ok(Value::tuple(vec![k, v]))
                }
                None => Err(PyErr::new("KeyError", "popitem(): dictionary is empty")),
            }
        }
        "__len__" => Ok(Value::Int(rd(&d).len() as i64)),
        "__getitem__" => vm.getitem(&Value::Dict(d.clone()), &arg(&a, 1).unwrap_or_default()),
        "__setitem__" => {
            vm.dict_set(
                &d,
                arg(&a, 1).unwrap_or_default(),
                arg(&a, 2).unwrap_or_default(),
            )?;
            Ok(Value::None)
        }
        "__contains__" => Ok(Value::Bool(
            vm.dict_find(&d, &arg(&a, 1).unwrap_or_default())?.is_some(),
        )),
        "__iter__" => vm.get_iter(&Value::Dict(d.clone())),
        _ => Err(err3(
            "AttributeError",
            "'dict' object has no attribute '",
            name,
            "'",
        )),
    }
}

/// `d.keys()`/`values()`/`items()`: a snapshot list-like view (our views are lists;
/// `repr` differs from CPython's `dict_keys([...])`, which we render specially).
fn view(vm: &mut Vm, d: &Rc<RefCell<super::dict::PyDict>>, kind: u8) -> Value {
    let _ = vm;
    let b = rd(d);
    let items: Vec<Value> = match kind {
        0 => b.keys(),
        1 => b.values(),
        _ => b
            .items()
            .into_iter()
            .map(|(k, v)| Value::tuple(vec![k, v]))
            .collect(),
    };
    let cls_name = ["dict_keys", "dict_values", "dict_items"][kind as usize];
    Value::Instance(Rc::new(Instance {
        class: RefCell::new(vm.view_class(cls_name)),
        dict: RefCell::new(super::namemap::NameMap::new()),
        exc: None,
        payload: RefCell::new(Value::list(items)),
    }))
}

impl Vm {
    /// Classes for dict views (instances whose payload is a list of the items).
    pub fn view_class(&mut self, name: &'static str) -> Rc<Class> {
        if let Some(Value::Class(c)) = self.modules.get(name) {
            return c.clone();
        }
        let mut d = super::namemap::NameMap::new();
        d.set_str("__repr__", super::builtins::native("__repr__", view_repr));
        d.set_str("__module__", Value::str("builtins"));
        let c = super::types::make_class(name, vec![self.t.object.clone()], BuiltinType::Object, d)
            .unwrap_or_else(|_| self.t.object.clone());
        self.modules
            .insert(name.to_string(), Value::Class(c.clone()));
        c
    }
}

fn view_repr(vm: &mut Vm, _n: &str, a: Args) -> PyResult<Value> {
    let v = arg(&a, 0).unwrap_or_default();
    let name = vm.type_name(&v);
    let p = vm.payload(&v).unwrap_or(Value::list(vec![]));
    let r = vm.repr(&p)?;
    Ok(Value::string(format!("{name}({r})")))
}

fn set_method(vm: &mut Vm, name: &str, a: Args) -> PyResult<Value> {
    refuse_kw("set", name, &a, &[])?;
    let this = self_arg(vm, &a).unwrap_or_default();
    let d = match &this {
        Value::Set(d) => d.clone(),
        Value::FrozenSet(f) => Rc::new(RefCell::new((**f).clone())),
        _ => {
            return Err(err3(
                "TypeError",
                "descriptor '",
                name,
                "' requires a 'set' object",
            ))
        }
    };
    use crate::python::ast::BinOp;
    match name {
        "add" => {
            need("set.add", &a, 1, 1)?;
            vm.set_add(&d, pos(&a, 1).clone())?;
            Ok(Value::None)
        }
        "discard" | "remove" => {
            need(name, &a, 1, 1)?;
            match vm.dict_find(&d, pos(&a, 1))? {
                Some(i) => {
                    wr(&d).remove_at(i);
                }
                None => {
                    if name == "remove" {
                        return Err(vm.key_error(pos(&a, 1).clone()));
                    }
                }
            }
            Ok(Value::None)
        }
        "pop" => {
            let first = rd(&d).next_from(0);
            match first {
                Some((i, k, _)) => {
                    wr(&d).remove_at(i);
                    Ok(k)
                }
                None => Err(PyErr::new("KeyError", "pop from an empty set")),
            }
        }
        "clear" => {
            wr(&d).clear();
            Ok(Value::None)
        }
        "copy" => Ok(match this {
            Value::FrozenSet(_) => this.clone(),
            _ => Value::Set(Rc::new(RefCell::new(rd(&d).clone()))),
        }),
        "union" | "intersection" | "difference" | "symmetric_difference" => {
            let op = match name {
                "union" => BinOp::BitOr,
                "intersection" => BinOp::BitAnd,
                "difference" => BinOp::Sub,
                _ => BinOp::BitXor,
            };
            let mut acc = this.clone();
            for o in rest(&a) {
                let ov = match o {
                    Value::Set(_) | Value::FrozenSet(_) => o.clone(),
                    other => {
                        let items = vm.to_vec(other)?;
                        vm.new_set(items)?
                    }
                };
                acc = vm.set_op(&acc, &ov, op)?;
            }
            if a.pos.len() == 1 {
                acc = match this {
                    Value::FrozenSet(_) => this.clone(),
                    _ => Value::Set(Rc::new(RefCell::new(rd(&d).clone()))),
                };
            }
            Ok(acc)
        }
        "update" | "intersection_update" | "difference_update" => {
            let op = match name {
                "update" => BinOp::BitOr,
                "intersection_update" => BinOp::BitAnd,
                _ => BinOp::Sub,
            };
            let mut acc = this.clone();
            for o in rest(&a) {
                let items = vm.to_vec(o)?;
                let ov = vm.new_set(items)?;
                acc = vm.set_op(&acc, &ov, op)?;
            }
            if let Value::Set(r) = acc {
                let new = rd(&r).clone();
                *wr(&d) = new;
            }
            Ok(Value::None)
        }
        "issubset" | "issuperset" | "isdisjoint" => {
            need(name, &a, 1, 1)?;
            let items = vm.to_vec(pos(&a, 1))?;
            let other = vm.new_set(items)?;
            let (x, y) = if name == "issuperset" {
                (other, this.clone())
            } else {
                (this.clone(), other)
            };
            let xs = vm.set_keys(&x);
            if name == "isdisjoint" {
                for k in xs {
                    if vm.contains(&y, &k)? {
                        return Ok(Value::Bool(false));
                    }
                }
                return Ok(Value::Bool(true));
            }
            for k in xs {
                if !vm.contains(&y, &k)? {
                    return Ok(Value::Bool(false));
                }
            }
            Ok(Value::Bool(true))
        }
        "__len__" => Ok(Value::Int(rd(&d).len() as i64)),
        "__contains__" => Ok(Value::Bool(
            vm.dict_find(&d, &arg(&a, 1).unwrap_or_default())?.is_some(),
        )),
        "__iter__" => vm.get_iter(&this),
        _ => Err(err3(
            "AttributeError",
            "'set' object has no attribute '",
            name,
            "'",
        )),
    }
}

fn tuple_method(vm: &mut Vm, name: &str, a: Args) -> PyResult<Value> {
    refuse_kw("tuple", name, &a, &[])?;
    let Some(Value::Tuple(t)) = self_arg(vm, &a) else {
        return Err(err3(
            "TypeError",
            "descriptor '",
            name,
            "' requires a 'tuple' object",
        ));
    };
    match name {
        "index" | "count" => {
            let x = arg(&a, 1).unwrap_or_default();
            let mut c = 0;
            for (i, y) in t.iter().enumerate() {
                if y.is(&x) || vm.eq(y, &x)? {
                    if name == "index" {
                        return Ok(Value::Int(i as i64));
                    }
                    c += 1;
                }
            }
            if name == "index" {
                Err(PyErr::new("ValueError", "tuple.index(x): x not in tuple"))
            } else {
                Ok(Value::Int(c))
            }
        }
        "__len__" => Ok(Value::Int(t.len() as i64)),
        "__getitem__" => vm.getitem(&Value::Tuple(t.clone()), &arg(&a, 1).unwrap_or_default()),
        "__contains__" => Ok(Value::Bool(
            vm.contains(&Value::Tuple(t.clone()), &arg(&a, 1).unwrap_or_default())?,
        )),
        "__iter__" => vm.get_iter(&Value::Tuple(t.clone())),
        _ => Err(err3(
            "AttributeError",
            "'tuple' object has no attribute '",
            name,
            "'",
        )),
    }
}

fn num_method(vm: &mut Vm, name: &str, a: Args) -> PyResult<Value> {
    let v = arg(&a, 0).unwrap_or_default();
    match (name, &v) {
        ("bit_length", Value::Int(i)) => {
            Ok(Value::Int(64 - i.unsigned_abs().leading_zeros() as i64))
        }
        ("conjugate" | "__index__" | "__int__", Value::Int(_)) => Ok(v.clone()),
        ("__float__", Value::Int(i)) => Ok(Value::Float(*i as f64)),
        ("__abs__", Value::Int(i)) => Ok(Value::Int(i.abs())),
        ("is_integer", Value::Float(f)) => Ok(Value::Bool(f.fract() == 0.0 && f.is_finite())),
        ("conjugate" | "__float__", Value::Float(_)) => Ok(v.clone()),
        ("__int__", Value::Float(_)) => vm.to_int(&v),
        ("__abs__", Value::Float(f)) => Ok(Value::Float(f.abs())),
        ("as_integer_ratio", Value::Float(f)) => {
            if !f.is_finite() {
                return Err(PyErr::new(
                    "OverflowError",
                    "cannot convert Infinity to integer ratio",
                ));
            }
            let mut n = *f;
            let mut d: i64 = 1;
            while n.fract() != 0.0 && d < (1 << 52) {
                n *= 2.0;
                d *= 2;
            }
            Ok(Value::tuple(vec![Value::Int(n as i64), Value::Int(d)]))
        }
        _ => Err(PyErr::new(
            "AttributeError",
            format!("'{}' object has no attribute '{}'", vm.type_name(&v), name),
        )),
    }
}

fn bytes_method(vm: &mut Vm, name: &str, a: Args) -> PyResult<Value> {
    let Some(Value::Bytes(b)) = arg(&a, 0) else {
        return Err(PyErr::new("TypeError", "bytes method"));
    };
    let _ = vm;
    match name {
        // (Borrowed exactly when the bytes are valid UTF-8; from_utf8_lossy is in
        // the wasm anyway, String::from_utf8 would be another copy of the check.)
        "decode" => match String::from_utf8_lossy(&b) {
            std::borrow::Cow::Borrowed(s) => Ok(Value::str(s)),
            std::borrow::Cow::Owned(_) => Err(PyErr::new(
                "UnicodeError",
                "'utf-8' codec can't decode bytes",
            )),
        },
        "hex" => Ok(Value::string(
            b.iter().map(|x| format!("{x:02x}")).collect(),
        )),
        "__len__" => Ok(Value::Int(b.len() as i64)),
        _ => Err(err3(
            "AttributeError",
            "'bytes' object has no attribute '",
            name,
            "'",
        )),
    }
}

fn gen_method(vm: &mut Vm, name: &str, a: Args) -> PyResult<Value> {
    let Some(Value::Gen(g)) = arg(&a, 0) else {
        return Err(PyErr::new("TypeError", "generator method"));
    };
    match name {
        "send" => vm.gen_send_native(&g, GenMode::Send(arg(&a, 1).unwrap_or(Value::None))),
        "__next__" => vm.gen_send_native(&g, GenMode::Send(Value::None)),
        "throw" => {
            let e = vm.throw_args(rest(&a))?;
            vm.gen_send_native(&g, GenMode::Throw(e))
        }
        "close" => vm.gen_close(&g),
        "__iter__" | "__aiter__" => Ok(Value::Gen(g.clone())),
        "__await__" => {
            g.wrapped.set(true);
            Ok(Value::Gen(g.clone()))
        }
        "__anext__" | "asend" => Ok(Value::Iter(Rc::new(Shallow(RefCell::new(
            IterObj::ASend {
                gen: g.clone(),
                value: if name == "asend" {
                    arg(&a, 1).unwrap_or(Value::None)
                } else {
                    Value::None
                },
                started: false,
                throw: false,
                close: false,
            },
        ))))),
        "athrow" => Ok(Value::Iter(Rc::new(Shallow(RefCell::new(
            IterObj::ASend {
                gen: g.clone(),
                value: vm.throw_args(rest(&a))?,
                started: false,
                throw: true,
                close: false,
            },
        ))))),
        "aclose" => {
            // GeneratorExit at the generator's `yield`, when awaited; a generator
            // not started or already finished is just closed.
            let it = if g.state.get() == GenState::Suspended {
                IterObj::ASend {
                    gen: g.clone(),
                    value: vm.make_exc("GeneratorExit", ""),
                    started: false,
                    throw: true,
                    close: true,
                }
            } else {
                vm.gen_close(&g)?;
                IterObj::Done(Value::None)
            };
            Ok(Value::Iter(Rc::new(Shallow(RefCell::new(it)))))
        }
        _ => Err(err3(
            "AttributeError",
            "generator has no attribute '",
            name,
            "'",
        )),
    }
}

fn iter_method(vm: &mut Vm, name: &str, a: Args) -> PyResult<Value> {
    let it = arg(&a, 0).unwrap_or_default();
    match name {
        "__iter__" | "__await__" => Ok(it),
        "__next__" | "send" => match vm.iter_next_with_value(&it)? {
            Ok(v) => Ok(v),
            Err(r) => Err(vm.stop_iteration(r)),
        },
        "throw" => {
            let e = vm.throw_args(rest(&a))?;
            // An asend()/athrow()/aclose() awaitable (a task's coroutine being
            // cancelled): into the generator at once. As in CPython, the awaitable
            // itself is not started by it (aclose()'s GeneratorExit comes later).
            let target = match &it {
                Value::Iter(cell) => match &*cell.borrow() {
                    IterObj::ASend { gen, close, .. } => Some((gen.clone(), *close)),
                    _ => None,
                },
                _ => None,
            };
            let Some((gen, close)) = target else {
                return Err(PyErr::exc(e));
            };
            match vm.asend_resume(&gen, close, GenMode::Throw(e))? {
                Ok(v) => Ok(v),
                Err(r) => Err(vm.stop_iteration(r)),
            }
        }
        "close" => Ok(Value::None),
        _ => Err(err3(
            "AttributeError",
            "iterator has no attribute '",
            name,
            "'",
        )),
    }
}

fn object_method(vm: &mut Vm, name: &str, a: Args) -> PyResult<Value> {
    let this = arg(&a, 0).unwrap_or_default();
    match name {
        "__init__" if a.pos.len() > 1 || !a.kw.is_empty() => {
            let cls = vm.type_of(&this);
            if vm.class_lookup_user(&cls, "__init__").is_some()
                || vm.class_lookup_user(&cls, "__new__").is_some()
            {
                Err(PyErr::new(
                    "TypeError",
                    "object.__init__() takes exactly one argument (the instance to initialize)",
                ))
            } else {
                Err(err3("TypeError", "", &cls.name.s, "() takes no arguments"))
            }
        }
        "__init_subclass__" if !a.kw.is_empty() => {
            let name = match &this {
                Value::Class(c) => c.name.s.clone(),
                other => vm.type_name(other),
            };
            Err(err3(
                "TypeError",
                "",
                &name,
                ".__init_subclass__() takes no keyword arguments",
            ))
        }
        "__init__" | "__init_subclass__" => Ok(Value::None),
        "__new__" => {
            // `super().__new__(cls)` in a `__new__` (singletons, typing's Protocol).
            let Value::Class(cls) = this else {
                let tn = vm.type_name(&this);
                return Err(err3(
                    "TypeError",
                    "object.__new__(X): X is not a type object (",
                    &tn,
                    ")",
                ));
            };
            let rest: Vec<Value> = a.pos[1..].to_vec();
            if (!rest.is_empty() || !a.kw.is_empty()) && !cls.is_exception {
                if vm.class_lookup_user(&cls, "__new__").is_some() {
                    return Err(PyErr::new(
                        "TypeError",
                        "object.__new__() takes exactly one argument (the type to instantiate)",
                    ));
                }
                if vm.class_lookup_user(&cls, "__init__").is_none() {
                    return Err(err3("TypeError", "", &cls.name.s, "() takes no arguments"));
                }
            }
            let payload = if cls.builtin != BuiltinType::Object && !cls.is_exception {
                super::builtins::builtin_payload(vm, &cls, &[])?
            } else {
                Value::None
            };
            Ok(Value::Instance(Rc::new(Instance {
                class: RefCell::new(cls.clone()),
                dict: RefCell::new(super::namemap::NameMap::new()),
                exc: cls.is_exception.then(|| {
                    RefCell::new(ExcData {
                        args: rest,
                        cause: Value::None,
                        context: Value::None,
                        ..Default::default()
                    })
                }),
                payload: RefCell::new(payload),
            })))
        }
        "__repr__" => vm.default_repr(&this).map(Value::string),
        "__str__" => vm.repr(&this).map(Value::string),
        "__format__" => {
            let spec = match arg(&a, 1) {
                Some(Value::Str(s)) => s.s.clone(),
                _ => String::new(),
            };
            if !spec.is_empty() {
                return Err(type_error_of(
                    vm,
                    "unsupported format string passed to ",
                    &this,
                    ".__format__",
                ));
            }
            vm.str_of(&this).map(Value::string)
        }
        "__hash__" => Ok(Value::Int(this.id() >> 4)),
        "__setattr__" | "__delattr__" => {
            let Some(Value::Str(attr)) = arg(&a, 1) else {
                return Err(PyErr::new(
                    "TypeError",
                    format!(
                        "attribute name must be string, not '{}'",
                        vm.type_name(&arg(&a, 1).unwrap_or_default())
                    ),
                ));
            };
            let attr = super::namemap::intern(&attr.s);
            if name == "__delattr__" {
                return vm.object_delattr(&this, &attr).map(|()| Value::None);
            }
            let v = arg(&a, 2).unwrap_or_default();
            vm.object_setattr(&this, &attr, v).map(|()| Value::None)
        }
        "__ne__" => {
            let o = arg(&a, 1).unwrap_or_default();
            Ok(Value::Bool(!vm.eq(&this, &o)?))
        }
        _ => Err(PyErr::new("AttributeError", name.to_string())),
    }
}

fn exc_method(vm: &mut Vm, name: &str, a: Args) -> PyResult<Value> {
    let this = arg(&a, 0).unwrap_or_default();
    match name {
        "__init__" => {
            if let Value::Instance(i) = &this {
                if let Some(d) = &i.exc {
                    wr(d).args = rest(&a).to_vec();
                }
            }
            Ok(Value::None)
        }
        "__str__" => vm.exc_default_str(&this).map(Value::string),
        "__repr__" => vm.exc_default_repr(&this).map(Value::string),
        "with_traceback" => Ok(this),
        "add_note" => {
            let n = arg(&a, 1).unwrap_or_default();
            if let Value::Instance(i) = &this {
                let notes = rd(&i.dict).lookup_str("__notes__");
                match notes {
                    Some(Value::List(l)) => wr(&l).push(n),
                    _ => {
                        wr(&i.dict).set_str("__notes__", Value::list(vec![n]));
                        vm.stored_past_descriptors(i);
                    }
                }
            }
            Ok(Value::None)
        }
        "split" | "subgroup" => {
            let cond = arg(&a, 1).unwrap_or_default();
            let (m, r) = vm.eg_split_by(&this, &cond, name == "split")?;
            Ok(if name == "split" {
                Value::tuple(vec![m, r])
            } else {
                m
            })
        }
        "derive" => {
            let excs = vm.to_vec(&arg(&a, 1).unwrap_or_default())?;
            let msg = match &this {
                Value::Instance(i) => rd(&i.dict).get_str("message").cloned(),
                _ => None,
            };
            let base = vm.exc_class("BaseExceptionGroup");
            vm.make_exception_group(&base, msg.unwrap_or(Value::str("")), excs)
        }
        _ => Err(PyErr::new("AttributeError", name.to_string())),
    }
}

fn property_method(vm: &mut Vm, name: &str, a: Args) -> PyResult<Value> {
    let Some(Value::Property(p)) = arg(&a, 0) else {
        return Err(PyErr::new("TypeError", "property method"));
    };
    let f = arg(&a, 1).unwrap_or(Value::None);
    let mut parts = [p[0].clone(), p[1].clone(), p[2].clone()];
    match name {
        "getter" => parts[0] = f,
        "setter" => parts[1] = f,
        "deleter" => parts[2] = f,
        "__get__" => {
            let g = p[0].clone();
            return vm.call(&g, vec![f]);
        }
        _ => {}
    }
    let _ = intern;
    // (The copy keeps the name, as CPython's `property_copy` does.)
    let name = p.name.borrow().clone();
    Ok(Value::Property(Rc::new(Shallow(PropertyObj {
        fns: parts,
        name: RefCell::new(name),
    }))))
}

#[cfg(test)]
mod rfind_tests {
    #[test]
    fn rfind_str_is_rfind() {
        for hay in ["", "a", "aaaa", "abcabc", "éaéaé", "xyz", "ababa"] {
            for sub in ["", "a", "aa", "abc", "é", "aé", "zz", "aba", "ababab"] {
                assert_eq!(
                    super::rfind_str(hay, sub),
                    hay.rfind(sub),
                    "{hay:?} {sub:?}"
                );
            }
        }
    }
}
