//! Namespaces keyed by identifier (modules, classes, instances): insertion-ordered.
//! Keys are always the canonical interned `Rc<PyStr>`, so lookups compare and
//! hash pointers; small maps scan linearly, large ones keep a pointer index.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

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

#[derive(Default, Clone)]
pub struct NameMap {
    entries: Vec<(Name, Value)>,
    index: Option<PtrMap>,
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
        let i = self.insert_at(key.clone(), v);
        hint.set(i as u32);
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
        let i = self.find_ptr(key_of(&intern(key)))?;
        let (_, v) = self.entries.remove(i);
        if self.index.is_some() {
            self.rebuild();
        }
        Some(v)
    }
    pub fn contains(&self, key: &str) -> bool {
        self.get_str(key).is_some()
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
