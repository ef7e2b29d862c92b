"""Channel registry API: list, read, change settings, disconnect, sync."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response
from fastapi.responses import RedirectResponse

from chotdon.channels import oauth, registry, service
from chotdon.channels.models import Channel
from chotdon.channels.schemas import (
    AccountChoice,
    AccountChoiceList,
    AuthorizeOut,
    ChannelList,
    ChannelOut,
    ChannelPatch,
    ProviderList,
    ProviderOut,
    SelectionConnect,
    channel_out,
)
from chotdon.core.auth import AdminPrincipal, CurrentPrincipal, SessionDep
from chotdon.core.db import unit_of_work
from chotdon.core.errors import AppError
from chotdon.core.pagination import Page, PageParams, page_params
from chotdon.core.tenant import get_owned

log = logging.getLogger(__name__)
router = APIRouter(tags=["channels"])
# The browser's return address from a provider's consent page: outside /api (no bearer token).
callback_router = APIRouter(tags=["channels"])
PageDep = Annotated[PageParams, Depends(page_params)]
ProviderName = Annotated[str, Path(min_length=2, max_length=32, pattern=r"^[a-z_]+$")]
SelectionId = Annotated[str, Path(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_\-]+$")]


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


@router.post("/channels/{provider}/authorize", response_model=AuthorizeOut)
async def authorize(provider: ProviderName, principal: AdminPrincipal) -> AuthorizeOut:
    """The provider's consent page, with a single-use `state` bound to this workspace and user."""
    url, state = await oauth.start(provider, principal.workspace_id, principal.user_id)
    return AuthorizeOut(url=url, state=state)


@callback_router.get("/channels/{provider}/callback", include_in_schema=True)
async def oauth_callback(provider: ProviderName, request: Request) -> RedirectResponse:
    """Exchange the code, connect or reconnect the channel(s), back to the SPA's settings.

    A bad, reused or expired `state` changes nothing (the SPA shows why)."""
    params = {k: v[:500] for k, v in request.query_params.items()}
    pending = await oauth.take_state(provider, params.get("state"))
    if pending is None:
        return RedirectResponse(oauth.spa_redirect(provider, error="invalid_state"), 303)
    code = params.get("code")
    if not code:
        return RedirectResponse(oauth.spa_redirect(provider, error="access_denied"), 303)
    try:
        accounts = await oauth.exchange(provider, code, pending, params)
        if getattr(oauth.oauth_of(provider), "picks_accounts", False):  # the owner ticks
            selection = await oauth.save_selection(pending, accounts)
            return RedirectResponse(oauth.spa_redirect(provider, select=selection), 303)
        async with unit_of_work() as session:
            channels = await oauth.connect_accounts(session, pending, accounts)
            ids = ",".join(str(c.id) for c in channels)
    except AppError as exc:
        return RedirectResponse(oauth.spa_redirect(provider, error=exc.code), 303)
    except Exception:  # the provider refused or is unreachable: say so, never a 500 page
        log.exception("OAuth callback of %s failed", provider)
        return RedirectResponse(oauth.spa_redirect(provider, error="exchange_failed"), 303)
    return RedirectResponse(oauth.spa_redirect(provider, connected=ids), 303)


@router.get("/channels/{provider}/selections/{selection_id}", response_model=AccountChoiceList)
async def get_selection(
    provider: ProviderName,
    selection_id: SelectionId,
    session: SessionDep,
    principal: AdminPrincipal,
) -> AccountChoiceList:
    """What a login offered (Facebook: pages and their Instagram accounts), with the missing
    permissions of each, for the owner to tick (30 minutes after the login)."""
    _, accounts = await oauth.load_selection(provider, selection_id, principal.workspace_id)
    connected = await service.connected_ids(
        session, principal.workspace_id, [(a.provider or provider, a.external_id) for a in accounts]
    )
    return AccountChoiceList(
        items=[
            AccountChoice(
                external_id=a.external_id,
                provider=a.provider or provider,
                name=a.name,
                picture_url=a.picture_url,
                linked_to=a.linked_to,
                missing_permissions=list(a.missing_permissions),
                connected_channel_id=connected.get((a.provider or provider, a.external_id)),
            )
            for a in accounts
        ]
    )


@router.post("/channels/{provider}/selections/{selection_id}", response_model=ChannelList)
async def connect_selection(
    provider: ProviderName,
    selection_id: SelectionId,
    body: SelectionConnect,
    session: SessionDep,
    principal: AdminPrincipal,
) -> ChannelList:
    """Connect (or reconnect) the ticked accounts; their backfill starts."""
    channels = await oauth.connect_selected(
        session, provider, selection_id, principal.workspace_id, body.external_ids
    )
    return ChannelList(items=[channel_out(c) for c in channels])


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
