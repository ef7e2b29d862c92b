"""`POST /webhooks/zalo`: an OA event verified, stored durably, then acknowledged (API.md)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from chotdon.channels import webhooks
from chotdon.channels.zalo import ingest, signature
from chotdon.core.errors import error_response
from chotdon.core.middleware import request_id_var
from chotdon.core.settings import get_settings

webhook_router = APIRouter(tags=["webhooks"])


@webhook_router.post("/webhooks/zalo")
async def receive_event(request: Request) -> Response:
    """400 on a body that is not a JSON object, 401 (nothing stored) on a missing or wrong
    `X-ZEvent-Signature` (it covers the body's own `timestamp`, so the body is read first),
    503 when it cannot be stored (Zalo re-sends), else 200 once committed: Zalo wants the answer
    within 2 s, so we only store and enqueue."""
    body = await request.body()
    payload = ingest.load(body)
    if not isinstance(payload, dict):
        return error_response(400, "malformed_json", "The request body is not a JSON object")
    settings = get_settings()
    timestamp = payload.get("timestamp")
    if not signature.verify(
        settings.zalo_app_id,
        body,
        str(timestamp) if isinstance(timestamp, str | int) else None,
        settings.zalo_oa_secret_key,
        request.headers.get("x-zevent-signature"),
    ):
        return error_response(
            401, "invalid_signature", "Missing or wrong X-ZEvent-Signature signature"
        )
    return await webhooks.accept(
        ingest.PROVIDER, ingest.PROCESS_JOB, body, request_id_var.get(), what="event"
    )
