"""TikTok shops: connect (auth_code → tokens → authorized shops), refresh, and the shop's token
and `shop_cipher` for a call."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from chotdon.channels import tokens
from chotdon.channels.contract import ConnectedAccount, TokenRevoked, Tokens
from chotdon.channels.models import Channel
from chotdon.channels.safe_urls import optional_external_id
from chotdon.channels.tiktok.client import (
    RefreshRefused,
    TikTokError,
    TokenInvalid,
    get_tiktok,
)
from chotdon.core.db import unit_of_work
from chotdon.core.errors import BadRequest
from chotdon.core.security import decrypt_secret

log = logging.getLogger(__name__)

STATE_KEY = "tiktok"  # channel.sync_state[STATE_KEY]: {"cipher": ...}
DEFAULT_ACCESS = timedelta(days=7)  # when TikTok's answer has no usable expiry


class TikTokRefused(BadRequest):
    code = "tiktok_error"
    message = "TikTok Shop refused the request"


@dataclass(frozen=True, slots=True)
class ShopAccess:
    """What a call on behalf of a shop needs."""

    channel_id: int
    shop_id: str
    token: str
    cipher: str


def expiry(value: Any, now: datetime, default: timedelta) -> datetime:
    """`*_expire_in` are absolute Unix timestamps (channels-api.md §2.1), not durations."""
    try:
        at = datetime.fromtimestamp(int(value), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return now + default
    return at if at > now else now + timedelta(minutes=1)


def _tokens(data: dict[str, Any], now: datetime) -> Tokens:
    access, refresh = data.get("access_token"), data.get("refresh_token")
    if not isinstance(access, str) or not isinstance(refresh, str):
        raise TikTokError(-1, "TikTok Shop's token answer has no tokens")
    return Tokens(
        access,
        refresh,
        expiry(data.get("access_token_expire_in"), now, DEFAULT_ACCESS),
        expiry(data.get("refresh_token_expire_in"), now, timedelta(days=30)),
    )


async def exchange_code(code: str, params: dict[str, str]) -> list[ConnectedAccount]:
    """The callback's `code` → the seller's token pair → one account per authorized shop."""
    client = get_tiktok()
    try:
        body = await client.get_token(code)
        pair = _tokens(body.get("data") or {}, datetime.now(UTC))
        shops = await client.authorized_shops(pair.access_token)
    except TikTokError as exc:
        raise TikTokRefused(f"TikTok Shop refused the authorisation: {exc}") from exc
    accounts = []
    for shop in shops:
        shop_id = optional_external_id(str(shop.get("id") or ""))
        if shop_id is None:
            continue
        accounts.append(
            ConnectedAccount(
                external_id=shop_id,
                name=str(shop.get("name") or f"TikTok Shop {shop_id}"),
                access_token=pair.access_token,
                refresh_token=pair.refresh_token,
                access_expires_at=pair.access_expires_at,
                refresh_expires_at=pair.refresh_expires_at,
            )
        )
    if not accounts:
        raise TikTokRefused("The TikTok account has no shop authorised for Chotdon")
    return accounts


async def refresh_tokens(shop_id: str, refresh_token: str) -> Tokens:
    """A new token pair; `TokenRevoked` when TikTok refuses (expired, deauthorised)."""
    try:
        body = await get_tiktok().refresh_token(refresh_token)
    except RefreshRefused as exc:
        log.warning("TikTok refused the token refresh: %s", exc.code)
        raise TokenRevoked("tiktok_authorization_refused") from exc
    return _tokens(body.get("data") or {}, datetime.now(UTC))


async def shop_access(channel_id: int) -> ShopAccess:
    """The shop's token (decrypted just before the call) and its cipher, fetched once from
    the authorized-shops call and kept in the channel's sync state."""
    async with unit_of_work() as session:
        channel = await session.get_one(Channel, channel_id)
        if channel.status != "connected" or not channel.access_token_encrypted:
            raise TikTokRefused("The TikTok shop is disconnected: reconnect it")
        token = decrypt_secret(channel.access_token_encrypted)
        cipher = ((channel.sync_state or {}).get(STATE_KEY) or {}).get("cipher")
        shop_id = channel.external_id
    if not cipher:
        shops = await get_tiktok().authorized_shops(token)
        cipher = next((str(s.get("cipher")) for s in shops if str(s.get("id")) == shop_id), None)
        if not cipher:
            raise TikTokRefused("TikTok Shop no longer lists this shop as authorised")
        async with unit_of_work() as session:
            channel = await session.get_one(Channel, channel_id, with_for_update=True)
            state = dict(channel.sync_state or {})
            state[STATE_KEY] = {**(state.get(STATE_KEY) or {}), "cipher": cipher}
            channel.sync_state = state
    return ShopAccess(channel_id, shop_id, token, cipher)


async def shop_call(channel_id: int, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
    """A signed call for the shop; a refused token is refreshed once, then the call retried."""
    for refreshed in (False, True):
        access = await shop_access(channel_id)
        try:
            return await get_tiktok().call(method, path, access.token, access.cipher, **kwargs)
        except TokenInvalid:
            if refreshed:
                raise
            if await tokens.refresh_channel(channel_id, force=True) != "refreshed":
                raise
    raise AssertionError("unreachable")  # pragma: no cover
