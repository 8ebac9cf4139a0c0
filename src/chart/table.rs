//! The trace as rows, for the data-table view (and screen readers): per task in
//! creation order, what it did from when to when; then the event loop's idle
//! waits, blocking calls and module-level prints.

use super::model::{EndKind, Run, State};
use super::text::at;
use crate::trace::{TaskId, Trace};
use crate::vm::stable_sort::sort_by;

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// `None` for the event loop's rows.
    pub task: Option<TaskId>,
    /// The lane: `worker('Task 1', 5)`, or `event loop`.
    pub who: String,
    /// running, waiting, ready, printed, returned, raised, cancelled, loop idle, loop blocked.
    pub state: &'static str,
    pub from: f64,
    pub to: f64,
    /// What it awaited, printed, returned or raised; what blocked the loop.
    pub what: String,
    /// The `await` (or blocking call) in the source, 1-based.
    pub line: Option<u32>,
    pub col: Option<u32>,
}

pub const HEADERS: [&str; 6] = ["Task", "State", "From", "To", "What", "Line"];

impl Row {
    /// The row as display text, in [`HEADERS`] order.
    pub fn cells(&self) -> [String; 6] {
        let line = match (self.line, self.col) {
            (Some(l), Some(c)) if c > 0 => format!("{l}:{c}"),
            (Some(l), _) => l.to_string(),
            _ => String::new(),
        };
        [
            self.who.clone(),
            self.state.into(),
            at(self.from),
            at(self.to),
            self.what.clone(),
            line,
        ]
    }
}

/// The rows of one finished run.
pub fn rows(trace: &Trace) -> Vec<Row> {
    rows_of(&Run::from_trace(trace, None))
}

/// The rows of a run already in the chart model.
pub fn rows_of(run: &Run) -> Vec<Row> {
    let mut out = Vec::new();
    for lane in &run.lanes {
        let first = out.len();
        let row = |state, from, to, what: &str, line: u32, col: u32| Row {
            task: Some(lane.task),
            who: lane.label.clone(),
            state,
            from,
            to,
            what: what.into(),
            line: (line > 0).then_some(line),
            col: (col > 0).then_some(col),
        };
        for s in &lane.segments {
            let state = match s.state {
                State::Running => "running",
                State::Waiting => "waiting",
                State::Ready => "ready",
            };
            out.push(row(state, s.start, s.end, run.what(s), s.line, s.col));
        }
        for p in &lane.prints {
            out.push(row("printed", p.t, p.t, &p.text, 0, 0));
        }
        if let Some(e) = &lane.end {
            let state = match e.kind {
                EndKind::Returned => "returned",
                EndKind::Raised => "raised",
                EndKind::Cancelled => "cancelled",
            };
            out.push(row(state, e.t, e.t, &e.detail, 0, 0));
        }
        // At equal times: the running slice, then what it printed, then the rest.
        let rank = |r: &Row| match r.state {
            "running" => 0,
            "printed" => 1,
            _ => 2,
        };
        sort_by(&mut out[first..], |a, b| {
            a.from
                .total_cmp(&b.from)
                .then(rank(a).cmp(&rank(b)))
                .is_lt()
        });
    }
    let first = out.len();
    let el = &run.event_loop;
    let row = |state, from, to, what: &str, line: u32| Row {
        task: None,
        who: "event loop".into(),
        state,
        from,
        to,
        what: what.into(),
        line: (line > 0).then_some(line),
        col: None,
    };
    out.extend(el.idle.iter().map(|&(a, b)| row("loop idle", a, b, "", 0)));
    out.extend(
        el.blocked
            .iter()
            .map(|b| row("loop blocked", b.start, b.end, &b.what, b.line)),
    );
    out.extend(
        el.prints
            .iter()
            .map(|p| row("printed", p.t, p.t, &p.text, 0)),
    );
    sort_by(&mut out[first..], |a, b| a.from.total_cmp(&b.from).is_lt());
    out
}
