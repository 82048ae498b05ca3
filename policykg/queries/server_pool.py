"""A pool of Oxigraph SPARQL servers, each answering one query at a time, each killable.

``policykg serve`` answers SPARQL with the Oxigraph server (the ``oxigraph`` wheel's
``oxigraph serve-read-only``) over the store the project keeps. Measured on the seed store,
that server alone does not bound time or memory (figures in ``benchmarks/README.md``): its
``--timeout-s`` is checked too rarely (a ``COUNT`` over three joined patterns ran many times
its timeout, and an ``ORDER BY`` over two was never stopped and grew without bound), and a
deeply nested query (a few KB of ``{{{...}}}``) overflows a thread's stack and aborts the
whole server.

So each query gets a server process of its own for its duration: :class:`WorkerPool` keeps
``size`` idle ``oxigraph serve-read-only`` processes on 127.0.0.1, hands one to a request,
and takes it back when the answer is complete. A worker that runs past its deadline, grows
past ``memory_limit`` bytes, or dies (a stack overflow) is killed and replaced; the other
workers go on serving. The store is opened read-only by every worker (Oxigraph allows many
read-only readers).
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from policykg.errors import PolicyKGError

#: each worker thread's stack (Rust's ``RUST_MIN_STACK``): deep but legal nesting parses instead of aborting
WORKER_STACK_BYTES = 256 * 1024 * 1024
#: a worker using more memory than this (resident) is killed and its query answered 503
DEFAULT_MEMORY_LIMIT = 1024 * 1024 * 1024
#: how often a busy worker's memory is looked at
MEMORY_POLL_SECONDS = 0.05
START_TIMEOUT = 30.0


def oxigraph_binary() -> str:
    """The ``oxigraph`` command of the ``oxigraph`` wheel: beside this Python, else on the PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise PolicyKGError("the Oxigraph server is not installed: pip install 'oxigraph>=0.5,<0.6' (a dependency of policykg)")
    return found


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def resident_bytes(pid: int) -> int | None:
    """The resident memory of process ``pid`` (Linux ``/proc``), or ``None`` where it cannot be read."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


class Worker:
    """One ``oxigraph serve-read-only`` process on 127.0.0.1."""

    def __init__(self, store: Path, log: Path, timeout: float) -> None:
        self.port = _free_port()
        self.log = log
        env = {**os.environ, "RUST_MIN_STACK": str(WORKER_STACK_BYTES)}
        # Oxigraph's own timeout is a backstop only (for a worker whose pool is gone): the pool kills first.
        command = [oxigraph_binary(), "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{self.port}",
                   "--timeout-s", str(math.ceil(timeout) + 2)]
        with open(log, "wb") as errors:
            self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors, env=env)

    async def ready(self) -> None:
        """Wait until the worker listens; raises :class:`PolicyKGError` (with its message) if it stopped."""
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                message = self.log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
                raise PolicyKGError(f"the Oxigraph server stopped at start: {message[-1] if message else 'no message'}")
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", self.port)
            except OSError:
                await asyncio.sleep(0.02)
                continue
            writer.close()
            return
        self.kill()
        raise PolicyKGError(f"the Oxigraph server did not start within {START_TIMEOUT:g} s")

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def memory(self) -> int | None:
        return resident_bytes(self.process.pid)

    def kill(self) -> None:
        """Stop the process at once (SIGKILL) and reap it."""
        if self.process.poll() is None:
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)


class WorkerPool:
    """``size`` workers over one store; :meth:`acquire` one, then :meth:`release` or :meth:`discard` it."""

    def __init__(self, store: str | Path, *, size: int, timeout: float, memory_limit: int = DEFAULT_MEMORY_LIMIT) -> None:
        self.store = Path(store)
        self.size = size
        self.timeout = timeout
        self.memory_limit = memory_limit
        self._logs = tempfile.TemporaryDirectory(prefix="policykg-serve-")
        self._idle: asyncio.Queue[Worker] = asyncio.Queue()
        self._all: set[Worker] = set()
        self._starting: set[asyncio.Task[None]] = set()
        self._count = 0
        self.replaced = 0  # workers killed (deadline, memory) or found dead, and replaced

    def _new(self) -> Worker:
        self._count += 1
        worker = Worker(self.store, Path(self._logs.name) / f"worker-{self._count}.log", self.timeout)
        self._all.add(worker)
        return worker

    async def _started(self) -> Worker:
        """A new worker, listening; three tries (its port, chosen free, may have been taken meanwhile)."""
        for attempt in range(3):
            worker = self._new()
            try:
                await worker.ready()
                return worker
            except PolicyKGError:
                self._all.discard(worker)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def start(self) -> None:
        """Start every worker; raises :class:`PolicyKGError` if the server cannot open the store."""
        try:
            workers = await asyncio.gather(*(self._started() for _ in range(self.size)))
        except PolicyKGError:
            self.close()
            raise
        for worker in workers:
            self._idle.put_nowait(worker)

    async def acquire(self, timeout: float) -> Worker | None:
        """An idle, live worker, waiting up to ``timeout`` seconds; ``None`` if all stayed busy."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            try:
                worker = await asyncio.wait_for(self._idle.get(), remaining)
            except TimeoutError:
                return None
            if worker.alive:
                return worker
            self.discard(worker)  # died while idle: replace it and take another

    def release(self, worker: Worker) -> None:
        """Give back a worker whose answer was read to the end."""
        if worker.alive:
            self._idle.put_nowait(worker)
        else:
            self.discard(worker)

    def discard(self, worker: Worker) -> None:
        """Kill a worker (out of time, over its memory, or whose client left) and start its replacement."""
        worker.kill()
        self._all.discard(worker)
        self.replaced += 1
        task = asyncio.get_running_loop().create_task(self._replace())
        self._starting.add(task)
        task.add_done_callback(self._starting.discard)

    async def _replace(self) -> None:
        try:
            self._idle.put_nowait(await self._started())
        except PolicyKGError as error:  # the pool is one worker short; the others go on serving
            print(f"policykg serve: a query process could not be replaced: {error}", file=sys.stderr)

    async def watch(self, worker: Worker) -> str:
        """Return why ``worker`` must be stopped once it dies or grows past the memory limit (run as a task, cancelled when done)."""
        while True:
            if not worker.alive:
                return "the query stopped the query process (too deeply nested?)"
            used = worker.memory()
            if used is not None and used > self.memory_limit:
                return f"the query needed more than {self.memory_limit // 2**20} MB of memory and was stopped"
            await asyncio.sleep(MEMORY_POLL_SECONDS)

    def close(self) -> None:
        """Kill every worker."""
        for task in self._starting:
            task.cancel()
        for worker in list(self._all):
            worker.kill()
        self._all.clear()
        self._logs.cleanup()
