//! The VM side of asyncio: the event loop driven inside the interpreter loop
//! (no nested Rust loop: `run_forever` makes the interpreter run ready handles
//! whenever the calling frame is on top), the native module `_awaitscope`
//! (NATIVE.md), trace recording, the in-memory file system and HTTP fixtures.

use super::builtins::{rd, wr};
use std::collections::BTreeMap;
use std::rc::Rc;

use super::frame::RetKind;
use super::namemap::{intern, NameMap};
use super::value::*;
use super::{PyErr, PyResult, Suspend, Vm};
use crate::asyncio::EventLoop;
use crate::trace::{Event, Outcome, TaskId, TaskInfo};

#[derive(Clone, Debug, PartialEq)]
pub struct HttpFixture {
    pub url: String,
    pub status: u16,
    pub body: String,
    pub content_type: String,
    pub latency_s: f64,
}

/// Where `aiohttp` requests are answered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Network {
    /// At once, from the fixtures (the virtual driver, the CLI, the conformance suite).
    #[default]
    Fixtures,
    /// By the driver: `http_request` returns None, the request waits in
    /// [`Host::http_new`] until the driver takes it, and counts as outstanding
    /// I/O until the driver completes it (NATIVE.md 2.6).
    External,
}

/// A request the program made on [`Network::External`], for the driver to perform.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    pub id: u64,
    pub method: String,
    pub url: String,
}

/// The driver's answer to an [`HttpRequest`]. `error: Some(text)` makes the
/// program see `aiohttp.ClientConnectorError(text)` (status/body are then unused).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpAnswer {
    pub status: u16,
    pub body: String,
    pub content_type: String,
    pub error: Option<String>,
}

/// What aiohttp (and the virtual driver) says when it cannot reach a URL's host.
pub fn connect_error_message(url: &str) -> String {
    format!(
        "Cannot connect to host {} ssl:default [Name or service not known]",
        url_host(url)
    )
}

pub struct LoopRun {
    /// `frames.len()` when the run started: the caller of `run_forever` is on top.
    pub base: usize,
    pub remaining: usize,
    pub in_iteration: bool,
    /// Waiting for the driver after an Idle suspension.
    pub waiting: bool,
    /// `run_until_done(fut)`: stop once `fut.done()` after an iteration.
    pub until: Option<Value>,
    pub iter_start: f64,
    pub iter_handles: u32,
}

pub struct Host {
    pub current_task: Option<u32>,
    pub reraising: bool,
    pub repr_stack: Vec<i64>,
    pub sources: Vec<(Rc<str>, Rc<Vec<String>>)>,
    pub lp: EventLoop<Rc<HandleObj>>,
    pub loop_base: usize,
    pub loop_runs: Vec<LoopRun>,
    pub error_hook: Value,
    pub current_handle: Value,
    pub sequential: bool,
    pub tasks: Vec<TaskInfo>,
    pub events: Vec<Event>,
    /// Suspend/Wake of the running task, emitted after its StepEnd.
    pub pending_events: Vec<Event>,
    pub fs: BTreeMap<String, String>,
    pub fixtures: Vec<HttpFixture>,
    pub network: Network,
    /// External network: requests made but not yet taken by the driver.
    pub http_new: Vec<HttpRequest>,
    /// External network: (id, prelude callback) of each request not yet completed.
    /// A Vec, not a map: few at a time, and a map type of its own costs wasm size.
    pub http_callbacks: Vec<(u64, Value)>,
    pub next_http_id: u64,
    /// Requests the driver has not answered yet: idle, not deadlocked.
    pub outstanding_io: usize,
    /// After a `time.sleep` suspension, the call's result (None) is pushed on resume.
    pub resume_push: bool,
    pub idle_start: Option<f64>,
    pub rng: Option<super::random_mt::MersenneTwister>,
    /// The prelude's `Task` class and its `_step` (see `task_step.rs`).
    pub task_step: Option<(Rc<Class>, Rc<Function>)>,
    /// Native steps in progress: each stands for the `_step` frame the Python
    /// step would have on the stack, so recursion limits hit at the same depth.
    pub native_steps: usize,
    pub step_hints: super::task_step::StepHints,
    /// The prelude's `asyncio.sleep` (see `Vm::try_sleep0`).
    pub sleep_fn: Option<Rc<Function>>,
}

