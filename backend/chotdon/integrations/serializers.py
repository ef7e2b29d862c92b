"""Webhook subscriptions and deliveries as API bodies and realtime event data."""

from __future__ import annotations

from typing import Any

from chotdon.integrations.models import OutgoingDelivery, WebhookSubscription
from chotdon.integrations.schemas import DeliveryOut, DeliveryRequest, WebhookOut


def webhook_out(sub: WebhookSubscription) -> WebhookOut:
    return WebhookOut(
        id=sub.id,
        url=sub.url,
        events=list(sub.events),
        active=sub.enabled,
        description=sub.description,
        consecutive_failures=sub.consecutive_failures,
        failing_since=sub.failing_since,
        disabled_reason=sub.disabled_reason,
        disabled_at=sub.disabled_at,
        created_at=sub.created_at,
        updated_at=sub.updated_at or sub.created_at,
    )


def webhook_event(sub: WebhookSubscription) -> dict[str, Any]:
    return webhook_out(sub).model_dump(mode="json")


def delivery_out(d: OutgoingDelivery) -> DeliveryOut:
    return DeliveryOut(
        id=d.id,
        webhook_id=d.subscription_id,
        event_id=d.event_id,
        event_type=d.event_type,
        status=d.status,  # type: ignore[arg-type]
        attempts=d.attempts,
        redelivery=d.redelivery,
        next_attempt_at=d.next_attempt_at if d.status == "pending" else None,
        last_attempt_at=d.last_attempt_at,
        response_status=d.response_status,
        response_body=d.response_body,
        duration_ms=d.duration_ms,
        error=d.error,
        request=DeliveryRequest(headers=d.request_headers or {}, body=d.payload),
        delivered_at=d.delivered_at,
        created_at=d.created_at,
    )
