"""Shopee pushes and sellerchat messages → provider-neutral events. Pure: no I/O.

A push (channels-api.md §1.4) is `{msg_id, data, shop_id, code, timestamp}`; chat is code 10
`webchat_push` with `data.type` `message` (the full message in `data.content`) or
`notification` (a state change without a body: nothing to record, the next backfill or message
brings the state). A lost push (§1.4 recovery) carries `data` as a JSON string.

Direction: a message is the shop's own (`out`, e.g. sent from Shopee Seller Centre) when its
sender shop (`from_shop_id`, else `shop_id` inside the message) is the shop the push is for;
otherwise it is the buyer's. The buyer is the other party (`from_*` or `to_*`).
Ids that reach later calls (shop, buyer, conversation, message) must be plain ids
(`channels.safe_urls`); a message with any other id is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson

from chotdon.channels.events import InboundMessage, Person
from chotdon.channels.safe_urls import optional_external_id

WEBCHAT_PUSH = 10
SHOP_DEAUTHORIZED = 2
AUTHORIZATION_EXPIRY = 12


@dataclass(slots=True)
class ShopEvents:
    shop_id: str
    code: int
    events: list[InboundMessage] = field(default_factory=list)
    skipped: int = 0


def _id(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | str):
        return optional_external_id(str(value))
    return None


def from_timestamp(value: Any) -> datetime:
    """Seconds, milliseconds or nanoseconds since the epoch (Shopee uses all three)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return datetime.now(UTC)
    if number > 1e17:
        number /= 1e9
    elif number > 1e14:
        number /= 1e6
    elif number > 1e11:
        number /= 1e3
    try:
        return datetime.fromtimestamp(number, UTC)
    except (OverflowError, OSError, ValueError):
        return datetime.now(UTC)


def shop_id_of(payload: Any) -> str | None:
    return _id(payload.get("shop_id")) if isinstance(payload, dict) else None


def parse_push(payload: Any) -> ShopEvents | None:
    """A push body → the events for its shop, or None when it is not a push we understand."""
    if not isinstance(payload, dict):
        return None
    shop_id = shop_id_of(payload)
    code = payload.get("code")
    if shop_id is None or not isinstance(code, int):
        return None
    result = ShopEvents(shop_id, code)
    if code != WEBCHAT_PUSH:
        return result
    data = payload.get("data")
    if isinstance(data, str | bytes):
        try:
            data = orjson.loads(data)
        except orjson.JSONDecodeError:
            data = None
    if not isinstance(data, dict) or data.get("type") != "message":
        result.skipped += 1
        return result
    event = message_event(data.get("content"), shop_id)
    if event is None:
        result.skipped += 1
    else:
        result.events.append(event)
    return result


def _attachments(
    kind: str, content: dict[str, Any], source: dict[str, Any]
) -> list[dict[str, Any]]:
    if kind in ("image", "image_with_text"):
        url = content.get("url") or content.get("image_url")
        return [{"type": "image", "url": url}] if url else []
    if kind == "sticker":
        return [
            {
                "type": "sticker",
                "sticker_id": str(content.get("sticker_id") or ""),
                "sticker_package_id": str(content.get("sticker_package_id") or ""),
                "url": content.get("url"),
                "name": "Sticker",
            }
        ]
    if kind == "video":
        url = content.get("video_url")
        return [{"type": "video", "url": url, "thumb_url": content.get("thumb_url")}] if url else []
    if kind == "item":
        item_id = content.get("item_id") or source.get("item_id")
        return [
            {
                "type": "product",
                "item_id": str(item_id or ""),
                "name": f"Sản phẩm Shopee #{item_id}",
            }
        ]
    if kind == "order":
        order_sn = str(content.get("order_sn") or source.get("order_sn") or "")
        return [{"type": "order", "order_sn": order_sn, "name": f"Đơn hàng {order_sn}"}]
    return []


def message_event(message: Any, shop_id: str) -> InboundMessage | None:
    """One sellerchat message (push content or `get_message` item) of shop `shop_id`."""
    if not isinstance(message, dict):
        return None
    message_id = _id(message.get("message_id"))
    from_id = _id(message.get("from_id"))
    to_id = _id(message.get("to_id"))
    if message_id is None or from_id is None or to_id is None:
        return None
    sender_shop = message.get("from_shop_id", message.get("shop_id"))
    outgoing = str(sender_shop) == shop_id
    buyer_id, buyer_name = (
        (to_id, message.get("to_user_name"))
        if outgoing
        else (from_id, message.get("from_user_name"))
    )
    conversation_id = message.get("conversation_id")
    thread = _id(conversation_id) if conversation_id is not None else None
    kind = str(message.get("message_type") or "text")
    raw_content = message.get("content")
    content: dict[str, Any] = raw_content if isinstance(raw_content, dict) else {}
    raw_source = message.get("source_content")
    source: dict[str, Any] = raw_source if isinstance(raw_source, dict) else {}
    text = content.get("text") if isinstance(content.get("text"), str) else None
    attachments = _attachments(kind, content, source)
    if text is None and not attachments and kind not in ("text",):
        text = f"[{kind}]"
    meta: dict[str, Any] = {"shopee_type": kind}
    if thread:
        meta["shopee_conversation_id"] = thread  # for read_conversation
    if source.get("order_sn"):
        meta["order_sn"] = str(source["order_sn"])
    if source.get("item_id"):
        meta["item_id"] = str(source["item_id"])
    return InboundMessage(
        external_id=message_id,
        customer=Person(buyer_id, str(buyer_name) if buyer_name else None),
        direction="out" if outgoing else "in",
        sender_type="page" if outgoing else "contact",
        created_at=from_timestamp(message.get("created_timestamp")),
        text=text,
        attachments=attachments,
        thread_external_id=thread,
        meta=meta,
    )
