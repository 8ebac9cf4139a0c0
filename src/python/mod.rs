//! Source text → tokens → AST. Our own lexer and parser: small in wasm, CPython-style errors.
//!
//! - [`parse_module`]: a whole program → [`ast::Module`], or a [`span::SourceError`]
//!   (`SyntaxError`, `IndentationError`, `TabError`, or `NotImplementedError` for
//!   what we do not support: `match`, complex numbers, integers beyond 64 bits,
//!   `\N{...}` escapes, `from m import *`). Messages and positions follow CPython 3.11
//!   (`tools/syntax_errors.py`). Checks that CPython makes after parsing (`'return'
//!   outside function`, `'await' outside async function`, `nonlocal` at module
//!   level, …) are the compiler's.
//! - [`tokenize`]: the token stream (`NEWLINE`/`INDENT`/`DEDENT` included).
//! - [`highlight`]: byte ranges + [`token::TokenClass`] for the editor; covers every
//!   byte and never fails.
//! - [`dump_module`]: the tree in `ast.dump` format, for tests and debugging.
//!
//! Nesting is capped ([`parser::MAX_DEPTH`], [`parser::MAX_CHAIN`]), so the AST is
//! at most about 1,300 levels deep.
pub mod ast;
pub mod lexer;
pub mod parse_float;
pub mod parser;
pub mod span;
pub mod token;

pub use lexer::{highlight, tokenize};
pub use parse_float::parse_float;
pub use parser::{dump_module, parse_module};
