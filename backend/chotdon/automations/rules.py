"""Pure decisions of automatic messages: which rule applies, and the key that makes it once."""

from __future__ import annotations

from datetime import datetime, timedelta

from chotdon.working_hours.schedule import Schedule

# A customer message older than this when its event is processed (a backfill, a long outage)
# gets no greeting or away message: answering hours later would be odd.
STALE_AFTER = timedelta(hours=2)
# A first message outside working hours: the away message answers it, not the greeting too.
AWAY_WINS = "away_answered"  # a skip reason code (orders/bot_errors.py)


def channel_matches(channel_ids: list[int], channel_id: int) -> bool:
    return not channel_ids or channel_id in channel_ids


def away_key(schedule: Schedule, conversation_id: int, at: datetime) -> str | None:
    """`away:<conversation>:<start of the closed period>` when the shop is closed at `at`.

    One away message per closed period per conversation: the key repeats within a period.
    """
    since = schedule.closed_since(at)
    if since is None:
        return None
    return f"away:{conversation_id}:{since.isoformat()}"


def greeting_key(
    channel_id: int, contact_id: int, message_id: int, silence_hours: int | None
) -> str:
    """Once per customer and channel; with a silence, once per message that ends a silence."""
    if silence_hours is None:
        return f"greeting:{channel_id}:{contact_id}"
    return f"greeting:{channel_id}:{contact_id}:{message_id}"


def order_key(order_id: int, status: str) -> str:
    return f"order:{order_id}:{status}"


def is_stale(created_at: datetime, now: datetime) -> bool:
    return now - created_at > STALE_AFTER
