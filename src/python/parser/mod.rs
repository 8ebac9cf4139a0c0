//! Tokens → AST: a recursive-descent parser after CPython 3.11's grammar, with
//! CPython's error messages for the mistakes learners make. Nesting is capped
//! ([`MAX_DEPTH`]) so no input can overflow the stack.

mod dump;
mod expr;
mod fstring;
mod stmt;
mod targets;

pub use dump::dump_module;

use super::ast::{Expr, ExprKind, Module};
use super::lexer::{lex, LexError};
use super::span::{Pos, SourceError, Span};
use super::token::{Tok, Token};

/// How deeply expressions and blocks may nest (each bracket, unary operator,
/// `not`, `await`, `lambda`, `**` or block is one level). This bounds the
/// parser's own recursion: CPython allows 200 nested brackets, and 220 levels
/// stay well within a 1 MB wasm stack (measured in `tests/parse_robustness.rs`).
pub const MAX_DEPTH: u32 = 220;

/// How many operators and trailers (`a + b + c`, `a.b(c)[d]`) may be chained,
/// in total over the enclosing expressions. Chains are parsed by loops, but
/// they make the AST deep: with [`MAX_DEPTH`] this bounds the AST's depth
/// (below 1,300), so later passes and `Drop` can recurse safely.
pub const MAX_CHAIN: u32 = 1000;

/// Parse errors travel boxed: every `?` in the parser then moves one pointer
/// instead of a 40-byte `SourceError` (14 KB of the parser's wasm was those moves).
pub(crate) type PErr = Box<SourceError>;
pub(crate) type PResult<T> = Result<T, PErr>;

/// Parse a whole program (CPython's `file` start rule).
pub fn parse_module(source: &str) -> Result<Module, SourceError> {
    parse_measured(source).0
}

/// Parse, and report the most stack (bytes) any nesting level used: tests
/// check with it that [`MAX_DEPTH`] fits the wasm stack.
#[doc(hidden)]
pub fn parse_stack_usage(source: &str) -> usize {
    parse_measured(source).1
}

fn parse_measured(source: &str) -> (Result<Module, SourceError>, usize) {
    let out = lex(source);
    let base = 0u8;
    let mut p = Parser::new(source, out.tokens, out.error.as_ref());
    p.stack_base = std::ptr::addr_of!(base) as usize;
    let result = p.file().map_err(|e| *e);
    let used = p.stack_max;
    let furthest_line = p
        .toks
        .get(p.furthest.get())
        .map_or(u32::MAX, |t| t.span.start.line);
    (
        finish(result, out.error, p.saw_end.get(), furthest_line),
        used,
    )
}

fn finish(
    result: Result<Module, SourceError>,
    lex_error: Option<LexError>,
    saw_end: bool,
    furthest_line: u32,
) -> Result<Module, SourceError> {
    match (result, lex_error) {
        (Ok(m), None) => Ok(m),
        (Ok(_), Some(le)) => Err(le.error),
        (Err(e), None) => Err(e),
        (Err(e), Some(le)) => Err(pick_error(e, le, saw_end, furthest_line)),
    }
}

/// Which error CPython reports when both the tokenizer and the parser failed.
/// CPython raises a tokenizer error as soon as the parser fetches the bad
/// token; after a parse error it still scans the rest of the file, where most
/// tokenizer errors win, and an unclosed bracket wins if it opened on a line
/// before the furthest token the parser read.
fn pick_error(parse: SourceError, lex: LexError, saw_end: bool, furthest_line: u32) -> SourceError {
    // CPython reports an unexpected INDENT/DEDENT token without looking further.
    let indent = parse.kind == "IndentationError" && parse.message.starts_with("unexpected");
    if saw_end || (lex.strong && !indent) {
        return lex.error;
    }
    if lex.unclosed && furthest_line > lex.error.span.start.line {
        return lex.error;
    }
    parse
}

pub(crate) struct Parser<'a> {
    pub(crate) src: &'a str,
    toks: Vec<Token>,
    i: usize,
    depth: u32,
    chain: u32,
    /// Open brackets around the current position (for "Perhaps you forgot a comma?").
    brackets: u32,
    /// Where the sentinel end-of-input token sits.
    end_span: Span,
    /// Parsing an f-string field: errors get CPython's "f-string: " prefix.
    pub(crate) in_fstring: bool,
    stack_base: usize,
    stack_max: usize,
    /// The parser looked at the end of the tokens (where a lexing error stopped them).
    saw_end: std::cell::Cell<bool>,
    /// The furthest token the parser looked at (CPython's `p->fill - 1`).
    furthest: std::cell::Cell<usize>,
    /// The same, leaving out reads done only to choose an error message
    /// (CPython's second pass): a generic "invalid syntax" is reported there.
    furthest_main: std::cell::Cell<usize>,
    pub(crate) speculating: std::cell::Cell<u32>,
    /// End of the f-string being parsed: CPython reports f-string errors there.
    pub(crate) fs_end: Pos,
}

