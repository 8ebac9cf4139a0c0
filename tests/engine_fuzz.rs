#![cfg(not(target_arch = "wasm32"))]
//! Fuzzing the whole engine: no input makes it panic, overflow the stack or hang.
//!
//! Inputs are random programs (`engine_fuzz/generate.rs`: statements,
//! expressions, asyncio constructs) and text mutations (`engine_fuzz/mutate.rs`)
//! of every program in the conformance suite and of generated ones. Each input
//! is parsed, compiled and run on the virtual clock with a small instruction
//! budget, concurrently and as the sequential baseline; then it must hold that
//!
//! - nothing panicked, and the run ended with exit code 0, 1 or 2;
//! - the trace's events are in recording order and its prints add up to stdout;
//! - running in tiny slices (as the browser driver does) gives the same stdout,
//!   stderr, exit code and end time as one go;
//! - the chart (SVG, data table) and the trace JSON of both runs can be made.
//!
//! Release builds run on a thread with a 1 MB stack, the default stack of wasm32,
//! so a stack overflow aborts the process; the input being checked is always in
//! `target/engine-fuzz/current.py`, and a watchdog saves it as `hang.py` and aborts
//! when one input takes longer than 60 s. Findings are saved under
//! `target/engine-fuzz/`; fixed ones belong in `tests/engine_fuzz/regressions/`,
//! which `fuzz_regressions` runs every time.
//!
//! ```sh
//! cargo test --test engine_fuzz                       # a few hundred inputs (debug)
//! AWAITSCOPE_ENGINE_FUZZ_SECS=600 cargo test --release --test engine_fuzz -- --nocapture
//! AWAITSCOPE_ENGINE_FUZZ_CASES=100000 AWAITSCOPE_ENGINE_FUZZ_SEED=7 cargo test --release --test engine_fuzz
//! ```

#[path = "engine_fuzz/generate.rs"]
mod generate;
#[path = "engine_fuzz/mutate.rs"]
mod mutate;
#[path = "engine_fuzz/rng.rs"]
mod rng;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use awaitscope::chart::{self, ChartOptions};
use awaitscope::run::{run_virtual, RunOptions, RunResult, Session, SliceStatus};
use awaitscope::trace::{Event, RunMode};
use rng::Rng;

// The heap budget (MemoryError) needs the counting allocator, as in the CLI.
#[global_allocator]
static ALLOCATOR: awaitscope::vm::memory::CountingAllocator =
    awaitscope::vm::memory::CountingAllocator;

fn repo(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn out_dir() -> PathBuf {
    let dir = repo("target/engine-fuzz");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn programs_under(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            programs_under(&path, found);
        } else if path.extension().is_some_and(|e| e == "py") {
            found.push(path);
        }
    }
}

fn corpus() -> Vec<String> {
    let mut paths = Vec::new();
    // (Not the regressions: some allocate hundreds of MB on purpose.)
    for dir in ["tests/conformance", "tests/unsupported"] {
        programs_under(&repo(dir), &mut paths);
    }
    paths.sort();
    let corpus: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert!(corpus.len() > 150, "corpus: only {} programs", corpus.len());
    corpus
}

fn options(mode: RunMode, budget: u64) -> RunOptions {
    RunOptions {
        mode,
        max_instructions: budget,
        http_fixtures: awaitscope::fixtures::bundled_http_fixtures(),
        ..RunOptions::default()
    }
}

/// What the engine did with one input, for the statistics.
struct Outcome {
    exit_code: i32,
    /// `ValueError`, `SyntaxError`, `step budget`, … (empty: no error).
    error_kind: String,
}

fn last_line(text: &str) -> &str {
    text.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
}

fn error_kind(r: &RunResult) -> String {
    let last = last_line(&r.stderr);
    if last.contains("step budget") {
        return "step budget".into();
    }
    last.split(':').next().unwrap_or("").trim().to_string()
}

