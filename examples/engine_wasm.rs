//! The engine alone (parser, compiler, VM, asyncio prelude, trace), without the
//! chart or the Yew app, for measuring its own wasm size:
//!
//! ```sh
//! cargo build --profile wasm-release --target wasm32-unknown-unknown --example engine_wasm
//! wasm-opt -Oz target/wasm32-unknown-unknown/wasm-release/examples/engine_wasm.wasm -o /tmp/e.wasm
//! gzip -9 -c /tmp/e.wasm | wc -c        # budget: 120 KB
//! ```
//!
//! `scripts/bench.sh` does this. The program is hidden behind `black_box` so the
//! optimizer keeps all of the engine, as it must for programs typed by a person.
//!
//! The engine's modules are included by path rather than through the library:
//! on wasm32 the library also holds the web app (`src/web`), whose exported
//! functions would all be kept.
// The modules are linted where they live, as the library; here they are a bin's
// private modules, which some lints (exported-API ones) judge differently.
#![allow(dead_code, unused_imports, clippy::all)]

#[path = "../src/asyncio/mod.rs"]
mod asyncio;
#[path = "../src/compile/mod.rs"]
mod compile;
#[path = "../src/fixtures.rs"]
mod fixtures;
#[path = "../src/python/mod.rs"]
mod python;
#[path = "../src/run.rs"]
mod run;
#[path = "../src/trace/mod.rs"]
mod trace;
#[path = "../src/vm/mod.rs"]
mod vm;

use run::{run_virtual, RunOptions};

#[global_allocator]
static ALLOCATOR: vm::memory::CountingAllocator = vm::memory::CountingAllocator;

fn main() {
    let source = std::hint::black_box(include_str!("../tests/conformance/tutorial/09_workers.py"));
    let result = run_virtual(source, &RunOptions::default());
    std::hint::black_box((result.stdout, result.stderr, result.exit_code, result.trace));
}
