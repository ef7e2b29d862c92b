"""Which providers exist, and the provider of a channel. Adding a channel = one line in
`PROVIDER_MODULES` (the module exposes `provider`, implementing `channels.contract`).

Modules are imported on first use, so that the neutral domains can import this registry without
importing every provider (whose ingestion imports the inbox): no import cycle.
"""

from __future__ import annotations

import importlib
from datetime import datetime
from typing import TYPE_CHECKING, Any

from chotdon.core.errors import NotFound

if TYPE_CHECKING:
    from chotdon.channels.contract import ChannelProvider, ReplyWindow

PROVIDER_MODULES: dict[str, str] = {
    "facebook": "chotdon.channels.facebook.provider",
    "instagram": "chotdon.channels.instagram.provider",
    "shopee": "chotdon.channels.shopee.provider",
    "zalo": "chotdon.channels.zalo.provider",
    "tiktok": "chotdon.channels.tiktok.provider",
    "lazada": "chotdon.channels.lazada.provider",
    "api": "chotdon.channels.api_channel",
}

_loaded: dict[str, ChannelProvider] = {}


class UnknownProvider(NotFound):
    code = "unknown_provider"
    message = "No such channel provider"


def names() -> list[str]:
    return list(PROVIDER_MODULES)


def get(name: str) -> ChannelProvider:
    """The provider called `name`, or `UnknownProvider` (404)."""
    found = _loaded.get(name)
    if found is not None:
        return found
    module_path = PROVIDER_MODULES.get(name)
    if module_path is None:
        raise UnknownProvider(f"No channel provider called {name[:40]!r}")
    found = importlib.import_module(module_path).provider
    _loaded[name] = found
    return found


def for_channel(channel: Any) -> ChannelProvider:
    """The provider of a `Channel` row (anything with `.provider`)."""
    return get(channel.provider)


def all_providers() -> list[ChannelProvider]:
    return [get(name) for name in PROVIDER_MODULES]


def reply_window(
    channel: Any,
    last_incoming_at: datetime | None,
    now: datetime,
    state: dict[str, Any] | None = None,
) -> ReplyWindow:
    """The reply window of a chat on `channel` (for output: the SPA composer reads it)."""
    return for_channel(channel).reply_window(last_incoming_at, now, state=state)


async def provider_of(session: Any, channel_id: int) -> ChannelProvider:
    """The provider of channel `channel_id` (loaded through the session's identity map)."""
    from chotdon.channels.models import Channel

    return for_channel(await session.get_one(Channel, channel_id))
