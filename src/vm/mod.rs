//! The virtual machine: values, objects, heap frames, the interpreter loop,
//! exceptions and tracebacks, builtins, builtin modules, and the native module
//! `_awaitscope` that the asyncio prelude runs on (see `src/asyncio/NATIVE.md`).

pub mod attr;
pub mod builtins;
pub mod call;
pub mod case;
pub mod deep_drop;
pub mod dict;
pub mod exc;
pub mod finalize;
pub mod fmt;
pub mod format;
pub mod frame;
pub mod host;
pub mod interp;
pub mod iter;
pub mod memory;
pub mod methods;
pub mod modules;
pub mod namemap;
pub mod ops;
pub mod random_mt;
pub mod stable_sort;
pub mod task_step;
pub mod types;
pub mod value;

use std::collections::HashMap;
use std::rc::Rc;

use frame::Frame;
use namemap::NameMap;
use value::{Module, Value};

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

/// What an error travelling through native code is: a raised exception, one that
/// left a frame loop unhandled, one to create lazily (class name + message), or a
/// suspension of the whole VM.
#[derive(Clone, Debug)]
pub enum ErrKind {
    Exc(Value),
    /// An exception that escaped `Vm::exec` (out of a Python frame called from native
    /// code): its `__context__` was settled where it was raised, so the frame loop it
    /// surfaces in does not chain it again (CPython chains at raise time only).
    Escaped(Value),
    New(&'static str, String),
    Suspend(Suspend),
}

/// An error travelling through native code (see `ErrKind`), boxed: one pointer, so
/// `PyResult<()>` is a nullable pointer and `PyResult<Value>` no larger than a `Value`.
/// Every fallible VM function moves its errors through `?`; a 24-byte error cost the
/// wasm build kilobytes of copies. Errors are the cold path (a raised exception
/// allocates its instance anyway; a suspension ends a driver slice).
#[derive(Clone)]
pub struct PyErr(Box<ErrKind>);

const _: () = assert!(std::mem::size_of::<PyErr>() == std::mem::size_of::<usize>());
const _: () = assert!(std::mem::size_of::<PyResult<()>>() == std::mem::size_of::<usize>());
const _: () = assert!(std::mem::size_of::<PyResult<Value>>() == std::mem::size_of::<Value>());

impl std::fmt::Debug for PyErr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl PyErr {
    pub fn new(kind: &'static str, msg: impl Into<String>) -> PyErr {
        PyErr::boxed(ErrKind::New(kind, msg.into()))
    }
    /// A raised exception (an exception instance).
    pub fn exc(v: Value) -> PyErr {
        PyErr::boxed(ErrKind::Exc(v))
    }
    pub fn escaped(v: Value) -> PyErr {
        PyErr::boxed(ErrKind::Escaped(v))
    }
    /// `v` (the materialized `self`) raised on as it came: escaped stays escaped,
    /// for native code that looks at an error before passing it on.
    pub fn pass_on(escaped: bool, v: Value) -> PyErr {
        if escaped {
            PyErr::escaped(v)
        } else {
            PyErr::exc(v)
        }
    }
    pub fn is_escaped(&self) -> bool {
        matches!(*self.0, ErrKind::Escaped(_))
    }
    pub fn suspend(s: Suspend) -> PyErr {
        PyErr::boxed(ErrKind::Suspend(s))
    }
    /// One out-of-line allocation for every kind of error (the callers stay small).
    #[cold]
    #[inline(never)]
    fn boxed(kind: ErrKind) -> PyErr {
        PyErr(Box::new(kind))
    }
    pub fn kind(&self) -> &ErrKind {
        &self.0
    }
    pub fn into_kind(self) -> ErrKind {
        *self.0
    }
    pub fn is_suspend(&self) -> bool {
        matches!(*self.0, ErrKind::Suspend(_))
    }
}

pub type PyResult<T> = Result<T, PyErr>;

pub fn type_error<T>(msg: impl Into<String>) -> PyResult<T> {
    Err(PyErr::new("TypeError", msg))
}
pub fn value_error<T>(msg: impl Into<String>) -> PyResult<T> {
    Err(PyErr::new("ValueError", msg))
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
/// Native recursion over nested data (repr, ==, <, hash of nested containers).
pub const NESTING_LIMIT: u32 = 200;
/// Collections larger than this raise MemoryError (instead of exhausting memory).
/// (16 Mi values: 256 MB; far beyond tutorial programs, well inside a wasm heap.)
pub const MAX_COLLECTION: usize = 1 << 24;
pub const MAX_STR_BYTES: usize = 1 << 27;
/// The dispatch loop checks the heap budget (`memory`) every this many instructions.
const HEAP_CHECK_EVERY: u64 = 1024;

pub struct Vm {
    pub frames: Vec<Box<Frame>>,
    /// This VM's id for the generators it closes when they die (`finalize.rs`),
    /// and whether any may be waiting: set once a generator has suspended in a
    /// `try`, so that other programs skip the check before each instruction.
    pub finalize_id: u32,
    pub may_finalize: bool,
    /// Finished frames kept for reuse (see `frame.rs`).
    pub frame_pool: Vec<Box<Frame>>,
    pub builtins: Rc<Module>,
    pub t: types::Types,
    pub exc_classes: types::ExcClasses,
    pub modules: HashMap<String, Value>,
    pub native_depth: u32,
    /// Levels of native recursion over nested data (see `Vm::nested`).
    pub nesting: u32,
    /// Instructions executed so far, and the count at which the current slice ends.
    pub instructions: u64,
    pub slice_end: u64,
    /// Hard stop for runaway programs (the CLI step budget).
    pub max_instructions: u64,
    pub out: Vec<OutChunk>,
    /// Live heap bytes above which the run raises MemoryError (see `memory`).
    pub heap_limit: usize,
    pub now: f64,
    pub host: host::Host,
    pub filename: Rc<str>,
    /// `sys.argv`.
    pub argv: Vec<String>,
    pub names: namemap::Names,
    /// Whether some instance's namespace may hold a name that a data descriptor
    /// (a property, or an object whose class has `__set__` or `__delete__`)
    /// along its type's MRO also has, so that loads must ask the type first
    /// (CPython's order). Instance stores go through data descriptors, so this
    /// only happens when a data descriptor is added to a class, a class gains
    /// `__set__`/`__delete__` (its instances elsewhere become data descriptors),
    /// a class attribute is deleted (a base's descriptor shows), an instance's
    /// `__class__` becomes a class with data descriptors or one that makes it a
    /// data descriptor, or native code stores past one
    /// (`Vm::stored_past_descriptors`). Until then, and in most
    /// programs for good, a load from an instance reads its namespace first at
    /// no extra cost (see `attr.rs`).
    pub shadowed_descriptors: bool,
}

impl Vm {
    pub fn new() -> Vm {
        let (t, builtins, exc_classes) = types::bootstrap();
        let mut vm = Vm {
            frames: Vec::new(),
            finalize_id: finalize::new_vm_id(),
            may_finalize: false,
            frame_pool: Vec::new(),
            builtins,
            t,
            exc_classes,
            modules: HashMap::new(),
            native_depth: 0,
            nesting: 0,
            instructions: 0,
            slice_end: u64::MAX,
            max_instructions: u64::MAX,
            out: Vec::new(),
            heap_limit: memory::live_bytes().saturating_add(memory::HEAP_BUDGET),
            now: 0.0,
            host: host::Host::default(),
            filename: Rc::from("main.py"),
            argv: vec!["main.py".to_string()],
            names: namemap::Names::new(),
            shadowed_descriptors: false,
        };
        builtins::install(&mut vm);
        vm
    }

    /// Runs `f` one level deeper in a native recursion over nested data (the repr
    /// of a list of lists, `==` of tuples of tuples, …): past [`NESTING_LIMIT`]
    /// levels it is a RecursionError, as in CPython, instead of a stack overflow.
    pub fn nested<T>(
        &mut self,
        while_doing: &str,
        f: impl FnOnce(&mut Vm) -> PyResult<T>,
    ) -> PyResult<T> {
        if self.nesting >= NESTING_LIMIT {
            return Err(PyErr::new(
                "RecursionError",
                format!("maximum recursion depth exceeded{while_doing}"),
            ));
        }
        self.nesting += 1;
        let r = f(self);
        self.nesting -= 1;
        r
    }

    /// Called every [`HEAP_CHECK_EVERY`] instructions: MemoryError once the run
    /// holds more than its heap budget.
    #[inline]
    pub fn check_heap(&self) -> PyResult<()> {
        if self.instructions % HEAP_CHECK_EVERY == 0 && memory::live_bytes() > self.heap_limit {
            return Err(PyErr::new("MemoryError", ""));
        }
        Ok(())
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

/// Values are reference-counted, so cycles (a module's functions hold the module
/// as their globals, a class's methods hold the module that holds the class, an
/// object that refers to itself, …) would keep a run's objects alive after it:
/// about 100 KB per run, run after run in the browser. A finished VM breaks them
/// by emptying every namespace and container it can still reach. (Garbage that
/// was already unreachable during the run is not found: there is no cycle collector.)
impl Drop for Vm {
    fn drop(&mut self) {
        finalize::discard(self.finalize_id);
        let executing = finalize::running(0);
        let mut work: Vec<Value> = std::mem::take(&mut self.frames)
            .into_iter()
            .flat_map(|f| frame_values(*f))
            .collect();
        work.extend(self.modules.drain().map(|(_, m)| m));
        work.push(Value::Module(self.builtins.clone()));
        work.extend(self.exc_classes.drain().map(|(_, c)| Value::Class(c)));
        let mut seen = std::collections::HashSet::new();
        // Everything taken out is dropped at the end, once no cycle is left.
        let mut taken: Vec<Value> = Vec::new();
        while let Some(v) = work.pop() {
            let id = v.id();
            if matches!(v, Value::Str(_) | Value::Int(_) | Value::Float(_)) || !seen.insert(id) {
                continue;
            }
            match &v {
                Value::Module(m) => work.extend(namespace_values(&m.dict)),
                Value::Class(c) => {
                    work.extend(namespace_values(&c.dict));
                    work.extend(c.lookup_cache.borrow_mut().take_values());
                }
                Value::Instance(i) => {
                    work.extend(namespace_values(&i.dict));
                    work.push(std::mem::take(&mut *i.payload.borrow_mut()));
                    if let Some(e) = &i.exc {
                        let e = std::mem::take(&mut *e.borrow_mut());
                        work.extend(e.args);
                        work.push(e.cause);
                        work.push(e.context);
                    }
                }
                Value::List(l) => work.append(&mut l.borrow_mut()),
                Value::Tuple(t) => work.extend(t.iter().cloned()),
                Value::Dict(d) | Value::Set(d) => {
                    let entries = std::mem::take(&mut d.borrow_mut().entries);
                    *d.borrow_mut() = dict::PyDict::new();
                    for (_, k, val) in entries.into_iter().flatten() {
                        work.push(k);
                        work.push(val);
                    }
                }
                Value::Function(f) => {
                    work.extend(namespace_values(&f.dict));
                    work.push(std::mem::take(&mut *f.module.borrow_mut()));
                    work.extend(f.defaults.iter().cloned());
                    work.extend(f.kwdefaults.iter().map(|(_, v)| v.clone()));
                    work.extend(
                        f.closure
                            .iter()
                            .map(|c| std::mem::take(&mut *c.borrow_mut())),
                    );
                }
                Value::Cell(c) => work.push(std::mem::take(&mut *c.borrow_mut())),
                Value::Gen(g) => {
                    if let Some(f) = g.frame.borrow_mut().take() {
                        work.extend(frame_values(*f));
                    }
                }
                Value::BoundMethod(m) => {
                    work.push(m.self_.clone());
                    work.push(m.func.clone());
                }
                Value::Iter(it) => {
                    taken.push(Value::Iter(it.clone()));
                    let _ = std::mem::take(&mut *it.borrow_mut());
                }
                _ => {}
            }
            taken.push(v);
        }
        deep_drop::release(taken);
        finalize::running(executing);
    }
}

fn namespace_values(ns: &std::cell::RefCell<NameMap>) -> Vec<Value> {
    let ns = std::mem::take(&mut *ns.borrow_mut());
    let mut out: Vec<Value> = ns.iter().map(|(_, v)| v.clone()).collect();
    out.extend(ns.live().map(|d| Value::Dict(d.clone())));
    out
}

fn frame_values(f: Frame) -> Vec<Value> {
    let mut out = f.stack.clone();
    out.extend(f.locals.iter().cloned());
    out.extend(f.cells.iter().map(|c| std::mem::take(&mut *c.borrow_mut())));
    out.push(Value::Module(f.globals.clone()));
    out.push(f.aux.clone());
    if let Some(e) = &f.cur_exc {
        out.push(e.clone());
    }
    if let Some(ns) = &f.ns {
        out.extend(namespace_values(ns));
    }
    out
}

impl Default for Vm {
    fn default() -> Self {
        Vm::new()
    }
}
