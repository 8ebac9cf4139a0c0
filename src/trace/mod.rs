//! The trace of one run: every task's life, every print, every loop iteration.
//!
//! This is the contract between the engine (which records it) and the chart
//! model (which draws it). It serializes to JSON with serde; the schema is the
//! Rust types below (`kind` tags each event). Times are seconds on the run's
//! clock — virtual or measured — starting at 0.0.
//!
//! A task's state at any time follows from its events:
//! `TaskCreated` → (ready) → `StepStart` → (running) → `StepEnd` →
//! either `Suspend` (waiting for `what`) → `Wake` (ready again) → `StepStart` …,
//! or a bare `yield` (sleep(0)): `StepEnd` then ready until the next `StepStart`;
//! finally `TaskDone`.

use serde::{Deserialize, Serialize};

/// Index into [`Trace::tasks`]; tasks are numbered in creation order from 0.
pub type TaskId = u32;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RunMode {
    /// The program as written, scheduled by the CPython 3.11 algorithm.
    Concurrent,
    /// The baseline: every concurrency primitive awaits its parts one by one.
    Sequential,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trace {
    pub mode: RunMode,
    /// In creation order; `tasks[i].id == i`.
    pub tasks: Vec<TaskInfo>,
    /// In the order they were recorded: non-decreasing [`Event::recorded_at`]
    /// (an instant at its time, a span such as a loop iteration when it ends).
    pub events: Vec<Event>,
    /// When the run ended (the clock after the last handle ran).
    pub end_time: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskInfo {
    pub id: TaskId,
    /// `Task-1`, or the `name=` given to `create_task`.
    pub name: String,
    /// The coroutine call as a person reads it: `worker('Task 1', 5)`.
    pub coro: String,
    /// The task that was running when this one was created.
    pub parent: Option<TaskId>,
    pub created_at: f64,
    /// Source line of the call that created the task (`create_task`, `gather`, `run`).
    pub line: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum Event {
    TaskCreated {
        t: f64,
        task: TaskId,
    },
    /// A step of the task begins: its coroutine runs until the next suspension.
    StepStart {
        t: f64,
        task: TaskId,
    },
    StepEnd {
        t: f64,
        task: TaskId,
    },
    /// The task suspended at an `await`, waiting for `what` — described for a
    /// person: `sleep(5)`, `Task-2 worker('Task 2', 3)`, `Queue.get()`,
    /// `Lock.acquire()`, `fetch https://…`. `line`/`col` locate the innermost
    /// `await` that suspended (1-based).
    Suspend {
        t: f64,
        task: TaskId,
        what: String,
        line: u32,
        col: u32,
    },
    /// What the task waited for is done: its wake-up is scheduled (it is ready).
    Wake {
        t: f64,
        task: TaskId,
    },
    TaskDone {
        t: f64,
        task: TaskId,
        outcome: Outcome,
    },
    /// Text written to stdout (`print`), by the task running at the time
    /// (`None` outside any task, e.g. module level).
    Print {
        t: f64,
        task: Option<TaskId>,
        text: String,
    },
    /// A blocking call (`time.sleep`) held the whole loop from `start` to `end`:
    /// every ready task waited.
    Blocked {
        start: f64,
        end: f64,
        task: Option<TaskId>,
        what: String,
        line: u32,
    },
    /// One pass of `BaseEventLoop._run_once` that ran `handles` callbacks.
    LoopIteration {
        start: f64,
        end: f64,
        handles: u32,
    },
    /// The loop had nothing ready and waited for its next timer (or I/O).
    Idle {
        start: f64,
        end: f64,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum Outcome {
    /// Returned normally; `repr` of the return value.
    Result { repr: String },
    /// Raised: the exception type name and its `str()`.
    Exception { exc_type: String, message: String },
    /// Cancelled, with the cancel message if one was given.
    Cancelled { message: Option<String> },
}

impl Event {
    /// The time this event happened (for spans, when it began).
    pub fn time(&self) -> f64 {
        match self {
            Event::TaskCreated { t, .. }
            | Event::StepStart { t, .. }
            | Event::StepEnd { t, .. }
            | Event::Suspend { t, .. }
            | Event::Wake { t, .. }
            | Event::TaskDone { t, .. }
            | Event::Print { t, .. } => *t,
            Event::Blocked { start, .. }
            | Event::LoopIteration { start, .. }
            | Event::Idle { start, .. } => *start,
        }
    }

    /// When the engine recorded this event: an instant at its time, a span at its
    /// end. Events in a trace are in this order.
    pub fn recorded_at(&self) -> f64 {
        match self {
            Event::Blocked { end, .. }
            | Event::LoopIteration { end, .. }
            | Event::Idle { end, .. } => *end,
            other => other.time(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_round_trip_through_json_with_kind_tags() {
        let trace = Trace {
            mode: RunMode::Concurrent,
            tasks: vec![TaskInfo {
                id: 0,
                name: "Task-1".into(),
                coro: "main()".into(),
                parent: None,
                created_at: 0.0,
                line: 9,
            }],
            events: vec![
                Event::TaskCreated { t: 0.0, task: 0 },
                Event::Suspend {
                    t: 0.0,
                    task: 0,
                    what: "sleep(1)".into(),
                    line: 4,
                    col: 5,
                },
                Event::TaskDone {
                    t: 1.0,
                    task: 0,
                    outcome: Outcome::Exception {
                        exc_type: "ValueError".into(),
                        message: "boom".into(),
                    },
                },
            ],
            end_time: 1.0,
        };
        let json = serde_json::to_string(&trace).unwrap();
        assert!(json.contains(r#""kind":"Suspend""#), "{json}");
        assert!(json.contains(r#""mode":"concurrent""#), "{json}");
        let back: Trace = serde_json::from_str(&json).unwrap();
        assert_eq!(back, trace);
        assert_eq!(back.events[2].time(), 1.0);
    }
}