impl Default for Host {
    fn default() -> Self {
        Host {
            current_task: None,
            reraising: false,
            repr_stack: Vec::new(),
            sources: Vec::new(),
            lp: EventLoop::new(),
            loop_base: usize::MAX,
            loop_runs: Vec::new(),
            error_hook: Value::None,
            current_handle: Value::None,
            sequential: false,
            tasks: Vec::new(),
            events: Vec::new(),
            pending_events: Vec::new(),
            fs: BTreeMap::new(),
            fixtures: Vec::new(),
            network: Network::Fixtures,
            http_new: Vec::new(),
            http_callbacks: Vec::new(),
            next_http_id: 0,
            outstanding_io: 0,
            resume_push: false,
            idle_start: None,
            rng: None,
            task_step: None,
            native_steps: 0,
            step_hints: Default::default(),
            sleep_fn: None,
        }
    }
}

fn arg(a: &Args, i: usize) -> Value {
    a.pos.get(i).cloned().unwrap_or(Value::None)
}

/// A handle's call arguments: the bound `self` (if any), then its own.
fn handle_args(lead: Option<Value>, args: &[Value]) -> Vec<Value> {
    let mut all = Vec::with_capacity(args.len() + 1);
    all.extend(lead);
    all.extend_from_slice(args);
    all
}

fn as_f64(v: &Value) -> PyResult<f64> {
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::Float(f) => Ok(*f),
        Value::Bool(b) => Ok(*b as i64 as f64),
        _ => Err(PyErr::new("TypeError", "a number is required")),
    }
}

fn as_tid(v: &Value) -> Option<TaskId> {
    match v {
        Value::Int(i) if *i >= 0 => Some(*i as TaskId),
        _ => None,
    }
}

impl Vm {
    /// Runs the loop machinery when the `run_forever` caller frame is on top.
    pub(crate) fn loop_step(
        &mut self,
        _base: usize,
    ) -> PyResult<Option<super::interp::ExecResult>> {
        let now = self.now;
        let Some(run) = self.host.loop_runs.last_mut() else {
            self.host.loop_base = usize::MAX;
            return Ok(None);
        };
        if run.remaining > 0 {
            run.remaining -= 1;
            if let Some(ready) = self.host.lp.pop_ready() {
                run.iter_handles += 1;
                self.run_handle(ready.callback)?;
            }
            return Ok(None);
        }
        if run.in_iteration {
            run.in_iteration = false;
            let (start, handles) = (run.iter_start, run.iter_handles);
            self.host.events.push(Event::LoopIteration {
                start,
                end: now,
                handles,
            });
            let until = run.until.clone();
            let finished = match until {
                None => {
                    if self.host.lp.is_stopping() {
                        self.host.lp.clear_stopping();
                        true
                    } else {
                        false
                    }
                }
                Some(fut) => {
                    let d = self.call_method(&fut, "done", vec![])?;
                    self.truthy(&d)?
                }
            };
            if finished {
                self.host.loop_runs.pop();
                if let Some(outer) = self.host.loop_runs.last_mut() {
                    outer.iter_start = now;
                }
                self.host.loop_base = self
                    .host
                    .loop_runs
                    .last()
                    .map(|r| r.base)
                    .unwrap_or(usize::MAX);
                if let Some(f) = self.frames.last_mut() {
                    f.stack.push(Value::None);
                }
                return Ok(None);
            }
        }
        let Some(run) = self.host.loop_runs.last_mut() else {
            return Ok(None);
        };
        if run.waiting {
            run.waiting = false;
        } else {
            let timeout = self.host.lp.prepare(now);
            match timeout {
                None => {
                    if self.host.outstanding_io == 0 {
                        return Err(PyErr::suspend(Suspend::Deadlock));
                    }
                    run.waiting = true;
                    self.host.idle_start = Some(now);
                    return Err(PyErr::suspend(Suspend::Idle(None)));
                }
                Some(t) if t > 0.0 => {
                    run.waiting = true;
                    self.host.idle_start = Some(now);
                    return Err(PyErr::suspend(Suspend::Idle(Some(t))));
                }
                Some(_) => {}
            }
        }
        if let Some(start) = self.host.idle_start.take() {
            if now > start {
                self.host.events.push(Event::Idle { start, end: now });
            }
        }
        let n = self.host.lp.begin_iteration(now);
        let Some(run) = self.host.loop_runs.last_mut() else {
            return Ok(None);
        };
        run.remaining = n;
        run.in_iteration = true;
        run.iter_start = now;
        run.iter_handles = 0;
        Ok(None)
    }

