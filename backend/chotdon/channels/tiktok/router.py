"""`POST /webhooks/tiktok`: a notification verified, stored durably, then acknowledged (API.md)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from chotdon.channels import webhooks
from chotdon.channels.tiktok import ingest, signing
from chotdon.core.errors import error_response
from chotdon.core.middleware import request_id_var
from chotdon.core.settings import get_settings

webhook_router = APIRouter(tags=["webhooks"])


@webhook_router.post("/webhooks/tiktok")
async def receive_notification(request: Request) -> Response:
    """401 (nothing stored) on a missing or wrong `Authorization` (hex HMAC-SHA256 of app_key +
    raw body), 400 on a body that is not JSON, 503 when it cannot be stored (TikTok retries),
    else 200 once committed; the inbox is updated by a job."""
    body = await request.body()
    settings = get_settings()
    if not signing.verify_webhook(
        settings.tiktok_app_key,
        settings.tiktok_app_secret,
        body,
        request.headers.get("authorization"),
    ):
        return error_response(401, "invalid_signature", "Missing or wrong Authorization signature")
    return await webhooks.accept(
        ingest.PROVIDER, ingest.PROCESS_JOB, body, request_id_var.get(), what="notification"
    )
