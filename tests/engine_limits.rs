#![cfg(not(target_arch = "wasm32"))]
//! Never crash, never hang (issue 3): runaway loops stop at the step budget,
//! deep recursion of every kind is a RecursionError (never a stack overflow),
//! huge allocations are a MemoryError, and deeply nested data is freed without
//! recursing.
//!
//! Stack budget: in release builds (`cargo test --release --test engine_limits`)
//! every program runs on a thread with a 1 MB stack, the default stack of wasm32;
//! debug builds use several times more stack per level, so they get 64 MB.

use awaitscope::run::{run_virtual, RunOptions, RunResult};

// The heap budget needs the counting allocator, as in the CLI and the web app.
#[global_allocator]
static ALLOCATOR: awaitscope::vm::memory::CountingAllocator =
    awaitscope::vm::memory::CountingAllocator;
use awaitscope::trace::RunMode;

fn stack_size() -> usize {
    if cfg!(debug_assertions) {
        64 << 20
    } else {
        1 << 20
    }
}

/// Runs `src` in both modes on a thread with the wasm-sized stack.
fn run_both(src: &'static str) -> [RunResult; 2] {
    std::thread::Builder::new()
        .stack_size(stack_size())
        .spawn(move || {
            [RunMode::Concurrent, RunMode::Sequential].map(|mode| {
                run_virtual(
                    src,
                    &RunOptions {
                        mode,
                        max_instructions: 50_000_000,
                        ..RunOptions::default()
                    },
                )
            })
        })
        .unwrap()
        .join()
        .unwrap_or_else(|_| panic!("the engine panicked on:\n{src}"))
}

fn last_line(text: &str) -> &str {
    text.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
}

/// `src` ends (in both modes) with `stdout` printed and `error` as stderr's last line.
fn check(src: &'static str, stdout: &str, error: &str) {
    for r in run_both(src) {
        assert_eq!(r.stdout, stdout, "{src}\nstderr: {}", r.stderr);
        assert_eq!(last_line(&r.stderr), error, "{src}\nstderr: {}", r.stderr);
        assert_eq!(r.exit_code, if error.is_empty() { 0 } else { 1 }, "{src}");
    }
}

const RECURSION: &str = "RecursionError: maximum recursion depth exceeded";
const REPR: &str =
    "RecursionError: maximum recursion depth exceeded while getting the repr of an object";
const COMPARISON: &str = "RecursionError: maximum recursion depth exceeded in comparison";

#[test]
fn python_recursion_through_native_calls_is_a_recursion_error() {
    let cases: &[&'static str] = &[
        "def f(n):\n    return f(n + 1)\nf(0)\n",
        "f = lambda: f()\nf()\n",
        "class A:\n    def __repr__(self):\n        return repr(self)\nprint(repr(A()))\n",
        "class A:\n    def __str__(self):\n        return f'{self}'\nprint(A())\n",
        "class A:\n    def __hash__(self):\n        return hash(self)\nprint({A()})\n",
        "class A:\n    def __len__(self):\n        return len(self)\nprint(bool(A()))\n",
        "class A:\n    def __iter__(self):\n        return iter(self)\nprint(list(A()))\n",
        "class A:\n    def __eq__(self, o):\n        return [self] == [o]\nprint(A() == A())\n",
        "class A:\n    def __lt__(self, o):\n        return sorted([self, o])\nprint(sorted([A(), A()]))\n",
        "class A:\n    def __getattr__(self, n):\n        return getattr(self, n)\nprint(A().x)\n",
        "def k(x):\n    return sorted([1, 2], key=k)\nprint(sorted([3, 1], key=k))\n",
        "def g():\n    yield from g()\nprint(list(g()))\n",
        "import asyncio\nasync def f(n):\n    return await f(n + 1)\nasyncio.run(f(0))\n",
        "import asyncio\nasync def f(n):\n    async with asyncio.timeout(10):\n        return await f(n + 1)\nasyncio.run(f(0))\n",
    ];
    for src in cases {
        for r in run_both(src) {
            assert!(
                last_line(&r.stderr).starts_with(RECURSION),
                "{src}\nstderr ends: {}",
                last_line(&r.stderr)
            );
            assert_eq!(r.exit_code, 1);
        }
    }
}

