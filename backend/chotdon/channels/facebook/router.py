"""Facebook: connect a page (API) and the webhook endpoint Facebook calls."""

from __future__ import annotations

import hmac
import logging
from typing import Annotated

import orjson
from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import PlainTextResponse
from sqlalchemy import select

from chotdon.channels.facebook import ingest, service, signature
from chotdon.channels.models import Channel
from chotdon.channels.schemas import (
    ChannelOut,
    FacebookConnect,
    FacebookPageChoice,
    FacebookPageList,
    FacebookPagesRequest,
    channel_out,
)
from chotdon.core.auth import AdminPrincipal, SessionDep
from chotdon.core.errors import error_response
from chotdon.core.middleware import request_id_var
from chotdon.core.settings import get_settings

log = logging.getLogger(__name__)

# Mounted under /api/v1 (connect a page) ...
router = APIRouter(tags=["facebook"])
# ... and at the root: /webhooks/facebook (verification GET and signed deliveries).
webhook_router = APIRouter(tags=["webhooks"])


@router.post("/channels/facebook", status_code=201, response_model=ChannelOut)
async def connect_facebook_page(
    body: FacebookConnect, session: SessionDep, principal: AdminPrincipal, response: Response
) -> ChannelOut:
    """Connect (or reconnect) a page: reads it, subscribes our app, starts the backfill.

    Give the page token (`access_token`), or a user token that manages the page
    (`user_access_token`, as listed by `POST /channels/facebook/pages`).
    """
    channel, created = await service.connect_page(
        session, principal.workspace_id, body.page_id, body.access_token, body.user_access_token
    )
    if not created:
        response.status_code = 200
    return channel_out(channel)


@router.post("/channels/facebook/pages", response_model=FacebookPageList)
async def list_facebook_pages(
    body: FacebookPagesRequest, session: SessionDep, principal: AdminPrincipal
) -> FacebookPageList:
    """The pages a Facebook user token manages (`/me/accounts`), to pick one to connect."""
    pages = await service.list_user_pages(body.user_access_token)
    ids = [str(p.get("id")) for p in pages if p.get("id")]
    connected = dict(
        (
            await session.execute(
                select(Channel.external_id, Channel.id).where(
                    Channel.provider == "facebook",
                    Channel.external_id.in_(ids),
                    Channel.workspace_id == principal.workspace_id,
                    Channel.status == "connected",
                )
            )
        ).all()
    )
    return FacebookPageList(
        items=[
            FacebookPageChoice(
                page_id=str(p["id"]),
                name=str(p.get("name") or p["id"]),
                picture_url=service._picture(p),
                category=p.get("category"),
                connected_channel_id=connected.get(str(p["id"])),
            )
            for p in pages
            if p.get("id")
        ]
    )


@webhook_router.get("/webhooks/facebook", response_class=PlainTextResponse)
async def verify_webhook(
    mode: Annotated[str | None, Query(alias="hub.mode", max_length=32)] = None,
    verify_token: Annotated[str | None, Query(alias="hub.verify_token", max_length=512)] = None,
    challenge: Annotated[str | None, Query(alias="hub.challenge", max_length=512)] = None,
) -> Response:
    """Facebook's subscription check: echo the challenge when the verify token matches."""
    expected = get_settings().facebook_verify_token
    if (
        mode == "subscribe"
        and verify_token is not None
        and challenge is not None
        and hmac.compare_digest(verify_token.encode(), expected.encode())
    ):
        return PlainTextResponse(challenge)
    return error_response(403, "forbidden", "Verification token mismatch")


@webhook_router.post("/webhooks/facebook", response_class=PlainTextResponse)
async def receive_webhook(request: Request) -> Response:
    """A signed delivery: stored durably, then acknowledged; processed later by a job.

    403 (nothing stored) on a missing or wrong signature, 400 on a body that is not JSON,
    503 when it cannot be stored (Facebook retries), 200 once it is committed.
    """
    body = await request.body()
    header = request.headers.get("x-hub-signature-256")
    if not signature.verify(body, header, get_settings().facebook_app_secret):
        return error_response(
            403, "invalid_signature", "Missing or wrong X-Hub-Signature-256 for this body"
        )
    try:
        orjson.loads(body)
    except orjson.JSONDecodeError:
        return error_response(400, "malformed_json", "The request body is not valid JSON")
    try:
        delivery_id = await ingest.store_delivery(body, request_id_var.get())
    except Exception:  # database down or full: make Facebook retry, never lose the event
        log.exception("could not store a Facebook delivery")
        return error_response(
            503,
            "service_unavailable",
            "The delivery could not be stored; retry later",
            headers={"Retry-After": "5"},
        )
    # Enqueued once the answer is sent: Facebook waits only for the durable insert.
    return PlainTextResponse("EVENT_RECEIVED", background=ingest.enqueue_after_answer(delivery_id))
