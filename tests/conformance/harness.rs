//! The engine-independent half of the conformance harness (tests/conformance.rs):
//! finding the programs, rendering a run in the `.expected` format that
//! tools/cpython_oracle.py writes, and showing differences.
//!
//! The format (see tests/conformance/README.md):
//! ```text
//! # header line
//! <time> | <stdout line>
//! total <end time>
//! exit <code>
//! stderr <last non-blank stderr line>     (just `stderr` when there is none)
//! tb <line>                               (each traceback line: [`traceback_frames`])
//! file <path> <repr of content>           (sorted by path)
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use awaitscope::run::console::LineSplitter;
use awaitscope::vm::format::{float_repr, str_repr};

/// What a run produced, in the terms the `.expected` format needs.
pub struct Observed {
    /// Text written to stdout, in order, each with the clock when it was written.
    pub writes: Vec<(f64, String)>,
    pub end_time: f64,
    pub exit_code: i32,
    pub stderr: String,
    pub files: BTreeMap<String, String>,
}

/// Renders `obs` like the oracle, without the header line.
pub fn render(obs: &Observed) -> String {
    let mut out = String::new();
    for (t, line) in timed_lines(&obs.writes) {
        out.push_str(&format!("{} | {}\n", float_repr(t), line));
    }
    out.push_str(&format!("total {}\n", float_repr(obs.end_time)));
    out.push_str(&format!("exit {}\n", obs.exit_code));
    let last = last_nonblank_line(&obs.stderr);
    if last.is_empty() {
        out.push_str("stderr\n");
    } else {
        out.push_str(&format!("stderr {last}\n"));
    }
    if obs.stderr.contains("Traceback (most recent call last):") {
        for line in traceback_frames(&obs.stderr, "main.py") {
            out.push_str(&format!("tb {line}\n"));
        }
    }
    for (path, content) in &obs.files {
        out.push_str(&format!("file {} {}\n", path, str_repr(content)));
    }
    out
}

/// An expected file without its first line when that is a `#` header.
pub fn expected_body(expected: &str) -> &str {
    match expected.split_once('\n') {
        Some((first, rest)) if first.starts_with('#') => rest,
        _ => expected,
    }
}

/// Splits timed writes into lines, as tools/oracle/capture.py does: a line's
/// time is that of the first write that put a character on it; an empty line
/// takes the time of the write holding its newline; a final line without a
/// newline is kept if it is not empty. The engine's implementation, the one the
/// page's console shows, so the console and this suite stamp lines alike.
pub fn timed_lines(writes: &[(f64, String)]) -> Vec<(f64, String)> {
    let mut splitter = LineSplitter::new();
    for (t, text) in writes {
        splitter.push(*t, None, text, false);
    }
    splitter
        .into_lines()
        .into_iter()
        .map(|line| (line.t, line.text))
        .collect()
}

/// The file names of `src/vm/pylib`'s modules, standard library modules that are
/// Python (or C) in CPython: their frames are dropped like CPython's stdlib frames.
/// `PYLIB` in tools/oracle/capture.py is the same list.
pub const PYLIB: [&str; 4] = [
    "<collections>/",
    "<contextlib>/",
    "<functools>/",
    "<itertools>/",
];

/// The last line of `text` that is not whitespace only (`""` if none). Lines
/// break where Python's `str.splitlines` breaks them.
/// The traceback lines of `text` both implementations must agree on, exactly as
/// `traceback_frames` in tools/oracle/capture.py (which says why): headers, `File`
/// lines, the source line under each frame of `main`, exception lines. A frame of a
/// library written in Python is `File "<library>", in FUNCTION` without its source;
/// frames of the rest of CPython's standard library are dropped, and so are those of
/// Awaitscope's ports of it (`PYLIB`). No blank lines, no `^^^`/`~~~` lines (CPython
/// 3.11's error ranges).
pub fn traceback_frames(text: &str, main: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut source_margin: Option<String> = None;
    for line in text.lines() {
        let body = line.trim_start_matches([' ', '|', '+']);
        let margin = &line[..line.len() - body.len()];
        let trimmed = body.trim();
        if trimmed.is_empty() || trimmed.chars().all(|c| c == '^' || c == '~') {
            continue;
        }
        if let Some(m) = source_margin.take() {
            if line.starts_with(&m) {
                continue;
            }
        }
        if let Some(rest) = body.strip_prefix("File \"") {
            let (path, rest) = rest.split_once("\", ").unwrap_or((rest, ""));
            if path != main && path != "<library>" {
                source_margin = Some(format!("{margin}  "));
                let stdlib =
                    path.contains("/python3.11/") && !path.contains("/python3.11/asyncio/");
                if stdlib || PYLIB.iter().any(|m| path.starts_with(m)) {
                    continue;
                }
                let function = rest.split_once("in ").map_or("", |(_, f)| f);
                out.push(format!("{margin}File \"<library>\", in {function}"));
                continue;
            }
        }
        out.push(line.to_string());
    }
    out
}

