//! Source text → tokens, after CPython 3.11's tokenizer: NEWLINE/INDENT/DEDENT
//! from an indentation stack, implicit line joining inside brackets, backslash
//! continuation, every numeric and string literal form. Errors use CPython's
//! messages and positions (see `tools/syntax_errors.py`).
//!
//! Also [`highlight`]: a separate, lossless, never-failing pass for the editor.

use super::span::{Pos, SourceError, Span};
use super::token::{StrTok, StrValue, Tok, Token, TokenClass, KEYWORDS, OPERATORS};
use std::ops::Range;

/// CPython's tokenizer limits: `MAXLEVEL` brackets, `MAXINDENT` indentation levels.
pub const MAX_BRACKETS: usize = 200;
pub const MAX_INDENT: usize = 100;

/// Tokenize a whole program.
pub fn tokenize(source: &str) -> Result<Vec<Token>, SourceError> {
    let out = lex(source);
    match out.error {
        Some(e) => Err(e.error),
        None => Ok(out.tokens),
    }
}

/// A lexing failure. `strong` errors are ones for which CPython's tokenizer raises
/// at once, so they win over a parse error found earlier in the file;
/// indentation errors and an unclosed bracket at EOF do not.
#[derive(Clone, Debug)]
pub(crate) struct LexError {
    pub error: SourceError,
    pub strong: bool,
    /// "'(' was never closed" (its span is the innermost unclosed bracket).
    pub unclosed: bool,
}

pub(crate) struct LexOutput {
    /// Tokens up to the error (ending in `EndMarker` when there is none).
    pub tokens: Vec<Token>,
    pub error: Option<LexError>,
}

pub(crate) fn lex(source: &str) -> LexOutput {
    let mut lx = Lexer {
        src: source,
        // A UTF-8 byte-order mark is skipped, as CPython does.
        pos: if source.starts_with('\u{feff}') { 3 } else { 0 },
        line: 1,
        col: 1,
        tokens: Vec::new(),
        indents: vec![(0, 0)],
        brackets: Vec::new(),
        nested: false,
        last_newline: Pos::default(),
    };
    let error = lx.run().err();
    LexOutput {
        tokens: lx.tokens,
        error,
    }
}

/// A token in the middle of being lexed: where it started.
#[derive(Clone, Copy)]
struct Mark {
    pos: usize,
    at: Pos,
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    line: u32,
    /// 1-based column of `pos`, counted in characters.
    col: u32,
    tokens: Vec<Token>,
    /// (column with tabs to multiples of 8, column with tabs as 1): CPython
    /// compares both to detect inconsistent tabs.
    indents: Vec<(u32, u32)>,
    brackets: Vec<(char, Pos)>,
    /// Lexing an f-string field: newlines are insignificant, no indentation.
    nested: bool,
    /// Where the last line break was read.
    last_newline: Pos,
}

fn is_id_start(c: char) -> bool {
    c == '_' || c.is_ascii_alphabetic() || (!c.is_ascii() && c.is_alphabetic())
}

fn is_id_continue(c: char) -> bool {
    c == '_' || c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphanumeric())
}

