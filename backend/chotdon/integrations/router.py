"""`/api/v1/webhooks`: outgoing webhooks for integrations (owners and admins)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from chotdon.core.auth import AdminPrincipal, SessionDep
from chotdon.core.pagination import Page, PageParams, decode_cursor, encode_cursor, page_params
from chotdon.integrations import service
from chotdon.integrations.schemas import (
    DeliveryOut,
    WebhookCreatedOut,
    WebhookIn,
    WebhookOut,
    WebhookPatch,
)
from chotdon.integrations.serializers import delivery_out, webhook_out

router = APIRouter(tags=["webhooks"])
Pagination = Annotated[PageParams, Depends(page_params)]


@router.get("/webhooks", response_model=Page[WebhookOut])
async def list_webhooks(principal: AdminPrincipal, session: SessionDep) -> Page[WebhookOut]:
    subs = await service.list_webhooks(session, principal.workspace_id)
    return Page(items=[webhook_out(s) for s in subs])


@router.post("/webhooks", status_code=status.HTTP_201_CREATED, response_model=WebhookCreatedOut)
async def create_webhook(
    body: WebhookIn, principal: AdminPrincipal, session: SessionDep
) -> WebhookCreatedOut:
    sub, secret = await service.create(session, principal, body)
    return WebhookCreatedOut(**webhook_out(sub).model_dump(), secret=secret)


@router.get("/webhooks/{webhook_id}", response_model=WebhookOut)
async def get_webhook(
    webhook_id: int, principal: AdminPrincipal, session: SessionDep
) -> WebhookOut:
    return webhook_out(await service.get(session, principal.workspace_id, webhook_id))


@router.patch("/webhooks/{webhook_id}", response_model=WebhookOut)
async def update_webhook(
    webhook_id: int, body: WebhookPatch, principal: AdminPrincipal, session: SessionDep
) -> WebhookOut:
    return webhook_out(await service.update(session, principal, webhook_id, body))


@router.delete("/webhooks/{webhook_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_webhook(
    webhook_id: int, principal: AdminPrincipal, session: SessionDep
) -> Response:
    await service.delete(session, principal, webhook_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/webhooks/{webhook_id}/deliveries", response_model=Page[DeliveryOut])
async def list_deliveries(
    webhook_id: int, principal: AdminPrincipal, session: SessionDep, page: Pagination
) -> Page[DeliveryOut]:
    after = decode_cursor(page.cursor, 1)
    rows = await service.list_deliveries(
        session,
        principal.workspace_id,
        webhook_id,
        limit=page.limit,
        before_id=int(after[0]) if after else None,
    )
    next_cursor = encode_cursor([rows[page.limit - 1].id]) if len(rows) > page.limit else None
    return Page(items=[delivery_out(d) for d in rows[: page.limit]], next_cursor=next_cursor)


@router.post(
    "/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=DeliveryOut,
)
async def redeliver(
    webhook_id: int, delivery_id: int, principal: AdminPrincipal, session: SessionDep
) -> DeliveryOut:
    return delivery_out(await service.redeliver(session, principal, webhook_id, delivery_id))


@router.post("/webhooks/{webhook_id}/test", response_model=DeliveryOut)
async def test_webhook(
    webhook_id: int, principal: AdminPrincipal, session: SessionDep
) -> DeliveryOut:
    return delivery_out(await service.ping(session, principal, webhook_id))
