//! The value model. A `Value` is a small enum (16 bytes): immediates inline,
//! heap objects behind `Rc` (single-threaded). Reference cycles (e.g. a frame
//! that holds itself through a closure) leak; runs are short, so this is accepted.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::deep_drop::release;
pub use super::deep_drop::Shallow;
use super::dict::PyDict;
use super::namemap::NameMap;
use crate::compile::Code;

pub type Name = Rc<PyStr>;
pub type CellRef = Rc<RefCell<Value>>;

/// A Python `str`: UTF-8 text plus its length in code points (Python indexes by code point).
#[derive(Debug)]
pub struct PyStr {
    pub s: String,
    pub nchars: usize,
    /// True for the canonical shared copy made by `namemap::intern`.
    pub interned: bool,
}

impl PyStr {
    pub fn new(s: String) -> PyStr {
        let nchars = if s.is_ascii() {
            s.len()
        } else {
            s.chars().count()
        };
        PyStr {
            s,
            nchars,
            interned: false,
        }
    }
    pub fn is_ascii(&self) -> bool {
        self.nchars == self.s.len()
    }
    pub fn as_str(&self) -> &str {
        &self.s
    }
}

#[derive(Clone, Debug, Default)]
pub enum Value {
    /// Internal marker: an unbound local slot, or "no self" in a method call.
    #[default]
    Undef,
    None,
    NotImplemented,
    Ellipsis,
    Bool(bool),
    /// Ints are i64; overflow raises OverflowError (CPython would promote to a bignum).
    Int(i64),
    Float(f64),
    Str(Rc<PyStr>),
    Bytes(Rc<Vec<u8>>),
    Tuple(Rc<Shallow<Vec<Value>>>),
    List(Rc<Shallow<RefCell<Vec<Value>>>>),
    Dict(Rc<RefCell<PyDict>>),
    Set(Rc<RefCell<PyDict>>),
    FrozenSet(Rc<PyDict>),
    Range(Rc<RangeObj>),
    Slice(Rc<Shallow<[Value; 3]>>),
    Function(Rc<Function>),
    Native(Rc<NativeFn>),
    BoundMethod(Rc<BoundMethod>),
    Class(Rc<Class>),
    Instance(Rc<Instance>),
    Module(Rc<Module>),
    Gen(Rc<GenObj>),
    Iter(Rc<Shallow<RefCell<IterObj>>>),
    Cell(CellRef),
    Code(Rc<Code>),
    Property(Rc<Shallow<PropertyObj>>),
    StaticMethod(Rc<Shallow<Value>>),
    ClassMethod(Rc<Shallow<Value>>),
    Super(Rc<(Rc<Class>, Value)>),
    /// An event-loop handle (`call_soon`/`call_at` result).
    Handle(Rc<HandleObj>),
}

/// A `property`: `fget`, `fset`, `fdel` (`p[0]`, `p[1]`, `p[2]`), and the name that
/// `__set_name__` gave it when a class body made it (CPython's error messages
/// name the property only then).
#[derive(Debug, Default)]
pub struct PropertyObj {
    pub fns: [Value; 3],
    pub name: RefCell<Option<Name>>,
}

impl std::ops::Index<usize> for PropertyObj {
    type Output = Value;
    fn index(&self, i: usize) -> &Value {
        &self.fns[i]
    }
}

#[derive(Debug)]
pub struct RangeObj {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl RangeObj {
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn len(&self) -> i64 {
        if self.step > 0 && self.start < self.stop {
            ((self.stop as i128 - self.start as i128 - 1) / self.step as i128 + 1) as i64
        } else if self.step < 0 && self.start > self.stop {
            ((self.start as i128 - self.stop as i128 - 1) / (-(self.step as i128)) + 1) as i64
        } else {
            0
        }
    }
}

pub struct Function {
    pub code: Rc<Code>,
    pub globals: Rc<Module>,
    pub defaults: Vec<Value>,
    pub kwdefaults: Vec<(Name, Value)>,
    pub closure: Vec<CellRef>,
    pub name: RefCell<Name>,
    pub qualname: RefCell<Name>,
    /// `__module__`: the globals' `__name__` when the function was made (writable).
    pub module: RefCell<Value>,
    pub dict: RefCell<NameMap>,
}

impl std::fmt::Debug for Function {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<function {}>", self.qualname.borrow().s)
    }
}

/// Arguments given to a native function: positional (self first for methods) and keyword.
pub struct Args {
    pub pos: Vec<Value>,
    pub kw: Vec<(Name, Value)>,
}

