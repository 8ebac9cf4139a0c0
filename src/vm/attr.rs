//! Attribute access: instances, classes (MRO lookup, descriptors: functions,
//! properties, static/class methods, objects of user classes with `__get__`,
//! `__set__`, `__delete__`), modules, `super()`, builtin values; class creation
//! (`__build_class__`, `__set_name__`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::namemap::{intern, NameMap, PtrMap};
use super::value::*;
use super::{PyErr, PyResult, Vm};

thread_local! {
    /// Bumped whenever a class namespace changes after the class was made
    /// (`C.x = v`, `del C.x`): every lookup cache filled before is stale.
    static CLASS_EPOCH: Cell<u64> = const { Cell::new(0) };
}

/// Call after changing any class's `dict`.
pub fn classes_changed() {
    CLASS_EPOCH.with(|e| e.set(e.get() + 1));
}

/// A class's memoized lookups along its MRO, keyed by the interned name's
/// address (plus 1 for [`Vm::class_lookup_user`]): method calls and attribute
/// stores look the class chain up on every access.
/// (The key → slot map is the same map type `NameMap` indexes with: no new code.)
#[derive(Default)]
pub struct LookupCache {
    epoch: u64,
    slots: PtrMap,
    values: Vec<Option<Value>>,
    /// Whether storing an attribute on an instance is a plain namespace store:
    /// no property and no `__setattr__` along the MRO (see `Vm::plain_store`).
    plain_store: Option<bool>,
    /// Whether a data descriptor (a property, or an instance of a class with
    /// `__set__` or `__delete__`) is anywhere along the MRO (see
    /// `Class::has_data_descriptors`).
    data_descriptors: Option<bool>,
    /// Which of `__get__`, `__set__`, `__delete__` instances of this class have
    /// (see `Class::descriptor_kind`).
    descriptor_kind: Option<u8>,
}

/// Bits of [`Class::descriptor_kind`].
pub const DESCR_GET: u8 = 1;
pub const DESCR_SET: u8 = 2;
pub const DESCR_DELETE: u8 = 4;
/// A data descriptor: `__set__` or `__delete__` (CPython's `PyDescr_IsData`).
pub const DESCR_DATA: u8 = DESCR_SET | DESCR_DELETE;

impl LookupCache {
    fn reset(&mut self, epoch: u64) {
        self.slots.clear();
        self.values.clear();
        self.plain_store = None;
        self.data_descriptors = None;
        self.descriptor_kind = None;
        self.epoch = epoch;
    }
    /// The cached values (to break reference cycles when a VM ends).
    pub fn take_values(&mut self) -> Vec<Value> {
        self.slots.clear();
        let mut out = Vec::new();
        for v in self.values.drain(..) {
            out.extend(v);
        }
        out
    }
}

/// CPython 3.11's "property 'x' of 'C' object has no setter" (no name when no
/// class body gave the property one).
fn property_error(p: &PropertyObj, cls: &Class, what: &str) -> PyErr {
    let msg = match &*p.name.borrow() {
        Some(n) => format!(
            "property '{}' of '{}' object has no {what}",
            n.s, cls.qualname.s
        ),
        None => format!("property of '{}' object has no {what}", cls.qualname.s),
    };
    PyErr::new("AttributeError", msg)
}

fn cached(cls: &Class, key: usize, lookup: impl FnOnce() -> Option<Value>) -> Option<Value> {
    let epoch = CLASS_EPOCH.with(Cell::get);
    {
        let mut c = cls.lookup_cache.borrow_mut();
        if c.epoch != epoch {
            c.reset(epoch);
        } else if let Some(&i) = c.slots.get(&key) {
            return c.values[i].clone();
        }
    }
    let v = lookup();
    let mut c = cls.lookup_cache.borrow_mut();
    let i = c.values.len();
    c.slots.insert(key, i);
    c.values.push(v.clone());
    v
}

impl Class {
    /// Whether any class along the MRO holds a data descriptor (a `property`,
    /// with a setter or without): only then can the type's attribute win over an
    /// instance's own (CPython's `PyObject_GenericGetAttr`). Memoized per class;
    /// loads ask it only once `Vm::shadowed_descriptors` is set.
    #[inline]
    pub fn has_data_descriptors(&self) -> bool {
        self.memo(|c| &mut c.data_descriptors, || self.find_data_descriptors())
    }

    #[inline(never)]
    fn find_data_descriptors(&self) -> bool {
        std::iter::once(self)
            .chain(self.mro.iter().map(|c| &**c))
            .any(|c| {
                c.dict.borrow().iter().any(|(_, v)| match v {
                    Value::Property(_) => true,
                    Value::Instance(i) => i.class.borrow().descriptor_kind() & DESCR_DATA != 0,
                    _ => false,
                })
            })
    }

    /// Which of `__get__` ([`DESCR_GET`]), `__set__` ([`DESCR_SET`]) and
    /// `__delete__` ([`DESCR_DELETE`]) this class (or a base) defines: what its
    /// instances are as class attributes (CPython's `tp_descr_get`/`tp_descr_set`
    /// slots). Memoized per class; a class namespace change (`D.__set__ = f`)
    /// bumps the epoch, and with it every class's `data_descriptors` memo.
    pub fn descriptor_kind(&self) -> u8 {
        self.memo(
            |c| &mut c.descriptor_kind,
            || {
                let mut kind = 0;
                for c in std::iter::once(self).chain(self.mro.iter().map(|c| &**c)) {
                    let d = c.dict.borrow();
                    for (bit, name) in [
                        (DESCR_GET, "__get__"),
                        (DESCR_SET, "__set__"),
                        (DESCR_DELETE, "__delete__"),
                    ] {
                        if d.get_str(name).is_some() {
                            kind |= bit;
                        }
                    }
                }
                kind
            },
        )
    }

