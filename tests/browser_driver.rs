//! In the browser: the driver runs the event loop's slices as microtasks, yields
//! to macrotasks during long work, keeps real time, stops on request, fetches,
//! and on the virtual clock gives exactly `run_virtual`'s run.
//!
//! The microtask order, pinned by `loop_iterations_run_as_microtasks`:
//! 1. a microtask queued before `start()` runs before the program's first
//!    instruction (`start` only queues the driver: `spawn_local`);
//! 2. then the driver's first slice runs (it prints `start`, the program's
//!    first line, well within the first budget);
//! 3. a microtask queued right after `start()` runs next: after exactly one
//!    slice, with `start` printed and the run not finished;
//! 4. every later slice is one more microtask hop of the same task, except
//!    when the driver yields to a macrotask after [`WORK_MS`] of work (counted
//!    in `Live::macrotask_yields`): a macrotask (a `setTimeout(0)`) can only
//!    see the run at one of those yields, or finished.
#![cfg(target_arch = "wasm32")]

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use awaitscope::fixtures::bundled_http_fixtures;
use awaitscope::run::{run_virtual, HttpFixture, RunOptions, DEFAULT_MAX_INSTRUCTIONS};
use awaitscope::trace::RunMode;
use awaitscope::web::bench::sleep_lateness_ms;
use awaitscope::web::driver::{
    run_now, run_to_end, start, Clock, Live, LiveRef, LiveStatus, RunSpec, WORK_MS,
};
use gloo_timers::callback::Timeout;
use gloo_timers::future::sleep;
use js_sys::Promise;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

/// Chrome coarsens `performance.now()` to 100 µs (with jitter).
const CLOCK_SLACK_MS: f64 = 0.2;

fn now_ms() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

fn spec(source: &str, clock: Clock) -> RunSpec {
    RunSpec {
        source: source.to_string(),
        mode: RunMode::Concurrent,
        clock,
        max_instructions: DEFAULT_MAX_INSTRUCTIONS,
        fixtures: Rc::new(bundled_http_fixtures()),
    }
}

fn stdout_of(live: &Live) -> String {
    live.output
        .iter()
        .filter(|c| !c.stderr)
        .map(|c| c.text.as_str())
        .collect()
}

fn stderr_of(live: &Live) -> String {
    live.output
        .iter()
        .filter(|c| c.stderr)
        .map(|c| c.text.as_str())
        .collect()
}

/// Queues `f` as a JavaScript microtask (`Promise.resolve().then(f)`).
fn queue_microtask(f: impl FnOnce() + 'static) {
    let closure = Closure::<dyn FnMut(JsValue)>::once(move |_: JsValue| f());
    let _ = Promise::resolve(&JsValue::UNDEFINED).then(&closure);
    closure.forget();
}

