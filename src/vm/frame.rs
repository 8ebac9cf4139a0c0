//! Frames live on the heap (`Vm::frames`), so Python→Python calls never recurse in Rust.
//! Finished frames go back to a small pool (`Vm::frame_pool`) with their vectors'
//! capacity, so a call allocates nothing for its frame.

use std::rc::Rc;

use super::namemap::NameMap;
use super::value::{CellRef, GenObj, Module, Value};
use crate::compile::Code;
use std::cell::RefCell;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Block {
    /// Exception handler at `handler`; the value stack is cut back to `depth`.
    Try { handler: u32, depth: u32 },
    /// Inside an `except` body: `stack[depth]` holds the previously handled exception.
    Handler { depth: u32 },
}

/// What happens with this frame's result when it returns or yields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetKind {
    /// Push the return value on the caller's stack.
    Call,
    /// `__init__`: push the frame's `aux` (the new instance) instead.
    Init,
    /// A module body run by `import`: push the module.
    Import,
    /// Return to the Rust code that started this frame (`Vm::exec` base).
    Native,
    /// Resumed by `gen.send()`/`next()` from Python: yield → value to caller; return → StopIteration.
    GenSend,
    /// Delegated to by the caller's `Send` (`await`/`yield from`).
    YieldFrom,
    /// Driven by the caller's `ForIter(target)`.
    ForIter(u32),
    /// An async generator driven by an `__anext__()` awaitable in the caller's `Send`.
    ASend,
    /// An async generator driven by an `aclose()` awaitable in the caller's `Send`.
    AClose,
    /// A callback run by the event loop: result dropped, errors go to the handle error hook.
    Handle,
    /// A task's coroutine resumed by the native `Task._step` (`task_step.rs`;
    /// the frame's `aux` holds the task while it runs). True: the step was
    /// called from Python (`_wakeup`), so `None` goes to the caller at the end;
    /// false: run by a loop handle.
    TaskStep(bool),
    /// `_step_returned`/`_step_raised`/`_step_yielded` called by the native
    /// step: like `Call` (true) or `Handle` (false), and it also ends the step.
    StepPiece(bool),
}

pub struct Frame {
    pub code: Rc<Code>,
    pub ip: usize,
    pub stack: Vec<Value>,
    pub locals: Vec<Value>,
    pub cells: Vec<CellRef>,
    pub blocks: Vec<Block>,
    pub globals: Rc<Module>,
    /// Class bodies: the namespace being built.
    pub ns: Option<Rc<RefCell<NameMap>>>,
    /// The generator whose frame this is, while it runs (its only owner then may
    /// be this frame: `next(gen())`). None while suspended: the generator holds
    /// the frame then, and a reference back would be a cycle.
    pub gen: Option<Rc<GenObj>>,
    pub ret: RetKind,
    /// The exception being handled in this frame (for bare `raise` and `__context__`).
    pub cur_exc: Option<Value>,
    pub aux: Value,
}

/// Pooled frames kept at most (deeper recursion just allocates).
const POOL_MAX: usize = 64;

impl super::Vm {
    /// A frame for `code`, from the pool when one is free.
    pub fn new_frame(&mut self, code: Rc<Code>, globals: Rc<Module>) -> Box<Frame> {
        match self.frame_pool.pop() {
            Some(mut f) => {
                f.reset(code, globals);
                f
            }
            None => Box::new(Frame::new(code, globals)),
        }
    }
    /// Returns a finished frame to the pool.
    pub fn recycle_frame(&mut self, mut f: Box<Frame>) {
        f.clear();
        if self.frame_pool.len() < POOL_MAX && f.stack.capacity() <= 64 {
            self.frame_pool.push(f);
        }
    }
}

impl Frame {
    pub fn new(code: Rc<Code>, globals: Rc<Module>) -> Frame {
        let n = code.varnames.len();
        Frame {
            code,
            ip: 0,
            stack: Vec::with_capacity(8),
            locals: vec![Value::Undef; n],
            cells: Vec::new(),
            blocks: Vec::new(),
            globals,
            ns: None,
            gen: None,
            ret: RetKind::Call,
            cur_exc: None,
            aux: Value::None,
        }
    }
    /// Readies a pooled frame for a new call of `code` (see `Vm::new_frame`).
    fn reset(&mut self, code: Rc<Code>, globals: Rc<Module>) {
        self.locals.resize(code.varnames.len(), Value::Undef);
        self.code = code;
        self.globals = globals;
        self.ip = 0;
        self.ret = RetKind::Call;
    }
    /// Drops a finished frame's values so its allocations can be pooled.
    fn clear(&mut self) {
        self.stack.clear();
        self.locals.clear();
        self.cells.clear();
        self.blocks.clear();
        self.ns = None;
        self.gen = None;
        self.cur_exc = None;
        self.aux = Value::None;
    }
    /// Pops the value stack (`Undef` when empty). Inline everywhere: out of line on
    /// wasm it saved 0.9 KB gzipped but halved the browser's task switches.
    #[inline(always)]
    pub fn pop(&mut self) -> Value {
        self.stack.pop().unwrap_or_default()
    }
    /// Pushes on the value stack; inline like `pop`.
    #[inline(always)]
    pub fn push(&mut self, v: Value) {
        self.stack.push(v)
    }
    /// Index of the instruction being executed (or last executed).
    pub fn lasti(&self) -> usize {
        self.ip.saturating_sub(1)
    }
}