    /// One of the class's memos in `lookup_cache`, valid while the class epoch
    /// stands; `compute` runs without the cache borrowed (it may ask other memos).
    #[inline]
    fn memo<T: Copy>(
        &self,
        slot: fn(&mut LookupCache) -> &mut Option<T>,
        compute: impl FnOnce() -> T,
    ) -> T {
        let epoch = CLASS_EPOCH.with(Cell::get);
        {
            let mut c = self.lookup_cache.borrow_mut();
            if c.epoch == epoch {
                if let Some(v) = *slot(&mut c) {
                    return v;
                }
            }
        }
        let v = compute();
        let mut c = self.lookup_cache.borrow_mut();
        if c.epoch != epoch {
            c.reset(epoch);
        }
        *slot(&mut c) = Some(v);
        v
    }
}

/// `AttributeError` (the lazily made one, or an exception object of the class or a
/// subclass): what makes `__getattr__` run after a failed lookup.
fn is_attribute_error(vm: &mut Vm, e: &PyErr) -> bool {
    match e.kind() {
        super::ErrKind::New(k, _) => *k == "AttributeError",
        super::ErrKind::Exc(v) | super::ErrKind::Escaped(v) => {
            let v = v.clone();
            vm.is_instance_of_name(&v, "AttributeError")
        }
        super::ErrKind::Suspend(_) => false,
    }
}

impl Vm {
    pub fn type_of(&self, v: &Value) -> Rc<Class> {
        let t = &self.t;
        match v {
            Value::Undef | Value::None => t.none.clone(),
            Value::NotImplemented => t.notimpl.clone(),
            Value::Ellipsis => t.ellipsis.clone(),
            Value::Bool(_) => t.bool_.clone(),
            Value::Int(_) => t.int.clone(),
            Value::Float(_) => t.float.clone(),
            Value::Str(_) => t.str_.clone(),
            Value::Bytes(_) => t.bytes.clone(),
            Value::Tuple(_) => t.tuple.clone(),
            Value::List(_) => t.list.clone(),
            Value::Dict(_) => t.dict.clone(),
            Value::Set(_) => t.set.clone(),
            Value::FrozenSet(_) => t.frozenset.clone(),
            Value::Range(_) => t.range.clone(),
            Value::Slice(_) => t.slice.clone(),
            Value::Function(_) => t.function.clone(),
            Value::Native(_) => t.builtin_function.clone(),
            Value::BoundMethod(_) => t.method.clone(),
            Value::Class(_) => t.type_.clone(),
            Value::Instance(i) => i.class.borrow().clone(),
            Value::Module(_) => t.module.clone(),
            Value::Gen(g) => match g.kind {
                GenKind::Generator => t.generator.clone(),
                GenKind::Coroutine => t.coroutine.clone(),
                GenKind::AsyncGenerator => t.async_generator.clone(),
            },
            Value::Iter(_) => t.iterator.clone(),
            Value::Cell(_) => t.cell.clone(),
            Value::Code(_) => t.code.clone(),
            Value::Property(_) => t.property.clone(),
            Value::StaticMethod(_) => t.staticmethod.clone(),
            Value::ClassMethod(_) => t.classmethod.clone(),
            Value::Super(_) => t.super_.clone(),
            Value::Handle(_) => t.handle.clone(),
        }
    }

    pub fn type_name(&self, v: &Value) -> String {
        match v {
            Value::Iter(it) => super::iter::iter_type_name(&it.borrow()).to_string(),
            _ => self.type_of(v).name.s.clone(),
        }
    }

    pub fn class_lookup(&self, cls: &Rc<Class>, name: &str) -> Option<Value> {
        self.class_lookup_name(cls, &intern(name))
    }

    /// Whether `setattr` on an instance of `cls` only stores into the
    /// instance's namespace (no property, no `__setattr__`): memoized per class.
    pub(crate) fn plain_store(&self, cls: &Rc<Class>) -> bool {
        cls.memo(
            |c| &mut c.plain_store,
            || {
                self.class_lookup_user_name(cls, &self.names.setattr)
                    .is_none()
                    && !cls.has_data_descriptors()
            },
        )
    }

    pub fn class_lookup_name(&self, cls: &Rc<Class>, name: &Name) -> Option<Value> {
        if !name.interned {
            return self.class_lookup_uncached(cls, name);
        }
        cached(cls, Rc::as_ptr(name) as usize, || {
            self.class_lookup_uncached(cls, name)
        })
    }

    fn class_lookup_uncached(&self, cls: &Rc<Class>, name: &Name) -> Option<Value> {
        if let Some(v) = cls.dict.borrow().get(name) {
            return Some(v.clone());
        }
        for c in &cls.mro {
            if let Some(v) = c.dict.borrow().get(name) {
                return Some(v.clone());
            }
        }
        None
    }

    /// Lookup that ignores the natives of `object`, the builtin types and
    /// BaseException (for `__repr__`, `__eq__`, `__new__`... defined in Python).
    pub fn class_lookup_user(&self, cls: &Rc<Class>, name: &str) -> Option<Value> {
        self.class_lookup_user_name(cls, &intern(name))
    }

    pub fn class_lookup_user_name(&self, cls: &Rc<Class>, name: &Name) -> Option<Value> {
        cached(cls, Rc::as_ptr(name) as usize + 1, || {
            self.class_lookup_user_uncached(cls, name)
        })
    }

    fn class_lookup_user_uncached(&self, cls: &Rc<Class>, name: &Name) -> Option<Value> {
        for c in std::iter::once(cls).chain(cls.mro.iter()) {
            if let Some(v) = c.dict.borrow().get(name) {
                let builtin_class = Rc::ptr_eq(c, &self.t.object)
                    || (c.builtin != BuiltinType::Object
                        && matches!(&*c.module.borrow(), Value::Str(m) if m.s == "builtins"));
                if builtin_class && matches!(v, Value::Native(_)) {
                    continue;
                }
                return Some(v.clone());
            }
        }
        None
    }

    /// Native code stored into `inst`'s namespace without asking its type for a
    /// property (an exception group's `message`, `__notes__`): keeps
    /// [`Vm::shadowed_descriptors`] true to its word.
    pub(crate) fn stored_past_descriptors(&mut self, inst: &Instance) {
        self.shadowed_descriptors |= inst.class.borrow().has_data_descriptors();
    }

    pub fn is_subclass(&self, a: &Rc<Class>, b: &Rc<Class>) -> bool {
        Rc::ptr_eq(a, b) || a.mro.iter().any(|c| Rc::ptr_eq(c, b))
    }