impl<'a> Lexer<'a> {
    fn peek(&self) -> Option<char> {
        let b = *self.src.as_bytes().get(self.pos)?;
        if b.is_ascii() {
            return Some(b as char);
        }
        self.src.get(self.pos..)?.chars().next()
    }
    fn peek_at(&self, n: usize) -> Option<char> {
        self.src.get(self.pos..)?.chars().nth(n)
    }
    fn here(&self) -> Pos {
        Pos {
            line: self.line,
            col: self.col,
        }
    }
    /// CPython's tokenizer reports number errors one column before its cursor.
    fn before(&self) -> Pos {
        Pos {
            line: self.line,
            col: self.col.saturating_sub(1).max(1),
        }
    }
    fn mark(&self) -> Mark {
        Mark {
            pos: self.pos,
            at: self.here(),
        }
    }
    /// Advance one character, keeping line and column up to date.
    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        if c == '\n' || c == '\r' {
            self.last_newline = self.here();
        }
        self.pos += c.len_utf8();
        if c == '\n' || (c == '\r' && self.peek() != Some('\n')) {
            self.line += 1;
            self.col = 1;
        } else if c != '\r' {
            self.col += 1;
        }
        Some(c)
    }
    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.bump();
            true
        } else {
            false
        }
    }
    fn push(&mut self, tok: Tok, m: Mark) {
        let span = Span::new(m.at, self.here());
        self.tokens.push(Token {
            tok,
            span,
            range: m.pos..self.pos,
        });
    }
    /// A zero-width token at `m`.
    fn push_at(&mut self, tok: Tok, m: Mark) {
        self.tokens.push(Token {
            tok,
            span: Span::new(m.at, m.at),
            range: m.pos..m.pos,
        });
    }
    fn err(&self, msg: impl Into<String>, at: Pos) -> LexError {
        self.err_span(msg, Span::new(at, at))
    }
    fn err_span(&self, msg: impl Into<String>, span: Span) -> LexError {
        LexError {
            error: SourceError::syntax(msg, span),
            strong: true,
            unclosed: false,
        }
    }

    fn run(&mut self) -> Result<(), LexError> {
        let mut at_line_start = true;
        loop {
            if at_line_start && self.brackets.is_empty() && !self.nested {
                at_line_start = self.indentation()?;
                if at_line_start {
                    continue;
                }
            }
            // Skip blanks between tokens.
            while matches!(self.peek(), Some(' ' | '\t' | '\x0c')) {
                self.bump();
            }
            let m = self.mark();
            let Some(c) = self.peek() else {
                return self.finish();
            };
            match c {
                '#' => {
                    while !matches!(self.peek(), None | Some('\n' | '\r')) {
                        self.bump();
                    }
                }
                '\n' | '\r' => {
                    self.bump();
                    if c == '\r' {
                        self.eat('\n');
                    }
                    if self.brackets.is_empty() && !self.nested {
                        self.push(Tok::Newline, m);
                        at_line_start = true;
                    }
                }
                '\\' => {
                    self.bump();
                    match self.peek() {
                        Some('\n' | '\r') => {
                            if self.bump() == Some('\r') {
                                self.eat('\n');
                            }
                            if self.peek().is_none() && self.brackets.is_empty() {
                                return Err(self.eof_after_backslash());
                            }
                        }
                        None => {
                            return Err(self.err("unexpected EOF while parsing", self.here()));
                        }
                        Some(_) => {
                            let at = self.here();
                            return Err(self.err(
                                "unexpected character after line continuation character",
                                at,
                            ));
                        }
                    }
                }
                '"' | '\'' => self.string(m, "")?,
                c if c.is_ascii_digit() => self.number(m)?,
                '.' if self.peek_at(1).is_some_and(|d| d.is_ascii_digit()) => self.number(m)?,
                c if is_id_start(c) => {
                    while self.peek().is_some_and(is_id_continue) {
                        self.bump();
                    }
                    let word = &self.src[m.pos..self.pos];
                    if matches!(self.peek(), Some('"' | '\'')) && is_string_prefix(word) {
                        self.string(m, word)?;
                    } else if let Some(kw) = keyword(word) {
                        self.push(Tok::Kw(kw), m);
                    } else {
                        self.push(Tok::Name(word.to_string()), m);
                    }
                }
                _ => self.operator(m, c)?,
            }
        }
    }

    /// At the start of a logical line: measure indentation and emit
    /// INDENT/DEDENT. Returns true if the line was blank (nothing emitted).
    fn indentation(&mut self) -> Result<bool, LexError> {
        let (mut col, mut alt, mut chars) = (0u32, 0u32, 0u32);
        let mut cont_col = 0;
        loop {
            match self.peek() {
                Some(' ') => {
                    col += 1;
                    alt += 1;
                }
                Some('\t') => {
                    col = (col / 8 + 1) * 8;
                    alt += 1;
                }
                Some('\x0c') => {
                    col = 0;
                    alt = 0;
                }
                // Indentation split by a backslash: as CPython, the column of
                // the first backslash counts (unless it is 0).
                Some('\\') if matches!(self.peek_at(1), Some('\n' | '\r')) => {
                    if cont_col == 0 {
                        cont_col = col;
                    }
                    self.bump();
                    if self.bump() == Some('\r') {
                        self.eat('\n');
                    }
                    if self.peek().is_none() {
                        return Err(self.eof_after_backslash());
                    }
                    chars = 0;
                    continue;
                }
                _ => break,
            }
            chars += 1;
            self.bump();
        }
        match self.peek() {
            None => return Ok(false),
            Some('#') => {
                while !matches!(self.peek(), None | Some('\n' | '\r')) {
                    self.bump();
                }
                self.bump();
                return Ok(true);
            }
            Some('\n' | '\r') => {
                self.bump();
                return Ok(true);
            }
            _ => {}
        }
        if cont_col != 0 {
            (col, alt) = (cont_col, cont_col);
        }
        let line = self.line;
        let line_end_col = {
            let rest = &self.src[self.pos..];
            let n = rest.find(['\n', '\r']).unwrap_or(rest.len());
            self.col + rest[..n].chars().count() as u32
        };
        let tab_error = || LexError {
            error: SourceError::new(
                "TabError",
                "inconsistent use of tabs and spaces in indentation",
                Span::new(Pos { line, col: 1 }, Pos { line, col: 1 }),
            ),
            strong: false,
            unclosed: false,
        };
        let &(top, top_alt) = self.indents.last().unwrap_or(&(0, 0));
        if col == top {
            if alt != top_alt {
                return Err(tab_error());
            }
        } else if col > top {
            if alt <= top_alt {
                return Err(tab_error());
            }
            if self.indents.len() > MAX_INDENT {
                return Err(LexError {
                    error: SourceError::new(
                        "IndentationError",
                        "too many levels of indentation",
                        Span::new(Pos { line, col: 1 }, Pos { line, col: 1 }),
                    ),
                    strong: false,
                    unclosed: false,
                });
            }
            self.indents.push((col, alt));
            let here = self.here();
            self.tokens.push(Token {
                tok: Tok::Indent,
                span: Span::new(
                    Pos {
                        line,
                        col: chars.max(1),
                    },
                    here,
                ),
                range: self.pos..self.pos,
            });
        } else {
            // Check the target level before emitting anything, as CPython does.
            let keep = self
                .indents
                .iter()
                .rposition(|&(c, _)| c <= col)
                .unwrap_or(0);
            let &(top, top_alt) = self.indents.get(keep).unwrap_or(&(0, 0));
            if col != top {
                let at = Pos {
                    line,
                    col: line_end_col,
                };
                return Err(LexError {
                    error: SourceError::new(
                        "IndentationError",
                        "unindent does not match any outer indentation level",
                        Span::new(at, at),
                    ),
                    strong: false,
                    unclosed: false,
                });
            }
            if alt != top_alt {
                return Err(tab_error());
            }
            while self.indents.len() > keep + 1 {
                self.indents.pop();
                let m = self.mark();
                self.push(Tok::Dedent, m);
            }
        }
        Ok(false)
    }

    fn eof_after_backslash(&self) -> LexError {
        self.err("unexpected EOF while parsing", self.last_newline)
    }

    fn finish(&mut self) -> Result<(), LexError> {
        if self.nested {
            if let Some(&(open, at)) = self.brackets.last() {
                return Err(self.err(format!("f-string: unmatched '{open}'"), at));
            }
            let m = self.mark();
            self.push(Tok::EndMarker, m);
            return Ok(());
        }
        if let Some(&(open, at)) = self.brackets.last() {
            return Err(LexError {
                error: SourceError::syntax(format!("'{open}' was never closed"), Span::new(at, at)),
                strong: false,
                unclosed: true,
            });
        }
        let m = self.mark();
        if self
            .tokens
            .last()
            .is_some_and(|t| !matches!(t.tok, Tok::Newline | Tok::Dedent | Tok::Indent))
        {
            self.push(Tok::Newline, m);
        }
        // CPython places the end of input just before a final line break.
        let at = if self.src.ends_with(['\n', '\r']) {
            self.last_newline
        } else {
            m.at
        };
        let end = Mark { pos: m.pos, at };
        while self.indents.len() > 1 {
            self.indents.pop();
            self.push_at(Tok::Dedent, end);
        }
        self.push_at(Tok::EndMarker, end);
        Ok(())
    }

    fn operator(&mut self, m: Mark, c: char) -> Result<(), LexError> {
        let rest = &self.src[self.pos..];
        let Some(op) = find_operator(rest) else {
            self.bump();
            let msg = if c == '!' || c == '$' || c == '?' || c == '`' {
                "invalid syntax".to_string()
            } else if c.is_control() || c.is_whitespace() || c == '\u{feff}' {
                format!("invalid non-printable character U+{:04X}", c as u32)
            } else {
                format!("invalid character '{c}' (U+{:04X})", c as u32)
            };
            return Err(self.err_span(msg, Span::new(m.at, self.here())));
        };
        for _ in 0..op.len() {
            self.bump();
        }
        match op {
            "(" | "[" | "{" => {
                if self.brackets.len() >= MAX_BRACKETS {
                    return Err(self.err("too many nested parentheses", m.at));
                }
                self.brackets.push((c, m.at));
            }
            ")" | "]" | "}" => {
                let Some((open, at)) = self.brackets.pop() else {
                    return Err(self.err(format!("unmatched '{c}'"), m.at));
                };
                let expected = match open {
                    '(' => ')',
                    '[' => ']',
                    _ => '}',
                };
                if c != expected {
                    let msg = if at.line != m.at.line {
                        format!(
                            "closing parenthesis '{c}' does not match opening parenthesis '{open}' on line {}",
                            at.line
                        )
                    } else {
                        format!(
                            "closing parenthesis '{c}' does not match opening parenthesis '{open}'"
                        )
                    };
                    return Err(self.err(msg, m.at));
                }
            }
            _ => {}
        }
        self.push(Tok::Op(op), m);
        Ok(())
    }

    fn number(&mut self, m: Mark) -> Result<(), LexError> {
        let first = self.peek();
        let radix = match (first, self.peek_at(1)) {
            (Some('0'), Some('x' | 'X')) => 16,
            (Some('0'), Some('o' | 'O')) => 8,
            (Some('0'), Some('b' | 'B')) => 2,
            _ => 10,
        };
        if radix != 10 {
            self.bump();
            self.bump();
            let name = match radix {
                16 => "hexadecimal",
                8 => "octal",
                _ => "binary",
            };
            let mut digits = String::new();
            loop {
                self.eat('_');
                match self.peek() {
                    Some(c) if c.is_digit(radix) => {
                        digits.push(c);
                        self.bump();
                    }
                    Some(c) if c.is_ascii_digit() => {
                        let at = self.here();
                        return Err(self.err(format!("invalid digit '{c}' in {name} literal"), at));
                    }
                    _ => break,
                }
                if self.peek() == Some('_') && !self.peek_at(1).is_some_and(|c| c.is_digit(radix)) {
                    self.bump();
                    let at = self.before();
                    return Err(self.err(format!("invalid {name} literal"), at));
                }
            }
            if digits.is_empty() || self.ends_badly() {
                let at = self.before();
                return Err(self.err(format!("invalid {name} literal"), at));
            }
            return self.int_token(m, &digits, radix);
        }
        // Decimal: integer part, fraction, exponent.
        let mut text = String::new();
        self.decimal_digits(&mut text)?;
        let mut is_float = false;
        if self.peek() == Some('.') {
            is_float = true;
            text.push('.');
            self.bump();
            if self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.decimal_digits(&mut text)?;
            }
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            let save = (self.pos, self.line, self.col);
            self.bump();
            let mut exp = String::from("e");
            if let Some(s @ ('+' | '-')) = self.peek() {
                exp.push(s);
                self.bump();
            }
            if self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.decimal_digits(&mut exp)?;
                text.push_str(&exp);
                is_float = true;
            } else {
                // `1e` or `1else`: not an exponent; let the end check decide.
                (self.pos, self.line, self.col) = save;
            }
        }
        if matches!(self.peek(), Some('j' | 'J')) {
            self.bump();
            return Err(LexError {
                error: SourceError::unsupported(
                    "complex numbers are",
                    Span::new(m.at, self.here()),
                ),
                strong: true,
                unclosed: false,
            });
        }
        if self.ends_badly() {
            let at = self.before();
            return Err(self.err("invalid decimal literal", at));
        }
        if is_float {
            let v = super::parse_float(&text).unwrap_or(f64::INFINITY);
            self.push(Tok::Float(v), m);
            return Ok(());
        }
        if text.len() > 1 && text.starts_with('0') && text.bytes().any(|b| b != b'0') {
            return Err(self.err_span(
                "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                Span::new(m.at, Pos { line: m.at.line, col: m.at.col + 1 }),
            ));
        }
        self.int_token(m, &text, 10)
    }

    fn int_token(&mut self, m: Mark, digits: &str, radix: u32) -> Result<(), LexError> {
        match u64::from_str_radix(digits, radix) {
            Ok(v) => {
                self.push(Tok::Int(v), m);
                Ok(())
            }
            Err(_) => Err(LexError {
                error: int_too_large(Span::new(m.at, self.here())),
                strong: true,
                unclosed: false,
            }),
        }
    }

    /// Digits with single underscores between them, as CPython's `tok_decimal_tail`.
    fn decimal_digits(&mut self, out: &mut String) -> Result<(), LexError> {
        loop {
            while let Some(c) = self.peek().filter(|c| c.is_ascii_digit()) {
                out.push(c);
                self.bump();
            }
            if self.peek() != Some('_') {
                return Ok(());
            }
            self.bump();
            if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                let at = self.before();
                return Err(self.err("invalid decimal literal", at));
            }
        }
    }

    /// A number directly followed by a name character is an error, except for
    /// the keywords CPython still accepts there (`1if x else y`).
    fn ends_badly(&self) -> bool {
        let rest = &self.src[self.pos..];
        match rest.chars().next() {
            Some(c) if is_id_continue(c) => !["and", "else", "for", "if", "in", "is", "not", "or"]
                .iter()
                .any(|k| rest.starts_with(k)),
            _ => false,
        }
    }

    fn string(&mut self, m: Mark, prefix: &str) -> Result<(), LexError> {
        let lower = prefix.to_ascii_lowercase();
        let is_bytes = lower.contains('b');
        let raw = lower.contains('r');
        let is_f = lower.contains('f');
        let quote = self.peek().unwrap_or('"');
        let triple = self.peek_at(1) == Some(quote) && self.peek_at(2) == Some(quote);
        for _ in 0..if triple { 3 } else { 1 } {
            self.bump();
        }
        let body_start = self.pos;
        let body_pos = self.here();
        let body_end;
        loop {
            match self.peek() {
                None => {
                    return Err(self.unterminated(m, triple));
                }
                Some('\n' | '\r') if !triple => {
                    return Err(self.unterminated(m, triple));
                }
                Some('\\') => {
                    self.bump();
                    if self.peek().is_none() {
                        return Err(self.unterminated(m, triple));
                    }
                    // A backslash-newline pair continues even a one-quote string.
                    if self.peek() == Some('\r') {
                        self.bump();
                        self.eat('\n');
                    } else {
                        self.bump();
                    }
                }
                Some(c) if c == quote => {
                    if !triple {
                        body_end = self.pos;
                        self.bump();
                        break;
                    }
                    if self.peek_at(1) == Some(quote) && self.peek_at(2) == Some(quote) {
                        body_end = self.pos;
                        self.bump();
                        self.bump();
                        self.bump();
                        break;
                    }
                    self.bump();
                }
                Some(_) => {
                    self.bump();
                }
            }
        }
        let body = &self.src[body_start..body_end];
        let span = Span::new(m.at, self.here());
        let value = if is_f {
            StrValue::Format
        } else if is_bytes {
            if !body.is_ascii() {
                return Err(self.err_span("bytes can only contain ASCII literal characters", span));
            }
            let mut out = Vec::new();
            decode_escapes(body, raw, true, &mut |c| {
                out.push(c as u32 as u8);
            })
            .map_err(|msg| self.escape_error(msg, Span::new(span.end, span.end)))?;
            StrValue::Bytes(out)
        } else {
            let mut out = String::with_capacity(body.len());
            decode_escapes(body, raw, false, &mut |c| out.push(c))
                .map_err(|msg| self.escape_error(msg, Span::new(span.end, span.end)))?;
            StrValue::Str(out)
        };
        self.push(
            Tok::Str(Box::new(StrTok {
                value,
                raw,
                body: body_start..body_end,
                body_start: body_pos,
            })),
            m,
        );
        Ok(())
    }

    fn escape_error(&self, e: EscapeError, span: Span) -> LexError {
        let error = match e {
            EscapeError::Syntax(msg) => SourceError::syntax(msg, span),
            EscapeError::Unsupported(what) => SourceError::unsupported(what, span),
        };
        LexError {
            error,
            strong: true,
            unclosed: false,
        }
    }

    fn unterminated(&self, m: Mark, triple: bool) -> LexError {
        // CPython counts the line where it gave up: the end of the file for a
        // triple-quoted string, the string's own line otherwise.
        let ends_in_newline = self.src[..self.pos].ends_with(['\n', '\r']);
        let detected = self.line - u32::from(ends_in_newline && self.line > 1);
        let what = if triple {
            "unterminated triple-quoted string literal"
        } else {
            "unterminated string literal"
        };
        self.err(format!("{what} (detected at line {detected})"), m.at)
    }
}

