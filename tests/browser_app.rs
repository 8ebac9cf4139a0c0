//! In the browser: the Yew app mounts and shows what a person needs to see.
#![cfg(target_arch = "wasm32")]

use awaitscope::web::examples::{find, DEFAULT};
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
async fn app_opens_on_tutorial_example_2_already_charted() {
    let root = fresh_root();
    let _app = yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;

    assert_eq!(text_of(&root, "h1"), "Awaitscope");
    let picker = root
        .query_selector("#example-picker option:checked")
        .expect("a valid selector")
        .expect("an example is chosen");
    assert_eq!(picker.get_attribute("value").as_deref(), Some(DEFAULT));
    assert!(find(DEFAULT)
        .expect("the default example exists")
        .source
        .contains("await asyncio.gather(task1(), task2())"));

    let chart = text_of(&root, "svg");
    assert!(
        chart.contains("task1()") && chart.contains("task2()"),
        "{chart}"
    );
    assert!(
        chart.contains("2.0 s concurrent vs 3.0 s sequential"),
        "{chart}"
    );
}
