//! Namespaces keyed by identifier (modules, classes, instances): insertion-ordered.
//! Keys are always the canonical interned `Rc<PyStr>`, so lookups compare and
//! hash pointers; small maps scan linearly, large ones keep a pointer index.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

use super::dict::PyDict;
use super::value::{Name, PyStr, Value};

thread_local! {
    static INTERNED: RefCell<HashMap<String, Name, BuildHasherDefault<StrHasher>>> =
        RefCell::new(HashMap::default());
}

/// Fx-style hashing of identifiers, 8 bytes at a time: `intern` runs on every
/// lookup by `&str` from native code, where SipHash showed in profiles.
#[derive(Default)]
pub struct StrHasher(u64);

impl Hasher for StrHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ *b as u64).wrapping_mul(K);
        }
    }
}

/// Interned special names that hot paths look up (interning a `&str` hashes it).
pub struct Names {
    pub name: Name,
    pub await_: Name,
    pub getattr: Name,
    pub setattr: Name,
    // The descriptor protocol (attr.rs).
    pub get: Name,
    pub set: Name,
    pub delete: Name,
    pub set_name: Name,
    pub new_: Name,
    pub init: Name,
    /// The metaclass `__subclasscheck__` that typing/abc classes provide (no metaclasses).
    pub subclass_hook: Name,
    // The native `Task._step` (task_step.rs).
    pub step: Name,
    pub state: Name,
    pub pending: Name,
    pub must_cancel: Name,
    pub coro: Name,
    pub fut_waiter: Name,
    pub current_task: Name,
    pub trace_id: Name,
    pub step_cb: Name,
    pub step_yielded: Name,
    pub step_raised: Name,
    pub step_returned: Name,
}

impl Names {
    pub fn new() -> Names {
        Names {
            name: intern("__name__"),
            await_: intern("__await__"),
            getattr: intern("__getattr__"),
            setattr: intern("__setattr__"),
            get: intern("__get__"),
            set: intern("__set__"),
            delete: intern("__delete__"),
            set_name: intern("__set_name__"),
            new_: intern("__new__"),
            init: intern("__init__"),
            subclass_hook: intern("__awaitscope_subclasscheck__"),
            step: intern("_step"),
            state: intern("_state"),
            pending: intern("_PENDING"),
            must_cancel: intern("_must_cancel"),
            coro: intern("_coro"),
            fut_waiter: intern("_fut_waiter"),
            current_task: intern("_current_task"),
            trace_id: intern("_trace_id"),
            step_cb: intern("_step_cb"),
            step_yielded: intern("_step_yielded"),
            step_raised: intern("_step_raised"),
            step_returned: intern("_step_returned"),
        }
    }
}

impl Default for Names {
    fn default() -> Self {
        Names::new()
    }
}

/// The shared `Rc<PyStr>` for an identifier.
pub fn intern(s: &str) -> Name {
    INTERNED.with(|m| {
        let mut m = m.borrow_mut();
        if let Some(n) = m.get(s) {
            return n.clone();
        }
        let mut p = PyStr::new(s.to_string());
        p.interned = true;
        let n = Rc::new(p);
        m.insert(s.to_string(), n.clone());
        n
    })
}

fn canonical(n: &Name) -> Name {
    if n.interned {
        n.clone()
    } else {
        intern(&n.s)
    }
}

/// A fast hasher for pointer keys (Fx-style multiply).
#[derive(Default)]
pub struct PtrHasher(u64);

impl Hasher for PtrHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(5) ^ *b as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0.rotate_left(5) ^ n as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

pub type PtrMap = HashMap<usize, usize, BuildHasherDefault<PtrHasher>>;

/// Maps with more entries than this keep a hash index (instances of the
/// prelude's `Task`, 12 attributes, do not: their lookups are hinted).
const INDEX_AT: usize = 16;

/// A namespace. An instance's (or function's) becomes *live* the first time its
/// `__dict__` is read ([`NameMap::live_dict`]): its entries move into that dict
/// object, which from then on is the storage (`entries` stays empty), so writes
/// through the dict and attribute stores see each other, and `obj.__dict__ is
/// obj.__dict__`. Objects whose `__dict__` is never read keep the pointer-keyed
/// entries; a live map is reached only after a miss there ([`NameMap::lookup`],
/// `insert` of a new name, `remove`), so their fast paths test nothing new.
/// `get`, `get_hinted`, `get_str` and `iter` see `entries` only: code that may
/// meet a live map (instances, functions) reads through `lookup`/`has`.
/// (A clone of a live map shares its dict: none is made.)
#[derive(Default, Clone)]
pub struct NameMap {
    entries: Vec<(Name, Value)>,
    index: Option<PtrMap>,
    live: Option<Rc<RefCell<PyDict>>>,
}

