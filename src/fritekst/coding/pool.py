"""Coding on several cores: a process pool whose workers each make the coder once.

A coder made by :func:`~fritekst.coding.make_coder` (or named by a
:class:`~fritekst.coding.CoderSpec`) is made again in each worker from that description — the
model's files on disk, a second or two — and the loaded coder never travels between processes
(where workers are forked, as on Linux, they start with the coder made here and make nothing).
Any other coder (a model trained in memory, a coder of one's own) is pickled once here and
sent once to each worker; one that cannot be pickled codes in this process.

Texts go to the workers in chunks of thousands, and fewer than :data:`MIN_POOLED` texts are
coded in this process: below that, starting the workers and loading the model in each costs
more than sharing the work saves (``scripts/bench_workers.py`` measures where that is).
"""

from __future__ import annotations

import gc
import math
import multiprocessing as mp
import os
import pickle
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from fritekst.coding import CoderSpec, spec_of
from fritekst.coding.base import Coder, Coding
from fritekst.errors import FritekstError, SettingsError

T = TypeVar("T")
R = TypeVar("R")

# distinct texts under which coding stays in this process. scripts/bench_workers.py: the pool
# of two forked workers costs about 0.5 s of CPU (starting, copying pages, sending results),
# against 2.5-3 s to code 8,000 texts; so from here it pays whenever a second core is even
# partly free, and smaller inputs could gain a second at most (where workers are spawned and
# load the model, as on Windows and macOS, each costs seconds more)
MIN_POOLED = 8000
BATCH = 2000  # texts a worker codes per chunk: its result is a few hundred kB to send back


# Windows' process pools take at most 61 workers; beyond a few, coding gains little and each
# worker holds its own word caches
MAX_DEFAULT_WORKERS = 8


def usable_cores() -> int:
    """The cores this process may run on (where the system tells), at most
    :data:`MAX_DEFAULT_WORKERS`: the command line's default ``--workers``."""
    if hasattr(os, "sched_getaffinity"):
        cores = len(os.sched_getaffinity(0)) or 1
    else:  # Windows, macOS
        cores = os.cpu_count() or 1
    return min(cores, MAX_DEFAULT_WORKERS)


def default_workers() -> int:
    """What ``workers=None`` means in the library: :func:`usable_cores` where workers are
    forked from this process, as on Linux; one where they would be spawned (Windows, macOS),
    since a spawned worker runs the calling script again, which a script without an
    ``if __name__ == "__main__":`` guard cannot bear. Asked for explicitly (``workers=N``,
    and the command line, whose entry point is guarded), spawned workers are used too."""
    return usable_cores() if _context().get_start_method() == "fork" else 1


def _context():
    """Fork where the system has it safely (Linux: workers start with the coder made here,
    whatever Python's default start method); spawn elsewhere."""
    if sys.platform.startswith("linux"):
        return mp.get_context("fork")
    return mp.get_context()


_LOADED: dict[str, Coder] = {}
_KEEP = 2  # coders a long-lived worker (Dask's) keeps: the ones used last
_LOADING = threading.Lock()  # a Dask worker may run several partitions at once, in threads


def loaded(spec: CoderSpec) -> Coder:
    """The coder ``spec`` describes, made once per process (known by its fingerprint): a
    worker, of the pool here or of a Dask cluster, loads the model the first time only."""
    key = spec.fingerprint()
    with _LOADING:
        coder = _LOADED.pop(key, None) or spec.make()
        _LOADED[key] = coder  # last used last
        while len(_LOADED) > _KEEP:
            del _LOADED[next(iter(_LOADED))]
        return coder


_worker_coder: Coder | None = None  # in a worker process: the coder it made at its start
_worker_error: BaseException | None = None  # or what stopped it from making one


def _start(how: CoderSpec | bytes) -> None:
    global _worker_coder, _worker_error
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)  # the workers share the cores out; each one's BLAS keeps to one
    try:
        _worker_coder = loaded(how) if isinstance(how, CoderSpec) else pickle.loads(how)
    except Exception as exc:  # told by the first task, as one line, not lost in a traceback
        _worker_error = exc


def _run(task: Callable[[Coder, T], R], item: T) -> R:
    if _worker_coder is None:
        if isinstance(_worker_error, FritekstError):
            raise _worker_error
        raise FritekstError(f"a worker process could not make the coder ({_worker_error}); "
                            "check that the model and codebook files are still there, or "
                            "run with --workers 1.")
    return task(_worker_coder, item)


