#!/usr/bin/env python3
"""The CPython 3.11 oracle: run a Python asyncio program on a virtual clock.

    python3 tools/cpython_oracle.py FILE.py            print FILE's expected result
    python3 tools/cpython_oracle.py --stderr FILE.py   ... and its whole stderr (to stderr)
    python3 tools/cpython_oracle.py --regen [PATH...]  rewrite every PATH/**/*.expected
    python3 tools/cpython_oracle.py --check [PATH...]  compare instead of rewriting
    (PATH defaults to tests/conformance; tools/regen_conformance.sh wraps --regen)

The program runs under real CPython 3.11 asyncio (tools/oracle/virtual_loop.py):
CPython's own SelectorEventLoop, whose time() is a virtual clock that its
selector advances by exactly the timeout `_run_once` asks for, with timers
tie-broken by creation order, and the few set iterations over tasks that a
program can observe (asyncio.run's shutdown, TaskGroup aborts, as_completed)
in creation order instead of by address (tools/oracle/ordering.py). Before the
program runs: `time` is patched onto
the clock (tools/oracle/clock.py), `random.seed(0)`, and fake `aiohttp` /
`aiofiles` modules implement the models of COMMON.md (tools/oracle/fake_*.py;
HTTP answers come from tests/fixtures/http.json). The program is compiled as
`main.py`, so tracebacks name that file.

Result format (the `.expected` file), one item per line:

    # CPython 3.11 on a virtual clock — made by tools/cpython_oracle.py; do not edit
    <time> | <stdout line>      time = repr(float) of the clock when the line began
    total <repr of the clock when the program ended>
    exit <exit code>
    stderr <last non-blank line of stderr>   (just `stderr` when there is none)
    tb <line>                                each traceback line of stderr, as
                                             oracle/capture.py traceback_frames gives them
    file <path> <repr of its final content>  one per aiofiles file, sorted by path

A line's time is that of the first write that put a character on it (an empty
line: the write holding its newline). A final line without newline is listed too.

Exit codes: 0 normal end; 1 uncaught exception (including SyntaxError);
`sys.exit(n)` gives n. DEADLOCK: when the loop has nothing ready and no timer
pending (`select(None)`), CPython would hang forever; the oracle stops the
program right there and reports `exit 2` with stderr line DEADLOCK_MESSAGE
below; `total` is the clock at that moment; output printed so far is kept.
"""

import argparse
import builtins
import difflib
import gc
import json
import linecache
import os
import random
import subprocess
import sys
import traceback
import types
from pathlib import Path

TOOLS_DIR = Path(__file__).resolve().parent
REPO_DIR = TOOLS_DIR.parent
DEFAULT_FIXTURES = REPO_DIR / "tests" / "fixtures" / "http.json"
DEFAULT_SUITE = REPO_DIR / "tests" / "conformance"

HEADER = "# CPython 3.11 on a virtual clock — made by tools/cpython_oracle.py; do not edit"
MAIN = "main.py"
DEADLOCK_EXIT = 2
DEADLOCK_MESSAGE = "Deadlock: no task can make progress (nothing is ready and no timer is pending)"

# Output that depends on garbage collection or warnings, not on the program's
# semantics: a conformance program must not produce it. ("Exception in
# callback ..." is fine: it is logged at once, when the callback raises.)
UNSTABLE_STDERR = (
    "was never retrieved",
    "was never awaited",
    "Task was destroyed but it is pending",
    "Warning:",
)


def format_result(stdout_writes, stderr_text, end_time, exit_code, files):
    from oracle.capture import last_nonblank_line, timed_lines, traceback_frames

    out = [HEADER]
    for t, line in timed_lines(stdout_writes):
        out.append(f"{float(t)!r} | {line}")
    out.append(f"total {float(end_time)!r}")
    out.append(f"exit {exit_code}")
    last = last_nonblank_line(stderr_text)
    out.append(f"stderr {last}" if last else "stderr")
    if "Traceback (most recent call last):" in stderr_text:
        out.extend(f"tb {line}" for line in traceback_frames(stderr_text, MAIN))
    for path in sorted(files):
        out.append(f"file {path} {files[path]!r}")
    return "\n".join(out) + "\n"


