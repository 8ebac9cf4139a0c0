//! AST → bytecode. Follows CPython's compile.c structure: a unit per scope,
//! a compile-time stack of "frame blocks" so that `return`/`break`/`continue`
//! run the enclosing `finally` bodies and `with` exits, and exception handlers
//! set up with a runtime block stack (`SetupFinally`/`PopBlock`).

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::symtable::{self, node_key, ScopeId, ScopeKind, Sym, SymTable};
use super::{
    Code, CodeKind, Op, FLAG_ASYNC_GEN, FLAG_COROUTINE, FLAG_DOC, FLAG_GENERATOR, FLAG_VARARGS,
    FLAG_VARKW,
};
use crate::python::ast::*;
use crate::python::span::{SourceError, Span};
use crate::vm::namemap::intern;
use crate::vm::value::Value;

/// Boxed, like the parser's errors: a `?` moves one pointer, not 40 bytes.
type CResult<T> = Result<T, Box<SourceError>>;

enum FBlock<'a> {
    Loop {
        start: u32,
        breaks: Vec<usize>,
        pops_iter: bool,
    },
    TryExcept,
    FinallyTry(&'a [Stmt]),
    FinallyEnd,
    HandlerCleanup {
        name: Option<String>,
        star: bool,
    },
    With {
        is_async: bool,
    },
}

struct Unit<'a> {
    scope: ScopeId,
    kind: CodeKind,
    name: String,
    qualname: String,
    ops: Vec<Op>,
    spans: Vec<Span>,
    consts: Vec<Value>,
    const_ix: HashMap<String, u32>,
    names: Vec<String>,
    name_ix: HashMap<String, u32>,
    varnames: Vec<String>,
    cellvars: Vec<String>,
    freevars: Vec<String>,
    fblocks: Vec<FBlock<'a>>,
    span: Span,
    flags: u32,
    argcount: u32,
    posonly: u32,
    kwonly: u32,
    first_line: u32,
}

struct Compiler<'a> {
    st: SymTable,
    units: Vec<Unit<'a>>,
    filename: Rc<str>,
    source: Rc<Vec<String>>,
    /// `from __future__ import annotations`: annotations are compiled as strings.
    future_annotations: bool,
    /// The `from __future__ import` statements at the top of the module (the only
    /// place they may be).
    future_stmts: HashSet<usize>,
}

/// Compiles a parsed module. `filename` appears in tracebacks (`main.py`).
pub fn compile_module(
    module: &Module,
    filename: &str,
    source: &str,
) -> Result<Rc<Code>, SourceError> {
    compile_boxed(module, filename, source).map_err(|e| *e)
}

fn compile_boxed(module: &Module, filename: &str, source: &str) -> CResult<Rc<Code>> {
    let (future_annotations, future_stmts) = future_features(module)?;
    let st = symtable::build(module, future_annotations)?;
    let lines: Vec<String> = source.lines().map(|l| l.to_string()).collect();
    let mut c = Compiler {
        st,
        units: Vec::new(),
        filename: Rc::from(filename),
        source: Rc::new(lines),
        future_annotations,
        future_stmts,
    };
    c.push_unit(
        0,
        CodeKind::Module,
        "<module>",
        "<module>".into(),
        Span::default(),
    );
    c.setup_annotations(&module.body);
    c.stmts(&module.body)?;
    c.load_const(Value::None);
    c.emit(Op::Return);
    Ok(c.pop_unit())
}

/// The `from __future__ import` statements that open the module (after its
/// docstring), as CPython's future.c reads them: whether `annotations` is among
/// them, and which statements they are.
fn future_features(module: &Module) -> CResult<(bool, HashSet<usize>)> {
    let (mut annotations, mut stmts) = (false, HashSet::new());
    for (i, s) in module.body.iter().enumerate() {
        match &s.kind {
            StmtKind::Expr(e)
                if i == 0 && matches!(e.kind, ExprKind::Constant(Constant::Str(_))) => {}
            StmtKind::ImportFrom {
                module: Some(m),
                names,
                level: 0,
            } if m == "__future__" => {
                for a in names {
                    match a.name.as_str() {
                        "annotations" => annotations = true,
                        "nested_scopes" | "generators" | "division" | "absolute_import"
                        | "with_statement" | "print_function" | "unicode_literals"
                        | "generator_stop" => {}
                        "braces" => return Err(err("not a chance", s.span)),
                        "barry_as_FLUFL" => {
                            return Err(Box::new(SourceError::new(
                                "NotImplementedError",
                                "'from __future__ import barry_as_FLUFL' is not supported",
                                s.span,
                            )))
                        }
                        other => {
                            return Err(err(
                                format!("future feature {other} is not defined"),
                                s.span,
                            ))
                        }
                    }
                }
                stmts.insert(node_key(s));
            }
            _ => break,
        }
    }
    Ok((annotations, stmts))
}

/// Whether a module or class body has annotations CPython stores (`find_ann`):
/// `x: T` anywhere in its statements, not inside nested functions or classes.
fn has_annotations(body: &[Stmt]) -> bool {
    body.iter().any(|s| match &s.kind {
        StmtKind::AnnAssign { .. } => true,
        StmtKind::For { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
            has_annotations(body) || has_annotations(orelse)
        }
        StmtKind::If { body, orelse, .. } => has_annotations(body) || has_annotations(orelse),
        StmtKind::With { body, .. } => has_annotations(body),
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
            ..
        } => {
            has_annotations(body)
                || handlers.iter().any(|h| has_annotations(&h.body))
                || has_annotations(orelse)
                || has_annotations(finalbody)
        }
        _ => false,
    })
}

fn err(msg: impl Into<String>, span: Span) -> Box<SourceError> {
    Box::new(SourceError::syntax(msg, span))
}

