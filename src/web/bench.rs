//! Benchmark hooks for the bench script: exported to JavaScript, they run a
//! fixed program through the browser driver and return their measures as a JSON
//! string. Numbers are printed by the bench, never asserted.
//!
//! From the built page (trunk puts the module's exports on `window.wasmBindings`):
//! `JSON.parse(await window.wasmBindings.bench_task_switches())`.

use std::rc::Rc;

use wasm_bindgen::prelude::{wasm_bindgen, JsValue};

use super::driver::{perf_now, run_now, run_to_end, Clock, MacrotaskYield, RunSpec};
use crate::run::DEFAULT_MAX_INSTRUCTIONS;
use crate::trace::{Event, RunMode};

/// 1000 tasks × 100 `await asyncio.sleep(0)`: the native bench's program.
pub const TASK_SWITCHES_PROGRAM: &str = "\
import asyncio

async def worker():
    for _ in range(100):
        await asyncio.sleep(0)

async def main():
    await asyncio.gather(*(worker() for _ in range(1000)))

asyncio.run(main())
";

/// Runs of the task-switch program through the driver; the best one counts.
const SWITCH_RUNS: usize = 3;

/// 40 sequential 10 ms sleeps on the real clock.
pub const TIMER_LATENESS_PROGRAM: &str = "\
import asyncio

async def main():
    for _ in range(40):
        await asyncio.sleep(0.01)

asyncio.run(main())
";

fn spec(source: &str, clock: Clock) -> RunSpec {
    RunSpec {
        source: source.to_string(),
        mode: RunMode::Concurrent,
        clock,
        max_instructions: DEFAULT_MAX_INSTRUCTIONS,
        fixtures: Rc::new(Vec::new()),
    }
}

/// Task switches per second on the virtual clock through the driver (slices on
/// the microtask queue, macrotask yields): the first run (cold: the prelude is
/// compiled, V8 has not yet tiered the VM up to optimized code) and the best of
/// [`SWITCH_RUNS`] (like the native bench's best of 5); and the same program run
/// at once (`run_now`, no driver) for comparison. A switch is one task step.
#[wasm_bindgen]
pub async fn bench_task_switches() -> String {
    // Each run's wall time; the trace of the last one counts the switches.
    let timed_run = || async {
        let start = perf_now();
        let live = run_to_end(spec(TASK_SWITCHES_PROGRAM, Clock::Virtual)).await;
        (perf_now() - start, live)
    };
    let (cold_ms, mut live) = timed_run().await;
    let mut wall_ms = cold_ms;
    for _ in 1..SWITCH_RUNS {
        let (ms, again) = timed_run().await;
        wall_ms = wall_ms.min(ms);
        live = again;
    }
    let switches = live
        .trace
        .events
        .iter()
        .filter(|e| matches!(e, Event::StepStart { .. }))
        .count();
    let start = perf_now();
    let direct = run_now(&spec(TASK_SWITCHES_PROGRAM, Clock::Virtual));
    let direct_ms = perf_now() - start;
    to_json(&[
        (
            "program",
            JsValue::from("1000 tasks x 100 await asyncio.sleep(0), virtual clock"),
        ),
        ("switches", JsValue::from(switches as f64)),
        ("wall_ms", JsValue::from(wall_ms)),
        ("runs", JsValue::from(SWITCH_RUNS as f64)),
        (
            "cold_switches_per_second",
            JsValue::from(switches as f64 / (cold_ms / 1000.0)),
        ),
        (
            "switches_per_second",
            JsValue::from(switches as f64 / (wall_ms / 1000.0)),
        ),
        ("status", JsValue::from(format!("{:?}", live.status))),
        ("run_now_ms", JsValue::from(direct_ms)),
        (
            "run_now_switches_per_second",
            JsValue::from(switches as f64 / (direct_ms / 1000.0)),
        ),
        (
            "run_now_stdout_matches",
            JsValue::from(direct.output == live.output),
        ),
    ])
}

/// Lateness of 40 sequential `await asyncio.sleep(0.01)` at 1× real time: for
/// each sleep, from its ideal deadline (suspension time + 0.01 s) to the step
/// that resumes the task, in ms.
#[wasm_bindgen]
pub async fn bench_timer_lateness() -> String {
    let live = run_to_end(spec(TIMER_LATENESS_PROGRAM, Clock::Real { speed: 1.0 })).await;
    let mut lateness = sleep_lateness_ms(&live.trace.events, 0.01);
    crate::vm::stable_sort::sort_by(&mut lateness, |a, b| a.total_cmp(b).is_lt());
    let pct = |p: f64| -> f64 {
        if lateness.is_empty() {
            return f64::NAN;
        }
        // Nearest rank.
        let rank = ((p / 100.0) * lateness.len() as f64).ceil() as usize;
        lateness[rank.clamp(1, lateness.len()) - 1]
    };
    to_json(&[
        (
            "program",
            JsValue::from("40 sequential await asyncio.sleep(0.01), real clock 1x"),
        ),
        ("sleeps", JsValue::from(lateness.len() as f64)),
        ("p50_ms", JsValue::from(pct(50.0))),
        ("p95_ms", JsValue::from(pct(95.0))),
        ("p99_ms", JsValue::from(pct(99.0))),
        (
            "max_ms",
            JsValue::from(lateness.last().copied().unwrap_or(f64::NAN)),
        ),
        ("total_ms", JsValue::from(live.wall_ms)),
        ("status", JsValue::from(format!("{:?}", live.status))),
    ])
}

/// For every suspension on `sleep(delay)`, how late (ms) the task's next step
/// started after the ideal deadline.
pub fn sleep_lateness_ms(events: &[Event], delay: f64) -> Vec<f64> {
    let what = format!("sleep({delay})");
    // (task, deadline) of the sleeping tasks: a few at most, so a Vec (a map type
    // of its own would add its whole implementation to the wasm).
    let mut waiting: Vec<(u32, f64)> = Vec::new();
    let mut out = Vec::new();
    for e in events {
        match e {
            Event::Suspend {
                t, task, what: w, ..
            } if *w == what => {
                waiting.retain(|w| w.0 != *task);
                waiting.push((*task, t + delay));
            }
            Event::StepStart { t, task } => {
                if let Some(i) = waiting.iter().position(|w| w.0 == *task) {
                    out.push((t - waiting.swap_remove(i).1) * 1000.0);
                }
            }
            _ => {}
        }
    }
    out
}

/// What one yield to the macrotask queue costs: the driver's `MessageChannel`
/// message against `setTimeout(0)` (gloo-timers), 200 of each in a row, in ms.
#[wasm_bindgen]
pub async fn bench_macrotask_yield() -> String {
    const N: u32 = 200;
    let channel = MacrotaskYield::new();
    let start = perf_now();
    for _ in 0..N {
        channel.yield_now().await;
    }
    let channel_ms = (perf_now() - start) / N as f64;
    let start = perf_now();
    for _ in 0..N {
        gloo_timers::future::TimeoutFuture::new(0).await;
    }
    let timeout_ms = (perf_now() - start) / N as f64;
    to_json(&[
        ("yields", JsValue::from(N)),
        ("message_channel_ms_per_yield", JsValue::from(channel_ms)),
        ("set_timeout_0_ms_per_yield", JsValue::from(timeout_ms)),
    ])
}

/// A flat JSON object, for the bench script (`JSON.stringify` of the fields).
fn to_json(fields: &[(&str, JsValue)]) -> String {
    let object = js_sys::Object::new();
    for (key, value) in fields {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
    }
    js_sys::JSON::stringify(&object)
        .map(String::from)
        .unwrap_or_default()
}
