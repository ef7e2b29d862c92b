"""Incoming message / comment → contact → conversation → message → flags → events → hooks.

The one place where provider-neutral inbound events (`channels.events`) become inbox rows.
Every function is idempotent: external ids are unique per channel, so a webhook delivered
twice, or a backfill overlapping webhooks, records each message once. Events that arrive out of
order still leave the conversation in the right final state (its "last message" only moves
forward in time).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels.events import (
    InboundComment,
    InboundMessage,
    InboundPost,
    MessageStatusUpdate,
    Reaction,
)
from chotdon.channels.models import Channel
from chotdon.core import locks
from chotdon.core.after_commit import emit_event
from chotdon.core.text import search_document
from chotdon.customers import service as customers_service
from chotdon.customers.models import Contact
from chotdon.customers.phones import find_phones
from chotdon.inbox import assignment, searchdoc
from chotdon.inbox.models import Conversation, Message, Post
from chotdon.inbox.preview import PREVIEW_CHARS, preview_of  # noqa: F401 (re-exported)
from chotdon.inbox.serializers import conversation_event, message_event
from chotdon.livestream import flows as livestream_flows
from chotdon.orders import flows as orders_flows

log = logging.getLogger(__name__)

OUR_METADATA_PREFIX = "chotdon:"


@dataclass(slots=True)
class Recorded:
    message: Message | None
    conversation: Conversation | None
    created: bool


async def record_message(
    session: AsyncSession, channel: Channel, event: InboundMessage
) -> Recorded:
    """Record a Messenger message or an echo of a message the page sent."""
    if event.direction == "out":
        ours = await _match_our_send(session, channel, event)
        if ours is not None:
            return Recorded(ours, None, False)
    existing = await _find_message(session, channel.id, event.external_id)
    if existing is not None:
        return Recorded(existing, None, False)

    contact, _, _ = await customers_service.ensure_contact(session, channel, event.customer)
    conversation, conv_created = await get_or_create_conversation(
        session, channel, "message", event.customer.external_id, contact, at=event.created_at
    )
    message = await _insert_message(
        session,
        channel,
        conversation,
        kind="message",
        external_id=event.external_id,
        direction=event.direction,
        sender_type=event.sender_type,
        sender_external_id=event.customer.external_id if event.direction == "in" else None,
        text=event.text,
        attachments=event.attachments,
        reply_to_external_id=event.reply_to_external_id,
        created_at=event.created_at,
        meta=event.meta,
    )
    if message is None:  # a concurrent job recorded it first
        return Recorded(await _find_message(session, channel.id, event.external_id), None, False)
    new_phones = await _apply_message(session, conversation, contact, message)
    if event.direction == "in" and not contact.blocked:
        await assignment.on_customer_message(session, channel, conversation)
    await _emit(session, conversation, message, conv_created)
    # A blocked customer's messages are kept, but they never turn into orders.
    if event.direction == "in" and not contact.blocked:
        await orders_flows.on_incoming_message(
            session, channel, conversation, contact, message, new_phones
        )
        await livestream_flows.on_incoming_message(session, channel, conversation, contact, message)
    return Recorded(message, conversation, True)


async def record_comment(
    session: AsyncSession, channel: Channel, event: InboundComment
) -> Recorded:
    """Record a comment (add / edited / remove / hide / unhide) under a post or live video."""
    post = await upsert_post(session, channel, event.post)
    existing = await _find_message(session, channel.id, event.external_id)
    if event.verb != "add":
        if existing is None:
            if event.verb != "edited":
                return Recorded(None, None, False)
            # An edit of a comment we never saw: record it as new.
        else:
            await _apply_comment_change(session, channel, post, existing, event)
            return Recorded(existing, None, False)
    if existing is not None:
        return Recorded(existing, None, False)

    contact, _, _ = await customers_service.ensure_contact(session, channel, event.customer)
    conversation, conv_created = await get_or_create_conversation(
        session,
        channel,
        "comment",
        f"{post.external_id}:{event.customer.external_id}",
        contact,
        post=post,
        at=event.created_at,
    )
    message = await _insert_message(
        session,
        channel,
        conversation,
        kind="comment",
        external_id=event.external_id,
        direction=event.direction,
        sender_type=event.sender_type,
        sender_external_id=event.customer.external_id if event.direction == "in" else None,
        text=event.text,
        attachments=event.attachments,
        parent_external_id=event.parent_external_id,
        created_at=event.created_at,
        meta=event.meta,
    )
    if message is None:
        return Recorded(await _find_message(session, channel.id, event.external_id), None, False)
    new_phones = await _apply_message(session, conversation, contact, message)
    if event.direction == "in" and not contact.blocked:
        await assignment.on_customer_message(session, channel, conversation)
    await _emit(session, conversation, message, conv_created)
    if event.direction == "in" and not contact.blocked:
        await livestream_flows.on_comment(
            session, channel, post, conversation, contact, message, "add", new_phones
        )
    return Recorded(message, conversation, True)


async def record_status(session: AsyncSession, channel: Channel, event: MessageStatusUpdate) -> int:
    """Deliveries / reads: move the page's messages forward (never backwards). Returns count."""
    conversation = await _find_conversation(
        session, channel.id, "message", event.customer_external_id
    )
    if conversation is None:
        return 0
    allowed_from = ("sent",) if event.status == "delivered" else ("sent", "delivered")
    stmt = (
        update(Message)
        .where(
            Message.conversation_id == conversation.id,
            Message.direction == "out",
            Message.status.in_(allowed_from),
            Message.created_at <= event.watermark,
        )
        .values(status=event.status)
        .returning(Message)
    )
    changed = list((await session.execute(stmt)).scalars())
    if event.external_ids:
        extra = (
            update(Message)
            .where(
                Message.channel_id == channel.id,
                Message.external_id.in_(event.external_ids),
                Message.status.in_(allowed_from),
            )
            .values(status=event.status)
            .returning(Message)
        )
        changed += list((await session.execute(extra)).scalars())
    for message in changed[-50:]:  # the UI needs the newest ticks, not thousands of events
        emit_event(session, conversation.workspace_id, "message.updated", message_event(message))
    return len(changed)


