//! The built-in example programs shown in the examples menu.
//!
//! For now only tutorial program 2 of the design brief; the visualizer adds the rest.
//! The programs live as `.py` files beside this module so tests and tools can read them too.

/// One built-in example: an id for URLs and tests, a menu title, and the Python source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    pub id: &'static str,
    pub title: &'static str,
    pub source: &'static str,
}

/// Every built-in example, in menu order. The first one opens with the page.
pub const EXAMPLES: &[Example] = &[Example {
    id: "gather",
    title: "2. task1 (1 s) and task2 (2 s) under gather",
    source: GATHER,
}];

const GATHER: &str = include_str!("examples/02_gather.py");

/// The example with this id, if any.
pub fn find(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|example| example.id == id)
}
