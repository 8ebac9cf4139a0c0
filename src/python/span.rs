//! Source positions. Lines and columns are 1-based, as CPython reports them
//! (`line 3`, and our column is 1-based too: the UI shows `3:5`).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

/// A half-open range of source text: `start` inclusive, `end` exclusive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: Pos,
    pub end: Pos,
}

impl Span {
    pub fn new(start: Pos, end: Pos) -> Self {
        Span { start, end }
    }
    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start,
            end: other.end,
        }
    }
}

/// An error found before the program runs (lexing, parsing, compiling), reported
/// like CPython: `SyntaxError: expected ':'` at line:col, or
/// `NotImplementedError: 'match' statements are not supported`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceError {
    /// The Python exception class name: SyntaxError, IndentationError, TabError,
    /// NotImplementedError.
    pub kind: String,
    pub message: String,
    pub span: Span,
}

impl SourceError {
    pub fn new(kind: &str, message: impl Into<String>, span: Span) -> Self {
        SourceError {
            kind: kind.to_string(),
            message: message.into(),
            span,
        }
    }
    pub fn syntax(message: impl Into<String>, span: Span) -> Self {
        Self::new("SyntaxError", message, span)
    }
    pub fn unsupported(what: &str, span: Span) -> Self {
        Self::new("NotImplementedError", format!("{what} not supported"), span)
    }
}

impl std::fmt::Display for SourceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} (line {}, column {})",
            self.kind, self.message, self.span.start.line, self.span.start.col
        )
    }
}
