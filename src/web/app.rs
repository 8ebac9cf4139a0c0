//! The page: header, examples menu, the program's source, and the region for the chart.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::examples::{self, EXAMPLES};

/// The whole page. Opens on the first built-in example.
#[component]
pub fn App() -> Html {
    let selected = use_state(|| EXAMPLES[0].id);
    let example = examples::find(*selected).unwrap_or(&EXAMPLES[0]);

    let on_pick = {
        let selected = selected.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            if let Some(example) = examples::find(&select.value()) {
                selected.set(example.id);
            }
        })
    };

    html! {
        <>
            <header class="site-header">
                <h1>{ "Awaitscope" }</h1>
                <p class="tagline">
                    { "See how asyncio schedules your coroutines: Python asyncio programs on \
                       CPython 3.11's event loop, drawn as a timeline of tasks." }
                </p>
            </header>
            <main class="workspace">
                <section class="panel program" aria-labelledby="program-heading">
                    <div class="panel-bar">
                        <h2 id="program-heading">{ "Program" }</h2>
                        <label class="picker">
                            <span>{ "Example" }</span>
                            <select id="example-picker" onchange={on_pick}>
                                { for EXAMPLES.iter().map(|item| html! {
                                    <option value={item.id} selected={item.id == example.id}>
                                        { item.title }
                                    </option>
                                }) }
                            </select>
                        </label>
                    </div>
                    <SourceView source={example.source} />
                </section>
                <section class="panel chart" aria-labelledby="chart-heading">
                    <div class="panel-bar">
                        <h2 id="chart-heading">{ "Timeline" }</h2>
                    </div>
                    <div class="chart-placeholder" role="note">
                        <p class="status">{ "Not running yet." }</p>
                        <p>
                            { "The interpreter is not wired into this page yet, so nothing is \
                               executed and no chart is drawn. When it is, this area shows one \
                               lane per task — where each ran and where it waited at an await — \
                               beside the same program run sequentially." }
                        </p>
                    </div>
                </section>
            </main>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct SourceViewProps {
    source: &'static str,
}

/// The program text, read-only, one element per line so CSS can number the lines.
#[component]
fn SourceView(props: &SourceViewProps) -> Html {
    html! {
        <pre class="source" aria-label="Program source" tabindex="0"><code>
            { for props.source.lines().map(|line| html! { <span class="line">{ line }{ "\n" }</span> }) }
        </code></pre>
    }
}
