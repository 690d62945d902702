"""Runs a command and prints its wall time and its own CPU time, in milliseconds, as JSON on
stderr: {"wall": ..., "user": ..., "sys": ...}. wait4() reports the child's CPU time to the
microsecond, where /usr/bin/time prints hundredths of a second: too coarse for a 100 ms start.

    python3 bench/cli/rusage.py node -e ''
"""

import json
import os
import sys
import time


def main() -> int:
    argv = sys.argv[1:]
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = (time.perf_counter() - started) * 1000
    sys.stderr.write(
        json.dumps({"wall": wall, "user": usage.ru_utime * 1000, "sys": usage.ru_stime * 1000})
        + "\n"
    )
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