#[wasm_bindgen_test]
async fn loop_iterations_run_as_microtasks() {
    let source = "print('start')\nimport asyncio\nasync def main():\n    for i in range(3):\n        print(i)\n        await asyncio.sleep(1)\nasyncio.run(main())\n";
    // (slices, stdout, running?) as a microtask or a macrotask saw the run.
    type Seen = Rc<RefCell<Vec<(u32, String, bool)>>>;
    fn look(live: &LiveRef, seen: &Seen) -> bool {
        let l = live.borrow();
        let running = l.status == LiveStatus::Running;
        seen.borrow_mut().push((l.slices, stdout_of(&l), running));
        running
    }
    let slot: Rc<RefCell<Option<LiveRef>>> = Rc::new(RefCell::new(None));
    let before: Seen = Default::default();
    let after: Seen = Default::default();
    let timers: Seen = Default::default();

    {
        let (slot, before) = (slot.clone(), before.clone());
        // start() and filling the slot happen synchronously, before this runs.
        queue_microtask(move || {
            look(slot.borrow().as_ref().unwrap(), &before);
        });
    }
    let handle = start(spec(source, Clock::Virtual), Callback::noop());
    let live = handle.live();
    *slot.borrow_mut() = Some(live.clone());
    assert_eq!(
        live.borrow().slices,
        0,
        "start() runs nothing synchronously"
    );
    {
        let (live, after, timers) = (live.clone(), after.clone(), timers.clone());
        queue_microtask(move || {
            look(&live, &after);
            // A chain of timers: each fires in a macrotask of its own.
            fn tick(live: LiveRef, timers: Seen, left: u32) {
                if look(&live, &timers) && left > 0 {
                    Timeout::new(0, move || tick(live, timers, left - 1)).forget();
                }
            }
            Timeout::new(0, move || tick(live, timers, 4000)).forget();
        });
    }

    for _ in 0..2000 {
        if live.borrow().status != LiveStatus::Running {
            break;
        }
        sleep(Duration::from_millis(5)).await;
    }
    let live = live.borrow().clone();
    assert_eq!(
        live.status,
        LiveStatus::Finished {
            exit_code: 0,
            error: None
        }
    );
    assert_eq!(stdout_of(&live), "start\n0\n1\n2\n");
    assert_eq!(*before.borrow(), vec![(0, String::new(), true)]);
    let after = after.borrow();
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].0, 1, "exactly one slice ran before it");
    assert!(after[0].1.starts_with("start\n") && after[0].2, "{after:?}");

    // Macrotasks only ever saw the run where the driver yielded to them.
    let timers = timers.borrow();
    let mut running_states: Vec<u32> = timers.iter().filter(|t| t.2).map(|t| t.0).collect();
    running_states.dedup();
    assert!(
        running_states.len() as u32 <= live.macrotask_yields,
        "{} macrotask yields, but timers saw {running_states:?}",
        live.macrotask_yields
    );
    assert!(
        live.slices > live.macrotask_yields + 3,
        "most slices follow each other as microtasks: {} slices, {} yields",
        live.slices,
        live.macrotask_yields
    );
}

/// Real ms from the task's suspension on `sleep(delay)` to the step that
/// resumes it (measured with `performance.now()` by the test itself).
async fn real_sleep_ms(delay: f64, speed: f64) -> (f64, Live) {
    let source = format!("import asyncio\nasync def main():\n    await asyncio.sleep({delay})\n    print('done')\nasyncio.run(main())\n");
    let slot: Rc<RefCell<Option<LiveRef>>> = Rc::new(RefCell::new(None));
    let handle = start(spec(&source, Clock::Real { speed }), Callback::noop());
    *slot.borrow_mut() = Some(handle.live());
    let live = handle.live();
    // Poll on microtask-free timers: note when the suspension shows, then the print.
    let mut suspended_at = None;
    let mut printed_at = None;
    for _ in 0..2000 {
        let (suspended, printed) = {
            let l = live.borrow();
            let suspended = l.trace.events.iter().any(|e| {
                matches!(e, awaitscope::trace::Event::Suspend { what, .. } if what.starts_with("sleep("))
            });
            (suspended, !l.output.is_empty())
        };
        let t = now_ms();
        if suspended && suspended_at.is_none() {
            suspended_at = Some(t);
        }
        if printed {
            printed_at = Some(t);
            break;
        }
        sleep(Duration::from_millis(1)).await;
    }
    let took = printed_at.expect("printed") - suspended_at.expect("suspended");
    let live = live.borrow().clone();
    (took, live)
}

#[wasm_bindgen_test]
async fn a_real_sleep_of_50_ms_takes_50_ms() {
    let (took, live) = real_sleep_ms(0.05, 1.0).await;
    assert_eq!(stdout_of(&live), "done\n");
    // The test polls every millisecond or more: it can see the suspension late,
    // so the measured time may be shorter by up to one poll (plus clamping).
    assert!(took >= 50.0 - 6.0, "took {took} ms");
    assert!(took < 100.0, "took {took} ms");
    // And as the program's own clock measured it (here the real clock):
    let late = sleep_lateness_ms(&live.trace.events, 0.05);
    assert_eq!(late.len(), 1);
    assert!((0.0..30.0).contains(&late[0]), "lateness {late:?} ms");
}

