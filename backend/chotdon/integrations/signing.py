"""Pure pieces of outgoing webhooks: signature, retry delays, ordering keys, target checks."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import random
from collections.abc import Callable
from typing import Any

SIGNATURE_PREFIX = "sha256="


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """`X-Chotdon-Signature`: `sha256=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>`."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return SIGNATURE_PREFIX + digest.hexdigest()


def verify(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    """What a receiver does (documented for integrators; used by our tests)."""
    return hmac.compare_digest(sign(secret, timestamp, body), signature)


def retry_delay(
    attempt: int,
    *,
    base: float,
    cap: float,
    rand: Callable[[], float] = random.random,
) -> float:
    """Seconds before attempt `attempt + 1`: exponential (base·2^(n-1), at most `cap`) with
    "equal jitter" (half fixed, half random) so that many failing deliveries spread out."""
    if attempt < 1:
        return 0.0
    delay = min(cap, base * 2 ** min(attempt - 1, 32))
    return delay / 2 + rand() * delay / 2


def ordering_key(event_type: str, data: dict[str, Any]) -> str | None:
    """Deliveries with the same key reach an endpoint in event order."""
    kind = event_type.split(".", 1)[0]
    if kind == "message":
        ref = data.get("conversation_id")
        return f"conversation:{ref}" if ref is not None else None
    if kind == "shipment":
        ref = data.get("order_id")
        return f"order:{ref}" if ref is not None else None
    if kind in ("conversation", "order", "contact", "livestream") and data.get("id") is not None:
        return f"{kind}:{data['id']}"
    return None


def forbidden_address(address: str) -> bool:
    """An IP that production never calls: private, loopback, link-local, multicast, reserved."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return True
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )
