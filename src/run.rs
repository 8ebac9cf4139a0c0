//! The engine API used by the CLI, the conformance harness and the browser:
//! compile a program once, run it in slices on a clock the driver owns, and
//! collect stdout/stderr, the trace and the in-memory files.
//!
//! ```no_run
//! use awaitscope::run::{run_virtual, RunOptions};
//! let r = run_virtual("import asyncio\nasync def main():\n    await asyncio.sleep(1)\n    print('hi')\nasyncio.run(main())\n", &RunOptions::default());
//! assert_eq!(r.stdout, "hi\n");
//! assert_eq!(r.end_time, 1.0);
//! ```

// By path: examples/engine_wasm.rs includes this file as a module of its own.
#[path = "run/console.rs"]
pub mod console;

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::trace::{Event, RunMode, TaskInfo, Trace};
use crate::vm::frame::{Frame, RetKind};
use crate::vm::interp::ExecResult;
use crate::vm::value::{Module, Value};
use crate::vm::{namemap::intern, namemap::NameMap, ErrKind, Suspend, Vm};

pub use crate::vm::host::{connect_error_message, HttpAnswer, HttpFixture, HttpRequest, Network};

pub const DEFAULT_MAX_INSTRUCTIONS: u64 = 100_000_000;

#[derive(Clone, Debug)]
pub struct RunOptions {
    pub mode: RunMode,
    /// The whole run stops (exit code 1, message on stderr) after this many instructions.
    pub max_instructions: u64,
    pub http_fixtures: Vec<HttpFixture>,
    /// The program's file name, as tracebacks and `__file__` show it: `main.py` in the
    /// web app; the CLI passes the absolute path, as `python3 PATH` shows it.
    pub filename: String,
    /// `sys.argv`: `["main.py"]`; the CLI passes the path as given.
    pub argv: Vec<String>,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            mode: RunMode::Concurrent,
            max_instructions: DEFAULT_MAX_INSTRUCTIONS,
            http_fixtures: Vec::new(),
            filename: "main.py".to_string(),
            argv: vec!["main.py".to_string()],
        }
    }
}

/// Where an uncaught error (or SyntaxError) happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorLocation {
    pub kind: String,
    pub message: String,
    pub line: u32,
    pub col: u32,
}

impl ErrorLocation {
    /// `ValueError: bad`, or `MemoryError` alone when the message is empty
    /// (the last line of a Python traceback).
    pub fn summary(&self) -> String {
        if self.message.is_empty() {
            self.kind.clone()
        } else {
            format!("{}: {}", self.kind, self.message)
        }
    }
}