    pub fn is_instance(&self, v: &Value, cls: &Rc<Class>) -> bool {
        let t = self.type_of(v);
        self.is_subclass(&t, cls)
    }

    pub fn is_instance_of_name(&self, v: &Value, name: &str) -> bool {
        match self.exc_classes.get(name) {
            Some(c) => self.is_instance(v, c),
            None => false,
        }
    }

    pub fn bind_descriptor(&self, v: Value, obj: &Value, cls: &Rc<Class>) -> Value {
        match v {
            Value::Function(_) => Value::BoundMethod(Rc::new(BoundMethod {
                self_: obj.clone(),
                func: v,
            })),
            Value::Native(ref n) if n.is_method => Value::BoundMethod(Rc::new(BoundMethod {
                self_: obj.clone(),
                func: v,
            })),
            Value::ClassMethod(f) => Value::BoundMethod(Rc::new(BoundMethod {
                self_: Value::Class(cls.clone()),
                func: (*f).clone(),
            })),
            Value::StaticMethod(f) => (*f).clone(),
            other => other,
        }
    }

    /// `getattr` on an instance whose type has `d` (a property or an instance)
    /// for `name`: the result when `d` is a descriptor that applies (a property,
    /// a data descriptor's `__get__`, a non-data descriptor's when the namespace
    /// lacks the name), else None.
    #[inline(never)]
    fn instance_descr_get(
        &mut self,
        obj: &Value,
        inst: &Instance,
        cls: &Rc<Class>,
        name: &Name,
        d: &Value,
    ) -> Option<PyResult<Value>> {
        let r = match d {
            Value::Property(p) => {
                if p[0].is_none() {
                    return Some(Err(property_error(p, cls, "getter")));
                }
                let g = p[0].clone();
                self.call(&g, vec![obj.clone()])
            }
            Value::Instance(di) => {
                let kind = di.class.borrow().descriptor_kind();
                // A data descriptor's `__get__` wins over the namespace; a
                // non-data descriptor's (`__get__` only) comes after it.
                if kind & DESCR_GET == 0 || (kind & DESCR_DATA == 0 && inst.dict.borrow().has(name))
                {
                    return None;
                }
                self.descr_get(d, obj.clone(), Value::Class(cls.clone()))
            }
            _ => return None,
        };
        Some(self.or_getattr_hook(r, obj, cls, name))
    }

    /// `type(d).__get__(d, obj, owner)` (`obj` None for a class's own access).
    fn descr_get(&mut self, d: &Value, obj: Value, owner: Value) -> PyResult<Value> {
        let dcls = self.type_of(d);
        let get = self.class_lookup_name(&dcls, &self.names.get.clone());
        match get {
            Some(f @ Value::Function(_)) => self.call(&f, vec![d.clone(), obj, owner]),
            Some(v) => {
                let f = self.bind_descriptor(v, d, &dcls);
                self.call(&f, vec![obj, owner])
            }
            None => Ok(d.clone()),
        }
    }

    /// `type(d).<name>(d, *args)` for `__set__`/`__delete__`; CPython's slot
    /// functions fail with a bare `AttributeError: __set__` when it is missing.
    fn descr_call(
        &mut self,
        d: &Value,
        dcls: &Rc<Class>,
        name: &Name,
        args: Vec<Value>,
    ) -> PyResult<Value> {
        match self.class_lookup_name(dcls, name) {
            Some(f @ Value::Function(_)) => {
                let mut a = Vec::with_capacity(args.len() + 1);
                a.push(d.clone());
                a.extend(args);
                self.call(&f, a)
            }
            Some(v) => {
                let f = self.bind_descriptor(v, d, dcls);
                self.call(&f, args)
            }
            None => Err(PyErr::new("AttributeError", name.s.clone())),
        }
    }

    /// `__getattr__` after an `AttributeError` of the generic lookup (a
    /// property's getter or a descriptor's `__get__` raising it), as CPython's
    /// `slot_tp_getattr_hook`.
    fn or_getattr_hook(
        &mut self,
        r: PyResult<Value>,
        obj: &Value,
        cls: &Rc<Class>,
        name: &Name,
    ) -> PyResult<Value> {
        match r {
            Err(e)
                if self
                    .class_lookup_user_name(cls, &self.names.getattr)
                    .is_some()
                    && is_attribute_error(self, &e) =>
            {
                self.getattr_hook(obj, cls, name)
            }
            r => r,
        }
    }

    /// The end of an instance's lookup: `__getattr__`, else AttributeError.
    fn getattr_hook(&mut self, obj: &Value, cls: &Rc<Class>, name: &Name) -> PyResult<Value> {
        if let Some(ga) = self.class_lookup_user_name(cls, &self.names.getattr) {
            return self.call(&ga, vec![obj.clone(), Value::Str(name.clone())]);
        }
        Err(self.no_attr(obj, &name.s))
    }

    fn no_attr(&self, obj: &Value, name: &str) -> PyErr {
        match obj {
            Value::Class(c) => PyErr::new(
                "AttributeError",
                format!("type object '{}' has no attribute '{}'", c.name.s, name),
            ),
            Value::Module(m) => PyErr::new(
                "AttributeError",
                format!("module '{}' has no attribute '{}'", m.name.s, name),
            ),
            _ => PyErr::new(
                "AttributeError",
                format!(
                    "'{}' object has no attribute '{}'",
                    self.type_name(obj),
                    name
                ),
            ),
        }
    }

