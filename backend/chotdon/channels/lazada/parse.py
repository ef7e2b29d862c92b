"""Lazada IM pushes, sessions and messages → provider-neutral events. Pure: no I/O.

A push (LPM, channels-api.md §3.4) is `{seller_id, message_type, data, timestamp, site}`:
- `message_type` 2, an IM message: `data` is one message (as `/im/message/list` returns it);
- `message_type` 19, a session update: `to_position` is when the buyer last read (ms), a read
  receipt for what the shop sent up to then;
- `message_type` 8, the authorisation expires in 48 h (the refresh job renews it earlier).

A message is `{session_id, message_id, template_id, content (a JSON string), from_account_type
(1 buyer, 2 seller: an echo of the shop's own send), from_account_id, to_account_id, status
(1 = recalled), send_time (ms)}`. The conversation is the buyer's: the buyer is the sender of a
type-1 message, else the receiver, else the type-1 party of the session id
(`<account>_<type>_<account>_<type>_<site>`). Ids that reach later calls must be plain ids
(`channels.safe_urls`); a message with any other id is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson

from chotdon.channels.events import InboundMessage, MessageStatusUpdate, Person
from chotdon.channels.safe_urls import optional_external_id

IM_MESSAGE = 2
TOKEN_EXPIRING = 8
SESSION_UPDATE = 19

BUYER, SELLER = 1, 2
TEXT, SYSTEM, PICTURE, EMOJI, VIDEO = 1, 2, 3, 4, 6
ITEM, ORDER, VOUCHER, REFUND, AUTO_REPLY = 10006, 10007, 10008, 10011, 10015
MARKETING = 200016  # "sem_seller_engagement_push" broadcasts: not a conversation


@dataclass(slots=True)
class SellerEvents:
    seller_id: str
    message_type: int
    messages: list[InboundMessage] = field(default_factory=list)
    reads: list[MessageStatusUpdate] = field(default_factory=list)
    skipped: int = 0


def _id(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | str):
        return optional_external_id(str(value))
    return None


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def from_ms(value: Any, default: datetime | None = None) -> datetime:
    """Milliseconds (or seconds) since the epoch; `default` (now) when missing or absurd."""
    number = _int(value)
    if number is None or number <= 0:
        return default or datetime.now(UTC)
    seconds = number / 1000 if number > 1e11 else number
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return default or datetime.now(UTC)


def buyer_of_session(session_id: str | None) -> str | None:
    """The buyer's account id in a session id `<a>_<type>_<b>_<type>_<site>`, if it has one."""
    parts = (session_id or "").split("_")
    for index in range(0, len(parts) - 1, 2):
        if parts[index + 1] == str(BUYER):
            return _id(parts[index])
    return None


def content_of(raw: Any) -> dict[str, Any]:
    if isinstance(raw, dict):
        return raw
    if isinstance(raw, str | bytes) and raw:
        try:
            found = orjson.loads(raw)
        except orjson.JSONDecodeError:
            return {"txt": raw if isinstance(raw, str) else raw.decode("utf-8", "replace")}
        return found if isinstance(found, dict) else {}
    return {}


def _attachments(template: int, content: dict[str, Any]) -> list[dict[str, Any]]:
    if template == PICTURE:
        url = content.get("imgUrl") or content.get("img_url")
        return [{"type": "image", "url": url}] if url else []
    if template == EMOJI:
        url = content.get("imgUrl") or content.get("smallImgUrl")
        return [
            {
                "type": "sticker",
                "sticker_id": str(content.get("txt") or ""),
                "url": url,
                "name": str(content.get("txt") or "Sticker"),
            }
        ]
    if template == VIDEO:
        video = str(content.get("videoId") or content.get("video_id") or "")
        return [{"type": "video", "video_id": video, "url": content.get("videoUrl")}]
    if template == ITEM:
        item_id = str(content.get("itemId") or content.get("item_id") or "")
        name = content.get("title") or f"Sản phẩm Lazada #{item_id}"
        return [
            {
                "type": "product",
                "item_id": item_id,
                "name": str(name),
                "url": content.get("actionUrl"),
                "image_url": content.get("iconUrl"),
            }
        ]
    if template == ORDER:
        order_id = str(content.get("orderId") or content.get("order_id") or "")
        return [{"type": "order", "order_id": order_id, "name": f"Đơn hàng Lazada {order_id}"}]
    if template == VOUCHER:
        promotion = str(content.get("promotionId") or content.get("promotion_id") or "")
        return [{"type": "voucher", "promotion_id": promotion, "name": "Voucher Lazada"}]
    return []