/// The NotImplementedError for an integer literal beyond 64 bits.
pub(crate) fn int_too_large(span: Span) -> SourceError {
    SourceError::new(
        "NotImplementedError",
        "integer literal too large: Awaitscope's int is 64-bit (-2**63 to 2**63-1)",
        span,
    )
}

/// The longest operator at the start of `rest`.
fn find_operator(rest: &str) -> Option<&'static str> {
    let first = *rest.as_bytes().first()?;
    OPERATORS
        .iter()
        .find(|op| op.as_bytes()[0] == first && rest.starts_with(**op))
        .copied()
}

fn keyword(word: &str) -> Option<&'static str> {
    if word.len() > 8 {
        return None;
    }
    KEYWORDS.iter().find(|k| **k == word).copied()
}

fn is_string_prefix(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "r" | "u" | "b" | "f" | "br" | "rb" | "fr" | "rf"
    )
}

pub(crate) enum EscapeError {
    Syntax(String),
    Unsupported(&'static str),
}

/// Decode backslash escapes of a string body (CPython's unicode-escape rules;
/// for bytes, no `\u`/`\U`/`\N`). Unknown escapes keep their backslash.
pub(crate) fn decode_escapes(
    body: &str,
    raw: bool,
    bytes: bool,
    out: &mut dyn FnMut(char),
) -> Result<(), EscapeError> {
    let codec = if bytes {
        "(value error)"
    } else {
        "(unicode error) 'unicodeescape' codec can't decode bytes"
    };
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' || raw {
            if c == '\r' {
                // Newlines inside literals are normalised to \n, as CPython reads source.
                if chars.peek().map(|p| p.1) == Some('\n') {
                    continue;
                }
                out('\n');
                continue;
            }
            out(c);
            continue;
        }
        let Some((_, e)) = chars.next() else {
            out('\\');
            break;
        };
        match e {
            '\n' => {}
            '\r' => {
                if chars.peek().map(|p| p.1) == Some('\n') {
                    chars.next();
                }
            }
            '\\' => out('\\'),
            '\'' => out('\''),
            '"' => out('"'),
            'a' => out('\x07'),
            'b' => out('\x08'),
            'f' => out('\x0c'),
            'n' => out('\n'),
            'r' => out('\r'),
            't' => out('\t'),
            'v' => out('\x0b'),
            '0'..='7' => {
                let mut v = e as u32 - '0' as u32;
                for _ in 0..2 {
                    match chars.peek() {
                        Some(&(_, d @ '0'..='7')) => {
                            v = v * 8 + (d as u32 - '0' as u32);
                            chars.next();
                        }
                        _ => break,
                    }
                }
                if bytes {
                    v &= 0xff;
                }
                out(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            'x' | 'u' | 'U' if !(bytes && e != 'x') => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut v: u32 = 0;
                for k in 0..n {
                    match chars.peek() {
                        Some(&(_, d)) if d.is_ascii_hexdigit() => {
                            v = v * 16 + d.to_digit(16).unwrap_or(0);
                            chars.next();
                        }
                        _ => {
                            let kind = match e {
                                'x' => "\\xXX",
                                'u' => "\\uXXXX",
                                _ => "\\UXXXXXXXX",
                            };
                            return Err(EscapeError::Syntax(if bytes {
                                format!("{codec} invalid \\x escape at position {i}")
                            } else {
                                format!(
                                    "{codec} in position {i}-{}: truncated {kind} escape",
                                    i + 1 + k
                                )
                            }));
                        }
                    }
                }
                match char::from_u32(v) {
                    Some(ch) => out(ch),
                    None if (0xd800..0xe000).contains(&v) => {
                        return Err(EscapeError::Unsupported("lone surrogates are"))
                    }
                    None => {
                        return Err(EscapeError::Syntax(format!(
                            "{codec} in position {i}-{}: illegal Unicode character",
                            i + 1 + n
                        )))
                    }
                }
            }
            'N' if !bytes => return Err(EscapeError::Unsupported("\\N{...} escapes are")),
            other => {
                out('\\');
                out(other);
            }
        }
    }
    Ok(())
}

