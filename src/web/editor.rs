//! The program editor.
//!
//! SKELETON (issue 4 in progress): a plain textarea. The interface is what the page uses.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// An error to mark in the text (1-based line and column).
#[derive(Clone, Debug, PartialEq)]
pub struct EditorMark {
    pub line: u32,
    pub col: u32,
    pub message: String,
}

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub source: AttrValue,
    /// Every edit, with the whole new text.
    pub on_change: Callback<String>,
    #[prop_or_default]
    pub error: Option<EditorMark>,
    /// A line to highlight (the `await` clicked in the chart), 1-based.
    #[prop_or_default]
    pub highlight: Option<u32>,
}

#[component]
pub fn Editor(props: &EditorProps) -> Html {
    let oninput = {
        let on_change = props.on_change.clone();
        Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            on_change.emit(area.value());
        })
    };
    html! {
        <textarea class="editor-text" aria-label="Program source" spellcheck="false"
            value={props.source.clone()} {oninput} />
    }
}
