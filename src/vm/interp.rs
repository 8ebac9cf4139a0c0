//! The interpreter loop. `exec(base)` runs the frames above `base` until the frame
//! at `base` returns or yields; Python→Python calls, `await`/`yield from`
//! delegation, `for` over generators, `gen.send()` and event-loop callbacks all
//! push heap frames instead of recursing in Rust.

use std::rc::Rc;

use super::frame::{Block, Frame, RetKind};
use super::namemap::NameMap;
use super::value::*;
use super::{ErrKind, PyErr, PyResult, Suspend, Vm, RECURSION_LIMIT};
use crate::compile::{Op, FLAG_ASYNC_GEN};
use crate::python::ast::{BinOp, CmpOp, UnaryOp};

pub enum ExecResult {
    Return(Value),
    Yield(Value),
    /// The slice's instruction budget is used up (top level only).
    Budget,
}

macro_rules! fr {
    ($s:ident) => {
        match $s.frames.last_mut() {
            Some(f) => f,
            None => return Err(no_frame()),
        }
    };
}

#[cold]
#[inline(never)]
fn unbound_local(name: &str) -> PyErr {
    PyErr::new(
        "UnboundLocalError",
        format!("cannot access local variable '{name}' where it is not associated with a value"),
    )
}

#[cold]
#[inline(never)]
fn name_error(name: &str) -> PyErr {
    PyErr::new("NameError", format!("name '{name}' is not defined"))
}

/// The error of `fr!` (which cannot happen), out of line: one call per site.
#[cold]
#[inline(never)]
fn no_frame() -> PyErr {
    PyErr::new("SystemError", "no frame")
}

macro_rules! pop {
    ($f:ident) => {
        $f.pop()
    };
}

impl Vm {
    /// Runs until the frame at index `base` finishes. `pending` is raised first
    /// (used to throw into a generator).
    pub(crate) fn exec(&mut self, base: usize, pending: Option<PyErr>) -> PyResult<ExecResult> {
        // Generators dying meanwhile are this VM's to close (`finalize.rs`).
        let outer = super::finalize::running(self.finalize_id);
        let r = self.exec_frames(base, pending);
        super::finalize::running(outer);
        r
    }

    fn exec_frames(&mut self, base: usize, mut pending: Option<PyErr>) -> PyResult<ExecResult> {
        loop {
            let r = match pending.take() {
                Some(e) => Err(e),
                None => self.dispatch(base),
            };
            match r {
                Ok(x) => return Ok(x),
                Err(e) if e.is_suspend() => {
                    if self.native_depth <= 1 {
                        return Err(e);
                    }
                    if let ErrKind::Suspend(Suspend::Sleep(_)) = e.kind() {
                        pending = Some(PyErr::new(
                            "RuntimeError",
                            "time.sleep() cannot block here (called from a callback run by native code)",
                        ));
                    } else {
                        return Err(e);
                    }
                }
                Err(e) => {
                    let reraise = std::mem::replace(&mut self.host.reraising, false);
                    let escaped = matches!(e.kind(), ErrKind::Escaped(_));
                    let exc = self.materialize(e);
                    if !reraise && !escaped {
                        self.set_context(&exc);
                    }
                    if let Err(exc) = self.unwind(base, exc, !reraise) {
                        return Err(PyErr::escaped(exc));
                    }
                }
            }
        }
    }

    /// The exception currently being handled (innermost frame first).
    pub fn current_exc(&self) -> Option<Value> {
        for f in self.frames.iter().rev() {
            if let Some(e) = &f.cur_exc {
                if !e.is_none() {
                    return Some(e.clone());
                }
            }
        }
        None
    }

    fn set_context(&mut self, exc: &Value) {
        if let Some(cur) = self.current_exc() {
            if !cur.is(exc) {
                if let Value::Instance(i) = exc {
                    if let Some(d) = &i.exc {
                        let mut d = d.borrow_mut();
                        if d.context.is_none() || d.context.is_undef() {
                            d.context = cur;
                        }
                    }
                }
            }
        }
    }

    pub(crate) fn push_tb(&mut self, exc: &Value) {
        let Some(f) = self.frames.last() else { return };
        if in_c_in_cpython(&f.code) {
            return;
        }
        let span = f.code.span_at(f.lasti());
        if let Value::Instance(i) = exc {
            if let Some(d) = &i.exc {
                d.borrow_mut().traceback.push(TbEntry {
                    filename: f.code.filename.clone(),
                    name: f.code.name.clone(),
                    line: span.start.line,
                    col: span.start.col,
                });
            }
        }
    }

    /// Finds a handler for `exc`, popping frames; Err if it escapes frame `base`.
    fn unwind(&mut self, base: usize, exc: Value, mut add_tb: bool) -> Result<(), Value> {
        let mut exc = exc;
        loop {
            if self.frames.len() <= base {
                return Err(exc);
            }
            if add_tb {
                self.push_tb(&exc);
            }
            add_tb = true;
            let Some(f) = self.frames.last_mut() else {
                return Err(exc);
            };
            while let Some(b) = f.blocks.pop() {
                match b {
                    Block::Try { handler, depth } => {
                        f.stack.truncate(depth as usize);
                        f.push(exc);
                        f.ip = handler as usize;
                        return Ok(());
                    }
                    Block::Handler { depth } => {
                        f.stack.truncate(depth as usize + 1);
                        let prev = f.stack.pop().unwrap_or(Value::None);
                        f.cur_exc = if prev.is_none() { None } else { Some(prev) };
                    }
                }
            }
            let Some(mut f) = self.frames.pop() else {
                return Err(exc);
            };
            if let Some(g) = f.gen.take() {
                g.state.set(GenState::Closed);
                exc = self.fix_gen_stop(&g, exc);
            }
            let ret = f.ret;
            let task = std::mem::take(&mut f.aux);
            self.recycle_frame(f);
            if ret == RetKind::AClose
                && self.frames.len() > base
                && self.is_instance_of_name(&exc, "GeneratorExit")
            {
                // aclose(): the generator let its GeneratorExit through, so it is closed.
                if let Some(caller) = self.frames.last_mut() {
                    caller.stack.pop();
                    caller.push(Value::None);
                }
                return Ok(());
            }
            if let (RetKind::TaskStep(call), true) = (ret, self.frames.len() > base) {
                // The coroutine of a native step raised: `_step_raised(exc)`.
                let piece = self.names.step_raised.clone();
                match self.task_step_piece(task, &piece, exc, call) {
                    Ok(()) => return Ok(()),
                    Err(e) => {
                        exc = self.materialize(e);
                        add_tb = false;
                        continue;
                    }
                }
            }
            if let RetKind::StepPiece(_) = ret {
                self.host.native_steps = self.host.native_steps.saturating_sub(1);
            }
            if matches!(ret, RetKind::Handle | RetKind::StepPiece(false))
                && self.frames.len() > base
            {
                // A loop callback raised: report to the prelude's error hook.
                match self.handle_callback_error(exc) {
                    Ok(()) => return Ok(()),
                    Err(e) => {
                        exc = e;
                        add_tb = false;
                        continue;
                    }
                }
            }
        }
    }

