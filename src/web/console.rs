//! The console: what the program wrote, one row per line, each stamped with the
//! time of its first character (`run::console`, the same splitting the
//! conformance suite checks against CPython). stderr rows (tracebacks) are
//! marked as errors. While a run grows, the newest line stays in view unless
//! the reader has scrolled up (until the next run starts). Only the newest
//! [`SHOWN_LINES`] lines are in the DOM, each cut at [`SHOWN_CHARS`](crate::run::console::SHOWN_CHARS)
//! characters, with a note of what was left out: a flood of prints must not
//! freeze the page.

use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use crate::run::console::{time_stamp, ShownLines, SHOWN_LINES};

#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    /// The newest lines (the driver splits output into lines as it arrives).
    pub shown: Rc<ShownLines>,
}

/// How close to the bottom (px) still counts as "following the output".
const FOLLOW_SLACK: i32 = 24;

#[component]
pub fn Console(props: &ConsoleProps) -> Html {
    let log_ref = use_node_ref();
    // Whether the view was at the bottom before this render's new lines.
    let following = use_mut_ref(|| true);
    let shown_lines = use_mut_ref(|| 0usize);
    let shown = props.shown.clone();

    let onscroll = {
        let following = following.clone();
        Callback::from(move |event: Event| {
            let log: Element = event.target_unchecked_into();
            *following.borrow_mut() = at_bottom(&log);
        })
    };
    {
        let (log_ref, following) = (log_ref.clone(), following.clone());
        use_effect_with(shown.clone(), move |shown| {
            // Fewer lines than before: a new run, followed from its start.
            let total = shown.total();
            if total < std::mem::replace(&mut *shown_lines.borrow_mut(), total) {
                *following.borrow_mut() = true;
            }
            if let Some(log) = log_ref.cast::<Element>() {
                if *following.borrow() {
                    log.set_scroll_top(log.scroll_height());
                }
            }
        });
    }

    let omitted = shown.omitted;
    let rows = shown.lines.iter().map(|line| {
        let class = classes!("console-line", line.stderr.then_some("console-stderr"));
        html! {
            <div {class}>
                <span class="console-time">{ time_stamp(line.t) }</span>
                <span class="console-text">{ line.text.clone() }</span>
            </div>
        }
    });
    html! {
        <div class="console" role="log" aria-live="polite" aria-label="Console output"
            tabindex="0" ref={log_ref} {onscroll}>
            if shown.total() == 0 {
                <p class="console-empty">{ "No output yet." }</p>
            } else {
                if omitted > 0 {
                    <p class="console-omitted">{ omitted_note(omitted) }</p>
                }
                { for rows }
            }
        </div>
    }
}

fn omitted_note(n: usize) -> String {
    let lines = if n == 1 { "line" } else { "lines" };
    format!(
        "… {} earlier {lines} not shown: the console keeps the newest {} (the CLI prints everything).",
        grouped(n),
        grouped(SHOWN_LINES)
    )
}

/// Python's `format(n, ',')`: 99,000.
fn grouped(n: usize) -> String {
    crate::vm::format::format_int(n as i64, ",").unwrap_or_else(|_| n.to_string())
}

fn at_bottom(log: &Element) -> bool {
    log.scroll_height() - log.scroll_top() - log.client_height() <= FOLLOW_SLACK
}
