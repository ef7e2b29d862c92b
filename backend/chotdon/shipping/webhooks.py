"""Carrier webhooks: authenticated by the account's secret, stored as received, then applied
once by `process_carrier_webhook`.

GHN signs nothing, so its URL carries `?token=<secret>`; GHTK appends `?hash=<secret>` as its
docs describe; Viettel Post sends the secret in `Authorization`. A wrong or missing secret is a
403 and nothing is stored. 200 only once the body is committed.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import parse_qsl

import orjson
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import select

from chotdon.core.after_commit import enqueue_job
from chotdon.core.db import unit_of_work
from chotdon.core.errors import error_response
from chotdon.shipping.carrier import CARRIERS
from chotdon.shipping.models import CarrierAccount, CarrierWebhook

log = logging.getLogger(__name__)
PROCESS_JOB = "process_carrier_webhook"
MAX_BODY = 64 * 1024

webhook_router = APIRouter(tags=["webhooks"])


def decode_body(content_type: str, body: bytes) -> dict[str, Any] | None:
    """JSON, or a form (GHTK's documented sample is form-encoded)."""
    if "application/x-www-form-urlencoded" in content_type:
        return dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError:
        return None
    return data if isinstance(data, dict) else None


def _secret(carrier: str, request: Request) -> str:
    if carrier == "ghn":
        return request.query_params.get("token", "")
    if carrier == "ghtk":
        return request.query_params.get("hash", "")
    return request.headers.get("authorization", "")


@webhook_router.post("/webhooks/{carrier}", include_in_schema=True)
async def receive_carrier_webhook(carrier: str, request: Request) -> Response:
    """A carrier's status update: 403 (nothing stored) on a wrong secret, 400 on a body we
    cannot read, 503 if it cannot be stored (the carrier retries), 200 once committed."""
    if carrier not in CARRIERS:
        return error_response(404, "not_found", "Unknown carrier")
    secret = _secret(carrier, request)
    body = await request.body()
    if len(body) > MAX_BODY:
        return error_response(413, "payload_too_large", "Webhook body too large")
    content_type = request.headers.get("content-type", "")
    if not secret:
        return error_response(403, "invalid_secret", "Missing webhook secret")
    if decode_body(content_type, body) is None:
        return error_response(400, "malformed_body", "The body is neither JSON nor a form")
    try:
        async with unit_of_work() as session:
            account = (
                await session.execute(
                    select(CarrierAccount).where(
                        CarrierAccount.carrier == carrier, CarrierAccount.webhook_secret == secret
                    )
                )
            ).scalar_one_or_none()
            if account is None:
                return error_response(403, "invalid_secret", "Wrong webhook secret")
            row = CarrierWebhook(
                workspace_id=account.workspace_id,
                carrier=carrier,
                content_type=content_type[:100],
                body=body,
            )
            session.add(row)
            await session.flush()
            enqueue_job(session, PROCESS_JOB, row.id, job_id=f"carrierwh:{row.id}")
    except Exception:  # database down: make the carrier retry, never lose the update
        log.exception("could not store a %s webhook", carrier)
        return error_response(
            503, "service_unavailable", "Retry later", headers={"Retry-After": "5"}
        )
    return JSONResponse({"success": True})
