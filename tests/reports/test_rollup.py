"""The turns' hourly rollup gives exactly the figures defined over the turns themselves.

The definition is SQL over `report_turns` (`REFERENCE`: round(avg), round(percentile_cont));
the rollup must match it for every grouping, whether its rows were written by the live hooks,
rebuilt from the turns, or rebuilt after the shop changed its time zone.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
import pytest
from sqlalchemy import text

from chotdon.core.db import unit_of_work
from chotdon.reports import rollup
from chotdon.reports.statistics import durations, percentile_cont, rounded_average

GROUPS = ("day", "hour", "agent", "channel")
KEYS = {
    "day": "(started_at AT TIME ZONE :tz)::date::text",
    "hour": "lpad(extract(hour FROM started_at AT TIME ZONE :tz)::int::text, 2, '0')",
    "agent": "coalesce(user_id, 0)::text",
    "channel": "channel_id::text",
}


def _stats(column: str, where: str) -> str:
    return (
        f"round(avg({column}) FILTER (WHERE {where})),"
        f" round(percentile_cont(0.5) WITHIN GROUP (ORDER BY {column}) FILTER (WHERE {where})),"
        f" round(percentile_cont(0.9) WITHIN GROUP (ORDER BY {column}) FILTER (WHERE {where}))"
    )


REFERENCE = """
SELECT {key} AS key,
  count(*) FILTER (WHERE opening = 'new'), count(*) FILTER (WHERE opening = 'reopened'),
  count(*) FILTER (WHERE opening IS NOT NULL AND response_seconds IS NOT NULL),
  {first}, {first_working}, {every}, {every_working}
