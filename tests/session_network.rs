//! The engine on a real network (`Network::External`, NATIVE.md 2.6): `aiohttp`
//! requests are handed to the driver, stay outstanding I/O (idle, never a
//! deadlock) until it answers them, and their answers run as loop handles. A
//! fake driver here answers each request after the fixture's latency, which
//! must print exactly what the fixture path (the virtual driver) prints.
#![cfg(not(target_arch = "wasm32"))]

use awaitscope::fixtures::bundled_http_fixtures;
use awaitscope::run::{
    connect_error_message, run_virtual, HttpAnswer, HttpFixture, HttpRequest, Network, RunOptions,
    Session, SliceStatus,
};
use awaitscope::trace::Event;

const TODO1: &str = "https://jsonplaceholder.typicode.com/todos/1";

fn options() -> RunOptions {
    RunOptions {
        http_fixtures: bundled_http_fixtures(),
        ..RunOptions::default()
    }
}

fn external_session(source: &str) -> Session {
    let mut s = Session::new(source, &options());
    s.set_network(Network::External);
    s
}

/// What a network would answer: the fixture after its latency, or (unknown URL)
/// the connection error at once.
fn network_answer(fixtures: &[HttpFixture], request: &HttpRequest) -> (f64, HttpAnswer) {
    match fixtures.iter().find(|f| f.url == request.url) {
        Some(f) => (
            f.latency_s,
            HttpAnswer {
                status: f.status,
                body: f.body.clone(),
                content_type: f.content_type.clone(),
                error: None,
            },
        ),
        None => (
            0.0,
            HttpAnswer {
                status: 0,
                body: String::new(),
                content_type: String::new(),
                error: Some(connect_error_message(&request.url)),
            },
        ),
    }
}

struct ExternalRun {
    session: Session,
    events: Vec<Event>,
    /// Most requests outstanding at once.
    max_outstanding: usize,
    requests: Vec<HttpRequest>,
}

/// A fake real-network driver on a virtual clock: requests are answered `latency`
/// after they were made; idle waits jump to the earlier of the next timer and the
/// next answer (`now += wait`, as the virtual driver does).
fn run_external(source: &str) -> ExternalRun {
    let fixtures = bundled_http_fixtures();
    let mut session = external_session(source);
    let mut now = 0.0f64;
    // (due, id, answer) of the requests in flight.
    let mut in_flight: Vec<(f64, u64, HttpAnswer)> = Vec::new();
    let mut run = ExternalRun {
        session: Session::new("", &options()),
        events: Vec::new(),
        max_outstanding: 0,
        requests: Vec::new(),
    };
    for _ in 0..10_000 {
        let status = session.run_slice(now, 1000);
        for request in session.take_http_requests() {
            let (latency, answer) = network_answer(&fixtures, &request);
            in_flight.push((now + latency, request.id, answer));
            run.requests.push(request);
        }
        run.max_outstanding = run.max_outstanding.max(session.outstanding_http());
        assert_eq!(session.outstanding_http(), in_flight.len());
        run.events.extend(session.take_events());
        match status {
            SliceStatus::Yielded => {}
            SliceStatus::Blocked { seconds } => now += seconds,
            SliceStatus::Idle { timeout, .. } => {
                let next_answer = in_flight
                    .iter()
                    .map(|(due, ..)| (due - now).max(0.0))
                    .reduce(f64::min);
                let wait = match (timeout, next_answer) {
                    (Some(t), Some(a)) => t.min(a),
                    (Some(t), None) => t,
                    (None, Some(a)) => a,
                    (None, None) => panic!("idle with nothing to wait for"),
                };
                now += wait;
                // Answers in the order they arrive (ties: request order).
                in_flight.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                while in_flight.first().is_some_and(|(due, ..)| *due <= now) {
                    let (_, id, answer) = in_flight.remove(0);
                    assert!(session.complete_http(id, answer));
                }
            }
            SliceStatus::Finished { .. } => {
                run.session = session;
                return run;
            }
        }
    }
    panic!("the program did not finish");
}

fn prints(events: &[Event]) -> Vec<(f64, String)> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Print { t, text, .. } => Some((*t, text.clone())),
            _ => None,
        })
        .collect()
}

fn assert_same_as_fixture_path(source: &str) -> ExternalRun {
    let expected = run_virtual(source, &options());
    let run = run_external(source);
    assert_eq!(run.session.stdout(), expected.stdout, "stdout");
    assert_eq!(run.session.stderr(), expected.stderr, "stderr");
    assert_eq!(run.session.exit_code(), Some(expected.exit_code));
    assert_eq!(prints(&run.events), prints(&expected.trace.events));
    run
}

