//! Layout: the chart model turned into positioned drawing primitives — plain
//! data (no markup), so the SVG serializer and the Yew component draw the same.
//!
//! From the top: the summary, the time axis (its grid runs through every lane),
//! then each run as a section — the concurrent run above its sequential
//! baseline, both on the one axis — with a lane per task and an event-loop lane,
//! and a legend of the marks used. Positions are pixels; y grows downwards.
//!
//! Big runs stay light: past [`MAX_LANES`] tasks the rest share one lane, and
//! marks under a pixel (running slices, idle waits, loop iterations) merge into
//! the mark beside them, so a 10,000-task chart is a few thousand elements.

use super::axis::{self, Axis};
use super::model::{Chart, EndKind, Lane, Print, Run, Segment, State, Status};
use super::palette::{Class, LABEL_PX, SMALL_PX, WAIT_PX};
use super::text::{self, fit, secs, At, MONO_EM, SANS_EM};
use crate::trace::{RunMode, TaskId};

pub const PAD: f64 = 12.0;
pub const LANE_H: f64 = 22.0;
pub const BAR_H: f64 = 14.0;
/// Running slices that took no time (CPU work on the virtual clock) still show.
pub const MIN_RUN_W: f64 = 3.0;
/// About one axis tick per this many pixels.
pub const PX_PER_TICK: f64 = 72.0;
/// Ticks never closer than this (a label such as "1.5 s" is about 32 px wide).
const MIN_PX_PER_TICK: f64 = 45.0;
const SECTION_H: f64 = 26.0;
const SUMMARY_PX: f64 = 15.0;
/// At most this many prints described in one marker's tooltip.
const PRINTS_PER_MARK: usize = 5;
/// Lanes described one by one in the text alternative.
const DESC_LANES: usize = 30;
/// Lanes drawn one by one per run; the tasks after them share one lane (a chart
/// of 10,000 lanes is no help to a reader and slow to draw: the table has them all).
pub const MAX_LANES: usize = 200;

/// Where in the source a mark points: the `await` that suspended (for click-to-highlight).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Src {
    pub line: u32,
    pub col: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub class: Class,
    /// Tooltip.
    pub title: Option<String>,
    pub src: Option<Src>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
    pub class: Class,
    pub title: Option<String>,
}

/// One line of text; `y` is the baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    pub x: f64,
    pub y: f64,
    pub text: String,
    pub class: Class,
    pub anchor: Anchor,
    pub title: Option<String>,
}

/// A shape as SVG path data (`M x,y l …`): markers for prints and task ends.
#[derive(Clone, Debug, PartialEq)]
pub struct Path {
    pub d: String,
    pub class: Class,
    pub title: Option<String>,
}

/// A run section or a task lane: `label` is its accessible name.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub label: String,
    pub task: Option<TaskId>,
    pub children: Vec<Node>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Group(Group),
    Rect(Rect),
    Line(Line),
    Text(Text),
    Path(Path),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// Prefix for ids inside the drawing (patterns, title): unique per page
    /// when several charts share one. Defaults to `awaitscope`.
    pub id: String,
    pub width: f64,
    pub height: f64,
    /// Short accessible name, and the longer text alternative.
    pub title: String,
    pub desc: String,
    /// In paint order.
    pub nodes: Vec<Node>,
}

impl Scene {
    /// Every node, depth first (groups before their children).
    pub fn walk(&self) -> Vec<&Node> {
        fn go<'a>(nodes: &'a [Node], out: &mut Vec<&'a Node>) {
            for n in nodes {
                out.push(n);
                if let Node::Group(g) = n {
                    go(&g.children, out);
                }
            }
        }
        let mut out = Vec::new();
        go(&self.nodes, &mut out);
        out
    }
}

fn rect(x: f64, y: f64, w: f64, h: f64, class: Class, title: Option<String>) -> Node {
    Node::Rect(Rect {
        x,
        y,
        w,
        h,
        class,
        title,
        src: None,
    })
}
fn line(x1: f64, y1: f64, x2: f64, y2: f64, class: Class, title: Option<String>) -> Node {
    Node::Line(Line {
        x1,
        y1,
        x2,
        y2,
        class,
        title,
    })
}
fn label(x: f64, y: f64, text: impl Into<String>, class: Class, anchor: Anchor) -> Node {
    Node::Text(Text {
        x,
        y,
        text: text.into(),
        class,
        anchor,
        title: None,
    })
}
fn path(d: String, class: Class, title: Option<String>) -> Node {
    Node::Path(Path { d, class, title })
}

