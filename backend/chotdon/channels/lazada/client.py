"""Lazada Open Platform client: signed calls, the error envelope, retries (channels-api.md §3).

Every call carries `app_key`, `timestamp` (ms), `sign_method=sha256` (and `access_token` for a
seller's calls) next to its own parameters, signed together (`signing.api_sign`); POST
parameters go as a form. Answers are `{"code": "0", "data": …, "request_id"}`; an error is
`{"type", "code", "message", "request_id"}` with HTTP 200:

- `ApiCallLimit` and the like / 5xx / network errors before sending: retried with backoff
  (GETs also after a timeout; writes only when Lazada did not get them);
- `IllegalAccessToken`: `TokenInvalid`, the caller refreshes the token once and retries;
- any refusal of the token service (`/auth/token/*`): `RefreshRefused`, reconnect needed.

Paths go through `channels.safe_urls.provider_url`: the seller token never leaves the base URL.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from chotdon.channels.clients import Envelope, HttpClient, LostCall, ProcessClient
from chotdon.channels.lazada.signing import api_sign
from chotdon.channels.safe_urls import UnsafeProviderUrl, provider_url
from chotdon.core.settings import get_settings

log = logging.getLogger(__name__)

TOKEN_ERRORS = frozenset({"IllegalAccessToken", "InvalidAccessToken", "AccessTokenExpired"})
RATE_LIMIT_ERRORS = frozenset({"ApiCallLimit", "AppCallLimit", "SellerCallLimit"})
RETRY_ERRORS = frozenset({"ServiceTimeout", "InternalError", "ServiceUnavailable", "5xx"})


@dataclass
class LazadaError(Exception):
    code: str
    message: str = ""
    request_id: str | None = None
    body: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(f"{self.code}: {self.message}")

    def __str__(self) -> str:
        return f"({self.code}) {self.message}"


class RateLimited(LazadaError):
    pass


class TokenInvalid(LazadaError):
    pass


class RefreshRefused(LazadaError):
    pass


class NetworkError(LazadaError, LostCall):
    pass


def error_from(status: int, body: Any, *, token_call: bool = False) -> LazadaError | None:
    """The error an answer carries, or None for a success (`code` "0")."""
    if not isinstance(body, dict):
        return LazadaError("5xx", f"HTTP {status}: body is not JSON")
    code = str(body.get("code") if body.get("code") is not None else "")
    if code == "0":
        return None
    if status >= 500 and not code:
        return LazadaError("5xx", f"HTTP {status}")
    kwargs: dict[str, Any] = {
        "message": str(body.get("message") or ""),
        "request_id": body.get("request_id"),
        "body": body,
    }
    code = code or "UnknownError"
    if code in RATE_LIMIT_ERRORS:
        return RateLimited(code, **kwargs)
    if token_call:
        return RefreshRefused(code, **kwargs)
    if code in TOKEN_ERRORS:
        return TokenInvalid(code, **kwargs)
    return LazadaError(code, **kwargs)


def _retry_also(error: Exception, write: bool) -> bool:
    return isinstance(error, LazadaError) and error.code in RETRY_ERRORS


ENVELOPE = Envelope(
    provider="lazada",
    name="Lazada",
    error_from=error_from,
    network_error=lambda message: NetworkError("network", message),
    rate_limited=RateLimited,
    retry_also=_retry_also,
    log=log,
)


class LazadaClient(HttpClient):
    def __init__(
        self,
        api_url: str,
        auth_url: str,
        app_key: str,
        app_secret: str,
        *,
        http: httpx.AsyncClient | None = None,
        attempts: int = 4,
        backoff: float = 0.2,
        timeout: float = 20.0,
    ) -> None:
        super().__init__(http=http, attempts=attempts, backoff=backoff, timeout=timeout)
        self.api_url = api_url.rstrip("/")
        self.auth_url = auth_url.rstrip("/")
        self.app_key = app_key
        self.app_secret = app_secret

    def signed(
        self, base: str, path: str, params: dict[str, Any], token: str | None
    ) -> tuple[str, dict[str, str]]:
        """The URL and the signed parameters of a call (the signature covers the API path)."""
        try:
            url = provider_url(base, path)
        except UnsafeProviderUrl as exc:
            raise LazadaError("InvalidParameter", str(exc)) from exc
        values = {k: str(v) for k, v in params.items() if v is not None}
        values.update(
            app_key=self.app_key, timestamp=str(int(time.time() * 1000)), sign_method="sha256"
        )
        if token is not None:
            values["access_token"] = token
        values["sign"] = api_sign(self.app_secret, path, values)
        return url, values

    async def create_token(self, code: str) -> dict[str, Any]:
        return await self._call(
            "POST", self.auth_url + "/rest", "/auth/token/create", {"code": code}, token_call=True
        )

    async def refresh_token(self, refresh_token: str) -> dict[str, Any]:
        return await self._call(
            "POST",
            self.auth_url + "/rest",
            "/auth/token/refresh",
            {"refresh_token": refresh_token},
            token_call=True,
        )

    async def get(self, path: str, token: str, params: dict[str, Any] | None = None) -> Any:
        return (await self._call("GET", self.api_url, path, params or {}, token=token)).get("data")

    async def post(
        self,
        path: str,
        token: str,
        params: dict[str, Any] | None = None,
        files: dict[str, Any] | None = None,
    ) -> Any:
        body = await self._call("POST", self.api_url, path, params or {}, token=token, files=files)
        return body.get("data")

    async def _call(
        self,
        method: str,
        base: str,
        path: str,
        params: dict[str, Any],
        *,
        token: str | None = None,
        files: dict[str, Any] | None = None,
        token_call: bool = False,
    ) -> dict[str, Any]:
        async for attempt in self.retrying(ENVELOPE, method):
            with attempt:
                url, signed = self.signed(base, path, params, token)
                # The signed parameters go in the query of a GET or a file upload, else as a form.
                if method == "GET" or files:
                    sent: dict[str, Any] = {"params": signed, "files": files}
                else:
                    sent = {"data": signed}
                return await self.request(ENVELOPE, method, url, token_call=token_call, **sent)
        raise AssertionError("unreachable")  # pragma: no cover


_client = ProcessClient(
    lambda s: LazadaClient(
        s.lazada_api_url, s.lazada_auth_url, s.lazada_app_key, s.lazada_app_secret
    ),
    lambda s: (s.lazada_api_url, s.lazada_auth_url, s.lazada_app_key, s.lazada_app_secret),
)


def get_lazada() -> LazadaClient:
    """The process-wide client (rebuilt when the loop or the settings changed)."""
    return _client.get()


def set_lazada(client: LazadaClient | None) -> None:
    _client.set(client)


def authorize_url(state: str, redirect_uri: str) -> str:
    """The seller's consent page; Lazada returns to `redirect_uri` with `code` and `state`."""
    s = get_settings()
    url = provider_url(s.lazada_auth_url, "/oauth/authorize")
    params = {
        "response_type": "code",
        "force_auth": "true",
        "redirect_uri": redirect_uri,
        "client_id": s.lazada_app_key,
        "state": state,
        "country": "vn",
    }
    return str(httpx.URL(url, params=params))
