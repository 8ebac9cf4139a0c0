//! The page's first frame as static HTML: the default example already charted,
//! so a visitor sees the chart as soon as the HTML arrives instead of after the
//! wasm has downloaded, compiled, loaded the asyncio prelude and run the program.
//!
//! It is what the app draws for the default example on the virtual clock: the
//! same runs (concurrent and the sequential baseline), the same chart model and
//! interactive SVG ([`crate::chart::svg::render_interactive`]), the same
//! highlighted source and console lines, in the app's markup and classes. Its
//! controls are disabled: nothing works until the app is live. `index.html`
//! inlines it (`static/first-paint.html`, written by [`page`] and kept current
//! by `tests/first_paint.rs`); the app mounts beside it, hidden, and swaps
//! itself in when it has drawn its own first chart (`web::reveal_live_app`).

use std::fmt::Write;

use super::examples::{self, Example, EXAMPLES};
use super::highlight::{escape_into, gutter_text, highlighted_lines};
use super::{speed_label, DEFAULT_SPEED, SPEEDS, TAGLINE, TITLE};
use crate::chart::{palette, scene, svg, Chart, ChartOptions};
use crate::fixtures::bundled_http_fixtures;
use crate::run::console::{console_lines, time_stamp};
use crate::run::{run_virtual, RunOptions, RunResult};
use crate::trace::RunMode;

/// The class of the first frame's root; the app removes this element.
pub const ROOT_CLASS: &str = "first-paint";
/// The chart is laid out for the timeline panel of a desktop window (1280 px);
/// elsewhere the stylesheet scales it to the panel until the app redraws it.
pub const CHART_WIDTH: f64 = 672.0;
/// The id prefix inside the first frame's SVG (the app's charts count from 1).
const CHART_ID: &str = "awaitscope-first";
/// What the timeline panel says about a virtual-clock run (the app says the same).
pub const IDEAL_STATUS: &str = "Ideal run on the virtual clock: timers fire exactly on time.";
/// The editor's hint (the app's editor shows the same).
pub const EDITOR_HINT: &str =
    "Tab indents, Shift+Tab dedents. Press Esc then Tab to leave the editor.";

/// The first frame for the default example.
pub fn page() -> Result<String, String> {
    let example = examples::find(examples::DEFAULT).ok_or("no default example")?;
    first_paint(example)
}

/// The first frame for `example`, or why there is none: a program that fails,
/// in either mode, is left to the app (its messages come from the live run).
pub fn first_paint(example: &Example) -> Result<String, String> {
    let http_fixtures = bundled_http_fixtures();
    let run = |mode| {
        run_virtual(
            example.source,
            &RunOptions {
                mode,
                http_fixtures: http_fixtures.clone(),
                ..RunOptions::default()
            },
        )
    };
    let (concurrent, sequential) = (run(RunMode::Concurrent), run(RunMode::Sequential));
    for result in [&concurrent, &sequential] {
        if result.exit_code != 0 {
            return Err(format!(
                "{}: exit code {} ({})",
                example.id,
                result.exit_code,
                result.stderr.trim_end()
            ));
        }
    }
    let chart = Chart::from_traces(
        &concurrent.trace,
        Some(&sequential.trace),
        &ChartOptions::default(),
    );
    let mut scene = scene::layout(&chart, CHART_WIDTH);
    scene.id = CHART_ID.to_string();

    let mut o = String::with_capacity(64 * 1024);
    o.push_str("<div class=\"awaitscope ");
    o.push_str(ROOT_CLASS);
    // The chart's colours, for as long as the first paint lives (no id: the app
    // adds its own copy to <head> whatever it finds here).
    o.push_str("\" aria-busy=\"true\">\n<style>");
    o.push_str(&palette::css());
    o.push_str("</style>\n<header class=\"site-header\"><h1>");
    escape_into(&mut o, TITLE);
    o.push_str("</h1><p class=\"tagline\">");
    escape_into(&mut o, TAGLINE);
    o.push_str("</p></header>\n");
    toolbar(&mut o, example);
    o.push_str("<main class=\"workspace\">\n");
    program(&mut o, example);
    o.push_str(
        "<section class=\"panel timeline\" aria-labelledby=\"chart-heading\">\
         <div class=\"panel-bar\"><h2 id=\"chart-heading\">Timeline</h2>\
         <p class=\"run-status\" role=\"status\">",
    );
    escape_into(&mut o, IDEAL_STATUS);
    o.push_str("</p></div>\n<div class=\"chart-view\">");
    o.push_str(&svg::render_interactive(&scene));
    o.push_str("</div></section>\n");
    console(&mut o, &concurrent);
    o.push_str("</main>\n</div>\n");
    Ok(o)
}

