//! Entry point that trunk builds into the web app.
#[cfg(target_arch = "wasm32")]
fn main() {
    awaitscope::web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("awaitscope-web is the browser app: build it with `trunk build`.");
}