    fn run_handle(&mut self, h: Rc<HandleObj>) -> PyResult<()> {
        self.host.current_handle = Value::Handle(h.clone());
        if h.args.is_empty() && self.try_task_step(&h.callback)? {
            return Ok(());
        }
        let (func, lead) = match &h.callback {
            Value::BoundMethod(bm) if matches!(bm.func, Value::Function(_)) => {
                (bm.func.clone(), Some(bm.self_.clone()))
            }
            other => (other.clone(), None),
        };
        if let Value::Function(f) = &func {
            if !f.code.is_generator_like() {
                let nargs = lead.is_some() as usize + h.args.len();
                let bound = match self.simple_frame(f, nargs) {
                    Some(mut frame) => {
                        let at = lead.is_some() as usize;
                        if let Some(s) = lead {
                            frame.locals[0] = s;
                        }
                        frame.locals[at..nargs].clone_from_slice(&h.args);
                        Ok(frame)
                    }
                    None => self.bind_args(f, handle_args(lead, &h.args), Vec::new()),
                };
                match bound {
                    Ok(mut frame) => {
                        frame.ret = RetKind::Handle;
                        return match self.push_frame(frame) {
                            Ok(()) => Ok(()),
                            Err(e) => {
                                let exc = self.materialize(e);
                                self.handle_callback_error(exc).map_err(PyErr::exc)
                            }
                        };
                    }
                    Err(e) => {
                        let exc = self.materialize(e);
                        return self.handle_callback_error(exc).map_err(PyErr::exc);
                    }
                }
            }
        }
        match self.call(&func, handle_args(lead, &h.args)) {
            Ok(_) => Ok(()),
            Err(e) if e.is_suspend() => Err(e),
            Err(e) => {
                let exc = self.materialize(e);
                self.handle_callback_error(exc).map_err(PyErr::exc)
            }
        }
    }

    /// A loop callback raised `exc`: SystemExit/KeyboardInterrupt end the loop
    /// run and propagate; anything else goes to the prelude's error hook.
    pub(crate) fn handle_callback_error(&mut self, exc: Value) -> Result<(), Value> {
        if self.is_instance_of_name(&exc, "SystemExit")
            || self.is_instance_of_name(&exc, "KeyboardInterrupt")
        {
            self.host.loop_runs.pop();
            self.host.loop_base = self
                .host
                .loop_runs
                .last()
                .map(|r| r.base)
                .unwrap_or(usize::MAX);
            return Err(exc);
        }
        // CPython runs callbacks in Python (`Handle._run`, asyncio/events.py): its
        // frame is the outermost of the traceback. The native run leaves no frame.
        if let Value::Instance(i) = &exc {
            if let Some(d) = &i.exc {
                let filename: Rc<str> = Rc::from("<asyncio>/events.py");
                let line = self.prelude_line(&filename, HANDLE_RUN_LINE);
                d.borrow_mut().traceback.push(TbEntry {
                    filename,
                    name: intern("_run"),
                    line,
                    col: 0,
                });
            }
        }
        let hook = self.host.error_hook.clone();
        let handle = self.host.current_handle.clone();
        if hook.is_none() {
            let text = self.format_exception(&exc);
            self.write_out(&format!("Exception in callback\n{text}"), true);
            return Ok(());
        }
        // The hook's message names the callback as CPython's Handle._run does.
        let source = match &handle {
            Value::Handle(h) => self
                .callback_source(&h.callback, &h.args)
                .unwrap_or_default(),
            _ => String::new(),
        };
        if let Err(e) = self.call(&hook, vec![exc, handle, Value::str(&source)]) {
            let v = self.materialize(e);
            let text = self.format_exception(&v);
            self.write_out(&text, true);
        }
        Ok(())
    }

    /// The number of the line of prelude file `filename` that reads `text` (0 if none).
    fn prelude_line(&self, filename: &str, text: &str) -> u32 {
        let Some((_, lines)) = self.host.sources.iter().find(|(f, _)| &**f == filename) else {
            return 0;
        };
        lines
            .iter()
            .position(|l| l.trim() == text)
            .map_or(0, |i| i as u32 + 1)
    }

    pub fn handle_repr(&mut self, h: &Rc<HandleObj>) -> PyResult<String> {
        let cancelled = rd(&h.info).as_ref().is_some_and(|i| i.cancelled());
        // Handle.cancel() drops the callback, so a cancelled handle names none.
        let (c, cb) = if cancelled {
            (" cancelled", String::new())
        } else {
            (
                "",
                format!(" {}", self.callback_source(&h.callback, &h.args)?),
            )
        };
        Ok(match h.when {
            Some(w) => format!("<TimerHandle{c} when={}{cb}>", super::fmt::float_repr(w)),
            None => format!("<Handle{c}{cb}>"),
        })
    }

