//! In the browser: the Yew app mounts and shows what a person needs to see.
#![cfg(target_arch = "wasm32")]

use awaitscope::web::examples::EXAMPLES;
use awaitscope::web::App;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element in the document for one test to mount into.
fn fresh_root() -> Element {
    let document = web_sys::window()
        .expect("a browser window")
        .document()
        .expect("a document");
    let root = document.create_element("div").expect("a div");
    document
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("the div joins the body");
    root
}

fn text_of(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .expect("a valid selector")
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn app_renders_heading_and_the_first_example() {
    let root = fresh_root();
    let _app = yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;

    assert_eq!(text_of(&root, "h1"), "Awaitscope");

    let source = text_of(&root, "pre.source");
    assert_eq!(source.trim_end(), EXAMPLES[0].source.trim_end());
    assert!(source.contains("await asyncio.gather(task1(), task2())"));

    let picker = root
        .query_selector("#example-picker option")
        .expect("a valid selector")
        .expect("the examples menu has an option");
    assert_eq!(
        picker.get_attribute("value").as_deref(),
        Some(EXAMPLES[0].id)
    );
}

#[wasm_bindgen_test]
async fn chart_region_says_plainly_that_nothing_runs_yet() {
    let root = fresh_root();
    let _app = yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;

    let note = text_of(&root, ".chart-placeholder");
    assert!(note.contains("not wired into this page yet"), "{note}");
    assert!(root
        .query_selector("svg")
        .expect("a valid selector")
        .is_none());
}