    /// PEP 479: StopIteration escaping a generator becomes RuntimeError.
    fn fix_gen_stop(&mut self, g: &GenObj, exc: Value) -> Value {
        let (cls, msg) = match g.kind {
            GenKind::Generator => ("StopIteration", "generator raised StopIteration"),
            GenKind::Coroutine => ("StopIteration", "coroutine raised StopIteration"),
            GenKind::AsyncGenerator => {
                if self.is_instance_of_name(&exc, "StopAsyncIteration") {
                    (
                        "StopAsyncIteration",
                        "async generator raised StopAsyncIteration",
                    )
                } else {
                    ("StopIteration", "async generator raised StopIteration")
                }
            }
        };
        if self.is_instance_of_name(&exc, cls) {
            let new = self.make_exc("RuntimeError", msg);
            if let Value::Instance(i) = &new {
                if let Some(d) = &i.exc {
                    let mut d = d.borrow_mut();
                    d.cause = exc.clone();
                    d.context = exc;
                    d.suppress_context = true;
                }
            }
            return new;
        }
        exc
    }

    /// How many frames the recursion limit allows: `RECURSION_LIMIT`, less the three
    /// frames CPython has under every callback while a loop runs (`run_forever`,
    /// `_run_once`, `Handle._run`) that are native here, so a program hits its
    /// RecursionError at CPython's depth.
    pub(crate) fn frame_limit(&self) -> usize {
        if self.host.loop_runs.is_empty() {
            RECURSION_LIMIT
        } else {
            RECURSION_LIMIT - 3
        }
    }

    /// Whether a frame of `code` may not be pushed: the program's own frames stop at
    /// [`Vm::frame_limit`]; the prelude's get `PRELUDE_FRAME_ALLOWANCE` more, as its
    /// Future and Task are C code in CPython, which handles a RecursionError at the
    /// limit without frames of its own.
    fn too_deep(&self, code: &crate::compile::Code) -> bool {
        self.too_deep_for(code.filename.starts_with('<'))
    }

    /// [`Vm::too_deep`] for a frame of the prelude (`prelude`) or of the program.
    pub(crate) fn too_deep_for(&self, prelude: bool) -> bool {
        let depth = self.frames.len() + self.host.native_steps;
        let limit = self.frame_limit();
        depth >= limit && (depth >= limit + PRELUDE_FRAME_ALLOWANCE || !prelude)
    }

    pub(crate) fn push_frame(&mut self, f: Box<Frame>) -> PyResult<()> {
        if self.too_deep(&f.code) {
            return Err(PyErr::new(
                "RecursionError",
                "maximum recursion depth exceeded",
            ));
        }
        self.frames.push(f);
        Ok(())
    }

    /// Resumes generator `g` by pushing its frame (with `value` sent in).
    pub(crate) fn push_gen_frame(
        &mut self,
        g: &Rc<GenObj>,
        value: Value,
        ret: RetKind,
    ) -> PyResult<()> {
        match g.state.get() {
            GenState::Running => {
                let what = match g.kind {
                    GenKind::Coroutine => "coroutine",
                    GenKind::AsyncGenerator => "async generator",
                    GenKind::Generator => "generator",
                };
                return Err(PyErr::new(
                    "ValueError",
                    format!("{what} already executing"),
                ));
            }
            GenState::Closed => {
                return match g.kind {
                    GenKind::Coroutine => Err(PyErr::new(
                        "RuntimeError",
                        "cannot reuse already awaited coroutine",
                    )),
                    GenKind::AsyncGenerator => Err(PyErr::new("StopAsyncIteration", "")),
                    GenKind::Generator => Err(self.stop_iteration(Value::None)),
                };
            }
            GenState::Created => {
                if !value.is_none() {
                    let what = if g.kind == GenKind::Coroutine {
                        "coroutine"
                    } else {
                        "generator"
                    };
                    return Err(PyErr::new(
                        "TypeError",
                        format!("can't send non-None value to a just-started {what}"),
                    ));
                }
            }
            GenState::Suspended => {}
        }
        let Some(mut f) = g.frame.borrow_mut().take() else {
            return Err(PyErr::new("RuntimeError", "generator has no frame"));
        };
        if g.state.get() == GenState::Suspended {
            f.push(value);
        }
        f.ret = ret;
        f.gen = Some(g.clone());
        g.state.set(GenState::Running);
        if self.too_deep(&f.code) {
            f.gen = None;
            *g.frame.borrow_mut() = Some(f);
            g.state.set(GenState::Suspended);
            return Err(PyErr::new(
                "RecursionError",
                "maximum recursion depth exceeded",
            ));
        }
        self.frames.push(f);
        Ok(())
    }

    /// Pushes `g`'s frame and, if it is delegating (`await`), the frames it delegates
    /// to, so that an exception thrown in starts at the innermost one.
    pub(crate) fn push_gen_for_throw(&mut self, g: &Rc<GenObj>, ret: RetKind) -> PyResult<()> {
        if g.state.get() == GenState::Closed {
            return Ok(());
        }
        let created = g.state.get() == GenState::Created;
        let Some(mut f) = g.frame.borrow_mut().take() else {
            return Err(PyErr::new("RuntimeError", "generator has no frame"));
        };
        f.ret = ret;
        f.gen = Some(g.clone());
        g.state.set(GenState::Running);
        if created {
            // An exception thrown into a just-created generator is raised at its start.
            f.ip = 0;
        }
        self.frames.push(f);
        while let Some(top) = self.frames.last_mut() {
            let at_send = matches!(top.code.ops.get(top.ip), Some(Op::Send));
            if !at_send {
                break;
            }
            top.ip += 1;
            let recv = top.stack.last().cloned().unwrap_or_default();
            match recv {
                Value::Gen(inner) if inner.state.get() == GenState::Suspended => {
                    let Some(mut fi) = inner.frame.borrow_mut().take() else {
                        break;
                    };
                    fi.ret = RetKind::YieldFrom;
                    fi.gen = Some(inner.clone());
                    inner.state.set(GenState::Running);
                    self.frames.push(fi);
                }
                Value::Iter(it) => {
                    let ag = match &*it.borrow() {
                        IterObj::ASend { gen, close, .. }
                            if gen.state.get() == GenState::Suspended =>
                        {
                            Some((gen.clone(), *close))
                        }
                        _ => None,
                    };
                    match ag {
                        Some((inner, close)) => {
                            let Some(mut fi) = inner.frame.borrow_mut().take() else {
                                break;
                            };
                            fi.ret = if close {
                                RetKind::AClose
                            } else {
                                RetKind::ASend
                            };
                            fi.gen = Some(inner.clone());
                            inner.state.set(GenState::Running);
                            self.frames.push(fi);
                        }
                        None => break,
                    }
                }
                _ => break,
            }
        }
        Ok(())
    }

