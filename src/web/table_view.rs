//! The trace as data tables, for screen readers and for reading exact times: one
//! `<table>` per run (the concurrent run, then the sequential baseline), its
//! rows from [`crate::chart::table::rows_of`] — the same model the chart draws.
//!
//! A big run (10,000 tasks make 50,000 rows) shows its first rows and a button
//! for more, so the page stays responsive.

use std::rc::Rc;

use yew::prelude::*;

use crate::chart::model::Run;
use crate::chart::scene::run_name;
use crate::chart::table::{rows_of, Row, HEADERS};
use crate::chart::text::secs;
use crate::chart::Chart;

/// Rows shown at first, and added by each "show more".
pub const PAGE_ROWS: usize = 500;

#[derive(Properties, PartialEq)]
pub struct TableViewProps {
    pub chart: Rc<Chart>,
}

#[component]
pub fn TableView(props: &TableViewProps) -> Html {
    html! {
        <div class="table-view">
            { for (0..props.chart.runs.len()).map(|index| html! {
                <RunTable chart={props.chart.clone()} {index} />
            }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct RunTableProps {
    chart: Rc<Chart>,
    /// Which of the chart's runs.
    index: usize,
}

fn caption(run: &Run, rows: usize) -> String {
    let tasks = run.lanes.len();
    format!(
        "{}: {tasks} task{}, {} — {rows} row{}",
        run_name(run),
        if tasks == 1 { "" } else { "s" },
        secs(run.end),
        if rows == 1 { "" } else { "s" }
    )
}

fn row_html(row: &Row) -> Html {
    let [who, rest @ ..] = row.cells();
    html! {
        <tr class={classes!("row", row.state.replace(' ', "-"))}>
            <th scope="row">{ who }</th>
            { for rest.into_iter().map(|cell| html! { <td>{ cell }</td> }) }
        </tr>
    }
}

#[component]
fn RunTable(props: &RunTableProps) -> Html {
    let rows = use_memo((props.chart.clone(), props.index), |(chart, i)| {
        chart.runs.get(*i).map(rows_of).unwrap_or_default()
    });
    let shown = use_state(|| PAGE_ROWS);
    let Some(run) = props.chart.runs.get(props.index) else {
        return html! {};
    };
    let more = rows.len().saturating_sub(*shown);
    let on_more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + PAGE_ROWS))
    };
    html! {
        <div class="run-table">
            <table>
                <caption>{ caption(run, rows.len()) }</caption>
                <thead>
                    <tr>{ for HEADERS.iter().map(|h| html! { <th scope="col">{ *h }</th> }) }</tr>
                </thead>
                <tbody>{ for rows.iter().take(*shown).map(row_html) }</tbody>
            </table>
            if more > 0 {
                <p class="table-more">
                    { format!("Showing {} of {} rows. ", *shown, rows.len()) }
                    <button type="button" onclick={on_more}>
                        { format!("Show {} more", more.min(PAGE_ROWS)) }
                    </button>
                </p>
            }
        </div>
    }
}
