//! The chart on the page: the engine's chart model laid out at the panel's width
//! and written by the engine's SVG renderer ([`svg::render_interactive`]), so the
//! page and the CLI's `--svg` draw the same picture. Interaction is delegated to
//! the wrapper (one listener per kind of event, however many marks), reading the
//! attributes the renderer writes: `aria-label` (the tooltip), `tabindex` (the
//! marks keyboard focus visits) and `data-line`/`data-col` (the `await` to select).
//! DOM details (finding marks, moving focus, placing the tooltip) are in
//! [`super::chart_dom`].
//!
//! Keyboard: Tab reaches the chart's one tab stop; ←/→ move between the marks of
//! a lane, ↑/↓ between lanes, Home/End to a lane's ends; Enter or Space selects
//! the mark's `await`; Escape hides the tooltip.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, ResizeObserver, ResizeObserverEntry};
use yew::prelude::*;

use super::chart_dom::{self as dom, Key, Move};
use crate::chart::scene::{self, Src};
use crate::chart::{palette, svg, Chart};

/// Used until the wrapper has been measured (or when it has no width: hidden).
const FALLBACK_WIDTH: u32 = 900;
/// The id of the one `<style>` element holding the chart's colours.
const STYLE_ID: &str = "awaitscope-chart-palette";

#[derive(Properties)]
pub struct ChartViewProps {
    pub chart: Rc<Chart>,
    /// A mark that locates an `await` was clicked (or Enter was pressed on it).
    #[prop_or_default]
    pub on_select: Callback<Src>,
}

/// The same `Rc` is the same chart without comparing 10,000 lanes; a rebuilt
/// chart is compared by value (an unchanged one is not drawn again).
fn same_chart(a: &Rc<Chart>, b: &Rc<Chart>) -> bool {
    Rc::ptr_eq(a, b) || a == b
}

impl PartialEq for ChartViewProps {
    fn eq(&self, other: &Self) -> bool {
        same_chart(&self.chart, &other.chart) && self.on_select == other.on_select
    }
}

/// The chart as a memo dependency, compared like the props.
#[derive(Clone)]
struct ChartDep(Rc<Chart>);

impl PartialEq for ChartDep {
    fn eq(&self, other: &Self) -> bool {
        same_chart(&self.0, &other.0)
    }
}

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// Ids inside the SVG (patterns, description) are unique per chart on the page.
fn next_id() -> String {
    let n = NEXT_ID.with(|c| {
        let n = c.get();
        c.set(n + 1);
        n
    });
    format!("awaitscope-{n}")
}

/// The palette's stylesheet (light, and dark under `prefers-color-scheme`), once per page.
fn ensure_palette_css() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if doc.get_element_by_id(STYLE_ID).is_some() {
        return;
    }
    let (Ok(style), Some(head)) = (doc.create_element("style"), doc.head()) else {
        return;
    };
    style.set_id(STYLE_ID);
    style.set_text_content(Some(&palette::css()));
    let _ = head.append_child(&style);
}

/// What survives a redraw (the SVG is replaced whenever the chart or width changes).
#[derive(Default)]
struct Memory {
    /// The mark holding the roving tab stop.
    active: Option<Key>,
    /// The mark last selected (drawn highlighted).
    selected: Option<Key>,
    /// The mark the tooltip describes, while it shows.
    tip: Option<Key>,
    /// Focus was on a mark just before this redraw: put it back.
    refocus: bool,
}

