"""Graph API client: one `httpx.AsyncClient` per process, typed errors, retries on rate limits.

Graph error JSON (`{"error": {code, error_subcode, message, is_transient...}}`) becomes a
`GraphError` subclass chosen by code/subcode, because Facebook tells the kinds apart by code, not
by HTTP status or (localised) message text:

- `RateLimited` (4, 17, 32, 613, 80001, 80006) and `TransientError` (1, 2, is_transient): retried
  with exponential backoff that honours the usage headers (`X-App-Usage`, `X-Page-Usage`,
  `X-Business-Use-Case-Usage` with `estimated_time_to_regain_access`);
- `TokenInvalid` (190, 102): the page must be reconnected; callers mark the channel disconnected;
- `OutsideWindow` (10/2018278, 10/2534022...), `RecipientUnavailable` (551),
  `PrivateReplyNotAllowed` (10900, 10903): the send is refused for good, never retried.

Safety of retries: GETs are retried on network errors too; writes (`post`, `delete`) only when
Facebook answered with an error (so the write did not happen) or the connection was never made.
A write that timed out after being sent may have happened and is not repeated here.

Paths are relative to the Graph base URL and checked by `channels.safe_urls.provider_url`: an
absolute URL, another host or a path-like id is refused (`UnsafePath`) before any request, so a
page token never leaves for somewhere else.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

import httpx
import orjson
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
)

from chotdon.channels.safe_urls import UnsafeProviderUrl, provider_url
from chotdon.core import metrics
from chotdon.core.settings import get_settings

log = logging.getLogger(__name__)

RATE_LIMIT_CODES = frozenset({4, 17, 32, 613, 80001, 80006})
TOKEN_CODES = frozenset({190, 102})
WINDOW_SUBCODES = frozenset({2018278, 2534022, 2018065, 2018108})
PRIVATE_REPLY_CODES = frozenset({10900, 10903})
MAX_BACKOFF_SECONDS = 30.0


@dataclass
class GraphError(Exception):
    """An error answered by the Graph API (or a failure to reach it)."""

    message: str
    code: int | None = None
    subcode: int | None = None
    http_status: int | None = None
    is_transient: bool = False
    fbtrace_id: str | None = None
    retry_after: float | None = None
    body: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(self.message)

    @property
    def code_label(self) -> str:
        """`"10/2018278"`, stored on failed messages next to the human reason."""
        if self.code is None:
            return "network"
        return f"{self.code}/{self.subcode}" if self.subcode else str(self.code)

    def __str__(self) -> str:
        return f"({self.code_label}) {self.message}"


class RateLimited(GraphError):
    pass


class TransientError(GraphError):
    pass


class TokenInvalid(GraphError):
    pass


class OutsideWindow(GraphError):
    pass


class RecipientUnavailable(GraphError):
    pass


class PrivateReplyNotAllowed(GraphError):
    pass


class PermissionDenied(GraphError):
    pass


class InvalidParameter(GraphError):
    pass


class UnsafePath(InvalidParameter):
    """The path would leave the Graph API (absolute URL, other host, id that is a path)."""


class NetworkError(GraphError):
    """Facebook could not be reached. `maybe_sent` is True when a write may have arrived."""

    maybe_sent: bool = False


def error_from_response(status: int, body: Any, headers: httpx.Headers | None = None) -> GraphError:
    """Turn a Graph error response into the right `GraphError` subclass."""
    err = body.get("error") if isinstance(body, dict) else None
    if not isinstance(err, dict):
        return TransientError(f"HTTP {status} without a Graph error body", http_status=status)
    code = _int(err.get("code"))
    subcode = _int(err.get("error_subcode"))
    kwargs: dict[str, Any] = {
        "message": str(err.get("error_user_msg") or err.get("message") or "Graph API error"),
        "code": code,
        "subcode": subcode,
        "http_status": status,
        "is_transient": bool(err.get("is_transient")),
        "fbtrace_id": err.get("fbtrace_id"),
        "body": err,
    }
    if code in RATE_LIMIT_CODES:
        return RateLimited(retry_after=_regain_seconds(headers), **kwargs)
    if code in TOKEN_CODES:
        return TokenInvalid(**kwargs)
    if code == 10 and (subcode in WINDOW_SUBCODES or subcode is None):
        return OutsideWindow(**kwargs)
    if code == 551:
        return RecipientUnavailable(**kwargs)
    if code in PRIVATE_REPLY_CODES:
        return PrivateReplyNotAllowed(**kwargs)
    if code in (1, 2) or kwargs["is_transient"] or status >= 500:
        return TransientError(**kwargs)
    if code == 200 or (code is not None and 200 <= code < 300):
        return PermissionDenied(**kwargs)
    if code == 100:
        return InvalidParameter(**kwargs)
    return GraphError(**kwargs)


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def usage_percent(headers: httpx.Headers | None) -> int:
    """The highest usage value (0-100) any usage header reports."""
    if headers is None:
        return 0
    top = 0
    for name in ("x-app-usage", "x-page-usage", "x-ad-account-usage"):
        raw = headers.get(name)
        if raw:
            try:
                values = orjson.loads(raw)
                top = max(top, *(int(v) for v in values.values() if isinstance(v, int | float)))
            except (orjson.JSONDecodeError, ValueError, TypeError, AttributeError):
                pass
    buc = headers.get("x-business-use-case-usage")
    if buc:
        try:
            for entries in orjson.loads(buc).values():
                for entry in entries:
                    for key in ("call_count", "total_cputime", "total_time"):
                        top = max(top, int(entry.get(key) or 0))
        except (orjson.JSONDecodeError, ValueError, TypeError, AttributeError):
            pass
    return top


def _regain_seconds(headers: httpx.Headers | None) -> float | None:
    """`estimated_time_to_regain_access` (minutes) from the BUC header, in seconds."""
    if headers is None:
        return None
    raw = headers.get("x-business-use-case-usage")
    if not raw:
        return None
    try:
        minutes = max(
            float(entry.get("estimated_time_to_regain_access") or 0)
            for entries in orjson.loads(raw).values()
            for entry in entries
        )
    except (orjson.JSONDecodeError, ValueError, TypeError, AttributeError):
        return None
    return minutes * 60 if minutes > 0 else None


def _retryable(write: bool):
    def check(exc: BaseException) -> bool:
        if isinstance(exc, RateLimited | TransientError):
            return True
        if isinstance(exc, NetworkError):
            return not (write and exc.maybe_sent)
        return False

    return check


class _Backoff:
    """Exponential backoff (0.2 s, 0.4 s ...) that waits longer when Facebook says so."""

    def __init__(self, base: float) -> None:
        self.base = base

    def __call__(self, state: RetryCallState) -> float:
        delay = self.base * (2 ** (state.attempt_number - 1))
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, GraphError) and exc.retry_after:
            delay = max(delay, exc.retry_after)
        return min(delay, MAX_BACKOFF_SECONDS)


class GraphClient:
    """Calls the Graph API with a page token (passed per call, decrypted by the caller)."""

    def __init__(
        self,
        base_url: str,
        *,
        http: httpx.AsyncClient | None = None,
        attempts: int = 4,
        backoff: float = 0.2,
        timeout: float = 20.0,
        throttle_pause: float = 1.0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.http = http or httpx.AsyncClient(
            timeout=httpx.Timeout(timeout, connect=5.0),
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
        )
        self.attempts = attempts
        self.backoff = backoff
        self.throttle_pause = throttle_pause
        # Highest usage seen recently: above 90 % we slow down before Facebook throttles us.
        self.last_usage = 0

    async def aclose(self) -> None:
        await self.http.aclose()

    def url(self, path: str) -> str:
        """The URL of a Graph path; `UnsafePath` for anything but a plain relative path."""
        try:
            return provider_url(self.base_url, path)
        except UnsafeProviderUrl as exc:
            raise UnsafePath(str(exc), code=100) from exc

    async def get(self, path: str, token: str, params: dict[str, Any] | None = None) -> Any:
        return await self.request("GET", path, token, params=params)

    async def post(
        self,
        path: str,
        token: str,
        json: Any = None,
        params: dict[str, Any] | None = None,
        files: dict[str, Any] | None = None,
        data: dict[str, Any] | None = None,
    ) -> Any:
        return await self.request(
            "POST", path, token, json=json, params=params, files=files, data=data
        )

    async def delete(self, path: str, token: str, params: dict[str, Any] | None = None) -> Any:
        return await self.request("DELETE", path, token, params=params)

    async def request(self, method: str, path: str, token: str, **kwargs: Any) -> Any:
        write = method != "GET"
        retrying = AsyncRetrying(
            retry=retry_if_exception(_retryable(write)),
            stop=stop_after_attempt(self.attempts),
            wait=_Backoff(self.backoff),
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                return await self._once(method, path, token, **kwargs)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _once(self, method: str, path: str, token: str, **kwargs: Any) -> Any:
        if self.last_usage >= 95:
            await asyncio.sleep(self.throttle_pause)  # close to the limit: spread calls out
        url = self.url(path)
        headers = {"Authorization": f"Bearer {token}"}
        try:
            response = await self.http.request(method, url, headers=headers, **kwargs)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise NetworkError(f"cannot reach Facebook: {type(exc).__name__}") from exc
        except httpx.HTTPError as exc:
            lost = NetworkError(f"no answer from Facebook: {type(exc).__name__}")
            lost.maybe_sent = method != "GET"
            raise lost from exc
        self.last_usage = usage_percent(response.headers)
        try:
            body = response.json() if response.content else {}
        except ValueError:
            body = None
        if response.status_code >= 400 or (isinstance(body, dict) and "error" in body):
            error = error_from_response(response.status_code, body, response.headers)
            metrics.graph_api_error(error.code, error.subcode)
            if not isinstance(error, RateLimited | TransientError):
                log.info("graph %s %s failed: %s", method, path.split("?")[0], error)
            raise error
        if body is None:
            raise TransientError("Graph answered with a body that is not JSON")
        return body

    async def paginate(
        self, path: str, token: str, params: dict[str, Any] | None = None, *, max_pages: int = 1000
    ):
        """Yield `(items, next_after_cursor)` page by page, following `paging.cursors.after`."""
        params = dict(params or {})
        for _ in range(max_pages):
            body = await self.get(path, token, params)
            items = body.get("data") or []
            paging = body.get("paging") or {}
            after = (paging.get("cursors") or {}).get("after") if paging.get("next") else None
            yield items, after
            if not after:
                return
            params["after"] = after


_client: GraphClient | None = None
_client_loop: asyncio.AbstractEventLoop | None = None


def get_graph() -> GraphClient:
    """The process-wide client (recreated if the event loop changed, e.g. between test runs)."""
    global _client, _client_loop
    loop = asyncio.get_running_loop()
    base_url = get_settings().facebook_graph_url.rstrip("/")
    if _client is None or _client_loop is not loop or _client.base_url != base_url:
        _client = GraphClient(base_url)
        _client_loop = loop
    return _client


def set_graph(client: GraphClient | None) -> None:
    """Replace the process-wide client (tests point it at the simulator)."""
    global _client, _client_loop
    _client = client
    _client_loop = asyncio.get_running_loop() if client is not None else None


async def close_graph() -> None:
    global _client
    if _client is not None:
        await _client.aclose()
        _client = None
