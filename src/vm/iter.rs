//! Iteration protocols: `iter()`/`next()` for builtin and user types, async
//! iteration, and awaitables.

use std::cell::RefCell;
use std::rc::Rc;

use super::call::GenMode;
use super::value::*;
use super::{PyErr, PyResult, Vm, MAX_COLLECTION};
use crate::compile::{FLAG_ASYNC_GEN, FLAG_COROUTINE, FLAG_GENERATOR};

pub fn iter_type_name(it: &IterObj) -> &'static str {
    match it {
        IterObj::Seq { seq, .. } => match seq {
            Value::List(_) => "list_iterator",
            Value::Tuple(_) => "tuple_iterator",
            _ => "iterator",
        },
        IterObj::Range { .. } => "range_iterator",
        IterObj::DictKeys { .. } => "dict_keyiterator",
        IterObj::DictValues { .. } => "dict_valueiterator",
        IterObj::DictItems { .. } => "dict_itemiterator",
        IterObj::SetIter { .. } => "set_iterator",
        IterObj::Str { .. } => "str_ascii_iterator",
        IterObj::Enumerate { .. } => "enumerate",
        IterObj::Zip { .. } => "zip",
        IterObj::Map { .. } => "map",
        IterObj::Filter { .. } => "filter",
        IterObj::Reversed { .. } => "list_reverseiterator",
        IterObj::ASend { close: true, .. } => "async_generator_athrow",
        IterObj::ASend { .. } => "async_generator_asend",
        IterObj::Done(_) => "coroutine_wrapper",
        IterObj::Callable { .. } => "callable_iterator",
        IterObj::Empty => "iterator",
        IterObj::AsyncYield(_) => "async_generator_wrapped_value",
    }
}

/// Next item of simple iterators without touching the VM: Some(Some(v)) item,
/// Some(None) exhausted, None when the VM is needed.
pub fn fast_next(cell: &RefCell<IterObj>) -> Option<Option<Value>> {
    let mut it = cell.borrow_mut();
    match &mut *it {
        IterObj::Range { next, stop, step } => {
            if (*step > 0 && *next < *stop) || (*step < 0 && *next > *stop) {
                let v = *next;
                *next += *step;
                Some(Some(Value::Int(v)))
            } else {
                Some(None)
            }
        }
        IterObj::Seq { seq, idx } => {
            let v = match seq {
                Value::List(l) => l.borrow().get(*idx).cloned(),
                Value::Tuple(t) => t.get(*idx).cloned(),
                _ => return None,
            };
            if v.is_some() {
                *idx += 1;
            }
            Some(v)
        }
        _ => None,
    }
}

impl Vm {
    pub fn get_iter(&mut self, v: &Value) -> PyResult<Value> {
        let it = match v {
            Value::List(_) | Value::Tuple(_) => IterObj::Seq {
                seq: v.clone(),
                idx: 0,
            },
            Value::Range(r) => IterObj::Range {
                next: r.start,
                stop: r.stop,
                step: r.step,
            },
            Value::Str(s) => IterObj::Str {
                s: s.clone(),
                byte: 0,
            },
            Value::Bytes(_) => IterObj::Seq {
                seq: v.clone(),
                idx: 0,
            },
            Value::Dict(d) => IterObj::DictKeys {
                dict: d.clone(),
                idx: 0,
                len_at_start: d.borrow().len(),
            },
            Value::Set(_) | Value::FrozenSet(_) => IterObj::Seq {
                seq: Value::tuple(self.set_keys(v)),
                idx: 0,
            },
            Value::Iter(_) => return Ok(v.clone()),
            Value::Gen(g) => {
                if g.kind == GenKind::Generator {
                    return Ok(v.clone());
                }
                return Err(PyErr::new(
                    "TypeError",
                    format!("'{}' object is not iterable", self.type_name(v)),
                ));
            }
            Value::Instance(i) => {
                let cls = i.class.borrow().clone();
                if let Some(m) = self.class_lookup_user(&cls, "__iter__") {
                    let r = self.call(&m, vec![v.clone()])?;
                    let ok = match &r {
                        Value::Iter(_) | Value::Gen(_) => true,
                        Value::Instance(ri) => {
                            let rc = ri.class.borrow().clone();
                            self.class_lookup_user(&rc, "__next__").is_some()
                        }
                        _ => false,
                    };
                    if !ok {
                        return Err(PyErr::new(
                            "TypeError",
                            format!(
                                "iter() returned non-iterator of type '{}'",
                                self.type_name(&r)
                            ),
                        ));
                    }
                    return Ok(r);
                }
                if self.class_lookup_user(&cls, "__getitem__").is_some() {
                    return Ok(Value::Iter(Rc::new(Shallow(RefCell::new(IterObj::Seq {
                        seq: v.clone(),
                        idx: 0,
                    })))));
                }
                if let Some(p) = self.payload(v) {
                    return self.get_iter(&p);
                }
                return Err(PyErr::new(
                    "TypeError",
                    format!("'{}' object is not iterable", cls.name.s),
                ));
            }
            _ => {
                return Err(PyErr::new(
                    "TypeError",
                    format!("'{}' object is not iterable", self.type_name(v)),
                ))
            }
        };
        Ok(Value::Iter(Rc::new(Shallow(RefCell::new(it)))))
    }

