//! The browser side: Yew components and the browser driver. Thin layers over the engine.
pub fn start() {}
