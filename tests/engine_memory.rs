#![cfg(not(target_arch = "wasm32"))]
//! Memory across runs: the browser re-runs the program on every edit, so a run
//! must give back (nearly) everything it allocated, and the per-thread caches
//! (compiled prelude, interned names) must tear down cleanly when a thread ends.
//! One test in this binary, so no other test allocates at the same time.

use awaitscope::run::{run_virtual, RunOptions};
use awaitscope::vm::memory::{live_bytes, CountingAllocator};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

#[test]
fn runs_give_their_memory_back_and_threads_end_cleanly() {
    let programs = [
        include_str!("conformance/tutorial/09_workers.py"),
        include_str!("conformance/examples/14_queue.py"),
        include_str!("conformance/examples/16_taskgroup.py"),
        "class Node:\n    def __init__(self, nxt):\n        self.nxt = nxt\n        self.me = self\nn = None\nfor i in range(1000):\n    n = Node(n)\n",
    ];
    for src in programs {
        // On a thread of its own: when it ends, its thread-local caches are dropped
        // (this once aborted the process).
        let leaked = std::thread::spawn(move || {
            let options = RunOptions::default();
            drop(run_virtual(src, &options)); // fills the caches
            let before = live_bytes();
            for _ in 0..10 {
                let r = run_virtual(src, &options);
                assert_eq!(r.exit_code, 0, "{}", r.stderr);
            }
            (live_bytes() as i64 - before as i64) / 10
        })
        .join()
        .expect("the run's thread ended cleanly");
        // Without breaking the module/class cycles this was about 100 KB per run.
        assert!(leaked < 40_000, "{leaked} bytes kept per run of:\n{src}");
    }
}
