"""Zalo OA webhook events and API messages → provider-neutral events. Pure: no I/O.

A webhook body (channels-api.md §4.3) is one event: `{app_id, event_name, timestamp (ms, a
string), sender{id}, recipient{id}, message{msg_id, text, attachments}}`.

- `user_send_*` (and `anonymous_send_text`): the follower (sender) wrote to the OA (recipient);
- `oa_send_*`: the OA (sender) wrote, from Zalo's own tools or our API: the page's message;
- `user_received_message` / `user_seen_message`: the OA is `sender`, `message.msg_ids` reached
  the follower / were read;
- `follow` / `unfollow`: `{oa_id, follower{id}}`, shown in the chat as a line from the follower;
- `user_submit_info`: the follower shared their name, phone and address with the OA (the text
  shown carries the phone, so the customer's phone is recorded and the customer can be linked to
  the same phone on other channels).

Ids are decimal strings (above 2^53): only plain ids are kept (`channels.safe_urls`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from chotdon.channels.events import InboundMessage, MessageStatusUpdate, Person
from chotdon.channels.safe_urls import optional_external_id

USER_MESSAGES = frozenset(
    {
        "user_send_text",
        "user_send_image",
        "user_send_gif",
        "user_send_link",
        "user_send_audio",
        "user_send_video",
        "user_send_sticker",
        "user_send_location",
        "user_send_file",
        "user_send_business_card",
        "anonymous_send_text",
    }
)
OA_MESSAGES = frozenset(
    {"oa_send_text", "oa_send_image", "oa_send_list", "oa_send_gif", "oa_send_file"}
)
STATUSES = {"user_received_message": "delivered", "user_seen_message": "read"}
FOLLOWS = {
    "follow": "👋 Đã quan tâm Official Account",
    "unfollow": "Đã bỏ quan tâm Official Account",
}
SUBMIT_INFO = "user_submit_info"


@dataclass(slots=True)
class ZaloEvent:
    """One webhook body: the OA it is for and what it says."""

    oa_id: str
    event_name: str
    messages: list[InboundMessage] = field(default_factory=list)
    statuses: list[MessageStatusUpdate] = field(default_factory=list)


def from_ms(value: Any) -> datetime:
    """Zalo's `timestamp` (milliseconds, often as a string); now when unreadable."""
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


def _id(node: Any) -> str | None:
    value = node.get("id") if isinstance(node, dict) else node
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    return optional_external_id(str(value))


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def attachment(raw: Any) -> dict[str, Any] | None:
    """One Zalo attachment `{type, payload}` → ours (`{type, url, name, ...}`)."""
    att = _dict(raw)
    kind = str(att.get("type") or "")
    payload = _dict(att.get("payload"))
    url = payload.get("url") if isinstance(payload.get("url"), str) else None
    if kind in ("image", "gif"):
        return {"type": "image", "url": url or payload.get("thumbnail")}
    if kind == "sticker":
        return {"type": "sticker", "url": url, "sticker_id": str(payload.get("id") or "")}
    if kind in ("video", "audio"):
        return {"type": kind, "url": url, "thumb_url": payload.get("thumbnail")}
    if kind == "file":
        return {
            "type": "file",
            "url": url,
            "name": str(payload.get("name") or "Tệp"),
            "size": payload.get("size"),
        }
    if kind == "link":
        return {
            "type": "fallback",
            "url": url,
            "title": str(payload.get("description") or payload.get("title") or url or ""),
            "thumb_url": payload.get("thumbnail"),
        }
    if kind == "location":
        coords = _dict(payload.get("coordinates"))
        lat, lng = coords.get("latitude"), coords.get("longitude")
        if lat is None or lng is None:
            return None
        return {
            "type": "location",
            "url": f"https://maps.google.com/?q={lat},{lng}",
            "title": f"Vị trí {lat}, {lng}",
            "latitude": lat,
            "longitude": lng,
        }
    if kind in ("template", "list"):
        elements = payload.get("elements")
        first = _dict(elements[0]) if isinstance(elements, list) and elements else {}
        return {
            "type": "product",
            "name": str(first.get("title") or "Thẻ sản phẩm"),
            "url": first.get("image_url"),
        }
    return None


def _message(
    body: dict[str, Any], *, user_id: str, outgoing: bool, event_name: str
) -> InboundMessage | None:
    message = _dict(body.get("message"))
    msg_id = message.get("msg_id")
    if not isinstance(msg_id, str | int) or not str(msg_id).strip():
        return None
    attachments = [a for a in map(attachment, message.get("attachments") or []) if a]
    text = message.get("text") if isinstance(message.get("text"), str) else None
    if text is None and not attachments:
        text = f"[{event_name.removeprefix('user_send_').removeprefix('oa_send_')}]"
    meta: dict[str, Any] = {"zalo_event": event_name}
    quote = message.get("quote_msg_id")
    return InboundMessage(
        external_id=str(msg_id)[:200],
        customer=Person(user_id),
        direction="out" if outgoing else "in",
        sender_type="page" if outgoing else "contact",
        created_at=from_ms(body.get("timestamp")),
        text=text,
        attachments=attachments,
        reply_to_external_id=str(quote) if isinstance(quote, str | int) and quote else None,
        meta=meta,
    )


