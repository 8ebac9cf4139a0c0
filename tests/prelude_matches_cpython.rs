//! The asyncio prelude, run by CPython over the `_awaitscope` shim, must match
//! real CPython 3.11 asyncio hop for hop (tools/check_prelude.py). Skipped when
//! `python3` is not CPython 3.11 (the oracle must be 3.11).
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

#[test]
fn prelude_matches_cpython_asyncio() {
    let version = Command::new("python3")
        .args(["-c", "import sys; print(sys.version_info[:2] == (3, 11))"])
        .output();
    match version {
        Ok(out) if String::from_utf8_lossy(&out.stdout).trim() == "True" => {}
        _ => {
            eprintln!("skipped: python3 is not CPython 3.11");
            return;
        }
    }
    let root = env!("CARGO_MANIFEST_DIR");
    let out = Command::new("python3")
        .arg(format!("{root}/tools/check_prelude.py"))
        .output()
        .expect("run tools/check_prelude.py");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains(" passed, 0 failed"), "{stdout}");
}
