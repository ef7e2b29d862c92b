"""Inbox rules: the list, states, assignment, bulk actions, replies, comment actions, notes.

Tags and quick replies live in `tags.py` and `quick_replies.py`, the media library in
`media.py`. Every change bumps `Conversation.version` and emits `conversation.updated` after
the commit; a change that carries a stale `version` is refused with 409 instead of silently
undoing what someone else just did.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.accounts import service as accounts_service
from chotdon.accounts.models import Membership, User
from chotdon.channels import outbound, registry
from chotdon.channels.models import Channel
from chotdon.channels.reasons import reason_code, reason_text
from chotdon.core.after_commit import emit_event
from chotdon.core.auth import Principal
from chotdon.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from chotdon.core.pagination import Page, PageParams, decode_cursor, encode_cursor
from chotdon.core.tenant import get_owned, owned
from chotdon.customers.models import Contact
from chotdon.inbox import filters, reply_quota, repository
from chotdon.inbox.filters import ConversationFilter, Sort
from chotdon.inbox.models import Conversation, Message, Note
from chotdon.inbox.outgoing import private_reply_sent, queue_message
from chotdon.inbox.schemas import (
    BulkIn,
    BulkOut,
    BulkSkipped,
    ChannelCardIn,
    ConversationOut,
    ConversationPatch,
    Counts,
    MessageIn,
    MessageOut,
    MessageQueued,
)
from chotdon.inbox.serializers import message_out


def _now() -> datetime:
    return datetime.now(UTC)


# --- reading -------------------------------------------------------------------------------


def _parse_time(value: Any) -> datetime:
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise ValidationFailed(
            "Invalid cursor", details=[{"field": "cursor", "message": "malformed cursor"}]
        )
    return parsed


def _parse_id(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value < 2**63:
        raise ValidationFailed(
            "Invalid cursor", details=[{"field": "cursor", "message": "malformed cursor"}]
        )
    return value


async def list_conversations(
    session: AsyncSession,
    workspace_id: int,
    f: ConversationFilter,
    params: PageParams,
    sort: Sort = "recent",
) -> Page[ConversationOut]:
    """One page of the inbox, newest activity first (or unread first), keyset-paginated."""
    if sort == "unread_first" and f.unread is None:
        return await _list_unread_first(session, workspace_id, f, params)
    after = None
    values = decode_cursor(params.cursor, 2)
    if values is not None:
        after = (_parse_time(values[0]), _parse_id(values[1]))
    conditions = filters.conditions(f, workspace_id)
    items = await repository.page_items(
        session,
        conditions,
        after=after,
        limit=params.limit + 1,
        probes=filters.narrowing_probes(f, workspace_id),
    )
    next_cursor = None
    if len(items) > params.limit:
        items = items[: params.limit]
        last = items[-1]
        next_cursor = encode_cursor([last.last_message_at.isoformat(), last.id])
    return Page(items=items, next_cursor=next_cursor)


async def _list_unread_first(
    session: AsyncSession, workspace_id: int, f: ConversationFilter, params: PageParams
) -> Page[ConversationOut]:
    """Unread conversations first, then the others; each part walks its own index."""
    phase, after = "u", None
    values = decode_cursor(params.cursor, 3)
    if values is not None:
        if values[0] not in ("u", "r"):
            raise ValidationFailed(
                "Invalid cursor", details=[{"field": "cursor", "message": "malformed cursor"}]
            )
        phase = values[0]
        after = (_parse_time(values[1]), _parse_id(values[2]))
    items: list[tuple[str, ConversationOut]] = []
    for part in ("u", "r"):
        if part == "u" and phase == "r":
            continue
        part_filter = _with(f, unread=part == "u")
        part_after = after if part == phase else None
        want = params.limit + 1 - len(items)
        rows = await repository.page_items(
            session,
            filters.conditions(part_filter, workspace_id),
            after=part_after,
            limit=want,
            probes=filters.narrowing_probes(f, workspace_id),
        )
        items += [(part, r) for r in rows]
        if len(items) > params.limit:
            break
    next_cursor = None
    if len(items) > params.limit:
        items = items[: params.limit]
        part, last = items[-1]
        next_cursor = encode_cursor([part, last.last_message_at.isoformat(), last.id])
    return Page(items=[r for _, r in items], next_cursor=next_cursor)


def _with(f: ConversationFilter, **changes: Any) -> ConversationFilter:
    from dataclasses import replace

    return replace(f, **changes)


async def count_conversations(
    session: AsyncSession, principal: Principal, f: ConversationFilter
) -> Counts:
    values = await repository.counts(
        session, filters.conditions(f, principal.workspace_id), principal.user_id
    )
    return Counts(**values)


async def get_conversation(
    session: AsyncSession, workspace_id: int, conversation_id: int
) -> ConversationOut:
    items = await repository.load_items(session, workspace_id, [conversation_id])
    if not items:
        raise NotFound("Conversation not found")
    return items[0]


async def emit_updated(session: AsyncSession, workspace_id: int, ids: list[int]) -> None:
    """`conversation.updated` for each of `ids` (one query for all of them)."""
    for item in await repository.load_items(session, workspace_id, ids):
        emit_event(session, workspace_id, "conversation.updated", item.model_dump(mode="json"))


# --- changing one conversation -------------------------------------------------------------


class ConversationChanged(Conflict):
    code = "conversation_changed"
    message = "Someone else changed this conversation meanwhile: reload it and try again"


async def _apply(
    session: AsyncSession,
    workspace_id: int,
    conversation_id: int,
    values: dict[str, Any],
    version: int | None,
) -> ConversationOut:
    """Conditional UPDATE (… AND version = :v when given); 404 / 409 when it matches nothing."""
    stmt = update(Conversation).where(
        Conversation.id == conversation_id, Conversation.workspace_id == workspace_id
    )
    if version is not None:
        stmt = stmt.where(Conversation.version == version)
    stmt = (
        stmt.values(**values, version=Conversation.version + 1, updated_at=_now())
        .returning(Conversation.id)
        .execution_options(synchronize_session=False)
    )
    if (await session.execute(stmt)).scalar_one_or_none() is None:
        current = await get_conversation(session, workspace_id, conversation_id)
        raise ConversationChanged(details={"current": current.model_dump(mode="json")})
    out = await get_conversation(session, workspace_id, conversation_id)
    emit_event(session, workspace_id, "conversation.updated", out.model_dump(mode="json"))
    return out


async def ensure_assignable(session: AsyncSession, principal: Principal, user_id: int) -> None:
    """The assignee must be an active member; agents may only take conversations themselves."""
    if not principal.has_role("admin") and user_id != principal.user_id:
        raise Forbidden("Agents can assign conversations to themselves only")
    member = await session.scalar(
        select(Membership.id).where(
            Membership.workspace_id == principal.workspace_id,
            Membership.user_id == user_id,
            Membership.is_active.is_(True),
        )
    )
    if member is None:
        raise ValidationFailed(
            "The assignee is not an active member of this workspace",
            details=[{"field": "assignee_id", "message": "not an active member"}],
        )


async def update_conversation(
    session: AsyncSession, principal: Principal, conversation_id: int, patch: ConversationPatch
) -> ConversationOut:
    """PATCH {status, assignee_id}: only the fields sent change."""
    conversation = await get_owned(
        session, Conversation, conversation_id, principal.workspace_id, label="Conversation"
    )
    previous_assignee = conversation.assignee_id
    values: dict[str, Any] = {}
    sent = patch.model_fields_set
    if "status" in sent:
        if patch.status is None:
            raise ValidationFailed(details=[{"field": "status", "message": "open or done"}])
        values["status"] = patch.status
    if "assignee_id" in sent:
        if patch.assignee_id is not None:
            await ensure_assignable(session, principal, patch.assignee_id)
        if not principal.has_role("admin") and previous_assignee not in (None, principal.user_id):
            raise Forbidden("Only an admin can take a conversation away from another agent")
        values["assignee_id"] = patch.assignee_id
    if not values:
        return await get_conversation(session, principal.workspace_id, conversation.id)
    out = await _apply(session, principal.workspace_id, conversation.id, values, patch.version)
    if "assignee_id" in values and values["assignee_id"] != previous_assignee:
        accounts_service.audit(
            session,
            principal,
            "conversation.assign",
            "conversation",
            conversation.id,
            {"from": previous_assignee, "to": values["assignee_id"]},
        )
    return out


async def mark_read(
    session: AsyncSession, principal: Principal, conversation_id: int, version: int | None = None
) -> ConversationOut:
    await get_owned(session, Conversation, conversation_id, principal.workspace_id)
    values = {"unread": False, "last_read_at": _now()}
    out = await _apply(session, principal.workspace_id, conversation_id, values, version)
    outbound.enqueue_mark_read(session, conversation_id)  # the provider's side, if it has one
    return out


async def mark_unread(
    session: AsyncSession, principal: Principal, conversation_id: int, version: int | None = None
) -> ConversationOut:
    await get_owned(session, Conversation, conversation_id, principal.workspace_id)
    return await _apply(session, principal.workspace_id, conversation_id, {"unread": True}, version)


async def set_blocked(
    session: AsyncSession, principal: Principal, conversation_id: int, blocked: bool
) -> ConversationOut:
    """Block / unblock the customer of this conversation (all their conversations show it).

    A blocked customer's messages are still recorded, but they do not mark the conversation
    unread, do not reopen it and do not create orders (`inbox.flows`).
    """
    # Conversation row first, then the contact: the same order as the ingestion flow.
    conversation = await get_owned(
        session,
        Conversation,
        conversation_id,
        principal.workspace_id,
        for_update=True,
        label="Conversation",
    )
    await session.execute(
        update(Contact)
        .where(
            Contact.id == conversation.contact_id, Contact.workspace_id == principal.workspace_id
        )
        .values(blocked=blocked)
        .execution_options(synchronize_session=False)
    )
    values: dict[str, Any] = {"unread": False} if blocked else {}
    out = await _apply(session, principal.workspace_id, conversation.id, values, None)
    others = (
        await session.execute(
            select(Conversation.id)
            .where(
                Conversation.workspace_id == principal.workspace_id,
                Conversation.contact_id == conversation.contact_id,
                Conversation.id != conversation.id,
            )
            .order_by(Conversation.last_message_at.desc())
            .limit(100)
        )
    ).scalars()
    await emit_updated(session, principal.workspace_id, list(others))
    accounts_service.audit(
        session,
        principal,
        "contact.block" if blocked else "contact.unblock",
        "contact",
        conversation.contact_id,
        {"conversation_id": conversation.id},
    )
    return out


async def request_sync(session: AsyncSession, principal: Principal, conversation_id: int) -> None:
    conversation = await get_owned(
        session, Conversation, conversation_id, principal.workspace_id, label="Conversation"
    )
    outbound.enqueue_conversation_sync(session, conversation.id)


# --- bulk ----------------------------------------------------------------------------------


async def bulk(session: AsyncSession, principal: Principal, body: BulkIn) -> BulkOut:
    """One action on up to 200 conversations; ids of another workspace are skipped, not leaked."""
    from chotdon.inbox import tags as tags_service

    ws = principal.workspace_id
    wanted = list(dict.fromkeys(body.ids))
    # Lock in id order: two bulk actions over overlapping selections cannot deadlock.
    found = list(
        (
            await session.execute(
                select(Conversation.id)
                .where(Conversation.workspace_id == ws, Conversation.id.in_(wanted))
                .order_by(Conversation.id)
                .with_for_update()
            )
        ).scalars()
    )
    skipped = [BulkSkipped(id=i, reason="not_found") for i in wanted if i not in set(found)]
    if not found:
        return BulkOut(action=body.action, updated_ids=[], skipped=skipped)
    updated: list[int]
    if body.action in ("tag", "untag"):
        if not body.tag_ids:
            raise ValidationFailed(details=[{"field": "tag_ids", "message": "give tag ids"}])
        if body.action == "tag":
            updated, limited = await tags_service.attach_many(
                session, principal, found, body.tag_ids
            )
            skipped += [BulkSkipped(id=i, reason="tag_limit_reached") for i in limited]
        else:
            updated = await tags_service.detach_many(session, principal, found, body.tag_ids)
    else:
        values: dict[str, Any]
        if body.action == "assign":
            if body.assignee_id is None:
                raise ValidationFailed(
                    details=[{"field": "assignee_id", "message": "give the assignee"}]
                )
            await ensure_assignable(session, principal, body.assignee_id)
            values = {"assignee_id": body.assignee_id}
        elif body.action == "unassign":
            if not principal.has_role("admin"):
                raise Forbidden("Only an admin can unassign conversations in bulk")
            values = {"assignee_id": None}
        elif body.action in ("done", "open"):
            values = {"status": body.action}
        elif body.action == "read":
            values = {"unread": False, "last_read_at": _now()}
        else:
            values = {"unread": True}
        targets = found
        if body.action == "assign" and not principal.has_role("admin"):
            # An agent takes unassigned conversations; a colleague's stay theirs.
            taken = set(
                (
                    await session.execute(
                        select(Conversation.id).where(
                            Conversation.id.in_(found),
                            Conversation.assignee_id.is_not(None),
                            Conversation.assignee_id != principal.user_id,
                        )
                    )
                ).scalars()
            )
            skipped += [BulkSkipped(id=i, reason="assigned_to_someone_else") for i in sorted(taken)]
            targets = [i for i in found if i not in taken]
        result = await session.execute(
            update(Conversation)
            .where(Conversation.workspace_id == ws, Conversation.id.in_(targets))
            .values(**values, version=Conversation.version + 1, updated_at=_now())
            .returning(Conversation.id)
            .execution_options(synchronize_session=False)
        )
        updated = list(result.scalars())
        if body.action == "assign":
            accounts_service.audit(
                session,
                principal,
                "conversation.bulk_assign",
                "conversation",
                None,
                {"ids": updated, "to": body.assignee_id},
            )
    await emit_updated(session, ws, updated)
    return BulkOut(action=body.action, updated_ids=sorted(updated), skipped=skipped)


# --- messages ------------------------------------------------------------------------------


async def message_history(
    session: AsyncSession,
    workspace_id: int,
    conversation_id: int,
    params: PageParams,
    order: Literal["latest", "oldest"] = "latest",
) -> Page[MessageOut]:
    """Items are always oldest → newest. `latest`: the newest page first and `next_cursor`
    loads older messages (infinite scroll up); `oldest`: from the first message forward."""
    await get_owned(session, Conversation, conversation_id, workspace_id, label="Conversation")
    cursor = None
    values = decode_cursor(params.cursor, 2)
    if values is not None:
        cursor = (_parse_time(values[0]), _parse_id(values[1]))
    oldest_first = order == "oldest"
    rows = await repository.message_page(
        session, conversation_id, cursor=cursor, limit=params.limit + 1, oldest_first=oldest_first
    )
    next_cursor = None
    if len(rows) > params.limit:
        rows = rows[: params.limit]
        edge = rows[-1]
        next_cursor = encode_cursor([edge.created_at.isoformat(), edge.id])
    items = rows if oldest_first else list(reversed(rows))
    return Page(items=[message_out(m) for m in items], next_cursor=next_cursor)


async def search_messages(
    session: AsyncSession,
    workspace_id: int,
    q: str,
    conversation_id: int | None,
    params: PageParams,
) -> Page[MessageOut]:
    """Every message (the whole history, not only the recent words the list searches) matching
    `q`, diacritics-insensitive, newest first."""
    if conversation_id is not None:
        await get_owned(session, Conversation, conversation_id, workspace_id, label="Conversation")
    tsquery = filters.search_tsquery(q)
    if tsquery is None:
        return Page(items=[], next_cursor=None)
    before = None
    values = decode_cursor(params.cursor, 2)
    if values is not None:
        before = (_parse_time(values[0]), _parse_id(values[1]))
    rows = await repository.search_messages(
        session,
        workspace_id,
        tsquery,
        conversation_id=conversation_id,
        before=before,
        limit=params.limit + 1,
    )
    next_cursor = None
    if len(rows) > params.limit:
        rows = rows[: params.limit]
        next_cursor = encode_cursor([rows[-1].created_at.isoformat(), rows[-1].id])
    return Page(items=[message_out(m) for m in rows], next_cursor=next_cursor)


async def _latest_customer_comment(session: AsyncSession, conversation: Conversation) -> Message:
    message = await session.scalar(
        select(Message)
        .where(
            Message.conversation_id == conversation.id,
            Message.kind == "comment",
            Message.direction == "in",
            Message.is_deleted.is_(False),
        )
        .order_by(Message.created_at.desc(), Message.id.desc())
        .limit(1)
    )
    if message is None:
        raise Conflict("This conversation has no comment to reply to", code="no_comment")
    return message


async def _content(
    session: AsyncSession, principal: Principal, body: MessageIn, channel: Channel
) -> list[dict[str, Any]]:
    from chotdon.inbox import media as media_service

    attachments = await media_service.attachments_for(
        session, principal.workspace_id, body.attachment_ids
    )
    if body.product_id is not None:
        attachments.append(
            await _product_card(session, principal.workspace_id, body.product_id, channel)
        )
    if body.card is not None:
        attachments.append(channel_card(body.card))
    return attachments


def channel_card(card: ChannelCardIn) -> dict[str, Any]:
    """A marketplace listing or order as an attachment the channel's provider sends as its
    own card (`item_id` / `order_id`; Shopee's orders go by `order_sn`)."""
    if card.kind == "product":
        return {"type": "product", "item_id": card.external_id, "name": card.name or ""}
    return {
        "type": "order",
        "order_id": card.external_id,
        "order_sn": card.external_id,
        "name": card.name or f"Đơn hàng {card.external_id}",
    }


async def _product_card(
    session: AsyncSession, workspace_id: int, product_id: int, channel: Channel
) -> dict[str, Any]:
    """The card of a catalogue product; `listing_id` when staff linked the product to its
    listing on this channel (the provider then sends its native card, else a text card)."""
    from chotdon.orders.catalog import available
    from chotdon.orders.listings import listing_on
    from chotdon.orders.models import Product

    try:
        product = await get_owned(session, Product, product_id, workspace_id, label="Product")
    except NotFound as exc:
        raise ValidationFailed(
            "Unknown product", details=[{"field": "product_id", "message": "no such product"}]
        ) from exc
    images = list(product.images or [])
    return {
        "type": "product",
        "product_id": product.id,
        "sku": product.sku,
        "name": product.name,
        "price": product.price,
        "image_url": images[0] if images else None,
        "in_stock": await available(session, product) > 0,  # a product's stock may be per variant
        "listing_id": await listing_on(session, product.id, channel.id),
    }


async def send_message(
    session: AsyncSession, principal: Principal, conversation_id: int, body: MessageIn
) -> MessageOut:
    """Queue a reply (202 pending) after checking Facebook's messaging rules."""
    # Row-locked: concurrent replies (and incoming messages) update the conversation in turn.
    conversation = await get_owned(
        session,
        Conversation,
        conversation_id,
        principal.workspace_id,
        for_update=True,
        label="Conversation",
    )
    channel = await session.get_one(Channel, conversation.channel_id)
    if channel.status != "connected":
        raise Conflict(
            f"The page '{channel.name}' is disconnected: reconnect it to reply",
            code="channel_disconnected",
            details={
                "status_reason": reason_text(channel.status_reason),
                "status_reason_code": reason_code(channel.status_reason),
            },
        )
    if body.card is not None:
        capability = f"{body.card.kind}_cards"
        if capability not in registry.for_channel(channel).capabilities:
            raise ValidationFailed(
                f"This channel does not send {body.card.kind} cards",
                details=[{"field": "card", "message": f"no {capability} on this channel"}],
            )
    text = body.text.strip() if body.text else None
    attachments = await _content(session, principal, body, channel)
    if not text and not attachments:
        raise ValidationFailed(
            "Write a text, attach a file or pick a product",
            details=[{"field": "text", "message": "empty message"}],
        )
    sender = _sender(principal)
    now = _now()
    kwargs: dict[str, Any] = {}
    if conversation.kind == "message":
        if body.private_reply or body.reply_to_message_id is not None:
            raise ValidationFailed(
                "Private and comment replies are for comment conversations",
                details=[{"field": "private_reply", "message": "not a comment conversation"}],
            )
        registry.for_channel(channel).check_reply(
            conversation.last_incoming_at,
            now,
            sent_by_human=principal.is_user,
            sent_since_incoming=await reply_quota.sent_since_incoming(
                session, conversation, channel.provider
            ),
            state=conversation.provider_state,
        )
    else:
        comment = await _target_comment(session, conversation, body.reply_to_message_id)
        if body.private_reply:
            registry.for_channel(channel).check_private_reply(
                comment.created_at, now, already_replied=await private_reply_sent(session, comment)
            )
            kwargs["private_reply_to"] = comment
        else:
            if len(attachments) > 1 or any(a.get("type") == "product" for a in attachments):
                raise ValidationFailed(
                    "A public comment reply takes a text and at most one image",
                    details=[{"field": "attachment_ids", "message": "one image at most"}],
                )
            kwargs["reply_to_comment"] = comment
    message = await queue_message(
        session,
        conversation,
        text=text,
        attachments=attachments,
        sender_type=sender,
        sender_user_id=principal.user_id,
        **kwargs,
    )
    return message_out(message)


def _sender(principal: Principal) -> str:
    # An integration sending through the API is automation, not a person (7-day rule).
    return "agent" if principal.is_user else "bot"


async def _target_comment(
    session: AsyncSession, conversation: Conversation, message_id: int | None
) -> Message:
    if message_id is None:
        return await _latest_customer_comment(session, conversation)
    comment = await session.scalar(
        select(Message).where(
            Message.id == message_id,
            Message.conversation_id == conversation.id,
            Message.kind == "comment",
        )
    )
    if comment is None:
        raise ValidationFailed(
            "That comment is not in this conversation",
            details=[{"field": "reply_to_message_id", "message": "no such comment here"}],
        )
    return comment


async def send_quick_reply(
    session: AsyncSession, principal: Principal, conversation_id: int, group_id: int
) -> MessageQueued:
    """Send a quick-reply group's messages in order, `{customer_name}` etc. filled in."""
    from chotdon.inbox import quick_replies, templates

    conversation = await get_owned(
        session, Conversation, conversation_id, principal.workspace_id, label="Conversation"
    )
    group = await quick_replies.get(session, principal.workspace_id, group_id)
    if not group.enabled:
        raise Conflict("This quick reply is switched off", code="quick_reply_disabled")
    if group.channel_ids and conversation.channel_id not in group.channel_ids:
        raise Conflict("This quick reply is not for this page", code="quick_reply_other_channel")
    values = await template_values(session, principal, conversation)
    [out] = await quick_replies.to_out(session, [group], values)
    sent = [
        await send_message(
            session,
            principal,
            conversation.id,
            MessageIn(text=templates.render(m.text, values), attachment_ids=m.attachment_ids),
        )
        for m in out.messages
    ]
    return MessageQueued(items=sent)


async def retry_message(session: AsyncSession, principal: Principal, message_id: int) -> MessageOut:
    """Send a failed outgoing message again (same row: the customer never gets it twice)."""
    message = await get_owned(session, Message, message_id, principal.workspace_id, label="Message")
    if message.direction != "out" or message.status != "failed":
        raise Conflict("Only a failed message can be sent again", code="not_failed")
    conversation = await session.get_one(Conversation, message.conversation_id)
    if conversation.kind == "message" and not message.is_private_reply:
        channel = await session.get_one(Channel, conversation.channel_id)
        registry.for_channel(channel).check_reply(
            conversation.last_incoming_at,
            _now(),
            sent_by_human=principal.is_user,
            sent_since_incoming=await reply_quota.sent_since_incoming(
                session, conversation, channel.provider
            ),
            state=conversation.provider_state,
        )
    # Parts already sent stay sent ("done"); only the failed remainder goes out again.
    send_state = {**(message.meta.get("send") or {}), "finished": False, "inflight": None}
    result = await session.execute(
        update(Message)
        .where(Message.id == message.id, Message.status == "failed")
        .values(
            status="pending",
            error=None,
            error_code=None,
            meta={**message.meta, "send": send_state},
        )
        .returning(Message.id)
        .execution_options(synchronize_session=False)
    )
    if result.scalar_one_or_none() is None:
        raise Conflict("Only a failed message can be sent again", code="not_failed")
    await session.refresh(message)
    outbound.enqueue_send(session, message.id)
    emit_event(
        session,
        principal.workspace_id,
        "message.updated",
        message_out(message).model_dump(mode="json"),
    )
    return message_out(message)


# --- comments ------------------------------------------------------------------------------


async def comment_action(
    session: AsyncSession, principal: Principal, message_id: int, action: outbound.CommentAction
) -> Message:
    message = await get_owned(session, Message, message_id, principal.workspace_id, label="Comment")
    if message.kind != "comment" or message.is_private_reply:
        raise NotFound("Comment not found")
    if message.is_deleted:
        raise Conflict("This comment was deleted", code="comment_deleted")
    if action in ("like", "unlike") and message.direction == "out":
        raise Conflict("The page cannot like its own comment", code="own_comment")
    if action in ("like", "unlike"):
        provider = await registry.provider_of(session, message.channel_id)
        if "comment_likes" not in provider.capabilities:
            raise Conflict(
                f"{provider.label} does not let an app like a comment",
                code="comment_likes_not_supported",
            )
    outbound.enqueue_comment_action(session, message.id, action, uuid.uuid4().hex[:12])
    accounts_service.audit(
        session, principal, f"comment.{action}", "message", message.id, {"action": action}
    )
    return message


# --- notes ---------------------------------------------------------------------------------


async def list_notes(session: AsyncSession, workspace_id: int, conversation_id: int) -> list[Note]:
    conversation = await get_owned(
        session, Conversation, conversation_id, workspace_id, label="Conversation"
    )
    stmt = (
        owned(Note, workspace_id)
        .where(
            (Note.conversation_id == conversation.id)
            | ((Note.contact_id == conversation.contact_id) & Note.conversation_id.is_(None))
        )
        .order_by(Note.created_at, Note.id)
    )
    return list((await session.execute(stmt)).scalars())


async def add_note(
    session: AsyncSession, principal: Principal, conversation_id: int, text: str
) -> Note:
    """An internal note: staff only, never sent to the customer."""
    conversation = await get_owned(
        session, Conversation, conversation_id, principal.workspace_id, label="Conversation"
    )
    note = Note(
        workspace_id=principal.workspace_id,
        conversation_id=conversation.id,
        contact_id=conversation.contact_id,
        author_id=principal.user_id,
        text=text,
    )
    session.add(note)
    await session.flush()
    emit_event(
        session,
        principal.workspace_id,
        "note.created",
        {
            "id": note.id,
            "conversation_id": conversation.id,
            "contact_id": conversation.contact_id,
            "author_id": note.author_id,
            "text": note.text,
            "created_at": note.created_at.isoformat(),
        },
    )
    return note


async def delete_note(session: AsyncSession, principal: Principal, note_id: int) -> None:
    note = await get_owned(session, Note, note_id, principal.workspace_id, label="Note")
    if note.author_id != principal.user_id and not principal.has_role("admin"):
        raise Forbidden("Only the author or an admin can delete a note")
    await session.execute(delete(Note).where(Note.id == note.id))


# --- template variables --------------------------------------------------------------------


async def template_values(
    session: AsyncSession, principal: Principal, conversation: Conversation
) -> dict[str, str]:
    """Values for {customer_name}, {first_name}, {phone}, {page_name}, {agent_name}."""
    from chotdon.customers.phones import display_phone

    contact = await session.get_one(Contact, conversation.contact_id)
    channel = await session.get_one(Channel, conversation.channel_id)
    agent = await session.get(User, principal.user_id) if principal.user_id else None
    name = (contact.name or "").strip()
    phone = await repository.conversation_phone(session, contact.id, conversation.id)
    return {
        "customer_name": name,
        # Vietnamese names end with the given name: "Nguyễn Thị Lan" -> "Lan".
        "first_name": name.split()[-1] if name else "",
        # The number written in this conversation, as staff read it: 0912 345 678.
        "phone": display_phone(phone) if phone else "",
        "page_name": channel.name,
        "agent_name": agent.name if agent else "",
    }
