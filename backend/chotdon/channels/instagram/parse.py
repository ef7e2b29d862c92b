"""Instagram webhook payloads (`object: instagram`) → provider-neutral events. Pure: no I/O.

Instagram accounts linked to a Facebook page deliver to the Meta app's endpoint
(`POST /webhooks/facebook`). `entry[].id` is the Instagram professional account; ids of people
are Instagram-scoped (IGSID). Messages use Messenger's `messaging[]` shape (parsed by
`facebook.parse.messaging_event`) plus story replies (`reply_to.story`), story mentions
(attachment `story_mention`) and reads as `read.mid`; comments on posts, reels and ads come as
`changes[]` with field `comments`, on a live broadcast with field `live_comments`
(`channels-api.md` §5).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from chotdon.channels.events import (
    InboundComment,
    InboundMessage,
    InboundPost,
    MessageStatusUpdate,
    Person,
)
from chotdon.channels.facebook.parse import Event, PageEvents, from_ms, from_s, messaging_event
from chotdon.channels.safe_urls import is_external_id, optional_external_id

PROVIDER = "instagram"
COMMENT_FIELDS = ("comments", "live_comments")


def parse_instagram_delivery(payload: Any, *, app_id: str) -> list[PageEvents]:
    """Split an `object: instagram` body into events per Instagram account, in order."""
    if not isinstance(payload, dict) or payload.get("object") != "instagram":
        return []
    result: dict[str, PageEvents] = {}
    for entry in payload.get("entry") or []:
        if not isinstance(entry, dict) or not is_external_id(str(entry.get("id"))):
            continue
        account_id = str(entry["id"])
        bucket = result.setdefault(account_id, PageEvents(account_id, provider=PROVIDER))
        for item in entry.get("messaging") or []:
            event = message_event(item, account_id, app_id=app_id)
            _add(bucket, event)
        at = from_s(entry.get("time"))
        for change in entry.get("changes") or []:
            _add(bucket, comment_event(change, account_id, at))
    return list(result.values())


def _add(bucket: PageEvents, event: Event | None) -> None:
    if event is None:
        bucket.skipped += 1
    else:
        bucket.events.append(event)


def message_event(item: Any, account_id: str, *, app_id: str) -> Event | None:
    """A DM, an echo, a reaction or a read of an Instagram account."""
    if not isinstance(item, dict):
        return None
    read = item.get("read")
    if isinstance(read, dict) and "watermark" not in read:
        # Instagram marks the last message seen (`read.mid`): everything up to its time.
        sender = optional_external_id((item.get("sender") or {}).get("id"))
        if not sender:
            return None
        return MessageStatusUpdate(
            customer_external_id=sender,
            status="read",
            watermark=from_ms(item.get("timestamp")),
            external_ids=[str(read["mid"])] if read.get("mid") else [],
        )
    message = item.get("message")
    if isinstance(message, dict) and message.get("is_deleted"):
        return None  # an unsent message: nothing to show
    event = messaging_event(item, account_id, app_id=app_id)
    if isinstance(event, InboundMessage) and isinstance(message, dict):
        _story(event, message)
    return event


def _story(event: InboundMessage, message: dict[str, Any]) -> None:
    """Story replies carry the story; mentions are an attachment of type `story_mention`."""
    story = (message.get("reply_to") or {}).get("story")
    if isinstance(story, dict):
        event.meta["story_reply"] = {"id": str(story.get("id") or ""), "url": story.get("url")}
        event.attachments.insert(0, {"type": "story_reply", "url": story.get("url")})
    if any(a.get("type") == "story_mention" for a in event.attachments):
        event.meta["story_mention"] = True


def comment_event(change: Any, account_id: str, at: datetime) -> InboundComment | None:
    """A comment (or the account's own reply) on a post, reel, ad or live."""
    if not isinstance(change, dict) or change.get("field") not in COMMENT_FIELDS:
        return None
    value = change.get("value")
    if not isinstance(value, dict):
        return None
    comment_id = optional_external_id(value.get("id"))
    raw_media = value.get("media")
    media: dict[str, Any] = raw_media if isinstance(raw_media, dict) else {}
    media_id = optional_external_id(media.get("id"))
    raw_author = value.get("from")
    author: dict[str, Any] = raw_author if isinstance(raw_author, dict) else {}
    author_id = optional_external_id(author.get("id"))
    if not comment_id or not media_id or not author_id:
        return None
    product = str(media.get("media_product_type") or "FEED").upper()
    live = change["field"] == "live_comments" or product == "LIVE"
    post = InboundPost(
        external_id=media_id,
        message=media.get("ad_title"),
        status_type=product.lower(),
        kind="live_video" if live else "post",
        live_video_external_id=media_id if live else None,
    )
    ours = author_id == account_id
    parent = optional_external_id(value.get("parent_id"))
    return InboundComment(
        external_id=comment_id,
        post=post,
        # The account's own replies belong to the thread of the comment they answer.
        customer=Person("" if ours else author_id, None if ours else author.get("username")),
        direction="out" if ours else "in",
        sender_type="page" if ours else "contact",
        created_at=at,
        text=value.get("text"),
        parent_external_id=parent,
        meta={"from_page": True} if ours else {},
    )
