"""Outbound: Send API (messages, private replies), public comment replies, comment actions.

Never sending twice. The Send API has no idempotency key, and a job can die after Facebook
accepted a message but before we committed `sent`. So each Graph call is preceded by a
committed marker (`meta.send.inflight`): a job that finds a marker it did not clear does not
call Facebook again, because the first call may have gone through. It waits for the proof
instead — the `message_echoes` webhook carries our metadata `chotdon:<id>` (and the feed
webhook our public reply), which `inbox.flows` / `ingest` attach to the row — and gives up
after `UNCONFIRMED_AFTER`, marking the message failed with "unconfirmed" so a human checks it.
That is at-most-once with reconciliation: a rare "unconfirmed" is better than a customer
receiving every message twice. Errors where Facebook answered (rate limits, window, token)
prove nothing was sent, so those clear the marker and may retry.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from arq import Retry
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels import sending
from chotdon.channels.facebook import policy
from chotdon.channels.facebook.graph import (
    GraphError,
    NetworkError,
    OutsideWindow,
    PrivateReplyNotAllowed,
    RateLimited,
    RecipientUnavailable,
    TokenInvalid,
    TransientError,
    get_graph,
)
from chotdon.channels.facebook.service import (
    META_PROVIDERS,
    mark_token_invalid,
    messaging_node,
    page_token,
)
from chotdon.channels.models import Channel
from chotdon.channels.reasons import reason_text
from chotdon.core import locks
from chotdon.core.after_commit import emit_event
from chotdon.core.db import unit_of_work
from chotdon.core.errors import AppError
from chotdon.inbox import media as media_service
from chotdon.inbox.flows import OUR_METADATA_PREFIX
from chotdon.inbox.models import ChannelAttachment, Conversation, Media, Message
from chotdon.inbox.serializers import message_event

log = logging.getLogger(__name__)

UNCONFIRMED_AFTER = timedelta(seconds=90)
MAX_SEND_TRIES = 8
RETRY_BASE_SECONDS = 5.0  # job retry after Facebook kept failing: 5 s, 10 s, 15 s ...
RECONCILE_POLL_SECONDS = 10.0
ATTACHMENT_TTL = timedelta(days=80)  # Facebook keeps reusable attachments 90 days


@dataclass(slots=True)
class Part:
    """One Graph call of a message (text, or one attachment, or a comment reply)."""

    path: str
    json: dict[str, Any] | None = None
    data: dict[str, Any] | None = None


def _reason(error: GraphError) -> str:
    if isinstance(error, OutsideWindow):
        return (
            "Facebook refused: outside the messaging window (24 h since the customer's last "
            "message; 7 days for a staff reply)"
        )
    if isinstance(error, RecipientUnavailable):
        return "Facebook refused: this person isn't available right now (blocked or deactivated)"
    if isinstance(error, PrivateReplyNotAllowed):
        if error.code == 10900:
            return "Facebook refused: this comment already has a private reply"
        return "Facebook refused: this comment can no longer receive a private reply"
    if isinstance(error, TokenInvalid):
        return "The page's access token is no longer valid: reconnect the page"
    if isinstance(error, RateLimited):
        return "Facebook kept refusing because of rate limits"
    return f"Facebook refused: {error.message}"


async def send_message(message_id: int, job_try: int = 1) -> str:
    """Send a pending outgoing message part by part; see the module doc for the guarantees."""
    while True:
        async with unit_of_work() as session:
            message = await session.get(Message, message_id, with_for_update=True)
            if message is None or not sending.sendable(message):
                return "nothing-to-do"
            channel = await session.get_one(Channel, message.channel_id)
            if channel.provider not in META_PROVIDERS:
                return "other-provider"
            if sending.inflight(message) is not None:
                outcome = await _reconcile(session, message)
                if outcome == "wait":
                    raise Retry(defer=RECONCILE_POLL_SECONDS)
                if outcome == "failed":
                    return "unconfirmed"
                continue
            if channel.status != "connected" or not channel.access_token_encrypted:
                await sending.finish(
                    session,
                    message,
                    error=reason_text(channel.status_reason)
                    or "The page is not connected (no access token): reconnect it",
                    code="channel_disconnected",
                )
                return "failed"
            try:
                parts = await _parts(session, channel, message)
            except AppError as exc:  # window closed, private reply already sent...
                await sending.finish(session, message, error=exc.message, code=exc.code)
                return "failed"
            done = sending.parts_done(message)
            if done >= len(parts):
                await sending.finish(session, message)
                return "sent"
            part = parts[done]
            sending.begin_part(message, done)
            token = page_token(channel)
        # The marker is committed: from here on a crash means "maybe sent", never "resend".
        try:
            result = await get_graph().post(part.path, token, json=part.json, data=part.data)
        except TokenInvalid as exc:
            await mark_token_invalid(channel.id, exc)
            return await sending.fail(message_id, _reason(exc), exc.code_label)
        except NetworkError as exc:
            if exc.maybe_sent:
                raise Retry(defer=RECONCILE_POLL_SECONDS) from exc  # reconcile on the next try
            await sending.clear_inflight(message_id)
            raise Retry(defer=min(60, RETRY_BASE_SECONDS * job_try)) from exc
        except (RateLimited, TransientError) as exc:
            await sending.clear_inflight(message_id)
            if job_try >= MAX_SEND_TRIES:
                return await sending.fail(message_id, _reason(exc), exc.code_label)
            raise Retry(
                defer=min(300, max(exc.retry_after or 0, RETRY_BASE_SECONDS * job_try))
            ) from exc
        except GraphError as exc:
            return await sending.fail(message_id, _reason(exc), exc.code_label)
        except Exception as exc:  # anything else after the marker: maybe sent, reconcile
            log.warning("send of message %s interrupted: %r", message_id, exc)
            raise Retry(defer=RECONCILE_POLL_SECONDS) from exc
        async with unit_of_work() as session:
            message = await session.get_one(Message, message_id, with_for_update=True)
            sending.part_sent(message, result.get("message_id") or result.get("id"))
            if result.get("recipient_id") and message.is_private_reply:
                message.meta = {**message.meta, "recipient_id": result["recipient_id"]}
            await session.flush()


async def _reconcile(session: AsyncSession, message: Message) -> str:
    """A previous try died during a Graph call: did the part go out? Never call again."""
    done = sending.parts_done(message)
    if sending.inflight(message) == 0 and message.external_id is not None:
        # The echo (or feed webhook) arrived with our id: the first part went out.
        sending.part_sent(message, message.external_id)
        await session.flush()
        return "continue"
    if datetime.now(UTC) - sending.inflight_since(message) < UNCONFIRMED_AFTER:
        return "wait"
    await sending.finish(
        session,
        message,
        error=(
            "Sending was interrupted and Facebook did not confirm it: check the conversation "
            "on Facebook before sending again"
            + (f" ({done} of the parts were sent)" if done else "")
        ),
        code="send_unconfirmed",
    )
    return "failed"


async def _parts(session: AsyncSession, channel: Channel, message: Message) -> list[Part]:
    """The Graph calls this message needs, after checking Facebook's rules again."""
    conversation = await session.get_one(Conversation, message.conversation_id)
    now = datetime.now(UTC)
    metadata = f"{OUR_METADATA_PREFIX}{message.id}"
    if message.meta.get("reply_to_comment"):
        comment = await session.get_one(Message, int(message.meta["reply_to_comment"]))
        data: dict[str, Any] = {"message": message.text or ""}
        urls = [a.get("url") for a in message.attachments if a.get("url")]
        if urls:
            data["attachment_url"] = urls[0]
        return [Part(f"{comment.external_id}/{_reply_edge(channel)}", data=data)]
    if message.meta.get("private_reply_to"):
        comment = await session.get_one(Message, int(message.meta["private_reply_to"]))
        others = await session.scalar(
            select(Message.id).where(
                Message.channel_id == channel.id,
                Message.id != message.id,
                Message.is_private_reply.is_(True),
                Message.status != "failed",
                Message.meta["private_reply_to"].astext == str(comment.id),
            )
        )
        policy.private_reply_policy(comment.created_at, now, already_replied=others is not None)
        body = {
            "recipient": {"comment_id": comment.external_id},
            "messaging_type": "RESPONSE",
            "message": {"text": message.text or "", "metadata": metadata},
        }
        return [Part(f"{messaging_node(channel)}/messages", json=body)]
    if conversation.kind != "message":
        raise policy.MessagingWindowClosed(
            "In a comment conversation, reply publicly or as a private message to a comment",
            code="not_a_message_conversation",
        )
    send_policy = policy.message_policy(
        conversation.last_incoming_at, now, sent_by_human=message.sender_type == "agent"
    )
    base: dict[str, Any] = {
        "recipient": {"id": conversation.external_id},
        "messaging_type": send_policy.messaging_type,
    }
    if send_policy.tag:
        base["tag"] = send_policy.tag
    parts: list[Part] = []
    if message.text:
        parts.append(
            Part(
                f"{messaging_node(channel)}/messages",
                json={**base, "message": {"text": message.text, "metadata": metadata}},
            )
        )
    for attachment in message.attachments:
        if attachment.get("type") == "product":
            parts.append(
                Part(
                    f"{messaging_node(channel)}/messages",
                    json={
                        **base,
                        "message": {
                            "attachment": _product_template(attachment),
                            "metadata": metadata,
                        },
                    },
                )
            )
            continue
        payload = await _attachment_payload(session, channel, attachment)
        parts.append(
            Part(
                f"{messaging_node(channel)}/messages",
                json={
                    **base,
                    "message": {
                        "attachment": {
                            "type": _fb_type(attachment.get("type")),
                            "payload": payload,
                        },
                        "metadata": metadata,
                    },
                },
            )
        )
    return parts


