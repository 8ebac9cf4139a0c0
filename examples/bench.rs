//! Native benchmarks of the engine (issue 3, "Fast and small"). Prints numbers,
//! asserts nothing; `scripts/bench.sh` runs it.
//!
//! ```sh
//! cargo run --release --example bench                  # python3 from PATH
//! cargo run --release --example bench -- --python /usr/bin/python3.11
//! ```
//!
//! - task switches per second: 1000 tasks × 100 `await asyncio.sleep(0)`, on the
//!   engine (parse + compile + run, on the virtual clock) and on CPython in the
//!   same run (`asyncio.run` timed inside the interpreter, so CPython's start-up
//!   and `import asyncio` are not counted), and their ratio;
//! - parse, compile and parse+compile+run time of every built-in example program.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use awaitscope::run::{run_virtual, RunOptions};

const TASKS: usize = 1000;
const SWITCHES_PER_TASK: usize = 100;

fn switches_program() -> String {
    format!(
        "import asyncio\n\n\nasync def worker():\n    for _ in range({SWITCHES_PER_TASK}):\n        await asyncio.sleep(0)\n\n\nasync def main():\n    await asyncio.gather(*(worker() for _ in range({TASKS})))\n\n\nasyncio.run(main())\n"
    )
}

/// Best of `runs` wall times of `f`.
fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Runs `f` repeatedly for about `total` and returns the mean time per run.
fn mean_over(total: Duration, mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    let mut runs = 0u32;
    while runs < 3 || start.elapsed() < total {
        f();
        runs += 1;
    }
    start.elapsed() / runs
}

/// CPython's best time for `asyncio.run` of the program (seconds), or why not.
fn cpython_seconds(python: &str, program: &str, runs: usize) -> Result<f64, String> {
    let harness = "import asyncio, sys, time\nsrc = sys.stdin.read()\ncode = compile(src, 'main.py', 'exec')\nbest = None\nfor _ in range(RUNS):\n    t = time.perf_counter()\n    exec(code, {'__name__': '__main__'})\n    d = time.perf_counter() - t\n    best = d if best is None else min(best, d)\nprint(best)\n"
        .replace("RUNS", &runs.to_string());
    let mut child = Command::new(python)
        .args(["-c", &harness])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("{python}: {e}"))?;
    use std::io::Write;
    child
        .stdin
        .take()
        .ok_or("no stdin")?
        .write_all(program.as_bytes())
        .map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .map_err(|e| format!("{e}"))
}

fn python_version(python: &str) -> String {
    Command::new(python)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|_| "not found".into())
}

fn task_switches(python: &str) {
    let program = switches_program();
    let switches = (TASKS * SWITCHES_PER_TASK) as f64;
    println!(
        "bench: task switches, {TASKS} tasks × {SWITCHES_PER_TASK} `await asyncio.sleep(0)` (best of 5)"
    );
    let mut result = None;
    let engine = best_of(5, || {
        result = Some(run_virtual(&program, &RunOptions::default()));
    });
    if let Some(r) = result.filter(|r| r.exit_code != 0) {
        println!("  engine failed: {}", r.stderr);
        return;
    }
    let engine_rate = switches / engine.as_secs_f64();
    println!(
        "  {:>12.0} switches/s  engine, parse+compile+run {:.1} ms",
        engine_rate,
        engine.as_secs_f64() * 1e3
    );
    match cpython_seconds(python, &program, 5) {
        Ok(seconds) => {
            let python_rate = switches / seconds;
            println!(
                "  {:>12.0} switches/s  {} ({python}), asyncio.run {:.1} ms",
                python_rate,
                python_version(python),
                seconds * 1e3
            );
            println!(
                "  engine / CPython = {:.2}× (goal: at least 2×)",
                engine_rate / python_rate
            );
        }
        Err(e) => println!("  CPython not measured: {}", e.trim()),
    }
}

fn example_programs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let mut paths = Vec::new();
    for dir in ["tutorial", "examples"] {
        if let Ok(entries) = std::fs::read_dir(root.join(dir)) {
            paths.extend(
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "py")),
            );
        }
    }
    paths.sort();
    paths
}

fn tutorial_programs() {
    let fixtures = awaitscope::fixtures::bundled_http_fixtures();
    let options = RunOptions {
        http_fixtures: fixtures,
        ..RunOptions::default()
    };
    println!("bench: built-in examples, mean time per run (parse | compile | parse+compile+run)");
    let budget = Duration::from_millis(150);
    for path in example_programs() {
        let src = std::fs::read_to_string(&path).unwrap_or_default();
        let parse = mean_over(budget, || {
            let _ = awaitscope::python::parse_module(&src);
        });
        let compile = match awaitscope::python::parse_module(&src) {
            Ok(module) => mean_over(budget, || {
                let _ = awaitscope::compile::compile_module(&module, "main.py", &src);
            }),
            Err(_) => Duration::ZERO,
        };
        let mut exit = 0;
        let total = mean_over(budget, || exit = run_virtual(&src, &options).exit_code);
        println!(
            "  {:>7.3} ms | {:>7.3} ms | {:>7.3} ms  {}{}",
            parse.as_secs_f64() * 1e3,
            compile.as_secs_f64() * 1e3,
            total.as_secs_f64() * 1e3,
            path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .unwrap_or(&path)
                .display(),
            if exit == 0 { "" } else { "  (failed)" }
        );
    }
}

fn main() {
    let mut python = "python3".to_string();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--python" {
            python = args.next().unwrap_or(python);
        }
    }
    task_switches(&python);
    tutorial_programs();
}
