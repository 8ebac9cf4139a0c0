//! In the browser: the chart component draws the lanes of a real run (tutorial
//! example 2 on the engine), follows its container's width, shows tooltips on
//! hover and focus, selects an `await` on click and Enter, moves focus with the
//! arrow keys; the table view lists the same rows as the chart model.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use awaitscope::chart::scene::Src;
use awaitscope::chart::table::rows_of;
use awaitscope::chart::{Chart, ChartOptions};
use awaitscope::run::{run_virtual, RunOptions};
use awaitscope::trace::RunMode;
use awaitscope::web::chart_view::{ChartView, ChartViewProps};
use awaitscope::web::table_view::{TableView, TableViewProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, KeyboardEvent, KeyboardEventInit, MouseEvent, MouseEventInit, SvgElement};

wasm_bindgen_test_configure!(run_in_browser);

const TUTORIAL_2: &str = include_str!("conformance/tutorial/02_gather_tasks.py");

fn chart_of(source: &str) -> Rc<Chart> {
    let run = |mode| {
        run_virtual(
            source,
            &RunOptions {
                mode,
                ..RunOptions::default()
            },
        )
        .trace
    };
    Rc::new(Chart::from_traces(
        &run(RunMode::Concurrent),
        Some(&run(RunMode::Sequential)),
        &ChartOptions::default(),
    ))
}

/// The 1-based line of the first line of `source` containing `needle`.
fn line_of(source: &str, needle: &str) -> u32 {
    source
        .lines()
        .position(|l| l.contains(needle))
        .expect("the needle is in the source") as u32
        + 1
}

fn fresh_root(style: &str) -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    root.set_attribute("style", style).unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

async fn next_frame() {
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .request_animation_frame(&resolve)
            .unwrap();
    });
    JsFuture::from(frame).await.unwrap();
}