def submitted_info_text(info: dict[str, Any]) -> str:
    """What the follower shared, as the chat line staff read (phones are found in it)."""
    labels = (
        ("name", "Tên"),
        ("phone", "SĐT"),
        ("address", "Địa chỉ"),
        ("ward", "Phường/Xã"),
        ("district", "Quận/Huyện"),
        ("city", "Tỉnh/TP"),
    )
    parts = [f"{label}: {info[key]}" for key, label in labels if info.get(key)]
    return "📇 Khách đã chia sẻ thông tin: " + "; ".join(parts)


def _synthetic(body: dict[str, Any], user_id: str, event_name: str, text: str) -> InboundMessage:
    """A follow / unfollow / shared info line: no msg_id, so one per user and timestamp."""
    stamp = str(body.get("timestamp") or "")
    return InboundMessage(
        external_id=f"{event_name}:{user_id}:{stamp}"[:200],
        customer=Person(user_id),
        direction="in",
        created_at=from_ms(body.get("timestamp")),
        text=text,
        meta={"zalo_event": event_name},
    )


def parse_event(body: Any) -> ZaloEvent | None:
    """A webhook body → its OA and events; None when it is not a Zalo event we understand."""
    if not isinstance(body, dict) or not isinstance(body.get("event_name"), str):
        return None
    name: str = body["event_name"]
    sender, recipient = _id(body.get("sender")), _id(body.get("recipient"))
    if name in USER_MESSAGES and sender and recipient:
        event = ZaloEvent(recipient, name)
        found = _message(body, user_id=sender, outgoing=False, event_name=name)
    elif name in OA_MESSAGES and sender and recipient:
        event = ZaloEvent(sender, name)
        found = _message(body, user_id=recipient, outgoing=True, event_name=name)
    elif name in STATUSES and sender and recipient:
        ids = _dict(body.get("message")).get("msg_ids") or []
        event = ZaloEvent(sender, name)
        event.statuses.append(
            MessageStatusUpdate(
                customer_external_id=recipient,
                status=STATUSES[name],  # type: ignore[arg-type]
                watermark=from_ms(body.get("timestamp")),
                external_ids=[str(i) for i in ids if isinstance(i, str | int)],
            )
        )
        return event
    elif name in FOLLOWS and _id(body.get("oa_id")) and _id(body.get("follower")):
        event = ZaloEvent(_id(body.get("oa_id")) or "", name)
        found = _synthetic(body, _id(body.get("follower")) or "", name, FOLLOWS[name])
    elif name == SUBMIT_INFO and sender and recipient:
        info = _dict(_dict(body.get("info")) or _dict(body.get("message")).get("info"))
        event = ZaloEvent(recipient, name)
        found = _synthetic(body, sender, name, submitted_info_text(info)) if info else None
    else:
        return None
    if found is not None:
        event.messages.append(found)
    return event


def conversation_message(item: Any, oa_id: str) -> InboundMessage | None:
    """One message of `listrecentchat` / `conversation` (backfill): `{message_id, src (0 = the
    OA, 1 = the follower), time, type, message, thumb/url/links, from_id, to_id,
    from_display_name}`."""
    data = _dict(item)
    msg_id = data.get("message_id")
    from_id, to_id = _id(data.get("from_id")), _id(data.get("to_id"))
    if not isinstance(msg_id, str | int) or not from_id or not to_id:
        return None
    outgoing = str(data.get("src")) == "0" or from_id == oa_id
    user_id = to_id if outgoing else from_id
    name = data.get("to_display_name") if outgoing else data.get("from_display_name")
    avatar = data.get("to_avatar") if outgoing else data.get("from_avatar")
    kind = str(data.get("type") or "text")
    text = data.get("message") if isinstance(data.get("message"), str) else None
    attachments: list[dict[str, Any]] = []
    if kind in ("photo", "image", "gif", "sticker") and isinstance(data.get("url"), str):
        attachments.append(
            {"type": "sticker" if kind == "sticker" else "image", "url": data["url"]}
        )
        text = text if kind != "sticker" else None
    elif kind in ("file", "link", "voice", "video", "location") and isinstance(
        data.get("url") or data.get("links"), str | list
    ):
        url = data.get("url") if isinstance(data.get("url"), str) else None
        attachments.append({"type": "file" if kind == "file" else "fallback", "url": url})
    if not text and not attachments:
        text = f"[{kind}]"
    return InboundMessage(
        external_id=str(msg_id)[:200],
        customer=Person(
            user_id,
            str(name) if isinstance(name, str) and name else None,
            avatar if isinstance(avatar, str) and avatar else None,
        ),
        direction="out" if outgoing else "in",
        sender_type="page" if outgoing else "contact",
        created_at=from_ms(data.get("time")),
        text=text,
        attachments=attachments,
        meta={"zalo_event": f"backfill_{kind}"},
    )
