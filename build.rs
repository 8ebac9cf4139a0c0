//! Build script: the Python that ships inside the binary (the asyncio prelude and
//! `src/vm/pylib`) is embedded without comments (`src/asyncio/py_minify.rs`), which
//! keeps the wasm small. The sources stay the readable originals; the minified
//! copies land in `$OUT_DIR/py/` and are included from there (`asyncio::embedded_py!`).
//! It also writes `$OUT_DIR/case_tables.rs`, compact case-mapping tables derived
//! from std (`src/vm/case_tables_gen.rs`, used by `src/vm/case.rs`).

use std::path::Path;
use std::{env, fs};

#[path = "src/asyncio/py_minify.rs"]
mod py_minify;

#[path = "src/vm/case_tables_gen.rs"]
mod case_tables_gen;

fn main() {
    let out = Path::new(&env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("py");
    fs::create_dir_all(&out).expect("create $OUT_DIR/py");
    println!("cargo:rerun-if-changed=src/asyncio/py_minify.rs");
    println!("cargo:rerun-if-changed=src/vm/case_tables_gen.rs");
    let tables =
        Path::new(&env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("case_tables.rs");
    fs::write(tables, case_tables_gen::generate()).expect("write case_tables.rs");
    for dir in ["src/asyncio/prelude", "src/vm/pylib"] {
        println!("cargo:rerun-if-changed={dir}");
        let mut entries: Vec<_> = fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("read {dir}: {e}"))
            .map(|e| e.expect("directory entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "py"))
            .collect();
        entries.sort();
        for path in entries {
            println!("cargo:rerun-if-changed={}", path.display());
            let src = fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {path:?}: {e}"));
            let name = path.file_name().expect("file name");
            fs::write(out.join(name), py_minify::minify(&src))
                .unwrap_or_else(|e| panic!("write {name:?}: {e}"));
        }
    }
}
