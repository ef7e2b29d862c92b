"""TikTok Shop customer-service chat on the channel contract (`channels.contract`).

Reply rule (channels-api.md §2.5): TikTok lets the shop write when the buyer wrote within
30 days, ordered within 60 days or has a return/refund; its `can_send_message` (read by the
backfill, or learnt from a refusal) is kept in `Conversation.provider_state`. A buyer message
newer than a refusal opens the chat again.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from chotdon.channels.contract import (
    PackageProvider,
    ProviderState,
    ReplyWindow,
)

WINDOW = timedelta(days=30)
TRUST_ALLOWED_FOR = timedelta(days=1)  # a `can_send_message: true` read this recently
CLOCK_SLACK = timedelta(seconds=1)  # TikTok's times are whole seconds
CANNOT_SEND = "tiktok_cannot_send"  # the rule's code: the 409's error code, the SPA's text
NOT_ALLOWED = (
    "Khách chưa nhắn trong 30 ngày (và chưa mua trong 60 ngày): TikTok Shop không cho shop "
    "nhắn trước"
)


def _checked_at(state: ProviderState) -> datetime | None:
    raw = (state or {}).get("checked_at")
    try:
        return datetime.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        return None


def reply_window(
    last_incoming_at: datetime | None, now: datetime, state: ProviderState = None
) -> ReplyWindow:
    """Pure: TikTok's `can_send_message` rule for one conversation."""
    allowed = (state or {}).get("can_send_message")
    checked = _checked_at(state)
    if (
        allowed is False
        and checked
        and (last_incoming_at is None or last_incoming_at + CLOCK_SLACK < checked)
    ):
        reason = str((state or {}).get("reason") or NOT_ALLOWED)
        return ReplyWindow("closed", reason=reason, code=CANNOT_SEND)
    if last_incoming_at is not None and now - last_incoming_at < WINDOW:
        return ReplyWindow("open")
    if allowed is True and checked and now - checked < TRUST_ALLOWED_FOR:
        return ReplyWindow("open")
    return ReplyWindow("closed", reason=NOT_ALLOWED, code=CANNOT_SEND)


class TikTokProvider(PackageProvider):
    name = "tiktok"
    label = "TikTok Shop"
    capabilities = frozenset(
        {"images", "product_cards", "listings", "order_cards", "echoes", "mark_read", "oauth"}
    )
    connect_modes = ("oauth",)

    def reply_window(
        self,
        last_incoming_at: datetime | None,
        now: datetime,
        *,
        sent_since_incoming: int = 0,
        state: ProviderState = None,
    ) -> ReplyWindow:
        return reply_window(last_incoming_at, now, state)


provider = TikTokProvider()