def execute(source):
    """Run `source` as __main__ from file main.py; return the exit code."""
    linecache.cache[MAIN] = (len(source), None, source.splitlines(True), MAIN)
    try:
        code = compile(source, MAIN, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        traceback.print_exception(exc.with_traceback(None), file=sys.stderr)
        return 1
    module = types.ModuleType("__main__")
    module.__file__ = MAIN
    module.__builtins__ = builtins
    sys.modules["__main__"] = module
    sys.argv = [MAIN]
    # Under `python3 main.py` the module's frame is the first on the stack; here it runs
    # below the oracle's own frames. Raise the recursion limit by their number, so a
    # RecursionError comes at the depth it would come at there (the call to exec()
    # counts as one more level).
    depth, frame = 1, sys._getframe()
    while frame is not None:
        depth, frame = depth + 1, frame.f_back
    sys.setrecursionlimit(sys.getrecursionlimit() + depth)
    try:
        exec(code, module.__dict__)
    except SystemExit as exc:
        if exc.code is None:
            return 0
        if isinstance(exc.code, int):
            return exc.code
        print(exc.code, file=sys.stderr)
        return 1
    except BaseException as exc:  # noqa: BLE001 — the program's uncaught exception
        # Drop this frame (the exec call) so the traceback starts in main.py.
        tb = exc.__traceback__.tb_next if exc.__traceback__ else None
        traceback.print_exception(exc.with_traceback(tb), file=sys.stderr)
        return 1
    return 0


def run_one(program, fixtures_path, show_stderr):
    """Run one program in this process and print its result; never returns."""
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"the oracle needs CPython 3.11, this is {sys.version.split()[0]}")
    sys.dont_write_bytecode = True  # keep tools/oracle free of __pycache__
    sys.path.insert(0, str(TOOLS_DIR))
    from oracle import capture, clock, fake_aiofiles, fake_aiohttp, virtual_loop

    source = Path(program).read_text(encoding="utf-8")
    fixtures = json.loads(Path(fixtures_path).read_text(encoding="utf-8"))
    files = {}
    real_stdout, real_stderr = sys.stdout, sys.stderr
    stdout = capture.TimedWriter(clock.CLOCK, "<stdout>")
    stderr = capture.TimedWriter(clock.CLOCK, "<stderr>")

    def finish(exit_code):
        gc.collect()  # let GC-time asyncio messages land in the captured stderr
        sys.stdout, sys.stderr = real_stdout, real_stderr
        text = format_result(
            stdout.writes, stderr.text(), clock.CLOCK.now, exit_code, files
        )
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
        if show_stderr:
            sys.stderr.write(stderr.text())
        for marker in UNSTABLE_STDERR:
            if marker in stderr.text():
                sys.stderr.write(f"oracle: warning: unstable stderr output ({marker!r})\n")
        sys.stderr.flush()
        os._exit(0)  # skip interpreter shutdown: nothing after the program may print

    def on_deadlock():
        stderr.write(DEADLOCK_MESSAGE + "\n")
        finish(DEADLOCK_EXIT)

    clock.patch_time_module()
    virtual_loop.install(clock.CLOCK, on_deadlock)
    sys.modules["aiohttp"] = fake_aiohttp.make_module(fixtures)
    sys.modules["aiofiles"] = fake_aiofiles.make_module(files)
    random.seed(0)
    sys.stdout, sys.stderr = stdout, stderr
    finish(execute(source))


def run_child(program, fixtures_path, hash_seed):
    """Run the oracle on `program` in a fresh interpreter; (stdout, stderr)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PYTHON")
    }
    # Different hash seeds on the two runs catch output that depends on str hashing.
    env["PYTHONHASHSEED"] = str(hash_seed)
    env["PYTHONIOENCODING"] = "utf-8"
    proc = subprocess.run(
        [sys.executable, "-B", "-s", str(Path(__file__).resolve()), "--fixtures",
         str(fixtures_path), str(program)],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        env=env,
        timeout=60,
        check=False,
    )
    return proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def find_programs(paths):
    programs = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            programs.extend(sorted(path.rglob("*.py")))
        else:
            programs.append(path)
    return programs


def regen(paths, fixtures_path, check):
    programs = find_programs(paths or [DEFAULT_SUITE])
    problems = 0
    for program in programs:
        expected_path = program.with_suffix(".expected")
        first, first_err = run_child(program, fixtures_path, 1)
        second, second_err = run_child(program, fixtures_path, 2)
        label = os.path.relpath(program, REPO_DIR)
        if not first.startswith(HEADER):
            print(f"FAIL {label}: the oracle did not produce a result\n{first_err}")
            problems += 1
            continue
        if first != second:
            print(f"FAIL {label}: not deterministic (two runs differ)")
            sys.stdout.writelines(
                difflib.unified_diff(first.splitlines(True), second.splitlines(True),
                                     "run 1", "run 2")
            )
            problems += 1
            continue
        if "oracle: warning" in first_err + second_err:
            print(f"FAIL {label}: {first_err.strip()}")
            problems += 1
            continue
        if check:
            old = expected_path.read_text(encoding="utf-8") if expected_path.exists() else ""
            if old != first:
                print(f"FAIL {label}: differs from {expected_path.name}")
                sys.stdout.writelines(
                    difflib.unified_diff(old.splitlines(True), first.splitlines(True),
                                         "committed", "oracle")
                )
                problems += 1
        else:
            old = expected_path.read_text(encoding="utf-8") if expected_path.exists() else None
            if old != first:
                expected_path.write_text(first, encoding="utf-8")
                print(f"wrote {os.path.relpath(expected_path, REPO_DIR)}")
    for root in [Path(p) for p in (paths or [DEFAULT_SUITE])]:
        orphans = sorted(root.rglob("*.expected")) if root.is_dir() else []
        for orphan in orphans:
            if orphan.with_suffix(".py").exists():
                continue
            label = os.path.relpath(orphan, REPO_DIR)
            if check:
                print(f"FAIL {label}: no program beside it")
                problems += 1
            else:
                orphan.unlink()
                print(f"removed {label} (no program beside it)")
    verb = "checked" if check else "regenerated"
    print(f"oracle: {verb} {len(programs)} programs, {problems} problems")
    return 1 if problems else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", help="program(s), or folders with --regen/--check")
    parser.add_argument("--fixtures", default=str(DEFAULT_FIXTURES))
    parser.add_argument("--stderr", action="store_true", help="also print the program's stderr")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--regen", action="store_true", help="rewrite .expected files")
    mode.add_argument("--check", action="store_true", help="compare with .expected files")
    args = parser.parse_args()
    if args.regen or args.check:
        sys.exit(regen(args.paths, args.fixtures, check=args.check))
    if len(args.paths) != 1:
        parser.error("give exactly one program (or use --regen / --check)")
    run_one(args.paths[0], args.fixtures, args.stderr)


if __name__ == "__main__":
    main()