#[derive(Clone, Debug)]
pub struct RunResult {
    pub stdout: String,
    pub stderr: String,
    pub exit_code: i32,
    pub end_time: f64,
    pub trace: Trace,
    pub files: BTreeMap<String, String>,
    pub error: Option<ErrorLocation>,
    /// What the program wrote, chunk by chunk with its time (not yet taken by
    /// [`Session::take_output`]): the console's lines.
    pub output: Vec<crate::vm::OutChunk>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum SliceStatus {
    /// The instruction budget of this slice is used up: call again.
    Yielded,
    /// The event loop has nothing ready. Resume after `timeout` seconds (virtual
    /// driver: `now + timeout`), i.e. at `next_deadline`; None: waiting for I/O.
    Idle {
        next_deadline: Option<f64>,
        timeout: Option<f64>,
    },
    /// `time.sleep(seconds)` blocks everything: resume at `now + seconds`.
    Blocked {
        seconds: f64,
    },
    Finished {
        exit_code: i32,
    },
}

/// A compiled program being run slice by slice.
pub struct Session {
    vm: Vm,
    finished: Option<i32>,
    stdout: String,
    stderr: String,
    out_seen: usize,
    error: Option<ErrorLocation>,
    mode: RunMode,
    end_time: f64,
}

fn syntax_error_text(filename: &str, src: &str, e: &crate::python::span::SourceError) -> String {
    let line = e.span.start.line;
    let mut out = format!("  File \"{filename}\", line {line}\n");
    if let Some(text) = src.lines().nth(line.saturating_sub(1) as usize) {
        let trimmed = text.trim_start();
        let indent = text.chars().count() - trimmed.chars().count();
        let t = trimmed.trim_end();
        if !t.is_empty() {
            out.push_str(&format!("    {t}\n"));
            let col = (e.span.start.col as usize)
                .saturating_sub(1)
                .saturating_sub(indent);
            let width = if e.span.end.line == e.span.start.line && e.span.end.col > e.span.start.col
            {
                (e.span.end.col - e.span.start.col) as usize
            } else {
                1
            };
            out.push_str(&format!(
                "    {}{}\n",
                " ".repeat(col),
                "^".repeat(width.max(1))
            ));
        }
    }
    out.push_str(&format!("{}: {}\n", e.kind, e.message));
    out
}

impl Session {
    pub fn new(source: &str, opts: &RunOptions) -> Session {
        let mut vm = Vm::new();
        vm.max_instructions = opts.max_instructions;
        vm.host.sequential = opts.mode == RunMode::Sequential;
        vm.host.fixtures = opts.http_fixtures.clone();
        vm.filename = Rc::from(opts.filename.as_str());
        vm.argv = opts.argv.clone();
        let mut s = Session {
            vm,
            finished: None,
            stdout: String::new(),
            stderr: String::new(),
            out_seen: 0,
            error: None,
            mode: opts.mode,
            end_time: 0.0,
        };
        let compiled = crate::python::parse_module(source)
            .and_then(|m| crate::compile::compile_module(&m, &opts.filename, source));
        match compiled {
            Ok(code) => {
                s.vm.host
                    .sources
                    .push((code.filename.clone(), code.source.clone()));
                let m = Rc::new(Module {
                    name: intern("__main__"),
                    dict: std::cell::RefCell::new(NameMap::new()),
                });
                m.dict
                    .borrow_mut()
                    .set_str("__name__", Value::str("__main__"));
                m.dict
                    .borrow_mut()
                    .set_str("__file__", Value::str(&opts.filename));
                s.vm.modules
                    .insert("__main__".into(), Value::Module(m.clone()));
                let mut f = Frame::new(code, m);
                f.ret = RetKind::Native;
                s.vm.frames.push(Box::new(f));
            }
            Err(e) => {
                // Through the VM's output, so drivers see it as a chunk like any traceback.
                s.vm.write_out(&syntax_error_text(&opts.filename, source, &e), true);
                s.collect_output();
                s.error = Some(ErrorLocation {
                    kind: e.kind.clone(),
                    message: e.message.clone(),
                    line: e.span.start.line,
                    col: e.span.start.col,
                });
                s.finished = Some(1);
            }
        }
        s
    }

    /// Chooses who answers `aiohttp` requests (default [`Network::Fixtures`]).
    /// Call before the first slice. With [`Network::External`] each request is
    /// handed to the driver ([`Session::take_http_requests`]) and the program
    /// waits, idle and not deadlocked, until [`Session::complete_http`].
    pub fn set_network(&mut self, network: Network) {
        self.vm.host.network = network;
    }

    /// External network: the requests made since the last call, in order.
    pub fn take_http_requests(&mut self) -> Vec<HttpRequest> {
        std::mem::take(&mut self.vm.host.http_new)
    }

    /// External network: answers request `id`. Its callback is scheduled with
    /// `call_soon` and runs in the next loop iteration (resume with a slice).
    /// False if `id` is unknown, already answered, or the run has ended.
    pub fn complete_http(&mut self, id: u64, answer: HttpAnswer) -> bool {
        if self.finished.is_some() {
            return false;
        }
        self.vm.complete_http(id, answer)
    }

    /// External network: requests made and not yet answered.
    pub fn outstanding_http(&self) -> usize {
        self.vm.host.outstanding_io
    }

    pub fn is_finished(&self) -> bool {
        self.finished.is_some()
    }

