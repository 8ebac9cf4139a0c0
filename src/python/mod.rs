//! Source text → tokens → AST. Our own lexer and parser: small in wasm, CPython-style errors.
pub mod ast;
pub mod lexer;
pub mod parser;
pub mod span;
pub mod token;

pub use lexer::{highlight, tokenize};
pub use parser::{dump_module, parse_module};
