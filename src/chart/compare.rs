//! The one-line verdict: how long the run took beside its sequential baseline,
//! "2.0 s concurrent vs 3.0 s sequential — 1.5× faster", worded sensibly when
//! the two are equal, when the run is still going, and when a run failed or
//! deadlocked.

use super::model::{Run, Status};
use super::text::secs;

#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub concurrent: f64,
    pub sequential: Option<f64>,
    /// sequential ÷ concurrent, when both runs completed and can be compared.
    pub speedup: Option<f64>,
    pub text: String,
}

/// "1.5×": one decimal, two when one would hide a difference (1.02×).
fn ratio(r: f64) -> String {
    if (r * 10.0).round() == 10.0 {
        format!("{r:.2}×")
    } else if r >= 10.0 {
        format!("{r:.0}×")
    } else {
        format!("{r:.1}×")
    }
}

/// `note`: the driver's explanation of why the sequential run cannot finish.
pub fn summarize(conc: &Run, seq: Option<&Run>, note: Option<&str>) -> Summary {
    let (c, cs) = (conc.end, secs(conc.end));
    let mut speedup = None;
    let head = match &conc.status {
        Status::Running => format!("{cs} so far"),
        Status::Unfinished(n) => format!(
            "{cs} concurrent, then stuck with {n} {} waiting forever",
            tasks(*n)
        ),
        _ => format!("{cs} concurrent"),
    };
    let text = match seq {
        None => match &conc.status {
            Status::Raised(e) => format!("{head}, ended by {e}"),
            _ => head,
        },
        Some(seq) => {
            let (s, ss) = (seq.end, secs(seq.end));
            match (&conc.status, &seq.status, note) {
                (_, _, Some(note)) => format!("{head}; sequentially it cannot finish: {note}"),
                (_, Status::Unfinished(n), _) => format!(
                    "{head}; sequentially it cannot finish: stuck at {ss} with {n} {} waiting forever (deadlock)",
                    tasks(*n)
                ),
                (Status::Running | Status::Unfinished(_), ..) => format!("{head} vs {ss} sequential"),
                (Status::Raised(_), Status::Raised(_), _) | (_, Status::Completed | Status::Cancelled, _)
                    if c > 0.0 && s > 0.0 =>
                {
                    let r = s / c;
                    speedup = Some(r);
                    let verdict = if (s - c).abs() <= 1e-9 * s.max(c) {
                        "same time: nothing ran at the same time".into()
                    } else if r > 1.0 {
                        format!("{} faster", ratio(r))
                    } else {
                        format!("{} slower", ratio(1.0 / r))
                    };
                    format!("{head} vs {ss} sequential — {verdict}")
                }
                (_, Status::Raised(e), _) => format!("{head} vs {ss} sequential, which stopped with {e}"),
                _ if c <= 0.0 && s <= 0.0 => format!("{head} vs {ss} sequential — no waiting at all"),
                _ => format!("{head} vs {ss} sequential"),
            }
        }
    };
    Summary {
        concurrent: c,
        sequential: seq.map(|s| s.end),
        speedup,
        text,
    }
}

fn tasks(n: usize) -> &'static str {
    if n == 1 {
        "task"
    } else {
        "tasks"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::model::EventLoop;
    use crate::trace::RunMode;

    fn run(end: f64, status: Status) -> Run {
        Run {
            mode: RunMode::Concurrent,
            lanes: vec![],
            event_loop: EventLoop::default(),
            whats: vec![],
            end,
            status,
        }
    }

    fn text(c: Run, s: Option<Run>, note: Option<&str>) -> String {
        summarize(&c, s.as_ref(), note).text
    }

    #[test]
    fn wording() {
        use Status::*;
        let s = summarize(&run(2.0, Completed), Some(&run(3.0, Completed)), None);
        assert_eq!(s.text, "2.0 s concurrent vs 3.0 s sequential — 1.5× faster");
        assert_eq!(s.speedup, Some(1.5));
        assert_eq!(
            text(run(5.0, Completed), Some(run(9.0, Completed)), None),
            "5.0 s concurrent vs 9.0 s sequential — 1.8× faster"
        );
        assert_eq!(
            text(run(1.0, Completed), Some(run(1.0, Completed)), None),
            "1.0 s concurrent vs 1.0 s sequential — same time: nothing ran at the same time"
        );
        assert_eq!(
            text(run(1.0, Completed), Some(run(1.02, Completed)), None),
            "1.0 s concurrent vs 1.0 s sequential — 1.02× faster"
        );
        assert_eq!(
            text(run(3.0, Completed), Some(run(2.0, Completed)), None),
            "3.0 s concurrent vs 2.0 s sequential — 1.5× slower"
        );
        assert_eq!(
            text(run(0.25, Completed), Some(run(5.0, Completed)), None),
            "250 ms concurrent vs 5.0 s sequential — 20× faster"
        );
        assert_eq!(
            text(run(0.0, Completed), Some(run(0.0, Completed)), None),
            "0 s concurrent vs 0 s sequential — no waiting at all"
        );
        assert_eq!(text(run(2.0, Completed), None, None), "2.0 s concurrent");
        assert_eq!(
            text(run(2.0, Raised("ValueError: x".into())), None, None),
            "2.0 s concurrent, ended by ValueError: x"
        );
    }

    #[test]
    fn wording_when_a_run_cannot_be_compared() {
        use Status::*;
        assert_eq!(
            text(run(2.0, Completed), Some(run(1.0, Unfinished(2))), None),
            "2.0 s concurrent; sequentially it cannot finish: stuck at 1.0 s with 2 tasks waiting forever (deadlock)"
        );
        assert_eq!(
            text(
                run(2.0, Completed),
                Some(run(1.0, Completed)),
                Some("the producer waits on a full queue")
            ),
            "2.0 s concurrent; sequentially it cannot finish: the producer waits on a full queue"
        );
        assert_eq!(
            text(
                run(2.0, Completed),
                Some(run(1.0, Raised("TimeoutError".into()))),
                None
            ),
            "2.0 s concurrent vs 1.0 s sequential, which stopped with TimeoutError"
        );
        assert_eq!(
            text(run(1.2, Running), Some(run(3.0, Completed)), None),
            "1.2 s so far vs 3.0 s sequential"
        );
        assert_eq!(
            text(run(1.0, Unfinished(1)), Some(run(3.0, Completed)), None),
            "1.0 s concurrent, then stuck with 1 task waiting forever vs 3.0 s sequential"
        );
    }
}
