//! An expression back to source text, as CPython 3.11's `ast_unparse.c` writes it:
//! the strings annotations become under `from __future__ import annotations`
//! (`Dict[str, 'Node'] | None`). Comprehensions, lambdas and f-strings are not
//! written: such an annotation is a NotImplementedError here.

use crate::python::ast::*;

// Precedences, lowest first (ast_unparse.c's PR_*; `|` is PR_EXPR).
const TUPLE: u8 = 0;
const TEST: u8 = 1;
const OR: u8 = 2;
const AND: u8 = 3;
const NOT: u8 = 4;
const CMP: u8 = 5;
const EXPR: u8 = 6;
const BXOR: u8 = 7;
const BAND: u8 = 8;
const SHIFT: u8 = 9;
const ARITH: u8 = 10;
const TERM: u8 = 11;
const FACTOR: u8 = 12;
const POWER: u8 = 13;
const ATOM: u8 = 15;

/// Why an expression has no text: CPython's SyntaxError message for what an
/// annotation may not contain, or None for what is not written here.
type R = Result<(), Option<&'static str>>;

/// The text of an annotation (written at `PR_TEST`, as `_PyAST_ExprAsUnicode`).
pub fn unparse(e: &Expr) -> Result<String, Option<&'static str>> {
    let mut out = String::new();
    write(&mut out, e, TEST)?;
    Ok(out)
}

fn list(out: &mut String, items: &[Expr], level: u8) -> R {
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write(out, x, level)?;
    }
    Ok(())
}

