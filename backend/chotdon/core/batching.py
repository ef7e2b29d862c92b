"""In-process helpers for jobs that work in batches (webhook ingestion, livestream comments).

Under load, one job's batch settles the items of many queued jobs. Those jobs wait their turn
in the process (`LoopLock`), not on the database, and then find their item settled in memory
(`RecentIds`) without a round trip. Both are optimisations only: the database stays the truth
(row locks, `FOR UPDATE SKIP LOCKED`, statuses), so several worker processes remain correct.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Iterable


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
