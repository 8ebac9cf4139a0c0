//! The page: header, examples menu, editor, chart, console.
//!
//! SKELETON (issue 4 in progress): edits re-run on the virtual clock and redraw.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::chart_view::ChartView;
use super::console::Console;
use super::driver::{self, Clock, RunSpec};
use super::editor::Editor;
use super::examples::{self, EXAMPLES};
use crate::chart::{Chart, ChartOptions};
use crate::run::DEFAULT_MAX_INSTRUCTIONS;
use crate::trace::RunMode;

fn virtual_run(source: &str, mode: RunMode) -> driver::Live {
    driver::run_now(&RunSpec {
        source: source.to_string(),
        mode,
        clock: Clock::Virtual,
        max_instructions: DEFAULT_MAX_INSTRUCTIONS,
        fixtures: Rc::new(Vec::new()),
    })
}

/// The whole page.
#[component]
pub fn App() -> Html {
    let default = examples::find(examples::DEFAULT).unwrap_or(&EXAMPLES[0]);
    let selected = use_state(|| default.id);
    let source = use_state(|| default.source.to_string());

    let on_pick = {
        let (selected, source) = (selected.clone(), source.clone());
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            if let Some(example) = examples::find(&select.value()) {
                selected.set(example.id);
                source.set(example.source.to_string());
            }
        })
    };
    let on_change = {
        let source = source.clone();
        Callback::from(move |text: String| source.set(text))
    };

    let concurrent = virtual_run(&source, RunMode::Concurrent);
    let sequential = virtual_run(&source, RunMode::Sequential);
    let chart = Rc::new(Chart::from_traces(
        &concurrent.trace,
        Some(&sequential.trace),
        &ChartOptions::default(),
    ));

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
                                    <option value={item.id} selected={item.id == *selected}>
                                        { item.title }
                                    </option>
                                }) }
                            </select>
                        </label>
                    </div>
                    <Editor source={AttrValue::from((*source).clone())} {on_change} />
                    <Console output={Rc::new(concurrent.output.clone())} />
                </section>
                <section class="panel chart" aria-labelledby="chart-heading">
                    <div class="panel-bar">
                        <h2 id="chart-heading">{ "Timeline" }</h2>
                    </div>
                    <ChartView {chart} />
                </section>
            </main>
        </>
    }
}
