//! Calling: argument binding (CPython's messages), functions, bound methods,
//! classes, natives, and generator resumption from native code.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::frame::{Frame, RetKind};
use super::interp::ExecResult;
use super::namemap::{intern, NameMap};
use super::value::*;
use super::{PyErr, PyResult, Vm, NATIVE_DEPTH_LIMIT};
use crate::compile::{FLAG_ASYNC_GEN, FLAG_COROUTINE, FLAG_VARARGS, FLAG_VARKW};

pub enum GenMode {
    Send(Value),
    Throw(Value),
}

fn list_names(names: &[String]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match q.len() {
        0 => String::new(),
        1 => q[0].clone(),
        2 => format!("{} and {}", q[0], q[1]),
        _ => format!("{}, and {}", q[..q.len() - 1].join(", "), q[q.len() - 1]),
    }
}

impl Vm {
    pub fn make_function(
        &mut self,
        code: Value,
        qualname: Value,
        defaults: Value,
        kwdefaults: Value,
        closure: Value,
        globals: Rc<Module>,
    ) -> PyResult<Value> {
        let Value::Code(code) = code else {
            return Err(PyErr::new("SystemError", "MakeFunction without code"));
        };
        let defaults = match defaults {
            Value::Tuple(t) => t.to_vec(),
            _ => Vec::new(),
        };
        let mut kwd = Vec::new();
        if let Value::Dict(d) = kwdefaults {
            for (k, v) in d.borrow().iter() {
                if let Value::Str(s) = k {
                    kwd.push((intern(&s.s), v.clone()));
                }
            }
        }
        let cells = match closure {
            Value::Tuple(t) => t
                .iter()
                .filter_map(|c| match c {
                    Value::Cell(c) => Some(c.clone()),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        let qn = match qualname {
            Value::Str(s) => intern(&s.s),
            _ => code.qualname.clone(),
        };
        // CPython: `func.__module__ = globals['__name__']`, read once, here.
        let module = globals
            .dict
            .borrow()
            .get(&self.names.name)
            .cloned()
            .unwrap_or(Value::None);
        Ok(Value::Function(Rc::new(Function {
            name: RefCell::new(code.name.clone()),
            qualname: RefCell::new(qn),
            module: RefCell::new(module),
            code,
            globals,
            defaults,
            kwdefaults: kwd,
            closure: cells,
            dict: RefCell::new(NameMap::new()),
        })))
    }

    /// The frame for calling `func` with `nargs` positional arguments when that
    /// needs no argument checks: no `*args`/`**kwargs`, no cell variables, defaults
    /// for what is not given. The caller moves the arguments into `locals[..nargs]`.
    pub(crate) fn simple_frame(&mut self, func: &Rc<Function>, nargs: usize) -> Option<Box<Frame>> {
        let code = &func.code;
        let argc = code.argcount as usize;
        let nkw = code.kwonlyargcount as usize;
        let ndef = func.defaults.len();
        if code.flags & (FLAG_VARARGS | FLAG_VARKW) != 0
            || !code.cellvars.is_empty()
            || nargs > argc
            || nargs + ndef < argc
            || func.kwdefaults.len() < nkw
        {
            return None;
        }
        let mut f = self.new_frame(code.clone(), func.globals.clone());
        for i in nargs..argc {
            f.locals[i] = func.defaults[i + ndef - argc].clone();
        }
        for i in argc..argc + nkw {
            let name = &code.varnames[i];
            let (_, v) = func.kwdefaults.iter().find(|(k, _)| k.s == name.s)?;
            f.locals[i] = v.clone();
        }
        f.cells.extend(func.closure.iter().cloned());
        Some(f)
    }

    /// `Call(n)` / `CallMethod(n)` of a Python function (or a method bound to
    /// one) that [`Vm::simple_frame`] can bind: the arguments move straight from
    /// the caller's stack into the new frame. False: use the general path.
    pub(crate) fn try_fast_call(&mut self, n: usize, method: bool) -> PyResult<bool> {
        let Some(f) = self.frames.last() else {
            return Ok(false);
        };
        let below = if method { 2 } else { 1 };
        let len = f.stack.len();
        if len < n + below {
            return Ok(false);
        }
        let base = len - n - below;
        // CallMethod: [method, self, args..] or [Undef, callable, args..].
        let (callee_ix, first_arg) = match method {
            true if !f.stack[base].is_undef() => (base, base + 1),
            true => (base + 1, base + 2),
            false => (base, base + 1),
        };
        // `await asyncio.sleep(0)`: see `Vm::try_sleep0`.
        let sleep = matches!(&f.stack[callee_ix], Value::Function(func)
            if len - first_arg == 1 && self.is_sleep(func));
        if sleep && self.try_sleep0(base, first_arg) {
            return Ok(true);
        }
        let Some(f) = self.frames.last() else {
            return Ok(false);
        };
        let (func, lead) = match &f.stack[callee_ix] {
            Value::Function(func) => (func.clone(), None),
            Value::BoundMethod(bm) => match &bm.func {
                Value::Function(func) => (func.clone(), Some(bm.self_.clone())),
                _ => return Ok(false),
            },
            _ => return Ok(false),
        };
        let nargs = len - first_arg + lead.is_some() as usize;
        if nargs == 1 && self.is_task_step(&func) {
            // `task._step()` from Python (`_wakeup`): the native step, as a call.
            let task = match &lead {
                Some(s) => s.clone(),
                None => f.stack[first_arg].clone(),
            };
            if let Some((coro, tid)) = self.native_step_can_run(&task) {
                if let Some(caller) = self.frames.last_mut() {
                    caller.stack.truncate(base);
                }
                self.start_native_step(task, coro, tid, true)?;
                return Ok(true);
            }
        }
        let Some(mut frame) = self.simple_frame(&func, nargs) else {
            return Ok(false);
        };
        let caller = match self.frames.last_mut() {
            Some(c) => c,
            None => return Ok(false),
        };
        let lead_n = lead.is_some() as usize;
        if let Some(s) = lead {
            frame.locals[0] = s;
        }
        for (slot, v) in frame.locals[lead_n..]
            .iter_mut()
            .zip(caller.stack.drain(first_arg..))
        {
            *slot = v;
        }
        caller.stack.truncate(base);
        if func.code.is_generator_like() {
            let g = self.make_gen(frame);
            if let Some(c) = self.frames.last_mut() {
                c.stack.push(g);
            }
            Ok(true)
        } else {
            self.push_frame(frame).map(|()| true)
        }
    }

    /// Builds the frame for calling `func` with these arguments.
    pub fn bind_args(
        &mut self,
        func: &Rc<Function>,
        mut pos: Vec<Value>,
        kw: Vec<(Name, Value)>,
    ) -> PyResult<Box<Frame>> {
        let code = func.code.clone();
        let mut f = self.new_frame(code.clone(), func.globals.clone());
        let nargs = code.argcount as usize;
        let nkw = code.kwonlyargcount as usize;
        let has_varargs = code.flags & FLAG_VARARGS != 0;
        let has_varkw = code.flags & FLAG_VARKW != 0;
        let fname = || format!("{}()", func.qualname.borrow().s);
        if kw.is_empty() && pos.len() == nargs && !has_varargs && !has_varkw && nkw == 0 {
            for (i, v) in pos.into_iter().enumerate() {
                f.locals[i] = v;
            }
        } else {
            let npos = pos.len();
            if npos > nargs && !has_varargs {
                let ndef = func.defaults.len();
                let takes = if ndef > 0 {
                    format!("from {} to {} positional arguments", nargs - ndef, nargs)
                } else if nargs == 1 {
                    "1 positional argument".to_string()
                } else {
                    format!("{nargs} positional arguments")
                };
                let kwgiven = kw
                    .iter()
                    .filter(|(k, _)| code.varnames[nargs..nargs + nkw].iter().any(|v| v.s == k.s))
                    .count();
                let given = if kwgiven > 0 {
                    format!(
                        "{} positional argument{} (and {} keyword-only argument{}) were given",
                        npos,
                        if npos == 1 { "" } else { "s" },
                        kwgiven,
                        if kwgiven == 1 { "" } else { "s" }
                    )
                } else if npos == 1 {
                    "1 was given".to_string()
                } else {
                    format!("{npos} were given")
                };
                return Err(PyErr::new(
                    "TypeError",
                    format!("{} takes {} but {}", fname(), takes, given),
                ));
            }
            let extra = if npos > nargs {
                pos.split_off(nargs)
            } else {
                Vec::new()
            };
            for (i, v) in pos.into_iter().enumerate() {
                f.locals[i] = v;
            }
            let mut slot = nargs + nkw;
            if has_varargs {
                f.locals[slot] = Value::tuple(extra);
                slot += 1;
            }
            let kwdict = if has_varkw {
                let d = self.new_dict();
                f.locals[slot] = Value::Dict(d.clone());
                Some(d)
            } else {
                None
            };
            let mut posonly_as_kw = Vec::new();
            for (k, v) in kw {
                let idx = code.varnames[..nargs + nkw].iter().position(|n| n.s == k.s);
                match idx {
                    Some(i) if i >= code.posonlyargcount as usize => {
                        if !f.locals[i].is_undef() {
                            return Err(PyErr::new(
                                "TypeError",
                                format!("{} got multiple values for argument '{}'", fname(), k.s),
                            ));
                        }
                        f.locals[i] = v;
                    }
                    _ => match &kwdict {
                        Some(d) => self.dict_set(d, Value::Str(k.clone()), v)?,
                        None => {
                            if idx.is_some() {
                                posonly_as_kw.push(k.s.clone());
                                continue;
                            }
                            return Err(PyErr::new(
                                "TypeError",
                                format!("{} got an unexpected keyword argument '{}'", fname(), k.s),
                            ));
                        }
                    },
                }
            }
            if !posonly_as_kw.is_empty() {
                return Err(PyErr::new(
                    "TypeError",
                    format!(
                        "{} got some positional-only arguments passed as keyword arguments: '{}'",
                        fname(),
                        posonly_as_kw.join(", ")
                    ),
                ));
            }
            let ndef = func.defaults.len();
            let mut missing = Vec::new();
            for i in 0..nargs {
                if f.locals[i].is_undef() {
                    if i + ndef >= nargs {
                        f.locals[i] = func.defaults[i + ndef - nargs].clone();
                    } else {
                        missing.push(code.varnames[i].s.clone());
                    }
                }
            }
            if !missing.is_empty() {
                return Err(PyErr::new(
                    "TypeError",
                    format!(
                        "{} missing {} required positional argument{}: {}",
                        fname(),
                        missing.len(),
                        if missing.len() == 1 { "" } else { "s" },
                        list_names(&missing)
                    ),
                ));
            }
            for i in nargs..nargs + nkw {
                if f.locals[i].is_undef() {
                    let name = &code.varnames[i];
                    match func.kwdefaults.iter().find(|(k, _)| k.s == name.s) {
                        Some((_, v)) => f.locals[i] = v.clone(),
                        None => missing.push(name.s.clone()),
                    }
                }
            }
            if !missing.is_empty() {
                return Err(PyErr::new(
                    "TypeError",
                    format!(
                        "{} missing {} required keyword-only argument{}: {}",
                        fname(),
                        missing.len(),
                        if missing.len() == 1 { "" } else { "s" },
                        list_names(&missing)
                    ),
                ));
            }
        }
        if !code.cellvars.is_empty() || !func.closure.is_empty() {
            let mut cells: Vec<CellRef> =
                Vec::with_capacity(code.cellvars.len() + func.closure.len());
            for _ in 0..code.cellvars.len() {
                cells.push(Rc::new(RefCell::new(Value::Undef)));
            }
            for (ci, pi) in &code.cell_args {
                let v = std::mem::take(&mut f.locals[*pi as usize]);
                *cells[*ci as usize].borrow_mut() = v;
            }
            cells.extend(func.closure.iter().cloned());
            f.cells = cells;
        }
        Ok(f)
    }

    pub fn make_gen(&self, frame: Box<Frame>) -> Value {
        let code = frame.code.clone();
        let kind = if code.flags & FLAG_COROUTINE != 0 {
            GenKind::Coroutine
        } else if code.flags & FLAG_ASYNC_GEN != 0 {
            GenKind::AsyncGenerator
        } else {
            GenKind::Generator
        };
        Value::Gen(Rc::new(GenObj {
            kind,
            frame: RefCell::new(Some(frame)),
            state: Cell::new(GenState::Created),
            name: code.name.clone(),
            qualname: code.qualname.clone(),
            code,
            awaited: Cell::new(false),
            async_hooks: Cell::new(0),
            finalized: Cell::new(false),
            wrapped: Cell::new(false),
        }))
    }

    /// Calls from the interpreter loop: Python functions get a frame pushed
    /// (their result arrives later); everything else pushes its result now.
    pub(crate) fn call_in_loop(
        &mut self,
        callee: Value,
        mut args: Vec<Value>,
        kw: Vec<(Name, Value)>,
    ) -> PyResult<()> {
        let result = match &callee {
            Value::Function(func) => {
                let frame = self.bind_args(func, args, kw)?;
                if func.code.is_generator_like() {
                    self.make_gen(frame)
                } else {
                    return self.push_frame(frame);
                }
            }
            Value::BoundMethod(bm) => {
                args.insert(0, bm.self_.clone());
                let func = bm.func.clone();
                return self.call_in_loop(func, args, kw);
            }
            Value::Native(n) => {
                if let Some(Value::Gen(g)) = args.first() {
                    if n.is_method && kw.is_empty() {
                        let g = g.clone();
                        match n.name {
                            "send" | "__next__" => {
                                let v = if n.name == "send" {
                                    args.get(1).cloned().unwrap_or(Value::None)
                                } else {
                                    Value::None
                                };
                                if g.kind == GenKind::AsyncGenerator {
                                    return Err(PyErr::new(
                                        "AttributeError",
                                        "async_generator has no send",
                                    ));
                                }
                                return self.push_gen_frame(&g, v, RetKind::GenSend);
                            }
                            "throw" => {
                                let exc = self.throw_args(&args[1..])?;
                                self.push_gen_for_throw(&g, RetKind::GenSend)?;
                                return Err(PyErr::exc(exc));
                            }
                            _ => {}
                        }
                    }
                }
                if let Value::Str(tag) = &n.data {
                    if tag.s == "_awaitscope"
                        && (n.name == "run_forever" || n.name == "run_until_done")
                    {
                        let until = if n.name == "run_until_done" {
                            Some(args.first().cloned().unwrap_or_default())
                        } else {
                            None
                        };
                        return self.start_loop_run(until);
                    }
                }
                if n.name == "next" && !n.is_method && kw.is_empty() && args.len() == 1 {
                    if let Value::Gen(g) = &args[0] {
                        if g.kind == GenKind::Generator {
                            let g = g.clone();
                            return self.push_gen_frame(&g, Value::None, RetKind::GenSend);
                        }
                    }
                }
                (n.f)(self, n.name, Args { pos: args, kw })?
            }
            Value::Class(cls) => {
                let cls = cls.clone();
                match self.instantiate_start(&cls, args, kw)? {
                    Instantiated::Done(v) => v,
                    Instantiated::Init(frame) => return self.push_frame(frame),
                }
            }
            _ => self.call_kw(&callee, args, kw)?,
        };
        match self.frames.last_mut() {
            Some(f) => f.stack.push(result),
            None => return Err(PyErr::new("SystemError", "no frame")),
        }
        Ok(())
    }

    pub fn call(&mut self, f: &Value, args: Vec<Value>) -> PyResult<Value> {
        self.call_kw(f, args, Vec::new())
    }

    /// A call from Rust: Python code runs in a nested (bounded) `exec`.
    pub fn call_kw(
        &mut self,
        f: &Value,
        mut args: Vec<Value>,
        kw: Vec<(Name, Value)>,
    ) -> PyResult<Value> {
        match f {
            Value::Function(func) => {
                let frame = self.bind_args(func, args, kw)?;
                if func.code.is_generator_like() {
                    return Ok(self.make_gen(frame));
                }
                self.run_frame_native(frame)
            }
            Value::BoundMethod(bm) => {
                args.insert(0, bm.self_.clone());
                let func = bm.func.clone();
                self.call_kw(&func, args, kw)
            }
            Value::Native(n) => {
                if let Some(Value::Gen(g)) = args.first() {
                    if n.is_method {
                        let g = g.clone();
                        match n.name {
                            "send" => {
                                let v = args.get(1).cloned().unwrap_or(Value::None);
                                return self.gen_send_native(&g, GenMode::Send(v));
                            }
                            "__next__" => {
                                return self.gen_send_native(&g, GenMode::Send(Value::None))
                            }
                            "throw" => {
                                let exc = self.throw_args(&args[1..])?;
                                return self.gen_send_native(&g, GenMode::Throw(exc));
                            }
                            _ => {}
                        }
                    }
                }
                (n.f)(self, n.name, Args { pos: args, kw })
            }
            Value::Class(cls) => {
                let cls = cls.clone();
                match self.instantiate_start(&cls, args, kw)? {
                    Instantiated::Done(v) => Ok(v),
                    Instantiated::Init(frame) => {
                        let inst = frame.aux.clone();
                        let r = self.run_frame_native(frame)?;
                        if !r.is_none() {
                            let tn = self.type_name(&r);
                            return Err(PyErr::new(
                                "TypeError",
                                format!("__init__() should return None, not '{tn}'"),
                            ));
                        }
                        Ok(inst)
                    }
                }
            }
            Value::Instance(_) => match self.special_method(f, "__call__") {
                Some(m) => self.call_kw(&m, args, kw),
                None => Err(PyErr::new(
                    "TypeError",
                    format!("'{}' object is not callable", self.type_name(f)),
                )),
            },
            Value::StaticMethod(inner) => {
                let inner = (**inner).clone();
                self.call_kw(&inner, args, kw)
            }
            _ => Err(PyErr::new(
                "TypeError",
                format!("'{}' object is not callable", self.type_name(f)),
            )),
        }
    }

    pub(crate) fn run_frame_native(&mut self, mut frame: Box<Frame>) -> PyResult<Value> {
        if self.native_depth >= NATIVE_DEPTH_LIMIT {
            return Err(PyErr::new(
                "RecursionError",
                "maximum recursion depth exceeded",
            ));
        }
        frame.ret = RetKind::Native;
        let base = self.frames.len();
        self.push_frame(frame)?;
        let r = self.nested_exec(base, None);
        match r? {
            ExecResult::Return(v) => Ok(v),
            ExecResult::Yield(_) | ExecResult::Budget => {
                Err(PyErr::new("SystemError", "unexpected yield"))
            }
        }
    }

    fn nested_exec(&mut self, base: usize, pending: Option<PyErr>) -> PyResult<ExecResult> {
        let saved_loop = self.host.loop_base;
        self.native_depth += 1;
        let r = self.exec(base, pending);
        self.native_depth -= 1;
        self.host.loop_base = saved_loop;
        if r.is_err() && self.frames.len() > base {
            self.frames.truncate(base);
        }
        r
    }

    /// `gen.send(v)` / `next(gen)` / `gen.throw(e)` from Rust.
    pub fn gen_send_native(&mut self, g: &Rc<GenObj>, mode: GenMode) -> PyResult<Value> {
        match self.gen_resume_native(g, mode)? {
            Ok(y) => Ok(y),
            Err(ret) => {
                if g.kind == GenKind::AsyncGenerator {
                    return Err(PyErr::new("StopAsyncIteration", ""));
                }
                Err(self.stop_iteration(ret))
            }
        }
    }

    /// Ok(Ok(yielded)) or Ok(Err(returned)).
    pub fn gen_resume_native(
        &mut self,
        g: &Rc<GenObj>,
        mode: GenMode,
    ) -> PyResult<Result<Value, Value>> {
        if self.native_depth >= NATIVE_DEPTH_LIMIT {
            return Err(PyErr::new(
                "RecursionError",
                "maximum recursion depth exceeded",
            ));
        }
        let base = self.frames.len();
        let pending = match mode {
            GenMode::Send(v) => {
                self.push_gen_frame(g, v, RetKind::Native)?;
                None
            }
            GenMode::Throw(exc) => {
                if g.state.get() == GenState::Closed {
                    return Err(PyErr::exc(exc));
                }
                self.push_gen_for_throw(g, RetKind::Native)?;
                Some(PyErr::exc(exc))
            }
        };
        match self.nested_exec(base, pending)? {
            ExecResult::Yield(y) => Ok(Ok(y)),
            ExecResult::Return(v) => Ok(Err(v)),
            ExecResult::Budget => Err(PyErr::new("SystemError", "unexpected budget stop")),
        }
    }

    pub fn gen_close(&mut self, g: &Rc<GenObj>) -> PyResult<Value> {
        match g.state.get() {
            GenState::Created => {
                g.state.set(GenState::Closed);
                g.frame.borrow_mut().take();
                return Ok(Value::None);
            }
            GenState::Closed => return Ok(Value::None),
            GenState::Running => {
                return Err(PyErr::new("ValueError", "generator already executing"))
            }
            GenState::Suspended => {}
        }
        let exc = self.make_exc("GeneratorExit", "");
        match self.gen_resume_native(g, GenMode::Throw(exc)) {
            Ok(Ok(_)) => {
                let what = match g.kind {
                    GenKind::Coroutine => "coroutine",
                    GenKind::AsyncGenerator => "async generator",
                    GenKind::Generator => "generator",
                };
                Err(PyErr::new(
                    "RuntimeError",
                    format!("{what} ignored GeneratorExit"),
                ))
            }
            Ok(Err(_)) => Ok(Value::None),
            Err(e) => {
                let esc = e.is_escaped();
                let v = self.materialize(e);
                if self.is_instance_of_name(&v, "GeneratorExit")
                    || self.is_instance_of_name(&v, "StopIteration")
                {
                    Ok(Value::None)
                } else {
                    Err(PyErr::pass_on(esc, v))
                }
            }
        }
    }

    /// `throw(exc)`, `throw(type)`, `throw(type, value)`.
    pub fn throw_args(&mut self, args: &[Value]) -> PyResult<Value> {
        match args {
            [e] => self.exc_instance(e.clone()).map_err(|_| {
                PyErr::new(
                    "TypeError",
                    "exceptions must be classes or instances deriving from BaseException, not int",
                )
            }),
            [t, v, ..] => {
                if v.is_none() {
                    self.exc_instance(t.clone())
                } else if let Value::Class(_) = t {
                    match v {
                        Value::Instance(_) => Ok(v.clone()),
                        other => self.call(t, vec![other.clone()]),
                    }
                } else {
                    self.exc_instance(t.clone())
                }
            }
            [] => Err(PyErr::new(
                "TypeError",
                "throw expected at least 1 argument, got 0",
            )),
        }
    }

    pub fn call_method(&mut self, obj: &Value, name: &str, args: Vec<Value>) -> PyResult<Value> {
        let m = self.getattr(obj, &intern(name))?;
        self.call(&m, args)
    }

    /// Looks `name` up on the type of `obj` (not the instance) and binds it.
    pub fn special_method(&mut self, obj: &Value, name: &str) -> Option<Value> {
        let cls = self.type_of(obj);
        let v = self.class_lookup(&cls, name)?;
        Some(self.bind_descriptor(v, obj, &cls))
    }

    pub fn kwargs_from_mapping(
        &mut self,
        callee: &Value,
        d: &Value,
    ) -> PyResult<Vec<(Name, Value)>> {
        let Value::Dict(d) = d else {
            let tn = self.type_name(d);
            let fname = self.callable_name(callee);
            return Err(PyErr::new(
                "TypeError",
                format!("{fname} argument after ** must be a mapping, not {tn}"),
            ));
        };
        let mut out = Vec::new();
        for (k, v) in d.borrow().iter() {
            match k {
                Value::Str(s) => out.push((intern(&s.s), v.clone())),
                _ => return Err(PyErr::new("TypeError", "keywords must be strings")),
            }
        }
        Ok(out)
    }

    pub fn callable_name(&self, f: &Value) -> String {
        match f {
            Value::Function(func) => format!("{}()", func.qualname.borrow().s),
            Value::Native(n) => format!("{}()", n.name),
            Value::BoundMethod(bm) => self.callable_name(&bm.func),
            Value::Class(c) => format!("{}()", c.name.s),
            _ => "function".to_string(),
        }
    }

    pub fn stop_iteration(&mut self, v: Value) -> PyErr {
        let args = if v.is_none() { vec![] } else { vec![v] };
        let cls = self.exc_class("StopIteration");
        PyErr::exc(self.new_exc_instance(&cls, args))
    }

    /// If `e` is StopIteration, its value; otherwise the error.
    pub fn stop_value(&mut self, e: PyErr) -> PyResult<Value> {
        if e.is_suspend() {
            return Err(e);
        }
        let esc = e.is_escaped();
        let v = self.materialize(e);
        if self.is_instance_of_name(&v, "StopIteration") {
            if let Value::Instance(i) = &v {
                if let Some(d) = &i.exc {
                    return Ok(d.borrow().args.first().cloned().unwrap_or(Value::None));
                }
            }
            return Ok(Value::None);
        }
        Err(PyErr::pass_on(esc, v))
    }
}

/// CPython's errno → OSError subclass map (errnomap in exceptions.c), Linux numbers.
fn oserror_subclass(errno: i64) -> Option<&'static str> {
    Some(match errno {
        11 | 114 | 115 => "BlockingIOError",
        10 => "ChildProcessError",
        32 | 108 => "BrokenPipeError",
        103 => "ConnectionAbortedError",
        111 => "ConnectionRefusedError",
        104 => "ConnectionResetError",
        17 => "FileExistsError",
        2 => "FileNotFoundError",
        21 => "IsADirectoryError",
        20 => "NotADirectoryError",
        4 => "InterruptedError",
        1 | 13 => "PermissionError",
        3 => "ProcessLookupError",
        110 => "TimeoutError",
        _ => return None,
    })
}

pub enum Instantiated {
    Done(Value),
    /// `__init__` is a Python function: run this frame (RetKind::Init, aux = instance).
    Init(Box<Frame>),
}

impl Vm {
    /// Creates an instance of `cls` and prepares its `__init__` call.
    pub(crate) fn instantiate_start(
        &mut self,
        cls: &Rc<Class>,
        args: Vec<Value>,
        kw: Vec<(Name, Value)>,
    ) -> PyResult<Instantiated> {
        if let Some(v) = super::builtins::construct_builtin(self, cls, &args, &kw)? {
            return Ok(Instantiated::Done(v));
        }
        // `OSError(errno, msg)` is the subclass for that errno (Linux numbers), as in CPython.
        let by_errno;
        let cls = match (cls.is_exception && cls.name.s == "OSError", args.as_slice()) {
            (true, [Value::Int(errno), _, ..]) if Rc::ptr_eq(cls, &self.exc_class("OSError")) => {
                match oserror_subclass(*errno) {
                    Some(name) => {
                        by_errno = self.exc_class(name);
                        &by_errno
                    }
                    None => cls,
                }
            }
            _ => cls,
        };
        let payload =
            if cls.builtin != BuiltinType::Object && cls.builtin != BuiltinType::BaseException {
                super::builtins::builtin_payload(self, cls, &args)?
            } else {
                Value::None
            };
        let inst = Value::Instance(Rc::new(Instance {
            class: RefCell::new(cls.clone()),
            dict: RefCell::new(NameMap::new()),
            exc: if cls.is_exception {
                Some(RefCell::new(ExcData {
                    args: args.clone(),
                    cause: Value::None,
                    context: Value::None,
                    ..Default::default()
                }))
            } else {
                None
            },
            payload: RefCell::new(payload),
        }));
        if let Some(newf) = self.class_lookup_user_name(cls, &self.names.new_) {
            let newf = match newf {
                Value::StaticMethod(f) => (*f).clone(),
                other => other,
            };
            let mut nargs = vec![Value::Class(cls.clone())];
            nargs.extend(args.iter().cloned());
            let obj = self.call_kw(&newf, nargs, kw.clone())?;
            let is_inst =
                matches!(&obj, Value::Instance(i) if self.is_subclass(&i.class.borrow(), cls));
            if !is_inst {
                return Ok(Instantiated::Done(obj));
            }
            return self.init_instance(cls, obj, args, kw);
        }
        self.init_instance(cls, inst, args, kw)
    }

    fn init_instance(
        &mut self,
        cls: &Rc<Class>,
        inst: Value,
        mut args: Vec<Value>,
        kw: Vec<(Name, Value)>,
    ) -> PyResult<Instantiated> {
        match self.class_lookup_name(cls, &self.names.init) {
            Some(Value::Function(func)) => {
                args.insert(0, inst.clone());
                let mut frame = self.bind_args(&func, args, kw)?;
                frame.ret = RetKind::Init;
                frame.aux = inst;
                Ok(Instantiated::Init(frame))
            }
            Some(other) => {
                args.insert(0, inst.clone());
                self.call_kw(&other, args, kw)?;
                Ok(Instantiated::Done(inst))
            }
            None => {
                if (!args.is_empty() || !kw.is_empty())
                    && !cls.is_exception
                    && self.class_lookup_user(cls, "__new__").is_none()
                {
                    return Err(PyErr::new(
                        "TypeError",
                        format!("{}() takes no arguments", cls.name.s),
                    ));
                }
                Ok(Instantiated::Done(inst))
            }
        }
    }
}
