"""TikTok Shop webhooks and customer-service messages → provider-neutral events. Pure: no I/O.

A webhook (channels-api.md §2.4) is `{type, tts_notification_id, shop_id, timestamp, data}`:
type 14 NEW_MESSAGE carries one message (`content` is a JSON string), 13 NEW_CONVERSATION a
conversation change, 6 the seller's deauthorisation, 7 the authorisation expiring soon.

The conversation is the customer: TikTok keeps one conversation per buyer and shop (creating
one again "returns the prior id"), and the shop's own messages (which come back as type 14
too) name only the shop as sender, so the conversation id is what identifies the buyer here.
Messages with `is_visible = false` (rating requests...) and system messages are not shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson

from chotdon.channels.events import InboundMessage, Person, SenderType
from chotdon.channels.safe_urls import optional_external_id

NEW_MESSAGE = 14
NEW_CONVERSATION = 13
SELLER_DEAUTHORIZATION = 6
AUTHORIZATION_EXPIRING = 7

SHOP_ROLES: dict[str, SenderType] = {
    "SHOP": "page",
    "CUSTOMER_SERVICE": "page",
    "ROBOT": "bot",
}


@dataclass(slots=True)
class Notification:
    shop_id: str
    type: int
    notification_id: str | None
    data: dict[str, Any]
    events: list[InboundMessage] = field(default_factory=list)
    conversation_id: str | None = None
    skipped: int = 0


def _id(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    return optional_external_id(str(value))


def from_timestamp(value: Any) -> datetime:
    """Seconds (or milliseconds) since the epoch; now when absent or absurd."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return datetime.now(UTC)
    if number > 1e11:
        number /= 1e3
    try:
        return datetime.fromtimestamp(number, UTC)
    except (OverflowError, OSError, ValueError):
        return datetime.now(UTC)


def content_of(raw: Any) -> dict[str, Any]:
    """`content` is a JSON string on the wire (an object in some SDK fixtures)."""
    if isinstance(raw, str | bytes):
        try:
            raw = orjson.loads(raw)
        except orjson.JSONDecodeError:
            return {"content": raw if isinstance(raw, str) else ""}
    return raw if isinstance(raw, dict) else {}


def _order(order_id: Any, label: str) -> dict[str, Any]:
    return {"type": "order", "order_sn": str(order_id or ""), "name": f"{label} {order_id}"}


def _product(product_id: Any) -> dict[str, Any]:
    return {
        "type": "product",
        "product_id": str(product_id or ""),
        "name": f"Sản phẩm TikTok Shop #{product_id}",
    }


def text_and_attachments(kind: str, content: dict[str, Any]) -> tuple[str | None, list[dict]]:
    """What a message of type `kind` shows: its text and attachments (table-tested)."""
    text = content.get("content") if isinstance(content.get("content"), str) else None
    if kind == "TEXT":
        return text, []
    if kind == "IMAGE":
        url = content.get("url")
        image = {"type": "image", "url": url, "width": content.get("width")}
        return None, [image] if url else []
    if kind == "VIDEO":
        url = content.get("url")
        return None, [
            {"type": "video", "url": url, "thumb_url": content.get("cover")}
        ] if url else []
    if kind == "EMOTICONS":
        url = content.get("url") or content.get("image_url")
        if url:
            return None, [{"type": "sticker", "url": url, "name": "Emoticon"}]
        return text or "[emoticon]", []
    if kind == "PRODUCT_CARD":
        return None, [_product(content.get("product_id"))]
    if kind == "BUYER_ENTER_FROM_PRODUCT":
        return "Khách vào chat từ trang sản phẩm", [_product(content.get("product_id"))]
    if kind == "ORDER_CARD":
        return None, [_order(content.get("order_id"), "Đơn hàng")]
    if kind == "BUYER_ENTER_FROM_ORDER":
        return "Khách vào chat từ đơn hàng", [_order(content.get("order_id"), "Đơn hàng")]
    if kind == "LOGISTICS_CARD":
        return None, [_order(content.get("order_id"), "Vận chuyển đơn")]
    if kind == "RETURN_REFUND_CARD":
        return "Yêu cầu trả hàng / hoàn tiền", [_order(content.get("order_id"), "Đơn hàng")]
    if kind == "COUPON_CARD":
        return f"Mã giảm giá {content.get('coupon_id') or ''}".strip(), []
    return text or f"[{kind.lower() or 'other'}]", []


def message_event(
    message: Any, conversation_id: str, buyer: Person | None = None
) -> InboundMessage | None:
    """One message (webhook `data` or a `messages` item) of conversation `conversation_id`;
    None for what agents must not see (invisible, system) or ids that are not plain."""
    if not isinstance(message, dict) or message.get("is_visible") is False:
        return None
    message_id = _id(message.get("message_id") or message.get("id"))
    raw_sender = message.get("sender")
    sender: dict[str, Any] = raw_sender if isinstance(raw_sender, dict) else {}
    role = str(sender.get("role") or "")
    if message_id is None or role not in ("BUYER", *SHOP_ROLES):
        return None
    kind = str(message.get("type") or "TEXT")
    text, attachments = text_and_attachments(kind, content_of(message.get("content")))
    customer = buyer or Person(conversation_id)
    if role == "BUYER":
        customer = Person(
            conversation_id,
            str(sender.get("nickname") or "") or customer.name,
            sender.get("avatar") or customer.picture_url,
        )
    meta: dict[str, Any] = {"tiktok_type": kind}
    if message.get("index") is not None:
        meta["tiktok_index"] = str(message["index"])
    if role == "BUYER" and sender.get("im_user_id"):
        meta["tiktok_buyer_im_user_id"] = str(sender["im_user_id"])
    return InboundMessage(
        external_id=message_id,
        customer=customer,
        direction="in" if role == "BUYER" else "out",
        sender_type="contact" if role == "BUYER" else SHOP_ROLES[role],
        created_at=from_timestamp(message.get("create_time")),
        text=text,
        attachments=attachments,
        thread_external_id=conversation_id,
        meta=meta,
    )


def buyer_of(conversation: dict[str, Any]) -> Person | None:
    """The buyer of a `conversations` item (its participant with role BUYER)."""
    conversation_id = _id(conversation.get("id"))
    if conversation_id is None:
        return None
    for participant in conversation.get("participants") or []:
        if isinstance(participant, dict) and participant.get("role") == "BUYER":
            name = participant.get("nickname")
            return Person(conversation_id, str(name) if name else None, participant.get("avatar"))
    return Person(conversation_id)


def parse_notification(payload: Any) -> Notification | None:
    """A webhook body → its shop, type and events; None when it is not one we understand."""
    if not isinstance(payload, dict):
        return None
    shop_id = _id(payload.get("shop_id"))
    kind = payload.get("type")
    if shop_id is None or not isinstance(kind, int) or isinstance(kind, bool):
        return None
    raw_data = payload.get("data")
    data: dict[str, Any] = raw_data if isinstance(raw_data, dict) else {}
    result = Notification(shop_id, kind, _id(payload.get("tts_notification_id")), data)
    result.conversation_id = _id(data.get("conversation_id"))
    if kind != NEW_MESSAGE:
        return result
    event = message_event(data, result.conversation_id) if result.conversation_id else None
    if event is None:
        result.skipped += 1
    else:
        result.events.append(event)
    return result