#[wasm_bindgen_test]
async fn speed_scales_real_time() {
    // At 4× a 0.2 s sleep takes 50 ms of real time; the program sees 0.2 s pass.
    let (took, live) = real_sleep_ms(0.2, 4.0).await;
    assert_eq!(stdout_of(&live), "done\n");
    assert!((50.0 - 6.0..100.0).contains(&took), "took {took} ms");
    let late = sleep_lateness_ms(&live.trace.events, 0.2);
    assert_eq!(late.len(), 1);
    // Program-time lateness is four times the real one.
    assert!(
        (0.0..4.0 * 30.0).contains(&late[0]),
        "lateness {late:?} program ms"
    );
}

#[wasm_bindgen_test]
async fn time_sleep_holds_the_real_clock_loop() {
    let source = "import asyncio, time\nasync def other():\n    print('other')\nasync def main():\n    t = asyncio.create_task(other())\n    time.sleep(0.06)\n    print('main')\n    await t\nasyncio.run(main())\n";
    let started = now_ms();
    let live = run_to_end(spec(source, Clock::Real { speed: 1.0 })).await;
    let took = now_ms() - started;
    assert_eq!(stdout_of(&live), "main\nother\n");
    assert!(took >= 60.0 - CLOCK_SLACK_MS, "took {took} ms");
    let other = live
        .output
        .iter()
        .find(|c| c.text == "other\n")
        .expect("other printed");
    assert!(other.t >= 0.06, "other ran after the block: {}", other.t);
}

/// Starts `while True: pass`, checks that a timer fires while it spins, stops
/// it, and returns the ms from stop() to the final update (status Stopped).
async fn stop_latency(clock: Clock) -> f64 {
    let ended_at = Rc::new(Cell::new(None::<f64>));
    let watched: Rc<RefCell<Option<LiveRef>>> = Rc::new(RefCell::new(None));
    let on_update = {
        let (ended_at, watched) = (ended_at.clone(), watched.clone());
        Callback::from(move |()| {
            let stopped = watched
                .borrow()
                .as_ref()
                .is_some_and(|l| l.borrow().status == LiveStatus::Stopped);
            if stopped && ended_at.get().is_none() {
                ended_at.set(Some(now_ms()));
            }
        })
    };
    let mut s = spec("while True:\n    pass\n", clock);
    s.max_instructions = u64::MAX;
    let handle = start(s, on_update);
    *watched.borrow_mut() = Some(handle.live());

    // The page stays responsive: a zero-delay timer fires while the loop spins.
    let timer_fired_while = Rc::new(RefCell::new(None::<LiveStatus>));
    {
        let (live, saw) = (handle.live(), timer_fired_while.clone());
        Timeout::new(0, move || {
            *saw.borrow_mut() = Some(live.borrow().status.clone())
        })
        .forget();
    }
    sleep(Duration::from_millis(100)).await;
    assert_eq!(*timer_fired_while.borrow(), Some(LiveStatus::Running));
    assert_eq!(handle.live().borrow().status, LiveStatus::Running);

    let stop_at = now_ms();
    handle.stop();
    for _ in 0..100 {
        if ended_at.get().is_some() {
            break;
        }
        sleep(Duration::from_millis(5)).await;
    }
    assert_eq!(handle.live().borrow().status, LiveStatus::Stopped);
    ended_at.get().expect("a final update") - stop_at
}

#[wasm_bindgen_test]
async fn stop_interrupts_a_busy_loop_within_100_ms_on_the_real_clock() {
    let latency = stop_latency(Clock::Real { speed: 1.0 }).await;
    assert!(latency < 100.0, "stopped after {latency} ms");
}

#[wasm_bindgen_test]
async fn stop_interrupts_a_busy_loop_within_100_ms_on_the_virtual_clock() {
    let latency = stop_latency(Clock::Virtual).await;
    assert!(latency < 100.0, "stopped after {latency} ms");
}