    pub fn getattr(&mut self, obj: &Value, name: &Name) -> PyResult<Value> {
        match obj {
            Value::Instance(inst) => {
                // CPython's order: a data descriptor (property) of the type, then
                // the instance's namespace, then the type's other attributes. (The
                // namespace holds no property's name unless `shadowed_descriptors`.)
                let descriptors =
                    self.shadowed_descriptors && inst.class.borrow().has_data_descriptors();
                if !descriptors {
                    if let Some(v) = inst.dict.borrow().lookup(name) {
                        return Ok(v);
                    }
                }
                let cls = inst.class.borrow().clone();
                let cv = self.class_lookup_name(&cls, name);
                // (Out of line: the descriptors' code costs other loads nothing.)
                if let Some(d @ (Value::Property(_) | Value::Instance(_))) = &cv {
                    if let Some(r) = self.instance_descr_get(obj, inst, &cls, name, d) {
                        return r;
                    }
                }
                if descriptors {
                    if let Some(v) = inst.dict.borrow().lookup(name) {
                        return Ok(v);
                    }
                }
                if let Some(v) = self.exc_attr(inst, &name.s) {
                    return Ok(v);
                }
                match name.s.as_str() {
                    "__class__" => return Ok(Value::Class(cls)),
                    "__dict__" => {
                        // Live from now on (see `NameMap`): writes through it may
                        // give the namespace a property's name.
                        let d = inst.dict.borrow_mut().live_dict();
                        self.stored_past_descriptors(inst);
                        return Ok(Value::Dict(d));
                    }
                    _ => {}
                }
                if let Some(v) = cv {
                    return Ok(self.bind_descriptor(v, obj, &cls));
                }
                self.getattr_hook(obj, &cls, name)
            }
            Value::Class(c) => {
                match name.s.as_str() {
                    "__name__" => return Ok(Value::Str(c.name.clone())),
                    "__qualname__" => return Ok(Value::Str(c.qualname.clone())),
                    "__mro__" => {
                        let mut v = vec![obj.clone()];
                        v.extend(c.mro.iter().map(|x| Value::Class(x.clone())));
                        return Ok(Value::tuple(v));
                    }
                    "__bases__" => {
                        return Ok(Value::tuple(
                            c.bases.iter().map(|x| Value::Class(x.clone())).collect(),
                        ))
                    }
                    "__base__" => {
                        return Ok(c
                            .bases
                            .first()
                            .map(|x| Value::Class(x.clone()))
                            .unwrap_or(Value::None))
                    }
                    "__dict__" => {
                        let d = c.dict.borrow().clone();
                        return self.namemap_to_dict(&d);
                    }
                    "__module__" => {
                        if let Some(v) = c.dict.borrow().get_str("__module__") {
                            return Ok(v.clone());
                        }
                        return Ok(c.module.borrow().clone());
                    }
                    "__doc__" => {
                        return Ok(c
                            .dict
                            .borrow()
                            .get_str("__doc__")
                            .cloned()
                            .unwrap_or(Value::None))
                    }
                    // The class's own (3.10+: not a base's), made empty on first use.
                    "__annotations__" if !matches!(&*c.module.borrow(), Value::Str(m) if m.s == "builtins") =>
                    {
                        if let Some(v) = c.dict.borrow().get_str("__annotations__") {
                            return Ok(v.clone());
                        }
                        let d = Value::Dict(self.new_dict());
                        self.setattr(obj, name, d.clone())?;
                        return Ok(d);
                    }
                    _ => {}
                }
                match self.class_lookup_name(c, name) {
                    Some(Value::ClassMethod(f)) => Ok(Value::BoundMethod(Rc::new(BoundMethod {
                        self_: obj.clone(),
                        func: (*f).clone(),
                    }))),
                    Some(Value::StaticMethod(f)) => Ok((*f).clone()),
                    Some(d)
                        if matches!(&d, Value::Instance(di)
                            if di.class.borrow().descriptor_kind() & DESCR_GET != 0) =>
                    {
                        self.descr_get(&d, Value::None, obj.clone())
                    }
                    Some(v) => Ok(v),
                    None => {
                        // Methods of `type` itself (e.g. `cls.mro()`).
                        if name.s == "mro" {
                            let mut v = vec![obj.clone()];
                            v.extend(c.mro.iter().map(|x| Value::Class(x.clone())));
                            return Ok(Value::list(v));
                        }
                        Err(self.no_attr(obj, &name.s))
                    }
                }
            }
            Value::Module(m) => {
                if let Some(v) = m.dict.borrow().get(name) {
                    return Ok(v.clone());
                }
                match name.s.as_str() {
                    "__name__" => Ok(Value::Str(m.name.clone())),
                    "__dict__" => {
                        let d = m.dict.borrow().clone();
                        self.namemap_to_dict(&d)
                    }
                    _ => Err(self.no_attr(obj, &name.s)),
                }
            }
            Value::Super(s) => {
                let (start, target) = (&s.0, &s.1);
                let objcls = match target {
                    Value::Class(c) => c.clone(),
                    other => self.type_of(other),
                };
                let chain: Vec<Rc<Class>> = std::iter::once(objcls.clone())
                    .chain(objcls.mro.iter().cloned())
                    .collect();
                let pos = chain
                    .iter()
                    .position(|c| Rc::ptr_eq(c, start))
                    .map(|p| p + 1)
                    .unwrap_or(chain.len());
                for c in &chain[pos..] {
                    let found = c.dict.borrow().get(name).cloned();
                    if let Some(v) = found {
                        return Ok(match v {
                            Value::Function(_) | Value::Native(_) => {
                                if matches!(target, Value::Class(_)) {
                                    v
                                } else {
                                    Value::BoundMethod(Rc::new(BoundMethod {
                                        self_: target.clone(),
                                        func: v,
                                    }))
                                }
                            }
                            Value::ClassMethod(f) => Value::BoundMethod(Rc::new(BoundMethod {
                                self_: Value::Class(objcls.clone()),
                                func: (*f).clone(),
                            })),
                            Value::StaticMethod(f) => (*f).clone(),
                            Value::Property(p) => {
                                let g = p[0].clone();
                                return self.call(&g, vec![target.clone()]);
                            }
                            Value::Instance(ref di)
                                if di.class.borrow().descriptor_kind() & DESCR_GET != 0 =>
                            {
                                // (CPython's `super_getattro`: no instance when
                                // `super()` is bound to the class itself.)
                                let o = match target {
                                    Value::Class(_) => Value::None,
                                    t => t.clone(),
                                };
                                return self.descr_get(&v, o, Value::Class(objcls.clone()));
                            }
                            other => other,
                        });
                    }
                }
                Err(PyErr::new(
                    "AttributeError",
                    format!("'super' object has no attribute '{}'", name.s),
                ))
            }
            Value::Function(f) => match name.s.as_str() {
                "__name__" => Ok(Value::Str(f.name.borrow().clone())),
                "__qualname__" => Ok(Value::Str(f.qualname.borrow().clone())),
                "__module__" => Ok(f.module.borrow().clone()),
                "__doc__" => Ok(match f.dict.borrow().lookup_str("__doc__") {
                    Some(v) => v,
                    None if f.code.flags & crate::compile::FLAG_DOC != 0 => {
                        f.code.consts[0].clone()
                    }
                    None => Value::None,
                }),
                "__defaults__" => Ok(if f.defaults.is_empty() {
                    Value::None
                } else {
                    Value::tuple(f.defaults.clone())
                }),
                "__code__" => Ok(Value::Code(f.code.clone())),
                "__dict__" => Ok(Value::Dict(f.dict.borrow_mut().live_dict())),
                "__annotations__" if f.dict.borrow().lookup(name).is_none() => {
                    let d = Value::Dict(self.new_dict());
                    f.dict.borrow_mut().set_str("__annotations__", d.clone());
                    Ok(d)
                }
                _ => match f.dict.borrow().lookup(name) {
                    Some(v) => Ok(v),
                    None => Err(self.no_attr(obj, &name.s)),
                },
            },
            Value::BoundMethod(bm) => match name.s.as_str() {
                "__self__" => Ok(bm.self_.clone()),
                "__func__" => Ok(bm.func.clone()),
                _ => {
                    let f = bm.func.clone();
                    self.getattr(&f, name)
                }
            },
            Value::Native(n) => match name.s.as_str() {
                "__name__" | "__qualname__" => Ok(Value::str(n.name)),
                "__self__" => Ok(n.data.clone()),
                _ => Err(self.no_attr(obj, &name.s)),
            },
            Value::Gen(g) => match name.s.as_str() {
                "__name__" => Ok(Value::Str(g.name.clone())),
                "__qualname__" => Ok(Value::Str(g.qualname.clone())),
                "cr_running" | "gi_running" | "ag_running" => {
                    Ok(Value::Bool(g.state.get() == GenState::Running))
                }
                "cr_code" | "gi_code" | "ag_code" => Ok(Value::Code(g.code.clone())),
                "cr_frame" | "gi_frame" | "ag_frame" => Ok(if g.state.get() == GenState::Closed {
                    Value::None
                } else {
                    Value::Code(g.code.clone())
                }),
                "cr_await" | "gi_yieldfrom" => Ok(self.gen_delegate(g).unwrap_or(Value::None)),
                _ => self.type_attr(obj, name),
            },
            Value::Code(c) => match name.s.as_str() {
                "co_name" => Ok(Value::Str(c.name.clone())),
                "co_qualname" => Ok(Value::Str(c.qualname.clone())),
                "co_filename" => Ok(Value::str(&c.filename)),
                "co_firstlineno" => Ok(Value::Int(c.first_line as i64)),
                _ => Err(self.no_attr(obj, &name.s)),
            },
            Value::Property(p) => match name.s.as_str() {
                "fget" => Ok(p[0].clone()),
                "fset" => Ok(p[1].clone()),
                "fdel" => Ok(p[2].clone()),
                _ => self.type_attr(obj, name),
            },
            Value::StaticMethod(f) | Value::ClassMethod(f) if name.s == "__func__" => {
                Ok((**f).clone())
            }
            _ => self.type_attr(obj, name),
        }
    }