#[component]
pub fn ChartView(props: &ChartViewProps) -> Html {
    let id = use_memo((), |_| next_id());
    let wrapper = use_node_ref();
    let tip = use_node_ref();
    let width = use_state_eq(|| None::<u32>);
    let memory = use_mut_ref(Memory::default);

    use_effect_with((), |_| ensure_palette_css());

    // The chart is as wide as its panel: measured once, then on every resize.
    {
        let (wrapper, width) = (wrapper.clone(), width.clone());
        use_effect_with((), move |_| {
            let el = wrapper.cast::<Element>();
            let observe = el.as_ref().map(|el| {
                width.set(Some(dom::content_width(el).unwrap_or(FALLBACK_WIDTH)));
                let width = width.clone();
                let on_resize =
                    Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                        if let Some(entry) = entries.iter().last() {
                            let w = entry
                                .unchecked_into::<ResizeObserverEntry>()
                                .content_rect()
                                .width();
                            width.set(Some(if w >= 1.0 {
                                w.floor() as u32
                            } else {
                                FALLBACK_WIDTH
                            }));
                        }
                    });
                let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
                if let Some(o) = &observer {
                    o.observe(el);
                }
                (observer, on_resize)
            });
            move || {
                if let Some((Some(observer), _)) = observe {
                    observer.disconnect();
                }
            }
        });
    }

    let markup = use_memo(
        (ChartDep(props.chart.clone()), *width, id.clone()),
        |(chart, width, id)| {
            width.map(|w| {
                let mut scene = scene::layout(&chart.0, w as f64);
                scene.id = (**id).clone();
                AttrValue::from(svg::render_interactive(&scene))
            })
        },
    );

    // Before the SVG is replaced: was focus inside it?
    if let Some(el) = wrapper.cast::<Element>() {
        update(&memory, |m| m.refocus = dom::focus_inside(&el));
    }
    // After: the tab stop, the selection, focus and the tooltip carry over.
    {
        let (wrapper, tip, memory) = (wrapper.clone(), tip.clone(), memory.clone());
        use_effect_with(markup.clone(), move |_| {
            if let (Some(el), Some(tip)) = (wrapper.cast::<Element>(), tip.cast::<Element>()) {
                restore(&el, &tip, &memory);
            }
        });
    }

    let select = {
        let (on_select, memory, wrapper) =
            (props.on_select.clone(), memory.clone(), wrapper.clone());
        Rc::new(move |mark: &Element| {
            let Some(src) = dom::src_of(mark) else {
                return;
            };
            if let Some(el) = wrapper.cast::<Element>() {
                dom::mark_selected(&el, Some(mark));
                let key = dom::key_of(&el, mark);
                update(&memory, |m| m.selected = key);
            }
            on_select.emit(src);
        })
    };

    let onmouseover = {
        let (wrapper, tip, memory) = (wrapper.clone(), tip.clone(), memory.clone());
        Callback::from(move |e: MouseEvent| {
            let (Some(el), Some(tip)) = (wrapper.cast::<Element>(), tip.cast::<Element>()) else {
                return;
            };
            match dom::described_mark(&el, e.target()) {
                Some(mark) => {
                    dom::show_tip(
                        &el,
                        &tip,
                        &mark,
                        dom::At::Pointer(e.client_x(), e.client_y()),
                    );
                    let key = dom::key_of(&el, &mark);
                    update(&memory, |m| m.tip = key);
                }
                None => {
                    dom::hide_tip(&tip);
                    update(&memory, |m| m.tip = None);
                }
            }
        })
    };
    let onmousemove = {
        let (wrapper, tip) = (wrapper.clone(), tip.clone());
        Callback::from(move |e: MouseEvent| {
            if let (Some(el), Some(tip)) = (wrapper.cast::<Element>(), tip.cast::<Element>()) {
                dom::move_tip(&el, &tip, e.client_x(), e.client_y());
            }
        })
    };
    let onmouseleave = {
        let (tip, memory) = (tip.clone(), memory.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(tip) = tip.cast::<Element>() {
                dom::hide_tip(&tip);
            }
            update(&memory, |m| m.tip = None);
        })
    };
    let onfocusin = {
        let (wrapper, tip, memory) = (wrapper.clone(), tip.clone(), memory.clone());
        Callback::from(move |e: FocusEvent| {
            let (Some(el), Some(tip)) = (wrapper.cast::<Element>(), tip.cast::<Element>()) else {
                return;
            };
            let Some(mark) = dom::focusable_mark(&el, e.target()) else {
                return;
            };
            dom::make_tab_stop(&el, &mark);
            dom::show_tip(&el, &tip, &mark, dom::At::Below);
            let key = dom::key_of(&el, &mark);
            update(&memory, |m| {
                m.tip = key.clone();
                m.active = key;
            });
        })
    };
    let onfocusout = {
        let (tip, memory) = (tip.clone(), memory.clone());
        Callback::from(move |_: FocusEvent| {
            if let Some(tip) = tip.cast::<Element>() {
                dom::hide_tip(&tip);
            }
            update(&memory, |m| m.tip = None);
        })
    };
    let onkeydown = {
        let (wrapper, tip, select) = (wrapper.clone(), tip.clone(), select.clone());
        Callback::from(move |e: KeyboardEvent| {
            let Some(el) = wrapper.cast::<Element>() else {
                return;
            };
            let Some(mark) = dom::focusable_mark(&el, e.target()) else {
                return;
            };
            let step = match e.key().as_str() {
                "ArrowLeft" => Move::Prev,
                "ArrowRight" => Move::Next,
                "ArrowUp" => Move::Up,
                "ArrowDown" => Move::Down,
                "Home" => Move::First,
                "End" => Move::Last,
                "Enter" | " " => {
                    e.prevent_default();
                    select(&mark);
                    return;
                }
                "Escape" => {
                    if let Some(tip) = tip.cast::<Element>() {
                        dom::hide_tip(&tip);
                    }
                    return;
                }
                _ => return,
            };
            e.prevent_default(); // no page scroll
            if let Some(next) = dom::neighbour(&mark, step) {
                dom::focus(&next);
            }
        })
    };
    let onclick = {
        let (wrapper, select) = (wrapper.clone(), select.clone());
        Callback::from(move |e: MouseEvent| {
            if let Some(mark) = wrapper
                .cast::<Element>()
                .and_then(|el| dom::selectable_mark(&el, e.target()))
            {
                select(&mark);
            }
        })
    };

    let drawing = match &*markup {
        Some(svg) => Html::from_html_unchecked(svg.clone()),
        None => html! {},
    };
    html! {
        <div class="chart-view" ref={wrapper}
            {onmouseover} {onmousemove} {onmouseleave} {onfocusin} {onfocusout} {onkeydown} {onclick}>
            { drawing }
            <div class="chart-tip" role="tooltip" ref={tip} hidden=true></div>
        </div>
    }
}

