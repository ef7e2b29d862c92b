"""The turns' hourly rollup (`ReportTurnHour`): kept by the facts writer, read by the reports.

Writing: the facts writer hands the turns it created or changed, with the state each changed
turn had before (`Before`). A turn adds to the row of its local hour, channel and replier; a
reply moves the turn's counts from the "nobody" row (user 0) to the replier's and adds its
response times. Only a turn still waiting changes (`timeline.advance`), and a waiting turn has
no response time yet: response times are only ever added, never taken out.

Reading: the period's rows, merged per key; the response times are packed int32 bytes, so a
key's values are one join of bytes and their percentiles one linear-time partition
(`statistics`): exact, and no sort of the period's turns in the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Any

from sqlalchemy import LargeBinary, bindparam, text
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.reports.models import SHARDS
from chotdon.reports.statistics import durations, pack, unpack
from chotdon.reports.timeline import Turn

VALUE_COLUMNS = ("first_seconds", "first_seconds_working", "seconds", "seconds_working")
COUNT_COLUMNS = ("new_conversations", "reopened_conversations", "replied")
RowKey = tuple[date, int, int, int]  # local day, local hour, channel, replier (0: nobody)


@dataclass(slots=True)
class Before:
    """What a stored, still waiting turn was before this batch changed it."""

    started_at: datetime
    opening: str | None


@dataclass(slots=True)
class Delta:
    counts: list[int] = field(default_factory=lambda: [0, 0, 0])
    values: list[list[int]] = field(default_factory=lambda: [[], [], [], []])

    def add_counts(self, opening: str | None, replied: bool, sign: int) -> None:
        self.counts[0] += sign * (opening == "new")
        self.counts[1] += sign * (opening == "reopened")
        self.counts[2] += sign * (opening is not None and replied)

    def is_empty(self) -> bool:
        return not any(self.counts) and not any(self.values)


def row_key(started_at: datetime, channel_id: int, user_id: int | None, tz: tzinfo) -> RowKey:
    local = started_at.astimezone(tz)
    return local.date(), local.hour, channel_id, user_id or 0


def deltas(
    changes: Iterable[tuple[int, Turn, Before | None, dict[str, Any]]], tz: tzinfo
) -> dict[RowKey, Delta]:
    """Per row, what (channel id, turn, its state before or None when new, its stored values)
    add up to."""
    out: dict[RowKey, Delta] = {}
    for channel_id, turn, before, values in changes:
        if before is not None:  # a waiting turn: counts only, at its former start, nobody's
            key = row_key(before.started_at, channel_id, None, tz)
            out.setdefault(key, Delta()).add_counts(before.opening, False, -1)
        seconds = values["response_seconds"]
        delta = out.setdefault(row_key(turn.started_at, channel_id, turn.user_id, tz), Delta())
        delta.add_counts(turn.opening, seconds is not None, 1)
        if seconds is None:
            continue
        working = values["response_seconds_working"]
        measured = (seconds, working, seconds, working)
        for i, value in enumerate(measured):
            if value is not None and (i >= 2 or turn.opening is not None):
                delta.values[i].append(int(value))
    return {key: delta for key, delta in out.items() if not delta.is_empty()}


_MERGED = ", ".join(f"{c} = r.{c} || excluded.{c}" for c in VALUE_COLUMNS)
_ADDED = ", ".join(f"{c} = r.{c} + excluded.{c}" for c in COUNT_COLUMNS)
UPSERT = f"""
INSERT INTO report_turn_hours AS r (workspace_id, day, hour, channel_id, user_id, shard,
  {", ".join(COUNT_COLUMNS)}, {", ".join(VALUE_COLUMNS)})
VALUES (:ws, :day, :hour, :channel_id, :user_id, pg_backend_pid() % {SHARDS},
  {", ".join(f":{c}" for c in COUNT_COLUMNS)}, {", ".join(f":{c}" for c in VALUE_COLUMNS)})
ON CONFLICT (workspace_id, day, hour, channel_id, user_id, shard) DO UPDATE SET
  {_ADDED}, {_MERGED}
"""  # noqa: S608 (fixed column names)


async def apply(session: AsyncSession, workspace_id: int, changes: dict[RowKey, Delta]) -> None:
    if not changes:
        return
    rows = [
        {
            "ws": workspace_id,
            "day": day,
            "hour": hour,
            "channel_id": channel_id,
            "user_id": user_id,
            **dict(zip(COUNT_COLUMNS, delta.counts, strict=True)),
            **{c: pack(v) for c, v in zip(VALUE_COLUMNS, delta.values, strict=True)},
        }
        for (day, hour, channel_id, user_id), delta in sorted(changes.items())  # lock order
    ]
    stmt = text(UPSERT).bindparams(*(bindparam(c, type_=LargeBinary) for c in VALUE_COLUMNS))
    await session.execute(stmt, rows)


# The rows of one workspace (or of all, :ws NULL) from the turns, in each workspace's zone.
REBUILD = """
INSERT INTO report_turn_hours (workspace_id, day, hour, channel_id, user_id, shard,
  new_conversations, reopened_conversations, replied,
  first_seconds, first_seconds_working, seconds, seconds_working)
