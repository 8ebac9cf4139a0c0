//! The browser driver: runs a [`Session`] in slices on the browser's microtask
//! queue (DESIGN.md "The browser driver").
//!
//! - One `spawn_local` future per run calls [`Session::run_slice`] again and
//!   again. Between slices it awaits a resolved promise, so the loop's
//!   iterations are microtasks and interleave with the page's own microtasks in
//!   queue order (tests/browser_driver.rs pins the exact order).
//! - After [`WORK_MS`] of continuous work it yields to a macrotask (a
//!   `MessageChannel` message: no 4 ms `setTimeout` clamp), so the page paints
//!   and Stop works even on `while True: pass`. The instruction budget of a
//!   slice adapts so that one slice takes about [`SLICE_MS`].
//! - Idle: [`Clock::Virtual`] jumps the clock by the loop's timeout (`now += t`,
//!   exactly as [`crate::run::run_virtual`]); [`Clock::Real`] waits with a timer
//!   until the deadline, waking early for a finished `fetch()` or Stop.
//!   `time.sleep` ([`SliceStatus::Blocked`]) holds the loop the same way.
//!   The real clock reads 0.0 until the first task exists: slices before it
//!   (compiling the asyncio prelude on `import asyncio`) do not count.
//! - `aiohttp` on the real clock is a real `fetch()`; when it fails and a fixture
//!   has the URL, the fixture answers (after its latency) and a note says so.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};

use gloo_timers::callback::Timeout;
use js_sys::Promise;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{MessageChannel, MessagePort};
use yew::Callback;

use crate::run::console::LineSplitter;
use crate::run::{
    connect_error_message, ErrorLocation, HttpAnswer, HttpFixture, HttpRequest, Network,
    RunOptions, Session, SliceStatus,
};
use crate::trace::{RunMode, Trace};
use crate::vm::OutChunk;

/// Continuous work (ms) after which the driver yields to a macrotask. With
/// slices of about [`SLICE_MS`], a burst of work stays under 8 ms.
pub const WORK_MS: f64 = 6.0;
/// The time one slice aims at (ms); its instruction budget adapts to this.
pub const SLICE_MS: f64 = 1.5;
/// `on_update` is emitted at most once per this many ms (one animation frame).
pub const FRAME_MS: f64 = 16.0;
const FIRST_BUDGET: u64 = 2_000;
/// A `fetch()` that has not answered after this long fails (then the fixture answers).
const FETCH_TIMEOUT_MS: u32 = 10_000;
const MIN_BUDGET: u64 = 1_000;
const MAX_BUDGET: u64 = 4_000_000;

/// Which clock the loop sees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Clock {
    /// Instant and deterministic: idle waits jump the clock (the ideal run).
    Virtual,
    /// `performance.now()` scaled by `speed` (2.0: program time runs twice as fast).
    Real { speed: f64 },
}

/// What to run, and how.
#[derive(Clone, Debug)]
pub struct RunSpec {
    pub source: String,
    pub mode: RunMode,
    pub clock: Clock,
    pub max_instructions: u64,
    /// Answers for `aiohttp`: on the virtual clock the only answers; on the real
    /// clock the fallback when `fetch()` cannot reach the URL.
    pub fixtures: Rc<Vec<HttpFixture>>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum LiveStatus {
    Running,
    Finished {
        exit_code: i32,
        error: Option<ErrorLocation>,
    },
    /// Stopped by the user before the program ended.
    Stopped,
}

/// A run as far as it has got. The driver appends; the page reads.
#[derive(Clone, Debug)]
pub struct Live {
    /// Tasks and events so far; `end_time` is the clock of the last slice.
    pub trace: Trace,
    pub output: Vec<OutChunk>,
    /// `output` split into console lines as it arrives (the page shows the newest).
    pub console: LineSplitter,
    /// Things a person should know that are not program output
    /// (e.g. "fetch … failed: answered from the bundled fixture").
    pub notes: Vec<String>,
    pub files: BTreeMap<String, String>,
    pub status: LiveStatus,
    /// Wall-clock milliseconds the run took so far.
    pub wall_ms: f64,
    /// Slices run so far ([`Session::run_slice`] calls).
    pub slices: u32,
    /// Times the driver yielded to a macrotask after [`WORK_MS`] of work.
    pub macrotask_yields: u32,
    /// The clock this run uses.
    pub clock: Clock,
    /// `performance.now()` at program time 0, the first slice (real clock: the
    /// page's "now" cursor, see [`Live::now`]).
    pub started_at_ms: f64,
}

impl Live {
    fn new(spec: &RunSpec) -> Live {
        Live {
            trace: Trace {
                mode: spec.mode,
                tasks: Vec::new(),
                events: Vec::new(),
                end_time: 0.0,
            },
            output: Vec::new(),
            console: LineSplitter::new(),
            notes: Vec::new(),
            files: BTreeMap::new(),
            status: LiveStatus::Running,
            wall_ms: 0.0,
            slices: 0,
            macrotask_yields: 0,
            clock: spec.clock,
            started_at_ms: perf_now(),
        }
    }

