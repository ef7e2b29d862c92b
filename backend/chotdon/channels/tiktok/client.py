"""TikTok Shop Partner API client: signed calls, the error envelope, retries.

Calls go to `TIKTOK_API_URL` with `app_key`, `timestamp`, `shop_cipher` (shop calls) and
`sign` (`signing.api_sign`, over the path, the sorted query and the raw JSON body) in the query
and the shop's token in `x-tts-access-token`. Token calls go to `TIKTOK_AUTH_URL`
(`/api/v2/token/get|refresh`, unsigned, with `app_secret`). Answers are `{code, message,
request_id, data}`; `code` 0 is success whatever the HTTP status, which TikTok does not
document (channels-api.md §2.2):

- codes starting `105` on API calls: `TokenInvalid`, the caller refreshes once and retries;
- any refusal on the token endpoints: `RefreshRefused`, the shop must be reconnected;
- "try again" codes, HTTP 429 / 5xx, network errors before sending: retried with backoff (GETs
  also after a timeout; writes only when TikTok did not get them).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
import orjson

from chotdon.channels.clients import Envelope, HttpClient, LostCall, ProcessClient
from chotdon.channels.safe_urls import UnsafeProviderUrl, provider_url
from chotdon.channels.tiktok.signing import api_sign
from chotdon.core.settings import get_settings

log = logging.getLogger(__name__)

API_VERSION = "202309"
RETRY_CODES = frozenset({36009003, 45101001})
RATE_LIMIT_CODE = 36009004
# The send refusals of channels-api.md §2.5 that mean "this buyer may not be messaged now".
CONVERSATION_RULE_CODES = frozenset({45109001})


@dataclass
class TikTokError(Exception):
    code: int
    message: str = ""
    request_id: str | None = None
    http_status: int | None = None
    body: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(f"{self.code}: {self.message}")

    def __str__(self) -> str:
        return f"({self.code}) {self.message}"


class RateLimited(TikTokError):
    pass


class TokenInvalid(TikTokError):
    pass


class RefreshRefused(TikTokError):
    pass


class NetworkError(TikTokError, LostCall):
    pass


def error_from(status: int, body: Any, *, token_call: bool = False) -> TikTokError | None:
    """The error an answer carries, or None for a success."""
    if not isinstance(body, dict):
        return TikTokError(-1, f"HTTP {status}: body is not JSON", http_status=status)
    try:
        code = int(body.get("code") or 0)
    except (TypeError, ValueError):
        code = -1
    if code == 0:
        if status == 429:
            return RateLimited(RATE_LIMIT_CODE, "HTTP 429", http_status=status)
        if status >= 500:
            return TikTokError(-1, f"HTTP {status}", http_status=status)
        return None
    kwargs: dict[str, Any] = {
        "message": str(body.get("message") or ""),
        "request_id": body.get("request_id"),
        "http_status": status,
        "body": body,
    }
    if token_call:
        return RefreshRefused(code, **kwargs)
    if code == RATE_LIMIT_CODE or status == 429:
        return RateLimited(code, **kwargs)
    if str(code).startswith("105"):
        return TokenInvalid(code, **kwargs)
    return TikTokError(code, **kwargs)


def _retry_also(error: Exception, write: bool) -> bool:
    """TikTok's "try again" codes; a 5xx (code -1) only on a read."""
    if isinstance(error, TikTokError) and not isinstance(error, TokenInvalid | RefreshRefused):
        return error.code in RETRY_CODES or (error.code == -1 and not write)
    return False


ENVELOPE = Envelope(
    provider="tiktok",
    name="TikTok Shop",
    error_from=error_from,
    network_error=lambda message: NetworkError(-3, message),
    rate_limited=RateLimited,
    retry_also=_retry_also,
    log=log,
)


