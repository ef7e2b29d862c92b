"""Sending to a TikTok Shop buyer: text (≤ 2000 characters a message), image (`/images/upload`
then type IMAGE), product and order cards; `content` is a JSON string, as the API wants; one
send call per part (channels-api.md §2.3). Mark read.

Part by part with `channels.sending` (the part in flight committed before each call). TikTok
refusing because the buyer may not be messaged (45109001, the `can_send_message` rule changed)
fails the message with that reason (`tiktok_cannot_send`) and closes the composer
(`Conversation.provider_state`) until the buyer writes again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels import sending
from chotdon.channels.models import Channel
from chotdon.channels.sending import Upload, library_files
from chotdon.channels.tiktok import client as api
from chotdon.channels.tiktok.client import TikTokError
from chotdon.channels.tiktok.provider import CANNOT_SEND, NOT_ALLOWED
from chotdon.channels.tiktok.service import shop_call
from chotdon.core.db import unit_of_work
from chotdon.inbox.models import Conversation, Message

log = logging.getLogger(__name__)

UPLOAD_IMAGE_PATH = f"/customer_service/{api.API_VERSION}/images/upload"
TEXT_LIMIT = 2000


@dataclass(slots=True)
class Part:
    type: str
    content: dict[str, Any]
    upload: Upload | None = None  # an image to upload first (its url/size go into content)


def price_text(card: dict[str, Any]) -> str:
    return f"{int(card.get('price') or 0):,}đ".replace(",", ".")


def _texts(text: str) -> list[Part]:
    return [
        Part("TEXT", {"content": text[i : i + TEXT_LIMIT]}) for i in range(0, len(text), TEXT_LIMIT)
    ]


def parts_of(message: Message, media_files: dict[int, Upload]) -> list[Part]:
    """A message as TikTok sends it: text first, then each attachment (pure but the paths)."""
    parts: list[Part] = _texts(message.text) if message.text else []
    for a in message.attachments:
        kind = a.get("type")
        if kind == "product":
            listing = (
                a.get("listing_id")  # the catalogue product's listing in this shop
                or a.get("tiktok_product_id")
                or (a.get("product_id") if isinstance(a.get("product_id"), str) else None)
            )
            if listing:  # a TikTok listing (or the card a buyer sent)
                parts.append(Part("PRODUCT_CARD", {"product_id": str(listing)}))
            else:  # a catalogue product with no TikTok listing: a text card
                name = str(a.get("name") or a.get("sku") or "Sản phẩm")
                parts += _texts(f"🛍 {name} — {price_text(a)}")
        elif kind == "order" and (a.get("tiktok_order_id") or a.get("order_sn")):
            order_id = str(a.get("tiktok_order_id") or a.get("order_sn"))
            parts.append(Part("ORDER_CARD", {"order_id": order_id}))
        elif kind == "image":
            media_id = a.get("media_id")
            upload = media_files.get(int(media_id)) if media_id is not None else None
            if upload is not None:
                parts.append(Part("IMAGE", {}, upload=upload))
            elif a.get("url"):
                size = {"width": int(a.get("width") or 0), "height": int(a.get("height") or 0)}
                parts.append(Part("IMAGE", {"url": a["url"], **size}))
        elif a.get("url"):
            parts += _texts(str(a["url"]))
    return parts


async def _remember_refusal(channel_id: int, conversation_id: str) -> None:
    """TikTok refused: the composer closes until the buyer writes again."""
    async with unit_of_work() as session:
        conversation = (
            await session.execute(
                select(Conversation)
                .where(
                    Conversation.channel_id == channel_id,
                    Conversation.kind == "message",
                    Conversation.external_id == conversation_id,
                )
                .with_for_update()
            )
        ).scalar_one_or_none()
        if conversation is not None:
            conversation.provider_state = {
                **(conversation.provider_state or {}),
                "can_send_message": False,
                "checked_at": datetime.now(UTC).isoformat(),
                "reason": NOT_ALLOWED,
            }


class TikTokSender:
    """TikTok Shop's side of `channels.sending` (one send call per part)."""

    label = "TikTok Shop"
    disconnected = "The TikTok shop is disconnected: reconnect it"

    async def refusal(
        self, session: AsyncSession, message: Message, conversation: Conversation
    ) -> tuple[str, str] | None:
        return None  # checked before enqueueing (the reply window); TikTok has the last word

    async def parts(self, session: AsyncSession, message: Message) -> list[Part]:
        return parts_of(message, await library_files(session, message, kinds=("image",)))

    async def send(self, target: sending.Target, part: Part) -> dict[str, Any]:
        try:
            return await _send_part(target.channel_id, target.customer_external_id, part)
        except TikTokError as exc:
            if exc.code in api.CONVERSATION_RULE_CODES:
                await _remember_refusal(target.channel_id, target.customer_external_id)
            raise

    def verdict(self, exc: Exception) -> sending.Verdict | None:
        if (verdict := sending.call_verdict(exc, api.ENVELOPE)) is not None:
            return verdict
        if isinstance(exc, TikTokError):
            if exc.code in api.CONVERSATION_RULE_CODES:
                return sending.Verdict(
                    error=f"TikTok Shop từ chối: {NOT_ALLOWED} ({exc.code})", code=CANNOT_SEND
                )
            return sending.Verdict(
                error=f"TikTok Shop refused the message: {exc}", code=f"tiktok_{exc.code}"
            )
        return None


async def send_message(message_id: int, attempt: int = 1) -> str:
    return await sending.send_in_parts(message_id, TikTokSender())


async def _send_part(channel_id: int, conversation_id: str, part: Part) -> dict[str, Any]:
    content = dict(part.content)
    if part.upload is not None:
        uploaded = await shop_call(
            channel_id,
            "POST",
            UPLOAD_IMAGE_PATH,
            files={"data": (part.upload.name, part.upload.data)},
        )
        content = {
            "url": uploaded.get("url"),
            "width": uploaded.get("width"),
            "height": uploaded.get("height"),
        }
    body = {"type": part.type, "content": orjson.dumps(content).decode()}
    return await shop_call(channel_id, "POST", api.messages_path(conversation_id), json=body)


async def mark_conversation_read(conversation_id: int) -> str:
    """Tell TikTok the shop read the conversation (all buyer messages)."""
    async with unit_of_work() as session:
        conversation = await session.get(Conversation, conversation_id)
        if conversation is None:
            return "gone"
        channel = await session.get_one(Channel, conversation.channel_id)
        if channel.status != "connected":
            return "disconnected"
        has_incoming = await session.scalar(
            select(Message.id)
            .where(Message.conversation_id == conversation_id, Message.direction == "in")
            .limit(1)
        )
        if has_incoming is None:
            return "nothing-to-read"
        channel_id, external_id = channel.id, conversation.external_id
    await shop_call(channel_id, "POST", f"{api.messages_path(external_id)}/read", json={})
    return "read"
