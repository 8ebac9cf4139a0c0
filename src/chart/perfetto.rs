//! The chart model as Chrome Trace Event JSON, which Perfetto (ui.perfetto.dev)
//! and `chrome://tracing` open: one process per run (the concurrent run, then
//! the sequential baseline), one thread per task in creation order plus the
//! event loop's, the same segments the chart draws as complete events (`X`),
//! prints and task ends as instant events (`i`). Times are microseconds.
//!
//! Format: <https://docs.google.com/document/d/1CvAClvFfyA5R-PhYUmn5OOQtYMH4h6I0nSsKchNAySU>

use serde_json::{json, Value};

use super::model::{EndKind, Run, State};
use super::scene::run_name;
use super::Chart;

/// The event loop's thread id in every run; a task's is its id + 1.
const LOOP_TID: u32 = 0;

/// The whole chart as one JSON document.
pub fn render(chart: &Chart) -> String {
    let mut events = Vec::new();
    for (i, run) in chart.runs.iter().enumerate() {
        run_events(run, i as u32 + 1, &mut events);
    }
    let doc = json!({
        "traceEvents": events,
        "displayTimeUnit": "ms",
        "otherData": { "summary": chart.summary.text },
    });
    serde_json::to_string(&doc).unwrap_or_default()
}

fn us(t: f64) -> f64 {
    // Whole nanoseconds: the viewers take fractional microseconds.
    (t * 1e9).round() / 1e3
}

fn meta(events: &mut Vec<Value>, pid: u32, tid: Option<u32>, name: &str, args: Value) {
    let mut e = json!({ "ph": "M", "pid": pid, "name": name, "args": args });
    if let Some(tid) = tid {
        e["tid"] = json!(tid);
    }
    events.push(e);
}

fn span(pid: u32, tid: u32, cat: &str, name: &str, start: f64, end: f64, args: Value) -> Value {
    json!({
        "ph": "X", "pid": pid, "tid": tid, "cat": cat, "name": name,
        "ts": us(start), "dur": us((end - start).max(0.0)), "args": args,
    })
}

fn instant(pid: u32, tid: u32, cat: &str, name: &str, t: f64, args: Value) -> Value {
    json!({
        "ph": "i", "s": "t", "pid": pid, "tid": tid, "cat": cat, "name": name,
        "ts": us(t), "args": args,
    })
}

fn run_events(run: &Run, pid: u32, events: &mut Vec<Value>) {
    meta(
        events,
        pid,
        None,
        "process_name",
        json!({ "name": run_name(run) }),
    );
    meta(
        events,
        pid,
        None,
        "process_sort_index",
        json!({ "sort_index": pid }),
    );
    meta(
        events,
        pid,
        Some(LOOP_TID),
        "thread_name",
        json!({ "name": "event loop" }),
    );
    // The loop's thread below the tasks, as in the chart.
    meta(
        events,
        pid,
        Some(LOOP_TID),
        "thread_sort_index",
        json!({ "sort_index": run.lanes.len() + 1 }),
    );
    for (i, lane) in run.lanes.iter().enumerate() {
        let tid = lane.task + 1;
        meta(
            events,
            pid,
            Some(tid),
            "thread_name",
            json!({ "name": lane.label }),
        );
        meta(
            events,
            pid,
            Some(tid),
            "thread_sort_index",
            json!({ "sort_index": i }),
        );
        for seg in &lane.segments {
            let what = seg.what.and_then(|w| run.whats.get(w as usize));
            let (cat, name) = match seg.state {
                State::Running => ("running", "running".to_string()),
                State::Waiting => ("waiting", format!("await {}", what.map_or("?", |w| w))),
                State::Ready => ("ready", "ready, not yet run".to_string()),
            };
            let mut args = json!({});
            if seg.line > 0 {
                args["line"] = json!(seg.line);
                args["col"] = json!(seg.col);
            }
            if let (State::Ready, Some(what)) = (seg.state, what) {
                args["after"] = json!(what);
            }
            events.push(span(pid, tid, cat, &name, seg.start, seg.end, args));
        }
        for print in &lane.prints {
            events.push(instant(
                pid,
                tid,
                "print",
                "print",
                print.t,
                json!({ "text": print.text }),
            ));
        }
        if let Some(end) = &lane.end {
            let name = match end.kind {
                EndKind::Returned => "returned",
                EndKind::Raised => "raised",
                EndKind::Cancelled => "cancelled",
            };
            events.push(instant(
                pid,
                tid,
                "end",
                name,
                end.t,
                json!({ "detail": end.detail }),
            ));
        }
    }
    let lp = &run.event_loop;
    for it in &lp.iterations {
        let args = json!({ "handles": it.handles });
        events.push(span(
            pid,
            LOOP_TID,
            "loop",
            "_run_once",
            it.start,
            it.end,
            args,
        ));
    }
    for &(start, end) in &lp.idle {
        events.push(span(pid, LOOP_TID, "loop", "idle", start, end, json!({})));
    }
    for b in &lp.blocked {
        let name = format!("blocked by {}", b.what);
        events.push(span(
            pid,
            LOOP_TID,
            "blocked",
            &name,
            b.start,
            b.end,
            json!({ "line": b.line }),
        ));
    }
    for print in &lp.prints {
        events.push(instant(
            pid,
            LOOP_TID,
            "print",
            "print",
            print.t,
            json!({ "text": print.text }),
        ));
    }
}
