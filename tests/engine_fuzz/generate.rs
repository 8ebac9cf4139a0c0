//! Random Python programs: statements, expressions and asyncio constructs drawn
//! from the subset the engine supports, mostly well-formed so they get past the
//! parser and exercise the compiler, the VM and the event loop. Names come from a
//! small pool, so programs often use what they defined (and often fail with a
//! NameError or TypeError, which is fine: any outcome but a crash is).

use super::rng::Rng;

const VARS: &[&str] = &["a", "b", "c", "x", "items", "d", "s", "n"];
const FUNCS: &[&str] = &["f0", "f1"];
const COROS: &[&str] = &["co0", "co1", "co2"];
const INTS: &[&str] = &[
    "0",
    "1",
    "2",
    "3",
    "-1",
    "7",
    "10",
    "255",
    "10**10",
    "2**62",
    "2**63 - 1",
    "-2**63",
];
const FLOATS: &[&str] = &[
    "0.5",
    "0.1",
    "1.5",
    "-0.0",
    "1e308",
    "2.5e-3",
    "float('nan')",
    "float('inf')",
];
const STRS: &[&str] = &[
    "'a'",
    "'hello world'",
    "''",
    "'x,y,z'",
    "\"q\"",
    "'é'",
    "'%s=%d'",
    "'{}-{}'",
];
const BINOPS: &[&str] = &[
    "+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "==", "!=", "<", "<=", ">",
    ">=", "in", "not in", "is", "and", "or",
];
const BUILTINS1: &[&str] = &[
    "len",
    "str",
    "repr",
    "sorted",
    "list",
    "sum",
    "min",
    "max",
    "abs",
    "int",
    "float",
    "bool",
    "tuple",
    "set",
    "dict",
    "range",
    "enumerate",
    "reversed",
    "hash",
    "type",
    "any",
    "all",
    "iter",
    "id",
    "frozenset",
    "print",
    "isinstance",
];
const METHODS: &[&str] = &[
    "append(1)",
    "pop()",
    "upper()",
    "split(',')",
    "join(['a', 'b'])",
    "keys()",
    "get(1)",
    "format(1, 2)",
    "items()",
    "count(1)",
    "index(1)",
    "sort()",
    "copy()",
    "strip()",
    "replace('a', 'b')",
    "startswith('h')",
    "extend([1, 2])",
    "insert(0, 2)",
    "values()",
    "setdefault('k', [])",
    "update({1: 2})",
    "add(3)",
    "remove(1)",
    "reverse()",
    "lower()",
    "find('o')",
    "ljust(5)",
    "zfill(4)",
    "encode()",
    "title()",
    "clear()",
];

pub struct Generator<'r> {
    rng: &'r mut Rng,
    /// Nesting left for expressions and blocks.
    depth: u32,
    in_async: bool,
    in_loop: bool,
    in_function: bool,
    in_generator: bool,
    out: String,
    indent: usize,
}

impl<'r> Generator<'r> {
    pub fn new(rng: &'r mut Rng) -> Self {
        Generator {
            rng,
            depth: 0,
            in_async: false,
            in_loop: false,
            in_function: false,
            in_generator: false,
            out: String::new(),
            indent: 0,
        }
    }

    /// A whole program: imports, definitions, `async def main()`, `asyncio.run(main())`.
    pub fn program(mut self) -> String {
        // Everything the pool of names refers to exists, so programs get past NameErrors.
        self.line("import asyncio\nimport time\nimport random");
        self.line("a, b, c, x, n = 1, 2.5, 'c', [1, 2, 3], 3\nitems = [3, 1, 2]\nd = {'k': 1, 2: 'v'}\ns = 'hello'");
        for _ in 0..self.rng.below(3) {
            let v = *self.rng.pick(VARS);
            let e = self.expr(2);
            self.line(&format!("{v} = {e}"));
        }
        for f in FUNCS {
            self.function(f, false);
        }
        self.generator_function();
        self.class_def();
        for c in COROS {
            self.function(c, true);
        }
        self.async_generator();
        self.function("main", true);
        match self.rng.below(8) {
            0 => {
                for _ in 0..3 {
                    self.statement();
                }
            }
            1 => self.line("asyncio.run(main())\nasyncio.run(main())"),
            _ => self.line("asyncio.run(main())"),
        }
        self.out
    }

    fn line(&mut self, text: &str) {
        for l in text.lines() {
            self.out.push_str(&"    ".repeat(self.indent));
            self.out.push_str(l);
            self.out.push('\n');
        }
    }