    /// A frame returned `v`; deliver it. Some(result) when frame `base` finished.
    fn do_return(&mut self, base: usize, v: Value) -> PyResult<Option<ExecResult>> {
        let Some(mut f) = self.frames.pop() else {
            return Err(PyErr::new("SystemError", "no frame"));
        };
        let mut kind = None;
        if let Some(g) = f.gen.take() {
            g.state.set(GenState::Closed);
            kind = Some(g.kind);
        }
        let ret = f.ret;
        let aux = std::mem::take(&mut f.aux);
        let module = (ret == RetKind::Import).then(|| f.globals.clone());
        self.recycle_frame(f);
        if self.frames.len() <= base {
            return Ok(Some(ExecResult::Return(v)));
        }
        let caller = fr!(self);
        match ret {
            RetKind::Call | RetKind::Native => caller.push(v),
            RetKind::Init => {
                if !v.is_none() {
                    let tn = self.type_name(&v);
                    return Err(PyErr::new(
                        "TypeError",
                        format!("__init__() should return None, not '{tn}'"),
                    ));
                }
                caller.push(aux);
            }
            RetKind::Import => caller.stack.extend(module.map(Value::Module)),
            RetKind::GenSend => {
                if kind == Some(GenKind::AsyncGenerator) {
                    return Err(PyErr::new("StopAsyncIteration", ""));
                }
                return Err(self.stop_iteration(v));
            }
            RetKind::YieldFrom => {
                caller.stack.pop();
                caller.push(v);
            }
            RetKind::ForIter(t) => {
                caller.stack.pop();
                caller.ip = t as usize;
            }
            RetKind::ASend => {
                caller.stack.pop();
                return Err(PyErr::new("StopAsyncIteration", ""));
            }
            RetKind::AClose => {
                caller.stack.pop();
                caller.push(Value::None);
            }
            RetKind::Handle => {}
            RetKind::StepPiece(call) => {
                self.host.native_steps = self.host.native_steps.saturating_sub(1);
                if call {
                    caller.push(v);
                }
            }
            RetKind::TaskStep(call) => {
                let piece = self.names.step_returned.clone();
                self.task_step_piece(aux, &piece, v, call)?;
            }
        }
        Ok(None)
    }

    /// The top frame yields `v`.
    fn do_yield(&mut self, base: usize, mut v: Value) -> PyResult<Option<ExecResult>> {
        loop {
            let Some(mut f) = self.frames.pop() else {
                return Err(PyErr::new("SystemError", "no frame"));
            };
            let Some(g) = f.gen.take() else {
                return Err(PyErr::new("SystemError", "yield outside a generator frame"));
            };
            let ret = f.ret;
            let task = match ret {
                RetKind::TaskStep(_) => std::mem::take(&mut f.aux),
                _ => Value::None,
            };
            if !self.may_finalize && g.kind != GenKind::Coroutine {
                // From now on generators may die where closing them shows (finalize.rs).
                self.may_finalize = f.blocks.iter().any(|b| matches!(b, Block::Try { .. }));
            }
            g.state.set(GenState::Suspended);
            *g.frame.borrow_mut() = Some(f);
            if self.frames.len() <= base {
                return Ok(Some(ExecResult::Yield(v)));
            }
            let caller = fr!(self);
            match ret {
                RetKind::YieldFrom => {
                    caller.ip = caller.ip.saturating_sub(1);
                }
                RetKind::TaskStep(call) => {
                    self.task_step_yielded(task, v, call)?;
                    return Ok(None);
                }
                RetKind::ASend => {
                    if let Some(inner) = unwrap_async_yield(&v) {
                        caller.stack.pop();
                        caller.push(inner);
                        return Ok(None);
                    }
                    caller.ip = caller.ip.saturating_sub(1);
                }
                RetKind::AClose => {
                    if unwrap_async_yield(&v).is_some() {
                        caller.stack.pop();
                        return Err(PyErr::new(
                            "RuntimeError",
                            "async generator ignored GeneratorExit",
                        ));
                    }
                    caller.ip = caller.ip.saturating_sub(1);
                }
                _ => {
                    if let Some(inner) = unwrap_async_yield(&v) {
                        v = inner;
                    }
                    caller.push(v);
                    return Ok(None);
                }
            }
        }
    }