SELECT workspace_id, (local_start)::date, extract(hour FROM local_start)::int, channel_id,
  coalesce(user_id, 0), 0,
  count(*) FILTER (WHERE opening = 'new'),
  count(*) FILTER (WHERE opening = 'reopened'),
  count(*) FILTER (WHERE opening IS NOT NULL AND response_seconds IS NOT NULL),
  coalesce(string_agg(int4send(response_seconds), ''::bytea)
    FILTER (WHERE opening IS NOT NULL AND response_seconds IS NOT NULL), ''::bytea),
  coalesce(string_agg(int4send(response_seconds_working), ''::bytea)
    FILTER (WHERE opening IS NOT NULL AND response_seconds_working IS NOT NULL), ''::bytea),
  coalesce(string_agg(int4send(response_seconds), ''::bytea)
    FILTER (WHERE response_seconds IS NOT NULL), ''::bytea),
  coalesce(string_agg(int4send(response_seconds_working), ''::bytea)
    FILTER (WHERE response_seconds_working IS NOT NULL), ''::bytea)
FROM (
  SELECT t.*, t.started_at AT TIME ZONE coalesce(w.timezone, 'Asia/Ho_Chi_Minh') AS local_start
  FROM report_turns t LEFT JOIN working_hours w ON w.workspace_id = t.workspace_id
  WHERE CAST(:ws AS bigint) IS NULL OR t.workspace_id = :ws
) AS turns
GROUP BY workspace_id, local_start::date, extract(hour FROM local_start), channel_id,
  coalesce(user_id, 0)
"""


async def rebuild(session: AsyncSession, workspace_id: int) -> None:
    """Recompute the workspace's rows from its turns (after its time zone changed)."""
    await session.execute(
        text("DELETE FROM report_turn_hours WHERE workspace_id = :ws"), {"ws": workspace_id}
    )
    await session.execute(text(REBUILD), {"ws": workspace_id})


# --- reading -------------------------------------------------------------------------------

# Per key and for the whole period (the ROLLUP row): the counts summed and the packed response
# times joined by the database (a copy of bytes), so Python handles one row per key.
READ = """
SELECT {key} AS k, GROUPING({key}) = 1 AS is_total,
  coalesce(sum(new_conversations), 0)::int, coalesce(sum(reopened_conversations), 0)::int,
  coalesce(sum(replied), 0)::int,
  {values}
FROM report_turn_hours
WHERE workspace_id = :ws AND day >= :from_date AND day <= :to_date
  AND (CAST(:channel_id AS bigint) IS NULL OR channel_id = :channel_id)
  AND (CAST(:user_id AS bigint) IS NULL OR user_id = :user_id)
GROUP BY ROLLUP ({key})
"""
KEY_COLUMN = {"day": "day", "hour": "hour", "agent": "user_id", "channel": "channel_id"}
KEY_TEXT: dict[str, Callable[[Any], str]] = {
    "day": lambda value: value.isoformat(),
    "hour": lambda value: f"{value:02d}",
    "agent": str,
    "channel": str,
}

Durations3 = tuple[int | None, int | None, int | None]


@dataclass(slots=True)
class TurnFigures:
    new_conversations: int = 0
    reopened_conversations: int = 0
    replied: int = 0
    first: Durations3 = (None, None, None)
    first_working: Durations3 = (None, None, None)
    all: Durations3 = (None, None, None)
    all_working: Durations3 = (None, None, None)


def _figures(row: Sequence[Any]) -> TurnFigures:
    first, first_working, every, every_working = (durations(unpack([row[i]])) for i in range(5, 9))
    return TurnFigures(row[2], row[3], row[4], first, first_working, every, every_working)


async def figures(
    session: AsyncSession,
    workspace_id: int,
    group_by: str,
    from_date: date,
    to_date: date,
    channel_id: int | None,
    user_id: int | None,
) -> tuple[dict[str, TurnFigures], TurnFigures]:
    """Per key of `group_by`, and for the whole period, the turns' figures."""
    sql = READ.format(
        key=KEY_COLUMN[group_by],
        values=", ".join(f"string_agg({c}, ''::bytea)" for c in VALUE_COLUMNS),
    )
    rows = await session.execute(
        text(sql),
        {
            "ws": workspace_id,
            "from_date": from_date,
            "to_date": to_date,
            "channel_id": channel_id,
            "user_id": user_id,
        },
    )
    to_text = KEY_TEXT[group_by]
    by_key: dict[str, TurnFigures] = {}
    total = TurnFigures()
    for row in rows:
        if row.is_total:
            total = _figures(row)
        else:
            by_key[to_text(row.k)] = _figures(row)
    return by_key, total
