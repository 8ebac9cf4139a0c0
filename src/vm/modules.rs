//! Imports: the asyncio prelude (Python, embedded), `_awaitscope`, and builtin
//! modules `time`, `random`, `math`, `sys`, `collections`, `contextlib`, `functools`,
//! `itertools`, `typing`, `types`, `abc`, `collections.abc`, `heapq`, `operator`,
//! `__future__`, `json`.

use std::cell::RefCell;
use std::rc::Rc;

use super::builtins::{as_i64, err3, native, pos, rd, type_error_of, wr};
use super::namemap::{intern, NameMap};
use super::random_mt::MersenneTwister;
use super::value::*;
use super::{PyErr, PyResult, Suspend, Vm};
use crate::trace::Event;

const COLLECTIONS_PY: &str = crate::asyncio::embedded_py!("collections.py");
const CONTEXTLIB_PY: &str = crate::asyncio::embedded_py!("contextlib.py");
const FUNCTOOLS_PY: &str = crate::asyncio::embedded_py!("functools.py");
const ITERTOOLS_PY: &str = crate::asyncio::embedded_py!("itertools.py");
const TYPING_PY: &str = crate::asyncio::embedded_py!("typing.py");
const TYPES_PY: &str = crate::asyncio::embedded_py!("types.py");
const ABC_PY: &str = crate::asyncio::embedded_py!("abc.py");
const HEAPQ_PY: &str = crate::asyncio::embedded_py!("heapq.py");
const OPERATOR_PY: &str = crate::asyncio::embedded_py!("operator.py");
const FUTURE_PY: &str = crate::asyncio::embedded_py!("__future__.py");
const COLLECTIONS_ABC_PY: &str = crate::asyncio::embedded_py!("_collections_abc.py");

fn module(name: &str, entries: Vec<(&str, Value)>) -> Value {
    let mut d = NameMap::new();
    d.set_str("__name__", Value::str(name));
    for (k, v) in entries {
        d.set_str(k, v);
    }
    Value::Module(Rc::new(Module {
        name: intern(name),
        dict: RefCell::new(d),
    }))
}

