//! Scope analysis, after CPython's symtable.c: every function, lambda, class body
//! and comprehension is a scope; each name in it is local, cell, free, or global
//! (explicit or implicit). Class bodies do not enclose their methods' names, except
//! the implicit `__class__` cell used by zero-argument `super()`.

use std::collections::{HashMap, HashSet};

use crate::python::ast::*;
use crate::python::span::{SourceError, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
    Lambda,
    Comprehension,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sym {
    Local,
    Cell,
    Free,
    GlobalExplicit,
    GlobalImplicit,
}

const ASSIGNED: u8 = 1;
const USED: u8 = 2;
const PARAM: u8 = 4;
const GLOBAL: u8 = 8;
const NONLOCAL: u8 = 16;

pub type ScopeId = usize;

#[derive(Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    pub name: String,
    flags: HashMap<String, u8>,
    order: Vec<String>,
    pub children: Vec<ScopeId>,
    pub is_async: bool,
    pub is_generator: bool,
    pub has_await: bool,
    pub syms: HashMap<String, Sym>,
    pub cellvars: Vec<String>,
    pub freevars: Vec<String>,
    pub needs_class_cell: bool,
    pub params: Vec<String>,
}

impl Scope {
    fn new(kind: ScopeKind, name: &str) -> Scope {
        Scope {
            kind,
            name: name.to_string(),
            flags: HashMap::new(),
            order: Vec::new(),
            children: Vec::new(),
            is_async: false,
            is_generator: false,
            has_await: false,
            syms: HashMap::new(),
            cellvars: Vec::new(),
            freevars: Vec::new(),
            needs_class_cell: false,
            params: Vec::new(),
        }
    }
    pub fn sym(&self, name: &str) -> Sym {
        self.syms.get(name).copied().unwrap_or(match self.kind {
            ScopeKind::Module | ScopeKind::Class => Sym::GlobalImplicit,
            _ => Sym::GlobalImplicit,
        })
    }
    pub fn is_function_like(&self) -> bool {
        matches!(
            self.kind,
            ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension
        )
    }
    /// Names that are fast locals in a function-like scope, in first-seen order
    /// (parameters first).
    pub fn local_names(&self) -> Vec<String> {
        let mut out: Vec<String> = self.params.clone();
        for n in &self.order {
            if !out.contains(n) && matches!(self.syms.get(n), Some(Sym::Local) | Some(Sym::Cell)) {
                out.push(n.clone());
            }
        }
        out
    }
}

pub struct SymTable {
    pub scopes: Vec<Scope>,
    /// AST node address → its scope.
    pub by_node: HashMap<usize, ScopeId>,
}

pub fn node_key<T>(node: &T) -> usize {
    node as *const T as usize
}

struct Builder {
    scopes: Vec<Scope>,
    by_node: HashMap<usize, ScopeId>,
    stack: Vec<ScopeId>,
    errors: Option<SourceError>,
    /// `from __future__ import annotations`: annotations are strings, not evaluated.
    future_annotations: bool,
}

pub fn build(module: &Module, future_annotations: bool) -> Result<SymTable, SourceError> {
    let mut b = Builder {
        scopes: vec![Scope::new(ScopeKind::Module, "<module>")],
        by_node: HashMap::new(),
        stack: vec![0],
        errors: None,
        future_annotations,
    };
    for s in &module.body {
        b.stmt(s);
    }
    if let Some(e) = b.errors {
        return Err(e);
    }
    let mut t = SymTable {
        scopes: b.scopes,
        by_node: b.by_node,
    };
    analyze(&mut t, 0, &HashSet::new())?;
    Ok(t)
}

impl Builder {
    fn cur(&mut self) -> &mut Scope {
        let id = *self.stack.last().unwrap_or(&0);
        &mut self.scopes[id]
    }
    fn add(&mut self, name: &str, flag: u8, span: Span) {
        let sc = self.cur();
        let kind = sc.kind;
        let old = sc.flags.get(name).copied().unwrap_or(0);
        if flag & (GLOBAL | NONLOCAL) != 0 && old & PARAM != 0 {
            let what = if flag & GLOBAL != 0 {
                "global"
            } else {
                "nonlocal"
            };
            self.err(format!("name '{name}' is parameter and {what}"), span);
            return;
        }
        if flag == NONLOCAL && kind == ScopeKind::Module {
            self.err(
                "nonlocal declaration not allowed at module level".into(),
                span,
            );
            return;
        }
        let sc = self.cur();
        if !sc.flags.contains_key(name) {
            sc.order.push(name.to_string());
        }
        sc.flags.insert(name.to_string(), old | flag);
    }
    fn err(&mut self, msg: String, span: Span) {
        if self.errors.is_none() {
            self.errors = Some(SourceError::syntax(msg, span));
        }
    }
    fn push_scope(&mut self, kind: ScopeKind, name: &str, key: usize) -> ScopeId {
        let id = self.scopes.len();
        self.scopes.push(Scope::new(kind, name));
        let parent = *self.stack.last().unwrap_or(&0);
        self.scopes[parent].children.push(id);
        self.by_node.insert(key, id);
        self.stack.push(id);
        id
    }
    fn pop_scope(&mut self) {
        self.stack.pop();
    }

