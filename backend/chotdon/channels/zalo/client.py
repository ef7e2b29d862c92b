"""Zalo OA API v3 client (channels-api.md §4.1, §4.2): OAuth v4 token calls, OA calls with the
`access_token` header, the `{error, message, data}` envelope, retries.

- `error: 0` is success; `-216` (access token invalid or expired) is `TokenInvalid`: the caller
  refreshes once and retries (as Chatwoot does); `-32` / `-429` (rate limits, not documented:
  the simulator's) and 5xx / network errors before sending are retried with backoff (reads also
  after a timeout; sends only when Zalo did not get them).
- Token endpoint (`POST {ZALO_OAUTH_URL}/v4/oa/access_token`, form body, `secret_key` header):
  an answer without tokens is `TokenRefused` (bad code or verifier, used or expired refresh
  token).
- Reads put their parameters in one `data` query value, a JSON string (`listrecentchat`).

Every URL goes through `channels.safe_urls.provider_url` from a base URL that is a setting.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import orjson

from chotdon.channels.clients import Envelope, HttpClient, LostCall, ProcessClient
from chotdon.channels.safe_urls import UnsafeProviderUrl, provider_url
from chotdon.core.settings import get_settings

log = logging.getLogger(__name__)

TOKEN_PATH = "/v4/oa/access_token"
PERMISSION_PATH = "/v4/oa/permission"
TOKEN_INVALID = -216
RATE_LIMITS = frozenset({-32, -429})


@dataclass
class ZaloError(Exception):
    error: int
    message: str = ""
    http_status: int | None = None
    body: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(f"{self.error}: {self.message}")

    def __str__(self) -> str:
        return f"({self.error}) {self.message}"


class RateLimited(ZaloError):
    pass


class TokenInvalid(ZaloError):
    pass


class TokenRefused(ZaloError):
    pass


class ServerError(ZaloError):
    pass


class NetworkError(ZaloError, LostCall):
    pass


def error_from(status: int, body: Any, *, token_call: bool = False) -> ZaloError | None:
    """The error an answer carries, or None for a success."""
    if status >= 500 or not isinstance(body, dict):
        return ServerError(-1, f"HTTP {status}", http_status=status)
    if token_call:
        if isinstance(body.get("access_token"), str):
            return None
        message = str(body.get("error_description") or body.get("error_name") or body)
        return TokenRefused(_int(body.get("error"), -14000), message, status, body)
    code = _int(body.get("error"), 0)
    if code == 0:
        return None
    message = str(body.get("message") or "")
    if code == TOKEN_INVALID:
        return TokenInvalid(code, message, status, body)
    if code in RATE_LIMITS:
        return RateLimited(code, message, status, body)
    return ZaloError(code, message, status, body)


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _retry_also(error: Exception, write: bool) -> bool:
    """A 5xx only on a read (a send may have gone)."""
    return isinstance(error, ServerError) and not write


ENVELOPE = Envelope(
    provider="zalo",
    name="Zalo",
    error_from=error_from,
    network_error=lambda message: NetworkError(-1, message),
    rate_limited=RateLimited,
    retry_also=_retry_also,
    log=log,
)


class ZaloClient(HttpClient):
    def __init__(
        self, api_url: str, oauth_url: str, app_id: str, app_secret: str, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.api_url = api_url.rstrip("/")
        self.oauth_url = oauth_url.rstrip("/")
        self.app_id = app_id
        self.app_secret = app_secret

    # -- OAuth v4 ----------------------------------------------------------------------------
    async def get_token(self, code: str, code_verifier: str | None) -> dict[str, Any]:
        form = {"code": code, "app_id": self.app_id, "grant_type": "authorization_code"}
        if code_verifier:
            form["code_verifier"] = code_verifier
        return await self._token(form)

    async def refresh_token(self, refresh_token: str) -> dict[str, Any]:
        form = {
            "refresh_token": refresh_token,
            "app_id": self.app_id,
            "grant_type": "refresh_token",
        }
        return await self._token(form)

    async def _token(self, form: dict[str, str]) -> dict[str, Any]:
        url = self._url(self.oauth_url, TOKEN_PATH)
        # A token call is never retried once sent: a refresh token is single-use.
        return await self.request(
            ENVELOPE,
            "POST",
            url,
            token_call=True,
            headers={"secret_key": self.app_secret},
            data=form,
        )

    # -- OA API ------------------------------------------------------------------------------
    async def get(self, path: str, token: str, data: dict[str, Any] | None = None) -> Any:
        params = {"data": orjson.dumps(data).decode()} if data is not None else None
        return await self._call("GET", path, token, params=params)

    async def post(
        self, path: str, token: str, json: Any = None, files: dict[str, Any] | None = None
    ) -> Any:
        return await self._call("POST", path, token, json=json, files=files)

    def _url(self, base: str, path: str) -> str:
        try:
            return provider_url(base, path)
        except UnsafeProviderUrl as exc:
            raise ZaloError(-201, str(exc)) from exc

    async def _call(
        self,
        method: str,
        path: str,
        token: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        files: dict[str, Any] | None = None,
    ) -> Any:
        url = self._url(self.api_url, path)
        async for attempt in self.retrying(ENVELOPE, method):
            with attempt:
                body = await self.request(
                    ENVELOPE,
                    method,
                    url,
                    headers={"access_token": token},
                    params=params,
                    json=json,
                    files=files,
                )
                return body.get("data")
        raise AssertionError("unreachable")  # pragma: no cover


_client: ProcessClient[ZaloClient] = ProcessClient(
    lambda s: ZaloClient(s.zalo_api_url, s.zalo_oauth_url, s.zalo_app_id, s.zalo_app_secret),
    lambda s: (s.zalo_api_url, s.zalo_oauth_url, s.zalo_app_id, s.zalo_app_secret),
)


def get_zalo() -> ZaloClient:
    """The process-wide client (recreated when the loop or the settings changed)."""
    return _client.get()


def set_zalo(client: ZaloClient | None) -> None:
    _client.set(client)


def authorize_url(state: str, redirect_uri: str, code_challenge: str | None) -> str:
    """The OA admin's consent page (`/v4/oa/permission`, PKCE S256 challenge)."""
    s = get_settings()
    query = {"app_id": s.zalo_app_id, "redirect_uri": redirect_uri, "state": state}
    if code_challenge:
        query["code_challenge"] = code_challenge
    return f"{provider_url(s.zalo_oauth_url, PERMISSION_PATH)}?{urlencode(query)}"
