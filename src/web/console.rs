//! The console: what the program wrote, each line stamped with its time.
//!
//! SKELETON (issue 4 in progress): chunks shown as they come.

use std::rc::Rc;

use yew::prelude::*;

use crate::vm::OutChunk;

#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    pub output: Rc<Vec<OutChunk>>,
}

#[component]
pub fn Console(props: &ConsoleProps) -> Html {
    html! {
        <pre class="console" aria-label="Console output">
            { for props.output.iter().map(|c| html! {
                <span class={classes!(c.stderr.then_some("stderr"))}>{ &c.text }</span>
            }) }
        </pre>
    }
}