    /// `f(1, 2) at main.py:4`: CPython's `format_helpers._format_callback_source`,
    /// as handle reprs and "Exception in callback …" show a callback.
    pub fn callback_source(&mut self, callback: &Value, args: &[Value]) -> PyResult<String> {
        let mut parts = Vec::new();
        for a in args {
            parts.push(self.repr(a)?);
        }
        let (name, at) = match callback {
            // Only a plain function says where it is defined (inspect.isfunction).
            Value::Function(f) => (
                rd(&f.qualname).s.clone(),
                format!(" at {}:{}", f.code.filename, f.code.first_line),
            ),
            Value::BoundMethod(bm) => match &bm.func {
                Value::Function(f) => (rd(&f.qualname).s.clone(), String::new()),
                Value::Native(n) => (n.name.to_string(), String::new()),
                _ => ("callback".into(), String::new()),
            },
            Value::Native(n) => (n.name.to_string(), String::new()),
            other => (self.repr(other)?, String::new()),
        };
        Ok(format!("{name}({}){at}", parts.join(", ")))
    }

    /// Where a coroutine is suspended: the innermost `await` in user code (line, col).
    pub fn await_location(&self, coro: &Value) -> Option<(u32, u32)> {
        if let Value::Gen(g) = coro {
            if g.state.get() == GenState::Running {
                // A running task (sequential mode): where its code is now.
                return self
                    .frames
                    .iter()
                    .rev()
                    .find(|f| *f.code.filename == *self.filename)
                    .map(|f| {
                        let sp = f.code.span_at(f.lasti());
                        (sp.start.line, sp.start.col)
                    });
            }
        }
        let mut best = None;
        let mut cur = coro.clone();
        for _ in 0..200 {
            let g = match &cur {
                Value::Gen(g) => g.clone(),
                Value::Iter(it) => match &*rd(it) {
                    IterObj::ASend { gen, .. } => gen.clone(),
                    _ => break,
                },
                _ => break,
            };
            let fr = rd(&g.frame);
            let Some(f) = fr.as_ref() else { break };
            let at_send = matches!(f.code.ops.get(f.ip), Some(crate::compile::Op::Send));
            let ip = if at_send {
                f.ip
            } else {
                f.ip.saturating_sub(1)
            };
            if *f.code.filename == *self.filename {
                let sp = f.code.span_at(ip);
                best = Some((sp.start.line, sp.start.col));
            }
            if !at_send {
                break;
            }
            let next = f.stack.last().cloned();
            drop(fr);
            match next {
                Some(v) => cur = v,
                None => break,
            }
        }
        best
    }

    /// The innermost frame of the user's file: its current line.
    pub fn user_line(&self) -> u32 {
        for f in self.frames.iter().rev() {
            if *f.code.filename == *self.filename {
                return f.code.span_at(f.lasti()).start.line;
            }
        }
        0
    }

    /// `worker('Task 1', 5)`: the coroutine's function and its arguments.
    /// An argument whose repr is an address (`<Queue at 0x…>`) shows as its
    /// parameter name instead (`producer(queue, 3)`), so lane names stay stable and short.
    pub fn render_coro_call(&mut self, coro: &Value) -> String {
        let Value::Gen(g) = coro else {
            return self.repr(coro).unwrap_or_default();
        };
        let (code, locals, cells) = {
            let fr = rd(&g.frame);
            match fr.as_ref() {
                Some(f) => (f.code.clone(), f.locals.clone(), f.cells.clone()),
                None => return format!("{}()", g.name.s),
            }
        };
        let nargs = code.argcount as usize;
        let nkw = code.kwonlyargcount as usize;
        let get = |i: usize| -> Value {
            if let Some((ci, _)) = code.cell_args.iter().find(|(_, pi)| *pi as usize == i) {
                return cells
                    .get(*ci as usize)
                    .map(|c| rd(c).clone())
                    .unwrap_or_default();
            }
            locals.get(i).cloned().unwrap_or_default()
        };
        let mut parts = Vec::new();
        for i in 0..nargs {
            let v = get(i);
            let r = self.repr(&v).unwrap_or_default();
            parts.push(readable_argument(r, Some(&code.varnames[i].s)));
        }
        let mut slot = nargs + nkw;
        if code.flags & crate::compile::FLAG_VARARGS != 0 {
            if let Value::Tuple(t) = get(slot) {
                for v in t.iter() {
                    let r = self.repr(v).unwrap_or_default();
                    parts.push(readable_argument(r, None));
                }
            }
            slot += 1;
        }
        for i in nargs..nargs + nkw {
            let v = get(i);
            let r = readable_argument(self.repr(&v).unwrap_or_default(), Some(&code.varnames[i].s));
            parts.push(format!("{}={}", code.varnames[i].s, r));
        }
        if code.flags & crate::compile::FLAG_VARKW != 0 {
            if let Value::Dict(d) = get(slot) {
                for (k, v) in rd(&d).items() {
                    let ks = match &k {
                        Value::Str(s) => s.s.clone(),
                        _ => String::new(),
                    };
                    let r = readable_argument(self.repr(&v).unwrap_or_default(), None);
                    parts.push(format!("{ks}={r}"));
                }
            }
        }
        format!("{}({})", g.name.s, parts.join(", "))
    }

