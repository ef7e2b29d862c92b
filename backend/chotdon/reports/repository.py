"""The reports' SQL: one aggregate per table over a period, with the totals as a ROLLUP row
(the turns' figures come from their hourly rollup: `reports.rollup`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

# Keys are computed per row as a plain value (a date, a number: cheaper to group than text)
# and formatted once per group.
COUNT_KEYS = {
    "day": ("(hour AT TIME ZONE :tz)::date", "k::text"),
    "hour": ("extract(hour FROM hour AT TIME ZONE :tz)::int", "lpad(k::text, 2, '0')"),
    "agent": ("user_id", "k::text"),
    "channel": ("channel_id", "k::text"),
}
ORDER_KEYS = {
    "day": "(quarter AT TIME ZONE :tz)::date::text",
    "source": "source",
    "channel": "channel_id::text",
    "agent": "user_id::text",
    "livestream": "livestream_id::text",
}


async def message_counts(
    session: AsyncSession,
    workspace_id: int,
    group_by: str,
    start: datetime,
    end: datetime,
    tz: str,
    channel_id: int | None,
    user_id: int | None,
) -> list[Any]:
    key, label = COUNT_KEYS[group_by]
    sql = f"""
        SELECT {label} AS key, GROUPING(k) = 1 AS is_total,
          coalesce(sum(messages_in), 0) AS messages_in,
          coalesce(sum(messages_out), 0) AS messages_out,
          coalesce(sum(messages_bot), 0) AS messages_bot
        FROM (SELECT {key} AS k, * FROM report_message_counts
        WHERE workspace_id = :ws AND hour >= :start AND hour < :end
          AND (CAST(:channel_id AS bigint) IS NULL OR channel_id = :channel_id)
          AND (CAST(:user_id AS bigint) IS NULL OR user_id = :user_id)) AS t
        GROUP BY ROLLUP (k)
    """  # noqa: S608 (key and columns come from the fixed tables above)
    params = {
        "ws": workspace_id,
        "start": start,
        "end": end,
        "tz": tz,
        "channel_id": channel_id,
        "user_id": user_id,
    }
    return list(await session.execute(text(sql), params))


async def order_figures(
    session: AsyncSession,
    workspace_id: int,
    group_by: str,
    start: datetime,
    end: datetime,
    tz: str,
    channel_id: int | None,
    user_id: int | None,
) -> list[Any]:
    """Orders created in the period by their status now; revenue of those completed (from
    their facts, `ReportOrderCount`, never the orders table)."""
    key = ORDER_KEYS[group_by]
    sql = f"""
        SELECT key, GROUPING(key) = 1 AS is_total,
          coalesce(sum(orders), 0) AS orders,
          coalesce(sum(orders) FILTER (WHERE status = 'draft'), 0) AS draft,
          coalesce(sum(orders) FILTER (WHERE status = 'confirmed'), 0) AS confirmed,
          coalesce(sum(orders) FILTER (WHERE status = 'closed'), 0) AS closed,
          coalesce(sum(orders) FILTER (WHERE status = 'completed'), 0) AS completed,
          coalesce(sum(orders) FILTER (WHERE status = 'cancelled' AND NOT returned), 0)
            AS cancelled,
          coalesce(sum(orders) FILTER (WHERE returned), 0) AS returned,
          coalesce(sum(total) FILTER (WHERE status = 'completed'), 0) AS revenue
        FROM (SELECT {key} AS key, * FROM report_order_counts
        WHERE workspace_id = :ws AND quarter >= :start AND quarter < :end
          AND (CAST(:channel_id AS bigint) IS NULL OR channel_id = :channel_id)
          AND (CAST(:user_id AS bigint) IS NULL OR user_id = :user_id)) AS t
        GROUP BY ROLLUP (key)
        HAVING GROUPING(key) = 1 OR sum(orders) <> 0
    """  # noqa: S608 (key and columns come from the fixed tables above)
    params = {
        "ws": workspace_id,
        "start": start,
        "end": end,
        "tz": tz,
        "channel_id": channel_id,
        "user_id": user_id,
    }
    return list(await session.execute(text(sql), params))


async def names(session: AsyncSession, workspace_id: int, group_by: str) -> dict[str, str]:
    """Labels of agent / channel / livestream keys, from the workspace's own rows only."""
    sql = {
        "agent": """SELECT u.id::text, u.name FROM users u
                    JOIN memberships m ON m.user_id = u.id WHERE m.workspace_id = :ws""",
        "channel": "SELECT id::text, name FROM channels WHERE workspace_id = :ws",
        "livestream": "SELECT id::text, title FROM livestreams WHERE workspace_id = :ws",
    }.get(group_by)
    if sql is None:
        return {}
    return {row[0]: row[1] for row in await session.execute(text(sql), {"ws": workspace_id})}


async def livestream_figures(session: AsyncSession, livestream_id: int) -> dict[str, Any]:
    comments = (
        await session.execute(
            text("""
                SELECT count(*) AS comments, count(DISTINCT contact_id) AS commenters,
                  count(*) FILTER (WHERE order_id IS NOT NULL) AS order_comments
                FROM livestream_comments WHERE livestream_id = :id
            """),
            {"id": livestream_id},
        )
    ).one()
    statuses: dict[str, int] = dict(
        (
            await session.execute(
                text("""SELECT status, count(*) FROM orders WHERE livestream_id = :id
                        GROUP BY status"""),
                {"id": livestream_id},
            )
        ).all()
    )
    products = (
        await session.execute(
            text("""
                SELECT i.product_id, min(i.name) AS name, sum(i.quantity) AS units,
                  sum(i.quantity * i.unit_price) AS revenue
                FROM order_items i JOIN orders o ON o.id = i.order_id
                WHERE o.livestream_id = :id AND o.status <> 'cancelled'
                GROUP BY i.product_id, CASE WHEN i.product_id IS NULL THEN i.name END
                ORDER BY revenue DESC, name
            """),
            {"id": livestream_id},
        )
    ).all()
    minutes = (
        await session.execute(
            text("""
                SELECT date_trunc('minute', m.created_at) AS minute, count(*) AS comments
                FROM livestream_comments c JOIN messages m ON m.id = c.message_id
                WHERE c.livestream_id = :id
                GROUP BY 1 ORDER BY 1
            """),
            {"id": livestream_id},
        )
    ).all()
    return {
        "comments": comments,
        "statuses": statuses,
        "products": products,
        "minutes": minutes,
    }
