//! Program output as console lines, each stamped with the time of its first
//! character. One implementation for the page's console and the conformance
//! harness (which must stamp lines exactly as tools/oracle/capture.py does).
//!
//! The rules, per stream (stdout and stderr are split separately, so a
//! traceback never glues onto an unfinished `print(..., end='')`):
//! - a line's time (and task) is that of the write that put its first character;
//! - an empty line takes the time of the write holding its newline;
//! - a final line without a newline is kept if it is not empty;
//! - only `\n` ends a line (what `print` writes; `\r` stays in the text).
//!
//! Lines are listed in the order their first character (or, for an empty line,
//! its newline) was written.

use crate::vm::OutChunk;

/// One line of output, without its newline.
#[derive(Clone, Debug, PartialEq)]
pub struct ConsoleLine {
    /// When its first character was written (virtual or real seconds).
    pub t: f64,
    /// The task that wrote its first character (None: outside any task).
    pub task: Option<u32>,
    pub text: String,
    pub stderr: bool,
}

/// Splits writes into lines as they arrive. Cheap to feed incrementally.
#[derive(Clone, Debug, Default)]
pub struct LineSplitter {
    lines: Vec<ConsoleLine>,
    /// Index in `lines` of the unfinished line of each stream: [stdout, stderr].
    open: [Option<usize>; 2],
}

impl LineSplitter {
    pub fn new() -> Self {
        Self::default()
    }

    /// One write of `text` at time `t` by `task` to stdout or stderr.
    pub fn push(&mut self, t: f64, task: Option<u32>, text: &str, stderr: bool) {
        let stream = usize::from(stderr);
        let mut parts = text.split('\n').peekable();
        while let Some(part) = parts.next() {
            let ends_line = parts.peek().is_some();
            if part.is_empty() && !ends_line {
                continue;
            }
            let index = match self.open[stream] {
                Some(index) => index,
                None => {
                    self.lines.push(ConsoleLine {
                        t,
                        task,
                        text: String::new(),
                        stderr,
                    });
                    self.lines.len() - 1
                }
            };
            self.lines[index].text.push_str(part);
            self.open[stream] = if ends_line { None } else { Some(index) };
        }
    }

    /// Every line so far, including unfinished ones (never empty unfinished ones).
    pub fn lines(&self) -> &[ConsoleLine] {
        &self.lines
    }

    pub fn into_lines(self) -> Vec<ConsoleLine> {
        self.lines
    }
}

/// The console lines of a run's output chunks.
pub fn console_lines(chunks: &[OutChunk]) -> Vec<ConsoleLine> {
    let mut splitter = LineSplitter::new();
    for chunk in chunks {
        splitter.push(chunk.t, chunk.task, &chunk.text, chunk.stderr);
    }
    splitter.into_lines()
}

/// Lines the page's console shows at most: the newest ones. A DOM of every
/// line would freeze the page for seconds (100,000 prints took a minute).
pub const SHOWN_LINES: usize = 1000;
/// Characters of one line the page's console shows at most.
pub const SHOWN_CHARS: usize = 2000;

/// What the page's console shows of a run's lines: the newest [`SHOWN_LINES`], each
/// cut at [`SHOWN_CHARS`] characters.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ShownLines {
    /// Lines left out before the first shown one.
    pub omitted: usize,
    pub lines: Vec<ConsoleLine>,
}

impl ShownLines {
    /// Lines so far, shown or not.
    pub fn total(&self) -> usize {
        self.omitted + self.lines.len()
    }
}

impl LineSplitter {
    /// The newest [`SHOWN_LINES`] lines, shortened: the work is bounded by what is
    /// shown, however long the run's output (the page asks on every tick).
    pub fn shown(&self) -> ShownLines {
        let omitted = self.lines.len().saturating_sub(SHOWN_LINES);
        let lines = self.lines[omitted..]
            .iter()
            .map(|line| ConsoleLine {
                text: shortened(&line.text, SHOWN_CHARS).into_owned(),
                ..line.clone()
            })
            .collect();
        ShownLines { omitted, lines }
    }
}

/// At most `max` characters of `text`, then how many more there were.
pub fn shortened(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => text.into(),
        Some((cut, _)) => {
            let more = text[cut..].chars().count();
            format!("{}… ({more} more characters)", &text[..cut]).into()
        }
    }
}