    /// The program's clock now: on a running real-clock run it keeps moving
    /// during idle waits; otherwise the time of the last slice.
    pub fn now(&self) -> f64 {
        match (self.clock, &self.status) {
            (Clock::Real { speed }, LiveStatus::Running) => {
                let t = (perf_now() - self.started_at_ms) / 1000.0 * clean_speed(speed);
                t.max(self.trace.end_time)
            }
            _ => self.trace.end_time,
        }
    }
}

pub type LiveRef = Rc<RefCell<Live>>;

/// A run in progress: read [`RunHandle::live`], stop it with [`RunHandle::stop`].
#[derive(Clone)]
pub struct RunHandle {
    live: LiveRef,
    control: Rc<Control>,
}

impl PartialEq for RunHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.live, &other.live)
    }
}

impl RunHandle {
    pub fn live(&self) -> LiveRef {
        self.live.clone()
    }
    /// Asks the run to stop at its next slice boundary (within milliseconds),
    /// also in the middle of an idle wait or a `time.sleep`.
    pub fn stop(&self) {
        self.control.stop.set(true);
        self.control.abort_fetches();
        self.control.wake.fire();
    }
}

/// Starts a run. `on_update` is called after the run has made visible progress
/// (at most about once per frame) and once when it has finished or stopped.
/// The run goes on while someone holds its [`LiveRef`] (or a [`RunHandle`]);
/// when both are gone it ends quietly at its next slice.
pub fn start(spec: RunSpec, on_update: Callback<()>) -> RunHandle {
    let live = Rc::new(RefCell::new(Live::new(&spec)));
    let control = Rc::new(Control::default());
    let driver = Driver::new(spec, Rc::downgrade(&live), control.clone(), on_update);
    spawn_local(driver.run());
    RunHandle { live, control }
}

/// Starts a run and resolves with it when it has finished.
pub async fn run_to_end(spec: RunSpec) -> Live {
    let ended = Rc::new(Signal::default());
    let watched: Rc<RefCell<Option<LiveRef>>> = Rc::new(RefCell::new(None));
    let on_update = {
        let (ended, watched) = (ended.clone(), watched.clone());
        Callback::from(move |()| {
            let done = watched
                .borrow()
                .as_ref()
                .and_then(|l| l.try_borrow().ok().map(|l| l.status != LiveStatus::Running))
                .unwrap_or(false);
            if done {
                ended.fire();
            }
        })
    };
    let handle = start(spec, on_update);
    *watched.borrow_mut() = Some(handle.live());
    ended.fired().await;
    let live = handle.live().borrow().clone();
    live
}

