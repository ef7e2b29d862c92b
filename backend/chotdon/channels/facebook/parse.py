"""Facebook webhook payloads → provider-neutral events (`channels.events`). Pure: no I/O.

One POST holds `entry[]` for one or several pages; each entry holds `messaging[]` / `standby[]`
(Messenger, timestamps in ms) or `changes[]` (feed, live_videos, inbox_labels; seconds).
Anything we do not understand is skipped and counted, never fatal for the rest of the delivery.
Ids that later reach a Graph URL (pages, senders, comments, posts, live videos) must pass
`channels.safe_urls.external_id`; an event carrying any other id is skipped (issue #13.2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal, cast

from chotdon.channels.events import (
    InboundComment,
    InboundMessage,
    InboundPost,
    MessageStatusUpdate,
    Person,
    Reaction,
)
from chotdon.channels.safe_urls import is_external_id, optional_external_id

CommentVerb = Literal["add", "edited", "remove", "hide", "unhide"]
COMMENT_VERBS = ("add", "edited", "remove", "hide", "unhide")
# Posts: the `item` values of feed changes that describe a post itself.
POST_ITEMS = frozenset({"status", "photo", "video", "post", "share", "album"})


@dataclass(slots=True)
class LiveVideoChange:
    live_video_id: str
    status: str


@dataclass(slots=True)
class LabelChange:
    psid: str
    label_id: str
    label_name: str | None
    action: Literal["add", "remove"]


@dataclass(slots=True)
class MessageEdit:
    external_id: str
    text: str | None
    customer_external_id: str


@dataclass(slots=True)
class PostChange:
    post: InboundPost
    verb: str


Event = (
    InboundMessage
    | InboundComment
    | MessageStatusUpdate
    | Reaction
    | LiveVideoChange
    | LabelChange
    | MessageEdit
    | PostChange
)


@dataclass(slots=True)
class PageEvents:
    page_id: str  # the page, or the Instagram account (`provider` "instagram")
    events: list[Event] = field(default_factory=list)
    skipped: int = 0
    provider: str = "facebook"


def page_ids(payload: Any) -> list[str]:
    """The distinct page ids a delivery is about (cheap; used when acknowledging)."""
    if not isinstance(payload, dict):
        return []
    seen: dict[str, None] = {}
    for entry in payload.get("entry") or []:
        if isinstance(entry, dict) and is_external_id(str(entry.get("id"))):
            seen[str(entry["id"])] = None
    return list(seen)


def parse_delivery(payload: Any, *, app_id: str) -> list[PageEvents]:
    """Split a webhook body into events per page, in the order they appear."""
    if not isinstance(payload, dict) or payload.get("object") not in ("page", None):
        return []
    result: dict[str, PageEvents] = {}
    for entry in payload.get("entry") or []:
        if not isinstance(entry, dict) or not is_external_id(str(entry.get("id"))):
            continue
        page_id = str(entry["id"])
        bucket = result.setdefault(page_id, PageEvents(page_id))
        for key, standby in (("messaging", False), ("standby", True)):
            for item in entry.get(key) or []:
                message_event = messaging_event(item, page_id, app_id=app_id, standby=standby)
                if message_event is None:
                    bucket.skipped += 1
                else:
                    bucket.events.append(message_event)
        for change in entry.get("changes") or []:
            event = _change(change, page_id)
            if event is None:
                bucket.skipped += 1
            else:
                bucket.events.append(event)
    return list(result.values())


def from_ms(value: Any) -> datetime:
    """Messenger timestamps are epoch ms; tolerate seconds (postbacks in old docs)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return datetime.now(UTC)
    if number < 1e11:
        number *= 1000
    return datetime.fromtimestamp(number / 1000, UTC)


def from_s(value: Any) -> datetime:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return datetime.now(UTC)
    if number > 1e11:
        number /= 1000
    return datetime.fromtimestamp(number, UTC)