/// Lex the source of an f-string field, `source[start..]`, which begins at `at`.
pub(crate) fn lex_nested(source: &str, start: usize, at: Pos) -> LexOutput {
    let mut lx = Lexer {
        src: source,
        pos: start,
        line: at.line,
        col: at.col,
        tokens: Vec::new(),
        indents: vec![(0, 0)],
        brackets: Vec::new(),
        nested: true,
        last_newline: Pos::default(),
    };
    let error = lx.run().err();
    LexOutput {
        tokens: lx.tokens,
        error,
    }
}

// ---------------------------------------------------------------------------
// Highlighting

/// Names the editor shows as builtins.
const BUILTINS: [&str; 48] = [
    "print",
    "len",
    "range",
    "enumerate",
    "zip",
    "sorted",
    "reversed",
    "sum",
    "min",
    "max",
    "abs",
    "round",
    "any",
    "all",
    "map",
    "filter",
    "isinstance",
    "type",
    "repr",
    "str",
    "int",
    "float",
    "bool",
    "list",
    "tuple",
    "dict",
    "set",
    "id",
    "hash",
    "iter",
    "next",
    "super",
    "self",
    "object",
    "Exception",
    "BaseException",
    "ValueError",
    "TypeError",
    "KeyError",
    "IndexError",
    "RuntimeError",
    "NotImplementedError",
    "StopIteration",
    "AttributeError",
    "ZeroDivisionError",
    "TimeoutError",
    "ExceptionGroup",
    "input",
];

