//! Runs a file in sequential mode and prints the trace summary: `cargo run --example vm_seq -- FILE.py`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: vm_seq FILE.py");
    let src = std::fs::read_to_string(&path).expect("readable file");
    for mode in [
        awaitscope::trace::RunMode::Concurrent,
        awaitscope::trace::RunMode::Sequential,
    ] {
        let opts = awaitscope::run::RunOptions {
            mode,
            ..Default::default()
        };
        let r = awaitscope::run::run_virtual(&src, &opts);
        println!(
            "{mode:?}: end {} exit {} stdout {:?} stderr {:?}",
            r.end_time, r.exit_code, r.stdout, r.stderr
        );
        for t in &r.trace.tasks {
            println!(
                "  task {} {} {} parent {:?} line {}",
                t.id, t.name, t.coro, t.parent, t.line
            );
        }
        for e in r
            .trace
            .events
            .iter()
            .filter(|e| matches!(e, awaitscope::trace::Event::Suspend { .. }))
        {
            println!("  {e:?}");
        }
    }
}
