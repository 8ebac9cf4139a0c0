//! The virtual machine: values, objects, heap frames, the interpreter loop,
//! exceptions and tracebacks, builtins, builtin modules, and the native module
//! `_awaitscope` that the asyncio prelude runs on (see `src/asyncio/NATIVE.md`).

pub mod attr;
pub mod builtins;
pub mod call;
pub mod case;
pub mod dict;
pub mod exc;
pub mod fmt;
pub mod format;
pub mod frame;
pub mod host;
pub mod interp;
pub mod iter;
pub mod methods;
pub mod modules;
pub mod namemap;
pub mod ops;
pub mod random_mt;
pub mod types;
pub mod value;

use std::collections::HashMap;
use std::rc::Rc;

use frame::Frame;
use value::{Class, Module, Value};

/// Why the VM stopped in the middle of running (not an exception).
#[derive(Clone, Debug, PartialEq)]
pub enum Suspend {
    /// `time.sleep(s)`: the whole loop is blocked for `s` seconds.
    Sleep(f64),
    /// The event loop has nothing ready: wait `timeout` seconds (None: nothing scheduled).
    Idle(Option<f64>),
    /// The run's instruction budget (`max_instructions`) is exhausted.
    OutOfSteps,
    /// Nothing ready, nothing scheduled, no I/O outstanding: CPython would block forever.
    Deadlock,
}

/// An error travelling through native code: a raised exception, one to create
/// lazily (class name + message), or a suspension of the whole VM.
#[derive(Clone, Debug)]
pub enum PyErr {
    Exc(Value),
    New(&'static str, String),
    Suspend(Suspend),
}

impl PyErr {
    pub fn new(kind: &'static str, msg: impl Into<String>) -> PyErr {
        PyErr::New(kind, msg.into())
    }
}

pub type PyResult<T> = Result<T, PyErr>;

pub fn type_error<T>(msg: impl Into<String>) -> PyResult<T> {
    Err(PyErr::New("TypeError", msg.into()))
}
pub fn value_error<T>(msg: impl Into<String>) -> PyResult<T> {
    Err(PyErr::New("ValueError", msg.into()))
}

/// One chunk of program output, with when and by which task it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct OutChunk {
    pub t: f64,
    pub task: Option<u32>,
    pub text: String,
    pub stderr: bool,
}

pub const RECURSION_LIMIT: usize = 1000;
/// Nested native→Python re-entries (sorted key=, __eq__, __repr__...) are bounded too.
pub const NATIVE_DEPTH_LIMIT: u32 = 120;
/// Collections larger than this raise MemoryError (instead of exhausting memory).
pub const MAX_COLLECTION: usize = 1 << 27;
pub const MAX_STR_BYTES: usize = 1 << 28;

pub struct Vm {
    pub frames: Vec<Box<Frame>>,
    pub builtins: Rc<Module>,
    pub t: types::Types,
    pub exc_classes: HashMap<&'static str, Rc<Class>>,
    pub modules: HashMap<String, Value>,
    pub native_depth: u32,
    /// Instructions executed so far, and the count at which the current slice ends.
    pub instructions: u64,
    pub slice_end: u64,
    /// Hard stop for runaway programs (the CLI step budget).
    pub max_instructions: u64,
    pub out: Vec<OutChunk>,
    pub now: f64,
    pub host: host::Host,
    pub filename: Rc<str>,
}

impl Vm {
    pub fn new() -> Vm {
        let (t, builtins, exc_classes) = types::bootstrap();
        let mut vm = Vm {
            frames: Vec::new(),
            builtins,
            t,
            exc_classes,
            modules: HashMap::new(),
            native_depth: 0,
            instructions: 0,
            slice_end: u64::MAX,
            max_instructions: u64::MAX,
            out: Vec::new(),
            now: 0.0,
            host: host::Host::default(),
            filename: Rc::from("main.py"),
        };
        builtins::install(&mut vm);
        vm
    }

    pub fn write_out(&mut self, text: &str, stderr: bool) {
        let task = self.host.current_task;
        if !stderr {
            self.host.events.push(crate::trace::Event::Print {
                t: self.now,
                task,
                text: text.to_string(),
            });
        }
        self.out.push(OutChunk {
            t: self.now,
            task,
            text: text.to_string(),
            stderr,
        });
    }
}

impl Default for Vm {
    fn default() -> Self {
        Vm::new()
    }
}
