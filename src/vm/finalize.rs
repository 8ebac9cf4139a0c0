//! Generators that die suspended are closed, as CPython closes them when their
//! last reference goes: `for x in gen(): break` runs the generator's `finally`
//! right there, before the next line. An async generator is closed the asyncio
//! way: its `aclose()` runs in a new task, scheduled at that moment (the loop's
//! `_asyncgen_finalizer_hook`).
//!
//! Values are reference-counted, so the moment is the same as CPython's, but
//! `Drop` cannot run Python: it moves the generator into a queue, and the VM
//! that was running closes it before its next instruction ([`Vm::finalize_pending`]).
//! Only generators whose frame is inside a `try` (or `with`) are queued: closing
//! any other is invisible. Coroutines are not (CPython warns or closes them only
//! in cases that asyncio's own clean-up makes rare).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::frame::Block;
use super::value::{GenKind, GenObj, GenState, Value};
use super::Vm;

thread_local! {
    /// The VM executing on this thread (0: none), whose generators are queued.
    static RUNNING: Cell<u32> = const { Cell::new(0) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
    /// Whose generators `QUEUE` holds (checked before every instruction): 0 none,
    /// a VM's id, or [`SEVERAL`].
    static PENDING: Cell<u32> = const { Cell::new(0) };
    static QUEUE: RefCell<Vec<(u32, Rc<GenObj>)>> = const { RefCell::new(Vec::new()) };
}

/// A new VM's id for [`running`].
pub fn new_vm_id() -> u32 {
    NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1).max(1));
        id
    })
}

/// Marks VM `id` as the one executing (0: none); returns the previous one.
pub fn running(id: u32) -> u32 {
    RUNNING.with(|r| r.replace(id))
}

/// [`PENDING`] when the queue holds the generators of more than one VM.
const SEVERAL: u32 = u32::MAX;

/// Whether a generator of VM `id` may wait to be closed (cheap: one thread-local).
#[inline]
pub fn pending_for(id: u32) -> bool {
    let p = PENDING.with(Cell::get);
    p == id || p == SEVERAL
}

/// From `Drop for GenObj`: takes over a dying generator that closing would show,
/// returning false when there is nothing to do (the caller frees it).
pub fn adopt(g: &mut GenObj) -> bool {
    let vm = RUNNING.with(Cell::get);
    if vm == 0
        || g.state.get() != GenState::Suspended
        || g.kind == GenKind::Coroutine
        || g.finalized.get()
    {
        return false;
    }
    let in_try = g
        .frame
        .get_mut()
        .as_ref()
        .is_some_and(|f| f.blocks.iter().any(|b| matches!(b, Block::Try { .. })));
    if !in_try {
        return false;
    }
    let revived = GenObj {
        kind: g.kind,
        frame: RefCell::new(g.frame.get_mut().take()),
        state: Cell::new(GenState::Suspended),
        name: g.name.clone(),
        qualname: g.qualname.clone(),
        code: g.code.clone(),
        awaited: Cell::new(g.awaited.get()),
        async_hooks: Cell::new(g.async_hooks.get()),
        finalized: Cell::new(true),
        wrapped: Cell::new(g.wrapped.get()),
    };
    let queued = QUEUE.try_with(|q| q.borrow_mut().push((vm, Rc::new(revived))));
    if queued.is_ok() {
        PENDING.with(|p| {
            p.set(if p.get() == 0 || p.get() == vm {
                vm
            } else {
                SEVERAL
            })
        });
    }
    true
}

/// The queued generators of VM `id`, in the order they died.
fn take(id: u32) -> Vec<Rc<GenObj>> {
    QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        let (mine, others): (Vec<_>, Vec<_>) = q.drain(..).partition(|(vm, _)| *vm == id);
        *q = others;
        let left = match q.first() {
            None => 0,
            Some((vm, _)) if q.iter().all(|(other, _)| other == vm) => *vm,
            Some(_) => SEVERAL,
        };
        PENDING.with(|p| p.set(left));
        mine.into_iter().map(|(_, g)| g).collect()
    })
}

/// Frees what VM `id` left queued (it is going away): closed without running.
pub fn discard(id: u32) {
    let previous = running(0);
    for g in take(id) {
        g.state.set(GenState::Closed);
    }
    running(previous);
}

impl Vm {
    /// Closes the generators that died since the last instruction (see the module
    /// doc). An error from a generator's clean-up is reported as CPython reports
    /// it ("Exception ignored in: …") and the program goes on.
    pub(crate) fn finalize_pending(&mut self) {
        for g in take(self.finalize_id) {
            if g.kind == GenKind::AsyncGenerator && self.schedule_aclose(&g) {
                continue;
            }
            if let Err(e) = self.gen_close(&g) {
                if e.is_suspend() {
                    continue; // (time.sleep() or a step budget inside a clean-up: not here)
                }
                let exc = self.materialize(e);
                let what = match g.kind {
                    GenKind::AsyncGenerator => "async_generator",
                    _ => "generator",
                };
                // CPython's unraisable hook: this exception alone, no chain.
                let mut report = format!(
                    "Exception ignored in: <{what} object {} at {:#x}>\n",
                    g.qualname.s,
                    Rc::as_ptr(&g) as usize
                );
                for line in self.plain_lines(&exc, "Traceback (most recent call last):") {
                    report.push_str(&line);
                    report.push('\n');
                }
                self.write_out(&report, true);
            }
        }
    }

    /// `loop.call_soon(loop.create_task, agen.aclose())` on the running loop, as
    /// asyncio's finalizer hook does; false when no loop runs.
    fn schedule_aclose(&mut self, g: &Rc<GenObj>) -> bool {
        let Some(hook) = self.modules.get("asyncio").and_then(|m| match m {
            Value::Module(m) => m.dict.borrow().get_str("_asyncgen_finalizer_hook").cloned(),
            _ => None,
        }) else {
            return false;
        };
        match self.call(&hook, vec![Value::Gen(g.clone())]) {
            Ok(v) => matches!(v, Value::Bool(true)),
            Err(_) => false,
        }
    }
}
