//! The chart end to end: hand-built traces of the tutorial programs → model →
//! scene → SVG. `UPDATE_GOLDEN=1 cargo test --test chart_svg` rewrites the golden
//! SVG; every run also writes the charts to `target/chart/` for looking at.
#![cfg(not(target_arch = "wasm32"))]

use awaitscope::chart::model::{EndKind, State, Status};
use awaitscope::chart::palette::Class;
use awaitscope::chart::scene::{self, Node, Scene};
use awaitscope::chart::{svg, table, Chart, ChartOptions};
use awaitscope::trace::{Event, Outcome, RunMode, TaskId, TaskInfo, Trace};

/// Builds a trace the way the engine records one.
struct B(Trace);

impl B {
    fn new(mode: RunMode) -> B {
        B(Trace {
            mode,
            tasks: vec![],
            events: vec![],
            end_time: 0.0,
        })
    }
    fn ev(&mut self, e: Event) -> &mut Self {
        self.0.end_time = self.0.end_time.max(e.time());
        self.0.events.push(e);
        self
    }
    fn task(&mut self, coro: &str, parent: Option<TaskId>, t: f64, line: u32) -> TaskId {
        let id = self.0.tasks.len() as TaskId;
        let name = format!("Task-{}", id + 1);
        self.0.tasks.push(TaskInfo {
            id,
            name,
            coro: coro.into(),
            parent,
            created_at: t,
            line,
        });
        self.ev(Event::TaskCreated { t, task: id });
        id
    }
    fn start(&mut self, task: TaskId, t: f64) -> &mut Self {
        self.ev(Event::StepStart { t, task })
    }
    /// The step ends suspended at an await.
    fn suspend(&mut self, task: TaskId, t: f64, what: &str, line: u32, col: u32) -> &mut Self {
        self.ev(Event::StepEnd { t, task });
        self.ev(Event::Suspend {
            t,
            task,
            what: what.into(),
            line,
            col,
        })
    }
    fn wake(&mut self, task: TaskId, t: f64) -> &mut Self {
        self.ev(Event::Wake { t, task })
    }
    fn print(&mut self, task: TaskId, t: f64, text: &str) -> &mut Self {
        self.ev(Event::Print {
            t,
            task: Some(task),
            text: text.into(),
        })
    }
    fn done(&mut self, task: TaskId, t: f64, outcome: Outcome) -> &mut Self {
        self.ev(Event::StepEnd { t, task });
        self.ev(Event::TaskDone { t, task, outcome })
    }
    fn ret(&mut self, task: TaskId, t: f64) -> &mut Self {
        self.done(
            task,
            t,
            Outcome::Result {
                repr: "None".into(),
            },
        )
    }
    fn iter(&mut self, t: f64, handles: u32) -> &mut Self {
        self.ev(Event::LoopIteration {
            start: t,
            end: t,
            handles,
        })
    }
    fn idle(&mut self, start: f64, end: f64) -> &mut Self {
        self.ev(Event::Idle { start, end })
    }
}

/// Tutorial 2: `task1` (sleep 1) and `task2` (sleep 2) gathered under `main`.
fn tutorial2() -> Trace {
    let mut b = B::new(RunMode::Concurrent);
    let main = b.task("main()", None, 0.0, 14);
    b.iter(0.0, 1).start(main, 0.0);
    let t1 = b.task("task1()", Some(main), 0.0, 12);
    let t2 = b.task("task2()", Some(main), 0.0, 12);
    b.suspend(main, 0.0, "gather(task1(), task2())", 12, 5);
    b.iter(0.0, 2)
        .start(t1, 0.0)
        .print(t1, 0.0, "Task 1 started")
        .suspend(t1, 0.0, "sleep(1)", 4, 5);
    b.start(t2, 0.0)
        .print(t2, 0.0, "Task 2 started")
        .suspend(t2, 0.0, "sleep(2)", 9, 5);
    b.idle(0.0, 1.0).iter(1.0, 1).wake(t1, 1.0);
    b.iter(1.0, 1)
        .start(t1, 1.0)
        .print(t1, 1.0, "Task 1 finished")
        .ret(t1, 1.0);
    b.iter(1.0, 1).idle(1.0, 2.0).iter(2.0, 1).wake(t2, 2.0);
    b.iter(2.0, 1)
        .start(t2, 2.0)
        .print(t2, 2.0, "Task 2 finished")
        .ret(t2, 2.0);
    b.iter(2.0, 1)
        .wake(main, 2.0)
        .iter(2.0, 1)
        .start(main, 2.0)
        .ret(main, 2.0);
    b.0
}

