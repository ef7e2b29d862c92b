"""Zalo OAs: connect (code + PKCE verifier → tokens → the OA's profile), refresh, the OA's token."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from chotdon.channels.contract import ConnectedAccount, TokenRevoked, Tokens
from chotdon.channels.models import Channel
from chotdon.channels.safe_urls import UnsafeProviderUrl, external_id
from chotdon.channels.zalo.client import TokenRefused, ZaloError, get_zalo
from chotdon.core.errors import BadRequest
from chotdon.core.security import decrypt_secret

log = logging.getLogger(__name__)

OA_INFO_PATH = "/v2.0/oa/getoa"
# Trust `expires_in` (channels-api.md §4.1: 25 h, an older page says 1 h); refresh: 3 months.
DEFAULT_ACCESS_SECONDS = 25 * 3600
REFRESH_TOKEN_DAYS = 90


class ZaloRefused(BadRequest):
    code = "zalo_error"
    message = "Zalo refused the request"


def oa_token(channel: Channel) -> str:
    """Decrypt the OA's access token just before a call; never stored in clear or logged."""
    if not channel.access_token_encrypted:
        raise ZaloRefused("The Official Account has no access token: reconnect it")
    return decrypt_secret(channel.access_token_encrypted)


def _tokens(body: dict[str, Any], now: datetime) -> Tokens:
    access, refresh = body.get("access_token"), body.get("refresh_token")
    if not isinstance(access, str) or not isinstance(refresh, str):
        raise ZaloError(-1, "Zalo's token answer has no tokens")
    try:
        seconds = int(body.get("expires_in") or DEFAULT_ACCESS_SECONDS)
    except (TypeError, ValueError):
        seconds = DEFAULT_ACCESS_SECONDS
    return Tokens(
        access,
        refresh,
        now + timedelta(seconds=max(seconds, 60)),
        now + timedelta(days=REFRESH_TOKEN_DAYS),
    )


async def exchange_code(code: str, code_verifier: str | None) -> list[ConnectedAccount]:
    """The callback's `code` (+ the PKCE verifier kept with the state) → the OA with its tokens."""
    client = get_zalo()
    try:
        tokens = _tokens(await client.get_token(code, code_verifier), datetime.now(UTC))
    except ZaloError as exc:
        raise ZaloRefused(f"Zalo refused the authorisation: {exc}") from exc
    try:
        info = await client.get(OA_INFO_PATH, tokens.access_token) or {}
        oa_id = external_id(info.get("oa_id"))
    except (ZaloError, UnsafeProviderUrl, AttributeError) as exc:
        raise ZaloRefused(f"Zalo did not say which Official Account was authorised: {exc}") from exc
    return [
        ConnectedAccount(
            external_id=oa_id,
            name=str(info.get("name") or f"Zalo OA {oa_id}"),
            access_token=tokens.access_token,
            refresh_token=tokens.refresh_token,
            access_expires_at=tokens.access_expires_at,
            refresh_expires_at=tokens.refresh_expires_at,
            picture_url=info.get("avatar") if isinstance(info.get("avatar"), str) else None,
        )
    ]


async def refresh_tokens(refresh_token: str) -> Tokens:
    """A new pair. The refresh token is single-use: `channels.tokens` stores the new one in the
    transaction holding the channel's lock; `TokenRevoked` when Zalo refuses it."""
    try:
        body = await get_zalo().refresh_token(refresh_token)
    except TokenRefused as exc:
        log.warning("Zalo refused the token refresh: %s", exc.message)
        raise TokenRevoked("zalo_authorization_refused") from exc
    return _tokens(body, datetime.now(UTC))
