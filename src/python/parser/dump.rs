//! A text dump of the AST in the format of CPython's `ast.dump`, so tests can
//! compare our trees with CPython's own (`tools/ast_corpus.py` prints the
//! CPython side). With `positions`, every node that has a span is written
//! `Name@line:col-line:col(...)`; parts of an f-string are left without, since
//! CPython 3.11 gives them the whole string's position.

use crate::python::ast::*;
use crate::python::span::Span;
use std::fmt::Write;

#[derive(Clone, Copy, PartialEq)]
enum Ctx {
    Load,
    Store,
    Del,
}

/// Dump a module like `ast.dump(tree)` (plus positions if asked).
pub fn dump_module(m: &Module, positions: bool) -> String {
    let mut d = Dumper {
        out: String::new(),
        positions,
    };
    d.out.push_str("Module(body=");
    d.stmts(&m.body);
    d.out.push_str(", type_ignores=[])");
    d.out
}

struct Dumper {
    out: String,
    positions: bool,
}

fn py_str(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut o = String::new();
    o.push(q);
    for c in s.chars() {
        match c {
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            '\t' => o.push_str("\\t"),
            c if c == q => {
                o.push('\\');
                o.push(c);
            }
            // Python's repr escapes what `str.isprintable()` rejects.
            c if !py_printable(c) => {
                let n = c as u32;
                let _ = match n {
                    0..=0xff => write!(o, "\\x{n:02x}"),
                    0x100..=0xffff => write!(o, "\\u{n:04x}"),
                    _ => write!(o, "\\U{n:08x}"),
                };
            }
            c => o.push(c),
        }
    }
    o.push(q);
    o
}

/// An approximation of Python's `str.isprintable()` (no Unicode tables here:
/// control, separator, format and private-use characters; not unassigned ones).
fn py_printable(c: char) -> bool {
    let n = c as u32;
    !(c.is_control()
        || (c.is_whitespace() && c != ' ')
        || matches!(n, 0xad | 0x600..=0x605 | 0x61c | 0x6dd | 0x70f | 0x180e)
        || matches!(n, 0x200b..=0x200f | 0x202a..=0x202e | 0x2060..=0x206f | 0xfeff)
        || matches!(n, 0xfff9..=0xfffb | 0xfffe | 0xffff | 0xe0001 | 0xe0020..=0xe007f)
        || matches!(n, 0xe000..=0xf8ff | 0xf0000..=0x10ffff))
}

fn py_bytes(b: &[u8]) -> String {
    let q = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut o = String::from("b");
    o.push(q as char);
    for &c in b {
        match c {
            b'\\' => o.push_str("\\\\"),
            b'\n' => o.push_str("\\n"),
            b'\r' => o.push_str("\\r"),
            b'\t' => o.push_str("\\t"),
            c if c == q => {
                o.push('\\');
                o.push(c as char);
            }
            0x20..=0x7e => o.push(c as char),
            c => {
                let _ = write!(o, "\\x{c:02x}");
            }
        }
    }
    o.push(q as char);
    o
}

/// Python's `repr(float)`: shortest round-trip digits, exponent outside 1e-4..1e16.
pub(crate) fn py_float(v: f64) -> String {
    if v.is_nan() {
        return "nan".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "inf" } else { "-inf" }.into();
    }
    let e = format!("{v:e}"); // like 1.5e-7
    let (mant, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if (-4..16).contains(&exp) {
        let s = format!("{v}");
        if s.contains('.') {
            s
        } else {
            format!("{s}.0")
        }
    } else {
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{mant}e{sign}{:02}", exp.abs())
    }
}

