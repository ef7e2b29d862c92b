"""Reading a workspace's working hours (setting them: `flows.py`)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.core.db import utcnow
from chotdon.working_hours.models import WorkingHours
from chotdon.working_hours.schedule import ALWAYS_OPEN, Schedule
from chotdon.working_hours.schemas import WorkingHoursOut


async def _row(session: AsyncSession, workspace_id: int) -> WorkingHours | None:
    return await session.scalar(
        select(WorkingHours).where(WorkingHours.workspace_id == workspace_id)
    )


def _schedule_of(row: WorkingHours | None) -> Schedule:
    if row is None:
        return ALWAYS_OPEN
    return Schedule.from_config(row.timezone, row.days, row.closed_dates)


async def get_schedule(session: AsyncSession, workspace_id: int) -> Schedule:
    """The workspace's hours as a pure `Schedule` (open all the time until the owner sets them)."""
    return _schedule_of(await _row(session, workspace_id))


async def get_working_hours(session: AsyncSession, workspace_id: int) -> WorkingHoursOut:
    row = await _row(session, workspace_id)
    return WorkingHoursOut.of(
        _schedule_of(row),
        configured=row is not None,
        now=utcnow(),
        updated_at=row.updated_at if row else None,
    )
