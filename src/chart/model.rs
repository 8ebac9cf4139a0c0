//! The chart model: each run's trace folded into lanes of segments and markers.
//!
//! A task's state over time follows from its events (see [`crate::trace`]):
//! created or woken → **ready**; `StepStart` → **running**; `Suspend` → **waiting**
//! for `what` until `Wake`; `StepEnd` without a `Suspend` (a bare yield) → ready.
//! A `sleep(x)` woken more than x after it began was ready from its due time on
//! (the loop was blocked by `time.sleep`, or busy): that part is drawn ready.
//! Zero-length ready/waiting spans say nothing and are dropped; zero-length running
//! spans are kept (on the virtual clock CPU work takes no time) and drawn with a
//! minimum width. Segments are `Copy`: what a task awaits is interned per run.

use std::collections::HashMap;

use super::compare::{self, Summary};
use super::text::cap;
use crate::python::parse_float::parse_float;
use crate::trace::{Event, Outcome, RunMode, TaskId, Trace};

/// Labels (coroutine calls, awaited things) are capped at this many characters.
pub const MAX_LABEL: usize = 120;
/// Printed text kept per print marker.
pub const MAX_PRINT: usize = 200;

#[derive(Clone, Debug, Default)]
pub struct ChartOptions {
    /// The concurrent run is still going at this time: its open segments extend
    /// to `now`, and the chart draws a "now" cursor.
    pub now: Option<f64>,
    /// Why the sequential baseline could not finish (the driver's deadlock
    /// explanation, say); the summary quotes it.
    pub sequential_note: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Running,
    Waiting,
    /// Ready to run but not yet run (woken, or created, and the loop is busy).
    Ready,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Segment {
    pub state: State,
    pub start: f64,
    pub end: f64,
    /// For `Waiting`: what it awaits, an index into [`Run::whats`]. Also on the
    /// `Ready` span after a `sleep` whose timer was due while the loop was busy.
    pub what: Option<u32>,
    /// The `await` that suspended, 1-based (0 when unknown or not waiting).
    pub line: u32,
    pub col: u32,
    /// Not closed by the trace: still going at the end of the run (or at `now`).
    pub open: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndKind {
    Returned,
    Raised,
    Cancelled,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TaskEnd {
    pub t: f64,
    pub kind: EndKind,
    /// The return value's repr, `ValueError: boom`, or the cancel message.
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Print {
    pub t: f64,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    pub task: TaskId,
    /// `worker('Task 1', 5)`, or `fetcher: worker('Task 1', 5)` when named with `name=`.
    pub label: String,
    pub parent: Option<TaskId>,
    pub created_at: f64,
    /// Source line of the call that created the task.
    pub line: u32,
    pub segments: Vec<Segment>,
    pub prints: Vec<Print>,
    pub end: Option<TaskEnd>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Iteration {
    pub start: f64,
    pub end: f64,
    pub handles: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Blocked {
    pub start: f64,
    pub end: f64,
    pub what: String,
    pub line: u32,
    pub task: Option<TaskId>,
}

/// The event-loop lane: its iterations, idle waits, blocking calls, and prints
/// made outside any task.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventLoop {
    pub iterations: Vec<Iteration>,
    pub idle: Vec<(f64, f64)>,
    pub blocked: Vec<Blocked>,
    pub prints: Vec<Print>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Completed,
    /// In progress (a live run, drawn up to `now`).
    Running,
    /// A top-level task raised: `ValueError: boom`.
    Raised(String),
    Cancelled,
    /// A top-level task never finished (a deadlock): how many tasks were left pending.
    Unfinished(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    pub mode: RunMode,
    pub lanes: Vec<Lane>,
    pub event_loop: EventLoop,
    /// What waiting segments await, interned.
    pub whats: Vec<String>,
    /// When the run ended (or `now`, while in progress).
    pub end: f64,
    pub status: Status,
}

/// Both runs, ready to lay out.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// The concurrent run first, then the sequential baseline if given.
    pub runs: Vec<Run>,
    pub summary: Summary,
    pub now: Option<f64>,
    /// The latest time on either run: the time axis covers 0..end.
    pub end: f64,
}

impl Chart {
    /// The chart of a run (`concurrent`, in progress when `opts.now` is set)
    /// beside its sequential baseline, if one is given.
    pub fn from_traces(
        concurrent: &Trace,
        sequential: Option<&Trace>,
        opts: &ChartOptions,
    ) -> Chart {
        let now = opts.now.map(fin);
        let mut runs = vec![Run::from_trace(concurrent, now)];
        runs.extend(sequential.map(|s| Run::from_trace(s, None)));
        let summary = compare::summarize(&runs[0], runs.get(1), opts.sequential_note.as_deref());
        let end = runs
            .iter()
            .map(|r| r.end)
            .fold(now.unwrap_or(0.0), f64::max);
        Chart {
            runs,
            summary,
            now,
            end,
        }
    }
}

/// Times from the trace made safe to draw: finite and not negative.
fn fin(t: f64) -> f64 {
    if t.is_finite() {
        t.max(0.0)
    } else {
        0.0
    }
}

/// `Task-3` is asyncio's default name; anything else was given with `name=`.
fn default_name(name: &str) -> bool {
    name.strip_prefix("Task-")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[derive(Clone, Copy)]
struct Open {
    state: State,
    start: f64,
    what: Option<u32>,
    line: u32,
    col: u32,
    /// For a wait on `sleep(x)`: when its timer was due (start + x).
    due: Option<f64>,
}

/// When a `sleep(x)` awaited from `start` was due: the trace's description is
/// `sleep({delay!r})` (the prelude's `sleep`), so `x` reads back exactly. Parsed
/// by the engine's `parse_float`: `str::parse` would add std's 10 KB table.
fn sleep_due(what: &str, start: f64) -> Option<f64> {
    let x = parse_float(what.strip_prefix("sleep(")?.strip_suffix(')')?)?;
    (x.is_finite() && x > 0.0).then_some(start + x)
}

/// A wake-up later than this after the timer was due shows as "ready".
const LATE: f64 = 1e-6;

/// Closes the open span `o` at `end`: a sleep that ended late (the loop was
/// blocked or busy when its timer was due) is waiting until it was due, then
/// ready — what it awaited stays on the ready part, so it still names the `await`.
fn close(segs: &mut Vec<Segment>, o: Open, end: f64, open: bool) {
    let end = end.max(o.start);
    let seg = |state, start, end| Segment {
        state,
        start,
        end,
        what: o.what,
        line: o.line,
        col: o.col,
        open,
    };
    match o.due {
        Some(due) if o.state == State::Waiting && end - due > LATE => {
            push(
                segs,
                Segment {
                    open: false,
                    ..seg(State::Waiting, o.start, due)
                },
            );
            push(segs, seg(State::Ready, due, end));
        }
        _ => push(segs, seg(o.state, o.start, end)),
    }
}

/// Appends `s`, merging it into the previous segment when they continue each other.
fn push(segs: &mut Vec<Segment>, s: Segment) {
    // Kept at zero length: running (CPU work on the virtual clock) and a wait
    // still open at the end (in a deadlock, the wait that never ends).
    if s.end <= s.start && s.state != State::Running && !(s.open && s.state == State::Waiting) {
        return;
    }
    if let Some(p) = segs.last_mut() {
        // Ready after a late timer, then ready after the wake-up: one span, the
        // first's `await` kept.
        let same = p.state == s.state
            && (s.state == State::Ready
                || (p.what == s.what && (p.line, p.col) == (s.line, s.col)));
        if same && p.end >= s.start {
            p.end = p.end.max(s.end);
            p.open = s.open;
            return;
        }
    }
    segs.push(s);
}

impl Run {
    /// Folds one trace into lanes. `now`: the run is in progress at that time.
    pub fn from_trace(trace: &Trace, now: Option<f64>) -> Run {
        let n = trace.tasks.len();
        let mut lanes: Vec<Lane> = trace
            .tasks
            .iter()
            .map(|t| Lane {
                task: t.id,
                label: cap(
                    &if default_name(&t.name) {
                        t.coro.clone()
                    } else {
                        format!("{}: {}", t.name, t.coro)
                    },
                    MAX_LABEL,
                ),
                parent: t.parent,
                created_at: fin(t.created_at),
                line: t.line,
                segments: Vec::new(),
                prints: Vec::new(),
                end: None,
            })
            .collect();
        let mut open: Vec<Option<Open>> = vec![None; n];
        let mut whats: Vec<String> = Vec::new();
        let mut interned: HashMap<&str, u32> = HashMap::new();
        let mut el = EventLoop::default();
        let mut last = 0f64;

        // Closes the task's open span at `t` and opens `next` (if any).
        let switch = |lane: &mut Lane, slot: &mut Option<Open>, t: f64, next: Option<Open>| {
            if let Some(o) = slot.take() {
                close(&mut lane.segments, o, t, false);
            }
            *slot = next;
        };
        let span = |state, t| {
            Some(Open {
                state,
                start: t,
                what: None,
                line: 0,
                col: 0,
                due: None,
            })
        };

        for ev in &trace.events {
            last = last.max(fin(ev.time()));
            let task = match ev {
                Event::TaskCreated { task, .. }
                | Event::StepStart { task, .. }
                | Event::StepEnd { task, .. }
                | Event::Suspend { task, .. }
                | Event::Wake { task, .. }
                | Event::TaskDone { task, .. } => Some(*task as usize).filter(|&i| i < n),
                _ => None,
            };
            match (ev, task) {
                (Event::Print { t, task, text }, _) => {
                    // `print`'s own line break is not part of what it printed.
                    let text = text.strip_suffix('\n').unwrap_or(text);
                    let p = Print {
                        t: fin(*t),
                        text: cap(text, MAX_PRINT),
                    };
                    match task.map(|i| i as usize).filter(|&i| i < n) {
                        Some(i) => lanes[i].prints.push(p),
                        None => el.prints.push(p),
                    }
                }
                (
                    Event::Blocked {
                        start,
                        end,
                        task,
                        what,
                        line,
                    },
                    _,
                ) => {
                    let (start, end) = (fin(*start), fin(*end));
                    last = last.max(end);
                    let what = cap(what, MAX_LABEL);
                    el.blocked.push(Blocked {
                        start,
                        end: end.max(start),
                        what,
                        line: *line,
                        task: *task,
                    });
                }
                (
                    Event::LoopIteration {
                        start,
                        end,
                        handles,
                    },
                    _,
                ) => {
                    let (start, end) = (fin(*start), fin(*end));
                    last = last.max(end);
                    el.iterations.push(Iteration {
                        start,
                        end: end.max(start),
                        handles: *handles,
                    });
                }
                (Event::Idle { start, end }, _) => {
                    let (start, end) = (fin(*start), fin(*end));
                    last = last.max(end);
                    el.idle.push((start, end.max(start)));
                }
                (_, None) => {} // an event about a task that is not in the task list
                (ev, Some(i)) => {
                    if lanes[i].end.is_some() {
                        continue; // nothing happens to a task after it is done
                    }
                    let t = fin(ev.time());
                    let (lane, slot) = (&mut lanes[i], &mut open[i]);
                    let state = slot.map(|o| o.state);
                    match ev {
                        Event::TaskCreated { .. } => switch(lane, slot, t, span(State::Ready, t)),
                        Event::StepStart { .. } => switch(lane, slot, t, span(State::Running, t)),
                        Event::StepEnd { .. } if state == Some(State::Running) => {
                            switch(lane, slot, t, span(State::Ready, t))
                        }
                        Event::Wake { .. } if state == Some(State::Waiting) => {
                            switch(lane, slot, t, span(State::Ready, t))
                        }
                        Event::Suspend {
                            what, line, col, ..
                        } => {
                            let what = what.as_str();
                            let id = *interned.entry(what).or_insert_with(|| {
                                whats.push(cap(what, MAX_LABEL));
                                whats.len() as u32 - 1
                            });
                            let next = Open {
                                state: State::Waiting,
                                start: t,
                                what: Some(id),
                                line: *line,
                                col: *col,
                                due: sleep_due(what, t),
                            };
                            switch(lane, slot, t, Some(next));
                        }
                        Event::TaskDone { outcome, .. } => {
                            switch(lane, slot, t, None);
                            let (kind, detail) = match outcome {
                                Outcome::Result { repr } => {
                                    (EndKind::Returned, cap(repr, MAX_LABEL))
                                }
                                Outcome::Exception { exc_type, message } if message.is_empty() => {
                                    (EndKind::Raised, cap(exc_type, MAX_LABEL))
                                }
                                Outcome::Exception { exc_type, message } => (
                                    EndKind::Raised,
                                    cap(&format!("{exc_type}: {message}"), MAX_LABEL),
                                ),
                                Outcome::Cancelled { message } => (
                                    EndKind::Cancelled,
                                    cap(message.as_deref().unwrap_or(""), MAX_LABEL),
                                ),
                            };
                            lane.end = Some(TaskEnd { t, kind, detail });
                        }
                        _ => {}
                    }
                }
            }
        }

        let end = fin(trace.end_time).max(last).max(now.unwrap_or(0.0));
        for (lane, slot) in lanes.iter_mut().zip(open) {
            if let Some(o) = slot {
                close(&mut lane.segments, o, end, true);
            }
        }
        let pending = lanes.iter().filter(|l| l.end.is_none()).count();
        let roots = || lanes.iter().filter(|l| l.parent.is_none());
        let status = if now.is_some() {
            Status::Running
        } else if roots().any(|l| l.end.is_none()) {
            Status::Unfinished(pending)
        } else if let Some(e) = roots()
            .filter_map(|l| l.end.as_ref())
            .find(|e| e.kind == EndKind::Raised)
        {
            Status::Raised(e.detail.clone())
        } else if roots().any(|l| l.end.as_ref().is_some_and(|e| e.kind == EndKind::Cancelled)) {
            Status::Cancelled
        } else {
            Status::Completed
        };
        Run {
            mode: trace.mode,
            lanes,
            event_loop: el,
            whats,
            end,
            status,
        }
    }

    /// What a waiting segment awaits ("" for other segments).
    pub fn what(&self, seg: &Segment) -> &str {
        seg.what
            .and_then(|i| self.whats.get(i as usize))
            .map_or("", |s| s.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::TaskInfo;

    fn task(id: u32, name: &str, coro: &str) -> TaskInfo {
        TaskInfo {
            id,
            name: name.into(),
            coro: coro.into(),
            parent: None,
            created_at: 0.0,
            line: 1,
        }
    }

    #[test]
    fn states_follow_the_events() {
        use Event::*;
        let trace = Trace {
            mode: RunMode::Concurrent,
            tasks: vec![task(0, "Task-1", "main()"), task(1, "fetcher", "get(1)")],
            events: vec![
                TaskCreated { t: 0.0, task: 0 },
                StepStart { t: 0.0, task: 0 },
                StepEnd { t: 0.0, task: 0 },
                Suspend {
                    t: 0.0,
                    task: 0,
                    what: "sleep(1)".into(),
                    line: 3,
                    col: 5,
                },
                Wake { t: 1.0, task: 0 },
                Blocked {
                    start: 1.0,
                    end: 1.5,
                    task: Some(1),
                    what: "time.sleep(0.5)".into(),
                    line: 9,
                },
                StepStart { t: 1.5, task: 0 },
                Print {
                    t: 1.5,
                    task: Some(0),
                    text: "hi".into(),
                },
                StepEnd { t: 1.5, task: 0 },
                StepStart { t: 1.5, task: 0 }, // after a bare yield: merges with the last running span
                StepEnd { t: 1.5, task: 0 },
                TaskDone {
                    t: 1.5,
                    task: 0,
                    outcome: Outcome::Exception {
                        exc_type: "ValueError".into(),
                        message: "boom".into(),
                    },
                },
                StepStart { t: 2.0, task: 0 }, // after done: ignored
                Wake { t: 2.0, task: 7 },      // unknown task: ignored
                TaskCreated {
                    t: f64::NAN,
                    task: 1,
                },
            ],
            end_time: 2.0,
        };
        let run = Run::from_trace(&trace, None);
        let main = &run.lanes[0];
        assert_eq!(main.label, "main()");
        assert_eq!(run.lanes[1].label, "fetcher: get(1)");
        let states: Vec<_> = main
            .segments
            .iter()
            .map(|s| (s.state, s.start, s.end))
            .collect();
        assert_eq!(
            states,
            [
                (State::Running, 0.0, 0.0),
                (State::Waiting, 0.0, 1.0),
                (State::Ready, 1.0, 1.5),
                (State::Running, 1.5, 1.5)
            ]
        );
        assert_eq!(run.what(&main.segments[1]), "sleep(1)");
        assert_eq!((main.segments[1].line, main.segments[1].col), (3, 5));
        assert_eq!(
            main.prints,
            [super::Print {
                t: 1.5,
                text: "hi".into()
            }]
        );
        assert_eq!(
            main.end.as_ref().map(|e| (e.kind, e.detail.as_str())),
            Some((EndKind::Raised, "ValueError: boom"))
        );
        // Task 1 never ran: ready from 0 (a NaN time is read as 0) to the end, left open.
        assert_eq!(
            run.lanes[1].segments,
            [Segment {
                state: State::Ready,
                start: 0.0,
                end: 2.0,
                what: None,
                line: 0,
                col: 0,
                open: true
            }]
        );
        assert_eq!(run.event_loop.blocked.len(), 1);
        assert_eq!(run.status, Status::Unfinished(1));
        // While running, open spans extend to `now`.
        let live = Run::from_trace(&trace, Some(3.0));
        assert_eq!(live.status, Status::Running);
        assert_eq!(live.lanes[1].segments[0].end, 3.0);
    }

    #[test]
    fn a_sleeps_due_time_reads_from_its_description() {
        assert_eq!(sleep_due("sleep(0.5)", 1.0), Some(1.5));
        assert_eq!(sleep_due("sleep(2)", 0.0), Some(2.0));
        assert_eq!(sleep_due("sleep(0)", 1.0), None, "a bare yield");
        assert_eq!(sleep_due("sleep(delay)", 1.0), None);
        assert_eq!(sleep_due("sleep(inf)", 1.0), None);
        assert_eq!(sleep_due("Queue.get()", 1.0), None);
    }

    #[test]
    fn a_late_timer_on_a_real_clock_is_one_ready_span_after_the_wait() {
        use Event::*;
        let trace = Trace {
            mode: RunMode::Concurrent,
            tasks: vec![task(0, "Task-1", "main()")],
            events: vec![
                TaskCreated { t: 0.0, task: 0 },
                StepStart { t: 0.0, task: 0 },
                StepEnd { t: 0.0, task: 0 },
                Suspend {
                    t: 0.0,
                    task: 0,
                    what: "sleep(1)".into(),
                    line: 3,
                    col: 5,
                },
                Wake { t: 1.004, task: 0 }, // the timer fired 4 ms late
                StepStart { t: 1.006, task: 0 },
                StepEnd { t: 1.006, task: 0 },
                TaskDone {
                    t: 1.006,
                    task: 0,
                    outcome: Outcome::Result {
                        repr: "None".into(),
                    },
                },
            ],
            end_time: 1.006,
        };
        let run = Run::from_trace(&trace, None);
        let spans: Vec<_> = run.lanes[0]
            .segments
            .iter()
            .map(|s| (s.state, s.start, s.end, run.what(s)))
            .collect();
        assert_eq!(
            spans,
            [
                (State::Running, 0.0, 0.0, ""),
                (State::Waiting, 0.0, 1.0, "sleep(1)"),
                (State::Ready, 1.0, 1.006, "sleep(1)"),
                (State::Running, 1.006, 1.006, ""),
            ]
        );
    }

    #[test]
    fn default_names_are_recognised() {
        assert!(default_name("Task-12"));
        assert!(!default_name("Task-"));
        assert!(!default_name("Task-1a"));
        assert!(!default_name("worker"));
    }
}