    fn dispatch(&mut self, base: usize) -> PyResult<ExecResult> {
        loop {
            self.instructions += 1;
            if self.instructions >= self.slice_end {
                if self.instructions >= self.max_instructions {
                    return Err(PyErr::suspend(Suspend::OutOfSteps));
                }
                if self.native_depth <= 1 {
                    self.instructions -= 1;
                    return Ok(ExecResult::Budget);
                }
            }
            if self.may_finalize && super::finalize::pending_for(self.finalize_id) {
                self.finalize_pending();
            }
            self.check_heap()?;
            if self.frames.len() == self.host.loop_base {
                if let Some(r) = self.loop_step(base)? {
                    return Ok(r);
                }
                continue;
            }
            let f = fr!(self);
            let Some(&op) = f.code.ops.get(f.ip) else {
                return Err(PyErr::new(
                    "SystemError",
                    "instruction pointer out of range",
                ));
            };
            f.ip += 1;
            match op {
                Op::Nop | Op::Nop2 => {}
                Op::Pop => {
                    if let Some(v) = f.stack.pop() {
                        Value::fast_drop(v);
                    }
                }
                Op::Dup => {
                    let v = f.stack.last().cloned().unwrap_or_default();
                    f.push(v);
                }
                Op::DupTop2 => {
                    let n = f.stack.len();
                    if n >= 2 {
                        let a = f.stack[n - 2].clone();
                        let b = f.stack[n - 1].clone();
                        f.push(a);
                        f.push(b);
                    }
                }
                Op::Rot2 => {
                    let n = f.stack.len();
                    if n >= 2 {
                        f.stack.swap(n - 1, n - 2);
                    }
                }
                Op::Rot3 => {
                    // TOS moves down two: [a, b, c] -> [c, a, b]
                    let n = f.stack.len();
                    if n >= 3 {
                        let v = f.stack.remove(n - 1);
                        f.stack.insert(n - 3, v);
                    }
                }
                Op::Rot4 => {
                    let n = f.stack.len();
                    if n >= 4 {
                        let v = f.stack.remove(n - 1);
                        f.stack.insert(n - 4, v);
                    }
                }
                Op::LoadConst(i) => {
                    let v = match f.code.consts.get(i as usize) {
                        Some(c) => c.fast_clone(),
                        None => Value::None,
                    };
                    f.push(v);
                }
                Op::LoadFast(i) => {
                    let v = match f.locals.get(i as usize) {
                        Some(l) => l.fast_clone(),
                        None => Value::Undef,
                    };
                    if v.is_undef() {
                        let name = f.code.varnames.get(i as usize).map_or("", |n| &n.s);
                        return Err(unbound_local(name));
                    }
                    f.push(v);
                }
                Op::StoreFast(i) => {
                    let v = pop!(f);
                    if let Some(slot) = f.locals.get_mut(i as usize) {
                        Value::fast_drop(std::mem::replace(slot, v));
                    }
                }
                Op::DeleteFast(i) => match f.locals.get_mut(i as usize) {
                    Some(slot) if !slot.is_undef() => *slot = Value::Undef,
                    _ => {
                        let name = f.code.varnames.get(i as usize).map_or("", |n| &n.s);
                        return Err(unbound_local(name));
                    }
                },
                Op::LoadDeref(i) | Op::LoadClassDeref(i) => {
                    if let Op::LoadClassDeref(_) = op {
                        let ncell = f.code.cellvars.len();
                        let name = if (i as usize) < ncell {
                            f.code.cellvars.get(i as usize)
                        } else {
                            f.code.freevars.get(i as usize - ncell)
                        };
                        if let (Some(ns), Some(name)) = (&f.ns, name) {
                            if let Some(v) = ns.borrow().get(name) {
                                let v = v.clone();
                                f.stack.push(v);
                                continue;
                            }
                        }
                    }
                    let v = f
                        .cells
                        .get(i as usize)
                        .map(|c| c.borrow().clone())
                        .unwrap_or_default();
                    if v.is_undef() {
                        return Err(self.unbound_deref(i));
                    }
                    f.push(v);
                }
                Op::StoreDeref(i) => {
                    let v = pop!(f);
                    if let Some(c) = f.cells.get(i as usize) {
                        *c.borrow_mut() = v;
                    }
                }
                Op::DeleteDeref(i) => {
                    if let Some(c) = f.cells.get(i as usize) {
                        *c.borrow_mut() = Value::Undef;
                    }
                }
                Op::LoadClosure(i) => {
                    let c = f.cells.get(i as usize).cloned().unwrap_or_default();
                    f.push(Value::Cell(c));
                }
                Op::LoadGlobal(i) => {
                    let name = &f.code.names[i as usize];
                    let hint = &f.code.name_hints[i as usize];
                    let found = f.globals.dict.borrow().get_hinted(name, hint).cloned();
                    let v = match found {
                        Some(v) => v,
                        None => match self.builtins.dict.borrow().get_hinted(name, hint) {
                            Some(v) => v.clone(),
                            None => {
                                return Err(name_error(&name.s));
                            }
                        },
                    };
                    f.push(v);
                }
                Op::StoreGlobal(i) => {
                    let v = pop!(f);
                    let (name, hint) = (&f.code.names[i as usize], &f.code.name_hints[i as usize]);
                    f.globals.dict.borrow_mut().insert_hinted(name, v, hint);
                }
                Op::DeleteGlobal(i) => {
                    let name = f.code.names[i as usize].clone();
                    if f.globals.dict.borrow_mut().remove(&name.s).is_none() {
                        return Err(name_error(&name.s));
                    }
                }
                Op::LoadName(i) => {
                    let name = f.code.names[i as usize].clone();
                    let mut v = f.ns.as_ref().and_then(|ns| ns.borrow().get(&name).cloned());
                    if v.is_none() {
                        v = f.globals.dict.borrow().get(&name).cloned();
                    }
                    if v.is_none() {
                        v = self.builtins.dict.borrow().get(&name).cloned();
                    }
                    match v {
                        Some(v) => self.push_top(v),
                        None => return Err(name_error(&name.s)),
                    }
                }
                Op::StoreName(i) => {
                    let name = f.code.names[i as usize].clone();
                    let v = pop!(f);
                    match &f.ns {
                        Some(ns) => ns.borrow_mut().insert(name, v),
                        None => f.globals.dict.borrow_mut().insert(name, v),
                    }
                }
                Op::DeleteName(i) => {
                    let name = f.code.names[i as usize].clone();
                    let removed = match &f.ns {
                        Some(ns) => ns.borrow_mut().remove(&name.s),
                        None => f.globals.dict.borrow_mut().remove(&name.s),
                    };
                    if removed.is_none() {
                        return Err(name_error(&name.s));
                    }
                }
                Op::LoadAttr(i) => {
                    let obj = pop!(f);
                    // An instance's or module's own attribute wins in `getattr` too
                    // (unless a property of the instance's type has the name:
                    // see `Vm::shadowed_descriptors`).
                    let own = match &obj {
                        Value::Instance(inst)
                            if !self.shadowed_descriptors
                                || !inst.class.borrow().has_data_descriptors() =>
                        {
                            Some(&inst.dict)
                        }
                        Value::Module(m) => Some(&m.dict),
                        _ => None,
                    };
                    if let Some(d) = own {
                        let (name, hint) =
                            (&f.code.names[i as usize], &f.code.name_hints[i as usize]);
                        let v = d.borrow().lookup_hinted(name, hint);
                        if let Some(v) = v {
                            f.push(v);
                            continue;
                        }
                    }
                    let name = f.code.names[i as usize].clone();
                    let v = self.getattr(&obj, &name)?;
                    self.push_top(v);
                }
                Op::StoreAttr(i) => {
                    let obj = pop!(f);
                    let v = pop!(f);
                    let code = f.code.clone();
                    let i = i as usize;
                    self.store_attr(&obj, &code.names[i], v, Some(&code.name_hints[i]))?;
                }
                Op::DeleteAttr(i) => {
                    let name = f.code.names[i as usize].clone();
                    let obj = pop!(f);
                    self.delattr(&obj, &name)?;
                }
                Op::LoadMethod(i) => {
                    if let Some(Value::Module(m)) = f.stack.last() {
                        // `module.function(...)`: the module's own attribute.
                        let (name, hint) =
                            (&f.code.names[i as usize], &f.code.name_hints[i as usize]);
                        let v = m.dict.borrow().get_hinted(name, hint).cloned();
                        if let Some(v) = v {
                            if let Some(top) = f.stack.last_mut() {
                                *top = Value::Undef;
                            }
                            f.push(v);
                            continue;
                        }
                    }
                    let name = f.code.names[i as usize].clone();
                    let obj = pop!(f);
                    let (a, b) = self.load_method(obj, &name)?;
                    let f = fr!(self);
                    f.push(a);
                    f.push(b);
                }
                Op::CallMethod(n) => {
                    if self.try_fast_call(n as usize, true)? {
                        continue;
                    }
                    let f = fr!(self);
                    let n = n as usize;
                    if f.stack.len() < n + 2 {
                        return Err(PyErr::new("SystemError", "stack underflow"));
                    }
                    let base = f.stack.len() - n - 2;
                    let m = std::mem::take(&mut f.stack[base]);
                    let s = std::mem::take(&mut f.stack[base + 1]);
                    let mut args = Vec::with_capacity(n + 1);
                    let callee = if m.is_undef() {
                        s
                    } else {
                        args.push(s);
                        m
                    };
                    args.extend(f.stack.drain(base + 2..));
                    f.stack.truncate(base);
                    self.call_in_loop(callee, args, Vec::new())?;
                }
                Op::Call(n) => {
                    if self.try_fast_call(n as usize, false)? {
                        continue;
                    }
                    let f = fr!(self);
                    let at = f.stack.len().saturating_sub(n as usize);
                    let args = f.stack.split_off(at);
                    let callee = pop!(f);
                    self.call_in_loop(callee, args, Vec::new())?;
                }
                Op::CallKw(n, names) => {
                    let names = match f.code.consts.get(names as usize) {
                        Some(Value::Tuple(t)) => t.clone(),
                        _ => Rc::new(Shallow(Vec::new())),
                    };
                    let at = f.stack.len().saturating_sub(n as usize);
                    let mut args = f.stack.split_off(at);
                    let callee = pop!(f);
                    let kwvals = args.split_off(args.len().saturating_sub(names.len()));
                    let kw: Vec<(Name, Value)> = names
                        .iter()
                        .zip(kwvals)
                        .map(|(n, v)| {
                            let name = match n {
                                Value::Str(s) if s.interned => s.clone(),
                                Value::Str(s) => super::namemap::intern(&s.s),
                                _ => super::namemap::intern(""),
                            };
                            (name, v)
                        })
                        .collect();
                    self.call_in_loop(callee, args, kw)?;
                }
                Op::CallEx(flags) => {
                    let kwd = if flags & 1 != 0 { Some(pop!(f)) } else { None };
                    let args = pop!(f);
                    let callee = pop!(f);
                    let pos = match args {
                        Value::Tuple(t) => t.to_vec(),
                        other => self.to_vec(&other)?,
                    };
                    let mut kw = Vec::new();
                    if let Some(d) = kwd {
                        kw = self.kwargs_from_mapping(&callee, &d)?;
                    }
                    self.call_in_loop(callee, pos, kw)?;
                }
                Op::MakeFunction(flags) => {
                    let qualname = pop!(f);
                    let code = pop!(f);
                    let closure = if flags & 8 != 0 { pop!(f) } else { Value::None };
                    let annotations = if flags & 4 != 0 { pop!(f) } else { Value::None };
                    let kwdefaults = if flags & 2 != 0 { pop!(f) } else { Value::None };
                    let defaults = if flags & 1 != 0 { pop!(f) } else { Value::None };
                    let globals = f.globals.clone();
                    let func =
                        self.make_function(code, qualname, defaults, kwdefaults, closure, globals)?;
                    if let (Value::Function(fo), Value::Dict(_)) = (&func, &annotations) {
                        fo.dict.borrow_mut().set_str("__annotations__", annotations);
                    }
                    self.push_top(func);
                }
                Op::Return => {
                    let v = pop!(f);
                    if let Some(r) = self.do_return(base, v)? {
                        return Ok(r);
                    }
                }
                Op::YieldValue => {
                    let mut v = pop!(f);
                    if f.code.flags & FLAG_ASYNC_GEN != 0 {
                        v = wrap_async_yield(v);
                    }
                    if let Some(r) = self.do_yield(base, v)? {
                        return Ok(r);
                    }
                }
                Op::GetYieldFromIter => {
                    let v = pop!(f);
                    let it = match &v {
                        Value::Gen(g) if g.kind == GenKind::Generator || g.wrapped.get() => {
                            v.clone()
                        }
                        Value::Gen(g) if g.kind == GenKind::Coroutine => return Err(PyErr::new(
                            "TypeError",
                            "cannot 'yield from' a coroutine object in a non-coroutine generator",
                        )),
                        _ => self.get_iter(&v)?,
                    };
                    self.push_top(it);
                }
                Op::GetAwaitable => {
                    let v = pop!(f);
                    let aw = self.get_awaitable(v)?;
                    self.push_top(aw);
                }
                Op::Send => {
                    if let Some(r) = self.op_send(base)? {
                        return Ok(r);
                    }
                }
                Op::SetupFinally(h) => {
                    let depth = f.stack.len() as u32;
                    f.blocks.push(Block::Try { handler: h, depth });
                }
                Op::PopBlock => {
                    f.blocks.pop();
                }
                Op::PushExcInfo => {
                    let exc = pop!(f);
                    let prev = f.cur_exc.take().unwrap_or(Value::None);
                    let depth = f.stack.len() as u32;
                    f.push(prev);
                    f.push(exc.clone());
                    f.cur_exc = Some(exc);
                    f.blocks.push(Block::Handler { depth });
                }
                Op::PopExcept => {
                    f.blocks.pop();
                    let prev = pop!(f);
                    f.cur_exc = if prev.is_none() || prev.is_undef() {
                        None
                    } else {
                        Some(prev)
                    };
                }
                Op::WithReraise => {
                    let exc = pop!(f);
                    if let (Some(d), Some(Value::Int(n))) =
                        (exc_data(&exc), f.stack.iter().rev().nth(1).cloned())
                    {
                        d.borrow_mut().traceback.truncate(n as usize);
                    }
                    self.host.reraising = true;
                    return Err(PyErr::exc(exc));
                }
                Op::Reraise => {
                    let exc = pop!(f);
                    self.host.reraising = true;
                    return Err(PyErr::exc(exc));
                }
                Op::Raise(n) => return Err(self.op_raise(n)),
                Op::CheckExcMatch => {
                    let typ = pop!(f);
                    let exc = f.stack.last().cloned().unwrap_or_default();
                    let m = self.exc_matches(&exc, &typ)?;
                    self.push_top(Value::Bool(m));
                }
                Op::CheckEgMatch => {
                    let typ = pop!(f);
                    let eg = pop!(f);
                    let (rest, matched) = self.eg_split(&eg, &typ)?;
                    let f = fr!(self);
                    f.push(rest);
                    f.push(matched);
                }
                Op::PrepReraiseStar => {}
                Op::LoadAssertionError => {
                    let c = self.exc_class("AssertionError");
                    self.push_top(Value::Class(c));
                }
                Op::LoadBuildClass => {
                    let v = self
                        .builtins
                        .dict
                        .borrow()
                        .get_str("__build_class__")
                        .cloned()
                        .unwrap_or_default();
                    f.push(v);
                }
                Op::BeforeWith => {
                    let mgr = pop!(f);
                    let enter = self.special_method(&mgr, "__enter__");
                    let exit = self.special_method(&mgr, "__exit__");
                    let (Some(enter), Some(exit)) = (enter, exit) else {
                        let tn = self.type_name(&mgr);
                        return Err(PyErr::new(
                            "TypeError",
                            format!("'{tn}' object does not support the context manager protocol"),
                        ));
                    };
                    self.push_top(exit);
                    // As a Python call, not a nested native one: a `with` body's
                    // `__enter__`/`__exit__` may run the event loop (asyncio.Runner).
                    self.call_in_loop(enter, Vec::new(), Vec::new())?;
                }
                Op::BeforeAsyncWith => {
                    let mgr = pop!(f);
                    let enter = self.special_method(&mgr, "__aenter__");
                    let exit = self.special_method(&mgr, "__aexit__");
                    let (Some(enter), Some(exit)) = (enter, exit) else {
                        let tn = self.type_name(&mgr);
                        return Err(PyErr::new(
                            "TypeError",
                            format!("'{tn}' object does not support the asynchronous context manager protocol"),
                        ));
                    };
                    self.push_top(exit);
                    let r = self.call(&enter, Vec::new())?;
                    self.push_top(r);
                }
                Op::CallExitNone => {
                    let exit = pop!(f);
                    self.call_in_loop(
                        exit,
                        vec![Value::None, Value::None, Value::None],
                        Vec::new(),
                    )?;
                }
                Op::WithExceptStart => {
                    let n = f.stack.len();
                    if n < 3 {
                        return Err(PyErr::new("SystemError", "bad with stack"));
                    }
                    let exc = f.stack[n - 1].clone();
                    let tb_len = exc_data(&exc).map_or(0, |d| d.borrow().traceback.len());
                    let exit = std::mem::replace(&mut f.stack[n - 3], Value::Int(tb_len as i64));
                    let typ = Value::Class(self.type_of(&exc));
                    self.call_in_loop(exit, vec![typ, exc, Value::None], Vec::new())?;
                }
                Op::ImportName(i) => {
                    let name = f.code.names[i as usize].clone();
                    if let Some(m) = self.import_module(&name.s)? {
                        self.push_top(m);
                    }
                }
                Op::ImportFrom(i) => {
                    let name = f.code.names[i as usize].clone();
                    let m = f.stack.last().cloned().unwrap_or_default();
                    match self.getattr(&m, &name) {
                        Ok(v) => self.push_top(v),
                        Err(_) => {
                            let mn = match &m {
                                Value::Module(md) => md.name.s.clone(),
                                _ => "?".into(),
                            };
                            return Err(PyErr::new(
                                "ImportError",
                                format!(
                                    "cannot import name '{}' from '{}' (unknown location)",
                                    name.s, mn
                                ),
                            ));
                        }
                    }
                }
                Op::ImportStar => {
                    let m = pop!(f);
                    if let Value::Module(md) = m {
                        let items: Vec<(Name, Value)> = md
                            .dict
                            .borrow()
                            .iter()
                            .filter(|(k, _)| !k.s.starts_with('_'))
                            .cloned()
                            .collect();
                        let f = fr!(self);
                        for (k, v) in items {
                            match &f.ns {
                                Some(ns) => ns.borrow_mut().insert(k, v),
                                None => f.globals.dict.borrow_mut().insert(k, v),
                            }
                        }
                    }
                }
                Op::LoadLocals => {
                    let ns = f.ns.clone().unwrap_or_else(|| {
                        std::rc::Rc::new(std::cell::RefCell::new(NameMap::new()))
                    });
                    let d = self.namemap_to_dict(&ns.borrow())?;
                    self.push_top(d);
                }
                Op::Subscr => {
                    let idx = pop!(f);
                    let obj = pop!(f);
                    if let (Value::List(l), Value::Int(i)) = (&obj, &idx) {
                        let l = l.borrow();
                        let n = l.len() as i64;
                        let j = if *i < 0 { i + n } else { *i };
                        if j >= 0 && j < n {
                            let v = l[j as usize].clone();
                            drop(l);
                            self.push_top(v);
                            continue;
                        }
                    }
                    let v = self.getitem(&obj, &idx)?;
                    self.push_top(v);
                }
                Op::StoreSubscr => {
                    let key = pop!(f);
                    let obj = pop!(f);
                    let v = pop!(f);
                    self.setitem(&obj, key, v)?;
                }
                Op::DeleteSubscr => {
                    let key = pop!(f);
                    let obj = pop!(f);
                    self.delitem(&obj, &key)?;
                }
                Op::Binary(bop) => {
                    let b = pop!(f);
                    let a = pop!(f);
                    let r = match (&a, &b, bop) {
                        (Value::Int(x), Value::Int(y), BinOp::Add)
                            if x.checked_add(*y).is_some() =>
                        {
                            Value::Int(x + y)
                        }
                        (Value::Int(x), Value::Int(y), BinOp::Sub)
                            if x.checked_sub(*y).is_some() =>
                        {
                            Value::Int(x - y)
                        }
                        _ => self.binary_op(&a, &b, bop)?,
                    };
                    Value::fast_drop(a);
                    Value::fast_drop(b);
                    self.push_top(r);
                }
                Op::Inplace(bop) => {
                    let b = pop!(f);
                    let a = pop!(f);
                    let r = match (&a, &b, bop) {
                        (Value::Int(x), Value::Int(y), BinOp::Add)
                            if x.checked_add(*y).is_some() =>
                        {
                            Value::Int(x + y)
                        }
                        (Value::Int(x), Value::Int(y), BinOp::Sub)
                            if x.checked_sub(*y).is_some() =>
                        {
                            Value::Int(x - y)
                        }
                        _ => self.inplace_op(&a, &b, bop)?,
                    };
                    self.push_top(r);
                }
                Op::Unary(uop) => {
                    let a = pop!(f);
                    let r = match uop {
                        UnaryOp::Not => Value::Bool(!self.truthy(&a)?),
                        _ => self.unary_op(&a, uop)?,
                    };
                    self.push_top(r);
                }
                Op::Compare(cop) => {
                    let b = pop!(f);
                    let a = pop!(f);
                    let r = match (&a, &b, cop) {
                        (Value::Int(x), Value::Int(y), CmpOp::Lt) => Value::Bool(x < y),
                        (Value::Int(x), Value::Int(y), CmpOp::LtE) => Value::Bool(x <= y),
                        (Value::Int(x), Value::Int(y), CmpOp::Gt) => Value::Bool(x > y),
                        (Value::Int(x), Value::Int(y), CmpOp::GtE) => Value::Bool(x >= y),
                        (Value::Int(x), Value::Int(y), CmpOp::Eq) => Value::Bool(x == y),
                        (Value::Int(x), Value::Int(y), CmpOp::NotEq) => Value::Bool(x != y),
                        (_, _, CmpOp::Is) => Value::Bool(a.is(&b)),
                        (_, _, CmpOp::IsNot) => Value::Bool(!a.is(&b)),
                        _ => self.compare(&a, &b, cop)?,
                    };
                    Value::fast_drop(a);
                    Value::fast_drop(b);
                    self.push_top(r);
                }
                Op::BuildTuple(n) => {
                    let at = f.stack.len().saturating_sub(n as usize);
                    let items = f.stack.split_off(at);
                    f.push(Value::tuple(items));
                }
                Op::BuildList(n) => {
                    let at = f.stack.len().saturating_sub(n as usize);
                    let items = f.stack.split_off(at);
                    f.push(Value::list(items));
                }
                Op::BuildSet(n) => {
                    let at = f.stack.len().saturating_sub(n as usize);
                    let items = f.stack.split_off(at);
                    let s = self.new_set(items)?;
                    self.push_top(s);
                }
                Op::BuildMap(n) => {
                    let at = f.stack.len().saturating_sub(2 * n as usize);
                    let items = f.stack.split_off(at);
                    let d = self.new_dict();
                    let mut it = items.into_iter();
                    while let (Some(k), Some(v)) = (it.next(), it.next()) {
                        self.dict_set(&d, k, v)?;
                    }
                    self.push_top(Value::Dict(d));
                }
                Op::BuildSlice(n) => {
                    let step = if n == 3 { pop!(f) } else { Value::None };
                    let hi = pop!(f);
                    let lo = pop!(f);
                    f.push(Value::Slice(Rc::new(Shallow([lo, hi, step]))));
                }
                Op::BuildString(n) => {
                    let at = f.stack.len().saturating_sub(n as usize);
                    let items = f.stack.split_off(at);
                    let mut s = String::new();
                    for it in &items {
                        if let Value::Str(p) = it {
                            s.push_str(&p.s);
                        }
                    }
                    f.push(Value::string(s));
                }
                Op::ListAppend(n) | Op::SetAdd(n) => {
                    let v = pop!(f);
                    let at = f.stack.len().saturating_sub(n as usize);
                    let target = f.stack.get(at).cloned().unwrap_or_default();
                    match target {
                        Value::List(l) => {
                            let mut l = l.borrow_mut();
                            if l.len() >= super::MAX_COLLECTION {
                                return Err(PyErr::new("MemoryError", ""));
                            }
                            l.push(v);
                        }
                        Value::Set(s) => self.set_add(&s, v)?,
                        _ => return Err(PyErr::new("SystemError", "bad append target")),
                    }
                }
                Op::MapAdd(n) => {
                    let v = pop!(f);
                    let k = pop!(f);
                    let at = f.stack.len().saturating_sub(n as usize);
                    if let Some(Value::Dict(d)) = f.stack.get(at).cloned() {
                        self.dict_set(&d, k, v)?;
                    }
                }
                Op::ListExtend(n) | Op::SetUpdate(n) => {
                    let v = pop!(f);
                    let at = f.stack.len().saturating_sub(n as usize);
                    let target = f.stack.get(at).cloned().unwrap_or_default();
                    let items = self.to_vec(&v)?;
                    match target {
                        Value::List(l) => l.borrow_mut().extend(items),
                        Value::Set(s) => {
                            for it in items {
                                self.set_add(&s, it)?;
                            }
                        }
                        _ => return Err(PyErr::new("SystemError", "bad extend target")),
                    }
                }
                Op::DictUpdate(n) => {
                    let v = pop!(f);
                    let at = f.stack.len().saturating_sub(n as usize);
                    if let Some(Value::Dict(d)) = f.stack.get(at).cloned() {
                        self.dict_update(&d, &v)?;
                    }
                }
                Op::ListToTuple => {
                    let v = pop!(f);
                    let t = match v {
                        Value::List(l) => Value::tuple(l.borrow().clone()),
                        other => other,
                    };
                    f.push(t);
                }
                Op::FormatValue(flags) => {
                    let spec = if flags & 4 != 0 { Some(pop!(f)) } else { None };
                    let v = pop!(f);
                    let v = match flags & 3 {
                        1 => Value::string(self.str_of(&v)?),
                        2 => Value::string(self.repr(&v)?),
                        3 => Value::string(super::ops::ascii_escape(&self.repr(&v)?)),
                        _ => v,
                    };
                    let spec_s = match &spec {
                        Some(Value::Str(s)) => s.s.clone(),
                        _ => String::new(),
                    };
                    let r = if spec_s.is_empty() {
                        match v {
                            Value::Str(_) => v,
                            other => Value::string(self.str_of(&other)?),
                        }
                    } else {
                        Value::string(self.format_value(&v, &spec_s)?)
                    };
                    self.push_top(r);
                }
                Op::UnpackSequence(n) => {
                    let v = pop!(f);
                    let items = match &v {
                        Value::Tuple(t) if t.len() == n as usize => t.to_vec(),
                        _ => self.to_vec_limited(&v, n as usize + 1)?,
                    };
                    if items.len() != n as usize {
                        return Err(if items.len() < n as usize {
                            PyErr::new(
                                "ValueError",
                                format!(
                                    "not enough values to unpack (expected {}, got {})",
                                    n,
                                    items.len()
                                ),
                            )
                        } else {
                            PyErr::new(
                                "ValueError",
                                format!("too many values to unpack (expected {n})"),
                            )
                        });
                    }
                    let f = fr!(self);
                    f.stack.extend(items.into_iter().rev());
                }
                Op::UnpackEx(before, after) => {
                    let v = pop!(f);
                    let mut items = self.to_vec(&v)?;
                    let need = (before + after) as usize;
                    if items.len() < need {
                        return Err(PyErr::new(
                            "ValueError",
                            format!(
                                "not enough values to unpack (expected at least {}, got {})",
                                need,
                                items.len()
                            ),
                        ));
                    }
                    let tail = items.split_off(items.len() - after as usize);
                    let mid = items.split_off(before as usize);
                    let f = fr!(self);
                    for x in tail.into_iter().rev() {
                        f.push(x);
                    }
                    f.push(Value::list(mid));
                    for x in items.into_iter().rev() {
                        f.push(x);
                    }
                }
                Op::Jump(t) => f.ip = t as usize,
                Op::PopJumpIfFalse(t) => {
                    let v = pop!(f);
                    let b = match v {
                        Value::Bool(b) => b,
                        other => self.truthy(&other)?,
                    };
                    if !b {
                        fr!(self).ip = t as usize;
                    }
                }
                Op::PopJumpIfTrue(t) => {
                    let v = pop!(f);
                    let b = match v {
                        Value::Bool(b) => b,
                        other => self.truthy(&other)?,
                    };
                    if b {
                        fr!(self).ip = t as usize;
                    }
                }
                Op::JumpIfFalseOrPop(t) | Op::JumpIfTrueOrPop(t) => {
                    let v = f.stack.last().cloned().unwrap_or_default();
                    let b = match v {
                        Value::Bool(b) => b,
                        other => self.truthy(&other)?,
                    };
                    let f = fr!(self);
                    let jump_on = matches!(op, Op::JumpIfTrueOrPop(_));
                    if b == jump_on {
                        f.ip = t as usize;
                    } else {
                        f.stack.pop();
                    }
                }
                Op::GetIter => {
                    let v = pop!(f);
                    let it = match v {
                        Value::Gen(_) | Value::Iter(_) => v,
                        other => self.get_iter(&other)?,
                    };
                    self.push_top(it);
                }
                Op::ForIter(t) => {
                    // A range or list iterator: no clone of the iterator.
                    let fast = match f.stack.last() {
                        Some(Value::Iter(cell)) => super::iter::fast_next(cell),
                        _ => None,
                    };
                    match fast {
                        Some(Some(v)) => {
                            f.push(v);
                            continue;
                        }
                        Some(None) => {
                            if let Some(v) = f.stack.pop() {
                                Value::fast_drop(v);
                            }
                            f.ip = t as usize;
                            continue;
                        }
                        None => {}
                    }
                    let it = f.stack.last().cloned().unwrap_or_default();
                    match &it {
                        Value::Gen(g) if g.kind == GenKind::Generator => {
                            if g.state.get() == GenState::Closed {
                                f.stack.pop();
                                f.ip = t as usize;
                            } else {
                                let g = g.clone();
                                self.push_gen_frame(&g, Value::None, RetKind::ForIter(t))?;
                            }
                        }
                        Value::Iter(cell) => {
                            let fast = super::iter::fast_next(cell);
                            match fast {
                                Some(Some(v)) => f.push(v),
                                Some(None) => {
                                    f.stack.pop();
                                    f.ip = t as usize;
                                }
                                None => match self.iter_next(&it)? {
                                    Some(v) => self.push_top(v),
                                    None => {
                                        let f = fr!(self);
                                        f.stack.pop();
                                        f.ip = t as usize;
                                    }
                                },
                            }
                        }
                        _ => match self.iter_next(&it)? {
                            Some(v) => self.push_top(v),
                            None => {
                                let f = fr!(self);
                                f.stack.pop();
                                f.ip = t as usize;
                            }
                        },
                    }
                }
                Op::GetAIter => {
                    let v = pop!(f);
                    let it = self.get_aiter(&v)?;
                    self.push_top(it);
                }
                Op::GetANext => {
                    let it = f.stack.last().cloned().unwrap_or_default();
                    let aw = self.get_anext(&it)?;
                    self.push_top(aw);
                }
                Op::EndAsyncFor => {
                    let exc = pop!(f);
                    if self.is_instance_of_name(&exc, "StopAsyncIteration") {
                        fr!(self).stack.pop();
                    } else {
                        self.host.reraising = true;
                        return Err(PyErr::exc(exc));
                    }
                }
            }
        }
    }