/// Classify every byte of `source` for syntax highlighting. Lossless (the ranges
/// are contiguous and cover the whole input) and total: unterminated strings,
/// stray characters and bad numbers become `String`/`Error` runs, never a failure.
pub fn highlight(source: &str) -> Vec<(Range<usize>, TokenClass)> {
    let mut out: Vec<(Range<usize>, TokenClass)> = Vec::new();
    highlight_into(source, 0, &mut out, 0);
    out
}

type Runs = Vec<(Range<usize>, TokenClass)>;

/// Highlight `source[from..]` (offsets stay those of `source`); `depth` counts
/// f-string fields we are inside.
fn highlight_into(source: &str, from: usize, out: &mut Runs, depth: u32) {
    let b = source.as_bytes();
    let mut i = from;
    let mut line_start = depth == 0;
    while i < b.len() {
        let start = i;
        let c = source[i..].chars().next().unwrap_or(' ');
        let class = if c.is_whitespace() {
            while let Some(c) = source[i..].chars().next().filter(|c| c.is_whitespace()) {
                if c == '\n' {
                    line_start = true;
                }
                i += c.len_utf8();
            }
            out.push((start..i, TokenClass::Whitespace));
            continue;
        } else if c == '#' {
            i = line_end(b, i);
            TokenClass::Comment
        } else if c == '@' && line_start {
            i += 1;
            while i < b.len() && (b[i] == b'.' || b[i] == b'_' || b[i].is_ascii_alphanumeric()) {
                i += 1;
            }
            TokenClass::Decorator
        } else if c == '"' || c == '\'' {
            i = skip_string(b, i);
            TokenClass::String
        } else if c.is_ascii_digit() || (c == '.' && b.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            while i < b.len() {
                let d = b[i];
                let exp_sign = (d == b'+' || d == b'-')
                    && i > start
                    && matches!(b[i - 1], b'e' | b'E')
                    && !source[start..].starts_with("0x")
                    && !source[start..].starts_with("0X");
                if d.is_ascii_alphanumeric() || d == b'_' || d == b'.' || exp_sign {
                    i += 1;
                } else {
                    break;
                }
            }
            TokenClass::Number
        } else if is_id_start(c) {
            while let Some(c) = source[i..].chars().next().filter(|c| is_id_continue(*c)) {
                i += c.len_utf8();
            }
            let word = &source[start..i];
            if matches!(b.get(i), Some(b'"' | b'\'')) && is_string_prefix(word) {
                let quote = i;
                i = skip_string(b, i);
                if word.contains(['f', 'F']) && depth < 4 {
                    highlight_fstring(source, start..i, quote, out, depth);
                    line_start = false;
                    continue;
                }
                TokenClass::String
            } else if KEYWORDS.contains(&word) || matches!(word, "match" | "case") {
                TokenClass::Keyword
            } else if BUILTINS.contains(&word) {
                TokenClass::Builtin
            } else {
                TokenClass::Name
            }
        } else if let Some(op) = find_operator(&source[i..]) {
            i += op.len();
            TokenClass::Operator
        } else if c == '\\' {
            i += 1;
            TokenClass::Operator
        } else {
            i += c.len_utf8();
            TokenClass::Error
        };
        line_start = false;
        // Merge adjacent runs of the same class (keeps the list short for the editor).
        match out.last_mut() {
            Some((r, k)) if *k == class && r.end == start && class == TokenClass::Error => {
                r.end = i
            }
            _ => out.push((start..i, class)),
        }
    }
}