/// A coordinate in path data: one decimal, without std's slow exact float formatting.
struct N(f64);

impl std::fmt::Display for N {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        text::write_fixed(f, self.0, 1)
    }
}

/// A print marker: a downward triangle, 8 wide, 6 tall, its top edge centred on (x, top).
fn triangle(x: f64, top: f64) -> String {
    format!("M{},{}h8l-4,6z", N(x - 4.0), N(top))
}

/// An exception's end: a diamond of radius `r` around (x, y).
fn diamond(x: f64, y: f64, r: f64) -> String {
    format!("M{},{}l{r},{r}l-{r},{r}l-{r},-{r}z", N(x), N(y - r))
}

/// The cross inside the diamond, half-size `r`.
fn cross(x: f64, y: f64, r: f64) -> String {
    let d = 2.0 * r;
    format!("M{},{}l{d},{d}m0,-{d}l-{d},{d}", N(x - r), N(y - r))
}

/// A cancellation's end: a circle of radius 5 around (x, y), slashed.
fn slashed_circle(x: f64, y: f64) -> String {
    format!(
        "M{},{}a5,5 0 1,0 10,0a5,5 0 1,0 -10,0M{},{}l7,-7",
        N(x - 5.0),
        N(y),
        N(x - 3.5),
        N(y + 3.5)
    )
}

/// Pixel geometry shared by every lane.
struct Frame {
    width: f64,
    /// Where the axis ends.
    x_end: f64,
    x0: f64,
    scale: f64,
    label_w: f64,
}

impl Frame {
    fn x(&self, t: f64) -> f64 {
        self.x0 + t * self.scale
    }
}

/// Which kinds of mark the chart uses (the legend shows only those).
#[derive(Default)]
struct Used {
    ready: bool,
    blocked: bool,
    idle: bool,
    print: bool,
    stuck: bool,
    ok: bool,
    raised: bool,
    cancelled: bool,
}

/// Lays the chart out `width` pixels wide (clamped to 240..20000; the height follows).
pub fn layout(chart: &Chart, width: f64) -> Scene {
    let width = if width.is_finite() {
        width.clamp(240.0, 20_000.0)
    } else {
        900.0
    };
    let longest = chart
        .runs
        .iter()
        .flat_map(|r| r.lanes.iter().take(MAX_LANES))
        .map(|l| text::width(&l.label, LABEL_PX, MONO_EM))
        .chain(chart.runs.iter().filter_map(|r| {
            let more = r.lanes.len().checked_sub(MAX_LANES).filter(|&n| n > 0)?;
            Some(text::width(&collapsed_name(more), LABEL_PX, MONO_EM))
        }))
        .fold(text::width("event loop", LABEL_PX, SANS_EM), f64::max);
    let label_w = (longest + 16.0).clamp(80.0, width * 0.38);
    let x0 = PAD + label_w;
    let plot_w = width - x0 - PAD - 14.0;
    let mut ax = axis::axis(chart.end, (plot_w / PX_PER_TICK) as usize);
    // A narrow chart would waste a quarter of its width on an axis running past
    // the data (0, 2 s, 4 s for 3 s): closer ticks, if their labels still fit.
    if ax.end > chart.end * 1.25 {
        let closer = axis::axis(chart.end, (plot_w / MIN_PX_PER_TICK) as usize);
        if closer.end < ax.end {
            ax = closer;
        }
    }
    let f = Frame {
        width,
        x_end: x0 + plot_w,
        x0,
        scale: plot_w / ax.end,
        label_w,
    };

    let mut nodes = vec![rect(0.0, 0.0, width, 0.0, Class::Background, None)];
    let mut y = PAD;
    for l in text::wrap(&chart.summary.text, width - 2.0 * PAD, SUMMARY_PX) {
        nodes.push(label(PAD, y + SUMMARY_PX, l, Class::Summary, Anchor::Start));
        y += SUMMARY_PX + 6.0;
    }
    y += 6.0;
    let axis_y = y + 16.0;
    let mut back = Vec::new(); // stripes: under the grid
    let mut sections = Vec::new();
    let mut used = Used::default();
    let mut now_span = None;
    y = axis_y + 4.0;
    for run in &chart.runs {
        let top = y;
        sections.push(Node::Group(section(run, &f, &mut y, &mut back, &mut used)));
        if run.mode == RunMode::Concurrent && now_span.is_none() {
            now_span = Some((top, y));
        }
        y += 8.0;
    }
    let grid_bottom = y - 8.0;
    nodes.append(&mut back);
    axis_nodes(
        &ax,
        &f,
        axis_y,
        grid_bottom,
        chart.now.map(|t| f.x(t)),
        &mut nodes,
    );
    nodes.append(&mut sections);
    if let (Some(now), Some((top, bottom))) = (chart.now, now_span) {
        let x = f.x(now);
        // The label rides on the axis like a playhead; the line runs through the lanes.
        nodes.push(line(
            x,
            top + SECTION_H - 2.0,
            x,
            bottom,
            Class::Now,
            Some(format!("now: {}", At(now))),
        ));
        nodes.push(label(
            x,
            axis_y - 7.0,
            "now",
            Class::NowLabel,
            Anchor::Middle,
        ));
    }
    y += 4.0;
    legend(&used, width, &mut y, &mut nodes);
    let height = y + PAD;
    if let Some(Node::Rect(bg)) = nodes.first_mut() {
        bg.h = height;
    }
    Scene {
        id: "awaitscope".into(),
        width,
        height,
        title: format!("Awaitscope chart: {}", chart.summary.text),
        desc: describe(chart),
        nodes,
    }
}

