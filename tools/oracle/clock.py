"""The one virtual clock of a program run, and the `time` module patched onto it.

COMMON.md: the clock starts at 0.0 for the whole program (module level included);
every `asyncio.run` continues it; `time.time/monotonic/perf_counter` read it,
`time.sleep(s)` adds `s` (blocking the whole loop, as the real call would), and
`time.strftime(fmt)` formats it as UTC seconds since the epoch.
"""

import time as _time


class VirtualClock:
    def __init__(self):
        self.now = 0.0

    def advance(self, seconds):
        # Exactly `clock += seconds`: the engine does the same float arithmetic.
        self.now += seconds


CLOCK = VirtualClock()


def _now():
    return CLOCK.now


def _sleep(seconds):
    if not isinstance(seconds, (int, float)):
        raise TypeError(
            f"'{type(seconds).__name__}' object cannot be interpreted as an integer"
        )
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    CLOCK.advance(seconds)


_real_strftime = _time.strftime
_real_gmtime = _time.gmtime


def _strftime(fmt, t=None):
    if t is None:
        t = _real_gmtime(CLOCK.now)
    return _real_strftime(fmt, t)


def _gmtime(secs=None):
    return _real_gmtime(CLOCK.now if secs is None else secs)


def patch_time_module():
    """Point the `time` module's clocks at the virtual clock (process-wide)."""
    _time.time = _now
    _time.monotonic = _now
    _time.perf_counter = _now
    _time.sleep = _sleep
    _time.strftime = _strftime
    # Not in COMMON.md's list; patched only so that a stray call cannot leak the
    # real date into an expected file (local time is taken as UTC).
    _time.gmtime = _gmtime
    _time.localtime = _gmtime