impl<'a> Compiler<'a> {
    fn u(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().expect("compiler unit")
    }
    fn ur(&self) -> &Unit<'a> {
        self.units.last().expect("compiler unit")
    }
    fn scope(&self) -> &symtable::Scope {
        &self.st.scopes[self.ur().scope]
    }

    fn push_unit(
        &mut self,
        scope: ScopeId,
        kind: CodeKind,
        name: &str,
        qualname: String,
        span: Span,
    ) {
        let sc = &self.st.scopes[scope];
        let varnames = if sc.is_function_like() {
            sc.local_names()
        } else {
            Vec::new()
        };
        let unit = Unit {
            scope,
            kind,
            name: name.to_string(),
            qualname,
            ops: Vec::new(),
            spans: Vec::new(),
            consts: Vec::new(),
            const_ix: HashMap::new(),
            names: Vec::new(),
            name_ix: HashMap::new(),
            varnames,
            cellvars: sc.cellvars.clone(),
            freevars: sc.freevars.clone(),
            fblocks: Vec::new(),
            span,
            flags: 0,
            argcount: 0,
            posonly: 0,
            kwonly: 0,
            first_line: span.start.line,
        };
        self.units.push(unit);
    }

    fn pop_unit(&mut self) -> Rc<Code> {
        let u = self.units.pop().expect("compiler unit");
        let cell_args = u
            .cellvars
            .iter()
            .enumerate()
            .filter_map(|(ci, n)| {
                let pi = u.varnames.iter().position(|v| v == n)?;
                Some((ci as u32, pi as u32))
            })
            .collect();
        Rc::new(Code {
            kind: u.kind,
            name: intern(&u.name),
            qualname: intern(&u.qualname),
            filename: self.filename.clone(),
            ops: u.ops,
            spans: u.spans,
            consts: u.consts,
            names: u.names.iter().map(|n| intern(n)).collect(),
            name_hints: u.names.iter().map(|_| Default::default()).collect(),
            varnames: u.varnames.iter().map(|n| intern(n)).collect(),
            cellvars: u.cellvars.iter().map(|n| intern(n)).collect(),
            freevars: u.freevars.iter().map(|n| intern(n)).collect(),
            cell_args,
            argcount: u.argcount,
            posonlyargcount: u.posonly,
            kwonlyargcount: u.kwonly,
            flags: u.flags,
            first_line: u.first_line,
            source: self.source.clone(),
        })
    }

    fn emit(&mut self, op: Op) -> usize {
        let u = self.u();
        let sp = u.span;
        u.ops.push(op);
        u.spans.push(sp);
        u.ops.len() - 1
    }
    fn here(&self) -> u32 {
        self.ur().ops.len() as u32
    }
    fn patch(&mut self, at: usize, target: u32) {
        let op = &mut self.u().ops[at];
        *op = match *op {
            Op::Jump(_) => Op::Jump(target),
            Op::PopJumpIfFalse(_) => Op::PopJumpIfFalse(target),
            Op::PopJumpIfTrue(_) => Op::PopJumpIfTrue(target),
            Op::JumpIfFalseOrPop(_) => Op::JumpIfFalseOrPop(target),
            Op::JumpIfTrueOrPop(_) => Op::JumpIfTrueOrPop(target),
            Op::ForIter(_) => Op::ForIter(target),
            Op::SetupFinally(_) => Op::SetupFinally(target),
            other => other,
        };
    }
    fn patch_here(&mut self, at: usize) {
        let h = self.here();
        self.patch(at, h);
    }

    fn add_const(&mut self, v: Value) -> u32 {
        let key = match &v {
            Value::None => Some("N".to_string()),
            Value::Bool(b) => Some(format!("B{b}")),
            Value::Int(i) => Some(format!("I{i}")),
            Value::Float(f) => Some(format!("F{}", f.to_bits())),
            Value::Str(s) => Some(format!("S{}", s.s)),
            _ => None,
        };
        let u = self.u();
        if let Some(k) = &key {
            if let Some(i) = u.const_ix.get(k) {
                return *i;
            }
        }
        u.consts.push(v);
        let i = (u.consts.len() - 1) as u32;
        if let Some(k) = key {
            u.const_ix.insert(k, i);
        }
        i
    }
    fn load_const(&mut self, v: Value) {
        let i = self.add_const(v);
        self.emit(Op::LoadConst(i));
    }
    fn name_index(&mut self, n: &str) -> u32 {
        let u = self.u();
        if let Some(i) = u.name_ix.get(n) {
            return *i;
        }
        u.names.push(n.to_string());
        let i = (u.names.len() - 1) as u32;
        u.name_ix.insert(n.to_string(), i);
        i
    }
    fn varname_index(&mut self, n: &str) -> u32 {
        let u = self.u();
        if let Some(i) = u.varnames.iter().position(|v| v == n) {
            return i as u32;
        }
        u.varnames.push(n.to_string());
        (u.varnames.len() - 1) as u32
    }
    fn cell_index(&self, n: &str) -> Option<u32> {
        let u = self.ur();
        if let Some(i) = u.cellvars.iter().position(|v| v == n) {
            return Some(i as u32);
        }
        u.freevars
            .iter()
            .position(|v| v == n)
            .map(|i| (u.cellvars.len() + i) as u32)
    }

    fn with_span<T>(&mut self, span: Span, f: impl FnOnce(&mut Self) -> CResult<T>) -> CResult<T> {
        let old = self.u().span;
        self.u().span = span;
        let r = f(self);
        self.u().span = old;
        r
    }

    // ---------- names ----------

    fn name_op(&mut self, name: &str, ctx: u8) {
        // ctx: 0 load, 1 store, 2 delete
        let kind = self.scope().kind;
        let sym = self.scope().sym(name);
        let op = match (kind, sym) {
            (_, Sym::GlobalExplicit) | (ScopeKind::Module, _) => {
                let i = self.name_index(name);
                [Op::LoadGlobal(i), Op::StoreGlobal(i), Op::DeleteGlobal(i)][ctx as usize]
            }
            (ScopeKind::Class, Sym::Free) => {
                let Some(i) = self.cell_index(name) else {
                    let i = self.name_index(name);
                    return {
                        self.emit(
                            [Op::LoadName(i), Op::StoreName(i), Op::DeleteName(i)][ctx as usize],
                        );
                    };
                };
                if ctx == 0 {
                    Op::LoadClassDeref(i)
                } else {
                    [Op::LoadDeref(i), Op::StoreDeref(i), Op::DeleteDeref(i)][ctx as usize]
                }
            }
            (ScopeKind::Class, _) => {
                let i = self.name_index(name);
                [Op::LoadName(i), Op::StoreName(i), Op::DeleteName(i)][ctx as usize]
            }
            (_, Sym::Local) => {
                let i = self.varname_index(name);
                [Op::LoadFast(i), Op::StoreFast(i), Op::DeleteFast(i)][ctx as usize]
            }
            (_, Sym::Cell) | (_, Sym::Free) => match self.cell_index(name) {
                Some(i) => [Op::LoadDeref(i), Op::StoreDeref(i), Op::DeleteDeref(i)][ctx as usize],
                None => {
                    let i = self.name_index(name);
                    [Op::LoadGlobal(i), Op::StoreGlobal(i), Op::DeleteGlobal(i)][ctx as usize]
                }
            },
            (_, Sym::GlobalImplicit) => {
                let i = self.name_index(name);
                [Op::LoadGlobal(i), Op::StoreGlobal(i), Op::DeleteGlobal(i)][ctx as usize]
            }
        };
        self.emit(op);
    }

    // ---------- statements ----------

    fn stmts(&mut self, body: &'a [Stmt]) -> CResult<()> {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn in_function(&self) -> bool {
        self.scope().is_function_like()
    }

    fn stmt(&mut self, s: &'a Stmt) -> CResult<()> {
        self.u().span = s.span;
        match &s.kind {
            StmtKind::FunctionDef(fd) => self.function_def(fd, s.span),
            StmtKind::ClassDef(cd) => self.class_def(cd, s.span),
            StmtKind::Return(v) => {
                if !self.in_function() || self.ur().kind == CodeKind::Comprehension {
                    return Err(err("'return' outside function", s.span));
                }
                if v.is_some() && self.ur().flags & FLAG_ASYNC_GEN != 0 {
                    return Err(err("'return' with value in async generator", s.span));
                }
                match v {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Value::None),
                }
                if self.needs_unwind_for_return() {
                    let t = self.varname_index("$return");
                    self.emit(Op::StoreFast(t));
                    self.unwind_fblocks(0, true, s.span)?;
                    self.emit(Op::LoadFast(t));
                }
                self.emit(Op::Return);
                Ok(())
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.delete_target(t)?;
                }
                Ok(())
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Op::Dup);
                    }
                    self.store_target(t)?;
                }
                Ok(())
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value),
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
            } => {
                if let Some(v) = value {
                    self.expr(v)?;
                    self.store_target(target)?;
                }
                if self.in_function() {
                    return Ok(()); // annotations of locals are not evaluated
                }
                match &target.kind {
                    ExprKind::Name(n) => {
                        // `__annotations__['x'] = T` in the module/class namespace.
                        self.annotation(annotation)?;
                        let i = self.name_index("__annotations__");
                        self.emit(Op::LoadName(i));
                        self.load_const(Value::str(n));
                        self.emit(Op::StoreSubscr);
                        return Ok(());
                    }
                    ExprKind::Attribute { value: obj, .. } if value.is_none() => {
                        self.expr(obj)?;
                        self.emit(Op::Pop);
                    }
                    ExprKind::Subscript { value: obj, slice } if value.is_none() => {
                        self.expr(obj)?;
                        self.emit(Op::Pop);
                        self.expr(slice)?;
                        self.emit(Op::Pop);
                    }
                    _ => {}
                }
                if !self.future_annotations {
                    self.expr(annotation)?;
                    self.emit(Op::Pop);
                }
                Ok(())
            }
            StmtKind::For {
                is_async,
                target,
                iter,
                body,
                orelse,
            } => {
                if *is_async {
                    self.check_async("'async for' outside async function", s.span)?;
                    self.async_for(target, iter, body, orelse)
                } else {
                    self.for_loop(target, iter, body, orelse)
                }
            }
            StmtKind::While { test, body, orelse } => {
                let start = self.here();
                self.expr(test)?;
                let jf = self.emit(Op::PopJumpIfFalse(0));
                self.u().fblocks.push(FBlock::Loop {
                    start,
                    breaks: Vec::new(),
                    pops_iter: false,
                });
                self.stmts(body)?;
                self.emit(Op::Jump(start));
                let fb = self.u().fblocks.pop();
                self.patch_here(jf);
                self.stmts(orelse)?;
                if let Some(FBlock::Loop { breaks, .. }) = fb {
                    for b in breaks {
                        self.patch_here(b);
                    }
                }
                Ok(())
            }
            StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                let jf = self.emit(Op::PopJumpIfFalse(0));
                self.stmts(body)?;
                if orelse.is_empty() {
                    self.patch_here(jf);
                } else {
                    let j = self.emit(Op::Jump(0));
                    self.patch_here(jf);
                    self.stmts(orelse)?;
                    self.patch_here(j);
                }
                Ok(())
            }
            StmtKind::With {
                is_async,
                items,
                body,
            } => {
                if *is_async {
                    self.check_async("'async with' outside async function", s.span)?;
                }
                self.with_stmt(*is_async, items, body, s.span)
            }
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.expr(e)?;
                    n = 1;
                    if let Some(c) = cause {
                        self.expr(c)?;
                        n = 2;
                    }
                }
                self.u().span = s.span;
                self.emit(Op::Raise(n));
                Ok(())
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
                is_star,
            } => {
                if finalbody.is_empty() {
                    self.try_except(body, handlers, orelse, *is_star)
                } else {
                    self.try_finally(body, handlers, orelse, finalbody, *is_star)
                }
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                let j = self.emit(Op::PopJumpIfTrue(0));
                self.u().span = s.span;
                self.emit(Op::LoadAssertionError);
                if let Some(m) = msg {
                    self.expr(m)?;
                    self.emit(Op::Call(1));
                }
                self.u().span = s.span;
                self.emit(Op::Raise(1));
                self.patch_here(j);
                Ok(())
            }
            StmtKind::Import(names) => {
                for a in names {
                    self.u().span = a.span;
                    let i = self.name_index(&a.name);
                    self.emit(Op::ImportName(i));
                    match &a.asname {
                        Some(asn) => self.name_op(asn, 1),
                        None => {
                            let first = a.name.split('.').next().unwrap_or("").to_string();
                            if first != a.name {
                                self.emit(Op::Pop);
                                let i = self.name_index(&first);
                                self.emit(Op::ImportName(i));
                            }
                            self.name_op(&first, 1);
                        }
                    }
                }
                Ok(())
            }
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => {
                if *level > 0 {
                    return Err(Box::new(SourceError::new(
                        "ImportError",
                        "attempted relative import with no known parent package",
                        s.span,
                    )));
                }
                let m = module.clone().unwrap_or_default();
                if m == "__future__" && !self.future_stmts.contains(&node_key(s)) {
                    return Err(err(
                        "from __future__ imports must occur at the beginning of the file",
                        s.span,
                    ));
                }
                let i = self.name_index(&m);
                self.emit(Op::ImportName(i));
                for a in names {
                    if a.name == "*" {
                        if self.in_function() {
                            return Err(err("import * only allowed at module level", s.span));
                        }
                        self.emit(Op::ImportStar);
                        return Ok(());
                    }
                    let i = self.name_index(&a.name);
                    self.emit(Op::ImportFrom(i));
                    let bound = a.asname.clone().unwrap_or_else(|| a.name.clone());
                    self.name_op(&bound, 1);
                }
                self.emit(Op::Pop);
                Ok(())
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) | StmtKind::Pass => Ok(()),
            StmtKind::Expr(e) => {
                if let ExprKind::Constant(_) = e.kind {
                    return Ok(()); // docstrings and bare constants do nothing
                }
                self.expr(e)?;
                self.emit(Op::Pop);
                Ok(())
            }
            StmtKind::Break => self.break_continue(true, s.span),
            StmtKind::Continue => self.break_continue(false, s.span),
        }
    }

    fn check_async(&self, msg: &str, span: Span) -> CResult<()> {
        let sc = self.scope();
        let ok = match sc.kind {
            ScopeKind::Function => sc.is_async,
            ScopeKind::Comprehension => true,
            _ => false,
        };
        if ok {
            Ok(())
        } else {
            Err(err(msg, span))
        }
    }

    fn needs_unwind_for_return(&self) -> bool {
        self.ur().fblocks.iter().any(|f| {
            !matches!(
                f,
                FBlock::Loop {
                    pops_iter: false,
                    ..
                }
            )
        })
    }

    /// Emits the exits of frame blocks from the top down to `level` (exclusive).
    /// For `return`, loops' iterators are popped too.
    fn unwind_fblocks(&mut self, level: usize, for_return: bool, span: Span) -> CResult<()> {
        let mut i = self.ur().fblocks.len();
        while i > level {
            i -= 1;
            let fb = std::mem::replace(&mut self.u().fblocks[i], FBlock::TryExcept);
            match &fb {
                FBlock::Loop { pops_iter, .. } => {
                    if *pops_iter && for_return {
                        self.emit(Op::Pop);
                    }
                }
                FBlock::TryExcept => {
                    self.emit(Op::PopBlock);
                }
                FBlock::FinallyTry(body) => {
                    self.emit(Op::PopBlock);
                    // Run the finally body with only the outer blocks active.
                    let saved: Vec<FBlock<'a>> = self.u().fblocks.drain(i + 1..).collect();
                    let me = self.u().fblocks.pop();
                    let body: &'a [Stmt] = body;
                    let r = self.stmts(body);
                    if let Some(me) = me {
                        self.u().fblocks.push(me);
                    }
                    self.u().fblocks.extend(saved);
                    self.u().span = span;
                    r?;
                }
                FBlock::FinallyEnd => {
                    self.emit(Op::Pop);
                    self.emit(Op::PopExcept);
                }
                FBlock::HandlerCleanup { name, .. } => {
                    if let Some(n) = name {
                        self.emit(Op::PopBlock);
                        self.emit(Op::PopExcept);
                        self.load_const(Value::None);
                        self.name_op(n, 1);
                        self.name_op(n, 2);
                    } else {
                        self.emit(Op::PopExcept);
                    }
                }
                FBlock::With { is_async } => {
                    self.emit(Op::PopBlock);
                    self.emit(Op::CallExitNone);
                    if *is_async {
                        self.emit(Op::GetAwaitable);
                        self.load_const(Value::None);
                        self.emit(Op::Send);
                    }
                    self.emit(Op::Pop);
                }
            }
            self.u().fblocks[i] = fb;
        }
        Ok(())
    }

    fn break_continue(&mut self, is_break: bool, span: Span) -> CResult<()> {
        let loop_ix = self
            .ur()
            .fblocks
            .iter()
            .rposition(|f| matches!(f, FBlock::Loop { .. }));
        let Some(li) = loop_ix else {
            return Err(err(
                if is_break {
                    "'break' outside loop"
                } else {
                    "'continue' not properly in loop"
                },
                span,
            ));
        };
        if self.ur().fblocks[li + 1..]
            .iter()
            .any(|f| matches!(f, FBlock::HandlerCleanup { star: true, .. }))
        {
            return Err(err(
                "'break', 'continue' and 'return' cannot appear in an except* block",
                span,
            ));
        }
        self.unwind_fblocks(li + 1, false, span)?;
        if is_break {
            if let Some(FBlock::Loop {
                pops_iter: true, ..
            }) = self.ur().fblocks.get(li)
            {
                self.emit(Op::Pop);
            }
            let j = self.emit(Op::Jump(0));
            if let Some(FBlock::Loop { breaks, .. }) = self.u().fblocks.get_mut(li) {
                breaks.push(j);
            }
        } else if let Some(FBlock::Loop { start, .. }) = self.ur().fblocks.get(li) {
            let s = *start;
            self.emit(Op::Jump(s));
        }
        Ok(())
    }

    fn for_loop(
        &mut self,
        target: &'a Expr,
        iter: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> CResult<()> {
        self.expr(iter)?;
        self.emit(Op::GetIter);
        let start = self.here();
        let fi = self.emit(Op::ForIter(0));
        self.u().fblocks.push(FBlock::Loop {
            start,
            breaks: Vec::new(),
            pops_iter: true,
        });
        self.store_target(target)?;
        self.stmts(body)?;
        self.emit(Op::Jump(start));
        let fb = self.u().fblocks.pop();
        self.patch_here(fi);
        self.stmts(orelse)?;
        if let Some(FBlock::Loop { breaks, .. }) = fb {
            for b in breaks {
                self.patch_here(b);
            }
        }
        Ok(())
    }

    fn async_for(
        &mut self,
        target: &'a Expr,
        iter: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> CResult<()> {
        self.expr(iter)?;
        self.emit(Op::GetAIter);
        let start = self.here();
        let setup = self.emit(Op::SetupFinally(0));
        self.emit(Op::GetANext);
        self.load_const(Value::None);
        self.emit(Op::Send);
        self.emit(Op::PopBlock);
        self.u().fblocks.push(FBlock::Loop {
            start,
            breaks: Vec::new(),
            pops_iter: true,
        });
        self.store_target(target)?;
        self.stmts(body)?;
        self.emit(Op::Jump(start));
        let fb = self.u().fblocks.pop();
        self.patch_here(setup);
        self.emit(Op::EndAsyncFor);
        self.stmts(orelse)?;
        if let Some(FBlock::Loop { breaks, .. }) = fb {
            for b in breaks {
                self.patch_here(b);
            }
        }
        Ok(())
    }

    fn with_stmt(
        &mut self,
        is_async: bool,
        items: &'a [WithItem],
        body: &'a [Stmt],
        span: Span,
    ) -> CResult<()> {
        let Some((first, rest)) = items.split_first() else {
            return self.stmts(body);
        };
        self.expr(&first.context_expr)?;
        self.u().span = span;
        if is_async {
            self.emit(Op::BeforeAsyncWith);
            self.emit(Op::GetAwaitable);
            self.load_const(Value::None);
            self.emit(Op::Send);
        } else {
            self.emit(Op::BeforeWith);
        }
        // The enter result is stored before the handler is set up, so the
        // handler's stack depth is [exit] (as CPython's SETUP_WITH).
        match &first.optional_vars {
            Some(t) => self.store_target(t)?,
            None => {
                self.emit(Op::Pop);
            }
        }
        let setup = self.emit(Op::SetupFinally(0));
        self.u().fblocks.push(FBlock::With { is_async });
        if rest.is_empty() {
            self.stmts(body)?;
        } else {
            self.with_stmt(is_async, rest, body, span)?;
        }
        self.u().fblocks.pop();
        self.u().span = span;
        self.emit(Op::PopBlock);
        self.emit(Op::CallExitNone);
        if is_async {
            self.emit(Op::GetAwaitable);
            self.load_const(Value::None);
            self.emit(Op::Send);
        }
        self.emit(Op::Pop);
        let jend = self.emit(Op::Jump(0));
        // Exceptional exit: stack [exit, exc].
        self.patch_here(setup);
        self.emit(Op::PushExcInfo);
        self.emit(Op::WithExceptStart);
        if is_async {
            self.emit(Op::GetAwaitable);
            self.load_const(Value::None);
            self.emit(Op::Send);
        }
        let jt = self.emit(Op::PopJumpIfTrue(0));
        self.emit(Op::WithReraise);
        self.patch_here(jt);
        self.emit(Op::Pop);
        self.emit(Op::PopExcept);
        self.emit(Op::Pop);
        self.patch_here(jend);
        Ok(())
    }

    fn try_finally(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
        is_star: bool,
    ) -> CResult<()> {
        let setup = self.emit(Op::SetupFinally(0));
        self.u().fblocks.push(FBlock::FinallyTry(finalbody));
        if handlers.is_empty() {
            self.stmts(body)?;
        } else {
            self.try_except(body, handlers, orelse, is_star)?;
        }
        self.u().fblocks.pop();
        self.emit(Op::PopBlock);
        self.stmts(finalbody)?;
        let jend = self.emit(Op::Jump(0));
        self.patch_here(setup);
        self.emit(Op::PushExcInfo);
        self.u().fblocks.push(FBlock::FinallyEnd);
        self.stmts(finalbody)?;
        self.u().fblocks.pop();
        self.emit(Op::Reraise);
        self.patch_here(jend);
        Ok(())
    }

    fn try_except(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
        is_star: bool,
    ) -> CResult<()> {
        let setup = self.emit(Op::SetupFinally(0));
        self.u().fblocks.push(FBlock::TryExcept);
        self.stmts(body)?;
        self.u().fblocks.pop();
        self.emit(Op::PopBlock);
        self.stmts(orelse)?;
        let mut ends = vec![self.emit(Op::Jump(0))];
        self.patch_here(setup);
        self.emit(Op::PushExcInfo);
        if is_star {
            return self.except_star(handlers, ends);
        }
        for (i, h) in handlers.iter().enumerate() {
            self.u().span = h.span;
            let mut next = None;
            match &h.typ {
                Some(t) => {
                    self.expr(t)?;
                    self.emit(Op::CheckExcMatch);
                    next = Some(self.emit(Op::PopJumpIfFalse(0)));
                }
                None => {
                    if i + 1 < handlers.len() {
                        return Err(err("default 'except:' must be last", h.span));
                    }
                }
            }
            match &h.name {
                Some(n) => {
                    self.name_op(n, 1);
                    let cleanup = self.emit(Op::SetupFinally(0));
                    self.u().fblocks.push(FBlock::HandlerCleanup {
                        name: Some(n.clone()),
                        star: false,
                    });
                    self.stmts(&h.body)?;
                    self.u().fblocks.pop();
                    self.emit(Op::PopBlock);
                    self.emit(Op::PopExcept);
                    self.load_const(Value::None);
                    self.name_op(n, 1);
                    self.name_op(n, 2);
                    ends.push(self.emit(Op::Jump(0)));
                    self.patch_here(cleanup);
                    self.load_const(Value::None);
                    self.name_op(n, 1);
                    self.name_op(n, 2);
                    self.emit(Op::Reraise);
                }
                None => {
                    self.emit(Op::Pop);
                    self.u().fblocks.push(FBlock::HandlerCleanup {
                        name: None,
                        star: false,
                    });
                    self.stmts(&h.body)?;
                    self.u().fblocks.pop();
                    self.emit(Op::PopExcept);
                    ends.push(self.emit(Op::Jump(0)));
                }
            }
            if let Some(nx) = next {
                self.patch_here(nx);
            }
        }
        self.emit(Op::Reraise);
        for e in ends {
            self.patch_here(e);
        }
        Ok(())
    }

    fn except_star(&mut self, handlers: &'a [ExceptHandler], mut ends: Vec<usize>) -> CResult<()> {
        // Stack [prev, rest]; each handler splits `rest` into (rest, match).
        for h in handlers {
            self.u().span = h.span;
            let Some(t) = &h.typ else {
                return Err(err("expected one or more exception types", h.span));
            };
            self.expr(t)?;
            self.emit(Op::CheckEgMatch);
            self.emit(Op::Dup);
            self.load_const(Value::None);
            self.emit(Op::Compare(CmpOp::Is));
            let skip = self.emit(Op::PopJumpIfTrue(0));
            match &h.name {
                Some(n) => self.name_op(n, 1),
                None => {
                    self.emit(Op::Pop);
                }
            }
            self.u().fblocks.push(FBlock::HandlerCleanup {
                name: None,
                star: true,
            });
            self.stmts(&h.body)?;
            self.u().fblocks.pop();
            let j = self.emit(Op::Jump(0));
            self.patch_here(skip);
            self.emit(Op::Pop);
            self.patch_here(j);
        }
        self.emit(Op::Dup);
        self.load_const(Value::None);
        self.emit(Op::Compare(CmpOp::Is));
        let reraise = self.emit(Op::PopJumpIfFalse(0));
        self.emit(Op::Pop);
        self.emit(Op::PopExcept);
        ends.push(self.emit(Op::Jump(0)));
        self.patch_here(reraise);
        self.emit(Op::Reraise);
        for e in ends {
            self.patch_here(e);
        }
        Ok(())
    }

    fn aug_assign(&mut self, target: &'a Expr, op: BinOp, value: &'a Expr) -> CResult<()> {
        match &target.kind {
            ExprKind::Name(n) => {
                self.with_span(target.span, |c| {
                    c.name_op(n, 0);
                    Ok(())
                })?;
                self.expr(value)?;
                self.u().span = target.span.to(value.span);
                self.emit(Op::Inplace(op));
                self.name_op(n, 1);
            }
            ExprKind::Attribute { value: obj, attr } => {
                self.expr(obj)?;
                self.emit(Op::Dup);
                let i = self.name_index(attr);
                self.emit(Op::LoadAttr(i));
                self.expr(value)?;
                self.u().span = target.span.to(value.span);
                self.emit(Op::Inplace(op));
                self.emit(Op::Rot2);
                self.emit(Op::StoreAttr(i));
            }
            ExprKind::Subscript { value: obj, slice } => {
                self.expr(obj)?;
                self.expr(slice)?;
                self.emit(Op::DupTop2);
                self.emit(Op::Subscr);
                self.expr(value)?;
                self.u().span = target.span.to(value.span);
                self.emit(Op::Inplace(op));
                self.emit(Op::Rot3);
                self.emit(Op::StoreSubscr);
            }
            _ => {
                return Err(err(
                    "'expression' is an illegal expression for augmented assignment",
                    target.span,
                ))
            }
        }
        Ok(())
    }

    fn store_target(&mut self, t: &'a Expr) -> CResult<()> {
        self.u().span = t.span;
        match &t.kind {
            ExprKind::Name(n) => {
                self.name_op(n, 1);
            }
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.name_index(attr);
                self.u().span = t.span;
                self.emit(Op::StoreAttr(i));
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.u().span = t.span;
                self.emit(Op::StoreSubscr);
            }
            ExprKind::Tuple(elts) | ExprKind::List(elts) => {
                let star = elts
                    .iter()
                    .position(|e| matches!(e.kind, ExprKind::Starred(_)));
                match star {
                    Some(si) => {
                        if elts
                            .iter()
                            .filter(|e| matches!(e.kind, ExprKind::Starred(_)))
                            .count()
                            > 1
                        {
                            return Err(err("multiple starred expressions in assignment", t.span));
                        }
                        self.emit(Op::UnpackEx(si as u32, (elts.len() - si - 1) as u32));
                    }
                    None => {
                        self.emit(Op::UnpackSequence(elts.len() as u32));
                    }
                }
                for e in elts {
                    match &e.kind {
                        ExprKind::Starred(inner) => self.store_target(inner)?,
                        _ => self.store_target(e)?,
                    }
                }
            }
            ExprKind::Starred(_) => {
                return Err(err(
                    "starred assignment target must be in a list or tuple",
                    t.span,
                ))
            }
            _ => return Err(err(format!("cannot assign to {}", describe(t)), t.span)),
        }
        Ok(())
    }

    fn delete_target(&mut self, t: &'a Expr) -> CResult<()> {
        self.u().span = t.span;
        match &t.kind {
            ExprKind::Name(n) => self.name_op(n, 2),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.name_index(attr);
                self.emit(Op::DeleteAttr(i));
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.emit(Op::DeleteSubscr);
            }
            ExprKind::Tuple(es) | ExprKind::List(es) => {
                for e in es {
                    self.delete_target(e)?;
                }
            }
            _ => return Err(err(format!("cannot delete {}", describe(t)), t.span)),
        }
        Ok(())
    }

    // ---------- functions and classes ----------

    fn qualname_for(&self, name: &str) -> String {
        let u = self.ur();
        match u.kind {
            CodeKind::Module => name.to_string(),
            CodeKind::Class => format!("{}.{}", u.qualname, name),
            _ => format!("{}.<locals>.{}", u.qualname, name),
        }
    }

    /// Pushes defaults/kwdefaults/closure and the code, and emits MakeFunction.
    /// `__annotations__ = {}` at the start of a module or class body that has some.
    fn setup_annotations(&mut self, body: &[Stmt]) {
        if has_annotations(body) {
            self.emit(Op::BuildMap(0));
            let i = self.name_index("__annotations__");
            self.emit(Op::StoreName(i));
        }
    }

    /// Pushes an annotation's value: the expression's, or its text as a string
    /// under `from __future__ import annotations`.
    fn annotation(&mut self, e: &'a Expr) -> CResult<()> {
        if !self.future_annotations {
            return self.expr(e);
        }
        match super::unparse::unparse(e) {
            Ok(text) => {
                self.load_const(Value::string(text));
                Ok(())
            }
            Err(Some(msg)) => Err(err(msg, e.span)),
            Err(None) => Err(Box::new(SourceError::new(
                "NotImplementedError",
                "this annotation cannot be turned into a string by Awaitscope",
                e.span,
            ))),
        }
    }

    /// A function's annotations as a dict on the stack (in CPython 3.11's order:
    /// the parameters after `/` first); false when it has none.
    fn function_annotations(
        &mut self,
        a: &'a Arguments,
        returns: Option<&'a Expr>,
    ) -> CResult<bool> {
        let mut n = 0;
        let params = a.args.iter().chain(&a.posonlyargs).chain(&a.vararg);
        for arg in params.chain(&a.kwonlyargs).chain(&a.kwarg) {
            if let Some(ann) = &arg.annotation {
                self.load_const(Value::str(&arg.name));
                self.annotation(ann)?;
                n += 1;
            }
        }
        if let Some(r) = returns {
            self.load_const(Value::str("return"));
            self.annotation(r)?;
            n += 1;
        }
        if n > 0 {
            self.emit(Op::BuildMap(n));
        }
        Ok(n > 0)
    }

    fn make_function(
        &mut self,
        scope: ScopeId,
        code: Rc<Code>,
        args: Option<&'a Arguments>,
        returns: Option<&'a Expr>,
        qualname: &str,
    ) -> CResult<()> {
        let mut flags = 0;
        if let Some(a) = args {
            if !a.defaults.is_empty() {
                for d in &a.defaults {
                    self.expr(d)?;
                }
                self.emit(Op::BuildTuple(a.defaults.len() as u32));
                flags |= 1;
            }
            let kw: Vec<(&Arg, &Expr)> = a
                .kwonlyargs
                .iter()
                .zip(a.kw_defaults.iter())
                .filter_map(|(arg, d)| d.as_ref().map(|d| (arg, d)))
                .collect();
            if !kw.is_empty() {
                for (arg, d) in &kw {
                    self.load_const(Value::str(&arg.name));
                    self.expr(d)?;
                }
                self.emit(Op::BuildMap(kw.len() as u32));
                flags |= 2;
            }
            if self.function_annotations(a, returns)? {
                flags |= 4;
            }
        }
        let frees = self.st.scopes[scope].freevars.clone();
        if !frees.is_empty() {
            for f in &frees {
                match self.cell_index(f) {
                    Some(i) => {
                        self.emit(Op::LoadClosure(i));
                    }
                    None => {
                        return Err(err(format!("internal: no cell for '{f}'"), self.ur().span))
                    }
                }
            }
            self.emit(Op::BuildTuple(frees.len() as u32));
            flags |= 8;
        }
        self.load_const(Value::Code(code));
        self.load_const(Value::str(qualname));
        self.emit(Op::MakeFunction(flags));
        Ok(())
    }

    fn set_params(&mut self, args: &Arguments) {
        let u = self.u();
        u.argcount = (args.posonlyargs.len() + args.args.len()) as u32;
        u.posonly = args.posonlyargs.len() as u32;
        u.kwonly = args.kwonlyargs.len() as u32;
        if args.vararg.is_some() {
            u.flags |= FLAG_VARARGS;
        }
        if args.kwarg.is_some() {
            u.flags |= FLAG_VARKW;
        }
    }

    fn function_def(&mut self, fd: &'a FunctionDef, span: Span) -> CResult<()> {
        for d in &fd.decorators {
            self.expr(d)?;
        }
        let Some(&scope) = self.st.by_node.get(&node_key(fd)) else {
            return Err(err("internal: no scope for function", span));
        };
        let qualname = self.qualname_for(&fd.name);
        self.push_unit(scope, CodeKind::Function, &fd.name, qualname.clone(), span);
        self.set_params(&fd.args);
        let sc = &self.st.scopes[scope];
        let (is_gen, is_async) = (sc.is_generator, fd.is_async);
        self.u().flags |= match (is_async, is_gen) {
            (true, true) => FLAG_ASYNC_GEN,
            (true, false) => FLAG_COROUTINE,
            (false, true) => FLAG_GENERATOR,
            _ => 0,
        };
        if let Some(StmtKind::Expr(e)) = fd.body.first().map(|s| &s.kind) {
            if let ExprKind::Constant(Constant::Str(doc)) = &e.kind {
                if self.add_const(Value::str(doc)) == 0 {
                    self.u().flags |= FLAG_DOC;
                }
            }
        }
        let r = self.stmts(&fd.body);
        if let Err(e) = r {
            self.units.pop();
            return Err(e);
        }
        self.load_const(Value::None);
        self.emit(Op::Return);
        let code = self.pop_unit();
        self.u().span = span;
        self.make_function(scope, code, Some(&fd.args), fd.returns.as_ref(), &qualname)?;
        self.decorate(&fd.decorators, span);
        self.name_op(&fd.name, 1);
        Ok(())
    }

    /// Applies the decorators, innermost first; a failing one is reported at its
    /// own line, as CPython 3.11 does.
    fn decorate(&mut self, decorators: &[Expr], span: Span) {
        for d in decorators.iter().rev() {
            self.u().span = d.span;
            self.emit(Op::Call(1));
        }
        self.u().span = span;
    }

    fn class_def(&mut self, cd: &'a ClassDef, span: Span) -> CResult<()> {
        for d in &cd.decorators {
            self.expr(d)?;
        }
        let Some(&scope) = self.st.by_node.get(&node_key(cd)) else {
            return Err(err("internal: no scope for class", span));
        };
        let qualname = self.qualname_for(&cd.name);
        self.emit(Op::LoadBuildClass);
        self.push_unit(scope, CodeKind::Class, &cd.name, qualname.clone(), span);
        let i = self.name_index("__name__");
        self.emit(Op::LoadGlobal(i));
        let i = self.name_index("__module__");
        self.emit(Op::StoreName(i));
        self.load_const(Value::str(&qualname));
        let i = self.name_index("__qualname__");
        self.emit(Op::StoreName(i));
        self.setup_annotations(&cd.body);
        if let Err(e) = self.stmts(&cd.body) {
            self.units.pop();
            return Err(e);
        }
        if self.st.scopes[scope].needs_class_cell {
            let ci = self.cell_index("__class__").unwrap_or(0);
            self.emit(Op::LoadClosure(ci));
        } else {
            self.load_const(Value::None);
        }
        self.emit(Op::Return);
        let code = self.pop_unit();
        self.u().span = span;
        self.make_function(scope, code, None, None, &qualname)?;
        self.load_const(Value::str(&cd.name));
        for b in &cd.bases {
            self.expr(b)?;
        }
        let n = 2 + cd.bases.len() as u32;
        let kws: Vec<&Keyword> = cd.keywords.iter().filter(|k| k.arg.is_some()).collect();
        if kws.is_empty() {
            self.emit(Op::Call(n));
        } else {
            let names: Vec<Value> = kws
                .iter()
                .map(|k| Value::Str(intern(k.arg.as_deref().unwrap_or(""))))
                .collect();
            for k in &kws {
                self.expr(&k.value)?;
            }
            let ni = self.add_const(Value::tuple(names));
            self.emit(Op::CallKw(n + kws.len() as u32, ni));
        }
        self.decorate(&cd.decorators, span);
        self.name_op(&cd.name, 1);
        Ok(())
    }

    fn lambda(&mut self, e: &'a Expr, args: &'a Arguments, body: &'a Expr) -> CResult<()> {
        let Some(&scope) = self.st.by_node.get(&node_key(e)) else {
            return Err(err("internal: no scope for lambda", e.span));
        };
        let qualname = self.qualname_for("<lambda>");
        self.push_unit(
            scope,
            CodeKind::Lambda,
            "<lambda>",
            qualname.clone(),
            e.span,
        );
        self.set_params(args);
        if self.st.scopes[scope].is_generator {
            self.u().flags |= FLAG_GENERATOR;
        }
        if let Err(er) = self.expr(body) {
            self.units.pop();
            return Err(er);
        }
        self.emit(Op::Return);
        let code = self.pop_unit();
        self.u().span = e.span;
        self.make_function(scope, code, Some(args), None, &qualname)
    }

    fn comprehension(
        &mut self,
        e: &'a Expr,
        gens: &'a [Comprehension],
        kind: u8,
        elt: &'a Expr,
        val: Option<&'a Expr>,
    ) -> CResult<()> {
        // kind: 0 list, 1 set, 2 dict, 3 generator
        let Some(&scope) = self.st.by_node.get(&node_key(e)) else {
            return Err(err("internal: no scope for comprehension", e.span));
        };
        let Some(first) = gens.first() else {
            return Err(err("comprehension without generators", e.span));
        };
        let name = ["<listcomp>", "<setcomp>", "<dictcomp>", "<genexpr>"][kind as usize];
        let qualname = self.qualname_for(name);
        let outer_async_ok = {
            let sc = self.scope();
            (sc.kind == ScopeKind::Function && sc.is_async) || sc.kind == ScopeKind::Comprehension
        };
        let is_async = self.st.scopes[scope].has_await;
        if is_async && kind != 3 && !outer_async_ok {
            return Err(err(
                "asynchronous comprehension outside of an asynchronous function",
                e.span,
            ));
        }
        self.push_unit(
            scope,
            CodeKind::Comprehension,
            name,
            qualname.clone(),
            e.span,
        );
        self.u().argcount = 1;
        self.u().flags |= match (kind == 3, is_async) {
            (true, true) => FLAG_ASYNC_GEN,
            (true, false) => FLAG_GENERATOR,
            (false, true) => FLAG_COROUTINE,
            _ => 0,
        };
        let r = (|| -> CResult<()> {
            match kind {
                0 => {
                    self.emit(Op::BuildList(0));
                }
                1 => {
                    self.emit(Op::BuildSet(0));
                }
                2 => {
                    self.emit(Op::BuildMap(0));
                }
                _ => {}
            }
            self.comp_gen(gens, 0, kind, elt, val)?;
            if kind == 3 {
                self.load_const(Value::None);
            }
            self.emit(Op::Return);
            Ok(())
        })();
        if let Err(er) = r {
            self.units.pop();
            return Err(er);
        }
        let code = self.pop_unit();
        self.u().span = e.span;
        self.make_function(scope, code, None, None, &qualname)?;
        self.expr(&first.iter)?;
        if first.is_async {
            self.emit(Op::GetAIter);
        } else {
            self.emit(Op::GetIter);
        }
        self.emit(Op::Call(1));
        if is_async && kind != 3 {
            self.emit(Op::GetAwaitable);
            self.load_const(Value::None);
            self.emit(Op::Send);
        }
        Ok(())
    }

    fn comp_gen(
        &mut self,
        gens: &'a [Comprehension],
        i: usize,
        kind: u8,
        elt: &'a Expr,
        val: Option<&'a Expr>,
    ) -> CResult<()> {
        let g = &gens[i];
        if i == 0 {
            self.emit(Op::LoadFast(0));
        } else {
            self.expr(&g.iter)?;
            self.emit(if g.is_async {
                Op::GetAIter
            } else {
                Op::GetIter
            });
        }
        let start = self.here();
        let exit_jump = if g.is_async {
            let setup = self.emit(Op::SetupFinally(0));
            self.emit(Op::GetANext);
            self.load_const(Value::None);
            self.emit(Op::Send);
            self.emit(Op::PopBlock);
            setup
        } else {
            self.emit(Op::ForIter(0))
        };
        self.store_target(&g.target)?;
        let mut if_jumps = Vec::new();
        for c in &g.ifs {
            self.expr(c)?;
            if_jumps.push(self.emit(Op::PopJumpIfFalse(start)));
        }
        if i + 1 < gens.len() {
            self.comp_gen(gens, i + 1, kind, elt, val)?;
        } else {
            let depth = (gens.len() + 1) as u32;
            match kind {
                0 => {
                    self.expr(elt)?;
                    self.emit(Op::ListAppend(depth));
                }
                1 => {
                    self.expr(elt)?;
                    self.emit(Op::SetAdd(depth));
                }
                2 => {
                    self.expr(elt)?;
                    if let Some(v) = val {
                        self.expr(v)?;
                    }
                    self.emit(Op::MapAdd(depth));
                }
                _ => {
                    self.expr(elt)?;
                    self.emit(Op::YieldValue);
                    self.emit(Op::Pop);
                }
            }
        }
        self.emit(Op::Jump(start));
        self.patch_here(exit_jump);
        if g.is_async {
            self.emit(Op::EndAsyncFor);
        }
        Ok(())
    }

    // ---------- expressions ----------

    fn expr(&mut self, e: &'a Expr) -> CResult<()> {
        let old = self.u().span;
        self.u().span = e.span;
        let r = self.expr_inner(e);
        self.u().span = old;
        r
    }

    fn expr_inner(&mut self, e: &'a Expr) -> CResult<()> {
        match &e.kind {
            ExprKind::BoolOp { op, values } => {
                let mut jumps = Vec::new();
                for (i, v) in values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < values.len() {
                        jumps.push(self.emit(match op {
                            BoolOpKind::And => Op::JumpIfFalseOrPop(0),
                            BoolOpKind::Or => Op::JumpIfTrueOrPop(0),
                        }));
                    }
                }
                for j in jumps {
                    self.patch_here(j);
                }
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                self.emit(Op::Dup);
                self.store_target(target)?;
            }
            ExprKind::BinOp { left, op, right } => {
                self.expr(left)?;
                self.expr(right)?;
                self.u().span = e.span;
                self.emit(Op::Binary(*op));
            }
            ExprKind::UnaryOp { op, operand } => {
                self.expr(operand)?;
                self.emit(Op::Unary(*op));
            }
            ExprKind::Lambda { args, body } => self.lambda(e, args, body)?,
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                let jf = self.emit(Op::PopJumpIfFalse(0));
                self.expr(body)?;
                let j = self.emit(Op::Jump(0));
                self.patch_here(jf);
                self.expr(orelse)?;
                self.patch_here(j);
            }
            ExprKind::Dict { keys, values } => {
                let has_spread = keys.iter().any(|k| k.is_none());
                if !has_spread {
                    for (k, v) in keys.iter().zip(values) {
                        if let Some(k) = k {
                            self.expr(k)?;
                        }
                        self.expr(v)?;
                    }
                    self.emit(Op::BuildMap(values.len() as u32));
                } else {
                    self.emit(Op::BuildMap(0));
                    for (k, v) in keys.iter().zip(values) {
                        match k {
                            Some(k) => {
                                self.expr(k)?;
                                self.expr(v)?;
                                self.emit(Op::MapAdd(1));
                            }
                            None => {
                                self.expr(v)?;
                                self.emit(Op::DictUpdate(1));
                            }
                        }
                    }
                }
            }
            ExprKind::Set(elts) => self.sequence(elts, 1)?,
            ExprKind::List(elts) => self.sequence(elts, 0)?,
            ExprKind::Tuple(elts) => self.sequence(elts, 2)?,
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(e, generators, 0, elt, None)?
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(e, generators, 1, elt, None)?
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(e, generators, 2, key, Some(value))?,
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(e, generators, 3, elt, None)?
            }
            ExprKind::Await(v) => {
                let sc = self.scope();
                let ok = match sc.kind {
                    ScopeKind::Function => sc.is_async,
                    ScopeKind::Comprehension => {
                        self.ur().flags & (FLAG_COROUTINE | FLAG_ASYNC_GEN) != 0
                    }
                    _ => false,
                };
                if !ok {
                    let msg = if matches!(sc.kind, ScopeKind::Module | ScopeKind::Class) {
                        "'await' outside function"
                    } else {
                        "'await' outside async function"
                    };
                    return Err(err(msg, e.span));
                }
                self.expr(v)?;
                self.u().span = e.span;
                self.emit(Op::GetAwaitable);
                self.load_const(Value::None);
                self.emit(Op::Send);
            }
            ExprKind::Yield(v) => {
                if !self.in_function() {
                    return Err(err("'yield' outside function", e.span));
                }
                if self.ur().kind == CodeKind::Comprehension {
                    return Err(err("'yield' inside list comprehension", e.span));
                }
                match v {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Value::None),
                }
                self.emit(Op::YieldValue);
            }
            ExprKind::YieldFrom(v) => {
                if !self.in_function() {
                    return Err(err("'yield' outside function", e.span));
                }
                if self.ur().flags & FLAG_ASYNC_GEN != 0 || self.ur().flags & FLAG_COROUTINE != 0 {
                    return Err(err("'yield from' inside async function", e.span));
                }
                self.expr(v)?;
                self.emit(Op::GetYieldFromIter);
                self.load_const(Value::None);
                self.emit(Op::Send);
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => {
                self.expr(left)?;
                if ops.len() == 1 {
                    self.expr(&comparators[0])?;
                    self.u().span = e.span;
                    self.emit(Op::Compare(ops[0]));
                } else {
                    let mut cleanups = Vec::new();
                    for (i, (op, c)) in ops.iter().zip(comparators).enumerate() {
                        self.expr(c)?;
                        self.u().span = e.span;
                        if i + 1 < ops.len() {
                            self.emit(Op::Dup);
                            self.emit(Op::Rot3);
                            self.emit(Op::Compare(*op));
                            cleanups.push(self.emit(Op::JumpIfFalseOrPop(0)));
                        } else {
                            self.emit(Op::Compare(*op));
                        }
                    }
                    let j = self.emit(Op::Jump(0));
                    for c in cleanups {
                        self.patch_here(c);
                    }
                    self.emit(Op::Rot2);
                    self.emit(Op::Pop);
                    self.patch_here(j);
                }
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.call(e, func, args, keywords)?,
            ExprKind::JoinedStr(parts) => {
                for p in parts {
                    self.expr(p)?;
                }
                if parts.len() != 1 || !matches!(parts[0].kind, ExprKind::Constant(_)) {
                    self.emit(Op::BuildString(parts.len() as u32));
                }
            }
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            } => {
                self.expr(value)?;
                let mut flags = match conversion {
                    Some('s') => 1,
                    Some('r') => 2,
                    Some('a') => 3,
                    _ => 0,
                };
                if let Some(spec) = format_spec {
                    self.expr(spec)?;
                    flags |= 4;
                }
                self.u().span = e.span;
                self.emit(Op::FormatValue(flags));
            }
            ExprKind::Constant(c) => {
                let v = match c {
                    Constant::None => Value::None,
                    Constant::Bool(b) => Value::Bool(*b),
                    Constant::Int(i) => Value::Int(*i),
                    Constant::Float(f) => Value::Float(*f),
                    Constant::Str(s) => Value::str(s),
                    Constant::Bytes(b) => Value::Bytes(Rc::new(b.clone())),
                    Constant::Ellipsis => Value::Ellipsis,
                };
                self.load_const(v);
            }
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.name_index(attr);
                self.u().span = e.span;
                self.emit(Op::LoadAttr(i));
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.u().span = e.span;
                self.emit(Op::Subscr);
            }
            ExprKind::Starred(_) => return Err(err("can't use starred expression here", e.span)),
            ExprKind::Name(n) => self.name_op(n, 0),
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper] {
                    match part {
                        Some(x) => self.expr(x)?,
                        None => self.load_const(Value::None),
                    }
                }
                match step {
                    Some(x) => {
                        self.expr(x)?;
                        self.emit(Op::BuildSlice(3));
                    }
                    None => {
                        self.emit(Op::BuildSlice(2));
                    }
                }
            }
        }
        Ok(())
    }

    /// kind: 0 list, 1 set, 2 tuple.
    fn sequence(&mut self, elts: &'a [Expr], kind: u8) -> CResult<()> {
        let has_star = elts.iter().any(|e| matches!(e.kind, ExprKind::Starred(_)));
        if !has_star {
            for x in elts {
                self.expr(x)?;
            }
            let n = elts.len() as u32;
            self.emit(match kind {
                0 => Op::BuildList(n),
                1 => Op::BuildSet(n),
                _ => Op::BuildTuple(n),
            });
            return Ok(());
        }
        self.emit(if kind == 1 {
            Op::BuildSet(0)
        } else {
            Op::BuildList(0)
        });
        for x in elts {
            match &x.kind {
                ExprKind::Starred(inner) => {
                    self.expr(inner)?;
                    self.emit(if kind == 1 {
                        Op::SetUpdate(1)
                    } else {
                        Op::ListExtend(1)
                    });
                }
                _ => {
                    self.expr(x)?;
                    self.emit(if kind == 1 {
                        Op::SetAdd(1)
                    } else {
                        Op::ListAppend(1)
                    });
                }
            }
        }
        if kind == 2 {
            self.emit(Op::ListToTuple);
        }
        Ok(())
    }

    fn call(
        &mut self,
        e: &'a Expr,
        func: &'a Expr,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> CResult<()> {
        let has_star = args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)));
        let has_kwspread = keywords.iter().any(|k| k.arg.is_none());
        if let ExprKind::Attribute { value, attr } = &func.kind {
            if !has_star && !has_kwspread && keywords.is_empty() {
                self.expr(value)?;
                let i = self.name_index(attr);
                self.u().span = func.span;
                self.emit(Op::LoadMethod(i));
                for a in args {
                    self.expr(a)?;
                }
                self.u().span = e.span;
                self.emit(Op::CallMethod(args.len() as u32));
                return Ok(());
            }
        }
        self.expr(func)?;
        if !has_star && !has_kwspread {
            for a in args {
                self.expr(a)?;
            }
            if keywords.is_empty() {
                self.u().span = e.span;
                self.emit(Op::Call(args.len() as u32));
            } else {
                let mut names = Vec::new();
                for k in keywords {
                    let name = k.arg.clone().unwrap_or_default();
                    if names.contains(&name) {
                        return Err(err(format!("keyword argument repeated: {name}"), k.span));
                    }
                    names.push(name);
                    self.expr(&k.value)?;
                }
                let ni = self.add_const(Value::tuple(
                    names.iter().map(|n| Value::Str(intern(n))).collect(),
                ));
                self.u().span = e.span;
                self.emit(Op::CallKw((args.len() + keywords.len()) as u32, ni));
            }
            return Ok(());
        }
        // General form: build a positional tuple and a keyword dict.
        self.emit(Op::BuildList(0));
        for a in args {
            match &a.kind {
                ExprKind::Starred(inner) => {
                    self.expr(inner)?;
                    self.emit(Op::ListExtend(1));
                }
                _ => {
                    self.expr(a)?;
                    self.emit(Op::ListAppend(1));
                }
            }
        }
        self.emit(Op::ListToTuple);
        let mut flags = 0;
        if !keywords.is_empty() {
            flags = 1;
            self.emit(Op::BuildMap(0));
            for k in keywords {
                match &k.arg {
                    Some(n) => {
                        self.load_const(Value::str(n));
                        self.expr(&k.value)?;
                        self.emit(Op::MapAdd(1));
                    }
                    None => {
                        self.expr(&k.value)?;
                        self.emit(Op::DictUpdate(1));
                    }
                }
            }
        }
        self.u().span = e.span;
        self.emit(Op::CallEx(flags));
        Ok(())
    }
}