    fn push_task_event(&mut self, tid: TaskId, ev: Event) {
        if self.host.current_task == Some(tid) {
            self.host.pending_events.push(ev);
        } else {
            self.host.events.push(ev);
        }
    }

    /// Builds the `_awaitscope` module.
    pub fn make_awaitscope_module(&mut self) -> Value {
        let mut d = NameMap::new();
        for name in [
            "time",
            "call_soon",
            "call_at",
            "stop",
            "run_forever",
            "run_until_done",
            "clear",
            "set_handle_error_hook",
            "log_error",
            "trace_task_created",
            "trace_step_start",
            "trace_step_end",
            "trace_suspend",
            "trace_wake",
            "trace_task_done",
            "sequential",
            "http_request",
            "json_loads",
            "fs_read",
            "fs_write",
            "fs_exists",
            "iscoroutine",
            "iscoroutinefunction",
            "coro_text",
            "format_coro",
            "native_task_step",
        ] {
            d.set_str(
                name,
                Value::Native(Rc::new(NativeFn {
                    name,
                    f: awaitscope_native,
                    is_method: false,
                    data: Value::str("_awaitscope"),
                })),
            );
        }
        d.set_str("__name__", Value::str("_awaitscope"));
        Value::Module(Rc::new(Module {
            name: intern("_awaitscope"),
            dict: std::cell::RefCell::new(d),
        }))
    }

    /// `run_forever()` / `run_until_done(fut)`: the interpreter starts running
    /// loop iterations whenever the calling frame is on top.
    pub(crate) fn start_loop_run(&mut self, until: Option<Value>) -> PyResult<()> {
        if self.native_depth > 1 {
            return Err(PyErr::new(
                "RuntimeError",
                "the event loop cannot run inside a native callback",
            ));
        }
        let base = self.frames.len();
        // A nested run (sequential mode) splits the enclosing iteration: record the
        // part before it now, and restart that iteration's clock when it returns,
        // so the trace stays in time order and no iteration spans the nested ones.
        let now = self.now;
        if let Some(outer) = self.host.loop_runs.last_mut().filter(|r| r.in_iteration) {
            self.host.events.push(Event::LoopIteration {
                start: outer.iter_start,
                end: now,
                handles: outer.iter_handles,
            });
            outer.iter_handles = 0;
        }
        self.host.loop_runs.push(LoopRun {
            base,
            remaining: 0,
            in_iteration: false,
            waiting: false,
            until,
            iter_start: self.now,
            iter_handles: 0,
        });
        self.host.loop_base = base;
        Ok(())
    }

    pub fn handle_method(vm: &mut Vm, name: &str, a: Args) -> PyResult<Value> {
        let Some(Value::Handle(h)) = a.pos.first().cloned() else {
            return Err(PyErr::new("TypeError", "expected a Handle"));
        };
        match name {
            "cancel" => {
                if let Some(info) = rd(&h.info).as_ref() {
                    vm.host.lp.cancel(info);
                }
                Ok(Value::None)
            }
            "cancelled" => Ok(Value::Bool(
                h.info
                    .borrow()
                    .as_ref()
                    .map(|i| i.cancelled())
                    .unwrap_or(false),
            )),
            "when" => Ok(h.when.map(Value::Float).unwrap_or(Value::None)),
            _ => Err(super::builtins::err3(
                "AttributeError",
                "'Handle' object has no attribute '",
                name,
                "'",
            )),
        }
    }

