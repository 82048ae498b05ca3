"""Atomic file writes: write to a temporary file beside the target, then rename.

An interrupted run (crash, kill, full disk) leaves either the old file or the new
one, never half of one.  Temporary names carry the process id
(``.graph.ttl.<pid>.<random>.tmp``), so that a later run can tell the leftovers of a
killed process from the files of one still running, and remove them
(:func:`remove_stale`).  Files get the mode of any new file (``0666`` less the umask).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import re
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

#: Set to a crash point's name (see :func:`crash_point`), the process kills itself there: for tests only.
CRASH_ENV = "POLICYKG_TEST_CRASH_AT"
# A temporary name made by this module or by tempfile with temporary_prefix(): ".NAME.<pid>.<random>.tmp"
# (or ".old"); also the folders "policykg-build-<pid>-<random>" of a build's worker files.
_STALE = re.compile(r"^\..+\.([0-9]+)\.[^.]+\.(?:tmp|old)$|^policykg-build-([0-9]+)-.+$")


def crash_point(name: str) -> None:
    """Kill this process with SIGKILL here if the environment asks for it (``POLICYKG_TEST_CRASH_AT=name``).

    Tests use it to interrupt a run at a chosen instant, deterministically, as ``kill -9`` would.
    """
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def umask() -> int:
    """The process's umask, read without changing it where the system allows (Linux), since changing it is process-wide."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def temporary_prefix(name: str) -> str:
    """The prefix of a temporary name for ``name``, with this process's id (see :func:`remove_stale`)."""
    return f".{name}.{os.getpid()}."


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` exists (possibly another user's)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def remove_stale(folder: str | Path) -> list[Path]:
    """Remove the temporary files and folders that killed runs left in ``folder``; returns them.

    Only names this module's scheme makes (``.NAME.<pid>.<random>.tmp`` / ``.old``,
    ``policykg-build-<pid>-<random>``), owned by this user, whose process is gone.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _STALE.match(entry.name)
        if not match:
            continue
        try:
            if entry.stat(follow_symlinks=False).st_uid != os.getuid() or process_alive(int(match.group(1) or match.group(2))):
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


@contextlib.contextmanager
def atomic_open(path: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file that replaces ``path`` only if the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=temporary_prefix(path.name), suffix=".tmp", dir=path.parent)
    binary = "b" in mode
    try:
        os.fchmod(handle, 0o666 & ~umask())  # mkstemp makes it private; give it the mode of a new file
        with os.fdopen(handle, mode, encoding=None if binary else encoding, newline=None if binary else "") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        crash_point("atomic-written")
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def atomic_write_text(path: str | Path, text: str) -> Path:
    """Write ``text`` to ``path`` atomically (UTF-8)."""
    with atomic_open(path, "w") as stream:
        stream.write(text)
    return Path(path)


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically."""
    with atomic_open(path, "wb") as stream:
        stream.write(data)
    return Path(path)


_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def exchange(first: str | Path, second: str | Path) -> bool:
    """Swap two paths in one atomic step (Linux ``renameat2(RENAME_EXCHANGE)``); ``False`` where unsupported.

    Both must exist.  At every instant each path holds one of the two, never nothing.
    """
    name = ctypes.util.find_library("c")
    libc = ctypes.CDLL(name, use_errno=True) if name else None
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    error = ctypes.get_errno()
    if error in (38, 22, 95):  # ENOSYS, EINVAL, EOPNOTSUPP: the kernel or the file system cannot
        return False
    raise OSError(error, os.strerror(error), str(first))
