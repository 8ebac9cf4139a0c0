//! Dropping deeply nested values without deep recursion.
//!
//! `a = []; for i in range(10**6): a = [a]` builds a chain a million levels deep;
//! Rust's drop glue would free it recursively and overflow the stack. Every heap
//! object that holds values releases them through [`release`], which drops them
//! right away up to [`MAX_DEPTH`] nested releases and beyond that parks them on
//! a list that the outermost release empties iteratively.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::ops::{Deref, DerefMut};

/// Nested releases that drop their contents directly (the stack cost is bounded by this).
const MAX_DEPTH: u32 = 64;

thread_local! {
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    /// Whether anything is parked (so most releases never touch `PARKED`).
    static ANY_PARKED: Cell<bool> = const { Cell::new(false) };
    static PARKED: RefCell<Vec<Box<dyn Any>>> = const { RefCell::new(Vec::new()) };
}

/// Drops `contents` (values taken out of an object being dropped), iteratively when deep.
pub fn release<T: 'static>(contents: T) {
    let depth = DEPTH.with(Cell::get);
    if depth >= MAX_DEPTH {
        // `try_with`: while the thread exits (thread-local caches of code objects
        // being dropped), the parking list may already be gone; then drop here.
        let mut contents = Some(contents);
        let _ = PARKED.try_with(|p| {
            if let Some(c) = contents.take() {
                p.borrow_mut().push(Box::new(c));
                ANY_PARKED.with(|a| a.set(true));
            }
        });
        drop(contents);
        return;
    }
    DEPTH.with(|d| d.set(depth + 1));
    drop(contents);
    if depth == 0 && ANY_PARKED.with(|a| a.replace(false)) {
        // The outermost release: free what deeper ones parked, one at a time.
        while let Some(parked) = PARKED.try_with(|p| p.borrow_mut().pop()).ok().flatten() {
            drop(parked);
        }
    }
    DEPTH.with(|d| d.set(depth));
}

/// Contents of a value (a tuple's items, a list's cell, …) that are released through
/// [`release`] when dropped. Derefs to the contents.
#[derive(Default)]
pub struct Shallow<T: Default + 'static>(pub T);

impl<T: Default + 'static> Drop for Shallow<T> {
    fn drop(&mut self) {
        release(std::mem::take(&mut self.0));
    }
}

impl<T: Default + 'static> Deref for Shallow<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Default + 'static> DerefMut for Shallow<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

impl<T: Default + std::fmt::Debug + 'static> std::fmt::Debug for Shallow<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::value::Value;

    #[test]
    fn a_million_nested_lists_drop_without_overflow() {
        // A small stack makes recursion fail fast if it comes back.
        std::thread::Builder::new()
            .stack_size(256 << 10)
            .spawn(|| {
                let mut v = Value::list(vec![]);
                for _ in 0..1_000_000 {
                    v = Value::list(vec![v]);
                }
                drop(v);
                assert_eq!(DEPTH.with(Cell::get), 0);
                assert!(PARKED.with(|p| p.borrow().is_empty()));
            })
            .unwrap()
            .join()
            .unwrap();
    }
}
