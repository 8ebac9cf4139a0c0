//! The chart's DOM, as [`crate::chart::svg::render_interactive`] writes it:
//! finding the mark under an event, moving keyboard focus between marks,
//! remembering a mark across redraws, and placing the tooltip.
//!
//! The SVG's shape: `<svg>` › section `<g>`s (each run, then the legend) ›
//! lane `<g>`s › marks. A mark with a tooltip has `aria-label`; a mark inside a
//! lane also has `tabindex` (exactly one `0`: the roving tab stop); one that
//! locates an `await` has `data-line`/`data-col`.

use wasm_bindgen::JsCast;
use web_sys::{Element, EventTarget, SvgElement};

use crate::chart::scene::Src;

/// Hover shows the tooltip for marks; groups and the root carry names, not tips.
const DESCRIBED: &str = "[aria-label]:not(g):not(svg)";
const FOCUSABLE: &str = "[tabindex]";
const SELECTABLE: &str = "[data-line]";
const SELECTED_CLASS: &str = "as-selected";

/// A mark's place, stable while the chart grows: the `<g>` indices from the root
/// down to its lane, then its class and its rank among its siblings of that class
/// (new segments are appended, so earlier ones keep their rank).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key {
    groups: Vec<u32>,
    class: String,
    nth: u32,
}

/// A keyboard step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Prev,
    Next,
    Up,
    Down,
    First,
    Last,
}

/// Where the tooltip goes: by the pointer, or below the focused mark.
#[derive(Clone, Copy, Debug)]
pub enum At {
    Pointer(i32, i32),
    Below,
}

/// The width the chart may use, in whole pixels (`None` while not laid out).
pub fn content_width(el: &Element) -> Option<u32> {
    let w = el.client_width();
    (w >= 1).then_some(w as u32)
}

pub fn focus_inside(root: &Element) -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .is_some_and(|a| a != *root && root.contains(Some(&a)))
}

fn closest_inside(root: &Element, target: Option<EventTarget>, selector: &str) -> Option<Element> {
    let el = target?.dyn_into::<Element>().ok()?;
    let mark = el.closest(selector).ok()??;
    root.contains(Some(&mark)).then_some(mark)
}

/// The mark (with a tooltip) an event happened on.
pub fn described_mark(root: &Element, target: Option<EventTarget>) -> Option<Element> {
    closest_inside(root, target, DESCRIBED)
}

pub fn focusable_mark(root: &Element, target: Option<EventTarget>) -> Option<Element> {
    closest_inside(root, target, FOCUSABLE)
}

pub fn selectable_mark(root: &Element, target: Option<EventTarget>) -> Option<Element> {
    closest_inside(root, target, SELECTABLE)
}

/// The `await` a mark locates.
pub fn src_of(mark: &Element) -> Option<Src> {
    let num = |name| mark.get_attribute(name)?.parse::<u32>().ok();
    Some(Src {
        line: num("data-line").filter(|&l| l > 0)?,
        col: num("data-col").unwrap_or(0),
    })
}

fn is_group(el: &Element) -> bool {
    el.tag_name().eq_ignore_ascii_case("g")
}

/// Element children, first to last.
fn children(el: &Element) -> impl Iterator<Item = Element> {
    std::iter::successors(el.first_element_child(), |c| c.next_element_sibling())
}

fn svg_of(root: &Element) -> Option<Element> {
    root.query_selector("svg").ok()?
}

/// A mark's palette class (the first; the page adds its own, such as the selection's).
fn kind(el: &Element) -> String {
    let class = el.get_attribute("class").unwrap_or_default();
    class.split(' ').next().unwrap_or_default().to_string()
}

pub fn key_of(root: &Element, mark: &Element) -> Option<Key> {
    let svg = svg_of(root)?;
    let class = kind(mark);
    let parent = mark.parent_element()?;
    let nth = children(&parent)
        .take_while(|c| c != mark)
        .filter(|c| kind(c) == class)
        .count() as u32;
    let mut groups = Vec::new();
    let mut g = parent;
    while g != svg {
        let up = g.parent_element()?;
        groups.push(
            children(&up)
                .take_while(|c| *c != g)
                .filter(is_group)
                .count() as u32,
        );
        g = up;
    }
    groups.reverse();
    Some(Key { groups, class, nth })
}

pub fn find(root: &Element, key: &Key) -> Option<Element> {
    let mut g = svg_of(root)?;
    for &i in &key.groups {
        g = children(&g).filter(is_group).nth(i as usize)?;
    }
    children(&g)
        .filter(|c| kind(c) == key.class)
        .nth(key.nth as usize)
}

/// Moves the roving tab stop to `mark`.
pub fn make_tab_stop(root: &Element, mark: &Element) {
    if let Ok(stops) = root.query_selector_all("[tabindex='0']") {
        for i in 0..stops.length() {
            if let Some(el) = stops.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                let _ = el.set_attribute("tabindex", "-1");
            }
        }
    }
    let _ = mark.set_attribute("tabindex", "0");
}