fn natives(names: &[&'static str], f: NativeImpl) -> Vec<(&'static str, Value)> {
    names.iter().map(|n| (*n, native(n, f))).collect()
}

impl Vm {
    /// Returns the module (importing it on first use).
    pub fn import_module(&mut self, name: &str) -> PyResult<Option<Value>> {
        if let Some(m) = self.modules.get(name) {
            return Ok(Some(m.clone()));
        }
        let m = match name {
            "_awaitscope" => self.make_awaitscope_module(),
            "asyncio" => {
                let m = self.load_source_module("asyncio", crate::asyncio::ASYNCIO_PRELUDE)?;
                self.register_sleep(&m);
                m
            }
            "aiohttp" => self.load_source_module("aiohttp", &[crate::asyncio::AIOHTTP_PRELUDE])?,
            "aiofiles" => {
                self.load_source_module("aiofiles", &[crate::asyncio::AIOFILES_PRELUDE])?
            }
            "collections" => {
                self.load_source_module("collections", &[("collections.py", COLLECTIONS_PY)])?
            }
            "contextlib" => {
                self.load_source_module("contextlib", &[("contextlib.py", CONTEXTLIB_PY)])?
            }
            "functools" => {
                self.load_source_module("functools", &[("functools.py", FUNCTOOLS_PY)])?
            }
            "itertools" => {
                self.load_source_module("itertools", &[("itertools.py", ITERTOOLS_PY)])?
            }
            "time" => module(
                "time",
                natives(
                    &[
                        "time",
                        "perf_counter",
                        "monotonic",
                        "time_ns",
                        "perf_counter_ns",
                        "monotonic_ns",
                        "process_time",
                        "sleep",
                        "strftime",
                        "gmtime",
                        "localtime",
                        "ctime",
                    ],
                    time_fn,
                ),
            ),
            "random" => module(
                "random",
                natives(
                    &[
                        "seed",
                        "random",
                        "randint",
                        "randrange",
                        "choice",
                        "shuffle",
                        "uniform",
                        "sample",
                        "getrandbits",
                        "choices",
                        "triangular",
                        "expovariate",
                        "paretovariate",
                        "weibullvariate",
                        "gauss",
                        "normalvariate",
                        "lognormvariate",
                    ],
                    random_fn,
                ),
            ),
            "math" => {
                let mut e = natives(
                    &[
                        "sqrt",
                        "floor",
                        "ceil",
                        "isclose",
                        "fabs",
                        "pow",
                        "exp",
                        "log",
                        "log2",
                        "log10",
                        "sin",
                        "cos",
                        "tan",
                        "atan",
                        "atan2",
                        "asin",
                        "acos",
                        "hypot",
                        "gcd",
                        "lcm",
                        "factorial",
                        "isnan",
                        "isinf",
                        "isfinite",
                        "trunc",
                        "fsum",
                        "prod",
                        "radians",
                        "degrees",
                        "copysign",
                        "comb",
                        "perm",
                        "dist",
                        "modf",
                        "fmod",
                    ],
                    math_fn,
                );
                e.push(("pi", Value::Float(std::f64::consts::PI)));
                e.push(("e", Value::Float(std::f64::consts::E)));
                e.push(("tau", Value::Float(std::f64::consts::TAU)));
                e.push(("inf", Value::Float(f64::INFINITY)));
                e.push(("nan", Value::Float(f64::NAN)));
                module("math", e)
            }
            "sys" => {
                let out = self.stream_object("<stdout>");
                let err = self.stream_object("<stderr>");
                let mut e = natives(
                    &[
                        "exit",
                        "getrecursionlimit",
                        "setrecursionlimit",
                        "exc_info",
                        "exception",
                    ],
                    sys_fn,
                );
                e.push(("stdout", out));
                e.push(("stderr", err));
                e.push((
                    "argv",
                    Value::list(self.argv.iter().map(|a| Value::str(a)).collect()),
                ));
                e.push(("version", Value::str("3.11.0 (awaitscope)")));
                e.push(("maxsize", Value::Int(i64::MAX)));
                e.push(("platform", Value::str("awaitscope")));
                e.push((
                    "version_info",
                    Value::tuple(vec![Value::Int(3), Value::Int(11), Value::Int(0)]),
                ));
                module("sys", e)
            }
            "typing" | "types" | "abc" | "heapq" | "operator" | "__future__" => {
                let file = format!("{name}.py");
                let src = match name {
                    "typing" => TYPING_PY,
                    "types" => TYPES_PY,
                    "abc" => ABC_PY,
                    "heapq" => HEAPQ_PY,
                    "operator" => OPERATOR_PY,
                    _ => FUTURE_PY,
                };
                self.load_source_module(name, &[(&file, src)])?
            }
            "collections.abc" => {
                let parent = self.import_module("collections")?.unwrap_or_default();
                let m = self.load_source_module(
                    "collections.abc",
                    &[("_collections_abc.py", COLLECTIONS_ABC_PY)],
                )?;
                self.setattr(&parent, &intern("abc"), m.clone())?;
                m
            }
            "json" => {
                let mut e = natives(&["loads", "dumps"], json_fn);
                e.push((
                    "JSONDecodeError",
                    Value::Class(self.exc_class("JSONDecodeError")),
                ));
                module("json", e)
            }
            _ => {
                let top = name.split_once('.').map_or(name, |(top, _)| top);
                // `import collections.foo`: the package is there, its submodule not.
                let missing = match top != name && self.import_module(top).is_ok() {
                    true => name,
                    false => top,
                };
                return Err(err3(
                    "ModuleNotFoundError",
                    "No module named '",
                    missing,
                    "'",
                ));
            }
        };
        self.modules.insert(name.to_string(), m.clone());
        Ok(Some(m))
    }

    fn stream_object(&mut self, which: &str) -> Value {
        let mut d = NameMap::new();
        d.set_str("write", super::builtins::method("write", stream_fn));
        d.set_str("flush", super::builtins::method("flush", stream_fn));
        d.set_str("__module__", Value::str("io"));
        let cls = super::types::make_class(
            "TextIOWrapper",
            vec![self.t.object.clone()],
            BuiltinType::Object,
            d,
        )
        .unwrap_or_else(|_| self.t.object.clone());
        Value::Instance(Rc::new(Instance {
            class: RefCell::new(cls),
            dict: RefCell::new(NameMap::new()),
            exc: None,
            payload: RefCell::new(Value::str(which)),
        }))
    }

    /// Compiles and runs Python source files in one module namespace.
    fn load_source_module(&mut self, name: &str, files: &[(&str, &str)]) -> PyResult<Value> {
        let m = Rc::new(Module {
            name: intern(name),
            dict: RefCell::new(NameMap::new()),
        });
        wr(&m.dict).set_str("__name__", Value::str(name));
        let mv = Value::Module(m.clone());
        self.modules.insert(name.to_string(), mv.clone());
        for (file, src) in files {
            if name == "asyncio" {
                // Classes and functions take `__module__` from `__name__`: CPython's
                // asyncio is a package, so `Lock` is `asyncio.locks.Lock`.
                let part = format!("asyncio.{}", file.trim_end_matches(".py"));
                m.dict.borrow_mut().set_str("__name__", Value::str(&part));
            }
            let filename = format!("<{name}>/{file}");
            let code = match compiled_prelude_file(&filename, src) {
                Ok(c) => c,
                Err(e) => {
                    self.modules.remove(name);
                    return Err(PyErr::new(
                        "ImportError",
                        format!(
                            "{} in {} line {}: {}",
                            e.kind, filename, e.span.start.line, e.message
                        ),
                    ));
                }
            };
            self.host
                .sources
                .push((code.filename.clone(), code.source.clone()));
            let frame = self.new_frame(code, m.clone());
            if let Err(e) = self.run_frame_native(frame) {
                self.modules.remove(name);
                return Err(e);
            }
        }
        m.dict.borrow_mut().set_str("__name__", Value::str(name));
        Ok(mv)
    }

    /// `str.format` (and `format_map`).
    pub fn str_format(
        &mut self,
        template: &str,
        args: &[Value],
        kw: &[(Name, Value)],
        mapping: Option<Value>,
    ) -> PyResult<String> {
        use super::format::{FieldAccess, FieldKey, FormatPiece};
        let pieces = super::format::parse_format_template(template)
            .map_err(|m| PyErr::new("ValueError", m))?;
        let mut out = String::new();
        for p in pieces {
            match p {
                FormatPiece::Literal(s) => out.push_str(&s),
                FormatPiece::Error(m) => return Err(PyErr::new("ValueError", m)),
                FormatPiece::Field {
                    key,
                    path,
                    conversion,
                    spec,
                    nested,
                    ..
                } => {
                    let mut v = match &key {
                        FieldKey::Index(i) => match args.get(*i) {
                            Some(v) => v.clone(),
                            None => {
                                return Err(PyErr::new(
                                    "IndexError",
                                    format!(
                                    "Replacement index {} out of range for positional args tuple",
                                    i
                                ),
                                ))
                            }
                        },
                        FieldKey::Name(n) => match &mapping {
                            Some(m) => self.getitem(m, &Value::str(n))?,
                            None => match kw.iter().find(|(k, _)| k.s == *n) {
                                Some((_, v)) => v.clone(),
                                None => return Err(self.key_error(Value::str(n))),
                            },
                        },
                    };
                    for step in path {
                        v = match step {
                            FieldAccess::Attr(a) => self.getattr(&v, &intern(&a))?,
                            FieldAccess::Index(i) => self.getitem(&v, &Value::Int(i as i64))?,
                            FieldAccess::Key(k) => self.getitem(&v, &Value::str(&k))?,
                            FieldAccess::Invalid(m) => return Err(PyErr::new("ValueError", m)),
                        };
                    }
                    let v = match conversion {
                        Some('r') => Value::string(self.repr(&v)?),
                        Some('s') => Value::string(self.str_of(&v)?),
                        Some('a') => Value::string(super::format::str_ascii(&self.repr(&v)?)),
                        _ => v,
                    };
                    let spec = match nested {
                        Some(ps) => {
                            let mut s = String::new();
                            for np in ps {
                                match np {
                                    FormatPiece::Literal(l) => s.push_str(&l),
                                    FormatPiece::Field { key, .. } => {
                                        let nv = match key {
                                            FieldKey::Index(i) => {
                                                args.get(i).cloned().unwrap_or_default()
                                            }
                                            FieldKey::Name(n) => kw
                                                .iter()
                                                .find(|(k, _)| k.s == n)
                                                .map(|(_, v)| v.clone())
                                                .unwrap_or_default(),
                                        };
                                        s.push_str(&self.str_of(&nv)?);
                                    }
                                    FormatPiece::Error(m) => {
                                        return Err(PyErr::new("ValueError", m))
                                    }
                                }
                            }
                            s
                        }
                        None => spec,
                    };
                    out.push_str(&self.format_value(&v, &spec)?);
                }
            }
        }
        Ok(out)
    }

    fn rng(&mut self) -> &mut MersenneTwister {
        self.host.rng.get_or_insert_with(|| MersenneTwister::new(0))
    }
}

fn num(vm: &Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        Value::Float(f) => Ok(*f),
        _ => Err(type_error_of(vm, "must be real number, not ", v, "")),
    }
}

