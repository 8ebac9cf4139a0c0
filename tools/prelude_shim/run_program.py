"""Run one asyncio program on a virtual clock and print what it did as JSON lines.

    python3 run_program.py --cpython  PROGRAM.py   # real CPython 3.11 asyncio
    python3 run_program.py --prelude  PROGRAM.py   # our prelude over the _awaitscope shim
        [--sequential] [--fixtures FIXTURES.json]

Output: one {"t": time, "out": text} per print, then
{"end": time, "status": "ok"|"exception"|"deadlock", "stderr_last": line,
 "files": {...}} (plus "trace" with --trace, prelude mode only).
`time.time/perf_counter/monotonic` read the virtual clock and `time.sleep`
advances it (blocking the loop), as in Awaitscope.
"""

import builtins
import io
import json
import os
import re
import sys
import traceback
import types

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PRELUDE_DIR = os.path.join(ROOT, 'src', 'asyncio', 'prelude')

_real_stdout = sys.stdout
_clock = None           # function returning the virtual time
_advance = None         # function(seconds) for time.sleep
_stderr = io.StringIO()


def emit(record):
    _real_stdout.write(json.dumps(record) + '\n')


def fake_print(*args, sep=' ', end='\n', file=None, flush=False):
    text = (' ' if sep is None else sep).join(str(a) for a in args) + ('\n' if end is None else end)
    if file is None or file is sys.stdout:
        emit({'t': _clock(), 'out': text})
    else:
        file.write(text)


def prelude_order():
    """The load order of module `asyncio`, read from src/asyncio/mod.rs."""
    with open(os.path.join(ROOT, 'src', 'asyncio', 'mod.rs')) as f:
        src = f.read()
    block = src[src.index('ASYNCIO_PRELUDE'):]
    block = block[:block.index('];')]
    return re.findall(r'\("([a-z_]+\.py)"', block)


def load_module(name, files):
    mod = types.ModuleType(name)
    sys.modules[name] = mod
    for fname in files:
        path = os.path.join(PRELUDE_DIR, fname)
        with open(path) as f:
            code = compile(f.read(), path, 'exec')
        exec(code, mod.__dict__)
    return mod


def setup_prelude(sequential, fixtures, files):
    sys.path.insert(0, HERE)
    import _awaitscope as shim
    shim.CONFIG['sequential'] = sequential
    shim.CONFIG['fixtures'] = fixtures
    shim.FILES.update(files)
    for name in [m for m in sys.modules if m == 'asyncio' or m.startswith('asyncio.')]:
        del sys.modules[name]
    asyncio = load_module('asyncio', prelude_order())
    shim.CONFIG['describe_pending'] = asyncio._describe_pending
    if os.path.getsize(os.path.join(PRELUDE_DIR, 'aiohttp.py')):
        load_module('aiohttp', ['aiohttp.py'])
    if os.path.getsize(os.path.join(PRELUDE_DIR, 'aiofiles.py')):
        load_module('aiofiles', ['aiofiles.py'])

    def advance(dt):
        shim.S.now = shim.S.now + dt
    return shim, (lambda: shim.S.now), advance


def setup_cpython(fixtures, files):
    sys.path.insert(0, HERE)
    import cpython_virtual as oracle
    oracle.install(fixtures, files)
    return oracle, oracle.now, oracle.advance


def main(argv):
    global _clock, _advance
    mode = 'prelude' if '--prelude' in argv else 'cpython'
    sequential = '--sequential' in argv
    want_trace = '--trace' in argv
    fixtures = {}
    default_fixtures = os.path.join(ROOT, 'tests', 'fixtures', 'http.json')
    if os.path.exists(default_fixtures):
        with open(default_fixtures) as f:
            fixtures = {fx['url']: fx for fx in json.load(f)}
    if '--fixtures' in argv:
        with open(argv[argv.index('--fixtures') + 1]) as f:
            fixtures = json.load(f)
    program = [a for a in argv if a.endswith('.py')][-1]
    with open(program) as f:
        source = f.read()
    # Fixtures may also sit in the program: `# fixture: URL STATUS LATENCY BODY`.
    for m in re.finditer(r'^# fixture: (\S+) (\d+) ([\d.]+) (.*)$', source, re.M):
        fixtures[m.group(1)] = {'status': int(m.group(2)), 'latency': float(m.group(3)),
                                'body': m.group(4), 'reason': 'OK' if m.group(2) == '200' else 'Not Found'}
    files = {}
    for m in re.finditer(r'^# file: (\S+) (.*)$', source, re.M):
        files[m.group(1)] = m.group(2).replace('\\n', '\n')

    if mode == 'prelude':
        backend, _clock, _advance = setup_prelude(sequential, fixtures, files)
    else:
        backend, _clock, _advance = setup_cpython(fixtures, files)

    import time as time_module
    time_module.time = time_module.perf_counter = time_module.monotonic = lambda: _clock()
    time_module.sleep = lambda s: _advance(s)

    def on_deadlock(lines):
        # Only the names are comparable (the oracle knows no more).
        finish('deadlock', 'deadlock: ' + ', '.join(sorted(l.split(' ')[0] for l in lines)))
    if mode == 'prelude':
        backend.CONFIG['on_deadlock'] = on_deadlock
        backend.CONFIG['on_budget'] = lambda: finish('budget', 'loop iteration budget exhausted')
    else:
        backend.ON_DEADLOCK[0] = on_deadlock

    def finish(status, stderr_last):
        record = {'end': _clock(), 'status': status, 'stderr_last': stderr_last,
                  'files': dict(backend.FILES)}
        if want_trace and mode == 'prelude':
            record['trace'] = backend.TRACE
        emit(record)
        _real_stdout.flush()
        os._exit(0)

    sys.stderr = _stderr
    glb = {'__name__': '__main__', '__file__': 'main.py', 'print': fake_print}
    try:
        exec(compile(source, 'main.py', 'exec'), glb)
    except SystemExit:
        pass
    except BaseException as exc:
        last = traceback.format_exception_only(type(exc), exc)[-1].rstrip('\n')
        finish('exception', last)
    lines = _stderr.getvalue().rstrip('\n').split('\n')
    finish('ok', lines[-1] if lines else '')


if __name__ == '__main__':
    main(sys.argv[1:])