/// Its sequential baseline: gather awaits task1, then task2.
fn tutorial2_sequential() -> Trace {
    let mut b = B::new(RunMode::Sequential);
    let main = b.task("main()", None, 0.0, 14);
    b.iter(0.0, 1).start(main, 0.0);
    let t1 = b.task("task1()", Some(main), 0.0, 12);
    b.suspend(main, 0.0, "Task-2 task1()", 12, 5);
    b.iter(0.0, 1)
        .start(t1, 0.0)
        .print(t1, 0.0, "Task 1 started")
        .suspend(t1, 0.0, "sleep(1)", 4, 5);
    b.idle(0.0, 1.0).iter(1.0, 1).wake(t1, 1.0).iter(1.0, 1);
    b.start(t1, 1.0)
        .print(t1, 1.0, "Task 1 finished")
        .ret(t1, 1.0)
        .wake(main, 1.0);
    b.iter(1.0, 1).start(main, 1.0);
    let t2 = b.task("task2()", Some(main), 1.0, 12);
    b.suspend(main, 1.0, "Task-3 task2()", 12, 5);
    b.iter(1.0, 1)
        .start(t2, 1.0)
        .print(t2, 1.0, "Task 2 started")
        .suspend(t2, 1.0, "sleep(2)", 9, 5);
    b.idle(1.0, 3.0).iter(3.0, 1).wake(t2, 3.0).iter(3.0, 1);
    b.start(t2, 3.0)
        .print(t2, 3.0, "Task 2 finished")
        .ret(t2, 3.0)
        .wake(main, 3.0);
    b.iter(3.0, 1).start(main, 3.0).ret(main, 3.0);
    b.0
}

/// The classic mistake: `blocker` (scheduled first) calls `time.sleep(2)`, so
/// `ticker`, ready since 0 s, first runs at 2 s.
fn blocking() -> Trace {
    let mut b = B::new(RunMode::Concurrent);
    let main = b.task("main()", None, 0.0, 20);
    b.iter(0.0, 1).start(main, 0.0);
    let block = b.task("blocker()", Some(main), 0.0, 18);
    let tick = b.task("ticker()", Some(main), 0.0, 18);
    b.suspend(main, 0.0, "gather(blocker(), ticker())", 18, 5);
    b.iter(0.0, 2).start(block, 0.0);
    b.ev(Event::Blocked {
        start: 0.0,
        end: 2.0,
        task: Some(block),
        what: "time.sleep(2)".into(),
        line: 12,
    });
    b.print(block, 2.0, "blocker woke <late> & annoyed")
        .suspend(block, 2.0, "sleep(1)", 13, 9);
    b.start(tick, 2.0).print(tick, 2.0, "tick").done(
        tick,
        2.0,
        Outcome::Exception {
            exc_type: "ValueError".into(),
            message: "late by 1.5 s".into(),
        },
    );
    b.idle(2.0, 3.0)
        .iter(3.0, 1)
        .wake(block, 3.0)
        .iter(3.0, 1)
        .start(block, 3.0);
    b.done(block, 3.0, Outcome::Cancelled { message: None });
    b.iter(3.0, 1)
        .wake(main, 3.0)
        .iter(3.0, 1)
        .start(main, 3.0)
        .ret(main, 3.0);
    b.0
}

fn tutorial_chart() -> Chart {
    Chart::from_traces(
        &tutorial2(),
        Some(&tutorial2_sequential()),
        &ChartOptions::default(),
    )
}

/// A minimal XML well-formedness check: one root, balanced and properly nested
/// tags, quoted attributes, no raw `<` in text or attributes, `&` only in entities.
fn check_xml(s: &str) -> Result<(), String> {
    fn entity_ok(rest: &str) -> bool {
        let Some(end) = rest.find(';') else {
            return false;
        };
        let e = &rest[1..end];
        matches!(e, "amp" | "lt" | "gt" | "quot" | "apos")
            || e.strip_prefix("#x")
                .is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
            || e.strip_prefix('#')
                .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
    }
    fn text_ok(t: &str) -> Result<(), String> {
        for (i, c) in t.char_indices() {
            if c == '<' || (c == '&' && !entity_ok(&t[i..])) {
                return Err(format!("bad character in {:?}", &t[i..t.len().min(i + 30)]));
            }
        }
        Ok(())
    }
    let mut stack: Vec<&str> = Vec::new();
    let mut roots = 0;
    let mut rest = s;
    while let Some(lt) = rest.find('<') {
        let text = &rest[..lt];
        text_ok(text)?;
        if stack.is_empty() && !text.trim().is_empty() {
            return Err(format!("text outside the root: {text:?}"));
        }
        rest = &rest[lt + 1..];
        if let Some(r) = rest.strip_prefix('/') {
            let end = r.find('>').ok_or("unclosed end tag")?;
            let name = r[..end].trim();
            if stack.pop() != Some(name) {
                return Err(format!("mismatched </{name}>"));
            }
            rest = &r[end + 1..];
            continue;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .ok_or("unclosed tag")?;
        let name = &rest[..name_end];
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == ':')
        {
            return Err(format!("bad tag name {name:?}"));
        }
        let mut a = &rest[name_end..];
        let self_closing;
        loop {
            a = a.trim_start();
            if let Some(r) = a.strip_prefix("/>") {
                self_closing = true;
                a = r;
                break;
            }
            if let Some(r) = a.strip_prefix('>') {
                self_closing = false;
                a = r;
                break;
            }
            let eq = a.find('=').ok_or("attribute without value")?;
            let attr = a[..eq].trim();
            if attr.is_empty()
                || !attr
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == ':')
            {
                return Err(format!("bad attribute name {attr:?} in <{name}>"));
            }
            let v = a[eq + 1..]
                .strip_prefix('"')
                .ok_or(format!("unquoted attribute {attr}"))?;
            let close = v.find('"').ok_or("unterminated attribute")?;
            text_ok(&v[..close])?;
            a = &v[close + 1..];
        }
        if stack.is_empty() {
            roots += 1;
        }
        if !self_closing {
            stack.push(name);
        }
        rest = a;
    }
    text_ok(rest)?;
    if !rest.trim().is_empty() {
        return Err("text after the root".into());
    }
    match (stack.is_empty(), roots) {
        (true, 1) => Ok(()),
        (false, _) => Err(format!("unclosed {stack:?}")),
        _ => Err(format!("{roots} root elements")),
    }
}

