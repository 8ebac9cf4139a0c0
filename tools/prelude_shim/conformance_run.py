"""Run one tests/conformance program with OUR prelude (over the _awaitscope shim)
and print its result in the .expected format of tools/cpython_oracle.py.

    python3 tools/prelude_shim/conformance_run.py [--sequential] PROGRAM.py

Same harness as the oracle (its clock, `time` patching, `random.seed(0)`,
stdout/stderr capture, result format, tests/fixtures/http.json), except that
`asyncio`, `aiohttp` and `aiofiles` are src/asyncio/prelude/*.py.
"""

import json
import os
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOOLS = HERE.parent
sys.path.insert(0, str(TOOLS))
sys.path.insert(0, str(HERE))
sys.dont_write_bytecode = True

import cpython_oracle  # noqa: E402  (tools/cpython_oracle.py)
import run_program  # noqa: E402
from oracle import capture, clock  # noqa: E402


class _Clock:
    """The oracle's clock API over the shim's loop state."""

    def __init__(self, state):
        self._state = state

    @property
    def now(self):
        return self._state.now

    @now.setter
    def now(self, value):
        self._state.now = value

    def advance(self, seconds):
        self._state.now += seconds


def main(argv):
    sequential = '--sequential' in argv
    program = [a for a in argv if a.endswith('.py')][-1]
    fixtures = json.loads(cpython_oracle.DEFAULT_FIXTURES.read_text(encoding='utf-8'))
    source = Path(program).read_text(encoding='utf-8')

    shim, _, _ = run_program.setup_prelude(sequential, {f['url']: f for f in fixtures}, {})
    clock.CLOCK = _Clock(shim.S)
    real_stdout, real_stderr = sys.stdout, sys.stderr
    stdout = capture.TimedWriter(clock.CLOCK, '<stdout>')
    stderr = capture.TimedWriter(clock.CLOCK, '<stderr>')

    def finish(exit_code):
        sys.stdout, sys.stderr = real_stdout, real_stderr
        text = cpython_oracle.format_result(stdout.writes, stderr.text(), clock.CLOCK.now,
                                            exit_code, dict(shim.FILES))
        sys.stdout.write(text)
        if '--stderr' in argv:
            sys.stdout.write('--- stderr\n' + stderr.text())
        sys.stdout.flush()
        os._exit(0)

    def on_deadlock(lines):
        stderr.write(cpython_oracle.DEADLOCK_MESSAGE + '\n')
        finish(cpython_oracle.DEADLOCK_EXIT)

    shim.CONFIG['on_deadlock'] = on_deadlock
    clock.patch_time_module()
    random.seed(0)
    sys.stdout, sys.stderr = stdout, stderr
    finish(cpython_oracle.execute(source))


if __name__ == '__main__':
    main(sys.argv[1:])
