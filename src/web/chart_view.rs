//! The chart on the page: the engine's chart model, drawn by the engine's SVG renderer.
//!
//! SKELETON (issue 4 in progress): the static SVG, no interaction yet.

use std::rc::Rc;

use yew::prelude::*;

use crate::chart::scene::{self, Src};
use crate::chart::{svg, Chart};

#[derive(Properties, PartialEq)]
pub struct ChartViewProps {
    pub chart: Rc<Chart>,
    /// A mark that locates an `await` was clicked.
    #[prop_or_default]
    pub on_select: Callback<Src>,
}

#[component]
pub fn ChartView(props: &ChartViewProps) -> Html {
    let svg = svg::render(&scene::layout(&props.chart, 900.0));
    html! { <div class="chart-view">{ Html::from_html_unchecked(AttrValue::from(svg)) }</div> }
}
