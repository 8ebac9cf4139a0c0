//! Expressions: precedence climbing for binary operators, recursive descent for
//! the rest (CPython 3.11's `expression` … `atom` rules).

use super::{expr_name, PResult, Parser};
use crate::python::ast::*;
use crate::python::lexer::int_too_large;
use crate::python::span::{Pos, Span};
use crate::python::token::{StrValue, Tok};

fn binop(tok: &Tok) -> Option<(u8, BinOp)> {
    let Tok::Op(op) = tok else { return None };
    Some(match *op {
        "|" => (1, BinOp::BitOr),
        "^" => (2, BinOp::BitXor),
        "&" => (3, BinOp::BitAnd),
        "<<" => (4, BinOp::LShift),
        ">>" => (4, BinOp::RShift),
        "+" => (5, BinOp::Add),
        "-" => (5, BinOp::Sub),
        "*" => (6, BinOp::Mult),
        "/" => (6, BinOp::Div),
        "//" => (6, BinOp::FloorDiv),
        "%" => (6, BinOp::Mod),
        "@" => (6, BinOp::MatMult),
        _ => return None,
    })
}

/// `bitwise_or`, the level of targets and comparison operands.
const PREC_BITOR: u8 = 5;

fn boxed(e: Expr) -> Box<Expr> {
    Box::new(e)
}