/// Runs `spec` to its end on the virtual clock at once, synchronously (whatever
/// `spec.clock` says): for redrawing on every edit. The same slices and clock
/// arithmetic as the asynchronous driver.
pub fn run_now(spec: &RunSpec) -> Live {
    let wall_start = perf_now();
    let mut live = Live::new(spec);
    live.clock = Clock::Virtual;
    let mut session = Session::new(&spec.source, &options(spec));
    let mut now = 0.0;
    loop {
        let status = session.run_slice(now, 10_000_000);
        live.slices += 1;
        take_progress(&mut session, &mut live, now);
        match virtual_step(&mut now, &status) {
            Step::Continue => {}
            Step::Finished => break,
            Step::WaitsForever => {
                live.notes.push(WAITS_FOREVER.to_string());
                live.status = waits_forever();
                break;
            }
        }
    }
    live.files = session.files().clone();
    live.wall_ms = perf_now() - wall_start;
    live
}

fn options(spec: &RunSpec) -> RunOptions {
    RunOptions {
        mode: spec.mode,
        max_instructions: spec.max_instructions,
        http_fixtures: spec.fixtures.to_vec(),
        ..RunOptions::default()
    }
}

fn clean_speed(speed: f64) -> f64 {
    if speed.is_finite() && speed > 0.0 {
        speed
    } else {
        1.0
    }
}

/// `performance.now()` (ms), or the date where there is no `performance`.
pub(crate) fn perf_now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_else(js_sys::Date::now)
}

enum Step {
    Continue,
    Finished,
    /// Idle with no timer and no I/O the driver can answer.
    WaitsForever,
}

/// The virtual clock's answer to a slice: exactly `run_virtual`'s arithmetic.
fn virtual_step(now: &mut f64, status: &SliceStatus) -> Step {
    match status {
        SliceStatus::Yielded => Step::Continue,
        SliceStatus::Idle {
            timeout: Some(t), ..
        } => {
            *now += t;
            Step::Continue
        }
        // Only an external network leaves I/O outstanding, and the virtual clock
        // answers from fixtures: the engine reports a deadlock before this.
        SliceStatus::Idle { timeout: None, .. } => Step::WaitsForever,
        SliceStatus::Blocked { seconds } => {
            *now += seconds;
            Step::Continue
        }
        SliceStatus::Finished { .. } => Step::Finished,
    }
}

const WAITS_FOREVER: &str = "the program waits for I/O that never completes";

fn waits_forever() -> LiveStatus {
    LiveStatus::Finished {
        exit_code: 1,
        error: None,
    }
}

/// Moves what the last slice produced from the session into `live`.
/// False when nothing new.
fn take_progress(session: &mut Session, live: &mut Live, now: f64) -> bool {
    let events = session.take_events();
    let output = session.take_output();
    let known = live.trace.tasks.len();
    let changed = !events.is_empty() || !output.is_empty() || session.tasks().len() > known;
    if let Some(new) = session.tasks().get(known..) {
        live.trace.tasks.extend(new.iter().cloned());
    }
    live.trace.events.extend(events);
    for chunk in &output {
        live.console
            .push(chunk.t, chunk.task, &chunk.text, chunk.stderr);
    }
    live.output.extend(output);
    live.trace.end_time = now;
    if let Some(code) = session.exit_code() {
        live.status = LiveStatus::Finished {
            exit_code: code,
            error: session.error().cloned(),
        };
    }
    changed
}

/// Stop flag and the wake-up the driver sleeps on (Stop, a finished fetch).
#[derive(Default)]
struct Control {
    stop: Cell<bool>,
    wake: Signal,
    /// Aborts the run's `fetch()`es still in flight when it ends (made at the first).
    fetches: RefCell<Option<web_sys::AbortController>>,
}

impl Control {
    /// The signal every `fetch()` of this run listens to.
    fn fetch_signal(&self) -> Option<web_sys::AbortSignal> {
        let mut fetches = self.fetches.borrow_mut();
        if fetches.is_none() {
            *fetches = web_sys::AbortController::new().ok();
        }
        fetches.as_ref().map(|c| c.signal())
    }

    /// Stop, or the end of the run: nobody will read what a fetch still brings.
    fn abort_fetches(&self) {
        if let Some(fetches) = self.fetches.borrow().as_ref() {
            fetches.abort();
        }
    }
}

