//! The heap budget: a run that holds more than [`HEAP_BUDGET`] bytes gets a
//! MemoryError instead of exhausting the machine (or the 4 GB of a wasm page).
//!
//! Single allocations are capped where they are made (`MAX_COLLECTION`,
//! `MAX_STR_BYTES`); many moderate ones (`[[0] * 10**5 for i in range(10**5)]`)
//! are caught by counting live heap bytes. The count comes from
//! [`CountingAllocator`], which each binary installs:
//!
//! ```ignore
//! #[global_allocator]
//! static ALLOCATOR: awaitscope::vm::memory::CountingAllocator = awaitscope::vm::memory::CountingAllocator;
//! ```
//!
//! Without it the count stays 0 and only the per-allocation caps apply.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// Bytes a run may hold on top of what was live when it started.
pub const HEAP_BUDGET: usize = 512 << 20;

static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);

/// The system allocator, counting the bytes it has handed out and not got back.
pub struct CountingAllocator;

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            LIVE_BYTES.fetch_add(layout.size(), Relaxed);
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            LIVE_BYTES.fetch_add(layout.size(), Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        LIVE_BYTES.fetch_sub(layout.size(), Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            LIVE_BYTES.fetch_add(new_size, Relaxed);
            LIVE_BYTES.fetch_sub(layout.size(), Relaxed);
        }
        p
    }
}

/// Live heap bytes (0 when [`CountingAllocator`] is not installed).
pub fn live_bytes() -> usize {
    LIVE_BYTES.load(Relaxed)
}