#[test]
fn the_xml_checker_rejects_what_it_should() {
    assert!(check_xml("<svg><g a=\"1\"><t>x &amp; y</t></g><r/></svg>").is_ok());
    for bad in [
        "<svg><g></svg>",
        "<svg>a & b</svg>",
        "<svg a=\"<\"/>",
        "<svg/><svg/>",
        "<svg a=1/>",
        "<svg>",
        "x<svg/>",
    ] {
        assert!(check_xml(bad).is_err(), "{bad}");
    }
}

/// The lane groups of each run section, by label.
fn lanes(scene: &Scene) -> Vec<Vec<&scene::Group>> {
    let mut runs = Vec::new();
    for n in &scene.nodes {
        if let Node::Group(sec) = n {
            if sec.label == "Legend" {
                continue;
            }
            runs.push(
                sec.children
                    .iter()
                    .filter_map(|c| match c {
                        Node::Group(g) if g.task.is_some() => Some(g),
                        _ => None,
                    })
                    .collect(),
            );
        }
    }
    runs
}

fn rects(g: &scene::Group, class: Class) -> Vec<&scene::Rect> {
    g.children
        .iter()
        .filter_map(|n| match n {
            Node::Rect(r) if r.class == class => Some(r),
            _ => None,
        })
        .collect()
}

