//! The chart: a trace (or two: the run and its sequential baseline) turned into
//! a Gantt chart. Plain data all the way, so the CLI's SVG and the web app's Yew
//! component draw exactly the same picture.
//!
//! ```text
//! Trace ─► model::Chart (lanes, segments, markers; summary)      Chart::from_traces
//!       ─► scene::Scene (positioned rects, lines, texts, paths)  scene::layout
//!       ─► svg::render (a self-contained SVG: the CLI)            svg::render_interactive (the page)
//! model::Chart ─► perfetto::render (Chrome Trace Event JSON: Perfetto, chrome://tracing)
//! Trace ─► table::rows (the same facts as rows, for a data table / screen readers)
//! ```
//!
//! The web app draws the same scene with [`svg::render_interactive`]: colours
//! from [`palette::css`] (included once per page, with dark mode) instead of
//! inline, tooltips as `aria-label`, the marks of lanes focusable, and
//! `data-line`/`data-col` on marks that locate an `await` (`Rect::src`). A run
//! with more than [`scene::MAX_LANES`] tasks draws the rest in one shared lane
//! (the data table, [`table`], still lists every task).
//!
//! ```
//! use awaitscope::chart::{self, Chart, ChartOptions};
//! # let trace = awaitscope::trace::Trace { mode: awaitscope::trace::RunMode::Concurrent,
//! #     tasks: vec![], events: vec![], end_time: 0.0 };
//! let chart = Chart::from_traces(&trace, None, &ChartOptions::default());
//! let scene = chart::scene::layout(&chart, 900.0);
//! let svg = chart::svg::render(&scene);
//! assert!(svg.starts_with("<svg"));
//! ```

pub mod axis;
pub mod compare;
pub mod model;
pub mod palette;
pub mod perfetto;
pub mod scene;
pub mod svg;
pub mod table;
pub mod text;

pub use model::{Chart, ChartOptions};
pub use scene::Scene;
pub use table::Row;

/// The whole pipeline in one call: both runs → a self-contained SVG `width_px` wide.
pub fn render_svg(
    concurrent: &crate::trace::Trace,
    sequential: Option<&crate::trace::Trace>,
    opts: &ChartOptions,
    width_px: f64,
) -> String {
    svg::render(&scene::layout(
        &Chart::from_traces(concurrent, sequential, opts),
        width_px,
    ))
}
