#![cfg(not(target_arch = "wasm32"))]
//! Differential test against CPython 3.11 on randomly edited programs (cases
//! made by `tools/parse_differential.py`, see there). Ignored by default since
//! it needs the cases file.

use awaitscope::python::{dump_module, parse_module};

/// Errors CPython's compiler (not its parser) reports: ours come later too.
const COMPILER_LEVEL: &[&str] = &[
    "outside function",
    "outside loop",
    "outside async function",
    "not allowed at module level",
    "'yield' inside",
    "asynchronous comprehension outside",
    "no binding for nonlocal",
    "is parameter and",
    "is used prior to",
    "is assigned to before",
    "default 'except:' must be last",
    "annotated name",
    "assignment expression cannot",
];

#[test]
#[ignore]
fn differential_against_cpython() {
    let Ok(path) = std::env::var("AWAITSCOPE_DIFF_CASES") else {
        eprintln!("set AWAITSCOPE_DIFF_CASES (see tools/parse_differential.py)");
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || run(&text))
        .unwrap()
        .join()
        .unwrap();
}

fn run(text: &str) {
    let cases: Vec<serde_json::Value> = serde_json::from_str(text).unwrap();
    let (mut serious, mut messages) = (Vec::new(), 0);
    for case in &cases {
        let (Some(src), Some(want)) = (case["src"].as_str(), case["want"].as_str()) else {
            continue;
        };
        let got = match parse_module(src) {
            Ok(m) => format!("OK {}", dump_module(&m, true)),
            Err(e) => format!(
                "{}: {} {} {}",
                e.kind, e.message, e.span.start.line, e.span.start.col
            ),
        };
        if got == want || got.starts_with("NotImplementedError") {
            continue;
        }
        if COMPILER_LEVEL.iter().any(|k| want.contains(k)) && got.starts_with("OK") {
            continue;
        }
        if got.starts_with("OK") || want.starts_with("OK") {
            serious.push(format!("{src:?}\n  got:  {got:.200}\n  want: {want:.200}"));
        } else {
            messages += 1;
            println!("{src:?}\n  got:  {got}\n  want: {want}");
        }
    }
    println!(
        "{messages} of {} differ in their error message or position",
        cases.len()
    );
    assert!(
        serious.is_empty(),
        "accepted/rejected or tree differs:\n{}",
        serious.join("\n")
    );
}
