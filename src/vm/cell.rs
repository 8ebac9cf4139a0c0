//! `RefCell` for the VM's objects: std's `RefCell` with the same API, except that
//! a failed borrow panics from one place. std's `borrow`/`borrow_mut` are
//! `#[track_caller]`, so each of the VM's ~300 borrow sites carried its own
//! panic location (16 bytes of wasm data plus code each) for a panic that
//! must never happen. The VM imports this one instead of `std::cell::RefCell`.

use std::cell::{Ref, RefMut};
use std::fmt;

#[derive(Default)]
pub struct RefCell<T: ?Sized>(std::cell::RefCell<T>);

#[cold]
#[inline(never)]
fn borrow_failed() -> ! {
    panic!("RefCell already borrowed")
}

impl<T> RefCell<T> {
    pub const fn new(value: T) -> RefCell<T> {
        RefCell(std::cell::RefCell::new(value))
    }

    pub fn into_inner(self) -> T {
        self.0.into_inner()
    }

    pub fn replace(&self, value: T) -> T {
        std::mem::replace(&mut *self.borrow_mut(), value)
    }

    pub fn take(&self) -> T
    where
        T: Default,
    {
        std::mem::take(&mut *self.borrow_mut())
    }
}

impl<T: ?Sized> RefCell<T> {
    #[inline]
    pub fn borrow(&self) -> Ref<'_, T> {
        match self.0.try_borrow() {
            Ok(r) => r,
            Err(_) => borrow_failed(),
        }
    }

    #[inline]
    pub fn borrow_mut(&self) -> RefMut<'_, T> {
        match self.0.try_borrow_mut() {
            Ok(r) => r,
            Err(_) => borrow_failed(),
        }
    }

    pub fn get_mut(&mut self) -> &mut T {
        self.0.get_mut()
    }
}

impl<T: Clone> Clone for RefCell<T> {
    fn clone(&self) -> RefCell<T> {
        RefCell::new(self.borrow().clone())
    }
}

impl<T: ?Sized + fmt::Debug> fmt::Debug for RefCell<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::RefCell;

    #[test]
    fn behaves_like_std_refcell() {
        let c = RefCell::new(vec![1, 2]);
        c.borrow_mut().push(3);
        assert_eq!(*c.borrow(), [1, 2, 3]);
        assert_eq!(c.replace(vec![9]), [1, 2, 3]);
        assert_eq!(c.take(), [9]);
        let copy = c.clone();
        copy.borrow_mut().push(4);
        assert!(c.borrow().is_empty());
        assert_eq!(copy.into_inner(), [4]);
        let two = RefCell::new(0);
        let (a, b) = (two.borrow(), two.borrow());
        assert_eq!(*a + *b, 0);
    }

    #[test]
    #[should_panic(expected = "already borrowed")]
    fn a_conflicting_borrow_still_panics() {
        let c = RefCell::new(0);
        let _reader = c.borrow();
        *c.borrow_mut() = 1;
    }
}