    /// Pushes `v` on the top frame's stack (with no frame, which cannot happen
    /// here, `dispatch` reports "no frame" at its next instruction).
    #[inline(always)]
    fn push_top(&mut self, v: Value) {
        if let Some(f) = self.frames.last_mut() {
            f.push(v);
        }
    }

    fn unbound_deref(&self, i: u32) -> PyErr {
        let Some(f) = self.frames.last() else {
            return PyErr::new("SystemError", "no frame");
        };
        let ncell = f.code.cellvars.len();
        if (i as usize) < ncell {
            unbound_local(&f.code.cellvars[i as usize].s)
        } else {
            let name = f
                .code
                .freevars
                .get(i as usize - ncell)
                .map(|n| n.s.clone())
                .unwrap_or_default();
            PyErr::new(
                "NameError",
                format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
            )
        }
    }

    fn op_raise(&mut self, n: u32) -> PyErr {
        let f = match self.frames.last_mut() {
            Some(f) => f,
            None => return PyErr::new("SystemError", "no frame"),
        };
        match n {
            0 => match self.current_exc() {
                Some(e) => {
                    self.host.reraising = true;
                    PyErr::exc(e)
                }
                None => PyErr::new("RuntimeError", "No active exception to reraise"),
            },
            _ => {
                let cause = if n == 2 {
                    Some(f.stack.pop().unwrap_or_default())
                } else {
                    None
                };
                let exc = f.stack.pop().unwrap_or_default();
                let exc = match self.exc_instance(exc) {
                    Ok(e) => e,
                    Err(e) => return e,
                };
                if let Some(cause) = cause {
                    let cause = if cause.is_none() {
                        Value::None
                    } else {
                        match self.exc_instance(cause) {
                            Ok(c) => c,
                            Err(_) => {
                                return PyErr::new(
                                    "TypeError",
                                    "exception causes must derive from BaseException",
                                )
                            }
                        }
                    };
                    if let Value::Instance(i) = &exc {
                        if let Some(d) = &i.exc {
                            let mut d = d.borrow_mut();
                            d.cause = cause;
                            d.suppress_context = true;
                        }
                    }
                }
                PyErr::exc(exc)
            }
        }
    }

