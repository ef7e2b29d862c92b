"""Realtime endpoints: the WebSocket `/ws` and the presence snapshot `/presence`.

WebSocket `/api/v1/ws` — authentication, one of:
- `?token=<access token>` (the SPA; browsers cannot set headers on a WebSocket),
- `Authorization: Bearer <access token>` header,
- `X-Api-Key: <key>` header (integrations). API keys are accepted only as a header, never in
  the query string, where they would end up in proxy logs. API-key sockets receive the events
  but have no presence.

Credentials are checked once at connect time; a socket is closed with 4401 when its token
expires. Bad credentials: the socket is accepted then closed with 4401 so that the client can
tell "log in again" from a network error (a refused handshake looks the same as one).

Frames, server → client, always `{"id", "type", "data"}`:
- events (`message.created`, `conversation.updated`, `presence`, ...): `id` is the event id;
  remember the last one and reconnect with `?last_event_id=<id>` to get what you missed,
  nothing twice;
- control frames, `id` null: `ready` (first frame; `data.last_event_id` is the position live
  delivery starts after, use it if no event arrives before a reconnect), `resync` (the missed
  history is gone or too long: reload through REST, live events follow), `ping` (answer with
  any frame), `pong`, `error` (a client frame we could not understand).

Frames, client → server: `{"type": "ping"}`, `{"type": "pong"}`,
`{"type": "presence.view", "conversation_id": N}`, `{"type": "presence.leave"}`.
A client that sends nothing for `ready.data.idle_timeout_seconds` is closed (4000).

Close codes: 1001 server shutting down / 1012 server restarting (reconnect), 1009 client frame
too big, 1013 realtime temporarily unavailable (retry with backoff), 4000 idle, 4008 too slow
(reconnect with last_event_id), 4401 unauthorized (log in again).
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Query, WebSocket

from chotdon.core.auth import (
    CurrentPrincipal,
    Principal,
    principal_from_api_key,
    principal_from_token,
)
from chotdon.core.db import unit_of_work
from chotdon.core.security import decode_access_token
from chotdon.realtime import hub, presence
from chotdon.realtime.schemas import ConversationViewers, PresenceOut

log = logging.getLogger(__name__)

router = APIRouter(tags=["realtime"])


async def _authenticate(websocket: WebSocket) -> tuple[Principal | None, float | None]:
    """The caller of a WebSocket handshake and when its credentials expire."""
    token = websocket.query_params.get("token")
    if not token:
        scheme, _, credentials = websocket.headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer":
            token = credentials.strip()
    api_key = websocket.headers.get("x-api-key")
    async with unit_of_work() as session:
        if token:
            principal = await principal_from_token(session, token)
            payload = decode_access_token(token) if principal else None
            expires = float(payload["exp"]) if payload and "exp" in payload else None
            return principal, expires
        if api_key:
            return await principal_from_api_key(session, api_key), None
    return None, None


@router.websocket("/ws")
async def realtime_socket(websocket: WebSocket) -> None:
    """Live events of the caller's workspace (see the module docstring for the protocol)."""
    try:
        principal, expires = await _authenticate(websocket)
    except Exception as exc:  # database unavailable or saturated: one line, not a traceback
        log.warning("realtime: could not authenticate a socket (%s: %s)", type(exc).__name__, exc)
        await websocket.accept()
        await websocket.close(code=hub.CLOSE_TRY_AGAIN_LATER, reason="try again later")
        return
    await websocket.accept()
    if principal is None:
        await websocket.close(code=hub.CLOSE_UNAUTHORIZED, reason="invalid or expired credentials")
        return
    await hub.get_hub().serve(
        websocket, principal, websocket.query_params.get("last_event_id"), expires_at=expires
    )


@router.get("/presence", response_model=PresenceOut)
async def get_presence(
    principal: CurrentPrincipal,
    conversation_id: int | None = Query(default=None, description="Only this conversation"),
) -> PresenceOut:
    """Who is online in the workspace and who is viewing which conversation."""
    snap = await presence.snapshot(principal.workspace_id)
    viewers = [
        ConversationViewers(conversation_id=int(cid), user_ids=users)
        for cid, users in snap["viewers"].items()
        if conversation_id is None or int(cid) == conversation_id
    ]
    return PresenceOut(online_user_ids=snap["online_user_ids"], viewers=viewers)
