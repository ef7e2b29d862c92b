"""Shopee Open Platform v2 client: signed calls, the error envelope, retries.

Every call carries `partner_id`, `timestamp`, `sign` (and `access_token`, `shop_id` for shop
calls) in the query string (`signing.api_sign`). Answers are `{request_id, error, message,
response}`; an empty `error` is success, whatever the HTTP status (channels-api.md §1.2, §1.5):

- `error_rate_limit` / 5xx / network errors before sending: retried with backoff (GETs also
  after a timeout; writes only when Shopee did not get them);
- `invalid_access_token` (and its misspelling `invalid_acceess_token`): `TokenInvalid`, the
  caller refreshes the token once and retries;
- refresh refusals (`refresh_token_expired`, `shop_access_expired`, `shop_banned`,
  `error_shop_refresh_token`, `shop_no_linked`, `error_auth` on the token endpoints):
  `RefreshRefused`, the shop must be reconnected.

Paths go through `channels.safe_urls.provider_url`: the shop token never leaves `SHOPEE_API_URL`.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from chotdon.channels.clients import Envelope, HttpClient, LostCall, ProcessClient
from chotdon.channels.safe_urls import UnsafeProviderUrl, provider_url
from chotdon.channels.shopee.signing import api_sign
from chotdon.core.settings import get_settings

log = logging.getLogger(__name__)

TOKEN_ERRORS = frozenset({"invalid_access_token", "invalid_acceess_token"})
REFRESH_ERRORS = frozenset(
    {
        "refresh_token_expired",
        "shop_access_expired",
        "shop_banned",
        "error_shop_refresh_token",
        "shop_no_linked",
        "error_auth",
        "invalid_refresh_token",
    }
)
RETRY_ERRORS = frozenset({"error_rate_limit", "error_server", "error_busy", "error_inner"})


@dataclass
class ShopeeError(Exception):
    error: str
    message: str = ""
    request_id: str | None = None
    http_status: int | None = None
    body: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(f"{self.error}: {self.message}")

    def __str__(self) -> str:
        return f"({self.error}) {self.message}"


class RateLimited(ShopeeError):
    pass


class TokenInvalid(ShopeeError):
    pass


class RefreshRefused(ShopeeError):
    pass


class NetworkError(ShopeeError, LostCall):
    pass


def error_from(status: int, body: Any, *, token_call: bool = False) -> ShopeeError | None:
    """The error an answer carries, or None for a success."""
    if not isinstance(body, dict):
        return ShopeeError("error_server", f"HTTP {status}: body is not JSON", http_status=status)
    code = str(body.get("error") or "")
    if not code:
        if status >= 500:
            return ShopeeError("error_server", f"HTTP {status}", http_status=status)
        return None
    kwargs: dict[str, Any] = {
        "message": str(body.get("message") or ""),
        "request_id": body.get("request_id"),
        "http_status": status,
        "body": body,
    }
    if code == "error_rate_limit":
        return RateLimited(code, **kwargs)
    if code in TOKEN_ERRORS:
        return TokenInvalid(code, **kwargs)
    if token_call and code in REFRESH_ERRORS:
        return RefreshRefused(code, **kwargs)
    return ShopeeError(code, **kwargs)


def _retry_also(error: Exception, write: bool) -> bool:
    return isinstance(error, ShopeeError) and error.error in RETRY_ERRORS


ENVELOPE = Envelope(
    provider="shopee",
    name="Shopee",
    error_from=error_from,
    network_error=lambda message: NetworkError("network", message),
    rate_limited=RateLimited,
    retry_also=_retry_also,
    log=log,
)


class ShopeeClient(HttpClient):
    def __init__(self, base_url: str, partner_id: int, partner_key: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.base_url = base_url.rstrip("/")
        self.partner_id = partner_id
        self.partner_key = partner_key

    def _signed(
        self, path: str, access_token: str | None = None, shop_id: int | str | None = None
    ) -> tuple[str, dict[str, Any]]:
        try:
            url = provider_url(self.base_url, path)
        except UnsafeProviderUrl as exc:
            raise ShopeeError("error_param", str(exc)) from exc
        full_path = httpx.URL(url).path
        ts = int(time.time())
        params: dict[str, Any] = {
            "partner_id": self.partner_id,
            "timestamp": ts,
            "sign": api_sign(
                self.partner_key, self.partner_id, full_path, ts, access_token, shop_id
            ),
        }
        if access_token is not None and shop_id is not None:
            params["access_token"] = access_token
            params["shop_id"] = shop_id
        return url, params

    async def get_token(self, code: str, shop_id: int) -> dict[str, Any]:
        body = {"code": code, "partner_id": self.partner_id, "shop_id": shop_id}
        return await self._call("POST", "/api/v2/auth/token/get", json=body, token_call=True)

    async def refresh_token(self, refresh_token: str, shop_id: int) -> dict[str, Any]:
        body = {"refresh_token": refresh_token, "partner_id": self.partner_id, "shop_id": shop_id}
        return await self._call("POST", "/api/v2/auth/access_token/get", json=body, token_call=True)

    async def shop_get(
        self, path: str, token: str, shop_id: int | str, params: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        return await self._call("GET", path, token=token, shop_id=shop_id, params=params)

    async def shop_post(
        self,
        path: str,
        token: str,
        shop_id: int | str,
        json: Any = None,
        files: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        return await self._call("POST", path, token=token, shop_id=shop_id, json=json, files=files)

    async def partner_call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        """A partner-level call (push config, lost pushes): signed without a shop token."""
        return await self._call(method, path, **kwargs)

    async def _call(
        self,
        method: str,
        path: str,
        *,
        token: str | None = None,
        shop_id: int | str | None = None,
        params: dict[str, Any] | None = None,
        json: Any = None,
        files: dict[str, Any] | None = None,
        token_call: bool = False,
    ) -> dict[str, Any]:
        async for attempt in self.retrying(ENVELOPE, method):
            with attempt:
                url, signed = self._signed(path, token, shop_id)
                return await self.request(
                    ENVELOPE,
                    method,
                    url,
                    token_call=token_call,
                    params={**(params or {}), **signed},
                    json=json,
                    files=files,
                )
        raise AssertionError("unreachable")  # pragma: no cover


_client: ProcessClient[ShopeeClient] = ProcessClient(
    lambda s: ShopeeClient(s.shopee_api_url, s.shopee_partner_id, s.shopee_partner_key),
    lambda s: (s.shopee_api_url.rstrip("/"), s.shopee_partner_id, s.shopee_partner_key),
)


def get_shopee() -> ShopeeClient:
    """The process-wide client (recreated when the loop or the settings changed)."""
    return _client.get()


def set_shopee(client: ShopeeClient | None) -> None:
    _client.set(client)


def authorize_url(redirect: str) -> str:
    """The shop owner's consent page (`auth_partner`, signed over partner_id + path +
    timestamp), valid 5 minutes; Shopee returns to `redirect` with `code` and `shop_id`."""
    s = get_settings()
    path = "/api/v2/shop/auth_partner"
    url = provider_url(s.shopee_api_url, path)
    ts = int(time.time())
    params = {
        "partner_id": s.shopee_partner_id,
        "timestamp": ts,
        "sign": api_sign(s.shopee_partner_key, s.shopee_partner_id, httpx.URL(url).path, ts),
        "redirect": redirect,
    }
    return str(httpx.URL(url, params=params))
