//! The page: toolbar, editor, console and files on one side, the chart on the other.
//!
//! Every edit (debounced) re-runs the program on the virtual clock — concurrently
//! and as the sequential baseline — and redraws; Run plays it in real time on the
//! microtask queue. `#embed` shows only the chart and the Run button.

use std::rc::Rc;

use gloo_timers::callback::{Interval, Timeout};
use yew::prelude::*;

use super::chart_view::ChartView;
use super::console::Console;
use super::driver::{self, Clock, Live, LiveStatus, RunHandle, RunSpec};
use super::editor::{Editor, EditorMark};
use super::examples::{self, EXAMPLES};
use super::files_view::FilesView;
use super::share::{self, Fragment};
use super::state::{Action, IdealRuns, PageState, RealRun, View};
use super::table_view::TableView;
use super::toolbar::Toolbar;
use crate::chart::{Chart, ChartOptions};
use crate::fixtures::bundled_http_fixtures;
use crate::page::throttle::Throttle;
use crate::run::console::ShownLines;
use crate::run::{HttpFixture, DEFAULT_MAX_INSTRUCTIONS};
use crate::trace::RunMode;

/// Milliseconds of quiet after an edit before the program re-runs.
const EDIT_DEBOUNCE_MS: u32 = 250;
/// How often the "now" cursor moves during a real-time run.
const CURSOR_MS: u32 = 50;
/// The answers `aiohttp` gets on the virtual clock, and when `fetch()` fails
/// (the bundled fixtures, parsed once).
fn fixtures() -> Rc<Vec<HttpFixture>> {
    thread_local! {
        static FIXTURES: Rc<Vec<HttpFixture>> = Rc::new(bundled_http_fixtures());
    }
    FIXTURES.with(Rc::clone)
}

/// A `performance.mark` set when the first chart is on screen.
pub const FIRST_CHART_MARK: &str = "awaitscope:first-chart";

fn mark_once(name: &str) {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else {
        return;
    };
    if performance.get_entries_by_name(name).length() == 0 {
        let _ = performance.mark(name);
    }
}

fn spec(source: &str, mode: RunMode, clock: Clock) -> RunSpec {
    RunSpec {
        source: source.to_string(),
        mode,
        clock,
        max_instructions: DEFAULT_MAX_INSTRUCTIONS,
        fixtures: fixtures(),
    }
}

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// Start from this fragment instead of the page URL's (for embedding and tests).
    #[prop_or_default]
    pub fragment: Option<Fragment>,
    /// Start with this program (an embedded example's own text).
    #[prop_or_default]
    pub source: Option<AttrValue>,
    /// Awaitscope's own page, when the app is embedded elsewhere.
    #[prop_or_default]
    pub app_url: Option<AttrValue>,
}

