"""Atomic outputs: an interrupted write (kill -9, full disk) leaves the old file intact."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys

import pytest

from policykg.atomic import atomic_open, atomic_write_text


def test_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_text("old content\n")
    with pytest.raises(RuntimeError), atomic_open(target) as stream:
        stream.write("half of the new")
        raise RuntimeError("interrupted")
    assert target.read_text() == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_full_disk_is_a_one_line_error_and_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "graph.json"
    target.write_text("old\n")
    real_fsync = os.fsync

    def full_disk(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        atomic_write_text(target, "new content")
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.json"]


def test_kill_9_during_export_leaves_the_old_file_intact(tmp_path):
    """Export killed with SIGKILL after the new file is written whole and before it replaces the old one
    (the widest window, chosen deterministically through policykg.atomic.crash_point): the target is the
    old file, and the killed run's temporary file shows the kill landed mid-write.  Without the kill, the
    same export replaces the file."""
    target = tmp_path / "big.nt"
    target.write_text("<urn:a> <urn:b> <urn:c> .\n")
    script = (
        "import sys; from policykg.viz.synthetic import synthetic_graph; from policykg.export import export;"
        "export(synthetic_graph(300, seed=1), 'ntriples', sys.argv[1])"
    )
    environment = {**os.environ, "POLICYKG_TEST_CRASH_AT": "atomic-written"}
    killed = subprocess.run([sys.executable, "-c", script, str(target)], env=environment, timeout=300)
    assert killed.returncode == -signal.SIGKILL
    assert target.read_text() == "<urn:a> <urn:b> <urn:c> .\n"
    leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) == 1
    written = leftovers[0].read_text()
    assert written.endswith(" .\n") and written.count("\n") > 1000  # the new file, whole, never renamed
    environment.pop("POLICYKG_TEST_CRASH_AT")
    subprocess.run([sys.executable, "-c", script, str(target)], env=environment, timeout=300, check=True)
    assert target.read_text() == written  # the same bytes, now in place
