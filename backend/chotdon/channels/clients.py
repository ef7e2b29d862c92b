"""The process-wide API client of a provider: built from the settings on first use in an event
loop, rebuilt when the loop or the settings it was built from changed (tests and `make run`
point base URLs at simulators); `set()` puts a given client in place (tests: quick retries)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

import httpx

from chotdon.core.settings import Settings, get_settings

C = TypeVar("C")


class ProcessClient(Generic[C]):
    def __init__(self, build: Callable[[Settings], C], key: Callable[[Settings], Hashable]) -> None:
        self._build = build
        self._key = key
        self._client: C | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._built_for: Hashable = None

    def get(self) -> C:
        loop = asyncio.get_running_loop()
        settings = get_settings()
        key = self._key(settings)
        if self._client is None or self._loop is not loop or self._built_for != key:
            self._client = self._build(settings)
            self._loop, self._built_for = loop, key
        return self._client

    def set(self, client: C | None) -> None:
        self._client = client
        self._loop = asyncio.get_running_loop() if client is not None else None
        self._built_for = self._key(get_settings()) if client is not None else None


class HttpClient:
    """What a provider's API client holds: its HTTP connection pool and its retry policy."""

    def __init__(
        self,
        *,
        http: httpx.AsyncClient | None = None,
        attempts: int = 4,
        backoff: float = 0.2,
        timeout: float = 20.0,
    ) -> None:
        self.http = http or httpx.AsyncClient(timeout=httpx.Timeout(timeout, connect=5.0))
        self.attempts = attempts
        self.backoff = backoff

    async def aclose(self) -> None:
        await self.http.aclose()
