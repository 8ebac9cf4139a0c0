#![cfg(not(target_arch = "wasm32"))]
//! Lane names (`TaskInfo::coro`): the coroutine call with its arguments' reprs,
//! except that an object whose repr is only an address shows as the parameter's
//! name, and a very long repr is cut.

use awaitscope::run::{run_virtual, RunOptions};

fn lane_names(src: &str) -> Vec<String> {
    let r = run_virtual(src, &RunOptions::default());
    assert_eq!(r.exit_code, 0, "{}", r.stderr);
    r.trace.tasks.iter().map(|t| t.coro.clone()).collect()
}

#[test]
fn an_address_repr_shows_as_the_parameter_name() {
    let src = "\
import asyncio
class Box:
    pass
async def producer(queue, n, *extra, box=None):
    await queue.put(n)
async def consumer(queue):
    await queue.get()
async def main():
    q = asyncio.Queue()
    await asyncio.gather(producer(q, 3, Box(), box=Box()), consumer(q))
asyncio.run(main())
";
    assert_eq!(
        lane_names(src),
        [
            "main()",
            "producer(queue, 3, <__main__.Box object>, box=box)",
            "consumer(queue)"
        ]
    );
}

#[test]
fn plain_values_keep_their_repr_and_long_ones_are_cut() {
    let src = "\
import asyncio
async def work(name, items):
    await asyncio.sleep(0)
async def main():
    await asyncio.gather(work('a', [1, 2]), work('<b at 0x1>', list(range(100))))
asyncio.run(main())
";
    let names = lane_names(src);
    assert_eq!(names[1], "work('a', [1, 2])");
    // A string that looks like an address repr is still a string: its repr starts with a quote.
    assert!(
        names[2].starts_with("work('<b at 0x1>', [0, 1, 2,"),
        "{}",
        names[2]
    );
    assert!(names[2].ends_with("…)"), "{}", names[2]);
    let items = names[2]
        .trim_start_matches("work('<b at 0x1>', ")
        .trim_end_matches(')');
    assert_eq!(items.chars().count(), 80, "{items}");
}
