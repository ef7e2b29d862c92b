"""Reports of a period, in the workspace's time zone, from the facts (`models`) and orders.

Who sees what: owners, admins and admin API keys see the whole workspace; an agent sees only
their own figures (turns they answered, messages they sent, orders they created).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.core.auth import Principal
from chotdon.core.errors import ValidationFailed
from chotdon.core.tenant import get_owned
from chotdon.livestream.models import Livestream
from chotdon.reports import repository, rollup
from chotdon.reports.schemas import (
    ConversationFigures,
    ConversationReport,
    ConversationRow,
    Durations,
    LivestreamReport,
    MinuteCount,
    OrderFigures,
    OrderReport,
    OrderRow,
    ProductFigures,
)
from chotdon.working_hours import service as working_hours_service

MAX_DAYS = 366
SOURCE_LABELS = {"manual": "Thủ công", "chat_auto": "Từ chat", "livestream": "Livestream"}
NOBODY = {
    "agent": "Chưa trả lời / trả lời trên trang",
    "channel": "Không có kênh",
    "livestream": "Không từ livestream",
}


def period_bounds(
    from_date: date | None, to_date: date | None, today: date, tz: Any
) -> tuple[date, date, datetime, datetime]:
    """Inclusive local dates → [start, end) in UTC. Default: the last 7 days up to today."""
    to_date = to_date or today
    from_date = from_date or (to_date - timedelta(days=6))
    if from_date > to_date:
        raise ValidationFailed(details=[{"field": "from", "message": "must not be after 'to'"}])
    if (to_date - from_date).days >= MAX_DAYS:
        raise ValidationFailed(
            details=[{"field": "to", "message": f"a period is at most {MAX_DAYS} days"}]
        )
    start = datetime.combine(from_date, time(0), tzinfo=tz).astimezone(UTC)
    end = datetime.combine(to_date + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)
    return from_date, to_date, start, end


def own_user(principal: Principal) -> int | None:
    """None: the whole workspace; else the only user whose figures the caller may see."""
    if principal.has_role("admin"):
        return None
    return principal.user_id or -1


def all_keys(group_by: str, from_date: date, to_date: date) -> list[str]:
    """Keys shown even without data, so a chart has every day / hour."""
    if group_by == "day":
        days = (to_date - from_date).days + 1
        return [(from_date + timedelta(days=i)).isoformat() for i in range(days)]
    if group_by == "hour":
        return [f"{h:02d}" for h in range(24)]
    return []


def label_of(group_by: str, key: str, names: dict[str, str]) -> str:
    if group_by == "day":
        return date.fromisoformat(key).strftime("%d/%m/%Y")
    if group_by == "hour":
        return f"{key}:00"
    if group_by == "source":
        return SOURCE_LABELS.get(key, key)
    if key == "0":
        return NOBODY.get(group_by, "—")
    return names.get(key, f"#{key}")


def _durations(values: tuple[int | None, int | None, int | None]) -> Durations:
    return Durations(**dict(zip(("avg", "p50", "p90"), values, strict=True)))


def _conversation_figures(turns: rollup.TurnFigures | None, counts: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if turns is not None:
        out.update(
            new_conversations=turns.new_conversations,
            reopened_conversations=turns.reopened_conversations,
            replied=turns.replied,
            first_response_seconds=_durations(turns.first),
            first_response_seconds_working_hours=_durations(turns.first_working),
            response_seconds=_durations(turns.all),
            response_seconds_working_hours=_durations(turns.all_working),
        )
    if counts is not None:
        out.update(
            messages_in=counts.messages_in,
            messages_out=counts.messages_out,
            messages_bot=counts.messages_bot,
        )
    return out


async def conversations_report(
    session: AsyncSession,
    principal: Principal,
    group_by: str,
    from_date: date | None,
    to_date: date | None,
    channel_id: int | None,
) -> ConversationReport:
    """Conversations received, replied, messages and response times per day/hour/agent/channel."""
    schedule = await working_hours_service.get_schedule(session, principal.workspace_id)
    tz = schedule.timezone
    today = datetime.now(tz).date()
    from_date, to_date, start, end = period_bounds(from_date, to_date, today, tz)
    user_id = own_user(principal)
    args = (principal.workspace_id, group_by, start, end, str(tz), channel_id, user_id)
    turn_rows, total_turns = await rollup.figures(
        session, principal.workspace_id, group_by, from_date, to_date, channel_id, user_id
    )
    counts = await repository.message_counts(session, *args)
    names = await repository.names(session, principal.workspace_id, group_by)
    count_rows = {row.key: row for row in counts if not row.is_total}
    if group_by == "agent":
        count_rows.pop("0", None)  # customers' and bots' messages: no staff member's row
    keys = all_keys(group_by, from_date, to_date) or sorted(
        set(turn_rows) | set(count_rows), key=lambda k: (k == "0", names.get(k, k))
    )
    rows = [
        ConversationRow(
            key=key,
            label=label_of(group_by, key, names),
            **_conversation_figures(turn_rows.get(key), count_rows.get(key)),
        )
        for key in keys
    ]
    total_counts = next((row for row in counts if row.is_total), None)
    return ConversationReport(
        group_by=group_by,  # type: ignore[arg-type]
        from_date=from_date,
        to_date=to_date,
        timezone=str(tz),
        rows=rows,
        totals=ConversationFigures(**_conversation_figures(total_turns, total_counts)),
    )


def _order_figures(row: Any) -> dict[str, Any]:
    if row is None:
        return {}
    placed = row.orders - row.draft
    return {
        "orders": row.orders,
        "draft": row.draft,
        "confirmed": row.confirmed,
        "closed": row.closed,
        "completed": row.completed,
        "cancelled": row.cancelled,
        "returned": row.returned,
        "revenue": int(row.revenue),
        "cancel_rate": round(row.cancelled / placed, 4) if placed else None,
        "return_rate": round(row.returned / placed, 4) if placed else None,
    }


async def orders_report(
    session: AsyncSession,
    principal: Principal,
    group_by: str,
    from_date: date | None,
    to_date: date | None,
    channel_id: int | None,
) -> OrderReport:
    """Orders created in the period by their status now, revenue, cancel and return rates."""
    schedule = await working_hours_service.get_schedule(session, principal.workspace_id)
    tz = schedule.timezone
    today = datetime.now(tz).date()
    from_date, to_date, start, end = period_bounds(from_date, to_date, today, tz)
    args = (principal.workspace_id, group_by, start, end, str(tz), channel_id, own_user(principal))
    found = await repository.order_figures(session, *args)
    names = await repository.names(session, principal.workspace_id, group_by)
    by_key = {row.key: row for row in found if not row.is_total}
    keys = all_keys(group_by, from_date, to_date) or sorted(
        by_key, key=lambda k: (k == "0", names.get(k, k))
    )
    rows = [
        OrderRow(key=key, label=label_of(group_by, key, names), **_order_figures(by_key.get(key)))
        for key in keys
    ]
    total = next((row for row in found if row.is_total), None)
    return OrderReport(
        group_by=group_by,  # type: ignore[arg-type]
        from_date=from_date,
        to_date=to_date,
        timezone=str(tz),
        rows=rows,
        totals=OrderFigures(**_order_figures(total)),
    )


async def livestream_report(
    session: AsyncSession, principal: Principal, livestream_id: int
) -> LivestreamReport:
    """What one livestream received and sold."""
    live = await get_owned(session, Livestream, livestream_id, principal.workspace_id)
    figures = await repository.livestream_figures(session, live.id)
    comments = figures["comments"]
    statuses = {status: 0 for status in ("draft", "confirmed", "closed", "completed", "cancelled")}
    statuses.update(figures["statuses"])
    products = [
        ProductFigures(
            product_id=row.product_id, name=row.name, units=row.units, revenue=int(row.revenue)
        )
        for row in figures["products"]
    ]
    minutes = [
        MinuteCount(minute=row.minute.astimezone(UTC).isoformat(), comments=row.comments)
        for row in figures["minutes"]
    ]
    return LivestreamReport(
        livestream_id=live.id,
        title=live.title,
        started_at=live.started_at.isoformat() if live.started_at else None,
        ended_at=live.ended_at.isoformat() if live.ended_at else None,
        comments=comments.comments,
        commenters=comments.commenters,
        order_comments=comments.order_comments,
        orders=sum(statuses.values()),
        orders_by_status=statuses,
        units=sum(p.units for p in products),
        revenue=sum(p.revenue for p in products),
        products=products,
        comments_per_minute=minutes,
        peak_comments_per_minute=max((m.comments for m in minutes), default=0),
    )