impl Dumper {
    fn node(&mut self, name: &str, span: Option<Span>) {
        self.out.push_str(name);
        if let (true, Some(s)) = (self.positions, span) {
            let _ = write!(
                self.out,
                "@{}:{}-{}:{}",
                s.start.line, s.start.col, s.end.line, s.end.col
            );
        }
        self.out.push('(');
    }
    fn field(&mut self, name: &str) {
        if !self.out.ends_with('(') {
            self.out.push_str(", ");
        }
        self.out.push_str(name);
        self.out.push('=');
    }
    fn list<T>(&mut self, name: &str, items: &[T], mut f: impl FnMut(&mut Self, &T)) {
        self.field(name);
        self.out.push('[');
        for (k, x) in items.iter().enumerate() {
            if k > 0 {
                self.out.push_str(", ");
            }
            f(self, x);
        }
        self.out.push(']');
    }
    fn stmts(&mut self, body: &[Stmt]) {
        self.out.push('[');
        for (k, s) in body.iter().enumerate() {
            if k > 0 {
                self.out.push_str(", ");
            }
            self.stmt(s);
        }
        self.out.push(']');
    }
    fn body(&mut self, name: &str, body: &[Stmt]) {
        self.field(name);
        self.stmts(body);
    }
    fn e(&mut self, name: &str, e: &Expr, ctx: Ctx) {
        self.field(name);
        self.expr(e, ctx, false);
    }
    fn opt(&mut self, name: &str, e: &Option<Expr>, ctx: Ctx) {
        if let Some(e) = e {
            self.e(name, e, ctx);
        }
    }
    fn opt_box(&mut self, name: &str, e: &Option<Box<Expr>>) {
        if let Some(e) = e {
            self.e(name, e, Ctx::Load);
        }
    }
    fn loads(&mut self, name: &str, es: &[Expr]) {
        self.list(name, es, |d, e| d.expr(e, Ctx::Load, false));
    }
    fn s(&mut self, name: &str, v: &str) {
        self.field(name);
        self.out.push_str(&py_str(v));
    }
    fn raw(&mut self, name: &str, v: &str) {
        self.field(name);
        self.out.push_str(v);
    }
    fn end(&mut self) {
        self.out.push(')');
    }

    fn stmt(&mut self, s: &Stmt) {
        let sp = Some(s.span);
        match &s.kind {
            StmtKind::FunctionDef(f) => {
                self.node(
                    if f.is_async {
                        "AsyncFunctionDef"
                    } else {
                        "FunctionDef"
                    },
                    sp,
                );
                self.s("name", &f.name);
                self.field("args");
                self.arguments(&f.args);
                self.body("body", &f.body);
                self.loads("decorator_list", &f.decorators);
                self.opt("returns", &f.returns, Ctx::Load);
            }
            StmtKind::ClassDef(c) => {
                self.node("ClassDef", sp);
                self.s("name", &c.name);
                self.loads("bases", &c.bases);
                self.list("keywords", &c.keywords, |d, k| d.keyword(k));
                self.body("body", &c.body);
                self.loads("decorator_list", &c.decorators);
            }
            StmtKind::Return(v) => {
                self.node("Return", sp);
                self.opt("value", v, Ctx::Load);
            }
            StmtKind::Delete(t) => {
                self.node("Delete", sp);
                self.list("targets", t, |d, e| d.expr(e, Ctx::Del, false));
            }
            StmtKind::Assign { targets, value } => {
                self.node("Assign", sp);
                self.list("targets", targets, |d, e| d.expr(e, Ctx::Store, false));
                self.e("value", value, Ctx::Load);
            }
            StmtKind::AugAssign { target, op, value } => {
                self.node("AugAssign", sp);
                self.e("target", target, Ctx::Store);
                self.raw("op", &format!("{op:?}()"));
                self.e("value", value, Ctx::Load);
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
            } => {
                self.node("AnnAssign", sp);
                self.e("target", target, Ctx::Store);
                self.e("annotation", annotation, Ctx::Load);
                self.opt("value", value, Ctx::Load);
                let simple = matches!(target.kind, ExprKind::Name(_));
                self.raw("simple", if simple { "1" } else { "0" });
            }
            StmtKind::For {
                is_async,
                target,
                iter,
                body,
                orelse,
            } => {
                self.node(if *is_async { "AsyncFor" } else { "For" }, sp);
                self.e("target", target, Ctx::Store);
                self.e("iter", iter, Ctx::Load);
                self.body("body", body);
                self.body("orelse", orelse);
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                let name = if matches!(s.kind, StmtKind::While { .. }) {
                    "While"
                } else {
                    "If"
                };
                self.node(name, sp);
                self.e("test", test, Ctx::Load);
                self.body("body", body);
                self.body("orelse", orelse);
            }
            StmtKind::With {
                is_async,
                items,
                body,
            } => {
                self.node(if *is_async { "AsyncWith" } else { "With" }, sp);
                self.list("items", items, |d, w| {
                    d.node("withitem", None);
                    d.e("context_expr", &w.context_expr, Ctx::Load);
                    d.opt("optional_vars", &w.optional_vars, Ctx::Store);
                    d.end();
                });
                self.body("body", body);
            }
            StmtKind::Raise { exc, cause } => {
                self.node("Raise", sp);
                self.opt("exc", exc, Ctx::Load);
                self.opt("cause", cause, Ctx::Load);
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
                is_star,
            } => {
                self.node(if *is_star { "TryStar" } else { "Try" }, sp);
                self.body("body", body);
                self.list("handlers", handlers, |d, h| {
                    d.node("ExceptHandler", Some(h.span));
                    d.opt("type", &h.typ, Ctx::Load);
                    if let Some(n) = &h.name {
                        d.s("name", n);
                    }
                    d.body("body", &h.body);
                    d.end();
                });
                self.body("orelse", orelse);
                self.body("finalbody", finalbody);
            }
            StmtKind::Assert { test, msg } => {
                self.node("Assert", sp);
                self.e("test", test, Ctx::Load);
                self.opt("msg", msg, Ctx::Load);
            }
            StmtKind::Import(names) => {
                self.node("Import", sp);
                self.list("names", names, |d, a| d.alias(a));
            }
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => {
                self.node("ImportFrom", sp);
                if let Some(m) = module {
                    self.s("module", m);
                }
                self.list("names", names, |d, a| d.alias(a));
                self.raw("level", &level.to_string());
            }
            StmtKind::Global(n) | StmtKind::Nonlocal(n) => {
                let name = if matches!(s.kind, StmtKind::Global(_)) {
                    "Global"
                } else {
                    "Nonlocal"
                };
                self.node(name, sp);
                self.list("names", n, |d, x| d.out.push_str(&py_str(x)));
            }
            StmtKind::Expr(e) => {
                self.node("Expr", sp);
                self.e("value", e, Ctx::Load);
            }
            StmtKind::Pass => self.node("Pass", sp),
            StmtKind::Break => self.node("Break", sp),
            StmtKind::Continue => self.node("Continue", sp),
        }
        self.end();
    }

