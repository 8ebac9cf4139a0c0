#![cfg(not(target_arch = "wasm32"))]
//! Our parser against CPython 3.11's: every snippet of tests/data/parse_corpus.txt
//! must give the same `ast.dump` (with positions) that `tools/ast_corpus.py`
//! recorded from CPython in tests/data/parse_corpus.expected.

use awaitscope::python::{dump_module, parse_module};

fn snippets(text: &str) -> Vec<String> {
    text.split("# ----\n")
        .filter(|s| !s.trim().is_empty())
        .map(|s| format!("{}\n", s.trim_matches('\n')))
        .collect()
}

/// Drop the `@l:c-l:c` position marks, to tell shape errors from span errors.
fn strip_positions(s: &str) -> String {
    let mut out = String::new();
    let mut skip = false;
    for c in s.chars() {
        if c == '@' {
            skip = true;
        } else if skip && c == '(' {
            skip = false;
        }
        if !skip {
            out.push(c);
        }
    }
    out
}

#[test]
fn corpus_matches_cpython() {
    let text = include_str!("data/parse_corpus.txt");
    let expected: Vec<&str> = include_str!("data/parse_corpus.expected").lines().collect();
    let snippets = snippets(text);
    assert_eq!(snippets.len(), expected.len(), "re-run tools/ast_corpus.py");
    let mut failures = Vec::new();
    for (src, want) in snippets.iter().zip(&expected) {
        let got = match parse_module(src) {
            Ok(m) => dump_module(&m, true),
            Err(e) => format!("ERROR {e}"),
        };
        if got != *want {
            let shape_ok = strip_positions(&got) == strip_positions(want);
            let at = got
                .bytes()
                .zip(want.bytes())
                .position(|(a, b)| a != b)
                .unwrap_or(got.len().min(want.len()));
            let from = at.saturating_sub(60);
            failures.push(format!(
                "--- snippet:\n{src}--- {}\n  got:  …{}\n  want: …{}\n",
                if shape_ok {
                    "positions differ"
                } else {
                    "tree differs"
                },
                got.get(from..(at + 100).min(got.len())).unwrap_or(&got),
                want.get(from..(at + 100).min(want.len())).unwrap_or(want),
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} snippets differ:\n{}",
        failures.len(),
        expected.len(),
        failures.join("\n")
    );
}
