"""Zalo OA webhook signatures (channels-api.md §4.3, API.md). Pure.

`X-ZEvent-Signature: mac=<hex SHA-256(app_id + raw body + timestamp + OA secret key)>`: a plain
SHA-256 (not an HMAC) over the app id, the raw bytes received, the body's own `timestamp` field
and the OA secret key (not the app secret).
"""

from __future__ import annotations

import hashlib
import hmac


def mac(app_id: str, body: bytes, timestamp: str, oa_secret_key: str) -> str:
    data = app_id.encode() + body + timestamp.encode() + oa_secret_key.encode()
    return hashlib.sha256(data).hexdigest()


def header(app_id: str, body: bytes, timestamp: str, oa_secret_key: str) -> str:
    """The header value Zalo sends for `body`."""
    return f"mac={mac(app_id, body, timestamp, oa_secret_key)}"


def verify(
    app_id: str, body: bytes, timestamp: str | None, oa_secret_key: str, received: str | None
) -> bool:
    """Constant-time check of a received `X-ZEvent-Signature`."""
    if not received or timestamp is None:
        return False
    value = received.strip()
    if value.startswith("mac="):
        value = value[4:]
    expected = mac(app_id, body, timestamp, oa_secret_key)
    return hmac.compare_digest(expected.encode(), value.lower().encode("latin-1", "replace"))
