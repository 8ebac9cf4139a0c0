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
Prints `N passed, M failed`; exit status 1 on any failure.
    python3 tools/check_prelude.py [-v] [NAME_SUBSTRING ...]
"""

import glob
import json
import os
import re
import subprocess
import sys

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


def main(argv):
    verbose = '-v' in argv
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
