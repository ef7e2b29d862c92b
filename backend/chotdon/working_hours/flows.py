"""Setting a workspace's working hours, which reaches into reports (a new time zone rebuilds
the rollup)."""

from __future__ import annotations

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.accounts.service import audit
from chotdon.core.auth import Principal
from chotdon.core.db import utcnow
from chotdon.reports import rollup
from chotdon.working_hours import service
from chotdon.working_hours.models import WorkingHours
from chotdon.working_hours.schemas import WorkingHoursIn, WorkingHoursOut


async def set_working_hours(
    session: AsyncSession, principal: Principal, body: WorkingHoursIn
) -> WorkingHoursOut:
    """Replace the hours (one row per workspace; concurrent saves: the last one wins).

    A new time zone moves every local day and hour: the reports' rollup is rebuilt with it.
    """
    before = (await service.get_schedule(session, principal.workspace_id)).timezone
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
    return await service.get_working_hours(session, principal.workspace_id)