    /// Next item, or None when exhausted.
    pub fn iter_next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        match self.iter_next_with_value(it)? {
            Ok(v) => Ok(Some(v)),
            Err(_) => Ok(None),
        }
    }

    /// Ok(item) or Err(StopIteration value).
    pub fn iter_next_with_value(&mut self, it: &Value) -> PyResult<Result<Value, Value>> {
        match it {
            Value::Gen(g) => {
                let g = g.clone();
                if g.state.get() == GenState::Closed {
                    return Ok(Err(Value::None));
                }
                match self.gen_resume_native(&g, GenMode::Send(Value::None))? {
                    Ok(v) => Ok(Ok(v)),
                    Err(r) => Ok(Err(r)),
                }
            }
            Value::Iter(cell) => {
                if let Some(r) = fast_next(cell) {
                    return Ok(r.ok_or(Value::None));
                }
                self.iter_next_slow(cell)
            }
            Value::Instance(i) => {
                let cls = i.class.borrow().clone();
                let Some(m) = self.class_lookup_user(&cls, "__next__") else {
                    return Err(PyErr::new(
                        "TypeError",
                        format!("'{}' object is not an iterator", cls.name.s),
                    ));
                };
                match self.call(&m, vec![it.clone()]) {
                    Ok(v) => Ok(Ok(v)),
                    Err(e) => self.stop_value(e).map(Err),
                }
            }
            _ => Err(PyErr::new(
                "TypeError",
                format!("'{}' object is not an iterator", self.type_name(it)),
            )),
        }
    }

    fn iter_next_slow(&mut self, cell: &RefCell<IterObj>) -> PyResult<Result<Value, Value>> {
        let state = std::mem::replace(&mut *cell.borrow_mut(), IterObj::Empty);
        // Nested native iterators (`map(f, map(f, …))`) recurse here.
        let (next_state, r) = self.nested("", |vm| vm.advance(state))?;
        *cell.borrow_mut() = next_state;
        Ok(r)
    }

    fn advance(&mut self, state: IterObj) -> PyResult<(IterObj, Result<Value, Value>)> {
        let done = Err(Value::None);
        Ok(match state {
            IterObj::Str { s, byte } => match s.s[byte.min(s.s.len())..].chars().next() {
                Some(c) => {
                    let nb = byte + c.len_utf8();
                    (
                        IterObj::Str { s, byte: nb },
                        Ok(Value::string(c.to_string())),
                    )
                }
                None => (IterObj::Str { s, byte }, done),
            },
            IterObj::Seq { seq, idx } => {
                let r = match &seq {
                    Value::Bytes(b) => b.get(idx).map(|x| Value::Int(*x as i64)),
                    Value::Instance(_) => match self.getitem(&seq, &Value::Int(idx as i64)) {
                        Ok(v) => Some(v),
                        Err(e) => {
                            let esc = e.is_escaped();
                            let v = self.materialize(e);
                            if self.is_instance_of_name(&v, "IndexError")
                                || self.is_instance_of_name(&v, "StopIteration")
                            {
                                None
                            } else {
                                return Err(PyErr::pass_on(esc, v));
                            }
                        }
                    },
                    _ => None,
                };
                match r {
                    Some(v) => (IterObj::Seq { seq, idx: idx + 1 }, Ok(v)),
                    None => (IterObj::Seq { seq, idx }, done),
                }
            }
            IterObj::DictKeys {
                dict,
                idx,
                len_at_start,
            }
            | IterObj::DictValues {
                dict,
                idx,
                len_at_start,
            }
            | IterObj::DictItems {
                dict,
                idx,
                len_at_start,
            } if dict.borrow().len() != len_at_start => {
                let _ = idx;
                return Err(PyErr::new(
                    "RuntimeError",
                    "dictionary changed size during iteration",
                ));
            }
            IterObj::DictKeys {
                dict,
                idx,
                len_at_start,
            } => {
                let n = dict.borrow().next_from(idx);
                match n {
                    Some((i, k, _)) => (
                        IterObj::DictKeys {
                            dict,
                            idx: i + 1,
                            len_at_start,
                        },
                        Ok(k),
                    ),
                    None => (
                        IterObj::DictKeys {
                            dict,
                            idx,
                            len_at_start,
                        },
                        done,
                    ),
                }
            }
            IterObj::DictValues {
                dict,
                idx,
                len_at_start,
            } => {
                let n = dict.borrow().next_from(idx);
                match n {
                    Some((i, _, v)) => (
                        IterObj::DictValues {
                            dict,
                            idx: i + 1,
                            len_at_start,
                        },
                        Ok(v),
                    ),
                    None => (
                        IterObj::DictValues {
                            dict,
                            idx,
                            len_at_start,
                        },
                        done,
                    ),
                }
            }
            IterObj::DictItems {
                dict,
                idx,
                len_at_start,
            } => {
                let n = dict.borrow().next_from(idx);
                match n {
                    Some((i, k, v)) => (
                        IterObj::DictItems {
                            dict,
                            idx: i + 1,
                            len_at_start,
                        },
                        Ok(Value::tuple(vec![k, v])),
                    ),
                    None => (
                        IterObj::DictItems {
                            dict,
                            idx,
                            len_at_start,
                        },
                        done,
                    ),
                }
            }
            IterObj::SetIter { set, idx } => {
                let n = match &set {
                    Value::Set(d) => d.borrow().next_from(idx),
                    Value::FrozenSet(d) => d.next_from(idx),
                    _ => None,
                };
                match n {
                    Some((i, k, _)) => (IterObj::SetIter { set, idx: i + 1 }, Ok(k)),
                    None => (IterObj::SetIter { set, idx }, done),
                }
            }
            IterObj::Enumerate { it, n } => match self.iter_next(&it)? {
                Some(v) => (
                    IterObj::Enumerate { it, n: n + 1 },
                    Ok(Value::tuple(vec![Value::Int(n), v])),
                ),
                None => (IterObj::Enumerate { it, n }, done),
            },
            IterObj::Zip { its, strict } => {
                let mut items = Vec::with_capacity(its.len());
                for (k, it) in its.iter().enumerate() {
                    match self.iter_next(it)? {
                        Some(v) => items.push(v),
                        None => {
                            if strict
                                && (k > 0 || its.len() > 1 && self.zip_rest_nonempty(&its[1..])?)
                            {
                                let msg = if k > 0 {
                                    format!(
                                        "zip() argument {} is shorter than argument{} 1{}",
                                        k + 1,
                                        if k > 1 { "s" } else { "" },
                                        if k > 1 {
                                            format!("-{k}")
                                        } else {
                                            String::new()
                                        }
                                    )
                                } else {
                                    "zip() argument 2 is longer than argument 1".to_string()
                                };
                                return Err(PyErr::new("ValueError", msg));
                            }
                            return Ok((IterObj::Zip { its, strict }, done));
                        }
                    }
                }
                (IterObj::Zip { its, strict }, Ok(Value::tuple(items)))
            }
            IterObj::Map { f, its } => {
                let mut args = Vec::with_capacity(its.len());
                for it in &its {
                    match self.iter_next(it)? {
                        Some(v) => args.push(v),
                        None => return Ok((IterObj::Map { f, its }, done)),
                    }
                }
                let r = self.call(&f, args)?;
                (IterObj::Map { f, its }, Ok(r))
            }
            IterObj::Filter { f, it } => loop {
                match self.iter_next(&it)? {
                    Some(v) => {
                        let keep = if f.is_none() {
                            self.truthy(&v)?
                        } else {
                            let r = self.call(&f, vec![v.clone()])?;
                            self.truthy(&r)?
                        };
                        if keep {
                            break (IterObj::Filter { f, it }, Ok(v));
                        }
                    }
                    None => break (IterObj::Filter { f, it }, done),
                }
            },
            IterObj::Reversed { seq, idx } => {
                if idx == 0 {
                    (IterObj::Reversed { seq, idx }, done)
                } else {
                    let v = self.getitem(&seq, &Value::Int(idx as i64 - 1))?;
                    (IterObj::Reversed { seq, idx: idx - 1 }, Ok(v))
                }
            }
            IterObj::Callable { f, sentinel } => {
                let v = self.call(&f, vec![])?;
                if self.eq(&v, &sentinel)? {
                    (IterObj::Empty, done)
                } else {
                    (IterObj::Callable { f, sentinel }, Ok(v))
                }
            }
            IterObj::Done(v) => (IterObj::Empty, Err(v)),
            IterObj::ASend {
                gen,
                value,
                started,
                throw,
                close,
            } => {
                // Driven from native code (a task's coroutine, `send()`): one step.
                let mode = match (started, throw) {
                    (false, true) => GenMode::Throw(value),
                    (false, false) => GenMode::Send(value),
                    (true, _) => GenMode::Send(Value::None),
                };
                match self.asend_resume(&gen, close, mode)? {
                    Ok(y) => (
                        IterObj::ASend {
                            gen,
                            value: Value::None,
                            started: true,
                            throw: false,
                            close,
                        },
                        Ok(y),
                    ),
                    Err(r) => (IterObj::Empty, Err(r)),
                }
            }
            other @ (IterObj::Range { .. } | IterObj::Empty | IterObj::AsyncYield(_)) => {
                (other, done)
            }
        })
    }

    /// One step of an async generator for its `asend()`/`athrow()` awaitable (or,
    /// with `close`, its `aclose()`), driven from native code: Ok(y) when it
    /// awaits (y goes to the event loop), Err(r) when the awaitable is done with
    /// result r.
    pub(crate) fn asend_resume(
        &mut self,
        gen: &Rc<GenObj>,
        close: bool,
        mode: GenMode,
    ) -> PyResult<Result<Value, Value>> {
        match self.gen_resume_native(gen, mode) {
            Ok(Ok(y)) => match super::interp::unwrap_async_yield(&y) {
                Some(_) if close => Err(PyErr::new(
                    "RuntimeError",
                    "async generator ignored GeneratorExit",
                )),
                Some(inner) => Ok(Err(inner)),
                None => Ok(Ok(y)),
            },
            Ok(Err(_)) if close => Ok(Err(Value::None)),
            Ok(Err(_)) => Err(PyErr::new("StopAsyncIteration", "")),
            Err(e) if close => {
                let exc = self.materialize(e);
                if self.is_instance_of_name(&exc, "GeneratorExit") {
                    Ok(Err(Value::None))
                } else {
                    Err(PyErr::exc(exc))
                }
            }
            Err(e) => Err(e),
        }
    }

    fn zip_rest_nonempty(&mut self, its: &[Value]) -> PyResult<bool> {
        for it in its {
            if self.iter_next(it)?.is_some() {
                return Ok(true);
            }
        }
        Ok(false)
    }

    pub fn to_vec(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        self.to_vec_limited(v, MAX_COLLECTION)
    }

    /// Collects at most `limit` items (UnpackSequence stops early on long iterables).
    pub fn to_vec_limited(&mut self, v: &Value, limit: usize) -> PyResult<Vec<Value>> {
        match v {
            Value::List(l) => return Ok(l.borrow().clone()),
            Value::Tuple(t) => return Ok(t.to_vec()),
            Value::Dict(d) => return Ok(d.borrow().keys()),
            Value::Set(_) | Value::FrozenSet(_) => return Ok(self.set_keys(v)),
            Value::Range(r) => {
                let n = r.len();
                if n as u64 > MAX_COLLECTION as u64 {
                    return Err(PyErr::new("MemoryError", ""));
                }
                let n = (n as usize).min(limit);
                return Ok((0..n)
                    .map(|i| Value::Int(r.start + i as i64 * r.step))
                    .collect());
            }
            Value::Str(s) => {
                return Ok(s
                    .s
                    .chars()
                    .take(limit)
                    .map(|c| Value::string(c.to_string()))
                    .collect())
            }
            _ => {}
        }
        let it = self.get_iter(v)?;
        let mut out = Vec::new();
        while out.len() < limit {
            match self.iter_next(&it)? {
                Some(x) => out.push(x),
                None => break,
            }
        }
        if out.len() >= MAX_COLLECTION {
            return Err(PyErr::new("MemoryError", ""));
        }
        Ok(out)
    }

    pub fn get_awaitable(&mut self, v: Value) -> PyResult<Value> {
        match &v {
            Value::Gen(g) if g.kind == GenKind::Coroutine => {
                if g.state.get() == GenState::Running {
                    return Err(PyErr::new(
                        "RuntimeError",
                        "coroutine is being awaited already",
                    ));
                }
                Ok(v)
            }
            Value::Iter(it)
                if matches!(&*it.borrow(), IterObj::ASend { .. } | IterObj::Done(_)) =>
            {
                Ok(v)
            }
            _ => {
                // `__await__` written in Python as a generator: no bound method,
                // no native call in between.
                let cls = self.type_of(&v);
                if let Some(Value::Function(func)) =
                    self.class_lookup_name(&cls, &self.names.await_)
                {
                    let flags = func.code.flags;
                    if flags & (FLAG_GENERATOR | FLAG_COROUTINE) != 0 && flags & FLAG_ASYNC_GEN == 0
                    {
                        if let Some(mut frame) = self.simple_frame(&func, 1) {
                            frame.locals[0] = v;
                            return Ok(self.make_gen(frame));
                        }
                    }
                }
                if let Some(m) = self.special_method(&v, "__await__") {
                    let r = self.call(&m, vec![])?;
                    return match &r {
                        Value::Gen(g) if g.kind != GenKind::AsyncGenerator => Ok(r),
                        Value::Iter(_) => Ok(r),
                        Value::Instance(_) if self.special_method(&r, "__next__").is_some() => {
                            Ok(r)
                        }
                        _ => Err(PyErr::new(
                            "TypeError",
                            format!(
                                "__await__() returned non-iterator of type '{}'",
                                self.type_name(&r)
                            ),
                        )),
                    };
                }
                Err(PyErr::new(
                    "TypeError",
                    format!(
                        "object {} can't be used in 'await' expression",
                        self.type_name(&v)
                    ),
                ))
            }
        }
    }

    pub fn get_aiter(&mut self, v: &Value) -> PyResult<Value> {
        match v {
            Value::Gen(g) if g.kind == GenKind::AsyncGenerator => Ok(v.clone()),
            _ => match self.special_method(v, "__aiter__") {
                Some(m) => self.call(&m, vec![]),
                None => Err(PyErr::new(
                    "TypeError",
                    format!(
                        "'async for' requires an object with __aiter__ method, got {}",
                        self.type_name(v)
                    ),
                )),
            },
        }
    }

    pub fn get_anext(&mut self, it: &Value) -> PyResult<Value> {
        match it {
            Value::Gen(g) if g.kind == GenKind::AsyncGenerator => Ok(Value::Iter(Rc::new(
                Shallow(RefCell::new(IterObj::ASend {
                    gen: g.clone(),
                    value: Value::None,
                    started: false,
                    throw: false,
                    close: false,
                })),
            ))),
            _ => match self.special_method(it, "__anext__") {
                Some(m) => {
                    let r = self.call(&m, vec![])?;
                    self.get_awaitable(r).map_err(|_| {
                        PyErr::new(
                            "TypeError",
                            format!(
                                "'async for' received an invalid object from __anext__: {}",
                                self.type_name(it)
                            ),
                        )
                    })
                }
                None => Err(PyErr::new(
                    "TypeError",
                    format!(
                        "'async for' requires an iterator with __anext__ method, got {}",
                        self.type_name(it)
                    ),
                )),
            },
        }
    }
}