/// A one-shot wake-up a future can wait on ([`Signal::fired`]).
#[derive(Default)]
struct Signal {
    fired: Cell<bool>,
    waker: RefCell<Option<Waker>>,
}

impl Signal {
    fn fire(&self) {
        self.fired.set(true);
        if let Some(waker) = self.waker.borrow_mut().take() {
            waker.wake();
        }
    }
    fn reset(&self) {
        self.fired.set(false);
    }
    fn fired(&self) -> Fired<'_> {
        Fired(self)
    }
}

struct Fired<'a>(&'a Signal);

impl Future for Fired<'_> {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0.fired.replace(false) {
            Poll::Ready(())
        } else {
            *self.0.waker.borrow_mut() = Some(cx.waker().clone());
            Poll::Pending
        }
    }
}

/// Yields to the browser's macrotask queue with a `MessageChannel` message
/// (`setTimeout(0)` is clamped to 4 ms once nested; this is not).
pub(crate) struct MacrotaskYield {
    ports: Option<(MessagePort, MessagePort)>,
    _on_message: Option<Closure<dyn FnMut(JsValue)>>,
    signal: Rc<Signal>,
}

impl MacrotaskYield {
    pub(crate) fn new() -> MacrotaskYield {
        let signal = Rc::new(Signal::default());
        let Ok(channel) = MessageChannel::new() else {
            return MacrotaskYield {
                ports: None,
                _on_message: None,
                signal,
            };
        };
        let fire = signal.clone();
        let on_message = Closure::<dyn FnMut(JsValue)>::new(move |_| fire.fire());
        let (receiver, sender) = (channel.port1(), channel.port2());
        receiver.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        MacrotaskYield {
            ports: Some((receiver, sender)),
            _on_message: Some(on_message),
            signal,
        }
    }

    pub(crate) async fn yield_now(&self) {
        if let Some((_, sender)) = &self.ports {
            self.signal.reset();
            if sender.post_message(&JsValue::UNDEFINED).is_ok() {
                self.signal.fired().await;
                return;
            }
        }
        gloo_timers::future::TimeoutFuture::new(0).await;
    }
}

impl Drop for MacrotaskYield {
    fn drop(&mut self) {
        if let Some((receiver, sender)) = &self.ports {
            receiver.set_onmessage(None);
            receiver.close();
            sender.close();
        }
    }
}

/// Lets the microtasks queued so far run, then continues (one promise hop).
async fn microtask_yield() {
    let _ = JsFuture::from(Promise::resolve(&JsValue::UNDEFINED)).await;
}

/// A finished `fetch()` (or its fallback) waiting to be handed to the session.
struct Completed {
    id: u64,
    answer: HttpAnswer,
    note: Option<String>,
}

type Inbox = Rc<RefCell<Vec<Completed>>>;

struct Driver {
    spec: RunSpec,
    session: Session,
    live: Weak<RefCell<Live>>,
    control: Rc<Control>,
    on_update: Callback<()>,
    /// Program clock of the current slice.
    now: f64,
    /// `performance.now()` at program time 0 (real clock).
    t0: f64,
    /// `performance.now()` when the run was started.
    wall_start: f64,
    budget: u64,
    slices: u32,
    inbox: Inbox,
    /// Progress not yet announced through `on_update`.
    dirty: bool,
    last_emit: f64,
    yielder: MacrotaskYield,
}

impl Driver {
    fn new(
        spec: RunSpec,
        live: Weak<RefCell<Live>>,
        control: Rc<Control>,
        on_update: Callback<()>,
    ) -> Driver {
        let mut session = Session::new(&spec.source, &options(&spec));
        if matches!(spec.clock, Clock::Real { .. }) {
            session.set_network(Network::External);
        }
        Driver {
            spec,
            session,
            live,
            control,
            on_update,
            now: 0.0,
            t0: perf_now(),
            wall_start: perf_now(),
            budget: FIRST_BUDGET,
            slices: 0,
            inbox: Rc::new(RefCell::new(Vec::new())),
            dirty: false,
            last_emit: f64::NEG_INFINITY,
            yielder: MacrotaskYield::new(),
        }
    }