pub type NativeImpl = fn(&mut super::Vm, &str, Args) -> super::PyResult<Value>;

/// A function written in Rust. `name` is passed to `f`, so one dispatcher can
/// serve many methods of a type.
pub struct NativeFn {
    pub name: &'static str,
    pub f: NativeImpl,
    /// Methods of builtin types bind `self` when looked up on an instance.
    pub is_method: bool,
    /// Extra data for closures made in Rust (e.g. a bound module).
    pub data: Value,
}

impl std::fmt::Debug for NativeFn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<built-in {}>", self.name)
    }
}

#[derive(Debug)]
pub struct BoundMethod {
    pub self_: Value,
    pub func: Value,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuiltinType {
    Object,
    Type,
    NoneType,
    Bool,
    Int,
    Float,
    Str,
    Bytes,
    Tuple,
    List,
    Dict,
    Set,
    FrozenSet,
    Range,
    Slice,
    Function,
    BuiltinFunction,
    Method,
    Module,
    Generator,
    Coroutine,
    AsyncGenerator,
    Iterator,
    Cell,
    Code,
    Property,
    StaticMethod,
    ClassMethod,
    Super,
    NotImplementedType,
    Ellipsis,
    BaseException,
}

pub struct Class {
    pub name: Name,
    pub qualname: Name,
    pub module: RefCell<Value>,
    pub bases: Vec<Rc<Class>>,
    /// Method resolution order, starting with this class itself (kept as weak-free
    /// clones of the bases; the class itself is not stored to avoid a cycle).
    pub mro: Vec<Rc<Class>>,
    pub dict: RefCell<NameMap>,
    /// The builtin type this class is or derives from (instances' layout).
    pub builtin: BuiltinType,
    pub is_exception: bool,
    /// Memoized MRO lookups (see `attr::LookupCache`).
    pub lookup_cache: RefCell<super::attr::LookupCache>,
}

impl std::fmt::Debug for Class {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<class '{}'>", self.name.s)
    }
}

/// Exception state carried by instances of BaseException subclasses.
#[derive(Debug, Default)]
pub struct ExcData {
    pub args: Vec<Value>,
    /// Innermost frame first (we prepend outer frames as the exception unwinds).
    pub traceback: Vec<TbEntry>,
    pub cause: Value,
    pub context: Value,
    pub suppress_context: bool,
}

#[derive(Debug, Clone)]
pub struct TbEntry {
    pub filename: Rc<str>,
    pub name: Name,
    pub line: u32,
    pub col: u32,
}

pub struct Instance {
    pub class: RefCell<Rc<Class>>,
    pub dict: RefCell<NameMap>,
    pub exc: Option<RefCell<ExcData>>,
    /// Payload for instances of builtin-derived classes (e.g. `class D(dict)`) and
    /// for native objects (deque storage etc.).
    pub payload: RefCell<Value>,
}

impl std::fmt::Debug for Instance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{} object>", self.class.borrow().name.s)
    }
}

pub struct Module {
    pub name: Name,
    pub dict: RefCell<NameMap>,
}

impl std::fmt::Debug for Module {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<module '{}'>", self.name.s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenKind {
    Generator,
    Coroutine,
    AsyncGenerator,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenState {
    Created,
    Suspended,
    Running,
    Closed,
}

pub struct GenObj {
    pub kind: GenKind,
    pub frame: RefCell<Option<Box<super::frame::Frame>>>,
    pub state: Cell<GenState>,
    pub name: Name,
    pub qualname: Name,
    pub code: Rc<Code>,
    /// Coroutines awaited once cannot be awaited again.
    pub awaited: Cell<bool>,
    /// Async generators: the `asend`/`athrow` driver in progress (0 none).
    pub async_hooks: Cell<u8>,
    /// Revived once to be closed as it died (`finalize.rs`): not again.
    pub finalized: Cell<bool>,
    /// Coroutines: `__await__()` handed it out (CPython's `coroutine_wrapper`), so a
    /// plain generator may `yield from` it (a custom awaitable's `__await__`).
    pub wrapped: Cell<bool>,
}

impl std::fmt::Debug for GenObj {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<generator {}>", self.qualname.s)
    }
}