fn check_invariants(what: &str, r: &RunResult) -> Result<(), String> {
    if !(0..=2).contains(&r.exit_code) {
        return Err(format!("{what}: exit code {}", r.exit_code));
    }
    if r.exit_code != 0 && r.stderr.is_empty() {
        return Err(format!(
            "{what}: exit code {} without a message",
            r.exit_code
        ));
    }
    if let Some(i) = r
        .trace
        .events
        .windows(2)
        .position(|w| w[1].recorded_at() < w[0].recorded_at())
    {
        return Err(format!("{what}: trace event {} goes back in time", i + 1));
    }
    let printed: String = r
        .trace
        .events
        .iter()
        .filter_map(|e| match e {
            Event::Print { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    if printed != r.stdout {
        return Err(format!("{what}: the trace's prints differ from stdout"));
    }
    if !r.end_time.is_finite() || r.end_time < 0.0 {
        return Err(format!("{what}: end time {}", r.end_time));
    }
    Ok(())
}

/// Runs like `run_virtual`, but in slices of `1..=max_slice` instructions.
/// None when the program waits for I/O (which only `run_virtual` reports).
fn run_sliced(src: &str, opts: &RunOptions, rng: &mut Rng, max_slice: usize) -> Option<RunResult> {
    let mut session = Session::new(src, opts);
    let mut now = 0.0f64;
    loop {
        let budget = 1 + rng.below(max_slice) as u64;
        match session.run_slice(now, budget) {
            SliceStatus::Yielded => {}
            SliceStatus::Idle {
                timeout: Some(t), ..
            } => now += t,
            SliceStatus::Idle { timeout: None, .. } => return None,
            SliceStatus::Blocked { seconds } => now += seconds,
            SliceStatus::Finished { .. } => return Some(session.into_result()),
        }
    }
}

fn without_addresses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("0x") {
        out.push_str(&rest[..i + 2]);
        rest = rest[i + 2..].trim_start_matches(|c: char| c.is_ascii_hexdigit());
    }
    out.push_str(rest);
    out
}

fn same_result(a: &RunResult, b: &RunResult) -> bool {
    without_addresses(&a.stdout) == without_addresses(&b.stdout)
        && without_addresses(&a.stderr) == without_addresses(&b.stderr)
        && a.exit_code == b.exit_code
        && a.end_time.to_bits() == b.end_time.to_bits()
}

/// Every check on one input; Err describes the finding.
fn check(src: &str, budget: u64, rng: &mut Rng) -> Result<Outcome, String> {
    let mut slice_rng = Rng(rng.next());
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let concurrent = run_virtual(src, &options(RunMode::Concurrent, budget));
        let sequential = run_virtual(src, &options(RunMode::Sequential, budget));
        check_invariants("concurrent run", &concurrent)?;
        check_invariants("sequential run", &sequential)?;
        let sliced = run_sliced(
            src,
            &options(RunMode::Concurrent, budget),
            &mut slice_rng,
            if budget > 50_000 { 5_000 } else { 300 },
        );
        // Addresses (`<… at 0x…>`, `id()`, default hashes and the order of sets
        // of objects) may differ from run to run: compare only reproducible results.
        let reproducible = || {
            let again = run_virtual(src, &options(RunMode::Concurrent, budget));
            same_result(&again, &concurrent)
        };
        if let Some(sliced) = sliced.filter(|s| !same_result(s, &concurrent) && reproducible()) {
            {
                return Err(format!(
                    "running in slices changes the result:\n--- one go (exit {}, t={}):\n{}{}\n--- sliced (exit {}, t={}):\n{}{}",
                    concurrent.exit_code,
                    concurrent.end_time,
                    concurrent.stdout,
                    concurrent.stderr,
                    sliced.exit_code,
                    sliced.end_time,
                    sliced.stdout,
                    sliced.stderr
                ));
            }
        }
        let note = (sequential.exit_code != 0).then(|| last_line(&sequential.stderr).to_string());
        let opts = ChartOptions {
            now: None,
            sequential_note: note,
        };
        let svg = chart::render_svg(&concurrent.trace, Some(&sequential.trace), &opts, 960.0);
        if !svg.starts_with("<svg") {
            return Err("the chart is not an SVG".into());
        }
        let _ = chart::table::rows(&concurrent.trace);
        serde_json::to_string(&concurrent.trace).map_err(|e| format!("trace JSON: {e}"))?;
        Ok(Outcome {
            exit_code: concurrent.exit_code,
            error_kind: error_kind(&concurrent),
        })
    }));
    match run {
        Ok(result) => result,
        Err(panic) => Err(format!(
            "PANIC: {}",
            panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default()
        )),
    }
}

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

/// Milliseconds since the fuzzer started at which the current input started (0: none).
static CASE_STARTED: AtomicU64 = AtomicU64::new(0);
/// Wall time, on a machine that may be busy with other work.
const HANG: Duration = Duration::from_secs(60);

fn start_watchdog(origin: Instant, current: PathBuf) {
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_millis(500));
        let started = CASE_STARTED.load(Ordering::SeqCst);
        if started != 0 && origin.elapsed().as_millis() as u64 > started + HANG.as_millis() as u64 {
            let hang = current.with_file_name("hang.py");
            let _ = std::fs::copy(&current, &hang);
            eprintln!(
                "engine_fuzz: one input ran for more than {HANG:?}: saved as {}",
                hang.display()
            );
            std::process::abort();
        }
    });
}

fn on_wasm_sized_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let stack = if cfg!(debug_assertions) {
        64 << 20
    } else {
        1 << 20
    };
    std::thread::Builder::new()
        .stack_size(stack)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn engine_fuzz() {
    let findings = on_wasm_sized_stack(fuzz);
    assert!(findings.is_empty(), "engine_fuzz findings: {findings:#?}");
}

