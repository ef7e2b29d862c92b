"""Lazada IM on the channel contract (`channels.contract`).

Lazada's chat rules (channels-api.md §3.5, a low-trust source, hence settings): a session the
buyer has written in is open to the shop without limit; a session only the shop wrote in is
seller-initiated: staff only (no automatic messages), at most `LAZADA_INITIATED_DAILY_LIMIT`
shop messages in 24 hours (`counts_replies`: the inbox counts them), refused before anything
is queued. `LAZADA_REPLY_DAYS` (0: never)
closes replies that long after the buyer's last message. Lazada refusing anyway (the rule
changed) fails the message with Lazada's reason.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from chotdon.channels.contract import (
    PackageProvider,
    ProviderState,
    ReplyWindow,
)
from chotdon.core.settings import get_settings

INITIATED = (
    "Khách chưa nhắn cho shop trong phiên chat này: Lazada chỉ cho shop nhắn trước "
    "(trong 30 ngày sau khi khách đặt hàng) bằng tay, tối đa {limit} tin mỗi ngày"
)
REPLY_OVER = "Khách nhắn lần cuối đã quá {days} ngày: Lazada không cho trả lời nữa"
QUOTA_USED = (
    "Khách chưa trả lời: Lazada chỉ cho shop nhắn trước tối đa {limit} tin mỗi ngày "
    "— chờ khách trả lời hoặc nhắn lại sau"
)


INITIATED_CODE = "lazada_initiated_limit"
REPLY_OVER_CODE = "lazada_reply_over"


def reply_window(
    last_incoming_at: datetime | None,
    now: datetime,
    *,
    sent_today: int,
    daily_limit: int,
    reply_days: int,
) -> ReplyWindow:
    """Pure: the window of a Lazada session (rules as parameters). `sent_today`: the shop's
    messages of the last 24 hours when the buyer never wrote (else not used)."""
    if last_incoming_at is None:
        remaining = max(daily_limit - sent_today, 0)
        if remaining == 0:
            reason = QUOTA_USED.format(limit=daily_limit)
            return ReplyWindow("closed", reason=reason, code=INITIATED_CODE, remaining=0)
        reason = INITIATED.format(limit=daily_limit)
        return ReplyWindow(
            "human_only", reason=reason, code=INITIATED_CODE, remaining=remaining, then="closed"
        )
    if reply_days:
        closes = last_incoming_at + timedelta(days=reply_days)
        if now >= closes:
            reason = REPLY_OVER.format(days=reply_days)
            return ReplyWindow("closed", reason=reason, code=REPLY_OVER_CODE)
        return ReplyWindow("open", closes_at=closes, then="closed")
    return ReplyWindow("open")


class LazadaProvider(PackageProvider):
    name = "lazada"
    label = "Lazada"
    capabilities = frozenset(
        {
            "images",
            "product_cards",
            "listings",
            "order_cards",
            "echoes",
            "mark_read",
            "read_receipts",
            "oauth",
        }
    )
    connect_modes = ("oauth",)

    counts_replies = True  # the daily limit of a chat the buyer never wrote in

    def reply_window(
        self,
        last_incoming_at: datetime | None,
        now: datetime,
        *,
        sent_since_incoming: int = 0,
        state: ProviderState = None,
    ) -> ReplyWindow:
        s = get_settings()
        return reply_window(
            last_incoming_at,
            now,
            sent_today=sent_since_incoming,
            daily_limit=s.lazada_initiated_daily_limit,
            reply_days=s.lazada_reply_days,
        )


provider = LazadaProvider()