/// Native iterators.
#[derive(Debug, Default)]
pub enum IterObj {
    Seq {
        seq: Value,
        idx: usize,
    },
    Range {
        next: i64,
        stop: i64,
        step: i64,
    },
    /// Dict / set iteration over a snapshot-free live view: position in entries.
    DictKeys {
        dict: Rc<RefCell<PyDict>>,
        idx: usize,
        len_at_start: usize,
    },
    DictValues {
        dict: Rc<RefCell<PyDict>>,
        idx: usize,
        len_at_start: usize,
    },
    DictItems {
        dict: Rc<RefCell<PyDict>>,
        idx: usize,
        len_at_start: usize,
    },
    SetIter {
        set: Value,
        idx: usize,
    },
    Str {
        s: Rc<PyStr>,
        byte: usize,
    },
    Enumerate {
        it: Value,
        n: i64,
    },
    Zip {
        its: Vec<Value>,
        strict: bool,
    },
    Map {
        f: Value,
        its: Vec<Value>,
    },
    Filter {
        f: Value,
        it: Value,
    },
    Reversed {
        seq: Value,
        idx: usize,
    },
    /// An async generator's `__anext__()` awaitable (asend): drives the generator
    /// until it yields a value. With `throw` (`athrow(exc)`), `value` is the
    /// exception its first step raises at the generator's `yield`. With `close`
    /// (`aclose()`, `value` a GeneratorExit): the generator runs, awaiting as it
    /// likes, until it ends (the result is None) or yields (a RuntimeError).
    ASend {
        gen: Rc<GenObj>,
        value: Value,
        started: bool,
        throw: bool,
        close: bool,
    },
    /// Awaitable yielding nothing and returning a value (used for `__aexit__` of natives).
    Done(Value),
    /// `iter(callable, sentinel)`
    Callable {
        f: Value,
        sentinel: Value,
    },
    #[default]
    Empty,
    /// An async generator's `yield v` on its way to the `__anext__` awaitable.
    AsyncYield(Value),
}

