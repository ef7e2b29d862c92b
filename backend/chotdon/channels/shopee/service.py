"""Shopee shops: connect (code → tokens → shop), tokens, and the shop's token for a call."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from chotdon.channels.contract import ConnectedAccount, TokenRevoked, Tokens
from chotdon.channels.models import Channel
from chotdon.channels.safe_urls import UnsafeProviderUrl, external_id
from chotdon.channels.shopee.client import RefreshRefused, ShopeeError, get_shopee
from chotdon.core.errors import BadRequest
from chotdon.core.security import decrypt_secret

log = logging.getLogger(__name__)

REFRESH_TOKEN_DAYS = 30
SHOP_INFO_PATH = "/api/v2/shop/get_shop_info"


class ShopeeRefused(BadRequest):
    code = "shopee_error"
    message = "Shopee refused the request"


def shop_token(channel: Channel) -> str:
    """Decrypt the shop's access token just before a call; never stored in clear or logged."""
    if not channel.access_token_encrypted:
        raise ShopeeRefused("The shop has no access token: reconnect it")
    return decrypt_secret(channel.access_token_encrypted)


def _expiry(body: dict[str, Any], now: datetime) -> datetime:
    try:
        seconds = int(body.get("expire_in") or 14400)
    except (TypeError, ValueError):
        seconds = 14400
    return now + timedelta(seconds=max(seconds, 60))


async def exchange_code(code: str, params: dict[str, str]) -> list[ConnectedAccount]:
    """The callback's `code` + `shop_id` → the shop with its token pair (channels-api.md §1.1)."""
    try:
        shop_id = external_id(params.get("shop_id"))
    except UnsafeProviderUrl as exc:
        raise ShopeeRefused("Shopee did not say which shop was authorised") from exc
    client = get_shopee()
    try:
        body = await client.get_token(code, int(shop_id))
    except ShopeeError as exc:
        raise ShopeeRefused(f"Shopee refused the authorisation: {exc}") from exc
    now = datetime.now(UTC)
    access, refresh = body.get("access_token"), body.get("refresh_token")
    if not isinstance(access, str) or not isinstance(refresh, str):
        raise ShopeeRefused("Shopee's token answer has no tokens")
    name = f"Shopee {shop_id}"
    picture = None
    try:
        info = await client.shop_get(SHOP_INFO_PATH, access, shop_id)
        name = str(info.get("shop_name") or (info.get("response") or {}).get("shop_name") or name)
        picture = info.get("shop_logo") or (info.get("response") or {}).get("shop_logo")
    except ShopeeError as exc:  # the shop connects anyway, with a plain name
        log.info("no shop info for %s: %s", shop_id, exc)
    return [
        ConnectedAccount(
            external_id=shop_id,
            name=name,
            access_token=access,
            refresh_token=refresh,
            access_expires_at=_expiry(body, now),
            refresh_expires_at=now + timedelta(days=REFRESH_TOKEN_DAYS),
            picture_url=picture if isinstance(picture, str) else None,
        )
    ]


# Shopee's refusals that have their own reason code (channels/reasons.py).
REFUSAL_REASONS = frozenset(
    {"refresh_token_expired", "shop_access_expired", "shop_banned", "shop_no_linked"}
)


async def refresh_tokens(shop_id: str, refresh_token: str) -> Tokens:
    """A new token pair. Shopee's refresh token is single-use: the caller stores the new one
    before anything else; `TokenRevoked` when Shopee refuses for good."""
    try:
        body = await get_shopee().refresh_token(refresh_token, int(shop_id))
    except RefreshRefused as exc:
        log.warning("Shopee refused the refresh of shop %s: %s", shop_id, exc.error)
        reason = exc.error if exc.error in REFUSAL_REASONS else "authorization_refused"
        raise TokenRevoked(reason) from exc
    now = datetime.now(UTC)
    access, refresh = body.get("access_token"), body.get("refresh_token")
    if not isinstance(access, str) or not isinstance(refresh, str):
        raise ShopeeError("error_server", "Shopee's refresh answer has no tokens")
    return Tokens(access, refresh, _expiry(body, now), now + timedelta(days=REFRESH_TOKEN_DAYS))
