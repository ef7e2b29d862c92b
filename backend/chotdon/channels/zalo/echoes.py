"""Zalo echoes the OA's API sends as `oa_send_*` events, with no field saying "sent by this
app". Every part we send (a message may be several: text, image, card) is remembered by its
`msg_id` for a few days, and its echo is dropped; the first part's id is also the message's
`external_id`, which the inbox recognises anyway.

The echo may also come before Zalo's answer to the send (the webhook races the HTTP answer):
then nothing knows its `msg_id` yet, but our message is in flight to that follower
(`channels.sending.begin_part` was committed before the call). An echo that fits the part in
flight is adopted: it names our row the way Facebook's echoes do (`metadata` =
"chotdon:<message id>", matched by `inbox.flows.record_new`) and its id is kept in the send
state (`echoed`), so the answer, in whichever order, lands on the same single message."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels import sending
from chotdon.channels.events import InboundMessage
from chotdon.channels.models import Channel
from chotdon.core.redis import get_redis
from chotdon.inbox.flows import OUR_METADATA_PREFIX
from chotdon.inbox.models import Conversation, Message

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


def fits_part(message: Message, index: int, event: InboundMessage) -> bool:
    """Whether the echo `event` can be part `index` of `message` as `send.parts_of` builds
    it (text first, then each attachment): a text part only by the same text, another part
    only by an echo that is not plain text (an image, a file, a product card)."""
    text_parts = 1 if message.text else 0
    if index < text_parts:
        return event.text == message.text
    attachments: list[dict[str, Any]] = list(message.attachments or [])
    position = index - text_parts
    if not 0 <= position < len(attachments):
        return False
    attachment = attachments[position]
    as_text = (
        attachment.get("type") not in ("product", "image") and attachment.get("media_id") is None
    )
    if as_text:  # a link Zalo receives as text
        return event.text == str(attachment.get("url") or "")
    return event.meta.get("zalo_event") != "oa_send_text"


async def adopt_early(
    session: AsyncSession, channel: Channel, events: list[InboundMessage]
) -> list[InboundMessage]:
    """Echoes that came before the answer to our send: marked as ours (see the module's
    docstring), the others returned unchanged. Locks the messages in flight, so the send's
    `part_sent` (the answer) waits for this transaction or came before it."""
    outgoing = [e for e in events if e.direction == "out"]
    if not outgoing:
        return events
    followers = {e.customer.external_id for e in outgoing}
    rows = (
        await session.execute(
            select(Message, Conversation.external_id)
            .join(Conversation, Conversation.id == Message.conversation_id)
            .where(
                Message.channel_id == channel.id,
                Message.direction == "out",
                Message.status != "failed",
                Conversation.external_id.in_(followers),
                Message.meta[("send", "inflight")].astext.is_not(None),
            )
            .order_by(Message.id)
            .with_for_update(of=Message)
        )
    ).all()
    in_flight: dict[str, list[Message]] = {}
    for message, follower in rows:
        in_flight.setdefault(str(follower), []).append(message)
    for event in outgoing:
        for message in in_flight.get(event.customer.external_id, []):
            state = sending.state_of(message)
            index = sending.inflight(message)
            if event.external_id in (state.get("ids") or []) or index is None:
                continue  # its answer came first: recognised by id (`record_new`)
            if not fits_part(message, index, event):
                continue
            echoed = dict(state.get("echoed") or {})
            if str(index) in echoed:
                continue  # that part has its echo already: this one is someone else's
            echoed[str(index)] = event.external_id
            state["echoed"] = echoed
            message.meta = {**message.meta, "send": state}
            event.metadata = f"{OUR_METADATA_PREFIX}{message.id}"
            await remember(channel.id, event.external_id)
            break
    await session.flush()
    return events
