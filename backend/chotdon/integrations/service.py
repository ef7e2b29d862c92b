"""Outgoing webhook subscriptions: CRUD, fan-out of outbox events, redeliver and test ping."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy import update as sql_update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.accounts.service import audit
from chotdon.core.auth import Principal
from chotdon.core.db import utcnow
from chotdon.core.errors import NotFound, ValidationFailed
from chotdon.core.outbox import OutboxEvent, public_id
from chotdon.core.security import decrypt_secret, encrypt_secret
from chotdon.core.tenant import get_owned, owned
from chotdon.integrations import delivery, signing
from chotdon.integrations.models import OutgoingDelivery, WebhookSubscription
from chotdon.integrations.schemas import WebhookIn, WebhookPatch

SECRET_PREFIX = "whsec_"


async def _check_reachable(url: str) -> None:
    try:
        await delivery.check_target(url)
    except delivery.TargetRefused as exc:
        raise ValidationFailed(
            str(exc), code="webhook_url_refused", details=[{"field": "url", "message": str(exc)}]
        ) from exc


async def get(session: AsyncSession, workspace_id: int, webhook_id: int) -> WebhookSubscription:
    return await get_owned(session, WebhookSubscription, webhook_id, workspace_id, label="Webhook")


async def list_webhooks(session: AsyncSession, workspace_id: int) -> list[WebhookSubscription]:
    return list(
        (
            await session.scalars(
                owned(WebhookSubscription, workspace_id).order_by(WebhookSubscription.id)
            )
        ).all()
    )


async def create(
    session: AsyncSession, principal: Principal, body: WebhookIn
) -> tuple[WebhookSubscription, str]:
    await _check_reachable(body.url)
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    sub = WebhookSubscription(
        workspace_id=principal.workspace_id,
        url=body.url,
        secret_encrypted=encrypt_secret(secret),
        events=body.events,
        enabled=body.active,
        description=body.description,
    )
    session.add(sub)
    await session.flush()
    audit(session, principal, "webhook.create", "webhook", sub.id, {"url": sub.url})
    return sub, secret


async def update(
    session: AsyncSession, principal: Principal, webhook_id: int, body: WebhookPatch
) -> WebhookSubscription:
    sub = await get(session, principal.workspace_id, webhook_id)
    if body.url is not None and body.url != sub.url:
        await _check_reachable(body.url)
        sub.url = body.url
    if body.events is not None:
        sub.events = body.events
    if body.description is not None:
        sub.description = body.description
    if body.active is not None and body.active != sub.enabled:
        sub.enabled = body.active
        if body.active:
            # Re-enabled: the streak starts over and what waited is delivered now.
            sub.consecutive_failures = 0
            sub.failing_since = None
            sub.disabled_reason = None
            sub.disabled_at = None
            await session.execute(
                sql_update(OutgoingDelivery)
                .where(
                    OutgoingDelivery.subscription_id == sub.id,
                    OutgoingDelivery.status == "pending",
                )
                .values(next_attempt_at=utcnow())
            )
            delivery.start(session, sub.id)
    sub.updated_at = utcnow()
    await session.flush()
    audit(
        session, principal, "webhook.update", "webhook", sub.id, body.model_dump(exclude_none=True)
    )
    return sub


async def delete(session: AsyncSession, principal: Principal, webhook_id: int) -> None:
    sub = await get(session, principal.workspace_id, webhook_id)
    await session.delete(sub)
    audit(session, principal, "webhook.delete", "webhook", webhook_id, {"url": sub.url})


async def list_deliveries(
    session: AsyncSession,
    workspace_id: int,
    webhook_id: int,
    *,
    limit: int,
    before_id: int | None,
) -> list[OutgoingDelivery]:
    await get(session, workspace_id, webhook_id)
    stmt = owned(OutgoingDelivery, workspace_id).where(
        OutgoingDelivery.subscription_id == webhook_id
    )
    if before_id is not None:
        stmt = stmt.where(OutgoingDelivery.id < before_id)
    return list(
        (await session.scalars(stmt.order_by(OutgoingDelivery.id.desc()).limit(limit + 1))).all()
    )


async def redeliver(
    session: AsyncSession, principal: Principal, webhook_id: int, delivery_id: int
) -> OutgoingDelivery:
    """A new attempt series for the same event (same event id, new delivery id), sent now."""
    sub = await get(session, principal.workspace_id, webhook_id)
    original = await get_owned(
        session, OutgoingDelivery, delivery_id, principal.workspace_id, label="Delivery"
    )
    if original.subscription_id != sub.id:
        raise NotFound("Delivery not found")
    copy = OutgoingDelivery(
        workspace_id=sub.workspace_id,
        subscription_id=sub.id,
        outbox_event_id=original.outbox_event_id,
        event_id=original.event_id,
        event_type=original.event_type,
        ordering_key=None,
        redelivery=True,
        payload=original.payload,
        status="pending",
        next_attempt_at=utcnow(),
    )
    session.add(copy)
    await session.flush()
    if sub.enabled:
        delivery.start(session, sub.id)
    audit(session, principal, "webhook.redeliver", "webhook", sub.id, {"delivery_id": original.id})
    return copy


async def ping(session: AsyncSession, principal: Principal, webhook_id: int) -> OutgoingDelivery:
    """Send a `ping` event now (even to a paused endpoint) and return its logged result."""
    sub = await get(session, principal.workspace_id, webhook_id)
    now = utcnow()
    event_id = f"evt_ping_{uuid.uuid4().hex[:16]}"
    ping_delivery = OutgoingDelivery(
        workspace_id=sub.workspace_id,
        subscription_id=sub.id,
        event_id=event_id,
        event_type="ping",
        payload={
            "id": event_id,
            "type": "ping",
            "created_at": now.isoformat(),
            "workspace_id": sub.workspace_id,
            "data": {"webhook_id": sub.id, "events": list(sub.events)},
        },
        status="pending",
        next_attempt_at=now,
        created_at=now,
    )
    session.add(ping_delivery)
    await session.flush()
    async with delivery.new_client() as client:
        attempt = await delivery.send_once(
            client, sub.url, decrypt_secret(sub.secret_encrypted), ping_delivery
        )
    delivery.record(session, sub, ping_delivery, attempt, utcnow())
    if ping_delivery.status == "pending":
        ping_delivery.status = "failed"  # a ping is not retried
    await session.flush()
    return ping_delivery


def envelope(event: OutboxEvent) -> dict[str, object]:
    return {
        "id": public_id(event.id),
        "type": event.type,
        "created_at": _iso(event.created_at),
        "workspace_id": event.workspace_id,
        "data": event.data,
    }


def _iso(at: datetime) -> str:
    return at.isoformat()


async def fan_out(session: AsyncSession, events: Sequence[OutboxEvent]) -> None:
    """One delivery per (active subscription, event it subscribes to); runners start after commit."""
    workspaces = {e.workspace_id for e in events}
    subs = list(
        (
            await session.scalars(
                select(WebhookSubscription).where(
                    WebhookSubscription.workspace_id.in_(workspaces),
                    WebhookSubscription.enabled.is_(True),
                )
            )
        ).all()
    )
    if not subs:
        return
    now = utcnow()
    rows = []
    started: set[int] = set()
    for event in events:
        for sub in subs:
            if sub.workspace_id != event.workspace_id or event.type not in sub.events:
                continue
            rows.append(
                {
                    "workspace_id": sub.workspace_id,
                    "subscription_id": sub.id,
                    "outbox_event_id": event.id,
                    "event_id": public_id(event.id),
                    "event_type": event.type,
                    "ordering_key": signing.ordering_key(event.type, event.data),
                    "payload": envelope(event),
                    "status": "pending",
                    "next_attempt_at": now,
                    "created_at": now,
                    "request_headers": {},
                }
            )
            started.add(sub.id)
    if not rows:
        return
    await session.execute(
        insert(OutgoingDelivery)
        .values(rows)
        .on_conflict_do_nothing(
            index_elements=["subscription_id", "outbox_event_id"],
            index_where=OutgoingDelivery.outbox_event_id.is_not(None)
            & ~OutgoingDelivery.redelivery,
        )
    )
    for sub_id in sorted(started):
        delivery.start(session, sub_id)
