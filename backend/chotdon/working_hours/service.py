"""Reading and setting a workspace's working hours."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.accounts.service import audit
from chotdon.core.auth import Principal
from chotdon.core.db import utcnow
from chotdon.working_hours.models import WorkingHours
from chotdon.working_hours.schedule import ALWAYS_OPEN, Schedule
from chotdon.working_hours.schemas import WorkingHoursIn, WorkingHoursOut


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


async def set_working_hours(
    session: AsyncSession, principal: Principal, body: WorkingHoursIn
) -> WorkingHoursOut:
    """Replace the hours (one row per workspace; concurrent saves: the last one wins).

    A new time zone moves every local day and hour: the reports' rollup is rebuilt with it.
    """
    from chotdon.reports import rollup

    before = (await get_schedule(session, principal.workspace_id)).timezone
    values = {"timezone": body.timezone, "days": body.days, "closed_dates": body.closed_dates}
    await session.execute(
        insert(WorkingHours)
        .values(workspace_id=principal.workspace_id, updated_at=utcnow(), **values)
        .on_conflict_do_update(
            index_elements=[WorkingHours.workspace_id], set_={**values, "updated_at": utcnow()}
        )
    )
    audit(session, principal, "working_hours.set", "workspace", principal.workspace_id, values)
    if str(before) != body.timezone:
        await rollup.rebuild(session, principal.workspace_id)
    session.expire_all()
    return await get_working_hours(session, principal.workspace_id)