fn texts(scene: &Scene, class: Class) -> Vec<String> {
    scene
        .walk()
        .into_iter()
        .filter_map(|n| match n {
            Node::Text(t) if t.class == class => Some(t.text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn tutorial_model_has_the_lanes_and_the_summary() {
    let chart = tutorial_chart();
    let conc = &chart.runs[0];
    let labels: Vec<_> = conc.lanes.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(labels, ["main()", "task1()", "task2()"]);
    assert_eq!(
        chart.summary.text,
        "2.0 s concurrent vs 3.0 s sequential — 1.5× faster"
    );
    assert_eq!(chart.summary.speedup, Some(1.5));
    assert_eq!(conc.status, Status::Completed);
    assert_eq!(chart.end, 3.0);
    // task1 waits for sleep(1) from 0 to 1, task2 for sleep(2) from 0 to 2.
    let waits = |i: usize| -> Vec<(String, f64, f64)> {
        conc.lanes[i]
            .segments
            .iter()
            .filter(|s| s.state == State::Waiting)
            .map(|s| (conc.what(s).to_string(), s.start, s.end))
            .collect()
    };
    assert_eq!(waits(1), [("sleep(1)".to_string(), 0.0, 1.0)]);
    assert_eq!(waits(2), [("sleep(2)".to_string(), 0.0, 2.0)]);
    assert_eq!(
        waits(0),
        [("gather(task1(), task2())".to_string(), 0.0, 2.0)]
    );
    assert!(conc
        .lanes
        .iter()
        .all(|l| l.end.as_ref().is_some_and(|e| e.kind == EndKind::Returned)));
    assert_eq!(conc.lanes[1].prints.len(), 2);
    assert_eq!(conc.event_loop.idle, [(0.0, 1.0), (1.0, 2.0)]);
    let seq = &chart.runs[1];
    assert_eq!(seq.end, 3.0);
    assert_eq!(seq.lanes[2].created_at, 1.0);
}

#[test]
fn tutorial_scene_draws_waits_in_ratio_and_a_nice_axis() {
    let scene = scene::layout(&tutorial_chart(), 900.0);
    let runs = lanes(&scene);
    assert_eq!(runs.len(), 2, "concurrent and sequential sections");
    let names: Vec<_> = runs[0].iter().map(|g| g.label.as_str()).collect();
    assert_eq!(names, ["main()", "task1()", "task2()"]);
    let w1 = rects(runs[0][1], Class::Waiting);
    let w2 = rects(runs[0][2], Class::Waiting);
    assert_eq!((w1.len(), w2.len()), (1, 1));
    assert!(
        (w2[0].w / w1[0].w - 2.0).abs() < 1e-9,
        "{} vs {}",
        w1[0].w,
        w2[0].w
    );
    assert!(w1[0].x == w2[0].x && w1[0].w > 100.0);
    // Each wait knows its await's place in the source and is labelled.
    assert_eq!(w1[0].src, Some(scene::Src { line: 4, col: 5 }));
    assert!(texts(&scene, Class::WaitLabel).contains(&"sleep(2)".to_string()));
    // Zero-length running slices are still visible.
    assert!(rects(runs[0][1], Class::Running)
        .iter()
        .all(|r| r.w >= scene::MIN_RUN_W));
    // The sequential task2 waits twice as long as the concurrent task1, on the same axis.
    let s2 = rects(runs[1][2], Class::Waiting);
    assert!((s2[0].w / w1[0].w - 2.0).abs() < 1e-9);
    assert!(s2[0].x > w1[0].x, "starts at 1 s");
    assert_eq!(
        texts(&scene, Class::AxisLabel),
        ["0", "0.5 s", "1 s", "1.5 s", "2 s", "2.5 s", "3 s"]
    );
    // Narrow: fewer ticks, whole seconds.
    let narrow = scene::layout(&tutorial_chart(), 360.0);
    assert_eq!(texts(&narrow, Class::AxisLabel), ["0", "1 s", "2 s", "3 s"]);
    // Narrower (a phone's panel): still 0..3 s, not 0, 2 s, 4 s with a quarter empty.
    let phone = scene::layout(&tutorial_chart(), 320.0);
    assert_eq!(texts(&phone, Class::AxisLabel), ["0", "1 s", "2 s", "3 s"]);
    assert!(
        texts(&narrow, Class::Summary).len() > 1,
        "the summary wraps at 360 px"
    );
}

#[test]
fn tutorial_svg_is_well_formed_accessible_and_labelled() {
    let svg = svg::render(&scene::layout(&tutorial_chart(), 900.0));
    check_xml(&svg).unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains("<title id=\"awaitscope-title\">"));
    assert!(svg.contains("<desc id=\"awaitscope-desc\">"));
    for label in [
        ">main()</text>",
        ">task1()</text>",
        ">task2()</text>",
        ">event loop</text>",
        ">sleep(1)</text>",
    ] {
        assert!(svg.contains(label), "{label}");
    }
    assert!(svg.contains("2.0 s concurrent vs 3.0 s sequential — 1.5× faster"));
    assert!(svg.contains("data-line=\"4\" data-col=\"5\""));
    assert!(!svg.contains("href"), "self-contained: nothing external");
    assert!(svg.contains("Task 1 finished"), "prints are tooltips");

    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(out.join("target/chart")).unwrap();
    std::fs::write(out.join("target/chart/tutorial2.svg"), &svg).unwrap();
    let golden = out.join("tests/golden/tutorial2.svg");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &svg).unwrap();
    } else {
        let want =
            std::fs::read_to_string(&golden).expect("golden missing: run with UPDATE_GOLDEN=1");
        assert!(
            want == svg,
            "tutorial2.svg changed: look at target/chart/tutorial2.svg, then UPDATE_GOLDEN=1"
        );
    }
}

#[test]
fn blocking_sleep_shows_ready_tasks_and_a_blocked_loop_and_escapes_text() {
    let chart = Chart::from_traces(&blocking(), None, &ChartOptions::default());
    let ticker = &chart.runs[0].lanes[2];
    let ready: Vec<_> = ticker
        .segments
        .iter()
        .filter(|s| s.state == State::Ready)
        .map(|s| (s.start, s.end))
        .collect();
    assert_eq!(ready, [(0.0, 2.0)]);
    let scene = scene::layout(&chart, 800.0);
    let all = scene.walk();
    let has = |c: Class| {
        all.iter().any(|n| {
            matches!(n, Node::Rect(r) if r.class == c) || matches!(n, Node::Path(p) if p.class == c)
        })
    };
    assert!(
        has(Class::Blocked) && has(Class::EndError) && has(Class::EndCancel) && has(Class::Print)
    );
    assert!(texts(&scene, Class::BlockedLabel).contains(&"time.sleep(2)".into()));
    let svg = svg::render(&scene);
    check_xml(&svg).unwrap();
    assert!(svg.contains("blocker woke &lt;late&gt; &amp; annoyed"));
    assert!(svg.contains("raised ValueError: late by 1.5 s"));
    assert!(
        svg.contains(">ready, not yet run</text>") && svg.contains(">loop blocked</text>"),
        "legend"
    );
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/target/chart");
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(format!("{dir}/blocking.svg"), &svg).unwrap();
}

#[test]
fn a_live_run_extends_to_now_with_a_cursor() {
    let mut t = tutorial2();
    t.events.truncate(
        t.events
            .iter()
            .position(|e| matches!(e, Event::Idle { .. }))
            .unwrap(),
    );
    t.end_time = 0.0;
    let opts = ChartOptions {
        now: Some(0.6),
        ..Default::default()
    };
    let chart = Chart::from_traces(&t, Some(&tutorial2_sequential()), &opts);
    let task2 = &chart.runs[0].lanes[2];
    let last = task2.segments.last().unwrap();
    assert!(last.open && last.end == 0.6 && last.state == State::Waiting);
    assert_eq!(chart.summary.text, "600 ms so far vs 3.0 s sequential");
    let scene = scene::layout(&chart, 700.0);
    assert!(scene
        .walk()
        .iter()
        .any(|n| matches!(n, Node::Line(l) if l.class == Class::Now)));
    let svg = svg::render(&scene);
    check_xml(&svg).unwrap();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/target/chart");
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(format!("{dir}/live.svg"), svg).unwrap();
}

#[test]
fn hostile_text_and_an_empty_trace_still_make_valid_svg() {
    let mut b = B::new(RunMode::Concurrent);
    let t = b.task("f('<x>' & \"y\" \u{7}\u{0})", None, 0.0, 1);
    b.start(t, 0.0)
        .print(t, 0.0, "]]> <!-- & \u{1b}[31m")
        .suspend(t, 0.0, "Queue.get() <&>", 2, 3);
    let svg = awaitscope::chart::render_svg(&b.0, None, &ChartOptions::default(), 500.0);
    check_xml(&svg).unwrap();
    assert!(!svg.contains('\u{0}') && !svg.contains('\u{1b}'));
    let empty = Trace {
        mode: RunMode::Concurrent,
        tasks: vec![],
        events: vec![],
        end_time: 0.0,
    };
    for w in [0.0, -5.0, f64::NAN, 1e9] {
        check_xml(&awaitscope::chart::render_svg(
            &empty,
            Some(&empty),
            &ChartOptions::default(),
            w,
        ))
        .unwrap();
    }
}

#[test]
fn table_rows_follow_each_task() {
    let rows = table::rows(&tutorial2());
    let task1: Vec<_> = rows
        .iter()
        .filter(|r| r.who == "task1()")
        .map(|r| (r.state, r.what.as_str()))
        .collect();
    assert_eq!(
        task1,
        [
            ("running", ""),
            ("printed", "Task 1 started"),
            ("waiting", "sleep(1)"),
            ("running", ""),
            ("printed", "Task 1 finished"),
            ("returned", "None"),
        ]
    );
    let wait = rows.iter().find(|r| r.what == "sleep(2)").unwrap();
    assert_eq!(
        wait.cells(),
        ["task2()", "waiting", "0 s", "2 s", "sleep(2)", "9:5"].map(String::from)
    );
    assert_eq!(rows.iter().filter(|r| r.state == "loop idle").count(), 2);
}

/// A synthetic trace of `n` workers gathered under main, each sleeping a while and printing.
fn big(n: u32) -> Trace {
    let mut b = B::new(RunMode::Concurrent);
    let main = b.task("main()", None, 0.0, 30);
    b.iter(0.0, 1).start(main, 0.0);
    let ids: Vec<_> = (0..n)
        .map(|i| {
            b.task(
                &format!("worker('Task {i}', {})", (i + 1) % 10 + 1),
                Some(main),
                0.0,
                28,
            )
        })
        .collect();
    b.suspend(main, 0.0, "gather(...)", 28, 5).iter(0.0, n);
    for &id in &ids {
        b.start(id, 0.0).print(id, 0.0, "started").suspend(
            id,
            0.0,
            &format!("sleep({})", id % 10 + 1),
            5,
            9,
        );
    }
    for k in 1..=10u32 {
        let t = k as f64 * 0.1;
        b.idle(t - 0.1, t).iter(t, n / 10);
        for &id in ids.iter().filter(|&&id| id % 10 + 1 == k) {
            b.wake(id, t).start(id, t).print(id, t, "done").ret(id, t);
        }
    }
    b.wake(main, 1.0).start(main, 1.0).ret(main, 1.0);
    b.0
}

#[test]
fn ten_thousand_tasks_lay_out_quickly() {
    let trace = big(10_000);
    let seq = Trace {
        mode: RunMode::Sequential,
        ..big(100)
    };
    // Timing is reported (best of 10 in release: the machine is shared), not asserted:
    // budgets are measured by benchmarks.
    let mut best = [f64::INFINITY; 3];
    let (mut chart, mut scene, mut svg) = (None, None, String::new());
    for _ in 0..if cfg!(debug_assertions) { 1 } else { 10 } {
        let t0 = std::time::Instant::now();
        let c = Chart::from_traces(&trace, Some(&seq), &ChartOptions::default());
        let t1 = t0.elapsed().as_secs_f64();
        let s = scene::layout(&c, 1000.0);
        let t2 = t0.elapsed().as_secs_f64();
        svg = svg::render(&s);
        let t3 = t0.elapsed().as_secs_f64();
        for (b, t) in best.iter_mut().zip([t1, t2 - t1, t3 - t2]) {
            *b = b.min(t * 1e3);
        }
        (chart, scene) = (Some(c), Some(s));
    }
    let [m, l, r] = best;
    eprintln!(
        "10,000 tasks: model {m:.1} ms, scene {l:.1} ms, svg {r:.1} ms ({} KB)",
        svg.len() / 1024
    );
    let (chart, scene) = (chart.unwrap(), scene.unwrap());
    assert_eq!(chart.runs[0].lanes.len(), 10_001);
    // The first lanes one by one, the rest together in one lane.
    assert_eq!(lanes(&scene)[0].len(), scene::MAX_LANES);
    let collapsed = scene
        .walk()
        .into_iter()
        .find_map(|n| match n {
            Node::Group(g) if g.label == format!("+ {} more tasks", 10_001 - scene::MAX_LANES) => {
                Some(g)
            }
            _ => None,
        })
        .expect("a lane for the rest");
    // All of them wait from 0 on; the last wake at 1 s.
    let waits = rects(collapsed, Class::Waiting);
    assert_eq!(waits.len(), 1, "one merged wait");
    assert!(
        waits[0].title.as_deref().unwrap().contains(&format!(
            "up to {} waiting at once, from 0 s to 1 s",
            10_001 - scene::MAX_LANES
        )),
        "{:?}",
        waits[0].title
    );
    assert!(!rects(collapsed, Class::Running).is_empty());
    assert!(
        texts(&scene, Class::LaneLabel).contains(&collapsed.label),
        "its label fits whole"
    );
    assert!(scene.height < (2 * scene::MAX_LANES) as f64 * scene::LANE_H);
    // Loop ticks are merged per pixel column.
    let ticks = scene
        .walk()
        .iter()
        .filter(|n| matches!(n, Node::Rect(r) if r.class == Class::Iteration))
        .count();
    assert!(ticks < 30, "{ticks}");
    check_xml(&svg).unwrap();
}

/// Tutorial 9: `worker('Task 1', 5)`, `worker('Task 2', 3)`, `worker('Task 3', 1)`
/// gathered (the second one named with `name=`); `sequential` awaits them in turn.
fn workers(sequential: bool) -> Trace {
    let mode = if sequential {
        RunMode::Sequential
    } else {
        RunMode::Concurrent
    };
    let mut b = B::new(mode);
    let main = b.task("main()", None, 0.0, 12);
    b.iter(0.0, 1).start(main, 0.0);
    let specs = [("Task 1", 5.0), ("Task 2", 3.0), ("Task 3", 1.0)];
    let mut t = 0.0;
    let mut ids = vec![];
    for (i, (name, d)) in specs.iter().enumerate() {
        if sequential && i > 0 {
            b.iter(t, 1).start(main, t);
        }
        if sequential || i == 0 {
            for (n, d) in &specs[i..if sequential { i + 1 } else { 3 }] {
                ids.push(b.task(&format!("worker('{n}', {d})"), Some(main), t, 9));
            }
        }
        if sequential {
            let id = ids[i];
            b.suspend(
                main,
                t,
                &format!("Task-{} worker('{name}', {d})", id + 1),
                9,
                5,
            );
            b.iter(t, 1)
                .start(id, t)
                .print(id, t, &format!("{name} started"));
            b.suspend(id, t, &format!("sleep({d})"), 5, 5)
                .idle(t, t + d);
            t += d;
            b.iter(t, 1)
                .wake(id, t)
                .start(id, t)
                .print(id, t, &format!("{name} finished"))
                .ret(id, t);
            b.wake(main, t);
        }
    }
    if !sequential {
        b.suspend(
            main,
            0.0,
            "gather(worker('Task 1', 5), worker('Task 2', 3), worker('Task 3', 1))",
            9,
            5,
        );
        b.iter(0.0, 3);
        for (&id, (name, d)) in ids.iter().zip(specs) {
            b.start(id, 0.0)
                .print(id, 0.0, &format!("{name} started"))
                .suspend(id, 0.0, &format!("sleep({d})"), 5, 5);
        }
        let mut last = 0.0;
        for (&id, (name, d)) in ids.iter().zip(specs).rev() {
            b.idle(last, d)
                .iter(d, 1)
                .wake(id, d)
                .iter(d, 1)
                .start(id, d);
            b.print(id, d, &format!("{name} finished")).ret(id, d);
            last = d;
        }
        b.wake(main, 5.0);
        t = 5.0;
    }
    b.iter(t, 1).start(main, t).ret(main, t);
    b.0.tasks[2].name = "second".into();
    b.0
}

/// A producer/consumer pair: fine concurrently; sequentially the producer waits
/// forever on a full queue that only the consumer (never started) would drain.
fn queue(sequential: bool) -> Trace {
    let mode = if sequential {
        RunMode::Sequential
    } else {
        RunMode::Concurrent
    };
    let mut b = B::new(mode);
    let main = b.task("main()", None, 0.0, 20);
    b.iter(0.0, 1).start(main, 0.0);
    let prod = b.task("producer(q)", Some(main), 0.0, 18);
    if sequential {
        b.suspend(main, 0.0, "Task-2 producer(q)", 18, 5);
        b.iter(0.0, 1)
            .start(prod, 0.0)
            .suspend(prod, 0.0, "sleep(0.5)", 6, 9)
            .idle(0.0, 0.5);
        b.iter(0.5, 1)
            .wake(prod, 0.5)
            .start(prod, 0.5)
            .suspend(prod, 0.5, "Queue.put(1)", 7, 9);
        b.0.end_time = 0.5;
        return b.0;
    }
    let cons = b.task("consumer(q)", Some(main), 0.0, 18);
    b.suspend(main, 0.0, "gather(producer(q), consumer(q))", 18, 5);
    b.iter(0.0, 2)
        .start(prod, 0.0)
        .suspend(prod, 0.0, "sleep(0.5)", 6, 9);
    b.start(cons, 0.0).suspend(cons, 0.0, "Queue.get()", 12, 16);
    for k in 1..=3 {
        let t = k as f64 * 0.5;
        b.idle(t - 0.5, t)
            .iter(t, 1)
            .wake(prod, t)
            .start(prod, t)
            .wake(cons, t);
        b.suspend(prod, t, "sleep(0.5)", 6, 9)
            .start(cons, t)
            .print(cons, t, &format!("got {k}"));
        b.suspend(cons, t, "Queue.get()", 12, 16);
    }
    b.iter(1.5, 1)
        .done(cons, 1.5, Outcome::Cancelled { message: None })
        .wake(main, 1.5);
    b.start(main, 1.5).ret(main, 1.5);
    b.0
}

#[test]
fn gallery_of_charts_for_looking_at() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/target/chart");
    std::fs::create_dir_all(dir).unwrap();
    let save = |name: &str, chart: &Chart, width: f64| {
        let svg = svg::render(&scene::layout(chart, width));
        check_xml(&svg).unwrap();
        std::fs::write(format!("{dir}/{name}.svg"), &svg).unwrap();
        svg
    };
    // Dark mode: the web app's stylesheet (dark rules forced on) over the same SVG.
    let css = awaitscope::chart::palette::css();
    let dark = css
        .split("@media (prefers-color-scheme: dark){")
        .nth(1)
        .unwrap();
    let blocking = svg::render(&scene::layout(
        &Chart::from_traces(&blocking(), None, &ChartOptions::default()),
        800.0,
    ));
    let html = format!(
        "<!doctype html><style>body{{margin:0}}{css}{}</style>{blocking}",
        dark.trim_end().trim_end_matches('}')
    );
    std::fs::write(format!("{dir}/dark.html"), html).unwrap();
    let many = Chart::from_traces(&big(40), None, &ChartOptions::default());
    save("many", &many, 900.0);
    let w = Chart::from_traces(
        &workers(false),
        Some(&workers(true)),
        &ChartOptions::default(),
    );
    assert_eq!(
        w.summary.text,
        "5.0 s concurrent vs 9.0 s sequential — 1.8× faster"
    );
    assert_eq!(w.runs[0].lanes[2].label, "second: worker('Task 2', 3)");
    assert_eq!(w.runs[1].end, 9.0);
    save("workers", &w, 900.0);
    save("tutorial2-360", &tutorial_chart(), 360.0);
    let q = Chart::from_traces(&queue(false), Some(&queue(true)), &ChartOptions::default());
    assert_eq!(q.runs[1].status, Status::Unfinished(2));
    assert!(
        q.summary.text.contains("sequentially it cannot finish"),
        "{}",
        q.summary.text
    );
    let svg = save("queue", &q, 900.0);
    assert!(svg.contains("stuck at 500 ms (deadlock)"));
    assert!(
        svg.contains("waiting for Queue.put(1) at 500 ms (took no time on this clock) and forever")
    );
}

