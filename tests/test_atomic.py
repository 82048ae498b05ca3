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


def test_kill_9_while_the_export_is_half_written_leaves_the_old_file_intact(tmp_path):
    """Export killed with SIGKILL in the middle of writing: after the N-Triples writer has handed the file
    its fourth chunk, and before the last (the kill is sent from inside the real writer's loop, so it lands
    there every time).  The target is still the old file; the killed run's temporary file holds a part of
    the new one and only a part: that is the evidence the kill landed mid-write."""
    target = tmp_path / "big.nt"
    target.write_text("<urn:a> <urn:b> <urn:c> .\n")
    script = (
        "import os, signal, sys\n"
        "from policykg.viz.synthetic import synthetic_graph\n"
        "from policykg.export import export\n"
        "import policykg.export.rdf.ntriples as writer\n"
        "whole = writer.ntriples_chunks\n"
        "def chunks(groups):\n"
        "    for number, chunk in enumerate(whole(groups)):\n"
        "        yield chunk\n"
        "        if number == 3:\n"
        "            os.kill(os.getpid(), signal.SIGKILL)\n"
        "writer.ntriples_chunks = chunks\n"
        "export(synthetic_graph(300, seed=1), 'ntriples', sys.argv[1])\n"
    )
    killed = subprocess.run([sys.executable, "-c", script, str(target)], capture_output=True, text=True, timeout=300)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert target.read_text() == "<urn:a> <urn:b> <urn:c> .\n"
    (leftover,) = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    partial = leftover.read_bytes()
    whole = subprocess.run([sys.executable, "-c", "import sys; from policykg.viz.synthetic import synthetic_graph;"
                            "from policykg.export.rdf import serialize_graph;"
                            "sys.stdout.write(serialize_graph(synthetic_graph(300, seed=1), 'ntriples'))"],
                           capture_output=True, text=True, check=True, timeout=300).stdout.encode("utf-8")
    assert partial and whole.startswith(partial) and len(partial) < len(whole)  # a part of the new file, not all of it
