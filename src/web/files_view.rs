//! The in-page file system after a run: what `aiofiles` wrote.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::run::console::shortened;

/// Characters of a file shown at most (a huge text node would freeze the page).
const SHOWN_FILE_CHARS: usize = 20_000;

#[derive(Properties, PartialEq)]
pub struct FilesViewProps {
    pub files: Rc<BTreeMap<String, String>>,
}

#[component]
pub fn FilesView(props: &FilesViewProps) -> Html {
    if props.files.is_empty() {
        return html! {};
    }
    html! {
        <section class="files" aria-labelledby="files-heading">
            <h3 id="files-heading">{ "Files (in-page file system)" }</h3>
            { for props.files.iter().map(|(name, text)| html! {
                <figure class="file">
                    <figcaption>
                        <span class="file-name">{ name }</span>
                        <span class="file-size">{ format!("{} characters", text.chars().count()) }</span>
                    </figcaption>
                    <pre>{ shortened(text, SHOWN_FILE_CHARS).into_owned() }</pre>
                </figure>
            }) }
        </section>
    }
}