    fn alias(&mut self, a: &Alias) {
        self.node("alias", Some(a.span));
        self.s("name", &a.name);
        if let Some(n) = &a.asname {
            self.s("asname", n);
        }
        self.end();
    }

    fn keyword(&mut self, k: &Keyword) {
        self.node("keyword", Some(k.span));
        if let Some(a) = &k.arg {
            self.s("arg", a);
        }
        self.e("value", &k.value, Ctx::Load);
        self.end();
    }

    fn arg(&mut self, a: &Arg) {
        self.node("arg", Some(a.span));
        self.s("arg", &a.name);
        self.opt("annotation", &a.annotation, Ctx::Load);
        self.end();
    }

    fn arguments(&mut self, a: &Arguments) {
        self.node("arguments", None);
        self.list("posonlyargs", &a.posonlyargs, |d, x| d.arg(x));
        self.list("args", &a.args, |d, x| d.arg(x));
        if let Some(v) = &a.vararg {
            self.field("vararg");
            self.arg(v);
        }
        self.list("kwonlyargs", &a.kwonlyargs, |d, x| d.arg(x));
        self.list("kw_defaults", &a.kw_defaults, |d, x| match x {
            Some(e) => d.expr(e, Ctx::Load, false),
            None => d.out.push_str("None"),
        });
        if let Some(v) = &a.kwarg {
            self.field("kwarg");
            self.arg(v);
        }
        self.loads("defaults", &a.defaults);
        self.end();
    }

    fn comprehensions(&mut self, gens: &[Comprehension]) {
        self.list("generators", gens, |d, g| {
            d.node("comprehension", None);
            d.e("target", &g.target, Ctx::Store);
            d.e("iter", &g.iter, Ctx::Load);
            d.loads("ifs", &g.ifs);
            d.raw("is_async", if g.is_async { "1" } else { "0" });
            d.end();
        });
    }

    fn ctx(&mut self, ctx: Ctx) {
        self.raw(
            "ctx",
            match ctx {
                Ctx::Load => "Load()",
                Ctx::Store => "Store()",
                Ctx::Del => "Del()",
            },
        );
    }

