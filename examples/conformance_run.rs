//! Runs the conformance programs and prints a pass/fail summary with diffs:
//! `cargo run --release --example conformance_run -- [filter]`.
#[path = "../tests/conformance/harness.rs"]
#[allow(dead_code)]
mod harness;

use awaitscope::run::{run_virtual, HttpFixture, RunOptions};
use awaitscope::trace::Event;

fn fixtures() -> Vec<HttpFixture> {
    let text = std::fs::read_to_string("tests/fixtures/http.json").unwrap_or_default();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap_or(serde_json::Value::Null);
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|f| HttpFixture {
                    url: f["url"].as_str().unwrap_or("").to_string(),
                    status: f["status"].as_u64().unwrap_or(200) as u16,
                    body: f["body"].as_str().unwrap_or("").to_string(),
                    content_type: f["content_type"].as_str().unwrap_or("").to_string(),
                    latency_s: f["latency"].as_f64().unwrap_or(0.0),
                })
                .collect()
        })
        .unwrap_or_default()
}

fn main() {
    let filter = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_default();
    let quiet = std::env::args().any(|a| a == "-q");
    let opts = RunOptions {
        http_fixtures: fixtures(),
        ..RunOptions::default()
    };
    let (mut pass, mut fail) = (0, 0);
    let mut failed = Vec::new();
    for root in ["tests/conformance", "tests/unsupported"] {
        for p in harness::find_programs(std::path::Path::new(root)) {
            let name = p.display().to_string();
            if !name.contains(&filter) {
                continue;
            }
            let src = std::fs::read_to_string(&p).unwrap_or_default();
            let exp = std::fs::read_to_string(p.with_extension("expected")).unwrap_or_default();
            let body = harness::expected_body(&exp).to_string();
            let r = run_virtual(&src, &opts);
            let writes: Vec<(f64, String)> = r
                .trace
                .events
                .iter()
                .filter_map(|e| match e {
                    Event::Print { t, text, .. } => Some((*t, text.clone())),
                    _ => None,
                })
                .collect();
            let obs = harness::Observed {
                writes,
                end_time: r.end_time,
                exit_code: r.exit_code,
                stderr: r.stderr.clone(),
                files: r.files.clone(),
            };
            let got = harness::render(&obs);
            if got == body {
                pass += 1;
            } else {
                fail += 1;
                failed.push(name.clone());
                if !quiet {
                    println!("=== FAIL {name}\n{}", harness::unified_diff(&body, &got));
                    if !r.stderr.is_empty() {
                        println!(
                            "--- stderr:\n{}",
                            r.stderr
                                .lines()
                                .rev()
                                .take(6)
                                .collect::<Vec<_>>()
                                .into_iter()
                                .rev()
                                .collect::<Vec<_>>()
                                .join("\n")
                        );
                    }
                }
            }
        }
    }
    println!("conformance: {pass} passed, {fail} failed");
    for f in failed {
        println!("  {f}");
    }
}
