//! What the page shows, as plain Rust shared by the web app (`web`) and the
//! build-time first paint: the built-in examples, the speeds, the source
//! highlighter, and the page's first frame as static HTML.
//!
//! ```text
//! examples     the built-in programs of the examples menu
//! highlight    Python source → highlighted HTML lines (the engine's lexer)
//! first_paint  the page's first frame (example 2 charted) as HTML, for index.html
//! throttle     how often a growing chart is rebuilt
//! ```

pub mod examples;
pub mod first_paint;
pub mod highlight;
pub mod throttle;

/// The page's heading and the line under it.
pub const TITLE: &str = "Awaitscope";
pub const TAGLINE: &str = "See how asyncio schedules your coroutines: Python asyncio programs on \
                           CPython 3.11's event loop, drawn as one lane per task.";

/// The real-time speeds offered (multiples of real time).
pub const SPEEDS: &[f64] = &[0.25, 0.5, 1.0, 2.0, 5.0, 10.0];
/// 2×: the longest tutorial program (5 s of sleeps) plays in 2.5 s — long enough to
/// watch the lanes grow, short enough not to wait.
pub const DEFAULT_SPEED: f64 = 2.0;

/// `2×`, `0.25×`.
pub fn speed_label(speed: f64) -> String {
    format!("{speed}×")
}