fn time_fn(vm: &mut Vm, name: &str, a: Args) -> PyResult<Value> {
    match name {
        "time" | "perf_counter" | "monotonic" | "process_time" => Ok(Value::Float(vm.now)),
        "time_ns" | "perf_counter_ns" | "monotonic_ns" => Ok(Value::Int((vm.now * 1e9) as i64)),
        "sleep" => {
            let s = num(vm, &a.pos.first().cloned().unwrap_or_default())?;
            if s < 0.0 {
                return Err(PyErr::new(
                    "ValueError",
                    "sleep length must be non-negative",
                ));
            }
            let line = vm.user_line();
            let what = format!("time.sleep({})", vm.repr(pos(&a, 0))?);
            vm.host.events.push(Event::Blocked {
                start: vm.now,
                end: vm.now + s,
                task: vm.host.current_task,
                what,
                line,
            });
            vm.host.resume_push = true;
            Err(PyErr::suspend(Suspend::Sleep(s)))
        }
        "strftime" => {
            let fmt = match a.pos.first() {
                Some(Value::Str(s)) => s.s.clone(),
                _ => return Err(PyErr::new("TypeError", "strftime() argument 1 must be str")),
            };
            let t = vm.now as i64;
            Ok(Value::string(strftime(&fmt, t)))
        }
        "gmtime" | "localtime" => {
            let t = match a.pos.first() {
                Some(v) if !v.is_none() => num(vm, v)? as i64,
                _ => vm.now as i64,
            };
            let (y, mo, d, h, mi, s, wd, yd) = civil(t);
            Ok(Value::tuple(
                vec![y, mo, d, h, mi, s, wd, yd, 0]
                    .into_iter()
                    .map(Value::Int)
                    .collect(),
            ))
        }
        "ctime" => Ok(Value::string(strftime(
            "%a %b %d %H:%M:%S %Y",
            vm.now as i64,
        ))),
        _ => Err(err3(
            "AttributeError",
            "module 'time' has no attribute '",
            name,
            "'",
        )),
    }
}

/// UTC calendar fields of `t` seconds since 1970-01-01.
fn civil(t: i64) -> (i64, i64, i64, i64, i64, i64, i64, i64) {
    let days = t.div_euclid(86400);
    let secs = t.rem_euclid(86400);
    let (h, mi, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    let z = days + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    let wd = (days + 3).rem_euclid(7);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let cum = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let yd = cum[(m - 1) as usize] + d + if leap && m > 2 { 1 } else { 0 };
    (y, m, d, h, mi, s, wd, yd)
}

/// `n` in decimal, at least `width` characters: like `format!("{n:0width$}")`
/// (`zero`: zeros after the sign) or `format!("{n:width$}")` (spaces before it),
/// without a format string per field.
fn push_num(out: &mut String, n: i64, width: usize, zero: bool) {
    let digits = n.unsigned_abs().to_string();
    let pad = width.saturating_sub(digits.len() + usize::from(n < 0));
    if !zero {
        out.extend(std::iter::repeat_n(' ', pad));
    }
    if n < 0 {
        out.push('-');
    }
    if zero {
        out.extend(std::iter::repeat_n('0', pad));
    }
    out.push_str(&digits);
}

fn strftime(fmt: &str, t: i64) -> String {
    let (y, mo, d, h, mi, s, wd, yd) = civil(t);
    let days = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let (day, month) = (days[wd as usize], months[(mo - 1) as usize]);
    let z2 = |out: &mut String, n: i64| push_num(out, n, 2, true);
    let mut out = String::new();
    let mut it = fmt.chars();
    while let Some(c) = it.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('H') => z2(&mut out, h),
            Some('M') => z2(&mut out, mi),
            Some('S') => z2(&mut out, s),
            Some('X') | Some('T') => {
                z2(&mut out, h);
                out.push(':');
                z2(&mut out, mi);
                out.push(':');
                z2(&mut out, s);
            }
            Some('Y') => push_num(&mut out, y, 0, true),
            Some('y') => z2(&mut out, y % 100),
            Some('m') => z2(&mut out, mo),
            Some('d') => z2(&mut out, d),
            Some('j') => push_num(&mut out, yd, 3, true),
            Some('I') => z2(&mut out, if h % 12 == 0 { 12 } else { h % 12 }),
            Some('p') => out.push_str(if h < 12 { "AM" } else { "PM" }),
            Some('A') => out.push_str(day),
            Some('a') => out.push_str(&day[..3]),
            Some('B') => out.push_str(month),
            Some('b') => out.push_str(&month[..3]),
            Some('x') => {
                z2(&mut out, mo);
                out.push('/');
                z2(&mut out, d);
                out.push('/');
                z2(&mut out, y % 100);
            }
            Some('c') => {
                out.push_str(&day[..3]);
                out.push(' ');
                out.push_str(&month[..3]);
                out.push(' ');
                push_num(&mut out, d, 2, false);
                out.push(' ');
                z2(&mut out, h);
                out.push(':');
                z2(&mut out, mi);
                out.push(':');
                z2(&mut out, s);
                out.push(' ');
                push_num(&mut out, y, 0, true);
            }
            Some('%') => out.push('%'),
            Some(o) => {
                out.push('%');
                out.push(o);
            }
            None => out.push('%'),
        }
    }
    out
}

/// A parameter of a `random` function, given by position or by keyword.
fn rarg(a: &Args, i: usize, name: &str) -> Option<Value> {
    a.pos
        .get(i)
        .cloned()
        .or_else(|| super::builtins::kwarg(a, name))
}

/// `bisect_right(cum, x, 0, hi)`: where `choices`/`sample(counts=)` land.
fn bisect_right(cum: &[f64], x: f64, hi: usize) -> usize {
    cum[..hi].partition_point(|c| *c <= x)
}

/// `itertools.accumulate` of the weights (ints and floats add up the same in f64).
fn cumulative(vm: &mut Vm, v: &Value) -> PyResult<Vec<f64>> {
    let mut total = 0.0;
    let mut out = Vec::new();
    for w in vm.to_vec(v)? {
        total += num(vm, &w)?;
        out.push(total);
    }
    Ok(out)
}

