//! Runs every .py under the given directories with a small budget and reports panics:
//! `cargo run --release --example vm_sweep -- tests`.
fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "py") {
                out.push(p);
            }
        }
    }
}
fn main() {
    let mut files = Vec::new();
    for d in std::env::args().skip(1) {
        walk(std::path::Path::new(&d), &mut files);
    }
    let opts = awaitscope::run::RunOptions {
        max_instructions: 2_000_000,
        ..Default::default()
    };
    let mut panics = 0;
    for f in &files {
        let src = std::fs::read_to_string(f).unwrap_or_default();
        // Also try every prefix of lines (truncated programs).
        let lines: Vec<&str> = src.lines().collect();
        for cut in [lines.len(), lines.len() / 2, lines.len() / 3] {
            let s = lines[..cut].join("\n");
            let r = std::panic::catch_unwind(|| awaitscope::run::run_virtual(&s, &opts));
            if r.is_err() {
                panics += 1;
                println!("PANIC {} (first {cut} lines)", f.display());
            }
        }
    }
    println!("{} files, {panics} panics", files.len());
}
