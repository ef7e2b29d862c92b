"""In-process helpers for jobs that work in batches (webhook ingestion, livestream comments).

Under load, one job's batch settles the items of many queued jobs. Those jobs wait their turn
in the process (`LoopLock`), not on the database, and then find their item settled in memory
(`RecentIds`) without a round trip. On the answering side, `GroupCommit` writes together what
arrives together (webhook deliveries, their jobs) and `Promises` tracks the work left for after
an answer. All are optimisations only: the database stays the truth
(row locks, `FOR UPDATE SKIP LOCKED`, statuses), so several worker processes remain correct.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class RecentIds:
    """Ids this process saw committed as settled; bounded, the oldest fall out."""

    def __init__(self, size: int = 100_000) -> None:
        self.ids: set[int] = set()
        self.order: deque[int] = deque()
        self.size = size

    def add(self, ids: Iterable[int]) -> None:
        for item in ids:
            if item not in self.ids:
                self.ids.add(item)
                self.order.append(item)
        while len(self.order) > self.size:
            self.ids.discard(self.order.popleft())

    def __contains__(self, item: int) -> bool:
        return item in self.ids


class LoopLock:
    """An asyncio.Lock per event loop (tests and reloads run several loops in one process)."""

    def __init__(self) -> None:
        self.current: tuple[asyncio.AbstractEventLoop, asyncio.Lock] | None = None

    def get(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        if self.current is None or self.current[0] is not loop:
            self.current = (loop, asyncio.Lock())
        return self.current[1]


class GroupCommit(Generic[T, R]):
    """Calls that arrive together are handled together, without ever waiting on a timer.

    The first call is written at once (`write_many([item])`); those arriving while that write
    is in flight are written together by the next one, up to `max_items` at a time. Under load
    this turns N round trips (commits, queue calls) into a few. `write_many` returns one result
    per item, in order; if it raises, every call of that group raises the same error.
    """

    def __init__(
        self, write_many: Callable[[list[T]], Awaitable[list[R]]], max_items: int = 500
    ) -> None:
        self.write_many = write_many
        self.max_items = max_items
        self.pending: list[tuple[T, asyncio.Future[R]]] = []
        self.task: asyncio.Task[None] | None = None
        self.loop: asyncio.AbstractEventLoop | None = None

    async def __call__(self, item: T) -> R:
        loop = asyncio.get_running_loop()
        if self.loop is not loop:  # a new event loop (tests, reloads): start afresh
            self.pending, self.task, self.loop = [], None, loop
        future: asyncio.Future[R] = loop.create_future()
        self.pending.append((item, future))
        if self.task is None or self.task.done():
            self.task = loop.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        while self.pending:
            group = self.pending[: self.max_items]
            del self.pending[: self.max_items]
            try:
                results = await self.write_many([item for item, _ in group])
            except Exception as exc:
                for _, future in group:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for (_, future), result in zip(group, results, strict=True):
                if not future.done():
                    future.set_result(result)


class Promises:
    """Work promised before an answer and done after it (a job enqueued once a webhook was
    acknowledged): `settled()` waits until none is outstanding (tests drain the queue then)."""

    def __init__(self) -> None:
        self.count = 0
        self.idle: asyncio.Event | None = None
        self.loop: asyncio.AbstractEventLoop | None = None

    def _event(self) -> asyncio.Event:
        loop = asyncio.get_running_loop()
        if self.loop is not loop or self.idle is None:  # a new event loop: start afresh
            self.count, self.idle, self.loop = 0, asyncio.Event(), loop
            self.idle.set()
        return self.idle

    def promise(self) -> None:
        self._event().clear()
        self.count += 1

    def kept(self) -> None:
        idle = self._event()
        self.count = max(0, self.count - 1)
        if not self.count:
            idle.set()

    async def settled(self) -> None:
        """Wait (5 s at most) until every promise has been kept."""
        idle = self._event()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(5):
                await idle.wait()


class Pacer:
    """At most one batch every `interval` seconds in this process.

    A batch costs a fixed number of statements whatever its size: under a steady stream,
    waiting a few milliseconds for the items that are on their way makes batches of tens
    instead of ones. After a quiet moment there is no wait at all, so a lone item goes at once.
    """

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.last_batch = 0.0

    async def __call__(self) -> None:
        wait = self.last_batch + self.interval - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)

    def done(self) -> None:
        """A batch was committed just now."""
        self.last_batch = time.monotonic()
