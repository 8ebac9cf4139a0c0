//! Exceptions: creation, matching, `except*` splitting, `str()`, and CPython-style
//! traceback text (with "During handling..." / "direct cause" chaining).

use std::cell::RefCell;
use std::rc::Rc;

use super::namemap::{intern, NameMap};
use super::value::*;
use super::{ErrKind, PyErr, PyResult, Vm};

impl Vm {
    pub fn exc_class(&self, name: &str) -> Rc<Class> {
        self.exc_classes
            .get(name)
            .cloned()
            .unwrap_or_else(|| self.t.base_exception.clone())
    }

    pub fn new_exc_instance(&self, cls: &Rc<Class>, args: Vec<Value>) -> Value {
        Value::Instance(Rc::new(Instance {
            class: RefCell::new(cls.clone()),
            dict: RefCell::new(NameMap::new()),
            exc: Some(RefCell::new(ExcData {
                args,
                cause: Value::None,
                context: Value::None,
                ..Default::default()
            })),
            payload: RefCell::new(Value::None),
        }))
    }

    pub fn make_exc(&self, kind: &str, msg: &str) -> Value {
        let cls = self.exc_class(kind);
        let args = if msg.is_empty() {
            vec![]
        } else {
            vec![Value::str(msg)]
        };
        self.new_exc_instance(&cls, args)
    }

    pub fn materialize(&mut self, e: PyErr) -> Value {
        match e.into_kind() {
            ErrKind::Exc(v) | ErrKind::Escaped(v) => v,
            ErrKind::New(kind, msg) => {
                if kind == "KeyError" {
                    // KeyError messages are produced as the key's repr by callers that have the key.
                    return self.make_exc(kind, &msg);
                }
                self.make_exc(kind, &msg)
            }
            ErrKind::Suspend(s) => {
                self.make_exc("RuntimeError", &format!("cannot suspend here: {s:?}"))
            }
        }
    }

    pub fn key_error(&self, key: Value) -> PyErr {
        let cls = self.exc_class("KeyError");
        PyErr::exc(self.new_exc_instance(&cls, vec![key]))
    }

    /// `raise X`: a class is instantiated, an instance used as is.
    pub fn exc_instance(&mut self, v: Value) -> PyResult<Value> {
        match &v {
            Value::Class(c) if c.is_exception => self.call(&v, Vec::new()),
            Value::Instance(i) if i.exc.is_some() => Ok(v),
            _ => Err(PyErr::new(
                "TypeError",
                "exceptions must derive from BaseException",
            )),
        }
    }