impl Parser<'_> {
    /// Could the current token begin an expression? (For error messages.)
    pub(crate) fn starts_expr(&self) -> bool {
        match self.peek() {
            Tok::Name(_) | Tok::Int(_) | Tok::Float(_) | Tok::Str(_) => true,
            Tok::Kw(k) => matches!(
                *k,
                "True" | "False" | "None" | "lambda" | "not" | "await" | "yield"
            ),
            Tok::Op(o) => matches!(*o, "(" | "[" | "{" | "-" | "+" | "~" | "..."),
            _ => false,
        }
    }

    /// `star_expressions`: `a`, `a, *b, c`, … (a tuple when there is a comma).
    pub(crate) fn star_expressions(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.star_expression()?;
        if !self.is_op(",") {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat_op(",") {
            if !self.starts_expr() && !self.is_op("*") {
                break;
            }
            elts.push(self.star_expression()?);
        }
        Ok(Expr::new(ExprKind::Tuple(elts), self.span_from(start)))
    }

    /// `*bitwise_or` or `expression`.
    pub(crate) fn star_expression(&mut self) -> PResult<Expr> {
        if self.is_op("*") {
            return self.starred();
        }
        self.expression()
    }

    /// `*bitwise_or` or `named_expression` (display elements, may use `:=`).
    pub(crate) fn star_named_expression(&mut self) -> PResult<Expr> {
        if self.is_op("*") {
            return self.starred();
        }
        self.named_expression()
    }

    fn starred(&mut self) -> PResult<Expr> {
        let start = self.advance().start;
        let value = self.bitwise_or()?;
        Ok(Expr::new(
            ExprKind::Starred(boxed(value)),
            self.span_from(start),
        ))
    }

    /// `NAME := expression` or `expression`.
    pub(crate) fn named_expression(&mut self) -> PResult<Expr> {
        let start = self.start();
        let e = self.expression()?;
        if self.is_op(":=") {
            if !matches!(e.kind, ExprKind::Name(_)) {
                return Err(self.error_at(
                    e.span,
                    format!("cannot use assignment expressions with {}", expr_name(&e)),
                ));
            }
            self.advance();
            let value = self.expression()?;
            return Ok(Expr::new(
                ExprKind::NamedExpr {
                    target: boxed(e),
                    value: boxed(value),
                },
                self.span_from(start),
            ));
        }
        Ok(e)
    }

    /// The test of `if`/`elif`/`while`: a named expression, where a lone `=`
    /// gets CPython's "Maybe you meant '=='" hints.
    pub(crate) fn test_expression(&mut self) -> PResult<Expr> {
        let e = self.named_expression()?;
        if self.is_op("=") && !self.is_op_n(1, "=") {
            if let ExprKind::Name(_) = e.kind {
                return Err(self.error_at(
                    e.span,
                    "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                ));
            }
            if super::targets::invalid_target(&e, false).is_some() {
                let msg = format!(
                    "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                    expr_name(&e)
                );
                return Err(self.error_at(e.span, msg));
            }
        }
        Ok(e)
    }

    /// `disjunction ['if' disjunction 'else' expression] | lambda`.
    pub(crate) fn expression(&mut self) -> PResult<Expr> {
        let start = self.start();
        self.enter()?;
        let r = if self.is_kw("lambda") {
            self.lambda()
        } else {
            self.climb(1)
        };
        self.leave();
        let body = r?;
        if !self.is_kw("if") {
            return Ok(body);
        }
        self.ternary(body, start)
    }

    #[inline(never)]
    fn ternary(&mut self, body: Expr, start: Pos) -> PResult<Expr> {
        self.advance();
        let body_start = body.span.start;
        let test = self.disjunction()?;
        if self.is_op(":") {
            return Err(self.invalid());
        }
        if !self.eat_kw("else") {
            return Err(self.error_at(
                self.span_from(body_start),
                "expected 'else' after 'if' expression",
            ));
        }
        self.enter()?;
        let orelse = self.expression();
        self.leave();
        let orelse = orelse?;
        Ok(Expr::new(
            ExprKind::IfExp {
                test: boxed(test),
                body: boxed(body),
                orelse: boxed(orelse),
            },
            self.span_from(start),
        ))
    }

    #[inline(never)]
    fn lambda(&mut self) -> PResult<Expr> {
        let start = self.advance().start;
        let args = self.parameters(":", false)?;
        self.expect_op(":")?;
        let body = self.expression()?;
        Ok(Expr::new(
            ExprKind::Lambda {
                args: Box::new(args),
                body: boxed(body),
            },
            self.span_from(start),
        ))
    }

    pub(crate) fn disjunction(&mut self) -> PResult<Expr> {
        self.climb(1)
    }

    pub(crate) fn bitwise_or(&mut self) -> PResult<Expr> {
        self.climb(PREC_BITOR)
    }

    /// Precedence climbing over every level from `or` down to unary operators,
    /// in one function so that each nesting level costs few stack frames.
    /// Levels: 1 `or`, 2 `and`, 3 `not`, 4 comparisons, 5–10 binary
    /// operators (see [`binop`]), 11 unary `-`/`+`/`~`.
    fn climb(&mut self, min: u8) -> PResult<Expr> {
        let start = self.start();
        let mut left = self.prefix(min)?;
        // Each operator deepens the (left-leaning) tree: count it, so that the
        // AST's depth stays bounded for the compiler and for `Drop`.
        let mut chain = 0;
        loop {
            let (prec, kind) = match self.peek() {
                Tok::Kw("or") => (1, None),
                Tok::Kw("and") => (2, None),
                Tok::Kw("in" | "is") | Tok::Op("==" | "!=" | "<" | "<=" | ">" | ">=") => (4, None),
                Tok::Kw("not") if self.is_kw_n(1, "in") => (4, None),
                t => match binop(t) {
                    Some((p, op)) => (p + 4, Some(op)),
                    None => break,
                },
            };
            if prec < min {
                break;
            }
            self.chain_step()?;
            chain += 1;
            left = match (prec, kind) {
                (1 | 2, _) => {
                    let (kw, op) = if prec == 1 {
                        ("or", BoolOpKind::Or)
                    } else {
                        ("and", BoolOpKind::And)
                    };
                    let mut values = vec![left];
                    while self.eat_kw(kw) {
                        values.push(self.climb(prec + 1)?);
                    }
                    Expr::new(ExprKind::BoolOp { op, values }, self.span_from(start))
                }
                (4, _) => {
                    let mut ops = Vec::new();
                    let mut comparators = Vec::new();
                    while let Some(op) = self.comp_op() {
                        ops.push(op);
                        comparators.push(self.climb(PREC_BITOR)?);
                    }
                    Expr::new(
                        ExprKind::Compare {
                            left: boxed(left),
                            ops,
                            comparators,
                        },
                        self.span_from(start),
                    )
                }
                (_, Some(op)) => {
                    self.advance();
                    let right = self.climb(prec + 1)?;
                    Expr::new(
                        ExprKind::BinOp {
                            left: boxed(left),
                            op,
                            right: boxed(right),
                        },
                        self.span_from(start),
                    )
                }
                _ => break,
            };
        }
        self.chain -= chain;
        Ok(left)
    }

    #[inline(never)]
    fn comp_op(&mut self) -> Option<CmpOp> {
        let op = match self.peek() {
            Tok::Op("==") => CmpOp::Eq,
            Tok::Op("!=") => CmpOp::NotEq,
            Tok::Op("<") => CmpOp::Lt,
            Tok::Op("<=") => CmpOp::LtE,
            Tok::Op(">") => CmpOp::Gt,
            Tok::Op(">=") => CmpOp::GtE,
            Tok::Kw("in") => CmpOp::In,
            Tok::Kw("not") if self.is_kw_n(1, "in") => {
                self.advance();
                CmpOp::NotIn
            }
            Tok::Kw("is") if self.is_kw_n(1, "not") => {
                self.advance();
                CmpOp::IsNot
            }
            Tok::Kw("is") => CmpOp::Is,
            _ => return None,
        };
        self.advance();
        Some(op)
    }

    /// The operand of `climb`: `not x`, `-x`, `+x`, `~x`, or a power.
    fn prefix(&mut self, min: u8) -> PResult<Expr> {
        let op = match self.peek() {
            Tok::Kw("not") if min <= 3 => UnaryOp::Not,
            Tok::Op("-") => UnaryOp::USub,
            Tok::Op("+") => UnaryOp::UAdd,
            Tok::Op("~") => UnaryOp::Invert,
            _ => return self.power(),
        };
        let start = self.advance().start;
        // -9223372036854775808 is the one literal that only fits negated.
        if op == UnaryOp::USub
            && matches!(self.peek(), Tok::Int(v) if *v == 1u64 << 63)
            && !matches!(self.peek_n(1), Tok::Op("**" | "." | "(" | "["))
        {
            self.advance();
            return Ok(Expr::new(
                ExprKind::Constant(Constant::Int(i64::MIN)),
                self.span_from(start),
            ));
        }
        self.enter()?;
        let operand = self.climb(if op == UnaryOp::Not { 3 } else { 11 });
        self.leave();
        Ok(Expr::new(
            ExprKind::UnaryOp {
                op,
                operand: boxed(operand?),
            },
            self.span_from(start),
        ))
    }

    /// `await_primary ['**' factor]`: `**` binds tighter than a unary minus on
    /// its left and looser than one on its right.
    fn power(&mut self) -> PResult<Expr> {
        let start = self.start();
        let base = if self.is_kw("await") {
            self.advance();
            self.enter()?;
            let value = self.primary();
            self.leave();
            Expr::new(ExprKind::Await(boxed(value?)), self.span_from(start))
        } else {
            self.primary()?
        };
        if !self.eat_op("**") {
            return Ok(base);
        }
        self.enter()?;
        let exp = self.climb(11);
        self.leave();
        Ok(Expr::new(
            ExprKind::BinOp {
                left: boxed(base),
                op: BinOp::Pow,
                right: boxed(exp?),
            },
            self.span_from(start),
        ))
    }

    /// An atom followed by `.name`, `(args)` and `[subscript]` trailers.
    pub(crate) fn primary(&mut self) -> PResult<Expr> {
        let start = self.start();
        let mut e = self.atom()?;
        let mut chain = 0;
        loop {
            if matches!(self.peek(), Tok::Op("." | "(" | "[")) {
                self.chain_step()?;
                chain += 1;
            }
            if self.eat_op(".") {
                let (attr, _) = self.name()?;
                e = Expr::new(
                    ExprKind::Attribute {
                        value: boxed(e),
                        attr,
                    },
                    self.span_from(start),
                );
            } else if self.is_op("(") {
                e = self.call_trailer(e, start)?;
            } else if self.is_op("[") {
                self.advance();
                self.brackets += 1;
                let r = self.slices();
                self.brackets -= 1;
                let slice = r?;
                self.close("]")?;
                e = Expr::new(
                    ExprKind::Subscript {
                        value: boxed(e),
                        slice: boxed(slice),
                    },
                    self.span_from(start),
                );
            } else {
                self.chain -= chain;
                return Ok(e);
            }
        }
    }

    /// `func(args)`, at the `(`.
    pub(crate) fn call_trailer(&mut self, func: Expr, start: Pos) -> PResult<Expr> {
        let open = self.advance();
        self.brackets += 1;
        let r = self.call_args(open);
        self.brackets -= 1;
        let (args, keywords) = r?;
        Ok(Expr::new(
            ExprKind::Call {
                func: boxed(func),
                args,
                keywords,
            },
            self.span_from(start),
        ))
    }

    /// Expect a closing bracket; two expressions side by side get CPython's
    /// "Perhaps you forgot a comma?".
    pub(crate) fn close(&mut self, op: &str) -> PResult<Span> {
        if self.is_op(op) {
            return Ok(self.advance());
        }
        // `(sep='')`: a keyword-like `=` inside brackets (CPython's
        // `invalid_named_expression`).
        let name = self.i.checked_sub(1).and_then(|k| self.toks.get(k));
        if let (true, Some(name)) = (self.is_op("="), name) {
            if matches!(name.tok, Tok::Name(_)) {
                let name_span = name.span;
                let value = self.speculate(|p| {
                    p.advance();
                    let v = p.bitwise_or().map(|e| e.span).ok();
                    v.filter(|_| !p.is_op("=") && !p.is_op(":="))
                });
                if let Some(v) = value {
                    return Err(self.error_at(
                        name_span.to(v),
                        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                    ));
                }
            }
        }
        Err(self.invalid())
    }

    /// After `first` inside brackets, another expression starts: CPython's hint.
    #[inline(never)]
    pub(crate) fn missing_comma(&mut self, first: &Expr) -> PResult<()> {
        self.missing_comma_after(first.span, matches!(first.kind, ExprKind::Name(_)))
    }

    /// [`Self::missing_comma`] for an expression known by its span.
    pub(crate) fn missing_comma_after(&mut self, first: Span, is_name: bool) -> PResult<()> {
        if !self.starts_expr() {
            return Ok(());
        }
        // `f(a b)` with a name followed by a string literal is left generic, as in CPython.
        if is_name && matches!(self.peek(), Tok::Str(_)) {
            return Ok(());
        }
        // Like CPython's `invalid_expression`, read the second expression even
        // outside brackets (where the hint is not given): how far the parser
        // read decides which error wins (see `pick_error`).
        // PEG backtracking finds the longest valid second expression; try the
        // whole expression, then just a primary.
        let second = self.speculate(|p| {
            let whole = p.expression().map(|e| e.span);
            if whole.is_ok() {
                return whole.ok();
            }
            p.i = p.i.min(p.toks.len());
            None
        });
        let second = match second {
            Some(s) => Some(s),
            None => self.speculate(|p| p.primary().map(|e| e.span).ok()),
        };
        match second {
            Some(second) if self.brackets > 0 => Err(self.error_at(
                first.to(second),
                "invalid syntax. Perhaps you forgot a comma?",
            )),
            _ => Ok(()),
        }
    }

    /// Subscript contents: one slice/expression, or a tuple of them.
    #[inline(never)]
    fn slices(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.slice()?;
        if !self.is_op(",") {
            self.missing_comma(&first)?;
            // `a[*b]` is a one-element tuple, as in CPython 3.11.
            if let ExprKind::Starred(_) = first.kind {
                let span = first.span;
                return Ok(Expr::new(ExprKind::Tuple(vec![first]), span));
            }
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat_op(",") {
            if self.is_op("]") {
                break;
            }
            elts.push(self.slice()?);
        }
        if let Some(last) = elts.last() {
            let (span, is_name) = (last.span, matches!(last.kind, ExprKind::Name(_)));
            self.missing_comma_after(span, is_name)?;
        }
        Ok(Expr::new(ExprKind::Tuple(elts), self.span_from(start)))
    }

    fn slice(&mut self) -> PResult<Expr> {
        let start = self.start();
        if self.is_op("*") {
            return self.star_expression();
        }
        let lower = if self.is_op(":") {
            None
        } else {
            let e = self.named_expression()?;
            if !self.is_op(":") {
                return Ok(e);
            }
            Some(boxed(e))
        };
        self.expect_op(":")?;
        let bound = |p: &mut Self| -> PResult<Option<Box<Expr>>> {
            if p.is_op(":") || p.is_op(",") || p.is_op("]") {
                Ok(None)
            } else {
                Ok(Some(boxed(p.expression()?)))
            }
        };
        let upper = bound(self)?;
        let step = if self.eat_op(":") { bound(self)? } else { None };
        Ok(Expr::new(
            ExprKind::Slice { lower, upper, step },
            self.span_from(start),
        ))
    }

    /// Call arguments after `(`, through `)`.
    #[inline(never)]
    fn call_args(&mut self, open: Span) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        let mut args: Vec<Expr> = Vec::new();
        let mut keywords: Vec<Keyword> = Vec::new();
        let mut saw_kwargs = false; // `**mapping` seen
        while !self.is_op(")") {
            let start = self.start();
            // The last expression read, for the "forgot a comma?" hint.
            let last: (Span, bool);
            if self.eat_op("**") {
                let value = self.expression()?;
                last = (value.span, matches!(value.kind, ExprKind::Name(_)));
                saw_kwargs = true;
                keywords.push(Keyword {
                    arg: None,
                    span: self.span_from(start),
                    value,
                });
            } else if self.is_op("*") {
                let e = self.star_expression()?;
                last = match &e.kind {
                    ExprKind::Starred(v) => (v.span, matches!(v.kind, ExprKind::Name(_))),
                    _ => (e.span, false),
                };
                if saw_kwargs {
                    return Err(self.error_at(
                        e.span,
                        "iterable argument unpacking follows keyword argument unpacking",
                    ));
                }
                args.push(e);
            } else if matches!(self.peek(), Tok::Name(_)) && self.is_op_n(1, "=") {
                let (name, _) = self.name()?;
                self.advance();
                let value = self.expression()?;
                last = (value.span, matches!(value.kind, ExprKind::Name(_)));
                if keywords.iter().any(|k| k.arg.as_deref() == Some(&name)) {
                    return Err(self.error_at(
                        self.span_from(start),
                        format!("keyword argument repeated: {name}"),
                    ));
                }
                keywords.push(Keyword {
                    arg: Some(name),
                    span: self.span_from(start),
                    value,
                });
            } else {
                let e = self.named_expression()?;
                last = (e.span, matches!(e.kind, ExprKind::Name(_)));
                if self.is_op("=") {
                    let msg = "expression cannot contain assignment, perhaps you meant \"==\"?";
                    let eq = self.span();
                    return Err(self.error_at(e.span.to(eq), msg));
                }
                if self.is_kw("for") || self.is_kw("async") {
                    let generators = self.comprehensions()?;
                    let genexp = Expr::new(
                        ExprKind::GeneratorExp {
                            elt: boxed(e),
                            generators,
                        },
                        // A sole generator argument spans the call's parentheses.
                        Span::new(open.start, self.span().end),
                    );
                    let alone = self.is_op(")");
                    if !args.is_empty() || !keywords.is_empty() || !alone {
                        let span = Span::new(start, self.prev_end());
                        return Err(
                            self.error_at(span, "Generator expression must be parenthesized")
                        );
                    }
                    args.push(genexp);
                } else {
                    if let Some(k) = keywords.last() {
                        let msg = if saw_kwargs && k.arg.is_none() {
                            "positional argument follows keyword argument unpacking"
                        } else {
                            "positional argument follows keyword argument"
                        };
                        // CPython points at the token after the argument.
                        return Err(self.error_at(self.span(), msg));
                    }
                    args.push(e);
                }
            }
            if !self.eat_op(",") {
                self.missing_comma_after(last.0, last.1)?;
                break;
            }
        }
        self.close(")")?;
        Ok((args, keywords))
    }

    /// A comprehension's element cannot be `*x` (or `**x` in a dict).
    fn check_comp_elt(&self, elt: &Expr) -> PResult<()> {
        match elt.kind {
            ExprKind::Starred(_) => Err(self.error_at(
                elt.span,
                "iterable unpacking cannot be used in comprehension",
            )),
            _ => Ok(()),
        }
    }

    /// `for target in iter [if cond]*`, repeated; `async for` too.
    #[inline(never)]
    pub(crate) fn comprehensions(&mut self) -> PResult<Vec<Comprehension>> {
        let mut out = Vec::new();
        loop {
            let is_async = if self.is_kw("async") && self.is_kw_n(1, "for") {
                self.advance();
                true
            } else {
                false
            };
            if !self.eat_kw("for") {
                break;
            }
            let target = self.target_list("in")?;
            if !self.is_kw("in") {
                let is_name = matches!(target.kind, ExprKind::Name(_));
                self.missing_comma_after(target.span, is_name)?;
            }
            self.expect_kw("in")?;
            let iter = self.disjunction()?;
            let mut ifs = Vec::new();
            while self.eat_kw("if") {
                ifs.push(self.disjunction()?);
            }
            out.push(Comprehension {
                target,
                iter,
                ifs,
                is_async,
            });
        }
        if out.is_empty() {
            return Err(self.invalid());
        }
        Ok(out)
    }

    fn atom(&mut self) -> PResult<Expr> {
        let span = self.span();
        let kind = match self.peek() {
            Tok::Name(_) => {
                let (n, _) = self.name()?;
                return Ok(Expr::new(ExprKind::Name(n), span));
            }
            Tok::Int(v) => {
                let v = *v;
                self.advance();
                let v = i64::try_from(v).map_err(|_| int_too_large(span))?;
                ExprKind::Constant(Constant::Int(v))
            }
            Tok::Float(v) => {
                let v = *v;
                self.advance();
                ExprKind::Constant(Constant::Float(v))
            }
            Tok::Str(_) => return self.strings(),
            Tok::Kw("True") => {
                self.advance();
                ExprKind::Constant(Constant::Bool(true))
            }
            Tok::Kw("False") => {
                self.advance();
                ExprKind::Constant(Constant::Bool(false))
            }
            Tok::Kw("None") => {
                self.advance();
                ExprKind::Constant(Constant::None)
            }
            Tok::Op("...") => {
                self.advance();
                ExprKind::Constant(Constant::Ellipsis)
            }
            Tok::Op("(" | "[" | "{") => return self.bracketed(),
            _ => return Err(self.invalid()),
        };
        Ok(Expr::new(kind, span))
    }

    /// `(…)`, `[…]` or `{…}`.
    fn bracketed(&mut self) -> PResult<Expr> {
        let kind = self.peek().clone();
        let open = self.advance().start;
        self.brackets += 1;
        let r = match kind {
            Tok::Op("(") => self.paren(open),
            Tok::Op("[") => self.list(open),
            _ => self.brace(open),
        };
        self.brackets -= 1;
        r
    }

    /// After `(`: `()`, `(x)`, `(x,)`, `(x for …)`, `(yield …)`.
    #[inline(never)]
    fn paren(&mut self, open: Pos) -> PResult<Expr> {
        if self.eat_op(")") {
            return Ok(Expr::new(ExprKind::Tuple(vec![]), self.span_from(open)));
        }
        if self.is_kw("yield") {
            let e = self.yield_expr()?;
            self.close(")")?;
            return Ok(e);
        }
        let first = self.star_named_expression()?;
        if self.is_kw("for") || self.is_kw("async") {
            self.check_comp_elt(&first)?;
            let generators = self.comprehensions()?;
            self.close(")")?;
            return Ok(Expr::new(
                ExprKind::GeneratorExp {
                    elt: boxed(first),
                    generators,
                },
                self.span_from(open),
            ));
        }
        if self.is_op(")") {
            if let ExprKind::Starred(_) = first.kind {
                return Err(self.error_at(first.span, "cannot use starred expression here"));
            }
            self.advance();
            return Ok(first);
        }
        let elts = self.display_rest(first, ")")?;
        Ok(Expr::new(ExprKind::Tuple(elts), self.span_from(open)))
    }

    /// The rest of a comma-separated display after its first element, through `close`.
    fn display_rest(&mut self, first: Expr, close: &str) -> PResult<Vec<Expr>> {
        let mut elts = vec![first];
        loop {
            if !self.eat_op(",") {
                if let Some(last) = elts.last() {
                    let (span, is_name) = (last.span, matches!(last.kind, ExprKind::Name(_)));
                    self.missing_comma_after(span, is_name)?;
                }
                break;
            }
            if self.is_op(close) {
                break;
            }
            elts.push(self.star_named_expression()?);
        }
        self.close(close)?;
        Ok(elts)
    }

    #[inline(never)]
    fn list(&mut self, open: Pos) -> PResult<Expr> {
        if self.eat_op("]") {
            return Ok(Expr::new(ExprKind::List(vec![]), self.span_from(open)));
        }
        let first = self.star_named_expression()?;
        if self.is_kw("for") || self.is_kw("async") {
            self.check_comp_elt(&first)?;
            let generators = self.comprehensions()?;
            self.close("]")?;
            return Ok(Expr::new(
                ExprKind::ListComp {
                    elt: boxed(first),
                    generators,
                },
                self.span_from(open),
            ));
        }
        let elts = self.display_rest(first, "]")?;
        Ok(Expr::new(ExprKind::List(elts), self.span_from(open)))
    }

    /// After `{`: dict, set, or one of their comprehensions.
    #[inline(never)]
    fn brace(&mut self, open: Pos) -> PResult<Expr> {
        if self.eat_op("}") {
            return Ok(Expr::new(
                ExprKind::Dict {
                    keys: vec![],
                    values: vec![],
                },
                self.span_from(open),
            ));
        }
        // The first item decides between a dict and a set.
        let (first_key, first_value) = if self.is_op("**") {
            let star = self.advance().start;
            let value = self.bitwise_or()?;
            if self.is_kw("for") || self.is_kw("async") {
                return Err(self.error_at(
                    Span::new(star, value.span.end),
                    "dict unpacking cannot be used in dict comprehension",
                ));
            }
            (None, Some(value))
        } else {
            let e = self.star_named_expression()?;
            if self.is_op(":") {
                if let ExprKind::Starred(_) = e.kind {
                    return Err(self.invalid());
                }
                self.dict_colon()?;
                (Some(e), Some(self.expression()?))
            } else {
                (Some(e), None)
            }
        };
        let Some(first_value) = first_value else {
            let first = first_key.ok_or_else(|| self.invalid())?;
            if self.is_kw("for") || self.is_kw("async") {
                self.check_comp_elt(&first)?;
                let generators = self.comprehensions()?;
                self.close("}")?;
                return Ok(Expr::new(
                    ExprKind::SetComp {
                        elt: boxed(first),
                        generators,
                    },
                    self.span_from(open),
                ));
            }
            let elts = self.display_rest(first, "}")?;
            return Ok(Expr::new(ExprKind::Set(elts), self.span_from(open)));
        };
        if first_key.is_some() && (self.is_kw("for") || self.is_kw("async")) {
            if let Some(key) = first_key {
                let generators = self.comprehensions()?;
                self.close("}")?;
                return Ok(Expr::new(
                    ExprKind::DictComp {
                        key: boxed(key),
                        value: boxed(first_value),
                        generators,
                    },
                    self.span_from(open),
                ));
            }
        }
        let mut keys = vec![first_key];
        let mut values = vec![first_value];
        loop {
            if !self.eat_op(",") {
                if let Some(last) = values.last() {
                    let (span, is_name) = (last.span, matches!(last.kind, ExprKind::Name(_)));
                    self.missing_comma_after(span, is_name)?;
                }
                break;
            }
            if self.is_op("}") {
                break;
            }
            if self.eat_op("**") {
                keys.push(None);
                values.push(self.bitwise_or()?);
            } else {
                let k = self.expression()?;
                if !self.is_op(":") {
                    let end = k.span.end;
                    let at = Pos {
                        line: end.line,
                        col: end.col.saturating_sub(1).max(1),
                    };
                    return Err(
                        self.error_at(Span::new(at, at), "':' expected after dictionary key")
                    );
                }
                self.dict_colon()?;
                keys.push(Some(k));
                values.push(self.expression()?);
            }
        }
        self.close("}")?;
        Ok(Expr::new(
            ExprKind::Dict { keys, values },
            self.span_from(open),
        ))
    }

    /// The `:` after a dictionary key, which a value must follow.
    fn dict_colon(&mut self) -> PResult<()> {
        let colon = self.advance();
        if self.is_op("}") || self.is_op(",") {
            return Err(self.error_at(
                Span::new(colon.start, colon.start),
                "expression expected after dictionary key and ':'",
            ));
        }
        Ok(())
    }

    /// `yield`, `yield value`, `yield from value`.
    #[inline(never)]
    pub(crate) fn yield_expr(&mut self) -> PResult<Expr> {
        let start = self.expect_kw("yield")?.start;
        if self.eat_kw("from") {
            let value = self.expression()?;
            return Ok(Expr::new(
                ExprKind::YieldFrom(boxed(value)),
                self.span_from(start),
            ));
        }
        let value = if self.starts_expr() || self.is_op("*") {
            let v = self.star_expressions()?;
            if let ExprKind::Starred(_) = v.kind {
                return Err(self.error_at(v.span, "can't use starred expression here"));
            }
            Some(boxed(v))
        } else {
            None
        };
        Ok(Expr::new(ExprKind::Yield(value), self.span_from(start)))
    }

    /// Adjacent string literals, concatenated; any f-string makes a `JoinedStr`.
    #[inline(never)]
    fn strings(&mut self) -> PResult<Expr> {
        let start = self.start();
        let mut toks = Vec::new();
        while matches!(self.peek(), Tok::Str(_)) {
            let t = self.take();
            if let Tok::Str(s) = t.tok {
                toks.push((s, t.span));
            }
        }
        let span = self.span_from(start);
        let is_bytes = |s: &crate::python::token::StrTok| matches!(s.value, StrValue::Bytes(_));
        if let Some(first) = toks.first() {
            let b = is_bytes(&first.0);
            if toks.iter().any(|t| is_bytes(&t.0) != b) {
                let end = Span::new(span.end, span.end);
                return Err(self.error_at(end, "cannot mix bytes and nonbytes literals"));
            }
            if b {
                let mut out = Vec::new();
                for (s, _) in toks {
                    if let StrValue::Bytes(v) = s.value {
                        out.extend(v);
                    }
                }
                return Ok(Expr::new(ExprKind::Constant(Constant::Bytes(out)), span));
            }
        }
        if !toks.iter().any(|t| matches!(t.0.value, StrValue::Format)) {
            let mut out = String::new();
            for (s, _) in toks {
                if let StrValue::Str(v) = s.value {
                    out.push_str(&v);
                }
            }
            return Ok(Expr::new(ExprKind::Constant(Constant::Str(out)), span));
        }
        let mut parts = super::fstring::Parts::new(span);
        for (s, tspan) in toks {
            match s.value {
                StrValue::Str(v) => parts.literal(&v),
                StrValue::Format => self.fstring(&s, tspan.end, &mut parts)?,
                StrValue::Bytes(_) => {}
            }
        }
        Ok(parts.finish())
    }
}