#[test]
fn the_tutorial_fetch_prints_what_the_fixture_path_prints() {
    let source = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/conformance/tutorial/05_aiohttp_fetch.py"
    ))
    .unwrap();
    let run = assert_same_as_fixture_path(&source);
    assert_eq!(
        run.requests,
        vec![HttpRequest {
            id: 0,
            method: "GET".into(),
            url: TODO1.into()
        }]
    );
    assert_eq!(
        prints(&run.events).last().map(|p| p.0),
        Some(0.25),
        "printed when the answer came"
    );
    // The wait is described as the fetch, as on the fixture path.
    assert!(run
        .events
        .iter()
        .any(|e| matches!(e, Event::Suspend { what, .. } if *what == format!("fetch {TODO1}"))));
}

const GATHER_THREE: &str = r#"
import asyncio, aiohttp

async def fetch(session, n):
    async with session.get(f"https://jsonplaceholder.typicode.com/todos/{n}") as r:
        data = await r.json()
        print(n, r.status, r.content_type, data["title"], asyncio.get_running_loop().time())
        return data["id"]

async def main():
    async with aiohttp.ClientSession() as session:
        ids = await asyncio.gather(fetch(session, 1), fetch(session, 2), fetch(session, 3))
    print(ids)

asyncio.run(main())
"#;

#[test]
fn three_gathered_fetches_are_outstanding_at_once_and_print_as_with_fixtures() {
    let run = assert_same_as_fixture_path(GATHER_THREE);
    assert_eq!(run.max_outstanding, 3);
    let ids: Vec<u64> = run.requests.iter().map(|r| r.id).collect();
    assert_eq!(ids, vec![0, 1, 2]);
    // Completion order follows the latencies (0.125 s, 0.25 s, 0.5 s).
    let lines: Vec<String> = prints(&run.events).into_iter().map(|p| p.1).collect();
    assert!(lines[0].starts_with("3 200 application/json"), "{lines:?}");
    assert_eq!(lines[3], "[1, 2, 3]\n");
}

#[test]
fn three_gathered_fetches_wait_for_the_driver_one_answer_at_a_time() {
    let fixtures = bundled_http_fixtures();
    let mut s = external_session(GATHER_THREE);
    let first = loop {
        match s.run_slice(0.0, 1_000_000) {
            SliceStatus::Yielded => {}
            other => break other,
        }
    };
    assert_eq!(
        first,
        SliceStatus::Idle {
            next_deadline: None,
            timeout: None
        }
    );
    let requests = s.take_http_requests();
    assert_eq!(requests.len(), 3);
    assert_eq!(s.outstanding_http(), 3);
    assert!(s.take_http_requests().is_empty(), "taken once");
    // Answer the last request first: its print comes first.
    for (k, request) in requests.iter().rev().enumerate() {
        let (_, answer) = network_answer(&fixtures, request);
        assert!(s.complete_http(request.id, answer.clone()));
        assert!(!s.complete_http(request.id, answer), "answered twice");
        let t = 1.0 + k as f64;
        let status = s.run_slice(t, 1_000_000);
        assert_eq!(s.outstanding_http(), 2 - k);
        if k < 2 {
            assert_eq!(
                status,
                SliceStatus::Idle {
                    next_deadline: None,
                    timeout: None
                }
            );
        } else {
            assert_eq!(status, SliceStatus::Finished { exit_code: 0 });
        }
    }
    let out = s.stdout().to_string();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(lines[0].starts_with("3 200") && lines[0].ends_with(" 1.0"));
    assert!(lines[1].starts_with("2 200") && lines[1].ends_with(" 2.0"));
    assert!(lines[2].starts_with("1 200") && lines[2].ends_with(" 3.0"));
    assert_eq!(lines[3], "[1, 2, 3]");
}

#[test]
fn an_unknown_host_answered_with_the_connect_error_raises_client_connector_error() {
    let source = r#"
import asyncio, aiohttp

async def main():
    async with aiohttp.ClientSession() as session:
        try:
            await session.get("https://no-such-host.invalid:8443/x")
        except aiohttp.ClientConnectorError as e:
            print("error:", e)

asyncio.run(main())
"#;
    let run = assert_same_as_fixture_path(source);
    assert_eq!(
        run.session.stdout(),
        "error: Cannot connect to host no-such-host.invalid ssl:default [Name or service not known]\n"
    );
}

