"""Hooks that record reporting facts in the caller's transaction (one call each from inbox).

`on_messages` is given a batch of newly stored messages with their (row-locked, not yet
updated) conversations: a conversation marked done when its customer writes is a reopening.
It costs a fixed number of statements per batch, whatever the batch's size.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, func, select, update
from sqlalchemy.dialects.postgresql import distinct_on, insert
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.inbox.models import Conversation, Message
from chotdon.reports import rollup
from chotdon.reports.models import SHARDS, ReportMessageCount, ReportTurn
from chotdon.reports.timeline import Step, StepKind, Turn, advance, step_kind
from chotdon.working_hours import service as working_hours_service
from chotdon.working_hours.schedule import Schedule


async def on_messages(
    session: AsyncSession, recorded: Sequence[tuple[Conversation, Message]]
) -> None:
    """Turns and message counts of newly stored messages (incoming, staff and bot)."""
    if not recorded:
        return
    workspace_id = recorded[0][1].workspace_id
    by_conversation: dict[int, list[tuple[Conversation, Message]]] = {}
    for conversation, message in recorded:
        by_conversation.setdefault(conversation.id, []).append((conversation, message))
    lasts = await _last_turns(session, list(by_conversation))
    befores = {
        turn.id: rollup.Before(turn.started_at, turn.opening)
        for turn in lasts.values()
        if turn.waiting
    }
    touched: list[tuple[Conversation, Turn]] = []
    for conversation_id, pairs in by_conversation.items():
        pairs.sort(key=lambda pair: (pair[1].created_at, pair[1].id or 0))
        done = pairs[0][0].status == "done"
        steps = []
        for _, message in pairs:
            kind = message_kind(message)
            steps.append(
                Step(message.created_at, kind, message.sender_user_id, done and kind == "customer")
            )
            if kind == "customer":
                done = False
        conversation = pairs[0][0]
        touched += [(conversation, t) for t in advance(lasts.get(conversation_id), steps)]
    schedule = await working_hours_service.get_schedule(session, workspace_id)
    saved = [(conversation, turn, turn_values(turn, schedule)) for conversation, turn in touched]
    await _save_turns(session, saved)
    changes = rollup.deltas(
        ((c.channel_id, turn, befores.get(turn.id), values) for c, turn, values in saved),
        schedule.timezone,
    )
    await rollup.apply(session, workspace_id, changes)
    await _count_messages(session, [message for _, message in recorded])


def message_kind(message: Message) -> StepKind:
    return step_kind(message.direction, message.sender_type, bool(message.meta.get("automated")))


async def _last_turns(session: AsyncSession, conversation_ids: list[int]) -> dict[int, Turn]:
    """Each conversation's waiting turn, else its latest turn (only whether one exists matters)."""
    rows = await session.execute(
        select(
            ReportTurn.conversation_id,
            ReportTurn.id,
            ReportTurn.started_at,
            ReportTurn.opening,
            ReportTurn.waiting,
        )
        .where(ReportTurn.conversation_id.in_(conversation_ids))
        .ext(distinct_on(ReportTurn.conversation_id))
        .order_by(
            ReportTurn.conversation_id, ReportTurn.waiting.desc(), ReportTurn.started_at.desc()
        )
    )
    return {
        row.conversation_id: Turn(row.started_at, row.opening, waiting=row.waiting, id=row.id)
        for row in rows
    }


def turn_values(turn: Turn, schedule: Schedule) -> dict[str, Any]:
    replied = turn.replied_at is not None
    return {
        "started_at": turn.started_at,
        "opening": turn.opening,
        "waiting": turn.waiting,
        "replied_at": turn.replied_at,
        "user_id": turn.user_id,
        "response_seconds": turn.response_seconds(),
        "response_seconds_working": turn.response_seconds(schedule) if replied else None,
    }


async def _save_turns(
    session: AsyncSession, saved: list[tuple[Conversation, Turn, dict[str, Any]]]
) -> None:
    new = [
        {
            "workspace_id": conversation.workspace_id,
            "conversation_id": conversation.id,
            "channel_id": conversation.channel_id,
            **values,
        }
        for conversation, turn, values in saved
        if turn.id is None
    ]
    changed = [
        {"turn_id": turn.id, **{f"v_{k}": v for k, v in values.items()}}
        for _, turn, values in saved
        if turn.id is not None
    ]
    if changed:
        table = cast(Table, ReportTurn.__table__)
        # Only a turn still waiting changes: a concurrent reply already closed it otherwise.
        await session.execute(
            update(table)
            .where(and_(table.c.id == bindparam("turn_id"), table.c.waiting))
            .values({k[2:]: bindparam(k) for k in changed[0] if k != "turn_id"}),
            changed,
        )
    if new:
        await session.execute(insert(ReportTurn).on_conflict_do_nothing(), new)


def quarter_hour(at: datetime) -> datetime:
    """The start of `at`'s quarter hour: every time zone's UTC offset is a whole number of
    quarter hours (India +05:30, Nepal +05:45), so any zone's local hours and days are exact
    sums of these buckets."""
    return at.replace(minute=at.minute - at.minute % 15, second=0, microsecond=0)


async def _count_messages(session: AsyncSession, messages: list[Message]) -> None:
    counts: Counter[tuple[datetime, int, int, StepKind]] = Counter()
    for message in messages:
        kind = message_kind(message)
        user = (message.sender_user_id or 0) if kind == "staff" else 0
        counts[(quarter_hour(message.created_at), message.channel_id, user, kind)] += 1
    rows: dict[tuple[datetime, int, int], dict[str, int]] = {}
    column = {"customer": "messages_in", "staff": "messages_out", "bot": "messages_bot"}
    for (hour, channel_id, user, kind_name), n in counts.items():
        row = rows.setdefault(
            (hour, channel_id, user), {"messages_in": 0, "messages_out": 0, "messages_bot": 0}
        )
        row[column[kind_name]] += n
    values = [
        {
            "workspace_id": messages[0].workspace_id,
            "hour": hour,
            "channel_id": channel_id,
            "user_id": user,
            "shard": func.pg_backend_pid() % SHARDS,
            **row,
        }
        for (hour, channel_id, user), row in sorted(rows.items())  # a fixed lock order
    ]
    stmt = insert(ReportMessageCount).values(values)
    await session.execute(
        stmt.on_conflict_do_update(
            index_elements=["workspace_id", "hour", "channel_id", "user_id", "shard"],
            set_={
                name: getattr(ReportMessageCount, name) + getattr(stmt.excluded, name)
                for name in ("messages_in", "messages_out", "messages_bot")
            },
        )
    )
