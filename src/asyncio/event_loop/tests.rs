use super::*;

/// Runs one full `_run_once` the way the virtual driver does and returns the
/// labels that ran; `now` advances by the select timeout.
fn run_once(lp: &mut EventLoop<&'static str>, now: &mut f64) -> Vec<&'static str> {
    let timeout = lp.prepare(*now).expect("something scheduled");
    *now += timeout;
    let mut ran = Vec::new();
    lp.run_iteration(*now, |_, r| ran.push(r.callback));
    ran
}

#[test]
fn call_soon_is_fifo_and_runs_in_one_iteration() {
    let mut lp = EventLoop::new();
    let mut now = 0.0;
    for label in ["a", "b", "c"] {
        lp.call_soon(label);
    }
    assert_eq!(lp.prepare(now), Some(0.0));
    assert_eq!(run_once(&mut lp, &mut now), ["a", "b", "c"]);
    assert!(lp.is_empty());
    assert_eq!(lp.prepare(now), None);
}

#[test]
fn handles_added_during_an_iteration_run_in_the_next_one() {
    let mut lp = EventLoop::new();
    lp.call_soon("first");
    lp.call_soon("second");
    let ntodo = lp.begin_iteration(0.0);
    assert_eq!(ntodo, 2);
    let mut ran = Vec::new();
    for _ in 0..ntodo {
        if let Some(r) = lp.pop_ready() {
            ran.push(r.callback);
            // Each handle schedules a follow-up, like a task step re-scheduling itself.
            lp.call_soon(if r.callback == "first" {
                "first-again"
            } else {
                "second-again"
            });
        }
    }
    assert_eq!(ran, ["first", "second"]);
    assert_eq!(lp.ready_len(), 2);
    let mut now = 0.0;
    assert_eq!(run_once(&mut lp, &mut now), ["first-again", "second-again"]);
}

#[test]
fn equal_deadlines_run_in_creation_order() {
    let mut lp = EventLoop::new();
    // Interleave deadlines so the heap has to reorder; ties keep creation order.
    let labels = ["t1", "u1", "t2", "u2", "t3", "u3", "t4", "u4", "t5"];
    for (i, label) in labels.iter().enumerate() {
        let when = if i % 2 == 0 { 1.0 } else { 0.5 };
        lp.call_at(when, *label);
    }
    let mut now = 0.0;
    assert_eq!(run_once(&mut lp, &mut now), ["u1", "u2", "u3", "u4"]);
    assert_eq!(now, 0.5);
    assert_eq!(run_once(&mut lp, &mut now), ["t1", "t2", "t3", "t4", "t5"]);
    assert_eq!(now, 1.0);
}

#[test]
fn many_equal_deadlines_pop_in_sequence_order() {
    let mut lp = EventLoop::new();
    let names: Vec<&'static str> = (0..300)
        .map(|i| &*Box::leak(format!("h{i}").into_boxed_str()))
        .collect();
    for name in &names {
        lp.call_at(2.0, *name);
    }
    let mut now = 0.0;
    assert_eq!(run_once(&mut lp, &mut now), names);
}

#[test]
fn timers_due_within_the_clock_resolution_run_now() {
    let mut lp = EventLoop::new();
    lp.call_at(1.0 + 0.5e-9, "inside-window");
    lp.call_at(1.0 + 2e-9, "outside-window");
    lp.call_soon("ready");
    // Something is ready: timeout 0, the clock stays at 1.0.
    assert_eq!(lp.prepare(1.0), Some(0.0));
    let mut ran = Vec::new();
    lp.run_iteration(1.0, |_, r| ran.push(r.callback));
    assert_eq!(ran, ["ready", "inside-window"]);
    assert_eq!(lp.scheduled_len(), 1);
    assert_eq!(lp.next_deadline(), Some(1.0 + 2e-9));
}

#[test]
fn a_timer_exactly_one_resolution_away_waits() {
    let mut lp = EventLoop::new();
    lp.call_at(5.0 + CLOCK_RESOLUTION, "later");
    assert_eq!(lp.begin_iteration(5.0), 0);
    assert_eq!(lp.scheduled_len(), 1);
}

#[test]
fn expired_timers_join_the_ready_queue_after_earlier_call_soons() {
    let mut lp = EventLoop::new();
    lp.call_at(0.0, "timer");
    lp.call_soon("soon");
    let mut now = 0.0;
    assert_eq!(run_once(&mut lp, &mut now), ["soon", "timer"]);
}

#[test]
fn select_timeout_follows_cpython() {
    let mut lp: EventLoop<&str> = EventLoop::new();
    assert_eq!(lp.prepare(0.0), None);
    lp.call_at(3.0, "t");
    assert_eq!(lp.prepare(1.0), Some(2.0));
    // A deadline already in the past: timeout clamps at 0.
    assert_eq!(lp.prepare(4.0), Some(0.0));
    // Far deadlines clamp at MAXIMUM_SELECT_TIMEOUT.
    let mut far: EventLoop<&str> = EventLoop::new();
    far.call_at(1e9, "far");
    assert_eq!(far.prepare(0.0), Some(MAXIMUM_SELECT_TIMEOUT));
    // Stopping forces a zero timeout even with only timers pending.
    lp.stop();
    assert!(lp.is_stopping());
    assert_eq!(lp.prepare(1.0), Some(0.0));
    lp.clear_stopping();
    assert_eq!(lp.prepare(1.0), Some(2.0));
    // Stopping with nothing scheduled still returns 0 (no deadlock).
    let mut empty: EventLoop<&str> = EventLoop::new();
    empty.stop();
    assert_eq!(empty.prepare(0.0), Some(0.0));
}

#[test]
fn virtual_time_advances_by_the_timeout_not_to_the_deadline() {
    let mut lp = EventLoop::new();
    lp.call_at(0.1 + 0.2, "t");
    let mut now = 0.1;
    run_once(&mut lp, &mut now);
    // now + (when - now), a float add, as the oracle's fake selector does.
    assert_eq!(now, 0.1 + ((0.1 + 0.2) - 0.1));
}

#[test]
fn cancelled_ready_handles_are_skipped_but_counted() {
    let mut lp = EventLoop::new();
    lp.call_soon("a");
    let b = lp.call_soon("b");
    lp.call_soon("c");
    lp.cancel(&b);
    assert!(b.cancelled());
    assert_eq!(
        lp.timer_cancelled_count(),
        0,
        "ready handles are not timers"
    );
    assert_eq!(lp.begin_iteration(0.0), 3);
    assert_eq!(lp.pop_ready().map(|r| r.callback), Some("a"));
    assert!(lp.pop_ready().is_none(), "b was cancelled");
    assert_eq!(lp.pop_ready().map(|r| r.callback), Some("c"));
    assert!(lp.pop_ready().is_none());
}

#[test]
fn a_handle_cancelled_by_an_earlier_handle_of_the_same_iteration_is_skipped() {
    let mut lp = EventLoop::new();
    lp.call_soon("canceller");
    let victim = lp.call_soon("victim");
    lp.call_soon("after");
    let mut ran = Vec::new();
    lp.run_iteration(0.0, |lp, r| {
        if r.callback == "canceller" {
            lp.cancel(&victim);
        }
        ran.push(r.callback);
    });
    assert_eq!(ran, ["canceller", "after"]);
}

#[test]
fn cancelled_timers_at_the_head_are_dropped_before_the_timeout() {
    let mut lp = EventLoop::new();
    let first = lp.call_at(1.0, "first");
    lp.call_at(2.0, "second");
    lp.cancel(&first);
    lp.cancel(&first);
    assert_eq!(lp.timer_cancelled_count(), 1, "cancel is idempotent");
    assert!(first.scheduled());
    assert_eq!(lp.prepare(0.0), Some(2.0));
    assert_eq!(lp.timer_cancelled_count(), 0);
    assert!(!first.scheduled());
    assert_eq!(lp.scheduled_len(), 1);
}

#[test]
fn a_cancelled_timer_behind_the_head_stays_until_it_reaches_the_head() {
    let mut lp = EventLoop::new();
    lp.call_at(1.0, "head");
    let behind = lp.call_at(2.0, "behind");
    lp.call_at(3.0, "last");
    lp.cancel(&behind);
    let mut now = 0.0;
    assert_eq!(run_once(&mut lp, &mut now), ["head"]);
    assert_eq!(lp.scheduled_len(), 2);
    assert_eq!(lp.timer_cancelled_count(), 1);
    // Next prepare pops the cancelled head, the select waits for "last".
    assert_eq!(lp.prepare(now), Some(2.0));
    assert_eq!(lp.timer_cancelled_count(), 0);
    assert_eq!(run_once(&mut lp, &mut now), ["last"]);
    assert_eq!(now, 3.0);
}

#[test]
fn cancelling_a_timer_already_moved_to_ready_does_not_count() {
    let mut lp = EventLoop::new();
    let t = lp.call_at(0.0, "t");
    lp.call_at(0.0, "canceller");
    let ntodo = lp.begin_iteration(0.0);
    assert_eq!(ntodo, 2);
    assert!(!t.scheduled());
    lp.cancel(&t);
    assert_eq!(lp.timer_cancelled_count(), 0);
    assert!(lp.pop_ready().is_none());
    assert_eq!(lp.pop_ready().map(|r| r.callback), Some("canceller"));
}

#[test]
fn heap_cleanup_when_more_than_half_of_over_100_timers_are_cancelled() {
    let mut lp = EventLoop::new();
    let handles: Vec<_> = (0..101).map(|i| lp.call_at(10.0 + i as f64, "t")).collect();
    // Cancel 51 of 101, none at the head: 51/101 > 0.5.
    for h in handles.iter().skip(50) {
        lp.cancel(h);
    }
    assert_eq!(lp.timer_cancelled_count(), 51);
    assert_eq!(lp.prepare(0.0), Some(10.0));
    assert_eq!(lp.scheduled_len(), 50);
    assert_eq!(lp.timer_cancelled_count(), 0);
    assert!(handles.iter().skip(50).all(|h| !h.scheduled()));
    assert!(handles.iter().take(50).all(|h| h.scheduled()));
}

#[test]
fn no_cleanup_at_exactly_half_or_with_at_most_100_timers() {
    // 100 timers, 99 cancelled: sched_count > 100 is false, only the head rule runs.
    let mut lp = EventLoop::new();
    let handles: Vec<_> = (0..100).map(|i| lp.call_at(1.0 + i as f64, "t")).collect();
    for h in handles.iter().take(99).skip(1) {
        lp.cancel(h);
    }
    assert_eq!(lp.prepare(0.0), Some(1.0));
    assert_eq!(lp.scheduled_len(), 100, "head is live: nothing removed");
    assert_eq!(lp.timer_cancelled_count(), 98);

    // 102 timers, exactly 51 cancelled: 51/102 == 0.5 is not > 0.5.
    let mut lp = EventLoop::new();
    let handles: Vec<_> = (0..102).map(|i| lp.call_at(1.0 + i as f64, "t")).collect();
    for h in handles.iter().skip(51) {
        lp.cancel(h);
    }
    assert_eq!(lp.prepare(0.0), Some(1.0));
    assert_eq!(lp.scheduled_len(), 102);
    // One more cancellation tips it over.
    lp.cancel(&handles[50]);
    assert_eq!(lp.prepare(0.0), Some(1.0));
    assert_eq!(lp.scheduled_len(), 50);
}

#[test]
fn cleanup_keeps_deadline_and_sequence_order() {
    let mut lp = EventLoop::new();
    let mut live = Vec::new();
    for i in 0..200 {
        let label: &'static str = Box::leak(format!("h{i}").into_boxed_str());
        let h = lp.call_at(if i % 3 == 0 { 1.0 } else { 2.0 }, label);
        if i % 4 == 0 {
            live.push((if i % 3 == 0 { 1.0f64 } else { 2.0 }, i, label));
        } else {
            lp.cancel(&h);
        }
    }
    live.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let expected: Vec<&str> = live.iter().map(|l| l.2).collect();
    let mut now = 0.0;
    let mut ran = run_once(&mut lp, &mut now);
    ran.extend(run_once(&mut lp, &mut now));
    assert_eq!(ran, expected);
}

#[test]
fn clear_forgets_everything() {
    let mut lp = EventLoop::new();
    lp.call_soon("a");
    let t = lp.call_at(1.0, "b");
    lp.stop();
    lp.clear();
    assert!(lp.is_empty());
    assert!(!lp.is_stopping());
    assert!(!t.scheduled());
    assert_eq!(lp.prepare(0.0), None);
}

#[test]
fn handle_info_reports_when_and_sequence() {
    let mut lp: EventLoop<()> = EventLoop::new();
    let a = lp.call_soon(());
    let b = lp.call_at(2.5, ());
    assert_eq!(a.when(), None);
    assert_eq!(b.when(), Some(2.5));
    assert!(a.seq() < b.seq());
    assert!(!a.scheduled());
    assert!(b.scheduled());
}

#[test]
fn nan_deadlines_do_not_panic() {
    let mut lp = EventLoop::new();
    lp.call_at(f64::NAN, "nan");
    lp.call_at(1.0, "one");
    let mut now = 0.0;
    let timeout = lp.prepare(now);
    assert!(timeout.is_some());
    now += timeout.unwrap_or(0.0);
    lp.run_iteration(now, |_, _| {});
}