/// An f-string: literal text as `String`, each `{field}` with its braces as
/// operators and its expression highlighted as code.
fn highlight_fstring(source: &str, lit: Range<usize>, quote: usize, out: &mut Runs, depth: u32) {
    let b = source.as_bytes();
    let q = b[quote];
    let qlen = if b.get(quote + 1) == Some(&q) && b.get(quote + 2) == Some(&q) {
        3
    } else {
        1
    };
    let body_start = (quote + qlen).min(lit.end);
    let closed = lit.end >= body_start + qlen
        && source[body_start..lit.end].ends_with(&source[quote..quote + qlen]);
    let body_end = if closed { lit.end - qlen } else { lit.end };
    let push = |out: &mut Runs, r: Range<usize>, c: TokenClass| {
        if r.start < r.end {
            out.push((r, c));
        }
    };
    push(out, lit.start..body_start, TokenClass::String);
    let mut i = body_start;
    let mut text = i;
    while i < body_end {
        match b[i] {
            b'\\' => i += 2,
            b'{' | b'}' if b.get(i + 1) == Some(&b[i]) => i += 2,
            b'{' => {
                push(out, text..i, TokenClass::String);
                push(out, i..i + 1, TokenClass::Operator);
                let expr = i + 1;
                let (expr_end, close) = fstring_field_end(b, expr, body_end);
                highlight_into(&source[..expr_end], expr, out, depth + 1);
                // `!r` and `:spec` up to the closing brace.
                push(out, expr_end..close, TokenClass::String);
                let after = (close + 1).min(body_end);
                push(out, close..after, TokenClass::Operator);
                i = after;
                text = i;
            }
            _ => i += 1,
        }
    }
    let i = i.min(body_end);
    push(out, text..i, TokenClass::String);
    push(out, i..lit.end, TokenClass::String);
}

