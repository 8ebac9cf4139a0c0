//! The builtin types and the exception hierarchy, as class objects.

use super::builtins::wr;
use std::cell::RefCell;
use std::rc::Rc;

use super::namemap::{intern, NameMap};
use super::value::{BuiltinType, Class, Module, Value};

pub struct Types {
    pub object: Rc<Class>,
    pub type_: Rc<Class>,
    pub none: Rc<Class>,
    pub bool_: Rc<Class>,
    pub int: Rc<Class>,
    pub float: Rc<Class>,
    pub str_: Rc<Class>,
    pub bytes: Rc<Class>,
    pub tuple: Rc<Class>,
    pub list: Rc<Class>,
    pub dict: Rc<Class>,
    pub set: Rc<Class>,
    pub frozenset: Rc<Class>,
    pub range: Rc<Class>,
    pub slice: Rc<Class>,
    pub function: Rc<Class>,
    pub builtin_function: Rc<Class>,
    pub method: Rc<Class>,
    pub module: Rc<Class>,
    pub generator: Rc<Class>,
    pub coroutine: Rc<Class>,
    pub async_generator: Rc<Class>,
    pub iterator: Rc<Class>,
    pub cell: Rc<Class>,
    pub code: Rc<Class>,
    pub property: Rc<Class>,
    pub staticmethod: Rc<Class>,
    pub classmethod: Rc<Class>,
    pub super_: Rc<Class>,
    pub notimpl: Rc<Class>,
    pub ellipsis: Rc<Class>,
    pub base_exception: Rc<Class>,
    pub handle: Rc<Class>,
}

/// Builds a class with C3 method resolution order.
pub fn make_class(
    name: &str,
    bases: Vec<Rc<Class>>,
    builtin: BuiltinType,
    dict: NameMap,
) -> Result<Rc<Class>, String> {
    let mro = c3_mro(&bases)?;
    let is_exception =
        bases.iter().any(|b| b.is_exception) || builtin == BuiltinType::BaseException;
    let builtin = if builtin == BuiltinType::Object {
        bases
            .iter()
            .map(|b| b.builtin)
            .find(|b| *b != BuiltinType::Object)
            .unwrap_or(BuiltinType::Object)
    } else {
        builtin
    };
    // `type.__new__` calls `__set_name__` on the namespace's values: a property
    // learns its name (for "property 'x' of 'C' object has no setter").
    for (k, v) in dict.iter() {
        if let Value::Property(p) = v {
            *p.name.borrow_mut() = Some(k.clone());
        }
    }
    Ok(Rc::new(Class {
        name: intern(name),
        qualname: intern(name),
        module: RefCell::new(Value::str("builtins")),
        bases,
        mro,
        dict: RefCell::new(dict),
        builtin,
        is_exception,
        lookup_cache: Default::default(),
    }))
}

/// The MRO of a class with these bases, not including the class itself.
fn c3_mro(bases: &[Rc<Class>]) -> Result<Vec<Rc<Class>>, String> {
    let mut seqs: Vec<Vec<Rc<Class>>> = bases
        .iter()
        .map(|b| {
            let mut v = vec![b.clone()];
            v.extend(b.mro.iter().cloned());
            v
        })
        .collect();
    seqs.push(bases.to_vec());
    let mut out: Vec<Rc<Class>> = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let mut found = None;
        for s in &seqs {
            let cand = &s[0];
            if !seqs
                .iter()
                .any(|t| t[1..].iter().any(|c| Rc::ptr_eq(c, cand)))
            {
                found = Some(cand.clone());
                break;
            }
        }
        let Some(c) = found else {
            return Err("Cannot create a consistent method resolution order (MRO)".into());
        };
        for s in seqs.iter_mut() {
            if Rc::ptr_eq(&s[0], &c) {
                s.remove(0);
            }
        }
        out.push(c);
    }
}

/// Exceptions of the hierarchy that live in a module, not in `builtins`: (name, module).
const NOT_BUILTINS: &[(&str, &str)] = &[("JSONDecodeError", "json.decoder")];