def _product_template(card: dict[str, Any]) -> dict[str, Any]:
    """A catalogue product as a Messenger generic template (image, name, price)."""
    element: dict[str, Any] = {
        "title": str(card.get("name") or card.get("sku") or "")[:80],
        "subtitle": f"{int(card.get('price') or 0):,}đ".replace(",", ".")
        + ("" if card.get("in_stock", True) else " · hết hàng"),
    }
    if card.get("image_url"):
        element["image_url"] = card["image_url"]
    return {"type": "template", "payload": {"template_type": "generic", "elements": [element]}}


def _reply_edge(channel: Channel) -> str:
    """Public replies: a Facebook comment's `comments`, an Instagram comment's `replies`."""
    return "replies" if channel.provider == "instagram" else "comments"


def _fb_type(kind: Any) -> str:
    return kind if kind in ("image", "video", "audio", "file") else "file"


async def _attachment_payload(
    session: AsyncSession, channel: Channel, attachment: dict[str, Any]
) -> dict[str, Any]:
    """Upload a media file to the page once (`message_attachments`) and reuse its id."""
    media_id = attachment.get("media_id")
    if media_id is None or channel.provider == "instagram":  # Instagram: no upload API
        return {"url": attachment.get("url"), "is_reusable": True}
    # Two sends of the same file at once must not both upload it.
    await locks.lock(session, "channel_attachment", f"{channel.id}:{media_id}")
    cached = (
        await session.execute(
            select(ChannelAttachment).where(
                ChannelAttachment.media_id == int(media_id),
                ChannelAttachment.channel_id == channel.id,
            )
        )
    ).scalar_one_or_none()
    now = datetime.now(UTC)
    if cached is not None and (cached.expires_at is None or cached.expires_at > now):
        return {"attachment_id": cached.external_attachment_id}
    media = await session.get_one(Media, int(media_id))
    content = await media_service.read_file(media)
    import orjson

    result = await get_graph().post(
        f"{channel.external_id}/message_attachments",
        page_token(channel),
        data={
            "message": orjson.dumps(
                {"attachment": {"type": _fb_type(media.kind), "payload": {"is_reusable": True}}}
            ).decode()
        },
        files={"filedata": (media.filename, content, media.content_type)},
    )
    attachment_id = str(result["attachment_id"])
    if cached is None:
        session.add(
            ChannelAttachment(
                workspace_id=channel.workspace_id,
                media_id=media.id,
                channel_id=channel.id,
                external_attachment_id=attachment_id,
                expires_at=now + ATTACHMENT_TTL,
            )
        )
    else:
        cached.external_attachment_id = attachment_id
        cached.expires_at = now + ATTACHMENT_TTL
    await session.flush()
    return {"attachment_id": attachment_id}


