//! Conformance against CPython 3.11: every `tests/conformance/**/*.py` (and the
//! hand-written `tests/unsupported/**/*.py`) runs on the engine's virtual clock,
//! and its stdout lines with their times, total time, exit code, last stderr
//! line and final files must equal the committed `.expected` file made by
//! tools/cpython_oracle.py. `CONFORMANCE_FILTER=substring` runs a subset.
#![cfg(not(target_arch = "wasm32"))]

#[path = "conformance/harness.rs"]
mod harness;

use std::path::{Path, PathBuf};

use harness::{expected_body, find_programs, parse_expected, render, unified_diff};

fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
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