    fn block(&mut self, header: &str, body: impl FnOnce(&mut Self)) {
        self.line(header);
        self.indent += 1;
        self.depth += 1;
        let len = self.out.len();
        body(self);
        if self.out.len() == len {
            self.line("pass");
        }
        self.depth -= 1;
        self.indent -= 1;
    }

    fn body(&mut self) {
        let n = 1 + self.rng.below(if self.depth > 2 { 2 } else { 4 });
        for _ in 0..n {
            // Half the statements are guarded, so a program goes on after a
            // TypeError and gets further into the engine.
            if self.rng.one_in(2) {
                self.block("try:", |g| g.statement());
                self.block("except Exception as e:", |g| {
                    g.line("print('caught', type(e).__name__)")
                });
            } else {
                self.statement();
            }
        }
    }

    fn params(&mut self) -> String {
        const PARAMS: &[&str] = &["", "a", "a, b=1", "*args", "a, *rest, k=None, **kw", "x, y"];
        self.rng.pick(PARAMS).to_string()
    }

    fn function(&mut self, name: &str, is_async: bool) {
        let params = if name == "main" {
            String::new()
        } else {
            self.params()
        };
        let header = format!(
            "{}def {name}({params}):",
            if is_async { "async " } else { "" }
        );
        let saved = (
            self.in_async,
            self.in_function,
            self.in_loop,
            self.in_generator,
        );
        self.in_async = is_async;
        self.in_function = true;
        self.in_loop = false;
        self.in_generator = false;
        self.block(&header, |g| {
            if g.rng.one_in(4) {
                g.line("global c, d, n");
            }
            g.body();
            if g.rng.one_in(2) {
                let e = g.expr(2);
                g.line(&format!("return {e}"));
            }
        });
        (
            self.in_async,
            self.in_function,
            self.in_loop,
            self.in_generator,
        ) = saved;
    }

    fn generator_function(&mut self) {
        let saved = (
            self.in_async,
            self.in_function,
            self.in_loop,
            self.in_generator,
        );
        (
            self.in_async,
            self.in_function,
            self.in_loop,
            self.in_generator,
        ) = (false, true, false, true);
        self.block("def gen(n=3):", |g| {
            g.block("for i in range(n):", |g| {
                g.in_loop = true;
                g.line("yield i");
                g.body();
                g.in_loop = false;
            });
            if g.rng.one_in(2) {
                g.line("yield from [1, 2]");
            }
        });
        (
            self.in_async,
            self.in_function,
            self.in_loop,
            self.in_generator,
        ) = saved;
    }

    fn async_generator(&mut self) {
        let saved = (
            self.in_async,
            self.in_function,
            self.in_loop,
            self.in_generator,
        );
        (
            self.in_async,
            self.in_function,
            self.in_loop,
            self.in_generator,
        ) = (true, true, false, true);
        self.block("async def agen(n=3):", |g| {
            g.block("for i in range(n):", |g| {
                g.in_loop = true;
                g.line("await asyncio.sleep(0.5)");
                g.line("yield i");
                g.in_loop = false;
            });
            g.body();
        });
        (
            self.in_async,
            self.in_function,
            self.in_loop,
            self.in_generator,
        ) = saved;
    }

    fn class_def(&mut self) {
        let base = *self
            .rng
            .pick(&["", "(Exception)", "(ValueError)", "(list)", "(dict)"]);
        let saved = (
            self.in_async,
            self.in_function,
            self.in_loop,
            self.in_generator,
        );
        self.in_loop = false;
        self.in_generator = false;
        self.block(&format!("class K{base}:"), |g| {
            g.line("count = 0");
            g.in_function = true;
            g.block("def __init__(self, v=0):", |g| {
                g.line("self.v = v");
                if g.rng.one_in(2) {
                    g.line("super().__init__()");
                }
            });
            let method = *g.rng.pick(&[
                "__repr__(self)",
                "__eq__(self, other)",
                "__lt__(self, other)",
                "__hash__(self)",
                "__len__(self)",
                "__iter__(self)",
                "__str__(self)",
                "__bool__(self)",
                "__add__(self, other)",
                "__getitem__(self, i)",
                "__enter__(self)",
                "__exit__(self, *a)",
            ]);
            g.block(&format!("def {method}:"), |g| {
                g.body();
                let e = g.expr(2);
                g.line(&format!("return {e}"));
            });
            g.in_async = true;
            g.block("async def run(self, t=0.5):", |g| {
                g.line("await asyncio.sleep(t)");
                g.body();
                g.line("return self.v");
            });
            if g.rng.one_in(2) {
                g.block("async def __aenter__(self):", |g| g.line("return self"));
                g.block("async def __aexit__(self, *exc):", |g| {
                    g.line("await asyncio.sleep(0)")
                });
            }
        });
        (
            self.in_async,
            self.in_function,
            self.in_loop,
            self.in_generator,
        ) = saved;
    }

