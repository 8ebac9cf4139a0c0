"""Prove the asyncio prelude is hop-for-hop CPython 3.11.

For every program in tests/prelude_cpython/*.py, run it on a virtual clock under
(a) real CPython asyncio (tools/prelude_shim/oracle.py) and (b) CPython with our
prelude over the _awaitscope shim (tools/prelude_shim/_awaitscope.py), and
require identical output: every printed line with its virtual time, the end
time, the status, the last line of stderr and the in-memory files.

The `.expected` files beside the programs are tools/cpython_oracle.py's results
(regenerate: `python3 tools/cpython_oracle.py --regen tests/prelude_cpython`);
tests/prelude_on_engine.rs runs the same programs on our VM against them.
Programs without one have output CPython logs at garbage collection (unstable).

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
                          capture_output=True, text=True, timeout=120)
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith('{')]
    if proc.returncode != 0 or not lines or 'end' not in lines[-1]:
        lines.append({'crash': proc.stderr.strip().splitlines()[-12:]})
    return lines


def check_trace(trace):
    """Structural invariants of the trace hooks (NATIVE.md 2.3), for any program."""
    problems = []
    current = None
    state = {}          # tid -> 'ready' | 'running' | 'suspended' | 'done'
    last_t = 0.0
    for event in trace:
        kind, t, tid = event[0], event[1], event[2]
        if t < last_t:
            problems.append(f'time goes back: {event}')
        last_t = t
        if tid is not None and tid < 0:
            continue
        if kind == 'created':
            if tid in state:
                problems.append(f'task created twice: {event}')
            state[tid] = 'ready'
        elif kind == 'step_start':
            if current is not None:
                problems.append(f'nested step: {event} inside task {current}')
            if state.get(tid) not in ('ready', 'suspended'):
                problems.append(f'step of a task that is {state.get(tid)}: {event}')
            current = tid
            state[tid] = 'running'
        elif kind == 'step_end':
            if current != tid:
                problems.append(f'step_end of {tid} while {current} runs')
            current = None
            if state.get(tid) == 'running':
                state[tid] = 'ready'
            elif state.get(tid) == 'woken':
                state[tid] = 'ready'
        elif kind == 'suspend':
            if state.get(tid) != 'running':
                problems.append(f'suspend of a task that is {state.get(tid)}: {event}')
            state[tid] = 'suspended'
        elif kind == 'wake':
            if state.get(tid) != 'suspended':
                problems.append(f'wake of a task that is {state.get(tid)}: {event}')
            state[tid] = 'woken' if current == tid else 'ready'
        elif kind == 'done':
            if current != tid:
                problems.append(f'task {tid} finished outside its step')
            state[tid] = 'done'
    return problems[:5]


def check_sequential(program):
    """Every program must run in sequential mode without crashing the prelude,
    with a well-formed trace (it may end in an exception or a deadlock)."""
    seq = run('prelude', program, '--sequential', '--trace')
    last = seq[-1]
    if 'crash' in last:
        return ['sequential run crashed\n' + '\n'.join(last['crash'])]
    prelude_errors = ('Cannot enter into task', 'Leaving task', 'already running',
                      'Event loop', 'another loop', 'InvalidStateError')
    if last.get('status') == 'exception' and any(e in last.get('stderr_last', '')
                                                 for e in prelude_errors):
        return ['sequential run: ' + last['stderr_last']]
    return ['sequential trace: ' + p for p in check_trace(last.get('trace', []))]


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
                          capture_output=True, text=True, timeout=120)
    actual = proc.stdout
    seq = check_sequential(program)
    if actual == expected and not seq:
        return ''
    diff = ''.join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                        'CPython', 'prelude'))
    return diff + proc.stderr[-2000:] + '\n'.join(seq)


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


def check_program(program):
    """All checks of one program; returns the problems found."""
    with open(program) as f:
        source = f.read()
    problems = []
    expected = run('cpython', program)
    actual = run('prelude', program, '--trace')
    trace = actual[-1].pop('trace', []) if actual else []
    if expected != actual:
        problems.append('concurrent run differs from CPython\n--- CPython\n'
                        f'{show(expected)}\n--- prelude\n{show(actual)}')
    for problem in check_trace(trace):
        problems.append('trace: ' + problem)
    seq_end = re.search(r'^# sequential-end: ([\d.]+)$', source, re.M)
    seq_status = re.search(r'^# sequential-status: (\w+)$', source, re.M)
    problems += check_sequential(program)
    if seq_end or seq_status:
        seq = run('prelude', program, '--sequential')
        last = seq[-1]
        if seq_end and last.get('end') != float(seq_end.group(1)):
            problems.append(f'sequential end {last.get("end")} != {seq_end.group(1)}\n{show(seq)}')
        want = seq_status.group(1) if seq_status else 'ok'
        if last.get('status') != want:
            problems.append(f'sequential status {last.get("status")} != {want}\n{show(seq)}')
    return problems


def main(argv):
    verbose = '-v' in argv
    if '--conformance' in argv:
        return conformance([a for a in argv if not a.startswith('-')], verbose)
    filters = [a for a in argv if not a.startswith('-')]
    programs = sorted(glob.glob(os.path.join(PROGRAMS, '*.py')))
    if filters:
        programs = [p for p in programs if any(f in os.path.basename(p) for f in filters)]
    passed = failed = 0
    with ThreadPoolExecutor(max_workers=2) as pool:
        for program, problems in zip(programs, pool.map(check_program, programs)):
            name = os.path.basename(program)
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
