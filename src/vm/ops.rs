//! Operators and protocols: truth, repr/str, hashing, equality and ordering,
//! arithmetic (ints are i64: overflow raises OverflowError), subscripts,
//! containment, dict/set storage with Python key semantics.

use std::cell::RefCell;
use std::rc::Rc;

use super::dict::PyDict;
use super::fmt;
use super::namemap::{intern, NameMap};
use super::value::*;
use super::{ErrKind, PyErr, PyResult, Vm, MAX_COLLECTION, MAX_STR_BYTES};
use crate::python::ast::{BinOp, CmpOp, UnaryOp};

const MODULUS: u64 = (1u64 << 61) - 1;

/// Nested tuples `simple_eq` compares before handing over to the guarded `eq`.
const SIMPLE_EQ_DEPTH: u32 = 16;

pub fn hash_int(i: i64) -> i64 {
    let neg = i < 0;
    let a = i.unsigned_abs() % MODULUS;
    let h = if neg { -(a as i64) } else { a as i64 };
    if h == -1 {
        -2
    } else {
        h
    }
}

pub fn hash_float(v: f64) -> i64 {
    if v.is_nan() {
        return 0;
    }
    if v.is_infinite() {
        return if v > 0.0 { 314159 } else { -314159 };
    }
    if v.fract() == 0.0 && v.abs() < 9.2e18 {
        return hash_int(v as i64);
    }
    // CPython's _Py_HashDouble.
    let (mut m, mut e) = frexp(v.abs());
    let sign: i64 = if v < 0.0 { -1 } else { 1 };
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (61 - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = e.rem_euclid(61) as u32;
    x = ((x << e) & MODULUS) | (x >> (61 - e));
    let h = (x as i64) * sign;
    if h == -1 {
        -2
    } else {
        h
    }
}

fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 {
        return (0.0, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(v * 2f64.powi(54));
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, exp - 1022)
}

pub fn hash_str(s: &str) -> i64 {
    // FNV-1a (CPython randomizes str hashes per process, so no program can depend on them).
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    let h = (h >> 2) as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

/// The iteration order CPython 3.11 gives a set of ints built by inserting
/// `keys` in this order (its open-addressing table: linear probes of 9, then
/// perturbation, resize ×4 at 60% fill). Other sets keep insertion order (CPython
/// randomizes str hashes, so no program can rely on their order).
pub fn cpython_set_order(keys: Vec<Value>) -> Vec<Value> {
    if keys.len() < 2
        || !keys
            .iter()
            .all(|k| matches!(k, Value::Int(_) | Value::Bool(_)))
    {
        return keys;
    }
    let hash = |v: &Value| -> u64 {
        match v {
            Value::Int(i) => hash_int(*i) as u64,
            Value::Bool(b) => *b as u64,
            _ => 0,
        }
    };
    fn insert(table: &mut [Option<usize>], h: u64, idx: usize) {
        let mask = table.len() - 1;
        let mut i = (h as usize) & mask;
        let mut perturb = h;
        loop {
            if table[i].is_none() {
                table[i] = Some(idx);
                return;
            }
            if i + 9 <= mask {
                for j in 1..=9 {
                    if table[i + j].is_none() {
                        table[i + j] = Some(idx);
                        return;
                    }
                }
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }
    let mut table: Vec<Option<usize>> = vec![None; 8];
    let mut used = 0usize;
    for (idx, k) in keys.iter().enumerate() {
        insert(&mut table, hash(k), idx);
        used += 1;
        let mask = table.len() - 1;
        if used * 5 >= mask * 3 {
            let minused = if used > 50000 { used * 2 } else { used * 4 };
            let mut size = 8;
            while size <= minused {
                size <<= 1;
            }
            let old = std::mem::replace(&mut table, vec![None; size]);
            for i in old.into_iter().flatten() {
                insert(&mut table, hash(&keys[i]), i);
            }
        }
    }
    table
        .into_iter()
        .flatten()
        .map(|i| keys[i].clone())
        .collect()
}

pub fn ascii_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let u = c as u32;
        if u < 0x80 {
            out.push(c);
        } else if u < 0x100 {
            out.push_str(&format!("\\x{u:02x}"));
        } else if u < 0x10000 {
            out.push_str(&format!("\\u{u:04x}"));
        } else {
            out.push_str(&format!("\\U{u:08x}"));
        }
    }
    out
}

fn op_symbol(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mult => "*",
        BinOp::MatMult => "@",
        BinOp::Div => "/",
        BinOp::Mod => "%",
        BinOp::Pow => "** or pow()",
        BinOp::LShift => "<<",
        BinOp::RShift => ">>",
        BinOp::BitOr => "|",
        BinOp::BitXor => "^",
        BinOp::BitAnd => "&",
        BinOp::FloorDiv => "//",
    }
}

fn dunder(op: BinOp) -> (&'static str, &'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__", "__iadd__"),
        BinOp::Sub => ("__sub__", "__rsub__", "__isub__"),
        BinOp::Mult => ("__mul__", "__rmul__", "__imul__"),
        BinOp::MatMult => ("__matmul__", "__rmatmul__", "__imatmul__"),
        BinOp::Div => ("__truediv__", "__rtruediv__", "__itruediv__"),
        BinOp::Mod => ("__mod__", "__rmod__", "__imod__"),
        BinOp::Pow => ("__pow__", "__rpow__", "__ipow__"),
        BinOp::LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__", "__irshift__"),
        BinOp::BitOr => ("__or__", "__ror__", "__ior__"),
        BinOp::BitXor => ("__xor__", "__rxor__", "__ixor__"),
        BinOp::BitAnd => ("__and__", "__rand__", "__iand__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
    }
}

fn overflow() -> PyErr {
    PyErr::new(
        "OverflowError",
        "integer overflow (Awaitscope ints are 64-bit)",
    )
}

fn as_num(v: &Value) -> Option<f64> {
    match v {
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(*b as i64 as f64),
        Value::Float(f) => Some(*f),
        _ => None,
    }
}

fn as_int(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        _ => None,
    }
}

pub fn int_pow(a: i64, b: i64) -> Option<i64> {
    let mut result: i64 = 1;
    let mut base = a;
    let mut e = b as u64;
    while e > 0 {
        if e & 1 == 1 {
            result = result.checked_mul(base)?;
        }
        e >>= 1;
        if e > 0 {
            base = base.checked_mul(base)?;
        }
    }
    Some(result)
}

fn float_mod(a: f64, b: f64) -> f64 {
    let m = a % b;
    if m != 0.0 && ((m < 0.0) != (b < 0.0)) {
        m + b
    } else if m == 0.0 {
        0.0f64.copysign(b)
    } else {
        m
    }
}