#[test]
fn an_unanswered_request_is_an_idle_wait_not_a_deadlock() {
    let source = format!(
        "import asyncio, aiohttp\nasync def main():\n    async with aiohttp.ClientSession() as s:\n        r = await s.get({TODO1:?})\n        print(r.status)\nasyncio.run(main())\n"
    );
    let mut s = external_session(&source);
    let mut now = 0.0;
    for _ in 0..5 {
        let status = loop {
            match s.run_slice(now, 1_000_000) {
                SliceStatus::Yielded => {}
                other => break other,
            }
        };
        assert_eq!(
            status,
            SliceStatus::Idle {
                next_deadline: None,
                timeout: None
            }
        );
        assert!(!s.is_finished());
        assert_eq!(s.outstanding_http(), 1);
        now += 10.0;
    }
    let request = s.take_http_requests().pop().unwrap();
    let answer = HttpAnswer {
        status: 503,
        body: String::new(),
        content_type: "text/plain".into(),
        error: None,
    };
    assert!(s.complete_http(request.id, answer));
    assert_eq!(
        s.run_slice(now, 1_000_000),
        SliceStatus::Finished { exit_code: 0 }
    );
    assert_eq!(s.stdout(), "503\n");
}

#[test]
fn wait_for_times_out_a_fetch_and_a_late_answer_is_ignored() {
    let source = format!(
        r#"
import asyncio, aiohttp

async def fetch(session):
    async with session.get({TODO1:?}) as r:
        return r.status

async def main():
    loop = asyncio.get_running_loop()
    async with aiohttp.ClientSession() as session:
        try:
            await asyncio.wait_for(fetch(session), 0.1)
        except asyncio.TimeoutError:
            print("timeout at", loop.time())
    await asyncio.sleep(1)
    print("still fine at", loop.time())

asyncio.run(main())
"#
    );
    let mut s = external_session(&source);
    let mut now = 0.0f64;
    let mut request = None;
    let mut idles = Vec::new();
    loop {
        let status = s.run_slice(now, 1_000_000);
        request = request.or(s.take_http_requests().pop());
        match status {
            SliceStatus::Yielded => {}
            SliceStatus::Idle {
                timeout: Some(t), ..
            } => {
                idles.push(t);
                now += t;
                // The answer arrives long after the timeout, while main sleeps.
                if now > 0.5 {
                    let id = request.as_ref().expect("the request was made").id;
                    let answer =
                        network_answer(&bundled_http_fixtures(), &request.clone().unwrap()).1;
                    assert!(s.complete_http(id, answer));
                }
            }
            SliceStatus::Finished { exit_code } => {
                assert_eq!(exit_code, 0, "{}", s.stderr());
                break;
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(idles, vec![0.1, 1.0]);
    assert_eq!(s.stdout(), "timeout at 0.1\nstill fine at 1.1\n");
    assert_eq!(
        s.stderr(),
        "",
        "the late answer to a cancelled fetch is ignored"
    );
    assert_eq!(s.outstanding_http(), 0);
}

#[test]
fn a_request_left_unanswered_by_a_cancelled_task_keeps_the_run_alive_until_answered() {
    // After the timeout, main waits on an Event nobody sets: only the stale
    // request is outstanding. Idle until the driver answers it, then a deadlock.
    let source = format!(
        r#"
import asyncio, aiohttp

async def fetch(session):
    async with session.get({TODO1:?}) as r:
        return r.status

async def main():
    async with aiohttp.ClientSession() as session:
        try:
            await asyncio.wait_for(fetch(session), 0.1)
        except asyncio.TimeoutError:
            print("timeout")
        await asyncio.Event().wait()

asyncio.run(main())
"#
    );
    let mut s = external_session(&source);
    let mut now = 0.0;
    let status = loop {
        match s.run_slice(now, 1_000_000) {
            SliceStatus::Yielded => {}
            SliceStatus::Idle {
                timeout: Some(t), ..
            } => now += t,
            other => break other,
        }
    };
    assert_eq!(s.stdout(), "timeout\n");
    assert_eq!(
        status,
        SliceStatus::Idle {
            next_deadline: None,
            timeout: None
        }
    );
    let request = s.take_http_requests().pop().unwrap();
    let answer = network_answer(&bundled_http_fixtures(), &request).1;
    assert!(s.complete_http(request.id, answer));
    assert_eq!(
        s.run_slice(now + 1.0, 1_000_000),
        SliceStatus::Finished { exit_code: 2 }
    );
    assert!(s.stderr().contains("Deadlock: no task can make progress"));
}

#[test]
fn the_fixture_network_stays_the_default() {
    // Without set_network, requests are answered from the fixtures: nothing is
    // handed to the driver and the run never idles without a timer.
    let mut s = Session::new(GATHER_THREE, &options());
    let mut now = 0.0;
    loop {
        match s.run_slice(now, 1_000_000) {
            SliceStatus::Yielded => {}
            SliceStatus::Idle {
                timeout: Some(t), ..
            } => now += t,
            SliceStatus::Finished { exit_code } => {
                assert_eq!(exit_code, 0);
                break;
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(s.take_http_requests().is_empty());
        assert_eq!(s.outstanding_http(), 0);
    }
    assert_eq!(now, 0.5);
}
