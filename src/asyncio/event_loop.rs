//! CPython 3.11's event-loop algorithm (`BaseEventLoop._run_once`), generic over
//! the callback type `H` the VM stores in a handle.
//!
//! The loop never reads a clock: the driver passes "now" in. One iteration is:
//!
//! ```text
//! let timeout = lp.prepare(now);        // cleanup of cancelled timers + select timeout
//! now = wait(timeout);                  // virtual driver: now + timeout; browser: real wait
//! let n = lp.begin_iteration(now);      // timers with when < now + 1e-9 become ready
//! for _ in 0..n {
//!     if let Some(ready) = lp.pop_ready() { run(ready.callback) }   // cancelled ones are skipped
//! }
//! ```
//!
//! Handles added while an iteration runs are not among its `n`: they run in the
//! next iteration, as in CPython. The driver may stop between handles (instruction
//! budgets) and resume popping later; the loop keeps no per-iteration state.

use std::cell::Cell;
use std::cmp::Ordering;
use std::collections::{BinaryHeap, VecDeque};
use std::rc::Rc;

/// `time.get_clock_info('monotonic').resolution` on Linux: timers due within this
/// window of "now" run in the current iteration.
pub const CLOCK_RESOLUTION: f64 = 1e-9;
/// `asyncio.base_events.MAXIMUM_SELECT_TIMEOUT` (24 hours).
pub const MAXIMUM_SELECT_TIMEOUT: f64 = 24.0 * 3600.0;
/// Timer-heap cleanup happens only above this many scheduled timers...
pub const MIN_SCHEDULED_TIMER_HANDLES: usize = 100;
/// ...and when more than this fraction of them is cancelled.
pub const MIN_CANCELLED_TIMER_HANDLES_FRACTION: f64 = 0.5;

/// The shared state of one `Handle`/`TimerHandle`; the VM's handle object keeps a
/// clone so `cancel()`/`cancelled()`/`when()` work after the loop has let go of it.
#[derive(Debug)]
pub struct HandleInfo {
    /// Creation order over all handles of the loop (ties between equal deadlines).
    seq: u64,
    /// `Some(deadline)` for a `TimerHandle`.
    when: Option<f64>,
    cancelled: Cell<bool>,
    /// CPython's `TimerHandle._scheduled`: in the timer heap right now.
    scheduled: Cell<bool>,
}

impl HandleInfo {
    pub fn seq(&self) -> u64 {
        self.seq
    }

    /// The deadline of a timer handle (`TimerHandle.when()`); `None` for `call_soon`.
    pub fn when(&self) -> Option<f64> {
        self.when
    }

    pub fn cancelled(&self) -> bool {
        self.cancelled.get()
    }

    /// Whether this timer is still in the heap (not yet moved to the ready queue).
    pub fn scheduled(&self) -> bool {
        self.scheduled.get()
    }
}

pub type HandleRef = Rc<HandleInfo>;

/// A handle popped from the ready queue, to be run by the driver.
#[derive(Debug)]
pub struct Ready<H> {
    pub handle: HandleRef,
    pub callback: H,
}

struct Timer<H> {
    handle: HandleRef,
    callback: H,
}

impl<H> Timer<H> {
    fn key(&self) -> (f64, u64) {
        (self.handle.when.unwrap_or(0.0), self.handle.seq)
    }
}

impl<H> PartialEq for Timer<H> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl<H> Eq for Timer<H> {}

impl<H> PartialOrd for Timer<H> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<H> Ord for Timer<H> {
    /// Reversed so `BinaryHeap` (a max-heap) pops the earliest (deadline, seq).
    fn cmp(&self, other: &Self) -> Ordering {
        let (a_when, a_seq) = self.key();
        let (b_when, b_seq) = other.key();
        b_when.total_cmp(&a_when).then(b_seq.cmp(&a_seq))
    }
}

