"""Incoming message / comment → contact → conversation → message → flags → events → hooks.

The one place where provider-neutral inbound events (`channels.events`) become inbox rows.
Every function is idempotent: external ids are unique per channel, so a webhook delivered
twice, or a backfill overlapping webhooks, records each message once. Events that arrive out of
order still leave the conversation in the right final state (its "last message" only moves
forward in time).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, tuple_, update
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
from chotdon.inbox import assignment, attachments, repository, searchdoc
from chotdon.inbox.models import Conversation, Message, Post
from chotdon.inbox.preview import PREVIEW_CHARS, preview_of  # noqa: F401 (re-exported)
from chotdon.inbox.serializers import message_event
from chotdon.livestream import flows as livestream_flows
from chotdon.orders import flows as orders_flows
from chotdon.reports import facts as reports_facts

log = logging.getLogger(__name__)

OUR_METADATA_PREFIX = "chotdon:"


@dataclass(slots=True)
class Recorded:
    message: Message | None
    conversation: Conversation | None
    created: bool


Inbound = InboundMessage | InboundComment


async def record_message(
    session: AsyncSession, channel: Channel, event: InboundMessage
) -> Recorded:
    """Record a Messenger message or an echo of a message the page sent."""
    return (await record_new(session, channel, [event]))[0]


async def record_comment(
    session: AsyncSession, channel: Channel, event: InboundComment
) -> Recorded:
    """Record a comment (add / edited / remove / hide / unhide) under a post or live video."""
    if event.verb != "add":
        post = await upsert_post(session, channel, event.post)
        existing = await _find_message(session, channel.id, event.external_id)
        if existing is not None:
            await _apply_comment_change(session, channel, post, existing, event)
            return Recorded(existing, None, False)
        if event.verb != "edited":
            return Recorded(None, None, False)
        # An edit of a comment we never saw: record it as new.
    return (await record_new(session, channel, [event]))[0]


@dataclass(slots=True)
class _New:
    """A message or comment being recorded: what `record_new` learns about it on the way."""

    event: Inbound
    contact: Contact
    conversation: Conversation
    post: Post | None
    message: Message | None = None


async def record_new(
    session: AsyncSession, channel: Channel, events: Sequence[Inbound]
) -> list[Recorded]:
    """Record messages and new comments of one channel, many at once (a batch of webhooks).

    Same outcome as recording them one by one, in a number of statements that does not grow
    with the batch: existing ids, contacts, conversations, message rows, phones, conversation
    flags and the list rows of the events are each read or written once for the batch. Events
    already stored (duplicates, a backfill overlapping webhooks) come back with created=False.
    """
    results: list[Recorded | None] = [None] * len(events)
    for i, event in enumerate(events):
        if event.direction == "out" and isinstance(event, InboundMessage):
            ours = await _match_our_send(session, channel, event)
            if ours is not None:
                results[i] = Recorded(ours, None, False)
    pending = [i for i, r in enumerate(results) if r is None]
    existing = await _find_messages(session, channel.id, [events[i].external_id for i in pending])
    first_of: dict[str, int] = {}
    todo: list[int] = []
    for i in pending:
        external_id = events[i].external_id
        if external_id in existing:
            results[i] = Recorded(existing[external_id], None, False)
        elif external_id in first_of:
            continue  # the same event twice in one batch: answered below, from the first
        else:
            first_of[external_id] = i
            todo.append(i)
    if todo:
        await _record_batch(session, channel, [events[i] for i in todo], results, todo)
    for i, event in enumerate(events):
        if results[i] is None:
            first = results[first_of[event.external_id]]
            assert first is not None
            results[i] = Recorded(first.message, None, False)
    return [r for r in results if r is not None]


async def _record_batch(
    session: AsyncSession,
    channel: Channel,
    events: list[Inbound],
    results: list[Recorded | None],
    positions: list[int],
) -> None:
    posts: dict[str, Post] = {}
    for event in events:
        if isinstance(event, InboundComment) and event.post.external_id not in posts:
            posts[event.post.external_id] = await upsert_post(session, channel, event.post)
    contacts = await customers_service.ensure_contacts(
        session, channel, [event.customer for event in events]
    )
    keys: dict[tuple[str, str], tuple[Contact, Post | None, datetime]] = {}
    for event in events:
        contact = contacts[event.customer.external_id][0]
        post = posts[event.post.external_id] if isinstance(event, InboundComment) else None
        key = _conversation_key(event, post)
        if key not in keys or event.created_at < keys[key][2]:
            keys[key] = (contact, post, event.created_at)
    conversations = await get_or_create_conversations(session, channel, keys)
    items = [
        _New(
            event,
            contacts[event.customer.external_id][0],
            conversations[_conversation_key(event, post)][0],
            post,
        )
        for event in events
        for post in [posts[event.post.external_id] if isinstance(event, InboundComment) else None]
    ]
    inserted = await _insert_messages(session, channel, items)
    raced = [item.event.external_id for item in items if item.event.external_id not in inserted]
    found = await _find_messages(session, channel.id, raced) if raced else {}
    recorded: list[_New] = []
    for item, position in zip(items, positions, strict=True):
        message = inserted.get(item.event.external_id)
        if message is None:  # a concurrent job recorded it first
            results[position] = Recorded(found.get(item.event.external_id), None, False)
            continue
        item.message = message
        recorded.append(item)
        results[position] = Recorded(message, item.conversation, True)
    if not recorded:
        return
    await reports_facts.on_messages(
        session, [(i.conversation, i.message) for i in recorded if i.message]
    )
    await _apply_messages(
        session, recorded, {c.id: created for c, created in conversations.values()}
    )
    await _emit(session, recorded, conversations)
    await _run_hooks(session, channel, recorded)


def _conversation_key(event: Inbound, post: Post | None) -> tuple[str, str]:
    if post is None:
        return ("message", event.customer.external_id)
    return ("comment", f"{post.external_id}:{event.customer.external_id}")


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
    """The conversation, row-locked for the rest of the transaction, created on first sight."""
    found = await get_or_create_conversations(
        session, channel, {(kind, external_id): (contact, post, at)}
    )
    return found[(kind, external_id)]


async def get_or_create_conversations(
    session: AsyncSession,
    channel: Channel,
    wanted: dict[tuple[str, str], tuple[Contact, Post | None, datetime]],
) -> dict[tuple[str, str], tuple[Conversation, bool]]:
    """Conversations by (kind, external id), row-locked for the rest of the transaction (a
    staff change made meanwhile — done, read, assign — is applied before or after these
    messages, never half-overwritten), created on first sight under advisory locks taken in
    a fixed order. Returns (conversation, created)."""
    out = {
        key: (c, False)
        for key, c in (await _lock_conversations(session, channel.id, wanted)).items()
    }
    missing = sorted(set(wanted) - set(out))
    if not missing:
        return out
    await locks.lock_many(
        session, "conversation", [f"{channel.id}:{kind}:{ext}" for kind, ext in missing]
    )
    out.update(
        (key, (c, False))
        for key, c in (await _lock_conversations(session, channel.id, missing)).items()
    )
    new = [key for key in missing if key not in out]
    created = []
    for kind, external_id in new:
        contact, post, at = wanted[(kind, external_id)]
        created.append(
            Conversation(
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
        )
    session.add_all(created)
    await session.flush()
    out.update((key, (conversation, True)) for key, conversation in zip(new, created, strict=True))
    return out


async def _lock_conversations(
    session: AsyncSession, channel_id: int, keys: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], Conversation]:
    keys = list(keys)
    if not keys:
        return {}
    stmt = (
        select(Conversation)
        .where(
            Conversation.channel_id == channel_id,
            tuple_(Conversation.kind, Conversation.external_id).in_(keys),
        )
        .order_by(Conversation.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return {(c.kind, c.external_id): c for c in (await session.execute(stmt)).scalars()}


async def _find_conversation(
    session: AsyncSession, channel_id: int, kind: str, external_id: str
) -> Conversation | None:
    stmt = select(Conversation).where(
        Conversation.channel_id == channel_id,
        Conversation.kind == kind,
        Conversation.external_id == external_id,
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def _find_message(session: AsyncSession, channel_id: int, external_id: str) -> Message | None:
    stmt = select(Message).where(
        Message.channel_id == channel_id, Message.external_id == external_id
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def _find_messages(
    session: AsyncSession, channel_id: int, external_ids: list[str]
) -> dict[str, Message]:
    if not external_ids:
        return {}
    stmt = select(Message).where(
        Message.channel_id == channel_id, Message.external_id.in_(external_ids)
    )
    return {m.external_id: m for m in (await session.execute(stmt)).scalars() if m.external_id}


async def _insert_messages(
    session: AsyncSession, channel: Channel, items: list[_New]
) -> dict[str, Message]:
    """One multi-row INSERT; rows another transaction stored first are skipped."""
    rows = []
    for item in items:
        event = item.event
        comment = isinstance(event, InboundComment)
        reply_to = event.reply_to_external_id if isinstance(event, InboundMessage) else None
        parent = event.parent_external_id if isinstance(event, InboundComment) else None
        rows.append(
            {
                "workspace_id": channel.workspace_id,
                "channel_id": channel.id,
                "conversation_id": item.conversation.id,
                "status": "sent",
                "search_text": search_document(event.text),
                "kind": "comment" if comment else "message",
                "external_id": event.external_id,
                "direction": event.direction,
                "sender_type": event.sender_type,
                "sender_external_id": event.customer.external_id
                if event.direction == "in"
                else None,
                "text": event.text,
                "attachments": event.attachments,
                "reply_to_external_id": reply_to,
                "parent_external_id": parent,
                "created_at": event.created_at,
                "meta": event.meta,
            }
        )
    # executemany form: one compiled statement, sent as multi-row INSERTs (insertmanyvalues).
    stmt = (
        insert(Message)
        .on_conflict_do_nothing(index_elements=["channel_id", "external_id"])
        .returning(Message)
    )
    return {m.external_id: m for m in (await session.scalars(stmt, rows)) if m.external_id}


async def _apply_messages(
    session: AsyncSession, items: list[_New], created: dict[int, bool]
) -> None:
    """Phones, conversation flags and search words for newly recorded messages."""
    found = [
        (item, phones)
        for item in items
        if item.event.direction == "in"
        for phones in [find_phones(item.event.text)]
        if phones
    ]
    if found:
        await customers_service.add_phones_many(
            session,
            [(item.contact, phones, item.message.id) for item, phones in found if item.message],
        )
        for item, _ in found:
            item.conversation.has_phone = True
    by_conversation: dict[int, list[_New]] = {}
    for item in items:
        by_conversation.setdefault(item.conversation.id, []).append(item)
    for group in by_conversation.values():
        group.sort(key=lambda item: (item.event.created_at, item.message.id if item.message else 0))
        conversation, contact = group[0].conversation, group[0].contact
        for item in group:
            assert item.message is not None
            _apply_flags(conversation, contact, item.message)
        new_words = [
            item.message.search_text for item in group if item.message and item.message.search_text
        ]
        await searchdoc.add_message_words(
            session,
            conversation,
            contact.search_text,
            " ".join(new_words),
            fresh=created.get(conversation.id, False),
        )
        conversation.version += 1
    attachments.schedule(session, [item.message for item in items if item.message])
    await session.flush()


def _apply_flags(conversation: Conversation, contact: Contact, message: Message) -> None:
    if message.direction == "in" and (
        conversation.last_incoming_at is None or message.created_at > conversation.last_incoming_at
    ):
        conversation.last_incoming_at = message.created_at
    is_latest = (
        message.created_at >= conversation.last_message_at or conversation.last_message_id is None
    )
    if not is_latest:
        return
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


async def _emit(
    session: AsyncSession,
    items: list[_New],
    conversations: dict[tuple[str, str], tuple[Conversation, bool]],
) -> None:
    """message.created for each message, then one conversation event per conversation."""
    touched: dict[int, Conversation] = {}
    for item in items:
        assert item.message is not None
        emit_event(
            session, item.message.workspace_id, "message.created", message_event(item.message)
        )
        touched[item.conversation.id] = item.conversation
    created = {c.id for c, new in conversations.values() if new}
    by_workspace: dict[int, list[int]] = {}
    for conversation in touched.values():
        by_workspace.setdefault(conversation.workspace_id, []).append(conversation.id)
    for workspace_id, ids in by_workspace.items():
        for out in await repository.load_items(session, workspace_id, ids):
            kind = "conversation.created" if out.id in created else "conversation.updated"
            emit_event(session, workspace_id, kind, out.model_dump(mode="json"))


async def _run_hooks(session: AsyncSession, channel: Channel, items: list[_New]) -> None:
    """Assignment, orders and livestream stories of new customer messages. A blocked
    customer's messages are kept, but never assigned and never turned into orders."""
    incoming = [i for i in items if i.event.direction == "in" and not i.contact.blocked]
    if not incoming:
        return
    conversations = list({i.conversation.id: i.conversation for i in incoming}.values())
    if await assignment.on_customer_messages(session, channel, conversations):
        await session.flush()
    messages = [i for i in incoming if isinstance(i.event, InboundMessage)]
    for item in messages:
        assert item.message is not None
        await orders_flows.on_incoming_message(
            session, channel, item.conversation, item.contact, item.message
        )
    if messages:
        await livestream_flows.on_incoming_messages(
            session, channel, [(i.contact, i.message) for i in messages if i.message]
        )
    comments = [i for i in incoming if i.post is not None]
    if comments:
        await livestream_flows.on_comments(
            session,
            channel,
            [
                livestream_flows.NewComment(i.post, i.contact, i.message)
                for i in comments
                if i.post is not None and i.message is not None
            ],
        )


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
        if event.verb == "edited":
            phones = find_phones(event.text)
            if phones:
                await customers_service.add_phones(session, contact, phones, message.id)
                conversation.has_phone = True
        if contact.blocked:
            return
        await livestream_flows.on_comment_changed(
            session, channel, post, contact, message, event.verb
        )


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
    return None
