#![cfg(not(target_arch = "wasm32"))]
//! The parser never panics and never overflows the stack, whatever the input;
//! the highlighter always covers every byte.
//!
//! Stack budget: `cargo test --release --test parse_robustness` checks that the
//! deepest accepted nesting fits in 1 MB (the default wasm stack). Debug builds
//! use several times more stack per level, so there the deep inputs run on a
//! bigger thread and the budget is only reported.

use awaitscope::python::parser::{parse_stack_usage, MAX_DEPTH};
use awaitscope::python::{highlight, parse_module, tokenize};

fn on_thread(stack: usize, f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(stack)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

/// A named way to build an input nested `d` levels deep.
type Shape = (&'static str, fn(usize) -> String);

/// Inputs that nest one construct `d` levels deep.
fn shapes() -> Vec<Shape> {
    vec![
        ("parens", |d| {
            format!("x = {}1{}\n", "(".repeat(d), ")".repeat(d))
        }),
        ("lists", |d| {
            format!("x = {}1{}\n", "[".repeat(d), "]".repeat(d))
        }),
        ("dicts", |d| {
            format!("x = {}1{}\n", "{1: ".repeat(d), "}".repeat(d))
        }),
        ("calls", |d| {
            format!("x = {}1{}\n", "f(".repeat(d), ")".repeat(d))
        }),
        ("subscripts", |d| {
            format!("x = {}1{}\n", "a[".repeat(d), "]".repeat(d))
        }),
        ("genexps", |d| {
            format!("x = {}1{}\n", "(x for x in ".repeat(d), ")".repeat(d))
        }),
        ("unary", |d| format!("x = {}1\n", "-".repeat(d))),
        ("not", |d| format!("x = {}1\n", "not ".repeat(d))),
        ("lambda", |d| format!("x = {}1\n", "lambda: ".repeat(d))),
        ("power", |d| format!("x = {}1\n", "2**".repeat(d))),
        ("ternary", |d| {
            format!("x = {}1\n", "1 if 1 else ".repeat(d))
        }),
        ("chain", |d| format!("x = 1{}\n", " + 1".repeat(d))),
        ("attributes", |d| format!("x = a{}\n", ".b".repeat(d))),
        ("fstring-paren", |d| {
            format!("x = f'{{{}1{}}}'\n", "(".repeat(d), ")".repeat(d))
        }),
        ("blocks", |d| {
            let mut s = String::new();
            for i in 0..d {
                s += &" ".repeat(i);
                s += "if x:\n";
            }
            s += &" ".repeat(d);
            s + "pass\n"
        }),
    ]
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    on_thread(256 << 20, || {
        for (name, make) in shapes() {
            for d in [10, 150, 199, 250, 1500, 100_000] {
                if name == "blocks" && d > 1500 {
                    continue; // quadratic input size
                }
                let r = parse_module(&make(d));
                if d >= 1500 {
                    let Err(e) = r else {
                        panic!("{name} at depth {d} was accepted")
                    };
                    assert!(
                        e.message.contains("too many") || e.message.contains("too long"),
                        "{name} {d}: {e}"
                    );
                } else if d <= 150 && name != "blocks" {
                    assert!(r.is_ok(), "{name} at depth {d}: {:?}", r.err());
                }
            }
        }
    });
}

#[test]
fn stack_per_level_fits_the_wasm_stack() {
    on_thread(256 << 20, || {
        let mut worst = 0;
        for (name, make) in shapes() {
            let a = parse_stack_usage(&make(20));
            let b = parse_stack_usage(&make(80));
            let per_level = b.saturating_sub(a) / 60;
            println!("{name}: {per_level} bytes per level");
            worst = worst.max(per_level);
        }
        let need = worst * MAX_DEPTH as usize;
        println!("worst {worst} B/level × MAX_DEPTH {MAX_DEPTH} = {need} B");
        if !cfg!(debug_assertions) {
            assert!(
                need < 800 << 10,
                "MAX_DEPTH too deep for a 1 MB stack: {need} B"
            );
        }
    });
    if !cfg!(debug_assertions) {
        // And really run the deepest inputs on a 1 MB stack.
        on_thread(1 << 20, || {
            for (_, make) in shapes() {
                for d in [150, 199, 220, 300] {
                    let _ = parse_module(&make(d));
                }
            }
        });
    }
}

/// Deterministic xorshift64*.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "def ",
    "async ",
    "await ",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    "\n",
    "    ",
    "\t",
    "x",
    "y",
    "1",
    "1.5",
    "0x1f",
    "1e5",
    "1_0",
    "'s'",
    "\"t\"",
    "f'{x}'",
    "f'{x!r:>{w}}'",
    "f'{",
    "f\"{x=}\"",
    "\"",
    "'",
    "'''",
    "\"\"\"",
    "#c",
    "\\",
    "\\\n",
    "lambda ",
    ",",
    "=",
    "==",
    ":=",
    "*",
    "**",
    "if ",
    "else ",
    "elif ",
    "for ",
    " in ",
    "not ",
    "yield ",
    "return ",
    "class ",
    "try",
    "except",
    "finally",
    "with ",
    " as ",
    "import ",
    "from ",
    ".",
    "...",
    "-",
    "+",
    "~",
    "@",
    "é",
    "\r\n",
    ";",
    "0x",
    "1e",
    "1_",
    "match ",
    "!",
    "$",
    " ",
    "pass",
    "while ",
    "del ",
    "global ",
    "b'x'",
    "rb'\\d'",
    "\\N{X}",
    "\\x4",
    "99999999999999999999",
    "9223372036854775808",
    "1j",
    "{{",
    "}}",
    "->",
    "%",
    "//",
    "<<",
    ">>=",
    "\x00",
    "\u{feff}",
    "\r",
];

fn check(src: &str) {
    let _ = tokenize(src);
    let _ = parse_module(src);
    let spans = highlight(src);
    let mut at = 0;
    for (r, _) in &spans {
        assert_eq!(r.start, at, "highlight gap/overlap in {src:?}");
        assert!(r.end > r.start, "empty highlight range in {src:?}");
        assert!(
            src.is_char_boundary(r.end),
            "highlight splits a char in {src:?}"
        );
        at = r.end;
    }
    assert_eq!(at, src.len(), "highlight does not reach the end of {src:?}");
}

#[test]
fn fuzz_random_and_mutated_programs() {
    on_thread(256 << 20, || {
        let corpus = include_str!("data/parse_corpus.txt");
        let seeds: Vec<&str> = corpus.split("# ----\n").collect();
        // More rounds (and another seed) on demand: AWAITSCOPE_FUZZ_ROUNDS, AWAITSCOPE_FUZZ_SEED.
        let env = |k: &str, d: u64| {
            std::env::var(k)
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(d)
        };
        let mut rng = Rng(env("AWAITSCOPE_FUZZ_SEED", 0x9E37_79B9_7F4A_7C15) | 1);
        for round in 0..env("AWAITSCOPE_FUZZ_ROUNDS", 20_000) {
            let src = if round % 2 == 0 {
                // A random sequence of Python-ish pieces.
                let n = 1 + rng.below(40);
                (0..n)
                    .map(|_| PIECES[rng.below(PIECES.len())])
                    .collect::<String>()
            } else {
                // A corpus program with a few random edits.
                let mut chars: Vec<char> = seeds[rng.below(seeds.len())].chars().collect();
                for _ in 0..1 + rng.below(4) {
                    let len = chars.len();
                    let i = rng.below(len + 1);
                    match rng.below(4) {
                        0 if i < len => {
                            chars.remove(i);
                        }
                        1 => {
                            let piece = PIECES[rng.below(PIECES.len())];
                            for (k, c) in piece.chars().enumerate() {
                                chars.insert(i + k, c);
                            }
                        }
                        2 if i < len => {
                            let j = (i + rng.below(20)).min(len);
                            let slice: Vec<char> = chars[i..j].to_vec();
                            for (k, c) in slice.into_iter().enumerate() {
                                chars.insert(j + k, c);
                            }
                        }
                        _ => {
                            let j = (i + rng.below(30)).min(len);
                            chars.drain(i..j);
                        }
                    }
                }
                chars.into_iter().collect()
            };
            check(&src);
        }
    });
}

#[test]
fn highlight_edge_cases() {
    for src in [
        "",
        "'",
        "'''",
        "\"abc",
        "f'{",
        "x = '\\",
        "\\",
        "1e+",
        "0x",
        "@",
        "@dec\n",
        "é",
        "\r",
        "# c",
        "b'",
        "rb'''x",
        "'\\\n",
        "\u{feff}x",
    ] {
        check(src);
    }
}
