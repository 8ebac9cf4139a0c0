//! The browser side: the browser driver and the Yew components. Thin layers over
//! the engine (run, trace, chart); compiled only for wasm32.
//!
//! ```text
//! app        the page: wires the parts below; PageView reads what to show from the runs
//! state      the page's state and its reducer
//! bench      benchmark hooks exported to JavaScript (bench_task_switches, ...)
//! driver     runs a Session on the microtask queue: virtual or real clock, Stop, fetch()
//! editor     the program text: highlighting from the engine's lexer, line numbers, marks
//! console    stdout/stderr lines stamped with their time
//! chart_view the chart model drawn as the engine's SVG, with tooltip and click-to-source
//! chart_dom  the chart's DOM: marks under events, keyboard moves, the tooltip's place
//! chart_bench bench_draw(tasks): time to draw a big chart, for the bench script
//! table_view the same trace as a data table (screen readers)
//! toolbar    examples menu, Run/Stop, speed, table view, share link
//! files_view what aiofiles wrote into the in-page file system
//! share      the URL fragment: share links (#code=…), #example=…, #embed
//! ```

mod app;
pub mod bench;
pub mod chart_bench;
mod chart_dom;
pub mod chart_view;
pub mod console;
pub mod driver;
pub mod editor;
pub mod files_view;
pub mod share;
pub mod state;
pub mod table_view;
pub mod toolbar;

pub use crate::page::examples;
pub use app::{App, AppProps};

use wasm_bindgen::prelude::*;
use yew::AttrValue;

/// The element of Awaitscope's own page that the app mounts into.
pub const APP_ROOT_ID: &str = "awaitscope-app";

/// Mounts the full app into `#awaitscope-app`, if the page has one. On any other
/// page (a documentation site that loaded `embed.js`) it does nothing: there the
/// `<awaitscope-example>` elements call [`mount_example`].
///
/// When the page came with its first paint (`crate::page::first_paint`, inlined
/// by index.html), that stays on screen while the app renders into a hidden
/// sibling; [`reveal_live_app`] swaps them once the app has drawn its own chart.
pub fn start() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(root) = doc.get_element_by_id(APP_ROOT_ID) else {
        return;
    };
    let mount = match first_paint(&root) {
        Some(_) => match doc.create_element("div") {
            Ok(live) => {
                live.set_class_name(LIVE_PENDING_CLASS);
                let _ = root.append_child(&live);
                live
            }
            Err(_) => root,
        },
        None => root,
    };
    yew::Renderer::<App>::with_root(mount).render();
}

/// The class of the live app while the first paint still shows (hidden, laid out).
const LIVE_PENDING_CLASS: &str = "awaitscope-live-pending";

fn first_paint(root: &web_sys::Element) -> Option<web_sys::Element> {
    let selector = format!(":scope > .{}", crate::page::first_paint::ROOT_CLASS);
    root.query_selector(&selector).ok().flatten()
}

/// The live app has drawn its first chart: it replaces the first paint. Does
/// nothing when there is none (an embedded app, a later chart).
pub(crate) fn reveal_live_app() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(APP_ROOT_ID));
    let Some(root) = root else { return };
    if let Some(first) = first_paint(&root) {
        first.remove();
    }
    if let Ok(Some(live)) = root.query_selector(&format!(".{LIVE_PENDING_CLASS}")) {
        live.set_class_name("");
    }
}

/// Mounts an embedded example (chart and Run button) into `element`: the
/// built-in example `example` if it names one, else the program `source`.
/// `app_url` is Awaitscope's own page (for "Open in Awaitscope").
/// Called by `embed.js` for every `<awaitscope-example>` element.
#[wasm_bindgen]
pub fn mount_example(element: web_sys::Element, example: String, source: String, app_url: String) {
    let fragment = share::Fragment {
        embed: true,
        example: examples::find(&example).map(|e| e.id.to_string()),
        code: None,
    };
    let source =
        (fragment.example.is_none() && !source.trim().is_empty()).then(|| AttrValue::from(source));
    yew::Renderer::<App>::with_root_and_props(
        element,
        AppProps {
            fragment: Some(fragment),
            source,
            app_url: Some(app_url.into()),
        },
    )
    .render();
}
