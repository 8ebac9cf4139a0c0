//! f-strings, by Python 3.11's rules: the lexer hands over the whole literal,
//! and here its body is split into literal text and `{expr!conv:spec}` fields.
//! Each field's expression is lexed and parsed at its real source position.

use super::{PErr, PResult, Parser};
use crate::python::ast::*;
use crate::python::lexer::{decode_escapes, lex_nested, EscapeError};
use crate::python::span::{Pos, SourceError, Span};
use crate::python::token::{StrTok, Tok};

/// The values of a `JoinedStr` being built; adjacent literal text is merged.
pub(crate) struct Parts {
    span: Span,
    values: Vec<Expr>,
    text: String,
}

impl Parts {
    pub(crate) fn new(span: Span) -> Self {
        Parts {
            span,
            values: Vec::new(),
            text: String::new(),
        }
    }
    pub(crate) fn literal(&mut self, s: &str) {
        self.text.push_str(s);
    }
    fn flush(&mut self) {
        if !self.text.is_empty() {
            let s = std::mem::take(&mut self.text);
            self.values
                .push(Expr::new(ExprKind::Constant(Constant::Str(s)), self.span));
        }
    }
    fn value(&mut self, e: Expr) {
        self.flush();
        self.values.push(e);
    }
    pub(crate) fn finish(mut self) -> Expr {
        self.flush();
        Expr::new(ExprKind::JoinedStr(self.values), self.span)
    }
}

/// A position inside the f-string body: byte offset and line/column.
#[derive(Clone, Copy)]
struct Cur {
    i: usize,
    pos: Pos,
}