impl Value {
    /// `clone` with the values that own nothing copied inline (the derived
    /// `clone` is a call; the hottest opcodes clone mostly these).
    #[inline(always)]
    pub fn fast_clone(&self) -> Value {
        match self {
            Value::None => Value::None,
            Value::Int(i) => Value::Int(*i),
            Value::Bool(b) => Value::Bool(*b),
            _ => self.clone(),
        }
    }
    /// Drops `v`, inline when it owns nothing (the drop glue is a call).
    #[inline(always)]
    pub fn fast_drop(v: Value) {
        match v {
            Value::Undef | Value::None | Value::Int(_) | Value::Bool(_) | Value::Float(_) => {
                std::mem::forget(v)
            }
            v => drop(v),
        }
    }
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::new(PyStr::new(s.to_string())))
    }
    pub fn string(s: String) -> Value {
        Value::Str(Rc::new(PyStr::new(s)))
    }
    pub fn tuple(v: Vec<Value>) -> Value {
        Value::Tuple(Rc::new(Shallow(v)))
    }
    pub fn list(v: Vec<Value>) -> Value {
        Value::List(Rc::new(Shallow(RefCell::new(v))))
    }
    pub fn iter(it: IterObj) -> Value {
        Value::Iter(Rc::new(Shallow(RefCell::new(it))))
    }
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }
    pub fn is_undef(&self) -> bool {
        matches!(self, Value::Undef)
    }
    /// Identity (`is`).
    pub fn is(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (Undef, Undef)
            | (None, None)
            | (NotImplemented, NotImplemented)
            | (Ellipsis, Ellipsis) => true,
            (Bool(a), Bool(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (Float(a), Float(b)) => a.to_bits() == b.to_bits(),
            (Str(a), Str(b)) => Rc::ptr_eq(a, b) || (a.s.len() <= 1 && a.s == b.s),
            (Bytes(a), Bytes(b)) => Rc::ptr_eq(a, b),
            (Tuple(a), Tuple(b)) => Rc::ptr_eq(a, b) || (a.is_empty() && b.is_empty()),
            (List(a), List(b)) => Rc::ptr_eq(a, b),
            (Dict(a), Dict(b)) => Rc::ptr_eq(a, b),
            (Set(a), Set(b)) => Rc::ptr_eq(a, b),
            (FrozenSet(a), FrozenSet(b)) => Rc::ptr_eq(a, b),
            (Range(a), Range(b)) => Rc::ptr_eq(a, b),
            (Slice(a), Slice(b)) => Rc::ptr_eq(a, b),
            (Function(a), Function(b)) => Rc::ptr_eq(a, b),
            (Native(a), Native(b)) => Rc::ptr_eq(a, b),
            (BoundMethod(a), BoundMethod(b)) => Rc::ptr_eq(a, b),
            (Class(a), Class(b)) => Rc::ptr_eq(a, b),
            (Instance(a), Instance(b)) => Rc::ptr_eq(a, b),
            (Module(a), Module(b)) => Rc::ptr_eq(a, b),
            (Gen(a), Gen(b)) => Rc::ptr_eq(a, b),
            (Iter(a), Iter(b)) => Rc::ptr_eq(a, b),
            (Cell(a), Cell(b)) => Rc::ptr_eq(a, b),
            (Code(a), Code(b)) => Rc::ptr_eq(a, b),
            (Property(a), Property(b)) => Rc::ptr_eq(a, b),
            (StaticMethod(a), StaticMethod(b)) => Rc::ptr_eq(a, b),
            (ClassMethod(a), ClassMethod(b)) => Rc::ptr_eq(a, b),
            (Super(a), Super(b)) => Rc::ptr_eq(a, b),
            (Handle(a), Handle(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
    /// A stable identity number for `id()` and default hashing.
    pub fn id(&self) -> i64 {
        use Value::*;
        let p: *const u8 = match self {
            Str(a) => Rc::as_ptr(a) as *const u8,
            Bytes(a) => Rc::as_ptr(a) as *const u8,
            Tuple(a) => Rc::as_ptr(a) as *const u8,
            List(a) => Rc::as_ptr(a) as *const u8,
            Dict(a) | Set(a) => Rc::as_ptr(a) as *const u8,
            FrozenSet(a) => Rc::as_ptr(a) as *const u8,
            Range(a) => Rc::as_ptr(a) as *const u8,
            Slice(a) => Rc::as_ptr(a) as *const u8,
            Function(a) => Rc::as_ptr(a) as *const u8,
            Native(a) => Rc::as_ptr(a) as *const u8,
            BoundMethod(a) => Rc::as_ptr(a) as *const u8,
            Class(a) => Rc::as_ptr(a) as *const u8,
            Instance(a) => Rc::as_ptr(a) as *const u8,
            Module(a) => Rc::as_ptr(a) as *const u8,
            Gen(a) => Rc::as_ptr(a) as *const u8,
            Iter(a) => Rc::as_ptr(a) as *const u8,
            Cell(a) => Rc::as_ptr(a) as *const u8,
            Code(a) => Rc::as_ptr(a) as *const u8,
            Property(a) => Rc::as_ptr(a) as *const u8,
            StaticMethod(a) | ClassMethod(a) => Rc::as_ptr(a) as *const u8,
            Super(a) => Rc::as_ptr(a) as *const u8,
            Handle(a) => Rc::as_ptr(a) as *const u8,
            Int(i) => return *i,
            Bool(b) => return *b as i64 + 1_000,
            Float(f) => return f.to_bits() as i64,
            Undef => return 0,
            None => return 9_000,
            NotImplemented => return 9_001,
            Ellipsis => return 9_002,
        };
        p as usize as i64
    }
}

/// A callback scheduled on the event loop.
pub struct HandleObj {
    pub info: RefCell<Option<crate::asyncio::HandleRef>>,
    pub callback: Value,
    pub args: Vec<Value>,
    pub when: Option<f64>,
}

impl std::fmt::Debug for HandleObj {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<Handle>")
    }
}

// Objects holding values release them through `deep_drop::release`, so dropping a
// deep chain (a linked list of instances, nested closures, …) never recurses deeply.

impl Drop for Instance {
    fn drop(&mut self) {
        release((
            std::mem::take(self.dict.get_mut()),
            std::mem::take(self.payload.get_mut()),
            self.exc.take(),
        ));
    }
}

impl Drop for Function {
    fn drop(&mut self) {
        release((
            std::mem::take(&mut self.defaults),
            std::mem::take(&mut self.kwdefaults),
            std::mem::take(&mut self.closure),
            std::mem::take(self.dict.get_mut()),
            std::mem::take(self.module.get_mut()),
        ));
    }
}

impl Drop for BoundMethod {
    fn drop(&mut self) {
        release((
            std::mem::take(&mut self.self_),
            std::mem::take(&mut self.func),
        ));
    }
}

impl Drop for GenObj {
    fn drop(&mut self) {
        // A generator suspended in a `try` is closed by the VM, as CPython does.
        if !super::finalize::adopt(self) {
            release(self.frame.get_mut().take());
        }
    }
}

impl Drop for HandleObj {
    fn drop(&mut self) {
        if self.args.is_empty() {
            // Just a callable: it releases its own contents.
            return;
        }
        release((
            std::mem::take(&mut self.callback),
            std::mem::take(&mut self.args),
        ));
    }
}
