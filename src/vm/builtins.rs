//! Builtin functions and the constructors of builtin types.

use std::cell::RefCell;
use std::rc::Rc;

use super::namemap::{intern, NameMap};
use super::stable_sort;
use super::value::*;
use super::{ErrKind, PyErr, PyResult, Vm, MAX_COLLECTION};

pub fn native(name: &'static str, f: NativeImpl) -> Value {
    Value::Native(Rc::new(NativeFn {
        name,
        f,
        is_method: false,
        data: Value::None,
    }))
}

pub fn method(name: &'static str, f: NativeImpl) -> Value {
    Value::Native(Rc::new(NativeFn {
        name,
        f,
        is_method: true,
        data: Value::None,
    }))
}

fn nargs(name: &str, a: &Args, min: usize, max: usize) -> PyResult<()> {
    arity(name, a.pos.len(), min, max)
}

/// CPython's TypeError when `n` positional arguments are not `min..=max`
/// (builtin functions, and methods with `n` not counting `self`).
pub fn arity(name: &str, n: usize, min: usize, max: usize) -> PyResult<()> {
    if n < min || n > max {
        let msg = if min == max {
            if min == 0 {
                format!("{name}() takes no arguments ({n} given)")
            } else if min == 1 {
                format!("{name}() takes exactly one argument ({n} given)")
            } else {
                format!("{name}() takes exactly {min} arguments ({n} given)")
            }
        } else if n < min {
            format!(
                "{name} expected at least {min} argument{}, got {n}",
                if min == 1 { "" } else { "s" }
            )
        } else {
            format!(
                "{name} expected at most {max} argument{}, got {n}",
                if max == 1 { "" } else { "s" }
            )
        };
        return Err(PyErr::new("TypeError", msg));
    }
    Ok(())
}

/// `RefCell::borrow` and `borrow_mut` without `#[track_caller]`: one panic
/// location for all their callers instead of one per call site in the wasm.
pub fn rd<T: ?Sized>(c: &RefCell<T>) -> std::cell::Ref<'_, T> {
    c.borrow()
}
pub fn wr<T: ?Sized>(c: &RefCell<T>) -> std::cell::RefMut<'_, T> {
    c.borrow_mut()
}

/// Positional argument `i` (None past the end; the callers checked how many
/// there are). Not `a.pos[i]`: each of those adds a panic location to the wasm.
#[inline]
pub fn pos(a: &Args, i: usize) -> &Value {
    a.pos.get(i).unwrap_or(&Value::None)
}

/// The positional arguments after the first (`self` of a method).
pub fn rest(a: &Args) -> &[Value] {
    a.pos.get(1..).unwrap_or(&[])
}

/// `kind` with message `pre` + `mid` + `post`: one out-of-line builder for the
/// many messages that name a function, method or module.
#[inline(never)]
pub fn err3(kind: &'static str, pre: &str, mid: &str, post: &str) -> PyErr {
    PyErr::new(kind, [pre, mid, post].concat())
}

/// TypeError `pre` + the type name of `v` + `post`: one out-of-line builder for
/// the many messages of that shape.
#[inline(never)]
pub fn type_error_of(vm: &Vm, pre: &str, v: &Value, post: &str) -> PyErr {
    let mut m = String::from(pre);
    m.push_str(&vm.type_name(v));
    m.push_str(post);
    PyErr::new("TypeError", m)
}

pub fn kwarg(a: &Args, name: &str) -> Option<Value> {
    a.kw.iter()
        .find(|(k, _)| k.s == name)
        .map(|(_, v)| v.clone())
}

fn no_kw(name: &str, a: &Args) -> PyResult<()> {
    if !a.kw.is_empty() {
        return Err(PyErr::new(
            "TypeError",
            format!("{}() takes no keyword arguments", name),
        ));
    }
    Ok(())
}

pub fn as_i64(vm: &mut Vm, v: &Value, what: &str) -> PyResult<i64> {
    match vm.index_of(v) {
        Some(i) => Ok(i),
        None => Err(PyErr::new(
            "TypeError",
            format!(
                "'{}' object cannot be interpreted as an integer{}",
                vm.type_name(v),
                what
            ),
        )),
    }
}

/// The builtin functions, each with the function that checks its number of
/// arguments (CPython's messages) and runs it.
const BUILTIN_FUNCS: &[(&str, NativeImpl)] = &[
    ("print", builtin_fn),
    ("len", builtin_fn),
    ("sorted", args::<1, 1>),
    ("reversed", args::<1, 1>),
    ("sum", args::<1, 2>),
    ("min", builtin_fn),
    ("max", builtin_fn),
    ("abs", args::<1, 1>),
    ("round", args::<1, 2>),
    ("any", args::<1, 1>),
    ("all", args::<1, 1>),
    ("isinstance", args::<2, 2>),
    ("issubclass", args::<2, 2>),
    ("repr", args::<1, 1>),
    ("ascii", args::<1, 1>),
    ("id", args::<1, 1>),
    ("hash", args::<1, 1>),
    ("iter", args::<1, 2>),
    ("next", args::<1, 2>),
    ("getattr", args::<2, 3>),
    ("setattr", builtin_fn),
    ("hasattr", args::<2, 2>),
    ("delattr", args::<2, 2>),
    ("callable", args::<1, 1>),
    ("chr", args::<1, 1>),
    ("ord", args::<1, 1>),
    ("divmod", args::<2, 2>),
    ("pow", args::<2, 3>),
    ("format", args::<1, 2>),
    ("vars", builtin_fn),
    ("input", builtin_fn),
    ("globals", builtin_fn),
    ("locals", builtin_fn),
    ("dir", builtin_fn),
    ("hex", args::<1, 1>),
    ("oct", args::<1, 1>),
    ("bin", args::<1, 1>),
    ("open", builtin_fn),
    ("exit", builtin_fn),
    ("quit", builtin_fn),
    ("aiter", args::<1, 1>),
    ("anext", args::<1, 2>),
    ("__build_class__", builtin_fn),
    ("enumerate", args::<1, 2>),
    ("zip", builtin_fn),
    ("map", builtin_fn),
    ("filter", args::<2, 2>),
    ("__import__", builtin_fn),
];