    /// The object a suspended generator/coroutine is delegating to (`cr_await`).
    pub fn gen_delegate(&self, g: &GenObj) -> Option<Value> {
        let fr = g.frame.borrow();
        let f = fr.as_ref()?;
        if matches!(f.code.ops.get(f.ip), Some(crate::compile::Op::Send)) {
            // (`Undef`/`NotImplemented`: a `sleep(0)` run inline, `Vm::try_sleep0`.)
            return match f.stack.last() {
                Some(Value::Undef | Value::NotImplemented) => None,
                v => v.cloned(),
            };
        }
        None
    }

    /// Attributes of builtin values: their type's methods and a few data attributes.
    fn type_attr(&mut self, obj: &Value, name: &Name) -> PyResult<Value> {
        match (obj, name.s.as_str()) {
            (_, "__class__") => return Ok(Value::Class(self.type_of(obj))),
            (Value::Int(i), "real" | "numerator") => return Ok(Value::Int(*i)),
            (Value::Int(_), "imag") => return Ok(Value::Int(0)),
            (Value::Int(_), "denominator") => return Ok(Value::Int(1)),
            (Value::Bool(b), "real" | "numerator") => return Ok(Value::Int(*b as i64)),
            (Value::Float(f), "real") => return Ok(Value::Float(*f)),
            (Value::Float(_), "imag") => return Ok(Value::Float(0.0)),
            (Value::Range(r), "start") => return Ok(Value::Int(r.start)),
            (Value::Range(r), "stop") => return Ok(Value::Int(r.stop)),
            (Value::Range(r), "step") => return Ok(Value::Int(r.step)),
            (Value::Slice(s), "start") => return Ok(s[0].clone()),
            (Value::Slice(s), "stop") => return Ok(s[1].clone()),
            (Value::Slice(s), "step") => return Ok(s[2].clone()),
            _ => {}
        }
        let cls = self.type_of(obj);
        match self.class_lookup_name(&cls, name) {
            Some(v) => Ok(self.bind_descriptor(v, obj, &cls)),
            None => Err(self.no_attr(obj, &name.s)),
        }
    }

