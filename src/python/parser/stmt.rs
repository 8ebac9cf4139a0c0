//! Statements and blocks (CPython 3.11's `statements` … `simple_stmt` rules),
//! plus function parameters, shared by `def` and `lambda`.

use super::targets::invalid_target;
use super::{expr_name, PErr, PResult, Parser};
use crate::python::ast::*;
use crate::python::span::{Pos, SourceError, Span};
use crate::python::token::Tok;

fn aug_op(tok: &Tok) -> Option<BinOp> {
    let Tok::Op(op) = tok else { return None };
    Some(match *op {
        "+=" => BinOp::Add,
        "-=" => BinOp::Sub,
        "*=" => BinOp::Mult,
        "@=" => BinOp::MatMult,
        "/=" => BinOp::Div,
        "%=" => BinOp::Mod,
        "**=" => BinOp::Pow,
        "<<=" => BinOp::LShift,
        ">>=" => BinOp::RShift,
        "|=" => BinOp::BitOr,
        "^=" => BinOp::BitXor,
        "&=" => BinOp::BitAnd,
        "//=" => BinOp::FloorDiv,
        _ => return None,
    })
}

impl Parser<'_> {
    pub(crate) fn file(&mut self) -> PResult<Module> {
        let mut body = Vec::new();
        while !matches!(self.peek(), Tok::EndMarker) {
            self.statement(&mut body)?;
        }
        Ok(Module { body })
    }

    /// One statement line (several for `a; b`), appended to `out`.
    fn statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        let stmt = match self.peek() {
            Tok::Kw("if") => self.if_stmt("if")?,
            Tok::Kw("while") => self.while_stmt()?,
            Tok::Kw("for") => self.for_stmt(None)?,
            Tok::Kw("try") => self.try_stmt()?,
            Tok::Kw("with") => self.with_stmt(None)?,
            Tok::Kw("def") => self.funcdef(Vec::new(), None)?,
            Tok::Kw("class") => self.classdef(Vec::new())?,
            Tok::Op("@") => self.decorated()?,
            Tok::Kw("async") => {
                let start = self.advance().start;
                match self.peek() {
                    Tok::Kw("def") => self.funcdef(Vec::new(), Some(start))?,
                    Tok::Kw("for") => self.for_stmt(Some(start))?,
                    Tok::Kw("with") => self.with_stmt(Some(start))?,
                    _ => return Err(self.invalid()),
                }
            }
            Tok::Name(n) if n == "match" && self.is_match_stmt() => {
                return Err(Box::new(SourceError::unsupported(
                    "'match' statements are",
                    self.span(),
                )));
            }
            _ => return self.simple_stmts(out),
        };
        out.push(stmt);
        Ok(())
    }

    /// `match` is a soft keyword: a statement only when its line ends in `:`
    /// and the next token cannot continue an expression statement.
    fn is_match_stmt(&self) -> bool {
        self.speculating.set(self.speculating.get() + 1);
        let r = self.is_match_stmt_inner();
        self.speculating.set(self.speculating.get() - 1);
        r
    }

    fn is_match_stmt_inner(&self) -> bool {
        if matches!(
            self.peek_n(1),
            Tok::Op("=" | "." | ":" | ",") | Tok::Newline
        ) {
            return false;
        }
        if aug_op(self.peek_n(1)).is_some() {
            return false;
        }
        let mut n = 1;
        loop {
            match self.peek_n(n) {
                Tok::Newline | Tok::EndMarker | Tok::Indent | Tok::Dedent => {
                    return self.is_op_n(n - 1, ":")
                }
                _ => n += 1,
            }
        }
    }

    /// `small_stmt (';' small_stmt)* [';'] NEWLINE`.
    fn simple_stmts(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        loop {
            let s = self.small_stmt()?;
            out.push(s);
            if !self.eat_op(";") || matches!(self.peek(), Tok::Newline) {
                break;
            }
        }
        if !matches!(self.peek(), Tok::Newline) {
            self.fetch_ahead();
            return Err(self.invalid());
        }
        self.advance();
        Ok(())
    }

    /// Before a generic error at an expression-like token, read it as CPython's
    /// second pass would, so that a tokenizer error just behind it can win.
    fn fetch_ahead(&mut self) {
        if self.starts_expr() {
            self.speculate(|p| {
                let _ = p.expression();
            });
        }
    }

    fn small_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start();
        let kind = match self.peek() {
            Tok::Kw("pass") => {
                self.advance();
                StmtKind::Pass
            }
            Tok::Kw("break") => {
                self.advance();
                StmtKind::Break
            }
            Tok::Kw("continue") => {
                self.advance();
                StmtKind::Continue
            }
            Tok::Kw("return") => {
                self.advance();
                let value = if self.starts_expr() || self.is_op("*") {
                    let v = self.star_expressions()?;
                    self.no_bare_star(&v)?;
                    Some(v)
                } else {
                    None
                };
                StmtKind::Return(value)
            }
            Tok::Kw("raise") => {
                self.advance();
                let mut exc = None;
                let mut cause = None;
                if self.starts_expr() {
                    exc = Some(self.expression()?);
                    if self.eat_kw("from") {
                        cause = Some(self.expression()?);
                    }
                }
                StmtKind::Raise { exc, cause }
            }
            Tok::Kw("global") | Tok::Kw("nonlocal") => {
                let global = self.is_kw("global");
                self.advance();
                let mut names = vec![self.name()?.0];
                while self.eat_op(",") {
                    names.push(self.name()?.0);
                }
                if global {
                    StmtKind::Global(names)
                } else {
                    StmtKind::Nonlocal(names)
                }
            }
            Tok::Kw("del") => {
                self.advance();
                let mut targets = Vec::new();
                loop {
                    let t = self.primary()?;
                    self.check_del(&t)?;
                    targets.push(t);
                    if !self.eat_op(",") || matches!(self.peek(), Tok::Newline | Tok::Op(";")) {
                        break;
                    }
                }
                if !matches!(self.peek(), Tok::Newline | Tok::Op(";")) {
                    // `del a + 1`: name the whole expression, as CPython does.
                    return Err(self.del_error(start));
                }
                StmtKind::Delete(targets)
            }
            Tok::Kw("assert") => {
                self.advance();
                let test = self.expression()?;
                let msg = if self.eat_op(",") {
                    Some(self.expression()?)
                } else {
                    None
                };
                StmtKind::Assert { test, msg }
            }
            Tok::Kw("import") => self.import()?,
            Tok::Kw("from") => self.import_from()?,
            _ => return self.expr_stmt(),
        };
        Ok(Stmt::new(kind, self.span_from(start)))
    }

    /// `del` followed by something that is not a target list.
    fn del_error(&mut self, start: Pos) -> PErr {
        // Re-parse from after `del` as a whole expression to name it.
        let save = self.i;
        while self.i > 0 && self.span().start != start {
            self.i -= 1;
        }
        self.advance();
        let r = self.expression();
        let e = match r {
            Ok(e) if invalid_target(&e, true).is_some() => {
                self.error_at(e.span, format!("cannot delete {}", expr_name(&e)))
            }
            _ => {
                self.i = save;
                self.invalid()
            }
        };
        e
    }

    /// Expression statements and every kind of assignment.
    fn expr_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start();
        let first = if self.is_kw("yield") {
            self.yield_expr()?
        } else {
            self.star_expressions()?
        };
        if self.is_op(":") {
            self.advance();
            if !self.starts_expr() {
                return Err(self.invalid());
            }
            let msg = match &first.kind {
                ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => None,
                ExprKind::Tuple(_) => Some("only single target (not tuple) can be annotated"),
                ExprKind::List(_) => Some("only single target (not list) can be annotated"),
                _ => Some("illegal target for annotation"),
            };
            if let Some(msg) = msg {
                return Err(self.error_at(first.span, msg));
            }
            let annotation = self.expression()?;
            let value = if self.eat_op("=") {
                Some(self.assigned_value()?)
            } else {
                None
            };
            let kind = StmtKind::AnnAssign {
                target: first,
                annotation,
                value,
            };
            return Ok(Stmt::new(kind, self.span_from(start)));
        }
        if let Some(op) = aug_op(self.peek()) {
            if !matches!(
                first.kind,
                ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
            ) {
                return Err(self.error_at(
                    first.span,
                    format!(
                        "'{}' is an illegal expression for augmented assignment",
                        expr_name(&first)
                    ),
                ));
            }
            self.advance();
            let value = self.assigned_value()?;
            let kind = StmtKind::AugAssign {
                target: first,
                op,
                value,
            };
            return Ok(Stmt::new(kind, self.span_from(start)));
        }
        if !self.is_op("=") {
            if let ExprKind::Name(n) = &first.kind {
                if (n == "print" || n == "exec") && self.starts_expr() {
                    let n = n.clone();
                    let mut end = self.span();
                    while !matches!(self.peek(), Tok::Newline | Tok::EndMarker) {
                        end = self.advance();
                    }
                    return Err(self.error_at(
                        first.span.to(end),
                        format!("Missing parentheses in call to '{n}'. Did you mean {n}(...)?"),
                    ));
                }
            }
            if self.starts_expr() && !matches!(self.peek(), Tok::Op("(" | "[" | "-" | "+" | "~")) {
                // Two expressions side by side on a statement line.
                return Err(self.invalid());
            }
            self.no_bare_star(&first)?;
            return Ok(Stmt::new(StmtKind::Expr(first), self.span_from(start)));
        }
        let mut targets = vec![first];
        let value = loop {
            // Check each target as soon as its `=` is seen, as CPython does.
            if let Some(t) = targets.last() {
                self.check_target_before_eq(t, targets.len() == 1)?;
            }
            self.advance();
            let e = if self.is_kw("yield") {
                self.yield_expr()?
            } else {
                self.star_expressions()?
            };
            if !self.is_op("=") {
                self.no_bare_star(&e)?;
                break e;
            }
            targets.push(e);
        };
        Ok(Stmt::new(
            StmtKind::Assign { targets, value },
            self.span_from(start),
        ))
    }

    /// At the `=` after target `t`: CPython's messages for a bad target.
    fn check_target_before_eq(&mut self, t: &Expr, only: bool) -> PResult<()> {
        if let ExprKind::Yield(_) | ExprKind::YieldFrom(_) = t.kind {
            return Err(self.error_at(t.span, "assignment to yield expression not possible"));
        }
        if invalid_target(t, false).is_some() && only && maybe_equality(t) {
            // `f() = 1`: CPython suggests `==` when a plain value follows.
            let plain = self.speculate(|p| {
                p.advance();
                p.bitwise_or().is_ok() && !p.is_op("=") && !p.is_op(":=")
            });
            if plain {
                return Err(self.error_at(
                    t.span,
                    format!(
                        "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                        expr_name(t)
                    ),
                ));
            }
        }
        self.check_store(t)
    }

    fn assigned_value(&mut self) -> PResult<Expr> {
        let e = if self.is_kw("yield") {
            self.yield_expr()?
        } else {
            self.star_expressions()?
        };
        self.no_bare_star(&e)?;
        Ok(e)
    }

    /// `x = *a` and the like: a starred expression outside a display.
    pub(crate) fn no_bare_star(&self, e: &Expr) -> PResult<()> {
        match e.kind {
            ExprKind::Starred(_) => Err(self.error_at(e.span, "can't use starred expression here")),
            _ => Ok(()),
        }
    }

    fn import(&mut self) -> PResult<StmtKind> {
        self.advance();
        let mut names = Vec::new();
        loop {
            names.push(self.alias(true)?);
            if !self.eat_op(",") {
                break;
            }
        }
        Ok(StmtKind::Import(names))
    }

    /// `a.b.c [as d]` (dotted only for `import`).
    fn alias(&mut self, dotted: bool) -> PResult<Alias> {
        let start = self.start();
        let (mut name, _) = self.name()?;
        while dotted && self.eat_op(".") {
            name.push('.');
            name.push_str(&self.name()?.0);
        }
        let asname = if self.eat_kw("as") {
            Some(self.name()?.0)
        } else {
            None
        };
        Ok(Alias {
            name,
            asname,
            span: self.span_from(start),
        })
    }

    fn import_from(&mut self) -> PResult<StmtKind> {
        self.advance();
        let mut level = 0;
        loop {
            if self.eat_op(".") {
                level += 1;
            } else if self.eat_op("...") {
                level += 3;
            } else {
                break;
            }
        }
        let module = if matches!(self.peek(), Tok::Name(_)) {
            let (mut m, _) = self.name()?;
            while self.eat_op(".") {
                m.push('.');
                m.push_str(&self.name()?.0);
            }
            Some(m)
        } else if level == 0 {
            return Err(self.invalid());
        } else {
            None
        };
        self.expect_kw("import")?;
        if self.is_op("*") {
            return Err(Box::new(SourceError::unsupported(
                "'from ... import *' is",
                self.span(),
            )));
        }
        let paren = self.eat_op("(");
        let mut names = Vec::new();
        loop {
            names.push(self.alias(false)?);
            if !self.eat_op(",") {
                break;
            }
            if paren && self.is_op(")") {
                break;
            }
            if !paren && !matches!(self.peek(), Tok::Name(_)) {
                return Err(self.error_at(
                    self.span(),
                    "trailing comma not allowed without surrounding parentheses",
                ));
            }
        }
        if paren {
            self.close(")")?;
        }
        Ok(StmtKind::ImportFrom {
            module,
            names,
            level,
        })
    }

    // -------------------------------------------------------------------
    // Compound statements

    /// `':' block`, after a compound statement's header; `what` names it for
    /// "expected an indented block after … on line N".
    fn block(&mut self, what: &str, header: Pos) -> PResult<Vec<Stmt>> {
        // CPython insists on the colon right after `def …)`, `try`, `else`
        // and `finally`; elsewhere only a line break makes it "expected ':'".
        let forced = matches!(
            what,
            "function definition" | "'try' statement" | "'else' statement" | "'finally' statement"
        );
        if !self.is_op(":") && forced {
            return Err(self.error_at(self.span(), "expected ':'"));
        }
        self.expect_op(":")?;
        let mut body = Vec::new();
        if !matches!(self.peek(), Tok::Newline) {
            self.simple_stmts(&mut body)?;
            return Ok(body);
        }
        self.advance();
        if !matches!(self.peek(), Tok::Indent) {
            return Err(Box::new(SourceError::new(
                "IndentationError",
                format!(
                    "expected an indented block after {what} on line {}",
                    header.line
                ),
                self.span(),
            )));
        }
        self.advance();
        self.enter()?;
        let r = (|| -> PResult<()> {
            while !matches!(self.peek(), Tok::Dedent | Tok::EndMarker) {
                self.statement(&mut body)?;
            }
            Ok(())
        })();
        self.leave();
        r?;
        self.eat_dedent();
        Ok(body)
    }

    fn eat_dedent(&mut self) {
        if matches!(self.peek(), Tok::Dedent) {
            self.advance();
        }
    }

    /// A compound statement ends with the last token of its last line
    /// (a trailing `;` included, as in CPython).
    fn end_of(&self, start: Pos, body: &[Stmt]) -> Span {
        let mut k = self.i;
        while k > 0 {
            k -= 1;
            match self.toks.get(k) {
                Some(t) if matches!(t.tok, Tok::Newline | Tok::Dedent | Tok::Indent) => {}
                Some(t) => return Span::new(start, t.span.end),
                None => break,
            }
        }
        match body.last() {
            Some(s) => Span::new(start, s.span.end),
            None => self.span_from(start),
        }
    }

    fn if_stmt(&mut self, kw: &str) -> PResult<Stmt> {
        let start = self.advance().start;
        let test = self.test_expression()?;
        let what = format!("'{kw}' statement");
        let body = self.block(&what, start)?;
        let orelse = if self.is_kw("elif") {
            vec![self.if_stmt("elif")?]
        } else if self.is_kw("else") {
            let s = self.advance().start;
            self.block("'else' statement", s)?
        } else {
            Vec::new()
        };
        let span = self.end_of(start, if orelse.is_empty() { &body } else { &orelse });
        Ok(Stmt::new(StmtKind::If { test, body, orelse }, span))
    }

    fn else_block(&mut self) -> PResult<Vec<Stmt>> {
        if self.is_kw("else") {
            let s = self.advance().start;
            self.block("'else' statement", s)
        } else {
            Ok(Vec::new())
        }
    }

    fn while_stmt(&mut self) -> PResult<Stmt> {
        let start = self.advance().start;
        let test = self.test_expression()?;
        let body = self.block("'while' statement", start)?;
        let orelse = self.else_block()?;
        let span = self.end_of(start, if orelse.is_empty() { &body } else { &orelse });
        Ok(Stmt::new(StmtKind::While { test, body, orelse }, span))
    }

    fn for_stmt(&mut self, async_start: Option<Pos>) -> PResult<Stmt> {
        let kw = self.advance().start;
        let start = async_start.unwrap_or(kw);
        let target = self.target_list("in")?;
        self.expect_kw("in")?;
        let iter = self.star_expressions()?;
        let body = self.block("'for' statement", kw)?;
        let orelse = self.else_block()?;
        let span = self.end_of(start, if orelse.is_empty() { &body } else { &orelse });
        Ok(Stmt::new(
            StmtKind::For {
                is_async: async_start.is_some(),
                target,
                iter,
                body,
                orelse,
            },
            span,
        ))
    }

    fn with_stmt(&mut self, async_start: Option<Pos>) -> PResult<Stmt> {
        let kw = self.advance().start;
        let start = async_start.unwrap_or(kw);
        // `with (a as b, c):` — try the parenthesized form, else fall back to
        // an ordinary expression that happens to start with `(`.
        let mut items = None;
        if self.is_op("(") {
            let save = (self.i, self.depth, self.chain, self.brackets);
            self.advance();
            self.brackets += 1;
            let r = self.with_items(true);
            self.brackets -= 1;
            match r {
                Ok(v) if self.is_op(")") && self.is_op_n(1, ":") => {
                    self.advance();
                    items = Some(v);
                }
                Err(e) if e.message.ends_with("Perhaps you forgot a comma?") => return Err(e),
                _ => (self.i, self.depth, self.chain, self.brackets) = save,
            }
        }
        let items = match items {
            Some(v) => v,
            None => self.with_items(false)?,
        };
        let body = self.block("'with' statement", kw)?;
        let span = self.end_of(start, &body);
        Ok(Stmt::new(
            StmtKind::With {
                is_async: async_start.is_some(),
                items,
                body,
            },
            span,
        ))
    }

    fn with_items(&mut self, in_parens: bool) -> PResult<Vec<WithItem>> {
        let mut items = Vec::new();
        loop {
            let context_expr = self.expression()?;
            let optional_vars = if self.eat_kw("as") {
                let t = self.target_list_single()?;
                if in_parens {
                    let is_name = matches!(t.kind, ExprKind::Name(_));
                    self.missing_comma_after(t.span, is_name)?;
                }
                Some(t)
            } else {
                None
            };
            items.push(WithItem {
                context_expr,
                optional_vars,
            });
            if !self.eat_op(",") {
                break;
            }
            if in_parens && self.is_op(")") {
                break;
            }
        }
        Ok(items)
    }

    /// `with … as target`: one star_target (a tuple needs parentheses).
    fn target_list_single(&mut self) -> PResult<Expr> {
        let t = self.bitwise_or()?;
        self.check_store(&t)?;
        Ok(t)
    }

    fn try_stmt(&mut self) -> PResult<Stmt> {
        let start = self.advance().start;
        let body = self.block("'try' statement", start)?;
        let mut handlers = Vec::new();
        let mut is_star = None;
        while self.is_kw("except") {
            let hstart = self.advance().start;
            let star = self.eat_op("*");
            if *is_star.get_or_insert(star) != star {
                return Err(self.error_at(
                    Span::new(hstart, self.prev_end()),
                    "cannot have both 'except' and 'except*' on the same 'try'",
                ));
            }
            let mut typ = None;
            let mut name = None;
            if !self.is_op(":") {
                let e = self.expression()?;
                if self.is_op(",") {
                    let mut end = e.span;
                    while self.eat_op(",") {
                        end = self.expression()?.span;
                    }
                    if !self.is_kw("as") {
                        return Err(self.error_at(
                            e.span.to(end),
                            "multiple exception types must be parenthesized",
                        ));
                    }
                    return Err(self.invalid());
                }
                typ = Some(e);
                if self.eat_kw("as") {
                    name = Some(self.name()?.0);
                }
            } else if star {
                return Err(self.error_at(self.span(), "expected one or more exception types"));
            }
            let what = if star {
                "'except*' statement"
            } else {
                "'except' statement"
            };
            let hbody = self.block(what, hstart)?;
            let span = self.end_of(hstart, &hbody);
            handlers.push(ExceptHandler {
                typ,
                name,
                body: hbody,
                span,
            });
        }
        let orelse = if !handlers.is_empty() {
            self.else_block()?
        } else {
            Vec::new()
        };
        let finalbody = if self.is_kw("finally") {
            let s = self.advance().start;
            self.block("'finally' statement", s)?
        } else {
            Vec::new()
        };
        if handlers.is_empty() && finalbody.is_empty() {
            return Err(self.error_at(self.span(), "expected 'except' or 'finally' block"));
        }
        let end = if !finalbody.is_empty() {
            finalbody.last()
        } else if !orelse.is_empty() {
            orelse.last()
        } else {
            None
        };
        let end = match (end, handlers.last()) {
            (Some(s), _) => s.span.end,
            (None, Some(h)) => h.span.end,
            (None, None) => self.prev_end(),
        };
        Ok(Stmt::new(
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
                is_star: is_star.unwrap_or(false),
            },
            Span::new(start, end),
        ))
    }

    fn decorated(&mut self) -> PResult<Stmt> {
        let mut decorators = Vec::new();
        while self.eat_op("@") {
            decorators.push(self.named_expression()?);
            if !matches!(self.peek(), Tok::Newline) {
                return Err(self.invalid());
            }
            self.advance();
        }
        match self.peek() {
            Tok::Kw("def") => self.funcdef(decorators, None),
            Tok::Kw("class") => self.classdef(decorators),
            Tok::Kw("async") if self.is_kw_n(1, "def") => {
                let s = self.advance().start;
                self.funcdef(decorators, Some(s))
            }
            _ => Err(self.invalid()),
        }
    }

    fn funcdef(&mut self, decorators: Vec<Expr>, async_start: Option<Pos>) -> PResult<Stmt> {
        let kw = self.advance().start;
        let start = async_start.unwrap_or(kw);
        let (name, _) = self.name()?;
        if !self.is_op("(") {
            return Err(self.error_at(self.span(), "expected '('"));
        }
        self.advance();
        self.brackets += 1;
        let args = self.parameters(")", true);
        self.brackets -= 1;
        let args = args?;
        self.close(")")?;
        let returns = if self.is_op("->") {
            let arrow = self.advance();
            if !self.starts_expr() {
                return Err(self.error_at(arrow, "expected ':'"));
            }
            Some(self.expression()?)
        } else {
            None
        };
        let body = self.block("function definition", kw)?;
        let span = self.end_of(start, &body);
        Ok(Stmt::new(
            StmtKind::FunctionDef(Box::new(FunctionDef {
                is_async: async_start.is_some(),
                name,
                args,
                body,
                decorators,
                returns,
            })),
            span,
        ))
    }

    fn classdef(&mut self, decorators: Vec<Expr>) -> PResult<Stmt> {
        let start = self.advance().start;
        let (name, _) = self.name()?;
        let (mut bases, mut keywords) = (Vec::new(), Vec::new());
        if self.is_op("(") {
            let call = self.primary_call_args()?;
            bases = call.0;
            keywords = call.1;
        }
        let body = self.block("class definition", start)?;
        let span = self.end_of(start, &body);
        Ok(Stmt::new(
            StmtKind::ClassDef(Box::new(ClassDef {
                name,
                bases,
                keywords,
                body,
                decorators,
            })),
            span,
        ))
    }

    /// `class C(...)`: parse the parenthesized part as call arguments.
    fn primary_call_args(&mut self) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        // Reuse the call-trailer parser on a dummy callee.
        let start = self.start();
        let callee = Expr::new(ExprKind::Name(String::new()), Span::new(start, start));
        let e = self.call_trailer(callee, start)?;
        match e.kind {
            ExprKind::Call { args, keywords, .. } => Ok((args, keywords)),
            _ => Err(self.invalid()),
        }
    }

    /// Parameters up to `close` (`)` for def, `:` for lambda).
    pub(crate) fn parameters(&mut self, close: &str, annotations: bool) -> PResult<Arguments> {
        let mut a = Arguments::default();
        let mut seen_slash = false;
        let mut seen_star = false; // `*` or `*args`
        let mut bare_star: Option<Span> = None;
        let mut names: Vec<String> = Vec::new();
        while !self.is_op(close) {
            let pstart = self.start();
            if self.is_op("/") {
                let s = self.advance();
                if seen_slash {
                    return Err(self.error_at(s, "/ may appear only once"));
                }
                if seen_star {
                    return Err(self.error_at(s, "/ must be ahead of *"));
                }
                if a.args.is_empty() {
                    return Err(self.error_at(s, "invalid syntax"));
                }
                seen_slash = true;
                a.posonlyargs = std::mem::take(&mut a.args);
            } else if self.is_op("**") {
                self.advance();
                let arg = self.param(annotations, &mut names)?;
                if self.is_op("=") {
                    return Err(self.error_at(
                        self.span(),
                        "var-keyword argument cannot have default value",
                    ));
                }
                a.kwarg = Some(arg);
                if self.eat_op(",") && !self.is_op(close) {
                    if matches!(self.peek(), Tok::Name(_) | Tok::Op("*" | "**" | "/")) {
                        return Err(self.error_at(
                            self.span(),
                            "arguments cannot follow var-keyword argument",
                        ));
                    }
                    return Err(self.invalid());
                }
                break;
            } else if self.is_op("*") {
                let s = self.advance();
                if seen_star {
                    return Err(self.error_at(s, "* argument may appear only once"));
                }
                seen_star = true;
                if self.is_op(",") || self.is_op(close) {
                    bare_star = Some(s);
                } else {
                    let arg = self.param(annotations, &mut names)?;
                    if self.is_op("=") {
                        return Err(self.error_at(
                            self.span(),
                            "var-positional argument cannot have default value",
                        ));
                    }
                    a.vararg = Some(arg);
                }
            } else {
                let arg = self.param(annotations, &mut names)?;
                let default = if self.is_op("=") {
                    let eq = self.advance();
                    if self.is_op(",") || self.is_op(close) {
                        return Err(self.error_at(eq, "expected default value expression"));
                    }
                    Some(self.expression()?)
                } else {
                    None
                };
                if seen_star {
                    a.kwonlyargs.push(arg);
                    a.kw_defaults.push(default);
                    bare_star = None;
                } else {
                    match default {
                        Some(d) => a.defaults.push(d),
                        None if !a.defaults.is_empty() => {
                            return Err(self.error_at(
                                Span::new(pstart, self.prev_end()),
                                "non-default argument follows default argument",
                            ))
                        }
                        None => {}
                    }
                    a.args.push(arg);
                }
            }
            if !self.eat_op(",") {
                break;
            }
        }
        if let Some(s) = bare_star {
            // def points at the `*`, lambda (a generic-location rule) further on.
            let at = if close == ":" { self.span() } else { s };
            return Err(self.error_at(at, "named arguments must follow bare *"));
        }
        if !self.is_op(close) {
            return Err(self.invalid());
        }
        Ok(a)
    }

    fn param(&mut self, annotations: bool, names: &mut Vec<String>) -> PResult<Arg> {
        let start = self.start();
        let (name, span) = self.name()?;
        if names.contains(&name) {
            return Err(self.error_at(
                span,
                format!("duplicate argument '{name}' in function definition"),
            ));
        }
        names.push(name.clone());
        let annotation = if annotations && self.eat_op(":") {
            Some(self.expression()?)
        } else {
            None
        };
        Ok(Arg {
            name,
            annotation,
            span: self.span_from(start),
        })
    }
}

/// CPython's `invalid_named_expression`: `f() = 1` probably meant `==`
/// (not for displays, `True`/`None`/`False`, or non-`bitwise_or` expressions).
fn maybe_equality(target: &Expr) -> bool {
    use crate::python::ast::Constant as C;
    !matches!(
        target.kind,
        ExprKind::List(_)
            | ExprKind::Tuple(_)
            | ExprKind::GeneratorExp { .. }
            | ExprKind::Constant(C::Bool(_) | C::None)
            | ExprKind::Compare { .. }
            | ExprKind::BoolOp { .. }
            | ExprKind::UnaryOp {
                op: UnaryOp::Not,
                ..
            }
            | ExprKind::IfExp { .. }
            | ExprKind::Lambda { .. }
            | ExprKind::NamedExpr { .. }
            | ExprKind::Starred(_)
            | ExprKind::Yield(_)
            | ExprKind::YieldFrom(_)
    )
}
