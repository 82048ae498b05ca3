"""A build's output folder: its files switched in atomically, and the record that lets an unchanged build be skipped.

``OUT/graph.json`` and ``OUT/graph.ttl`` link through ``OUT/.builds/current`` to the folder of the
newest build (:func:`build_generation`); ``OUT/cache/last-build.json`` records what that build was made
from (:func:`build_inputs`, :func:`record_build`), so building again from the same inputs can be
skipped (:func:`unchanged_build`).  The command line's ``policykg build`` uses these; so can a notebook.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from policykg.atomic import atomic_write_text, crash_point, process_alive, remove_stale, temporary_prefix, umask
from policykg.settings import Settings, current_settings

# A build records what it was made from in OUT/cache/last-build.json, so that building again with
# nothing changed (the same documents, in the same order, the same settings and the same policykg) does not spend
# seconds to minutes rewriting the same graph.json and graph.ttl: writing them is most of a large
# build's time, even when every document comes from the cache.
BUILD_OUTPUTS = ("graph.json", "graph.ttl")
_BUILD_RECORD = "last-build.json"


#: ``OUT/.builds/gen-<pid>-<random>/`` holds one build's outputs; ``OUT/.builds/current`` links to the newest, and
#: ``OUT/graph.json`` and ``OUT/graph.ttl`` link through it: one rename switches both files together.
BUILDS = ".builds"
_GENERATION = re.compile(r"^gen-([0-9]+)-")


@contextlib.contextmanager
def build_generation(out: Path) -> Iterator[Path]:
    """An empty folder for one build's outputs (:data:`BUILD_OUTPUTS`); when the block succeeds it becomes current.

    The switch is one rename of the ``current`` link, so readers of ``out/graph.json`` and
    ``out/graph.ttl`` see both files of one build, before or after, even if the process is
    killed at any instant.  What killed runs left (temporary files, folders of builds never
    switched to) is removed first, and older builds' folders once the switch is done.
    """
    builds = out / BUILDS
    builds.mkdir(parents=True, exist_ok=True)
    for folder in (out, out / "cache", builds):
        remove_stale(folder)
    _remove_old_generations(builds)
    fresh = Path(tempfile.mkdtemp(prefix=f"gen-{os.getpid()}-", dir=builds))
    try:
        yield fresh
        os.chmod(fresh, 0o777 & ~umask())  # mkdtemp made it private
        crash_point("build-written")
        link = builds / f"{temporary_prefix('current')}link.tmp"
        os.symlink(fresh.name, link)
        os.replace(link, builds / "current")
        crash_point("build-switched")
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    _link_outputs(out)
    _remove_old_generations(builds)


def _remove_old_generations(builds: Path) -> None:
    """Remove the build folders ``current`` does not link to, made by this process or by processes now gone."""
    current = None
    with contextlib.suppress(OSError):
        current = os.readlink(builds / "current")
    for entry in builds.iterdir():
        match = _GENERATION.match(entry.name)
        if match and entry.name != current and (int(match.group(1)) == os.getpid() or not process_alive(int(match.group(1)))):
            shutil.rmtree(entry, ignore_errors=True)


def _link_outputs(out: Path) -> None:
    """Make ``out/graph.json`` and ``out/graph.ttl`` links into ``.builds/current`` (once: later builds only switch it).

    Files of an older policykg are removed first, both, then the links made: never one new and one old.
    """
    targets = {name: f"{BUILDS}/current/{name}" for name in BUILD_OUTPUTS}
    if all((out / name).is_symlink() and os.readlink(out / name) == target for name, target in targets.items()):
        return
    for name in BUILD_OUTPUTS:
        (out / name).unlink(missing_ok=True)
    for name, target in reversed(targets.items()):  # graph.json, which commands read, last
        os.symlink(target, out / name)


def build_inputs(paths: list[Path], settings: Settings | None = None) -> list[str]:
    """What a build of ``paths`` depends on: policykg itself, the settings that shape the graph
    (default: the active ones) and each document's content, in order."""
    from policykg.graph.pipeline import document_key, package_fingerprint

    settings = settings or current_settings()
    return [package_fingerprint(), settings.key(), *(document_key(path, settings) for path in paths)]


def file_stamp(path: Path) -> list[int] | None:
    """The size and modification time (ns) of ``path``, which change when it is written; ``None`` if it is missing."""
    try:
        status = path.stat()
    except OSError:
        return None
    return [status.st_size, status.st_mtime_ns]


def unchanged_build(inputs: list[str], out: Path) -> str | None:
    """The summary of the last build in ``out`` if it was made from these very ``inputs``
    (:func:`build_inputs`) and its outputs are as it left them; ``None`` if anything differs."""
    try:
        record = json.loads((out / "cache" / _BUILD_RECORD).read_text(encoding="utf-8"))
        stamps, summary = record["outputs"], record["summary"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if record["inputs"] != inputs or stamps != {name: file_stamp(out / name) for name in BUILD_OUTPUTS}:
        return None
    return summary if isinstance(summary, str) else None


def record_build(inputs: list[str], out: Path, summary: str) -> None:
    """Remember that ``out``'s outputs were built from ``inputs`` (see :func:`unchanged_build`)."""
    stamps = {name: file_stamp(out / name) for name in BUILD_OUTPUTS}
    record = {"inputs": inputs, "outputs": stamps, "summary": summary}
    atomic_write_text(out / "cache" / _BUILD_RECORD, json.dumps(record, indent=1) + "\n")


__all__ = ["BUILDS", "BUILD_OUTPUTS", "build_generation", "build_inputs", "file_stamp", "record_build", "unchanged_build"]
