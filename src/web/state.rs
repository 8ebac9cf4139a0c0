//! The page's state and its reducer: the program, its ideal runs on the virtual
//! clock (concurrent and sequential), an optional real-time run, and view choices.
//!
//! Runs are started by the page (side effects live in callbacks and effects); the
//! reducer only records them. Every run reports progress with [`Action::Progress`],
//! which bumps `tick` so the chart is rebuilt.

use std::rc::Rc;

use yew::Reducible;

use super::driver::{LiveStatus, RunHandle};
use super::examples;

/// Playback speeds offered for real-time runs: program seconds per real second.
pub use crate::page::{DEFAULT_SPEED, SPEEDS};

/// The virtual-clock runs of one version of the program.
#[derive(Clone, PartialEq)]
pub struct IdealRuns {
    pub version: u64,
    pub concurrent: RunHandle,
    pub sequential: RunHandle,
}

/// A run on the real clock (the Run button).
#[derive(Clone, PartialEq)]
pub struct RealRun {
    pub version: u64,
    pub handle: RunHandle,
    pub speed: f64,
}

impl RealRun {
    pub fn is_running(&self) -> bool {
        self.handle.live().borrow().status == LiveStatus::Running
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Chart,
    Table,
}

#[derive(Clone, PartialEq)]
pub struct PageState {
    pub source: Rc<str>,
    /// The built-in example the source came from, until the user edits it.
    pub example: Option<&'static str>,
    /// Bumps on every change of `source`.
    pub version: u64,
    pub ideal: Option<IdealRuns>,
    pub real: Option<RealRun>,
    pub speed: f64,
    pub view: View,
    /// The source line to highlight (an `await` clicked in the chart).
    pub highlight: Option<u32>,
    /// Bumps whenever a run made progress.
    pub tick: u64,
}

impl PageState {
    pub fn new(source: Rc<str>, example: Option<&'static str>) -> PageState {
        PageState {
            source,
            example,
            version: 0,
            ideal: None,
            real: None,
            speed: DEFAULT_SPEED,
            view: View::Chart,
            highlight: None,
            tick: 0,
        }
    }

    /// The ideal runs, if they belong to the current source.
    pub fn current_ideal(&self) -> Option<&IdealRuns> {
        self.ideal.as_ref().filter(|i| i.version == self.version)
    }

    /// The real-time run, if it belongs to the current source.
    pub fn current_real(&self) -> Option<&RealRun> {
        self.real.as_ref().filter(|r| r.version == self.version)
    }

    pub fn is_playing(&self) -> bool {
        self.current_real().is_some_and(RealRun::is_running)
    }
}

pub enum Action {
    /// The user typed: the whole new text.
    Edit(String),
    /// A built-in example was picked from the menu.
    Pick(&'static str),
    /// Virtual runs were started for `IdealRuns::version`.
    IdealStarted(IdealRuns),
    RealStarted(RealRun),
    Stop,
    /// Some run made progress (or the "now" cursor should move).
    Progress,
    SetSpeed(f64),
    SetView(View),
    Highlight(Option<u32>),
}

fn stop_all(state: &PageState) {
    if let Some(ideal) = &state.ideal {
        ideal.concurrent.stop();
        ideal.sequential.stop();
    }
    if let Some(real) = &state.real {
        real.handle.stop();
    }
}

impl Reducible for PageState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Edit(text) => {
                if *text == *self.source {
                    return self;
                }
                stop_all(&self);
                next.source = text.into();
                next.example = None;
                next.version += 1;
                next.real = None;
                next.highlight = None;
            }
            Action::Pick(id) => {
                let Some(example) = examples::find(id) else {
                    return self;
                };
                stop_all(&self);
                next.source = example.source.into();
                next.example = Some(example.id);
                next.version += 1;
                next.real = None;
                next.highlight = None;
            }
            Action::IdealStarted(runs) => {
                if runs.version != self.version {
                    runs.concurrent.stop();
                    runs.sequential.stop();
                    return self;
                }
                if let Some(old) = &self.ideal {
                    old.concurrent.stop();
                    old.sequential.stop();
                }
                next.ideal = Some(runs);
                next.tick += 1;
            }
            Action::RealStarted(run) => {
                if let Some(old) = &self.real {
                    old.handle.stop();
                }
                next.real = Some(run);
                next.highlight = None;
                next.tick += 1;
            }
            Action::Stop => {
                if let Some(real) = &self.real {
                    real.handle.stop();
                }
                next.tick += 1;
            }
            Action::Progress => next.tick += 1,
            Action::SetSpeed(speed) => next.speed = speed,
            Action::SetView(view) => next.view = view,
            Action::Highlight(line) => next.highlight = line,
        }
        Rc::new(next)
    }
}
