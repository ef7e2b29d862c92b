"""What the marketplace API clients (Shopee, TikTok Shop, Lazada, Zalo) share.

`ProcessClient`: the process-wide API client of a provider, built from the settings on first use
in an event loop, rebuilt when the loop or the settings it was built from changed (tests and
`make run` point base URLs at simulators); `set()` puts a given client in place (tests: quick
retries). `HttpClient`: the connection pool, the retry policy and the tail of every request
(transport errors → the provider's `NetworkError`, JSON decoding, the provider's error envelope
through its `error_from`), described once per provider by an `Envelope`."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import httpx
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_exponential

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


class LostCall(Exception):
    """A call that got no answer (a provider's `NetworkError` is also one). `maybe_sent`: the
    request may have reached the provider (a write must then not be repeated blindly)."""

    maybe_sent: bool = False


@dataclass(frozen=True)
class Envelope:
    """How a provider's answers say what went wrong: the part of a client `HttpClient.request`
    needs."""

    provider: str
    """The provider's registry name, in log lines ("shopee")."""
    name: str
    """The provider in error messages: "cannot reach {name}"."""
    error_from: Callable[..., Exception | None]
    """`error_from(status, body, token_call=...)`: the error an answer carries (body None when
    it is not JSON), or None for a success."""
    network_error: Callable[[str], LostCall]
    """The provider's error for a call without an answer, from its message."""
    rate_limited: type[Exception]
    """The provider's rate-limit error: always retried, not worth a log line."""
    retry_also: Callable[[Exception, bool], bool]
    """`retry_also(error, write)`: what else is retried (server errors...), besides rate limits
    and calls that surely did not arrive (`LostCall` without `maybe_sent`, or on a GET)."""
    log: logging.Logger

    def retryable(self, error: BaseException, write: bool) -> bool:
        if isinstance(error, self.rate_limited):
            return True
        if isinstance(error, LostCall):
            return not (write and error.maybe_sent)
        return isinstance(error, Exception) and self.retry_also(error, write)


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

    def retrying(self, envelope: Envelope, method: str) -> AsyncRetrying:
        """`self.attempts` tries with exponential backoff, while `envelope` says the error is
        worth another (a write only when it cannot have arrived)."""
        write = method != "GET"
        return AsyncRetrying(
            retry=retry_if_exception(lambda error: envelope.retryable(error, write)),
            stop=stop_after_attempt(self.attempts),
            wait=wait_exponential(multiplier=self.backoff, max=10),
            reraise=True,
        )

    async def request(
        self,
        envelope: Envelope,
        method: str,
        url: str,
        *,
        token_call: bool = False,
        **request: Any,
    ) -> dict[str, Any]:
        """One call (`request`: httpx's `params`, `json`, `content`, `data`, `files`,
        `headers`): its answer as a JSON object, or the error `envelope` finds in it. A call
        that may have reached the provider (anything after connecting, except on a GET) raises
        a `LostCall` with `maybe_sent`."""
        try:
            response = await self.http.request(method, url, **request)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise envelope.network_error(
                f"cannot reach {envelope.name}: {type(exc).__name__}"
            ) from exc
        except httpx.HTTPError as exc:
            lost = envelope.network_error(f"no answer from {envelope.name}: {type(exc).__name__}")
            lost.maybe_sent = method != "GET"
            raise lost from exc
        try:
            body = response.json()
        except ValueError:
            body = None
        error = envelope.error_from(response.status_code, body, token_call=token_call)
        if error is not None:
            if not isinstance(error, envelope.rate_limited):
                envelope.log.info(
                    "%s %s %s failed: %s", envelope.provider, method, httpx.URL(url).path, error
                )
            raise error
        assert isinstance(body, dict)
        return body
