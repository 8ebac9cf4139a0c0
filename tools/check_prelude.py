"""Prove the asyncio prelude is hop-for-hop CPython 3.11.

For every program in tests/prelude_cpython/*.py, run it on a virtual clock under
(a) real CPython asyncio (tools/prelude_shim/oracle.py) and (b) CPython with our
prelude over the _awaitscope shim (tools/prelude_shim/_awaitscope.py), and
require identical output: every printed line with its virtual time, the end
time, the status, the last line of stderr and the in-memory files.

A program may also state its sequential baseline (prelude only, there is no
CPython oracle for it):
    # sequential-end: 9.0
    # sequential-status: deadlock
With --conformance, instead run every tests/conformance/**/*.py program (the
conformance helper's suite, made by tools/cpython_oracle.py) with our prelude and
compare with its .expected file (tools/prelude_shim/conformance_run.py).
Prints `N passed, M failed`; exit status 1 on any failure.
    python3 tools/check_prelude.py [-v] [--conformance] [NAME_SUBSTRING ...]
"""

import glob
import json
import os
import re
import difflib
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNNER = os.path.join(ROOT, 'tools', 'prelude_shim', 'run_program.py')
PROGRAMS = os.path.join(ROOT, 'tests', 'prelude_cpython')


def run(mode, program, *extra):
    proc = subprocess.run([sys.executable, RUNNER, '--' + mode, *extra, program],
                          capture_output=True, text=True, timeout=60)
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith('{')]
    if proc.returncode != 0 or not lines or 'end' not in lines[-1]:
        lines.append({'crash': proc.stderr.strip().splitlines()[-12:]})
    return lines


def show(records):
    out = []
    for r in records:
        if 'out' in r:
            out.append(f"  {r['t']!r:>22} {r['out']!r}")
        else:
            out.append(f'  {r}')
    return '\n'.join(out)


CONFORMANCE = os.path.join(ROOT, 'tests', 'conformance')
CONF_RUNNER = os.path.join(ROOT, 'tools', 'prelude_shim', 'conformance_run.py')


def conformance_one(program):
    expected_path = program[:-3] + '.expected'
    if not os.path.exists(expected_path):
        return None
    with open(expected_path, encoding='utf-8') as f:
        expected = f.read()
    proc = subprocess.run([sys.executable, CONF_RUNNER, program],
                          capture_output=True, text=True, timeout=60)
    actual = proc.stdout
    if actual == expected:
        return ''
    diff = ''.join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                        'CPython', 'prelude'))
    return diff + proc.stderr[-2000:]


def conformance(filters, verbose):
    programs = sorted(glob.glob(os.path.join(CONFORMANCE, '**', '*.py'), recursive=True))
    if filters:
        programs = [p for p in programs if any(f in p for f in filters)]
    passed = failed = 0
    with ThreadPoolExecutor(max_workers=2) as pool:
        for program, problem in zip(programs, pool.map(conformance_one, programs)):
            name = os.path.relpath(program, CONFORMANCE)
            if problem is None:
                continue
            if problem:
                failed += 1
                print(f'FAIL {name}\n{problem}')
            else:
                passed += 1
                if verbose:
                    print(f'ok   {name}')
    print(f'{passed} passed, {failed} failed')
    return 1 if failed or not passed else 0


def main(argv):
    verbose = '-v' in argv
    if '--conformance' in argv:
        return conformance([a for a in argv if not a.startswith('-')], verbose)
    filters = [a for a in argv if not a.startswith('-')]
    programs = sorted(glob.glob(os.path.join(PROGRAMS, '*.py')))
    if filters:
        programs = [p for p in programs if any(f in os.path.basename(p) for f in filters)]
    passed = failed = 0
    for program in programs:
        name = os.path.basename(program)
        with open(program) as f:
            source = f.read()
        problems = []
        expected = run('cpython', program)
        actual = run('prelude', program)
        if expected != actual:
            problems.append('concurrent run differs from CPython\n--- CPython\n'
                            f'{show(expected)}\n--- prelude\n{show(actual)}')
        seq_end = re.search(r'^# sequential-end: ([\d.]+)$', source, re.M)
        seq_status = re.search(r'^# sequential-status: (\w+)$', source, re.M)
        if seq_end or seq_status:
            seq = run('prelude', program, '--sequential')
            last = seq[-1]
            if seq_end and last.get('end') != float(seq_end.group(1)):
                problems.append(f'sequential end {last.get("end")} != {seq_end.group(1)}\n{show(seq)}')
            want = seq_status.group(1) if seq_status else 'ok'
            if last.get('status') != want:
                problems.append(f'sequential status {last.get("status")} != {want}\n{show(seq)}')
        if problems:
            failed += 1
            print(f'FAIL {name}')
            for p in problems:
                print(p)
        else:
            passed += 1
            if verbose:
                print(f'ok   {name}')
    print(f'{passed} passed, {failed} failed')
    return 1 if failed or not passed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