fn write(out: &mut String, e: &Expr, level: u8) -> R {
    let open = |out: &mut String, pr: u8| {
        if level > pr {
            out.push('(');
        }
    };
    let close = |out: &mut String, pr: u8| {
        if level > pr {
            out.push(')');
        }
    };
    match &e.kind {
        ExprKind::Name(n) => out.push_str(n),
        ExprKind::Constant(c) => match c {
            Constant::None => out.push_str("None"),
            Constant::Bool(b) => out.push_str(if *b { "True" } else { "False" }),
            Constant::Int(i) => out.push_str(&i.to_string()),
            Constant::Float(f) => out.push_str(&crate::vm::format::float_repr(*f)),
            Constant::Str(s) => out.push_str(&crate::vm::format::str_repr(s)),
            Constant::Bytes(b) => out.push_str(&crate::vm::fmt::bytes_repr(b)),
            Constant::Ellipsis => out.push_str("..."),
        },
        ExprKind::Attribute { value, attr } => {
            write(out, value, ATOM)?;
            let int = matches!(value.kind, ExprKind::Constant(Constant::Int(_)));
            out.push_str(if int { " ." } else { "." });
            out.push_str(attr);
        }
        ExprKind::Subscript { value, slice } => {
            write(out, value, ATOM)?;
            out.push('[');
            write(out, slice, TUPLE)?;
            out.push(']');
        }
        ExprKind::Starred(v) => {
            out.push('*');
            write(out, v, EXPR)?;
        }
        ExprKind::List(items) => {
            out.push('[');
            list(out, items, TEST)?;
            out.push(']');
        }
        ExprKind::Tuple(items) if items.is_empty() => out.push_str("()"),
        ExprKind::Tuple(items) => {
            open(out, TUPLE);
            list(out, items, TEST)?;
            if items.len() == 1 {
                out.push(',');
            }
            close(out, TUPLE);
        }
        ExprKind::Set(items) => {
            out.push('{');
            list(out, items, TEST)?;
            out.push('}');
        }
        ExprKind::Dict { keys, values } => {
            out.push('{');
            for (i, (k, v)) in keys.iter().zip(values).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                match k {
                    Some(k) => {
                        write(out, k, TEST)?;
                        out.push_str(": ");
                        write(out, v, TEST)?;
                    }
                    None => {
                        out.push_str("**");
                        write(out, v, EXPR)?;
                    }
                }
            }
            out.push('}');
        }
        ExprKind::BinOp { left, op, right } => {
            let (pr, text) = match op {
                BinOp::Add => (ARITH, " + "),
                BinOp::Sub => (ARITH, " - "),
                BinOp::Mult => (TERM, " * "),
                BinOp::MatMult => (TERM, " @ "),
                BinOp::Div => (TERM, " / "),
                BinOp::Mod => (TERM, " % "),
                BinOp::FloorDiv => (TERM, " // "),
                BinOp::LShift => (SHIFT, " << "),
                BinOp::RShift => (SHIFT, " >> "),
                BinOp::BitOr => (EXPR, " | "),
                BinOp::BitXor => (BXOR, " ^ "),
                BinOp::BitAnd => (BAND, " & "),
                BinOp::Pow => (POWER, " ** "),
            };
            let rassoc = u8::from(*op == BinOp::Pow);
            open(out, pr);
            write(out, left, pr + rassoc)?;
            out.push_str(text);
            write(out, right, pr + 1 - rassoc)?;
            close(out, pr);
        }
        ExprKind::UnaryOp { op, operand } => {
            let (pr, text) = match op {
                UnaryOp::Not => (NOT, "not "),
                UnaryOp::Invert => (FACTOR, "~"),
                UnaryOp::UAdd => (FACTOR, "+"),
                UnaryOp::USub => (FACTOR, "-"),
            };
            open(out, pr);
            out.push_str(text);
            write(out, operand, pr)?;
            close(out, pr);
        }
        ExprKind::BoolOp { op, values } => {
            let (pr, text) = match op {
                BoolOpKind::And => (AND, " and "),
                BoolOpKind::Or => (OR, " or "),
            };
            open(out, pr);
            for (i, v) in values.iter().enumerate() {
                if i > 0 {
                    out.push_str(text);
                }
                write(out, v, pr + 1)?;
            }
            close(out, pr);
        }
        ExprKind::Compare {
            left,
            ops,
            comparators,
        } => {
            open(out, CMP);
            write(out, left, CMP + 1)?;
            for (op, c) in ops.iter().zip(comparators) {
                out.push_str(match op {
                    CmpOp::Eq => " == ",
                    CmpOp::NotEq => " != ",
                    CmpOp::Lt => " < ",
                    CmpOp::LtE => " <= ",
                    CmpOp::Gt => " > ",
                    CmpOp::GtE => " >= ",
                    CmpOp::Is => " is ",
                    CmpOp::IsNot => " is not ",
                    CmpOp::In => " in ",
                    CmpOp::NotIn => " not in ",
                });
                write(out, c, CMP + 1)?;
            }
            close(out, CMP);
        }
        ExprKind::IfExp { test, body, orelse } => {
            open(out, TEST);
            write(out, body, TEST + 1)?;
            out.push_str(" if ");
            write(out, test, TEST + 1)?;
            out.push_str(" else ");
            write(out, orelse, TEST)?;
            close(out, TEST);
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            write(out, func, ATOM)?;
            out.push('(');
            list(out, args, TEST)?;
            for (i, k) in keywords.iter().enumerate() {
                if i > 0 || !args.is_empty() {
                    out.push_str(", ");
                }
                match &k.arg {
                    Some(name) => {
                        out.push_str(name);
                        out.push('=');
                        write(out, &k.value, TEST)?;
                    }
                    None => {
                        out.push_str("**");
                        write(out, &k.value, EXPR)?;
                    }
                }
            }
            out.push(')');
        }
        ExprKind::NamedExpr { .. } => {
            return Err(Some(
                "'named expression' can not be used within an annotation",
            ))
        }
        ExprKind::Await(_) => {
            return Err(Some(
                "'await expression' can not be used within an annotation",
            ))
        }
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => {
            return Err(Some(
                "'yield expression' can not be used within an annotation",
            ))
        }
        ExprKind::Slice { lower, upper, step } => {
            if let Some(l) = lower {
                write(out, l, TEST)?;
            }
            out.push(':');
            if let Some(u) = upper {
                write(out, u, TEST)?;
            }
            if let Some(s) = step {
                out.push(':');
                write(out, s, TEST)?;
            }
        }
        _ => return Err(None),
    }
    Ok(())
}
