//! The browser driver: runs a [`Session`](crate::run::Session) in slices on the
//! browser's microtask queue.
//!
//! SKELETON (issue 4 in progress): the interface below is what the page uses; this
//! body still runs the whole program at once on the virtual clock.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use yew::Callback;

use crate::run::{run_virtual, ErrorLocation, HttpFixture, RunOptions};
use crate::trace::{RunMode, Trace};
use crate::vm::OutChunk;

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
    /// Things a person should know that are not program output
    /// (e.g. "fetch … failed: answered from the bundled fixture").
    pub notes: Vec<String>,
    pub files: BTreeMap<String, String>,
    pub status: LiveStatus,
    /// Wall-clock milliseconds the run took so far.
    pub wall_ms: f64,
}

pub type LiveRef = Rc<RefCell<Live>>;

/// A run in progress: read [`RunHandle::live`], stop it with [`RunHandle::stop`].
#[derive(Clone)]
pub struct RunHandle {
    live: LiveRef,
    stop: Rc<Cell<bool>>,
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
    /// Asks the run to stop at its next slice boundary (within milliseconds).
    pub fn stop(&self) {
        self.stop.set(true);
    }
}

/// Starts a run. `on_update` is called after the run has made visible progress
/// (at most about once per frame) and once when it has finished or stopped.
pub fn start(spec: RunSpec, on_update: Callback<()>) -> RunHandle {
    let result = run_virtual(
        &spec.source,
        &RunOptions {
            mode: spec.mode,
            max_instructions: spec.max_instructions,
            http_fixtures: spec.fixtures.to_vec(),
        },
    );
    let mut output = Vec::new();
    for (text, stderr) in [(&result.stdout, false), (&result.stderr, true)] {
        if !text.is_empty() {
            output.push(OutChunk {
                t: result.end_time,
                task: None,
                text: text.clone(),
                stderr,
            });
        }
    }
    let live = Live {
        status: LiveStatus::Finished {
            exit_code: result.exit_code,
            error: result.error.clone(),
        },
        trace: result.trace,
        output,
        notes: Vec::new(),
        files: result.files,
        wall_ms: 0.0,
    };
    on_update.emit(());
    RunHandle {
        live: Rc::new(RefCell::new(live)),
        stop: Rc::new(Cell::new(false)),
    }
}
