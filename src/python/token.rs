//! Tokens produced by the lexer (after CPython's `tokenize`, minus comments and
//! non-logical newlines, which the parser never needs).

use super::span::Span;
use std::ops::Range;

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Name(String),
    /// A hard keyword (`if`, `def`, `True`, …); soft keywords stay `Name`.
    Kw(&'static str),
    /// An operator or delimiter, spelled as in the source (`+=`, `(`, `->`, …).
    Op(&'static str),
    /// A decimal/hex/octal/binary integer literal that fits in u64 (the parser
    /// checks the i64 range, so that `-9223372036854775808` is still accepted).
    Int(u64),
    Float(f64),
    Str(Box<StrTok>),
    Newline,
    Indent,
    Dedent,
    EndMarker,
}

/// A string literal. Plain and bytes literals are decoded by the lexer; an
/// f-string keeps the range of its body so the parser can parse its fields.
#[derive(Clone, Debug, PartialEq)]
pub struct StrTok {
    pub value: StrValue,
    pub raw: bool,
    /// Byte range of the text between the quotes.
    pub body: Range<usize>,
    /// Position of the first character of the body.
    pub body_start: super::span::Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StrValue {
    Str(String),
    Bytes(Vec<u8>),
    /// An f-string; the parser reads its body from the source.
    Format,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub span: Span,
    /// Byte range in the source.
    pub range: Range<usize>,
}

/// Python 3.11's hard keywords.
pub const KEYWORDS: [&str; 35] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Operators and delimiters, longest first so the lexer can take the first match.
pub const OPERATORS: [&str; 47] = [
    "**=", "//=", ">>=", "<<=", "...", "->", ":=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
    "@=", "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "+", "-", "*", "/", "%", "@", "&", "|",
    "^", "~", "<", ">", "(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "=",
];

/// How the editor colours a stretch of source (see [`super::lexer::highlight`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenClass {
    Keyword,
    /// `print`, `len`, `asyncio`-independent builtins, and `self`.
    Builtin,
    Name,
    Number,
    String,
    Comment,
    Operator,
    Decorator,
    Whitespace,
    Error,
}
