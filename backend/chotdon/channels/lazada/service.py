"""Lazada sellers: connect (code → tokens → seller), token refresh, the seller's token.

The token service answers at the top level (no `data`): `access_token`, `refresh_token`,
`expires_in`, `refresh_expires_in` (seconds: 7/14 days for an app in test status, 30/180 online,
channels-api.md §3.1) and `country_user_info[{country, seller_id, user_id, short_code}]`.
The channel's id is the `seller_id` pushes carry.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from chotdon.channels.contract import ConnectedAccount, TokenRevoked, Tokens
from chotdon.channels.lazada.client import LazadaError, RefreshRefused, get_lazada
from chotdon.channels.models import Channel
from chotdon.channels.safe_urls import optional_external_id
from chotdon.core.errors import BadRequest
from chotdon.core.security import decrypt_secret

log = logging.getLogger(__name__)

SELLER_PATH = "/seller/get"
DEFAULT_ACCESS_SECONDS = 7 * 86400
DEFAULT_REFRESH_SECONDS = 14 * 86400


class LazadaRefused(BadRequest):
    code = "lazada_error"
    message = "Lazada refused the request"


def seller_token(channel: Channel) -> str:
    """Decrypt the seller's access token just before a call; never stored in clear or logged."""
    if not channel.access_token_encrypted:
        raise LazadaRefused("The Lazada shop has no access token: reconnect it")
    return decrypt_secret(channel.access_token_encrypted)


def _seconds(value: Any, default: int) -> int:
    try:
        return max(int(value), 60)
    except (TypeError, ValueError):
        return default


def tokens_of(body: dict[str, Any], now: datetime) -> Tokens:
    """The token service's answer as a pair with absolute expiries (pure)."""
    access, refresh = body.get("access_token"), body.get("refresh_token")
    if not isinstance(access, str) or not isinstance(refresh, str):
        raise LazadaError("InvalidResponse", "Lazada's token answer has no tokens")
    access_s = _seconds(body.get("expires_in"), DEFAULT_ACCESS_SECONDS)
    refresh_s = _seconds(body.get("refresh_expires_in"), DEFAULT_REFRESH_SECONDS)
    return Tokens(
        access, refresh, now + timedelta(seconds=access_s), now + timedelta(seconds=refresh_s)
    )


def seller_id_of(body: dict[str, Any]) -> str | None:
    """The Vietnamese seller id of a token answer (`country_user_info`), else the first one."""
    infos = [i for i in body.get("country_user_info") or [] if isinstance(i, dict)]
    infos.sort(key=lambda i: str(i.get("country") or "").lower() != "vn")
    for info in infos:
        found = optional_external_id(info.get("seller_id"))
        if found:
            return found
    return None


async def exchange_code(code: str, params: dict[str, str]) -> list[ConnectedAccount]:
    """The callback's `code` → the seller with its token pair (channels-api.md §3.1)."""
    client = get_lazada()
    try:
        body = await client.create_token(code)
        pair = tokens_of(body, datetime.now(UTC))
    except LazadaError as exc:
        raise LazadaRefused(f"Lazada refused the authorisation: {exc}") from exc
    seller_id = seller_id_of(body)
    if seller_id is None:
        raise LazadaRefused("Lazada did not say which seller was authorised")
    name, picture = f"Lazada {seller_id}", None
    try:
        seller = await client.get(SELLER_PATH, pair.access_token) or {}
        name = str(seller.get("name") or seller.get("name_company") or name)
        picture = seller.get("logo_url")
    except LazadaError as exc:  # the shop connects anyway, with a plain name
        log.info("no seller info for %s: %s", seller_id, exc)
    return [
        ConnectedAccount(
            external_id=seller_id,
            name=name,
            access_token=pair.access_token,
            refresh_token=pair.refresh_token,
            access_expires_at=pair.access_expires_at,
            refresh_expires_at=pair.refresh_expires_at,
            picture_url=picture if isinstance(picture, str) else None,
        )
    ]


async def refresh_tokens(seller_id: str, refresh_token: str) -> Tokens:
    """A new token pair; `TokenRevoked` when Lazada refuses (expired, subscription ended)."""
    try:
        body = await get_lazada().refresh_token(refresh_token)
    except RefreshRefused as exc:
        raise TokenRevoked("lazada_authorization_refused") from exc
    return tokens_of(body, datetime.now(UTC))