    fn statement(&mut self) {
        let compound = self.depth < 4;
        let choice = self.rng.below(if compound { 30 } else { 14 });
        match choice {
            0..=2 => {
                let v = *self.rng.pick(VARS);
                let e = self.expr(3);
                self.line(&format!("{v} = {e}"));
            }
            3 => {
                let v = *self.rng.pick(VARS);
                let op = *self.rng.pick(&["+=", "-=", "*=", "//=", "%=", "|=", "**="]);
                let e = self.expr(2);
                self.line(&format!("{v} {op} {e}"));
            }
            4 | 5 => {
                let e = self.expr(3);
                let extra = *self.rng.pick(&["", ", sep='-'", ", end=''", ", 1, 2"]);
                self.line(&format!("print({e}{extra})"));
            }
            6 if self.in_async => {
                let e = self.async_expr();
                self.line(&e);
            }
            6 | 7 => {
                let e = self.expr(3);
                self.line(&e);
            }
            8 => {
                let e = self.expr(2);
                self.line(&format!("assert {e}, 'why'"));
            }
            9 => {
                let exc = *self.rng.pick(&[
                    "ValueError('bad')",
                    "KeyError(1)",
                    "RuntimeError",
                    "asyncio.CancelledError()",
                    "TimeoutError()",
                    "Exception(a)",
                    "StopIteration",
                ]);
                let from = *self
                    .rng
                    .pick(&["", "", " from None", " from ValueError(2)"]);
                self.line(&format!("raise {exc}{from}"));
            }
            10 if self.in_loop => {
                let s = *self.rng.pick(&["break", "continue"]);
                self.line(s);
            }
            10 | 11 if self.in_function && !(self.in_async && self.in_generator) => {
                let e = self.expr(2);
                self.line(&format!("return {e}"));
            }
            12 if self.in_generator && !self.in_async => {
                let e = self.expr(2);
                self.line(&format!("yield {e}"));
            }
            12 => {
                let v = *self.rng.pick(VARS);
                self.line(&format!("del {v}"));
            }
            13 if self.in_async => {
                let d = *self.rng.pick(&["0", "0.5", "1", "2.5", "0.001", "-1"]);
                self.line(&format!("await asyncio.sleep({d})"));
            }
            13 => self.line("pass"),
            14 | 15 => {
                let c = self.expr(2);
                self.block(&format!("if {c}:"), |g| g.body());
                if self.rng.one_in(2) {
                    self.block("else:", |g| g.body());
                }
            }
            16 => {
                let v = *self.rng.pick(VARS);
                let it = self.iterable();
                let saved = self.in_loop;
                self.in_loop = true;
                self.block(&format!("for {v} in {it}:"), |g| g.body());
                self.in_loop = saved;
            }
            17 => {
                let saved = self.in_loop;
                self.in_loop = true;
                self.line("_i = 0");
                self.block("while _i < 3:", |g| {
                    g.line("_i += 1");
                    g.body();
                });
                self.in_loop = saved;
            }
            18 | 19 => {
                self.block("try:", |g| g.body());
                let exc = *self.rng.pick(&[
                    "Exception as e",
                    "ValueError",
                    "(KeyError, TypeError) as e",
                    "asyncio.CancelledError",
                    "asyncio.TimeoutError",
                    "BaseException as e",
                    "ZeroDivisionError",
                ]);
                self.block(&format!("except {exc}:"), |g| g.body());
                if self.rng.one_in(3) {
                    self.block("else:", |g| g.body());
                }
                if self.rng.one_in(2) {
                    self.block("finally:", |g| g.body());
                }
            }
            20 if self.in_async => {
                let cm = *self.rng.pick(&[
                    "asyncio.Lock()",
                    "asyncio.Semaphore(1)",
                    "asyncio.timeout(1)",
                    "asyncio.timeout(0)",
                    "asyncio.TaskGroup() as tg",
                    "K()",
                ]);
                self.block(&format!("async with {cm}:"), |g| {
                    if cm.ends_with("tg") {
                        let c = *g.rng.pick(COROS);
                        let args = g.args();
                        g.line(&format!("tg.create_task({c}({args}))"));
                    }
                    g.body()
                });
            }
            20 | 21 => {
                let cm = *self.rng.pick(&["K()", "open('f')", "x"]);
                self.block(&format!("with {cm} as w:"), |g| g.body());
            }
            22 if self.in_async => {
                let saved = self.in_loop;
                self.in_loop = true;
                let src = *self.rng.pick(&["agen()", "agen(2)", "K()"]);
                self.block(&format!("async for v in {src}:"), |g| g.body());
                self.in_loop = saved;
            }
            22 | 23 => {
                let saved = (
                    self.in_async,
                    self.in_function,
                    self.in_loop,
                    self.in_generator,
                );
                let is_async = self.rng.one_in(2);
                self.in_async = is_async;
                self.in_function = true;
                self.in_loop = false;
                self.in_generator = false;
                let name = *self.rng.pick(&["inner", "f0", "co1", "helper"]);
                let kw = if is_async { "async def" } else { "def" };
                let nonlocal = saved.1 && self.rng.one_in(2);
                if nonlocal {
                    self.line("a = 0");
                }
                self.block(&format!("{kw} {name}(x=1):"), |g| {
                    if nonlocal {
                        g.line("nonlocal a");
                    }
                    g.body();
                });
                (
                    self.in_async,
                    self.in_function,
                    self.in_loop,
                    self.in_generator,
                ) = saved;
            }
            24 => {
                let e = self.expr(2);
                self.line(&format!("n = (m := {e})"));
            }
            25 => {
                let v = *self.rng.pick(VARS);
                let p = *self.rng.pick(&["a, b", "a, *b", "(a, b), c", "*a, b"]);
                let _ = v;
                let e = self.expr(2);
                self.line(&format!("{p} = {e}"));
            }
            26 if self.in_async => {
                self.line("t = asyncio.create_task(co0())");
                let how = *self.rng.pick(&[
                    "t.cancel()",
                    "t.cancel('why')",
                    "await asyncio.sleep(0)",
                    "print(t.done())",
                    "t.add_done_callback(print)",
                ]);
                self.line(how);
                self.block("try:", |g| g.line("await t"));
                self.block("except BaseException as e:", |g| {
                    g.line("print(type(e).__name__)")
                });
            }
            27 if self.in_async => {
                self.line("q = asyncio.Queue(maxsize=2)");
                let ops = *self.rng.pick(&[
                    "await q.put(1)\nprint(await q.get())",
                    "q.put_nowait(1)\nq.put_nowait(2)\nq.put_nowait(3)",
                    "await asyncio.wait_for(q.get(), 0.5)",
                    "q.task_done()",
                    "await asyncio.gather(q.put(1), q.get(), q.join())",
                ]);
                self.line(ops);
            }
            28 if self.in_async => {
                let ops = *self.rng.pick(&[
                    "ev = asyncio.Event()\nasyncio.get_running_loop().call_later(0.5, ev.set)\nawait ev.wait()",
                    "fut = asyncio.get_running_loop().create_future()\nasyncio.get_running_loop().call_soon(fut.set_result, 3)\nprint(await fut)",
                    "done, pending = await asyncio.wait([asyncio.create_task(co0()), asyncio.create_task(co1())], timeout=1)",
                    "for c in asyncio.as_completed([co0(), co1()]):\n    print(await c)",
                    "print(len(asyncio.all_tasks()), asyncio.current_task().get_name())",
                    "cond = asyncio.Condition()\nasync with cond:\n    cond.notify_all()",
                    "time.sleep(0.5)",
                    "print(await asyncio.shield(co2()))",
                ]);
                self.line(ops);
            }
            _ => {
                let e = self.expr(3);
                self.line(&format!("print({e})"));
            }
        }
    }