    fn stmts(&mut self, body: &[Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    fn params(&mut self, args: &Arguments) {
        let sp = Span::default();
        for a in args
            .posonlyargs
            .iter()
            .chain(args.args.iter())
            .chain(args.kwonlyargs.iter())
        {
            self.add(&a.name, PARAM, a.span);
            self.cur().params.push(a.name.clone());
        }
        if let Some(a) = &args.vararg {
            self.add(&a.name, PARAM, sp);
            self.cur().params.push(a.name.clone());
        }
        if let Some(a) = &args.kwarg {
            self.add(&a.name, PARAM, sp);
            self.cur().params.push(a.name.clone());
        }
    }

    fn defaults(&mut self, args: &Arguments) {
        for d in &args.defaults {
            self.expr(d);
        }
        for d in args.kw_defaults.iter().flatten() {
            self.expr(d);
        }
    }

    /// Annotations the compiler evaluates where the `def` (or module/class-level
    /// `x: T`) is, unless they are strings (`from __future__ import annotations`).
    fn annotation(&mut self, e: Option<&Expr>) {
        if let (Some(e), false) = (e, self.future_annotations) {
            self.expr(e);
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::FunctionDef(fd) => {
                for d in &fd.decorators {
                    self.expr(d);
                }
                self.defaults(&fd.args);
                let a = &fd.args;
                for arg in a.args.iter().chain(&a.posonlyargs).chain(&a.vararg) {
                    self.annotation(arg.annotation.as_ref());
                }
                for arg in a.kwonlyargs.iter().chain(&a.kwarg) {
                    self.annotation(arg.annotation.as_ref());
                }
                self.annotation(fd.returns.as_ref());
                self.add(&fd.name, ASSIGNED, s.span);
                self.push_scope(ScopeKind::Function, &fd.name, node_key(&**fd));
                self.cur().is_async = fd.is_async;
                self.params(&fd.args);
                self.stmts(&fd.body);
                self.pop_scope();
            }
            StmtKind::ClassDef(cd) => {
                for d in &cd.decorators {
                    self.expr(d);
                }
                for b in &cd.bases {
                    self.expr(b);
                }
                for k in &cd.keywords {
                    self.expr(&k.value);
                }
                self.add(&cd.name, ASSIGNED, s.span);
                self.push_scope(ScopeKind::Class, &cd.name, node_key(&**cd));
                self.stmts(&cd.body);
                self.pop_scope();
            }
            StmtKind::Return(v) => {
                if let Some(v) = v {
                    self.expr(v);
                }
            }
            StmtKind::Delete(ts) => {
                for t in ts {
                    self.target(t);
                }
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value);
                for t in targets {
                    self.target(t);
                }
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(value);
                if let ExprKind::Name(n) = &target.kind {
                    self.add(n, ASSIGNED | USED, target.span);
                } else {
                    self.target(target);
                }
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
            } => {
                if let Some(v) = value {
                    self.expr(v);
                    self.target(target);
                } else if let ExprKind::Name(n) = &target.kind {
                    // `x: int` alone makes x local in a function.
                    self.add(n, ASSIGNED, target.span);
                } else if !self.cur().is_function_like() {
                    // `obj.attr: int` at module/class level evaluates `obj`.
                    if let ExprKind::Attribute { value, .. } | ExprKind::Subscript { value, .. } =
                        &target.kind
                    {
                        self.expr(value);
                    }
                    if let ExprKind::Subscript { slice, .. } = &target.kind {
                        self.expr(slice);
                    }
                }
                if !self.cur().is_function_like() {
                    self.annotation(Some(annotation));
                }
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                is_async,
            } => {
                if *is_async {
                    self.cur().has_await = true;
                }
                self.expr(iter);
                self.target(target);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::While { test, body, orelse } => {
                self.expr(test);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::If { test, body, orelse } => {
                self.expr(test);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::With {
                items,
                body,
                is_async,
            } => {
                if *is_async {
                    self.cur().has_await = true;
                }
                for it in items {
                    self.expr(&it.context_expr);
                    if let Some(v) = &it.optional_vars {
                        self.target(v);
                    }
                }
                self.stmts(body);
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.expr(e);
                }
                if let Some(c) = cause {
                    self.expr(c);
                }
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
                ..
            } => {
                self.stmts(body);
                for h in handlers {
                    if let Some(t) = &h.typ {
                        self.expr(t);
                    }
                    if let Some(n) = &h.name {
                        self.add(n, ASSIGNED, h.span);
                    }
                    self.stmts(&h.body);
                }
                self.stmts(orelse);
                self.stmts(finalbody);
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test);
                if let Some(m) = msg {
                    self.expr(m);
                }
            }
            StmtKind::Import(names) => {
                for a in names {
                    let bound = a
                        .asname
                        .clone()
                        .unwrap_or_else(|| a.name.split('.').next().unwrap_or("").to_string());
                    self.add(&bound, ASSIGNED, a.span);
                }
            }
            StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    if a.name == "*" {
                        continue;
                    }
                    let bound = a.asname.clone().unwrap_or_else(|| a.name.clone());
                    self.add(&bound, ASSIGNED, a.span);
                }
            }
            StmtKind::Global(names) => {
                for n in names {
                    let old = self.cur().flags.get(n).copied().unwrap_or(0);
                    if old & (ASSIGNED | USED) != 0 && self.cur().kind != ScopeKind::Module {
                        let what = if old & ASSIGNED != 0 {
                            "assigned to"
                        } else {
                            "used"
                        };
                        self.err(
                            format!("name '{n}' is {what} before global declaration"),
                            s.span,
                        );
                    }
                    self.add(n, GLOBAL, s.span);
                }
            }
            StmtKind::Nonlocal(names) => {
                for n in names {
                    let old = self.cur().flags.get(n).copied().unwrap_or(0);
                    if old & (ASSIGNED | USED) != 0 && self.cur().kind != ScopeKind::Module {
                        let what = if old & ASSIGNED != 0 {
                            "assigned to"
                        } else {
                            "used"
                        };
                        self.err(
                            format!("name '{n}' is {what} before nonlocal declaration"),
                            s.span,
                        );
                    }
                    self.add(n, NONLOCAL, s.span);
                }
            }
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        }
    }

