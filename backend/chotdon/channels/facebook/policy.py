"""Facebook's messaging windows as a pure function (checked before enqueueing and when sending).

- within 24 h of the customer's last message: `messaging_type: RESPONSE`;
- 24 h – 7 days: only a human agent, with `MESSAGE_TAG` + `HUMAN_AGENT`;
- after 7 days: refused;
- a private reply to a comment: once per comment, within 7 days of the comment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from chotdon.channels.contract import ReplyWindow, ReplyWindowClosed
from chotdon.core.errors import Conflict

STANDARD_WINDOW = timedelta(hours=24)
HUMAN_AGENT_WINDOW = timedelta(days=7)
PRIVATE_REPLY_WINDOW = timedelta(days=7)


class MessagingWindowClosed(ReplyWindowClosed):
    message = "Facebook only allows replies within 7 days of the customer's last message"


@dataclass(frozen=True, slots=True)
class SendPolicy:
    messaging_type: str  # RESPONSE | MESSAGE_TAG
    tag: str | None = None


NOT_YET_WRITTEN = "The customer has not written to the page yet: Facebook allows no message first"
HUMAN_ONLY = (
    "More than 24 hours since the customer's last message: only a staff member may "
    "reply (human agent), automatic messages are not allowed"
)
WINDOW_OVER = (
    "More than 7 days since the customer's last message: Facebook no longer allows a reply"
)
PRIVATE_REPLY_OVER = (
    "The comment is more than 7 days old: Facebook no longer allows a private reply"
)


def reply_window(last_incoming_at: datetime | None, now: datetime) -> ReplyWindow:
    """The Messenger window of a thread as the contract's `ReplyWindow` (see `message_policy`)."""
    if last_incoming_at is None:
        return ReplyWindow("closed", reason=NOT_YET_WRITTEN, reason_code="not_yet_written")
    age = now - last_incoming_at
    if age <= STANDARD_WINDOW:
        return ReplyWindow(
            "open",
            last_incoming_at + STANDARD_WINDOW,
            send_as={"messaging_type": "RESPONSE"},
            then="human_only",
        )
    if age <= HUMAN_AGENT_WINDOW:
        return ReplyWindow(
            "human_only",
            last_incoming_at + HUMAN_AGENT_WINDOW,
            reason=HUMAN_ONLY,
            reason_code="after_24h",
            send_as={"messaging_type": "MESSAGE_TAG", "tag": "HUMAN_AGENT"},
            then="closed",
        )
    return ReplyWindow("closed", reason=WINDOW_OVER, reason_code="window_over")


def message_policy(
    last_incoming_at: datetime | None, now: datetime, *, sent_by_human: bool
) -> SendPolicy:
    """How to send into a Messenger thread now, or raise MessagingWindowClosed."""
    if last_incoming_at is None:
        raise MessagingWindowClosed(NOT_YET_WRITTEN, reason="not_yet_written")
    age = now - last_incoming_at
    if age <= STANDARD_WINDOW:
        return SendPolicy("RESPONSE")
    if age <= HUMAN_AGENT_WINDOW:
        if sent_by_human:
            return SendPolicy("MESSAGE_TAG", "HUMAN_AGENT")
        raise MessagingWindowClosed(HUMAN_ONLY, reason="after_24h")
    raise MessagingWindowClosed(WINDOW_OVER, reason="window_over")


def private_reply_policy(
    comment_created_at: datetime, now: datetime, *, already_replied: bool
) -> None:
    """Raise unless a private reply to this comment is still allowed."""
    if already_replied:
        raise Conflict(
            "This comment already has a private reply: Facebook allows only one",
            code="private_reply_already_sent",
        )
    if now - comment_created_at > PRIVATE_REPLY_WINDOW:
        raise MessagingWindowClosed(PRIVATE_REPLY_OVER, reason="private_reply_over")