fn describe(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Call { .. } => "function call",
        ExprKind::Constant(Constant::None) => "None",
        ExprKind::Constant(Constant::Bool(true)) => "True",
        ExprKind::Constant(Constant::Bool(false)) => "False",
        ExprKind::Constant(_) => "literal",
        ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Await(_) => "await expression",
        ExprKind::BoolOp { .. } => "expression",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::JoinedStr(_) => "f-string expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::GeneratorExp { .. } => "generator expression",
        _ => "expression",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile_err(src: &str) -> String {
        let m = crate::python::parse_module(src).expect("parses");
        compile_module(&m, "main.py", src)
            .expect_err("compile error")
            .message
    }

    #[test]
    fn misplaced_statements_are_syntax_errors_with_cpython_messages() {
        assert_eq!(compile_err("return 1\n"), "'return' outside function");
        assert_eq!(compile_err("break\n"), "'break' outside loop");
        assert_eq!(compile_err("continue\n"), "'continue' not properly in loop");
        assert_eq!(compile_err("await x\n"), "'await' outside function");
        assert_eq!(
            compile_err("def f():\n    await x\n"),
            "'await' outside async function"
        );
        assert_eq!(compile_err("yield 1\n"), "'yield' outside function");
        assert_eq!(
            compile_err("def f():\n    async with x:\n        pass\n"),
            "'async with' outside async function"
        );
    }

    #[test]
    fn every_instruction_has_a_span_for_the_line_table() {
        let src = "def f(a):\n    return a + 1\nprint(f(2))\n";
        let m = crate::python::parse_module(src).expect("parses");
        let code = compile_module(&m, "main.py", src).expect("compiles");
        assert_eq!(code.ops.len(), code.spans.len());
        let f = code
            .consts
            .iter()
            .find_map(|c| match c {
                Value::Code(c) => Some(c.clone()),
                _ => None,
            })
            .expect("function code");
        assert_eq!(f.argcount, 1);
        let add = f
            .ops
            .iter()
            .position(|o| matches!(o, Op::Binary(BinOp::Add)))
            .expect("add");
        assert_eq!(f.spans[add].start.line, 2);
        assert_eq!(f.spans[add].start.col, 12);
    }

    #[test]
    fn coroutine_and_generator_flags() {
        let src = "async def a():\n    pass\ndef g():\n    yield 1\nasync def ag():\n    yield 1\n";
        let m = crate::python::parse_module(src).expect("parses");
        let code = compile_module(&m, "main.py", src).expect("compiles");
        let flags: Vec<(String, u32)> = code
            .consts
            .iter()
            .filter_map(|c| match c {
                Value::Code(c) => Some((
                    c.name.s.clone(),
                    c.flags & (FLAG_COROUTINE | FLAG_GENERATOR | FLAG_ASYNC_GEN),
                )),
                _ => None,
            })
            .collect();
        assert_eq!(
            flags,
            vec![
                ("a".into(), FLAG_COROUTINE),
                ("g".into(), FLAG_GENERATOR),
                ("ag".into(), FLAG_ASYNC_GEN)
            ]
        );
    }
}