pub fn last_nonblank_line(text: &str) -> &str {
    text.split(is_python_line_break)
        .rev()
        .find(|line| !line.trim().is_empty())
        .unwrap_or("")
}

fn is_python_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{0b}'
            | '\u{0c}'
            | '\u{1c}'
            | '\u{1d}'
            | '\u{1e}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// Every `*.py` under `root`, recursively, sorted by path.
pub fn find_programs(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "py") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// A unified-style diff of two texts, line by line (`-` expected, `+` actual),
/// with up to three lines of context around each change.
pub fn unified_diff(expected: &str, actual: &str) -> String {
    const CONTEXT: usize = 3;
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    let ops = diff_ops(&a, &b);
    let changed: Vec<bool> = ops.iter().map(|op| !matches!(op, Op::Same(_))).collect();
    let mut out = String::from("--- expected (CPython)\n+++ actual (awaitscope)\n");
    let mut last_shown: Option<usize> = None;
    for (i, op) in ops.iter().enumerate() {
        let lo = i.saturating_sub(CONTEXT);
        let hi = (i + CONTEXT + 1).min(ops.len());
        if !changed[lo..hi].iter().any(|&c| c) {
            continue;
        }
        if last_shown.is_some_and(|last| last + 1 != i) || (last_shown.is_none() && i > 0) {
            out.push_str("@@\n");
        }
        last_shown = Some(i);
        match op {
            Op::Same(line) => out.push_str(&format!(" {line}\n")),
            Op::Removed(line) => out.push_str(&format!("-{line}\n")),
            Op::Added(line) => out.push_str(&format!("+{line}\n")),
        }
    }
    out
}

enum Op<'a> {
    Same(&'a str),
    Removed(&'a str),
    Added(&'a str),
}

/// Longest-common-subsequence edit script (the files are small).
fn diff_ops<'a>(a: &[&'a str], b: &[&'a str]) -> Vec<Op<'a>> {
    let (n, m) = (a.len(), b.len());
    // lcs[i][j] = LCS length of a[i..] and b[j..].
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut ops = Vec::new();
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push(Op::Same(a[i]));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(Op::Removed(a[i]));
            i += 1;
        } else {
            ops.push(Op::Added(b[j]));
            j += 1;
        }
    }
    ops
}

/// Parses an `.expected` body back into an [`Observed`] (for the harness's own
/// round-trip test). Stdout lines become one write each, newline included.
pub fn parse_expected(body: &str) -> Result<Observed, String> {
    let mut obs = Observed {
        writes: Vec::new(),
        end_time: f64::NAN,
        exit_code: i32::MIN,
        stderr: String::new(),
        files: BTreeMap::new(),
    };
    let mut tb: Vec<&str> = Vec::new();
    for line in body.lines() {
        if let Some(rest) = line.strip_prefix("total ") {
            obs.end_time = rest.parse().map_err(|e| format!("{line:?}: {e}"))?;
        } else if let Some(rest) = line.strip_prefix("exit ") {
            obs.exit_code = rest.parse().map_err(|e| format!("{line:?}: {e}"))?;
        } else if line == "stderr" {
        } else if let Some(rest) = line.strip_prefix("stderr ") {
            obs.stderr = rest.to_string();
        } else if let Some(rest) = line.strip_prefix("tb ") {
            tb.push(rest);
        } else if let Some(rest) = line.strip_prefix("file ") {
            let (path, repr) = rest.split_once(' ').ok_or(format!("{line:?}"))?;
            obs.files.insert(
                path.to_string(),
                parse_str_repr(repr).ok_or(format!("{line:?}"))?,
            );
        } else if let Some((t, text)) = line.split_once(" | ") {
            let t: f64 = t.parse().map_err(|e| format!("{line:?}: {e}"))?;
            obs.writes.push((t, format!("{text}\n")));
        } else {
            return Err(format!("unexpected line {line:?}"));
        }
    }
    if !tb.is_empty() {
        // The traceback lines, then the last line if the traceback did not end stderr.
        let last = std::mem::take(&mut obs.stderr);
        obs.stderr = tb.join("\n");
        if tb.last() != Some(&last.as_str()) {
            obs.stderr.push('\n');
            obs.stderr.push_str(&last);
        }
    }
    Ok(obs)
}

/// Inverse of `str_repr` for the escapes it produces.
fn parse_str_repr(repr: &str) -> Option<String> {
    let quote = repr.chars().next()?;
    let inner = repr.strip_prefix(quote)?.strip_suffix(quote)?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let escaped = chars.next()?;
        let hex_len = match escaped {
            'n' => {
                out.push('\n');
                continue;
            }
            't' => {
                out.push('\t');
                continue;
            }
            'r' => {
                out.push('\r');
                continue;
            }
            '\\' | '\'' | '"' => {
                out.push(escaped);
                continue;
            }
            'x' => 2,
            'u' => 4,
            'U' => 8,
            _ => return None,
        };
        let hex: String = chars.by_ref().take(hex_len).collect();
        out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
    }
    Some(out)
}
