"""Long fuzz run of the loaders and extractor, on demand.

    .venv/bin/python benchmarks/fuzz_loaders.py --examples 2000

Runs tests/test_fuzz.py with many more examples per property and prints how many
inputs were tried, built and refused (the figures line). A crash fails with
hypothesis' minimal example.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=1000, help="examples per property")
    args = parser.parse_args()
    env = {**os.environ, "POLICYKG_FUZZ_EXAMPLES": str(args.examples)}
    command = [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider", str(ROOT / "tests" / "test_fuzz.py")]
    sys.exit(subprocess.call(command, cwd=ROOT, env=env))


if __name__ == "__main__":
    main()