FROM report_turns
WHERE workspace_id = :ws AND started_at >= :start AND started_at < :end
GROUP BY ROLLUP (1)
""".format(
    key="{key}",
    first=_stats("response_seconds", "opening IS NOT NULL"),
    first_working=_stats("response_seconds_working", "opening IS NOT NULL"),
    every=_stats("response_seconds", "true"),
    every_working=_stats("response_seconds_working", "true"),
)


def _flat(figures: rollup.TurnFigures) -> tuple:
    return (
        figures.new_conversations,
        figures.reopened_conversations,
        figures.replied,
        *figures.first,
        *figures.first_working,
        *figures.all,
        *figures.all_working,
    )


async def _compare(workspace_id: int, tz: str, first: date, last: date) -> None:
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(tz)
    start = datetime.combine(first, datetime.min.time(), zone)
    end = datetime.combine(last + timedelta(days=1), datetime.min.time(), zone)
    async with unit_of_work() as session:
        for group_by in GROUPS:
            sql = REFERENCE.replace("{key}", KEYS[group_by])
            params = {"ws": workspace_id, "start": start, "end": end, "tz": tz}
            expected: dict[Any, tuple] = {
                row[0]: tuple(None if v is None else int(v) for v in row[1:])
                for row in await session.execute(text(sql), params)
            }
            rows, total = await rollup.figures(
                session, workspace_id, group_by, first, last, None, None
            )
            got = {key: _flat(figures) for key, figures in rows.items()}
            got[None] = _flat(total)
            assert got == expected, group_by


@pytest.mark.parametrize(
    ("values", "fraction", "expected"),
    [
        ([7], 0.9, 7.0),
        ([1, 2], 0.5, 1.5),
        ([60, 5400], 0.9, 4866.0),
        ([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9, 90.0),
        ([300, 1800, 31_200], 0.9, 25_320.0),
    ],
)
def test_percentile_cont_interpolates_between_ranks(
    values: list[int], fraction: float, expected: float
) -> None:
    assert percentile_cont(values, fraction) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], (None, None, None)),
        ([1, 2], (2, 2, 2)),  # mean 1.5 rounds away from zero; median 1.5 to even; 1.9 → 2
        ([2, 3], (3, 2, 3)),  # mean 2.5 → 3; median 2.5 → 2 (half to even, as SQL's double)
        ([5400, 60, 300], (1920, 300, 4380)),
        ([9, 1, 5, 3, 7], (5, 5, 8)),
    ],
)
def test_durations_round_like_sql(values: list[int], expected: tuple) -> None:
    assert durations(values) == expected


def test_rounded_average_is_exact_for_large_sums() -> None:
    assert rounded_average(np.array([10**9, 10**9 + 1] * 3, dtype=np.int64)) == 10**9 + 1


async def test_live_rollup_matches_the_definition(tenant, shop) -> None:
    await _compare(tenant.workspace_id, "Asia/Ho_Chi_Minh", date(2026, 11, 1), date(2026, 11, 4))


async def test_rebuilt_rollup_matches_what_the_hooks_wrote(tenant, shop) -> None:
    def snapshot(rows: dict, total: rollup.TurnFigures) -> dict:
        return {**{k: _flat(v) for k, v in rows.items()}, None: _flat(total)}

    args = (tenant.workspace_id, "day", date(2026, 11, 1), date(2026, 11, 4), None, None)
    async with unit_of_work() as session:
        live = snapshot(*await rollup.figures(session, *args))
        await rollup.rebuild(session, tenant.workspace_id)
        rebuilt = snapshot(*await rollup.figures(session, *args))
        await session.rollback()
    assert rebuilt == live


async def test_a_new_time_zone_rebuilds_the_local_days_and_hours(tenant, shop) -> None:
    r = await tenant.put("/api/v1/working-hours", json={"timezone": "Asia/Tokyo", "days": {}})
    assert r.status_code == 200, r.text
    # B's Monday 23:59:59 in Hồ Chí Minh City is Tuesday 01:59:59 in Tokyo.
    r = await tenant.get(
        "/api/v1/reports/conversations", params={"from": "2026-11-02", "to": "2026-11-02"}
    )
    assert r.json()["timezone"] == "Asia/Tokyo"
    assert r.json()["totals"]["new_conversations"] == 1
    await _compare(tenant.workspace_id, "Asia/Tokyo", date(2026, 11, 1), date(2026, 11, 4))


async def test_random_turns_rebuilt_match_the_definition(tenant, seed) -> None:
    """Several hundred turns with ties, unanswered ones and later turns, over three weeks."""
    rng = random.Random(18)
    channels = [await seed.channel(f"Trang {i}") for i in range(2)]
    t0 = datetime(2026, 11, 2, tzinfo=UTC)
    rows = []
    for conversation in range(400):
        started = t0 + timedelta(minutes=rng.randrange(21 * 24 * 60))
        answered = rng.random() < 0.85
        seconds = rng.choice([rng.randrange(5, 600), rng.randrange(5, 90_000), 60])
        rows.append(
            {
                "ws": tenant.workspace_id,
                "conversation": 10**12 + tenant.workspace_id * 1000 + conversation,
                "channel": rng.choice(channels),
                "started": started,
                "opening": rng.choice(["new", "new", "reopened", None]),
                "waiting": not answered,
                "replied": started + timedelta(seconds=seconds) if answered else None,
                "user": rng.choice([None, 11, 12, 13]) if answered else None,
                "seconds": seconds if answered else None,
                "working": seconds // rng.choice([1, 2, 3]) if answered else None,
            }
        )
    async with unit_of_work() as session:
        await session.execute(
            text("""INSERT INTO report_turns (workspace_id, conversation_id, channel_id,
                      started_at, opening, waiting, replied_at, user_id, response_seconds,
                      response_seconds_working)
                    VALUES (:ws, :conversation, :channel, :started, :opening, :waiting,
                      :replied, :user, :seconds, :working)"""),
            rows,
        )
        await rollup.rebuild(session, tenant.workspace_id)
    await _compare(tenant.workspace_id, "Asia/Ho_Chi_Minh", date(2026, 11, 1), date(2026, 11, 24))
