"""`POST /webhooks/lazada`: a push (LPM) verified, stored durably, then acknowledged (API.md)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from chotdon.channels import webhooks
from chotdon.channels.lazada import ingest, signing
from chotdon.core.errors import error_response
from chotdon.core.middleware import request_id_var
from chotdon.core.settings import get_settings

webhook_router = APIRouter(tags=["webhooks"])


@webhook_router.post("/webhooks/lazada")
async def receive_lazada_push(request: Request) -> Response:
    """401 (nothing stored) on a missing or wrong `Authorization` (hex HMAC-SHA256 of app_key +
    raw body with the app secret), 400 on a body that is not JSON, 503 when it cannot be stored
    (Lazada retries 12 times, 30 minutes apart), else 200 once committed."""
    body = await request.body()
    settings = get_settings()
    if not signing.verify_push(
        settings.lazada_app_secret,
        settings.lazada_app_key,
        body,
        request.headers.get("authorization"),
    ):
        return error_response(401, "invalid_signature", "Missing or wrong Authorization signature")
    return await webhooks.accept(
        ingest.PROVIDER, ingest.PROCESS_JOB, body, request_id_var.get(), what="push"
    )