/// The classic mistake run on the engine: `rude()` calls `time.sleep(2)` at
/// 0.5 s, so the `polite` tasks, whose `sleep(1)` was due at 1 s, are ready but
/// blocked until 2.5 s — drawn ready (hatched), naming the blocking call.
#[test]
fn a_sleep_due_while_the_loop_is_blocked_is_ready_not_waiting() {
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/conformance/ordering/blocking_time_sleep.py"
    ))
    .unwrap();
    let run = awaitscope::run::run_virtual(&src, &awaitscope::run::RunOptions::default());
    let chart = Chart::from_traces(&run.trace, None, &ChartOptions::default());
    let conc = &chart.runs[0];
    let p1 = conc
        .lanes
        .iter()
        .find(|l| l.label == "polite('p1')")
        .unwrap();
    let spans: Vec<_> = p1
        .segments
        .iter()
        .filter(|s| s.state != State::Running)
        .map(|s| (s.state, s.start, s.end, conc.what(s)))
        .collect();
    assert_eq!(
        &spans[..3],
        [
            (State::Waiting, 0.0, 1.0, "sleep(1)"),
            (State::Ready, 1.0, 2.5, "sleep(1)"),
            (State::Waiting, 2.5, 3.5, "sleep(1)"),
        ]
    );
    // A sleep that ends on time stays one waiting span.
    let rude = conc.lanes.iter().find(|l| l.label == "rude()").unwrap();
    let waits: Vec<_> = rude
        .segments
        .iter()
        .filter(|s| s.state != State::Running)
        .map(|s| (s.state, s.start, s.end))
        .collect();
    assert_eq!(waits, [(State::Waiting, 0.0, 0.5)]);

    let scene = scene::layout(&chart, 900.0);
    let ready = scene
        .walk()
        .into_iter()
        .find_map(|n| match n {
            Node::Rect(r) if r.class == Class::Ready => Some(r.clone()),
            _ => None,
        })
        .expect("a ready rect");
    let title = ready.title.unwrap();
    assert!(
        title.contains("sleep(1) was over, but the loop was blocked by time.sleep(2) (line 14)"),
        "{title}"
    );
    assert_eq!(
        ready.src.map(|s| s.line),
        Some(8),
        "still selects its await"
    );
}

