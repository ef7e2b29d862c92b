"""Livestream endpoints (API.md "Livestreams"): livestreams, configuration, the order board."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, status
from fastapi.responses import HTMLResponse

from chotdon.accounts.models import Workspace
from chotdon.core.after_commit import emit_event
from chotdon.core.auth import AdminPrincipal, CurrentPrincipal, SessionDep
from chotdon.core.pagination import Page, PageParams, page_params
from chotdon.livestream import board
from chotdon.livestream import service as live_service
from chotdon.livestream.models import Livestream
from chotdon.livestream.schemas import (
    BoardOrderOut,
    BulkIn,
    BulkOut,
    CommentResolveIn,
    ConfigIn,
    ConfigOut,
    LiveCommentOut,
    LivestreamDetailOut,
    LivestreamIn,
    LivestreamOut,
    LivestreamPatch,
    LiveVideoOut,
    PrintIn,
    TotalsOut,
)
from chotdon.orders import printing
from chotdon.orders.serializers import orders_out

router = APIRouter(tags=["livestream"])

Pagination = Annotated[PageParams, Depends(page_params)]
OrderStatus = Literal["draft", "confirmed", "closed", "completed", "cancelled"]


async def _livestream(session: SessionDep, workspace_id: int, livestream_id: int) -> Livestream:
    return await live_service.get_livestream(session, workspace_id, livestream_id)


async def _changed(session: SessionDep, livestream: Livestream) -> LivestreamDetailOut:
    """The livestream as answered, also pushed live to every screen of the workspace."""
    out = await live_service.detail_out(session, livestream)
    emit_event(session, livestream.workspace_id, "livestream.updated", out.model_dump(mode="json"))
    return out


@router.get("/livestreams", response_model=Page[LivestreamOut])
async def list_livestreams(
    session: SessionDep,
    principal: CurrentPrincipal,
    params: Pagination,
    channel_id: Annotated[int | None, Query(gt=0, lt=2**63)] = None,
    status_: Annotated[Literal["scheduled", "live", "ended"] | None, Query(alias="status")] = None,
) -> Page[LivestreamOut]:
    """The workspace's livestreams, newest first."""
    return await live_service.list_livestreams(
        session, principal.workspace_id, params, channel_id=channel_id, status=status_
    )


@router.post(
    "/livestreams", response_model=LivestreamDetailOut, status_code=status.HTTP_201_CREATED
)
async def create_livestream(
    body: LivestreamIn, session: SessionDep, principal: AdminPrincipal
) -> LivestreamDetailOut:
    """Attach to a live video now (`live_video_id` / `post_id`) or prepare one in advance."""
    livestream = await live_service.create_livestream(session, principal.workspace_id, body)
    return await _changed(session, livestream)


@router.get("/livestreams/live-videos", response_model=Page[LiveVideoOut])
async def list_live_videos(
    session: SessionDep,
    principal: CurrentPrincipal,
    params: Pagination,
    channel_id: Annotated[int | None, Query(gt=0, lt=2**63)] = None,
) -> Page[LiveVideoOut]:
    """The pages' live videos (synced by the channels), with the livestream attached if any."""
    return await live_service.list_live_videos(
        session, principal.workspace_id, params, channel_id=channel_id
    )


@router.get("/livestreams/{livestream_id}", response_model=LivestreamDetailOut)
async def get_livestream(
    livestream_id: int, session: SessionDep, principal: CurrentPrincipal
) -> LivestreamDetailOut:
    livestream = await _livestream(session, principal.workspace_id, livestream_id)
    return await live_service.detail_out(session, livestream)


@router.patch("/livestreams/{livestream_id}", response_model=LivestreamDetailOut)
async def update_livestream(
    livestream_id: int, body: LivestreamPatch, session: SessionDep, principal: AdminPrincipal
) -> LivestreamDetailOut:
    livestream = await _livestream(session, principal.workspace_id, livestream_id)
    livestream = await live_service.update_livestream(session, livestream, body)
    return await _changed(session, livestream)


@router.get("/livestreams/{livestream_id}/config", response_model=ConfigOut)
async def get_config(
    livestream_id: int, session: SessionDep, principal: CurrentPrincipal
) -> ConfigOut:
    livestream = await _livestream(session, principal.workspace_id, livestream_id)
    return await live_service.config_out(session, livestream)


@router.put("/livestreams/{livestream_id}/config", response_model=ConfigOut)
async def put_config(
    livestream_id: int, body: ConfigIn, session: SessionDep, principal: AdminPrincipal
) -> ConfigOut:
    """Replace the products on sale (keyword, product, variant, price, limit) and options."""
    livestream = await _livestream(session, principal.workspace_id, livestream_id)
    livestream = await live_service.put_config(session, livestream, body)
    return (await _changed(session, livestream)).config


@router.post("/livestreams/{livestream_id}/start", response_model=LivestreamDetailOut)
async def start_taking_orders(
    livestream_id: int, session: SessionDep, principal: AdminPrincipal
) -> LivestreamDetailOut:
    livestream = await _livestream(session, principal.workspace_id, livestream_id)
    livestream = await live_service.set_accepting_orders(session, livestream, True)
    return await _changed(session, livestream)


