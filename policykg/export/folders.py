"""Folders written atomically: built in a hidden sibling and switched into place in one step, so a
failure leaves the previous folder (or nothing), never half of one.  :func:`policykg.export.publish.publish`
and the CSV exports use it."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from policykg.atomic import crash_point, exchange, remove_stale, temporary_prefix, umask
from policykg.errors import PolicyKGError


def _fsync_tree(folder: Path) -> None:
    for entry in folder.iterdir():
        if entry.is_file():
            with open(entry, "rb") as stream:
                os.fsync(stream.fileno())


def check_target(path: Path, *, may_replace: Callable[[Path], bool], what: str = "folder") -> None:
    """Refuse (:class:`PolicyKGError`) a target that is a file, or a non-empty folder ``may_replace`` rejects."""
    if path.exists() and not path.is_dir():
        raise PolicyKGError(f"{path}: exists and is not a folder")
    if path.is_dir() and any(path.iterdir()) and not may_replace(path):
        raise PolicyKGError(f"{path}: the folder is not empty and does not hold an earlier {what}; choose another folder or empty it")


@contextlib.contextmanager
def atomic_directory(path: Path, *, may_replace: Callable[[Path], bool], what: str = "folder") -> Iterator[Path]:
    """Yield an empty temporary folder beside ``path``; on success it replaces ``path``.

    An existing ``path`` is replaced only if it is empty or ``may_replace(path)``;
    otherwise :class:`PolicyKGError` (nothing is written). On failure the temporary
    folder is removed and ``path`` is untouched.
    """
    path = Path(path)
    check_target(path, may_replace=may_replace, what=what)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(path.parent)  # what killed runs left: a whole publication's worth of files each
    temporary = Path(tempfile.mkdtemp(prefix=temporary_prefix(path.name), suffix=".tmp", dir=path.parent))
    try:
        yield temporary
        _fsync_tree(temporary)
        os.chmod(temporary, 0o777 & ~umask())  # mkdtemp made it private; give it the mode of a new folder
        crash_point("publish-written")
        if not path.exists():
            os.replace(temporary, path)
        elif exchange(temporary, path):  # one step: the old folder or the new one is there at every instant
            crash_point("publish-exchanged")
            shutil.rmtree(temporary, ignore_errors=True)
        else:  # no atomic exchange here (not Linux): two renames, the old folder put back on failure
            old = Path(tempfile.mkdtemp(prefix=temporary_prefix(path.name), suffix=".old", dir=path.parent))
            os.rmdir(old)
            os.replace(path, old)
            try:
                crash_point("publish-between-renames")
                os.replace(temporary, path)
            except BaseException:
                os.replace(old, path)
                raise
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if temporary.exists():
            shutil.rmtree(temporary, ignore_errors=True)