/// The whole page.
#[component]
pub fn App(props: &AppProps) -> Html {
    let fragment = use_memo((), {
        let given = props.fragment.clone();
        move |_| given.unwrap_or_else(share::current)
    });
    let state = use_reducer({
        let fragment = fragment.clone();
        let given = props.source.clone();
        move || {
            if let Some(source) = given {
                return PageState::new(source.as_str().into(), None);
            }
            let example = fragment
                .example
                .as_deref()
                .and_then(examples::find)
                .or_else(|| examples::find(examples::DEFAULT))
                .unwrap_or(&EXAMPLES[0]);
            // A shared program replaces the example once it is decompressed.
            PageState::new(example.source.into(), Some(example.id))
        }
    });
    let load_error = use_state(|| None::<String>);

    // A `#code=` link: decompress the program, then show it.
    {
        let (state, load_error) = (state.dispatcher(), load_error.clone());
        let code = fragment.code.clone();
        use_effect_with((), move |_| {
            if let Some(code) = code {
                wasm_bindgen_futures::spawn_local(async move {
                    match share::decode_program(&code).await {
                        Ok(text) => state.dispatch(Action::Edit(text)),
                        Err(e) => load_error.set(Some(e)),
                    }
                });
            }
        });
    }

    // Every version of the program runs on the virtual clock, after a quiet moment.
    {
        let dispatch = state.dispatcher();
        let (version, source) = (state.version, state.source.clone());
        use_effect_with(version, move |_| {
            let delay = if version == 0 { 0 } else { EDIT_DEBOUNCE_MS };
            let timeout = Timeout::new(delay, move || {
                let progress = {
                    let dispatch = dispatch.clone();
                    Callback::from(move |()| dispatch.dispatch(Action::Progress))
                };
                let runs = IdealRuns {
                    version,
                    concurrent: driver::start(
                        spec(&source, RunMode::Concurrent, Clock::Virtual),
                        progress.clone(),
                    ),
                    sequential: driver::start(
                        spec(&source, RunMode::Sequential, Clock::Virtual),
                        progress,
                    ),
                };
                dispatch.dispatch(Action::IdealStarted(runs));
            });
            move || drop(timeout)
        });
    }

    // While a real-time run plays, the "now" cursor moves even when nothing happens.
    {
        let dispatch = state.dispatcher();
        let playing = state.is_playing();
        use_effect_with(playing, move |&playing| {
            let interval = playing
                .then(|| Interval::new(CURSOR_MS, move || dispatch.dispatch(Action::Progress)));
            move || drop(interval)
        });
    }

    let on_run = {
        let state = state.clone();
        Callback::from(move |()| {
            let dispatch = state.dispatcher();
            let on_update = Callback::from(move |()| dispatch.dispatch(Action::Progress));
            let speed = state.speed;
            let handle = driver::start(
                spec(&state.source, RunMode::Concurrent, Clock::Real { speed }),
                on_update,
            );
            state.dispatch(Action::RealStarted(RealRun {
                version: state.version,
                handle,
                speed,
            }));
        })
    };
    let on_stop = {
        let dispatch = state.dispatcher();
        Callback::from(move |()| dispatch.dispatch(Action::Stop))
    };
    let on_pick = {
        let dispatch = state.dispatcher();
        let embed = fragment.embed;
        Callback::from(move |id: &'static str| {
            share::replace(&Fragment {
                embed,
                example: Some(id.to_string()),
                code: None,
            });
            dispatch.dispatch(Action::Pick(id));
        })
    };
    let on_edit = {
        let dispatch = state.dispatcher();
        Callback::from(move |text: String| dispatch.dispatch(Action::Edit(text)))
    };
    let on_select = {
        let dispatch = state.dispatcher();
        Callback::from(move |src: crate::chart::scene::Src| {
            dispatch.dispatch(Action::Highlight(Some(src.line)))
        })
    };

    let view = PageView::of(&state);
    let throttle = use_mut_ref(Throttle::default);
    let key = throttle.borrow_mut().key(
        (
            state.version,
            state.real.is_some(),
            view.chart_inputs(state.tick),
        ),
        driver::perf_now(),
        // Only the growth of a run still going waits (not its end, nor the baseline's).
        |built, wanted| {
            let growing = matches!(wanted.2 .0, Some((_, _, true)));
            growing && (built.0, built.1, built.2 .1) == (wanted.0, wanted.1, wanted.2 .1)
        },
    );
    let chart = use_memo(key, {
        let (view, throttle) = (view.clone(), throttle.clone());
        move |_| {
            throttle.borrow_mut().building(driver::perf_now());
            view.chart()
        }
    });
    // A build's cost includes drawing it: the effect runs once the DOM has it.
    use_effect_with(key, move |_| {
        throttle.borrow_mut().drawn(driver::perf_now())
    });

    // The benchmark of "navigation → first chart" reads this mark. Once the
    // timeline shows anything but "computing", the live app replaces the first paint.
    {
        let drawn = matches!(*chart, Timeline::Chart(_));
        // The first paint shows both runs: swap only when the baseline is in too.
        let settled = match *chart {
            Timeline::Computing => false,
            Timeline::Chart(_) => view.baseline_done(),
            Timeline::NotRun(_) => true,
        };
        use_effect_with((drawn, settled), move |&(drawn, settled)| {
            if drawn {
                mark_once(FIRST_CHART_MARK);
            }
            if settled {
                super::reveal_live_app();
            }
        });
    }

    let toolbar = html! {
        <Toolbar
            example={state.example}
            playing={state.is_playing()}
            speed={state.speed}
            view={state.view}
            embed={fragment.embed}
            source={state.source.clone()}
            app_url={props.app_url.clone()}
            {on_run}
            {on_stop}
            {on_pick}
            on_speed={{
                let dispatch = state.dispatcher();
                Callback::from(move |s| dispatch.dispatch(Action::SetSpeed(s)))
            }}
            on_view={{
                let dispatch = state.dispatcher();
                Callback::from(move |v| dispatch.dispatch(Action::SetView(v)))
            }}
        />
    };
    let timeline = html! {
        <section class="panel timeline" aria-labelledby="chart-heading">
            <div class="panel-bar">
                <h2 id="chart-heading">{ "Timeline" }</h2>
                <p class="run-status" role="status">{ view.status_text() }</p>
            </div>
            { match (*chart).clone() {
                Timeline::Chart(chart) if state.view == View::Table && !fragment.embed => html! {
                    <>
                        // The chart draws the summary itself; the table needs it spelled out.
                        <p class="summary">{ chart.summary.text.clone() }</p>
                        <TableView {chart} />
                    </>
                },
                Timeline::Chart(chart) => html! { <ChartView {chart} {on_select} /> },
                Timeline::NotRun(why) => html! { <p class="chart-pending not-run">{ why }</p> },
                Timeline::Computing => html! {
                    <p class="chart-pending">{ "Running the program on the virtual clock…" }</p>
                },
            } }
        </section>
    };

    if fragment.embed {
        return html! {
            <div class="awaitscope embed">
                { toolbar }
                { timeline }
            </div>
        };
    }

    let error = view.error_mark();
    html! {
        <div class="awaitscope">
            <header class="site-header">
                <h1>{ crate::page::TITLE }</h1>
                <p class="tagline">{ crate::page::TAGLINE }</p>
            </header>
            { toolbar }
            if let Some(problem) = (*load_error).clone() {
                <p class="notice error" role="alert">
                    { format!("The shared link could not be opened ({problem}); showing an example instead.") }
                </p>
            }
            <main class="workspace">
                <section class="panel program" aria-labelledby="program-heading">
                    <div class="panel-bar">
                        <h2 id="program-heading">{ "Program" }</h2>
                        <span class="file-name">{ "main.py" }</span>
                    </div>
                    <Editor
                        source={AttrValue::from(state.source.to_string())}
                        on_change={on_edit}
                        {error}
                        highlight={state.highlight}
                    />
                </section>
                { timeline }
                <section class="panel output" aria-labelledby="console-heading">
                    <div class="panel-bar">
                        <h2 id="console-heading">{ "Console" }</h2>
                        <span class="run-kind">{ view.output_label() }</span>
                    </div>
                    { for view.notes().into_iter().map(|note| html! {
                        <p class="notice">{ note }</p>
                    }) }
                    <Console shown={view.console()} />
                    <FilesView files={view.files()} />
                </section>
            </main>
        </div>
    }
}

