//! Conformance against CPython 3.11: every `tests/conformance/**/*.py` (and the
//! hand-written `tests/unsupported/**/*.py`) runs on the engine's virtual clock,
//! and its stdout lines with their times, total time, exit code, last stderr
//! line and final files must equal the committed `.expected` file made by
//! tools/cpython_oracle.py. `CONFORMANCE_FILTER=substring` runs a subset.
#![cfg(not(target_arch = "wasm32"))]

#[path = "conformance/harness.rs"]
mod harness;

use std::path::{Path, PathBuf};

use awaitscope::run::{run_virtual, HttpFixture, RunOptions};
use awaitscope::trace::{Event, RunMode};
use harness::{expected_body, find_programs, parse_expected, render, unified_diff, Observed};

fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn load_fixtures() -> Vec<HttpFixture> {
    let path = repo_path("tests/fixtures/http.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    awaitscope::fixtures::parse_http_fixtures(&text)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Runs one program on the engine and renders the result like the oracle.
fn run_program(source: &str, fixtures: &[HttpFixture]) -> Result<String, String> {
    let options = RunOptions {
        mode: RunMode::Concurrent,
        max_instructions: 200_000_000,
        http_fixtures: fixtures.to_vec(),
        ..RunOptions::default()
    };
    let result = std::panic::catch_unwind(|| run_virtual(source, &options))
        .map_err(|panic| format!("PANIC: {}", panic_message(&panic)))?;
    let writes: Vec<(f64, String)> = result
        .trace
        .events
        .iter()
        .filter_map(|event| match event {
            Event::Print { t, text, .. } => Some((*t, text.clone())),
            _ => None,
        })
        .collect();
    let printed: String = writes.iter().map(|(_, text)| text.as_str()).collect();
    if let Some(problem) = out_of_order(&result.trace.events) {
        return Err(problem);
    }
    if printed != result.stdout {
        return Err(format!(
            "the trace's Print events do not add up to stdout:\n  prints: {printed:?}\n  stdout: {:?}",
            result.stdout
        ));
    }
    Ok(render(&Observed {
        writes,
        end_time: result.end_time,
        exit_code: result.exit_code,
        stderr: result.stderr.clone(),
        files: result.files.clone(),
    }))
}

/// The trace schema promises events in the order they were recorded (the chart relies on it).
fn out_of_order(events: &[Event]) -> Option<String> {
    let i = events
        .windows(2)
        .position(|w| w[1].recorded_at() < w[0].recorded_at())?;
    Some(format!(
        "trace event {} goes back in time: {:?}",
        i + 1,
        events[i + 1]
    ))
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "(non-string panic)".to_string()
    }
}

/// Every program, compared with its `.expected`; one failure does not hide the rest.
#[test]
fn conformance_suite() {
    let filter = std::env::var("CONFORMANCE_FILTER").unwrap_or_default();
    let fixtures = load_fixtures();
    let root = repo_path("");
    let (mut passed, mut failed) = (0, Vec::new());
    for dir in ["tests/conformance", "tests/unsupported"] {
        for program in find_programs(&repo_path(dir)) {
            let name = program
                .strip_prefix(&root)
                .unwrap_or(&program)
                .display()
                .to_string();
            if !name.contains(&filter) {
                continue;
            }
            let source =
                std::fs::read_to_string(&program).unwrap_or_else(|e| panic!("{name}: {e}"));
            let expected_path = program.with_extension("expected");
            let expected = std::fs::read_to_string(&expected_path)
                .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
            let expected = expected_body(&expected);
            match run_program(&source, &fixtures) {
                Ok(actual) if actual == expected => passed += 1,
                Ok(actual) => {
                    println!("FAIL {name}\n{}", unified_diff(expected, &actual));
                    failed.push(name);
                }
                Err(problem) => {
                    println!("FAIL {name}\n{problem}\n");
                    failed.push(name);
                }
            }
        }
    }
    println!("conformance: {passed} passed, {} failed", failed.len());
    assert!(
        failed.is_empty(),
        "conformance: {passed} passed, {} failed:\n  {}",
        failed.len(),
        failed.join("\n  ")
    );
    assert!(
        passed > 0 || !filter.is_empty(),
        "no conformance programs found"
    );
}

/// The sequential baseline has no CPython counterpart, but every program must
/// still end cleanly in it: no panic, and an exit code the CLI documents
/// (0, 1, or 2 for a deadlock, which sequential runs may legitimately hit).
#[test]
fn sequential_baseline_runs_every_program_without_panicking() {
    let filter = std::env::var("CONFORMANCE_FILTER").unwrap_or_default();
    let fixtures = load_fixtures();
    let mut problems = Vec::new();
    for program in find_programs(&repo_path("tests/conformance")) {
        let name = program.display().to_string();
        if !name.contains(&filter) {
            continue;
        }
        let source = std::fs::read_to_string(&program).unwrap_or_else(|e| panic!("{name}: {e}"));
        let options = RunOptions {
            mode: RunMode::Sequential,
            // Some programs poll forever when run one part at a time (a loop
            // waiting for a flag a later task sets): a small budget ends them.
            max_instructions: 5_000_000,
            http_fixtures: fixtures.clone(),
            ..RunOptions::default()
        };
        match std::panic::catch_unwind(|| run_virtual(&source, &options)) {
            Ok(result) if !matches!(result.exit_code, 0..=2) => {
                problems.push(format!("{name}: exit code {}", result.exit_code))
            }
            Ok(result) => {
                // The trace schema promises events in the order they were recorded.
                let times: Vec<f64> = result
                    .trace
                    .events
                    .iter()
                    .map(|e| e.recorded_at())
                    .collect();
                if let Some(i) = times.windows(2).position(|w| w[1] < w[0]) {
                    problems.push(format!(
                        "{name}: event {} goes back in time: {:?}",
                        i + 1,
                        result.trace.events[i + 1]
                    ));
                }
            }
            Err(panic) => problems.push(format!("{name}: PANIC {}", panic_message(&panic))),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The harness itself: rendering a parsed `.expected` file gives it back, so
/// the time formatting (float repr), line splitting and file reprs agree with
/// the oracle's.
#[test]
fn expected_files_round_trip_through_the_renderer() {
    let mut checked = 0;
    for root in ["tests/conformance", "tests/unsupported"] {
        for program in find_programs(&repo_path(root)) {
            let expected_path = program.with_extension("expected");
            let expected = std::fs::read_to_string(&expected_path)
                .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
            let body = expected_body(&expected);
            let observed =
                parse_expected(body).unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
            let rendered = render(&observed);
            assert!(
                rendered == body,
                "{}\n{}",
                expected_path.display(),
                unified_diff(body, &rendered)
            );
            checked += 1;
        }
    }
    assert!(checked >= 100, "only {checked} programs found");
}

#[test]
fn lines_take_the_time_of_their_first_character() {
    let writes = vec![
        (0.0, "a".to_string()),
        (1.0, "b\n".to_string()),
        (2.0, String::new()),
        (3.0, "\n".to_string()),
        (4.0, "c\nd".to_string()),
    ];
    let lines = harness::timed_lines(&writes);
    assert_eq!(
        lines,
        vec![
            (0.0, "ab".to_string()),
            (3.0, String::new()),
            (4.0, "c".to_string()),
            (4.0, "d".to_string()),
        ]
    );
}

#[test]
fn last_nonblank_stderr_line() {
    assert_eq!(
        harness::last_nonblank_line("Traceback:\n  x\nValueError: v\n\n  \n"),
        "ValueError: v"
    );
    assert_eq!(harness::last_nonblank_line(""), "");
}

#[test]
fn diff_marks_changed_lines() {
    let diff = unified_diff("a\nb\nc\n", "a\nB\nc\n");
    assert!(diff.contains("-b\n+B\n"), "{diff}");
    assert!(diff.contains(" a\n") && diff.contains(" c\n"), "{diff}");
}