#[test]
fn the_interactive_svg_is_styled_by_class_and_its_marks_are_focusable() {
    let scene = scene::layout(&tutorial_chart(), 900.0);
    let svg = svg::render_interactive(&scene);
    check_xml(&svg).unwrap();
    assert!(
        svg.contains("role=\"group\""),
        "focusable children: not an img"
    );
    assert!(!svg.contains("<title"), "the page shows its own tooltips");
    assert!(
        !svg.contains(" fill=\"#") && !svg.contains(" stroke=\"#"),
        "colours come from palette::css() (dark mode)"
    );
    // Every mark with a tooltip is named by it; those in lanes are focusable,
    // with one roving tab stop.
    let all = scene.walk();
    let in_lanes: usize = scene
        .nodes
        .iter()
        .filter_map(|n| match n {
            Node::Group(sec) => Some(sec),
            _ => None,
        })
        .flat_map(|sec| &sec.children)
        .filter_map(|n| match n {
            Node::Group(lane) => Some(lane),
            _ => None,
        })
        .map(|lane| lane.children.iter().filter(|c| has_title(c)).count())
        .sum();
    assert_eq!(svg.matches("tabindex=\"0\"").count(), 1);
    assert_eq!(svg.matches("tabindex=\"-1\"").count(), in_lanes - 1);
    let titled = all.iter().filter(|n| has_title(n)).count();
    assert!(
        titled > in_lanes,
        "the run-end lines are described, not focused"
    );
    let groups = all.iter().filter(|n| matches!(n, Node::Group(_))).count();
    assert_eq!(
        svg.matches(" aria-label=\"").count(),
        titled + groups + 1,
        "marks, groups and the root"
    );
    // Waiting bars select their await; their label reads like the tooltip.
    assert!(svg.contains(
        "data-line=\"4\" data-col=\"5\" tabindex=\"-1\" role=\"button\" \
         aria-label=\"task1(): waiting for sleep(1) from 0 s to 1 s (1 s) — await at line 4:5\""
    ));
    // Multi-line tooltips (prints) keep their line breaks in the attribute.
    assert!(svg.contains("printed at 1 s:&#10;Task 1 finished"), "{svg}");
    // The standalone SVG is unchanged by all this.
    let plain = svg::render(&scene);
    assert!(plain.contains("<title>") && !plain.contains("tabindex"));
}