fn random_fn(vm: &mut Vm, name: &str, a: Args) -> PyResult<Value> {
    let g = |i: usize, k: &str| rarg(&a, i, k).unwrap_or(Value::None);
    let verr = |m: String| PyErr::new("ValueError", m);
    let fl = |vm: &mut Vm, i: usize, k: &str, default: f64| match rarg(&a, i, k) {
        Some(v) => num(vm, &v),
        None => Ok(default),
    };
    let required: &[&str] = match name {
        "expovariate" => &["lambd"],
        "paretovariate" => &["alpha"],
        "weibullvariate" => &["alpha", "beta"],
        "lognormvariate" => &["mu", "sigma"],
        _ => &[],
    };
    for (i, k) in required.iter().enumerate() {
        if rarg(&a, i, k).is_none() {
            return Err(PyErr::new(
                "TypeError",
                format!("Random.{name}() missing 1 required positional argument: '{k}'"),
            ));
        }
    }
    match name {
        "seed" => {
            match g(0, "a") {
                Value::Int(i) => vm.rng().seed(i),
                Value::Bool(b) => vm.rng().seed(b as i64),
                Value::Float(f) => vm.rng().seed_float(f),
                Value::None => vm.rng().seed(0),
                Value::Str(s) => {
                    let h = super::ops::hash_str(&s.s);
                    vm.rng().seed(h.abs());
                }
                other => return Err(type_error_of(vm, "The only supported seed types are: None, int, float, str, bytes, and bytearray. Got ", &other, "")),
            }
            Ok(Value::None)
        }
        "random" => Ok(Value::Float(vm.rng().random())),
        "uniform" => {
            let (x, y) = (num(vm, &g(0, "a"))?, num(vm, &g(1, "b"))?);
            Ok(Value::Float(vm.rng().uniform(x, y)))
        }
        "triangular" => {
            let (mut low, mut high) = (fl(vm, 0, "low", 0.0)?, fl(vm, 1, "high", 1.0)?);
            let mut u = vm.rng().random();
            let mut c = match rarg(&a, 2, "mode") {
                None | Some(Value::None) => 0.5,
                Some(m) => {
                    if high == low {
                        return Ok(rarg(&a, 0, "low").unwrap_or(Value::Float(0.0)));
                    }
                    (num(vm, &m)? - low) / (high - low)
                }
            };
            if u > c {
                u = 1.0 - u;
                c = 1.0 - c;
                std::mem::swap(&mut low, &mut high);
            }
            Ok(Value::Float(low + (high - low) * (u * c).sqrt()))
        }
        "expovariate" | "paretovariate" | "weibullvariate" => {
            let first = fl(
                vm,
                0,
                if name == "expovariate" {
                    "lambd"
                } else {
                    "alpha"
                },
                f64::NAN,
            )?;
            let beta = fl(vm, 1, "beta", f64::NAN)?;
            let u = 1.0 - vm.rng().random();
            if first == 0.0 && name == "expovariate" {
                return Err(PyErr::new("ZeroDivisionError", "float division by zero"));
            }
            Ok(Value::Float(match name {
                "expovariate" => -u.ln() / first,
                "paretovariate" => u.powf(-1.0 / first),
                _ => first * (-u.ln()).powf(1.0 / beta),
            }))
        }
        "gauss" | "normalvariate" | "lognormvariate" => {
            let (mu, sigma) = (fl(vm, 0, "mu", 0.0)?, fl(vm, 1, "sigma", 1.0)?);
            Ok(Value::Float(match name {
                "gauss" => vm.rng().gauss(mu, sigma),
                "normalvariate" => vm.rng().normalvariate(mu, sigma),
                _ => vm.rng().normalvariate(mu, sigma).exp(),
            }))
        }
        "randint" => {
            let (x, y) = (as_i64(vm, &g(0, "a"), "")?, as_i64(vm, &g(1, "b"), "")?);
            vm.rng().randint(x, y).map(Value::Int).map_err(verr)
        }
        "randrange" => {
            let x = as_i64(vm, &g(0, "start"), "")?;
            let stop = g(1, "stop");
            if stop.is_none() {
                return vm.rng().randrange_stop(x).map(Value::Int).map_err(verr);
            }
            let y = as_i64(vm, &stop, "")?;
            let step = match rarg(&a, 2, "step") {
                Some(v) => as_i64(vm, &v, "")?,
                None => 1,
            };
            vm.rng().randrange(x, y, step).map(Value::Int).map_err(verr)
        }
        "getrandbits" => {
            let k = as_i64(vm, &g(0, "k"), "")?;
            if !(0..=63).contains(&k) {
                return Err(PyErr::new(
                    "ValueError",
                    "number of bits must be between 0 and 63 (Awaitscope ints are 64-bit)",
                ));
            }
            Ok(Value::Int(vm.rng().getrandbits(k as u32) as i64))
        }
        "choice" => {
            let items = vm.to_vec(&g(0, "seq"))?;
            match vm.rng().choice(items.len()) {
                Some(i) => Ok(items[i].clone()),
                None => Err(PyErr::new(
                    "IndexError",
                    "Cannot choose from an empty sequence",
                )),
            }
        }
        "choices" => {
            let items = vm.to_vec(&g(0, "population"))?;
            let k = match super::builtins::kwarg(&a, "k") {
                Some(v) => as_i64(vm, &v, "")?,
                None => 1,
            };
            let weights = g(1, "weights");
            let cum = match (super::builtins::kwarg(&a, "cum_weights"), &weights) {
                (None | Some(Value::None), Value::None) => None,
                (None | Some(Value::None), Value::Int(n)) => {
                    return Err(err3(
                        "TypeError",
                        "The number of choices must be a keyword argument: k=",
                        &n.to_string(),
                        "",
                    ))
                }
                (None | Some(Value::None), w) => Some(cumulative(vm, w)?),
                (Some(c), Value::None) => Some(cumulative_given(vm, &c)?),
                _ => {
                    return Err(PyErr::new(
                        "TypeError",
                        "Cannot specify both weights and cumulative weights",
                    ))
                }
            };
            let mut out = Vec::new();
            if let Some(cum) = cum {
                if cum.len() != items.len() {
                    return Err(verr(
                        "The number of weights does not match the population".into(),
                    ));
                }
                let total = cum.last().copied().unwrap_or(0.0);
                if total <= 0.0 {
                    return Err(verr("Total of weights must be greater than zero".into()));
                }
                if !total.is_finite() {
                    return Err(verr("Total of weights must be finite".into()));
                }
                for _ in 0..k.max(0) {
                    let x = vm.rng().random() * total;
                    out.push(items[bisect_right(&cum, x, items.len() - 1)].clone());
                }
                return Ok(Value::list(out));
            }
            for _ in 0..k.max(0) {
                if items.is_empty() {
                    return Err(PyErr::new(
                        "IndexError",
                        "Cannot choose from an empty sequence",
                    ));
                }
                let r = vm.rng().random();
                out.push(items[(r * items.len() as f64) as usize % items.len()].clone());
            }
            Ok(Value::list(out))
        }
        "shuffle" => {
            let Value::List(l) = g(0, "x") else {
                return Err(PyErr::new("TypeError", "shuffle() argument must be a list"));
            };
            let mut items = rd(&l).clone();
            vm.rng().shuffle(&mut items);
            *wr(&l) = items;
            Ok(Value::None)
        }
        "sample" => {
            let items = vm.to_vec(&g(0, "population"))?;
            let k = as_i64(vm, &g(1, "k"), "")?;
            if k < 0 {
                return Err(PyErr::new(
                    "ValueError",
                    "Sample larger than population or is negative",
                ));
            }
            let counts = super::builtins::kwarg(&a, "counts").unwrap_or(Value::None);
            if !counts.is_none() {
                // CPython: a sample of range(total), each landing in its item's run.
                let mut cum = cumulative(vm, &counts)?;
                if cum.len() != items.len() {
                    return Err(verr(
                        "The number of counts does not match the population".into(),
                    ));
                }
                let total = cum.pop().unwrap_or(0.0);
                let idx = vm.rng().sample(total as usize, k as usize).map_err(verr)?;
                let n = cum.len();
                return Ok(Value::list(
                    idx.into_iter()
                        .map(|s| items[bisect_right(&cum, s as f64, n)].clone())
                        .collect(),
                ));
            }
            let idx = vm.rng().sample(items.len(), k as usize).map_err(verr)?;
            Ok(Value::list(
                idx.into_iter().map(|i| items[i].clone()).collect(),
            ))
        }
        _ => Err(err3(
            "AttributeError",
            "module 'random' has no attribute '",
            name,
            "'",
        )),
    }
}