COMMENT_ACTIONS = {
    "like": ("POST", "{id}/likes", {}, {"is_liked": True}),
    "unlike": ("DELETE", "{id}/likes", {}, {"is_liked": False}),
    "hide": ("POST", "{id}", {"is_hidden": "true"}, {"is_hidden": True}),
    "unhide": ("POST", "{id}", {"is_hidden": "false"}, {"is_hidden": False}),
    "delete": ("DELETE", "{id}", {}, {"is_deleted": True}),
}


async def comment_action(message_id: int, action: str, job_try: int = 1) -> str:
    """Like / unlike / hide / unhide / delete a comment on Facebook, then store the new state.

    All of these are idempotent at Facebook, so a retried job may safely call again.
    """
    if action not in COMMENT_ACTIONS:
        return "unknown-action"
    method, path, data, flags = COMMENT_ACTIONS[action]
    async with unit_of_work() as session:
        message = await session.get(Message, message_id)
        if message is None or message.kind != "comment" or not message.external_id:
            return "nothing-to-do"
        channel = await session.get_one(Channel, message.channel_id)
        if channel.provider not in META_PROVIDERS:
            return "other-provider"
        if channel.provider == "instagram":
            if action in ("like", "unlike"):
                return "not-supported"  # Instagram has no API to like a comment
            data = {"hide": data["is_hidden"]} if "is_hidden" in data else data
        if all(getattr(message, k) == v for k, v in flags.items()):
            return "already"
        if channel.status != "connected" or not channel.access_token_encrypted:
            message.meta = {
                **message.meta,
                "action_error": {
                    "action": action,
                    "error": "The page is not connected: reconnect it",
                    "code": "channel_disconnected",
                },
            }
            emit_event(session, message.workspace_id, "message.updated", message_event(message))
            return "failed"
        token = page_token(channel)
        external_id = message.external_id
    error: GraphError | None = None
    try:
        if method == "POST":
            await get_graph().post(path.format(id=external_id), token, data=data or None)
        else:
            await get_graph().delete(path.format(id=external_id), token)
    except TokenInvalid as exc:
        await mark_token_invalid(channel.id, exc)
        error = exc
    except (RateLimited, TransientError, NetworkError) as exc:
        if job_try < MAX_SEND_TRIES:
            raise Retry(
                defer=min(120, max(exc.retry_after or 0, RETRY_BASE_SECONDS * job_try))
            ) from exc
        error = exc
    except GraphError as exc:
        error = exc
    async with unit_of_work() as session:
        message = await session.get_one(Message, message_id, with_for_update=True)
        if error is None:
            for key, value in flags.items():
                setattr(message, key, value)
            message.meta = {k: v for k, v in message.meta.items() if k != "action_error"}
        else:
            message.meta = {
                **message.meta,
                "action_error": {
                    "action": action,
                    "error": _reason(error),
                    "code": error.code_label,
                },
            }
        await session.flush()
        emit_event(session, message.workspace_id, "message.updated", message_event(message))
    return "done" if error is None else "failed"