/// The toolbar as the app shows it, every control disabled.
fn toolbar(o: &mut String, example: &Example) {
    o.push_str(
        "<div class=\"toolbar\" role=\"toolbar\" aria-label=\"Program\">\
         <label class=\"picker examples\"><span>Example</span><select disabled>",
    );
    for e in EXAMPLES {
        let selected = if e.id == example.id { " selected" } else { "" };
        let _ = write!(o, "<option value=\"{}\"{selected}>", e.id);
        escape_into(o, e.title);
        o.push_str("</option>");
    }
    o.push_str(
        "</select></label>\
         <button type=\"button\" class=\"button run\" disabled>\
         <span aria-hidden=\"true\">▶ </span>Run</button>\
         <label class=\"picker\"><span>Speed</span><select disabled>",
    );
    for &speed in SPEEDS {
        let selected = if speed == DEFAULT_SPEED {
            " selected"
        } else {
            ""
        };
        let _ = write!(o, "<option{selected}>{}</option>", speed_label(speed));
    }
    o.push_str(
        "</select></label>\
         <button type=\"button\" class=\"button quiet\" disabled>Table view</button>\
         <span class=\"share\"><button type=\"button\" class=\"button quiet\" disabled>Share link</button></span>\
         </div>\n",
    );
}

/// The program panel: the editor's gutter and highlighted code, no textarea yet.
fn program(o: &mut String, example: &Example) {
    o.push_str(
        "<section class=\"panel program\" aria-labelledby=\"program-heading\">\
         <div class=\"panel-bar\"><h2 id=\"program-heading\">Program</h2>\
         <span class=\"file-name\">main.py</span></div>\n\
         <div class=\"editor\"><div class=\"editor-frame\"><div class=\"editor-scroller\">\
         <div class=\"editor-gutter\" aria-hidden=\"true\"><pre class=\"editor-numbers\">",
    );
    o.push_str(&gutter_text(example.source.split('\n').count()));
    o.push_str("</pre></div><div class=\"editor-body\"><pre class=\"editor-code\"><code>");
    o.push_str(&highlighted_lines(example.source, None).concat());
    o.push_str("</code>\n</pre></div></div></div><p class=\"editor-hint\">");
    escape_into(o, EDITOR_HINT);
    o.push_str("</p></div></section>\n");
}

/// The console panel with the virtual run's lines.
fn console(o: &mut String, run: &RunResult) {
    o.push_str(
        "<section class=\"panel output\" aria-labelledby=\"console-heading\">\
         <div class=\"panel-bar\"><h2 id=\"console-heading\">Console</h2>\
         <span class=\"run-kind\">virtual clock</span></div>\n\
         <div class=\"console\" role=\"log\" aria-label=\"Console output\">",
    );
    let lines = console_lines(&run.output);
    if lines.is_empty() {
        o.push_str("<p class=\"console-empty\">No output yet.</p>");
    }
    for line in lines {
        o.push_str(if line.stderr {
            "<div class=\"console-line console-stderr\">"
        } else {
            "<div class=\"console-line\">"
        });
        o.push_str("<span class=\"console-time\">");
        o.push_str(&time_stamp(line.t));
        o.push_str("</span><span class=\"console-text\">");
        escape_into(o, &line.text);
        o.push_str("</span></div>");
    }
    o.push_str("</div></section>\n");
}