/// `cum_weights` as given (numbers, not summed again).
fn cumulative_given(vm: &mut Vm, v: &Value) -> PyResult<Vec<f64>> {
    let items = vm.to_vec(v)?;
    items.iter().map(|w| num(vm, w)).collect()
}

fn math_fn(vm: &mut Vm, name: &str, a: Args) -> PyResult<Value> {
    let g = |i: usize| a.pos.get(i).cloned().unwrap_or(Value::None);
    let domain = || PyErr::new("ValueError", "math domain error");
    let x = match name {
        "gcd" | "lcm" | "factorial" | "comb" | "perm" | "prod" | "fsum" | "dist" | "isclose" => 0.0,
        _ => num(vm, &g(0))?,
    };
    let f = |v: f64| Ok(Value::Float(v));
    match name {
        "sqrt" => {
            if x < 0.0 {
                return Err(domain());
            }
            f(x.sqrt())
        }
        "floor" | "ceil" | "trunc" => {
            if let Value::Int(i) = g(0) {
                return Ok(Value::Int(i));
            }
            let r = match name {
                "floor" => x.floor(),
                "ceil" => x.ceil(),
                _ => x.trunc(),
            };
            vm.to_int(&Value::Float(r))
        }
        "fabs" => f(x.abs()),
        "pow" => f(x.powf(num(vm, &g(1))?)),
        "exp" => f(x.exp()),
        "log" => {
            if x <= 0.0 {
                return Err(domain());
            }
            match a.pos.get(1) {
                Some(b) => {
                    let b = num(vm, b)?;
                    f(x.ln() / b.ln())
                }
                None => f(x.ln()),
            }
        }
        "log2" => {
            if x <= 0.0 {
                return Err(domain());
            }
            f(x.log2())
        }
        "log10" => {
            if x <= 0.0 {
                return Err(domain());
            }
            f(x.log10())
        }
        "sin" => f(x.sin()),
        "cos" => f(x.cos()),
        "tan" => f(x.tan()),
        "atan" => f(x.atan()),
        "asin" => f(x.asin()),
        "acos" => f(x.acos()),
        "atan2" => f(x.atan2(num(vm, &g(1))?)),
        "hypot" => {
            let mut s = 0.0;
            for v in &a.pos {
                let t = num(vm, v)?;
                s += t * t;
            }
            f(s.sqrt())
        }
        "radians" => f(x.to_radians()),
        "degrees" => f(x.to_degrees()),
        "copysign" => f(x.copysign(num(vm, &g(1))?)),
        "isnan" => Ok(Value::Bool(x.is_nan())),
        "isinf" => Ok(Value::Bool(x.is_infinite())),
        "isfinite" => Ok(Value::Bool(x.is_finite())),
        "modf" => Ok(Value::tuple(vec![
            Value::Float(x.fract()),
            Value::Float(x.trunc()),
        ])),
        "fmod" => f(x % num(vm, &g(1))?),
        "isclose" => {
            let (p, q) = (num(vm, &g(0))?, num(vm, &g(1))?);
            let rel = match super::builtins::kwarg(&a, "rel_tol") {
                Some(v) => num(vm, &v)?,
                None => 1e-9,
            };
            let abs = match super::builtins::kwarg(&a, "abs_tol") {
                Some(v) => num(vm, &v)?,
                None => 0.0,
            };
            Ok(Value::Bool(
                p == q || (p - q).abs() <= (rel * p.abs().max(q.abs())).max(abs),
            ))
        }
        "gcd" | "lcm" => {
            let mut acc: i64 = if name == "gcd" { 0 } else { 1 };
            for v in &a.pos {
                let n = as_i64(vm, v, "")?.abs();
                let gcd = |mut p: i64, mut q: i64| {
                    while q != 0 {
                        (p, q) = (q, p % q);
                    }
                    p
                };
                acc = if name == "gcd" {
                    gcd(acc, n)
                } else if acc == 0 || n == 0 {
                    0
                } else {
                    (acc / gcd(acc, n))
                        .checked_mul(n)
                        .ok_or_else(|| PyErr::new("OverflowError", "integer overflow"))?
                };
            }
            Ok(Value::Int(acc))
        }
        "factorial" => {
            let n = as_i64(vm, &g(0), "")?;
            if n < 0 {
                return Err(PyErr::new(
                    "ValueError",
                    "factorial() not defined for negative values",
                ));
            }
            let mut r: i64 = 1;
            for i in 2..=n {
                r = r.checked_mul(i).ok_or_else(|| {
                    PyErr::new(
                        "OverflowError",
                        "integer overflow (Awaitscope ints are 64-bit)",
                    )
                })?;
            }
            Ok(Value::Int(r))
        }
        "comb" | "perm" => {
            let n = as_i64(vm, &g(0), "")?;
            let k = as_i64(vm, &g(1), "")?;
            if n < 0 || k < 0 {
                return Err(PyErr::new("ValueError", "n must be a non-negative integer"));
            }
            if k > n {
                return Ok(Value::Int(0));
            }
            let mut r: i128 = 1;
            for i in 0..k {
                r *= (n - i) as i128;
                if name == "comb" {
                    r /= (i + 1) as i128;
                }
                if r > i64::MAX as i128 {
                    return Err(PyErr::new("OverflowError", "integer overflow"));
                }
            }
            Ok(Value::Int(r as i64))
        }
        "prod" => {
            let items = vm.to_vec(&g(0))?;
            let mut acc = Value::Int(1);
            for it in items {
                acc = vm.binary_op(&acc, &it, crate::python::ast::BinOp::Mult)?;
            }
            Ok(acc)
        }
        "fsum" => {
            let items = vm.to_vec(&g(0))?;
            let mut parts: Vec<f64> = Vec::new();
            for it in items {
                let mut x = num(vm, &it)?;
                let mut i = 0;
                for j in 0..parts.len() {
                    let mut y = parts[j];
                    if x.abs() < y.abs() {
                        std::mem::swap(&mut x, &mut y);
                    }
                    let hi = x + y;
                    let lo = y - (hi - x);
                    if lo != 0.0 {
                        parts[i] = lo;
                        i += 1;
                    }
                    x = hi;
                }
                parts.truncate(i);
                parts.push(x);
            }
            f(parts.iter().sum())
        }
        "dist" => {
            let p = vm.to_vec(&g(0))?;
            let q = vm.to_vec(&g(1))?;
            let mut s = 0.0;
            for (x, y) in p.iter().zip(q.iter()) {
                let d = num(vm, x)? - num(vm, y)?;
                s += d * d;
            }
            f(s.sqrt())
        }
        _ => Err(err3(
            "AttributeError",
            "module 'math' has no attribute '",
            name,
            "'",
        )),
    }
}