    /// `Send`: stack [receiver, value].
    fn op_send(&mut self, base: usize) -> PyResult<Option<ExecResult>> {
        let f = fr!(self);
        let v = f.stack.pop().unwrap_or_default();
        // `await asyncio.sleep(0)` (`Vm::try_sleep0`): yield None once, then
        // the result is None.
        match f.stack.last_mut() {
            Some(r @ Value::Undef) => {
                *r = Value::NotImplemented;
                f.ip = f.ip.saturating_sub(1);
                return self.do_yield(base, Value::None);
            }
            Some(r @ Value::NotImplemented) => {
                *r = Value::None;
                return Ok(None);
            }
            _ => {}
        }
        let recv = f.stack.last().cloned().unwrap_or_default();
        match &recv {
            Value::Gen(g) if g.kind != GenKind::AsyncGenerator => {
                let g = g.clone();
                match self.push_gen_frame(&g, v, RetKind::YieldFrom) {
                    Ok(()) => Ok(None),
                    Err(e) if g.kind == GenKind::Generator && g.state.get() == GenState::Closed => {
                        // An exhausted generator: `yield from` gives None.
                        let _ = e;
                        let f = fr!(self);
                        f.stack.pop();
                        f.push(Value::None);
                        Ok(None)
                    }
                    Err(e) => Err(e),
                }
            }
            Value::Iter(it) => {
                let (gen, first) = {
                    let mut b = it.borrow_mut();
                    match &mut *b {
                        IterObj::ASend {
                            gen,
                            value,
                            started,
                            throw,
                            close,
                        } => {
                            let first = if *started {
                                v.clone()
                            } else {
                                std::mem::replace(value, Value::None)
                            };
                            *started = true;
                            let ret = if *close {
                                RetKind::AClose
                            } else {
                                RetKind::ASend
                            };
                            if std::mem::take(throw) {
                                // athrow()/aclose(): raise it at the generator's `yield`.
                                let g = gen.clone();
                                drop(b);
                                self.push_gen_for_throw(&g, ret)?;
                                return Err(PyErr::exc(first));
                            }
                            (Some((gen.clone(), ret)), first)
                        }
                        IterObj::Done(x) => {
                            let x = x.clone();
                            drop(b);
                            let f = fr!(self);
                            f.stack.pop();
                            f.push(x);
                            return Ok(None);
                        }
                        _ => (None, Value::None),
                    }
                };
                match gen {
                    Some((g, ret)) => {
                        self.push_gen_frame(&g, first, ret)?;
                        Ok(None)
                    }
                    None => self.send_generic(base, recv, v),
                }
            }
            _ => self.send_generic(base, recv, v),
        }
    }