    fn args(&mut self) -> String {
        let n = self.rng.below(3);
        (0..n).map(|_| self.expr(1)).collect::<Vec<_>>().join(", ")
    }

    fn iterable(&mut self) -> String {
        match self.rng.below(6) {
            0 => format!(
                "range({})",
                self.rng.pick(&["3", "0", "-2", "1, 10, 3", "10**6"])
            ),
            1 => "[1, 2, 3]".into(),
            2 => "'abc'".into(),
            3 => "gen()".into(),
            4 => "{1: 'a', 2: 'b'}.items()".into(),
            _ => self.expr(2),
        }
    }

    /// An expression statement valid only inside `async def`.
    fn async_expr(&mut self) -> String {
        let c = *self.rng.pick(COROS);
        let args = self.args();
        let call = format!("{c}({args})");
        match self.rng.below(10) {
            0 => format!("await {call}"),
            1 => format!("print(await asyncio.gather({call}, co1(), return_exceptions=True))"),
            2 => format!("await asyncio.gather({call}, co2())"),
            3 => format!("print(await asyncio.wait_for({call}, timeout=1))"),
            4 => format!("asyncio.create_task({call})"),
            5 => format!("asyncio.ensure_future({call})"),
            6 => "await asyncio.sleep(0)".into(),
            7 => format!("x = await {call}"),
            8 => "await K().run()".into(),
            _ => format!("print(await asyncio.gather(*[{call} for _ in range(3)]))"),
        }
    }