    pub fn exc_matches(&mut self, exc: &Value, typ: &Value) -> PyResult<bool> {
        match typ {
            Value::Class(c) => {
                if !c.is_exception {
                    return Err(PyErr::new(
                        "TypeError",
                        "catching classes that do not inherit from BaseException is not allowed",
                    ));
                }
                Ok(self.is_instance(exc, c))
            }
            Value::Tuple(t) => {
                for x in t.iter() {
                    if self.nested("", |vm| vm.exc_matches(exc, x))? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(PyErr::new(
                "TypeError",
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }

    pub fn exc_args(&self, exc: &Value) -> Vec<Value> {
        if let Value::Instance(i) = exc {
            if let Some(d) = &i.exc {
                return d.borrow().args.clone();
            }
        }
        Vec::new()
    }

    pub fn is_exception_group(&self, v: &Value) -> bool {
        self.is_instance_of_name(v, "BaseExceptionGroup")
    }

    /// `BaseExceptionGroup(msg, excs)` (becomes `ExceptionGroup` when all are Exceptions).
    pub fn make_exception_group(
        &mut self,
        cls: &Rc<Class>,
        msg: Value,
        excs: Vec<Value>,
    ) -> PyResult<Value> {
        if excs.is_empty() {
            return Err(PyErr::new(
                "ValueError",
                "second argument (exceptions) must be a non-empty sequence",
            ));
        }
        for e in &excs {
            if !matches!(e, Value::Instance(i) if i.exc.is_some()) {
                return Err(PyErr::new(
                    "ValueError",
                    format!(
                        "Item {} of second argument (exceptions) is not an exception",
                        0
                    ),
                ));
            }
        }
        let all_exc = excs
            .iter()
            .all(|e| self.is_instance_of_name(e, "Exception"));
        let base_eg = self.exc_class("BaseExceptionGroup");
        let cls = if Rc::ptr_eq(cls, &base_eg) && all_exc {
            self.exc_class("ExceptionGroup")
        } else {
            if Rc::ptr_eq(cls, &self.exc_class("ExceptionGroup")) && !all_exc {
                return Err(PyErr::new(
                    "TypeError",
                    "Cannot nest BaseExceptions in an ExceptionGroup",
                ));
            }
            cls.clone()
        };
        let list = Value::list(excs.clone());
        let tuple = Value::tuple(excs);
        let inst = self.new_exc_instance(&cls, vec![msg.clone(), list]);
        if let Value::Instance(i) = &inst {
            let mut d = i.dict.borrow_mut();
            d.insert(intern("message"), msg);
            d.insert(intern("exceptions"), tuple);
            drop(d);
            self.stored_past_descriptors(i);
        }
        Ok(inst)
    }

    fn derive_group(&mut self, orig: &Value, excs: Vec<Value>) -> PyResult<Value> {
        let msg = match orig {
            Value::Instance(i) => i
                .dict
                .borrow()
                .lookup_str("message")
                .unwrap_or(Value::str("")),
            _ => Value::str(""),
        };
        let base = self.exc_class("BaseExceptionGroup");
        let g = self.make_exception_group(&base, msg, excs)?;
        if let (Value::Instance(o), Value::Instance(n)) = (orig, &g) {
            if let (Some(od), Some(nd)) = (&o.exc, &n.exc) {
                let od = od.borrow();
                let mut nd = nd.borrow_mut();
                nd.traceback = od.traceback.clone();
                nd.cause = od.cause.clone();
                nd.context = od.context.clone();
                nd.suppress_context = od.suppress_context;
            }
        }
        Ok(g)
    }

    /// except*: split `eg` into (rest, matched); either may be None.
    pub fn eg_split(&mut self, eg: &Value, typ: &Value) -> PyResult<(Value, Value)> {
        if eg.is_none() {
            return Ok((Value::None, Value::None));
        }
        if !self.is_exception_group(eg) {
            if self.exc_matches(eg, typ)? {
                let base = self.exc_class("BaseExceptionGroup");
                let g = self.make_exception_group(&base, Value::str(""), vec![eg.clone()])?;
                return Ok((Value::None, g));
            }
            return Ok((eg.clone(), Value::None));
        }
        if self.exc_matches(eg, typ)? {
            return Ok((Value::None, eg.clone()));
        }
        let excs = match eg {
            Value::Instance(i) => match i.dict.borrow().lookup_str("exceptions") {
                Some(Value::Tuple(t)) => t.to_vec(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        let mut rest = Vec::new();
        let mut matched = Vec::new();
        for e in excs {
            if self.is_exception_group(&e) {
                let (r, m) = self.eg_split(&e, typ)?;
                if !r.is_none() {
                    rest.push(r);
                }
                if !m.is_none() {
                    matched.push(m);
                }
            } else if self.exc_matches(&e, typ)? {
                matched.push(e);
            } else {
                rest.push(e);
            }
        }
        let m = if matched.is_empty() {
            Value::None
        } else {
            self.derive_group(eg, matched)?
        };
        let r = if rest.is_empty() {
            Value::None
        } else {
            self.derive_group(eg, rest)?
        };
        Ok((r, m))
    }

    /// Whether `e` meets `split()`/`subgroup()`'s condition: an exception type, a
    /// tuple of them, or a predicate.
    fn eg_condition(&mut self, e: &Value, cond: &Value) -> PyResult<bool> {
        match cond {
            Value::Class(c) if c.is_exception => Ok(self.is_instance(e, c)),
            Value::Tuple(t)
                if t.iter()
                    .all(|x| matches!(x, Value::Class(c) if c.is_exception)) =>
            {
                self.exc_matches(e, cond)
            }
            Value::Function(_) | Value::Native(_) | Value::BoundMethod(_) => {
                let r = self.call(cond, vec![e.clone()])?;
                self.truthy(&r)
            }
            Value::Instance(_) if self.special_method(cond, "__call__").is_some() => {
                let r = self.call(cond, vec![e.clone()])?;
                self.truthy(&r)
            }
            _ => Err(PyErr::new(
                "TypeError",
                "expected a function, exception type or tuple of exception types",
            )),
        }
    }

    /// `eg.split(cond)` as (match, rest), `eg.subgroup(cond)` as its match (CPython's
    /// exceptiongroup_split_recursive: a group the condition takes is taken whole;
    /// new groups keep the original's message, traceback, cause and context).
    pub fn eg_split_by(
        &mut self,
        eg: &Value,
        cond: &Value,
        rest: bool,
    ) -> PyResult<(Value, Value)> {
        if self.eg_condition(eg, cond)? {
            return Ok((eg.clone(), Value::None));
        }
        if !self.is_exception_group(eg) {
            return Ok((Value::None, eg.clone()));
        }
        let excs = match eg {
            Value::Instance(i) => match i.dict.borrow().get_str("exceptions") {
                Some(Value::Tuple(t)) => t.to_vec(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        let (mut matched, mut others) = (Vec::new(), Vec::new());
        for e in excs {
            let (m, r) = self.eg_split_by(&e, cond, rest)?;
            matched.extend((!m.is_none()).then_some(m));
            others.extend((!r.is_none() && rest).then_some(r));
        }
        let part = |vm: &mut Vm, v: Vec<Value>| -> PyResult<Value> {
            if v.is_empty() {
                return Ok(Value::None);
            }
            let g = vm.derive_group(eg, v)?;
            if let (Value::Instance(o), Value::Instance(n)) = (eg, &g) {
                if let Some(Value::List(notes)) = o.dict.borrow().get_str("__notes__") {
                    let copy = Value::list(notes.borrow().clone());
                    n.dict.borrow_mut().set_str("__notes__", copy);
                }
            }
            Ok(g)
        };
        let m = part(self, matched)?;
        let r = part(self, others)?;
        Ok((m, r))
    }

    /// Exception-specific attributes (`args`, `__cause__`, `value`...).
    pub fn exc_attr(&self, inst: &Instance, name: &str) -> Option<Value> {
        let d = inst.exc.as_ref()?.borrow();
        Some(match name {
            // OSError(errno, strerror, filename): args are the first two.
            "args"
                if (3..=5).contains(&d.args.len())
                    && self.is_subclass(&inst.class.borrow(), &self.exc_class("OSError")) =>
            {
                Value::tuple(d.args[..2].to_vec())
            }
            "args" => Value::tuple(d.args.clone()),
            "__cause__" => d.cause.clone(),
            "__context__" => d.context.clone(),
            "__suppress_context__" => Value::Bool(d.suppress_context),
            "__traceback__" => Value::None,
            "value" if self.is_subclass(&inst.class.borrow(), &self.exc_class("StopIteration")) => {
                d.args.first().cloned().unwrap_or(Value::None)
            }
            "errno" if self.is_subclass(&inst.class.borrow(), &self.exc_class("OSError")) => {
                if d.args.len() >= 2 {
                    d.args[0].clone()
                } else {
                    Value::None
                }
            }
            "strerror" if self.is_subclass(&inst.class.borrow(), &self.exc_class("OSError")) => {
                if d.args.len() >= 2 {
                    d.args[1].clone()
                } else {
                    Value::None
                }
            }
            "filename" if self.is_subclass(&inst.class.borrow(), &self.exc_class("OSError")) => {
                d.args.get(2).cloned().unwrap_or(Value::None)
            }
            "code" if self.is_subclass(&inst.class.borrow(), &self.exc_class("SystemExit")) => {
                match d.args.len() {
                    0 => Value::None,
                    1 => d.args[0].clone(),
                    _ => Value::tuple(d.args.clone()),
                }
            }
            _ => return None,
        })
    }

    /// `str(exc)` without user `__str__`.
    pub fn exc_default_str(&mut self, exc: &Value) -> PyResult<String> {
        let args = self.exc_args(exc);
        if self.is_exception_group(exc) {
            let (msg, n) = match exc {
                Value::Instance(i) => {
                    let d = i.dict.borrow();
                    let m = match d.lookup_str("message") {
                        Some(Value::Str(s)) => s.s.clone(),
                        _ => String::new(),
                    };
                    let n = match d.lookup_str("exceptions") {
                        Some(Value::Tuple(t)) => t.len(),
                        _ => 0,
                    };
                    (m, n)
                }
                _ => (String::new(), 0),
            };
            return Ok(format!(
                "{} ({} sub-exception{})",
                msg,
                n,
                if n == 1 { "" } else { "s" }
            ));
        }
        if self.is_instance_of_name(exc, "KeyError") && args.len() == 1 {
            return self.repr(&args[0]);
        }
        if self.is_instance_of_name(exc, "OSError") && args.len() >= 2 {
            let e = self.str_of(&args[0])?;
            let s = self.str_of(&args[1])?;
            let fname = match exc {
                Value::Instance(i) => i
                    .dict
                    .borrow()
                    .lookup_str("filename")
                    .or_else(|| args.get(2).cloned()),
                _ => None,
            };
            return Ok(match fname {
                Some(f) if !f.is_none() => format!("[Errno {}] {}: {}", e, s, self.repr(&f)?),
                _ => format!("[Errno {e}] {s}"),
            });
        }
        match args.len() {
            0 => Ok(String::new()),
            1 => self.str_of(&args[0]),
            _ => self.repr(&Value::tuple(args)),
        }
    }

    pub fn exc_default_repr(&mut self, exc: &Value) -> PyResult<String> {
        let name = self.type_of(exc).name.s.clone();
        let args = match exc {
            // (OSError's `args`, without the filename)
            Value::Instance(i) => match self.exc_attr(i, "args") {
                Some(Value::Tuple(t)) => t.to_vec(),
                _ => self.exc_args(exc),
            },
            _ => self.exc_args(exc),
        };
        if args.len() == 1 {
            return Ok(format!("{}({})", name, self.repr(&args[0])?));
        }
        let r = self.repr(&Value::tuple(args))?;
        let inner = if r == "()" {
            String::new()
        } else {
            r[1..r.len() - 1].trim_end_matches(',').to_string()
        };
        Ok(format!("{name}({inner})"))
    }

    /// "ValueError: msg" — the last line of a traceback.
    pub fn exc_line(&mut self, exc: &Value) -> String {
        let cls = self.type_of(exc);
        let module = match &*cls.module.borrow() {
            Value::Str(s) => s.s.clone(),
            _ => String::new(),
        };
        let name = if module.is_empty() || module == "builtins" || module == "__main__" {
            cls.qualname.s.clone()
        } else {
            format!("{}.{}", module, cls.qualname.s)
        };
        let msg = match self.str_of(exc) {
            Ok(s) => s,
            Err(_) => "<exception str() failed>".to_string(),
        };
        if msg.is_empty() {
            name
        } else {
            format!("{name}: {msg}")
        }
    }

    /// The full CPython-style traceback text, with chained exceptions first.
    pub fn format_exception(&mut self, exc: &Value) -> String {
        let mut out = String::new();
        let mut seen: Vec<Value> = Vec::new();
        self.format_chain(exc, &mut out, &mut seen, 0);
        out
    }

    fn format_chain(&mut self, exc: &Value, out: &mut String, seen: &mut Vec<Value>, depth: usize) {
        seen.push(exc.clone());
        let (cause, context, suppress, tb) = match exc {
            Value::Instance(i) => match &i.exc {
                Some(d) => {
                    let d = d.borrow();
                    (
                        d.cause.clone(),
                        d.context.clone(),
                        d.suppress_context,
                        d.traceback.clone(),
                    )
                }
                None => (Value::None, Value::None, false, Vec::new()),
            },
            _ => (Value::None, Value::None, false, Vec::new()),
        };
        if depth < 50 {
            if !cause.is_none() && !seen.iter().any(|s| s.is(&cause)) {
                self.format_chain(&cause, out, seen, depth + 1);
                out.push_str(
                    "\nThe above exception was the direct cause of the following exception:\n\n",
                );
            } else if !suppress && !context.is_none() && !seen.iter().any(|s| s.is(&context)) {
                self.format_chain(&context, out, seen, depth + 1);
                out.push_str(
                    "\nDuring handling of the above exception, another exception occurred:\n\n",
                );
            }
        }
        if self.is_exception_group(exc) {
            let mut lines = Vec::new();
            self.format_group(exc, &mut lines, 0);
            for l in lines {
                out.push_str(&l);
                out.push('\n');
            }
            return;
        }
        if !tb.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            for line in self.frame_lines(&tb) {
                out.push_str(&line);
                out.push('\n');
            }
        }
        let line = self.exc_line(exc);
        out.push_str(&line);
        out.push('\n');
    }

    /// The `File …` lines of a traceback (innermost entry last in `tb`, printed last),
    /// each with its source line. As CPython's, a run of more than three entries for
    /// the same line ends with `[Previous line repeated N more times]`.
    fn frame_lines(&self, tb: &[TbEntry]) -> Vec<String> {
        const RECURSIVE_CUTOFF: usize = 3;
        let mut lines = Vec::new();
        let repeated = |lines: &mut Vec<String>, count: usize| {
            if count > RECURSIVE_CUTOFF {
                let n = count - RECURSIVE_CUTOFF;
                let s = if n > 1 { "s" } else { "" };
                lines.push(format!("  [Previous line repeated {n} more time{s}]"));
            }
        };
        let mut last: Option<&TbEntry> = None;
        let mut count = 0;
        for e in tb.iter().rev() {
            let same = last.is_some_and(|l| {
                l.filename == e.filename && l.line == e.line && l.name.s == e.name.s
            });
            if !same {
                repeated(&mut lines, count);
                last = Some(e);
                count = 0;
            }
            count += 1;
            if count > RECURSIVE_CUTOFF {
                continue;
            }
            lines.push(format!(
                "  File \"{}\", line {}, in {}",
                e.filename, e.line, e.name.s
            ));
            if let Some(src) = self.source_line(&e.filename, e.line) {
                let t = src.trim();
                if !t.is_empty() {
                    lines.push(format!("    {t}"));
                }
            }
        }
        repeated(&mut lines, count);
        lines
    }

    /// Lines of one exception's own traceback (no chaining), for group rendering.
    pub(crate) fn plain_lines(&mut self, exc: &Value, header: &str) -> Vec<String> {
        let tb = match exc {
            Value::Instance(i) => i
                .exc
                .as_ref()
                .map(|d| d.borrow().traceback.clone())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        let mut lines = Vec::new();
        if !tb.is_empty() {
            lines.push(header.to_string());
            lines.extend(self.frame_lines(&tb));
        }
        lines.push(self.exc_line(exc));
        lines
    }

    /// CPython's boxed rendering of an exception group and its sub-exceptions.
    fn format_group(&mut self, exc: &Value, out: &mut Vec<String>, depth: usize) {
        let pad = "  ".repeat(depth);
        let own = self.plain_lines(exc, "Exception Group Traceback (most recent call last):");
        let mut first = true;
        for l in own {
            if first && l.starts_with("Exception Group Traceback") {
                out.push(format!("{pad}  + {l}"));
            } else {
                out.push(format!("{pad}  | {l}"));
            }
            first = false;
        }
        let subs = match exc {
            Value::Instance(i) => match i.dict.borrow().lookup_str("exceptions") {
                Some(Value::Tuple(t)) => t.to_vec(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        let n = subs.len();
        for (k, sub) in subs.iter().enumerate().take(15) {
            let label = format!(" {} ", k + 1);
            let bar = format!("{:-^16}{}{:-^16}", "", label, "").replacen(
                &"-".repeat(16),
                &"-".repeat(16),
                1,
            );
            if k == 0 {
                out.push(format!("{pad}  +-+{}", bar));
            } else {
                out.push(format!("{pad}    +{}", bar));
            }
            if self.is_exception_group(sub) && depth < 10 {
                let mut inner = Vec::new();
                self.format_group(sub, &mut inner, 0);
                for l in inner {
                    let l = l.strip_prefix("  ").unwrap_or(&l).to_string();
                    out.push(format!("{pad}    {l}"));
                }
            } else {
                for l in self.plain_lines(sub, "Traceback (most recent call last):") {
                    out.push(format!("{pad}    | {l}"));
                }
            }
        }
        if n > 0 {
            out.push(format!("{pad}    +------------------------------------"));
        }
    }

    pub fn source_line(&self, filename: &str, line: u32) -> Option<String> {
        let src = self.host.sources.iter().find(|(f, _)| &**f == filename)?;
        src.1.get(line.checked_sub(1)? as usize).cloned()
    }
}
