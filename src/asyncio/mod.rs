//! asyncio: CPython 3.11's event loop in Rust ([`event_loop`]) and the Python
//! prelude (a port of CPython's pure-Python asyncio) that the VM runs over the
//! native module `_awaitscope`. The contract with the VM is `NATIVE.md`.

pub mod event_loop;

pub use event_loop::{EventLoop, HandleInfo, HandleRef, Ready};
