"""Zalo OA's sending rules as a pure function (channels-api.md §4.4), read from settings because
the sources disagree:

- a reply ("tin tư vấn") is free within `zalo_free_reply_hours` (48 h) of the follower's last
  message, at most `zalo_free_replies` (8) of them; each new message of the follower starts over;
- past that, a message counts as "proactive" (a verified OA's monthly quota): only when the OA
  may send them (`zalo_proactive_messages`), only by staff (automations never spend the paid
  quota), and only within `zalo_send_window_days` (7) of the last message (integrators' rule);
- otherwise refused, with the reason in Vietnamese (shown in the composer and in the 409).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from chotdon.channels.contract import ReplyWindow, WindowState

NOT_YET_WRITTEN = "zalo_not_yet_written"
FREE_REPLIES_USED = "zalo_free_replies_used"
WINDOW_OVER = "zalo_window_closed"
PROACTIVE = "zalo_proactive"

REASONS = {
    NOT_YET_WRITTEN: "Khách chưa nhắn cho OA: Zalo không cho OA nhắn trước.",
    FREE_REPLIES_USED: (
        "Đã dùng hết {free} tin phản hồi miễn phí của Zalo (trong {hours} giờ kể từ tin cuối "
        "của khách). Chờ khách nhắn lại để gửi tiếp."
    ),
    WINDOW_OVER: (
        "Đã quá {hours} giờ kể từ tin cuối của khách: Zalo không còn cho phản hồi miễn phí. "
        "Chờ khách nhắn lại để gửi tiếp."
    ),
    PROACTIVE: (
        "Tin này là tin chủ động của Zalo (trừ vào hạn mức tháng của OA): chỉ nhân viên được "
        "gửi, tự động hóa không gửi."
    ),
}


@dataclass(frozen=True, slots=True)
class Rules:
    free_reply_hours: int = 48
    free_replies: int = 8
    send_window_days: int = 7
    proactive_messages: bool = False

    @classmethod
    def from_settings(cls) -> Rules:
        from chotdon.core.settings import get_settings

        s = get_settings()
        return cls(
            s.zalo_free_reply_hours,
            s.zalo_free_replies,
            s.zalo_send_window_days,
            s.zalo_proactive_messages,
        )


def _reason(code: str, rules: Rules) -> str:
    return REASONS[code].format(free=rules.free_replies, hours=rules.free_reply_hours)


def reply_window(
    rules: Rules, last_incoming_at: datetime | None, now: datetime, sent_since_incoming: int
) -> ReplyWindow:
    """The window of a Zalo chat whose follower last wrote at `last_incoming_at`, after the OA
    sent `sent_since_incoming` messages."""
    if last_incoming_at is None:
        return ReplyWindow("closed", reason=_reason(NOT_YET_WRITTEN, rules), code=NOT_YET_WRITTEN)
    free_until = last_incoming_at + timedelta(hours=rules.free_reply_hours)
    remaining = max(rules.free_replies - sent_since_incoming, 0)
    proactive_until = last_incoming_at + timedelta(days=rules.send_window_days)
    after_free: WindowState = (
        "human_only" if rules.proactive_messages and proactive_until > free_until else "closed"
    )
    if now <= free_until and remaining > 0:
        return ReplyWindow("open", free_until, then=after_free, remaining=remaining)
    code = FREE_REPLIES_USED if now <= free_until else WINDOW_OVER
    if rules.proactive_messages and now <= proactive_until:
        return ReplyWindow(
            "human_only",
            proactive_until,
            reason=_reason(PROACTIVE, rules),
            then="closed",
            code=PROACTIVE,
            remaining=0,
        )
    return ReplyWindow("closed", reason=_reason(code, rules), code=code, remaining=0)
