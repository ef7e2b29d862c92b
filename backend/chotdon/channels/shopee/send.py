"""Sending to a Shopee buyer: text, image (`upload_image` then `send_message`), sticker,
product (`item`) and order cards; one `send_message` call per part (channels-api.md §1.3).

The part-by-part state machine is `channels.sending`'s. Shopee refusing the access token: the
token is refreshed once and the part retried. Rate limits and unreachable Shopee (nothing
sent): arq retries the job.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels import tokens
from chotdon.channels.models import Channel
from chotdon.channels.sending import (
    Target,
    Upload,
    Verdict,
    call_verdict,
    library_files,
    newest_incoming,
    send_in_parts,
)
from chotdon.channels.shopee.client import (
    ENVELOPE,
    ShopeeError,
    TokenInvalid,
    get_shopee,
)
from chotdon.channels.shopee.service import shop_token
from chotdon.core.db import unit_of_work
from chotdon.inbox.models import Conversation, Message

log = logging.getLogger(__name__)

SEND_PATH = "/api/v2/sellerchat/send_message"
UPLOAD_IMAGE_PATH = "/api/v2/sellerchat/upload_image"
READ_PATH = "/api/v2/sellerchat/read_conversation"


@dataclass(slots=True)
class Part:
    message_type: str
    content: dict[str, Any]
    upload: Upload | None = None  # an image to upload first (its URL goes into content)


def price_text(card: dict[str, Any]) -> str:
    return f"{int(card.get('price') or 0):,}đ".replace(",", ".")


def parts_of(message: Message, media_files: dict[int, Upload]) -> list[Part]:
    """A message as Shopee sends: text first, then each attachment (pure: files read before)."""
    parts: list[Part] = []
    if message.text:
        parts.append(Part("text", {"text": message.text}))
    for a in message.attachments:
        kind = a.get("type")
        if kind == "product":
            listing = a.get("listing_id") or a.get("shopee_item_id") or a.get("item_id")
            if listing and str(listing).isdigit():  # the product's listing in this shop
                parts.append(Part("item", {"item_id": int(listing)}))
            else:  # not a listing of this shop: a text card
                name = str(a.get("name") or a.get("sku") or "Sản phẩm")
                parts.append(Part("text", {"text": f"🛍 {name} — {price_text(a)}"}))
        elif kind == "order" and a.get("order_sn"):
            parts.append(Part("order", {"order_sn": str(a["order_sn"])}))
        elif kind == "sticker" and a.get("sticker_id"):
            parts.append(
                Part(
                    "sticker",
                    {
                        "sticker_id": str(a["sticker_id"]),
                        "sticker_package_id": str(a.get("sticker_package_id") or ""),
                    },
                )
            )
        elif kind == "image":
            media_id = a.get("media_id")
            upload = media_files.get(int(media_id)) if media_id is not None else None
            if upload is not None:
                parts.append(Part("image", {}, upload=upload))
            elif a.get("url"):
                parts.append(Part("image", {"image_url": a["url"]}))
        elif a.get("url"):
            parts.append(Part("text", {"text": str(a["url"])}))
    return parts


class ShopeeParts:
    """Shopee's side of `channels.sending.send_in_parts`."""

    label = "Shopee"
    disconnected = "The shop is disconnected: reconnect it"

    async def refusal(
        self, session: AsyncSession, message: Message, conversation: Conversation
    ) -> tuple[str, str] | None:
        return None  # Shopee documents no messaging window

    async def parts(self, session: AsyncSession, message: Message) -> list[Part]:
        return parts_of(message, await library_files(session, message, kinds=("image",)))

    async def send(self, target: Target, part: Part) -> dict[str, Any]:
        return await _send_part(
            target.channel_id, target.channel_external_id, target.customer_external_id, part
        )

    def verdict(self, exc: Exception) -> Verdict | None:
        if (verdict := call_verdict(exc, ENVELOPE)) is not None:
            return verdict
        if isinstance(exc, ShopeeError):
            return Verdict(error=f"Shopee refused the message: {exc}", code=exc.error[:32])
        return None


async def send_message(message_id: int, attempt: int = 1) -> str:
    return await send_in_parts(message_id, ShopeeParts())


async def _send_part(channel_id: int, shop_id: str, buyer_id: str, part: Part) -> dict[str, Any]:
    client = get_shopee()

    async def send(token: str) -> dict[str, Any]:
        content = dict(part.content)
        if part.upload is not None:
            uploaded = await client.shop_post(
                UPLOAD_IMAGE_PATH,
                token,
                shop_id,
                files={"file": (part.upload.name, part.upload.data)},
            )
            content["image_url"] = (uploaded.get("response") or {}).get("url")
        body = await client.shop_post(
            SEND_PATH,
            token,
            shop_id,
            json={"to_id": int(buyer_id), "message_type": part.message_type, "content": content},
        )
        return dict(body.get("response") or {})

    return await tokens.with_fresh_token(channel_id, shop_token, send, TokenInvalid)


async def mark_conversation_read(conversation_id: int) -> str:
    """Tell Shopee the shop read the buyer's messages, up to the newest one we have."""
    async with unit_of_work() as session:
        conversation = await session.get(Conversation, conversation_id)
        if conversation is None:
            return "gone"
        channel = await session.get_one(Channel, conversation.channel_id)
        if channel.status != "connected":
            return "disconnected"
        last = await newest_incoming(session, conversation_id)
        thread = (last.meta or {}).get("shopee_conversation_id") if last else None
        if last is None or not thread:
            return "nothing-to-read"
        token, shop_id, last_id = shop_token(channel), channel.external_id, last.external_id
    try:
        await get_shopee().shop_post(
            READ_PATH,
            token,
            shop_id,
            json={"conversation_id": int(thread), "last_read_message_id": last_id},
        )
    except TokenInvalid:
        await tokens.refresh_channel(channel.id, force=True)
        raise  # arq retries with the new token
    return "read"