def shipped(coder: Coder) -> CoderSpec | bytes | None:
    """How the workers get ``coder``: its spec, or its pickle; None when neither exists."""
    spec = spec_of(coder)
    if spec is not None:
        return spec
    try:
        return pickle.dumps(coder, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # a coder holding something that cannot be pickled (a lambda, a lock)
        return None


class CoderPool:
    """``workers`` processes that each hold the coder; :meth:`map` runs a task in them."""

    def __init__(self, how: CoderSpec | bytes, workers: int):
        self._pool = ProcessPoolExecutor(max_workers=min(workers, 61), mp_context=_context(),
                                         initializer=_start, initargs=(how,))

    def __enter__(self) -> CoderPool:
        return self

    def __exit__(self, *exc) -> None:
        self._pool.shutdown(cancel_futures=True)

    def map(self, task: Callable[[Coder, T], R], items: Sequence[T],
            done: Callable[[int], None] | None = None) -> list[R]:
        """``task(coder, item)`` for every item, in the items' order; ``done(i)`` is called
        as each item's result comes back (in whatever order the workers finish)."""
        futures: list[Future[R]] = [self._pool.submit(_run, task, item) for item in items]
        index = {f: i for i, f in enumerate(futures)}
        try:
            for future in as_completed(futures):
                future.result()  # a worker's error is raised here, at once
                if done:
                    done(index[future])
        except BrokenProcessPool:
            guard = "" if _context().get_start_method() == "fork" else (
                " A script that codes on several workers needs its work under "
                "'if __name__ == \"__main__\":'.")
            raise FritekstError("a worker process ended without finishing its work (out of "
                                "memory?); run with fewer workers (--workers 1 codes in one "
                                "process)." + guard) from None
        return [f.result() for f in futures]


def pool_size(workers: int | None, tasks: int) -> int:
    """Worker processes to start for ``tasks`` pieces of work: ``workers`` (the machine's
    cores when None), never more than there are pieces."""
    if workers is not None and workers < 1:
        raise SettingsError(f"workers must be at least 1, not {workers}.")
    return max(1, min(workers or default_workers(), tasks))


def run_tasks(coder: Coder, task: Callable[[Coder, T], R], items: Sequence[T], *,
              workers: int, done: Callable[[int], None] | None = None) -> list[R]:
    """``task(coder, item)`` for every item, in the items' order: on ``workers`` processes
    that each hold the coder, or here when ``workers`` is 1 (or the coder cannot be sent to
    them). ``done(i)`` is told as item ``i`` is finished."""
    # a worker's own work stays in it (a spawned worker that runs a script again lands here)
    nested = mp.parent_process() is not None
    how = shipped(coder) if workers > 1 and len(items) > 1 and not nested else None
    if how is None:
        out = []
        for i, item in enumerate(items):
            out.append(task(coder, item))
            if done:
                done(i)
        return out
    # workers forked from this process find the coder already made here
    key = how.fingerprint() if isinstance(how, CoderSpec) else None
    lent = key is not None and _LOADED.setdefault(key, coder) is coder
    # and leave alone the objects they share with it: a garbage collection in a forked worker
    # visits every object it inherited, which copies their pages (time, and memory)
    gc.freeze()
    try:
        with CoderPool(how, workers) as pool:
            return pool.map(task, items, done)
    finally:
        gc.unfreeze()
        if lent and key is not None:
            _LOADED.pop(key, None)


def _code_chunk(coder: Coder, chunk: tuple[list[str], list[str | None], list[str]]
                ) -> list[Coding]:
    return coder.code(*chunk)


def code_texts(coder: Coder, texts: Sequence[str], polarities: Sequence[str | None],
               kinds: Sequence[str] | None = None, *, workers: int | None = None,
               batch: int | None = None, progress: Callable[[int, int], None] | None = None
               ) -> list[Coding]:
    """``coder.code`` over the texts, in chunks of about ``batch`` (:data:`BATCH` when None):
    on ``workers`` processes (the machine's cores when None) when there are at least
    :data:`MIN_POOLED` texts, else here. ``progress(texts_done, texts)`` is told as each chunk
    finishes. The codings are the same, in the same order, however many workers code them."""
    kinds = list(kinds) if kinds is not None else ["answer"] * len(texts)
    batch = batch or BATCH
    n = len(texts)
    size = pool_size(workers, math.ceil(n / batch))
    size = size if n >= MIN_POOLED else 1
    # chunks of even size, a whole number of them per worker, so that none waits on the last
    per = max(1, math.ceil(n / (size * math.ceil(n / (size * batch))))) if n else 1
    chunks = [(list(texts[s:s + per]), list(polarities[s:s + per]), kinds[s:s + per])
              for s in range(0, n, per)]
    finished = 0

    def done(i: int) -> None:
        nonlocal finished
        finished += len(chunks[i][0])
        if progress:
            progress(finished, n)

    parts = run_tasks(coder, _code_chunk, chunks, workers=size, done=done)
    return [c for part in parts for c in part]