static END: Tok = Tok::EndMarker;

impl<'a> Parser<'a> {
    pub(crate) fn new(src: &'a str, toks: Vec<Token>, lex_error: Option<&LexError>) -> Self {
        let end = toks
            .last()
            .map(|t| t.span.end)
            .unwrap_or(Pos { line: 1, col: 1 });
        let end = match lex_error {
            Some(e) if !e.strong => e.error.span.start,
            _ => end,
        };
        Parser {
            src,
            toks,
            i: 0,
            depth: 0,
            chain: 0,
            brackets: 0,
            end_span: Span::new(end, end),
            in_fstring: false,
            stack_base: 0,
            stack_max: 0,
            saw_end: std::cell::Cell::new(false),
            furthest: std::cell::Cell::new(0),
            furthest_main: std::cell::Cell::new(0),
            speculating: std::cell::Cell::new(0),
            fs_end: Pos::default(),
        }
    }

    fn at_end(&self) -> bool {
        self.i >= self.toks.len()
    }

    fn get(&self, k: usize) -> Option<&Token> {
        if k > self.furthest.get() {
            self.furthest.set(k);
        }
        if self.speculating.get() == 0 && k > self.furthest_main.get() {
            self.furthest_main.set(k);
        }
        let t = self.toks.get(k);
        if t.is_none() {
            self.saw_end.set(true);
        }
        t
    }
    pub(crate) fn peek(&self) -> &Tok {
        self.get(self.i).map_or(&END, |t| &t.tok)
    }
    pub(crate) fn peek_n(&self, n: usize) -> &Tok {
        self.get(self.i + n).map_or(&END, |t| &t.tok)
    }
    pub(crate) fn span(&self) -> Span {
        self.get(self.i).map_or(self.end_span, |t| t.span)
    }
    pub(crate) fn start(&self) -> Pos {
        self.span().start
    }
    /// End of the previous token.
    pub(crate) fn prev_end(&self) -> Pos {
        match self.i.checked_sub(1).and_then(|k| self.toks.get(k)) {
            Some(t) => t.span.end,
            None => self.start(),
        }
    }
    pub(crate) fn span_from(&self, start: Pos) -> Span {
        Span::new(start, self.prev_end())
    }
    pub(crate) fn advance(&mut self) -> Span {
        let s = self.span();
        if self.i < self.toks.len() {
            self.i += 1;
        }
        s
    }
    /// Take the current token (a copy: the parser may back up over it).
    pub(crate) fn take(&mut self) -> Token {
        let span = self.span();
        match self.toks.get(self.i) {
            Some(t) => {
                let t = t.clone();
                self.i += 1;
                t
            }
            None => Token {
                tok: Tok::EndMarker,
                span,
                range: 0..0,
            },
        }
    }
    pub(crate) fn is_op(&self, op: &str) -> bool {
        matches!(self.peek(), Tok::Op(o) if *o == op)
    }
    pub(crate) fn is_op_n(&self, n: usize, op: &str) -> bool {
        matches!(self.peek_n(n), Tok::Op(o) if *o == op)
    }
    pub(crate) fn is_kw(&self, kw: &str) -> bool {
        matches!(self.peek(), Tok::Kw(k) if *k == kw)
    }
    pub(crate) fn is_kw_n(&self, n: usize, kw: &str) -> bool {
        matches!(self.peek_n(n), Tok::Kw(k) if *k == kw)
    }
    pub(crate) fn eat_op(&mut self, op: &str) -> bool {
        let yes = self.is_op(op);
        if yes {
            self.advance();
        }
        yes
    }
    pub(crate) fn eat_kw(&mut self, kw: &str) -> bool {
        let yes = self.is_kw(kw);
        if yes {
            self.advance();
        }
        yes
    }
    pub(crate) fn expect_op(&mut self, op: &str) -> PResult<Span> {
        if self.is_op(op) {
            Ok(self.advance())
        } else if op == ":" && matches!(self.peek(), Tok::Newline) {
            Err(self.error_at(self.span(), "expected ':'"))
        } else {
            Err(self.invalid())
        }
    }
    pub(crate) fn expect_kw(&mut self, kw: &str) -> PResult<Span> {
        if self.is_kw(kw) {
            Ok(self.advance())
        } else {
            Err(self.invalid())
        }
    }
    pub(crate) fn name(&mut self) -> PResult<(String, Span)> {
        if let Tok::Name(_) = self.peek() {
            let t = self.take();
            if let Tok::Name(n) = t.tok {
                return Ok((n, t.span));
            }
        }
        Err(self.invalid())
    }