    pub fn expr(&mut self, budget: u32) -> String {
        if budget == 0 {
            return self.atom();
        }
        let b = budget - 1;
        match self.rng.below(20) {
            0..=3 => self.atom(),
            4 | 5 => {
                let op = *self.rng.pick(BINOPS);
                let (x, y) = (self.expr(b), self.expr(b));
                format!("{} {op} {}", operand(x), operand(y))
            }
            6 => {
                let e = self.expr(b);
                format!("{}{}", self.rng.pick(&["-", "not ", "~", "+"]), operand(e))
            }
            7 | 8 => format!("{}({})", self.rng.pick(BUILTINS1), self.expr(b)),
            9 => format!("({}).{}", self.expr(b), self.rng.pick(METHODS)),
            10 => format!("({})[{}]", self.expr(b), self.expr(b)),
            11 => format!(
                "({})[{}:{}{}]",
                self.expr(b),
                self.rng.pick(&["", "1", "-1"]),
                self.rng.pick(&["", "2", "-2"]),
                self.rng.pick(&["", ":-1", ":2", ":"])
            ),
            12 => format!("[{}, {}]", self.expr(b), self.expr(b)),
            13 => format!("({}, {})", self.expr(b), self.expr(b)),
            14 => format!("{{{}: {}}}", self.expr(b), self.expr(b)),
            15 => {
                let kind = self.rng.below(4);
                let it = self.iterable();
                let e = self.expr(b);
                match kind {
                    0 => format!("[{e} for v in {it} if v]"),
                    1 => format!("{{v: {e} for v in {it}}}"),
                    2 => format!("sum(1 for v in {it})"),
                    _ => format!("{{v for v in {it}}}"),
                }
            }
            16 => format!("(lambda v=1: {})()", self.expr(b)),
            17 => format!(
                "({} if {} else {})",
                self.expr(b),
                self.expr(b),
                self.expr(b)
            ),
            18 => {
                let f = *self.rng.pick(&["f0", "f1", "K", "gen", "sorted", "max"]);
                let args = self.args();
                format!("{f}({args})")
            }
            _ => {
                // 3.11: the expression may not contain the f-string's quote or a backslash.
                let e = self.expr(b);
                if e.contains('"') || e.contains('\\') {
                    return format!("str({e})");
                }
                let spec = *self
                    .rng
                    .pick(&["", "!r", ":>6", ":.2f", ":,", "=", ":x", ":08.3e"]);
                format!("f\"<{{({e}){spec}}}>\"")
            }
        }
    }

    fn atom(&mut self) -> String {
        match self.rng.below(9) {
            0 | 1 => self.rng.pick(VARS).to_string(),
            2 | 3 => self.rng.pick(INTS).to_string(),
            4 => self.rng.pick(FLOATS).to_string(),
            5 | 6 => self.rng.pick(STRS).to_string(),
            7 => self
                .rng
                .pick(&["None", "True", "False", "[]", "{}", "()", "set()"])
                .to_string(),
            _ => self
                .rng
                .pick(&[
                    "K(1)",
                    "time.time()",
                    "random.random()",
                    "asyncio.sleep",
                    "co0()",
                ])
                .to_string(),
        }
    }
}

/// `e` as an operand: parenthesized unless it is a plain atom or call.
fn operand(e: String) -> String {
    if e.starts_with("not ") || e.contains(" if ") || e.contains("lambda") || e.contains(' ') {
        format!("({e})")
    } else {
        e
    }
}
