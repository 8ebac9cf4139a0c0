"""Self-tests of the oracle: python3 -m unittest discover -s tools/oracle -p 'test_*.py'"""

import heapq
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ORACLE = Path(__file__).resolve().parent.parent / "cpython_oracle.py"


def oracle(source):
    """The oracle's result lines (without the header) for a program."""
    with tempfile.TemporaryDirectory() as tmp:
        program = Path(tmp) / "prog.py"
        program.write_text(source, encoding="utf-8")
        out = subprocess.run([sys.executable, "-B", str(ORACLE), str(program)],
                             capture_output=True, check=True, stdin=subprocess.DEVNULL)
    return out.stdout.decode("utf-8").splitlines()[1:]


class OracleTest(unittest.TestCase):
    def test_cpython_heap_alone_does_not_keep_creation_order(self):
        # Why virtual_loop.SeqTimerHandle exists.
        import asyncio
        from asyncio import events
        loop = asyncio.new_event_loop()
        heap = []
        for i, when in enumerate([1, 1, 1, 1, 1, 0, 1, 1, 0.5, 1, 1]):
            heapq.heappush(heap, events.TimerHandle(when, print, (i,), loop, None))
        order = [heapq.heappop(heap)._args[0] for _ in range(len(heap))]
        loop.close()
        self.assertNotEqual(order[2:], [0, 1, 2, 3, 4, 6, 7, 9, 10])

    def test_equal_deadlines_fire_in_creation_order(self):
        lines = oracle(
            "import asyncio\n"
            "async def s(i):\n    await asyncio.sleep(1)\n    print(i)\n"
            "async def main():\n    await asyncio.gather(*(s(i) for i in range(12)))\n"
            "asyncio.run(main())\n")
        self.assertEqual(lines[:12], [f"1.0 | {i}" for i in range(12)])

    def test_clock_advances_by_the_select_timeout(self):
        lines = oracle(
            "import asyncio, time\n"
            "async def main():\n"
            "    for _ in range(3):\n        await asyncio.sleep(0.1)\n"
            "    print(time.monotonic())\n"
            "    await asyncio.sleep(100000.5)\n"
            "asyncio.run(main())\n")
        self.assertEqual(lines[0], "0.30000000000000004 | 0.30000000000000004")
        # The long sleep wakes once on the way (select timeouts are capped at
        # 86400 s), and each wake adds exactly the timeout `_run_once` computed.
        clock = 0.30000000000000004
        when = clock + 100000.5
        clock += min(max(0, when - clock), 86400)
        clock += min(max(0, when - clock), 86400)
        self.assertEqual(lines[1], f"total {clock!r}")

    def test_deadlock_stops_with_exit_2(self):
        lines = oracle(
            "import asyncio\n"
            "async def main():\n    print('x')\n    await asyncio.sleep(1)\n"
            "    await asyncio.Event().wait()\n"
            "asyncio.run(main())\n")
        self.assertEqual(lines[:3], ["0.0 | x", "total 1.0", "exit 2"])
        self.assertTrue(lines[3].startswith("stderr Deadlock: "))

    def test_line_times_partial_lines_and_blocking_sleep(self):
        lines = oracle(
            "import time\n"
            "print('a', end='')\ntime.sleep(1)\nprint('b')\n"
            "time.sleep(1)\nprint()\nprint('tail', end='')\n")
        self.assertEqual(lines, ["0.0 | ab", "2.0 | ", "2.0 | tail", "total 2.0",
                                 "exit 0", "stderr"])

    def test_errors_name_main_py_and_exit_1(self):
        lines = oracle("print(1)\nraise KeyError('k')\n")
        self.assertEqual(lines, ["0.0 | 1", "total 0.0", "exit 1", "stderr KeyError: 'k'",
                                 "tb Traceback (most recent call last):",
                                 'tb   File "main.py", line 2, in <module>',
                                 "tb     raise KeyError('k')",
                                 "tb KeyError: 'k'"])
        lines = oracle("if True\n    pass\n")
        self.assertEqual(lines[-1], "stderr SyntaxError: expected ':'")

    def test_traceback_frames_of_libraries_and_recursion(self):
        from capture import traceback_frames  # (unittest runs with tools/oracle on the path)
        text = (
            "Traceback (most recent call last):\n"
            '  File "main.py", line 3, in <module>\n'
            "    json.loads(x)\n"
            "    ^^^^^^^^^^^^^\n"
            '  File "/usr/lib/python3.11/json/__init__.py", line 346, in loads\n'
            "    return _default_decoder.decode(s)\n"
            '  File "/usr/lib/python3.11/asyncio/runners.py", line 190, in run\n'
            "    return runner.run(main)\n"
            "\n"
            "  [Previous line repeated 996 more times]\n"
            "ValueError: x\n")
        frames = traceback_frames(text)
        self.assertEqual(frames, [
            "Traceback (most recent call last):",
            '  File "main.py", line 3, in <module>',
            "    json.loads(x)",
            '  File "<library>", in run',
            "  [Previous line repeated 996 more times]",
            "ValueError: x"])
        self.assertEqual(traceback_frames("\n".join(frames)), frames)

    def test_recursion_error_comes_at_the_depth_of_python3_main_py(self):
        lines = oracle(
            "def depth(n):\n"
            "    try:\n"
            "        return depth(n + 1)\n"
            "    except RecursionError:\n"
            "        return n\n"
            "print(depth(0))\n")
        self.assertEqual(lines[0], "0.0 | 998")

    def test_aiofiles_files_are_reported(self):
        lines = oracle(
            "import asyncio, aiofiles\n"
            "async def main():\n"
            "    async with aiofiles.open('b.txt', 'w') as f:\n        await f.write('x\\n')\n"
            "    async with aiofiles.open('a.txt', 'w') as f:\n        await f.write(\"it's\")\n"
            "asyncio.run(main())\n")
        self.assertEqual(lines[-2:], ["file a.txt \"it's\"", "file b.txt 'x\\n'"])


if __name__ == "__main__":
    unittest.main()
