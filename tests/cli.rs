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