    /// For `obj.name(...)`: (function, self) when `name` is a plain method of the
    /// type, else (Undef, bound attribute).
    pub fn load_method(&mut self, obj: Value, name: &Name) -> PyResult<(Value, Value)> {
        match &obj {
            Value::Instance(inst) if !inst.dict.borrow().has(name) => {
                let cls = inst.class.borrow().clone();
                if let Some(v @ Value::Function(_)) = self.class_lookup_name(&cls, name) {
                    return Ok((v, obj));
                }
            }
            Value::Str(_)
            | Value::List(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::Tuple(_)
            | Value::Gen(_) => {
                let cls = self.type_of(&obj);
                if let Some(v @ Value::Native(_)) = self.class_lookup_name(&cls, name) {
                    return Ok((v, obj));
                }
            }
            _ => {}
        }
        let v = self.getattr(&obj, name)?;
        Ok((Value::Undef, v))
    }

    pub fn setattr(&mut self, obj: &Value, name: &Name, v: Value) -> PyResult<()> {
        self.store_attr(obj, name, v, None)
    }

    /// `setattr` with the position hint of the storing instruction (instances).
    pub fn store_attr(
        &mut self,
        obj: &Value,
        name: &Name,
        v: Value,
        hint: Option<&std::cell::Cell<u32>>,
    ) -> PyResult<()> {
        self.store_attr_as(obj, name, v, hint, true)
    }

    /// `object.__setattr__(obj, name, v)`: the store a class's own `__setattr__`
    /// falls back on (properties still apply; that `__setattr__` is not called again).
    pub fn object_setattr(&mut self, obj: &Value, name: &Name, v: Value) -> PyResult<()> {
        self.store_attr_as(obj, name, v, None, false)
    }

    #[inline]
    fn store_attr_as(
        &mut self,
        obj: &Value,
        name: &Name,
        v: Value,
        hint: Option<&std::cell::Cell<u32>>,
        user_setattr: bool,
    ) -> PyResult<()> {
        if let Value::Instance(inst) = obj {
            // The common case, a plain namespace store (`__class__` and
            // `__dict__` are stored in `store_attr_slow`).
            if inst.exc.is_none()
                && (!matches!(name.s.len(), 8 | 9) || name.s != "__class__" && name.s != "__dict__")
                && self.plain_store(&inst.class.borrow())
            {
                match hint {
                    Some(h) => inst.dict.borrow_mut().insert_hinted(name, v, h),
                    None => inst.dict.borrow_mut().insert(name.clone(), v),
                }
                return Ok(());
            }
        }
        self.store_attr_slow(obj, name, v, hint, user_setattr)
    }

    #[inline(never)]
    fn store_attr_slow(
        &mut self,
        obj: &Value,
        name: &Name,
        v: Value,
        hint: Option<&std::cell::Cell<u32>>,
        user_setattr: bool,
    ) -> PyResult<()> {
        match obj {
            Value::Instance(inst) => {
                let cls = inst.class.borrow().clone();
                // A class's own __setattr__ comes first: properties are object.__setattr__'s.
                if let Some(sa) = user_setattr
                    .then(|| self.class_lookup_user_name(&cls, &self.names.setattr))
                    .flatten()
                {
                    self.call(&sa, vec![obj.clone(), Value::Str(name.clone()), v])?;
                    return Ok(());
                }
                match self.class_lookup_name(&cls, name) {
                    Some(Value::Property(p)) => {
                        if p[1].is_none() {
                            return Err(property_error(&p, &cls, "setter"));
                        }
                        let s = p[1].clone();
                        self.call(&s, vec![obj.clone(), v])?;
                        return Ok(());
                    }
                    Some(d @ Value::Instance(_)) => {
                        let dcls = self.type_of(&d);
                        if dcls.descriptor_kind() & DESCR_DATA != 0 {
                            // (Only `__delete__`: CPython's slot looks `__set__` up
                            // and fails with AttributeError: __set__.)
                            let set = self.names.set.clone();
                            self.descr_call(&d, &dcls, &set, vec![obj.clone(), v])?;
                            return Ok(());
                        }
                    }
                    _ => {}
                }
                if let Some(d) = &inst.exc {
                    let mut d = d.borrow_mut();
                    match name.s.as_str() {
                        "__cause__" => {
                            d.cause = v;
                            d.suppress_context = true;
                            return Ok(());
                        }
                        "__context__" => {
                            d.context = v;
                            return Ok(());
                        }
                        "__suppress_context__" => {
                            d.suppress_context = matches!(v, Value::Bool(true));
                            return Ok(());
                        }
                        "__traceback__" => return Ok(()),
                        "args" => {
                            drop(d);
                            let items = self.to_vec(&v)?;
                            if let Some(d) = &inst.exc {
                                d.borrow_mut().args = items;
                            }
                            return Ok(());
                        }
                        _ => {}
                    }
                }
                if name.s == "__dict__" {
                    inst.dict.borrow_mut().set_live(self.dict_arg(v)?);
                    self.stored_past_descriptors(inst);
                    return Ok(());
                }
                if name.s == "__class__" {
                    if let Value::Class(c) = v {
                        // (The instance may be a descriptor in some class's
                        // namespace: that class's memos go stale.)
                        self.shadowed_descriptors |=
                            c.has_data_descriptors() || c.descriptor_kind() & DESCR_DATA != 0;
                        *inst.class.borrow_mut() = c;
                        classes_changed();
                        return Ok(());
                    }
                }
                match hint {
                    Some(h) => inst.dict.borrow_mut().insert_hinted(name, v, h),
                    None => inst.dict.borrow_mut().insert(name.clone(), v),
                }
                Ok(())
            }
            Value::Class(c) => {
                // Instances (of it or of subclasses) may have the name already;
                // a class gaining `__set__`/`__delete__` makes its instances data
                // descriptors wherever they are class attributes.
                self.shadowed_descriptors |= match &v {
                    Value::Property(_) => true,
                    Value::Instance(i) => i.class.borrow().descriptor_kind() & DESCR_DATA != 0,
                    _ => false,
                } || name.s == "__set__"
                    || name.s == "__delete__";
                c.dict.borrow_mut().insert(name.clone(), v);
                classes_changed();
                Ok(())
            }
            Value::Module(m) => {
                m.dict.borrow_mut().insert(name.clone(), v);
                Ok(())
            }
            Value::Function(f) => {
                match name.s.as_str() {
                    "__name__" => {
                        if let Value::Str(s) = &v {
                            *f.name.borrow_mut() = intern(&s.s);
                        }
                    }
                    "__qualname__" => {
                        if let Value::Str(s) = &v {
                            *f.qualname.borrow_mut() = intern(&s.s);
                        }
                    }
                    "__module__" => *f.module.borrow_mut() = v,
                    "__dict__" => f.dict.borrow_mut().set_live(self.dict_arg(v)?),
                    _ => f.dict.borrow_mut().insert(name.clone(), v),
                }
                Ok(())
            }
            _ => Err(PyErr::new(
                "AttributeError",
                format!(
                    "'{}' object has no attribute '{}'",
                    self.type_name(obj),
                    name.s
                ),
            )),
        }
    }

    /// The dict `obj.__dict__ = v` stores (CPython's TypeError for others).
    fn dict_arg(&self, v: Value) -> PyResult<Rc<RefCell<super::dict::PyDict>>> {
        let d = match &v {
            Value::Dict(d) => Some(d.clone()),
            // (A dict subclass's instance: its dict, without the subclass.)
            Value::Instance(i) => match &*i.payload.borrow() {
                Value::Dict(d) => Some(d.clone()),
                _ => None,
            },
            _ => None,
        };
        d.ok_or_else(|| {
            let t = self.type_name(&v);
            PyErr::new(
                "TypeError",
                format!("__dict__ must be set to a dictionary, not a '{t}'"),
            )
        })
    }

    pub fn delattr(&mut self, obj: &Value, name: &Name) -> PyResult<()> {
        if let Value::Instance(inst) = obj {
            let cls = inst.class.borrow().clone();
            if let Some(da) = self.class_lookup_user(&cls, "__delattr__") {
                self.call(&da, vec![obj.clone(), Value::Str(name.clone())])?;
                return Ok(());
            }
        }
        self.object_delattr(obj, name)
    }

    /// `object.__delattr__(obj, name)`: a property's deleter, else removes from
    /// the namespace.
    pub fn object_delattr(&mut self, obj: &Value, name: &Name) -> PyResult<()> {
        if let Value::Instance(inst) = obj {
            let cls = inst.class.borrow().clone();
            if cls.has_data_descriptors() {
                // (Here whether or not `shadowed_descriptors`: not a hot path.)
                match self.class_lookup_name(&cls, name) {
                    Some(Value::Property(p)) => {
                        if p[2].is_none() {
                            return Err(property_error(&p, &cls, "deleter"));
                        }
                        let d = p[2].clone();
                        self.call(&d, vec![obj.clone()])?;
                        return Ok(());
                    }
                    Some(d @ Value::Instance(_)) => {
                        let dcls = self.type_of(&d);
                        if dcls.descriptor_kind() & DESCR_DATA != 0 {
                            // (Only `__set__`: AttributeError: __delete__.)
                            let delete = self.names.delete.clone();
                            self.descr_call(&d, &dcls, &delete, vec![obj.clone()])?;
                            return Ok(());
                        }
                    }
                    _ => {}
                }
            }
        }
        let removed = match obj {
            Value::Instance(inst) if name.s == "__dict__" => {
                // (CPython: a fresh empty `__dict__` on the next read.)
                *inst.dict.borrow_mut() = NameMap::new();
                Some(Value::None)
            }
            Value::Function(_) if name.s == "__dict__" => {
                return Err(PyErr::new("TypeError", "cannot delete __dict__"))
            }
            Value::Instance(inst) => inst.dict.borrow_mut().remove(&name.s),
            Value::Class(c) => {
                // A base's property of the name may show now (also in subclasses
                // with other bases: no cheap test says which).
                self.shadowed_descriptors = true;
                classes_changed();
                c.dict.borrow_mut().remove(&name.s)
            }
            Value::Module(m) => m.dict.borrow_mut().remove(&name.s),
            Value::Function(f) => f.dict.borrow_mut().remove(&name.s),
            _ => None,
        };
        match removed {
            Some(_) => Ok(()),
            None => Err(self.no_attr(obj, &name.s)),
        }
    }

    /// `__build_class__(body, name, *bases, **kw)`.
    pub fn build_class(&mut self, args: Args) -> PyResult<Value> {
        let mut pos = args.pos.into_iter();
        let (Some(Value::Function(body)), Some(Value::Str(name))) = (pos.next(), pos.next()) else {
            return Err(PyErr::new("TypeError", "__build_class__: bad arguments"));
        };
        let orig: Vec<Value> = pos.collect();
        let mut kw = args.kw;
        let mut bases = Vec::new();
        let mut changed = false;
        for b in &orig {
            if let Value::Class(c) = b {
                bases.push(c.clone());
                continue;
            }
            // PEP 560: `Generic[T]`, `NamedTuple` ... name the classes to derive from.
            let entries = match self.getattr(b, &intern("__mro_entries__")) {
                Ok(m) => self.call(&m, vec![Value::tuple(orig.clone())])?,
                Err(_) => {
                    let tn = self.type_name(b);
                    return Err(PyErr::new(
                        "TypeError",
                        format!("bases must be types, not {tn}"),
                    ));
                }
            };
            let Value::Tuple(entries) = entries else {
                return Err(PyErr::new(
                    "TypeError",
                    "__mro_entries__ must return a tuple",
                ));
            };
            changed = true;
            for e in entries.iter() {
                match e {
                    Value::Class(c) => bases.push(c.clone()),
                    other => {
                        let tn = self.type_name(other);
                        return Err(PyErr::new(
                            "TypeError",
                            format!("bases must be types, not {tn}"),
                        ));
                    }
                }
            }
        }
        // No metaclasses: `metaclass=type` is the default, and abc.ABCMeta names
        // the base that stands for it (`__awaitscope_base__`).
        if let Some(i) = kw.iter().position(|(k, _)| k.s == "metaclass") {
            let (_, meta) = kw.remove(i);
            match &meta {
                Value::Class(m) if Rc::ptr_eq(m, &self.t.type_) => {}
                _ => match self.getattr(&meta, &intern("__awaitscope_base__")) {
                    Ok(Value::Class(base)) => bases.push(base),
                    _ => {
                        return Err(PyErr::new(
                            "NotImplementedError",
                            "metaclasses are not supported in Awaitscope",
                        ))
                    }
                },
            }
        }
        if bases.is_empty() {
            bases.push(self.t.object.clone());
        }
        for b in &bases {
            if b.builtin == BuiltinType::Bool || b.builtin == BuiltinType::NoneType {
                return Err(PyErr::new(
                    "TypeError",
                    format!("type '{}' is not an acceptable base type", b.name.s),
                ));
            }
        }
        let ns = Rc::new(RefCell::new(NameMap::new()));
        let mut frame = self.bind_args(&body, Vec::new(), Vec::new())?;
        frame.ns = Some(ns.clone());
        let cell = self.run_frame_native(frame)?;
        let mut dict = ns.borrow().clone();
        let qualname = match dict.remove("__qualname__") {
            Some(Value::Str(s)) => intern(&s.s),
            _ => intern(&name.s),
        };
        if changed {
            dict.set_str("__orig_bases__", Value::tuple(orig));
        }
        // `type.__new__` makes these two implicit classmethods.
        for hook in ["__init_subclass__", "__class_getitem__"] {
            if let Some(f @ Value::Function(_)) = dict.get_str(hook).cloned() {
                dict.set_str(hook, Value::ClassMethod(Rc::new(Shallow(f))));
            }
        }
        let module = dict.get_str("__module__").cloned().unwrap_or(Value::None);
        let tmp = super::types::make_class(&name.s, bases, BuiltinType::Object, dict)
            .map_err(|m| PyErr::new("TypeError", m))?;
        let cls = Rc::new(Class {
            name: tmp.name.clone(),
            qualname,
            module: RefCell::new(module),
            bases: tmp.bases.clone(),
            mro: tmp.mro.clone(),
            dict: RefCell::new(tmp.dict.borrow().clone()),
            builtin: tmp.builtin,
            is_exception: tmp.is_exception,
            lookup_cache: Default::default(),
        });
        if let Value::Cell(c) = cell {
            *c.borrow_mut() = Value::Class(cls.clone());
        }
        self.finish_class(&cls, kw)?;
        Ok(Value::Class(cls))
    }

    /// The end of `type.__new__`: `__set_name__` on the namespace's values, then the
    /// nearest base's `__init_subclass__(**kw)`.
    pub fn finish_class(&mut self, cls: &Rc<Class>, kw: Vec<(Name, Value)>) -> PyResult<()> {
        self.set_names(cls)?;
        let clsv = Value::Class(cls.clone());
        let hook = cls
            .mro
            .iter()
            .find_map(|c| c.dict.borrow().get_str("__init_subclass__").cloned());
        match hook.map(|h| match h {
            Value::ClassMethod(f) => (*f).clone(),
            other => other,
        }) {
            Some(f) if !matches!(f, Value::Native(_)) => {
                self.call_kw(&f, vec![clsv], kw)?;
            }
            _ if !kw.is_empty() => {
                return Err(PyErr::new(
                    "TypeError",
                    format!(
                        "{}.__init_subclass__() takes no keyword arguments",
                        cls.name.s
                    ),
                ))
            }
            _ => {}
        }
        Ok(())
    }

    /// `type.__new__`'s `__set_name__(owner, name)` calls on the class namespace's
    /// values, in namespace order, once the class exists; a failure is 3.11's
    /// RuntimeError "Error calling __set_name__ on 'D' instance 'x' in 'C'" from it.
    /// (Properties learn their names in `make_class`.)
    pub fn set_names(&mut self, cls: &Rc<Class>) -> PyResult<()> {
        let set_name = self.names.set_name.clone();
        let items: Vec<(Name, Value)> = cls
            .dict
            .borrow()
            .iter()
            .filter(|(_, v)| matches!(v, Value::Instance(_)))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (k, v) in items {
            let vcls = self.type_of(&v);
            let Some(f) = self.class_lookup_user_name(&vcls, &set_name) else {
                continue;
            };
            let f = self.bind_descriptor(f, &v, &vcls);
            let args = vec![Value::Class(cls.clone()), Value::Str(k.clone())];
            if let Err(e) = self.call(&f, args) {
                if matches!(e.kind(), super::ErrKind::Suspend(_)) {
                    return Err(e);
                }
                let cause = self.materialize(e);
                let msg = format!(
                    "Error calling __set_name__ on '{}' instance {} in '{}'",
                    vcls.name.s,
                    self.repr(&Value::Str(k))?,
                    cls.name.s
                );
                let exc = self.make_exc("RuntimeError", &msg);
                if let Value::Instance(i) = &exc {
                    if let Some(d) = &i.exc {
                        let mut d = d.borrow_mut();
                        d.cause = cause.clone();
                        d.context = cause;
                        d.suppress_context = true;
                    }
                }
                return Err(PyErr::exc(exc));
            }
        }
        Ok(())
    }

    /// Zero-argument `super()`: the `__class__` cell and first argument of the caller.
    pub fn make_super(&mut self, args: &[Value]) -> PyResult<Value> {
        if let [Value::Class(c), obj] = args {
            return Ok(Value::Super(Rc::new((c.clone(), obj.clone()))));
        }
        let Some(f) = self.frames.last() else {
            return Err(PyErr::new("RuntimeError", "super(): no arguments"));
        };
        let code = &f.code;
        let ncell = code.cellvars.len();
        let cls = code
            .freevars
            .iter()
            .position(|n| n.s == "__class__")
            .and_then(|i| f.cells.get(ncell + i))
            .map(|c| c.borrow().clone());
        let Some(Value::Class(cls)) = cls else {
            return Err(PyErr::new(
                "RuntimeError",
                "super(): __class__ cell not found",
            ));
        };
        if code.argcount == 0 {
            return Err(PyErr::new("RuntimeError", "super(): no arguments"));
        }
        let mut obj = f.locals.first().cloned().unwrap_or_default();
        if let Some((ci, _)) = code.cell_args.iter().find(|(_, pi)| *pi == 0) {
            obj = f
                .cells
                .get(*ci as usize)
                .map(|c| c.borrow().clone())
                .unwrap_or_default();
        }
        if obj.is_undef() {
            return Err(PyErr::new("RuntimeError", "super(): arg[0] deleted"));
        }
        Ok(Value::Super(Rc::new((cls, obj))))
    }
}