#[wasm_bindgen_test]
async fn stop_ends_an_idle_wait_at_once() {
    let source =
        "import asyncio\nasync def main():\n    await asyncio.sleep(60)\nasyncio.run(main())\n";
    let handle = start(spec(source, Clock::Real { speed: 1.0 }), Callback::noop());
    let live = handle.live();
    for _ in 0..1000 {
        if live
            .borrow()
            .trace
            .events
            .iter()
            .any(|e| matches!(e, awaitscope::trace::Event::Suspend { .. }))
        {
            break;
        }
        sleep(Duration::from_millis(2)).await;
    }
    sleep(Duration::from_millis(20)).await;
    let stop_at = now_ms();
    handle.stop();
    for _ in 0..100 {
        if live.borrow().status != LiveStatus::Running {
            break;
        }
        sleep(Duration::from_millis(1)).await;
    }
    let latency = now_ms() - stop_at;
    let live = live.borrow().clone();
    assert_eq!(live.status, LiveStatus::Stopped);
    assert!(latency < 50.0, "stopped after {latency} ms");
    assert!(live.trace.end_time >= 0.02, "{}", live.trace.end_time);
}

#[wasm_bindgen_test]
async fn a_100_000_iteration_busy_loop_completes_and_yields_to_macrotasks() {
    let source = "total = 0\nfor i in range(100000):\n    total += i\nprint(total)\n";
    // A chain of zero-delay timers ticks whenever the driver lets a macrotask run.
    let ticks = Rc::new(RefCell::new(Vec::<f64>::new()));
    let running = Rc::new(Cell::new(true));
    fn tick(ticks: Rc<RefCell<Vec<f64>>>, running: Rc<Cell<bool>>) {
        if running.get() {
            ticks.borrow_mut().push(now_ms());
            Timeout::new(0, move || tick(ticks, running)).forget();
        }
    }
    tick(ticks.clone(), running.clone());
    let started = now_ms();
    let live = run_to_end(spec(source, Clock::Virtual)).await;
    let ended = now_ms();
    running.set(false);
    assert_eq!(stdout_of(&live), "4999950000\n");
    let ticks = ticks.borrow();
    let during: Vec<f64> = ticks
        .iter()
        .copied()
        .filter(|t| *t > started && *t < ended)
        .collect();
    let took = ended - started;
    assert!(
        took > 3.0 * WORK_MS,
        "the loop is long enough to need yields ({took} ms)"
    );
    assert!(
        during.len() >= 2,
        "{} macrotasks ran during {took} ms",
        during.len()
    );
    // The driver yields after WORK_MS of work: in a long run, often (the timers
    // above may miss some yields: the browser picks which task runs next).
    let expected = (took / 50.0).floor() as u32;
    assert!(
        live.macrotask_yields >= expected.max(2),
        "{} yields in {took} ms ({} slices)",
        live.macrotask_yields,
        live.slices
    );
}

const TUTORIAL: &[(&str, &str)] = &[
    (
        "01",
        include_str!("conformance/tutorial/01_async_function.py"),
    ),
    (
        "02",
        include_str!("conformance/tutorial/02_gather_tasks.py"),
    ),
    ("03", include_str!("conformance/tutorial/03_try_except.py")),
    (
        "04",
        include_str!("conformance/tutorial/04_greet_gather.py"),
    ),
    (
        "05",
        include_str!("conformance/tutorial/05_aiohttp_fetch.py"),
    ),
    (
        "06",
        include_str!("conformance/tutorial/06_aiofiles_write.py"),
    ),
    ("07", include_str!("conformance/tutorial/07_greet_await.py")),
    (
        "08",
        include_str!("conformance/tutorial/08_delayed_greet.py"),
    ),
    ("09", include_str!("conformance/tutorial/09_workers.py")),
    (
        "10",
        include_str!("conformance/tutorial/10_error_prone_worker.py"),
    ),
];