/// `now_x`: where the "now" label sits; tick labels under it are left out.
fn axis_nodes(ax: &Axis, f: &Frame, y: f64, bottom: f64, now_x: Option<f64>, out: &mut Vec<Node>) {
    let last = ax.ticks.len().saturating_sub(1);
    for (i, tick) in ax.ticks.iter().enumerate() {
        let x = f.x(tick.t);
        out.push(line(x, y, x, bottom, Class::Grid, None));
        out.push(line(x, y - 4.0, x, y, Class::Axis, None));
        if now_x.is_some_and(|n| (n - x).abs() < 30.0) {
            continue;
        }
        let anchor = if i == last && i > 0 {
            Anchor::End
        } else if i == 0 {
            Anchor::Start
        } else {
            Anchor::Middle
        };
        let x = if i == last && i > 0 { x + 4.0 } else { x };
        out.push(label(
            x,
            y - 7.0,
            tick.label.clone(),
            Class::AxisLabel,
            anchor,
        ));
    }
    out.push(line(f.x(0.0), y, f.x(ax.end), y, Class::Axis, None));
}

/// "Concurrent run" or "Sequential baseline": how the chart and the table name a run.
pub fn run_name(run: &Run) -> &'static str {
    match run.mode {
        RunMode::Concurrent => "Concurrent run",
        RunMode::Sequential => "Sequential baseline",
    }
}

fn section(run: &Run, f: &Frame, y: &mut f64, back: &mut Vec<Node>, used: &mut Used) -> Group {
    let name = run_name(run);
    let end = secs(run.end);
    let status = match &run.status {
        Status::Completed => end,
        Status::Running => format!("running, {end} so far"),
        Status::Raised(e) => format!("{end}, ended by {}", text::cap(e, 60)),
        Status::Cancelled => format!("{end}, cancelled"),
        Status::Unfinished(_) => format!("stuck at {end} (deadlock)"),
    };
    let heading = format!("{name} · {status}");
    let top = *y;
    let mut children = vec![label(
        PAD,
        top + 17.0,
        heading.clone(),
        Class::Section,
        Anchor::Start,
    )];
    *y += SECTION_H;
    let shown = run.lanes.len().min(MAX_LANES);
    for (i, lane) in run.lanes[..shown].iter().enumerate() {
        if i % 2 == 0 {
            back.push(rect(0.0, *y, f.width, LANE_H, Class::Stripe, None));
        }
        children.push(Node::Group(lane_group(run, lane, f, *y, used)));
        *y += LANE_H;
    }
    if let Some(rest) = run.lanes.get(MAX_LANES..).filter(|r| !r.is_empty()) {
        if shown % 2 == 0 {
            back.push(rect(0.0, *y, f.width, LANE_H, Class::Stripe, None));
        }
        children.push(Node::Group(collapsed_group(rest, f, *y, used)));
        *y += LANE_H;
    }
    children.push(Node::Group(loop_group(run, f, *y, used)));
    *y += LANE_H;
    if run.status != Status::Running {
        let x = f.x(run.end);
        children.push(line(
            x,
            top + 20.0,
            x,
            *y,
            Class::RunEnd,
            Some(format!("{name} ends at {}", At(run.end))),
        ));
    }
    Group {
        label: heading,
        task: None,
        children,
    }
}

