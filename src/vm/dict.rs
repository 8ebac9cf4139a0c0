//! Python `dict` storage (also used for `set`/`frozenset` with unused values):
//! insertion-ordered entries plus an open-addressing index of entry positions.
//! Equality that may call Python code is done by the VM (see `Vm::dict_find`);
//! this file only stores entries and finds candidates by hash.

use super::value::Value;

const EMPTY: u32 = u32::MAX;
const DELETED: u32 = u32::MAX - 1;

#[derive(Default, Clone, Debug)]
pub struct PyDict {
    /// `None` marks a deleted entry (kept so iteration positions stay valid).
    pub entries: Vec<Option<(i64, Value, Value)>>,
    table: Vec<u32>,
    live: usize,
}

impl Drop for PyDict {
    fn drop(&mut self) {
        super::deep_drop::release(std::mem::take(&mut self.entries));
    }
}

impl PyDict {
    pub fn new() -> PyDict {
        PyDict::default()
    }
    pub fn len(&self) -> usize {
        self.live
    }
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }
    /// Table slots whose entries have this hash, in probe order.
    pub fn candidates(&self, hash: i64) -> Vec<usize> {
        let mut out = Vec::new();
        if self.table.is_empty() {
            return out;
        }
        let mask = self.table.len() - 1;
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        loop {
            let slot = self.table[i];
            if slot == EMPTY {
                return out;
            }
            if slot != DELETED {
                if let Some(Some((h, _, _))) = self.entries.get(slot as usize) {
                    if *h == hash {
                        out.push(slot as usize);
                    }
                }
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }
    /// Fast lookup for keys whose equality needs no Python code (`eq` decides).
    pub fn find_with(&self, hash: i64, eq: impl Fn(&Value) -> bool) -> Option<usize> {
        if self.table.is_empty() {
            return None;
        }
        let mask = self.table.len() - 1;
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        loop {
            let slot = self.table[i];
            if slot == EMPTY {
                return None;
            }
            if slot != DELETED {
                if let Some(Some((h, k, _))) = self.entries.get(slot as usize) {
                    if *h == hash && eq(k) {
                        return Some(slot as usize);
                    }
                }
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }
    /// Appends a new entry (the caller checked the key is absent).
    pub fn push(&mut self, hash: i64, key: Value, value: Value) {
        if (self.entries.len() + 1) * 3 >= self.table.len() * 2 {
            self.resize();
        }
        let idx = self.entries.len() as u32;
        self.entries.push(Some((hash, key, value)));
        self.live += 1;
        self.place(hash, idx);
    }
    fn place(&mut self, hash: i64, idx: u32) {
        let mask = self.table.len() - 1;
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        while self.table[i] != EMPTY {
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
        self.table[i] = idx;
    }
    fn resize(&mut self) {
        // Compact deleted entries, then rebuild the index.
        if self.live < self.entries.len() {
            self.entries.retain(|e| e.is_some());
        }
        let mut size = 8;
        while size * 2 <= (self.live + 1) * 3 {
            size *= 2;
        }
        self.table = vec![EMPTY; size];
        for i in 0..self.entries.len() {
            if let Some((h, _, _)) = &self.entries[i] {
                let h = *h;
                self.place(h, i as u32);
            }
        }
    }
    pub fn remove_at(&mut self, idx: usize) -> Option<(Value, Value)> {
        let (hash, k, v) = self.entries.get_mut(idx)?.take()?;
        self.live -= 1;
        let mask = self.table.len() - 1;
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        while self.table[i] != EMPTY {
            if self.table[i] == idx as u32 {
                self.table[i] = DELETED;
                break;
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
        if self.live == 0 {
            self.entries.clear();
            self.table.clear();
        }
        Some((k, v))
    }
    pub fn clear(&mut self) {
        *self = PyDict::new();
    }
    pub fn iter(&self) -> impl Iterator<Item = (&Value, &Value)> {
        self.entries.iter().flatten().map(|(_, k, v)| (k, v))
    }
    pub fn keys(&self) -> Vec<Value> {
        self.iter().map(|(k, _)| k.clone()).collect()
    }
    pub fn values(&self) -> Vec<Value> {
        self.iter().map(|(_, v)| v.clone()).collect()
    }
    pub fn items(&self) -> Vec<(Value, Value)> {
        self.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
    }
    pub fn value_at_mut(&mut self, idx: usize) -> Option<&mut Value> {
        self.entries.get_mut(idx)?.as_mut().map(|e| &mut e.2)
    }
    pub fn value_at(&self, idx: usize) -> Option<&Value> {
        self.entries.get(idx)?.as_ref().map(|e| &e.2)
    }
    pub fn key_at(&self, idx: usize) -> Option<&Value> {
        self.entries.get(idx)?.as_ref().map(|e| &e.1)
    }
    /// The n-th live entry at or after raw position `idx`: (raw position, key, value).
    pub fn next_from(&self, mut idx: usize) -> Option<(usize, Value, Value)> {
        while idx < self.entries.len() {
            if let Some((_, k, v)) = &self.entries[idx] {
                return Some((idx, k.clone(), v.clone()));
            }
            idx += 1;
        }
        None
    }
    pub fn last_index(&self) -> Option<usize> {
        self.entries.iter().rposition(|e| e.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_insertion_order_through_removals_and_growth() {
        let mut d = PyDict::new();
        for i in 0..100 {
            d.push(i, Value::Int(i), Value::Int(i * 2));
        }
        for i in (0..100).step_by(2) {
            let idx = d
                .find_with(i, |k| matches!(k, Value::Int(x) if *x == i))
                .expect("present");
            d.remove_at(idx);
        }
        d.push(7, Value::Int(1000), Value::None);
        assert_eq!(d.len(), 51);
        let keys: Vec<i64> = d
            .keys()
            .into_iter()
            .map(|k| if let Value::Int(i) = k { i } else { -1 })
            .collect();
        assert_eq!(keys[0], 1);
        assert_eq!(keys[49], 99);
        assert_eq!(keys[50], 1000);
        assert!(d.find_with(2, |_| true).is_none());
    }
}