def from_iso(value: Any) -> datetime | None:
    """Graph REST reads: `2018-08-30T18:47:02+0000`."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S%z").astimezone(UTC)
    except ValueError:
        try:
            return datetime.fromisoformat(value).astimezone(UTC)
        except ValueError:
            return None


def attachments_of(raw: Any) -> list[dict[str, Any]]:
    """Messenger attachments → `[{type, url, sticker_id, ...}]`; the sticker+image pair → one."""
    out: list[dict[str, Any]] = []
    if not isinstance(raw, list):
        return out
    has_sticker = any(isinstance(a, dict) and a.get("type") == "sticker" for a in raw)
    for att in raw:
        if not isinstance(att, dict):
            continue
        kind = str(att.get("type") or "file")
        raw_payload = att.get("payload")
        payload: dict[str, Any] = raw_payload if isinstance(raw_payload, dict) else {}
        if kind == "image" and payload.get("sticker_id") is not None:
            if has_sticker:
                continue  # the transition period sends both: keep the sticker
            kind = "sticker"
        item: dict[str, Any] = {"type": kind}
        if payload.get("url"):
            item["url"] = payload["url"]
        if payload.get("sticker_id") is not None:
            item["sticker_id"] = str(payload["sticker_id"])
        for key in ("title", "name", "size"):
            if att.get(key) is not None:
                item[key] = att[key]
        if kind == "fallback" and att.get("url"):
            item["url"] = att["url"]
        out.append(item)
    return out


def _id_of(node: Any) -> Any:
    return node.get("id") if isinstance(node, dict) else None


def messaging_event(
    item: Any, page_id: str, *, app_id: str, standby: bool = False
) -> InboundMessage | MessageStatusUpdate | Reaction | MessageEdit | None:
    """One `messaging[]` item (Messenger's shape, which Instagram messaging shares)."""
    if not isinstance(item, dict):
        return None
    sender = optional_external_id(_id_of(item.get("sender"))) or ""
    recipient = optional_external_id(_id_of(item.get("recipient"))) or ""
    if not sender:
        return None
    at = from_ms(item.get("timestamp"))
    meta: dict[str, Any] = {"standby": True} if standby else {}
    if isinstance(item.get("message"), dict):
        msg = item["message"]
        mid = msg.get("mid")
        if not mid:
            return None
        is_echo = bool(msg.get("is_echo")) or sender == page_id
        customer = recipient if is_echo else sender
        if not customer:
            return None
        if msg.get("quick_reply"):
            meta["quick_reply"] = msg["quick_reply"].get("payload")
        if msg.get("referral"):
            meta["referral"] = msg["referral"]
        reply_to = (msg.get("reply_to") or {}).get("mid")
        echo_app = str(msg["app_id"]) if is_echo and msg.get("app_id") is not None else None
        if echo_app:
            meta["app_id"] = echo_app
        return InboundMessage(
            external_id=str(mid),
            customer=Person(customer),
            direction="out" if is_echo else "in",
            sender_type="page" if is_echo else "contact",
            created_at=at,
            text=msg.get("text"),
            attachments=attachments_of(msg.get("attachments")),
            reply_to_external_id=str(reply_to) if reply_to else None,
            app_id=echo_app,
            metadata=msg.get("metadata") if is_echo else None,
            meta=meta,
        )
    if isinstance(item.get("postback"), dict):
        pb = item["postback"]
        mid = pb.get("mid") or f"postback:{sender}:{item.get('timestamp')}"
        meta["postback"] = {"payload": pb.get("payload"), "title": pb.get("title")}
        if pb.get("referral"):
            meta["referral"] = pb["referral"]
        return InboundMessage(
            external_id=str(mid),
            customer=Person(sender),
            direction="in",
            created_at=at,
            text=pb.get("title") or pb.get("payload"),
            meta=meta,
        )
    for key, status in (("delivery", "delivered"), ("read", "read")):
        if isinstance(item.get(key), dict):
            body = item[key]
            return MessageStatusUpdate(
                customer_external_id=sender,
                status=status,  # type: ignore[arg-type]
                watermark=from_ms(body.get("watermark") or item.get("timestamp")),
                external_ids=[str(m) for m in body.get("mids") or []],
            )
    if isinstance(item.get("reaction"), dict):
        r = item["reaction"]
        if not r.get("mid"):
            return None
        return Reaction(
            customer_external_id=sender,
            message_external_id=str(r["mid"]),
            action="unreact" if r.get("action") == "unreact" else "react",
            reaction=r.get("reaction"),
            emoji=r.get("emoji"),
            created_at=at,
        )
    if isinstance(item.get("message_edit"), dict):
        e = item["message_edit"]
        if not e.get("mid"):
            return None
        return MessageEdit(str(e["mid"]), e.get("text"), sender)
    return None


def _change(change: Any, page_id: str) -> Event | None:
    if not isinstance(change, dict) or not isinstance(change.get("value"), dict):
        return None
    field_name = change.get("field")
    value = change["value"]
    if field_name == "feed":
        return _feed(value, page_id)
    if field_name == "live_videos":
        live_video_id = optional_external_id(value.get("id"))
        if live_video_id is None:
            return None
        return LiveVideoChange(live_video_id, str(value.get("status") or "").lower())
    if field_name == "inbox_labels":
        user = optional_external_id(_id_of(value.get("user")))
        label = value.get("label") or {}
        if not user or not is_external_id(str(label.get("id"))):
            return None
        return LabelChange(
            psid=str(user),
            label_id=str(label["id"]),
            label_name=label.get("page_label_name") or label.get("name"),
            action="remove" if value.get("action") == "remove" else "add",
        )
    return None


def _post_of(value: dict[str, Any]) -> InboundPost | None:
    post_id = optional_external_id(value.get("post_id") or _id_of(value.get("post")))
    if not post_id:
        return None
    raw_post = value.get("post")
    post: dict[str, Any] = raw_post if isinstance(raw_post, dict) else {}
    return InboundPost(
        external_id=str(post_id),
        permalink_url=post.get("permalink_url"),
        status_type=post.get("status_type"),
    )


def _feed(value: dict[str, Any], page_id: str) -> Event | None:
    item = value.get("item")
    verb = value.get("verb") or "add"
    if item == "comment":
        post = _post_of(value)
        comment_id = optional_external_id(value.get("comment_id"))
        if post is None or not comment_id:
            return None
        raw_author = value.get("from")
        author: dict[str, Any] = raw_author if isinstance(raw_author, dict) else {}
        author_id = str(author.get("id") or "")
        if author_id and not is_external_id(author_id):
            return None
        from_page = author_id == page_id
        parent = optional_external_id(value.get("parent_id"))
        attachments: list[dict[str, Any]] = []
        if value.get("photo"):
            attachments.append({"type": "image", "url": value["photo"]})
        if value.get("video"):
            attachments.append({"type": "video", "url": value["video"]})
        # hide/unhide: `from` is the actor (often the page), not the comment's author.
        actor_only = verb in ("hide", "unhide", "remove")
        page_authored = from_page and not actor_only
        return InboundComment(
            external_id=str(comment_id),
            post=post,
            # The page's own replies belong to the thread of the comment they answer: the
            # ingestion job resolves that customer from `parent_external_id`.
            customer=Person(
                "" if page_authored or (from_page and actor_only) else author_id,
                None if from_page else author.get("name"),
            ),
            direction="out" if page_authored else "in",
            sender_type="page" if page_authored else "contact",
            created_at=from_s(value.get("created_time")),
            verb=cast(CommentVerb, verb if verb in COMMENT_VERBS else "add"),
            text=value.get("message"),
            attachments=attachments,
            parent_external_id=str(parent) if parent and parent != post.external_id else None,
            meta={"from_page": True} if page_authored else {},
        )
    if item in POST_ITEMS:
        post = _post_of(value)
        if post is None:
            return None
        post.message = value.get("message")
        post.created_at = from_s(value.get("created_time"))
        if value.get("link") and item == "photo":
            post.picture_url = value["link"]
        if value.get("photos"):
            photos = value["photos"]
            post.picture_url = photos[0] if isinstance(photos, list) and photos else None
        return PostChange(post, verb)
    return None