fn lane_title(l: &Lane) -> String {
    format!(
        "{} — created at {}, line {}",
        l.label,
        At(l.created_at),
        l.line
    )
}

fn segment_title(run: &Run, lane: &Lane, s: &Segment) -> String {
    use std::fmt::Write;
    let mut o = String::with_capacity(lane.label.len() + 96);
    o.push_str(&lane.label);
    let _ = match s.state {
        State::Running => write!(o, ": running "),
        State::Waiting => write!(o, ": waiting for {} ", run.what(s)),
        State::Ready => write!(o, ": ready but not running "),
    };
    let _ = if s.end > s.start {
        write!(
            o,
            "from {} to {} ({})",
            At(s.start),
            At(s.end),
            At(s.end - s.start)
        )
    } else {
        write!(o, "at {} (took no time on this clock)", At(s.start))
    };
    if s.open && s.state == State::Waiting && matches!(run.status, Status::Unfinished(_)) {
        o.push_str(" and forever: nothing left can wake it (deadlock)");
    } else if s.open {
        o.push_str(", still going at the end");
    }
    if s.state == State::Ready {
        if s.what.is_some() {
            let _ = write!(o, " — {} was over", run.what(s));
        }
        // What held the loop: a blocking call overlapping the span, else other work.
        // Blocking calls do not overlap each other: they are in time order.
        let blocked = &run.event_loop.blocked;
        let first = blocked.partition_point(|b| b.end <= s.start);
        let block = blocked.get(first).filter(|b| b.start < s.end);
        let _ = match block {
            Some(b) if b.line > 0 => write!(
                o,
                ", but the loop was blocked by {} (line {})",
                b.what, b.line
            ),
            Some(b) => write!(o, ", but the loop was blocked by {}", b.what),
            None if s.what.is_some() => write!(o, ", but the loop was busy"),
            None => write!(o, " — the loop was busy"),
        };
        if s.line > 0 {
            let _ = write!(o, " — await at line {}:{}", s.line, s.col);
        }
    } else if s.line > 0 {
        let _ = write!(o, " — await at line {}:{}", s.line, s.col);
    }
    o
}

/// Print markers: triangles above the bar; prints within a pixel share one.
fn prints(prints: &[Print], owner: &str, f: &Frame, bar_y: f64, out: &mut Vec<Node>) {
    let mut i = 0;
    while let Some(first) = prints.get(i) {
        let x = f.x(first.t);
        let n = prints[i..]
            .iter()
            .take_while(|p| f.x(p.t) - x < 1.0)
            .count()
            .max(1);
        let mut title = format!("{owner} printed at {}:", At(first.t));
        for p in &prints[i..i + n.min(PRINTS_PER_MARK)] {
            title.push('\n');
            title.push_str(&p.text);
        }
        if n > PRINTS_PER_MARK {
            title.push_str(&format!("\n… and {} more", n - PRINTS_PER_MARK));
        }
        out.push(path(triangle(x, bar_y - 4.0), Class::Print, Some(title)));
        i += n;
    }
}