/// `live_find`, trying position `hint` first and updating it.
fn live_find_hinted(d: &PyDict, key: &Name, hint: &Cell<u32>) -> Option<usize> {
    let h = hint.get() as usize;
    if matches!(d.key_at(h), Some(Value::Str(k)) if Rc::ptr_eq(k, key) || k.s == key.s) {
        return Some(h);
    }
    let i = live_find(d, &key.s)?;
    hint.set(i as u32);
    Some(i)
}

/// `insert_at`'s answer for a store into a live map (no position to hint).
const LIVE: usize = usize::MAX;

/// The position of the string key `key` in a live namespace's dict.
fn live_find(d: &PyDict, key: &str) -> Option<usize> {
    d.find_with(
        super::ops::hash_str(key),
        |k| matches!(k, Value::Str(s) if s.s == key),
    )
}

fn key_of(n: &Name) -> usize {
    Rc::as_ptr(n) as usize
}

impl Drop for NameMap {
    fn drop(&mut self) {
        super::deep_drop::release(std::mem::take(&mut self.entries));
    }
}

impl NameMap {
    pub fn new() -> NameMap {
        NameMap::default()
    }
    /// Position of the entry whose canonical key is `k`.
    fn find_ptr(&self, k: usize) -> Option<usize> {
        if let Some(ix) = &self.index {
            return ix.get(&k).copied();
        }
        self.entries.iter().position(|(n, _)| key_of(n) == k)
    }
    fn find(&self, key: &Name) -> Option<usize> {
        if key.interned {
            self.find_ptr(key_of(key))
        } else {
            self.find_ptr(key_of(&intern(&key.s)))
        }
    }
    pub fn get(&self, key: &Name) -> Option<&Value> {
        self.find(key).map(|i| &self.entries[i].1)
    }
    /// `get`, trying position `hint` first (where `key` was last found in this
    /// or a similar namespace: instances of one class fill theirs in the same
    /// order) and updating it.
    #[inline]
    pub fn get_hinted(&self, key: &Name, hint: &Cell<u32>) -> Option<&Value> {
        if let Some((k, v)) = self.entries.get(hint.get() as usize) {
            if Rc::ptr_eq(k, key) {
                return Some(v);
            }
        }
        self.get_rehint(key, hint)
    }
    /// `get_hinted` when the hint missed.
    #[inline(never)]
    fn get_rehint(&self, key: &Name, hint: &Cell<u32>) -> Option<&Value> {
        let i = self.find(key)?;
        hint.set(i as u32);
        Some(&self.entries[i].1)
    }
    /// `get_hinted`, also in a live map (the hint is then a position in its dict).
    #[inline]
    pub fn lookup_hinted(&self, key: &Name, hint: &Cell<u32>) -> Option<Value> {
        if let Some((k, v)) = self.entries.get(hint.get() as usize) {
            if Rc::ptr_eq(k, key) {
                return Some(v.clone());
            }
        }
        self.lookup_rehint(key, hint)
    }
    #[inline(never)]
    fn lookup_rehint(&self, key: &Name, hint: &Cell<u32>) -> Option<Value> {
        if let Some(d) = &self.live {
            let d = d.borrow();
            let i = live_find_hinted(&d, key, hint)?;
            return d.value_at(i).cloned();
        }
        let i = self.find(key)?;
        hint.set(i as u32);
        Some(self.entries[i].1.clone())
    }
    /// `insert` with a position hint, as in [`NameMap::get_hinted`].
    #[inline]
    pub fn insert_hinted(&mut self, key: &Name, v: Value, hint: &Cell<u32>) {
        if let Some((k, slot)) = self.entries.get_mut(hint.get() as usize) {
            if Rc::ptr_eq(k, key) {
                *slot = v;
                return;
            }
        }
        self.insert_rehint(key, v, hint);
    }
    #[inline(never)]
    fn insert_rehint(&mut self, key: &Name, v: Value, hint: &Cell<u32>) {
        if let Some(d) = &self.live {
            let mut d = d.borrow_mut();
            if let Some(slot) = live_find_hinted(&d, key, hint).and_then(|i| d.value_at_mut(i)) {
                *slot = v;
                return;
            }
        }
        let i = self.insert_at(key.clone(), v);
        if i != LIVE {
            hint.set(i as u32);
        }
    }
    /// The value of `key`, also in a live map (see [`NameMap`]).
    #[inline]
    pub fn lookup(&self, key: &Name) -> Option<Value> {
        match self.get(key) {
            Some(v) => Some(v.clone()),
            None => self.live_get(&key.s),
        }
    }
    pub fn lookup_str(&self, key: &str) -> Option<Value> {
        match self.get_str(key) {
            Some(v) => Some(v.clone()),
            None => self.live_get(key),
        }
    }
    #[inline]
    pub fn has(&self, key: &Name) -> bool {
        self.get(key).is_some() || (self.live.is_some() && self.live_get(&key.s).is_some())
    }
    #[inline(never)]
    fn live_get(&self, key: &str) -> Option<Value> {
        let d = self.live.as_ref()?.borrow();
        live_find(&d, key).and_then(|i| d.value_at(i).cloned())
    }
    /// The dict object holding this namespace from now on (made on the first call).
    pub fn live_dict(&mut self) -> Rc<RefCell<PyDict>> {
        if let Some(d) = &self.live {
            return d.clone();
        }
        let mut d = PyDict::new();
        for (k, v) in std::mem::take(&mut self.entries) {
            d.push(super::ops::hash_str(&k.s), Value::Str(k), v);
        }
        self.index = None;
        let d = Rc::new(RefCell::new(d));
        self.live = Some(d.clone());
        d
    }
    /// `obj.__dict__ = d`: `d` is the storage from now on.
    pub fn set_live(&mut self, d: Rc<RefCell<PyDict>>) {
        *self = NameMap::default();
        self.live = Some(d);
    }
    /// The string keys, also of a live map (`dir`).
    pub fn names(&self) -> Vec<String> {
        let mut v: Vec<String> = self.entries.iter().map(|(k, _)| k.s.clone()).collect();
        if let Some(d) = &self.live {
            v.extend(d.borrow().iter().filter_map(|(k, _)| match k {
                Value::Str(s) => Some(s.s.clone()),
                _ => None,
            }));
        }
        v
    }
    /// The live dict, if any (for code walking every value).
    pub fn live(&self) -> Option<&Rc<RefCell<PyDict>>> {
        self.live.as_ref()
    }
    #[inline(never)]
    fn live_insert(&mut self, key: Name, v: Value) {
        if let Some(d) = &self.live {
            let mut d = d.borrow_mut();
            match live_find(&d, &key.s) {
                Some(i) => {
                    if let Some(slot) = d.value_at_mut(i) {
                        *slot = v;
                    }
                }
                None => d.push(super::ops::hash_str(&key.s), Value::Str(key), v),
            }
        }
    }
    #[inline(never)]
    fn live_remove(&mut self, key: &str) -> Option<Value> {
        let mut d = self.live.as_ref()?.borrow_mut();
        let i = live_find(&d, key)?;
        d.remove_at(i).map(|(_, v)| v)
    }
    pub fn get_str(&self, key: &str) -> Option<&Value> {
        self.find_ptr(key_of(&intern(key)))
            .map(|i| &self.entries[i].1)
    }
    pub fn insert(&mut self, key: Name, v: Value) {
        self.insert_at(key, v);
    }
    /// `insert`, returning the entry's position.
    fn insert_at(&mut self, key: Name, v: Value) -> usize {
        let key = canonical(&key);
        if let Some(i) = self.find_ptr(key_of(&key)) {
            self.entries[i].1 = v;
            return i;
        }
        if self.live.is_some() {
            self.live_insert(key, v);
            return LIVE;
        }
        let i = self.entries.len();
        if let Some(ix) = &mut self.index {
            ix.insert(key_of(&key), i);
        }
        self.entries.push((key, v));
        if self.index.is_none() && self.entries.len() > INDEX_AT {
            self.rebuild();
        }
        i
    }
    pub fn set_str(&mut self, key: &str, v: Value) {
        self.insert(intern(key), v)
    }
    fn rebuild(&mut self) {
        let mut ix = PtrMap::default();
        ix.reserve(self.entries.len() * 2);
        for (i, (k, _)) in self.entries.iter().enumerate() {
            ix.insert(key_of(k), i);
        }
        self.index = Some(ix);
    }
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let Some(i) = self.find_ptr(key_of(&intern(key))) else {
            return self.live_remove(key);
        };
        let (_, v) = self.entries.remove(i);
        if self.index.is_some() {
            self.rebuild();
        }
        Some(v)
    }
    pub fn contains(&self, key: &str) -> bool {
        self.lookup_str(key).is_some()
    }
    pub fn iter(&self) -> impl Iterator<Item = &(Name, Value)> {
        self.entries.iter()
    }
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