    /// Runs at most `budget` instructions with the clock at `now`.
    pub fn run_slice(&mut self, now: f64, budget: u64) -> SliceStatus {
        if let Some(code) = self.finished {
            return SliceStatus::Finished { exit_code: code };
        }
        let vm = &mut self.vm;
        vm.now = now;
        if std::mem::take(&mut vm.host.resume_push) {
            if let Some(f) = vm.frames.last_mut() {
                f.stack.push(Value::None);
            }
        }
        vm.slice_end = vm
            .instructions
            .saturating_add(budget.max(1))
            .min(vm.max_instructions);
        vm.native_depth = 1;
        let r = vm.exec(0, None);
        vm.native_depth = 0;
        let status = match r {
            Ok(ExecResult::Budget) => SliceStatus::Yielded,
            Ok(_) => self.finish(0),
            Err(e) => match *e.kind() {
                ErrKind::Suspend(Suspend::Sleep(s)) => SliceStatus::Blocked { seconds: s },
                ErrKind::Suspend(Suspend::Idle(t)) => SliceStatus::Idle {
                    next_deadline: t.map(|t| now + t),
                    timeout: t,
                },
                ErrKind::Suspend(Suspend::OutOfSteps) => {
                    let n = self.vm.max_instructions;
                    self.vm.write_out(
                        &format!("awaitscope: stopped after {n} instructions (step budget exhausted: an infinite loop?)\n"),
                        true,
                    );
                    self.vm.frames.clear();
                    self.finish(1)
                }
                ErrKind::Suspend(Suspend::Deadlock) => {
                    let lines = self.describe_pending();
                    let mut msg = String::new();
                    for l in lines {
                        msg.push_str(&format!("{l}\n"));
                    }
                    msg.push_str("Deadlock: no task can make progress (nothing is ready and no timer is pending)\n");
                    self.vm.write_out(&msg, true);
                    self.vm.frames.clear();
                    self.finish(2)
                }
                _ => {
                    let exc = self.vm.materialize(e);
                    self.vm.frames.clear();
                    if self.vm.is_instance_of_name(&exc, "SystemExit") {
                        let code = match self.vm.exc_args(&exc).first() {
                            None | Some(Value::None) => 0,
                            Some(Value::Int(i)) => *i as i32,
                            Some(other) => {
                                let s = self.vm.str_of(other).unwrap_or_default();
                                self.vm.write_out(&format!("{s}\n"), true);
                                1
                            }
                        };
                        return self.finish(code);
                    }
                    let text = self.vm.format_exception(&exc);
                    self.vm.write_out(&text, true);
                    let (line, col) = match &exc {
                        Value::Instance(i) => i
                            .exc
                            .as_ref()
                            .and_then(|d| {
                                d.borrow()
                                    .traceback
                                    .iter()
                                    .find(|t| t.filename == self.vm.filename)
                                    .map(|t| (t.line, t.col))
                            })
                            .unwrap_or((0, 0)),
                        _ => (0, 0),
                    };
                    let kind = self.vm.type_of(&exc).name.s.clone();
                    let message = self.vm.str_of(&exc).unwrap_or_default();
                    self.error = Some(ErrorLocation {
                        kind,
                        message,
                        line,
                        col,
                    });
                    self.finish(1)
                }
            },
        };
        self.collect_output();
        status
    }

    fn describe_pending(&mut self) -> Vec<String> {
        let Some(Value::Module(m)) = self.vm.modules.get("asyncio").cloned() else {
            return Vec::new();
        };
        let f = m.dict.borrow().get_str("_describe_pending").cloned();
        let Some(f) = f else { return Vec::new() };
        self.vm.frames.clear();
        self.vm.host.loop_base = usize::MAX;
        self.vm.native_depth = 1;
        let r = self.vm.call(&f, vec![]);
        self.vm.native_depth = 0;
        match r {
            Ok(v) => {
                let items = self.vm.to_vec(&v).unwrap_or_default();
                items
                    .iter()
                    .map(|x| self.vm.str_of(x).unwrap_or_default())
                    .collect()
            }
            Err(_) => Vec::new(),
        }
    }

    fn finish(&mut self, code: i32) -> SliceStatus {
        self.finished = Some(code);
        self.end_time = self.vm.now;
        self.collect_output();
        SliceStatus::Finished { exit_code: code }
    }

    fn collect_output(&mut self) {
        for c in &self.vm.out[self.out_seen..] {
            if c.stderr {
                self.stderr.push_str(&c.text);
            } else {
                self.stdout.push_str(&c.text);
            }
        }
        self.out_seen = self.vm.out.len();
    }

