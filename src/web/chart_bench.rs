//! The "draw a 10,000-task trace" benchmark (DESIGN.md: ≤ 300 ms), as a
//! function the bench script calls on the built page:
//!
//! ```js
//! // after trunk's "TrunkApplicationStarted" event (window.wasmBindings is set then)
//! const ms = await window.wasmBindings.bench_draw(10000);
//! ```
//!
//! It runs a program with `tasks` `create_task` workers on the engine (both
//! modes, as the page does — not timed), builds the chart model (timed
//! separately), then mounts a [`ChartView`] 1000 px wide and resolves with the
//! milliseconds from setting its props to the chart painted (the frame after
//! the SVG is in the document). A breakdown goes to the console.

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::chart_view::{ChartView, ChartViewProps};
use crate::chart::{scene, svg, Chart, ChartOptions};
use crate::run::{run_virtual, RunOptions};
use crate::trace::{RunMode, Trace};

/// The width the chart is drawn at.
const WIDTH_PX: u32 = 1000;
/// Frames to wait for the chart to appear before giving up.
const MAX_FRAMES: u32 = 120;

/// `tasks` workers, each sleeping 0.1–1 s, created with `create_task` and gathered.
pub fn program(tasks: u32) -> String {
    format!(
        "import asyncio\n\n\
         async def worker(i):\n    await asyncio.sleep((i % 10 + 1) / 10)\n    return i\n\n\
         async def main():\n    \
         tasks = [asyncio.create_task(worker(i)) for i in range({tasks})]\n    \
         await asyncio.gather(*tasks)\n\n\
         asyncio.run(main())\n"
    )
}

/// The traces of [`program`] run as written and as its sequential baseline.
pub fn traces(tasks: u32) -> (Trace, Trace) {
    let src = program(tasks);
    let run = |mode| {
        run_virtual(
            &src,
            &RunOptions {
                mode,
                ..RunOptions::default()
            },
        )
        .trace
    };
    (run(RunMode::Concurrent), run(RunMode::Sequential))
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Resolves after the next frame has been painted: a `requestAnimationFrame`
/// callback runs just before painting, a task queued from it runs after.
async fn painted() {
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.request_animation_frame(&resolve);
        }
    });
    let _ = JsFuture::from(frame).await;
    gloo_timers::future::TimeoutFuture::new(0).await;
}

/// Milliseconds from setting a `tasks`-task chart as [`ChartView`]'s props to
/// the chart painted (NaN when it could not be measured).
#[wasm_bindgen]
pub async fn bench_draw(tasks: u32) -> f64 {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return f64::NAN;
    };
    let (conc, seq) = traces(tasks);
    let t = now_ms();
    let chart = Rc::new(Chart::from_traces(
        &conc,
        Some(&seq),
        &ChartOptions::default(),
    ));
    let t_model = now_ms();
    // The engine's share of the draw, alone: layout and SVG text.
    let scene = scene::layout(&chart, WIDTH_PX as f64);
    let t_layout = now_ms();
    let svg_len = svg::render_interactive(&scene).len();
    let t_svg = now_ms();

    let (Ok(host), Some(body)) = (doc.create_element("div"), doc.body()) else {
        return f64::NAN;
    };
    let _ = host.set_attribute("style", &format!("width:{WIDTH_PX}px"));
    let _ = body.append_child(&host);
    painted().await;

    let t0 = now_ms();
    let app = yew::Renderer::<ChartView>::with_root_and_props(
        host.clone(),
        ChartViewProps {
            chart,
            on_select: Default::default(),
        },
    )
    .render();
    let mut drawn = false;
    for _ in 0..MAX_FRAMES {
        painted().await;
        if host.query_selector("svg").ok().flatten().is_some() {
            drawn = true;
            break;
        }
    }
    let t1 = now_ms();
    let marks = host
        .query_selector_all("svg *")
        .map_or(0, |list| list.length());
    app.destroy();
    host.remove();
    web_sys::console::log_1(
        &format!(
            "bench_draw({tasks}): props → painted {:.1} ms; model {:.1} ms (not included), \
             layout {:.1} ms, svg text {:.1} ms ({} KB, {marks} elements)",
            t1 - t0,
            t_model - t,
            t_layout - t_model,
            t_svg - t_layout,
            svg_len / 1024,
        )
        .into(),
    );
    if drawn {
        t1 - t0
    } else {
        f64::NAN
    }
}
