//! The browser side: the browser driver and the Yew components. Thin layers over
//! the engine (run, trace, chart); compiled only for wasm32.
//!
//! ```text
//! app        the page: state (a reducer), toolbar, panels; wires the parts below
//! driver     runs a Session on the microtask queue: virtual or real clock, Stop, fetch()
//! editor     the program text: highlighting from the engine's lexer, line numbers, marks
//! console    stdout/stderr lines stamped with their time
//! chart_view the chart model drawn as the engine's SVG, with tooltip and click-to-source
//! chart_dom  the chart's DOM: marks under events, keyboard moves, the tooltip's place
//! chart_bench bench_draw(tasks): time to draw a big chart, for the bench script
//! table_view the same trace as a data table (screen readers)
//! ```

mod app;
pub mod chart_bench;
mod chart_dom;
pub mod chart_view;
pub mod console;
pub mod driver;
pub mod editor;
pub mod examples;
pub mod table_view;

pub use app::App;

/// Mounts the app into the page's `<body>`. Called by the `awaitscope-web` binary.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