fn has_title(n: &Node) -> bool {
    match n {
        Node::Rect(r) => r.title.is_some(),
        Node::Line(l) => l.title.is_some(),
        Node::Path(p) => p.title.is_some(),
        Node::Text(t) => t.title.is_some(),
        Node::Group(_) => false,
    }
}

/// A sequential `main` awaiting 2,000 short workers in turn: its running slices
/// and the loop's idle waits, far under a pixel each, are drawn about one per pixel.
#[test]
fn marks_under_a_pixel_are_merged_not_drawn_one_by_one() {
    let n = 2000;
    let mut b = B::new(RunMode::Sequential);
    let main = b.task("main()", None, 0.0, 10);
    b.iter(0.0, 1).start(main, 0.0);
    let mut t = 0.0;
    for k in 0..n {
        let w = b.task(&format!("worker({k})"), Some(main), t, 9);
        b.suspend(main, t, &format!("Task-{} worker({k})", w + 1), 9, 5);
        b.iter(t, 1)
            .start(w, t)
            .suspend(w, t, "sleep(0.01)", 4, 5)
            .idle(t, t + 0.01);
        t += 0.01;
        b.iter(t, 1).wake(w, t).start(w, t).ret(w, t).wake(main, t);
        b.iter(t, 1).start(main, t);
    }
    b.ret(main, t);
    let chart = Chart::from_traces(&b.0, None, &ChartOptions::default());
    assert_eq!(chart.runs[0].event_loop.idle.len(), n as usize);
    let scene = scene::layout(&chart, 900.0);
    let count = |c: Class| {
        scene
            .walk()
            .iter()
            .filter(|n| match n {
                Node::Rect(r) => r.class == c,
                Node::Line(l) => l.class == c,
                _ => false,
            })
            .count()
    };
    let plot_px = 900;
    let (running, idle) = (count(Class::Running), count(Class::Idle));
    assert!(running < plot_px, "{running} running rects");
    assert!(
        (1..10).contains(&idle),
        "{idle} idle lines: they touch, so they join"
    );
    let merged = scene
        .walk()
        .into_iter()
        .find_map(|n| match n {
            Node::Line(l) if l.class == Class::Idle => l.title.clone(),
            _ => None,
        })
        .unwrap();
    assert!(merged.starts_with("event loop idle "), "{merged}");
    assert!(merged.contains(" times from 0 s to "), "{merged}");
    // The main lane still reaches the end: the last running slice is drawn.
    let main_lane = &lanes(&scene)[0][0];
    let last = rects(main_lane, Class::Running)
        .into_iter()
        .map(|r| r.x + r.w)
        .fold(0.0, f64::max);
    let ends = rects(main_lane, Class::EndOk)[0].x;
    assert!((last - ends).abs() < 3.0, "{last} vs {ends}");
}