    fn speed(&self) -> f64 {
        match self.spec.clock {
            Clock::Real { speed } => clean_speed(speed),
            Clock::Virtual => 1.0,
        }
    }

    /// Program time now on the real clock.
    fn real_now(&self) -> f64 {
        (perf_now() - self.t0) / 1000.0 * self.speed()
    }

    /// `performance.now()` when the program clock reads `t`.
    fn real_ms_at(&self, t: f64) -> f64 {
        self.t0 + t / self.speed() * 1000.0
    }

    async fn run(mut self) {
        let mut work_since = perf_now();
        let mut first = true;
        loop {
            if self.control.stop.get() {
                return self.end(LiveStatus::Stopped);
            }
            if self.live.strong_count() == 0 {
                return; // nobody can see this run any more
            }
            self.deliver_answers();
            if first {
                // Program time 0.0 is the first slice, on both clocks.
                self.t0 = perf_now();
                first = false;
            } else if let Clock::Real { .. } = self.spec.clock {
                self.now = self.real_now();
            }
            let starting = self.session.tasks().is_empty();
            let slice_start = perf_now();
            let status = self.session.run_slice(self.now, self.budget);
            let slice_ms = perf_now() - slice_start;
            self.slices += 1;
            if starting {
                // Until the first task exists (the asyncio prelude is compiled
                // during `import asyncio`: tens of ms), the real clock stands
                // still, so the chart starts with the program, not its loading.
                self.t0 += slice_ms;
                if let (Clock::Real { .. }, false) =
                    (self.spec.clock, self.session.tasks().is_empty())
                {
                    // The first task exists: let the page finish what the loading
                    // queued (renders, the Run click) while the clock still stands,
                    // so that work is not charged to the program as timer lateness.
                    self.sync_live();
                    self.emit_if_due();
                    self.yielder.yield_now().await;
                    self.t0 = perf_now() - self.now / self.speed() * 1000.0;
                    work_since = perf_now();
                }
            }
            if status == SliceStatus::Yielded {
                self.tune_budget(slice_ms);
            }
            self.start_fetches();
            self.sync_live();
            match (self.spec.clock, &status) {
                (_, SliceStatus::Finished { .. }) => {
                    let status = self.live_status();
                    return self.end(status);
                }
                (Clock::Virtual, _) => match virtual_step(&mut self.now, &status) {
                    Step::Continue | Step::Finished => {}
                    Step::WaitsForever => {
                        self.note(WAITS_FOREVER);
                        return self.end(waits_forever());
                    }
                },
                (Clock::Real { .. }, SliceStatus::Yielded) => {}
                (Clock::Real { .. }, SliceStatus::Idle { next_deadline, .. }) => {
                    let until = next_deadline.map(|d| self.real_ms_at(d));
                    self.wait(until, true).await;
                    work_since = perf_now();
                    continue;
                }
                (Clock::Real { .. }, SliceStatus::Blocked { seconds }) => {
                    let until = self.real_ms_at(self.now + seconds);
                    self.wait(Some(until), false).await;
                    work_since = perf_now();
                    continue;
                }
            }
            let gap_start = perf_now();
            if gap_start - work_since >= WORK_MS {
                self.count_yield();
                self.emit_if_due();
                self.yielder.yield_now().await;
                work_since = perf_now();
            } else {
                microtask_yield().await;
            }
            if let (Clock::Real { .. }, true) = (self.spec.clock, self.session.tasks().is_empty()) {
                // Still loading: what the page did meanwhile is not program time either.
                self.t0 += perf_now() - gap_start;
            }
        }
    }

    /// A slice that used its whole budget took `slice_ms`: aim at [`SLICE_MS`].
    fn tune_budget(&mut self, slice_ms: f64) {
        if slice_ms < SLICE_MS / 2.0 {
            self.budget = (self.budget * 2).min(MAX_BUDGET);
        } else if slice_ms > SLICE_MS * 2.0 {
            self.budget = (self.budget / 2).max(MIN_BUDGET);
        }
    }