pub fn install(vm: &mut Vm) {
    {
        let mut d = wr(&vm.builtins.dict);
        for (name, f) in BUILTIN_FUNCS {
            d.set_str(name, native(name, *f));
        }
        d.set_str("None", Value::None);
        d.set_str("True", Value::Bool(true));
        d.set_str("False", Value::Bool(false));
        d.set_str("NotImplemented", Value::NotImplemented);
        d.set_str("Ellipsis", Value::Ellipsis);
        d.set_str("__name__", Value::str("builtins"));
    }
    super::methods::install_methods(vm);
}

/// A builtin taking `MIN..=MAX` positional arguments: checked here, then run.
fn args<const MIN: usize, const MAX: usize>(vm: &mut Vm, name: &str, a: Args) -> PyResult<Value> {
    if !a.kw.is_empty() && !["sorted", "sum", "round", "enumerate", "pow"].contains(&name) {
        return Err(err3("TypeError", "", name, "() takes no keyword arguments"));
    }
    let mut a = a;
    if name == "pow" && !a.kw.is_empty() {
        // pow(base=2, exp=10, mod=None)
        for k in ["base", "exp", "mod"].iter().skip(a.pos.len()) {
            match kwarg(&a, k) {
                Some(v) => a.pos.push(v),
                None => break,
            }
        }
    }
    nargs(name, &a, MIN, MAX)?;
    builtin_fn(vm, name, a)
}

