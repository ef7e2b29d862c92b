"""Migration 0004 backfills history into facts by the messages' original timestamps: on the
scripted timeline it finds the same turns and counts as the live hooks (reopenings excepted:
the history does not say when staff marked a conversation done)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from sqlalchemy import text

from chotdon.core.db import unit_of_work

MIGRATION = Path(__file__).parents[2] / "migrations/versions/0004_reports_facts.py"
TURNS = """SELECT conversation_id, started_at, opening, waiting, replied_at, user_id,
  response_seconds FROM report_turns WHERE workspace_id = :ws
  ORDER BY conversation_id, started_at"""
# By hour: the backfill wrote whole hours, the hooks write quarter hours.
COUNTS = """SELECT date_trunc('hour', hour), channel_id, user_id, sum(messages_in),
  sum(messages_out), sum(messages_bot) FROM report_message_counts WHERE workspace_id = :ws
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"""


def _migration():
    spec = importlib.util.spec_from_file_location("reports_facts_migration", MIGRATION)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


async def test_backfill_finds_what_the_hooks_recorded(tenant, shop) -> None:
    migration = _migration()
    ws = {"ws": tenant.workspace_id}
    async with unit_of_work() as session:
        live_turns = (await session.execute(text(TURNS), ws)).all()
        live_counts = (await session.execute(text(COUNTS), ws)).all()
        # Temporary tables shadow the real ones: the backfill sees only this workspace.
        await session.execute(
            text("CREATE TEMP TABLE messages ON COMMIT DROP AS"
                 " SELECT * FROM public.messages WHERE workspace_id = :ws"), ws
        )  # fmt: skip
        for table in ("report_turns", "report_message_counts"):
            await session.execute(
                text(f"CREATE TEMP TABLE {table} (LIKE public.{table} INCLUDING DEFAULTS)"
                     " ON COMMIT DROP")
            )  # fmt: skip
        await session.execute(text(migration.BACKFILL_COUNTS))
        await session.execute(text(migration.BACKFILL_TURNS))
        turns = (await session.execute(text(TURNS), ws)).all()
        counts = (await session.execute(text(COUNTS), ws)).all()
        await session.rollback()
    assert counts == live_counts
    reopened = [t for t in live_turns if t.opening == "reopened"]
    assert len(reopened) == 1
    expected = [
        {**t._asdict(), "opening": None if t.opening == "reopened" else t.opening}
        for t in live_turns
    ]
    assert [t._asdict() for t in turns] == expected