    fn target(&mut self, t: &Expr) {
        match &t.kind {
            ExprKind::Name(n) => self.add(n, ASSIGNED, t.span),
            ExprKind::Tuple(es) | ExprKind::List(es) => {
                for e in es {
                    self.target(e);
                }
            }
            ExprKind::Starred(e) => self.target(e),
            _ => self.expr(t),
        }
    }

    fn comprehension(&mut self, e: &Expr, gens: &[Comprehension], elts: &[&Expr], is_genexp: bool) {
        let Some(first) = gens.first() else { return };
        self.expr(&first.iter);
        let id = self.push_scope(ScopeKind::Comprehension, "<comp>", node_key(e));
        self.add(".0", PARAM, e.span);
        self.cur().params.push(".0".into());
        if is_genexp {
            self.scopes[id].is_generator = true;
        }
        for (i, g) in gens.iter().enumerate() {
            if i > 0 {
                self.expr(&g.iter);
            }
            if g.is_async {
                self.scopes[id].has_await = true;
            }
            self.target(&g.target);
            for c in &g.ifs {
                self.expr(c);
            }
        }
        for x in elts {
            self.expr(x);
        }
        self.pop_scope();
        if self.scopes[id].has_await && !is_genexp {
            // An async list/set/dict comprehension makes its enclosing function await.
            self.cur().has_await = true;
        }
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::BoolOp { values, .. } => {
                for v in values {
                    self.expr(v);
                }
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value);
                if let ExprKind::Name(n) = &target.kind {
                    // In a comprehension, the walrus binds in the enclosing function.
                    let mut i = self.stack.len();
                    while i > 1 && self.scopes[self.stack[i - 1]].kind == ScopeKind::Comprehension {
                        i -= 1;
                    }
                    if i == self.stack.len() {
                        self.add(n, ASSIGNED, target.span);
                    } else {
                        let owner = self.stack[i - 1];
                        let sc = &mut self.scopes[owner];
                        if !sc.flags.contains_key(n) {
                            sc.order.push(n.clone());
                        }
                        *sc.flags.entry(n.clone()).or_insert(0) |= ASSIGNED;
                        let flag = if sc.kind == ScopeKind::Module {
                            GLOBAL
                        } else {
                            NONLOCAL
                        };
                        for j in i..self.stack.len() {
                            let sc = &mut self.scopes[self.stack[j]];
                            if !sc.flags.contains_key(n) {
                                sc.order.push(n.clone());
                            }
                            *sc.flags.entry(n.clone()).or_insert(0) |= flag;
                        }
                    }
                }
            }
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left);
                self.expr(right);
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand),
            ExprKind::Lambda { args, body } => {
                self.defaults(args);
                self.push_scope(ScopeKind::Lambda, "<lambda>", node_key(e));
                self.params(args);
                self.expr(body);
                self.pop_scope();
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test);
                self.expr(body);
                self.expr(orelse);
            }
            ExprKind::Dict { keys, values } => {
                for k in keys.iter().flatten() {
                    self.expr(k);
                }
                for v in values {
                    self.expr(v);
                }
            }
            ExprKind::Set(es)
            | ExprKind::List(es)
            | ExprKind::Tuple(es)
            | ExprKind::JoinedStr(es) => {
                for x in es {
                    self.expr(x);
                }
            }
            ExprKind::ListComp { elt, generators } | ExprKind::SetComp { elt, generators } => {
                self.comprehension(e, generators, &[elt], false)
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(e, generators, &[elt], true)
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(e, generators, &[key, value], false),
            ExprKind::Await(v) => {
                self.cur().has_await = true;
                self.expr(v);
            }
            ExprKind::Yield(v) => {
                self.cur().is_generator = true;
                if let Some(v) = v {
                    self.expr(v);
                }
            }
            ExprKind::YieldFrom(v) => {
                self.cur().is_generator = true;
                self.expr(v);
            }
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.expr(left);
                for c in comparators {
                    self.expr(c);
                }
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func);
                for a in args {
                    self.expr(a);
                }
                for k in keywords {
                    self.expr(&k.value);
                }
            }
            ExprKind::FormattedValue {
                value, format_spec, ..
            } => {
                self.expr(value);
                if let Some(f) = format_spec {
                    self.expr(f);
                }
            }
            ExprKind::Constant(_) => {}
            ExprKind::Attribute { value, .. } => self.expr(value),
            ExprKind::Subscript { value, slice } => {
                self.expr(value);
                self.expr(slice);
            }
            ExprKind::Starred(v) => self.expr(v),
            ExprKind::Name(n) => {
                self.add(n, USED, e.span);
                if n == "super" && self.cur().is_function_like() {
                    self.add("__class__", USED, e.span);
                }
            }
            ExprKind::Slice { lower, upper, step } => {
                for x in [lower, upper, step].into_iter().flatten() {
                    self.expr(x);
                }
            }
        }
    }
}