    pub(crate) fn error_at(&self, span: Span, msg: impl Into<String>) -> PErr {
        let msg = msg.into();
        Box::new(if self.in_fstring && !msg.starts_with("f-string") {
            SourceError::syntax(format!("f-string: {msg}"), span)
        } else {
            SourceError::syntax(msg, span)
        })
    }
    /// CPython's generic error at the current token.
    pub(crate) fn invalid(&self) -> PErr {
        Box::new(match self.peek() {
            Tok::Indent => {
                let s = self.span();
                SourceError::new(
                    "IndentationError",
                    "unexpected indent",
                    Span::new(s.start, s.start),
                )
            }
            Tok::Dedent if !self.at_end() => {
                SourceError::new("IndentationError", "unexpected unindent", self.span())
            }
            _ => {
                // CPython reports where its first pass stopped reading.
                let k = self.furthest_main.get().max(self.i);
                let span = self.toks.get(k).map_or(self.end_span, |t| t.span);
                *self.error_at(span, "invalid syntax")
            }
        })
    }

    /// Read ahead only to choose an error message; restores the position.
    pub(crate) fn speculate<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        let save = (self.i, self.depth, self.chain);
        self.speculating.set(self.speculating.get() + 1);
        let r = f(self);
        self.speculating.set(self.speculating.get() - 1);
        (self.i, self.depth, self.chain) = save;
        r
    }

    /// Enter one nesting level; fails cleanly instead of overflowing the stack.
    pub(crate) fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        let here = 0u8;
        let used = self
            .stack_base
            .saturating_sub(std::ptr::addr_of!(here) as usize);
        self.stack_max = self.stack_max.max(used);
        if self.depth > MAX_DEPTH {
            return Err(self.error_at(self.span(), "too many nested expressions or blocks"));
        }
        Ok(())
    }
    /// One more link in an operator/trailer chain.
    pub(crate) fn chain_step(&mut self) -> PResult<()> {
        self.chain += 1;
        if self.chain > MAX_CHAIN {
            return Err(self.error_at(self.span(), "expression too long or too deeply nested"));
        }
        Ok(())
    }
    pub(crate) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Parse the tokens of an f-string field (lexed separately) as an expression.
    pub(crate) fn sub_parse<T>(
        &mut self,
        toks: Vec<Token>,
        end: Pos,
        f: impl FnOnce(&mut Self) -> PResult<T>,
    ) -> PResult<T> {
        let saved_toks = std::mem::replace(&mut self.toks, toks);
        let saved_i = std::mem::replace(&mut self.i, 0);
        let saved_end = std::mem::replace(&mut self.end_span, Span::new(end, end));
        let saved_fs = std::mem::replace(&mut self.in_fstring, true);
        let saved_br = std::mem::replace(&mut self.brackets, 1);
        let saved_seen = self.saw_end.get();
        let saved_far = self.furthest.replace(0);
        let saved_main = self.furthest_main.replace(0);
        let r = f(self);
        self.saw_end.set(saved_seen);
        self.furthest.set(saved_far);
        self.furthest_main.set(saved_main);
        self.toks = saved_toks;
        self.i = saved_i;
        self.end_span = saved_end;
        self.in_fstring = saved_fs;
        self.brackets = saved_br;
        r
    }
}

/// CPython's `_PyPegen_get_expr_name`: how error messages name an expression.
pub(crate) fn expr_name(e: &Expr) -> &'static str {
    use super::ast::Constant as C;
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred(_) => "starred",
        ExprKind::Name(_) => "name",
        ExprKind::List(_) => "list",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::Await(_) => "await expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::JoinedStr(_) | ExprKind::FormattedValue { .. } => "f-string expression",
        ExprKind::Constant(C::None) => "None",
        ExprKind::Constant(C::Bool(true)) => "True",
        ExprKind::Constant(C::Bool(false)) => "False",
        ExprKind::Constant(C::Ellipsis) => "ellipsis",
        ExprKind::Constant(_) => "literal",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

#[cfg(test)]
mod tests;
