"""`/api/v1/auto-messages`: automatic message rules (owners and admins), preview and log."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from chotdon.automations import service
from chotdon.automations.schemas import (
    AutoMessageIn,
    AutoMessageOut,
    AutoMessagePatch,
    AutoMessageSendOut,
    PreviewIn,
    PreviewOut,
)
from chotdon.core.auth import AdminPrincipal, SessionDep
from chotdon.core.pagination import Page, PageParams, decode_cursor, encode_cursor, page_params

router = APIRouter(tags=["auto-messages"])
Pagination = Annotated[PageParams, Depends(page_params)]


@router.get("/auto-messages", response_model=Page[AutoMessageOut])
async def list_rules(principal: AdminPrincipal, session: SessionDep) -> Page[AutoMessageOut]:
    rules = await service.list_rules(session, principal.workspace_id)
    return Page(items=[service.rule_out(r) for r in rules])


@router.post("/auto-messages", status_code=status.HTTP_201_CREATED, response_model=AutoMessageOut)
async def create_rule(
    body: AutoMessageIn, principal: AdminPrincipal, session: SessionDep
) -> AutoMessageOut:
    return service.rule_out(await service.create(session, principal, body))


@router.post("/auto-messages/preview", response_model=PreviewOut)
async def preview(body: PreviewIn, principal: AdminPrincipal, session: SessionDep) -> PreviewOut:
    return await service.preview(session, principal.workspace_id, body)


@router.get("/auto-messages/log", response_model=Page[AutoMessageSendOut])
async def send_log(
    principal: AdminPrincipal, session: SessionDep, page: Pagination
) -> Page[AutoMessageSendOut]:
    after = decode_cursor(page.cursor, 1)
    rows = await service.list_sends(
        session,
        principal.workspace_id,
        limit=page.limit,
        before_id=int(after[0]) if after else None,
    )
    next_cursor = encode_cursor([rows[page.limit - 1].id]) if len(rows) > page.limit else None
    return Page(
        items=[
            AutoMessageSendOut.model_validate(r, from_attributes=True) for r in rows[: page.limit]
        ],
        next_cursor=next_cursor,
    )


@router.get("/auto-messages/{rule_id}", response_model=AutoMessageOut)
async def get_rule(rule_id: int, principal: AdminPrincipal, session: SessionDep) -> AutoMessageOut:
    return service.rule_out(await service.get(session, principal.workspace_id, rule_id))


@router.patch("/auto-messages/{rule_id}", response_model=AutoMessageOut)
async def update_rule(
    rule_id: int, body: AutoMessagePatch, principal: AdminPrincipal, session: SessionDep
) -> AutoMessageOut:
    return service.rule_out(await service.update(session, principal, rule_id, body))


@router.delete("/auto-messages/{rule_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_rule(rule_id: int, principal: AdminPrincipal, session: SessionDep) -> Response:
    await service.delete(session, principal, rule_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
