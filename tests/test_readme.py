"""The README's "What you get" is what `policykg build` prints on the packaged seed."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_what_you_get_is_what_build_prints(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## What you get\n\n```text\n\$ policykg build\n(.*?)```", readme, re.S)
    assert block, "README has no 'What you get' block"
    shown = [line for line in block.group(1).splitlines() if line.strip() and line.strip() != "..."]
    printed = subprocess.run([sys.executable, "-m", "policykg.cli", "build", "--no-cache"], cwd=tmp_path,
                             capture_output=True, text=True, check=True).stdout.splitlines()
    assert shown and all(line in printed for line in shown), [line for line in shown if line not in printed]
