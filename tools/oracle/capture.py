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


def last_nonblank_line(text):
    """The last line of `text` that is not whitespace only, as written ('' if none)."""
    for line in reversed(text.splitlines()):
        if line.strip():
            return line
    return ""