    /// Completes an external request: its callback becomes a ready handle
    /// (`call_soon(callback, status, body, content_type, error)`). False if `id`
    /// is unknown or already completed.
    pub fn complete_http(&mut self, id: u64, answer: HttpAnswer) -> bool {
        let Some(i) = self.host.http_callbacks.iter().position(|c| c.0 == id) else {
            return false;
        };
        let callback = self.host.http_callbacks.swap_remove(i).1;
        self.host.outstanding_io = self.host.outstanding_io.saturating_sub(1);
        let args = vec![
            Value::Int(answer.status as i64),
            Value::string(answer.body),
            Value::string(answer.content_type),
            answer.error.map(Value::string).unwrap_or(Value::None),
        ];
        self.schedule(None, callback, args);
        true
    }

    pub(crate) fn trace_step_start(&mut self, tid: &Value) {
        if let Some(t) = as_tid(tid) {
            self.host.events.push(Event::StepStart {
                t: self.now,
                task: t,
            });
            self.host.current_task = Some(t);
        }
    }

    pub(crate) fn trace_step_end(&mut self, tid: &Value) {
        if let Some(t) = as_tid(tid) {
            self.host.events.push(Event::StepEnd {
                t: self.now,
                task: t,
            });
            if !self.host.pending_events.is_empty() {
                let pending = std::mem::take(&mut self.host.pending_events);
                self.host.events.extend(pending);
            }
            if self.host.current_task == Some(t) {
                self.host.current_task = None;
            }
        }
    }

    /// `call_soon(callback)` at the end of a step run by a loop handle: the
    /// handle that ran it becomes the new one when nothing else holds it (it
    /// stays `current_handle`; its run is over).
    pub(crate) fn schedule_reusing_current(&mut self, callback: Value) {
        if let Value::Handle(mut h) = std::mem::take(&mut self.host.current_handle) {
            if let Some(ho) = Rc::get_mut(&mut h) {
                if let Some(info) = ho.info.get_mut().take() {
                    ho.callback = callback;
                    ho.args.clear();
                    ho.when = None;
                    let info = self.host.lp.call_soon_reusing(info, h.clone());
                    *wr(&h.info) = Some(info);
                    self.host.current_handle = Value::Handle(h);
                    return;
                }
            }
            self.host.current_handle = Value::Handle(h);
        }
        self.schedule(None, callback, Vec::new());
    }

    pub(crate) fn schedule(
        &mut self,
        when: Option<f64>,
        callback: Value,
        args: Vec<Value>,
    ) -> Value {
        let h = Rc::new(HandleObj {
            info: std::cell::RefCell::new(None),
            callback,
            args,
            when,
        });
        let info = match when {
            Some(w) => self.host.lp.call_at(w, h.clone()),
            None => self.host.lp.call_soon(h.clone()),
        };
        *wr(&h.info) = Some(info);
        Value::Handle(h)
    }
}

