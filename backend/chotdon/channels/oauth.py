"""Connecting a channel by OAuth, for every provider with `"oauth"` in its connect modes.

`POST /api/v1/channels/{provider}/authorize` (owner/admin) → the provider's consent URL and a
single-use `state` (Redis, 10 minutes, bound to the workspace and the user). The browser comes
back to `GET /channels/{provider}/callback?code=…&state=…` (plus what the provider adds, e.g.
Shopee's `shop_id`): the state is consumed (GETDEL: a reused or forged state changes nothing),
the code is exchanged for tokens, the channel(s) are connected or reconnected with the tokens
encrypted, the backfill starts, and the browser is sent to the SPA's channel settings.

PKCE (RFC 7636, S256) for providers that declare `pkce` (Zalo): a fresh `code_verifier` is kept
with the state (never in the browser), its challenge goes into the consent URL, and the verifier
comes back out of the consumed state for the code exchange.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import orjson
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels import outbound, registry
from chotdon.channels.contract import ConnectedAccount, OAuthProvider
from chotdon.channels.models import Channel
from chotdon.channels.service import emit_channel_updated
from chotdon.core.errors import BadRequest, Conflict, NotFound
from chotdon.core.redis import get_redis
from chotdon.core.security import decrypt_secret, encrypt_secret
from chotdon.core.settings import get_settings

log = logging.getLogger(__name__)

STATE_TTL_SECONDS = 600
SELECTION_TTL_SECONDS = 1800  # the owner picks accounts within 30 minutes of the login
SETTINGS_PATH = "/settings/channels"


class OAuthNotSupported(BadRequest):
    code = "oauth_not_supported"
    message = "This provider is not connected by OAuth"


@dataclass(frozen=True, slots=True)
class PendingConnect:
    provider: str
    workspace_id: int
    user_id: int | None
    code_verifier: str | None = None


def callback_url(provider: str) -> str:
    return f"{get_settings().base_url.rstrip('/')}/channels/{provider}/callback"


def oauth_of(provider_name: str) -> OAuthProvider:
    provider = registry.get(provider_name)
    if "oauth" not in provider.connect_modes:
        raise OAuthNotSupported(f"{provider.label} is not connected by OAuth")
    return provider  # type: ignore[return-value]


def _key(state: str) -> str:
    return f"chotdon:oauth:{state}"


def code_challenge(verifier: str) -> str:
    """S256: base64url(SHA-256(verifier)) without padding."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


async def start(provider_name: str, workspace_id: int, user_id: int | None) -> tuple[str, str]:
    """A consent URL and its single-use state (with a PKCE verifier when the provider uses it)."""
    flow = oauth_of(provider_name)
    state = secrets.token_urlsafe(32)
    pending: dict[str, Any] = {
        "provider": provider_name,
        "workspace_id": workspace_id,
        "user_id": user_id,
    }
    redirect = callback_url(provider_name)
    if registry.get(provider_name).pkce:
        pending["code_verifier"] = secrets.token_urlsafe(48)  # 64 characters of [A-Za-z0-9_-]
        url = flow.authorize_url(
            state, redirect, code_challenge=code_challenge(pending["code_verifier"])
        )
    else:
        url = flow.authorize_url(state, redirect)
    await get_redis().set(_key(state), orjson.dumps(pending), ex=STATE_TTL_SECONDS)
    return url, state


async def take_state(provider_name: str, state: str | None) -> PendingConnect | None:
    """The pending connect of `state`, consumed; None when unknown, used or for another provider."""
    if not state or len(state) > 200:
        return None
    raw = await get_redis().getdel(_key(state))
    if raw is None:
        return None
    data: dict[str, Any] = orjson.loads(raw)
    if data.get("provider") != provider_name:
        return None
    return PendingConnect(
        provider_name, int(data["workspace_id"]), data.get("user_id"), data.get("code_verifier")
    )


async def exchange(
    provider_name: str, code: str, pending: PendingConnect, params: dict[str, str]
) -> list[ConnectedAccount]:
    """The callback's code → accounts, with the PKCE verifier kept with the state if any."""
    flow = oauth_of(provider_name)
    if pending.code_verifier is not None:
        return await flow.exchange_code(code, params, code_verifier=pending.code_verifier)
    return await flow.exchange_code(code, params)