@router.post("/livestreams/{livestream_id}/stop", response_model=LivestreamDetailOut)
async def stop_taking_orders(
    livestream_id: int, session: SessionDep, principal: AdminPrincipal
) -> LivestreamDetailOut:
    livestream = await _livestream(session, principal.workspace_id, livestream_id)
    livestream = await live_service.set_accepting_orders(session, livestream, False)
    return await _changed(session, livestream)


@router.post("/livestreams/{livestream_id}/end", response_model=LivestreamDetailOut)
async def end_livestream(
    livestream_id: int, session: SessionDep, principal: AdminPrincipal
) -> LivestreamDetailOut:
    """Mark the livestream ended (it stops taking orders)."""
    livestream = await _livestream(session, principal.workspace_id, livestream_id)
    livestream = await live_service.end_livestream(session, livestream)
    return await _changed(session, livestream)


@router.get("/livestreams/{livestream_id}/orders", response_model=Page[BoardOrderOut])
async def board_orders(
    livestream_id: int,
    session: SessionDep,
    principal: CurrentPrincipal,
    params: Pagination,
    statuses: Annotated[list[OrderStatus] | None, Query(alias="status")] = None,
    bot_status: Annotated[Literal["queued", "sent", "failed"] | None, Query()] = None,
) -> Page[BoardOrderOut]:
    """The order board: this livestream's orders (filter by status), with customer history."""
    livestream = await _livestream(session, principal.workspace_id, livestream_id)
    return await board.list_board_orders(
        session, livestream, params, statuses=list(statuses or []), bot_status=bot_status
    )


@router.get("/livestreams/{livestream_id}/totals", response_model=TotalsOut)
async def board_totals(
    livestream_id: int, session: SessionDep, principal: CurrentPrincipal
) -> TotalsOut:
    livestream = await _livestream(session, principal.workspace_id, livestream_id)
    return await board.totals(session, livestream)


@router.get("/livestreams/{livestream_id}/comments", response_model=Page[LiveCommentOut])
async def comment_feed(
    livestream_id: int,
    session: SessionDep,
    principal: CurrentPrincipal,
    params: Pagination,
    outcome: Annotated[str | None, Query(max_length=32)] = None,
    contact_id: Annotated[int | None, Query(gt=0, lt=2**63)] = None,
) -> Page[LiveCommentOut]:
    """Every comment of the livestream with what the parser understood and what it became;
    `outcome=needs_action` ("cần xử lý"): the comments staff should look at."""
    livestream = await _livestream(session, principal.workspace_id, livestream_id)
    return await board.comment_feed(
        session, livestream, params, outcome=outcome, contact_id=contact_id
    )


@router.post(
    "/livestreams/{livestream_id}/comments/{comment_id}/resolve", response_model=LiveCommentOut
)
async def resolve_comment(
    livestream_id: int,
    comment_id: int,
    body: CommentResolveIn,
    session: SessionDep,
    principal: CurrentPrincipal,
) -> LiveCommentOut:
    """Complete a flagged comment from the board (a phone, the products, a size / colour):
    the comment is read again with these choices and creates or completes its order."""
    livestream = await _livestream(session, principal.workspace_id, livestream_id)
    return await board.resolve_comment(session, livestream, comment_id, body)


@router.post("/livestreams/{livestream_id}/orders/bulk", response_model=BulkOut)
async def bulk_orders(
    livestream_id: int, body: BulkIn, session: SessionDep, principal: CurrentPrincipal
) -> BulkOut:
    """Confirm / close / complete / cancel (with a reason) several orders of the board."""
    livestream = await _livestream(session, principal.workspace_id, livestream_id)
    return await board.bulk(session, principal, livestream, body)


@router.post("/livestreams/{livestream_id}/orders/print", response_class=HTMLResponse)
async def print_orders(
    livestream_id: int,
    body: PrintIn,
    session: SessionDep,
    principal: CurrentPrincipal,
    paper: Literal["a5", "80mm"] = "a5",
    autoprint: bool = False,
) -> HTMLResponse:
    """The chosen orders of the board in one printable document."""
    livestream = await _livestream(session, principal.workspace_id, livestream_id)
    rows = await board.orders_for_print(session, livestream, body.ids, [])
    if not rows:
        from chotdon.core.errors import NotFound

        raise NotFound("None of these orders belong to this livestream")
    workspace = await session.get_one(Workspace, principal.workspace_id)
    html = printing.render_invoices(
        await orders_out(session, rows), workspace.name, paper, autoprint=autoprint
    )
    return HTMLResponse(html, headers={"Cache-Control": "no-store"})


@router.post("/livestreams/{livestream_id}/attach", response_model=LivestreamDetailOut)
async def attach_live_video(
    livestream_id: int,
    session: SessionDep,
    principal: AdminPrincipal,
    post_id: Annotated[str, Query(min_length=1, max_length=128)],
) -> LivestreamDetailOut:
    """Attach a prepared livestream to one of the page's live videos by hand (`post_id`: ours
    or the page's Facebook post id)."""
    livestream = await _livestream(session, principal.workspace_id, livestream_id)
    post = await live_service.find_post(session, principal.workspace_id, None, post_id)
    livestream = await live_service.attach_post(session, livestream, post)
    return await _changed(session, livestream)