#[test]
fn deep_task_chains_run() {
    // Each task awaits a new task: the frames live on the heap, so 3000 tasks deep is fine.
    let src = "import asyncio\nasync def f(n):\n    if n == 0:\n        return 0\n    return await asyncio.create_task(f(n - 1)) + 1\nprint(asyncio.run(f(3000)))\n";
    let [concurrent, sequential] = run_both(src);
    assert_eq!(concurrent.stdout, "3000\n", "{}", concurrent.stderr);
    // The baseline runs each create_task to completion inside its caller: as deep
    // as a recursive call, so it ends in a RecursionError.
    assert!(
        last_line(&sequential.stderr).starts_with(RECURSION),
        "{}",
        sequential.stderr
    );
    check(src.replace("3000", "100").leak(), "100\n", "");
}

#[test]
fn unbounded_task_creation_stops_at_the_step_budget() {
    // Each level makes a new task (as in CPython, which runs until memory runs out).
    for src in [
        "import asyncio\nasync def f(n):\n    return await asyncio.wait_for(f(n + 1), 5)\nasyncio.run(f(0))\n",
        "import asyncio\nasync def f(n):\n    return await asyncio.gather(f(n + 1))\nasyncio.run(f(0))\n",
    ] {
        let r = run_virtual(
            src,
            &RunOptions {
                max_instructions: 2_000_000,
                ..RunOptions::default()
            },
        );
        assert_eq!(r.exit_code, 1);
        assert!(last_line(&r.stderr).contains("step budget"), "{}", r.stderr);
    }
}

#[test]
fn deeply_nested_data_is_a_recursion_error_when_walked() {
    check(
        "a = []\nfor i in range(100000):\n    a = [a]\nprint(repr(a)[:3])\n",
        "",
        REPR,
    );
    check(
        "d = {}\nfor i in range(100000):\n    d = {'k': d}\nprint(len(str(d)))\n",
        "",
        REPR,
    );
    check(
        "a = []\nfor i in range(100000):\n    a = [a]\nprint(a == a[0])\n",
        "",
        COMPARISON,
    );
    check(
        "a = []\nb = []\nfor i in range(100000):\n    a = [a]\n    b = [b]\nprint(a < b)\n",
        "",
        COMPARISON,
    );
    check(
        "t = ()\nfor i in range(100000):\n    t = (t,)\nprint(t == t[0])\n",
        "",
        COMPARISON,
    );
    check(
        "t = ()\nfor i in range(100000):\n    t = (t,)\nprint(hash(t))\n",
        "",
        RECURSION,
    );
    check(
        "t = int\nfor i in range(100000):\n    t = (t, str)\nprint(isinstance(1, t))\n",
        "",
        "RecursionError: maximum recursion depth exceeded in __instancecheck__",
    );
    check(
        "s = slice(1)\nfor i in range(100000):\n    s = slice(s)\nprint(repr(s))\n",
        "",
        REPR,
    );
    check(
        "g = iter([1])\nfor i in range(100000):\n    g = map(abs, g)\nprint(list(g))\n",
        "",
        RECURSION,
    );
    check(
        "g = iter([1])\nfor i in range(100000):\n    g = zip(g)\nprint(next(g))\n",
        "",
        RECURSION,
    );
    // Moderate nesting works as in CPython.
    check(
        "a = 1\nfor i in range(100):\n    a = [a]\nprint(len(repr(a)), a == a)\n",
        "201 True\n",
        "",
    );
}