/// Changes the memory — unless it is being changed already: moving focus fires
/// `focusin` synchronously, inside [`restore`] (never a panic for that).
fn update(memory: &RefCell<Memory>, f: impl FnOnce(&mut Memory)) {
    if let Ok(mut m) = memory.try_borrow_mut() {
        f(&mut m);
    }
}

/// Re-applies what [`Memory`] holds to a freshly written SVG.
fn restore(el: &Element, tip: &Element, memory: &RefCell<Memory>) {
    let Ok(mut m) = memory.try_borrow_mut() else {
        return;
    };
    let refocus = std::mem::take(&mut m.refocus);
    let active = m.active.as_ref().and_then(|k| dom::find(el, k));
    let selected = m.selected.as_ref().and_then(|k| dom::find(el, k));
    let described = m.tip.as_ref().and_then(|k| dom::find(el, k));
    if described.is_none() {
        m.tip = None;
    }
    drop(m); // focus() below runs our focusin handler
    dom::mark_selected(el, selected.as_ref());
    match &described {
        Some(mark) => dom::refresh_tip(tip, mark),
        None => dom::hide_tip(tip),
    }
    if let Some(mark) = active {
        dom::make_tab_stop(el, &mark);
        if refocus {
            dom::focus(&mark);
        }
    }
}
