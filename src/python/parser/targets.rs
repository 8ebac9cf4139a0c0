//! Assignment/deletion target checks, with CPython's messages
//! (`cannot assign to function call`, `cannot delete literal`, …).

use super::{expr_name, PResult, Parser};
use crate::python::ast::*;

/// The first sub-expression that cannot be a target (CPython's
/// `_PyPegen_get_invalid_target`).
pub(crate) fn invalid_target(e: &Expr, del: bool) -> Option<&Expr> {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => None,
        ExprKind::Tuple(elts) | ExprKind::List(elts) => {
            elts.iter().find_map(|x| invalid_target(x, del))
        }
        ExprKind::Starred(v) if !del => invalid_target(v, del),
        _ => Some(e),
    }
}

impl Parser<'_> {
    /// Check a target of `=`, `for`, `with … as`, or a comprehension.
    pub(crate) fn check_store(&self, e: &Expr) -> PResult<()> {
        if let Some(bad) = invalid_target(e, false) {
            return Err(self.error_at(bad.span, format!("cannot assign to {}", expr_name(bad))));
        }
        self.check_starred(e, true)
    }

    /// At most one starred name per tuple/list level, and never a bare one.
    fn check_starred(&self, e: &Expr, top: bool) -> PResult<()> {
        match &e.kind {
            ExprKind::Tuple(elts) | ExprKind::List(elts) => {
                let stars = elts
                    .iter()
                    .filter(|x| matches!(x.kind, ExprKind::Starred(_)))
                    .count();
                if stars > 1 {
                    return Err(self.error_at(e.span, "multiple starred expressions in assignment"));
                }
                for x in elts {
                    match &x.kind {
                        ExprKind::Starred(v) => self.check_starred(v, false)?,
                        _ => self.check_starred(x, false)?,
                    }
                }
                Ok(())
            }
            ExprKind::Starred(_) if top => Err(self.error_at(
                e.span,
                "starred assignment target must be in a list or tuple",
            )),
            _ => Ok(()),
        }
    }

    pub(crate) fn check_del(&self, e: &Expr) -> PResult<()> {
        match invalid_target(e, true) {
            Some(bad) => Err(self.error_at(bad.span, format!("cannot delete {}", expr_name(bad)))),
            None => Ok(()),
        }
    }

    /// Targets of `for` and comprehensions: `a`, `a, b`, `(a, *b)`, up to `stop`.
    pub(crate) fn target_list(&mut self, stop: &str) -> PResult<Expr> {
        let start = self.start();
        let one = |p: &mut Self| -> PResult<Expr> {
            if p.is_op("*") {
                let s = p.advance().start;
                let v = p.bitwise_or()?;
                Ok(Expr::new(ExprKind::Starred(Box::new(v)), p.span_from(s)))
            } else {
                p.bitwise_or()
            }
        };
        let first = one(self)?;
        let e = if self.is_op(",") {
            let mut elts = vec![first];
            while self.eat_op(",") {
                if self.is_kw(stop) || self.is_op("=") {
                    break;
                }
                elts.push(one(self)?);
            }
            Expr::new(ExprKind::Tuple(elts), self.span_from(start))
        } else {
            first
        };
        self.check_store(&e)?;
        Ok(e)
    }
}