impl Parser<'_> {
    fn ch(&self, i: usize) -> Option<char> {
        self.src.get(i..)?.chars().next()
    }

    fn bump_cur(&self, c: &mut Cur) {
        if let Some(ch) = self.ch(c.i) {
            c.i += ch.len_utf8();
            if ch == '\n' {
                c.pos.line += 1;
                c.pos.col = 1;
            } else if ch == '\r' {
                if self.ch(c.i) != Some('\n') {
                    c.pos.line += 1;
                    c.pos.col = 1;
                }
            } else {
                c.pos.col += 1;
            }
        }
    }

    /// CPython 3.11 reports f-string errors at the end of the literal.
    fn fs_error(&self, _at: Pos, msg: &str) -> PErr {
        let at = self.fs_end;
        let msg = if msg.starts_with("expression part") {
            format!("f-string {msg}")
        } else {
            format!("f-string: {msg}")
        };
        Box::new(SourceError::syntax(msg, Span::new(at, at)))
    }

    /// Parse one f-string literal's body into `parts`.
    pub(crate) fn fstring(&mut self, s: &StrTok, end: Pos, parts: &mut Parts) -> PResult<()> {
        let mut cur = Cur {
            i: s.body.start,
            pos: s.body_start,
        };
        let saved = std::mem::replace(&mut self.fs_end, end);
        let r = self.fbody(&mut cur, s.body.end, s.raw, parts, 0, false);
        self.fs_end = saved;
        r
    }

    fn literal_text(
        &self,
        from: usize,
        to: usize,
        raw: bool,
        at: Pos,
        parts: &mut Parts,
    ) -> PResult<()> {
        let text = self.src.get(from..to).unwrap_or("");
        let mut out = String::new();
        decode_escapes(text, raw, false, &mut |c| out.push(c)).map_err(|e| match e {
            EscapeError::Syntax(m) => SourceError::syntax(m, Span::new(at, at)),
            EscapeError::Unsupported(w) => SourceError::unsupported(w, Span::new(at, at)),
        })?;
        parts.literal(&out);
        Ok(())
    }

    /// Literal text and fields up to `end` (or, in a format spec, up to the `}`
    /// that closes the field).
    fn fbody(
        &mut self,
        cur: &mut Cur,
        end: usize,
        raw: bool,
        parts: &mut Parts,
        nest: u32,
        in_spec: bool,
    ) -> PResult<()> {
        let mut lit = *cur;
        while cur.i < end {
            let Some(c) = self.ch(cur.i) else { break };
            match c {
                '{' | '}' => {
                    let doubled = self.ch(cur.i + 1) == Some(c) && cur.i + 1 < end;
                    if c == '}' && in_spec {
                        break;
                    }
                    self.literal_text(lit.i, cur.i, raw, lit.pos, parts)?;
                    if doubled {
                        parts.literal(if c == '{' { "{" } else { "}" });
                        self.bump_cur(cur);
                        self.bump_cur(cur);
                    } else if c == '}' {
                        return Err(self.fs_error(cur.pos, "single '}' is not allowed"));
                    } else {
                        self.field(cur, end, raw, parts, nest)?;
                    }
                    lit = *cur;
                }
                '\\' if !raw => {
                    self.bump_cur(cur);
                    if !matches!(self.ch(cur.i), Some('{' | '}')) && cur.i < end {
                        self.bump_cur(cur);
                    }
                }
                _ => self.bump_cur(cur),
            }
        }
        self.literal_text(lit.i, cur.i.min(end), raw, lit.pos, parts)
    }

    /// One `{…}` field, starting at its `{`.
    fn field(
        &mut self,
        cur: &mut Cur,
        end: usize,
        raw: bool,
        parts: &mut Parts,
        nest: u32,
    ) -> PResult<()> {
        // A field in the format spec of a field in a format spec: too deep.
        if nest >= 2 {
            return Err(self.fs_error(cur.pos, "expressions nested too deeply"));
        }
        self.bump_cur(cur);
        let expr_cur = *cur;
        let mut depth = 0u32;
        let mut quote: Option<(char, bool)> = None;
        loop {
            let Some(c) = self.ch(cur.i).filter(|_| cur.i < end) else {
                if quote.is_some() {
                    return Err(self.fs_error(cur.pos, "unterminated string"));
                }
                return Err(self.fs_error(cur.pos, "expecting '}'"));
            };
            if c == '\\' {
                return Err(self.fs_error(cur.pos, "expression part cannot include a backslash"));
            }
            if let Some((q, triple)) = quote {
                if c == q {
                    if !triple {
                        quote = None;
                    } else if self.ch(cur.i + 1) == Some(q) && self.ch(cur.i + 2) == Some(q) {
                        self.bump_cur(cur);
                        self.bump_cur(cur);
                        quote = None;
                    }
                }
                self.bump_cur(cur);
                continue;
            }
            let next = self.ch(cur.i + c.len_utf8());
            match c {
                '\'' | '"' => {
                    let triple = next == Some(c) && self.ch(cur.i + 2) == Some(c);
                    if triple {
                        self.bump_cur(cur);
                        self.bump_cur(cur);
                    }
                    quote = Some((c, triple));
                }
                '(' | '[' | '{' => {
                    depth += 1;
                    if depth as usize > crate::python::lexer::MAX_BRACKETS {
                        return Err(self.fs_error(cur.pos, "too many nested parenthesis"));
                    }
                }
                ')' | ']' | '}' if depth > 0 => depth -= 1,
                '}' => break,
                ')' | ']' => return Err(self.fs_error(cur.pos, &format!("unmatched '{c}'"))),
                '#' => return Err(self.fs_error(cur.pos, "expression part cannot include '#'")),
                '!' | '=' | '<' | '>' if next == Some('=') && depth == 0 => {
                    self.bump_cur(cur);
                }
                '<' | '>' => {}
                '!' | ':' | '=' if depth == 0 => break,
                _ => {}
            }
            self.bump_cur(cur);
        }
        let expr_end = cur.i;
        let text = self.src.get(expr_cur.i..expr_end).unwrap_or("");
        if text.trim().is_empty() {
            return Err(self.fs_error(cur.pos, "empty expression not allowed"));
        }
        let mut value = self.field_expr(expr_cur, expr_end)?;
        if let ExprKind::Tuple(_) = value.kind {
            // CPython 3.11 parses the field as `(expr)` with the parentheses
            // in place of the `{` and just after the expression.
            value.span.start = Pos {
                line: expr_cur.pos.line,
                col: expr_cur.pos.col - 1,
            };
            value.span.end = Pos {
                line: cur.pos.line,
                col: cur.pos.col + 1,
            };
        }
        // `{x=}`: the source text, then the value's repr unless told otherwise.
        let mut debug = None;
        if self.ch(cur.i) == Some('=') {
            self.bump_cur(cur);
            while matches!(
                self.ch(cur.i),
                Some(' ' | '\t' | '\n' | '\r' | '\x0c' | '\x0b')
            ) && cur.i < end
            {
                self.bump_cur(cur);
            }
            debug = Some(self.src.get(expr_cur.i..cur.i).unwrap_or("").to_string());
        }
        let mut conversion = None;
        if self.ch(cur.i) == Some('!') && cur.i < end {
            self.bump_cur(cur);
            match self.ch(cur.i).filter(|_| cur.i < end) {
                Some(c @ ('s' | 'r' | 'a')) => {
                    conversion = Some(c);
                    self.bump_cur(cur);
                }
                None => return Err(self.fs_error(cur.pos, "expecting '}'")),
                Some(_) => {
                    return Err(self.fs_error(
                        cur.pos,
                        "invalid conversion character: expected 's', 'r', or 'a'",
                    ))
                }
            }
        }
        let mut format_spec = None;
        if self.ch(cur.i) == Some(':') && cur.i < end {
            self.bump_cur(cur);
            let mut spec = Parts::new(parts.span);
            self.fbody(cur, end, raw, &mut spec, nest + 1, true)?;
            format_spec = Some(Box::new(spec.finish()));
        }
        if self.ch(cur.i) != Some('}') || cur.i >= end {
            return Err(self.fs_error(cur.pos, "expecting '}'"));
        }
        self.bump_cur(cur);
        if let Some(d) = debug {
            parts.literal(&d);
            if conversion.is_none() && format_spec.is_none() {
                conversion = Some('r');
            }
        }
        let span = parts.span;
        parts.value(Expr::new(
            ExprKind::FormattedValue {
                value: Box::new(value),
                conversion,
                format_spec,
            },
            span,
        ));
        Ok(())
    }

    /// Lex and parse the expression text of a field.
    fn field_expr(&mut self, at: Cur, end: usize) -> PResult<Expr> {
        let src = self.src.get(..end).unwrap_or("");
        let out = lex_nested(src, at.i, at.pos);
        if let Some(e) = out.error {
            // Tokenizer errors keep CPython's plain messages.
            return Err(Box::new(e.error));
        }
        let end_pos = out.tokens.last().map(|t| t.span.end).unwrap_or(at.pos);
        self.sub_parse(out.tokens, end_pos, |p| {
            let e = if p.is_kw("yield") {
                p.yield_expr()?
            } else {
                p.star_expressions()?
            };
            if !matches!(p.peek(), Tok::EndMarker) {
                p.missing_comma(&e)?;
                return Err(p.invalid());
            }
            if let ExprKind::Starred(_) = e.kind {
                return Err(p.error_at(e.span, "cannot use starred expression here"));
            }
            Ok(e)
        })
    }
}