/// A builtin function whose number of arguments was checked (see `BUILTIN_FUNCS`).
fn builtin_fn(vm: &mut Vm, name: &str, a: Args) -> PyResult<Value> {
    match name {
        "print" => {
            let sep = match kwarg(&a, "sep") {
                Some(Value::None) | None => " ".to_string(),
                Some(v) => vm.str_of(&v)?,
            };
            let end = match kwarg(&a, "end") {
                Some(Value::None) | None => "\n".to_string(),
                Some(v) => vm.str_of(&v)?,
            };
            let to_err = match kwarg(&a, "file") {
                Some(f) => is_stderr(&f),
                None => false,
            };
            let mut s = String::new();
            for (i, v) in a.pos.iter().enumerate() {
                if i > 0 {
                    s.push_str(&sep);
                }
                s.push_str(&vm.str_of(v)?);
            }
            s.push_str(&end);
            vm.write_out(&s, to_err);
            Ok(Value::None)
        }
        "len" => {
            no_kw(name, &a)?;
            nargs("len", &a, 1, 1)?;
            let n = vm.len_of(pos(&a, 0))?;
            Ok(Value::Int(n as i64))
        }
        "sorted" => {
            let mut items = vm.to_vec(pos(&a, 0))?;
            let key = kwarg(&a, "key").filter(|k| !k.is_none());
            let reverse = match kwarg(&a, "reverse") {
                Some(r) => vm.truthy(&r)?,
                None => false,
            };
            vm.sort_values(&mut items, key, reverse)?;
            Ok(Value::list(items))
        }
        "reversed" => {
            let v = pos(&a, 0);
            match v {
                Value::List(_)
                | Value::Tuple(_)
                | Value::Str(_)
                | Value::Range(_)
                | Value::Bytes(_) => {
                    let n = vm.len_of(v)?;
                    Ok(Value::Iter(Rc::new(Shallow(RefCell::new(
                        IterObj::Reversed {
                            seq: v.clone(),
                            idx: n,
                        },
                    )))))
                }
                Value::Dict(d) => {
                    let mut keys = rd(d).keys();
                    keys.reverse();
                    vm.get_iter(&Value::list(keys))
                }
                _ => match vm.special_method(v, "__reversed__") {
                    Some(m) => vm.call(&m, vec![]),
                    None => {
                        if vm.special_method(v, "__len__").is_some()
                            && vm.special_method(v, "__getitem__").is_some()
                        {
                            let n = vm.len_of(v)?;
                            return Ok(Value::Iter(Rc::new(Shallow(RefCell::new(
                                IterObj::Reversed {
                                    seq: v.clone(),
                                    idx: n,
                                },
                            )))));
                        }
                        Err(type_error_of(vm, "'", v, "' object is not reversible"))
                    }
                },
            }
        }
        "sum" => {
            let mut acc = a
                .pos
                .get(1)
                .cloned()
                .or_else(|| kwarg(&a, "start"))
                .unwrap_or(Value::Int(0));
            if let Value::Str(_) = acc {
                return Err(PyErr::new(
                    "TypeError",
                    "sum() can't sum strings [use ''.join(seq) instead]",
                ));
            }
            let it = vm.get_iter(pos(&a, 0))?;
            while let Some(x) = vm.iter_next(&it)? {
                acc = match (&acc, &x) {
                    (Value::Int(p), Value::Int(q)) if p.checked_add(*q).is_some() => {
                        Value::Int(p + q)
                    }
                    (Value::Float(p), Value::Float(q)) => Value::Float(p + q),
                    _ => vm.binary_op(&acc, &x, crate::python::ast::BinOp::Add)?,
                };
            }
            Ok(acc)
        }
        "min" | "max" => min_max(vm, name, a),
        "abs" => match pos(&a, 0) {
            Value::Int(i) => i
                .checked_abs()
                .map(Value::Int)
                .ok_or_else(|| PyErr::new("OverflowError", "integer overflow")),
            Value::Bool(b) => Ok(Value::Int(*b as i64)),
            Value::Float(f) => Ok(Value::Float(f.abs())),
            v => match vm.special_method(v, "__abs__") {
                Some(m) => vm.call(&m, vec![]),
                None => Err(type_error_of(vm, "bad operand type for abs(): '", v, "'")),
            },
        },
        "round" => {
            let nd = a
                .pos
                .get(1)
                .cloned()
                .or_else(|| kwarg(&a, "ndigits"))
                .filter(|v| !v.is_none());
            match (pos(&a, 0), nd) {
                (Value::Int(i), None) => Ok(Value::Int(*i)),
                (Value::Bool(b), None) => Ok(Value::Int(*b as i64)),
                (Value::Int(i), Some(n)) => {
                    let n = as_i64(vm, &n, "")?;
                    if n >= 0 {
                        return Ok(Value::Int(*i));
                    }
                    let p = super::ops::int_pow(10, (-n).min(18)).unwrap_or(i64::MAX);
                    let q = i.div_euclid(p);
                    let r = i.rem_euclid(p);
                    let q = if r * 2 > p || (r * 2 == p && q % 2 != 0) {
                        q + 1
                    } else {
                        q
                    };
                    Ok(Value::Int(q * p))
                }
                (Value::Float(f), None) => {
                    if f.is_nan() {
                        return Err(PyErr::new(
                            "ValueError",
                            "cannot convert float NaN to integer",
                        ));
                    }
                    if f.is_infinite() {
                        return Err(PyErr::new(
                            "OverflowError",
                            "cannot convert float infinity to integer",
                        ));
                    }
                    Ok(Value::Int(super::format::round_half_even(*f) as i64))
                }
                (Value::Float(f), Some(n)) => {
                    let n = as_i64(vm, &n, "")?;
                    super::format::round_float(*f, n)
                        .map(Value::Float)
                        .map_err(|m| PyErr::new("OverflowError", m))
                }
                (v, nd) => match vm.special_method(v, "__round__") {
                    Some(m) => vm.call(&m, nd.into_iter().collect()),
                    None => Err(type_error_of(
                        vm,
                        "type ",
                        v,
                        " doesn't define __round__ method",
                    )),
                },
            }
        }
        "any" | "all" => {
            let it = vm.get_iter(pos(&a, 0))?;
            let want = name == "any";
            while let Some(x) = vm.iter_next(&it)? {
                if vm.truthy(&x)? == want {
                    return Ok(Value::Bool(want));
                }
            }
            Ok(Value::Bool(!want))
        }
        "isinstance" => Ok(Value::Bool(vm.isinstance_check(
            pos(&a, 0),
            pos(&a, 1),
            "isinstance",
        )?)),
        "issubclass" => {
            let Value::Class(c) = pos(&a, 0) else {
                return Err(PyErr::new(
                    "TypeError",
                    "issubclass() arg 1 must be a class",
                ));
            };
            let c = c.clone();
            vm.classinfo_match(&c, pos(&a, 1), "issubclass")
                .map(Value::Bool)
        }
        "repr" => vm.repr(pos(&a, 0)).map(Value::string),
        "ascii" => {
            let r = vm.repr(pos(&a, 0))?;
            Ok(Value::string(super::ops::ascii_escape(&r)))
        }
        "id" => Ok(Value::Int(pos(&a, 0).id())),
        "hash" => vm.hash(pos(&a, 0)).map(Value::Int),
        "iter" => {
            if a.pos.len() == 2 {
                return Ok(Value::Iter(Rc::new(Shallow(RefCell::new(
                    IterObj::Callable {
                        f: pos(&a, 0).clone(),
                        sentinel: pos(&a, 1).clone(),
                    },
                )))));
            }
            vm.get_iter(pos(&a, 0))
        }
        "next" => {
            let it = pos(&a, 0);
            if !matches!(it, Value::Iter(_) | Value::Gen(_))
                && vm.special_method(it, "__next__").is_none()
            {
                return Err(type_error_of(vm, "'", it, "' object is not an iterator"));
            }
            match vm.iter_next_with_value(it)? {
                Ok(v) => Ok(v),
                Err(ret) => match a.pos.get(1) {
                    Some(d) => Ok(d.clone()),
                    None => Err(vm.stop_iteration(ret)),
                },
            }
        }
        "getattr" => {
            let Value::Str(n) = pos(&a, 1) else {
                return Err(PyErr::new("TypeError", "attribute name must be string"));
            };
            let n = intern(&n.s);
            match vm.getattr(pos(&a, 0), &n) {
                Ok(v) => Ok(v),
                Err(e) => match a.pos.get(2) {
                    // (A lazily made AttributeError needs no exception object.)
                    Some(d) if matches!(e.kind(), ErrKind::New("AttributeError", _)) => {
                        Ok(d.clone())
                    }
                    Some(d) => {
                        let esc = e.is_escaped();
                        let ex = vm.materialize(e);
                        if vm.is_instance_of_name(&ex, "AttributeError") {
                            Ok(d.clone())
                        } else {
                            Err(PyErr::pass_on(esc, ex))
                        }
                    }
                    None => Err(e),
                },
            }
        }
        "hasattr" => {
            let Value::Str(n) = pos(&a, 1) else {
                return Err(PyErr::new(
                    "TypeError",
                    "hasattr(): attribute name must be string",
                ));
            };
            let n = intern(&n.s);
            match vm.getattr(pos(&a, 0), &n) {
                Ok(_) => Ok(Value::Bool(true)),
                Err(e) if matches!(e.kind(), ErrKind::New("AttributeError", _)) => {
                    Ok(Value::Bool(false))
                }
                Err(e) => {
                    let esc = e.is_escaped();
                    let ex = vm.materialize(e);
                    if vm.is_instance_of_name(&ex, "AttributeError") {
                        Ok(Value::Bool(false))
                    } else {
                        Err(PyErr::pass_on(esc, ex))
                    }
                }
            }
        }
        "setattr" => {
            nargs("setattr", &a, 3, 3)?;
            let Value::Str(n) = pos(&a, 1) else {
                return Err(PyErr::new("TypeError", "attribute name must be string"));
            };
            let n = intern(&n.s);
            vm.setattr(pos(&a, 0), &n, pos(&a, 2).clone())?;
            Ok(Value::None)
        }
        "delattr" => {
            let Value::Str(n) = pos(&a, 1) else {
                return Err(PyErr::new("TypeError", "attribute name must be string"));
            };
            let n = intern(&n.s);
            vm.delattr(pos(&a, 0), &n)?;
            Ok(Value::None)
        }
        "callable" => {
            let v = pos(&a, 0);
            Ok(Value::Bool(match v {
                Value::Function(_) | Value::Native(_) | Value::BoundMethod(_) | Value::Class(_) => {
                    true
                }
                Value::Instance(_) => vm.special_method(v, "__call__").is_some(),
                _ => false,
            }))
        }
        "chr" => {
            let i = as_i64(vm, pos(&a, 0), "")?;
            match u32::try_from(i).ok().and_then(char::from_u32) {
                Some(c) => Ok(Value::string(c.to_string())),
                None => Err(PyErr::new("ValueError", "chr() arg not in range(0x110000)")),
            }
        }
        "ord" => match pos(&a, 0) {
            Value::Str(s) if s.nchars == 1 => Ok(Value::Int(
                s.s.chars().next().map(|c| c as i64).unwrap_or(0),
            )),
            Value::Str(s) => Err(PyErr::new(
                "TypeError",
                format!(
                    "ord() expected a character, but string of length {} found",
                    s.nchars
                ),
            )),
            v => Err(type_error_of(
                vm,
                "ord() expected string of length 1, but ",
                v,
                " found",
            )),
        },
        "divmod" => {
            let q = vm.binary_op(pos(&a, 0), pos(&a, 1), crate::python::ast::BinOp::FloorDiv)?;
            let r = vm.binary_op(pos(&a, 0), pos(&a, 1), crate::python::ast::BinOp::Mod)?;
            Ok(Value::tuple(vec![q, r]))
        }
        "pow" => {
            if let (Some(Value::Int(b)), Some(Value::Int(e)), Some(Value::Int(m))) =
                (a.pos.first(), a.pos.get(1), a.pos.get(2))
            {
                if *m == 0 {
                    return Err(PyErr::new("ValueError", "pow() 3rd argument cannot be 0"));
                }
                if *e < 0 {
                    return Err(PyErr::new(
                        "ValueError",
                        "base is not invertible for the given modulus",
                    ));
                }
                let (mut r, mut base, mut e, m) =
                    (1i128, (*b as i128).rem_euclid(*m as i128), *e, *m as i128);
                while e > 0 {
                    if e & 1 == 1 {
                        r = r * base % m;
                    }
                    base = base * base % m;
                    e >>= 1;
                }
                return Ok(Value::Int(r.rem_euclid(m) as i64));
            }
            vm.binary_op(pos(&a, 0), pos(&a, 1), crate::python::ast::BinOp::Pow)
        }
        "format" => {
            let spec = match a.pos.get(1) {
                Some(Value::Str(s)) => s.s.clone(),
                _ => String::new(),
            };
            vm.format_value(pos(&a, 0), &spec).map(Value::string)
        }
        "vars" => {
            if a.pos.is_empty() {
                return builtin_fn(vm, "locals", a);
            }
            let n = intern("__dict__");
            vm.getattr(pos(&a, 0), &n).map_err(|_| {
                PyErr::new("TypeError", "vars() argument must have __dict__ attribute")
            })
        }
        "input" => Err(PyErr::new("EOFError", "EOF when reading a line")),
        "globals" => {
            let g = match vm.frames.last() {
                Some(f) => rd(&f.globals.dict).clone(),
                None => NameMap::new(),
            };
            vm.namemap_to_dict(&g)
        }
        "locals" => {
            let Some(f) = vm.frames.last() else {
                return Ok(Value::Dict(vm.new_dict()));
            };
            if let Some(ns) = &f.ns {
                let m = rd(ns).clone();
                return vm.namemap_to_dict(&m);
            }
            if f.code.kind == crate::compile::CodeKind::Module {
                let m = rd(&f.globals.dict).clone();
                return vm.namemap_to_dict(&m);
            }
            let mut m = NameMap::new();
            for (i, n) in f.code.varnames.iter().enumerate() {
                if let Some(v) = f.locals.get(i) {
                    if !v.is_undef() {
                        m.insert(n.clone(), v.clone());
                    }
                }
            }
            vm.namemap_to_dict(&m)
        }
        "dir" => {
            let mut names: Vec<String> = Vec::new();
            match a.pos.first() {
                Some(Value::Instance(i)) => {
                    names.extend(rd(&i.dict).names());
                    let c = rd(&i.class).clone();
                    for cl in std::iter::once(&c).chain(c.mro.iter()) {
                        names.extend(rd(&cl.dict).names());
                    }
                }
                Some(Value::Module(m)) => names.extend(rd(&m.dict).names()),
                Some(Value::Class(c)) => {
                    for cl in std::iter::once(c).chain(c.mro.iter()) {
                        names.extend(rd(&cl.dict).names());
                    }
                }
                Some(v) => {
                    let c = vm.type_of(v);
                    names.extend(rd(&c.dict).names());
                }
                None => {
                    if let Some(f) = vm.frames.last() {
                        names.extend(rd(&f.globals.dict).names());
                    }
                }
            }
            stable_sort::sort_by(&mut names, |a, b| a < b);
            names.dedup();
            Ok(Value::list(names.into_iter().map(Value::string).collect()))
        }
        "hex" | "oct" | "bin" => {
            let i = as_i64(vm, pos(&a, 0), "")?;
            let spec = match name {
                "hex" => "#x",
                "oct" => "#o",
                _ => "#b",
            };
            super::format::format_int(i, spec)
                .map(Value::string)
                .map_err(|m| PyErr::new("ValueError", m))
        }
        "open" => Err(PyErr::new(
            "NotImplementedError",
            "open() is not supported in Awaitscope; use aiofiles.open()",
        )),
        "exit" | "quit" => {
            let cls = vm.exc_class("SystemExit");
            Err(PyErr::exc(vm.new_exc_instance(&cls, a.pos.clone())))
        }
        "aiter" => vm.get_aiter(pos(&a, 0)),
        "anext" => vm.get_anext(pos(&a, 0)),
        "__build_class__" => vm.build_class(a),
        "__import__" => {
            let n = match a.pos.first() {
                Some(Value::Str(s)) => s.s.clone(),
                _ => {
                    return Err(PyErr::new(
                        "TypeError",
                        "__import__() argument 1 must be str",
                    ))
                }
            };
            vm.import_module(&n)?
                .ok_or_else(|| PyErr::new("ImportError", "import failed"))
        }
        "enumerate" => {
            let start = match a.pos.get(1).cloned().or_else(|| kwarg(&a, "start")) {
                Some(v) => as_i64(vm, &v, "")?,
                None => 0,
            };
            let it = vm.get_iter(pos(&a, 0))?;
            Ok(Value::Iter(Rc::new(Shallow(RefCell::new(
                IterObj::Enumerate { it, n: start },
            )))))
        }
        "zip" => {
            let strict = match kwarg(&a, "strict") {
                Some(v) => vm.truthy(&v)?,
                None => false,
            };
            let mut its = Vec::new();
            for x in a.pos.iter() {
                its.push(vm.get_iter(x)?);
            }
            if its.is_empty() {
                return Ok(Value::Iter(Rc::new(Shallow(RefCell::new(IterObj::Empty)))));
            }
            Ok(Value::Iter(Rc::new(Shallow(RefCell::new(IterObj::Zip {
                its,
                strict,
            })))))
        }
        "map" => {
            if a.pos.len() < 2 {
                return Err(PyErr::new(
                    "TypeError",
                    "map() must have at least two arguments.",
                ));
            }
            let f = pos(&a, 0).clone();
            let mut its = Vec::new();
            for x in rest(&a) {
                its.push(vm.get_iter(x)?);
            }
            Ok(Value::Iter(Rc::new(Shallow(RefCell::new(IterObj::Map {
                f,
                its,
            })))))
        }
        "filter" => {
            let it = vm.get_iter(pos(&a, 1))?;
            Ok(Value::Iter(Rc::new(Shallow(RefCell::new(
                IterObj::Filter {
                    f: pos(&a, 0).clone(),
                    it,
                },
            )))))
        }
        _ => Err(err3("NameError", "name '", name, "' is not defined")),
    }
}

