"""Sending to a Shopee buyer: text, image (`upload_image` then `send_message`), sticker,
product (`item`) and order cards; one `send_message` call per part (channels-api.md §1.3).

State (in `Message.meta["send"]`, like Facebook's): `done` part indexes and the `inflight` one,
committed before each call. A part found in flight on a retry may have reached the buyer (the
process died mid-call): the message fails visibly with that reason instead of risking a
duplicate. Shopee refusing the access token: the token is refreshed once and the part retried.
Rate limits and unreachable Shopee (nothing sent): arq retries the job.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels import tokens
from chotdon.channels.models import Channel
from chotdon.channels.shopee.client import (
    NetworkError,
    RateLimited,
    ShopeeError,
    TokenInvalid,
    get_shopee,
)
from chotdon.channels.shopee.service import shop_token
from chotdon.core.after_commit import emit_event
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
    upload: Path | None = None  # an image to upload first (its URL goes into content)


def price_text(card: dict[str, Any]) -> str:
    return f"{int(card.get('price') or 0):,}đ".replace(",", ".")


def parts_of(message: Message, media_paths: dict[int, Path]) -> list[Part]:
    """A message as Shopee sends: text first, then each attachment (pure but for the paths)."""
    parts: list[Part] = []
    if message.text:
        parts.append(Part("text", {"text": message.text}))
    for a in message.attachments:
        kind = a.get("type")
        if kind == "product":
            if a.get("shopee_item_id") or a.get("item_id"):
                item = int(a.get("shopee_item_id") or a.get("item_id") or 0)
                parts.append(Part("item", {"item_id": item}))
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
            path = media_paths.get(int(media_id)) if media_id is not None else None
            if path is not None:
                parts.append(Part("image", {}, upload=path))
            elif a.get("url"):
                parts.append(Part("image", {"image_url": a["url"]}))
        elif a.get("url"):
            parts.append(Part("text", {"text": str(a["url"])}))
    return parts


async def _media_paths(session: AsyncSession, message: Message) -> dict[int, Path]:
    from chotdon.inbox import media
    from chotdon.inbox.models import Media

    paths: dict[int, Path] = {}
    for a in message.attachments:
        if a.get("type") == "image" and a.get("media_id") is not None:
            row = await session.get(Media, int(a["media_id"]))
            if row is not None and row.workspace_id == message.workspace_id:
                paths[row.id] = media.file_path(row)
    return paths


async def _finish(
    session: AsyncSession, message: Message, error: str | None, code: str | None
) -> None:
    state = {**(message.meta.get("send") or {}), "inflight": None, "finished": True}
    message.meta = {**message.meta, "send": state}
    if error:
        message.status = "failed"
        message.error = error[:2000]
        message.error_code = (code or "error")[:32]
    else:
        message.status = "sent"
    await session.flush()
    from chotdon.inbox.serializers import message_event

    emit_event(session, message.workspace_id, "message.updated", message_event(message))


async def _fail(message_id: int, error: str, code: str) -> str:
    async with unit_of_work() as session:
        message = await session.get(Message, message_id, with_for_update=True)
        if message is not None and message.status == "pending":
            await _finish(session, message, error, code)
    return "failed"


async def send_message(message_id: int, attempt: int = 1) -> str:
    async with unit_of_work() as session:
        message = await session.get(Message, message_id, with_for_update=True)
        if message is None or message.direction != "out" or message.status != "pending":
            return "nothing-to-do"
        state = dict(message.meta.get("send") or {})
        if state.get("inflight") is not None:
            await _finish(
                session,
                message,
                "The connection to Shopee broke while sending: the buyer may have received "
                "part of this message. Check the chat on Shopee before sending again.",
                "maybe_sent",
            )
            return "maybe-sent"
        channel = await session.get_one(Channel, message.channel_id)
        conversation = await session.get_one(Conversation, message.conversation_id)
        if channel.status != "connected":
            await _finish(
                session, message, "The shop is disconnected: reconnect it", "disconnected"
            )
            return "failed"
        parts = parts_of(message, await _media_paths(session, message))
        if not parts:
            await _finish(session, message, "Nothing Shopee can send in this message", "empty")
            return "failed"
        buyer_id = conversation.external_id
        shop_id = channel.external_id
        done = list(state.get("done") or [])
    for index, part in enumerate(parts):
        if index in done:
            continue
        async with unit_of_work() as session:
            message = await session.get_one(Message, message_id, with_for_update=True)
            state = dict(message.meta.get("send") or {})
            message.meta = {**message.meta, "send": {**state, "inflight": index}}
        try:
            sent = await _send_part(message.channel_id, shop_id, buyer_id, part)
        except NetworkError as exc:
            if exc.maybe_sent:
                return await _fail(message_id, f"Shopee did not answer: {exc}", "maybe_sent")
            await _clear_inflight(message_id)
            raise
        except RateLimited:
            await _clear_inflight(message_id)
            raise
        except ShopeeError as exc:
            return await _fail(message_id, f"Shopee refused the message: {exc}", exc.error[:32])
        async with unit_of_work() as session:
            message = await session.get_one(Message, message_id, with_for_update=True)
            state = dict(message.meta.get("send") or {})
            done = [*list(state.get("done") or []), index]
            ids = [*list(state.get("ids") or []), str(sent.get("message_id") or "")]
            message.meta = {
                **message.meta,
                "send": {**state, "inflight": None, "done": done, "ids": ids},
            }
            if message.external_id is None and sent.get("message_id"):
                message.external_id = str(sent["message_id"])
            if len(done) == len(parts):
                await _finish(session, message, None, None)
    return "sent"


async def _clear_inflight(message_id: int) -> None:
    async with unit_of_work() as session:
        message = await session.get_one(Message, message_id, with_for_update=True)
        state = dict(message.meta.get("send") or {})
        message.meta = {**message.meta, "send": {**state, "inflight": None}}


async def _token(channel_id: int) -> str:
    async with unit_of_work() as session:
        return shop_token(await session.get_one(Channel, channel_id))


async def _send_part(channel_id: int, shop_id: str, buyer_id: str, part: Part) -> dict[str, Any]:
    client = get_shopee()
    for refreshed in (False, True):
        token = await _token(channel_id)
        try:
            content = dict(part.content)
            if part.upload is not None:
                with part.upload.open("rb") as f:
                    uploaded = await client.shop_post(
                        UPLOAD_IMAGE_PATH,
                        token,
                        shop_id,
                        files={"file": (part.upload.name, f.read())},
                    )
                content["image_url"] = (uploaded.get("response") or {}).get("url")
            body = await client.shop_post(
                SEND_PATH,
                token,
                shop_id,
                json={
                    "to_id": int(buyer_id),
                    "message_type": part.message_type,
                    "content": content,
                },
            )
            return dict(body.get("response") or {})
        except TokenInvalid:
            if refreshed:
                raise
            await tokens.refresh_channel(channel_id, force=True)
    raise AssertionError("unreachable")  # pragma: no cover


async def mark_conversation_read(conversation_id: int) -> str:
    """Tell Shopee the shop read the buyer's messages, up to the newest one we have."""
    from sqlalchemy import select

    async with unit_of_work() as session:
        conversation = await session.get(Conversation, conversation_id)
        if conversation is None:
            return "gone"
        channel = await session.get_one(Channel, conversation.channel_id)
        if channel.status != "connected":
            return "disconnected"
        last = (
            await session.execute(
                select(Message)
                .where(
                    Message.conversation_id == conversation_id,
                    Message.direction == "in",
                    Message.external_id.is_not(None),
                )
                .order_by(Message.created_at.desc(), Message.id.desc())
                .limit(1)
            )
        ).scalar_one_or_none()
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