    /// `in_fstring`: a part of a JoinedStr (written without a position).
    fn expr(&mut self, e: &Expr, ctx: Ctx, in_fstring: bool) {
        let sp = if in_fstring { None } else { Some(e.span) };
        match &e.kind {
            ExprKind::BoolOp { op, values } => {
                self.node("BoolOp", sp);
                self.raw("op", &format!("{op:?}()"));
                self.loads("values", values);
            }
            ExprKind::NamedExpr { target, value } => {
                self.node("NamedExpr", sp);
                self.e("target", target, Ctx::Store);
                self.e("value", value, Ctx::Load);
            }
            ExprKind::BinOp { left, op, right } => {
                self.node("BinOp", sp);
                self.e("left", left, Ctx::Load);
                self.raw("op", &format!("{op:?}()"));
                self.e("right", right, Ctx::Load);
            }
            ExprKind::UnaryOp { op, operand } => {
                self.node("UnaryOp", sp);
                self.raw("op", &format!("{op:?}()"));
                self.e("operand", operand, Ctx::Load);
            }
            ExprKind::Lambda { args, body } => {
                self.node("Lambda", sp);
                self.field("args");
                self.arguments(args);
                self.e("body", body, Ctx::Load);
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.node("IfExp", sp);
                self.e("test", test, Ctx::Load);
                self.e("body", body, Ctx::Load);
                self.e("orelse", orelse, Ctx::Load);
            }
            ExprKind::Dict { keys, values } => {
                self.node("Dict", sp);
                self.list("keys", keys, |d, k| match k {
                    Some(k) => d.expr(k, Ctx::Load, false),
                    None => d.out.push_str("None"),
                });
                self.loads("values", values);
            }
            ExprKind::Set(elts) => {
                self.node("Set", sp);
                self.loads("elts", elts);
            }
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                let name = match e.kind {
                    ExprKind::ListComp { .. } => "ListComp",
                    ExprKind::SetComp { .. } => "SetComp",
                    _ => "GeneratorExp",
                };
                self.node(name, sp);
                self.e("elt", elt, Ctx::Load);
                self.comprehensions(generators);
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                self.node("DictComp", sp);
                self.e("key", key, Ctx::Load);
                self.e("value", value, Ctx::Load);
                self.comprehensions(generators);
            }
            ExprKind::Await(v) => {
                self.node("Await", sp);
                self.e("value", v, Ctx::Load);
            }
            ExprKind::Yield(v) => {
                self.node("Yield", sp);
                self.opt_box("value", v);
            }
            ExprKind::YieldFrom(v) => {
                self.node("YieldFrom", sp);
                self.e("value", v, Ctx::Load);
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => {
                self.node("Compare", sp);
                self.e("left", left, Ctx::Load);
                self.list("ops", ops, |d, o| {
                    let _ = write!(d.out, "{o:?}()");
                });
                self.loads("comparators", comparators);
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.node("Call", sp);
                self.e("func", func, Ctx::Load);
                self.loads("args", args);
                self.list("keywords", keywords, |d, k| d.keyword(k));
            }
            ExprKind::JoinedStr(values) => {
                self.node("JoinedStr", sp);
                self.list("values", values, |d, v| d.expr(v, Ctx::Load, true));
            }
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            } => {
                self.node("FormattedValue", sp);
                self.e("value", value, Ctx::Load);
                let conv = conversion.map_or(-1, |c| c as i32);
                self.raw("conversion", &conv.to_string());
                if let Some(f) = format_spec {
                    self.field("format_spec");
                    self.expr(f, Ctx::Load, true);
                }
            }
            ExprKind::Constant(c) => {
                self.node("Constant", sp);
                let v = match c {
                    Constant::None => "None".to_string(),
                    Constant::Bool(b) => if *b { "True" } else { "False" }.to_string(),
                    Constant::Int(i) => i.to_string(),
                    Constant::Float(f) => py_float(*f),
                    Constant::Str(s) => py_str(s),
                    Constant::Bytes(b) => py_bytes(b),
                    Constant::Ellipsis => "Ellipsis".to_string(),
                };
                self.raw("value", &v);
            }
            ExprKind::Attribute { value, attr } => {
                self.node("Attribute", sp);
                self.e("value", value, Ctx::Load);
                self.s("attr", attr);
                self.ctx(ctx);
            }
            ExprKind::Subscript { value, slice } => {
                self.node("Subscript", sp);
                self.e("value", value, Ctx::Load);
                self.e("slice", slice, Ctx::Load);
                self.ctx(ctx);
            }
            ExprKind::Starred(v) => {
                self.node("Starred", sp);
                self.e("value", v, ctx);
                self.ctx(ctx);
            }
            ExprKind::Name(id) => {
                self.node("Name", sp);
                self.s("id", id);
                self.ctx(ctx);
            }
            ExprKind::List(elts) | ExprKind::Tuple(elts) => {
                let name = if matches!(e.kind, ExprKind::List(_)) {
                    "List"
                } else {
                    "Tuple"
                };
                self.node(name, sp);
                self.list("elts", elts, |d, x| d.expr(x, ctx, false));
                self.ctx(ctx);
            }
            ExprKind::Slice { lower, upper, step } => {
                self.node("Slice", sp);
                self.opt_box("lower", lower);
                self.opt_box("upper", upper);
                self.opt_box("step", step);
            }
        }
        self.end();
    }
}
