"""Zalo echoes the OA's API sends as `oa_send_*` events, with no field saying "sent by this
app". Every part we send (a message may be several: text, image, card) is remembered by its
`msg_id` for a few days, and its echo is dropped; the first part's id is also the message's
`external_id`, which the inbox recognises anyway."""

from __future__ import annotations

from chotdon.channels.events import InboundMessage
from chotdon.core.redis import get_redis

TTL_SECONDS = 3 * 86400


def _key(channel_id: int, msg_id: str) -> str:
    return f"chotdon:zalo:ours:{channel_id}:{msg_id}"


async def remember(channel_id: int, msg_id: object) -> None:
    if isinstance(msg_id, str | int) and str(msg_id):
        await get_redis().set(_key(channel_id, str(msg_id)), b"1", ex=TTL_SECONDS)


async def without_ours(channel_id: int, events: list[InboundMessage]) -> list[InboundMessage]:
    """`events` minus the echoes of our own sends (one Redis call)."""
    outgoing = [e for e in events if e.direction == "out"]
    if not outgoing:
        return events
    flags = await get_redis().mget([_key(channel_id, e.external_id) for e in outgoing])
    ours = {e.external_id for e, flag in zip(outgoing, flags, strict=True) if flag}
    return [e for e in events if e.direction == "in" or e.external_id not in ours]
