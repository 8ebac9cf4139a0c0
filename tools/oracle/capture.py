"""Recording the program's stdout (with the virtual time of every write) and stderr."""

import io


class TimedWriter(io.TextIOBase):
    """A text stream that keeps every write together with the clock's value."""

    def __init__(self, clock, name):
        super().__init__()
        self._clock = clock
        self._name = name
        self.writes = []  # [(time, text)]

    @property
    def name(self):
        return self._name

    @property
    def encoding(self):
        return "utf-8"

    def writable(self):
        return True

    def isatty(self):
        return False

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self.writes.append((self._clock.now, text))
        return len(text)

    def flush(self):
        pass

    def text(self):
        return "".join(text for _, text in self.writes)


def timed_lines(writes):
    """Split timed writes into lines: [(time, line)].

    A line's time is that of the first write that put a character on it; an
    empty line takes the time of the write holding its newline. A final line
    without a newline is listed too (if it is not empty).
    """
    lines = []
    current = []
    start = None
    for t, text in writes:
        parts = text.split("\n")
        for i, part in enumerate(parts):
            if part and start is None:
                start = t
            current.append(part)
            if i < len(parts) - 1:
                lines.append((t if start is None else start, "".join(current)))
                current = []
                start = None
    if start is not None:
        lines.append((start, "".join(current)))
    return lines


# The file names of Awaitscope's src/vm/pylib modules (stdlib ports): their frames
# are dropped like CPython's stdlib frames. `PYLIB` in tests/conformance/harness.rs.
PYLIB = ("<collections>/", "<contextlib>/", "<functools>/", "<itertools>/")


def traceback_frames(text, main="main.py"):
    """The traceback lines of `text` that Awaitscope must reproduce exactly: the
    `Traceback ...` headers, every `File` line, the source line under each frame of
    `main`, and the exception lines. A frame of a library written in Python (asyncio,
    and the aiohttp/aiofiles models: CPython's files or the oracle's; Awaitscope's
    ports of them) shows as `File "<library>", in FUNCTION` without its source: file
    names, lines and text differ. Dropped: frames of the rest of the standard library
    (`json`, ...: Python files in CPython, native code in Awaitscope) and of
    Awaitscope's ports of them (`PYLIB`: contextlib, functools, ...), blank lines,
    and 3.11's `^^^`/`~~~` lines under a source line (not drawn by Awaitscope).
    Exception-group tracebacks keep their `  | ` margins. Applied to its own output
    it changes nothing. tests/conformance/harness.rs does the same."""
    out = []
    source_margin = None  # the margin of a source line to drop (an asyncio frame's)
    for line in text.splitlines():
        body = line.lstrip(" |+")
        margin = line[: len(line) - len(body)]
        if not body.strip() or set(body.strip()) <= set("^~"):
            continue
        if source_margin is not None and line.startswith(source_margin):
            source_margin = None
            continue
        source_margin = None
        if body.startswith('File "'):
            path, _, rest = body[len('File "'):].partition('", ')
            if path not in (main, "<library>"):
                source_margin = margin + "  "
                if "/python3.11/" in path and "/python3.11/asyncio/" not in path:
                    continue
                if path.startswith(PYLIB):
                    continue
                function = rest.partition("in ")[2]
                out.append(f'{margin}File "<library>", in {function}')
                continue
        out.append(line)
    return out


def last_nonblank_line(text):
    """The last line of `text` that is not whitespace only, as written ('' if none)."""
    for line in reversed(text.splitlines()):
        if line.strip():
            return line
    return ""