fn sys_fn(vm: &mut Vm, name: &str, a: Args) -> PyResult<Value> {
    match name {
        "exit" => {
            let cls = vm.exc_class("SystemExit");
            Err(PyErr::exc(vm.new_exc_instance(&cls, a.pos.clone())))
        }
        "getrecursionlimit" => Ok(Value::Int(super::RECURSION_LIMIT as i64)),
        // The exception being handled (no traceback objects: the third item is None).
        "exc_info" => Ok(Value::tuple(match vm.current_exc() {
            Some(e) => vec![Value::Class(vm.type_of(&e)), e, Value::None],
            None => vec![Value::None; 3],
        })),
        "exception" => Ok(vm.current_exc().unwrap_or(Value::None)),
        _ => Ok(Value::None),
    }
}

fn stream_fn(vm: &mut Vm, name: &str, a: Args) -> PyResult<Value> {
    let this = a.pos.first().cloned().unwrap_or_default();
    match name {
        "write" => {
            let s = match a.pos.get(1) {
                Some(Value::Str(s)) => s.s.clone(),
                Some(other) => {
                    return Err(type_error_of(
                        vm,
                        "write() argument must be str, not ",
                        other,
                        "",
                    ))
                }
                None => String::new(),
            };
            let n = s.chars().count();
            vm.write_out(&s, super::builtins::is_stderr(&this));
            Ok(Value::Int(n as i64))
        }
        _ => Ok(Value::None),
    }
}

fn json_fn(vm: &mut Vm, name: &str, a: Args) -> PyResult<Value> {
    match name {
        "loads" => {
            if let Some((k, _)) = a.kw.first() {
                return Err(match k.as_str() {
                    "cls" | "object_hook" | "parse_float" | "parse_int" | "parse_constant"
                    | "object_pairs_hook" | "strict" => err3(
                        "NotImplementedError",
                        "json.loads(",
                        &k.s,
                        "=...) is not supported in Awaitscope",
                    ),
                    _ => err3(
                        "TypeError",
                        "JSONDecoder.__init__() got an unexpected keyword argument '",
                        &k.s,
                        "'",
                    ),
                });
            }
            let s = vm.str_of(&a.pos.first().cloned().unwrap_or_default())?;
            json_loads(vm, &s)
        }
        _ => {
            let v = a.pos.first().cloned().unwrap_or_default();
            let mut opts = JsonOut {
                indent: None,
                sort_keys: false,
                ensure_ascii: true,
                separators: None,
                default: None,
                skipkeys: false,
                allow_nan: true,
            };
            for (k, x) in &a.kw {
                match k.as_str() {
                    "indent" => {
                        opts.indent = match x {
                            Value::None => None,
                            Value::Str(s) => Some(s.s.to_string()),
                            other => Some(
                                " ".repeat(vm.index_of(other).unwrap_or(0).clamp(0, 64) as usize),
                            ),
                        }
                    }
                    "sort_keys" => opts.sort_keys = vm.truthy(x)?,
                    "ensure_ascii" => opts.ensure_ascii = vm.truthy(x)?,
                    "skipkeys" => opts.skipkeys = vm.truthy(x)?,
                    "allow_nan" => opts.allow_nan = vm.truthy(x)?,
                    "check_circular" => {}
                    "default" if !x.is_none() => opts.default = Some(x.clone()),
                    "default" => {}
                    "separators" if !x.is_none() => {
                        let parts = vm.to_vec(x)?;
                        let [item, key] = parts.as_slice() else {
                            return Err(PyErr::new(
                                "ValueError",
                                format!(
                                    "too many values to unpack (expected 2, got {})",
                                    parts.len()
                                ),
                            ));
                        };
                        opts.separators = Some((vm.str_of(item)?, vm.str_of(key)?));
                    }
                    "separators" => {}
                    "cls" => {
                        return Err(PyErr::new(
                            "NotImplementedError",
                            "json.dumps(cls=...) is not supported in Awaitscope",
                        ))
                    }
                    other => {
                        return Err(err3(
                            "TypeError",
                            "JSONEncoder.__init__() got an unexpected keyword argument '",
                            other,
                            "'",
                        ))
                    }
                }
            }
            let mut out = String::new();
            json_dump(vm, &v, &mut out, 0, &opts)?;
            Ok(Value::string(out))
        }
    }
}

