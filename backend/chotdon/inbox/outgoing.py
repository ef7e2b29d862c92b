"""Queue a message from the page to a customer: stored `pending`, then sent by a job.

Used by agents replying (inbox router), the order receipt (orders) and the confirmation bot
(livestream). The conversation is marked replied (and read, for an agent) at once, except for
`sender_type="bot"` (automatic messages), which changes neither; the send job reports
`sent` / `failed` through `message.updated`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels import outbound
from chotdon.core.after_commit import emit_event
from chotdon.core.text import search_document
from chotdon.customers.models import Contact
from chotdon.inbox import assignment, searchdoc
from chotdon.inbox.models import Conversation, Message
from chotdon.inbox.preview import preview_of
from chotdon.inbox.serializers import conversation_event, message_event
from chotdon.reports import facts as reports_facts


async def queue_message(
    session: AsyncSession,
    conversation: Conversation,
    *,
    text: str | None = None,
    attachments: list[dict[str, Any]] | None = None,
    sender_type: str = "agent",
    sender_user_id: int | None = None,
    private_reply_to: Message | None = None,
    reply_to_comment: Message | None = None,
    meta: dict[str, Any] | None = None,
) -> Message:
    """Store an outgoing message as `pending`, update the conversation, enqueue the send.

    - `private_reply_to`: a customer's comment answered in Messenger (once per comment).
    - `reply_to_comment`: a public reply under that comment.
    Window rules are the caller's to check first (`channels.registry.for_channel(c).check_reply`).
    """
    now = datetime.now(UTC)
    kind = "comment" if reply_to_comment is not None else "message"
    message = Message(
        workspace_id=conversation.workspace_id,
        conversation_id=conversation.id,
        channel_id=conversation.channel_id,
        kind=kind,
        direction="out",
        sender_type=sender_type,
        sender_user_id=sender_user_id,
        text=text,
        attachments=attachments or [],
        status="pending",
        is_private_reply=private_reply_to is not None,
        parent_external_id=(reply_to_comment.external_id if reply_to_comment else None),
        meta={
            **(meta or {}),
            **({"private_reply_to": private_reply_to.id} if private_reply_to else {}),
            **({"reply_to_comment": reply_to_comment.id} if reply_to_comment else {}),
        },
        search_text=search_document(text),
        created_at=now,
        received_at=now,
    )
    session.add(message)
    await session.flush()
    await reports_facts.on_messages(session, [(conversation, message)])
    conversation.last_message_at = max(conversation.last_message_at, now)
    conversation.last_message_id = message.id
    conversation.last_message_preview = preview_of(text, message.attachments)
    conversation.last_message_direction = "out"
    conversation.last_message_sender_type = sender_type
    # Automatic messages (the bot) neither answer the customer nor read the conversation.
    if sender_type != "bot":
        conversation.replied = True
    if sender_type == "agent":
        conversation.unread = False
        conversation.last_read_at = now
    contact_doc = await session.scalar(
        select(Contact.search_text).where(Contact.id == conversation.contact_id)
    )
    await searchdoc.add_message_words(
        session, conversation, contact_doc or "", message.search_text or ""
    )
    # A SQL increment: callers that did not lock the row never lose a concurrent bump.
    conversation.version = Conversation.version + 1  # type: ignore[assignment]
    await session.flush()
    if sender_type == "agent":
        await assignment.on_staff_reply(session, conversation, sender_user_id)
    outbound.enqueue_send(session, message.id)
    emit_event(session, conversation.workspace_id, "message.created", message_event(message))
    emit_event(
        session,
        conversation.workspace_id,
        "conversation.updated",
        await conversation_event(session, conversation),
    )
    return message


async def private_reply_sent(session: AsyncSession, comment: Message) -> bool:
    """Whether this comment already has a private reply (sent or on its way): Facebook allows one."""
    return (
        await session.scalar(
            select(Message.id)
            .where(
                Message.conversation_id == comment.conversation_id,
                Message.is_private_reply.is_(True),
                Message.status != "failed",
                Message.meta["private_reply_to"].as_integer() == comment.id,
            )
            .limit(1)
        )
    ) is not None