async def record_reaction(session: AsyncSession, channel: Channel, event: Reaction) -> None:
    message = await _find_message(session, channel.id, event.message_external_id)
    if message is None:
        return
    reactions = dict(message.meta.get("reactions") or {})
    if event.action == "react":
        reactions[event.customer_external_id] = event.emoji or event.reaction or "?"
    else:
        reactions.pop(event.customer_external_id, None)
    message.meta = {**message.meta, "reactions": reactions}
    await session.flush()
    emit_event(session, message.workspace_id, "message.updated", message_event(message))


async def upsert_post(session: AsyncSession, channel: Channel, post: InboundPost) -> Post:
    values = {
        "workspace_id": channel.workspace_id,
        "channel_id": channel.id,
        "external_id": post.external_id,
        "kind": post.kind,
        "message": post.message,
        "permalink_url": post.permalink_url,
        "picture_url": post.picture_url,
        "status_type": post.status_type,
        "posted_at": post.created_at,
        "live_video_external_id": post.live_video_external_id,
    }
    updates = {k: v for k, v in values.items() if v is not None and k not in ("workspace_id",)}
    if post.kind == "post":
        updates.pop("kind", None)  # a live video stays a live video when a comment mentions it
    stmt = (
        insert(Post)
        .values(**values)
        .on_conflict_do_update(index_elements=["channel_id", "external_id"], set_=updates)
        .returning(Post)
    )
    return (await session.execute(stmt)).scalar_one()


async def get_or_create_conversation(
    session: AsyncSession,
    channel: Channel,
    kind: str,
    external_id: str,
    contact: Contact,
    *,
    post: Post | None = None,
    at: datetime,
) -> tuple[Conversation, bool]:
    # Row-locked for the rest of the transaction: a staff change made meanwhile (done, read,
    # assign) is applied before or after this message, never half-overwritten by it.
    conversation = await _find_conversation(session, channel.id, kind, external_id, lock=True)
    if conversation is not None:
        return conversation, False
    await locks.lock(session, "conversation", f"{channel.id}:{kind}:{external_id}")
    conversation = await _find_conversation(session, channel.id, kind, external_id)
    if conversation is not None:
        return conversation, False
    conversation = Conversation(
        workspace_id=channel.workspace_id,
        channel_id=channel.id,
        kind=kind,
        external_id=external_id,
        post_id=post.id if post else None,
        contact_id=contact.id,
        unread=False,
        replied=False,
        last_message_at=at,
        search_text=contact.search_text,
    )
    session.add(conversation)
    await session.flush()
    return conversation, True


async def _find_conversation(
    session: AsyncSession, channel_id: int, kind: str, external_id: str, *, lock: bool = False
) -> Conversation | None:
    stmt = select(Conversation).where(
        Conversation.channel_id == channel_id,
        Conversation.kind == kind,
        Conversation.external_id == external_id,
    )
    if lock:
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    return (await session.execute(stmt)).scalar_one_or_none()


