//! The native `Task._step` (src/vm/task_step.rs) must be indistinguishable from
//! the prelude's Python `_step`: every conformance program and every prelude
//! check program, concurrent and sequential, gives the same stdout, stderr,
//! exit code, files and the same trace, event for event, both ways.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

use awaitscope::run::{run_virtual, RunOptions, RunResult};
use awaitscope::trace::RunMode;

fn programs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut out = Vec::new();
    let mut dirs = vec![root.join("conformance"), root.join("prelude_cpython")];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).expect("a test directory") {
            let p = e.expect("an entry").path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "py") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Hex addresses (`<coroutine object f at 0x7f…>`) differ from run to run.
fn without_addresses(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("0x") {
        out.push_str(&rest[..i + 2]);
        rest = rest[i + 2..].trim_start_matches(|c: char| c.is_ascii_hexdigit());
    }
    out.push_str(rest);
    out
}

/// Tracebacks without the prelude's own frames: the Python `_step` shows as a
/// frame (`result = coro.send(None)`), the native one does not (like CPython,
/// whose Task step is C).
fn without_prelude_frames(stderr: &str) -> String {
    let mut out = Vec::new();
    let mut lines = stderr.lines();
    while let Some(l) = lines.next() {
        if l.trim_start_matches([' ', '|'])
            .starts_with("File \"<asyncio>/")
        {
            lines.next();
            continue;
        }
        out.push(l);
    }
    out.join("\n")
}

struct Outcome {
    /// Everything but the trace's events.
    head: String,
    events: Vec<String>,
    stdout: String,
    /// Stopped by the instruction budget (a sequential run that never ends):
    /// the native step needs fewer instructions, so it gets further.
    budget_stop: bool,
}

fn outcome(r: &RunResult) -> Outcome {
    let budget_stop = r.stderr.contains("step budget exhausted");
    let events = r
        .trace
        .events
        .iter()
        .map(|e| without_addresses(&format!("{e:?}")))
        .collect();
    let mut trace = r.trace.clone();
    trace.events.clear();
    Outcome {
        head: without_addresses(&format!(
            "exit {}\nend {}\nstderr:\n{}\nfiles: {:?}\ntrace: {:?}",
            r.exit_code,
            r.end_time,
            without_prelude_frames(&r.stderr),
            r.files,
            trace
        )),
        events,
        stdout: without_addresses(&r.stdout),
        budget_stop,
    }
}

fn run(src: &str, mode: RunMode, native: bool) -> Outcome {
    awaitscope::vm::task_step::set_enabled(native);
    let opts = RunOptions {
        mode,
        http_fixtures: awaitscope::fixtures::bundled_http_fixtures(),
        ..Default::default()
    };
    let r = run_virtual(src, &opts);
    awaitscope::vm::task_step::set_enabled(true);
    outcome(&r)
}

/// Where `native` and `python` part, if they do.
fn difference(native: &Outcome, python: &Outcome) -> Option<String> {
    if native.budget_stop && python.budget_stop {
        // Both cut off: what the Python run did, the native one did first.
        if !native.stdout.starts_with(&python.stdout) {
            return Some("stdout is not a prefix".into());
        }
        if native.events.len() < python.events.len() {
            return Some("fewer events".into());
        }
        return native
            .events
            .iter()
            .zip(&python.events)
            .position(|(a, b)| a != b)
            .map(|i| format!("event {i}: {} vs {}", native.events[i], python.events[i]));
    }
    if native.head != python.head {
        return Some(format!("result:\n{}\nvs\n{}", native.head, python.head));
    }
    if native.stdout != python.stdout {
        return Some("stdout".into());
    }
    if let Some(i) = native
        .events
        .iter()
        .zip(&python.events)
        .position(|(a, b)| a != b)
    {
        return Some(format!(
            "event {i}: {} vs {}",
            native.events[i], python.events[i]
        ));
    }
    (native.events.len() != python.events.len()).then(|| "event count".into())
}

/// Paths the native step hands back to Python: cancellation, bad yields, a task
/// awaiting itself, a Task subclass, KeyboardInterrupt in a task; and sequential
/// nesting deep enough to reach the recursion limit.
const EXTRA: &[&str] = &[
    r#"import asyncio
class Bad:
    def __await__(self):
        yield 5
class MyTask(asyncio.Task):
    pass
async def spin(n):
    for i in range(n):
        await asyncio.sleep(0)
    return n
async def selfwait():
    await asyncio.current_task()
async def fatal():
    await asyncio.sleep(0)
    raise KeyboardInterrupt
async def main():
    t = asyncio.create_task(spin(100))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    t.cancel('stop it')
    try:
        await t
    except asyncio.CancelledError as e:
        print('cancelled', e.args)
    for coro in (Bad(), selfwait()):
        try:
            await asyncio.ensure_future(coro) if not isinstance(coro, Bad) else await asyncio.create_task(asyncio.wait_for(coro, 1))
        except Exception as e:
            print(type(e).__name__, str(e)[:40])
    m = MyTask(spin(3))
    print(await m, await asyncio.gather(spin(2), spin(1), return_exceptions=True))
    try:
        await asyncio.create_task(fatal())
    except KeyboardInterrupt:
        print('kbd')
asyncio.run(main())
"#,
    "import asyncio\nasync def f(n):\n    if n == 0:\n        return 0\n    return await asyncio.create_task(f(n - 1)) + 1\nprint(asyncio.run(f(3000)))\n",
];

#[test]
fn native_step_equals_python_step_on_every_program() {
    let progs = programs();
    assert!(progs.len() > 200, "found only {} programs", progs.len());
    let mut differ = Vec::new();
    let sources = progs
        .iter()
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(p).expect("a readable program"),
            )
        })
        .chain(
            EXTRA
                .iter()
                .enumerate()
                .map(|(i, s)| (format!("EXTRA[{i}]"), s.to_string())),
        );
    for (name, src) in sources {
        for mode in [RunMode::Concurrent, RunMode::Sequential] {
            let native = run(&src, mode, true);
            let python = run(&src, mode, false);
            if let Some(d) = difference(&native, &python) {
                differ.push(format!("{name} ({mode:?}): {d}"));
            }
        }
    }
    assert!(
        differ.is_empty(),
        "native and Python steps differ:\n{}",
        differ.join("\n")
    );
}

/// The switch really selects the Python step: a `sleep(0)` loop runs fewer VM
/// instructions natively (without it, the test above would compare a run with itself).
#[test]
fn the_switch_selects_the_python_step() {
    let src = "import asyncio\n\nasync def w():\n    for _ in range(50):\n        await asyncio.sleep(0)\n\nasync def main():\n    await asyncio.gather(w(), w())\n\nasyncio.run(main())\n";
    let budget = |native: bool| {
        awaitscope::vm::task_step::set_enabled(native);
        let mut lo = 1_000u64;
        let mut hi = 10_000_000u64;
        // The smallest instruction budget the program finishes within.
        while lo < hi {
            let mid = (lo + hi) / 2;
            let opts = RunOptions {
                max_instructions: mid,
                ..Default::default()
            };
            if run_virtual(src, &opts).exit_code == 0 {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        awaitscope::vm::task_step::set_enabled(true);
        lo
    };
    let (native, python) = (budget(true), budget(false));
    assert!(
        native + 100 * 20 < python,
        "native {native} vs Python {python} instructions"
    );
}