/// `json.dumps`' options that tutorials use.
struct JsonOut {
    /// Each level's indentation (None: all on one line).
    indent: Option<String>,
    sort_keys: bool,
    ensure_ascii: bool,
    /// `separators=(item, key)`; None: `", "`/`": "` (`","` between items with `indent`).
    separators: Option<(String, String)>,
    /// `default=f`: what an object json cannot write becomes.
    default: Option<Value>,
    skipkeys: bool,
    allow_nan: bool,
}

impl JsonOut {
    /// Between items, and before the first / after the last (with `indent`).
    fn newline(&self, out: &mut String, depth: usize) {
        if let Some(indent) = &self.indent {
            out.push('\n');
            for _ in 0..depth {
                out.push_str(indent);
            }
        }
    }
    fn item_separator(&self) -> &str {
        match &self.separators {
            Some((item, _)) => item,
            None if self.indent.is_some() => ",",
            None => ", ",
        }
    }
    fn key_separator(&self) -> &str {
        self.separators.as_ref().map_or(": ", |(_, key)| key)
    }
}

fn json_string(out: &mut String, s: &str, ensure_ascii: bool) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (ensure_ascii && (c as u32) > 0x7e) => {
                // Outside the BMP: a UTF-16 surrogate pair, as JSON has it.
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn json_dump(
    vm: &mut Vm,
    v: &Value,
    out: &mut String,
    depth: usize,
    opts: &JsonOut,
) -> PyResult<()> {
    if depth > 200 {
        return Err(PyErr::new(
            "RecursionError",
            "maximum recursion depth exceeded",
        ));
    }
    match v {
        Value::None => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Float(f) if !f.is_finite() && !opts.allow_nan => {
            return Err(PyErr::new(
                "ValueError",
                "Out of range float values are not JSON compliant",
            ))
        }
        // Python's json writes the non-finite floats as JavaScript's names.
        Value::Float(f) if f.is_nan() => out.push_str("NaN"),
        Value::Float(f) if f.is_infinite() => {
            out.push_str(if *f > 0.0 { "Infinity" } else { "-Infinity" })
        }
        Value::Float(f) => out.push_str(&super::format::float_repr(*f)),
        Value::Str(s) => json_string(out, &s.s, opts.ensure_ascii),
        Value::List(_) | Value::Tuple(_) => {
            let items = vm.to_vec(v)?;
            if items.is_empty() {
                out.push_str("[]");
                return Ok(());
            }
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(opts.item_separator());
                }
                opts.newline(out, depth + 1);
                json_dump(vm, x, out, depth + 1, opts)?;
            }
            opts.newline(out, depth);
            out.push(']');
        }
        Value::Dict(d) => {
            let items = rd(d).items();
            if items.is_empty() {
                out.push_str("{}");
                return Ok(());
            }
            let mut keyed = Vec::with_capacity(items.len());
            for (k, x) in items {
                let key = match &k {
                    Value::Str(s) => s.s.to_string(),
                    Value::None => "null".to_string(),
                    Value::Bool(b) => b.to_string(),
                    Value::Int(i) => i.to_string(),
                    Value::Float(_) => {
                        let mut key = String::new();
                        json_dump(vm, &k, &mut key, depth + 1, opts)?;
                        key
                    }
                    _ if opts.skipkeys => continue,
                    other => {
                        return Err(type_error_of(
                            vm,
                            "keys must be str, int, float, bool or None, not ",
                            other,
                            "",
                        ))
                    }
                };
                keyed.push((key, x));
            }
            if opts.sort_keys {
                // (Not slice::sort_by: std's driftsort costs 4 KB of wasm.)
                super::stable_sort::sort_by(&mut keyed, |a, b| a.0 < b.0);
            }
            out.push('{');
            for (i, (k, x)) in keyed.iter().enumerate() {
                if i > 0 {
                    out.push_str(opts.item_separator());
                }
                opts.newline(out, depth + 1);
                json_string(out, k, opts.ensure_ascii);
                out.push_str(opts.key_separator());
                json_dump(vm, x, out, depth + 1, opts)?;
            }
            opts.newline(out, depth);
            out.push('}');
        }
        Value::Instance(_) => {
            // dict/list subclasses (defaultdict, Counter) as their contents; the
            // namedtuples of collections/typing (not tuples here) as lists.
            if let Some(p) = vm.payload(v) {
                return json_dump(vm, &p, out, depth, opts);
            }
            let cls = vm.type_of(v);
            if vm.class_lookup(&cls, "_fields").is_some() {
                let items = Value::list(vm.to_vec(v)?);
                return json_dump(vm, &items, out, depth, opts);
            }
            json_default(vm, v, out, depth, opts)?;
        }
        other => json_default(vm, other, out, depth, opts)?,
    }
    Ok(())
}

/// An object json has no form for: `default(obj)`'s result, or CPython's TypeError.
fn json_default(
    vm: &mut Vm,
    v: &Value,
    out: &mut String,
    depth: usize,
    opts: &JsonOut,
) -> PyResult<()> {
    match &opts.default {
        Some(f) => {
            let r = vm.call(f, vec![v.clone()])?;
            json_dump(vm, &r, out, depth + 1, opts)
        }
        None => Err(type_error_of(
            vm,
            "Object of type ",
            v,
            " is not JSON serializable",
        )),
    }
}

/// `json.loads`: objects keep their key order (like CPython's dict).
pub fn json_loads(vm: &mut Vm, s: &str) -> PyResult<Value> {
    let chars: Vec<char> = s.chars().collect();
    let mut p = JsonParser {
        c: &chars,
        i: 0,
        depth: 0,
    };
    p.ws();
    let v = p.value(vm)?;
    p.ws();
    if p.i < chars.len() {
        return Err(p.err("Extra data"));
    }
    Ok(v)
}

struct JsonParser<'a> {
    c: &'a [char],
    i: usize,
    depth: usize,
}

