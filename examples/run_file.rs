//! Runs one Python file on the virtual clock `N` times (default 1): a target for
//! profilers, e.g. `valgrind --tool=callgrind target/release/examples/run_file FILE.py`.
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: run_file FILE.py [N]");
    let times: u32 = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let src = std::fs::read_to_string(&path).expect("a readable file");
    let options = awaitscope::run::RunOptions {
        http_fixtures: awaitscope::fixtures::bundled_http_fixtures(),
        ..Default::default()
    };
    for _ in 0..times {
        let r = awaitscope::run::run_virtual(&src, &options);
        if r.exit_code != 0 {
            eprint!("{}", r.stderr);
        }
    }
}
