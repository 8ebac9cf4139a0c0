//! Rebuilds of a growing chart, paced by what they cost. The chart model is
//! rebuilt from the whole trace (O(events)) and redrawn; on every tick of a run
//! printing a million lines that took most of the main thread. While a run grows,
//! a change waits until [`IDLE_FACTOR`] times the last build's cost (model and
//! draw) has passed since that build ended, so rebuilding takes at most about a
//! fifth of the main thread. A change
//! that may not wait (the run ended, an edit) is built at once.

/// Time (multiples of a build's cost) between the builds of a growing chart.
pub const IDLE_FACTOR: f64 = 4.0;

/// The key a memo rebuilds on, held back while rebuilds would come too often.
#[derive(Debug)]
pub struct Throttle<K> {
    built: Option<K>,
    /// When the last build started and ended (ms), and so its cost.
    started_at: f64,
    ended_at: f64,
    cost: f64,
}

impl<K> Default for Throttle<K> {
    fn default() -> Self {
        Throttle {
            built: None,
            started_at: 0.0,
            ended_at: 0.0,
            cost: 0.0,
        }
    }
}

impl<K: Clone + PartialEq> Throttle<K> {
    /// The key to build on at `now` (ms): `wanted`, unless `may_wait(built, wanted)`
    /// and the last build is too recent for its cost; then the last key.
    pub fn key(&mut self, wanted: K, now: f64, may_wait: impl FnOnce(&K, &K) -> bool) -> K {
        if let Some(built) = &self.built {
            if *built == wanted {
                return wanted;
            }
            if now - self.ended_at < IDLE_FACTOR * self.cost && may_wait(built, &wanted) {
                return built.clone();
            }
        }
        self.built = Some(wanted.clone());
        wanted
    }

    /// The build on the last key starts at `now` (ms).
    pub fn building(&mut self, now: f64) {
        self.started_at = now;
    }

    /// The build (and draw) that started last is done at `now` (ms).
    pub fn drawn(&mut self, now: f64) {
        self.ended_at = now;
        self.cost = now - self.started_at;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_growing_chart_waits_four_times_its_cost_after_a_build() {
        let mut t = Throttle::default();
        let wait = |_: &u32, _: &u32| true;
        assert_eq!(t.key(1, 0.0, wait), 1, "the first key builds");
        t.building(0.0);
        t.drawn(10.0);
        assert_eq!(t.key(1, 11.0, wait), 1);
        assert_eq!(t.key(2, 15.0, wait), 1, "too soon after a 10 ms build");
        assert_eq!(t.key(3, 49.0, wait), 1);
        assert_eq!(t.key(4, 50.0, wait), 4, "40 ms after it ended");
        t.building(50.0);
        t.drawn(51.0);
        assert_eq!(t.key(5, 55.5, wait), 5, "a cheap build is not held back");
    }

    #[test]
    fn a_change_that_may_not_wait_is_built_at_once() {
        let mut t = Throttle::default();
        t.key((1, true), 0.0, |_, _| true);
        t.building(0.0);
        t.drawn(100.0);
        let growing = |built: &(u32, bool), wanted: &(u32, bool)| built.0 == wanted.0 && wanted.1;
        assert_eq!(t.key((1, true), 1.0, growing), (1, true));
        assert_eq!(t.key((1, false), 2.0, growing), (1, false), "the run ended");
        assert_eq!(t.key((2, true), 3.0, growing), (2, true), "another version");
    }
}
