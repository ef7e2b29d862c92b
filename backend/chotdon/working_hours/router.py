"""`/api/v1/working-hours`: everyone in the workspace reads them, owners and admins set them."""

from __future__ import annotations

from fastapi import APIRouter

from chotdon.core.auth import AdminPrincipal, CurrentPrincipal, SessionDep
from chotdon.working_hours import flows, service
from chotdon.working_hours.schemas import WorkingHoursIn, WorkingHoursOut

router = APIRouter(tags=["working-hours"])


@router.get("/working-hours", response_model=WorkingHoursOut)
async def get_working_hours(principal: CurrentPrincipal, session: SessionDep) -> WorkingHoursOut:
    return await service.get_working_hours(session, principal.workspace_id)


@router.put("/working-hours", response_model=WorkingHoursOut)
async def set_working_hours(
    body: WorkingHoursIn, principal: AdminPrincipal, session: SessionDep
) -> WorkingHoursOut:
    return await flows.set_working_hours(session, principal, body)