pub fn is_stderr(v: &Value) -> bool {
    if let Value::Instance(i) = v {
        if let Value::Str(s) = &*rd(&i.payload) {
            return s.s == "<stderr>";
        }
    }
    false
}

fn min_max(vm: &mut Vm, name: &str, a: Args) -> PyResult<Value> {
    let key = kwarg(&a, "key").filter(|k| !k.is_none());
    let default = kwarg(&a, "default");
    let items = match a.pos.len() {
        0 => {
            return Err(err3(
                "TypeError",
                "",
                name,
                " expected at least 1 argument, got 0",
            ))
        }
        1 => vm.to_vec(pos(&a, 0))?,
        _ => {
            if default.is_some() {
                return Err(err3(
                    "TypeError",
                    "Cannot specify a default for ",
                    name,
                    "() with multiple positional arguments",
                ));
            }
            a.pos.clone()
        }
    };
    let mut best: Option<(Value, Value)> = None;
    for x in items {
        let k = match &key {
            Some(f) => vm.call(f, vec![x.clone()])?,
            None => x.clone(),
        };
        best = match best {
            None => Some((k, x)),
            Some((bk, bx)) => {
                let better = if name == "min" {
                    vm.less_than(&k, &bk)?
                } else {
                    vm.less_than(&bk, &k)?
                };
                if better {
                    Some((k, x))
                } else {
                    Some((bk, bx))
                }
            }
        };
    }
    match best {
        Some((_, x)) => Ok(x),
        None => match default {
            Some(d) => Ok(d),
            None => Err(err3("ValueError", "", name, "() arg is an empty sequence")),
        },
    }
}

