//! The engine alone, as a wasm module without the UI: what `scripts/wasm_size.sh`
//! measures as "engine alone" (issue 3's budget: 120 KB gzipped). It exports one
//! function that uses everything the web app takes from the engine — both runs,
//! slices on a clock, the fixtures, the chart model and its SVG, the table rows,
//! the editor's highlighting — so the linker keeps exactly that code.
//!
//! `cargo build --release --target wasm32-unknown-unknown --no-default-features --example engine_wasm`
//! (natively it is an empty program).

#[cfg(target_arch = "wasm32")]
mod engine {
    use awaitscope::chart::{self, Chart, ChartOptions};
    use awaitscope::run::{run_virtual, RunOptions, Session, SliceStatus};
    use awaitscope::trace::RunMode;

    /// Runs the program at `ptr..ptr+len` (UTF-8) both ways and returns a number
    /// that depends on every result, so nothing is optimised away.
    #[no_mangle]
    pub extern "C" fn awaitscope_engine_run(ptr: *const u8, len: usize) -> usize {
        // SAFETY: the caller passes a readable buffer of `len` bytes.
        let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
        let source = String::from_utf8_lossy(bytes);
        let fixtures = awaitscope::fixtures::bundled_http_fixtures();
        let opts = |mode| RunOptions {
            mode,
            http_fixtures: fixtures.clone(),
            ..RunOptions::default()
        };
        let ideal = run_virtual(&source, &opts(RunMode::Concurrent));
        let sequential = run_virtual(&source, &opts(RunMode::Sequential));

        let mut live = Session::new(&source, &opts(RunMode::Concurrent));
        let mut now = 0.0;
        while !live.is_finished() {
            match live.run_slice(now, 10_000) {
                SliceStatus::Idle {
                    timeout: Some(t), ..
                } => now += t,
                SliceStatus::Blocked { seconds } => now += seconds,
                SliceStatus::Idle { timeout: None, .. } => break,
                _ => {}
            }
        }
        let printed: usize = live.take_output().iter().map(|c| c.text.len()).sum();
        let live = live.into_result();

        let chart = Chart::from_traces(
            &ideal.trace,
            Some(&sequential.trace),
            &ChartOptions::default(),
        );
        let svg = chart::svg::render(&chart::scene::layout(&chart, 900.0));
        let rows = chart::table::rows(&live.trace);
        let tokens = awaitscope::python::highlight(&source);
        svg.len() + rows.len() + tokens.len() + printed + ideal.stdout.len() + live.stderr.len()
    }
}

fn main() {}
