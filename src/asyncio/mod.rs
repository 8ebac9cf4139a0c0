//! asyncio: CPython 3.11's event loop in Rust ([`event_loop`]) and the Python
//! prelude (a port of CPython's pure-Python asyncio) that the VM runs over the
//! native module `_awaitscope`. The contract with the VM is `NATIVE.md`.

pub mod event_loop;

pub use event_loop::{EventLoop, HandleInfo, HandleRef, Ready};

/// The files of module `asyncio`, to be executed in this order in one module
/// namespace (each keeps its own file name and line numbers).
pub const ASYNCIO_PRELUDE: &[(&str, &str)] = &[
    ("exceptions.py", include_str!("prelude/exceptions.py")),
    ("events.py", include_str!("prelude/events.py")),
    ("futures.py", include_str!("prelude/futures.py")),
    ("tasks.py", include_str!("prelude/tasks.py")),
    ("timeouts.py", include_str!("prelude/timeouts.py")),
    ("taskgroups.py", include_str!("prelude/taskgroups.py")),
    ("locks.py", include_str!("prelude/locks.py")),
    ("queues.py", include_str!("prelude/queues.py")),
    ("runners.py", include_str!("prelude/runners.py")),
];

/// Module `aiohttp` (it does `import asyncio`).
pub const AIOHTTP_PRELUDE: (&str, &str) = ("aiohttp.py", include_str!("prelude/aiohttp.py"));

/// Module `aiofiles` (it does `import asyncio`).
pub const AIOFILES_PRELUDE: (&str, &str) = ("aiofiles.py", include_str!("prelude/aiofiles.py"));

/// The prelude source of a module the VM imports by name, if it is one of ours.
/// `asyncio` comes in several files: see [`ASYNCIO_PRELUDE`].
pub fn prelude_module(name: &str) -> Option<&'static [(&'static str, &'static str)]> {
    match name {
        "asyncio" => Some(ASYNCIO_PRELUDE),
        "aiohttp" => Some(std::slice::from_ref(&AIOHTTP_PRELUDE)),
        "aiofiles" => Some(std::slice::from_ref(&AIOFILES_PRELUDE)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_prelude_file_parses_with_our_parser() {
        let mut files: Vec<(&str, &str)> = ASYNCIO_PRELUDE.to_vec();
        files.push(AIOHTTP_PRELUDE);
        files.push(AIOFILES_PRELUDE);
        for (name, source) in files {
            if let Err(err) = crate::python::parse_module(source) {
                panic!("{name}: {err:?}");
            }
        }
    }

    #[test]
    fn prelude_modules_are_found_by_name() {
        assert_eq!(prelude_module("asyncio").map(<[_]>::len), Some(9));
        assert_eq!(prelude_module("aiohttp"), Some(&[AIOHTTP_PRELUDE][..]));
        assert_eq!(
            prelude_module("aiofiles").map(|f| f[0].0),
            Some("aiofiles.py")
        );
        assert!(prelude_module("json").is_none());
    }
}
