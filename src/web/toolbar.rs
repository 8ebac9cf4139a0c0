//! The toolbar: examples menu, Run / Stop, playback speed, chart or table, share link.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::examples::EXAMPLES;
use super::share::{self, Fragment};
use super::state::{View, SPEEDS};

pub use crate::page::speed_label;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub example: Option<&'static str>,
    pub playing: bool,
    pub speed: f64,
    pub view: View,
    pub embed: bool,
    pub source: Rc<str>,
    pub on_run: Callback<()>,
    pub on_stop: Callback<()>,
    pub on_pick: Callback<&'static str>,
    pub on_speed: Callback<f64>,
    pub on_view: Callback<View>,
    /// Awaitscope's own page, for "Open in Awaitscope" from an embedded example.
    #[prop_or_default]
    pub app_url: Option<AttrValue>,
}

#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let run_button = if props.playing {
        let on_stop = props.on_stop.clone();
        html! {
            <button type="button" class="button stop" onclick={move |_| on_stop.emit(())}>
                <span aria-hidden="true">{ "■ " }</span>{ "Stop" }
            </button>
        }
    } else {
        let on_run = props.on_run.clone();
        html! {
            <button type="button" class="button run" onclick={move |_| on_run.emit(())}
                title="Play the program in real time on the browser's event loop">
                <span aria-hidden="true">{ "▶ " }</span>{ "Run" }
            </button>
        }
    };
    let speed_picker = {
        let on_speed = props.on_speed.clone();
        let onchange = Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            // Options are indices into SPEEDS (no float parsing in the shipped app).
            if let Some(&speed) = select
                .value()
                .parse::<usize>()
                .ok()
                .and_then(|i| SPEEDS.get(i))
            {
                on_speed.emit(speed);
            }
        });
        html! {
            <label class="picker">
                <span>{ "Speed" }</span>
                <select id="speed-picker" {onchange}>
                    { for SPEEDS.iter().enumerate().map(|(i, &s)| html! {
                        <option value={i.to_string()} selected={s == props.speed}>{ speed_label(s) }</option>
                    }) }
                </select>
            </label>
        }
    };
    if props.embed {
        let onclick = {
            let (source, example, app_url) =
                (props.source.clone(), props.example, props.app_url.clone());
            Callback::from(move |_| {
                let (source, app_url) = (source.clone(), app_url.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    if let (Ok(url), Some(window)) = (
                        program_link(app_url.as_deref(), example, &source).await,
                        web_sys::window(),
                    ) {
                        let _ = window.open_with_url_and_target(&url, "_blank");
                    }
                });
            })
        };
        return html! {
            <div class="toolbar" role="toolbar" aria-label="Run">
                { run_button }
                { speed_picker }
                <button type="button" class="button quiet open-full" {onclick}>
                    { "Open in Awaitscope ↗" }
                </button>
            </div>
        };
    }
    let example_picker = {
        let on_pick = props.on_pick.clone();
        let onchange = Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            let value = select.value();
            if let Some(example) = EXAMPLES.iter().find(|e| e.id == value) {
                on_pick.emit(example.id);
            }
        });
        html! {
            <label class="picker examples">
                <span>{ "Example" }</span>
                <select id="example-picker" {onchange}>
                    if props.example.is_none() {
                        <option value="" selected=true>{ "(your program)" }</option>
                    }
                    { for EXAMPLES.iter().map(|e| html! {
                        <option value={e.id} selected={Some(e.id) == props.example}>{ e.title }</option>
                    }) }
                </select>
            </label>
        }
    };
    let view_toggle = {
        let (on_view, view) = (props.on_view.clone(), props.view);
        let next = if view == View::Chart {
            View::Table
        } else {
            View::Chart
        };
        html! {
            <button type="button" class="button quiet" aria-pressed={(view == View::Table).to_string()}
                onclick={move |_| on_view.emit(next)}>
                { "Table view" }
            </button>
        }
    };
    html! {
        <div class="toolbar" role="toolbar" aria-label="Program">
            { example_picker }
            { run_button }
            { speed_picker }
            { view_toggle }
            <ShareButton source={props.source.clone()} example={props.example} />
        </div>
    }
}

/// A link to Awaitscope's page (`app_url`, default this page) that opens this program:
/// a built-in example by name, anything else compressed into the fragment.
async fn program_link(
    app_url: Option<&str>,
    example: Option<&'static str>,
    source: &str,
) -> Result<String, String> {
    let fragment = match example {
        Some(id) => Fragment {
            example: Some(id.to_string()),
            ..Fragment::default()
        },
        None => Fragment {
            code: Some(share::encode_program(source).await?),
            ..Fragment::default()
        },
    };
    let base = app_url.map_or_else(page_url_without_fragment, str::to_string);
    Ok(base + &fragment.to_hash())
}

#[derive(Properties, PartialEq)]
struct ShareButtonProps {
    source: Rc<str>,
    example: Option<&'static str>,
}

/// Makes a link that opens this program, shows it and copies it to the clipboard.
#[component]
fn ShareButton(props: &ShareButtonProps) -> Html {
    let link = use_state(|| None::<Result<String, String>>);
    let onclick = {
        let (link, source, example) = (link.clone(), props.source.clone(), props.example);
        Callback::from(move |_| {
            let link = link.clone();
            let source = source.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let url = program_link(None, example, &source).await;
                if let Ok(url) = &url {
                    copy_to_clipboard(url).await;
                }
                link.set(Some(url));
            });
        })
    };
    html! {
        <span class="share">
            <button type="button" class="button quiet" {onclick}>{ "Share link" }</button>
            { match &*link {
                Some(Ok(url)) => html! {
                    <input class="share-link" type="text" readonly=true value={url.clone()}
                        aria-label="Link to this program (copied to the clipboard)"
                        onfocus={|e: FocusEvent| {
                            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                            input.select();
                        }} />
                },
                Some(Err(problem)) => html! { <span class="notice error" role="alert">{ problem.clone() }</span> },
                None => html! {},
            } }
        </span>
    }
}

fn page_url_without_fragment() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    href.split('#').next().unwrap_or("").to_string()
}

async fn copy_to_clipboard(text: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = window.navigator().clipboard().write_text(text);
    // Without permission (or focus) the copy fails; the link is shown either way.
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
