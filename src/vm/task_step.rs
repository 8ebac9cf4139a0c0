//! `Task._step()` run natively in its common case, as CPython runs its C Task.
//!
//! The prelude's `_step` (src/asyncio/prelude/tasks.py) checks the task, enters
//! it, sends `None` into its coroutine and hands the outcome to one of
//! `_step_returned(value)`, `_step_raised(error)` or `_step_yielded(result)`,
//! which also end the step. When a loop handle calls `_step()` with no argument
//! on an instance of the prelude's own `Task` class that is pending, has no
//! cancellation due and no other task is running, the VM does the same here:
//! the checks, `_fut_waiter = None`, `_current_task = task`, `trace_step_start`,
//! then it resumes the coroutine with `RetKind::TaskStep` (the task in the
//! frame's `aux`). When the coroutine yields `None` (`sleep(0)`, the hot case)
//! the VM does `_step_yielded(None)` itself (`call_soon(task._step_cb)`,
//! `_current_task = None`, `trace_step_end`); any other outcome runs the Python
//! piece as a loop-callback frame. `_wakeup`'s `self._step()` takes the same
//! path as a call (`RetKind::TaskStep(true)`): None or the piece's result goes
//! back to `_wakeup`. Anything unusual takes the Python `_step`.
//! The prelude registers its `Task` with `_awaitscope.native_task_step(Task)`
//! (NATIVE.md 2.7).

use std::cell::Cell;
use std::rc::Rc;

use super::frame::RetKind;
use super::value::*;
use super::{PyErr, PyResult, Vm};
use crate::compile::Op;

thread_local! {
    static ENABLED: Cell<bool> = const { Cell::new(true) };
}

/// Turns the native step off (or on again) for runs started on this thread
/// afterwards: tests compare both ways of running a program.
pub fn set_enabled(on: bool) {
    ENABLED.with(|e| e.set(on));
}

/// Where the step's names were last found (see `NameMap::get_hinted`).
#[derive(Default)]
pub struct StepHints {
    state: Cell<u32>,
    pending: Cell<u32>,
    must_cancel: Cell<u32>,
    current_task: Cell<u32>,
    coro: Cell<u32>,
    trace_id: Cell<u32>,
    fut_waiter: Cell<u32>,
    step_cb: Cell<u32>,
}

impl Vm {
    /// `_awaitscope.native_task_step(Task)`.
    pub(crate) fn register_task_class(&mut self, cls: &Value) {
        if !ENABLED.with(Cell::get) {
            return;
        }
        if let Value::Class(c) = cls {
            if let Some(Value::Function(step)) = c.dict.borrow().get(&self.names.step) {
                self.host.task_step = Some((c.clone(), step.clone()));
            }
        }
    }

    /// After the prelude is loaded: remembers its `sleep` for [`Vm::try_sleep0`].
    pub(crate) fn register_sleep(&mut self, asyncio: &Value) {
        if !ENABLED.with(Cell::get) {
            return;
        }
        if let Value::Module(m) = asyncio {
            if let Some(Value::Function(f)) = m.dict.borrow().get_str("sleep") {
                self.host.sleep_fn = Some(f.clone());
            }
        }
    }

    /// Whether `f` is the prelude's `asyncio.sleep`.
    #[inline]
    pub(crate) fn is_sleep(&self, f: &Rc<Function>) -> bool {
        matches!(&self.host.sleep_fn, Some(s) if Rc::ptr_eq(f, s))
    }

    /// `await asyncio.sleep(d)` with a number `d <= 0`, called with `sleep`
    /// and `d` at `stack[base..]` of the top frame, about to be awaited: the
    /// prelude's `sleep` would `await _SLEEP0` (CPython's `__sleep0()`, one
    /// bare `yield`) and return None. The awaiting frame does that itself: its
    /// `Send` receiver becomes `Undef` ("yield None once"), then
    /// `NotImplemented` ("done, result None") (see `Vm::op_send`). Nothing
    /// else can see the skipped coroutine: it would only live on that stack.
    pub(crate) fn try_sleep0(&mut self, base: usize, arg: usize) -> bool {
        let Some(f) = self.frames.last_mut() else {
            return false;
        };
        let zero = match f.stack.get(arg) {
            Some(Value::Int(i)) => *i <= 0,
            Some(Value::Float(x)) => *x <= 0.0,
            _ => false,
        };
        if !zero || !matches!(f.code.ops.get(f.ip), Some(Op::GetAwaitable)) {
            return false;
        }
        f.stack.truncate(base);
        f.stack.push(Value::Undef);
        f.ip += 1;
        true
    }

