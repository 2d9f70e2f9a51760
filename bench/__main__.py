"""`make bench`: run every `bench/bench_*.py` module's `run()` and print one line per figure.

Each benchmark runs in its own process so that peak-memory figures are its own.
"""

from __future__ import annotations

import importlib
import pathlib
import subprocess
import sys


def main() -> int:
    if len(sys.argv) == 2:  # child: run one module
        module = importlib.import_module(f"bench.{sys.argv[1]}")
        for figure in module.run():
            print(figure.line(), flush=True)
        return 0
    here = pathlib.Path(__file__).parent
    print("name\tvalue\tunit\ttarget\tstatus")
    failed = 0
    for path in sorted(here.glob("bench_*.py")):
        result = subprocess.run([sys.executable, "-m", "bench", path.stem], check=False)
        failed |= result.returncode
    return failed


if __name__ == "__main__":
    sys.exit(main())