fn lane_group(run: &Run, lane: &Lane, f: &Frame, y: f64, used: &mut Used) -> Group {
    let bar_y = y + (LANE_H - BAR_H) / 2.0;
    let mut out = Vec::with_capacity(lane.segments.len() + 3);
    let shown = fit(&lane.label, f.label_w - 10.0, LABEL_PX)
        .unwrap_or_default()
        .into_owned();
    out.push(Node::Text(Text {
        x: PAD,
        y: y + LANE_H / 2.0 + 4.0,
        text: shown,
        class: Class::LaneLabel,
        anchor: Anchor::Start,
        title: Some(lane_title(lane)),
    }));
    // Running slices go on top: a zero-length one sits on the edge of a wait.
    let mut running = Vec::new();
    // Right edge of the last rect drawn, per class: marks hidden under it are skipped.
    let mut last_right = [f64::NEG_INFINITY; 3];
    for s in &lane.segments {
        let (x1, x2) = (f.x(s.start), f.x(s.end));
        // In a deadlock, what is still awaited at the end is awaited forever.
        let forever =
            s.open && s.state == State::Waiting && matches!(run.status, Status::Unfinished(_));
        let (class, k) = match s.state {
            State::Running => (Class::Running, 0),
            State::Waiting if forever => (Class::Stuck, 1),
            State::Waiting => (Class::Waiting, 1),
            State::Ready => (Class::Ready, 2),
        };
        let (x, w) = if forever {
            used.stuck = true;
            (x1, (f.x_end - x1).max(MIN_RUN_W))
        } else if s.state == State::Running && x2 - x1 < MIN_RUN_W {
            (((x1 + x2) / 2.0 - MIN_RUN_W / 2.0).max(f.x0), MIN_RUN_W)
        } else {
            (x1, x2 - x1)
        };
        // Sub-pixel spans inside an earlier mark of the lane add nothing visible.
        // A running slice adding less than a pixel to the last one adds nothing
        // visible (a sequential `main` runs between 10,000 awaits).
        let hidden = if s.state == State::Running {
            x + w < last_right[0] + 1.0
        } else {
            w < 0.5 && x + w <= last_right.iter().fold(f64::NEG_INFINITY, |a, &b| a.max(b)) + 0.5
        };
        if hidden {
            continue;
        }
        last_right[k] = last_right[k].max(x + w);
        used.ready |= s.state == State::Ready;
        let src = (s.state != State::Running && s.line > 0).then_some(Src {
            line: s.line,
            col: s.col,
        });
        let r = Node::Rect(Rect {
            x,
            y: bar_y,
            w,
            h: BAR_H,
            class,
            title: Some(segment_title(run, lane, s)),
            src,
        });
        if s.state == State::Running {
            running.push(r);
            continue;
        }
        out.push(r);
        if s.state == State::Waiting {
            if let Some(t) = fit(run.what(s), w - 8.0, WAIT_PX) {
                out.push(label(
                    x + 5.0,
                    bar_y + BAR_H / 2.0 + 3.8,
                    t.into_owned(),
                    Class::WaitLabel,
                    Anchor::Start,
                ));
            }
        }
    }
    out.append(&mut running);
    used.print |= !lane.prints.is_empty();
    prints(&lane.prints, &lane.label, f, bar_y, &mut out);
    if let Some(e) = &lane.end {
        let (x, cy) = (f.x(e.t), bar_y + BAR_H / 2.0);
        let when = At(e.t);
        match e.kind {
            EndKind::Returned => {
                used.ok = true;
                let title = format!("{} returned {} at {when}", lane.label, e.detail);
                out.push(rect(
                    x - 1.0,
                    bar_y - 2.0,
                    2.5,
                    BAR_H + 4.0,
                    Class::EndOk,
                    Some(title),
                ));
            }
            EndKind::Raised => {
                used.raised = true;
                let title = format!("{} raised {} at {when}", lane.label, e.detail);
                out.push(path(diamond(x, cy, 6.5), Class::EndError, Some(title)));
                out.push(path(cross(x, cy, 2.5), Class::EndErrorMark, None));
            }
            EndKind::Cancelled => {
                used.cancelled = true;
                let why = if e.detail.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", e.detail)
                };
                let title = format!("{} was cancelled at {when}{why}", lane.label);
                let d = slashed_circle(x, cy);
                out.push(path(d, Class::EndCancel, Some(title)));
            }
        }
    }
    Group {
        label: lane.label.clone(),
        task: Some(lane.task),
        children: out,
    }
}