LABELS = {SYSTEM: "[Tin hệ thống]", VIDEO: "[Video]", REFUND: "[Yêu cầu hoàn tiền]"}


def message_event(
    message: Any,
    *,
    at: datetime | None = None,
    buyer_name: str | None = None,
    buyer_picture: str | None = None,
) -> InboundMessage | None:
    """One IM message (push `data` or `/im/message/list` item), or None to skip it."""
    if not isinstance(message, dict):
        return None
    template = _int(message.get("template_id")) or TEXT
    message_id = _id(message.get("message_id"))
    session_id = _id(message.get("session_id"))
    if message_id is None or session_id is None or template == MARKETING:
        return None
    from_type = _int(message.get("from_account_type"))
    sender = _id(message.get("from_account_id") or message.get("from_user_id"))
    outgoing = from_type == SELLER
    buyer = (_id(message.get("to_account_id")) if outgoing else sender) or buyer_of_session(
        session_id
    )
    if buyer is None:
        return None
    content = content_of(message.get("content"))
    attachments = _attachments(template, content)
    text = content.get("txt") if isinstance(content.get("txt"), str) else None
    if template == EMOJI:
        text = None
    if text is None and not attachments:
        text = LABELS.get(template, f"[{template}]")
    meta: dict[str, Any] = {"lazada_session_id": session_id, "lazada_template_id": template}
    if _int(message.get("status")) == 1:
        meta["recalled"] = True
    if message.get("auto_reply") or template == AUTO_REPLY:
        meta["auto_reply"] = True
    return InboundMessage(
        external_id=message_id,
        customer=Person(buyer, buyer_name, buyer_picture),
        direction="out" if outgoing else "in",
        sender_type="page" if outgoing else "contact",
        created_at=from_ms(message.get("send_time") or message.get("create_time"), at),
        text=text,
        attachments=attachments,
        thread_external_id=session_id,
        meta=meta,
    )


def read_event(data: Any) -> MessageStatusUpdate | None:
    """A session update (type 19): the buyer read up to `to_position`."""
    if not isinstance(data, dict):
        return None
    buyer = buyer_of_session(_id(data.get("session_id")))
    position = _int(data.get("to_position"))
    if buyer is None or not position:
        return None
    return MessageStatusUpdate(buyer, "read", from_ms(position))


def parse_push(payload: Any) -> SellerEvents | None:
    """A push body → the events for its seller, or None when it is not a push we understand."""
    if not isinstance(payload, dict):
        return None
    seller_id = _id(payload.get("seller_id"))
    kind = payload.get("message_type")
    if seller_id is None or not isinstance(kind, int) or isinstance(kind, bool):
        return None
    result = SellerEvents(seller_id, kind)
    data = content_of(payload.get("data"))
    at = from_ms(payload.get("timestamp"))
    if kind == IM_MESSAGE:
        event = message_event(data, at=at)
        if event is None:
            result.skipped += 1
        else:
            result.messages.append(event)
    elif kind == SESSION_UPDATE:
        read = read_event(data)
        if read is None:
            result.skipped += 1
        else:
            result.reads.append(read)
    return result


def optional_session_id(value: Any) -> str | None:
    return _id(value)
