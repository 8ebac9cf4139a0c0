#![cfg(not(target_arch = "wasm32"))]
//! Syntax errors against CPython 3.11: for every snippet of
//! tests/data/syntax_errors.txt, our error (kind, message, line, column) must be
//! the one `tools/syntax_errors.py` recorded from CPython in
//! tests/data/syntax_errors.expected.

use awaitscope::python::parse_module;

fn snippets(text: &str) -> Vec<String> {
    text.split("# ----\n")
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            let s = format!("{}\n", s.trim_matches('\n'));
            match s.strip_suffix("\n# no newline\n") {
                Some(t) => t.to_string(),
                None => s,
            }
        })
        .collect()
}

/// Debug builds use far more stack per nesting level than release/wasm.
fn with_big_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn errors_match_cpython() {
    with_big_stack(errors_match_cpython_inner);
}

/// Where we knowingly differ from CPython 3.11: (snippet, our error, why).
const DEVIATIONS: &[(&str, &str, &str)] = &[
    (
        "x = f'{a b}'\n",
        "SyntaxError: f-string: invalid syntax. Perhaps you forgot a comma? 1 8",
        "CPython 3.11 reports f-string field errors at offsets inside a copy of the field; we give the real column",
    ),
    (
        "x = 1\n  \\\ny = 2\n",
        "IndentationError: unexpected indent 3 1",
        "CPython says column 0 here; our columns start at 1",
    ),
];

fn errors_match_cpython_inner() {
    let snippets = snippets(include_str!("data/syntax_errors.txt"));
    let expected: Vec<&str> = include_str!("data/syntax_errors.expected")
        .lines()
        .collect();
    assert_eq!(
        snippets.len(),
        expected.len(),
        "re-run tools/syntax_errors.py"
    );
    let mut failures = Vec::new();
    for (src, want) in snippets.iter().zip(&expected) {
        let got = match parse_module(src) {
            Ok(_) => "OK".to_string(),
            Err(e) => format!(
                "{}: {} {} {}",
                e.kind, e.message, e.span.start.line, e.span.start.col
            ),
        };
        let want = match DEVIATIONS.iter().find(|d| d.0 == src) {
            Some(d) => d.1,
            None => want,
        };
        if got != want {
            failures.push(format!("{src:?}\n  got:  {got}\n  want: {want}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} differ:\n{}",
        failures.len(),
        expected.len(),
        failures.join("\n")
    );
}