fn fuzz() -> Vec<String> {
    let seed = env_u64("AWAITSCOPE_ENGINE_FUZZ_SEED").unwrap_or(0x5EED_A5A1_7E5C_09E5);
    let seconds = env_u64("AWAITSCOPE_ENGINE_FUZZ_SECS");
    let cases = env_u64("AWAITSCOPE_ENGINE_FUZZ_CASES").unwrap_or(if cfg!(debug_assertions) {
        150
    } else {
        1500
    });
    let corpus = corpus();
    let dir = out_dir();
    let current = dir.join("current.py");
    let origin = Instant::now();
    start_watchdog(origin, current.clone());
    let mut rng = Rng(seed);
    let mut findings = Vec::new();
    let mut exits: BTreeMap<i32, u64> = BTreeMap::new();
    let mut kinds: BTreeMap<String, u64> = BTreeMap::new();
    let mut slowest = (Duration::ZERO, String::new());
    let mut case = 0u64;
    loop {
        match seconds {
            Some(s) if origin.elapsed() >= Duration::from_secs(s) => break,
            None if case >= cases => break,
            _ => {}
        }
        let src = match rng.below(5) {
            0 | 1 => generate::Generator::new(&mut rng).program(),
            2 | 3 => {
                let base = rng.pick(&corpus).clone();
                mutate::mutate(&mut rng, &base, &corpus)
            }
            _ => {
                let base = generate::Generator::new(&mut rng).program();
                mutate::mutate(&mut rng, &base, &corpus)
            }
        };
        let budget = *rng.pick(&[2_000u64, 20_000, 200_000, 1_000_000]);
        std::fs::write(&current, &src).unwrap();
        let started = Instant::now();
        CASE_STARTED.store(origin.elapsed().as_millis() as u64 + 1, Ordering::SeqCst);
        let result = check(&src, budget, &mut rng);
        CASE_STARTED.store(0, Ordering::SeqCst);
        let took = started.elapsed();
        if took > slowest.0 {
            slowest = (took, src.clone());
        }
        match result {
            Ok(outcome) => {
                *exits.entry(outcome.exit_code).or_default() += 1;
                *kinds.entry(outcome.error_kind).or_default() += 1;
            }
            Err(finding) => {
                let path = dir.join(format!("finding-{seed:x}-{case}.py"));
                std::fs::write(&path, &src).unwrap();
                eprintln!("engine_fuzz: {} ({})", finding, path.display());
                findings.push(format!("{}: {}", path.display(), finding));
            }
        }
        case += 1;
    }
    std::fs::write(dir.join("slowest.py"), &slowest.1).unwrap();
    let mut kinds: Vec<(u64, String)> = kinds.into_iter().map(|(k, n)| (n, k)).collect();
    kinds.sort_by(|a, b| b.cmp(a));
    eprintln!(
        "engine_fuzz: {case} inputs in {:.1?} (seed {seed:#x}), {} findings; exit codes {exits:?}; slowest {:.1?} (target/engine-fuzz/slowest.py)",
        origin.elapsed(),
        findings.len(),
        slowest.0
    );
    eprintln!(
        "engine_fuzz: outcomes {}",
        kinds
            .iter()
            .take(14)
            .map(|(n, k)| format!("{}×{n}", if k.is_empty() { "ok" } else { k }))
            .collect::<Vec<_>>()
            .join(", ")
    );
    findings
}

/// `AWAITSCOPE_ENGINE_FUZZ_DUMP=N` writes N generated programs to
/// `target/engine-fuzz/generated-*.py`, to see what the generator makes.
#[test]
fn dump_generated_programs() {
    let n = env_u64("AWAITSCOPE_ENGINE_FUZZ_DUMP").unwrap_or(0);
    let mut rng = Rng(env_u64("AWAITSCOPE_ENGINE_FUZZ_SEED").unwrap_or(1));
    for i in 0..n {
        let src = generate::Generator::new(&mut rng).program();
        std::fs::write(out_dir().join(format!("generated-{i}.py")), src).unwrap();
    }
}

/// Inputs the fuzzer once found, kept so the fixes stay fixed. A first line
/// `# expect: TEXT` also requires stderr's last line to start with TEXT.
#[test]
fn fuzz_regressions() {
    let failures = on_wasm_sized_stack(|| {
        let mut paths = Vec::new();
        programs_under(&repo("tests/engine_fuzz/regressions"), &mut paths);
        paths.sort();
        assert!(!paths.is_empty());
        let mut failures = Vec::new();
        let mut rng = Rng(1);
        for path in paths {
            let src = std::fs::read_to_string(&path).unwrap();
            if let Err(finding) = check(&src, 1_000_000, &mut rng) {
                failures.push(format!("{}: {finding}", path.display()));
                continue;
            }
            if let Some(expect) = src
                .lines()
                .next()
                .and_then(|l| l.strip_prefix("# expect: "))
            {
                let r = run_virtual(&src, &options(RunMode::Concurrent, 1_000_000));
                if !last_line(&r.stderr).starts_with(expect) {
                    failures.push(format!(
                        "{}: expected stderr to end with {expect:?}, got {:?}",
                        path.display(),
                        last_line(&r.stderr)
                    ));
                }
            }
        }
        failures
    });
    assert!(failures.is_empty(), "{failures:#?}");
}
