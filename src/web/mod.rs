//! The browser side: the Yew app (and later the browser driver). Thin layers over the engine;
//! compiled only for wasm32.

mod app;
pub mod examples;

pub use app::App;

/// Mounts the app into the page's `<body>`. Called by the `awaitscope-web` binary.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