impl Vm {
    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        Ok(match v {
            Value::Undef | Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.s.is_empty(),
            Value::Bytes(b) => !b.is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::List(l) => !l.borrow().is_empty(),
            Value::Dict(d) | Value::Set(d) => !d.borrow().is_empty(),
            Value::FrozenSet(d) => !d.is_empty(),
            Value::Range(r) => !r.is_empty(),
            Value::Instance(i) => {
                let cls = i.class.borrow().clone();
                if let Some(m) = self.class_lookup_user(&cls, "__bool__") {
                    let r = self.call(&m, vec![v.clone()])?;
                    return match r {
                        Value::Bool(b) => Ok(b),
                        other => Err(PyErr::new(
                            "TypeError",
                            format!(
                                "__bool__ should return bool, returned {}",
                                self.type_name(&other)
                            ),
                        )),
                    };
                }
                if let Some(m) = self.class_lookup_user(&cls, "__len__") {
                    let r = self.call(&m, vec![v.clone()])?;
                    return Ok(as_int(&r).unwrap_or(1) != 0);
                }
                if let Some(p) = self.payload(v) {
                    return self.truthy(&p);
                }
                true
            }
            _ => true,
        })
    }

    pub fn payload(&self, v: &Value) -> Option<Value> {
        if let Value::Instance(i) = v {
            let p = i.payload.borrow();
            if !p.is_none() {
                return Some(p.clone());
            }
        }
        None
    }

    pub fn repr(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::Tuple(_)
            | Value::List(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::FrozenSet(_)
            | Value::Slice(_)
            | Value::BoundMethod(_)
            | Value::Super(_) => self.nested(" while getting the repr of an object", |vm| {
                vm.repr_unguarded(v)
            }),
            _ => self.repr_unguarded(v),
        }
    }

    fn repr_unguarded(&mut self, v: &Value) -> PyResult<String> {
        Ok(match v {
            Value::Undef => "<undefined>".into(),
            Value::None => "None".into(),
            Value::NotImplemented => "NotImplemented".into(),
            Value::Ellipsis => "Ellipsis".into(),
            Value::Bool(b) => if *b { "True" } else { "False" }.into(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => fmt::float_repr(*f),
            Value::Str(s) => fmt::str_repr(&s.s),
            Value::Bytes(b) => fmt::bytes_repr(b),
            Value::Tuple(t) => {
                if !self.repr_enter(v) {
                    return Ok("(...)".into());
                }
                let r = self.repr_items(t);
                self.repr_leave();
                let r = r?;
                if t.len() == 1 {
                    format!("({r},)")
                } else {
                    format!("({r})")
                }
            }
            Value::List(l) => {
                if !self.repr_enter(v) {
                    return Ok("[...]".into());
                }
                let items = l.borrow().clone();
                let r = self.repr_items(&items);
                self.repr_leave();
                format!("[{}]", r?)
            }
            Value::Dict(d) => {
                if !self.repr_enter(v) {
                    return Ok("{...}".into());
                }
                let items = d.borrow().items();
                let r = (|| -> PyResult<String> {
                    let mut parts = Vec::with_capacity(items.len());
                    for (k, val) in &items {
                        parts.push(format!("{}: {}", self.repr(k)?, self.repr(val)?));
                    }
                    Ok(parts.join(", "))
                })();
                self.repr_leave();
                format!("{{{}}}", r?)
            }
            Value::Set(d) => {
                let keys = cpython_set_order(d.borrow().keys());
                if keys.is_empty() {
                    "set()".into()
                } else {
                    if !self.repr_enter(v) {
                        return Ok("{...}".into());
                    }
                    let r = self.repr_items(&keys);
                    self.repr_leave();
                    format!("{{{}}}", r?)
                }
            }
            Value::FrozenSet(d) => {
                let keys = cpython_set_order(d.keys());
                if keys.is_empty() {
                    "frozenset()".into()
                } else {
                    format!("frozenset({{{}}})", self.repr_items(&keys)?)
                }
            }
            Value::Range(r) => {
                if r.step == 1 {
                    format!("range({}, {})", r.start, r.stop)
                } else {
                    format!("range({}, {}, {})", r.start, r.stop, r.step)
                }
            }
            Value::Slice(s) => format!(
                "slice({}, {}, {})",
                self.repr(&s[0])?,
                self.repr(&s[1])?,
                self.repr(&s[2])?
            ),
            Value::Function(f) => format!("<function {} at 0x{:x}>", f.qualname.borrow().s, v.id()),
            Value::Native(n) => {
                if n.is_method {
                    format!("<method '{}' of builtin objects>", n.name)
                } else {
                    format!("<built-in function {}>", n.name)
                }
            }
            Value::BoundMethod(bm) => {
                let sr = self.repr(&bm.self_)?;
                match &bm.func {
                    Value::Function(f) => {
                        format!("<bound method {} of {}>", f.qualname.borrow().s, sr)
                    }
                    Value::Native(n) => format!(
                        "<built-in method {} of {} object at 0x{:x}>",
                        n.name,
                        self.type_name(&bm.self_),
                        bm.self_.id()
                    ),
                    _ => format!("<bound method of {sr}>"),
                }
            }
            Value::Class(c) => {
                let m = match &*c.module.borrow() {
                    Value::Str(s) if s.s != "builtins" => format!("{}.", s.s),
                    _ => String::new(),
                };
                format!("<class '{}{}'>", m, c.qualname.s)
            }
            Value::Instance(i) => {
                let cls = i.class.borrow().clone();
                if let Some(m) = self.class_lookup_user(&cls, "__repr__") {
                    let r = self.call(&m, vec![v.clone()])?;
                    return match r {
                        Value::Str(s) => Ok(s.s.clone()),
                        other => Err(PyErr::new(
                            "TypeError",
                            format!(
                                "__repr__ returned non-string (type {})",
                                self.type_name(&other)
                            ),
                        )),
                    };
                }
                return self.default_repr(v);
            }
            Value::Module(m) => format!("<module '{}'>", m.name.s),
            Value::Gen(g) => {
                let what = match g.kind {
                    GenKind::Generator => "generator",
                    GenKind::Coroutine => "coroutine",
                    GenKind::AsyncGenerator => "async_generator",
                };
                format!("<{} object {} at 0x{:x}>", what, g.qualname.s, v.id())
            }
            Value::Iter(it) => {
                let n = super::iter::iter_type_name(&it.borrow());
                format!("<{} object at 0x{:x}>", n, v.id())
            }
            Value::Cell(_) => format!("<cell at 0x{:x}>", v.id()),
            Value::Code(c) => format!(
                "<code object {} at 0x{:x}, file \"{}\", line {}>",
                c.name.s,
                v.id(),
                c.filename,
                c.first_line
            ),
            Value::Property(_) => format!("<property object at 0x{:x}>", v.id()),
            Value::StaticMethod(_) => format!("<staticmethod object at 0x{:x}>", v.id()),
            Value::ClassMethod(_) => format!("<classmethod object at 0x{:x}>", v.id()),
            Value::Super(s) => format!(
                "<super: <class '{}'>, <{} object>>",
                s.0.name.s,
                self.type_name(&s.1)
            ),
            Value::Handle(h) => self.handle_repr(h)?,
        })
    }

    /// `object.__repr__`: `<__main__.A object at 0x...>` (exceptions: `ValueError('x')`).
    pub fn default_repr(&mut self, v: &Value) -> PyResult<String> {
        if let Value::Instance(i) = v {
            if i.exc.is_some() {
                return self.exc_default_repr(v);
            }
            if let Some(p) = self.payload(v) {
                return self.repr(&p);
            }
            let cls = i.class.borrow().clone();
            let m = match &*cls.module.borrow() {
                Value::Str(s) if s.s != "builtins" => format!("{}.", s.s),
                _ => String::new(),
            };
            return Ok(format!(
                "<{}{} object at 0x{:x}>",
                m,
                cls.qualname.s,
                v.id()
            ));
        }
        self.repr(v)
    }

    fn repr_enter(&mut self, v: &Value) -> bool {
        let id = v.id();
        if self.host.repr_stack.contains(&id) {
            return false;
        }
        self.host.repr_stack.push(id);
        true
    }
    fn repr_leave(&mut self) {
        self.host.repr_stack.pop();
    }

    fn repr_items(&mut self, items: &[Value]) -> PyResult<String> {
        let mut parts = Vec::with_capacity(items.len());
        for x in items {
            parts.push(self.repr(x)?);
        }
        Ok(parts.join(", "))
    }

    pub fn str_of(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::Str(s) => Ok(s.s.clone()),
            Value::Instance(i) => {
                let cls = i.class.borrow().clone();
                if let Some(m) = self.class_lookup_user(&cls, "__str__") {
                    let r = self.call(&m, vec![v.clone()])?;
                    return match r {
                        Value::Str(s) => Ok(s.s.clone()),
                        other => Err(PyErr::new(
                            "TypeError",
                            format!(
                                "__str__ returned non-string (type {})",
                                self.type_name(&other)
                            ),
                        )),
                    };
                }
                if i.exc.is_some() {
                    return self.exc_default_str(v);
                }
                if let Some(p) = self.payload(v) {
                    if self.class_lookup_user(&cls, "__repr__").is_none() {
                        return self.str_of(&p);
                    }
                }
                self.repr(v)
            }
            _ => self.repr(v),
        }
    }

    pub fn hash(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::Tuple(_) | Value::FrozenSet(_) => self.nested("", |vm| vm.hash_unguarded(v)),
            _ => self.hash_unguarded(v),
        }
    }

    fn hash_unguarded(&mut self, v: &Value) -> PyResult<i64> {
        Ok(match v {
            Value::None => 0x5f5e100,
            Value::Bool(b) => *b as i64,
            Value::Int(i) => hash_int(*i),
            Value::Float(f) => hash_float(*f),
            Value::Str(s) => hash_str(&s.s),
            Value::Bytes(b) => hash_str(&String::from_utf8_lossy(b)),
            Value::Tuple(t) => {
                // CPython's xxHash-based tuple hash.
                let mut acc: u64 = 2870177450012600261;
                for x in t.iter() {
                    let h = self.hash(x)? as u64;
                    acc = acc.wrapping_add(h.wrapping_mul(14029467366897019727));
                    acc = acc.rotate_left(31);
                    acc = acc.wrapping_mul(11400714785074694791);
                }
                acc = acc.wrapping_add((t.len() as u64) ^ (2870177450012600261 ^ 3527539));
                let h = acc as i64;
                if h == -1 {
                    1546275796
                } else {
                    h
                }
            }
            Value::FrozenSet(d) => {
                let mut h: i64 = 0;
                for k in d.keys() {
                    h ^= self.hash(&k)?.wrapping_mul(0x9e3779b9);
                }
                h
            }
            Value::List(_) | Value::Dict(_) | Value::Set(_) => {
                return Err(PyErr::new(
                    "TypeError",
                    format!("unhashable type: '{}'", self.type_name(v)),
                ))
            }
            Value::Instance(i) => {
                let cls = i.class.borrow().clone();
                match self.class_lookup_user(&cls, "__hash__") {
                    Some(Value::None) => {
                        return Err(PyErr::new(
                            "TypeError",
                            format!("unhashable type: '{}'", cls.name.s),
                        ))
                    }
                    Some(m) => {
                        let r = self.call(&m, vec![v.clone()])?;
                        match r {
                            Value::Int(h) => hash_int(h),
                            Value::Bool(b) => b as i64,
                            _ => {
                                return Err(PyErr::new(
                                    "TypeError",
                                    "__hash__ method should return an integer",
                                ))
                            }
                        }
                    }
                    None => {
                        if self.class_lookup_user(&cls, "__eq__").is_some() {
                            return Err(PyErr::new(
                                "TypeError",
                                format!("unhashable type: '{}'", cls.name.s),
                            ));
                        }
                        (v.id() >> 4) ^ (v.id() << 60)
                    }
                }
            }
            _ => (v.id() >> 4) ^ (v.id() << 60),
        })
    }

    /// Equality without calling Python code; None when Python code may be needed.
    fn simple_eq(a: &Value, b: &Value) -> Option<bool> {
        Self::simple_eq_within(a, b, SIMPLE_EQ_DEPTH)
    }

    /// `simple_eq` that gives up (None: let `eq` decide) below `depth` nested tuples.
    fn simple_eq_within(a: &Value, b: &Value, depth: u32) -> Option<bool> {
        Some(match (a, b) {
            (Value::Int(x), Value::Int(y)) => x == y,
            (Value::Str(x), Value::Str(y)) => Rc::ptr_eq(x, y) || x.s == y.s,
            (Value::None, Value::None) => true,
            (Value::Bool(x), Value::Bool(y)) => x == y,
            (
                Value::Float(_) | Value::Int(_) | Value::Bool(_),
                Value::Float(_) | Value::Int(_) | Value::Bool(_),
            ) => match (a, b) {
                (Value::Float(x), Value::Float(y)) => x == y,
                _ => match (as_int(a), as_int(b)) {
                    (Some(x), Some(y)) => x == y,
                    _ => as_num(a)? == as_num(b)?,
                },
            },
            (Value::Tuple(x), Value::Tuple(y)) => {
                if x.len() != y.len() {
                    return Some(false);
                }
                let depth = depth.checked_sub(1)?;
                for (p, q) in x.iter().zip(y.iter()) {
                    if !Self::simple_eq_within(p, q, depth)? {
                        return Some(false);
                    }
                }
                true
            }
            (Value::Instance(_), _) | (_, Value::Instance(_)) => return None,
            (Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::FrozenSet(_), _) => {
                return None
            }
            _ => {
                if std::mem::discriminant(a) != std::mem::discriminant(b) {
                    false
                } else {
                    a.is(b)
                }
            }
        })
    }

    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if let Some(r) = Self::simple_eq(a, b) {
            return Ok(r);
        }
        self.nested(" in comparison", |vm| vm.eq_unguarded(a, b))
    }

    fn eq_unguarded(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        match (a, b) {
            (Value::List(x), Value::List(y)) => {
                if Rc::ptr_eq(x, y) {
                    return Ok(true);
                }
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                self.seq_eq(&x, &y)
            }
            (Value::Tuple(x), Value::Tuple(y)) => self.seq_eq(x, y),
            (Value::Dict(x), Value::Dict(y)) => {
                if Rc::ptr_eq(x, y) {
                    return Ok(true);
                }
                if x.borrow().len() != y.borrow().len() {
                    return Ok(false);
                }
                let items = x.borrow().items();
                for (k, v) in items {
                    match self.dict_get(y, &k)? {
                        Some(v2) => {
                            if !self.eq(&v, &v2)? {
                                return Ok(false);
                            }
                        }
                        None => return Ok(false),
                    }
                }
                Ok(true)
            }
            (Value::Set(_) | Value::FrozenSet(_), Value::Set(_) | Value::FrozenSet(_)) => {
                let xs = self.set_keys(a);
                let ys = self.set_keys(b);
                if xs.len() != ys.len() {
                    return Ok(false);
                }
                for k in xs {
                    if !self.contains(b, &k)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            (Value::Instance(_), _) | (_, Value::Instance(_)) => {
                if a.is(b) {
                    return Ok(true);
                }
                if let Some(r) = self.rich_compare(a, b, "__eq__", "__eq__")? {
                    return self.truthy(&r);
                }
                if let (Some(p), Some(q)) = (self.payload(a), self.payload(b)) {
                    return self.eq(&p, &q);
                }
                Ok(false)
            }
            _ => Ok(a.is(b)),
        }
    }

    fn seq_eq(&mut self, x: &[Value], y: &[Value]) -> PyResult<bool> {
        if x.len() != y.len() {
            return Ok(false);
        }
        for (p, q) in x.iter().zip(y.iter()) {
            if !p.is(q) && !self.eq(p, q)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Tries `a.op(b)` then `b.rop(a)`; None when both are NotImplemented/missing.
    fn rich_compare(
        &mut self,
        a: &Value,
        b: &Value,
        op: &str,
        rop: &str,
    ) -> PyResult<Option<Value>> {
        if let Value::Instance(i) = a {
            let cls = i.class.borrow().clone();
            if let Some(m) = self.class_lookup_user(&cls, op) {
                let r = self.call(&m, vec![a.clone(), b.clone()])?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(Some(r));
                }
            }
        }
        if let Value::Instance(i) = b {
            let cls = i.class.borrow().clone();
            if let Some(m) = self.class_lookup_user(&cls, rop) {
                let r = self.call(&m, vec![b.clone(), a.clone()])?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(Some(r));
                }
            }
        }
        Ok(None)
    }

    pub fn compare(&mut self, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
        Ok(Value::Bool(match op {
            CmpOp::Eq => {
                if let (Value::Instance(_), _) | (_, Value::Instance(_)) = (a, b) {
                    if let Some(r) = self.rich_compare(a, b, "__eq__", "__eq__")? {
                        return Ok(r);
                    }
                }
                self.eq(a, b)?
            }
            CmpOp::NotEq => {
                if let (Value::Instance(_), _) | (_, Value::Instance(_)) = (a, b) {
                    if let Some(r) = self.rich_compare(a, b, "__ne__", "__ne__")? {
                        return Ok(r);
                    }
                    if let Some(r) = self.rich_compare(a, b, "__eq__", "__eq__")? {
                        return Ok(Value::Bool(!self.truthy(&r)?));
                    }
                }
                !self.eq(a, b)?
            }
            CmpOp::Is => a.is(b),
            CmpOp::IsNot => !a.is(b),
            CmpOp::In => self.contains(b, a)?,
            CmpOp::NotIn => !self.contains(b, a)?,
            CmpOp::Lt | CmpOp::LtE | CmpOp::Gt | CmpOp::GtE => return self.order(a, b, op),
        }))
    }

    pub fn order(&mut self, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
        match (a, b) {
            (Value::Int(_) | Value::Float(_) | Value::Str(_), _) => self.order_unguarded(a, b, op),
            _ => self.nested(" in comparison", |vm| vm.order_unguarded(a, b, op)),
        }
    }

    fn order_unguarded(&mut self, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
        use std::cmp::Ordering;
        let ord: Option<Ordering> = match (a, b) {
            (Value::Int(x), Value::Int(y)) => Some(x.cmp(y)),
            (Value::Str(x), Value::Str(y)) => Some(x.s.cmp(&y.s)),
            (Value::Bytes(x), Value::Bytes(y)) => Some(x.cmp(y)),
            (Value::Tuple(_) | Value::List(_), Value::Tuple(_) | Value::List(_))
                if std::mem::discriminant(a) == std::mem::discriminant(b) =>
            {
                let x = self.to_vec(a)?;
                let y = self.to_vec(b)?;
                for (p, q) in x.iter().zip(y.iter()) {
                    if !self.eq(p, q)? {
                        return self.order(p, q, op);
                    }
                }
                Some(x.len().cmp(&y.len()))
            }
            (Value::Set(_) | Value::FrozenSet(_), Value::Set(_) | Value::FrozenSet(_)) => {
                let sub = self.is_subset(a, b)?;
                let sup = self.is_subset(b, a)?;
                return Ok(Value::Bool(match op {
                    CmpOp::Lt => sub && !sup,
                    CmpOp::LtE => sub,
                    CmpOp::Gt => sup && !sub,
                    _ => sup,
                }));
            }
            _ => match (as_num(a), as_num(b)) {
                (Some(x), Some(y)) => {
                    if let (Some(i), Some(j)) = (as_int(a), as_int(b)) {
                        Some(i.cmp(&j))
                    } else {
                        x.partial_cmp(&y)
                            .or(Some(Ordering::Equal))
                            .filter(|_| !(x.is_nan() || y.is_nan()))
                    }
                }
                _ => {
                    let (name, rname, sym) = match op {
                        CmpOp::Lt => ("__lt__", "__gt__", "<"),
                        CmpOp::LtE => ("__le__", "__ge__", "<="),
                        CmpOp::Gt => ("__gt__", "__lt__", ">"),
                        _ => ("__ge__", "__le__", ">="),
                    };
                    if let Some(r) = self.rich_compare(a, b, name, rname)? {
                        return Ok(r);
                    }
                    return Err(PyErr::new(
                        "TypeError",
                        format!(
                            "'{}' not supported between instances of '{}' and '{}'",
                            sym,
                            self.type_name(a),
                            self.type_name(b)
                        ),
                    ));
                }
            },
        };
        let Some(o) = ord else {
            return Ok(Value::Bool(false));
        };
        Ok(Value::Bool(match op {
            CmpOp::Lt => o == Ordering::Less,
            CmpOp::LtE => o != Ordering::Greater,
            CmpOp::Gt => o == Ordering::Greater,
            _ => o != Ordering::Less,
        }))
    }

    pub fn less_than(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        let r = self.order(a, b, CmpOp::Lt)?;
        self.truthy(&r)
    }

    fn unsupported(&self, a: &Value, b: &Value, op: BinOp) -> PyErr {
        PyErr::new(
            "TypeError",
            format!(
                "unsupported operand type(s) for {}: '{}' and '{}'",
                op_symbol(op),
                self.type_name(a),
                self.type_name(b)
            ),
        )
    }

    pub fn binary_op(&mut self, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
        if let (Some(x), Some(y)) = (as_int(a), as_int(b)) {
            return Self::int_op(x, y, op).unwrap_or_else(|| Err(self.unsupported(a, b, op)));
        }
        if let (Some(x), Some(y)) = (as_num(a), as_num(b)) {
            if matches!(a, Value::Float(_)) || matches!(b, Value::Float(_)) {
                return match op {
                    BinOp::Add => Ok(Value::Float(x + y)),
                    BinOp::Sub => Ok(Value::Float(x - y)),
                    BinOp::Mult => Ok(Value::Float(x * y)),
                    BinOp::Div => {
                        if y == 0.0 {
                            Err(PyErr::new("ZeroDivisionError", "float division by zero"))
                        } else {
                            Ok(Value::Float(x / y))
                        }
                    }
                    BinOp::FloorDiv => {
                        if y == 0.0 {
                            Err(PyErr::new(
                                "ZeroDivisionError",
                                "float floor division by zero",
                            ))
                        } else {
                            Ok(Value::Float((x - float_mod(x, y)) / y)
                                .map_float(|f| f.round_ties_even_if_close()))
                        }
                    }
                    BinOp::Mod => {
                        if y == 0.0 {
                            Err(PyErr::new("ZeroDivisionError", "float modulo"))
                        } else {
                            Ok(Value::Float(float_mod(x, y)))
                        }
                    }
                    BinOp::Pow => {
                        if x == 0.0 && y < 0.0 {
                            return Err(PyErr::new(
                                "ZeroDivisionError",
                                "0.0 cannot be raised to a negative power",
                            ));
                        }
                        let r = x.powf(y);
                        if r.is_infinite() && x.is_finite() && y.is_finite() {
                            return Err(PyErr::new(
                                "OverflowError",
                                "(34, 'Numerical result out of range')",
                            ));
                        }
                        Ok(Value::Float(r))
                    }
                    _ => Err(self.unsupported(a, b, op)),
                };
            }
        }
        match (a, b, op) {
            (Value::Str(x), Value::Str(y), BinOp::Add) => {
                if x.s.len() + y.s.len() > MAX_STR_BYTES {
                    return Err(PyErr::new("MemoryError", ""));
                }
                let mut s = String::with_capacity(x.s.len() + y.s.len());
                s.push_str(&x.s);
                s.push_str(&y.s);
                return Ok(Value::string(s));
            }
            (Value::Str(x), _, BinOp::Mult) | (_, Value::Str(x), BinOp::Mult)
                if as_int(if matches!(a, Value::Str(_)) { b } else { a }).is_some() =>
            {
                let n = as_int(if matches!(a, Value::Str(_)) { b } else { a })
                    .unwrap_or(0)
                    .max(0) as usize;
                if x.s.len().saturating_mul(n) > MAX_STR_BYTES {
                    return Err(PyErr::new("MemoryError", ""));
                }
                return Ok(Value::string(x.s.repeat(n)));
            }
            (Value::Str(x), _, BinOp::Mod) => {
                return Ok(Value::string(self.percent_format(&x.s, b)?))
            }
            (Value::List(x), Value::List(y), BinOp::Add) => {
                let mut v = x.borrow().clone();
                v.extend(y.borrow().iter().cloned());
                return Ok(Value::list(v));
            }
            (Value::Tuple(x), Value::Tuple(y), BinOp::Add) => {
                let mut v = x.to_vec();
                v.extend(y.iter().cloned());
                return Ok(Value::tuple(v));
            }
            (Value::List(_) | Value::Tuple(_), _, BinOp::Mult)
            | (_, Value::List(_) | Value::Tuple(_), BinOp::Mult)
                if !matches!(a, Value::Instance(_)) && !matches!(b, Value::Instance(_)) =>
            {
                let (seq, n) = if matches!(a, Value::List(_) | Value::Tuple(_)) {
                    (a, b)
                } else {
                    (b, a)
                };
                if let Some(n) = as_int(n) {
                    let items = self.to_vec(seq)?;
                    let n = n.max(0) as usize;
                    if items.len().saturating_mul(n) > MAX_COLLECTION {
                        return Err(PyErr::new("MemoryError", ""));
                    }
                    let mut v = Vec::with_capacity(items.len() * n);
                    for _ in 0..n {
                        v.extend(items.iter().cloned());
                    }
                    return Ok(if matches!(seq, Value::List(_)) {
                        Value::list(v)
                    } else {
                        Value::tuple(v)
                    });
                }
            }
            (Value::Bytes(x), Value::Bytes(y), BinOp::Add) => {
                let mut v = x.to_vec();
                v.extend(y.iter());
                return Ok(Value::Bytes(Rc::new(v)));
            }
            (
                Value::Set(_) | Value::FrozenSet(_),
                Value::Set(_) | Value::FrozenSet(_),
                BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor,
            ) => {
                let r = self.set_op(a, b, op)?;
                return Ok(r);
            }
            (Value::Dict(x), Value::Dict(y), BinOp::BitOr) => {
                let d = Rc::new(RefCell::new(x.borrow().clone()));
                self.dict_update(&d, &Value::Dict(y.clone()))?;
                return Ok(Value::Dict(d));
            }
            _ => {}
        }
        let (name, rname, _) = dunder(op);
        if matches!(a, Value::Instance(_)) || matches!(b, Value::Instance(_)) {
            if let Some(r) = self.rich_binary(a, b, name, rname)? {
                return Ok(r);
            }
        }
        if let (Value::Class(_) | Value::None, Value::Class(_) | Value::None, BinOp::BitOr) =
            (a, b, op)
        {
            if matches!(a, Value::Class(_)) || matches!(b, Value::Class(_)) {
                // `int | None`: a types.UnionType.
                return self.call_types("_union", vec![a.clone(), b.clone()]);
            }
        }
        match (a, b, op) {
            (Value::Str(_), _, BinOp::Add) => Err(PyErr::new(
                "TypeError",
                format!(
                    "can only concatenate str (not \"{}\") to str",
                    self.type_name(b)
                ),
            )),
            (Value::List(_), _, BinOp::Add) => Err(PyErr::new(
                "TypeError",
                format!(
                    "can only concatenate list (not \"{}\") to list",
                    self.type_name(b)
                ),
            )),
            (Value::Tuple(_), _, BinOp::Add) => Err(PyErr::new(
                "TypeError",
                format!(
                    "can only concatenate tuple (not \"{}\") to tuple",
                    self.type_name(b)
                ),
            )),
            (Value::Str(_) | Value::List(_) | Value::Tuple(_), _, BinOp::Mult)
            | (_, Value::Str(_) | Value::List(_) | Value::Tuple(_), BinOp::Mult) => {
                let other = if matches!(a, Value::Str(_) | Value::List(_) | Value::Tuple(_)) {
                    b
                } else {
                    a
                };
                Err(PyErr::new(
                    "TypeError",
                    format!(
                        "can't multiply sequence by non-int of type '{}'",
                        self.type_name(other)
                    ),
                ))
            }
            _ => Err(self.unsupported(a, b, op)),
        }
    }

    fn rich_binary(
        &mut self,
        a: &Value,
        b: &Value,
        name: &str,
        rname: &str,
    ) -> PyResult<Option<Value>> {
        if let Value::Instance(i) = a {
            let cls = i.class.borrow().clone();
            if let Some(m) = self.class_lookup_user(&cls, name) {
                let r = self.call(&m, vec![a.clone(), b.clone()])?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(Some(r));
                }
            }
        }
        if let Value::Instance(i) = b {
            let cls = i.class.borrow().clone();
            if let Some(m) = self.class_lookup_user(&cls, rname) {
                let r = self.call(&m, vec![b.clone(), a.clone()])?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(Some(r));
                }
            }
        }
        Ok(None)
    }

    fn int_op(x: i64, y: i64, op: BinOp) -> Option<PyResult<Value>> {
        Some(match op {
            BinOp::Add => x.checked_add(y).map(Value::Int).ok_or_else(overflow),
            BinOp::Sub => x.checked_sub(y).map(Value::Int).ok_or_else(overflow),
            BinOp::Mult => x.checked_mul(y).map(Value::Int).ok_or_else(overflow),
            BinOp::Div => {
                if y == 0 {
                    Err(PyErr::new("ZeroDivisionError", "division by zero"))
                } else {
                    Ok(Value::Float(x as f64 / y as f64))
                }
            }
            BinOp::FloorDiv => {
                if y == 0 {
                    Err(PyErr::new(
                        "ZeroDivisionError",
                        "integer division or modulo by zero",
                    ))
                } else {
                    x.checked_div_euclid(y)
                        .map(|_| {
                            let q = x / y;
                            if (x % y != 0) && ((x < 0) != (y < 0)) {
                                q - 1
                            } else {
                                q
                            }
                        })
                        .map(Value::Int)
                        .ok_or_else(overflow)
                }
            }
            BinOp::Mod => {
                if y == 0 {
                    Err(PyErr::new("ZeroDivisionError", "integer modulo by zero"))
                } else {
                    let m = x.wrapping_rem(y);
                    Ok(Value::Int(if m != 0 && ((m < 0) != (y < 0)) {
                        m + y
                    } else {
                        m
                    }))
                }
            }
            BinOp::Pow => {
                if y < 0 {
                    if x == 0 {
                        Err(PyErr::new(
                            "ZeroDivisionError",
                            "0.0 cannot be raised to a negative power",
                        ))
                    } else {
                        Ok(Value::Float((x as f64).powf(y as f64)))
                    }
                } else {
                    int_pow(x, y).map(Value::Int).ok_or_else(overflow)
                }
            }
            BinOp::LShift => {
                if y < 0 {
                    Err(PyErr::new("ValueError", "negative shift count"))
                } else if x == 0 {
                    Ok(Value::Int(0))
                } else if y >= 63 || (x.unsigned_abs().leading_zeros() as i64) <= y {
                    Err(overflow())
                } else {
                    Ok(Value::Int(x << y))
                }
            }
            BinOp::RShift => {
                if y < 0 {
                    Err(PyErr::new("ValueError", "negative shift count"))
                } else {
                    Ok(Value::Int(if y >= 64 {
                        if x < 0 {
                            -1
                        } else {
                            0
                        }
                    } else {
                        x >> y
                    }))
                }
            }
            BinOp::BitOr => Ok(Value::Int(x | y)),
            BinOp::BitXor => Ok(Value::Int(x ^ y)),
            BinOp::BitAnd => Ok(Value::Int(x & y)),
            BinOp::MatMult => return None,
        })
    }

    pub fn inplace_op(&mut self, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
        match (a, op) {
            (Value::List(l), BinOp::Add) => {
                let items = self.to_vec(b)?;
                l.borrow_mut().extend(items);
                return Ok(a.clone());
            }
            (Value::Set(_), BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor) => {
                if let (Value::Set(s), r @ Value::Set(_)) = (a, self.set_op(a, b, op)?) {
                    if let Value::Set(rs) = r {
                        let new = rs.borrow().clone();
                        *s.borrow_mut() = new;
                    }
                    return Ok(a.clone());
                }
            }
            (Value::Dict(d), BinOp::BitOr) => {
                self.dict_update(d, b)?;
                return Ok(a.clone());
            }
            (Value::Instance(i), _) => {
                let cls = i.class.borrow().clone();
                let (_, _, iname) = dunder(op);
                if let Some(m) = self.class_lookup_user(&cls, iname) {
                    let r = self.call(&m, vec![a.clone(), b.clone()])?;
                    if !matches!(r, Value::NotImplemented) {
                        return Ok(r);
                    }
                }
            }
            _ => {}
        }
        self.binary_op(a, b, op).map_err(|e| match e.kind() {
            ErrKind::New("TypeError", m) if m.starts_with("unsupported operand") => PyErr::new(
                "TypeError",
                m.replacen("for ", &format!("for {}=: ", op_symbol(op)), 1)
                    .replacen(&format!("{}: ", op_symbol(op)), "", 1),
            ),
            _ => e,
        })
    }

    pub fn unary_op(&mut self, a: &Value, op: UnaryOp) -> PyResult<Value> {
        match (a, op) {
            (Value::Int(i), UnaryOp::USub) => i.checked_neg().map(Value::Int).ok_or_else(overflow),
            (Value::Bool(b), UnaryOp::USub) => Ok(Value::Int(-(*b as i64))),
            (Value::Float(f), UnaryOp::USub) => Ok(Value::Float(-f)),
            (Value::Int(_) | Value::Float(_), UnaryOp::UAdd) => Ok(a.clone()),
            (Value::Bool(b), UnaryOp::UAdd) => Ok(Value::Int(*b as i64)),
            (Value::Int(i), UnaryOp::Invert) => Ok(Value::Int(!i)),
            (Value::Bool(b), UnaryOp::Invert) => Ok(Value::Int(!(*b as i64))),
            (_, UnaryOp::Not) => Ok(Value::Bool(!self.truthy(a)?)),
            (Value::Instance(_), _) => {
                let name = match op {
                    UnaryOp::USub => "__neg__",
                    UnaryOp::UAdd => "__pos__",
                    _ => "__invert__",
                };
                match self.special_method(a, name) {
                    Some(m) => self.call(&m, vec![]),
                    None => Err(self.bad_unary(a, op)),
                }
            }
            _ => Err(self.bad_unary(a, op)),
        }
    }

    fn bad_unary(&self, a: &Value, op: UnaryOp) -> PyErr {
        let sym = match op {
            UnaryOp::USub => "-",
            UnaryOp::UAdd => "+",
            UnaryOp::Invert => "~",
            UnaryOp::Not => "not",
        };
        PyErr::new(
            "TypeError",
            format!(
                "bad operand type for unary {}: '{}'",
                sym,
                self.type_name(a)
            ),
        )
    }

    // ---------- subscripts ----------

    pub fn index_of(&mut self, v: &Value) -> Option<i64> {
        match v {
            Value::Int(i) => Some(*i),
            Value::Bool(b) => Some(*b as i64),
            Value::Instance(_) => {
                let m = self.special_method(v, "__index__")?;
                match self.call(&m, vec![]) {
                    Ok(Value::Int(i)) => Some(i),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// Resolves a slice against a length: (start, stop, step) as CPython's PySlice_AdjustIndices.
    pub fn slice_indices(&mut self, s: &[Value; 3], len: i64) -> PyResult<(i64, i64, i64)> {
        let get = |vm: &mut Vm, v: &Value| -> PyResult<Option<i64>> {
            if v.is_none() {
                return Ok(None);
            }
            match vm.index_of(v) {
                Some(i) => Ok(Some(i)),
                None => Err(PyErr::new(
                    "TypeError",
                    "slice indices must be integers or None or have an __index__ method",
                )),
            }
        };
        let step = get(self, &s[2])?.unwrap_or(1);
        if step == 0 {
            return Err(PyErr::new("ValueError", "slice step cannot be zero"));
        }
        let (lo_def, hi_def) = if step < 0 { (len - 1, -1) } else { (0, len) };
        let adj = |i: Option<i64>, def: i64| -> i64 {
            match i {
                None => def,
                Some(i) => {
                    let i = if i < 0 { i + len } else { i };
                    if step < 0 {
                        i.clamp(-1, len - 1)
                    } else {
                        i.clamp(0, len)
                    }
                }
            }
        };
        let start = adj(get(self, &s[0])?, lo_def);
        let stop = adj(get(self, &s[1])?, hi_def);
        Ok((start, stop, step))
    }

    fn slice_positions(&mut self, s: &[Value; 3], len: usize) -> PyResult<Vec<usize>> {
        let (start, stop, step) = self.slice_indices(s, len as i64)?;
        let mut out = Vec::new();
        let mut i = start;
        if step > 0 {
            while i < stop {
                out.push(i as usize);
                i += step;
            }
        } else {
            while i > stop {
                out.push(i as usize);
                i += step;
            }
        }
        Ok(out)
    }

    fn seq_index(&mut self, idx: &Value, len: usize, what: &str) -> PyResult<usize> {
        let Some(i) = self.index_of(idx) else {
            return Err(PyErr::new(
                "TypeError",
                format!(
                    "{} indices must be integers or slices, not {}",
                    what,
                    self.type_name(idx)
                ),
            ));
        };
        let j = if i < 0 { i + len as i64 } else { i };
        if j < 0 || j >= len as i64 {
            return Err(PyErr::new(
                "IndexError",
                format!("{what} index out of range"),
            ));
        }
        Ok(j as usize)
    }

    pub fn getitem(&mut self, obj: &Value, idx: &Value) -> PyResult<Value> {
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = idx {
                    let items = l.borrow().clone();
                    let pos = self.slice_positions(s, items.len())?;
                    return Ok(Value::list(
                        pos.into_iter().map(|i| items[i].clone()).collect(),
                    ));
                }
                let n = l.borrow().len();
                let i = self.seq_index(idx, n, "list")?;
                Ok(l.borrow().get(i).cloned().unwrap_or_default())
            }
            Value::Tuple(t) => {
                if let Value::Slice(s) = idx {
                    let pos = self.slice_positions(s, t.len())?;
                    return Ok(Value::tuple(
                        pos.into_iter().map(|i| t[i].clone()).collect(),
                    ));
                }
                let i = self.seq_index(idx, t.len(), "tuple")?;
                Ok(t[i].clone())
            }
            Value::Str(s) => {
                if let Value::Slice(sl) = idx {
                    if s.is_ascii() {
                        let pos = self.slice_positions(sl, s.s.len())?;
                        let b = s.s.as_bytes();
                        let out: String = pos.into_iter().map(|i| b[i] as char).collect();
                        return Ok(Value::string(out));
                    }
                    let chars: Vec<char> = s.s.chars().collect();
                    let pos = self.slice_positions(sl, chars.len())?;
                    return Ok(Value::string(pos.into_iter().map(|i| chars[i]).collect()));
                }
                let i = self.seq_index(idx, s.nchars, "string")?;
                let c = if s.is_ascii() {
                    (s.s.as_bytes()[i] as char).to_string()
                } else {
                    s.s.chars()
                        .nth(i)
                        .map(|c| c.to_string())
                        .unwrap_or_default()
                };
                Ok(Value::string(c))
            }
            Value::Bytes(b) => {
                if let Value::Slice(sl) = idx {
                    let pos = self.slice_positions(sl, b.len())?;
                    return Ok(Value::Bytes(Rc::new(
                        pos.into_iter().map(|i| b[i]).collect(),
                    )));
                }
                let i = self.seq_index(idx, b.len(), "index")?;
                Ok(Value::Int(b[i] as i64))
            }
            Value::Range(r) => {
                let n = r.len();
                if let Value::Slice(sl) = idx {
                    let (start, stop, step) = self.slice_indices(sl, n)?;
                    return Ok(Value::Range(Rc::new(RangeObj {
                        start: r.start + start * r.step,
                        stop: r.start + stop * r.step,
                        step: r.step * step,
                    })));
                }
                let i = self.seq_index(idx, n as usize, "range object")?;
                Ok(Value::Int(r.start + i as i64 * r.step))
            }
            Value::Dict(d) => match self.dict_get(d, idx)? {
                Some(v) => Ok(v),
                None => Err(self.key_error(idx.clone())),
            },
            Value::Instance(i) => {
                let cls = i.class.borrow().clone();
                if let Some(m) = self.class_lookup_user(&cls, "__getitem__") {
                    return self.call(&m, vec![obj.clone(), idx.clone()]);
                }
                if let Some(p) = self.payload(obj) {
                    if let (Value::Dict(d), true) =
                        (&p, self.class_lookup_user(&cls, "__missing__").is_some())
                    {
                        if let Some(v) = self.dict_get(d, idx)? {
                            return Ok(v);
                        }
                        let m = self
                            .class_lookup_user(&cls, "__missing__")
                            .unwrap_or_default();
                        return self.call(&m, vec![obj.clone(), idx.clone()]);
                    }
                    return self.getitem(&p, idx);
                }
                Err(PyErr::new(
                    "TypeError",
                    format!("'{}' object is not subscriptable", cls.name.s),
                ))
            }
            Value::Class(c) => self.class_getitem(c, idx),
            _ => Err(PyErr::new(
                "TypeError",
                format!("'{}' object is not subscriptable", self.type_name(obj)),
            )),
        }
    }

    /// `cls[item]`: the class's `__class_getitem__` (typing's Generic, asyncio.Queue
    /// ...), or `types.GenericAlias` for the builtin generic types (`list[int]`).
    fn class_getitem(&mut self, c: &Rc<Class>, idx: &Value) -> PyResult<Value> {
        let cls = Value::Class(c.clone());
        if let Some(f) = self.class_lookup_user(c, "__class_getitem__") {
            let f = match f {
                Value::ClassMethod(f) => (*f).clone(),
                other => other,
            };
            return self.call(&f, vec![cls, idx.clone()]);
        }
        use BuiltinType as B;
        if !matches!(
            c.builtin,
            B::List | B::Dict | B::Tuple | B::Set | B::FrozenSet | B::Type
        ) {
            return Err(PyErr::new(
                "TypeError",
                format!("type '{}' is not subscriptable", c.name.s),
            ));
        }
        self.call_types("GenericAlias", vec![cls, idx.clone()])
    }

    /// Calls `name` of the `types` module (Python, src/vm/pylib/types.py).
    pub fn call_types(&mut self, name: &str, args: Vec<Value>) -> PyResult<Value> {
        let m = self.import_module("types")?.unwrap_or_default();
        let f = self.getattr(&m, &intern(name))?;
        self.call(&f, args)
    }

    pub fn setitem(&mut self, obj: &Value, key: Value, v: Value) -> PyResult<()> {
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = &key {
                    let items = self.to_vec(&v)?;
                    let n = l.borrow().len();
                    let (start, stop, step) = self.slice_indices(s, n as i64)?;
                    if step == 1 {
                        let stop = stop.max(start) as usize;
                        l.borrow_mut().splice(start as usize..stop, items);
                        return Ok(());
                    }
                    let pos = self.slice_positions(s, n)?;
                    if pos.len() != items.len() {
                        return Err(PyErr::new(
                            "ValueError",
                            format!("attempt to assign sequence of size {} to extended slice of size {}", items.len(), pos.len()),
                        ));
                    }
                    let mut l = l.borrow_mut();
                    for (p, x) in pos.into_iter().zip(items) {
                        l[p] = x;
                    }
                    return Ok(());
                }
                let n = l.borrow().len();
                let i = self.seq_index(&key, n, "list assignment")?;
                if let Some(slot) = l.borrow_mut().get_mut(i) {
                    *slot = v;
                }
                Ok(())
            }
            Value::Dict(d) => self.dict_set(d, key, v),
            Value::Instance(i) => {
                let cls = i.class.borrow().clone();
                if let Some(m) = self.class_lookup_user(&cls, "__setitem__") {
                    self.call(&m, vec![obj.clone(), key, v])?;
                    return Ok(());
                }
                if let Some(p) = self.payload(obj) {
                    return self.setitem(&p, key, v);
                }
                Err(PyErr::new(
                    "TypeError",
                    format!("'{}' object does not support item assignment", cls.name.s),
                ))
            }
            _ => Err(PyErr::new(
                "TypeError",
                format!(
                    "'{}' object does not support item assignment",
                    self.type_name(obj)
                ),
            )),
        }
    }

    pub fn delitem(&mut self, obj: &Value, key: &Value) -> PyResult<()> {
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = key {
                    let n = l.borrow().len();
                    let mut pos = self.slice_positions(s, n)?;
                    // Strictly monotonic: ascending unless the step is negative.
                    // (Not sort_unstable: its quicksort costs 3 KB of wasm.)
                    if pos.first() > pos.last() {
                        pos.reverse();
                    }
                    let mut l = l.borrow_mut();
                    for p in pos.into_iter().rev() {
                        l.remove(p);
                    }
                    return Ok(());
                }
                let n = l.borrow().len();
                let i = self.seq_index(key, n, "list assignment")?;
                l.borrow_mut().remove(i);
                Ok(())
            }
            Value::Dict(d) => match self.dict_find(d, key)? {
                Some(i) => {
                    d.borrow_mut().remove_at(i);
                    Ok(())
                }
                None => Err(self.key_error(key.clone())),
            },
            Value::Instance(i) => {
                let cls = i.class.borrow().clone();
                if let Some(m) = self.class_lookup_user(&cls, "__delitem__") {
                    self.call(&m, vec![obj.clone(), key.clone()])?;
                    return Ok(());
                }
                if let Some(p) = self.payload(obj) {
                    return self.delitem(&p, key);
                }
                Err(PyErr::new(
                    "TypeError",
                    format!("'{}' object does not support item deletion", cls.name.s),
                ))
            }
            _ => Err(PyErr::new(
                "TypeError",
                format!(
                    "'{}' object does not support item deletion",
                    self.type_name(obj)
                ),
            )),
        }
    }

    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        match container {
            Value::List(l) => {
                let items = l.borrow().clone();
                for x in &items {
                    if x.is(item) || self.eq(x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Tuple(t) => {
                for x in t.iter() {
                    if x.is(item) || self.eq(x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Str(s) => match item {
                Value::Str(sub) => Ok(s.s.contains(sub.s.as_str())),
                _ => Err(PyErr::new(
                    "TypeError",
                    format!(
                        "'in <string>' requires string as left operand, not {}",
                        self.type_name(item)
                    ),
                )),
            },
            Value::Dict(d) => Ok(self.dict_find(d, item)?.is_some()),
            Value::Set(d) => Ok(self.dict_find(d, item)?.is_some()),
            Value::FrozenSet(d) => {
                let d = Rc::new(RefCell::new((**d).clone()));
                Ok(self.dict_find(&d, item)?.is_some())
            }
            Value::Range(r) => Ok(match as_int(item) {
                Some(i) => {
                    if r.step > 0 {
                        i >= r.start && i < r.stop && (i - r.start) % r.step == 0
                    } else {
                        i <= r.start && i > r.stop && (r.start - i) % (-r.step) == 0
                    }
                }
                None => false,
            }),
            Value::Bytes(b) => match item {
                Value::Int(i) => Ok(b.contains(&(*i as u8))),
                Value::Bytes(sub) => {
                    Ok(sub.is_empty() || b.windows(sub.len()).any(|w| w == sub.as_slice()))
                }
                _ => Ok(false),
            },
            Value::Instance(i) => {
                let cls = i.class.borrow().clone();
                if let Some(m) = self.class_lookup_user(&cls, "__contains__") {
                    let r = self.call(&m, vec![container.clone(), item.clone()])?;
                    return self.truthy(&r);
                }
                if let Some(p) = self.payload(container) {
                    return self.contains(&p, item);
                }
                self.contains_by_iter(container, item)
            }
            Value::Iter(_) | Value::Gen(_) => self.contains_by_iter(container, item),
            _ => Err(PyErr::new(
                "TypeError",
                format!(
                    "argument of type '{}' is not iterable",
                    self.type_name(container)
                ),
            )),
        }
    }

    fn contains_by_iter(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        let it = self.get_iter(container)?;
        while let Some(x) = self.iter_next(&it)? {
            if x.is(item) || self.eq(&x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    pub fn format_value(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        let r = match v {
            Value::Int(i) => fmt::format_int(*i, spec),
            Value::Bool(b) => {
                if spec.is_empty() {
                    Ok(if *b { "True" } else { "False" }.to_string())
                } else {
                    super::format::format_int_named(*b as i64, spec, "bool")
                }
            }
            Value::Float(f) => fmt::format_float(*f, spec),
            Value::Str(s) => fmt::format_str(&s.s, spec),
            Value::Instance(i) => {
                let cls = i.class.borrow().clone();
                if let Some(m) = self.class_lookup_user(&cls, "__format__") {
                    let r = self.call(&m, vec![v.clone(), Value::str(spec)])?;
                    return self.str_of(&r);
                }
                if let Some(p) = self.payload(v) {
                    return self.format_value(&p, spec);
                }
                if spec.is_empty() {
                    return self.str_of(v);
                }
                Err(format!(
                    "unsupported format string passed to {}.__format__",
                    cls.name.s
                ))
            }
            _ => {
                if spec.is_empty() {
                    return self.str_of(v);
                }
                Err(format!(
                    "unsupported format string passed to {}.__format__",
                    self.type_name(v)
                ))
            }
        };
        r.map_err(|m| {
            if m.starts_with("unsupported format string") {
                PyErr::new("TypeError", m)
            } else {
                PyErr::new("ValueError", m)
            }
        })
    }

    /// `fmt % args`.
    pub fn percent_format(&mut self, fmt_s: &str, args: &Value) -> PyResult<String> {
        let items: Vec<Value> = match args {
            Value::Tuple(t) => t.to_vec(),
            other => vec![other.clone()],
        };
        let mapping = matches!(args, Value::Dict(_)).then(|| args.clone());
        let mut out = String::new();
        let cs: Vec<char> = fmt_s.chars().collect();
        let mut i = 0;
        let mut ai = 0;
        while i < cs.len() {
            let c = cs[i];
            if c != '%' {
                out.push(c);
                i += 1;
                continue;
            }
            i += 1;
            let mut key = None;
            if i < cs.len() && cs[i] == '(' {
                let st = i + 1;
                while i < cs.len() && cs[i] != ')' {
                    i += 1;
                }
                if i == cs.len() {
                    return Err(PyErr::new("ValueError", "incomplete format key"));
                }
                key = Some(cs[st..i].iter().collect::<String>());
                i += 1;
            }
            let st = i;
            while i < cs.len() && "-+ #0".contains(cs[i]) {
                i += 1;
            }
            let flags: String = cs[st..i].iter().collect();
            let mut width = String::new();
            if i < cs.len() && cs[i] == '*' {
                let w = items.get(ai).cloned().unwrap_or_default();
                ai += 1;
                width = as_int(&w).unwrap_or(0).to_string();
                i += 1;
            }
            while i < cs.len() && cs[i].is_ascii_digit() {
                width.push(cs[i]);
                i += 1;
            }
            let mut prec = None;
            if i < cs.len() && cs[i] == '.' {
                i += 1;
                let st = i;
                while i < cs.len() && cs[i].is_ascii_digit() {
                    i += 1;
                }
                prec = Some(cs[st..i].iter().collect::<String>());
            }
            let Some(&conv) = cs.get(i) else {
                return Err(PyErr::new("ValueError", "incomplete format"));
            };
            i += 1;
            if conv == '%' {
                out.push('%');
                continue;
            }
            let arg = match (&key, &mapping) {
                (Some(k), Some(m)) => self.getitem(m, &Value::str(k))?,
                _ => {
                    let a = items.get(ai).cloned();
                    ai += 1;
                    match a {
                        Some(a) => a,
                        None => {
                            return Err(PyErr::new(
                                "TypeError",
                                "not enough arguments for format string",
                            ))
                        }
                    }
                }
            };
            let align = if flags.contains('-') { "<" } else { "" };
            let zero = if flags.contains('0') && !flags.contains('-') {
                "0"
            } else {
                ""
            };
            let sign = if flags.contains('+') {
                "+"
            } else if flags.contains(' ') {
                " "
            } else {
                ""
            };
            let alt = if flags.contains('#') { "#" } else { "" };
            let precs = prec
                .as_ref()
                .map(|p| format!(".{}", if p.is_empty() { "0" } else { p }))
                .unwrap_or_default();
            let piece = match conv {
                's' | 'r' | 'a' => {
                    let s = match conv {
                        's' => self.str_of(&arg)?,
                        'r' => self.repr(&arg)?,
                        _ => ascii_escape(&self.repr(&arg)?),
                    };
                    let spec = format!(
                        "{}{}{}",
                        if align.is_empty() { ">" } else { "<" },
                        width,
                        precs
                    );
                    fmt::format_str(&s, &spec).map_err(|m| PyErr::new("ValueError", m))?
                }
                'd' | 'i' | 'u' => {
                    let n = match &arg {
                        Value::Float(f) => f.trunc() as i64,
                        other => match as_int(other) {
                            Some(n) => n,
                            None => {
                                return Err(PyErr::new(
                                    "TypeError",
                                    format!(
                                        "%{} format: a real number is required, not {}",
                                        conv,
                                        self.type_name(other)
                                    ),
                                ))
                            }
                        },
                    };
                    fmt::format_int(n, &format!("{align}{sign}{zero}{width}d"))
                        .map_err(|m| PyErr::new("ValueError", m))?
                }
                'x' | 'X' | 'o' => {
                    let n = as_int(&arg).ok_or_else(|| {
                        PyErr::new(
                            "TypeError",
                            format!(
                                "%{} format: an integer is required, not {}",
                                conv,
                                self.type_name(&arg)
                            ),
                        )
                    })?;
                    fmt::format_int(n, &format!("{align}{sign}{alt}{zero}{width}{conv}"))
                        .map_err(|m| PyErr::new("ValueError", m))?
                }
                'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                    let x = as_num(&arg).ok_or_else(|| {
                        PyErr::new(
                            "TypeError",
                            format!("must be real number, not {}", self.type_name(&arg)),
                        )
                    })?;
                    let p = if precs.is_empty() {
                        ".6".to_string()
                    } else {
                        precs.clone()
                    };
                    fmt::format_float(x, &format!("{align}{sign}{alt}{zero}{width}{p}{conv}"))
                        .map_err(|m| PyErr::new("ValueError", m))?
                }
                'c' => match &arg {
                    Value::Str(s) => s.s.clone(),
                    Value::Int(n) => char::from_u32(*n as u32)
                        .map(|c| c.to_string())
                        .unwrap_or_default(),
                    _ => return Err(PyErr::new("TypeError", "%c requires int or char")),
                },
                other => {
                    return Err(PyErr::new(
                        "ValueError",
                        format!(
                            "unsupported format character '{}' (0x{:x}) at index {}",
                            other,
                            other as u32,
                            i - 1
                        ),
                    ))
                }
            };
            out.push_str(&piece);
        }
        if mapping.is_none() && ai < items.len() && matches!(args, Value::Tuple(_)) {
            return Err(PyErr::new(
                "TypeError",
                "not all arguments converted during string formatting",
            ));
        }
        if mapping.is_none() && ai == 0 && !matches!(args, Value::Tuple(_)) && !fmt_s.contains('%')
        {
            return Err(PyErr::new(
                "TypeError",
                "not all arguments converted during string formatting",
            ));
        }
        Ok(out)
    }

    // ---------- dict and set storage ----------

    pub fn new_dict(&self) -> Rc<RefCell<PyDict>> {
        Rc::new(RefCell::new(PyDict::new()))
    }

    pub fn dict_find(&mut self, d: &Rc<RefCell<PyDict>>, key: &Value) -> PyResult<Option<usize>> {
        let h = self.hash(key)?;
        let simple = matches!(
            key,
            Value::Int(_) | Value::Str(_) | Value::Bool(_) | Value::None | Value::Float(_)
        ) || matches!(key, Value::Tuple(_)) && Self::simple_eq(key, key).is_some();
        if simple {
            let found = d
                .borrow()
                .find_with(h, |k| Self::simple_eq(k, key).unwrap_or_default());
            if found.is_some() {
                return Ok(found);
            }
            // Keys that are instances with a custom __eq__ may still match.
            let cands = d.borrow().candidates(h);
            for i in cands {
                let k = d.borrow().key_at(i).cloned().unwrap_or_default();
                if matches!(k, Value::Instance(_)) && self.eq(&k, key)? {
                    return Ok(Some(i));
                }
            }
            return Ok(None);
        }
        let cands = d.borrow().candidates(h);
        for i in cands {
            let k = d.borrow().key_at(i).cloned().unwrap_or_default();
            if k.is(key) || self.eq(&k, key)? {
                return Ok(Some(i));
            }
        }
        Ok(None)
    }

    pub fn dict_get(&mut self, d: &Rc<RefCell<PyDict>>, key: &Value) -> PyResult<Option<Value>> {
        Ok(match self.dict_find(d, key)? {
            Some(i) => d.borrow().value_at(i).cloned(),
            None => None,
        })
    }

    pub fn dict_set(&mut self, d: &Rc<RefCell<PyDict>>, key: Value, v: Value) -> PyResult<()> {
        match self.dict_find(d, &key)? {
            Some(i) => {
                if let Some(slot) = d.borrow_mut().value_at_mut(i) {
                    *slot = v;
                }
            }
            None => {
                let h = self.hash(&key)?;
                let mut db = d.borrow_mut();
                if db.len() >= MAX_COLLECTION {
                    return Err(PyErr::new("MemoryError", ""));
                }
                db.push(h, key, v);
            }
        }
        Ok(())
    }

    pub fn dict_update(&mut self, d: &Rc<RefCell<PyDict>>, other: &Value) -> PyResult<()> {
        match other {
            Value::Dict(o) => {
                let items = o.borrow().items();
                for (k, v) in items {
                    self.dict_set(d, k, v)?;
                }
            }
            Value::Instance(_) if self.special_method(other, "keys").is_some() => {
                let keys = self.call_method(other, "keys", vec![])?;
                for k in self.to_vec(&keys)? {
                    let v = self.getitem(other, &k)?;
                    self.dict_set(d, k, v)?;
                }
            }
            _ => {
                let items = self.to_vec(other)?;
                for (n, it) in items.into_iter().enumerate() {
                    let pair = self.to_vec(&it).map_err(|_| {
                        PyErr::new(
                            "TypeError",
                            format!("cannot convert dictionary update sequence element #{n} to a sequence"),
                        )
                    })?;
                    if pair.len() != 2 {
                        return Err(PyErr::new(
                            "ValueError",
                            format!("dictionary update sequence element #{} has length {}; 2 is required", n, pair.len()),
                        ));
                    }
                    let mut p = pair.into_iter();
                    let (k, v) = (p.next().unwrap_or_default(), p.next().unwrap_or_default());
                    self.dict_set(d, k, v)?;
                }
            }
        }
        Ok(())
    }

    pub fn new_set(&mut self, items: Vec<Value>) -> PyResult<Value> {
        let d = self.new_dict();
        for it in items {
            self.set_add(&d, it)?;
        }
        Ok(Value::Set(d))
    }

    pub fn set_add(&mut self, d: &Rc<RefCell<PyDict>>, v: Value) -> PyResult<()> {
        if self.dict_find(d, &v)?.is_none() {
            let h = self.hash(&v)?;
            let mut db = d.borrow_mut();
            if db.len() >= MAX_COLLECTION {
                return Err(PyErr::new("MemoryError", ""));
            }
            db.push(h, v, Value::None);
        }
        Ok(())
    }

    pub fn set_keys(&self, v: &Value) -> Vec<Value> {
        match v {
            Value::Set(d) => cpython_set_order(d.borrow().keys()),
            Value::FrozenSet(d) => cpython_set_order(d.keys()),
            Value::Dict(d) => d.borrow().keys(),
            _ => Vec::new(),
        }
    }

    fn is_subset(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        for k in self.set_keys(a) {
            if !self.contains(b, &k)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    pub fn set_op(&mut self, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
        let ak = self.set_keys(a);
        let bk = match b {
            Value::Set(_) | Value::FrozenSet(_) => self.set_keys(b),
            other => self.to_vec(other)?,
        };
        let bset = self.new_set(bk.clone())?;
        let mut out = Vec::new();
        match op {
            BinOp::BitOr => {
                out = ak;
                out.extend(bk);
            }
            BinOp::BitAnd => {
                for k in ak {
                    if self.contains(&bset, &k)? {
                        out.push(k);
                    }
                }
            }
            BinOp::Sub => {
                for k in ak {
                    if !self.contains(&bset, &k)? {
                        out.push(k);
                    }
                }
            }
            _ => {
                let aset = self.new_set(ak.clone())?;
                for k in ak {
                    if !self.contains(&bset, &k)? {
                        out.push(k);
                    }
                }
                for k in bk {
                    if !self.contains(&aset, &k)? {
                        out.push(k);
                    }
                }
            }
        }
        let r = self.new_set(out)?;
        if let (Value::FrozenSet(_), Value::Set(d)) = (a, &r) {
            return Ok(Value::FrozenSet(Rc::new(d.borrow().clone())));
        }
        Ok(r)
    }

    pub fn namemap_to_dict(&mut self, m: &NameMap) -> PyResult<Value> {
        let d = self.new_dict();
        for (k, v) in m.iter() {
            self.dict_set(&d, Value::Str(k.clone()), v.clone())?;
        }
        Ok(Value::Dict(d))
    }
}

trait FloatFix {
    fn map_float(self, f: impl Fn(f64) -> f64) -> Value;
}
impl FloatFix for Value {
    fn map_float(self, f: impl Fn(f64) -> f64) -> Value {
        match self {
            Value::Float(x) => Value::Float(f(x)),
            other => other,
        }
    }
}
trait RoundClose {
    fn round_ties_even_if_close(self) -> f64;
}
impl RoundClose for f64 {
    fn round_ties_even_if_close(self) -> f64 {
        let r = self.round();
        if (self - r).abs() < 1e-9 {
            r
        } else {
            self.floor()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_match_cpython() {
        // Values from CPython 3.11: hash(0.5), hash(-1), hash(1.5), hash(-2.25), hash(2**61), hash(1e100).
        assert_eq!(hash_float(0.5), 1152921504606846976);
        assert_eq!(hash_int(-1), -2);
        assert_eq!(hash_float(1.5), 1152921504606846977);
        assert_eq!(hash_float(-2.25), -576460752303423490);
        assert_eq!(hash_int(1 << 61), 1);
        assert_eq!(hash_float(1e100), 1822893315824342674);
    }

    #[test]
    fn int_sets_iterate_in_cpython_order() {
        let keys = [3, 1, 2, 64, 32, 16, 8, 0, 1000].map(Value::Int).to_vec();
        let order: Vec<i64> = cpython_set_order(keys)
            .into_iter()
            .map(|v| if let Value::Int(i) = v { i } else { -1 })
            .collect();
        // CPython 3.11: list({3, 1, 2, 64, 32, 16, 8, 0, 1000})
        assert_eq!(order, vec![64, 1, 2, 3, 32, 0, 8, 1000, 16]);
    }
}
