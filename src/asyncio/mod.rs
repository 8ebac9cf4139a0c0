//! asyncio: CPython 3.11's event loop in Rust ([`event_loop`]) and the Python
//! prelude (a port of CPython's pure-Python asyncio) that the VM runs over the
//! native module `_awaitscope`. The contract with the VM is `NATIVE.md`.

pub mod event_loop;
#[cfg(test)]
mod py_minify;

/// A prelude file as embedded: `src/asyncio/prelude/NAME` or `src/vm/pylib/NAME`
/// without comments (minified by `build.rs`, same line numbers).
macro_rules! embedded_py {
    ($name:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/py/", $name))
    };
}
pub(crate) use embedded_py;

pub use event_loop::{EventLoop, HandleInfo, HandleRef, Ready};

/// The files of module `asyncio`, to be executed in this order in one module
/// namespace (each keeps its own file name and line numbers).
pub const ASYNCIO_PRELUDE: &[(&str, &str)] = &[
    ("exceptions.py", embedded_py!("exceptions.py")),
    ("events.py", embedded_py!("events.py")),
    ("futures.py", embedded_py!("futures.py")),
    ("tasks.py", embedded_py!("tasks.py")),
    ("timeouts.py", embedded_py!("timeouts.py")),
    ("taskgroups.py", embedded_py!("taskgroups.py")),
    ("locks.py", embedded_py!("locks.py")),
    ("queues.py", embedded_py!("queues.py")),
    ("runners.py", embedded_py!("runners.py")),
];

/// Module `aiohttp` (it does `import asyncio`).
pub const AIOHTTP_PRELUDE: (&str, &str) = ("aiohttp.py", embedded_py!("aiohttp.py"));

/// Module `aiofiles` (it does `import asyncio`).
pub const AIOFILES_PRELUDE: (&str, &str) = ("aiofiles.py", embedded_py!("aiofiles.py"));

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

    const AIOHTTP_PRELUDE_SOURCE: (&str, &str) = ("aiohttp.py", include_str!("prelude/aiohttp.py"));
    const AIOFILES_PRELUDE_SOURCE: (&str, &str) =
        ("aiofiles.py", include_str!("prelude/aiofiles.py"));

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

    /// The embedded (minified) files parse to exactly the tree of the sources,
    /// positions included.
    #[test]
    fn every_minified_prelude_file_has_the_same_ast() {
        let originals = [
            ("exceptions.py", include_str!("prelude/exceptions.py")),
            ("events.py", include_str!("prelude/events.py")),
            ("futures.py", include_str!("prelude/futures.py")),
            ("tasks.py", include_str!("prelude/tasks.py")),
            ("timeouts.py", include_str!("prelude/timeouts.py")),
            ("taskgroups.py", include_str!("prelude/taskgroups.py")),
            ("locks.py", include_str!("prelude/locks.py")),
            ("queues.py", include_str!("prelude/queues.py")),
            ("runners.py", include_str!("prelude/runners.py")),
            AIOHTTP_PRELUDE_SOURCE,
            AIOFILES_PRELUDE_SOURCE,
            ("collections.py", include_str!("../vm/pylib/collections.py")),
            ("contextlib.py", include_str!("../vm/pylib/contextlib.py")),
            ("functools.py", include_str!("../vm/pylib/functools.py")),
            ("itertools.py", include_str!("../vm/pylib/itertools.py")),
            ("typing.py", include_str!("../vm/pylib/typing.py")),
            ("types.py", include_str!("../vm/pylib/types.py")),
            ("abc.py", include_str!("../vm/pylib/abc.py")),
            (
                "_collections_abc.py",
                include_str!("../vm/pylib/_collections_abc.py"),
            ),
            ("__future__.py", include_str!("../vm/pylib/__future__.py")),
            ("heapq.py", include_str!("../vm/pylib/heapq.py")),
            ("operator.py", include_str!("../vm/pylib/operator.py")),
        ];
        let embedded: Vec<(&str, &str)> = ASYNCIO_PRELUDE
            .iter()
            .copied()
            .chain([AIOHTTP_PRELUDE, AIOFILES_PRELUDE])
            .chain([
                ("collections.py", embedded_py!("collections.py")),
                ("contextlib.py", embedded_py!("contextlib.py")),
                ("functools.py", embedded_py!("functools.py")),
                ("itertools.py", embedded_py!("itertools.py")),
                ("typing.py", embedded_py!("typing.py")),
                ("types.py", embedded_py!("types.py")),
                ("abc.py", embedded_py!("abc.py")),
                ("_collections_abc.py", embedded_py!("_collections_abc.py")),
                ("__future__.py", embedded_py!("__future__.py")),
                ("heapq.py", embedded_py!("heapq.py")),
                ("operator.py", embedded_py!("operator.py")),
            ])
            .collect();
        assert_eq!(embedded.len(), originals.len());
        for ((name, original), (embedded_name, small)) in originals.iter().zip(&embedded) {
            assert_eq!(name, embedded_name);
            assert!(small.len() < original.len(), "{name} was not minified");
            assert_eq!(small.lines().count(), original.lines().count(), "{name}");
            let tree = |src: &str| {
                crate::python::parse_module(src)
                    .map(|m| crate::python::dump_module(&m, true))
                    .unwrap_or_else(|e| panic!("{name}: {e:?}"))
            };
            assert_eq!(tree(small), tree(original), "{name}");
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