fn awaitscope_native(vm: &mut Vm, name: &str, a: Args) -> PyResult<Value> {
    match name {
        "time" => Ok(Value::Float(vm.now)),
        "call_soon" => {
            let cb = arg(&a, 0);
            let args = a.pos.get(1..).map(|s| s.to_vec()).unwrap_or_default();
            Ok(vm.schedule(None, cb, args))
        }
        "call_at" => {
            let when = as_f64(&arg(&a, 0))?;
            let cb = arg(&a, 1);
            let args = a.pos.get(2..).map(|s| s.to_vec()).unwrap_or_default();
            Ok(vm.schedule(Some(when), cb, args))
        }
        "stop" => {
            vm.host.lp.stop();
            Ok(Value::None)
        }
        "clear" => {
            vm.host.lp.clear();
            Ok(Value::None)
        }
        "run_forever" | "run_until_done" => Err(super::builtins::err3(
            "RuntimeError",
            "_awaitscope.",
            name,
            "() must be called from Python code",
        )),
        "set_handle_error_hook" => {
            vm.host.error_hook = arg(&a, 0);
            Ok(Value::None)
        }
        "log_error" => {
            let msg = vm.str_of(&arg(&a, 0))?;
            let exc = arg(&a, 1);
            let mut text = msg;
            text.push('\n');
            if !exc.is_none() {
                text.push_str(&vm.format_exception(&exc));
            }
            vm.write_out(&text, true);
            Ok(Value::None)
        }
        "sequential" => Ok(Value::Bool(vm.host.sequential)),
        "trace_task_created" => {
            let name = vm.str_of(&arg(&a, 0))?;
            let coro = arg(&a, 1);
            let id = vm.host.tasks.len() as TaskId;
            let rendered = vm.render_coro_call(&coro);
            let line = vm.user_line();
            vm.host.tasks.push(TaskInfo {
                id,
                name,
                coro: rendered,
                parent: vm.host.current_task,
                created_at: vm.now,
                line,
            });
            vm.host.events.push(Event::TaskCreated {
                t: vm.now,
                task: id,
            });
            Ok(Value::Int(id as i64))
        }
        "trace_step_start" => {
            vm.trace_step_start(&arg(&a, 0));
            Ok(Value::None)
        }
        "trace_step_end" => {
            vm.trace_step_end(&arg(&a, 0));
            Ok(Value::None)
        }
        "native_task_step" => {
            vm.register_task_class(&arg(&a, 0));
            Ok(Value::None)
        }
        "trace_suspend" => {
            let Some(t) = as_tid(&arg(&a, 0)) else {
                return Ok(Value::None);
            };
            let coro = arg(&a, 1);
            let what = arg(&a, 2);
            let awaited = as_tid(&arg(&a, 3));
            let what = match what {
                Value::Str(s) => s.s.clone(),
                _ => match awaited.and_then(|w| vm.host.tasks.get(w as usize)) {
                    Some(ti) => format!("{} {}", ti.name, ti.coro),
                    None => "Future".to_string(),
                },
            };
            let (line, col) = vm.await_location(&coro).unwrap_or((0, 0));
            let ev = Event::Suspend {
                t: vm.now,
                task: t,
                what,
                line,
                col,
            };
            vm.push_task_event(t, ev);
            Ok(Value::None)
        }
        "trace_wake" => {
            if let Some(t) = as_tid(&arg(&a, 0)) {
                let ev = Event::Wake { t: vm.now, task: t };
                vm.push_task_event(t, ev);
            }
            Ok(Value::None)
        }
        "trace_task_done" => {
            let Some(t) = as_tid(&arg(&a, 0)) else {
                return Ok(Value::None);
            };
            let kind = match arg(&a, 1) {
                Value::Int(k) => k,
                _ => 0,
            };
            let value = arg(&a, 2);
            let outcome = match kind {
                0 => {
                    let mut repr = vm.repr(&value)?;
                    if repr.chars().count() > 200 {
                        repr = repr.chars().take(200).collect::<String>() + "...";
                    }
                    Outcome::Result { repr }
                }
                1 => Outcome::Exception {
                    exc_type: vm.type_of(&value).name.s.clone(),
                    message: vm.str_of(&value).unwrap_or_default(),
                },
                _ => Outcome::Cancelled {
                    message: if value.is_none() {
                        None
                    } else {
                        Some(vm.str_of(&value)?)
                    },
                },
            };
            vm.push_task_event(
                t,
                Event::TaskDone {
                    t: vm.now,
                    task: t,
                    outcome,
                },
            );
            Ok(Value::None)
        }
        "http_request" => {
            let url = vm.str_of(&arg(&a, 1))?;
            if vm.host.network == Network::External {
                let method = vm.str_of(&arg(&a, 0))?;
                let id = vm.host.next_http_id;
                vm.host.next_http_id += 1;
                vm.host.http_callbacks.push((id, arg(&a, 2)));
                vm.host.outstanding_io += 1;
                vm.host.http_new.push(HttpRequest { id, method, url });
                return Ok(Value::None);
            }
            let fixture = vm.host.fixtures.iter().find(|f| f.url == url).cloned();
            Ok(match fixture {
                Some(f) => Value::tuple(vec![
                    Value::Int(f.status as i64),
                    Value::string(f.body.clone()),
                    Value::string(f.content_type.clone()),
                    Value::Float(f.latency_s),
                    Value::None,
                ]),
                None => Value::tuple(vec![
                    Value::Int(0),
                    Value::str(""),
                    Value::str(""),
                    Value::Float(0.0),
                    Value::string(connect_error_message(&url)),
                ]),
            })
        }
        "iscoroutine" => Ok(Value::Bool(match arg(&a, 0) {
            Value::Gen(g) => g.kind == GenKind::Coroutine,
            // asend()/athrow()/aclose() awaitables are collections.abc.Coroutines.
            Value::Iter(it) => matches!(&*it.borrow(), IterObj::ASend { .. }),
            _ => false,
        })),
        "iscoroutinefunction" => {
            let f = match arg(&a, 0) {
                Value::BoundMethod(bm) => bm.func.clone(),
                other => other,
            };
            Ok(Value::Bool(
                matches!(f, Value::Function(f) if f.code.flags & crate::compile::FLAG_COROUTINE != 0),
            ))
        }
        "coro_text" => {
            let c = arg(&a, 0);
            Ok(Value::string(vm.render_coro_call(&c)))
        }
        "format_coro" => {
            let c = arg(&a, 0);
            let Value::Gen(g) = &c else {
                return vm.repr(&c).map(Value::string);
            };
            let fname = g
                .code
                .filename
                .rsplit_once('/')
                .map_or(&*g.code.filename, |(_, f)| f)
                .to_string();
            // A running coroutine's frame is on the VM's stack, not in `g.frame`.
            let line_now =
                |f: &crate::vm::frame::Frame| f.code.span_at(f.ip.saturating_sub(1)).start.line;
            let on_stack = vm
                .frames
                .iter()
                .rev()
                .find(|f| f.gen.as_ref().is_some_and(|w| Rc::ptr_eq(w, g)))
                .map(|f| line_now(f));
            let running = on_stack.or_else(|| {
                rd(&g.frame).as_ref().map(|f| {
                    if g.state.get() == GenState::Created {
                        f.code.first_line
                    } else {
                        let ip = if matches!(f.code.ops.get(f.ip), Some(crate::compile::Op::Send)) {
                            f.ip
                        } else {
                            f.ip.saturating_sub(1)
                        };
                        f.code.span_at(ip).start.line
                    }
                })
            });
            Ok(Value::string(match running {
                Some(line) if g.state.get() != GenState::Closed => {
                    format!("{}() running at {}:{}", g.qualname.s, fname, line)
                }
                _ => format!(
                    "{}() done, defined at {}:{}",
                    g.qualname.s, fname, g.code.first_line
                ),
            }))
        }
        "json_loads" => {
            let s = vm.str_of(&arg(&a, 0))?;
            super::modules::json_loads(vm, &s)
        }
        "fs_read" => {
            let p = vm.str_of(&arg(&a, 0))?;
            match vm.host.fs.get(&p) {
                Some(t) => Ok(Value::string(t.clone())),
                None => {
                    let cls = vm.exc_class("FileNotFoundError");
                    let e = vm.new_exc_instance(
                        &cls,
                        vec![Value::Int(2), Value::str("No such file or directory")],
                    );
                    if let Value::Instance(i) = &e {
                        wr(&i.dict).set_str("filename", Value::string(p));
                    }
                    Err(PyErr::exc(e))
                }
            }
        }
        "fs_write" => {
            let p = vm.str_of(&arg(&a, 0))?;
            let t = vm.str_of(&arg(&a, 1))?;
            vm.host.fs.insert(p, t);
            Ok(Value::None)
        }
        "fs_exists" => {
            let p = vm.str_of(&arg(&a, 0))?;
            Ok(Value::Bool(vm.host.fs.contains_key(&p)))
        }
        _ => Err(super::builtins::err3(
            "AttributeError",
            "module '_awaitscope' has no attribute '",
            name,
            "'",
        )),
    }
}

