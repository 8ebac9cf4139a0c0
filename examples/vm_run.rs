//! Runs a Python file on the virtual clock: `cargo run --example vm_run -- FILE.py`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: vm_run FILE.py");
    let src = std::fs::read_to_string(&path).expect("readable file");
    let t = std::time::Instant::now();
    let r = awaitscope::run::run_virtual(&src, &awaitscope::run::RunOptions::default());
    print!("{}", r.stdout);
    eprint!("{}", r.stderr);
    eprintln!(
        "[exit {} end_time {} wall {:?}]",
        r.exit_code,
        r.end_time,
        t.elapsed()
    );
}