impl Vm {
    pub fn len_of(&mut self, v: &Value) -> PyResult<usize> {
        Ok(match v {
            Value::Str(s) => s.nchars,
            Value::Bytes(b) => b.len(),
            Value::Tuple(t) => t.len(),
            Value::List(l) => rd(l).len(),
            Value::Dict(d) | Value::Set(d) => rd(d).len(),
            Value::FrozenSet(d) => d.len(),
            Value::Range(r) => r.len() as usize,
            Value::Instance(i) => {
                let cls = rd(&i.class).clone();
                if let Some(m) = self.class_lookup_user(&cls, "__len__") {
                    let r = self.call(&m, vec![v.clone()])?;
                    return match r {
                        Value::Int(n) if n >= 0 => Ok(n as usize),
                        Value::Int(_) => {
                            Err(PyErr::new("ValueError", "__len__() should return >= 0"))
                        }
                        Value::Bool(b) => Ok(b as usize),
                        other => Err(type_error_of(
                            self,
                            "'",
                            &other,
                            "' object cannot be interpreted as an integer",
                        )),
                    };
                }
                if let Some(p) = self.payload(v) {
                    return self.len_of(&p);
                }
                return Err(err3(
                    "TypeError",
                    "object of type '",
                    &cls.name.s,
                    "' has no len()",
                ));
            }
            _ => return Err(type_error_of(self, "object of type '", v, "' has no len()")),
        })
    }

