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
//! piece as a loop-callback frame. Anything unusual takes the Python `_step`.
//! The prelude registers its `Task` with `_awaitscope.native_task_step(Task)`
//! (NATIVE.md 2.7).

use std::cell::Cell;
use std::rc::Rc;

use super::frame::RetKind;
use super::value::*;
use super::{PyErr, PyResult, Vm, RECURSION_LIMIT};

thread_local! {
    static ENABLED: Cell<bool> = const { Cell::new(true) };
}

/// Turns the native step off (or on again) for runs started on this thread
/// afterwards: tests compare both ways of running a program.
pub fn set_enabled(on: bool) {
    ENABLED.with(|e| e.set(on));
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

    /// A loop handle's callback with no arguments: runs it here when it is
    /// `task._step` of a task the native step can take. False: run it as usual.
    pub(crate) fn try_task_step(&mut self, callback: &Value) -> PyResult<bool> {
        let Some((cls, step)) = &self.host.task_step else {
            return Ok(false);
        };
        let Value::BoundMethod(bm) = callback else {
            return Ok(false);
        };
        let (Value::Function(f), Value::Instance(inst)) = (&bm.func, &bm.self_) else {
            return Ok(false);
        };
        if !Rc::ptr_eq(f, step) || !Rc::ptr_eq(&inst.class.borrow(), cls) {
            return Ok(false);
        }
        let globals = step.globals.clone();
        let task = bm.self_.clone();
        let n = &self.names;
        let (state_n, pending_n, must_n, coro_n) = (
            n.state.clone(),
            n.pending.clone(),
            n.must_cancel.clone(),
            n.coro.clone(),
        );
        // The checks of `_step`; any surprise leaves the task to the Python code.
        let state = self.getattr(&task, &state_n);
        let pending = globals.dict.borrow().get(&pending_n).cloned();
        match (&state, &pending) {
            (Ok(Value::Str(a)), Some(Value::Str(b))) if a.s == b.s => {}
            _ => return Ok(false),
        }
        if !matches!(self.getattr(&task, &must_n), Ok(Value::Bool(false))) {
            return Ok(false);
        }
        if !matches!(
            globals.dict.borrow().get(&self.names.current_task),
            Some(Value::None)
        ) {
            return Ok(false);
        }
        let Ok(Value::Gen(coro)) = self.getattr(&task, &coro_n) else {
            return Ok(false);
        };
        if coro.kind != GenKind::Coroutine {
            return Ok(false);
        }
        if self.frames.len() + self.host.native_steps >= RECURSION_LIMIT + self.host.frame_allowance
        {
            // The Python step's own frame would not fit: let it fail the same way.
            return Ok(false);
        }
        let fut_waiter = self.names.fut_waiter.clone();
        self.setattr(&task, &fut_waiter, Value::None)?;
        let current = self.names.current_task.clone();
        globals.dict.borrow_mut().insert(current, task.clone());
        let tid_n = self.names.trace_id.clone();
        let tid = self.getattr(&task, &tid_n)?;
        self.trace_step_start(&tid);
        self.host.native_steps += 1;
        match self.push_gen_frame(&coro, Value::None, RetKind::TaskStep) {
            Ok(()) => {
                if let Some(top) = self.frames.last_mut() {
                    top.aux = task;
                }
            }
            Err(e) => {
                // `coro.send(None)` raised at once (a closed or running coroutine).
                let exc = self.materialize(e);
                let piece = self.names.step_raised.clone();
                self.task_step_piece(task, &piece, exc)?;
            }
        }
        Ok(true)
    }

    /// The coroutine of a native step yielded `v`.
    pub(crate) fn task_step_yielded(&mut self, task: Value, v: Value) -> PyResult<()> {
        if !v.is_none() {
            let piece = self.names.step_yielded.clone();
            return self.task_step_piece(task, &piece, v);
        }
        // `_step_yielded(None)`, here: the step's stand-in frame ends now.
        self.host.native_steps = self.host.native_steps.saturating_sub(1);
        let n = &self.names;
        let (cb_n, tid_n, current) = (
            n.step_cb.clone(),
            n.trace_id.clone(),
            n.current_task.clone(),
        );
        let cb = self.getattr(&task, &cb_n)?;
        self.schedule(None, cb, Vec::new());
        if let Some((_, step)) = &self.host.task_step {
            step.globals.dict.borrow_mut().insert(current, Value::None);
        }
        let tid = self.getattr(&task, &tid_n)?;
        self.trace_step_end(&tid);
        Ok(())
    }

    /// Runs `task.<piece>(arg)` as a loop-callback frame (its errors go to the
    /// handle error hook, as errors of `_step` do).
    pub(crate) fn task_step_piece(
        &mut self,
        task: Value,
        piece: &Name,
        arg: Value,
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
        frame.ret = RetKind::StepPiece;
        match self.push_frame(frame) {
            Ok(()) => Ok(()),
            Err(e) => {
                self.host.native_steps = self.host.native_steps.saturating_sub(1);
                let exc = self.materialize(e);
                self.handle_callback_error(exc).map_err(PyErr::Exc)
            }
        }
    }
}
