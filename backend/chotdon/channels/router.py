"""Channel registry API: list, read, change settings, disconnect, sync."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response

from chotdon.channels import registry, service
from chotdon.channels.models import Channel
from chotdon.channels.schemas import (
    ChannelOut,
    ChannelPatch,
    ProviderList,
    ProviderOut,
    channel_out,
)
from chotdon.core.auth import AdminPrincipal, CurrentPrincipal, SessionDep
from chotdon.core.pagination import Page, PageParams, page_params
from chotdon.core.tenant import get_owned

router = APIRouter(tags=["channels"])
PageDep = Annotated[PageParams, Depends(page_params)]


@router.get("/channels", response_model=Page[ChannelOut])
async def list_channels(
    session: SessionDep, principal: CurrentPrincipal, page: PageDep
) -> Page[ChannelOut]:
    rows, next_cursor = await service.list_channels(session, principal.workspace_id, page)
    return Page(items=[channel_out(c) for c in rows], next_cursor=next_cursor)


@router.get("/channels/providers", response_model=ProviderList)
async def list_providers(principal: CurrentPrincipal) -> ProviderList:
    """The kinds of channel this server can connect, their capabilities and connect modes."""
    return ProviderList(
        items=[
            ProviderOut(
                name=p.name,
                label=p.label,
                capabilities=sorted(p.capabilities),
                connect_modes=list(p.connect_modes),
            )
            for p in registry.all_providers()
        ]
    )


@router.get("/channels/{channel_id}", response_model=ChannelOut)
async def get_channel(
    channel_id: str, session: SessionDep, principal: CurrentPrincipal
) -> ChannelOut:
    channel = await get_owned(session, Channel, channel_id, principal.workspace_id, label="Channel")
    return channel_out(channel)


@router.patch("/channels/{channel_id}", response_model=ChannelOut)
async def patch_channel(
    channel_id: str, body: ChannelPatch, session: SessionDep, principal: AdminPrincipal
) -> ChannelOut:
    channel = await get_owned(
        session, Channel, channel_id, principal.workspace_id, for_update=True, label="Channel"
    )
    return channel_out(await service.update_channel(session, channel, body))


@router.delete("/channels/{channel_id}", status_code=204)
async def delete_channel(
    channel_id: str, session: SessionDep, principal: AdminPrincipal
) -> Response:
    """Disconnect: no new messages arrive; history stays and a reconnect picks up again."""
    channel = await get_owned(
        session, Channel, channel_id, principal.workspace_id, for_update=True, label="Channel"
    )
    await service.disconnect_channel(session, channel)
    return Response(status_code=204)


@router.post("/channels/{channel_id}/sync", status_code=202, response_model=ChannelOut)
async def sync_channel(
    channel_id: str, session: SessionDep, principal: AdminPrincipal
) -> ChannelOut:
    """Re-read conversations, posts and comments from the provider (resumes an interrupted run)."""
    channel = await get_owned(
        session, Channel, channel_id, principal.workspace_id, for_update=True, label="Channel"
    )
    service.request_sync(session, channel)
    return channel_out(channel)
