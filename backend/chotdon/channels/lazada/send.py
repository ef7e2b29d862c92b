"""Sending to a Lazada buyer: text (template 1), image (template 3, uploaded with
`/image/upload` first; Lazada wants its width and height), product card (10006 `item_id`) and
order card (10007 `order_id`); one `/im/message/send` per part (channels-api.md §3.3).

Part by part with `channels.sending.send_in_parts` (the state machine Shopee and Zalo share).
Lazada refusing the access token: the token is refreshed once and the part retried. Rate
limits and unreachable Lazada (nothing sent): arq retries the job; no answer to a send: the
message fails as "maybe sent".
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels import tokens
from chotdon.channels.lazada import backfill, parse
from chotdon.channels.lazada.client import (
    ENVELOPE,
    LazadaError,
    TokenInvalid,
    get_lazada,
)
from chotdon.channels.lazada.service import seller_token
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
from chotdon.core.db import unit_of_work
from chotdon.inbox.models import Conversation, Message

SEND_PATH = "/im/message/send"
UPLOAD_PATH = "/image/upload"
READ_PATH = "/im/session/read"
DEFAULT_SIZE = (800, 800)


@dataclass(slots=True)
class Part:
    template_id: int
    params: dict[str, Any] = field(default_factory=dict)
    upload: Upload | None = None  # an image to upload first (its URL and size go into params)
    session_id: str = ""  # the buyer's chat session


def image_size(head: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG, GIF or JPEG from its first bytes (pure), else None."""
    if head[:8] == b"\x89PNG\r\n\x1a\n" and len(head) >= 24:
        return struct.unpack(">II", head[16:24])
    if head[:6] in (b"GIF87a", b"GIF89a") and len(head) >= 10:
        return struct.unpack("<HH", head[6:10])
    if head[:2] == b"\xff\xd8":
        index = 2
        while index + 9 < len(head):
            if head[index] != 0xFF:
                return None
            marker = head[index + 1]
            length = struct.unpack(">H", head[index + 2 : index + 4])[0]
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">HH", head[index + 5 : index + 9])
                return width, height
            index += 2 + length
    return None


def price_text(card: dict[str, Any]) -> str:
    return f"{int(card.get('price') or 0):,}đ".replace(",", ".")


def parts_of(message: Message, media_files: dict[int, Upload]) -> list[Part]:
    """A message as Lazada sends it: text first, then each attachment (pure but for paths)."""
    parts: list[Part] = []
    if message.text:
        parts.append(Part(parse.TEXT, {"txt": message.text}))
    for a in message.attachments:
        kind = a.get("type")
        if kind == "product":
            item = (
                a.get("listing_id")  # the catalogue product's listing in this shop
                or a.get("lazada_item_id")
                or a.get("item_id")
            )
            if item:
                parts.append(Part(parse.ITEM, {"item_id": str(item)}))
            else:  # not a listing of this shop: a text card
                name = str(a.get("name") or a.get("sku") or "Sản phẩm")
                parts.append(Part(parse.TEXT, {"txt": f"🛍 {name} — {price_text(a)}"}))
        elif kind == "order" and (a.get("order_id") or a.get("lazada_order_id")):
            order = a.get("lazada_order_id") or a.get("order_id")
            parts.append(Part(parse.ORDER, {"order_id": str(order)}))
        elif kind == "image":
            media_id = a.get("media_id")
            upload = media_files.get(int(media_id)) if media_id is not None else None
            if upload is not None:
                parts.append(Part(parse.PICTURE, upload=upload))
            elif a.get("url"):
                width, height = (
                    a.get("width") or DEFAULT_SIZE[0],
                    a.get("height") or DEFAULT_SIZE[1],
                )
                parts.append(
                    Part(parse.PICTURE, {"img_url": a["url"], "width": width, "height": height})
                )
        elif a.get("url"):
            parts.append(Part(parse.TEXT, {"txt": str(a["url"])}))
    return parts


class LazadaParts:
    """Lazada's side of `channels.sending.send_in_parts`."""

    label = "Lazada"
    disconnected = "The shop is disconnected: reconnect it"

    async def refusal(
        self, session: AsyncSession, message: Message, conversation: Conversation
    ) -> tuple[str, str] | None:
        if await backfill.session_id_of(session, conversation.id) is None:
            return "No Lazada chat session with this buyer", "no_session"
        return None  # the chat limits were checked before queueing (provider.reply_window)

    async def parts(self, session: AsyncSession, message: Message) -> list[Part]:
        session_id = await backfill.session_id_of(session, message.conversation_id)
        parts = parts_of(message, await library_files(session, message, kinds=("image",)))
        return [replace(part, session_id=session_id or "") for part in parts]

    async def send(self, target: Target, part: Part) -> dict[str, Any]:
        return await _send_part(target.channel_id, part)

    def verdict(self, exc: Exception) -> Verdict | None:
        if (verdict := call_verdict(exc, ENVELOPE)) is not None:
            return verdict
        if isinstance(exc, LazadaError):
            return Verdict(error=f"Lazada refused the message: {exc}", code=exc.code[:32])
        return None


async def send_message(message_id: int, attempt: int = 1) -> str:
    return await send_in_parts(message_id, LazadaParts())


async def _params(part: Part, token: str) -> dict[str, Any]:
    if part.upload is None:
        return dict(part.params)
    data = part.upload.data
    uploaded = (
        await get_lazada().post(UPLOAD_PATH, token, files={"image": (part.upload.name, data)}) or {}
    )
    width, height = image_size(data[:65536]) or DEFAULT_SIZE
    url = (uploaded.get("image") or {}).get("url")
    if not url:
        raise LazadaError("InvalidResponse", "Lazada's image upload gave no URL")
    return {"img_url": url, "width": width, "height": height}


async def _send_part(channel_id: int, part: Part) -> dict[str, Any]:
    async def send(token: str) -> dict[str, Any]:
        params = await _params(part, token)
        body = await get_lazada().post(
            SEND_PATH,
            token,
            {"session_id": part.session_id, "template_id": part.template_id, **params},
        )
        return dict(body or {})

    return await tokens.with_fresh_token(channel_id, seller_token, send, TokenInvalid)


async def mark_conversation_read(conversation_id: int) -> str:
    """Tell Lazada the shop read the session, up to the buyer's newest message we have."""
    async with unit_of_work() as session:
        conversation = await session.get(Conversation, conversation_id)
        if conversation is None:
            return "gone"
        channel = await session.get_one(Channel, conversation.channel_id)
        if channel.status != "connected":
            return "disconnected"
        last = await newest_incoming(session, conversation_id)
        session_id = (
            parse.optional_session_id((last.meta or {}).get("lazada_session_id")) if last else None
        )
        if last is None or session_id is None:
            return "nothing-to-read"
        token, channel_id, last_id = seller_token(channel), channel.id, last.external_id
    try:
        await get_lazada().post(
            READ_PATH, token, {"session_id": session_id, "last_read_message_id": last_id}
        )
    except TokenInvalid:
        await tokens.refresh_channel(channel_id, force=True)
        raise  # arq retries with the new token
    return "read"