async def _find_message(session: AsyncSession, channel_id: int, external_id: str) -> Message | None:
    stmt = select(Message).where(
        Message.channel_id == channel_id, Message.external_id == external_id
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def _insert_message(
    session: AsyncSession, channel: Channel, conversation: Conversation, **values: object
) -> Message | None:
    text = values.get("text")
    stmt = (
        insert(Message)
        .values(
            workspace_id=channel.workspace_id,
            channel_id=channel.id,
            conversation_id=conversation.id,
            status="sent",
            search_text=search_document(text if isinstance(text, str) else None),
            **values,
        )
        .on_conflict_do_nothing(index_elements=["channel_id", "external_id"])
        .returning(Message)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def _apply_message(
    session: AsyncSession, conversation: Conversation, contact: Contact, message: Message
) -> list[str]:
    """Update the conversation's flags for a newly recorded message; return new phones."""
    new_phones: list[str] = []
    if message.direction == "in":
        if (
            conversation.last_incoming_at is None
            or message.created_at > conversation.last_incoming_at
        ):
            conversation.last_incoming_at = message.created_at
        phones = find_phones(message.text)
        if phones:
            new_phones = await customers_service.add_phones(session, contact, phones, message.id)
            conversation.has_phone = True
    is_latest = (
        message.created_at >= conversation.last_message_at or conversation.last_message_id is None
    )
    if is_latest:
        conversation.last_message_at = message.created_at
        conversation.last_message_id = message.id
        conversation.last_message_preview = preview_of(message.text, message.attachments)
        conversation.last_message_direction = message.direction
        conversation.last_message_sender_type = message.sender_type
        if message.direction == "in":
            conversation.replied = False
            if not contact.blocked:
                conversation.unread = True
                if conversation.status == "done":
                    conversation.status = "open"  # the customer wrote again: back to work
        else:
            conversation.replied = True
            if message.sender_type in ("agent", "page"):
                # A person answered (here or in Facebook's own inbox): they read it.
                conversation.unread = False
                conversation.last_read_at = max(
                    conversation.last_read_at or message.created_at, message.created_at
                )
    await searchdoc.add_message_words(
        session, conversation, contact.search_text, message.search_text or ""
    )
    conversation.version += 1
    await session.flush()
    return new_phones


async def _apply_comment_change(
    session: AsyncSession, channel: Channel, post: Post, message: Message, event: InboundComment
) -> None:
    if event.verb == "edited":
        message.text = event.text
        message.search_text = search_document(event.text)
        message.edited_at = event.created_at
    elif event.verb == "remove":
        message.is_deleted = True
    elif event.verb in ("hide", "unhide"):
        message.is_hidden = event.verb == "hide"
    await session.flush()
    emit_event(session, message.workspace_id, "message.updated", message_event(message))
    if event.verb in ("edited", "remove") and message.direction == "in":
        conversation = await session.get_one(Conversation, message.conversation_id)
        contact = await session.get_one(Contact, conversation.contact_id)
        new_phones: list[str] = []
        if event.verb == "edited":
            phones = find_phones(event.text)
            if phones:
                new_phones = await customers_service.add_phones(
                    session, contact, phones, message.id
                )
                conversation.has_phone = True
        if contact.blocked:
            return
        await livestream_flows.on_comment(
            session, channel, post, conversation, contact, message, event.verb, new_phones
        )


async def _emit(
    session: AsyncSession, conversation: Conversation, message: Message, conv_created: bool
) -> None:
    ws = conversation.workspace_id
    emit_event(session, ws, "message.created", message_event(message))
    kind = "conversation.created" if conv_created else "conversation.updated"
    emit_event(session, ws, kind, await conversation_event(session, conversation))


async def _match_our_send(
    session: AsyncSession, channel: Channel, event: InboundMessage
) -> Message | None:
    """An echo of a message we sent: attach its mid to our row instead of duplicating it."""
    message_id = None
    if event.metadata and event.metadata.startswith(OUR_METADATA_PREFIX):
        try:
            message_id = int(event.metadata[len(OUR_METADATA_PREFIX) :])
        except ValueError:
            message_id = None
    if message_id is not None:
        message = await session.get(Message, message_id)
        if message is not None and message.channel_id == channel.id:
            if message.external_id is None:
                message.external_id = event.external_id
            if message.status == "pending":
                message.status = "sent"
            await session.flush()
            emit_event(session, message.workspace_id, "message.updated", message_event(message))
            return message
    return await _find_message(session, channel.id, event.external_id)