/// `urllib.parse.urlsplit(url).hostname`: lower-case, no port, no user info.
fn url_host(url: &str) -> String {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let end = rest
        .bytes()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len());
    let netloc = &rest[..end];
    let hostport = netloc.rsplit_once('@').map(|(_, h)| h).unwrap_or(netloc);
    let host = match hostport.rsplit_once(':') {
        Some((h, p)) if p.chars().all(|c| c.is_ascii_digit()) => h,
        _ => hostport,
    };
    super::case::lower(host)
}

/// An argument of a lane name: its repr, unless that is a default object repr
/// (`<Queue at 0x55… maxsize=0>`, which says nothing to a reader and differs from
/// run to run); then the parameter's name, or `<Queue>` for a `*args` item.
/// Very long reprs are cut.
/// The source line of `_Handle._run` in the prelude's events.py.
const HANDLE_RUN_LINE: &str = "self._context.run(self._callback, *self._args)";

fn readable_argument(repr: String, param: Option<&str>) -> String {
    const MAX_CHARS: usize = 80;
    if repr.starts_with('<') {
        if let Some(at) = repr.find(" at 0x") {
            return match param {
                Some(name) => name.to_string(),
                None => format!("{}>", &repr[..at]),
            };
        }
    }
    if repr.chars().count() > MAX_CHARS {
        let cut: String = repr.chars().take(MAX_CHARS - 1).collect();
        return cut + "…";
    }
    repr
}
