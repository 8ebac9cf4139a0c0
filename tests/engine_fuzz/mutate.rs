//! Mutations of a program's text: cut, duplicate, splice, insert tokens, swap
//! lines, change numbers and indentation. Text-level on purpose: the inputs need
//! not be valid Python.

use super::rng::Rng;

/// Fragments worth inserting: keywords, brackets, asyncio calls, odd numbers.
const TOKENS: &[&str] = &[
    "await ",
    "async ",
    "yield ",
    "return ",
    "raise ",
    "break\n",
    "continue\n",
    "lambda: 0",
    "    ",
    "\n",
    "\t",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    ".",
    "*",
    "**",
    "=",
    ":=",
    "0",
    "-1",
    "10**10",
    "2**63",
    "1e309",
    "None",
    "'x'",
    "f'{x!r:>{w}}'",
    "\\",
    "#",
    "\"",
    "asyncio.sleep(0)",
    "asyncio.create_task(main())",
    "await asyncio.gather(main())",
    "asyncio.run(main())",
    "time.sleep(1)",
    "t.cancel()",
    "asyncio.current_task().cancel()",
    "global x\n",
    "nonlocal x\n",
    "del x\n",
    "async with asyncio.timeout(0):\n    ",
    "try:\n    pass\nfinally:\n    ",
    "except* ValueError:\n    ",
    "with x:\n    ",
    "while True:\n    ",
    "for x in range(10**9):\n    ",
    "if x:\n",
    "else:\n",
    "class C:\n    ",
    "def f(*a, **k):\n    ",
    "async def g():\n    ",
    "yield from ",
    "super().",
    "__init__",
    "[0] * 10**8",
    "'a' * 10**8",
    "sorted(key=",
    "key=lambda v: v",
    "except Exception:\n",
    "import asyncio\n",
    "from asyncio import *\n",
    "match x:\n",
    "@staticmethod\n",
    "...",
];

const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1",
    "2",
    "0.0",
    "-0.5",
    "1e-9",
    "1e308",
    "86400",
    "10**6",
    "2**63 - 1",
    "3",
];

pub fn mutate(rng: &mut Rng, src: &str, donors: &[String]) -> String {
    let mut chars: Vec<char> = src.chars().collect();
    for _ in 0..1 + rng.below(4) {
        let len = chars.len().max(1);
        let at = rng.below(len + 1).min(chars.len());
        match rng.below(9) {
            0 => {
                let end = (at + 1 + rng.below(24)).min(chars.len());
                chars.drain(at..end);
            }
            1 => {
                let end = (at + 1 + rng.below(40)).min(chars.len());
                let piece: Vec<char> = chars[at..end].to_vec();
                let to = rng.below(chars.len() + 1);
                chars.splice(to..to, piece);
            }
            2 | 3 => {
                let t: Vec<char> = rng.pick(TOKENS).chars().collect();
                chars.splice(at..at, t);
            }
            4 => {
                // Splice a line of another program in at a line start.
                let donor = rng.pick(donors);
                let lines: Vec<&str> = donor.lines().collect();
                if !lines.is_empty() {
                    let l: Vec<char> = format!("{}\n", rng.pick(&lines)).chars().collect();
                    let start = line_start(&chars, at);
                    chars.splice(start..start, l);
                }
            }
            5 => {
                let mut lines: Vec<String> = chars
                    .iter()
                    .collect::<String>()
                    .lines()
                    .map(String::from)
                    .collect();
                if lines.len() > 1 {
                    let i = rng.below(lines.len());
                    let j = rng.below(lines.len());
                    lines.swap(i, j);
                }
                chars = (lines.join("\n") + "\n").chars().collect();
            }
            6 => {
                // Replace a run of digits by another number.
                if let Some(p) = (at..chars.len()).find(|&i| chars[i].is_ascii_digit()) {
                    let end = (p..chars.len())
                        .find(|&i| !chars[i].is_ascii_digit() && chars[i] != '.')
                        .unwrap_or(chars.len());
                    let n: Vec<char> = rng.pick(NUMBERS).chars().collect();
                    chars.splice(p..end, n);
                }
            }
            7 => {
                // Indent or dedent a line.
                let start = line_start(&chars, at);
                if rng.one_in(2) {
                    chars.splice(start..start, "    ".chars());
                } else {
                    let n = chars[start..]
                        .iter()
                        .take(4)
                        .take_while(|c| **c == ' ')
                        .count();
                    chars.drain(start..start + n);
                }
            }
            _ => {
                if let Some(c) = chars.get_mut(at) {
                    *c = *rng.pick(&['(', ')', ':', ' ', '\n', 'a', '0', '\'', '"', '\u{0}', 'é']);
                }
            }
        }
    }
    chars.into_iter().collect()
}

fn line_start(chars: &[char], at: usize) -> usize {
    chars[..at.min(chars.len())]
        .iter()
        .rposition(|c| *c == '\n')
        .map_or(0, |p| p + 1)
}
