//! Compiler: `crate::python::ast` → code objects (bytecode with a line table).
//! `symtable` decides each name's scope exactly like CPython (local, global,
//! nonlocal/free, cell; class scopes; comprehensions as their own scope);
//! `compiler` emits [`Op`]s.

pub mod compiler;
pub mod symtable;
pub mod unparse;

use std::rc::Rc;

use crate::python::ast::{BinOp, CmpOp, UnaryOp};
use crate::python::span::Span;
use crate::vm::value::{Name, Value};

pub use compiler::compile_module;

/// One instruction. Operands are indexes into the code object's tables
/// (`consts`, `names`, fast locals, cells) or jump targets (instruction index).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    Nop,
    Pop,
    Dup,
    DupTop2,
    Rot2,
    Rot3,
    Rot4,
    LoadConst(u32),
    LoadFast(u32),
    StoreFast(u32),
    DeleteFast(u32),
    /// Cells: `cellvars` then `freevars`.
    LoadDeref(u32),
    StoreDeref(u32),
    DeleteDeref(u32),
    LoadClosure(u32),
    /// In a class body: the class namespace first, then the cell.
    LoadClassDeref(u32),
    LoadGlobal(u32),
    StoreGlobal(u32),
    DeleteGlobal(u32),
    /// Module and class bodies: locals namespace, then globals, then builtins.
    LoadName(u32),
    StoreName(u32),
    DeleteName(u32),
    LoadAttr(u32),
    StoreAttr(u32),
    DeleteAttr(u32),
    /// Pushes `(func, self)` or `(Undef, callable)`; followed by `CallMethod`.
    LoadMethod(u32),
    CallMethod(u32),
    Subscr,
    StoreSubscr,
    DeleteSubscr,
    Binary(BinOp),
    Inplace(BinOp),
    Unary(UnaryOp),
    Compare(CmpOp),
    BuildTuple(u32),
    BuildList(u32),
    BuildSet(u32),
    /// `n` key/value pairs.
    BuildMap(u32),
    BuildSlice(u32),
    BuildString(u32),
    /// Append TOS to the list `n` deep (comprehensions).
    ListAppend(u32),
    SetAdd(u32),
    MapAdd(u32),
    ListExtend(u32),
    SetUpdate(u32),
    DictUpdate(u32),
    ListToTuple,
    /// `flags & 3`: conversion (0 none, 1 str, 2 repr, 3 ascii); `flags & 4`: spec on TOS.
    FormatValue(u32),
    UnpackSequence(u32),
    /// (before, after) the starred target.
    UnpackEx(u32, u32),
    Jump(u32),
    PopJumpIfFalse(u32),
    PopJumpIfTrue(u32),
    JumpIfFalseOrPop(u32),
    JumpIfTrueOrPop(u32),
    GetIter,
    /// Next item, or pop the iterator and jump.
    ForIter(u32),
    GetAIter,
    GetANext,
    /// Exception handler of `async for`: StopAsyncIteration ends the loop.
    EndAsyncFor,
    /// `argc` positional args on the stack after the callable.
    Call(u32),
    /// `argc` values, the last `len(names)` of which are keywords named by const `names`.
    CallKw(u32, u32),
    /// `f(*args, **kw)`: stack = callable, args tuple, [kwargs dict if flag 1].
    CallEx(u32),
    /// Stack: [defaults tuple if 1][kwdefaults dict if 2][closure tuple if 8] code qualname.
    MakeFunction(u32),
    Return,
    YieldValue,
    GetYieldFromIter,
    GetAwaitable,
    /// Stack [receiver, value]: send value; result replaces both, or this frame yields.
    Send,
    SetupFinally(u32),
    PopBlock,
    /// Stack [.., exc] → [.., prev_exc, exc]; marks "handling exc".
    PushExcInfo,
    /// Stack [.., prev_exc] → [..]; restores the handled exception.
    PopExcept,
    /// Re-raises TOS without adding a traceback entry.
    Reraise,
    /// Stack [tb length, prev_exc, exc]: re-raises the exception a `with`'s `__exit__`
    /// let through, with the traceback it came in with (contextlib's
    /// `exc.__traceback__ = traceback`; there are no traceback objects here).
    WithReraise,
    /// 0: bare raise; 1: raise exc; 2: raise exc from cause.
    Raise(u32),
    /// Stack [.., exc, type] → [.., exc, bool].
    CheckExcMatch,
    /// except*: stack [.., eg, type] → [.., rest, match] (match None if nothing matched).
    CheckEgMatch,
    /// Stack [.., orig, list of raised/unhandled] → [.., exc to reraise or None].
    PrepReraiseStar,
    LoadAssertionError,
    LoadBuildClass,
    BeforeWith,
    BeforeAsyncWith,
    /// Stack [exit, x] → calls exit(None, None, None).
    CallExitNone,
    /// Stack [exit, prev, exc] → push exit(type, exc, tb).
    WithExceptStart,
    ImportName(u32),
    ImportFrom(u32),
    ImportStar,
    /// Push the frame's locals namespace as a dict (class bodies / `locals()`).
    LoadLocals,
    /// Pushes the current handled exception (used to check an un-caught except body).
    Nop2,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeKind {
    Module,
    Class,
    Function,
    Lambda,
    Comprehension,
}

pub const FLAG_VARARGS: u32 = 1;
pub const FLAG_VARKW: u32 = 2;
pub const FLAG_GENERATOR: u32 = 4;
pub const FLAG_COROUTINE: u32 = 8;
pub const FLAG_ASYNC_GEN: u32 = 16;
/// The function has a docstring, `consts[0]` (as CPython's `co_consts[0]`).
pub const FLAG_DOC: u32 = 32;

/// A compiled body: module, class body, function, lambda or comprehension.
#[derive(Debug)]
pub struct Code {
    pub kind: CodeKind,
    pub name: Name,
    pub qualname: Name,
    pub filename: Rc<str>,
    pub ops: Vec<Op>,
    /// `spans[i]` locates `ops[i]` in the source (line table).
    pub spans: Vec<Span>,
    pub consts: Vec<Value>,
    pub names: Vec<Name>,
    /// Per name: where it was last found in a namespace (`NameMap::get_hinted`),
    /// CPython's inline caches in their simplest form.
    pub name_hints: Vec<std::cell::Cell<u32>>,
    /// Fast locals: parameters first, in the order positional, kw-only, *args, **kwargs.
    pub varnames: Vec<Name>,
    pub cellvars: Vec<Name>,
    pub freevars: Vec<Name>,
    /// For each cellvar that is also a parameter: (cell index, param slot).
    pub cell_args: Vec<(u32, u32)>,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: u32,
    pub first_line: u32,
    /// Source lines, for tracebacks (shared by all code objects of a file).
    pub source: Rc<Vec<String>>,
}

impl Code {
    pub fn is_generator_like(&self) -> bool {
        self.flags & (FLAG_GENERATOR | FLAG_COROUTINE | FLAG_ASYNC_GEN) != 0
    }
    pub fn span_at(&self, ip: usize) -> Span {
        self.spans.get(ip).copied().unwrap_or_default()
    }
}