/// The exception hierarchy: (name, parent name).
const EXCEPTIONS: &[(&str, &str)] = &[
    ("Exception", "BaseException"),
    ("SystemExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("BaseExceptionGroup", "BaseException"),
    ("ExceptionGroup", "BaseExceptionGroup"),
    ("ArithmeticError", "Exception"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("FloatingPointError", "ArithmeticError"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    // json.decoder.JSONDecodeError: not a builtin name (see NOT_BUILTINS).
    ("JSONDecodeError", "ValueError"),
    ("TypeError", "Exception"),
    ("AttributeError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("RuntimeError", "Exception"),
    ("NotImplementedError", "RuntimeError"),
    ("RecursionError", "RuntimeError"),
    ("StopIteration", "Exception"),
    ("StopAsyncIteration", "Exception"),
    ("AssertionError", "Exception"),
    ("OSError", "Exception"),
    ("FileNotFoundError", "OSError"),
    ("FileExistsError", "OSError"),
    ("PermissionError", "OSError"),
    ("ConnectionError", "OSError"),
    ("BrokenPipeError", "ConnectionError"),
    ("ConnectionAbortedError", "ConnectionError"),
    ("ConnectionRefusedError", "ConnectionError"),
    ("ConnectionResetError", "ConnectionError"),
    ("BlockingIOError", "OSError"),
    ("ChildProcessError", "OSError"),
    ("InterruptedError", "OSError"),
    ("IsADirectoryError", "OSError"),
    ("NotADirectoryError", "OSError"),
    ("ProcessLookupError", "OSError"),
    ("TimeoutError", "OSError"),
    ("EOFError", "Exception"),
    ("MemoryError", "Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("SyntaxError", "Exception"),
    ("IndentationError", "SyntaxError"),
    ("TabError", "IndentationError"),
    ("BufferError", "Exception"),
    ("SystemError", "Exception"),
    ("ReferenceError", "Exception"),
    ("Warning", "Exception"),
    ("UserWarning", "Warning"),
    ("DeprecationWarning", "Warning"),
    ("PendingDeprecationWarning", "Warning"),
    ("RuntimeWarning", "Warning"),
    ("SyntaxWarning", "Warning"),
    ("FutureWarning", "Warning"),
    ("ImportWarning", "Warning"),
    ("UnicodeWarning", "Warning"),
    ("BytesWarning", "Warning"),
    ("ResourceWarning", "Warning"),
    ("EncodingWarning", "Warning"),
];

/// The builtin exception classes by name (looked up by every lazily raised error
/// and `except` of a builtin name): sorted by name, found by binary search. (Not a
/// HashMap: this is the only one with these key and value types, and each adds
/// its own copy of the hash table code to the wasm.)
#[derive(Default)]
pub struct ExcClasses(Vec<(&'static str, Rc<Class>)>);

impl ExcClasses {
    pub fn get(&self, name: &str) -> Option<&Rc<Class>> {
        let i = self.0.binary_search_by(|(n, _)| (*n).cmp(name)).ok()?;
        Some(&self.0[i].1)
    }
    pub fn insert(&mut self, name: &'static str, c: Rc<Class>) {
        match self.0.binary_search_by(|(n, _)| (*n).cmp(name)) {
            Ok(i) => self.0[i].1 = c,
            Err(i) => self.0.insert(i, (name, c)),
        }
    }
    pub fn drain(&mut self) -> std::vec::Drain<'_, (&'static str, Rc<Class>)> {
        self.0.drain(..)
    }
}

/// A builtin class; it cannot fail. (Not `.expect()`: that formats the `String`
/// error with `Debug`, which keeps Rust's string escaping code in the wasm.)
fn builtin_class(name: &str, bases: Vec<Rc<Class>>, bt: BuiltinType) -> Rc<Class> {
    match make_class(name, bases, bt, NameMap::new()) {
        Ok(c) => c,
        Err(m) => panic!("{m}"),
    }
}

pub fn bootstrap() -> (Types, Rc<Module>, ExcClasses) {
    let object = builtin_class("object", vec![], BuiltinType::Object);
    let mk = |name: &str, bt: BuiltinType| builtin_class(name, vec![object.clone()], bt);
    let int = mk("int", BuiltinType::Int);
    let bool_ = builtin_class("bool", vec![int.clone()], BuiltinType::Bool);
    let base_exception = mk("BaseException", BuiltinType::BaseException);
    let t = Types {
        type_: mk("type", BuiltinType::Type),
        none: mk("NoneType", BuiltinType::NoneType),
        bool_,
        int,
        float: mk("float", BuiltinType::Float),
        str_: mk("str", BuiltinType::Str),
        bytes: mk("bytes", BuiltinType::Bytes),
        tuple: mk("tuple", BuiltinType::Tuple),
        list: mk("list", BuiltinType::List),
        dict: mk("dict", BuiltinType::Dict),
        set: mk("set", BuiltinType::Set),
        frozenset: mk("frozenset", BuiltinType::FrozenSet),
        range: mk("range", BuiltinType::Range),
        slice: mk("slice", BuiltinType::Slice),
        function: mk("function", BuiltinType::Function),
        builtin_function: mk("builtin_function_or_method", BuiltinType::BuiltinFunction),
        method: mk("method", BuiltinType::Method),
        module: mk("module", BuiltinType::Module),
        generator: mk("generator", BuiltinType::Generator),
        coroutine: mk("coroutine", BuiltinType::Coroutine),
        async_generator: mk("async_generator", BuiltinType::AsyncGenerator),
        iterator: mk("iterator", BuiltinType::Iterator),
        cell: mk("cell", BuiltinType::Cell),
        code: mk("code", BuiltinType::Code),
        property: mk("property", BuiltinType::Property),
        staticmethod: mk("staticmethod", BuiltinType::StaticMethod),
        classmethod: mk("classmethod", BuiltinType::ClassMethod),
        super_: mk("super", BuiltinType::Super),
        notimpl: mk("NotImplementedType", BuiltinType::NotImplementedType),
        ellipsis: mk("ellipsis", BuiltinType::Ellipsis),
        base_exception: base_exception.clone(),
        handle: mk("Handle", BuiltinType::Object),
        object,
    };
    let builtins = Rc::new(Module {
        name: intern("builtins"),
        dict: RefCell::new(NameMap::new()),
    });
    let mut excs = ExcClasses::default();
    excs.insert("BaseException", base_exception);
    for (name, parent) in EXCEPTIONS {
        let p = excs
            .get(parent)
            .cloned()
            .expect("parent exception defined first");
        let mut bases = vec![p];
        if *name == "ExceptionGroup" {
            bases.push(excs.get("Exception").cloned().expect("Exception defined"));
        }
        let c = builtin_class(name, bases, BuiltinType::BaseException);
        excs.insert(name, c);
    }
    {
        let mut d = wr(&builtins.dict);
        for (name, c) in &excs.0 {
            match NOT_BUILTINS.iter().find(|(n, _)| n == name) {
                Some((_, module)) => *wr(&c.module) = Value::str(module),
                None => d.set_str(name, Value::Class(c.clone())),
            }
        }
        if let Some(c) = excs.get("OSError") {
            d.set_str("IOError", Value::Class(c.clone()));
            d.set_str("EnvironmentError", Value::Class(c.clone()));
        }
        for c in [
            &t.object,
            &t.type_,
            &t.bool_,
            &t.int,
            &t.float,
            &t.str_,
            &t.bytes,
            &t.tuple,
            &t.list,
            &t.dict,
            &t.set,
            &t.frozenset,
            &t.range,
            &t.slice,
            &t.property,
            &t.staticmethod,
            &t.classmethod,
            &t.super_,
        ] {
            d.set_str(&c.name.s, Value::Class(c.clone()));
        }
    }
    (t, builtins, excs)
}
