//! The browser side: the browser driver and the Yew components. Thin layers over
//! the engine (run, trace, chart); compiled only for wasm32.
//!
//! ```text
//! app        the page: state (a reducer), toolbar, panels; wires the parts below
//! bench      benchmark hooks exported to JavaScript (bench_task_switches, ...)
//! driver     runs a Session on the microtask queue: virtual or real clock, Stop, fetch()
//! editor     the program text: highlighting from the engine's lexer, line numbers, marks
//! console    stdout/stderr lines stamped with their time
//! chart_view the chart model drawn as the engine's SVG, with tooltip and click-to-source
//! table_view the same trace as a data table (screen readers)
//! ```

mod app;
pub mod bench;
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
