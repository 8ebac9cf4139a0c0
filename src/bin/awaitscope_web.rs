//! Entry point that trunk builds into the web app.

/// Counts live heap bytes so a run that holds too much memory ends in a MemoryError
/// (checked by the VM) instead of taking the tab down.
#[global_allocator]
static ALLOCATOR: awaitscope::vm::memory::CountingAllocator =
    awaitscope::vm::memory::CountingAllocator;

#[cfg(target_arch = "wasm32")]
fn main() {
    awaitscope::web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("awaitscope-web is the browser app: build it with `trunk build`.");
}