/// Slices, time.sleep, timeouts, cancellation and an uncaught error.
const MORE: &[(&str, &str)] = &[
    (
        "busy",
        "import asyncio\nasync def spin(n):\n    t = 0\n    for i in range(n):\n        t += i\n        if i % 5000 == 0:\n            await asyncio.sleep(0)\n    print(n, t)\nasync def main():\n    await asyncio.gather(spin(30000), spin(20000))\nasyncio.run(main())\n",
    ),
    (
        "blocking",
        "import asyncio, time\nasync def a():\n    time.sleep(0.5)\n    print('a', time.time())\nasync def b():\n    await asyncio.sleep(0.1)\n    print('b', time.time())\nasync def main():\n    await asyncio.gather(a(), b())\nasyncio.run(main())\n",
    ),
    (
        "timeout",
        "import asyncio\nasync def slow():\n    try:\n        await asyncio.sleep(5)\n    except asyncio.CancelledError:\n        print('cancelled')\n        raise\nasync def main():\n    try:\n        await asyncio.wait_for(slow(), 0.3)\n    except asyncio.TimeoutError:\n        print('timeout', asyncio.get_running_loop().time())\nasyncio.run(main())\n",
    ),
    (
        "error",
        "import asyncio\nasync def main():\n    await asyncio.sleep(0.1)\n    raise ValueError('boom')\nasyncio.run(main())\n",
    ),
];

#[wasm_bindgen_test]
async fn the_virtual_clock_in_the_browser_equals_run_virtual() {
    for (name, source) in TUTORIAL.iter().chain(MORE) {
        for mode in [RunMode::Concurrent, RunMode::Sequential] {
            let mut s = spec(source, Clock::Virtual);
            s.mode = mode;
            let expected = run_virtual(
                source,
                &RunOptions {
                    mode,
                    max_instructions: s.max_instructions,
                    http_fixtures: s.fixtures.to_vec(),
                    ..RunOptions::default()
                },
            );
            let at_once = run_now(&s);
            let live = run_to_end(s).await;
            for (how, got) in [("driver", &live), ("run_now", &at_once)] {
                let what = format!("{name} {mode:?} via {how}");
                assert_eq!(stdout_of(got), expected.stdout, "{what}: stdout");
                assert_eq!(stderr_of(got), expected.stderr, "{what}: stderr");
                assert_eq!(
                    got.status,
                    LiveStatus::Finished {
                        exit_code: expected.exit_code,
                        error: expected.error.clone()
                    },
                    "{what}: status"
                );
                assert_eq!(got.trace, expected.trace, "{what}: trace");
                assert_eq!(got.files, expected.files, "{what}: files");
                assert!(got.notes.is_empty(), "{what}: {:?}", got.notes);
            }
        }
    }
}

fn unreachable_fixture(url: &str) -> HttpFixture {
    HttpFixture {
        url: url.to_string(),
        status: 200,
        body: "{\"id\": 7, \"title\": \"from the fixture\"}".to_string(),
        content_type: "application/json".to_string(),
        latency_s: 0.04,
    }
}

fn fetch_program(url: &str) -> String {
    format!(
        "import asyncio, aiohttp\nasync def main():\n    async with aiohttp.ClientSession() as session:\n        try:\n            async with session.get({url:?}) as r:\n                print(r.status, r.content_type)\n                print(await r.text())\n        except aiohttp.ClientConnectorError as e:\n            print('error:', e)\nasyncio.run(main())\n"
    )
}

#[wasm_bindgen_test]
async fn an_unreachable_url_with_a_fixture_is_answered_from_it_with_a_note() {
    // Port 1 is refused (Chrome does not even try it): fetch() rejects at once.
    let url = "http://127.0.0.1:1/todos/7";
    let mut s = spec(&fetch_program(url), Clock::Real { speed: 1.0 });
    s.fixtures = Rc::new(vec![unreachable_fixture(url)]);
    let started = now_ms();
    let live = run_to_end(s).await;
    let took = now_ms() - started;
    assert_eq!(
        stdout_of(&live),
        "200 application/json\n{\"id\": 7, \"title\": \"from the fixture\"}\n"
    );
    assert_eq!(
        live.notes,
        vec![format!(
            "fetch {url} failed (TypeError: Failed to fetch): answered from the bundled fixture"
        )]
    );
    assert!(
        took >= 40.0 - CLOCK_SLACK_MS,
        "the fixture's latency: {took} ms"
    );
    assert!(live.trace.events.iter().any(|e| matches!(
        e,
        awaitscope::trace::Event::Suspend { what, .. } if *what == format!("fetch {url}")
    )));
}

