"""Real CPython 3.11 asyncio on a virtual clock (the reference for check_prelude).

A SelectorEventLoop whose selector never polls: select(timeout) advances the
clock by `timeout`. Timers are ordered by (deadline, creation order), as
DESIGN.md specifies. `aiohttp`/`aiofiles` are fakes following NATIVE.md section 3.
"""

import asyncio
import itertools
import json
import os
import selectors
import sys
import types
from asyncio import events

_now = [0.0]
ON_DEADLOCK = [None]
FILES = {}
FIXTURES = {}
_pending_io = [0]


def now():
    return _now[0]


def advance(dt):
    _now[0] = _now[0] + dt


class VirtualSelector(selectors.SelectSelector):
    def select(self, timeout=None):
        if timeout is None:
            lines = []
            for t in asyncio.all_tasks(asyncio.get_event_loop()):
                lines.append(t.get_name())
            ON_DEADLOCK[0](sorted(lines))
        _now[0] = _now[0] + timeout
        return []


class VirtualLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        super().__init__(VirtualSelector())

    def time(self):
        return _now[0]


class VirtualPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return VirtualLoop()


def install(fixtures, files):
    FIXTURES.update(fixtures)
    FILES.update(files)
    seq = itertools.count()

    class SeqTimerHandle(events.TimerHandle):
        """TimerHandle ordered by (when, creation order)."""
        __slots__ = ('_seq',)

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._seq = next(seq)

        def __lt__(self, other):
            return (self._when, self._seq) < (other._when, other._seq)

        def __gt__(self, other):
            return (self._when, self._seq) > (other._when, other._seq)

    events.TimerHandle = SeqTimerHandle
    asyncio.set_event_loop_policy(VirtualPolicy())
    sys.modules['aiohttp'] = _make_aiohttp()
    sys.modules['aiofiles'] = _make_aiofiles()


# ------------------------------------------------------------ fakes
# The conformance helper's fakes (tools/oracle/fake_*.py), which implement the
# models of NATIVE.md section 3.

def _make_aiohttp():
    tools = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if tools not in sys.path:
        sys.path.insert(0, tools)
    from oracle import fake_aiohttp
    fixtures = []
    for url, f in FIXTURES.items():
        f = dict(f, url=url)
        f.setdefault('content_type', 'application/json')
        f.pop('reason', None)
        fixtures.append(f)
    return fake_aiohttp.make_module(fixtures)


def _make_aiofiles():
    from oracle import fake_aiofiles
    return fake_aiofiles.make_module(FILES)