    /// Output chunks written since the last call (time, task, text, stderr?).
    pub fn take_output(&mut self) -> Vec<crate::vm::OutChunk> {
        std::mem::take(&mut self.vm.out)
            .into_iter()
            .inspect(|_| {})
            .collect::<Vec<_>>()
            .tap(|_| self.out_seen = 0)
    }

    /// Trace events recorded since the last call.
    pub fn take_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.vm.host.events)
    }

    pub fn tasks(&self) -> &[TaskInfo] {
        &self.vm.host.tasks
    }

    pub fn files(&self) -> &BTreeMap<String, String> {
        &self.vm.host.fs
    }

    pub fn stdout(&self) -> &str {
        &self.stdout
    }

    pub fn stderr(&self) -> &str {
        &self.stderr
    }

    pub fn error(&self) -> Option<&ErrorLocation> {
        self.error.as_ref()
    }

    pub fn exit_code(&self) -> Option<i32> {
        self.finished
    }

    /// Builds the final result (events not yet taken are included).
    pub fn into_result(mut self) -> RunResult {
        self.collect_output();
        let events = std::mem::take(&mut self.vm.host.events);
        RunResult {
            stdout: self.stdout,
            stderr: self.stderr,
            exit_code: self.finished.unwrap_or(1),
            end_time: self.end_time,
            trace: Trace {
                mode: self.mode,
                tasks: std::mem::take(&mut self.vm.host.tasks),
                events,
                end_time: self.end_time,
            },
            files: std::mem::take(&mut self.vm.host.fs),
            error: self.error,
            output: std::mem::take(&mut self.vm.out),
        }
    }
}

trait Tap: Sized {
    fn tap(self, f: impl FnOnce(&Self)) -> Self {
        f(&self);
        self
    }
}
impl<T> Tap for T {}

/// Runs a program to the end on the virtual clock (instantly, deterministically).
pub fn run_virtual(source: &str, opts: &RunOptions) -> RunResult {
    let mut s = Session::new(source, opts);
    run_session_virtual(&mut s);
    s.into_result()
}

fn run_session_virtual(s: &mut Session) {
    let mut now = 0.0f64;
    loop {
        match s.run_slice(now, 10_000_000) {
            SliceStatus::Yielded => {}
            SliceStatus::Idle {
                timeout: Some(t), ..
            } => now += t,
            SliceStatus::Idle { timeout: None, .. } => {
                // Waiting for I/O that the virtual driver never produces: treat as deadlock.
                s.vm.write_out("awaitscope: waiting for I/O that never completes\n", true);
                s.finish(1);
                break;
            }
            SliceStatus::Blocked { seconds } => now += seconds,
            SliceStatus::Finished { .. } => break,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(source: &str) -> Session {
        let opts = RunOptions {
            http_fixtures: crate::fixtures::bundled_http_fixtures(),
            ..Default::default()
        };
        let mut s = Session::new(source, &opts);
        run_session_virtual(&mut s);
        s
    }

    /// Attribute loads from instances read the namespace first, without asking
    /// the type for a property, until a program makes that unsafe (see
    /// `Vm::shadowed_descriptors`): the prelude and the built-in examples never do.
    #[test]
    fn an_error_without_a_message_reads_as_its_kind() {
        let at = |message: &str| ErrorLocation {
            kind: "MemoryError".into(),
            message: message.into(),
            line: 2,
            col: 5,
        };
        assert_eq!(at("").summary(), "MemoryError");
        assert_eq!(at("too big").summary(), "MemoryError: too big");
    }

    #[test]
    fn examples_keep_the_instance_attribute_fast_path() {
        for ex in crate::page::examples::EXAMPLES {
            let s = run(ex.source);
            assert_eq!(s.finished, Some(0), "{}", ex.id);
            assert!(!s.vm.shadowed_descriptors, "{}", ex.id);
        }
        let s =
            run("class C:\n    pass\nc = C()\nc.x = 1\nC.x = property(lambda s: 2)\nprint(c.x)\n");
        assert!(s.vm.shadowed_descriptors);
        assert_eq!(s.into_result().stdout, "2\n");
    }
}