/// Where a field's expression ends (at `!`, `:` or `}` outside brackets and
/// quotes), and where its closing `}` is (or `end`).
fn fstring_field_end(b: &[u8], start: usize, end: usize) -> (usize, usize) {
    let (mut depth, mut quote, mut i) = (0u32, 0u8, start);
    let mut expr_end = None;
    while i < end {
        let c = b[i];
        if quote != 0 {
            if c == quote {
                quote = 0;
            }
        } else {
            match c {
                b'\'' | b'"' => quote = c,
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' => depth = depth.saturating_sub(1),
                b'}' if depth > 0 => depth -= 1,
                b'}' => return (expr_end.unwrap_or(i), i),
                b'!' if depth == 0 && expr_end.is_none() && b.get(i + 1) != Some(&b'=') => {
                    expr_end = Some(i)
                }
                b':' if depth == 0 && expr_end.is_none() => expr_end = Some(i),
                b'=' | b'!' | b'<' | b'>' if b.get(i + 1) == Some(&b'=') => i += 1,
                _ => {}
            }
        }
        i += 1;
    }
    (expr_end.unwrap_or(end), end)
}

fn line_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
        i += 1;
    }
    i
}

/// Skip a string literal starting at its quote; an unterminated one runs to the
/// end of its line (one quote) or of the input (three quotes).
fn skip_string(b: &[u8], mut i: usize) -> usize {
    let q = b[i];
    let triple = b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q);
    i += if triple { 3 } else { 1 };
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'\n' | b'\r' if !triple => return i,
            c if c == q => {
                if !triple {
                    return i + 1;
                }
                if b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q) {
                    return i + 3;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    // `\\` at the very end may step past the input; also land on a char boundary.
    b.len().min(i)
}

#[cfg(test)]
#[path = "lexer_tests.rs"]
mod tests;