impl JsonParser<'_> {
    fn err(&self, what: &str) -> PyErr {
        let line = self.c[..self.i.min(self.c.len())]
            .iter()
            .filter(|c| **c == '\n')
            .count()
            + 1;
        let col = self.i
            - self.c[..self.i.min(self.c.len())]
                .iter()
                .rposition(|c| *c == '\n')
                .map(|p| p + 1)
                .unwrap_or(0)
            + 1;
        PyErr::new(
            "JSONDecodeError",
            format!("{}: line {} column {} (char {})", what, line, col, self.i),
        )
    }
    fn ws(&mut self) {
        while self.i < self.c.len() && self.c[self.i].is_whitespace() {
            self.i += 1;
        }
    }
    fn value(&mut self, vm: &mut Vm) -> PyResult<Value> {
        self.depth += 1;
        if self.depth > 500 {
            return Err(PyErr::new(
                "RecursionError",
                "maximum recursion depth exceeded while decoding a JSON document",
            ));
        }
        let r = self.value_inner(vm);
        self.depth -= 1;
        r
    }
    fn value_inner(&mut self, vm: &mut Vm) -> PyResult<Value> {
        let Some(&c) = self.c.get(self.i) else {
            return Err(self.err("Expecting value"));
        };
        match c {
            '{' => {
                self.i += 1;
                let d = vm.new_dict();
                self.ws();
                if self.c.get(self.i) == Some(&'}') {
                    self.i += 1;
                    return Ok(Value::Dict(d));
                }
                loop {
                    self.ws();
                    if self.c.get(self.i) != Some(&'"') {
                        return Err(self.err("Expecting property name enclosed in double quotes"));
                    }
                    let k = self.string()?;
                    self.ws();
                    if self.c.get(self.i) != Some(&':') {
                        return Err(self.err("Expecting ':' delimiter"));
                    }
                    self.i += 1;
                    self.ws();
                    let v = self.value(vm)?;
                    vm.dict_set(&d, Value::string(k), v)?;
                    self.ws();
                    match self.c.get(self.i) {
                        Some(',') => self.i += 1,
                        Some('}') => {
                            self.i += 1;
                            return Ok(Value::Dict(d));
                        }
                        _ => return Err(self.err("Expecting ',' delimiter")),
                    }
                }
            }
            '[' => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.c.get(self.i) == Some(&']') {
                    self.i += 1;
                    return Ok(Value::list(items));
                }
                loop {
                    self.ws();
                    items.push(self.value(vm)?);
                    self.ws();
                    match self.c.get(self.i) {
                        Some(',') => self.i += 1,
                        Some(']') => {
                            self.i += 1;
                            return Ok(Value::list(items));
                        }
                        _ => return Err(self.err("Expecting ',' delimiter")),
                    }
                }
            }
            '"' => Ok(Value::string(self.string()?)),
            't' if self.lit("true") => Ok(Value::Bool(true)),
            'f' if self.lit("false") => Ok(Value::Bool(false)),
            'n' if self.lit("null") => Ok(Value::None),
            // Python's json reads (and writes) these non-standard constants.
            'N' if self.lit("NaN") => Ok(Value::Float(f64::NAN)),
            'I' if self.lit("Infinity") => Ok(Value::Float(f64::INFINITY)),
            '-' if self.lit("-Infinity") => Ok(Value::Float(f64::NEG_INFINITY)),
            _ => {
                let st = self.i;
                while self.i < self.c.len()
                    && (self.c[self.i].is_ascii_digit() || "+-.eE".contains(self.c[self.i]))
                {
                    self.i += 1;
                }
                let t: String = self.c[st..self.i].iter().collect();
                if t.is_empty() {
                    return Err(self.err("Expecting value"));
                }
                if let Some(i) = super::format::parse_i64(&t) {
                    return Ok(Value::Int(i));
                }
                match crate::python::parse_float(&t) {
                    Some(f) => Ok(Value::Float(f)),
                    None => {
                        self.i = st;
                        Err(self.err("Expecting value"))
                    }
                }
            }
        }
    }
    fn lit(&mut self, w: &str) -> bool {
        let n = w.chars().count();
        if self.c.len() >= self.i + n && self.c[self.i..self.i + n].iter().copied().eq(w.chars()) {
            self.i += n;
            true
        } else {
            false
        }
    }
    fn string(&mut self) -> PyResult<String> {
        self.i += 1;
        let mut out = String::new();
        loop {
            let Some(&c) = self.c.get(self.i) else {
                return Err(self.err("Unterminated string starting at"));
            };
            self.i += 1;
            match c {
                '"' => return Ok(out),
                '\\' => {
                    let Some(&e) = self.c.get(self.i) else {
                        return Err(self.err("Unterminated string starting at"));
                    };
                    self.i += 1;
                    match e {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'u' => {
                            let h: String = self
                                .c
                                .get(self.i..self.i + 4)
                                .map(|s| s.iter().collect())
                                .unwrap_or_default();
                            self.i += 4;
                            let cp = u32::from_str_radix(&h, 16)
                                .map_err(|_| self.err("Invalid \\uXXXX escape"))?;
                            out.push(char::from_u32(cp).unwrap_or('\u{fffd}'));
                        }
                        other => out.push(other),
                    }
                }
                c => out.push(c),
            }
        }
    }
}

thread_local! {
    /// Prelude files compiled once per thread. Code objects are immutable, so every
    /// run executes the same ones and only the first run pays for parsing and
    /// compiling the asyncio prelude (most of a small program's run time).
    /// (A dozen files: a list, not a HashMap with its own copy of the hash table code.)
    static PRELUDE_CODE: RefCell<Vec<(String, Rc<crate::compile::Code>)>> =
        const { RefCell::new(Vec::new()) };
}

fn compiled_prelude_file(
    filename: &str,
    src: &str,
) -> Result<Rc<crate::compile::Code>, crate::python::span::SourceError> {
    let cached = PRELUDE_CODE.with(|c| {
        rd(c)
            .iter()
            .find(|(f, _)| f == filename)
            .map(|(_, code)| code.clone())
    });
    if let Some(code) = cached {
        return Ok(code);
    }
    let code = crate::python::parse_module(src)
        .and_then(|ast| crate::compile::compile_module(&ast, filename, src))?;
    PRELUDE_CODE.with(|c| wr(c).push((filename.to_string(), code.clone())));
    Ok(code)
}

#[cfg(test)]
mod push_num_tests {
    #[test]
    fn push_num_is_format() {
        for n in [0i64, 5, -5, 42, -42, 123, -123, 2026, i64::MIN, i64::MAX] {
            for w in [0usize, 2, 3, 5] {
                let mut z = String::new();
                super::push_num(&mut z, n, w, true);
                assert_eq!(z, format!("{n:0w$}"));
                let mut sp = String::new();
                super::push_num(&mut sp, n, w, false);
                assert_eq!(sp, format!("{n:w$}"));
            }
        }
    }
}