async def connect_accounts(
    session: AsyncSession, pending: PendingConnect, accounts: list[ConnectedAccount]
) -> list[Channel]:
    """Create or reconnect a channel per account, tokens encrypted; start their backfill."""
    channels: list[Channel] = []
    now = datetime.now(UTC)
    for account in accounts:
        provider = account.provider or pending.provider
        channel = (
            await session.execute(
                select(Channel)
                .where(Channel.provider == provider, Channel.external_id == account.external_id)
                .with_for_update()
            )
        ).scalar_one_or_none()
        if channel is not None and channel.workspace_id != pending.workspace_id:
            raise Conflict(
                f"{account.name} is connected to another workspace",
                code="channel_in_other_workspace",
            )
        if channel is None:
            channel = Channel(
                workspace_id=pending.workspace_id,
                provider=provider,
                external_id=account.external_id,
                name=account.name,
                settings={},
                sync_state={"progress": {"status": "running", "phase": "queued"}},
            )
            session.add(channel)
        else:
            channel.sync_state = {
                **(channel.sync_state or {}),
                "progress": {"status": "running", "phase": "queued"},
            }
        channel.name = account.name or channel.name
        channel.picture_url = account.picture_url or channel.picture_url
        channel.access_token_encrypted = encrypt_secret(account.access_token)
        channel.refresh_token_encrypted = (
            encrypt_secret(account.refresh_token) if account.refresh_token else None
        )
        channel.token_expires_at = account.access_expires_at
        channel.refresh_expires_at = account.refresh_expires_at
        channel.status = "connected"
        channel.status_reason = None
        channel.connected_at = now
        channel.settings = {
            **{k: v for k, v in (channel.settings or {}).items() if k != "disconnected_by"},
            **account.settings,
        }
        await session.flush()
        outbound.enqueue_channel_sync(session, channel.id)
        emit_channel_updated(session, channel)
        channels.append(channel)
    return channels


class SelectionExpired(NotFound):
    code = "selection_expired"
    message = "This login is over: connect again"


class NothingChosen(BadRequest):
    code = "nothing_chosen"
    message = "Choose at least one of the accounts the login offered"


def _selection_key(selection_id: str) -> str:
    return f"chotdon:oauth-selection:{selection_id}"


async def save_selection(pending: PendingConnect, accounts: list[ConnectedAccount]) -> str:
    """Keep what a login offered (tokens encrypted) for the owner to pick from; its id."""
    selection_id = secrets.token_urlsafe(24)
    data = {
        "provider": pending.provider,
        "workspace_id": pending.workspace_id,
        "user_id": pending.user_id,
        "accounts": [asdict(a) for a in accounts],
    }
    sealed = encrypt_secret(orjson.dumps(data).decode())
    await get_redis().set(_selection_key(selection_id), sealed, ex=SELECTION_TTL_SECONDS)
    return selection_id


async def load_selection(
    provider: str, selection_id: str, workspace_id: int
) -> tuple[PendingConnect, list[ConnectedAccount]]:
    """The accounts a login of this workspace offered; `SelectionExpired` otherwise."""
    raw = await get_redis().get(_selection_key(selection_id)) if len(selection_id) < 100 else None
    if raw is None:
        raise SelectionExpired()
    data: dict[str, Any] = orjson.loads(
        decrypt_secret(raw.decode() if isinstance(raw, bytes) else raw)
    )
    if data.get("provider") != provider or data.get("workspace_id") != workspace_id:
        raise SelectionExpired()
    accounts = [_account(a) for a in data["accounts"]]
    return PendingConnect(provider, workspace_id, data.get("user_id")), accounts


def _account(data: dict[str, Any]) -> ConnectedAccount:
    values = dict(data, missing_permissions=tuple(data.get("missing_permissions") or ()))
    for key in ("access_expires_at", "refresh_expires_at"):
        if isinstance(values.get(key), str):
            values[key] = datetime.fromisoformat(values[key])
    return ConnectedAccount(**values)


async def connect_selected(
    session: AsyncSession, provider: str, selection_id: str, workspace_id: int, chosen: list[str]
) -> list[Channel]:
    """Connect the accounts the owner ticked among those the login offered."""
    pending, accounts = await load_selection(provider, selection_id, workspace_id)
    picked = [a for a in accounts if a.external_id in set(chosen)]
    if not picked:
        raise NothingChosen()
    flow = oauth_of(provider)
    before = getattr(flow, "before_connect", None)
    if before is not None:
        await before(picked)
    channels = await connect_accounts(session, pending, picked)
    after = getattr(flow, "after_connect", None)
    if after is not None:
        after(session, channels)
    return channels


def spa_redirect(provider: str, **params: str) -> str:
    query = urlencode({"provider": provider, **params})
    return f"{get_settings().base_url.rstrip('/')}{SETTINGS_PATH}?{query}"