/// What the timeline panel shows.
#[derive(Clone, PartialEq)]
enum Timeline {
    /// The virtual run is still going (a long program): nothing to draw yet.
    Computing,
    Chart(Rc<Chart>),
    /// The program ended before any task existed; why.
    NotRun(String),
}

/// What the page shows, read from the runs of the current source: the real-time
/// run when there is one, else the ideal (virtual) run; the baseline is always
/// the virtual sequential run.
#[derive(Clone)]
struct PageView {
    shown: Option<RunHandle>,
    /// The ideal (virtual-clock) concurrent run: what a real run is measured against.
    ideal: Option<RunHandle>,
    sequential: Option<RunHandle>,
    real: Option<RealRun>,
}

impl PageView {
    fn of(state: &PageState) -> PageView {
        let ideal = state.current_ideal();
        let real = state.current_real().cloned();
        PageView {
            shown: real
                .as_ref()
                .map(|r| r.handle.clone())
                .or_else(|| ideal.map(|i| i.concurrent.clone())),
            ideal: ideal.map(|i| i.concurrent.clone()),
            sequential: ideal.map(|i| i.sequential.clone()),
            real,
        }
    }

    fn with_shown<T>(&self, f: impl FnOnce(&Live) -> T) -> Option<T> {
        self.shown.as_ref().map(|h| f(&h.live().borrow()))
    }

    /// The "now" of a real-time run still playing (the cursor).
    fn now(&self) -> Option<f64> {
        let real = self.real.as_ref().filter(|r| r.is_running())?;
        let now = real.handle.live().borrow().now();
        Some(now)
    }

    /// What [`Self::chart`] depends on within one program version: progress of the
    /// run shown, whether the baseline is done, and the clock while a real run
    /// plays. (Every tick of a baseline still computing would otherwise rebuild
    /// the chart of a big finished run: 100,000 tasks made the page sluggish.)
    fn chart_inputs(&self, tick: u64) -> (Option<(usize, usize, bool)>, bool, u64) {
        let shown = self.with_shown(|l| {
            let t = &l.trace;
            (
                t.tasks.len(),
                t.events.len(),
                l.status == LiveStatus::Running,
            )
        });
        let clock = if self.now().is_some() { tick } else { 0 };
        (shown, self.baseline_done(), clock)
    }