    fn send_generic(&mut self, base: usize, recv: Value, v: Value) -> PyResult<Option<ExecResult>> {
        let r = if v.is_none() {
            self.iter_next_with_value(&recv)
        } else {
            match self.call_method(&recv, "send", vec![v]) {
                Ok(y) => Ok(Ok(y)),
                Err(e) => self.stop_value(e).map(Err),
            }
        }?;
        match r {
            Ok(y) => {
                let f = fr!(self);
                f.ip = f.ip.saturating_sub(1);
                self.do_yield(base, y)
            }
            Err(ret) => {
                let f = fr!(self);
                f.stack.pop();
                f.push(ret);
                Ok(None)
            }
        }
    }
}

/// Async generators' `yield v` is wrapped so their driver can tell it from the
/// values their inner `await`s pass upward.
pub fn wrap_async_yield(v: Value) -> Value {
    Value::Iter(Rc::new(Shallow(std::cell::RefCell::new(
        IterObj::AsyncYield(v),
    ))))
}

pub fn unwrap_async_yield(v: &Value) -> Option<Value> {
    if let Value::Iter(it) = v {
        if let IterObj::AsyncYield(x) = &*it.borrow() {
            return Some(x.clone());
        }
    }
    None
}

/// Frames the prelude may use beyond the recursion limit (see `Vm::too_deep`).
const PRELUDE_FRAME_ALLOWANCE: usize = 30;

/// CPython implements `Future` and `Task` in C (`_asyncio`): their methods never show in
/// a traceback, so the prelude's ports of them do not either.
fn in_c_in_cpython(code: &crate::compile::Code) -> bool {
    code.filename.starts_with("<asyncio>/")
        && ["Future.", "Task.", "_GatheringFuture."]
            .iter()
            .any(|class| code.qualname.s.starts_with(class))
}

/// The exception state of `v`, if it is an exception instance.
fn exc_data(v: &Value) -> Option<&std::cell::RefCell<ExcData>> {
    match v {
        Value::Instance(i) => i.exc.as_ref(),
        _ => None,
    }
}