    fn live_status(&self) -> LiveStatus {
        match self.session.exit_code() {
            Some(exit_code) => LiveStatus::Finished {
                exit_code,
                error: self.session.error().cloned(),
            },
            None => LiveStatus::Running,
        }
    }

    /// Waits (real clock) until `performance.now() >= until_ms` (None: no
    /// deadline), Stop, or — when `io` — a finished fetch. Emits `on_update`
    /// at frame pace meanwhile.
    async fn wait(&mut self, until_ms: Option<f64>, io: bool) {
        loop {
            let stopped = self.control.stop.get() || self.live.strong_count() == 0;
            if stopped || (io && !self.inbox.borrow().is_empty()) {
                return;
            }
            let now = perf_now();
            if until_ms.is_some_and(|u| now >= u) {
                return;
            }
            if self.dirty && now - self.last_emit >= FRAME_MS {
                self.emit();
            }
            // Wake at least once a second to notice a run nobody watches any more.
            let mut wake_at = Some(until_ms.map_or(now + 1000.0, |u| u.min(now + 1000.0)));
            if self.dirty {
                let due = self.last_emit + FRAME_MS;
                wake_at = Some(wake_at.map_or(due, |u| u.min(due)));
            }
            let remaining = wake_at.map(|w| w - now);
            match remaining {
                // Under a millisecond left: a timer would round up (or be clamped
                // to 4 ms); a macrotask hop keeps the page responsive instead.
                // (Timers set early and finished with hops measured worse: p50
                // lateness 2 ms instead of 0.5 ms.)
                Some(r) if r < 1.0 => self.yielder.yield_now().await,
                _ => {
                    self.control.wake.reset();
                    let wake = self.control.clone();
                    let _timer = remaining.map(|r| {
                        let ms = r.ceil().min(u32::MAX as f64) as u32;
                        Timeout::new(ms, move || wake.wake.fire())
                    });
                    self.control.wake.fired().await;
                }
            }
        }
    }

    fn deliver_answers(&mut self) {
        let completed = std::mem::take(&mut *self.inbox.borrow_mut());
        for c in completed {
            if let Some(note) = c.note {
                self.note(&note);
            }
            self.session.complete_http(c.id, c.answer);
        }
    }

    fn start_fetches(&mut self) {
        let requests = self.session.take_http_requests();
        for request in requests {
            let fixture = self
                .spec
                .fixtures
                .iter()
                .find(|f| f.url == request.url)
                .cloned();
            spawn_local(fetch_one(
                request,
                fixture,
                self.speed(),
                self.inbox.clone(),
                self.control.clone(),
            ));
        }
    }

    fn note(&mut self, text: &str) {
        if let Some(live) = self.live.upgrade() {
            if let Ok(mut live) = live.try_borrow_mut() {
                live.notes.push(text.to_string());
                self.dirty = true;
            }
        }
    }

    fn sync_live(&mut self) {
        let Some(live) = self.live.upgrade() else {
            return;
        };
        // The page never holds a borrow across an await; if it does, catch up later.
        let Ok(mut live) = live.try_borrow_mut() else {
            return;
        };
        if take_progress(&mut self.session, &mut live, self.now) {
            self.dirty = true;
        }
        if live.files != *self.session.files() {
            live.files = self.session.files().clone();
            self.dirty = true;
        }
        live.slices = self.slices;
        live.started_at_ms = self.t0;
        live.wall_ms = perf_now() - self.wall_start;
    }

    fn count_yield(&self) {
        if let Some(live) = self.live.upgrade() {
            if let Ok(mut live) = live.try_borrow_mut() {
                live.macrotask_yields += 1;
            }
        }
    }

    fn emit_if_due(&mut self) {
        if self.dirty && perf_now() - self.last_emit >= FRAME_MS {
            self.emit();
        }
    }