    /// A loop handle's callback with no arguments: runs it here when it is
    /// `task._step` of a task the native step can take. False: run it as usual.
    pub(crate) fn try_task_step(&mut self, callback: &Value) -> PyResult<bool> {
        let Value::BoundMethod(bm) = callback else {
            return Ok(false);
        };
        if !matches!(&bm.func, Value::Function(f) if self.is_task_step(f)) {
            return Ok(false);
        }
        let Some((coro, tid)) = self.native_step_can_run(&bm.self_) else {
            return Ok(false);
        };
        self.start_native_step(bm.self_.clone(), coro, tid, false)?;
        Ok(true)
    }

    /// Whether `f` is the prelude's `Task._step`.
    pub(crate) fn is_task_step(&self, f: &Rc<Function>) -> bool {
        matches!(&self.host.task_step, Some((_, step)) if Rc::ptr_eq(f, step))
    }

    /// The checks of `_step()` for `task` (no side effects): its coroutine and
    /// `_trace_id` when the native step can run it; None leaves the task to the
    /// Python code.
    pub(crate) fn native_step_can_run(&self, task: &Value) -> Option<(Rc<GenObj>, Value)> {
        let (cls, step) = self.host.task_step.as_ref()?;
        let Value::Instance(inst) = task else {
            return None;
        };
        // (A property added to `Task` would own its name: the Python step reads it.)
        if !Rc::ptr_eq(&inst.class.borrow(), cls)
            || (self.shadowed_descriptors && cls.has_data_descriptors())
        {
            return None;
        }
        let (n, h) = (&self.names, &self.host.step_hints);
        let (coro, tid) = {
            let globals = step.globals.dict.borrow();
            let dict = inst.dict.borrow();
            // The instance's own values (the prelude sets all of these in
            // `__init__`); anything else takes the Python step.
            let state = dict.get_hinted(&n.state, &h.state)?;
            let pending = globals.get_hinted(&n.pending, &h.pending)?;
            match (state, pending) {
                (Value::Str(a), Value::Str(b)) if Rc::ptr_eq(a, b) || a.s == b.s => {}
                _ => return None,
            }
            if !matches!(
                dict.get_hinted(&n.must_cancel, &h.must_cancel),
                Some(Value::Bool(false))
            ) || !matches!(
                globals.get_hinted(&n.current_task, &h.current_task),
                Some(Value::None)
            ) {
                return None;
            }
            let Some(Value::Gen(coro)) = dict.get_hinted(&n.coro, &h.coro) else {
                return None;
            };
            let tid = dict.get_hinted(&n.trace_id, &h.trace_id)?;
            (coro.clone(), tid.clone())
        };
        // (Near the recursion limit the Python step fails in its own way.)
        // (The native step stands for the prelude's `_step` frame.)
        let room = !self.too_deep_for(true);
        (coro.kind == GenKind::Coroutine && room).then_some((coro, tid))
    }

