//! `awaitscope`: the native command-line tool. Runs a Python asyncio program on the
//! engine's virtual clock (instantly), prints what `python3 FILE.py` would print, and
//! optionally writes the trace as JSON and the Gantt chart as a self-contained SVG.

use std::process::ExitCode;

use awaitscope::chart::{self, ChartOptions};
use awaitscope::fixtures::{bundled_http_fixtures, parse_http_fixtures};
use awaitscope::run::{run_virtual, HttpFixture, RunOptions, RunResult, DEFAULT_MAX_INSTRUCTIONS};
use awaitscope::trace::RunMode;

// Counts live heap bytes so a run past its heap budget is a MemoryError (vm::memory).
#[global_allocator]
static ALLOCATOR: awaitscope::vm::memory::CountingAllocator =
    awaitscope::vm::memory::CountingAllocator;

const USAGE: &str = "\
usage: awaitscope run FILE.py [options]

Runs FILE.py on a virtual clock: stdout as python3 prints it, errors and tracebacks
on stderr, exit code 1 on an uncaught exception.

options:
  --sequential            run the sequential baseline instead of the program as written
  --summary               print 'X s concurrent vs Y s sequential — Z× faster' on stderr
  --trace OUT.json        write the run's trace (JSON; schema: src/trace/mod.rs)
  --svg OUT.svg           write the Gantt chart (concurrent above sequential) as SVG
  --perfetto OUT.json     write the same chart as Chrome Trace Event JSON (ui.perfetto.dev)
  --width PX              width of the SVG in pixels (default 960)
  --fixtures FILE.json    HTTP fixtures for aiohttp: [{url, status, body, content_type, latency}]
                          (default: the bundled tests/fixtures/http.json)
  --max-instructions N    stop a runaway program after N VM instructions (default 100000000)
  -h, --help              this text";

struct Args {
    file: String,
    sequential: bool,
    summary: bool,
    trace: Option<String>,
    svg: Option<String>,
    perfetto: Option<String>,
    width: f64,
    fixtures: Option<String>,
    max_instructions: u64,
}

fn parse_args(mut argv: impl Iterator<Item = String>) -> Result<Args, String> {
    match argv.next().as_deref() {
        Some("run") => {}
        Some("-h" | "--help") => return Err(String::new()),
        Some(other) => return Err(format!("unknown command '{other}'")),
        None => return Err("missing command".into()),
    }
    let mut args = Args {
        file: String::new(),
        sequential: false,
        summary: false,
        trace: None,
        svg: None,
        perfetto: None,
        width: 960.0,
        fixtures: None,
        max_instructions: DEFAULT_MAX_INSTRUCTIONS,
    };
    while let Some(a) = argv.next() {
        let mut value = |name: &str| argv.next().ok_or_else(|| format!("{name} needs a value"));
        match a.as_str() {
            "--sequential" => args.sequential = true,
            "--summary" => args.summary = true,
            "--trace" => args.trace = Some(value("--trace")?),
            "--svg" => args.svg = Some(value("--svg")?),
            "--perfetto" => args.perfetto = Some(value("--perfetto")?),
            "--fixtures" => args.fixtures = Some(value("--fixtures")?),
            "--width" => {
                args.width = value("--width")?
                    .parse()
                    .ok()
                    .filter(|w: &f64| (200.0..=20_000.0).contains(w))
                    .ok_or("--width takes a number of pixels from 200 to 20000")?
            }
            "--max-instructions" => {
                args.max_instructions = value("--max-instructions")?
                    .parse()
                    .map_err(|_| "--max-instructions takes a whole number")?
            }
            "-h" | "--help" => return Err(String::new()),
            f if !f.starts_with('-') && args.file.is_empty() => args.file = f.to_string(),
            other => return Err(format!("unexpected argument '{other}'")),
        }
    }
    if args.file.is_empty() {
        return Err("missing FILE.py".into());
    }
    Ok(args)
}

fn load_fixtures(path: &str) -> Result<Vec<HttpFixture>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    parse_http_fixtures(&text).map_err(|e| format!("{path}: {e}"))
}

fn absolute_path(path: &str) -> String {
    std::path::absolute(path)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| path.to_string())
}

fn write_file(path: &str, contents: &str) -> Result<(), String> {
    std::fs::write(path, contents).map_err(|e| format!("{path}: {e}"))
}

fn run(args: &Args) -> Result<i32, String> {
    let source = std::fs::read_to_string(&args.file).map_err(|e| format!("{}: {e}", args.file))?;
    let http_fixtures = match &args.fixtures {
        Some(path) => load_fixtures(path)?,
        None => bundled_http_fixtures(),
    };
    let options = |mode| RunOptions {
        mode,
        max_instructions: args.max_instructions,
        http_fixtures: http_fixtures.clone(),
        // CPython shows the main script by its absolute path (sys.argv as given).
        filename: absolute_path(&args.file),
        argv: vec![args.file.clone()],
    };
    let primary_mode = if args.sequential {
        RunMode::Sequential
    } else {
        RunMode::Concurrent
    };
    let primary = run_virtual(&source, &options(primary_mode));
    print!("{}", primary.stdout);
    eprint!("{}", primary.stderr);

    if let Some(path) = &args.trace {
        let json = serde_json::to_string_pretty(&primary.trace).map_err(|e| e.to_string())?;
        write_file(path, &json)?;
    }
    // The chart and the summary compare both runs; run the other one only if asked.
    if args.svg.is_some() || args.perfetto.is_some() || args.summary {
        let other_mode = if args.sequential {
            RunMode::Concurrent
        } else {
            RunMode::Sequential
        };
        let other = run_virtual(&source, &options(other_mode));
        let (concurrent, sequential) = if args.sequential {
            (&other, &primary)
        } else {
            (&primary, &other)
        };
        let opts = ChartOptions {
            now: None,
            sequential_note: failure_note(sequential),
        };
        if let Some(path) = &args.svg {
            write_file(
                path,
                &chart::render_svg(
                    &concurrent.trace,
                    Some(&sequential.trace),
                    &opts,
                    args.width,
                ),
            )?;
        }
        let chart = chart::Chart::from_traces(&concurrent.trace, Some(&sequential.trace), &opts);
        if let Some(path) = &args.perfetto {
            write_file(path, &chart::perfetto::render(&chart))?;
        }
        if args.summary {
            eprintln!("{}", chart.summary.text);
        }
    }
    Ok(primary.exit_code)
}

/// Why the sequential baseline did not finish normally, for the chart's summary.
fn failure_note(sequential: &RunResult) -> Option<String> {
    (sequential.exit_code != 0).then(|| {
        sequential
            .stderr
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("failed")
            .to_string()
    })
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(msg) if msg.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("awaitscope: {msg}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(code) => ExitCode::from(code.clamp(0, 255) as u8),
        Err(msg) => {
            eprintln!("awaitscope: {msg}");
            ExitCode::from(2)
        }
    }
}
