//! The first frame inlined into index.html (`static/first-paint.html`) is what the
//! engine draws for the default example today: regenerated here and compared, so a
//! change to the engine, the chart or an example cannot leave a stale picture.
//! `AWAITSCOPE_BLESS=1 cargo test --test first_paint` rewrites the file.

use awaitscope::page::first_paint;

const FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/static/first-paint.html");

#[test]
fn committed_first_paint_is_current() {
    let fresh = first_paint::page().expect("the default example runs in both modes");
    if std::env::var_os("AWAITSCOPE_BLESS").is_some() {
        std::fs::write(FILE, &fresh).expect("write static/first-paint.html");
    }
    let committed = std::fs::read_to_string(FILE).unwrap_or_default();
    assert!(
        committed == fresh,
        "static/first-paint.html is stale: run `AWAITSCOPE_BLESS=1 cargo test --test first_paint`"
    );
}

#[test]
fn first_paint_shows_the_default_example_charted() {
    let html = first_paint::page().expect("the default example runs in both modes");
    assert!(html.starts_with("<div class=\"awaitscope first-paint\""));
    // Both runs, the lanes of tutorial program 2, its summary, its prints.
    for needle in [
        "Concurrent run",
        "Sequential baseline",
        ">task1()<",
        ">task2()<",
        "2.0 s concurrent vs 3.0 s sequential",
        "Task 1 started",
        "Both tasks completed in 2.00 seconds",
        "<span class=\"tok-kw tok-async\">async</span>",
    ] {
        assert!(html.contains(needle), "missing {needle:?}");
    }
    // Nothing in it can be used before the app is live.
    assert!(!html.contains("<textarea"));
    assert_eq!(html.matches("<select").count(), 2);
    assert_eq!(html.matches("<select disabled>").count(), 2);
    let buttons: Vec<&str> = html
        .split("<button")
        .skip(1)
        .map(|rest| &rest[..rest.find('>').unwrap()])
        .collect();
    assert_eq!(buttons.len(), 3, "Run, Table view, Share link");
    assert!(
        buttons.iter().all(|b| b.ends_with(" disabled")),
        "{buttons:?}"
    );
}

#[test]
fn a_failing_program_gets_no_first_paint() {
    let bad = awaitscope::page::examples::Example {
        id: "bad",
        title: "bad",
        source:
            "import asyncio\nasync def main():\n    raise ValueError('x')\nasyncio.run(main())\n",
    };
    let err = first_paint::first_paint(&bad).unwrap_err();
    assert!(err.contains("ValueError"), "{err}");
}
