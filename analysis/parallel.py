"""Run one function over many items: in this process, on this machine's cores, or on a Dask cluster.

The default stays on this machine (a process pool when there is enough work to
pay for starting one). `scheduler` is the address of a running Dask
scheduler (`tcp://host:8786`), for corpora beyond one machine; `distributed`
is imported only then. Items go out in chunks, so a task is worth sending.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from analysis.errors import InputError

T = TypeVar("T")
R = TypeVar("R")
#: Below this many items a process pool costs more than it saves.
POOL_FROM = 64
#: Seconds to wait for a Dask scheduler before giving up with a one-line error.
CONNECT_TIMEOUT = 10


def _chunks(items: Sequence[T], size: int) -> list[list[T]]:
    return [list(items[k:k + size]) for k in range(0, len(items), size)]


def _apply(function: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [function(item) for item in chunk]


def map_chunks(function: Callable[[T], R], items: Sequence[T], *, scheduler: str | None = None,
               workers: int | None = None, chunksize: int = 32) -> list[R]:
    """`[function(x) for x in items]`, in order, run where `scheduler` says (None: this machine)."""
    chunks = _chunks(items, chunksize)
    if scheduler:
        return [r for part in _on_dask(function, chunks, scheduler) for r in part]
    workers = workers or os.cpu_count() or 1
    if len(items) < POOL_FROM or workers == 1:
        return [function(item) for item in items]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return [r for part in pool.map(_apply, [function] * len(chunks), chunks) for r in part]


def _on_dask(function: Callable[[T], R], chunks: list[list[T]], scheduler: str) -> list[list[R]]:
    try:
        from distributed import Client
    except ImportError:
        raise InputError("--scheduler needs dask.distributed (pip install -r requirements.lock)") from None
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except Exception as err:  # noqa: BLE001 - distributed raises OSError, TimeoutError, ValueError or AssertionError here
        reason = " ".join(str(err).split()) or type(err).__name__
        raise InputError(f"cannot reach the Dask scheduler at {scheduler} ({reason})") from None
    with client:
        futures = client.map(_apply, [function] * len(chunks), chunks, pure=False)
        return client.gather(futures)