#[wasm_bindgen_test]
async fn an_unreachable_url_without_a_fixture_is_a_client_connector_error() {
    let url = "http://127.0.0.1:1/nothing";
    let mut s = spec(&fetch_program(url), Clock::Real { speed: 1.0 });
    s.fixtures = Rc::new(Vec::new());
    let live = run_to_end(s).await;
    assert_eq!(
        stdout_of(&live),
        "error: Cannot connect to host 127.0.0.1 ssl:default [Name or service not known]\n"
    );
    assert_eq!(live.notes.len(), 1);
    assert!(
        live.notes[0].contains("no fixture has this URL"),
        "{:?}",
        live.notes
    );
}

#[wasm_bindgen_test]
async fn a_reachable_url_is_a_real_fetch() {
    // The test runner's own page: a real response, no fixture, no note.
    let url = web_sys::window().unwrap().location().href().unwrap();
    let live = run_to_end(spec(&fetch_program(&url), Clock::Real { speed: 1.0 })).await;
    let out = stdout_of(&live);
    assert!(out.starts_with("200 text/html\n"), "{out}");
    assert!(out.contains("<html") || out.contains("<!DOCTYPE"), "{out}");
    assert!(live.notes.is_empty(), "{:?}", live.notes);
}

#[wasm_bindgen_test]
async fn updates_come_at_frame_pace_and_once_at_the_end() {
    // 30 prints 10 ms apart: progress is announced while running, not per print.
    let source = "import asyncio\nasync def main():\n    for i in range(30):\n        print(i)\n        await asyncio.sleep(0.01)\nasyncio.run(main())\n";
    let updates = Rc::new(RefCell::new(Vec::<(f64, usize, bool)>::new()));
    let watched: Rc<RefCell<Option<LiveRef>>> = Rc::new(RefCell::new(None));
    let on_update = {
        let (updates, watched) = (updates.clone(), watched.clone());
        Callback::from(move |()| {
            if let Some(l) = watched.borrow().as_ref() {
                let l = l.borrow();
                updates.borrow_mut().push((
                    now_ms(),
                    l.output.len(),
                    l.status != LiveStatus::Running,
                ));
            }
        })
    };
    let handle = start(spec(source, Clock::Real { speed: 1.0 }), on_update);
    *watched.borrow_mut() = Some(handle.live());
    for _ in 0..200 {
        if updates.borrow().last().is_some_and(|u| u.2) {
            break;
        }
        sleep(Duration::from_millis(5)).await;
    }
    let updates = updates.borrow();
    let ends = updates.iter().filter(|u| u.2).count();
    assert_eq!(ends, 1, "exactly one final update");
    assert!(updates.last().unwrap().2, "the final update is the last");
    assert_eq!(updates.last().unwrap().1, 30);
    assert!(
        updates.len() >= 5,
        "progress shown while running: {updates:?}"
    );
    assert!(
        updates.len() <= 25,
        "at most about one update per frame: {}",
        updates.len()
    );
    for w in updates.windows(2).take(updates.len().saturating_sub(2)) {
        assert!(
            w[1].0 - w[0].0 >= 16.0 - 1.0,
            "two updates within a frame: {updates:?}"
        );
    }
}

#[wasm_bindgen_test]
async fn a_dropped_run_ends_quietly() {
    let mut s = spec("while True:\n    pass\n", Clock::Virtual);
    s.max_instructions = u64::MAX;
    let fired = Rc::new(Cell::new(0u32));
    let on_update = {
        let fired = fired.clone();
        Callback::from(move |()| fired.set(fired.get() + 1))
    };
    let handle = start(s, on_update);
    let weak = Rc::downgrade(&handle.live());
    drop(handle);
    sleep(Duration::from_millis(30)).await;
    assert!(
        weak.upgrade().is_none(),
        "nothing keeps the run's state alive"
    );
    assert_eq!(fired.get(), 0, "no update for a run nobody watches");
}