/// A line's time stamp as the console shows it: `1.500 s`.
pub fn time_stamp(t: f64) -> String {
    // Never `-0.000 s`, and no sign flip for tiny negative clock noise.
    let t = if t > -0.0005 && t <= 0.0 { 0.0 } else { t };
    format!("{t:.3} s")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out(t: f64, text: &str) -> OutChunk {
        OutChunk {
            t,
            task: Some(t as u32),
            text: text.to_string(),
            stderr: false,
        }
    }

    fn err(t: f64, text: &str) -> OutChunk {
        OutChunk {
            stderr: true,
            ..out(t, text)
        }
    }

    #[test]
    fn the_page_shows_the_newest_lines_shortened() {
        let mut splitter = LineSplitter::new();
        for i in 0..10 {
            splitter.push(i as f64, None, &format!("{i}\n"), false);
        }
        let shown = splitter.shown();
        assert_eq!(
            (shown.omitted, shown.lines.len(), shown.total()),
            (0, 10, 10)
        );
        for i in 10..2500 {
            splitter.push(i as f64, None, &format!("{i}\n"), false);
        }
        splitter.push(2500.0, None, &"x".repeat(SHOWN_CHARS + 5), false);
        let shown = splitter.shown();
        assert_eq!((shown.omitted, shown.total()), (1501, 2501));
        assert_eq!(shown.lines.len(), SHOWN_LINES);
        assert_eq!(shown.lines[0].text, "1501");
        assert_eq!(shown.lines[0].t, 1501.0);
        let last = shown.lines.last().unwrap();
        assert!(
            last.text.ends_with("… (5 more characters)"),
            "{}",
            last.text
        );
        assert_eq!(splitter.lines().last().unwrap().text.len(), SHOWN_CHARS + 5);
    }

    #[test]
    fn long_lines_are_shortened_on_a_character_boundary() {
        assert_eq!(shortened("abc", 3), "abc");
        assert_eq!(shortened("abcdef", 3), "abc… (3 more characters)");
        assert_eq!(shortened("ééééé", 2), "éé… (3 more characters)");
        let long = "x".repeat(SHOWN_CHARS + 5);
        assert!(shortened(&long, SHOWN_CHARS).ends_with("… (5 more characters)"));
    }

    fn summary(lines: &[ConsoleLine]) -> Vec<(f64, &str, bool)> {
        lines
            .iter()
            .map(|l| (l.t, l.text.as_str(), l.stderr))
            .collect()
    }

    #[test]
    fn each_print_is_a_line_at_its_time() {
        let lines = console_lines(&[out(0.0, "Hello\n"), out(1.0, "World\n")]);
        assert_eq!(
            summary(&lines),
            [(0.0, "Hello", false), (1.0, "World", false)]
        );
    }

    #[test]
    fn a_line_takes_the_time_of_its_first_character() {
        // print('a', end=''); await sleep(1); print('b'); print('c', end='')
        let lines = console_lines(&[out(0.0, "a"), out(1.0, "b\n"), out(2.0, "c")]);
        assert_eq!(summary(&lines), [(0.0, "ab", false), (2.0, "c", false)]);
        assert_eq!(lines[0].task, Some(0), "task of the first character");
    }

    #[test]
    fn empty_lines_take_the_time_of_their_newline() {
        // print(); print('', end=''); sleep(1); print(end='\n\n')
        let lines = console_lines(&[out(0.5, "\n"), out(0.7, ""), out(1.0, "\n\n")]);
        assert_eq!(
            summary(&lines),
            [(0.5, "", false), (1.0, "", false), (1.0, "", false)]
        );
    }

    #[test]
    fn an_empty_write_starts_no_line() {
        let lines = console_lines(&[out(0.0, ""), out(1.0, "x\n")]);
        assert_eq!(summary(&lines), [(1.0, "x", false)]);
    }

    #[test]
    fn trailing_text_without_newline_is_kept() {
        let lines = console_lines(&[out(0.0, "done\nno newline")]);
        assert_eq!(
            summary(&lines),
            [(0.0, "done", false), (0.0, "no newline", false)]
        );
        assert!(console_lines(&[out(0.0, "x\n"), out(1.0, "")])
            .iter()
            .all(|l| l.text == "x"));
    }

    #[test]
    fn one_write_with_many_lines() {
        let lines = console_lines(&[out(3.0, "a\n\nb\n")]);
        assert_eq!(
            summary(&lines),
            [(3.0, "a", false), (3.0, "", false), (3.0, "b", false)]
        );
    }

    #[test]
    fn a_traceback_is_stderr_lines_after_an_unfinished_stdout_line() {
        let traceback = "Traceback (most recent call last):\n  File \"main.py\", line 3, in <module>\nValueError: boom\n";
        let lines = console_lines(&[out(0.0, "partial"), err(2.0, traceback)]);
        assert_eq!(
            summary(&lines),
            [
                (0.0, "partial", false),
                (2.0, "Traceback (most recent call last):", true),
                (2.0, "  File \"main.py\", line 3, in <module>", true),
                (2.0, "ValueError: boom", true),
            ]
        );
    }

    #[test]
    fn streams_are_split_separately_and_ordered_by_first_character() {
        let lines = console_lines(&[
            out(0.0, "a"),
            err(1.0, "E"),
            out(2.0, "b\n"),
            err(3.0, "F\n"),
            out(4.0, "c\n"),
        ]);
        assert_eq!(
            summary(&lines),
            [(0.0, "ab", false), (1.0, "EF", true), (4.0, "c", false)]
        );
    }

    #[test]
    fn incremental_feeding_equals_one_pass() {
        let chunks = [
            out(0.0, "x"),
            out(0.5, "y\nz"),
            err(1.0, "e\n"),
            out(2.0, "\n"),
        ];
        let mut splitter = LineSplitter::new();
        for (i, c) in chunks.iter().enumerate() {
            splitter.push(c.t, c.task, &c.text, c.stderr);
            assert_eq!(splitter.lines(), console_lines(&chunks[..=i]).as_slice());
        }
    }

    #[test]
    fn carriage_returns_and_unicode_stay_in_the_text() {
        let lines = console_lines(&[out(0.0, "é\r\n→ ok\n")]);
        assert_eq!(summary(&lines), [(0.0, "é\r", false), (0.0, "→ ok", false)]);
    }

    #[test]
    fn time_stamps() {
        assert_eq!(time_stamp(0.0), "0.000 s");
        assert_eq!(time_stamp(1.5), "1.500 s");
        assert_eq!(time_stamp(2.0004), "2.000 s");
        assert_eq!(time_stamp(-0.0), "0.000 s");
        assert_eq!(time_stamp(-1e-12), "0.000 s");
        assert_eq!(time_stamp(123.4567), "123.457 s");
    }
}
