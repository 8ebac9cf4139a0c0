//! In the browser: the whole page mounts, charts its example on the virtual clock,
//! and re-charts when the example or the text changes.
#![cfg(target_arch = "wasm32")]

use awaitscope::web::examples::{find, DEFAULT};
use awaitscope::web::share::Fragment;
use awaitscope::web::{App, AppProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlSelectElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element in the document for one test to mount into.
fn fresh_root() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

fn text_of(root: &Element, selector: &str) -> Option<String> {
    root.query_selector(selector)
        .unwrap()
        .map(|e| e.text_content().unwrap_or_default())
}

/// Waits (up to 20 s: debug wasm is slow) until the chart's text satisfies `done`.
async fn chart_when(root: &Element, done: impl Fn(&str) -> bool) -> String {
    for _ in 0..1000 {
        yew::scheduler::flush().await;
        if let Some(text) = text_of(root, ".timeline svg") {
            if done(&text) {
                return text;
            }
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
    panic!(
        "the chart never got there; it shows: {:?}",
        text_of(root, ".timeline")
    );
}

/// The element `selector` finds under `root`, as the type the test needs.
fn element<T: JsCast>(root: &Element, selector: &str) -> T {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .dyn_into()
        .unwrap_or_else(|_| panic!("{selector} is not the expected kind of element"))
}

fn mount(fragment: Fragment) -> Element {
    let root = fresh_root();
    yew::Renderer::<App>::with_root_and_props(
        root.clone(),
        AppProps {
            fragment: Some(fragment),
            ..AppProps::default()
        },
    )
    .render();
    root
}

#[wasm_bindgen_test]
async fn app_opens_on_tutorial_example_2_already_charted() {
    let root = mount(Fragment::default());
    let chart = chart_when(&root, |t| t.contains("sequential")).await;
    assert!(
        chart.contains("task1()") && chart.contains("task2()"),
        "{chart}"
    );
    assert!(
        chart.contains("2.0 s concurrent vs 3.0 s sequential"),
        "{chart}"
    );

    assert_eq!(text_of(&root, "h1").as_deref(), Some("Awaitscope"));
    let picker: HtmlSelectElement = element(&root, "#example-picker");
    assert_eq!(picker.value(), DEFAULT);
    let editor: HtmlTextAreaElement = element(&root, "textarea");
    assert_eq!(editor.value(), find(DEFAULT).unwrap().source);
    let console = text_of(&root, ".console").unwrap();
    assert!(
        console.contains("Both tasks completed in 2.00 seconds"),
        "{console}"
    );
}

#[wasm_bindgen_test]
async fn picking_an_example_and_editing_rechart() {
    let root = mount(Fragment::default());
    chart_when(&root, |t| t.contains("sequential")).await;

    let picker: HtmlSelectElement = element(&root, "#example-picker");
    picker.set_value("workers");
    picker
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    let chart = chart_when(&root, |t| {
        t.contains("worker('Task 1', 5)") && t.contains("sequential")
    })
    .await;
    assert!(
        chart.contains("5.0 s concurrent vs 9.0 s sequential"),
        "{chart}"
    );

    // An edit re-runs the program (after the debounce) and redraws.
    let editor: HtmlTextAreaElement = element(&root, "textarea");
    editor.set_value(
        &editor
            .value()
            .replace("worker(\"Task 1\", 5)", "worker(\"Task 1\", 2)"),
    );
    editor
        .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    // The baseline may land a moment after the concurrent run: wait for both.
    let chart = chart_when(&root, |t| {
        t.contains("worker('Task 1', 2)") && t.contains("sequential")
    })
    .await;
    assert!(
        chart.contains("3.0 s concurrent vs 6.0 s sequential"),
        "{chart}"
    );
}

#[wasm_bindgen_test]
async fn embed_mode_shows_the_chart_and_run_only() {
    let root = mount(Fragment {
        embed: true,
        example: Some("greet-gather".into()),
        code: None,
    });
    let chart = chart_when(&root, |t| t.contains("sequential")).await;
    assert!(chart.contains("greet('Hello')"), "{chart}");
    assert!(root.query_selector("textarea").unwrap().is_none());
    assert!(root.query_selector("h1").unwrap().is_none());
    let buttons = root.query_selector_all("button").unwrap();
    let labels: Vec<String> = (0..buttons.length())
        .map(|i| buttons.item(i).unwrap().text_content().unwrap_or_default())
        .collect();
    assert!(labels.iter().any(|l| l.contains("Run")), "{labels:?}");
}
