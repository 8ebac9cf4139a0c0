//! The asyncio prelude, run by CPython over the `_awaitscope` shim, must match
//! real CPython 3.11 asyncio hop for hop (tools/check_prelude.py), on its own
//! check programs and on the whole conformance suite. Skipped when `python3` is
//! not CPython 3.11 (the oracle must be 3.11).
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

fn python_is_3_11() -> bool {
    let version = Command::new("python3")
        .args(["-c", "import sys; print(sys.version_info[:2] == (3, 11))"])
        .output();
    matches!(version, Ok(out) if String::from_utf8_lossy(&out.stdout).trim() == "True")
}

fn check_prelude(args: &[&str]) {
    if !python_is_3_11() {
        eprintln!("skipped: python3 is not CPython 3.11");
        return;
    }
    let root = env!("CARGO_MANIFEST_DIR");
    let out = Command::new("python3")
        .arg(format!("{root}/tools/check_prelude.py"))
        .args(args)
        .output()
        .expect("run tools/check_prelude.py");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains(" passed, 0 failed"), "{stdout}");
}

#[test]
fn prelude_matches_cpython_on_its_check_programs() {
    check_prelude(&[]);
}

/// Slow (two CPython processes per conformance program): `cargo test --test
/// prelude_matches_cpython -- --ignored`.
#[test]
#[ignore]
fn prelude_matches_cpython_on_the_conformance_suite() {
    check_prelude(&["--conformance"]);
}