    /// `_step()` after its checks: enter the task and resume its coroutine.
    /// `call`: called from Python (see `RetKind::TaskStep`).
    pub(crate) fn start_native_step(
        &mut self,
        task: Value,
        coro: Rc<GenObj>,
        tid: Value,
        call: bool,
    ) -> PyResult<()> {
        if self.host.task_step.is_none() {
            return Err(PyErr::new("SystemError", "no native step"));
        }
        // `self._fut_waiter = None` (nothing to do when it is None already).
        let plain = match &task {
            Value::Instance(inst) if self.plain_store(&inst.class.borrow()) => {
                let (n, h) = (&self.names.fut_waiter, &self.host.step_hints.fut_waiter);
                let mut d = inst.dict.borrow_mut();
                if !matches!(d.get_hinted(n, h), Some(Value::None)) {
                    d.insert_hinted(n, Value::None, h);
                }
                true
            }
            _ => false,
        };
        if !plain {
            let fut_waiter = self.names.fut_waiter.clone();
            self.store_attr(&task, &fut_waiter, Value::None, None)?;
        }
        if let Some((_, step)) = &self.host.task_step {
            step.globals.dict.borrow_mut().insert_hinted(
                &self.names.current_task,
                task.clone(),
                &self.host.step_hints.current_task,
            );
        }
        self.trace_step_start(&tid);
        self.host.native_steps += 1;
        match self.push_gen_frame(&coro, Value::None, RetKind::TaskStep(call)) {
            Ok(()) => {
                if let Some(top) = self.frames.last_mut() {
                    top.aux = task;
                }
                Ok(())
            }
            Err(e) => {
                // `coro.send(None)` raised at once (a closed or running coroutine).
                let exc = self.materialize(e);
                let piece = self.names.step_raised.clone();
                self.task_step_piece(task, &piece, exc, call)
            }
        }
    }

    /// The coroutine of a native step yielded `v`.
    pub(crate) fn task_step_yielded(&mut self, task: Value, v: Value, call: bool) -> PyResult<()> {
        if !v.is_none() {
            let piece = self.names.step_yielded.clone();
            return self.task_step_piece(task, &piece, v, call);
        }
        // `_step_yielded(None)`, here: the step's stand-in frame ends now.
        self.host.native_steps = self.host.native_steps.saturating_sub(1);
        let (n, h) = (&self.names, &self.host.step_hints);
        let (cb, tid) = match &task {
            Value::Instance(inst) => {
                let dict = inst.dict.borrow();
                (
                    dict.get_hinted(&n.step_cb, &h.step_cb).cloned(),
                    dict.get_hinted(&n.trace_id, &h.trace_id).cloned(),
                )
            }
            _ => (None, None),
        };
        let cb = match cb {
            Some(cb) => cb,
            None => {
                let cb_n = self.names.step_cb.clone();
                self.getattr(&task, &cb_n)?
            }
        };
        if call {
            self.schedule(None, cb, Vec::new());
        } else {
            self.schedule_reusing_current(cb);
        }
        if let Some((_, step)) = &self.host.task_step {
            step.globals.dict.borrow_mut().insert_hinted(
                &self.names.current_task,
                Value::None,
                &self.host.step_hints.current_task,
            );
        }
        let tid = match tid {
            Some(t) => t,
            None => {
                let tid_n = self.names.trace_id.clone();
                self.getattr(&task, &tid_n)?
            }
        };
        self.trace_step_end(&tid);
        Ok(())
    }

    /// Runs `task.<piece>(arg)`: as a loop-callback frame (its errors go to the
    /// handle error hook, as errors of `_step` do), or, when the step was
    /// `call`ed from Python, as a call whose result and errors go to the caller.
    pub(crate) fn task_step_piece(
        &mut self,
        task: Value,
        piece: &Name,
        arg: Value,
        call: bool,
    ) -> PyResult<()> {
        let cls = self.type_of(&task);
        let frame = match self.class_lookup_name(&cls, piece) {
            Some(Value::Function(f)) => self.simple_frame(&f, 2),
            _ => None,
        };
        let Some(mut frame) = frame else {
            self.host.native_steps = self.host.native_steps.saturating_sub(1);
            return Err(PyErr::new("SystemError", "Task step piece missing"));
        };
        frame.locals[0] = task;
        frame.locals[1] = arg;
        frame.ret = RetKind::StepPiece(call);
        match self.push_frame(frame) {
            Ok(()) => Ok(()),
            Err(e) => {
                self.host.native_steps = self.host.native_steps.saturating_sub(1);
                if call {
                    return Err(e);
                }
                let exc = self.materialize(e);
                self.handle_callback_error(exc).map_err(PyErr::exc)
            }
        }
    }
}
