//! The trace as a data table, for screen readers and for reading exact times.
//!
//! SKELETON (issue 4 in progress).

use std::rc::Rc;

use yew::prelude::*;

use crate::chart::Chart;

#[derive(Properties, PartialEq)]
pub struct TableViewProps {
    pub chart: Rc<Chart>,
}

#[component]
pub fn TableView(props: &TableViewProps) -> Html {
    html! { <p class="table-view">{ format!("{} runs", props.chart.runs.len()) }</p> }
}