#[test]
fn deeply_nested_data_is_freed_without_recursion() {
    let cases: &[&'static str] = &[
        "a = []\nfor i in range(300000):\n    a = [a]\nprint('built')\n",
        "t = ()\nfor i in range(300000):\n    t = (t,)\nprint('built')\n",
        "d = {}\nfor i in range(300000):\n    d = {1: d}\nprint('built')\n",
        "class Node:\n    def __init__(self, nxt):\n        self.nxt = nxt\nn = None\nfor i in range(300000):\n    n = Node(n)\nprint('built')\n",
        "f = None\nfor i in range(300000):\n    f = (lambda g: lambda: g)(f)\nprint('built')\n",
        "s = staticmethod(1)\nfor i in range(300000):\n    s = staticmethod(s)\nprint('built')\n",
        "g = iter([])\nfor i in range(300000):\n    g = map(abs, g)\nprint('built')\n",
        "def gen(x):\n    yield x\ng = None\nfor i in range(300000):\n    g = gen(g)\nprint('built')\n",
        "a = []\nfor i in range(300000):\n    a = [a]\na = None\nprint('built')\n",
        "import asyncio\nasync def main():\n    q = asyncio.Queue()\n    x = []\n    for i in range(300000):\n        x = [x]\n    await q.put(x)\n    print('built')\nasyncio.run(main())\n",
        "prev = None\nfor i in range(100000):\n    try:\n        raise KeyError(i) from prev\n    except KeyError as k:\n        prev = k\nprint('built')\n",
    ];
    for src in cases {
        check(src, "built\n", "");
    }
}

#[test]
fn runaway_programs_stop_at_the_step_budget() {
    for src in [
        "while True:\n    pass\n",
        "import asyncio\nasync def spin():\n    while True:\n        await asyncio.sleep(0)\nasyncio.run(spin())\n",
        "def g():\n    while True:\n        yield 1\nfor x in g():\n    pass\n",
        "x = sorted(range(10**6), key=lambda v: -v)\nwhile True:\n    x.reverse()\n",
    ] {
        for mode in [RunMode::Concurrent, RunMode::Sequential] {
            let r = run_virtual(
                src,
                &RunOptions {
                    mode,
                    max_instructions: 200_000,
                    ..RunOptions::default()
                },
            );
            assert_eq!(r.exit_code, 1, "{src}");
            assert_eq!(
                last_line(&r.stderr),
                "awaitscope: stopped after 200000 instructions (step budget exhausted: an infinite loop?)",
                "{src}"
            );
        }
    }
}

#[test]
fn huge_format_widths_are_refused() {
    // CPython tries and runs out of memory; the engine's formatter caps widths.
    for src in [
        "x = '{:>1000000000000}'.format(1)\n",
        "x = f'{1:>1000000000000}'\n",
        "x = '%1000000000000d' % 1\n",
    ] {
        let r = run_virtual(src, &RunOptions::default());
        assert_eq!(
            last_line(&r.stderr),
            "ValueError: Too many decimal digits in format string",
            "{src}"
        );
    }
}

#[test]
fn huge_allocations_are_memory_errors() {
    for src in [
        "x = [0] * 10**10\n",
        "x = [0, 1] * 10**9\n",
        "x = (0,) * 10**10\n",
        "x = 'ab' * 10**12\n",
        "x = list(range(10**12))\n",
        "x = [None] * 2**62\n",
        "s = 'x'\nfor i in range(64):\n    s = s + s\n",
        "x = 'a'.ljust(10**12)\n",
        "x = 'a'.center(10**12)\n",
        "x = ' '.join(['a'] * 10**5) * 10**9\n",
        "x = 'abc'.replace('', 'x' * 10**6) * 10**6\n",
        "x = [[0] * 10**5 for i in range(10**5)]\n",
    ] {
        let r = run_virtual(src, &RunOptions::default());
        assert_eq!(r.exit_code, 1, "{src}: {}", r.stderr);
        let last = last_line(&r.stderr);
        assert!(
            last.starts_with("MemoryError") || last.starts_with("OverflowError"),
            "{src}: {}",
            r.stderr
        );
    }
}