    fn emit(&mut self) {
        if let Some(live) = self.live.upgrade() {
            if let Ok(mut live) = live.try_borrow_mut() {
                live.wall_ms = perf_now() - self.wall_start;
            }
        }
        self.dirty = false;
        self.last_emit = perf_now();
        self.on_update.emit(());
    }

    fn end(mut self, status: LiveStatus) {
        self.control.abort_fetches();
        self.sync_live();
        if let Some(live) = self.live.upgrade() {
            if let Ok(mut live) = live.try_borrow_mut() {
                if status == LiveStatus::Stopped {
                    live.trace.end_time = self.now.max(match self.spec.clock {
                        Clock::Real { .. } => self.real_now(),
                        Clock::Virtual => self.now,
                    });
                }
                live.status = status;
            }
        } else {
            return;
        }
        self.emit();
    }
}

/// Performs one request with `fetch()`; on failure answers from `fixture`
/// (after its latency at this speed) or with aiohttp's connection error.
async fn fetch_one(
    request: HttpRequest,
    fixture: Option<HttpFixture>,
    speed: f64,
    inbox: Inbox,
    control: Rc<Control>,
) {
    let completed = match real_fetch(&request, control.fetch_signal()).await {
        Ok(answer) => Completed {
            id: request.id,
            answer,
            note: None,
        },
        Err(why) => match fixture {
            Some(f) => {
                let ms = f.latency_s / speed * 1000.0;
                if ms > 0.0 {
                    gloo_timers::future::TimeoutFuture::new(ms.ceil().min(u32::MAX as f64) as u32)
                        .await;
                }
                Completed {
                    id: request.id,
                    answer: HttpAnswer {
                        status: f.status,
                        body: f.body,
                        content_type: f.content_type,
                        error: None,
                    },
                    note: Some(format!(
                        "fetch {} failed ({why}): answered from the bundled fixture",
                        request.url
                    )),
                }
            }
            None => Completed {
                id: request.id,
                answer: HttpAnswer {
                    status: 0,
                    body: String::new(),
                    content_type: String::new(),
                    error: Some(connect_error_message(&request.url)),
                },
                note: Some(format!(
                    "fetch {} failed ({why}) and no fixture has this URL: the program sees aiohttp.ClientConnectorError",
                    request.url
                )),
            },
        },
    };
    if control.stop.get() {
        return;
    }
    inbox.borrow_mut().push(completed);
    control.wake.fire();
}

/// `fetch(url, {method, signal})`: status, `Content-Type` (without parameters,
/// as aiohttp's `content_type`), the body as text. Err: why it failed. `run`
/// aborts it when the run ends.
async fn real_fetch(
    request: &HttpRequest,
    run: Option<web_sys::AbortSignal>,
) -> Result<HttpAnswer, String> {
    let window = web_sys::window().ok_or("no window")?;
    let init = web_sys::RequestInit::new();
    init.set_method(&request.method);
    // A host that never answers must not hold the program forever.
    let timeout = web_sys::AbortSignal::timeout_with_u32(FETCH_TIMEOUT_MS);
    let signal = match run {
        Some(run) => web_sys::AbortSignal::any(&js_sys::Array::of2(&timeout, &run)),
        None => timeout,
    };
    init.set_signal(Some(&signal));
    let response = JsFuture::from(window.fetch_with_str_and_init(&request.url, &init))
        .await
        .map_err(js_error_text)?;
    let response: web_sys::Response = response.dyn_into().map_err(js_error_text)?;
    let content_type = response
        .headers()
        .get("content-type")
        .ok()
        .flatten()
        .map(|t| {
            t.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        })
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "application/octet-stream".to_string());
    let text = response.text().map_err(js_error_text)?;
    let body = JsFuture::from(text).await.map_err(js_error_text)?;
    Ok(HttpAnswer {
        status: response.status(),
        body: body.as_string().unwrap_or_default(),
        content_type,
        error: None,
    })
}

/// `TypeError: Failed to fetch`, or whatever the rejection says.
fn js_error_text(value: JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return String::from(error.to_string());
    }
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}