fn analyze(
    t: &mut SymTable,
    id: ScopeId,
    enclosing: &HashSet<String>,
) -> Result<HashSet<String>, SourceError> {
    let kind = t.scopes[id].kind;
    let mut syms = HashMap::new();
    let mut free = HashSet::new();
    let names: Vec<(String, u8)> = t.scopes[id]
        .order
        .iter()
        .map(|n| (n.clone(), t.scopes[id].flags.get(n).copied().unwrap_or(0)))
        .collect();
    for (name, fl) in &names {
        let sym = if fl & GLOBAL != 0 {
            Sym::GlobalExplicit
        } else if fl & NONLOCAL != 0 {
            if !enclosing.contains(name) {
                return Err(SourceError::syntax(
                    format!("no binding for nonlocal '{name}' found"),
                    Span::default(),
                ));
            }
            free.insert(name.clone());
            Sym::Free
        } else if fl & (ASSIGNED | PARAM) != 0 {
            if kind == ScopeKind::Module {
                Sym::GlobalImplicit
            } else {
                Sym::Local
            }
        } else if kind != ScopeKind::Module && enclosing.contains(name) {
            free.insert(name.clone());
            Sym::Free
        } else {
            Sym::GlobalImplicit
        };
        syms.insert(name.clone(), sym);
    }
    let mut new_enclosing = match kind {
        ScopeKind::Module => HashSet::new(),
        ScopeKind::Class => enclosing.clone(),
        _ => {
            let mut s = enclosing.clone();
            for (n, sym) in &syms {
                if matches!(sym, Sym::Local) {
                    s.insert(n.clone());
                }
            }
            s
        }
    };
    // Explicit globals hide enclosing bindings of the same name from children.
    for (n, sym) in &syms {
        if *sym == Sym::GlobalExplicit {
            new_enclosing.remove(n);
        }
    }
    if kind == ScopeKind::Class {
        new_enclosing.insert("__class__".to_string());
    }
    let children = t.scopes[id].children.clone();
    let mut pass_through: Vec<String> = Vec::new();
    let mut needs_class_cell = false;
    for c in children {
        let cf = analyze(t, c, &new_enclosing)?;
        let mut cf: Vec<String> = cf.into_iter().collect();
        crate::vm::stable_sort::sort_by(&mut cf, |a, b| a < b);
        for n in cf {
            if kind == ScopeKind::Class && n == "__class__" {
                needs_class_cell = true;
                continue;
            }
            let cur = syms.get(&n).copied();
            let function_like = !matches!(kind, ScopeKind::Module | ScopeKind::Class);
            match cur {
                Some(Sym::Local) if function_like => {
                    syms.insert(n.clone(), Sym::Cell);
                }
                Some(Sym::Cell) | Some(Sym::Free) => {}
                _ => {
                    if kind != ScopeKind::Module {
                        if function_like && cur.is_none() {
                            syms.insert(n.clone(), Sym::Free);
                        }
                        if !pass_through.contains(&n) {
                            pass_through.push(n.clone());
                        }
                        free.insert(n.clone());
                    }
                }
            }
        }
    }
    let sc = &mut t.scopes[id];
    let mut cellvars: Vec<String> = sc
        .order
        .iter()
        .filter(|n| syms.get(*n) == Some(&Sym::Cell))
        .cloned()
        .collect();
    if needs_class_cell {
        cellvars.push("__class__".into());
    }
    let mut freevars: Vec<String> = sc
        .order
        .iter()
        .filter(|n| syms.get(*n) == Some(&Sym::Free))
        .cloned()
        .collect();
    for n in pass_through {
        if !freevars.contains(&n) {
            freevars.push(n);
        }
    }
    sc.syms = syms;
    sc.cellvars = cellvars;
    sc.freevars = freevars;
    sc.needs_class_cell = needs_class_cell;
    Ok(free)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(src: &str) -> SymTable {
        let m = crate::python::parse_module(src).expect("parses");
        build(&m, false).expect("builds")
    }

    fn scope<'a>(t: &'a SymTable, name: &str) -> &'a Scope {
        t.scopes
            .iter()
            .find(|s| s.name == name)
            .expect("scope exists")
    }

    #[test]
    fn locals_cells_frees_and_globals_follow_cpython() {
        let t = table("g = 1\ndef outer(a):\n    b = 2\n    def inner():\n        nonlocal b\n        b += a\n        return g\n    return inner\n");
        let outer = scope(&t, "outer");
        assert_eq!(outer.sym("a"), Sym::Cell);
        assert_eq!(outer.sym("b"), Sym::Cell);
        assert_eq!(outer.sym("inner"), Sym::Local);
        let inner = scope(&t, "inner");
        assert_eq!(inner.sym("a"), Sym::Free);
        assert_eq!(inner.sym("b"), Sym::Free);
        assert_eq!(inner.sym("g"), Sym::GlobalImplicit);
    }

    #[test]
    fn class_bodies_do_not_enclose_methods_but_super_gets_the_class_cell() {
        let t = table("def f():\n    x = 1\n    class C:\n        x = 2\n        def m(self):\n            super().m()\n            return x\n    return C\n");
        let c = scope(&t, "C");
        assert!(c.needs_class_cell);
        assert_eq!(c.cellvars, vec!["__class__".to_string()]);
        let m = scope(&t, "m");
        assert_eq!(
            m.sym("x"),
            Sym::Free,
            "x comes from f, not from the class body"
        );
        assert_eq!(m.sym("__class__"), Sym::Free);
    }

    #[test]
    fn comprehensions_are_their_own_scope() {
        let t = table("def f(xs):\n    return [x * y for x in xs for y in xs]\n");
        let comp = scope(&t, "<comp>");
        assert_eq!(comp.sym("x"), Sym::Local);
        assert_eq!(comp.sym("xs"), Sym::Free);
        assert_eq!(scope(&t, "f").sym("x"), Sym::GlobalImplicit);
    }

    #[test]
    fn nonlocal_errors_use_cpython_messages() {
        let m = crate::python::parse_module("def f():\n    nonlocal q\n").expect("parses");
        let e = build(&m, false).err().expect("error");
        assert_eq!(e.message, "no binding for nonlocal 'q' found");
        let m = crate::python::parse_module("nonlocal q\n").expect("parses");
        assert_eq!(
            build(&m, false).err().expect("error").message,
            "nonlocal declaration not allowed at module level"
        );
    }
}
