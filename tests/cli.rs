#![cfg(not(target_arch = "wasm32"))]
//! The `awaitscope` command line, run as a user runs it.

use std::process::{Command, Output};

fn awaitscope(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_awaitscope"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run awaitscope")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn temp_path(name: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name).to_string_lossy().into_owned()
}

const GATHER: &str = "tests/conformance/tutorial/02_gather_tasks.py";

#[test]
fn run_prints_what_python_prints_and_the_summary_compares_both_runs() {
    let out = awaitscope(&["run", GATHER, "--summary"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("Task 1 finished\nTask 2 finished\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Both tasks completed in 2.00 seconds"),
        "{stdout}"
    );
    assert!(text(&out.stderr).contains("2.0 s concurrent vs 3.0 s sequential — 1.5× faster"));
}

#[test]
fn svg_and_trace_files_hold_both_runs() {
    let (svg_path, trace_path) = (temp_path("gather.svg"), temp_path("gather.json"));
    let out = awaitscope(&["run", GATHER, "--svg", &svg_path, "--trace", &trace_path]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("role=\"img\""));
    for label in ["task1()", "task2()", "sleep(2)", "Sequential baseline"] {
        assert!(svg.contains(label), "SVG lacks {label}");
    }
    let trace: awaitscope::trace::Trace =
        serde_json::from_str(&std::fs::read_to_string(&trace_path).unwrap()).unwrap();
    assert_eq!(trace.end_time, 2.0);
    assert_eq!(trace.mode, awaitscope::trace::RunMode::Concurrent);
}

#[test]
fn sequential_flag_runs_the_baseline() {
    let trace_path = temp_path("sequential.json");
    let out = awaitscope(&["run", GATHER, "--sequential", "--trace", &trace_path]);
    assert!(out.status.success());
    let trace: awaitscope::trace::Trace =
        serde_json::from_str(&std::fs::read_to_string(&trace_path).unwrap()).unwrap();
    assert_eq!(
        (trace.mode, trace.end_time),
        (awaitscope::trace::RunMode::Sequential, 3.0)
    );
}

#[test]
fn errors_go_to_stderr_with_exit_code_1() {
    let program = temp_path("boom.py");
    std::fs::write(
        &program,
        "def f():\n    raise ValueError('boom')\nprint('before')\nf()\n",
    )
    .unwrap();
    let out = awaitscope(&["run", &program]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "before\n");
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("Traceback (most recent call last):"),
        "{stderr}"
    );
    assert!(
        stderr.contains("line 2, in f") && stderr.trim_end().ends_with("ValueError: boom"),
        "{stderr}"
    );

    std::fs::write(&program, "if True\n    pass\n").unwrap();
    let out = awaitscope(&["run", &program]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr)
        .trim_end()
        .ends_with("SyntaxError: expected ':'"));
}

#[test]
fn a_runaway_loop_stops_at_the_instruction_budget() {
    let program = temp_path("spin.py");
    std::fs::write(&program, "while True:\n    pass\n").unwrap();
    let out = awaitscope(&["run", &program, "--max-instructions", "100000"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("stopped after 100000 instructions"));
}

#[test]
fn bad_usage_is_exit_code_2_with_the_usage_text() {
    let out = awaitscope(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("usage: awaitscope run FILE.py"));
    assert!(awaitscope(&["--help"]).status.success());
}

/// The `X` events of one process and thread as (name, start µs, duration µs).
fn spans(events: &[serde_json::Value], pid: u64, tid: u64) -> Vec<(String, f64, f64)> {
    events
        .iter()
        .filter(|e| e["ph"] == "X" && e["pid"] == pid && e["tid"] == tid)
        .map(|e| {
            (
                e["name"].as_str().unwrap().to_string(),
                e["ts"].as_f64().unwrap(),
                e["dur"].as_f64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn perfetto_json_holds_both_runs_lane_by_lane() {
    let path = temp_path("gather.perfetto.json");
    let out = awaitscope(&["run", GATHER, "--perfetto", &path]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let events = doc["traceEvents"].as_array().unwrap();
    let named = |ph_name: &str, pid: u64| -> Vec<(u64, String)> {
        let mut v: Vec<(u64, String)> = events
            .iter()
            .filter(|e| e["name"] == ph_name && e["pid"] == pid)
            .map(|e| {
                (
                    e["tid"].as_u64().unwrap_or(u64::MAX),
                    e["args"]["name"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        named("process_name", 1),
        [(u64::MAX, "Concurrent run".into())]
    );
    assert_eq!(
        named("process_name", 2),
        [(u64::MAX, "Sequential baseline".into())]
    );
    let threads = [
        (0, "event loop".to_string()),
        (1, "main()".to_string()),
        (2, "task1()".to_string()),
        (3, "task2()".to_string()),
    ];
    assert_eq!(named("thread_name", 1), threads);
    assert_eq!(named("thread_name", 2), threads);
    // Concurrent: both sleeps start at 0; sequential: task2's starts when task1's ends.
    let waits = |pid, tid| -> Vec<(String, f64, f64)> {
        spans(events, pid, tid)
            .into_iter()
            .filter(|s| s.0.starts_with("await "))
            .collect()
    };
    assert_eq!(waits(1, 2), [("await sleep(1)".into(), 0.0, 1e6)]);
    assert_eq!(waits(1, 3), [("await sleep(2)".into(), 0.0, 2e6)]);
    assert_eq!(waits(2, 3), [("await sleep(2)".into(), 1e6, 2e6)]);
    assert_eq!(
        doc["otherData"]["summary"],
        "2.0 s concurrent vs 3.0 s sequential — 1.5× faster"
    );
}