pub fn mark_selected(root: &Element, mark: Option<&Element>) {
    if let Ok(Some(old)) = root.query_selector(&format!(".{SELECTED_CLASS}")) {
        let _ = old.class_list().remove_1(SELECTED_CLASS);
    }
    if let Some(mark) = mark {
        let _ = mark.class_list().add_1(SELECTED_CLASS);
    }
}

pub fn focus(mark: &Element) {
    if let Some(el) = mark.dyn_ref::<SvgElement>() {
        let _ = el.focus();
    }
}

fn focusable_children(g: &Element) -> impl Iterator<Item = Element> {
    children(g).filter(|c| c.has_attribute("tabindex"))
}

/// How well `b` lines up under `a`: the width they share, or minus the gap between them.
fn alignment(a: (f64, f64), b: &Element) -> f64 {
    let r = b.get_bounding_client_rect();
    a.1.min(r.right()) - a.0.max(r.left())
}

/// The next lane up or down with something to focus, across run sections.
fn adjacent_lane(lane: &Element, up: bool) -> Option<Element> {
    let step = |e: &Element| {
        if up {
            e.previous_element_sibling()
        } else {
            e.next_element_sibling()
        }
    };
    let usable = |g: &Element| is_group(g) && focusable_children(g).next().is_some();
    let mut sib = step(lane);
    while let Some(s) = sib {
        if usable(&s) {
            return Some(s);
        }
        sib = step(&s);
    }
    // Past the section's end: the nearest lane of the next section that way.
    let mut section = step(&lane.parent_element()?);
    while let Some(s) = section {
        let mut lanes: Vec<Element> = children(&s).filter(usable).collect();
        if up {
            lanes.reverse();
        }
        if let Some(l) = lanes.into_iter().next() {
            return Some(l);
        }
        section = step(&s);
    }
    None
}

/// Where a keyboard step from `mark` lands (`None`: nowhere further that way).
pub fn neighbour(mark: &Element, step: Move) -> Option<Element> {
    let lane = mark.parent_element()?;
    let sibling = |next: bool| {
        let mut s = if next {
            mark.next_element_sibling()
        } else {
            mark.previous_element_sibling()
        };
        while let Some(e) = s {
            if e.has_attribute("tabindex") {
                return Some(e);
            }
            s = if next {
                e.next_element_sibling()
            } else {
                e.previous_element_sibling()
            };
        }
        None
    };
    match step {
        Move::Prev => sibling(false),
        Move::Next => sibling(true),
        Move::First => focusable_children(&lane).next(),
        Move::Last => focusable_children(&lane).last(),
        Move::Up | Move::Down => {
            // The mark in that lane most in line with this one.
            let target = adjacent_lane(&lane, step == Move::Up)?;
            let r = mark.get_bounding_client_rect();
            let span = (r.left(), r.right());
            focusable_children(&target)
                .max_by(|a, b| alignment(span, a).total_cmp(&alignment(span, b)))
        }
    }
}

/// The tooltip text: the mark's accessible name, one clause per line.
fn tip_text(mark: &Element) -> String {
    mark.get_attribute("aria-label")
        .unwrap_or_default()
        .replace(" — ", "\n")
}

pub fn show_tip(root: &Element, tip: &Element, mark: &Element, at: At) {
    tip.set_text_content(Some(&tip_text(mark)));
    let _ = tip.remove_attribute("hidden");
    let r = root.get_bounding_client_rect();
    let (x, y) = match at {
        At::Pointer(cx, cy) => (cx as f64 - r.left() + 12.0, cy as f64 - r.top() + 18.0),
        At::Below => {
            let m = mark.get_bounding_client_rect();
            (m.left() - r.left(), m.bottom() - r.top() + 6.0)
        }
    };
    place(root, tip, x, y);
}

pub fn move_tip(root: &Element, tip: &Element, cx: i32, cy: i32) {
    if tip.has_attribute("hidden") {
        return;
    }
    let r = root.get_bounding_client_rect();
    place(
        root,
        tip,
        cx as f64 - r.left() + 12.0,
        cy as f64 - r.top() + 18.0,
    );
}

/// Puts the tooltip at (x, y) in the wrapper's box (its scroll offsets added),
/// kept inside the wrapper's width.
fn place(root: &Element, tip: &Element, x: f64, y: f64) {
    let (sx, sy) = (root.scroll_left() as f64, root.scroll_top() as f64);
    let w = tip.get_bounding_client_rect().width();
    let max_x = sx + root.client_width() as f64 - w - 4.0;
    let x = (x + sx).min(max_x).max(sx);
    let _ = tip.set_attribute("style", &format!("left:{x:.0}px;top:{:.0}px", y + sy));
}

/// The tooltip stays where it is with its mark's new text (a live run redrew it).
pub fn refresh_tip(tip: &Element, mark: &Element) {
    if !tip.has_attribute("hidden") {
        tip.set_text_content(Some(&tip_text(mark)));
    }
}

pub fn hide_tip(tip: &Element) {
    let _ = tip.set_attribute("hidden", "");
}