/// Spans merged where they overlap or touch: (start, end, most at once, how many).
fn union(mut spans: Vec<(f64, f64)>) -> Vec<(f64, f64, u32, u32)> {
    // Starts before ends at equal times, so touching spans merge.
    let mut edges: Vec<(f64, i32)> = spans.iter().flat_map(|&(a, b)| [(a, 1), (b, -1)]).collect();
    spans.clear();
    crate::vm::stable_sort::sort_by(&mut edges, |a, b| {
        a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)).is_lt()
    });
    let (mut out, mut open, mut start, mut most, mut count) = (Vec::new(), 0i32, 0.0, 0, 0);
    for (t, d) in edges {
        if open == 0 {
            (start, most, count) = (t, 0, 0);
        }
        open += d;
        count += (d > 0) as u32;
        most = most.max(open.max(0) as u32);
        if open == 0 {
            out.push((start, t, most, count));
        }
    }
    out
}

/// The label of the lane of the tasks after the first [`MAX_LANES`].
fn collapsed_name(n: usize) -> String {
    format!("+ {n} more tasks")
}

/// The tasks after the first [`MAX_LANES`], drawn together in one lane: where
/// any of them was waiting, ready or running (how many at most, in the tooltip).
fn collapsed_group(rest: &[Lane], f: &Frame, y: f64, used: &mut Used) -> Group {
    let bar_y = y + (LANE_H - BAR_H) / 2.0;
    let n = rest.len();
    let name = collapsed_name(n);
    let first = rest.first().map_or(0.0, |l| l.created_at);
    let last = rest.last().map_or(0.0, |l| l.created_at);
    let mut out = vec![Node::Text(Text {
        x: PAD,
        y: y + LANE_H / 2.0 + 4.0,
        text: fit(&name, f.label_w - 10.0, LABEL_PX)
            .unwrap_or_default()
            .into_owned(),
        class: Class::LaneLabel,
        anchor: Anchor::Start,
        title: Some(if last > first {
            format!(
                "{n} more tasks, created from {} to {}, drawn together in this lane; \
                 the data table lists each",
                At(first),
                At(last)
            )
        } else {
            format!(
                "{n} more tasks, created at {}, drawn together in this lane; \
                 the data table lists each",
                At(first)
            )
        }),
    })];
    let mut running = Vec::new();
    for (state, class, what) in [
        (State::Waiting, Class::Waiting, "waiting"),
        (State::Ready, Class::Ready, "ready but not running"),
        (State::Running, Class::Running, "running"),
    ] {
        let spans = rest
            .iter()
            .flat_map(|l| &l.segments)
            .filter(|s| s.state == state)
            .map(|s| (s.start, s.end))
            .collect();
        // Merged again in pixels: at most one mark per pixel column.
        // (x1, x2, most at once, spans, from, to)
        let mut marks: Vec<(f64, f64, u32, u32, f64, f64)> = Vec::new();
        for (a, b, k, c) in union(spans) {
            let (x1, x2) = (f.x(a), f.x(b));
            let (x1, x2) = if state == State::Running && x2 - x1 < MIN_RUN_W {
                let mid = (x1 + x2) / 2.0;
                ((mid - MIN_RUN_W / 2.0).max(f.x0), mid + MIN_RUN_W / 2.0)
            } else {
                (x1, x2)
            };
            match marks.last_mut() {
                Some(m) if x1 - m.1 < 1.0 => {
                    m.1 = m.1.max(x2);
                    m.2 = m.2.max(k);
                    m.3 += c;
                    m.5 = m.5.max(b);
                }
                _ => marks.push((x1, x2, k, c, a, b)),
            }
        }
        used.ready |= state == State::Ready && !marks.is_empty();
        for (x1, x2, k, c, a, b) in marks {
            let when = if b > a {
                format!("from {} to {}", At(a), At(b))
            } else {
                format!("at {}", At(a))
            };
            // One task runs at a time: how many steps, not how many at once.
            let title = if state == State::Running {
                format!("{name}: {c} step{} {when}", if c == 1 { "" } else { "s" })
            } else {
                format!("{name}: up to {k} {what} at once, {when}")
            };
            let r = rect(x1, bar_y, (x2 - x1).max(0.0), BAR_H, class, Some(title));
            if state == State::Running {
                running.push(r);
            } else {
                out.push(r);
            }
        }
    }
    out.append(&mut running);
    Group {
        label: name,
        task: None,
        children: out,
    }
}

