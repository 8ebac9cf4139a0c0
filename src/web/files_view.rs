//! The in-page file system after a run: what `aiofiles` wrote.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

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
                    <pre>{ text }</pre>
                </figure>
            }) }
        </section>
    }
}
