//! Source text → tokens → AST. Our own lexer and parser: small in wasm, CPython-style errors.
pub mod ast;
pub mod span;