    /// Stable merge sort with a fallible `<` (CPython's sort is stable too).
    pub fn sort_values(
        &mut self,
        items: &mut Vec<Value>,
        key: Option<Value>,
        reverse: bool,
    ) -> PyResult<()> {
        let keys = match &key {
            Some(f) => {
                let mut ks = Vec::with_capacity(items.len());
                for x in items.iter() {
                    ks.push(self.call(f, vec![x.clone()])?);
                }
                ks
            }
            None => items.clone(),
        };
        let mut idx: Vec<usize> = (0..items.len()).collect();
        if reverse {
            idx.reverse();
        }
        let mut err = None;
        stable_sort::sort_indices(&mut idx, &mut |i, j| {
            // After a failed comparison the sort runs to its end without calling Python.
            err.is_none()
                && self.key_lt(&keys[i], &keys[j]).unwrap_or_else(|e| {
                    err = Some(e);
                    false
                })
        });
        if let Some(e) = err {
            return Err(e);
        }
        if reverse {
            idx.reverse();
        }
        let old = std::mem::take(items);
        *items = idx.into_iter().map(|i| old[i].clone()).collect();
        Ok(())
    }

    fn key_lt(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => Ok(x < y),
            (Value::Str(x), Value::Str(y)) => Ok(x.s < y.s),
            _ => self.less_than(a, b),
        }
    }

    pub fn isinstance_check(&mut self, v: &Value, cls: &Value, fname: &str) -> PyResult<bool> {
        if let Value::Instance(_) = cls {
            // `isinstance(x, int | None)`: the union's `__instancecheck__`.
            if let Some(m) = self.special_method(cls, "__instancecheck__") {
                let r = self.call(&m, vec![v.clone()])?;
                return self.truthy(&r);
            }
        }
        let t = self.type_of(v);
        self.classinfo_match(&t, cls, fname)
    }

    pub fn classinfo_match(&mut self, t: &Rc<Class>, cls: &Value, fname: &str) -> PyResult<bool> {
        match cls {
            Value::Class(c) => {
                // What a metaclass's `__subclasscheck__` does in CPython (typing's
                // Protocol, collections.abc): a classmethod hook here.
                let hook = self.names.subclass_hook.clone();
                if let Some(h) = self.class_lookup_name(c, &hook) {
                    let h = self.bind_descriptor(h, cls, c);
                    let r = self.call(&h, vec![Value::Class(t.clone())])?;
                    return self.truthy(&r);
                }
                Ok(self.is_subclass(t, c))
            }
            Value::Tuple(items) => {
                for x in items.iter() {
                    if self.nested(" in __instancecheck__", |vm| {
                        vm.classinfo_match(t, x, fname)
                    })? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Instance(_) if self.special_method(cls, "__subclasscheck__").is_some() => {
                let m = self
                    .special_method(cls, "__subclasscheck__")
                    .unwrap_or_default();
                let r = self.call(&m, vec![Value::Class(t.clone())])?;
                self.truthy(&r)
            }
            _ => Err(err3(
                "TypeError",
                "",
                fname,
                "() arg 2 must be a type, a tuple of types, or a union",
            )),
        }
    }
}

/// Constructors of the builtin types; None when `cls` is not one of them.
pub fn construct_builtin(
    vm: &mut Vm,
    cls: &Rc<Class>,
    args: &[Value],
    kw: &[(Name, Value)],
) -> PyResult<Option<Value>> {
    // (Every builtin type is made by `types::make_class`, in module `builtins`.)
    if !matches!(&*rd(&cls.module), Value::Str(m) if m.s == "builtins") {
        return Ok(None);
    }
    let t = &vm.t;
    let is = |c: &Rc<Class>| Rc::ptr_eq(cls, c);
    let mut a0 = args.first().cloned();
    if let Some((k, v)) = kw.first() {
        // Keywords the builtin constructors refuse (they were ignored: `str(object=x)` was '').
        let allowed: &[&str] = match cls.name.s.as_str() {
            "int" => &["base"],
            "str" => &["object", "encoding", "errors"],
            "float" | "bool" | "list" | "tuple" | "set" | "frozenset" | "range" => &[],
            _ => &["*"],
        };
        if let Some((bad, _)) = kw
            .iter()
            .find(|(k, _)| !allowed.contains(&k.as_str()) && allowed != ["*"])
        {
            return Err(match allowed.is_empty() {
                true => err3(
                    "TypeError",
                    "",
                    &cls.name.s,
                    "() takes no keyword arguments",
                ),
                false => PyErr::new(
                    "TypeError",
                    format!(
                        "'{}' is an invalid keyword argument for {}()",
                        bad.s, cls.name.s
                    ),
                ),
            });
        }
        if is(&t.str_) && k.s == "object" && a0.is_none() {
            a0 = Some(v.clone());
        }
    }
    let r = if is(&t.int) {
        match (
            &a0,
            args.get(1).cloned().or_else(|| {
                kw.iter()
                    .find(|(k, _)| k.s == "base")
                    .map(|(_, v)| v.clone())
            }),
        ) {
            (None, _) => Value::Int(0),
            (Some(Value::Str(s)), base) => {
                let b = match base {
                    Some(Value::Int(b)) => b as u32,
                    _ => 10,
                };
                match super::format::parse_int(&s.s, b) {
                    Ok(i) => Value::Int(i),
                    Err(m) if m == super::format::INT_TOO_LARGE => {
                        return Err(PyErr::new("OverflowError", m))
                    }
                    Err(m) => return Err(PyErr::new("ValueError", m)),
                }
            }
            (Some(v), _) => vm.to_int(v)?,
        }
    } else if is(&t.float) {
        match &a0 {
            None => Value::Float(0.0),
            Some(Value::Str(s)) => match super::format::parse_float(&s.s) {
                Ok(f) => Value::Float(f),
                Err(m) => return Err(PyErr::new("ValueError", m)),
            },
            Some(Value::Int(i)) => Value::Float(*i as f64),
            Some(Value::Bool(b)) => Value::Float(*b as i64 as f64),
            Some(Value::Float(f)) => Value::Float(*f),
            Some(v) => match vm.special_method(v, "__float__") {
                Some(m) => vm.call(&m, vec![])?,
                None => {
                    return Err(type_error_of(
                        vm,
                        "float() argument must be a string or a real number, not '",
                        v,
                        "'",
                    ))
                }
            },
        }
    } else if is(&t.str_) {
        match &a0 {
            None => Value::str(""),
            Some(Value::Bytes(b)) if args.len() > 1 || !kw.is_empty() => {
                Value::string(String::from_utf8_lossy(b).into_owned())
            }
            Some(v) => Value::string(vm.str_of(v)?),
        }
    } else if is(&t.bool_) {
        match &a0 {
            None => Value::Bool(false),
            Some(v) => Value::Bool(vm.truthy(v)?),
        }
    } else if is(&t.list) {
        match &a0 {
            None => Value::list(vec![]),
            Some(v) => Value::list(vm.to_vec(v)?),
        }
    } else if is(&t.tuple) {
        match &a0 {
            None => Value::tuple(vec![]),
            Some(Value::Tuple(_)) => a0.clone().unwrap_or_default(),
            Some(v) => Value::tuple(vm.to_vec(v)?),
        }
    } else if is(&t.dict) {
        let d = vm.new_dict();
        if let Some(v) = &a0 {
            vm.dict_update(&d, v)?;
        }
        for (k, v) in kw {
            vm.dict_set(&d, Value::Str(k.clone()), v.clone())?;
        }
        Value::Dict(d)
    } else if is(&t.set) {
        match &a0 {
            None => Value::Set(vm.new_dict()),
            Some(v) => {
                let items = vm.to_vec(v)?;
                vm.new_set(items)?
            }
        }
    } else if is(&t.frozenset) {
        let items = match &a0 {
            None => vec![],
            Some(v) => vm.to_vec(v)?,
        };
        match vm.new_set(items)? {
            Value::Set(d) => Value::FrozenSet(Rc::new(rd(&d).clone())),
            other => other,
        }
    } else if is(&t.range) {
        let mut ns = Vec::new();
        for v in args {
            ns.push(as_i64(vm, v, "")?);
        }
        let (start, stop, step) = match ns.as_slice() {
            [stop] => (0, *stop, 1),
            [a, b] => (*a, *b, 1),
            [a, b, c] => (*a, *b, *c),
            [] => {
                return Err(PyErr::new(
                    "TypeError",
                    "range expected at least 1 argument, got 0",
                ))
            }
            _ => {
                return Err(PyErr::new(
                    "TypeError",
                    format!("range expected at most 3 arguments, got {}", ns.len()),
                ))
            }
        };
        if step == 0 {
            return Err(PyErr::new("ValueError", "range() arg 3 must not be zero"));
        }
        Value::Range(Rc::new(RangeObj { start, stop, step }))
    } else if is(&t.slice) {
        let g = |i: usize| args.get(i).cloned().unwrap_or(Value::None);
        match args.len() {
            1 => Value::Slice(Rc::new(Shallow([Value::None, g(0), Value::None]))),
            2 => Value::Slice(Rc::new(Shallow([g(0), g(1), Value::None]))),
            _ => Value::Slice(Rc::new(Shallow([g(0), g(1), g(2)]))),
        }
    } else if is(&t.type_) {
        match args.len() {
            1 => Value::Class(vm.type_of(&args[0])),
            3 => {
                let (Value::Str(name), Value::Tuple(bases), Value::Dict(d)) =
                    (&args[0], &args[1], &args[2])
                else {
                    return Err(PyErr::new("TypeError", "type() argument types"));
                };
                let mut bs = Vec::new();
                for b in bases.iter() {
                    if let Value::Class(c) = b {
                        bs.push(c.clone());
                    }
                }
                if bs.is_empty() {
                    bs.push(vm.t.object.clone());
                }
                let mut ns = NameMap::new();
                for (k, v) in rd(d).items() {
                    if let Value::Str(s) = k {
                        ns.insert(intern(&s.s), v);
                    }
                }
                let c = super::types::make_class(&name.s, bs, BuiltinType::Object, ns)
                    .map_err(|m| PyErr::new("TypeError", m))?;
                *wr(&c.module) = Value::str("__main__");
                vm.finish_class(&c, Vec::new())?;
                Value::Class(c)
            }
            _ => return Err(PyErr::new("TypeError", "type() takes 1 or 3 arguments")),
        }
    } else if is(&t.object) {
        if !args.is_empty() {
            return Err(PyErr::new("TypeError", "object() takes no arguments"));
        }
        Value::Instance(Rc::new(Instance {
            class: RefCell::new(cls.clone()),
            dict: RefCell::new(NameMap::new()),
            exc: None,
            payload: RefCell::new(Value::None),
        }))
    } else if is(&t.property) {
        let g = |i: usize, k: &str| {
            args.get(i)
                .cloned()
                .or_else(|| kw.iter().find(|(n, _)| n.s == k).map(|(_, v)| v.clone()))
                .unwrap_or(Value::None)
        };
        Value::Property(Rc::new(Shallow(PropertyObj {
            fns: [g(0, "fget"), g(1, "fset"), g(2, "fdel")],
            name: RefCell::new(None),
        })))
    } else if is(&t.staticmethod) {
        Value::StaticMethod(Rc::new(Shallow(a0.unwrap_or(Value::None))))
    } else if is(&t.classmethod) {
        Value::ClassMethod(Rc::new(Shallow(a0.unwrap_or(Value::None))))
    } else if is(&t.super_) {
        vm.make_super(args)?
    } else if is(&t.bytes) {
        match &a0 {
            None => Value::Bytes(Rc::new(Vec::new())),
            Some(Value::Str(s)) => Value::Bytes(Rc::new(s.s.as_bytes().to_vec())),
            Some(Value::Int(n)) => {
                if *n < 0 || *n as usize > MAX_COLLECTION {
                    return Err(PyErr::new("ValueError", "negative count"));
                }
                Value::Bytes(Rc::new(vec![0; *n as usize]))
            }
            Some(v) => {
                let items = vm.to_vec(v)?;
                let mut out = Vec::new();
                for x in items {
                    match x {
                        Value::Int(i) if (0..256).contains(&i) => out.push(i as u8),
                        _ => {
                            return Err(PyErr::new("ValueError", "bytes must be in range(0, 256)"))
                        }
                    }
                }
                Value::Bytes(Rc::new(out))
            }
        }
    } else if Rc::ptr_eq(cls, &vm.exc_class("BaseExceptionGroup"))
        || Rc::ptr_eq(cls, &vm.exc_class("ExceptionGroup"))
    {
        let msg = a0.unwrap_or(Value::str(""));
        if !matches!(msg, Value::Str(_)) {
            return Err(PyErr::new("TypeError", "argument 1 must be str"));
        }
        let excs = match args.get(1) {
            Some(v) => vm.to_vec(v)?,
            None => {
                return Err(PyErr::new(
                    "TypeError",
                    "BaseExceptionGroup.__new__() takes exactly 2 arguments (1 given)",
                ))
            }
        };
        let g = vm.make_exception_group(cls, msg.clone(), excs)?;
        if let (Value::Instance(i), Some(orig)) = (&g, args.get(1)) {
            if let Some(d) = &i.exc {
                wr(d).args = vec![msg, orig.clone()];
            }
        }
        g
    } else if matches!(
        cls.builtin,
        BuiltinType::NoneType
            | BuiltinType::Function
            | BuiltinType::BuiltinFunction
            | BuiltinType::Method
            | BuiltinType::Module
            | BuiltinType::Generator
            | BuiltinType::Coroutine
            | BuiltinType::AsyncGenerator
            | BuiltinType::Cell
            | BuiltinType::Code
    ) && cls.mro.len() <= 1
    {
        return Err(err3(
            "TypeError",
            "cannot create '",
            &cls.name.s,
            "' instances",
        ));
    } else {
        return Ok(None);
    };
    Ok(Some(r))
}

/// The builtin value held by an instance of a subclass of a builtin type.
pub fn builtin_payload(vm: &mut Vm, cls: &Rc<Class>, args: &[Value]) -> PyResult<Value> {
    let base = cls
        .mro
        .iter()
        .find(|c| {
            c.builtin == cls.builtin
                && c.bases.len() == 1
                && Rc::ptr_eq(&c.bases[0], &vm.t.object)
                && !c.is_exception
        })
        .cloned();
    let Some(base) = base else {
        return Ok(Value::None);
    };
    let args: Vec<Value> = if matches!(
        cls.builtin,
        BuiltinType::Dict | BuiltinType::List | BuiltinType::Set
    ) {
        Vec::new()
    } else {
        args.to_vec()
    };
    Ok(construct_builtin(vm, &base, &args, &[])?.unwrap_or(Value::None))
}

impl Vm {
    pub fn to_int(&mut self, v: &Value) -> PyResult<Value> {
        Ok(match v {
            Value::Int(i) => Value::Int(*i),
            Value::Bool(b) => Value::Int(*b as i64),
            Value::Float(f) => {
                if f.is_nan() {
                    return Err(PyErr::new(
                        "ValueError",
                        "cannot convert float NaN to integer",
                    ));
                }
                if f.is_infinite() {
                    return Err(PyErr::new(
                        "OverflowError",
                        "cannot convert float infinity to integer",
                    ));
                }
                let t = f.trunc();
                if t.abs() >= 9.223_372_036_854_776e18 {
                    return Err(PyErr::new(
                        "OverflowError",
                        "int too large (Awaitscope ints are 64-bit)",
                    ));
                }
                Value::Int(t as i64)
            }
            Value::Str(s) => match super::format::parse_int(&s.s, 10) {
                Ok(i) => Value::Int(i),
                Err(m) => return Err(PyErr::new("ValueError", m)),
            },
            _ => {
                for m in ["__int__", "__index__", "__trunc__"] {
                    if let Some(f) = self.special_method(v, m) {
                        return self.call(&f, vec![]);
                    }
                }
                if let Some(p) = self.payload(v) {
                    return self.to_int(&p);
                }
                return Err(type_error_of(
                    self,
                    "int() argument must be a string, a bytes-like object or a real number, not '",
                    v,
                    "'",
                ));
            }
        })
    }
}
