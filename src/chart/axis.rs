//! A "nice" time axis: ticks at 1, 2 or 5 × 10ⁿ seconds (Heckbert's nice
//! numbers), so 0..3 s reads 0, 0.5 s, 1 s … 3 s, and short runs read in ms.

use super::text::trim_num;

#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub t: f64,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    /// The axis runs from 0 to `end` (the first tick at or after the data's end).
    pub end: f64,
    pub step: f64,
    pub ticks: Vec<Tick>,
}

/// The smallest step of 1, 2 or 5 × 10ⁿ that covers `max` in at most `max_ticks` intervals.
pub fn nice_step(max: f64, max_ticks: usize) -> f64 {
    let raw = max / max_ticks.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    // A tiny tolerance so 3/6 = 0.5 stays 0.5 despite rounding.
    let nice = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .find(|n| f <= n * (1.0 + 1e-9))
        .unwrap_or(10.0);
    nice * mag
}

/// Ticks from 0 to at least `max` seconds, at most `max_ticks` intervals
/// (the caller derives it from the pixels available: about one per 70 px).
/// A run that took no time at all (everything at t = 0) gets a 1 s axis.
pub fn axis(max: f64, max_ticks: usize) -> Axis {
    // Clamped so the step never underflows to 0 (the clock's resolution is 1 ns).
    let max = if max.is_finite() && max > 0.0 {
        max.clamp(1e-9, 1e12)
    } else {
        1.0
    };
    let step = nice_step(max, max_ticks);
    let n = ((max / step) - 1e-9).ceil().clamp(1.0, 1000.0) as usize;
    let end = n as f64 * step;
    // Label unit by the axis length; decimals by the step in that unit.
    let (scale, unit) = match end {
        e if e >= 1.0 => (1.0, "s"),
        e if e >= 1e-3 => (1e3, "ms"),
        _ => (1e6, "µs"),
    };
    let decimals = (-(step * scale).log10().floor()).max(0.0) as u32 + 1;
    let ticks = (0..=n)
        .map(|i| {
            let t = i as f64 * step;
            let label = if i == 0 {
                "0".into()
            } else {
                format!("{} {unit}", trim_num(t * scale, decimals))
            };
            Tick { t, label }
        })
        .collect();
    Axis { end, step, ticks }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(a: &Axis) -> Vec<&str> {
        a.ticks.iter().map(|t| t.label.as_str()).collect()
    }

    #[test]
    fn three_seconds_in_half_seconds() {
        let a = axis(3.0, 8);
        assert_eq!(a.step, 0.5);
        assert_eq!(a.end, 3.0);
        assert_eq!(
            labels(&a),
            ["0", "0.5 s", "1 s", "1.5 s", "2 s", "2.5 s", "3 s"]
        );
        // Less room: whole seconds.
        assert_eq!(labels(&axis(3.0, 4)), ["0", "1 s", "2 s", "3 s"]);
    }

    #[test]
    fn extends_to_the_next_nice_tick() {
        let a = axis(2.2, 6);
        assert_eq!(a.step, 0.5);
        assert_eq!(a.end, 2.5);
        assert_eq!(axis(9.0, 6).ticks.last().unwrap().label, "10 s");
        assert_eq!(
            labels(&axis(100.0, 5)),
            ["0", "20 s", "40 s", "60 s", "80 s", "100 s"]
        );
    }

    #[test]
    fn short_runs_in_milliseconds() {
        assert_eq!(
            labels(&axis(0.25, 5)),
            ["0", "50 ms", "100 ms", "150 ms", "200 ms", "250 ms"]
        );
        assert_eq!(
            labels(&axis(0.003, 6)),
            ["0", "0.5 ms", "1 ms", "1.5 ms", "2 ms", "2.5 ms", "3 ms"]
        );
        assert_eq!(axis(2e-6, 2).ticks[1].label, "1 µs");
    }

    #[test]
    fn degenerate_ranges_get_a_one_second_axis() {
        for max in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            let a = axis(max, 4);
            assert_eq!(a.end, 1.0);
            assert_eq!(a.ticks.first().unwrap().label, "0");
        }
        assert_eq!(axis(1.0, 0).ticks.len(), 2, "at least one interval");
        assert!(
            axis(1e-310, 5).ticks.len() <= 6,
            "no underflow into a huge loop"
        );
    }
}