fn loop_group(run: &Run, f: &Frame, y: f64, used: &mut Used) -> Group {
    let el = &run.event_loop;
    let (bar_y, cy) = (y + (LANE_H - BAR_H) / 2.0, y + LANE_H / 2.0);
    let mut out = vec![label(
        PAD,
        cy + 4.0,
        "event loop",
        Class::LoopLabel,
        Anchor::Start,
    )];
    // Idle waits: the ones under a pixel wide joined to the line before them.
    let mut i = 0;
    while let Some(&(a, _)) = el.idle.get(i) {
        used.idle = true;
        let mut n = 1;
        let mut total = el.idle[i].1 - a;
        while let Some(&(c, d)) = el.idle.get(i + n) {
            if f.x(c) - f.x(el.idle[i + n - 1].1) >= 1.0 || f.x(d) - f.x(c) >= 1.0 {
                break;
            }
            total += d - c;
            n += 1;
        }
        let b = el.idle[i + n - 1].1;
        let title = if n == 1 {
            format!(
                "event loop idle from {} to {} ({}): nothing ready, waiting for the next timer",
                At(a),
                At(b),
                At(b - a)
            )
        } else {
            format!(
                "event loop idle {n} times from {} to {} ({} in all): nothing ready, waiting for timers",
                At(a),
                At(b),
                At(total)
            )
        };
        out.push(line(f.x(a), cy, f.x(b), cy, Class::Idle, Some(title)));
        i += n;
    }
    // Iterations: one tick per pixel column, however many ran there.
    let mut i = 0;
    while let Some(first) = el.iterations.get(i) {
        let x = f.x(first.start).floor();
        let group = el.iterations[i..]
            .iter()
            .take_while(|it| f.x(it.start).floor() == x)
            .collect::<Vec<_>>();
        let n = group.len().max(1);
        let handles: u64 = group.iter().map(|it| it.handles as u64).sum();
        let w = (f.x(group.last().map_or(first.end, |it| it.end)) - x).max(1.0);
        let title = if n == 1 {
            format!(
                "loop iteration at {}: {handles} callback{}",
                At(first.start),
                if handles == 1 { "" } else { "s" }
            )
        } else {
            format!(
                "{n} loop iterations at {}: {handles} callbacks",
                At(first.start)
            )
        };
        out.push(rect(
            x,
            bar_y + 2.0,
            w,
            BAR_H - 4.0,
            Class::Iteration,
            Some(title),
        ));
        i += n;
    }
    for b in &el.blocked {
        used.blocked = true;
        let (x, w) = (f.x(b.start), (f.x(b.end) - f.x(b.start)).max(MIN_RUN_W));
        let title = format!(
            "the loop was blocked by {} (line {}) from {} to {} ({}): no other task could run",
            b.what,
            b.line,
            At(b.start),
            At(b.end),
            At(b.end - b.start)
        );
        out.push(Node::Rect(Rect {
            x,
            y: bar_y,
            w,
            h: BAR_H,
            class: Class::Blocked,
            title: Some(title),
            src: (b.line > 0).then_some(Src {
                line: b.line,
                col: 0,
            }),
        }));
        if let Some(t) = fit(&b.what, w - 6.0, WAIT_PX) {
            out.push(label(
                x + 3.0,
                bar_y + BAR_H / 2.0 + 3.8,
                t.into_owned(),
                Class::BlockedLabel,
                Anchor::Start,
            ));
        }
    }
    used.print |= !el.prints.is_empty();
    prints(&el.prints, "module level", f, bar_y, &mut out);
    Group {
        label: format!("{}: event loop", run_name(run)),
        task: None,
        children: out,
    }
}

