"""`POST /webhooks/shopee`: a push verified, stored durably, then acknowledged (API.md)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from chotdon.channels import webhooks
from chotdon.channels.shopee import ingest, signing
from chotdon.core.errors import error_response
from chotdon.core.middleware import request_id_var
from chotdon.core.settings import get_settings

webhook_router = APIRouter(tags=["webhooks"])


def callback_url() -> str:
    """The URL Shopee signs: our public address + the path (channels-api.md §1.4)."""
    return f"{get_settings().base_url.rstrip('/')}/webhooks/shopee"


@webhook_router.post("/webhooks/shopee")
async def receive_push(request: Request) -> Response:
    """401 (nothing stored) on a missing or wrong `Authorization`, 400 on a body that is not
    JSON, 503 when it cannot be stored (Shopee retries / the lost-push store keeps it), else
    200 once committed. Shopee's push URL check wants a 2xx within 3 s: we only store and
    enqueue."""
    body = await request.body()
    settings = get_settings()
    if not signing.verify_push(
        settings.shopee_partner_key, callback_url(), body, request.headers.get("authorization")
    ):
        return error_response(401, "invalid_signature", "Missing or wrong Authorization signature")
    return await webhooks.accept(
        ingest.PROVIDER, ingest.PROCESS_JOB, body, request_id_var.get(), what="push"
    )
