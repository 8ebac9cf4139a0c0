//! Awaitscope: Python asyncio programs run on CPython 3.11's event-loop algorithm,
//! traced, and drawn as a Gantt chart.
//!
//! The flow, one stage per module:
//! source → [`python`] (lex, parse) → compile → vm ↔ asyncio → [`trace`] → chart → renderers.
//! Everything here except [`web`] is plain Rust with no browser dependency.

pub mod asyncio;
pub mod chart;
pub mod compile;
pub mod fixtures;
pub mod page;
pub mod python;
pub mod run;
pub mod trace;
pub mod vm;

#[cfg(target_arch = "wasm32")]
pub mod web;