/// The key, in rows that wrap to the width: running and waiting always, the rest when used.
fn legend(used: &Used, width: f64, y: &mut f64, out: &mut Vec<Node>) {
    #[derive(Clone, Copy)]
    enum Swatch {
        Bar,
        Thin,
        Dash,
        Triangle,
        Cap,
        Diamond,
        Circle,
    }
    let items = [
        (true, Class::Running, Swatch::Bar, "running"),
        (true, Class::Waiting, Swatch::Bar, "waiting on an await"),
        (used.ready, Class::Ready, Swatch::Bar, "ready, not yet run"),
        (
            used.stuck,
            Class::Stuck,
            Swatch::Bar,
            "waiting forever (deadlock)",
        ),
        (used.print, Class::Print, Swatch::Triangle, "print"),
        (used.ok, Class::EndOk, Swatch::Cap, "returned"),
        (used.raised, Class::EndError, Swatch::Diamond, "raised"),
        (
            used.cancelled,
            Class::EndCancel,
            Swatch::Circle,
            "cancelled",
        ),
        (true, Class::Iteration, Swatch::Thin, "loop iteration"),
        (used.idle, Class::Idle, Swatch::Dash, "loop idle"),
        (used.blocked, Class::Blocked, Swatch::Bar, "loop blocked"),
    ];
    let mut x = PAD;
    let row_h = 18.0;
    let mut group = Vec::new();
    for (on, class, swatch, name) in items {
        if !on {
            continue;
        }
        let w = 22.0 + text::width(name, SMALL_PX, SANS_EM) + 16.0;
        if x > PAD && x + w > width - PAD {
            x = PAD;
            *y += row_h;
        }
        let (sy, cy) = (*y + 3.0, *y + 8.0);
        group.push(match swatch {
            Swatch::Bar => rect(x, sy, 16.0, 10.0, class, None),
            Swatch::Thin => rect(x + 7.0, sy + 1.0, 2.0, 8.0, class, None),
            Swatch::Dash => line(x, cy, x + 16.0, cy, class, None),
            Swatch::Triangle => path(triangle(x + 8.0, cy - 3.0), class, None),
            Swatch::Cap => rect(x + 7.0, sy - 1.0, 2.5, 12.0, class, None),
            Swatch::Diamond => path(diamond(x + 8.0, cy, 6.0), class, None),
            Swatch::Circle => path(slashed_circle(x + 8.0, cy), class, None),
        });
        if let Swatch::Diamond = swatch {
            group.push(path(cross(x + 8.0, cy, 2.0), Class::EndErrorMark, None));
        }
        group.push(label(
            x + 22.0,
            cy + 4.0,
            name,
            Class::Legend,
            Anchor::Start,
        ));
        x += w;
    }
    *y += row_h;
    out.push(Node::Group(Group {
        label: "Legend".into(),
        task: None,
        children: group,
    }));
}

/// The text alternative: each run, and its first lanes one sentence each.
fn describe(chart: &Chart) -> String {
    let mut d = chart.summary.text.clone();
    d.push('.');
    for run in &chart.runs {
        let n = run.lanes.len();
        d.push_str(&format!(
            "\n{}: {n} task{}, {}.",
            run_name(run),
            if n == 1 { "" } else { "s" },
            secs(run.end)
        ));
        for lane in run.lanes.iter().take(DESC_LANES) {
            d.push_str(&format!(
                "\n{}: created at {}",
                lane.label,
                At(lane.created_at)
            ));
            let mut whats: Vec<&str> = Vec::new();
            for s in lane.segments.iter().filter(|s| s.state == State::Waiting) {
                let w = run.what(s);
                if !whats.contains(&w) && whats.len() < 4 {
                    whats.push(w);
                }
            }
            if !whats.is_empty() {
                d.push_str(&format!(", waits for {}", whats.join(", ")));
            }
            match &lane.end {
                Some(e) => {
                    let how = match e.kind {
                        EndKind::Returned => "returns",
                        EndKind::Raised => "raises",
                        EndKind::Cancelled => "is cancelled",
                    };
                    d.push_str(&format!(", {how} at {}", At(e.t)));
                    if e.kind == EndKind::Raised {
                        d.push_str(&format!(" ({})", e.detail));
                    }
                }
                None => d.push_str(", never finishes"),
            }
            d.push('.');
        }
        if n > DESC_LANES {
            d.push_str(&format!(
                "\n… and {} more tasks (see the data table).",
                n - DESC_LANES
            ));
        }
    }
    d
}