class TikTokClient(HttpClient):
    def __init__(
        self, api_url: str, auth_url: str, app_key: str, app_secret: str, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.api_url = api_url.rstrip("/")
        self.auth_url = auth_url.rstrip("/")
        self.app_key = app_key
        self.app_secret = app_secret

    # -- OAuth (channels-api.md §2.1) ----------------------------------------------------------
    async def get_token(self, auth_code: str) -> dict[str, Any]:
        params = {"auth_code": auth_code, "grant_type": "authorized_code"}
        return await self._token_call("/api/v2/token/get", params)

    async def refresh_token(self, refresh_token: str) -> dict[str, Any]:
        params = {"refresh_token": refresh_token, "grant_type": "refresh_token"}
        return await self._token_call("/api/v2/token/refresh", params)

    async def _token_call(self, path: str, params: dict[str, str]) -> dict[str, Any]:
        url = provider_url(self.auth_url, path)
        query = {"app_key": self.app_key, "app_secret": self.app_secret, **params}
        return await self._retrying("GET", url, query, None, None, None, token_call=True)

    async def authorized_shops(self, token: str) -> list[dict[str, Any]]:
        data = await self.call("GET", "/authorization/202309/shops", token)
        return [s for s in data.get("shops") or [] if isinstance(s, dict)]

    # -- signed API calls ----------------------------------------------------------------------
    async def call(
        self,
        method: str,
        path: str,
        token: str,
        cipher: str | None = None,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        files: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """`data` of a signed call (`cipher`: the shop's `shop_cipher`)."""
        try:
            url = provider_url(self.api_url, path)
        except UnsafeProviderUrl as exc:
            raise TikTokError(-2, str(exc)) from exc
        raw = orjson.dumps(json) if json is not None else None
        body = await self._retrying(method, url, params or {}, raw, files, token, cipher=cipher)
        data = body.get("data")
        return data if isinstance(data, dict) else {}

    def _signed(
        self, url: str, params: dict[str, Any], raw: bytes | None, cipher: str | None
    ) -> dict[str, Any]:
        query: dict[str, Any] = {**params, "app_key": self.app_key, "timestamp": int(time.time())}
        if cipher:
            query["shop_cipher"] = cipher
        query["sign"] = api_sign(self.app_secret, httpx.URL(url).path, query, raw or b"")
        return query

    async def _retrying(
        self,
        method: str,
        url: str,
        params: dict[str, Any],
        raw: bytes | None,
        files: dict[str, Any] | None,
        token: str | None,
        *,
        cipher: str | None = None,
        token_call: bool = False,
    ) -> dict[str, Any]:
        async for attempt in self.retrying(ENVELOPE, method):
            with attempt:
                query = params if token_call else self._signed(url, params, raw, cipher)
                headers = {"content-type": "application/json"} if raw is not None else {}
                if token is not None:
                    headers["x-tts-access-token"] = token
                return await self.request(
                    ENVELOPE,
                    method,
                    url,
                    token_call=token_call,
                    params=query,
                    content=raw,
                    files=files,
                    headers=headers,
                )
        raise AssertionError("unreachable")  # pragma: no cover


_client: ProcessClient[TikTokClient] = ProcessClient(
    lambda s: TikTokClient(
        s.tiktok_api_url, s.tiktok_auth_url, s.tiktok_app_key, s.tiktok_app_secret
    ),
    lambda s: (s.tiktok_api_url, s.tiktok_auth_url, s.tiktok_app_key, s.tiktok_app_secret),
)


def get_tiktok() -> TikTokClient:
    """The process-wide client (recreated when the loop or the settings changed)."""
    return _client.get()


def set_tiktok(client: TikTokClient | None) -> None:
    _client.set(client)


def authorize_url(state: str, redirect_uri: str) -> str:
    """The seller's consent page; TikTok comes back to the redirect URL registered for the
    app in Partner Center (ours: `redirect_uri`, sent along for the simulator) with `code`
    and `state` (channels-api.md §2.1)."""
    s = get_settings()
    url = provider_url(s.tiktok_auth_url, "/oauth/authorize")
    params = {"app_key": s.tiktok_app_key, "state": state, "redirect_uri": redirect_uri}
    return str(httpx.URL(url, params=params))


def messages_path(conversation_id: str) -> str:
    return f"/customer_service/{API_VERSION}/conversations/{conversation_id}/messages"
