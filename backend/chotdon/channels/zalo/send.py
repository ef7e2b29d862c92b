"""Sending to a Zalo follower (channels-api.md §4.2): text, image (`upload/image` then a
`media` template), file (`upload/file` then a `file` attachment) and a product card (a `list`
template), one `POST /v3.0/oa/message/cs` per part; the part-by-part state machine is
`channels.sending`'s.

The sending rules are checked again just before sending (`policy`, with the messages sent since
the follower's last one): a message queued by an automation or in a burst that has since used
the free replies fails with the Vietnamese reason instead of reaching Zalo. Zalo refusing the
access token (-216): the token is refreshed once and the part retried. Rate limits and
unreachable Zalo (nothing sent): arq retries the job.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels import tokens
from chotdon.channels.contract import ReplyWindowClosed
from chotdon.channels.sending import (
    Target,
    Upload,
    Verdict,
    call_verdict,
    library_files,
    send_in_parts,
)
from chotdon.channels.zalo import echoes, policy
from chotdon.channels.zalo.client import (
    ENVELOPE,
    ServerError,
    TokenInvalid,
    ZaloError,
    get_zalo,
)
from chotdon.channels.zalo.service import oa_token
from chotdon.inbox.models import Conversation, Message

log = logging.getLogger(__name__)

SEND_PATH = "/v3.0/oa/message/cs"
UPLOAD_IMAGE_PATH = "/v2.0/oa/upload/image"
UPLOAD_FILE_PATH = "/v2.0/oa/upload/file"


@dataclass(slots=True)
class Part:
    """One CS message: its `message` object, after uploading `upload` (`image` / `file`)."""

    message: dict[str, Any]
    upload: Upload | None = None
    upload_kind: str | None = None
    filename: str | None = None  # what Zalo reads the file type from


def media_template(element: dict[str, Any]) -> dict[str, Any]:
    payload = {"template_type": "media", "elements": [{"media_type": "image", **element}]}
    return {"attachment": {"type": "template", "payload": payload}}


def price_text(card: dict[str, Any]) -> str:
    return f"{int(card.get('price') or 0):,}đ".replace(",", ".")


def product_card(card: dict[str, Any]) -> dict[str, Any]:
    """A product as Zalo's `list` template: one element with title, price, picture."""
    element: dict[str, Any] = {
        "title": str(card.get("name") or card.get("sku") or "Sản phẩm")[:100],
        "subtitle": price_text(card) + ("" if card.get("in_stock", True) else " · hết hàng"),
    }
    image = card.get("image_url")
    if isinstance(image, str) and image.startswith(("https://", "http://")):
        element["image_url"] = image
    payload = {"template_type": "list", "elements": [element]}
    return {"attachment": {"type": "template", "payload": payload}}


def parts_of(message: Message, media_files: dict[int, Upload]) -> list[Part]:
    """A message as Zalo sends it: text first, then each attachment (pure: files read before)."""
    parts: list[Part] = []
    if message.text:
        parts.append(Part({"text": message.text}))
    for a in message.attachments:
        kind = a.get("type")
        media_id = a.get("media_id")
        upload = media_files.get(int(media_id)) if media_id is not None else None
        if kind == "product":
            parts.append(Part(product_card(a)))
        elif kind == "image" and upload is not None:
            parts.append(Part({}, upload=upload, upload_kind="image"))
        elif kind == "image" and a.get("url"):
            parts.append(Part(media_template({"url": a["url"]})))
        elif upload is not None:  # a file (pdf, docx, csv... Zalo checks the type)
            name = str(a.get("name") or upload.name)
            parts.append(Part({}, upload=upload, upload_kind="file", filename=name))
        elif a.get("url"):
            parts.append(Part({"text": str(a["url"])}))
    return parts


async def _sent_before(session: AsyncSession, message: Message, since: datetime) -> int:
    """The OA's messages since `since`, before this one (this one is the next to count)."""
    return int(
        await session.scalar(
            select(func.count())
            .select_from(Message)
            .where(
                Message.conversation_id == message.conversation_id,
                Message.direction == "out",
                Message.status != "failed",
                Message.created_at > since,
                Message.id < message.id,
            )
        )
        or 0
    )


class ZaloParts:
    """Zalo's side of `channels.sending.send_in_parts`."""

    label = "Zalo"
    disconnected = "The Official Account is disconnected: reconnect it"

    async def refusal(
        self, session: AsyncSession, message: Message, conversation: Conversation
    ) -> tuple[str, str] | None:
        since = conversation.last_incoming_at
        sent = await _sent_before(session, message, since) if since is not None else 0
        window = policy.reply_window(policy.Rules.from_settings(), since, datetime.now(UTC), sent)
        try:
            window.check(sent_by_human=message.sender_type == "agent")
        except ReplyWindowClosed as exc:
            return exc.message, exc.code
        return None

    async def parts(self, session: AsyncSession, message: Message) -> list[Part]:
        return parts_of(message, await library_files(session, message))

    async def send(self, target: Target, part: Part) -> dict[str, Any]:
        return await _send_part(target.channel_id, target.customer_external_id, part)

    def verdict(self, exc: Exception) -> Verdict | None:
        if (verdict := call_verdict(exc, ENVELOPE)) is not None:
            return verdict
        if isinstance(exc, ServerError):
            return Verdict(retry=True)
        if isinstance(exc, ZaloError):
            return Verdict(error=f"Zalo refused the message: {exc}", code=f"zalo_{exc.error}")
        return None


async def send_message(message_id: int, attempt: int = 1) -> str:
    return await send_in_parts(message_id, ZaloParts())


async def _send_part(channel_id: int, user_id: str, part: Part) -> dict[str, Any]:
    client = get_zalo()

    async def send(token: str) -> dict[str, Any]:
        message = dict(part.message)
        if part.upload is not None:
            files = {"file": (part.filename or part.upload.name, part.upload.data)}
            if part.upload_kind == "image":
                uploaded = await client.post(UPLOAD_IMAGE_PATH, token, files=files) or {}
                message = media_template({"attachment_id": uploaded.get("attachment_id")})
            else:
                uploaded = await client.post(UPLOAD_FILE_PATH, token, files=files) or {}
                message = {
                    "attachment": {"type": "file", "payload": {"token": uploaded.get("token")}}
                }
        body = {"recipient": {"user_id": user_id}, "message": message}
        answer = dict(await client.post(SEND_PATH, token, json=body) or {})
        await echoes.remember(channel_id, answer.get("message_id"))
        return answer

    return await tokens.with_fresh_token(channel_id, oa_token, send, TokenInvalid)