    fn chart(&self) -> Timeline {
        let Some(shown) = self.shown.as_ref().map(RunHandle::live) else {
            return Timeline::Computing;
        };
        let shown = shown.borrow();
        if let LiveStatus::Finished { error: Some(e), .. } = &shown.status {
            if shown.trace.tasks.is_empty() {
                // Nothing ran (a SyntaxError, or a failure before asyncio.run).
                let place = if e.line > 0 {
                    format!(" at line {}, column {}", e.line, e.col)
                } else {
                    String::new()
                };
                let message = if e.message.is_empty() {
                    String::new()
                } else {
                    format!(": {}", e.message)
                };
                return Timeline::NotRun(format!("No task ran: {}{place}{message}", e.kind));
            }
        }
        let sequential = self.sequential.as_ref().map(|h| h.live());
        let sequential = sequential.as_ref().map(|s| s.borrow());
        // A baseline still computing is left out rather than drawn half-done.
        let baseline = sequential
            .as_ref()
            .filter(|s| s.status != LiveStatus::Running)
            .map(|s| &s.trace);
        let now = self.now();
        if shown.status == LiveStatus::Running && now.is_none() {
            return Timeline::Computing; // the virtual run is still computing
        }
        let sequential_note = sequential.as_ref().and_then(|s| deadlock_note(s));
        Timeline::Chart(Rc::new(Chart::from_traces(
            &shown.trace,
            baseline,
            &ChartOptions {
                now,
                sequential_note,
            },
        )))
    }

    /// The sequential baseline has finished (or there is none to wait for).
    fn baseline_done(&self) -> bool {
        self.sequential
            .as_ref()
            .is_none_or(|h| h.live().borrow().status != LiveStatus::Running)
    }

    fn status_text(&self) -> String {
        let Some(real) = &self.real else {
            return crate::page::first_paint::IDEAL_STATUS.into();
        };
        let live = real.handle.live();
        let live = live.borrow();
        let speed = super::toolbar::speed_label(real.speed);
        match &live.status {
            LiveStatus::Running => format!("Playing in real time at {speed}…"),
            LiveStatus::Stopped => format!(
                "Stopped after {} (real time at {speed}).",
                crate::chart::text::secs(live.trace.end_time)
            ),
            LiveStatus::Finished { .. } => {
                let measured = live.trace.end_time;
                let ideal = self
                    .ideal
                    .as_ref()
                    .map(|h| h.live().borrow().trace.end_time);
                match ideal {
                    Some(ideal) => format!(
                        "Real run at {speed}: {} measured vs {} ideal ({:+.0} ms of timer lateness and work).",
                        precise_secs(measured),
                        precise_secs(ideal),
                        (measured - ideal) * 1000.0
                    ),
                    None => format!("Real run at {speed}: {} measured.", precise_secs(measured)),
                }
            }
        }
    }

    fn output_label(&self) -> &'static str {
        if self.real.is_some() {
            "real-time run"
        } else {
            "virtual clock"
        }
    }

    /// The console's lines: bounded work per tick however long the output.
    fn console(&self) -> Rc<ShownLines> {
        Rc::new(self.with_shown(|l| l.console.shown()).unwrap_or_default())
    }

    fn notes(&self) -> Vec<String> {
        self.with_shown(|l| l.notes.clone()).unwrap_or_default()
    }

    fn files(&self) -> Rc<std::collections::BTreeMap<String, String>> {
        Rc::new(self.with_shown(|l| l.files.clone()).unwrap_or_default())
    }

    fn error_mark(&self) -> Option<EditorMark> {
        self.with_shown(|l| match &l.status {
            LiveStatus::Finished { error: Some(e), .. } if e.line > 0 => Some(EditorMark {
                line: e.line,
                col: e.col,
                message: e.summary(),
            }),
            _ => None,
        })
        .flatten()
    }
}

/// `2.004 s`: real runs differ from the ideal by milliseconds.
fn precise_secs(t: f64) -> String {
    format!("{t:.3} s")
}

/// Why the sequential baseline could not finish, from its deadlock report.
fn deadlock_note(live: &Live) -> Option<String> {
    match live.status {
        LiveStatus::Finished { exit_code: 2, .. } => {}
        _ => return None,
    }
    let text: String = live
        .output
        .iter()
        .filter(|c| c.stderr)
        .map(|c| c.text.as_str())
        .collect();
    let waiting: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with("Deadlock:"))
        .collect();
    (!waiting.is_empty()).then(|| waiting.join("; "))
}