/// Replaces `window.fetch` (until dropped) with one that never answers but, like
/// the real one, rejects with an AbortError when its signal aborts; the signal of
/// the latest call is kept in `window.__awaitscopeFetchSignal`.
struct HangingFetch(JsValue);

impl HangingFetch {
    fn install() -> HangingFetch {
        let window: JsValue = web_sys::window().unwrap().into();
        let key = JsValue::from_str("fetch");
        let original = js_sys::Reflect::get(&window, &key).unwrap();
        let hanging = js_sys::Function::new_with_args(
            "url, init",
            "window.__awaitscopeFetchSignal = init.signal;\
             return new Promise((_, reject) => init.signal.addEventListener('abort',\
               () => reject(new DOMException('The operation was aborted.', 'AbortError'))));",
        );
        js_sys::Reflect::set(&window, &key, &hanging).unwrap();
        HangingFetch(original)
    }

    /// Whether the latest fetch's signal has aborted (None: no fetch yet).
    fn aborted() -> Option<bool> {
        let window: JsValue = web_sys::window().unwrap().into();
        let signal =
            js_sys::Reflect::get(&window, &JsValue::from_str("__awaitscopeFetchSignal")).ok()?;
        if signal.is_undefined() {
            return None;
        }
        js_sys::Reflect::get(&signal, &JsValue::from_str("aborted"))
            .ok()?
            .as_bool()
    }
}

impl Drop for HangingFetch {
    fn drop(&mut self) {
        let window: JsValue = web_sys::window().unwrap().into();
        let _ = js_sys::Reflect::set(&window, &JsValue::from_str("fetch"), &self.0);
        let _ = js_sys::Reflect::delete_property(
            &window.into(),
            &JsValue::from_str("__awaitscopeFetchSignal"),
        );
    }
}

#[wasm_bindgen_test]
async fn stop_aborts_a_fetch_in_flight() {
    let _fetch = HangingFetch::install();
    let url = "https://example.invalid/slow";
    let handle = start(
        spec(&fetch_program(url), Clock::Real { speed: 1.0 }),
        Callback::noop(),
    );
    for _ in 0..200 {
        if HangingFetch::aborted().is_some() {
            break;
        }
        sleep(Duration::from_millis(5)).await;
    }
    assert_eq!(
        HangingFetch::aborted(),
        Some(false),
        "the program's fetch is in flight"
    );
    handle.stop();
    assert_eq!(
        HangingFetch::aborted(),
        Some(true),
        "Stop aborts it at once"
    );
    for _ in 0..40 {
        if handle.live().borrow().status != LiveStatus::Running {
            break;
        }
        sleep(Duration::from_millis(5)).await;
    }
    assert_eq!(handle.live().borrow().status, LiveStatus::Stopped);
}

#[wasm_bindgen_test]
async fn a_host_that_never_answers_times_out_after_10_s_and_the_fixture_answers() {
    let _fetch = HangingFetch::install();
    let url = "https://example.invalid/todos/7";
    let mut s = spec(&fetch_program(url), Clock::Real { speed: 1.0 });
    s.fixtures = Rc::new(vec![unreachable_fixture(url)]);
    let started = now_ms();
    let live = run_to_end(s).await;
    let took = now_ms() - started;
    assert_eq!(HangingFetch::aborted(), Some(true));
    assert!(took >= 10_000.0, "the fetch timed out after {took} ms");
    assert!(took < 15_000.0, "and not much later: {took} ms");
    assert_eq!(
        stdout_of(&live),
        "200 application/json\n{\"id\": 7, \"title\": \"from the fixture\"}\n"
    );
    assert_eq!(live.notes.len(), 1);
    assert!(
        live.notes[0].starts_with(&format!("fetch {url} failed (")),
        "{:?}",
        live.notes
    );
}
