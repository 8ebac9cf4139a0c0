//! The asyncio prelude's own check programs (tests/prelude_cpython), run by the
//! engine: each program with a `.expected` file (made by tools/cpython_oracle.py,
//! CPython 3.11 on a virtual clock) must give exactly CPython's result, and each
//! `# sequential-end: T` / `# sequential-status: deadlock` header must hold for
//! the sequential baseline. (tools/check_prelude.py checks the same programs
//! against the prelude under CPython; this checks them on our VM.)
#![cfg(not(target_arch = "wasm32"))]

#[path = "conformance/harness.rs"]
#[allow(dead_code)]
mod harness;

use std::path::Path;

use awaitscope::run::{run_virtual, HttpFixture, RunOptions, RunResult};
use awaitscope::trace::{Event, RunMode};

fn fixtures() -> Vec<HttpFixture> {
    let root = env!("CARGO_MANIFEST_DIR");
    let text = std::fs::read_to_string(format!("{root}/tests/fixtures/http.json"))
        .expect("tests/fixtures/http.json");
    let list: serde_json::Value = serde_json::from_str(&text).expect("fixtures are JSON");
    list.as_array()
        .expect("a list of fixtures")
        .iter()
        .map(|f| HttpFixture {
            url: f["url"].as_str().unwrap_or_default().to_string(),
            status: f["status"].as_u64().unwrap_or(200) as u16,
            body: f["body"].as_str().unwrap_or_default().to_string(),
            content_type: f["content_type"].as_str().unwrap_or_default().to_string(),
            latency_s: f["latency"].as_f64().unwrap_or(0.0),
        })
        .collect()
}

fn render(r: &RunResult) -> String {
    let writes = r
        .trace
        .events
        .iter()
        .filter_map(|e| match e {
            Event::Print { t, text, .. } => Some((*t, text.clone())),
            _ => None,
        })
        .collect();
    harness::render(&harness::Observed {
        writes,
        end_time: r.end_time,
        exit_code: r.exit_code,
        stderr: r.stderr.clone(),
        files: r.files.clone(),
    })
}

fn header<'a>(source: &'a str, key: &str) -> Option<&'a str> {
    source
        .lines()
        .find_map(|line| line.strip_prefix(key).map(str::trim))
}

#[test]
fn prelude_programs_run_on_the_engine_as_on_cpython() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/prelude_cpython");
    let concurrent = RunOptions {
        http_fixtures: fixtures(),
        ..RunOptions::default()
    };
    let sequential = RunOptions {
        mode: RunMode::Sequential,
        ..concurrent.clone()
    };
    let (mut checked, mut failures) = (0, Vec::new());
    for program in harness::find_programs(&root) {
        let name = program
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let source = std::fs::read_to_string(&program).expect("readable program");
        if let Ok(expected) = std::fs::read_to_string(program.with_extension("expected")) {
            checked += 1;
            let want = harness::expected_body(&expected).to_string();
            let got = render(&run_virtual(&source, &concurrent));
            if got != want {
                failures.push(format!("{name}\n{}", harness::unified_diff(&want, &got)));
            }
        }
        let seq_end = header(&source, "# sequential-end:");
        let seq_status = header(&source, "# sequential-status:");
        if seq_end.is_none() && seq_status.is_none() {
            continue;
        }
        checked += 1;
        let r = run_virtual(&source, &sequential);
        if let Some(end) = seq_end {
            if end.parse::<f64>().ok() != Some(r.end_time) {
                failures.push(format!("{name}: sequential end {} != {end}", r.end_time));
            }
        }
        let want_exit = if seq_status == Some("deadlock") { 2 } else { 0 };
        if r.exit_code != want_exit {
            failures.push(format!(
                "{name}: sequential exit {} != {want_exit}\n{}",
                r.exit_code, r.stderr
            ));
        }
    }
    assert!(checked > 40, "only {checked} checks ran");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
