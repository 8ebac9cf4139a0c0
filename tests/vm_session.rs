//! The engine API: slices, budgets, blocking sleeps, idle waits, recursion and
//! memory limits, traces. Expected values follow CPython 3.11 semantics.
#![cfg(not(target_arch = "wasm32"))]

use awaitscope::run::{run_virtual, RunOptions, Session, SliceStatus};
use awaitscope::trace::{Event, RunMode};

#[test]
fn infinite_loop_stops_at_the_step_budget() {
    let opts = RunOptions {
        max_instructions: 100_000,
        ..RunOptions::default()
    };
    let r = run_virtual("print('start')\nwhile True:\n    pass\n", &opts);
    assert_eq!(r.stdout, "start\n");
    assert_eq!(r.exit_code, 1);
    assert!(r.stderr.contains("step budget"), "{}", r.stderr);
}

#[test]
fn slices_yield_and_resume_without_losing_state() {
    let mut s = Session::new(
        "total = 0\nfor i in range(10000):\n    total += i\nprint(total)\n",
        &RunOptions::default(),
    );
    let mut yields = 0;
    loop {
        match s.run_slice(0.0, 1000) {
            SliceStatus::Yielded => yields += 1,
            SliceStatus::Finished { exit_code } => {
                assert_eq!(exit_code, 0);
                break;
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    assert!(yields > 10);
    assert_eq!(s.stdout(), "49995000\n");
}

#[test]
fn time_sleep_blocks_and_idle_waits_report_to_the_driver() {
    let src = "import asyncio, time\nasync def main():\n    time.sleep(2)\n    await asyncio.sleep(3)\n    print(time.time())\nasyncio.run(main())\n";
    let mut s = Session::new(src, &RunOptions::default());
    let mut now = 0.0;
    let mut saw = Vec::new();
    loop {
        match s.run_slice(now, 1_000_000) {
            SliceStatus::Yielded => {}
            SliceStatus::Blocked { seconds } => {
                saw.push(format!("blocked {seconds}"));
                now += seconds;
            }
            SliceStatus::Idle {
                timeout: Some(t),
                next_deadline,
            } => {
                saw.push(format!("idle {t} until {next_deadline:?}"));
                now += t;
            }
            SliceStatus::Idle { timeout: None, .. } => panic!("no deadline"),
            SliceStatus::Finished { exit_code } => {
                assert_eq!(exit_code, 0);
                break;
            }
        }
    }
    assert_eq!(
        saw,
        vec![
            "blocked 2".to_string(),
            "idle 3 until Some(5.0)".to_string()
        ]
    );
    assert_eq!(s.stdout(), "5.0\n");
}

#[test]
fn deep_recursion_is_a_recursion_error_not_a_crash() {
    let r = run_virtual(
        "def f(n):\n    return f(n + 1)\nf(0)\n",
        &RunOptions::default(),
    );
    assert!(
        r.stderr
            .ends_with("RecursionError: maximum recursion depth exceeded\n"),
        "{}",
        r.stderr
    );
    let r = run_virtual(
        "import asyncio\nasync def f(n):\n    return await f(n + 1)\nasyncio.run(f(0))\n",
        &RunOptions::default(),
    );
    assert!(r.stderr.contains("RecursionError"), "{}", r.stderr);
}

#[test]
fn huge_allocations_are_memory_errors() {
    for src in [
        "x = [0] * 10**10\n",
        "x = 'ab' * 10**12\n",
        "x = list(range(10**12))\n",
    ] {
        let r = run_virtual(src, &RunOptions::default());
        assert!(
            r.stderr.trim_end().ends_with("MemoryError"),
            "{src}: {}",
            r.stderr
        );
    }
}

#[test]
fn int_overflow_is_an_overflow_error() {
    let r = run_virtual("print(2 ** 62)\nprint(2 ** 64)\n", &RunOptions::default());
    assert_eq!(r.stdout, "4611686018427387904\n");
    assert!(r.stderr.contains("OverflowError"), "{}", r.stderr);
}

#[test]
fn trace_records_tasks_suspends_and_prints() {
    let src = "import asyncio\nasync def worker(name, d):\n    await asyncio.sleep(d)\n    print(name)\nasync def main():\n    await asyncio.gather(worker('a', 1), worker('b', 2))\nasyncio.run(main())\n";
    let r = run_virtual(src, &RunOptions::default());
    assert_eq!(r.end_time, 2.0);
    let names: Vec<&str> = r.trace.tasks.iter().map(|t| t.coro.as_str()).collect();
    assert_eq!(names, vec!["main()", "worker('a', 1)", "worker('b', 2)"]);
    let suspend = r.trace.events.iter().find_map(|e| match e {
        Event::Suspend {
            task: 1,
            what,
            line,
            col,
            ..
        } => Some((what.clone(), *line, *col)),
        _ => None,
    });
    assert_eq!(suspend, Some(("sleep(1)".to_string(), 3, 5)));
    let prints: Vec<(f64, Option<u32>, &str)> = r
        .trace
        .events
        .iter()
        .filter_map(|e| match e {
            Event::Print { t, task, text } => Some((*t, *task, text.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(prints, vec![(1.0, Some(1), "a\n"), (2.0, Some(2), "b\n")]);
}

#[test]
fn sequential_mode_awaits_parts_one_by_one() {
    let src = "import asyncio\nasync def t(d):\n    await asyncio.sleep(d)\nasync def main():\n    await asyncio.gather(t(1), t(2))\nasyncio.run(main())\n";
    let conc = run_virtual(src, &RunOptions::default());
    let seq = run_virtual(
        src,
        &RunOptions {
            mode: RunMode::Sequential,
            ..RunOptions::default()
        },
    );
    assert_eq!(conc.end_time, 2.0);
    assert_eq!(seq.end_time, 3.0);
}

#[test]
fn syntax_errors_are_reported_like_cpython() {
    let r = run_virtual("def f()\n    pass\n", &RunOptions::default());
    assert_eq!(r.exit_code, 1);
    assert!(
        r.stderr.starts_with("  File \"main.py\", line 1\n"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.ends_with("SyntaxError: expected ':'\n"),
        "{}",
        r.stderr
    );
    let e = r.error.expect("error location");
    assert_eq!((e.kind.as_str(), e.line), ("SyntaxError", 1));
}

/// The conformance suite compares asyncio's frames by function only; here the frame
/// that stands for CPython's `Handle._run` must point at the prelude's line for it.
#[test]
fn a_failing_callback_traceback_starts_at_the_prelude_handle_run_line() {
    let r = run_virtual(
        "import asyncio\ndef bad():\n    1 / 0\nasync def main():\n    asyncio.get_running_loop().call_soon(bad)\n    await asyncio.sleep(0.1)\nasyncio.run(main())\n",
        &RunOptions::default(),
    );
    assert_eq!(r.exit_code, 0, "{}", r.stderr);
    let frame = r
        .stderr
        .lines()
        .skip_while(|l| !l.starts_with("Traceback"))
        .nth(1)
        .unwrap_or_default();
    assert!(
        frame.starts_with("  File \"<asyncio>/events.py\", line ") && frame.ends_with(", in _run"),
        "{}",
        r.stderr
    );
    assert!(!frame.contains("line 0,"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("in _run\n    self._context.run(self._callback, *self._args)\n"),
        "{}",
        r.stderr
    );
}

#[test]
fn tracebacks_show_frames_and_source_lines() {
    let r = run_virtual(
        "def inner():\n    raise ValueError('boom')\n\ndef outer():\n    inner()\n\nouter()\n",
        &RunOptions::default(),
    );
    assert_eq!(
        r.stderr,
        "Traceback (most recent call last):\n  File \"main.py\", line 7, in <module>\n    outer()\n  File \"main.py\", line 5, in outer\n    inner()\n  File \"main.py\", line 2, in inner\n    raise ValueError('boom')\nValueError: boom\n"
    );
    let e = r.error.expect("error location");
    assert_eq!(
        (e.kind.as_str(), e.message.as_str(), e.line),
        ("ValueError", "boom", 2)
    );
}