/// `BaseEventLoop`'s scheduling state: the ready FIFO, the timer heap, `_stopping`.
pub struct EventLoop<H> {
    ready: VecDeque<Ready<H>>,
    scheduled: BinaryHeap<Timer<H>>,
    next_seq: u64,
    timer_cancelled_count: usize,
    stopping: bool,
}

impl<H> Default for EventLoop<H> {
    fn default() -> Self {
        Self::new()
    }
}

impl<H> EventLoop<H> {
    pub fn new() -> Self {
        EventLoop {
            ready: VecDeque::new(),
            scheduled: BinaryHeap::new(),
            next_seq: 0,
            timer_cancelled_count: 0,
            stopping: false,
        }
    }

    fn new_handle(&mut self, when: Option<f64>) -> HandleRef {
        let seq = self.next_seq;
        self.next_seq += 1;
        Rc::new(HandleInfo {
            seq,
            when,
            cancelled: Cell::new(false),
            scheduled: Cell::new(when.is_some()),
        })
    }

    /// `loop.call_soon(callback)`: appended to the ready FIFO.
    pub fn call_soon(&mut self, callback: H) -> HandleRef {
        let handle = self.new_handle(None);
        self.ready.push_back(Ready {
            handle: handle.clone(),
            callback,
        });
        handle
    }

    /// `call_soon`, reusing the allocation of `old` (a handle that has run) for
    /// the new handle when nothing else holds it.
    pub fn call_soon_reusing(&mut self, mut old: HandleRef, callback: H) -> HandleRef {
        let handle = match Rc::get_mut(&mut old) {
            Some(info) => {
                *info = HandleInfo {
                    seq: self.next_seq,
                    when: None,
                    cancelled: Cell::new(false),
                    scheduled: Cell::new(false),
                };
                self.next_seq += 1;
                old
            }
            None => self.new_handle(None),
        };
        self.ready.push_back(Ready {
            handle: handle.clone(),
            callback,
        });
        handle
    }

    /// `loop.call_at(when, callback)`: pushed on the timer heap.
    pub fn call_at(&mut self, when: f64, callback: H) -> HandleRef {
        let handle = self.new_handle(Some(when));
        self.scheduled.push(Timer {
            handle: handle.clone(),
            callback,
        });
        handle
    }

    /// `Handle.cancel()` / `TimerHandle.cancel()` (with `_timer_handle_cancelled`).
    /// Idempotent. The callback stays queued and is skipped when it is reached.
    pub fn cancel(&mut self, handle: &HandleInfo) {
        if handle.cancelled.get() {
            return;
        }
        if handle.when.is_some() && handle.scheduled.get() {
            self.timer_cancelled_count += 1;
        }
        handle.cancelled.set(true);
    }

    /// `loop.stop()`: the current (or next) iteration is the last of `run_forever`.
    pub fn stop(&mut self) {
        self.stopping = true;
    }

    pub fn is_stopping(&self) -> bool {
        self.stopping
    }

    /// `run_forever`'s `finally: self._stopping = False`.
    pub fn clear_stopping(&mut self) {
        self.stopping = false;
    }

