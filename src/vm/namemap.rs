//! Namespaces keyed by identifier (modules, classes, instances): insertion-ordered,
//! with interned names so lookups usually compare pointers. Small maps scan linearly;
//! large ones (module globals, big classes) keep a hash index.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::value::{Name, PyStr, Value};

thread_local! {
    static INTERNED: RefCell<HashMap<String, Name>> = RefCell::new(HashMap::new());
}

/// The shared `Rc<PyStr>` for an identifier.
pub fn intern(s: &str) -> Name {
    INTERNED.with(|m| {
        let mut m = m.borrow_mut();
        if let Some(n) = m.get(s) {
            return n.clone();
        }
        let n = Rc::new(PyStr::new(s.to_string()));
        m.insert(s.to_string(), n.clone());
        n
    })
}

const INDEX_AT: usize = 10;

#[derive(Default, Clone)]
pub struct NameMap {
    entries: Vec<(Name, Value)>,
    index: Option<HashMap<Rc<str>, usize>>,
}

fn same(a: &Name, b: &str, bp: *const PyStr) -> bool {
    std::ptr::eq(Rc::as_ptr(a), bp) || a.s == b
}

impl NameMap {
    pub fn new() -> NameMap {
        NameMap::default()
    }
    fn find(&self, key: &str, kp: *const PyStr) -> Option<usize> {
        if let Some(ix) = &self.index {
            return ix.get(key).copied();
        }
        // Pointer pass first (interned names), then by text.
        if let Some(i) = self.entries.iter().position(|(k, _)| std::ptr::eq(Rc::as_ptr(k), kp)) {
            return Some(i);
        }
        self.entries.iter().position(|(k, _)| same(k, key, kp))
    }
    pub fn get(&self, key: &Name) -> Option<&Value> {
        self.find(&key.s, Rc::as_ptr(key)).map(|i| &self.entries[i].1)
    }
    pub fn get_str(&self, key: &str) -> Option<&Value> {
        self.find(key, std::ptr::null()).map(|i| &self.entries[i].1)
    }
    pub fn insert(&mut self, key: Name, v: Value) {
        if let Some(i) = self.find(&key.s, Rc::as_ptr(&key)) {
            self.entries[i].1 = v;
            return;
        }
        if let Some(ix) = &mut self.index {
            ix.insert(Rc::from(key.s.as_str()), self.entries.len());
        }
        self.entries.push((key, v));
        if self.index.is_none() && self.entries.len() > INDEX_AT {
            self.rebuild();
        }
    }
    pub fn set_str(&mut self, key: &str, v: Value) {
        self.insert(intern(key), v)
    }
    fn rebuild(&mut self) {
        let mut ix = HashMap::with_capacity(self.entries.len() * 2);
        for (i, (k, _)) in self.entries.iter().enumerate() {
            ix.insert(Rc::from(k.s.as_str()), i);
        }
        self.index = Some(ix);
    }
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let i = self.find(key, std::ptr::null())?;
        let (_, v) = self.entries.remove(i);
        if self.index.is_some() {
            self.rebuild();
        }
        Some(v)
    }
    pub fn contains(&self, key: &str) -> bool {
        self.find(key, std::ptr::null()).is_some()
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