/// Lets the component measure its width and draw (a few scheduler turns and frames).
async fn settle(root: &Element, want_width: Option<&str>) {
    for _ in 0..30 {
        yew::scheduler::flush().await;
        let svg = root.query_selector("svg").unwrap();
        if svg.is_some_and(|s| {
            want_width.is_none_or(|w| s.get_attribute("width").as_deref() == Some(w))
        }) {
            return;
        }
        next_frame().await;
    }
    panic!("the chart was not drawn (width {want_width:?})");
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn num(el: &Element, attr: &str) -> f64 {
    el.get_attribute(attr).unwrap().parse().unwrap()
}

/// The lane `<g>` of a task in the first (concurrent) section, by its label.
fn lane(root: &Element, label: &str) -> Element {
    let section = one(root, "svg > g");
    all(&section, "g[data-task]")
        .into_iter()
        .find(|g| g.get_attribute("aria-label").as_deref() == Some(label))
        .unwrap_or_else(|| panic!("no lane {label}"))
}

fn mouse(el: &Element, kind: &str) {
    let init = MouseEventInit::new();
    init.set_bubbles(true);
    let r = el.get_bounding_client_rect();
    init.set_client_x((r.left() + r.width() / 2.0) as i32);
    init.set_client_y((r.top() + r.height() / 2.0) as i32);
    let event = MouseEvent::new_with_mouse_event_init_dict(kind, &init).unwrap();
    el.dispatch_event(&event).unwrap();
}

fn key(el: &Element, key: &str) {
    let init = KeyboardEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_key(key);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    el.dispatch_event(&event).unwrap();
}

fn active() -> Option<Element> {
    web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
}

fn tooltip(root: &Element) -> Option<String> {
    let tip = one(root, ".chart-tip");
    (!tip.has_attribute("hidden")).then(|| tip.text_content().unwrap_or_default())
}

struct Mounted {
    root: Element,
    selected: Rc<RefCell<Vec<Src>>>,
    _app: yew::AppHandle<ChartView>,
}

async fn mount_chart(style: &str, want_width: &str) -> Mounted {
    let root = fresh_root(style);
    let selected = Rc::new(RefCell::new(Vec::new()));
    let on_select = {
        let selected = selected.clone();
        yew::Callback::from(move |src: Src| selected.borrow_mut().push(src))
    };
    let app = yew::Renderer::<ChartView>::with_root_and_props(
        root.clone(),
        ChartViewProps {
            chart: chart_of(TUTORIAL_2),
            on_select,
        },
    )
    .render();
    settle(&root, Some(want_width)).await;
    Mounted {
        root,
        selected,
        _app: app,
    }
}

#[wasm_bindgen_test]
async fn the_chart_draws_the_lanes_waits_and_summary_of_a_run() {
    let m = await_mount(800).await;
    let root = &m.root;
    let labels: Vec<String> = all(root, "svg > g:first-of-type .as-lane-label")
        .iter()
        .map(|t| t.text_content().unwrap_or_default())
        .collect();
    assert_eq!(labels, ["main()", "task1()", "task2()"]);
    let wait = |label| {
        let bars = all(&lane(root, label), ".as-waiting");
        assert_eq!(bars.len(), 1, "{label}: one wait");
        num(&bars[0], "width")
    };
    let (w1, w2) = (wait("task1()"), wait("task2()"));
    assert!(w1 > 50.0, "{w1}");
    assert!(
        (w2 / w1 - 2.0).abs() < 0.01,
        "task2's wait is twice task1's: {w1} vs {w2}"
    );
    assert_eq!(
        one(root, ".as-summary").text_content().as_deref(),
        Some("2.0 s concurrent vs 3.0 s sequential — 1.5× faster")
    );
    let waits = all(&lane(root, "task1()"), ".as-wait-label");
    assert_eq!(waits[0].text_content().as_deref(), Some("sleep(1)"));
    // The palette's stylesheet (with dark mode) is on the page once, however many charts.
    let m2 = await_mount(500).await;
    let styles = all(
        &web_sys::window()
            .unwrap()
            .document()
            .unwrap()
            .document_element()
            .unwrap(),
        "style#awaitscope-chart-palette",
    );
    assert_eq!(styles.len(), 1);
    assert!(styles[0]
        .text_content()
        .unwrap()
        .contains("prefers-color-scheme: dark"));
    // Each chart's pattern ids are its own.
    let pattern_ids: Vec<_> = [&m.root, &m2.root]
        .iter()
        .map(|r| one(r, "pattern").id())
        .collect();
    assert_ne!(pattern_ids[0], pattern_ids[1]);
}

async fn await_mount(width: u32) -> Mounted {
    mount_chart(&format!("width:{width}px"), &width.to_string()).await
}

#[wasm_bindgen_test]
async fn the_chart_follows_its_containers_width() {
    let m = mount_chart("width:360px", "360").await;
    let svg = one(&m.root, "svg");
    assert_eq!(svg.get_attribute("width").as_deref(), Some("360"));
    // Narrow: whole-second ticks only.
    let ticks: Vec<_> = all(&m.root, ".as-axis-label")
        .iter()
        .map(|t| t.text_content().unwrap_or_default())
        .collect();
    assert_eq!(ticks, ["0", "1 s", "2 s", "3 s"]);
    m.root.set_attribute("style", "width:1100px").unwrap();
    settle(&m.root, Some("1100")).await;
    let ticks = all(&m.root, ".as-axis-label").len();
    assert!(ticks > 4, "wider: more ticks ({ticks})");
}

#[wasm_bindgen_test]
async fn hover_and_focus_show_the_tooltip_click_and_enter_select_the_await() {
    let m = await_mount(900).await;
    let root = &m.root;
    assert_eq!(tooltip(root), None);
    let bar = all(&lane(root, "task1()"), ".as-waiting").remove(0);
    mouse(&bar, "mouseover");
    let tip = tooltip(root).expect("hover shows the tooltip");
    assert!(
        tip.contains("task1(): waiting for sleep(1) from 0 s to 1 s"),
        "{tip}"
    );
    let await_line = line_of(TUTORIAL_2, "await asyncio.sleep(1)");
    assert!(
        tip.contains(&format!("await at line {await_line}:")),
        "{tip}"
    );
    mouse(&one(root, ".chart-view"), "mouseleave");
    assert_eq!(tooltip(root), None);

    // A click selects the await: its line goes to on_select, the bar is marked.
    mouse(&bar, "click");
    assert_eq!(
        m.selected.borrow().as_slice(),
        [Src {
            line: await_line,
            col: 5
        }]
    );
    assert!(bar.class_list().contains("as-selected"));

    // Keyboard: focus shows the tooltip and takes the tab stop; ↓ goes to task2's lane.
    bar.dyn_ref::<SvgElement>().unwrap().focus().unwrap();
    assert_eq!(active().as_ref(), Some(&bar));
    assert_eq!(bar.get_attribute("tabindex").as_deref(), Some("0"));
    assert_eq!(all(root, "[tabindex='0']").len(), 1, "one tab stop");
    assert!(tooltip(root).expect("focus shows it").contains("sleep(1)"));
    key(&bar, "ArrowDown");
    let now = active().expect("focus moved");
    assert_eq!(
        now.parent_element()
            .unwrap()
            .get_attribute("aria-label")
            .as_deref(),
        Some("task2()")
    );
    assert!(
        now.class_list().contains("as-waiting"),
        "the nearest mark below"
    );
    key(&now, "Enter");
    let task2_line = line_of(TUTORIAL_2, "await asyncio.sleep(2)");
    assert_eq!(
        m.selected.borrow().last(),
        Some(&Src {
            line: task2_line,
            col: 5
        })
    );
    key(&now, "ArrowLeft");
    let left = active().unwrap();
    assert_ne!(left, now);
    assert_eq!(
        left.parent_element(),
        now.parent_element(),
        "← stays in the lane"
    );
    key(&left, "Escape");
    assert_eq!(tooltip(root), None);
}

#[wasm_bindgen_test]
async fn the_table_view_lists_the_models_rows_per_run() {
    let chart = chart_of(TUTORIAL_2);
    let root = fresh_root("");
    let _app = yew::Renderer::<TableView>::with_root_and_props(
        root.clone(),
        TableViewProps {
            chart: chart.clone(),
        },
    )
    .render();
    yew::scheduler::flush().await;
    let tables = all(&root, "table");
    assert_eq!(tables.len(), 2, "one per run");
    let captions: Vec<_> = all(&root, "caption")
        .iter()
        .map(|c| c.text_content().unwrap_or_default())
        .collect();
    assert!(
        captions[0].starts_with("Concurrent run: 3 tasks, 2.0 s"),
        "{captions:?}"
    );
    assert!(
        captions[1].starts_with("Sequential baseline: 3 tasks, 3.0 s"),
        "{captions:?}"
    );
    let heads: Vec<_> = all(&tables[0], "thead th[scope=col]")
        .iter()
        .map(|h| h.text_content().unwrap_or_default())
        .collect();
    assert_eq!(heads, ["Task", "State", "From", "To", "What", "Line"]);
    for (table, run) in tables.iter().zip(&chart.runs) {
        assert_eq!(all(table, "tbody tr").len(), rows_of(run).len());
        assert_eq!(all(table, "tbody th[scope=row]").len(), rows_of(run).len());
    }
    let cells = |tr: &Element| -> Vec<String> {
        all(tr, "th, td")
            .iter()
            .map(|c| c.text_content().unwrap_or_default())
            .collect()
    };
    let rows: Vec<_> = all(&tables[0], "tbody tr").iter().map(cells).collect();
    let line = line_of(TUTORIAL_2, "await asyncio.sleep(2)");
    assert!(
        rows.contains(
            &[
                "task2()",
                "waiting",
                "0 s",
                "2 s",
                "sleep(2)",
                &format!("{line}:5")
            ]
            .map(String::from)
            .to_vec()
        ),
        "{rows:?}"
    );
    let printed: Vec<_> = rows
        .iter()
        .filter(|r| r[0] == "task1()" && r[1] == "printed")
        .map(|r| (r[2].as_str(), r[4].as_str()))
        .collect();
    assert_eq!(
        printed,
        [("0 s", "Task 1 started"), ("1 s", "Task 1 finished")]
    );
}

/// A live run redraws the chart a few times a second: the focused mark keeps
/// focus, the selection stays marked, the tooltip follows its mark's new text.
#[wasm_bindgen_test]
async fn a_redraw_keeps_focus_selection_and_tooltip_on_the_same_mark() {
    let root = fresh_root("width:800px");
    let mut app = yew::Renderer::<ChartView>::with_root_and_props(
        root.clone(),
        ChartViewProps {
            chart: chart_of(TUTORIAL_2),
            on_select: yew::Callback::noop(),
        },
    )
    .render();
    settle(&root, Some("800")).await;
    let bar = all(&lane(&root, "task2()"), ".as-waiting").remove(0);
    mouse(&bar, "click");
    bar.dyn_ref::<SvgElement>().unwrap().focus().unwrap();
    let before = tooltip(&root).expect("focus shows the tooltip");
    let old_svg = one(&root, "svg");

    // The same run drawn as if still going at 4 s: a longer axis, a "now" cursor.
    let source = TUTORIAL_2;
    let run = |mode| {
        run_virtual(
            source,
            &RunOptions {
                mode,
                ..RunOptions::default()
            },
        )
        .trace
    };
    let live = Chart::from_traces(
        &run(RunMode::Concurrent),
        Some(&run(RunMode::Sequential)),
        &ChartOptions {
            now: Some(4.0),
            ..ChartOptions::default()
        },
    );
    app.update(ChartViewProps {
        chart: Rc::new(live),
        on_select: yew::Callback::noop(),
    });
    for _ in 0..10 {
        yew::scheduler::flush().await;
        next_frame().await;
    }
    let new_svg = one(&root, "svg");
    assert_ne!(new_svg, old_svg, "redrawn");
    assert!(!all(&root, ".as-now").is_empty(), "the now cursor");
    let again = all(&lane(&root, "task2()"), ".as-waiting").remove(0);
    assert_eq!(
        active().as_ref(),
        Some(&again),
        "focus is back on the same bar"
    );
    assert_eq!(again.get_attribute("tabindex").as_deref(), Some("0"));
    assert_eq!(all(&root, "[tabindex='0']").len(), 1);
    assert!(again.class_list().contains("as-selected"));
    let after = tooltip(&root).expect("the tooltip still shows");
    assert!(after.contains("task2(): waiting for sleep(2)"), "{after}");
    assert_eq!(after, before, "this bar ended before 4 s: same text");
}
