"""Run one command and record what it cost: CPU seconds, elapsed seconds and peak memory.

    python bench/measure.py RESULT_JSON -- COMMAND [ARGUMENTS...]

bench/run.py times the reference builds (the naive generator and Hugo) through this. It uses the
standard library only, runs the command in the folder it is started in, passes on its output, and
exits with the command's status.

CPU is that of the command and of every program it waited for (`wait4`), so a program that
starts others, or runs threads on several cores, is counted whole. Peak memory is the largest
resident set of any one of those processes. A program is started by a process that shares its
memory until the program replaces it, and Linux counts that process's peak as the program's own;
hence this small process, and not the benchmark, which holds a whole corpus, starts the command.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    result, command = Path(argv[0]), argv[argv.index("--") + 1 :]
    start = time.perf_counter()
    pid = os.posix_spawnp(command[0], command, os.environ)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    report = {
        "cpu": usage.ru_utime + usage.ru_stime,
        "wall": wall,
        "peak_mib": usage.ru_maxrss / 1024,  # KiB on Linux
        "status": code,
    }
    result.write_text(json.dumps(report), encoding="utf-8")
    return code if code >= 0 else 128 - code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
