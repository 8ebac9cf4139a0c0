//! In the browser: the timer and microtask behaviour the browser driver will stand on.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use gloo_timers::callback::Timeout;
use gloo_timers::future::sleep;
use js_sys::Promise;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Chrome coarsens `performance.now()` to 100 µs (with jitter) outside cross-origin
/// isolation, so two readings can each be off by up to that much.
const CLOCK_SLACK_MS: f64 = 0.2;

fn now_ms() -> f64 {
    web_sys::window()
        .expect("a browser window")
        .performance()
        .expect("window.performance")
        .now()
}

#[wasm_bindgen_test]
async fn sleep_in_async_test_waits_its_delay() {
    let start = now_ms();
    sleep(Duration::from_millis(50)).await;
    let elapsed = now_ms() - start;
    assert!(elapsed >= 50.0 - CLOCK_SLACK_MS, "woke after {elapsed} ms");
}

#[wasm_bindgen_test]
async fn sleep_in_spawned_future_waits_its_delay() {
    // The spawned future reports its measured time through a promise the test awaits.
    let elapsed = Rc::new(RefCell::new(None::<f64>));
    let mut resolve_slot = None;
    let finished = Promise::new(&mut |resolve, _reject| resolve_slot = Some(resolve));
    let resolve = resolve_slot.expect("the Promise executor runs synchronously");

    let report = elapsed.clone();
    let start = now_ms();
    spawn_local(async move {
        sleep(Duration::from_millis(50)).await;
        *report.borrow_mut() = Some(now_ms() - start);
        let _ = resolve.call0(&JsValue::NULL);
    });
    assert!(
        elapsed.borrow().is_none(),
        "spawn_local must not run the future synchronously"
    );

    JsFuture::from(finished)
        .await
        .expect("the spawned future resolves the promise");
    let elapsed = elapsed
        .borrow()
        .expect("the spawned future recorded its time");
    assert!(elapsed >= 50.0 - CLOCK_SLACK_MS, "woke after {elapsed} ms");
}

#[wasm_bindgen_test]
async fn microtask_runs_before_a_zero_delay_timer() {
    let order = Rc::new(RefCell::new(Vec::<&str>::new()));

    // A microtask (a resolved promise awaited through JsFuture) queued before a timer.
    let log = order.clone();
    spawn_local(async move {
        JsFuture::from(Promise::resolve(&JsValue::NULL))
            .await
            .expect("a resolved promise");
        log.borrow_mut().push("microtask");
    });
    let log = order.clone();
    Timeout::new(0, move || log.borrow_mut().push("timer")).forget();
    assert!(order.borrow().is_empty(), "nothing runs synchronously");

    sleep(Duration::from_millis(30)).await;
    assert_eq!(*order.borrow(), ["microtask", "timer"]);
}

#[wasm_bindgen_test]
async fn microtask_queued_after_a_timer_still_runs_first() {
    let order = Rc::new(RefCell::new(Vec::<&str>::new()));

    let log = order.clone();
    Timeout::new(0, move || log.borrow_mut().push("timer")).forget();
    let log = order.clone();
    spawn_local(async move {
        JsFuture::from(Promise::resolve(&JsValue::NULL))
            .await
            .expect("a resolved promise");
        log.borrow_mut().push("microtask");
    });

    sleep(Duration::from_millis(30)).await;
    assert_eq!(*order.borrow(), ["microtask", "timer"]);
}