    /// The first half of `_run_once`: drop cancelled timers (all of them when they
    /// are too many, else those at the head of the heap), then the select timeout:
    /// `Some(0.0)` when something is ready or the loop is stopping, else the time
    /// to the earliest timer clamped to `[0, MAXIMUM_SELECT_TIMEOUT]`, else `None`
    /// (nothing scheduled: CPython would block forever).
    pub fn prepare(&mut self, now: f64) -> Option<f64> {
        let sched_count = self.scheduled.len();
        if sched_count > MIN_SCHEDULED_TIMER_HANDLES
            && self.timer_cancelled_count as f64 / sched_count as f64
                > MIN_CANCELLED_TIMER_HANDLES_FRACTION
        {
            let timers = std::mem::take(&mut self.scheduled).into_vec();
            let mut kept = Vec::with_capacity(timers.len());
            for timer in timers {
                if timer.handle.cancelled.get() {
                    timer.handle.scheduled.set(false);
                } else {
                    kept.push(timer);
                }
            }
            self.scheduled = BinaryHeap::from(kept);
            self.timer_cancelled_count = 0;
        } else {
            while let Some(head) = self.scheduled.peek() {
                if !head.handle.cancelled.get() {
                    break;
                }
                self.timer_cancelled_count = self.timer_cancelled_count.saturating_sub(1);
                if let Some(timer) = self.scheduled.pop() {
                    timer.handle.scheduled.set(false);
                }
            }
        }
        if !self.ready.is_empty() || self.stopping {
            return Some(0.0);
        }
        let head = self.scheduled.peek()?;
        let when = head.handle.when.unwrap_or(now);
        // Not `clamp`: a NaN deadline must give 0, never a NaN timeout.
        #[allow(clippy::manual_clamp)]
        Some((when - now).max(0.0).min(MAXIMUM_SELECT_TIMEOUT))
    }

    /// The second half of `_run_once`, after the select: move every timer with
    /// `when < now + CLOCK_RESOLUTION` to the ready queue (in (when, seq) order) and
    /// return `ntodo`, how many handles this iteration runs (pop them with
    /// [`EventLoop::pop_ready`]).
    pub fn begin_iteration(&mut self, now: f64) -> usize {
        let end_time = now + CLOCK_RESOLUTION;
        while let Some(head) = self.scheduled.peek() {
            if head.handle.when.unwrap_or(f64::NEG_INFINITY) >= end_time {
                break;
            }
            if let Some(timer) = self.scheduled.pop() {
                timer.handle.scheduled.set(false);
                self.ready.push_back(Ready {
                    handle: timer.handle,
                    callback: timer.callback,
                });
            }
        }
        self.ready.len()
    }

    /// Pops the front of the ready queue (one of the iteration's `ntodo`).
    /// `None` when it was cancelled (skipped, as CPython does) or the queue is empty.
    pub fn pop_ready(&mut self) -> Option<Ready<H>> {
        let ready = self.ready.pop_front()?;
        if ready.handle.cancelled.get() {
            return None;
        }
        Some(ready)
    }

    /// Runs one whole iteration at `now` (after the driver's wait), calling `run`
    /// on each live handle; returns how many ran. Convenient for drivers that need
    /// no budget between handles, and for tests.
    pub fn run_iteration(&mut self, now: f64, mut run: impl FnMut(&mut Self, Ready<H>)) -> usize {
        let ntodo = self.begin_iteration(now);
        let mut ran = 0;
        for _ in 0..ntodo {
            if let Some(ready) = self.pop_ready() {
                ran += 1;
                run(self, ready);
            }
        }
        ran
    }

    /// `loop.close()`: forget every ready and scheduled handle.
    pub fn clear(&mut self) {
        self.ready.clear();
        for timer in self.scheduled.drain() {
            timer.handle.scheduled.set(false);
        }
        self.timer_cancelled_count = 0;
        self.stopping = false;
    }

    /// Handles in the ready queue, cancelled ones included (`len(loop._ready)`).
    pub fn ready_len(&self) -> usize {
        self.ready.len()
    }

    /// Timers in the heap, cancelled ones included (`len(loop._scheduled)`).
    pub fn scheduled_len(&self) -> usize {
        self.scheduled.len()
    }

    /// `loop._timer_cancelled_count`.
    pub fn timer_cancelled_count(&self) -> usize {
        self.timer_cancelled_count
    }

    /// The deadline at the head of the timer heap (possibly a cancelled timer).
    pub fn next_deadline(&self) -> Option<f64> {
        self.scheduled.peek().and_then(|t| t.handle.when)
    }

    /// Nothing ready and no timers: with no I/O outstanding, the loop would wait forever.
    pub fn is_empty(&self) -> bool {
        self.ready.is_empty() && self.scheduled.is_empty()
    }
}

#[cfg(test)]
mod tests;
